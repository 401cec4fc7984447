"""A page a contributor fixed by hand keeps its front matter in step with what readers see: an edited
heading becomes its `title:`, an edited first paragraph its `description:`, where ingest wrote them
the same (the archive, the browser's title, the feed and search show the front matter). A field the
contributor changed themselves is theirs: it is never replaced."""
from __future__ import annotations

import html
import re

_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~$<>])")


def plain(markdown: str) -> str:
    """The text a line of Markdown shows, as front matter holds it: character references and
    backslash escapes resolved, whitespace collapsed (inline markup other than escapes is kept)."""
    return " ".join(html.unescape(_ESCAPE.sub(r"\1", markdown)).split())


def blocks(body: str) -> list[str]:
    return [block.strip() for block in re.split(r"\n[ \t]*\n", body) if block.strip()]


def heading_of(body: str) -> str | None:
    """The text of the page's first block when it is a level-1 heading."""
    first = next(iter(blocks(body)), "")
    return plain(first[2:]) if first.startswith("# ") and "\n" not in first else None


def first_paragraph(body: str) -> str | None:
    """The text of the first block after the heading when it is a paragraph (no heading, list,
    quote, table, admonition or HTML)."""
    rest = [b for b in blocks(body) if not b.startswith("# ")]
    if not rest or rest[0][:1] in "#->|!<*+`=" or re.match(r"\d+[.)]\s", rest[0]):
        return None
    return plain(rest[0])


def same(a, b) -> bool:
    return " ".join(str(a or "").split()) == " ".join(str(b or "").split())


def in_step(meta: dict, body: str) -> bool:
    """Whether the title is the heading and the description the first paragraph (or either has no
    counterpart): nothing to follow, without looking at what ingest wrote."""
    heading, paragraph = heading_of(body), first_paragraph(body)
    return (heading is None or same(heading, meta.get("title"))) and \
        (paragraph is None or not meta.get("description") or same(paragraph, meta.get("description")))


def followed(meta: dict, body: str, written_meta: dict, written_body: str) -> dict:
    """The front-matter fields to change so that they follow what the contributor edited: `title`
    when the heading changed since ingest wrote it (the title did not, and was the heading), and
    `description` likewise with the first paragraph."""
    changes = {}
    for key, of in (("title", heading_of), ("description", first_paragraph)):
        was, now = of(written_body), of(body)
        if was is not None and now is not None and same(written_meta.get(key), was) \
                and same(meta.get(key), was) and not same(now, was):
            changes[key] = now
    return changes
