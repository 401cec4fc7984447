"""The site-specific rules of the ingest stage (config/cleaning.yml), validated, with the outlet registry
(config/outlets.yml) they name outlets from."""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path

from scripts.core.schema import Document, Field, SchemaError, field_problems, load_settings
from scripts.core.vietnamese import STYLES, match_key
from scripts.ingest.outlets import Outlets

_FLAGS = re.I | re.U

SETTINGS = {
    "tone_style": Field(str, f"one of {', '.join(STYLES)}", required=True, choices=STYLES),
    "min_body_words": Field(int, "a whole number", required=True, minimum=1),
    "heading_max_words": Field(int, "a whole number", required=True, minimum=1),
    "caption_max_words": Field(int, "a whole number", required=True, minimum=1),
    "byline_max_words": Field(int, "a whole number", required=True, minimum=1),
    "max_input_bytes": Field(int, "a whole number", required=True, minimum=1),
    "max_line_chars": Field(int, "a whole number", required=True, minimum=1),
    "duplicate_similarity": Field(float, "a number", required=True, minimum=0.0),
    "review_below": Field(float, "a number between 0 and 1", required=True, minimum=0.0),
}
# Where a value came from → how sure ingest is of it (config/cleaning.yml `confidence:`).
CONFIDENCE_KEYS = (
    "title_agreed", "title_best", "title_close",
    "date_printed", "date_meta", "date_late", "date_relative", "date_absent", "date_hinted",
    "author_labelled", "author_byline", "author_meta", "author_doubtful", "author_absent",
    "outlet_named", "outlet_domain", "outlet_unlisted", "outlet_mention", "outlet_absent",
)
PATTERNS = "a non-empty list of regular expressions"
PATTERN_LISTS = ("ui_lines", "menu_lines", "footer_lines", "teaser_prefixes", "alt_text_lines", "datelines",
                 "byline_lines", "credit_lines", "outlet_mentions")
PATTERN_TEXTS = ("logo_line", "relative_time", "lead_classes", "chrome_classes")
FIELDS = {
    "settings": Field(dict, "a mapping of settings", required=True),
    **{name: Field(list, PATTERNS, required=True, items=str) for name in PATTERN_LISTS},
    **{name: Field(str, "a regular expression", required=True) for name in PATTERN_TEXTS},
    "footer_headings": Field(list, "a non-empty list of headings", required=True, items=str),
    "credit_words": Field(list, "a non-empty list of words", required=True, items=str),
    "byline_groups": Field(list, "a non-empty list of words", required=True, items=str),
    "confidence": Field(dict, "a mapping of value origins to numbers between 0 and 1", required=True),
}
# Patterns matched with case: a name is capitalised.
CASED = {"outlet_mentions"}


RulesError = SchemaError  # config/cleaning.yml is missing a key or holds a value of the wrong kind


@dataclass(frozen=True)
class Rules:
    """The cleaning rules: compiled patterns and settings, and the outlet registry."""

    tone_style: str
    min_body_words: int
    heading_max_words: int
    caption_max_words: int
    byline_max_words: int
    max_input_bytes: int
    max_line_chars: int
    duplicate_similarity: float
    review_below: float
    ui_lines: tuple[re.Pattern, ...]
    menu_lines: tuple[re.Pattern, ...]
    footer_lines: tuple[re.Pattern, ...]
    logo_line: re.Pattern
    footer_headings: frozenset[str]
    teaser_prefixes: tuple[re.Pattern, ...]
    credit: re.Pattern
    credit_words: tuple[str, ...]
    alt_text_lines: tuple[re.Pattern, ...]
    datelines: tuple[re.Pattern, ...]
    relative_time: re.Pattern
    byline_lines: tuple[re.Pattern, ...]
    byline_groups: frozenset[str]
    credit_lines: tuple[re.Pattern, ...]
    outlet_mentions: tuple[re.Pattern, ...]
    lead_classes: re.Pattern
    chrome_classes: re.Pattern
    confidence: dict[str, float]
    outlets: Outlets = Outlets(())
    digest: str = field(default="", compare=False)

    def with_outlets(self, outlets: Outlets) -> Rules:
        """These rules naming outlets from `outlets` (one object per pair, so that a run computes
        the fingerprint of its rules once)."""
        key = (id(self), id(outlets))
        known = _WITH_OUTLETS.get(key)
        if known is None or known[0] is not self or known[1] is not outlets:
            combined = dataclasses.replace(self, outlets=outlets, digest=f"{self.digest}+{outlets.digest}")
            known = _WITH_OUTLETS[key] = (self, outlets, combined)
        return known[2]

    def sure(self, origin: str) -> float:
        """How sure ingest is of a value of this origin ("date_printed"); 1.0 for "sidecar"."""
        return 1.0 if origin == "sidecar" else self.confidence[origin]


_WITH_OUTLETS: dict[tuple[int, int], tuple[Rules, Outlets, Rules]] = {}


def load_rules(path: Path, shown: str | None = None, outlets: Outlets | None = None) -> Rules:
    """The rules of the file at `path` (a project reads its own with Project.cleaning_rules)."""
    rules = load_settings(path, shown or str(path), rules_from)
    return rules.with_outlets(outlets) if outlets is not None else rules


def rules_from(doc: Document) -> Rules:
    """Rules from config/cleaning.yml; SchemaError naming the file, line and field of every problem."""
    data = doc.data
    problems = field_problems(doc, data, FIELDS, unknown=False)
    if not problems:
        problems = field_problems(doc, data["settings"], SETTINGS, "settings", unknown=False)
    if not problems:
        problems = [doc.problem(f"{key}[{i}]", why) for key in PATTERN_LISTS
                    for i, pattern in enumerate(data[key]) if (why := _pattern_problem(pattern))]
        problems += [doc.problem(key, why) for key in PATTERN_TEXTS if (why := _pattern_problem(data[key]))]
        problems += _confidence_problems(doc, data["confidence"])
    if problems:
        raise SchemaError(problems)
    settings = data["settings"]
    words = tuple(data["credit_words"])
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return Rules(
        tone_style=settings["tone_style"],
        **{name: spec.kind(settings[name]) for name, spec in SETTINGS.items() if name != "tone_style"},
        **{name: _patterns(data[name], name in CASED) for name in PATTERN_LISTS},
        **{name: re.compile(data[name], _FLAGS) for name in PATTERN_TEXTS},
        footer_headings=frozenset(match_key(h) for h in data["footer_headings"]),
        credit=re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", _FLAGS),
        credit_words=words,
        byline_groups=frozenset(match_key(w) for w in data["byline_groups"]),
        confidence={key: float(data["confidence"][key]) for key in CONFIDENCE_KEYS},
        digest=doc.digest,
    )


def _confidence_problems(doc: Document, table: dict) -> list:
    problems = [doc.problem(f"confidence.{key}", "missing; expected a number between 0 and 1")
                for key in CONFIDENCE_KEYS if key not in table]
    problems += [doc.problem(f"confidence.{key}", f"expected a number between 0 and 1, found {value!r}")
                 for key, value in table.items()
                 if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1]
    problems += [doc.problem(f"confidence.{key}", f"unknown origin; the origins are {', '.join(CONFIDENCE_KEYS)}")
                 for key in table if key not in CONFIDENCE_KEYS]
    return problems


def _pattern_problem(text: str) -> str | None:
    try:
        re.compile(text, _FLAGS)
    except re.error as exc:
        return f"invalid regular expression {text!r}: {exc}"
    return None


def _patterns(texts: list[str], cased: bool = False) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(t, re.U if cased else _FLAGS) for t in texts)
