"""Names in Vietnamese news text that could become glossary terms: people after a title ("Thứ trưởng …
Lê Thị Thu Hằng", "bà Kendra Rinas"), organisations ("Bộ …", "Sở …", "Tổ chức …"), places ("tỉnh Nghệ
An", "sang Nhật Bản") and capitalised phrases that recur, by the cues of config/names.yml."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from scripts.core.schema import Document, Field, SchemaError, field_problems
from scripts.core.vietnamese import match_key

KINDS = ("person", "organisation", "place", "name")
WORDS = "a non-empty list of words"
FIELDS = {
    "person_titles": Field(list, WORDS, required=True, items=str),
    "organisation_heads": Field(list, WORDS, required=True, items=str),
    "place_heads": Field(list, WORDS, required=True, items=str),
    "place_prepositions": Field(list, WORDS, required=True, items=str),
    "stop_words": Field(list, WORDS, required=True, items=str),
    "common_words": Field(list, WORDS, required=True, items=str),
    "min_phrase_count": Field(int, "a whole number", required=True, minimum=1),
}
# A token: a word (letters, with inner dots or "+" as in "PGS.TS", "Vietnam+"), a number, or a sign.
_TOKEN = re.compile(r"[^\W\d_]+(?:[.+&'’][^\W\d_]+)*\+?|\d[\d.,:/]*|[^\w\s]")
_SENTENCE = re.compile(r"(?<=[.!?…])[\"”’»)]*\s+|\n+")
MAX_NAME_WORDS = 5
MAX_ORGANISATION_WORDS = 12


@dataclass(frozen=True)
class Cues:
    """config/names.yml: the words that introduce names, as tuples of match keys (longest first)."""

    person_titles: tuple[tuple[str, ...], ...]
    organisation_heads: tuple[tuple[str, ...], ...]
    place_heads: tuple[tuple[str, ...], ...]
    place_prepositions: frozenset[str]
    stop_words: frozenset[str]
    common_words: frozenset[str]
    min_phrase_count: int
    digest: str = field(default="", compare=False)


def cues_from(doc: Document) -> Cues:
    """The cues of config/names.yml; SchemaError naming the file, line and field of every problem."""
    if problems := field_problems(doc, doc.data, FIELDS):
        raise SchemaError(problems)
    data = doc.data

    def phrases(key):
        return tuple(sorted({tuple(match_key(w).split()) for w in data[key]}, key=len, reverse=True))

    return Cues(phrases("person_titles"), phrases("organisation_heads"), phrases("place_heads"),
                frozenset(match_key(w) for w in data["place_prepositions"]),
                frozenset(match_key(w) for w in data["stop_words"]),
                frozenset(match_key(w) for w in data["common_words"]), int(data["min_phrase_count"]), doc.digest)


@dataclass(frozen=True)
class Found:
    """One name in one sentence, at characters [start, end) of it."""

    name: str
    kind: str
    sentence: str
    start: int = 0
    end: int = 0


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]


def is_word(token: str) -> bool:
    return token[:1].isalpha()


def is_cap(token: str) -> bool:
    return token[:1].isupper()


def is_acronym(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _at(keys: list[str], i: int, phrases) -> int:
    """The length of the longest of `phrases` (tuples of keys) starting at token `i`, else 0."""
    for phrase in phrases:
        if tuple(keys[i:i + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def names_in(text: str, cues: Cues) -> list[Found]:
    """Every person, organisation and place the cues introduce in `text`, and every run of
    capitalised words (kind "name": the caller keeps those that recur), in order."""
    found = []
    for sentence in sentences(text):
        spans = [m.span() for m in _TOKEN.finditer(sentence)]
        tokens = [sentence[a:b] for a, b in spans]
        keys = [match_key(t) for t in tokens]
        for first, last, kind in _sentence_names(tokens, keys, cues):
            start, end = spans[first][0], spans[last - 1][1]
            found.append(Found(" ".join(tokens[first:last]), kind, sentence, start, end))
    return found


def _sentence_names(tokens: list[str], keys: list[str], cues: Cues) -> Iterable[tuple[int, int, str]]:
    """(first token, end token, kind) of each name of one sentence."""
    covered: set[int] = set()
    i, n = 0, len(tokens)
    while i < n:
        if (title := _at(keys, i, cues.person_titles)) and (i + title < n):
            j = i + title
            if end := organisation_end(tokens, keys, j, cues):
                yield j, end, "organisation"
                covered.update(range(j, end))
                j = end
            while j < n and is_acronym(tokens[j]):  # "Tổng Giám đốc IOM Amy Pope"
                j += 1
            if (end := person_end(tokens, keys, j, cues)) > j:
                yield j, end, "person"
                covered.update(range(i, end))
                i = end
                continue
        if end := organisation_end(tokens, keys, i, cues):
            yield i, end, "organisation"
            covered.update(range(i, end))
            i = end
            continue
        head = _at(keys, i, cues.place_heads) if not is_cap(tokens[i]) or i == 0 or tokens[i] == "TP" else 0
        if not head and keys[i] in cues.place_prepositions and i + 1 < n and not _at(keys, i + 1, cues.organisation_heads):
            head = 1
        if head and (end := cap_run_end(tokens, keys, i + head, cues, connectors=True)) > i + head:
            if not all(k in cues.common_words for k in keys[i + head:end] if k not in ("-", "–")):
                yield i + head, end, "place"
                covered.update(range(i, end))
                i = end
                continue
        i += 1
    yield from _phrases(tokens, keys, covered, cues)


def organisation_end(tokens, keys, i: int, cues: Cues) -> int:
    """The end of an organisation's name starting at token `i` (a capitalised head such as "Bộ",
    then a capitalised word), or 0. The name runs on through lower-case words and through "-" or
    "và" before a capitalised word; it stops at a stop word, a sign, or two capitalised words after
    a lower-case one (a person or a place starts there)."""
    head = _at(keys, i, cues.organisation_heads)
    n = len(tokens)
    if not head or not is_cap(tokens[i]) or i + head >= n or not (is_cap(tokens[i + head]) and is_word(tokens[i + head])):
        return 0
    j, lower = i + head + 1, False
    while j < n and j - i < MAX_ORGANISATION_WORDS:
        token, key = tokens[j], keys[j]
        if token in ("-", "–", "&") or key == "và":
            if j + 1 < n and is_cap(tokens[j + 1]) and is_word(tokens[j + 1]):
                j, lower = j + 2, False
                continue
            break
        if not is_word(token) or key in cues.stop_words or " ".join(keys[j:j + 2]) in cues.stop_words:
            break
        if is_cap(token) and lower and j + 1 < n and is_cap(tokens[j + 1]) and is_word(tokens[j + 1]):
            break
        lower = not is_cap(token)
        j += 1
    return j


def person_end(tokens, keys, i: int, cues: Cues) -> int:
    """The end of a person's name at token `i`: two to five capitalised words (not acronyms),
    ending before the next word that is not one; `i` when there is none."""
    j = i
    while j < len(tokens) and j - i < MAX_NAME_WORDS and is_word(tokens[j]) and is_cap(tokens[j]) \
            and not is_acronym(tokens[j]) and len(tokens[j]) > 1:
        j += 1
    return j if j - i >= 2 else i


def cap_run_end(tokens, keys, i: int, cues: Cues, connectors: bool = False) -> int:
    """The end of a run of capitalised words at `i` (with `connectors`, "-" between two runs:
    "Bà Rịa - Vũng Tàu")."""
    j = i
    while j < len(tokens) and j - i < MAX_NAME_WORDS:
        if is_word(tokens[j]) and is_cap(tokens[j]):
            j += 1
        elif connectors and tokens[j] in ("-", "–") and j > i and j + 1 < len(tokens) and is_cap(tokens[j + 1]):
            j += 1
        else:
            break
    return j


def _phrases(tokens, keys, covered: set[int], cues: Cues) -> Iterable[tuple[int, int, str]]:
    """Runs of capitalised words no cue introduced: two words or more, or an acronym; without
    common words at their start ("Theo", "Ngày")."""
    i, n = 0, len(tokens)
    while i < n:
        if i in covered or not (is_word(tokens[i]) and is_cap(tokens[i])):
            i += 1
            continue
        end = cap_run_end(tokens, keys, i, cues)
        start = i
        while start < end and (keys[start] in cues.common_words or " ".join(keys[start:start + 2]) in cues.common_words):
            start += 2 if " ".join(keys[start:start + 2]) in cues.common_words else 1
        words = tokens[start:end]
        if not any(k in covered for k in range(start, end)):
            if len(words) >= 2 or (len(words) == 1 and is_acronym(words[0])):
                yield start, end, "name"
        i = max(end, i + 1)
