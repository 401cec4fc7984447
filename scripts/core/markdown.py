"""Text made safe for each place it goes: Markdown paragraphs and inline text, text from an engine,
plain-text fields, link titles and template values. Whatever the input, it stays visible text, never
markup. One table per context, tested together (tests/core/test_markdown.py)."""
from __future__ import annotations

import re

# Characters that Markdown, raw HTML, attribute lists or templates could read as syntax.
# Each becomes a numeric character reference: the reader sees the character, no parser acts on it.
_SPECIAL = "&<>\\`*_{}[]()#!|~$"
_TABLE = {ord(c): f"&#{ord(c)};" for c in _SPECIAL}
# Control characters have no visible form (Python-Markdown even uses \x02 and \x03 internally):
# they are dropped, except those Python counts as whitespace (tab, line breaks, \x1c-\x1f, \x85).
_CONTROLS = {c: None for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)] if not chr(c).isspace()}


def escape_inline(text: str) -> str:
    """Return `text` on one line with every syntax character written as a character reference,
    for use inside a paragraph, link text, heading or list item (or alone as a paragraph)."""
    return _neutral_start(" ".join(str(text).translate(_CONTROLS).split()).translate(_TABLE))


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
    return _neutral_start(" ".join(str(text).translate(_CONTROLS).split()).translate(_BLOCK_TABLE))


def _neutral_start(text: str) -> str:
    """`text` without anything at its start that could open a block (list, rule, quote, …)."""
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


# ─── Text from an engine (untrusted) ─────────────────────────────────────────────────

# Characters that would become Markdown or HTML anywhere in a line, and what they become.
_INERT = {ord(c): f"&#{ord(c)};" for c in "<>`*_[]{}|~$\\"}
_BLOCK_START = re.compile(r"^(\s*)(#|>|[-+=]|\d+[.)])")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")


def inert_markdown(text: str, at_start: bool = False) -> str:
    """Untrusted text (an engine's response) as Markdown that shows it literally: no markup. With
    `at_start` (the text opens its block), nothing in it can open a block either: no heading, list,
    quote, rule, admonition or collapsed block."""
    text = _ENTITY_LIKE.sub("&#38;", text).translate(_INERT)
    if at_start:
        text = _BLOCK_START.sub(lambda m: m.group(1) + "".join(f"&#{ord(c)};" for c in m.group(2)), text)
        stripped = text.lstrip()
        text = text[:len(text) - len(stripped)] + _neutral_start(stripped)
    return text


def inert_plain(text: str, at_start: bool = False) -> str:  # noqa: ARG001
    """Untrusted text for a front-matter field (title, description): no angle brackets or backticks."""
    return text.replace("<", "‹").replace(">", "›").replace("`", "'")


def title_attribute(text: str) -> str:
    """Text safe inside a Markdown link title "…" (rendered as the HTML title attribute)."""
    text = " ".join(text.split())
    return (text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("`", "&#96;"))


# Characters XML 1.0 cannot hold (C0 controls but tab and line breaks, lone surrogates, U+FFFE/FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text) -> str:
    """`text` as an XML document (feed, TMX, TBX) can hold it: characters XML 1.0 refuses removed."""
    return _NOT_XML.sub("", str(text))
