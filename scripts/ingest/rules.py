"""Load and validate config/cleaning.yml, the site-specific rules of the ingest stage."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from scripts.core.frontmatter import yaml_problem
from scripts.core.fsutil import ROOT
from scripts.core.vietnamese import STYLES, match_key

RULES_FILE = ROOT / "config" / "cleaning.yml"
_FLAGS = re.I | re.U

_SETTINGS = {  # name: (type, minimum)
    "min_body_words": (int, 1),
    "heading_max_words": (int, 1),
    "caption_max_words": (int, 1),
    "byline_max_words": (int, 1),
    "max_input_bytes": (int, 1),
    "max_line_chars": (int, 1),
    "duplicate_similarity": (float, 0.0),
}


class RulesError(ValueError):
    """config/cleaning.yml is missing a key or holds a value of the wrong kind."""


@dataclass(frozen=True)
class Rules:
    """The cleaning rules: compiled patterns and settings."""

    tone_style: str
    min_body_words: int
    heading_max_words: int
    caption_max_words: int
    byline_max_words: int
    max_input_bytes: int
    max_line_chars: int
    duplicate_similarity: float
    ui_lines: tuple[re.Pattern, ...]
    logo_line: re.Pattern
    footer_headings: frozenset[str]
    teaser_prefixes: tuple[re.Pattern, ...]
    credit: re.Pattern
    credit_words: tuple[str, ...]
    alt_text_lines: tuple[re.Pattern, ...]
    datelines: tuple[re.Pattern, ...]
    byline_lines: tuple[re.Pattern, ...]
    outlets: dict[str, str]

    def outlet_named(self, name: str | None) -> str | None:
        """The outlet's display name for a marker, logo text or site name; None when unknown."""
        if not name:
            return None
        return self.outlets.get(match_key(name.strip(" .-()")))


@lru_cache(maxsize=4)
def load_rules(path: Path = RULES_FILE) -> Rules:
    """Read and validate the rules file; errors name the file and the field."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise RulesError(f"{path}: the cleaning rules are not valid YAML: {yaml_problem(exc)}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(f"{path}: cannot read the cleaning rules: {exc}") from None
    if not isinstance(data, dict):
        raise RulesError(f"{path}: expected a mapping at the top, found {type(data).__name__}")
    settings = _mapping(data, "settings", path)
    values = {name: _setting(settings, name, kind, low, path) for name, (kind, low) in _SETTINGS.items()}
    style = settings.get("tone_style")
    if style not in STYLES:
        raise RulesError(f"{path}: settings.tone_style: expected one of {STYLES}, found {style!r}")
    words = tuple(_strings(data, "credit_words", path))
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    outlets = _mapping(data, "outlets", path)
    return Rules(
        tone_style=style,
        **values,
        ui_lines=_patterns(data, "ui_lines", path),
        logo_line=_pattern(data.get("logo_line"), "logo_line", path),
        footer_headings=frozenset(match_key(h) for h in _strings(data, "footer_headings", path)),
        teaser_prefixes=_patterns(data, "teaser_prefixes", path),
        credit=re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", _FLAGS),
        credit_words=words,
        alt_text_lines=_patterns(data, "alt_text_lines", path),
        datelines=_patterns(data, "datelines", path),
        byline_lines=_patterns(data, "byline_lines", path),
        outlets={match_key(str(k)): str(v) for k, v in outlets.items()},
    )


def _mapping(data: dict, key: str, path: Path) -> dict:
    value = data.get(key)
    if not isinstance(value, dict):
        raise RulesError(f"{path}: {key}: expected a mapping, found {type(value).__name__}")
    return value


def _setting(settings: dict, name: str, kind: type, low, path: Path):
    value = settings.get(name)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (kind is int and not isinstance(value, int)):
        raise RulesError(f"{path}: settings.{name}: expected {kind.__name__}, found {value!r}")
    if value < low:
        raise RulesError(f"{path}: settings.{name}: expected at least {low}, found {value!r}")
    return kind(value)


def _strings(data: dict, key: str, path: Path) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise RulesError(f"{path}: {key}: expected a non-empty list of strings, found {value!r}")
    return value


def _pattern(text, key: str, path: Path) -> re.Pattern:
    if not isinstance(text, str) or not text:
        raise RulesError(f"{path}: {key}: expected a regular expression, found {text!r}")
    try:
        return re.compile(text, _FLAGS)
    except re.error as exc:
        raise RulesError(f"{path}: {key}: invalid regular expression {text!r}: {exc}") from None


def _patterns(data: dict, key: str, path: Path) -> tuple[re.Pattern, ...]:
    return tuple(_pattern(t, f"{key}[{i}]", path) for i, t in enumerate(_strings(data, key, path)))
