"""The check of one English segment against its Vietnamese source, run after every engine before anything
is written, and by `python -m scripts check` on every page: glossary terms in the right form (full,
abbreviation, plural), no forbidden variant where its term occurs, no doubled name, numbers and dates
kept and in their places, no Vietnamese left. Every pattern here is linear in the text."""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from scripts.glossary.terms import strip_article
from scripts.translate.settings import Grammar
from scripts.translate.usage import Use, term_uses

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_ORD = r"(?:st|nd|rd|th)?"
# English number words a translation may use for small numbers (UN style writes one to nine in words).
NUMBER_WORDS = {w: i for i, w in enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                                            "nine", "ten"))}

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
_NUMBER_WORD = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", re.I)
# Letters only Vietnamese writes (đ, ơ, ư, ă; a hook above or a dot below), or a tone on a marked vowel (ộ).
_VI_ONLY = set("đĐ\u031b\u0306\u0309\u0323")
_TONES = set("\u0300\u0301\u0303\u0309\u0323")
_WORD = re.compile(r"[^\W\d_]+")
# Markdown that holds no prose (code, link targets, URLs, HTML tags): blanked before looking for Vietnamese.
_NOT_PROSE = re.compile(r"`[^`\n]{0,2000}`|\]\([^()\s]{0,2000}\)|https?://[^\s<>()\[\]]{1,2000}|<[^<>\n]{0,500}>")


@dataclass(frozen=True)
class Violation:
    """One thing wrong with a segment's English; `kind`: term, forbidden, doubled, number, vietnamese."""

    kind: str
    message: str

    def __str__(self) -> str:
        return self.message


# ─── Numbers and dates ───────────────────────────────────────────────────────────────

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


def number_sequence(text: str, lang: str) -> list[Decimal]:
    """Numbers in `text` (dates already blanked) as values, in order: 1.234,5 (vi) and 1,234.5 (en)
    are both 1234.5; English number words (four) count as their value."""
    pattern, group, decimal = _NUMBERS[lang]
    values = []
    for match in pattern.finditer(text):
        try:
            values.append((match.start(), Decimal(match.group(0).replace(group, "").replace(decimal, ".")).normalize()))
        except InvalidOperation:
            continue
    if lang == "en":
        values += [(m.start(), Decimal(NUMBER_WORDS[m.group(1).lower()])) for m in _NUMBER_WORD.finditer(text)]
    return [value for _, value in sorted(values, key=lambda pair: pair[0])]


def numbers_in(text: str, lang: str) -> set[Decimal]:
    return set(number_sequence(text, lang))


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


def moved_values(vi_text: str, en_text: str) -> list[str]:
    """Numbers that changed places: the English has the Vietnamese numbers, but in another order
    ("Năm 2024 có 175 người" → "In 175 there were 2024 people"). Dates are compared as dates."""
    vi = number_sequence(dates_in(vi_text, "vi")[1], "vi")
    en = [n for n in number_sequence(dates_in(en_text, "en")[1], "en") if n in set(vi)]
    if sorted(vi) != sorted(en) or vi == en:
        return []
    return [f"{a:f} ↔ {b:f}" for a, b in zip(vi, en) if a != b][:1]


# ─── Glossary terms ──────────────────────────────────────────────────────────────────

def _plural_of(english: str) -> str:
    words = english.split()
    if not words:
        return english
    last = words[-1]
    if last.endswith("y") and last[-2:-1] not in "aeiou":
        last = last[:-1] + "ies"
    elif last.endswith(("s", "x", "ch", "sh")):
        last += "es"
    else:
        last += "s"
    return " ".join(words[:-1] + [last])


def english_pattern(form: str, number: str = "any") -> re.Pattern:
    """A whole-word, case-insensitive pattern of an English form, any spacing; `number` "any" also
    accepts its plural ("Member State" finds "Member States"), "plural" only the plural."""
    words = strip_article(form).split()
    if not words:
        return re.compile(r"(?!x)x")
    singular = r"\s+".join(re.escape(w) for w in words)
    plural = r"\s+".join(re.escape(w) for w in _plural_of(" ".join(words)).split())
    body = plural if number == "plural" else f"(?:{plural}|{singular})"
    return re.compile(r"(?<!\w)" + body + r"(?!\w)", re.I)


def accepted_english(use: Use) -> tuple[list[str], str]:
    """The English renderings that satisfy one use of a term, and whether only plurals do."""
    form = use.form
    forms = [form.en, *form.accepted]
    if use.plural and form.plural:
        return [form.plural, *forms], "plural"
    return [form.plural, *forms] if form.plural else forms, "any"


def present(use: Use, en_text: str) -> bool:
    forms, number = accepted_english(use)
    return any(english_pattern(f, "any" if f == use.form.plural else number).search(en_text) for f in forms if f)


def approved_spans(text: str, terms) -> list[tuple[int, int]]:
    """Where the approved English forms (and accepted variants) of `terms` occur in `text`."""
    return [m.span() for t in terms for f in t.forms("en") for m in english_pattern(f).finditer(text)]


def forbidden_in(text: str, terms) -> list[tuple[str, str]]:
    """(form, reason) of every forbidden variant of `terms` used in `text`; one inside a longer
    approved form ("Ho Chi Minh" in "Ho Chi Minh City") does not count."""
    terms = list(dict.fromkeys(terms))
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


def forbidden_renderings(vi_text: str, en_text: str, uses: list[Use]) -> list[tuple[str, str]]:
    """(form, reason) of the forbidden variants used as renderings of the terms of `vi_text`: a term
    whose every use is rendered by an approved form leaves its forbidden forms to other meanings
    ("Ho Chi Minh City … President Ho Chi Minh"); a forbidden form the Vietnamese itself writes is a
    name of its own ("Vietnam Airlines"); one inside a longer approved form does not count."""
    found = []
    for term in dict.fromkeys(u.term for u in uses):
        forbidden = [(str(e.get("form", "")).strip(), str(e.get("reason", ""))) for e in term.forbidden or ()]
        forbidden = [(f, r) for f, r in forbidden if f and not re.search(rf"(?<!\w){re.escape(f)}(?!\w)", vi_text)]
        if not forbidden:
            continue
        bad = [(m.span(), f, r) for f, r in forbidden for m in english_pattern(f).finditer(en_text)]
        good = [m.span() for f in term.forms("en") for m in english_pattern(f).finditer(en_text)]
        good = [(a, b) for a, b in good if not any(x <= a and b <= y and (x, y) != (a, b) for (x, y), _, _ in bad)]
        bad = [(span, f, r) for span, f, r in bad if not any(a <= span[0] and span[1] <= b and b - a > span[1] - span[0]
                                                             for a, b in good)]
        if bad and len(set(good)) < sum(1 for u in uses if u.term is term):
            found += list(dict.fromkeys((f, r) for _, f, r in bad))
    return found


def doubled_names(text: str, terms) -> list[str]:
    """English names written twice, the second in brackets: "United Nations (United Nations)"."""
    found = []
    for term in dict.fromkeys(terms):
        for form in term.forms("en"):
            words = r"\s+".join(re.escape(w) for w in form.split())
            if re.search(rf"(?<!\w){words}\s*\(\s*(?:the\s+)?{words}\s*\)", text, re.I):
                found.append(form)
    return found


# ─── Vietnamese left ─────────────────────────────────────────────────────────────────

def _marks(word: str) -> set[str]:
    return {c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) == "Mn"} | (set(word) & {"đ", "Đ"})


def vietnamese_left(en_text: str) -> list[str]:
    """Vietnamese words in an English text: a word only Vietnamese writes (đ, ơ, ư, ă, a hook or dot
    below, a tone on a marked vowel), or a marked word next to another marked word ("Hà Nội"). Code,
    URLs and tags are skipped; a lone accented foreign word (Genève, São, Côte) is not Vietnamese."""
    text = _NOT_PROSE.sub(" ", en_text)
    words = []
    for match in _WORD.finditer(text):
        marks = _marks(match.group(0))
        specific = bool(marks & _VI_ONLY) or (len(marks) >= 2 and bool(marks & _TONES))
        words.append((match.start(), match.end(), match.group(0), bool(marks), specific))
    found = []
    for index, (start, end, word, marked, specific) in enumerate(words):
        neighbours = [words[j] for j in (index - 1, index + 1) if 0 <= j < len(words)]
        beside = any(n[3] and not text[min(end, n[1]):max(start, n[0])].strip() for n in neighbours)
        if specific or (marked and beside):
            found.append(word)
    return list(dict.fromkeys(found))


# ─── One segment ─────────────────────────────────────────────────────────────────────

def segment_violations(vi_text: str, en_text: str, terms, grammar: Grammar, uses: list[Use] | None = None
                       ) -> list[Violation]:
    """Everything wrong with `en_text` as the English of `vi_text` (empty: the draft may be written).
    Character references are compared as the characters they show ("&#40;" is "(", not 40)."""
    if uses is None or "&" in vi_text:
        vi_text = html.unescape(vi_text)
        uses = term_uses(vi_text, terms, grammar)
    en_text = html.unescape(en_text)
    found = []
    for use in dict((u.form.vi + str(u.plural), u) for u in uses).values():
        if not present(use, en_text):
            forms, number = accepted_english(use)
            wanted = forms[0] if number == "plural" else use.form.en
            found.append(Violation("term", f"“{use.form.vi}” must be rendered “{strip_article(wanted)}”"
                                   + (" (plural)" if number == "plural" else "")))
    used_terms = [u.term for u in uses]
    for form, reason in forbidden_renderings(vi_text, en_text, uses):
        found.append(Violation("forbidden", f"forbidden variant “{form}” used" + (f": {reason}" if reason else "")))
    for form in doubled_names(en_text, used_terms):
        found.append(Violation("doubled", f"“{form}” written twice: “{form} ({form})”"))
    if lost := lost_values(_without_terms(vi_text, uses), en_text):
        found.append(Violation("number", f"number(s)/date(s) {', '.join(lost)} of the Vietnamese missing"))
    elif moved := moved_values(_without_terms(vi_text, uses), en_text):
        found.append(Violation("number", f"numbers changed places ({moved[0]}): keep each number where the "
                               "Vietnamese has it"))
    if left := vietnamese_left(en_text):
        found.append(Violation("vietnamese", f"Vietnamese left in the English: {', '.join(left[:5])}"))
    return found


# What a human translation may still do (wording is the translator's), and what no page may.
HUMAN_ERRORS = ("forbidden", "doubled", "vietnamese")


def blocking(violations: list[Violation], origin: str) -> list[Violation]:
    """The violations that are errors for a segment of this origin: all of them for a machine draft,
    for a human translation only a forbidden variant, a doubled name or Vietnamese left."""
    return [v for v in violations if origin != "human" or v.kind in HUMAN_ERRORS]


def _without_terms(text: str, uses: list[Use]) -> str:
    """`text` with the terms blanked (a number inside a name, "Hồ sơ Di cư … 2023", is the name's)."""
    for use in sorted(uses, key=lambda u: -u.start):
        text = text[:use.start] + " " * (use.end - use.start) + text[use.end:]
    return text
