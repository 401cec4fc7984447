"""The head of an English page (front-matter `title:` and `description:`, which the archive, the
page's <title>, the feed and search show) kept in step with what it mirrors on the page: the title
with the page's first heading (H1), the description with its first paragraph.

A head field mirrors its block when the two showed the same text before a contributor's edit
(compared as plain text: the block is Markdown, the field plain text). Then an edit of one side
alone is carried to the other: an edited H1 becomes the title, an edited first paragraph the
description, an edited title the H1. A description that is a summary of its own (another text
than the first paragraph) is left alone, and so is a pair the contributor edited on both sides."""
from __future__ import annotations

import html
import re

from scripts.core.markdown import inert_markdown
from scripts.translate.segments import Segment, parts_of

_TAG = re.compile(r"<[^>]*>")
_H1 = re.compile(r"(?:^|\n)[ ]{0,3}#[ \t]+$")


def plain(markdown_text: str) -> str:
    """Inline Markdown as the text a reader sees ("Viet Nam &#38; **IOM**" → "Viet Nam & IOM")."""
    import markdown

    rendered = markdown.markdown(markdown_text.replace("\n", " "))
    return " ".join(html.unescape(_TAG.sub("", rendered)).split())


def as_markdown(text: str) -> str:
    """A plain-text field as the Markdown of a block that shows exactly that text."""
    return inert_markdown(" ".join(text.split()), at_start=True)


def mirrored_pairs(head_keys: list[str], body: str) -> list[tuple[int, int, str]]:
    """(index of the head field, index of its block, "title" or "description") in the page's
    segments (page_segments: the head fields, then the body's blocks): the title and the body's
    first block when it is an H1, the description and the body's first paragraph."""
    pairs, blocks, before = [], 0, ""
    first_paragraph = h1 = None
    for part in parts_of(body):
        if not isinstance(part, Segment):
            before = part
            continue
        if blocks == 0 and part.kind == "heading" and _H1.search(before):
            h1 = blocks
        if first_paragraph is None and part.kind == "paragraph":
            first_paragraph = blocks
        blocks += 1
    for key, block in (("title", h1), ("description", first_paragraph)):
        if key in head_keys and block is not None:
            pairs.append((head_keys.index(key), len(head_keys) + block, key))
    return pairs


def carried(before: list[str], after: list[str], pairs: list[tuple[int, int, str]]) -> list[str]:
    """`after` (the page's segment texts as edited) with each edit of one side of a mirrored pair
    carried to the other side; `before` holds the texts the page showed before the edit."""
    texts = list(after)
    for head, block, _ in pairs:
        if _same(before[head], plain(before[block])):
            head_edited = not _same(after[head], before[head])
            block_edited = not _same(after[block], before[block])
            if block_edited and not head_edited:
                texts[head] = plain(after[block])
            elif head_edited and not block_edited:
                texts[block] = as_markdown(after[head])
    return texts


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())
