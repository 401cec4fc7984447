"""Vietnamese text primitives: NFC clean-up, tone-mark style, accent folding for matching."""
from __future__ import annotations

import functools
import re
import unicodedata

# Combining tone marks (after NFD): grave, acute, tilde, hook above, dot below.
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
# Vowel pairs whose tone placement differs between the two styles in an open syllable:
# "hòa / hoà", "khỏe / khoẻ", "thủy / thuỷ".
_PAIRS = ("oa", "oe", "uy")
# The two styles, named by an example word so the setting cannot be misread.
STYLES = ("hòa", "hoà")
DEFAULT_STYLE = "hòa"

_WORD = re.compile(r"[^\W\d_]+")
# Characters without a visible form, or that reorder or hide text (bidi overrides and isolates), or that
# no XML or UTF-8 file can hold (lone surrogates, U+FFFE, U+FFFF): removed from every text taken in.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2028\u2029"
                      "\u2060-\u2069\ufeff\ufffe\uffff\ud800-\udfff]")
_SPACES = re.compile(r"[\u00a0\u2007\u202f\u3000\u2000-\u200a]")


def normalize(text: str) -> str:
    """NFC, non-breaking and exotic spaces as plain spaces; control, zero-width, bidi-override and
    non-characters removed (a title cannot hide or reorder text, a feed stays well-formed XML)."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACES.sub(" ", text)
    return _CONTROL.sub("", text)


@functools.lru_cache(maxsize=1 << 16)  # Vietnamese has a few thousand syllables: words repeat a lot
def _restyle_word(word: str, style: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    tones = [c for c in decomposed if c in TONE_MARKS]
    if len(tones) != 1:
        return word
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
    lower = base.lower()
    pair = lower[-2:]
    if pair not in _PAIRS or (pair == "uy" and lower[-3:-2] == "q"):
        return word
    target = len(base) - (2 if style == "hòa" else 1)
    chars = list(base)
    chars[target] = unicodedata.normalize("NFC", unicodedata.normalize("NFD", chars[target]) + tones[0])
    return "".join(chars)


def restyle(text: str, style: str = DEFAULT_STYLE) -> str:
    """Return `text` with every "oa/oe/uy" open syllable in one tone-mark style.

    style "hòa" puts the mark on the first vowel (hòa, khỏe, thủy); "hoà" on the second
    (hoà, khoẻ, thuỷ). Syllables with a final consonant (hoàng, khuyến) are the same in both.
    """
    if style not in STYLES:
        raise ValueError(f"tone-mark style must be one of {STYLES}, found {style!r}")
    return _WORD.sub(lambda m: _restyle_word(m.group(0), style), unicodedata.normalize("NFC", text))


def match_key(text: str) -> str:
    """Key under which two spellings of the same words compare equal: NFC, one tone style,
    case-folded, spaces collapsed. Diacritics are kept ("di cư" ≠ "dì cú")."""
    text = restyle(normalize(text), DEFAULT_STYLE).casefold()
    return " ".join(text.split())


def fold(text: str) -> str:
    """Accent-free, lower-case form for diacritic-insensitive search ("Bộ Ngoại giao" → "bo ngoai giao")."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return stripped.replace("đ", "d").replace("Đ", "D").casefold()


def without_diacritics(text: str) -> str:
    """`text` with its Vietnamese letters written without diacritics, case kept, as Vietnamese
    names are written in English ("Lê Thị Thu Hằng" → "Le Thi Thu Hang", "Đỗ" → "Do")."""
    decomposed = unicodedata.normalize("NFD", normalize(text))
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", stripped.replace("đ", "d").replace("Đ", "D"))
