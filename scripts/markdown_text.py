"""Make arbitrary text safe to put into Markdown: it stays visible text, never markup."""
from __future__ import annotations

# Characters that Markdown, raw HTML, attribute lists or templates could read as syntax.
# Each becomes a numeric character reference: the reader sees the character, no parser acts on it.
_SPECIAL = "&<>\\`*_{}[]()#!|~$"
_TABLE = {ord(c): f"&#{ord(c)};" for c in _SPECIAL}


def escape_inline(text: str) -> str:
    """Return `text` on one line with every syntax character written as a character reference,
    for use inside a paragraph, link text, heading or list item."""
    return " ".join(str(text).split()).translate(_TABLE)
