"""Glossary terms as a Vietnamese sentence uses them: which form, whether the sentence asks for the English
plural (các, những, 175 …), and whether a noun term stands where the sentence has a verb (phải di cư),
where its noun English must not replace it. The cue words are data (config/translation.yml, grammar)."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from scripts.core.vietnamese import match_key
from scripts.glossary.matching import WORD, find_terms, term_index
from scripts.glossary.terms import Form, Term
from scripts.translate.settings import Grammar

_LONGEST_CUE = 3  # words


@dataclass(frozen=True)
class Use:
    """One term in a Vietnamese text: span, term, its form, and what the sentence asks of the English."""

    start: int
    end: int
    term: Term
    form: Form
    plural: bool = False

    @property
    def english(self) -> str:
        """The English that replaces the form in this sentence (article included, as the form writes it)."""
        if self.plural and self.form.plural:
            return self.form.plural
        return self.form.en


def _keys_before(text: str, start: int) -> list[str]:
    words = [m.group(0) for m in WORD.finditer(text[max(0, start - 60):start])]
    return [match_key(w) for w in words[-_LONGEST_CUE:]]


def _keys_after(text: str, end: int) -> list[str]:
    return [match_key(m.group(0)) for m, _ in zip(WORD.finditer(text[end:end + 60]), range(_LONGEST_CUE))]


@functools.lru_cache(maxsize=64)
def _cue_keys(cues: tuple[str, ...]) -> tuple[list[str], ...]:
    return tuple(parts for parts in (match_key(cue).split() for cue in cues) if parts)


def _ends_with(words: list[str], cues: tuple[str, ...]) -> bool:
    return any(words[-len(parts):] == parts for parts in _cue_keys(cues))


def _starts_with(words: list[str], cues: tuple[str, ...]) -> bool:
    return any(words[:len(parts)] == parts for parts in _cue_keys(cues))


_INDEXES: dict[tuple, dict] = {}


def _index(terms) -> dict:
    """The matching index of a list of terms, built once per list (a run checks thousands of segments)."""
    if isinstance(terms, dict):
        return terms
    key = tuple(id(t) for t in terms)
    if key not in _INDEXES:
        if len(_INDEXES) > 8:
            _INDEXES.clear()
        _INDEXES[key] = (term_index(terms), list(terms))  # the list keeps the ids valid
    return _INDEXES[key][0]


def _number_before(text: str, start: int) -> int | None:
    """The whole number written right before `start` ("175 quốc gia", "hơn 30 lãnh đạo"), if any."""
    words = [m.group(0) for m in WORD.finditer(text[max(0, start - 30):start])]
    for word in reversed(words[-2:]):
        digits = word.replace(".", "")
        if digits.isdigit():
            return int(digits)
    return None


def is_plural(text: str, start: int, grammar: Grammar) -> bool:
    """Whether the words before `start` ask for a plural noun (các, những, a number above one)."""
    before = _keys_before(text, start)
    if _ends_with(before, grammar.singular_before):
        return False
    number = _number_before(text, start)
    if number is not None and before and before[-1].replace(".", "").isdigit():
        return number != 1
    return _ends_with(before, grammar.plural_before)


def is_verb_use(text: str, start: int, end: int, grammar: Grammar) -> bool:
    """Whether the words around a term make it a verb there (phải di cư, di cư sang Nhật Bản)."""
    return _ends_with(_keys_before(text, start), grammar.verb_before) or \
        _starts_with(_keys_after(text, end), grammar.verb_after)


def term_uses(text: str, terms, grammar: Grammar) -> list[Use]:
    """The glossary terms of a Vietnamese text as the sentence uses them; a noun term where the text
    has a verb is left out (the engine translates the verb; the check asks nothing of it)."""
    uses = []
    for match in find_terms(text, _index(terms)):
        term = match.term
        if term.pos == "noun" and is_verb_use(text, match.start, match.end, grammar):
            continue
        uses.append(Use(match.start, match.end, term, term.form(match.form),
                        is_plural(text, match.start, grammar)))
    return uses
