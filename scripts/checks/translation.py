"""Translation QA for `python -m scripts check`: terms, forbidden variants, numbers and dates, placeholders."""
from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from scripts.checks import Finding
from scripts.core import frontmatter
from scripts.core.content import article_paths
from scripts.glossary.matching import find_terms
from scripts.glossary.terms import GlossaryError, load_terms
from scripts.translate.segments import PLACEHOLDER, page_segments

CHECK = "translation-qa"
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_ORD = r"(?:st|nd|rd|th)?"

# Date patterns: (regex, groups giving day, month, year; a month given by name is looked up).
_DATES = {
    "vi": [
        (re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?", re.I), "dmy"),
        (re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\d/])"), "dmy"),
        (re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{4})(?![\d/])"), "my"),
        (re.compile(r"tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.I), "my"),
    ],
    "en": [
        (re.compile(rf"(?<!\d)(\d{{1,2}}){_ORD}\s+{_MONTH}(?:,?\s+(\d{{4}}))?", re.I), "dmy"),
        (re.compile(rf"{_MONTH}\s+(\d{{1,2}}){_ORD}(?!\d)(?:,\s*(\d{{4}}))?", re.I), "mdy"),
        (re.compile(rf"{_MONTH}\s+(?:of\s+)?(\d{{4}})", re.I), "my"),
        (re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\d/])"), "dmy"),
    ],
}
# Numbers: Vietnamese groups thousands with dots and marks decimals with a comma; English the reverse.
_NUMBERS = {
    "vi": (re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?:,\d+)?(?!\d)|(?<![\d.,])\d+(?:,\d+)?(?![\d])"), ".", ","),
    "en": (re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|(?<![\d.,])\d+(?:\.\d+)?(?![\d])"), ",", "."),
}


def _month(value: str) -> int:
    return int(value) if value.isdigit() else MONTHS.index(value.lower()) + 1


def dates_in(text: str, lang: str) -> tuple[set[tuple], str]:
    """Dates in `text` as (day or None, month, year or None), and the text with them blanked out."""
    found = set()
    for pattern, order in _DATES[lang]:
        def take(match, order=order):
            groups = match.groups()
            if order == "my":
                day, month, year = None, groups[0], groups[1]
            elif order == "mdy":
                month, day, year = groups
            else:
                day, month, year = groups
            try:
                number = _month(month)
            except ValueError:
                return match.group(0)
            if 1 <= number <= 12 and (day is None or 1 <= int(day) <= 31):
                found.add((int(day) if day else None, number, int(year) if year else None))
                return " " * len(match.group(0))
            return match.group(0)

        text = pattern.sub(take, text)
    return found, text


def numbers_in(text: str, lang: str) -> set[Decimal]:
    """Numbers in `text` (dates excluded) as values: 1.234,5 (vi) and 1,234.5 (en) are both 1234.5."""
    pattern, group, decimal = _NUMBERS[lang]
    values = set()
    for match in pattern.finditer(text):
        try:
            values.add(Decimal(match.group(0).replace(group, "").replace(decimal, ".")).normalize())
        except InvalidOperation:
            continue
    return values


def lost_values(vi_text: str, en_text: str) -> list[str]:
    """Dates and numbers of the Vietnamese that the English does not have, as readable strings."""
    vi_dates, vi_rest = dates_in(vi_text, "vi")
    en_dates, en_rest = dates_in(en_text, "en")
    lost = []
    for day, month, year in sorted(vi_dates, key=str):
        if not any(m == month and (day is None or d in (day, None)) and (year is None or y in (year, None))
                   for d, m, y in en_dates):
            lost.append("/".join(str(x) for x in (day, month, year) if x is not None))
    en_numbers = numbers_in(en_rest, "en") | {Decimal(x).normalize() for d in en_dates for x in d if x}
    lost += [f"{n:f}" for n in sorted(numbers_in(vi_rest, "vi") - en_numbers)]
    return lost


def english_pattern(form: str) -> re.Pattern:
    """A whole-word, case-insensitive pattern of an English form that also accepts its plural
    ("Member State" finds "Member States") and any spacing."""
    words = [re.escape(w) for w in form.split()]
    last = words[-1]
    plural = f"(?:{last[:-1]}(?:y|ies)|{last})" if last.endswith("y") else f"{last}(?:s|es)?"
    return re.compile(r"(?<!\w)" + r"\s+".join(words[:-1] + [plural]) + r"(?!\w)", re.I)


def approved_spans(text: str, terms: list) -> list[tuple[int, int]]:
    """Where the approved English forms (and accepted variants) of `terms` occur in `text`."""
    return [m.span() for t in terms for f in t.forms("en") for m in english_pattern(f).finditer(text)]


def forbidden_in(text: str, terms: Iterable) -> list[tuple[str, str]]:
    """(form, reason) of every forbidden variant used in `text`; one inside a longer approved form
    ("Ho Chi Minh" in "Ho Chi Minh City") does not count."""
    terms = list(terms)
    approved = approved_spans(text, terms)
    found = []
    for term in terms:
        for entry in term.forbidden or ():
            form = str(entry.get("form", "")).strip()
            if form and any(not any(a <= m.start() and m.end() <= b and b - a > m.end() - m.start()
                                    for a, b in approved)
                            for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text, re.I)):
                found.append((form, str(entry.get("reason", ""))))
    return found


def missing_terms(vi_text: str, en_text: str, terms: list) -> list:
    """Terms of the Vietnamese whose approved English (or accepted variant) is not in the English."""

    missing = []
    for term in dict.fromkeys(m.term for m in find_terms(vi_text, terms)):
        if term.untranslated:
            present = bool(find_terms(en_text, [term], "vi"))
        else:
            present = any(english_pattern(form).search(en_text) for form in term.forms("en"))
        if not present:
            missing.append(term)
    return missing


def pairs_of(vi_meta: dict, vi_body: str, en_meta: dict, en_body: str) -> list[tuple[str, str]]:
    """(Vietnamese, English) texts to compare: segment by segment when the pages align (pending
    segments, still in Vietnamese, left out), else the whole pages."""
    vi = page_segments(vi_meta, vi_body)
    en = page_segments(en_meta, en_body)
    if len(vi) == len(en):
        return [(a.text, b.text) for a, b in zip(vi, en) if " ".join(a.text.split()) != " ".join(b.text.split())]
    return [(vi_body, en_body)]


def page_findings(rel: str, vi_page: tuple[dict, str], en_page: tuple[dict, str], terms: list) -> list[Finding]:
    """QA findings of one English page against its Vietnamese source."""
    en_meta, en_body = en_page
    info = en_meta.get("translation") if isinstance(en_meta.get("translation"), dict) else {}
    status = info.get("status")
    shown = f"docs/en/{rel}"
    findings = []
    whole = "\n".join(str(en_meta.get(k) or "") for k in ("title", "description")) + "\n" + en_body
    if leftovers := sorted(set(PLACEHOLDER.findall(whole))):
        findings.append(Finding("error", CHECK, shown, "leftover placeholder(s) "
                                + ", ".join(f"⟦{n}⟧" for n in leftovers) + ": restore the protected text"))
    for form, reason in forbidden_in(whole, terms):
        findings.append(Finding("error", CHECK, shown, f"forbidden variant “{form}” used" + (f": {reason}" if reason else "")))
    if status == "untranslated":
        return findings
    if info.get("pending"):
        findings.append(Finding("warning", CHECK, shown, f"{info['pending']} segment(s) pending, shown in Vietnamese"))
    number_severity = "error" if status == "machine-draft" else "warning"
    for vi_text, en_text in pairs_of(*vi_page, en_meta, en_body):
        where = " ".join(en_text.split())[:60]
        for term in missing_terms(vi_text, en_text, terms) if terms else ():
            findings.append(Finding("warning", CHECK, shown,
                                    f"glossary term {term.id}: approved English “{term.en}” missing in “{where}…”"))
        if lost := lost_values(vi_text, en_text):
            findings.append(Finding(number_severity, CHECK, shown,
                                    f"number(s)/date(s) {', '.join(lost)} of the Vietnamese missing in “{where}…”"))
    return findings


def translation_findings(project) -> Iterable[Finding]:
    """Every English article page checked against its Vietnamese source and the glossary."""
    try:
        terms = load_terms(project)
    except GlossaryError as exc:
        terms = []
        yield Finding("warning", CHECK, "glossary/", f"terms not checked: {exc}")
    base = project.lang_dir("en")
    for en_path in article_paths(project.docs, "en"):
        rel = en_path.relative_to(base).as_posix()
        vi_path = project.page("vi", rel)
        if not vi_path.exists():
            yield Finding("warning", CHECK, f"docs/en/{rel}", f"no Vietnamese source at docs/vi/{rel}")
            continue
        yield from page_findings(rel, frontmatter.read(vi_path), frontmatter.read(en_path), terms)
