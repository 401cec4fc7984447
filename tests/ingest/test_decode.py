"""scripts.ingest.decode: bytes in any encoding seen in the wild → NFC text; clear errors for bad input."""
import codecs
import unicodedata

import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252, to make mojibake)
import pytest

from scripts.ingest.decode import DecodeError, decode_bytes

TEXT = "Việt Nam đánh giá cao “vai trò” của IOM — Thoả thuận GCM, khoẻ mạnh."
TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: base letter (with its hat or horn) then a combining tone mark."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out.append(base + "".join(c for c in parts if c in TONES))
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    TEXT.encode("utf-16-le"),
    TEXT.encode("utf-16-be"),
    cp1258(TEXT),
    TEXT.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8"),  # mojibake
    unicodedata.normalize("NFD", TEXT).encode("utf-8"),
], ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "cp1258", "mojibake", "nfd"])
def test_every_encoding_gives_the_same_nfc_text(data):
    assert decode_bytes(data) == TEXT


def test_curly_quotes_and_dashes_are_kept_as_written():
    assert "“vai trò”" in decode_bytes(TEXT.encode("utf-8"))
    assert "—" in decode_bytes(TEXT.encode("utf-8"))


def test_non_breaking_spaces_and_control_characters_are_removed():
    assert decode_bytes("a\u00a0b\u200bc\x07d\r\ne".encode("utf-8")) == "a bcd\ne"


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"  \n\t \n", "empty"),
    (b"abc\x00\x01\x02def\x00ghi", "binary"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "PNG"),
    ("Đông Nam Á và Việ".encode("utf-8")[:-1], "truncated"),
    (b"%PDF-1.4 ...", "PDF"),
])
def test_bad_input_is_refused_with_the_reason(data, reason):
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)


def test_oversize_input_is_refused():
    with pytest.raises(DecodeError, match="too large"):
        decode_bytes(b"a" * 101, max_bytes=100)
