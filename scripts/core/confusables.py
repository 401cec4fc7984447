"""Look-alike letters (Unicode Technical Standard #39, "confusables"): Cyrillic and Greek letters
drawn like Latin ones ("Vіệt Nаm" with Cyrillic і and а looks like "Việt Nam"). Ingest compares
articles by their skeleton, so a copy spelled with look-alikes is still found a duplicate, and
flags a title that mixes scripts within a word.

SKELETON holds the lower-case letters of those two scripts (and the script g) that confusables.txt
(Unicode 13, as packaged by confusable_homoglyphs 3.3.1) lists as look-alikes of one lower-case
ASCII letter; texts are case-folded before they are compared. Marks stay: the skeleton works on
the decomposed text, so "а" + a combining hook becomes "ả"."""
from __future__ import annotations

import re
import unicodedata

SKELETON = str.maketrans({
    # Cyrillic
    "а": "a", "с": "c", "ԁ": "d", "е": "e", "ҽ": "e", "һ": "h", "і": "i", "ꙇ": "i", "ӏ": "i", "ј": "j",
    "о": "o", "р": "p", "ԛ": "q", "г": "r", "ѕ": "s", "ѵ": "v", "ѡ": "w", "ԝ": "w", "х": "x", "у": "y",
    "ү": "y",
    # Greek
    "α": "a", "ι": "i", "ο": "o", "σ": "o", "ρ": "p", "υ": "u", "ν": "v", "γ": "y",
    # Latin look-alike (script g)
    "ɡ": "g",
})
_WORD = re.compile(r"\w+")


def skeleton(text: str) -> str:
    """`text` with each look-alike letter replaced by the Latin letter it imitates (lower case:
    apply it to case-folded text), recomposed (NFC)."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).translate(SKELETON))


def mixed_script_words(text: str) -> list[str]:
    """The words of `text` that mix Latin letters with Cyrillic or Greek ones: look-alike spellings
    (a Vietnamese or English word has none), in order, each once."""
    found = []
    for word in _WORD.findall(text):
        scripts = {_script(c) for c in word if c.isalpha()}
        if "LATIN" in scripts and scripts & {"CYRILLIC", "GREEK"} and word not in found:
            found.append(word)
    return found


def _script(char: str) -> str:
    return unicodedata.name(char, "").split(" ", 1)[0]
