"""Vietnamese alphabetical order: a ă â b c d đ e ê …, each letter's tones after it."""
from __future__ import annotations

import unicodedata

# The Vietnamese alphabet in order; letters outside it (f, j, w, z) are placed where the
# Latin alphabet puts them, after the Vietnamese letter that precedes them.
ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
# Dictionary order of the tones: level, grave (huyền), hook (hỏi), tilde (ngã), acute (sắc),
# dot below (nặng).
TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
_RANK = {letter: index for index, letter in enumerate(ALPHABET)}


def _letter_and_tone(char: str) -> tuple[str, int]:
    """('ế' → ('ê', 4)): the base letter with its vowel mark kept, and the tone's rank."""
    decomposed = unicodedata.normalize("NFD", char.lower())
    tone = next((c for c in decomposed if c in TONES[1:]), "")
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES[1:]))
    return base.replace("ð", "đ"), TONES.index(tone)  # U+00D0/U+00F0 (eth) is often typed for Đ


def _primary(base: str) -> tuple[int, int]:
    """Rank of one base character: separators first, digits next, letters in Vietnamese
    order, anything else last (by code point)."""
    if base.isspace() or not base.isalnum():
        return (0, 0)
    if base.isdigit():
        return (1, ord(base))
    if base in _RANK:
        return (2, _RANK[base])
    return (3, ord(base))


def collation_key(text: str) -> tuple:
    """Sort key of `text` in Vietnamese dictionary order: letters first (ă after a, đ after d,
    ơ after ô), then tones letter by letter (a, à, ả, ã, á, ạ), then case (lower first)."""
    chars = [c for c in unicodedata.normalize("NFC", text.strip())]
    pairs = [_letter_and_tone(c) for c in chars]
    primary = tuple(_primary(base) for base, _ in pairs)
    secondary = tuple(tone for _, tone in pairs)
    tertiary = tuple(c.isupper() for c in chars)
    return (primary, secondary, tertiary, text)
