"""Finding glossary terms in text: longest whole-word matches of any form, under one tone-mark
style and case (the index a build reuses for every page)."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from scripts.core.vietnamese import STYLES, match_key, restyle
from scripts.glossary.terms import Term

# A word: letters, digits and combining marks (decomposed input keeps its words whole).
WORD = re.compile(r"[\w\u0300-\u036f]+")


@dataclass(frozen=True)
class Match:
    """A term found in text: where, which term, and which of its forms (as the glossary writes it)."""

    start: int
    end: int
    term: Term
    form: str = ""

    def __iter__(self):  # (start, end, term), as the contract describes a match
        return iter((self.start, self.end, self.term))


@lru_cache(maxsize=1 << 16)
def _word_key(word: str) -> str:
    """match_key of one word, cached: articles repeat the same few thousand words."""
    return match_key(word)


def _gap(text: str) -> str:
    """What separates two words, for comparison: spaces removed ("TP. Hồ" ≡ "TP.Hồ")."""
    return "".join(text.split())


def _pattern(form: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    words = list(WORD.finditer(form))
    keys = tuple(match_key(w.group(0)) for w in words)
    gaps = tuple(_gap(form[a.end():b.start()]) for a, b in zip(words, words[1:]))
    return keys, gaps


def term_index(terms: Iterable[Term], lang: str = "vi") -> dict[str, list]:
    """First word's key → [(word keys, gaps, term, form)], longest forms first."""
    index: dict[str, list] = {}
    for term in terms:
        for form in term.forms(lang):
            keys, gaps = _pattern(form)
            if keys:
                index.setdefault(keys[0], []).append((keys, gaps, term, form))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


def find_terms(text: str, terms: Iterable[Term] | dict, lang: str = "vi") -> list[Match]:
    """Longest non-overlapping matches, leftmost first, of any form of `terms` in `text`.

    Words are compared under match_key (tone-mark style, case, NFC); only whole words match
    ("IOM" never inside "IOMX"), and the text between two words must equal the form's
    (spaces of any kind and amount are equal). `lang` "en" matches the English forms."""
    index = terms if isinstance(terms, dict) else term_index(terms, lang)
    words = list(WORD.finditer(text))
    keys = [_word_key(w.group()) for w in words]
    matches, i, count, entries_of = [], 0, len(words), index.get
    while i < count:
        for form_keys, gaps, term, form in entries_of(keys[i], ()):  # most words begin no form
            n = len(form_keys)
            if tuple(keys[i:i + n]) == form_keys and all(
                    _gap(text[words[i + k].end():words[i + k + 1].start()]) == gaps[k] for k in range(n - 1)):
                matches.append(Match(words[i].start(), words[i + n - 1].end(), term, form))
                i += n
                break
        else:
            i += 1
    return matches


def both_tone_styles(forms: Iterable[str]) -> list[str]:
    """Each form in each tone-mark style, without duplicates (for exact-match CAT tools)."""
    return list(dict.fromkeys(v for f in forms for v in (f, *(restyle(f, s) for s in STYLES))))
