"""Where the English of each paragraph of an article comes from, for the side-by-side view: the
Vietnamese segment it translates (its id, the translation memory's key) and whether it is an
engine's draft ("machine"), a person's translation ("human") or not translated yet ("pending"),
aligned as the translate stage aligns a contributor's post-edits. Part of the site data (model), so
that a build reads one cached file instead of every article's memory."""
from __future__ import annotations

from scripts.core.content import Article
from scripts.core.status import translation_status

# scripts.translate is imported where it is used: loading it loads the engines' HTTP clients, which
# a command that only builds (python -m scripts build) should not pay for when the site data is cached.

MACHINE, HUMAN, PENDING = "machine", "human", "pending"


def same_text(a: str | None, b: str | None) -> bool:
    return " ".join((a or "").split()) == " ".join((b or "").split())


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


def article_origins(project, vi: Article, en: Article) -> list[tuple[str, str]] | None:
    """english_origins of the article's two pages (read with their bodies) and its memory; None
    when the memory cannot be read (the view then shows the texts whole)."""
    from scripts.translate.memory import load_page

    try:
        memory = load_page(project, en.rel)
    except (OSError, ValueError):
        return None
    return english_origins(en.meta, en.body, vi.meta, vi.body, memory)
