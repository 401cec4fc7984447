"""Helpers of the translation tests: a temp project with the fixture article, fast settings, terms."""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from scripts.glossary.terms import Term, term_from

FIXTURES = Path(__file__).parents[1] / "fixtures" / "translate"
REPO = Path(__file__).resolve().parents[2]
ARTICLE = "articles/2024/iom-hop-tac.md"
# Short timeouts and back-off so that failure tests take well under a second each.
FAST = {
    "engine": "none",
    "timeout": {"connect": 0.5, "read": 0.5, "deadline": 1.5},
    "retries": 2,
    "backoff": {"initial": 0.01, "factor": 2.0, "max": 0.05},
    "rate_limit": 1000,
    "concurrency": 4,
    "answers": {"max_bytes": 200000, "ratio": 4, "extra": 200},
    "grammar": {"plural_before": ["các", "những", "nhiều"], "singular_before": ["một"],
                "verb_before": ["phải", "đã", "sẽ", "muốn"], "verb_after": ["sang", "đến"]},
    "engines": {
        "llm": {"source": "vi", "target": "en", "max_chars": 20000, "url": None, "model": None,
                "batch_tokens": 3000, "chars_per_token": 2.5, "json_mode": True, "temperature": 0,
                "style": "config/translation-style.md"},
        "deepl": {"source": "VI", "target": "EN-GB", "max_chars": 5000, "url": None},
        "google": {"source": "vi", "target": "en", "max_chars": 4500},
        "libre": {"source": "vi", "target": "en", "max_chars": 2000, "url": None},
        "mymemory": {"source": "vi-VN", "target": "en-GB", "max_chars": 480},
        "microsoft": {"source": "vi", "target": "en", "max_chars": 10000},
    },
}


def make_project(tmp: Path, settings: dict | None = None) -> Path:
    """A project root in `tmp` holding the fixture Vietnamese article and translation settings."""
    shutil.copytree(FIXTURES / "docs", tmp / "docs")
    shutil.copytree(REPO / "config", tmp / "config")
    (tmp / "config" / "translation.yml").write_text(yaml.safe_dump(settings or FAST), encoding="utf-8")
    return tmp


def vi_page(root: Path, rel: str = ARTICLE) -> Path:
    return root / "docs" / "vi" / rel


def en_page(root: Path, rel: str = ARTICLE) -> Path:
    return root / "docs" / "en" / rel


def term(id_: str, kind: str, vi: str, en: str, **extra) -> Term:
    """A term as a glossary file with these fields gives it (forms and all)."""
    data = {"id": id_, "kind": kind, "vi": vi, "en": en, "definition_vi": "-", "definition_en": "-"}
    for name, value in extra.items():
        data[name] = list(value) if isinstance(value, tuple) else value
    return term_from(data, f"glossary/terms/{id_}.yml")


def fixture_terms() -> list[Term]:
    """Terms built for these tests (not read from glossary/)."""
    return [
        term("bo-ngoai-giao", "organisation", "Bộ Ngoại giao", "Ministry of Foreign Affairs", article=True,
             forbidden=({"form": "Foreign Ministry Department", "reason": "not the official name"},)),
        term("iom", "organisation", "Tổ chức Di cư Quốc tế", "International Organization for Migration",
             vi_variants=({"vi": "IOM", "keep": True},), en_abbr="IOM", article=True),
        term("gcm", "document", "Thỏa thuận toàn cầu về Di cư hợp pháp, an toàn và trật tự",
             "Global Compact for Safe, Orderly and Regular Migration", en_abbr="GCM",
             forbidden=({"form": "GCM Agreement", "reason": "it is a compact"},)),
        term("viet-nam", "place", "Việt Nam", "Viet Nam", forbidden=({"form": "Vietnam", "reason": "UN style"},)),
    ]
