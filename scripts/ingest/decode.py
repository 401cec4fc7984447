"""Bytes of a raw article → clean Unicode text (BOM, UTF-16, UTF-8, Windows-1258, mojibake repair)."""
from __future__ import annotations

import codecs
import re

import ftfy

from scripts.core.vietnamese import normalize

# Larger inputs are refused: no news article comes near it, a dump of a whole site does.
MAX_BYTES = 5_000_000

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Signatures of file kinds that are certainly not text.
_MAGIC = {
    b"%PDF": "a PDF document", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image", b"PK\x03\x04": "a ZIP archive (or an office document)",
    b"\x1f\x8b": "a gzip archive", b"\x7fELF": "an executable",
}
_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


class DecodeError(ValueError):
    """The input is not text this pipeline can read; the message says why."""


def decode_bytes(data: bytes, max_bytes: int = MAX_BYTES) -> str:
    """Return `data` as NFC text without BOM, non-breaking spaces or control characters.

    Raises DecodeError for empty, oversize, binary or truncated input.
    """
    if len(data) > max_bytes:
        raise DecodeError(f"too large: {len(data):,} bytes, the limit is {max_bytes:,}")
    if not data.strip():
        raise DecodeError("empty: the file holds no text")
    for signature, kind in _MAGIC.items():
        if data.startswith(signature):
            raise DecodeError(f"binary: the file is {kind}, not text")
    text = text_of(data)
    if len(_BINARY_CONTROLS.findall(text)) > max(2, len(text) // 100):
        raise DecodeError("binary: too many control characters for a text file")
    text = normalize(repair_mojibake(text))
    if not text.strip():
        raise DecodeError("empty: the file holds no text")
    return text


def text_of(data: bytes) -> str:
    """The text of `data` in the encoding it was written in (not yet normalized)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom):], encoding)
    utf16 = utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16)
    if b"\x00" in data:
        raise DecodeError("binary: the file contains NUL bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            raise DecodeError("truncated: the file ends in the middle of a UTF-8 character") from None
        if _looks_like_utf8(data):
            raise DecodeError(f"invalid UTF-8 at byte {exc.start}: the file is damaged") from None
        text = _strict(data, "cp1258")
    return text


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when `data` looks like UTF-16 without a byte-order mark."""
    sample = data[:4000]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_nul = sample[0::2].count(0) / (len(sample) / 2)
    odd_nul = sample[1::2].count(0) / (len(sample) / 2)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def repair_mojibake(text: str) -> str:
    """UTF-8 that was once decoded as cp1252/latin-1 and saved again, repaired (ftfy's
    encoding fix only: quotes, dashes and everything else stay as written)."""
    return ftfy.fix_encoding(text)


def _looks_like_utf8(data: bytes) -> bool:
    """True when most non-ASCII bytes form valid UTF-8 sequences: a damaged UTF-8 file, not cp1258."""
    valid = sum(map(len, re.findall(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}",
                                    data)))  # bytes inside valid sequences: Vietnamese is mostly 3-byte
    high = sum(1 for b in data if b >= 0x80)
    return high > 0 and valid * 2 >= high


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding.startswith("utf-16") and len(data) % 2:
            raise DecodeError("truncated: a UTF-16 file with an odd number of bytes") from None
        raise DecodeError(f"not text: byte {exc.start} is not valid {encoding}") from None
