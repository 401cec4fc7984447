"""The site-specific rules of the ingest stage (config/cleaning.yml), validated."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from scripts.core.schema import Document, Field, SchemaError, field_problems, load_settings
from scripts.core.vietnamese import STYLES, match_key

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
}
PATTERNS = "a non-empty list of regular expressions"
FIELDS = {
    "settings": Field(dict, "a mapping of settings", required=True),
    "ui_lines": Field(list, PATTERNS, required=True, items=str),
    "logo_line": Field(str, "a regular expression", required=True),
    "footer_headings": Field(list, "a non-empty list of headings", required=True, items=str),
    "teaser_prefixes": Field(list, PATTERNS, required=True, items=str),
    "credit_words": Field(list, "a non-empty list of words", required=True, items=str),
    "alt_text_lines": Field(list, PATTERNS, required=True, items=str),
    "datelines": Field(list, PATTERNS, required=True, items=str),
    "byline_lines": Field(list, PATTERNS, required=True, items=str),
    "outlets": Field(dict, "a mapping of outlet markers to names", required=True),
}


RulesError = SchemaError  # config/cleaning.yml is missing a key or holds a value of the wrong kind


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
    digest: str = field(default="", compare=False)

    def outlet_named(self, name: str | None) -> str | None:
        """The outlet's display name for a marker, logo text or site name; None when unknown."""
        if not name:
            return None
        return self.outlets.get(match_key(name.strip(" .-()")))


def load_rules(path: Path, shown: str | None = None) -> Rules:
    """The rules of the file at `path` (a project reads its own with Project.cleaning_rules)."""
    return load_settings(path, shown or str(path), rules_from)


def rules_from(doc: Document) -> Rules:
    """Rules from config/cleaning.yml; SchemaError naming the file, line and field of every problem."""
    data = doc.data
    problems = field_problems(doc, data, FIELDS, unknown=False)
    if not problems:
        problems = field_problems(doc, data["settings"], SETTINGS, "settings", unknown=False)
    if not problems:
        problems = [doc.problem(f"{key}[{i}]", why) for key in ("ui_lines", "teaser_prefixes", "alt_text_lines",
                                                                  "datelines", "byline_lines")
                    for i, pattern in enumerate(data[key]) if (why := _pattern_problem(pattern))]
        if why := _pattern_problem(data["logo_line"]):
            problems.append(doc.problem("logo_line", why))
    if problems:
        raise SchemaError(problems)
    settings = data["settings"]
    words = tuple(data["credit_words"])
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return Rules(
        tone_style=settings["tone_style"],
        **{name: spec.kind(settings[name]) for name, spec in SETTINGS.items() if name != "tone_style"},
        ui_lines=_patterns(data["ui_lines"]),
        logo_line=re.compile(data["logo_line"], _FLAGS),
        footer_headings=frozenset(match_key(h) for h in data["footer_headings"]),
        teaser_prefixes=_patterns(data["teaser_prefixes"]),
        credit=re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", _FLAGS),
        credit_words=words,
        alt_text_lines=_patterns(data["alt_text_lines"]),
        datelines=_patterns(data["datelines"]),
        byline_lines=_patterns(data["byline_lines"]),
        outlets={match_key(str(k)): str(v) for k, v in data["outlets"].items()},
        digest=doc.digest,
    )


def _pattern_problem(text: str) -> str | None:
    try:
        re.compile(text, _FLAGS)
    except re.error as exc:
        return f"invalid regular expression {text!r}: {exc}"
    return None


def _patterns(texts: list[str]) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(t, _FLAGS) for t in texts)
