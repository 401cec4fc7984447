"""scripts.core.markdown: every escaper, each for its place, on the same hostile strings: rendered with
the site's Markdown extensions, the reader sees the string itself and no markup."""
from __future__ import annotations

from html import unescape

import markdown
import pytest

from scripts.core.markdown import escape_block, escape_inline, html_meta, inert_markdown, inert_plain, title_attribute

EXTENSIONS = ["toc", "abbr", "admonition", "attr_list", "md_in_html", "pymdownx.details"]
HOSTILE = [
    "<script>alert(1)</script> & <b>x</b>",
    "[x](javascript:alert(1)) ![i](data:x) `code` *em* _u_ ~~s~~ $x$",
    "# not a heading", "- not an item", "1. not an item", "> not a quote", "!!! note \"not an admonition\"",
    "??? details", "{: .cls onclick=x } and {#id}", "| a | b |", "&amp; &#60; &lt;", "\\ back\\slash",
    "*[IOM]: not an abbreviation", "---", "=== ", "[r]: javascript:alert(1)",
]


def rendered(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


def visible(html: str) -> str:
    inner = html.removeprefix("<p>").removesuffix("</p>")
    assert "<" not in inner.replace("&lt;", ""), html  # no element at all: text only
    return " ".join(unescape(inner).split())


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("escape", [escape_inline, escape_block], ids=["inline", "block"])
def test_page_text_shows_as_written(escape, text):
    assert visible(rendered(escape(text))) == " ".join(text.split())


@pytest.mark.parametrize("text", HOSTILE)
def test_an_engines_answer_shows_as_written(text):
    assert visible(rendered(inert_markdown(text, at_start=True))) == " ".join(text.split())


@pytest.mark.parametrize("text", HOSTILE)
def test_plain_fields_from_an_engine_hold_no_tag_or_code(text):
    assert not set("<>`") & set(inert_plain(text))


@pytest.mark.parametrize("text", HOSTILE + ['"><script>x</script>'])
def test_a_link_title_is_the_same_text_in_the_title_attribute(text):
    html = rendered(f'[link](page.md "{title_attribute(text)}")')
    title = html.split('title="', 1)[1].split('"', 1)[0]
    assert unescape(title) == " ".join(text.split())


def test_front_matter_values_reach_templates_escaped_once():
    meta = html_meta({"title": "<b>A & B</b>", "date": None, "tags": ["<x>"]})
    assert str(meta["title"]) == "&lt;b&gt;A &amp; B&lt;/b&gt;" and meta["date"] is None
