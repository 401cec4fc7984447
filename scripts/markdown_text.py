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


# Characters that act as Markdown or HTML syntax anywhere in a line. Parentheses, "!", "#" and "-"
# are syntax only at the start of a block or after one of these, so they stay readable.
_BLOCK_TABLE = {ord(c): f"&#{ord(c)};" for c in "&<>\\`*_{}[]|~$"}
# Block structure a line could open: heading, list item, ordered item, rule, setext underline,
# quote, admonition or details marker.
_LINE_START = ("#", "-", "+", "=", ">", "!", "?", ":")


def escape_block(text: str) -> str:
    """Return `text` as one Markdown paragraph that shows exactly as written: inline syntax and
    anything that could open a heading, list, rule, quote, table or HTML block is neutralised.
    Lighter than escape_inline so that body text stays readable in the page source."""
    text = " ".join(str(text).split()).translate(_BLOCK_TABLE)
    if text.startswith(_LINE_START):
        text = f"&#{ord(text[0])};{text[1:]}"
    number = len(text) - len(text.lstrip("0123456789"))
    if number and text[number:number + 1] in {".", ")"}:
        text = f"{text[:number]}&#{ord(text[number])};{text[number + 1:]}"
    return text


def html_meta(meta: dict) -> dict:
    """`meta` with every top-level text value as escaped HTML (markupsafe.Markup).

    MkDocs and Material treat a page title as HTML (a title taken from the first heading is), and
    Material prints `page.title`, `page.meta.title` and `page.meta.subtitle` without escaping. Front
    matter holds plain text, so it is escaped once here; a template's own `| e` leaves Markup as is."""
    from markupsafe import Markup, escape

    return {key: escape(value) if isinstance(value, str) and not isinstance(value, Markup) else value
            for key, value in meta.items()}
