"""The marks of the side-by-side view, part of the site data: where each paragraph, heading and list
item of an article page gets the id of the Vietnamese segment it is (data-seg) and, on an English
page, where its English comes from (data-origin): an engine's draft ("machine"), a person's
translation ("human") or not translated yet ("pending"), aligned as the translate stage aligns a
contributor's post-edits. Computed once per change of the articles or the memory (and kept in
.cache/site-data.json), so that a build only inserts them (scripts/build/bilingual.py)."""
from __future__ import annotations

import hashlib

from scripts.core.content import Article
from scripts.core.status import translation_status

# scripts.translate is imported where it is used: loading it loads the engines' HTTP clients, which
# a command that only builds (python -m scripts build) should not pay for when the site data is cached.

MACHINE, HUMAN, PENDING = "machine", "human", "pending"
Insertions = tuple  # ((offset in the page's Markdown, attribute list inserted there), …)


def same_text(a: str | None, b: str | None) -> bool:
    return " ".join((a or "").split()) == " ".join((b or "").split())


def markdown_digest(markdown: str) -> str:
    """What a build checks before inserting marks: the page's Markdown without the blank lines at
    its start and end (MkDocs gives a page's body without the first, a plugin of the build removes
    the last; the marks' offsets count from the first character)."""
    return hashlib.sha256(markdown.strip("\n").encode("utf-8")).hexdigest()


def english_origins(en_meta: dict, en_body: str, vi_meta: dict, vi_body: str,
                    memory) -> list[tuple[str, str]] | None:
    """[(Vietnamese segment id, origin)] of each segment of an English page's body, in order; None
    when the page no longer follows the Vietnamese one paragraph for paragraph (a contributor
    merged or split paragraphs: the view shows the two texts whole).

    The English page was written from the segments in `memory.order` (title and description, then
    the body); a page the pipeline never wrote aligns with the current Vietnamese page. `memory`:
    the article's translate.memory.PageMemory."""
    from scripts.translate.segments import page_segments, parts_of, segments_in

    body = segments_in(parts_of(en_body))
    head = [k for k in ("title", "description") if en_meta.get(k) and str(en_meta[k]).strip()]
    vi_segments = None if memory.known else page_segments(vi_meta, vi_body)
    order = memory.order if memory.known else [s.id for s in vi_segments]
    if len(head) + len(body) != len(order):
        return None
    # English the memory does not know (a page written outside the pipeline): what the page says it is.
    unknown = MACHINE if translation_status(en_meta) == "machine-draft" else HUMAN
    origins = []
    for sid, segment in zip(order[len(head):], body):
        record = memory.records.get(sid)
        if record is not None and record.en:
            if not same_text(segment.text, record.en):
                origin = HUMAN  # edited on the page since the memory recorded it: a person's words
            else:
                origin = HUMAN if record.origin == HUMAN else MACHINE
        else:
            if record is not None:
                source = record.vi
            else:
                vi_segments = vi_segments if vi_segments is not None else page_segments(vi_meta, vi_body)
                source = next((s.text for s in vi_segments if s.id == sid), "")
            if same_text(segment.text, source):
                origin = PENDING  # the page shows the Vietnamese until it is translated
            else:
                origin = unknown if record is None else HUMAN
        origins.append((sid, origin))
    return origins


def attribute_list(segment, before: str, attributes: dict | None) -> str:
    """The attribute list that follows `segment` (Markdown's attr_list puts it on its element);
    `before` is the text before it (an item's marker). Nothing for a segment whose form cannot carry
    one: a quote, a heading with its own attribute list, a line ending in a hard break."""
    if not attributes or segment.text.endswith((" ", "\t", "}")) or segment.kind not in ("heading", "paragraph", "item"):
        return ""
    text = " ".join(f'{name}="{value}"' for name, value in attributes.items())
    if segment.kind == "heading":
        return f" {{: {text} }}"
    if segment.kind == "paragraph":
        return f"\n{{: {text} }}"
    marker = before.rsplit("\n", 1)[-1]  # "- ", "1. ", "  * ": the item's text is indented as far
    return f"\n{' ' * len(marker)}{{: {text} }}"


def insertions_of(markdown: str, marks: list[dict] | None = None) -> Insertions:
    """Where each segment of `markdown` gets its attribute list: marks[i] for the i-th segment,
    by default its id (a Vietnamese page's marks)."""
    from scripts.translate.segments import Segment, parts_of

    out, offset, index, before = [], 0, 0, ""
    for part in parts_of(markdown):
        if isinstance(part, Segment):
            attributes = {"data-seg": part.id} if marks is None else (marks[index] if index < len(marks) else None)
            offset += len(part.text)
            text = attribute_list(part, before, attributes)
            if text:
                out.append((offset, text))
            index += 1
        else:
            offset += len(part)
            before = part
    return tuple(out)


def inserted(markdown: str, insertions: Insertions) -> str:
    """`markdown` with each attribute list inserted at its offset."""
    pieces, start = [], 0
    for offset, text in insertions:
        pieces += [markdown[start:offset], text]
        start = offset
    return "".join(pieces) + markdown[start:]


def page_marks(markdown: str, marks: list[dict] | None = None) -> tuple[str, Insertions]:
    """(digest of the page's Markdown as MkDocs gives it, its insertions)."""
    markdown = markdown.lstrip("\n")
    return markdown_digest(markdown), insertions_of(markdown, marks)


def article_marks(project, vi: Article, en: Article | None) -> dict[str, tuple | None]:
    """{"vi": page_marks of the Vietnamese page, "en": those of the English one, or None where it
    has none or no longer follows the Vietnamese paragraph for paragraph} (pages read with their
    bodies; a memory that cannot be read counts as none)."""
    from scripts.translate.memory import PageMemory, load_page

    marks: dict[str, tuple | None] = {"vi": page_marks(vi.body), "en": None}
    if en is not None:
        try:
            memory = load_page(project, en.rel)
        except (OSError, ValueError):
            memory = PageMemory(en.rel)
        origins = english_origins(en.meta, en.body.lstrip("\n"), vi.meta, vi.body, memory)
        if origins is not None:
            # A pending passage is the Vietnamese, and says so to a screen reader (lang).
            marks["en"] = page_marks(en.body, [{"data-seg": sid, "data-origin": o, **({"lang": "vi"} if o == PENDING else {})}
                                               for sid, o in origins])
    return marks
