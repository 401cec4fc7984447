"""One article's English page brought up to date: segments from the memory, drafts from an engine for
what is new, a contributor's post-edits captured, the status and the page written."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from scripts.core import frontmatter
from scripts.core.cache import ABSENT, text_digest
from scripts.core.labels import Labels
from scripts.core.status import translation_info
from scripts.core.fsutil import read_own, write_if_changed
from scripts.core.policy import MAX_PAGE_BYTES
from scripts.translate import memory
from scripts.translate.drafting import draft_segments
from scripts.translate.engines import CURRENT_TALLY, Engine, Tally
from scripts.translate.fidelity import blocking, segment_violations
from scripts.translate.coverage import uncovered_count
from scripts.translate.heads import carried, mirrored_pairs
from scripts.translate.memory import PageMemory, Record
from scripts.translate.segments import Segment, page_segments, parts_of, render, segments_in
from scripts.translate.settings import Grammar

HUMAN, PENDING, EDITED = "human", "pending", "edited-after-review"
# The keys of `translation:` the pipeline writes; the others (a translator's note) are kept as they are.
MANAGED = ("status", "unmodified_mt", "source_sha256", "reviewed", "reviewed_sha256", "pending", "pending_reasons",
           "review_refused", "uncovered")


@dataclass
class Report:
    """What happened to one page, as `--json` prints it."""

    page: str
    segments: int = 0
    from_memory: int = 0
    drafted: int = 0
    pending: int = 0
    uncovered: int = 0  # Vietnamese paragraphs a page a person restructured does not cover (coverage.py)
    engine_requests: int = 0
    status: str = "untranslated"
    post_edits: int = 0
    pending_reasons: list[dict] = field(default_factory=list)  # [{id, reason}] of segments an engine failed
    written: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # sha256 of the Vietnamese page as read, and of the English page and memory file as the page was
    # left (ABSENT for no file): the inputs of the next run, if nothing else changes them.
    digests: dict[str, str] = field(default_factory=dict, repr=False)


@dataclass
class Run:
    """State shared by the pages of one run: the project, the engine (None when offline), terms,
    interface words, finished records of the memory, and whether this run made new finished ones."""

    project: object
    engine: Engine | None
    labels: Labels
    terms: list = field(default_factory=list)
    finished: dict[str, Record] = field(default_factory=dict)
    engine_failure: str | None = None  # after one engine error, the rest of the run stays offline
    new_finished: bool = False  # a record with English that the memory did not have was saved
    grammar: Grammar = field(default_factory=Grammar)
    redraft: bool = False  # machine drafts made with another engine, model or style are drafted again

    def stale(self, record: Record | None) -> bool:
        """Whether a machine draft should be drafted again (--redraft-machine): never a human one."""
        if not (self.redraft and self.engine and record and record.en) or record.origin in (HUMAN, PENDING):
            return False
        return (record.origin, record.model, record.style) != (self.engine.name, self.engine.model, self.engine.style)


def body_sha256(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def same_text(a: str | None, b: str | None) -> bool:
    return " ".join((a or "").split()) == " ".join((b or "").split())


# ─── Post-edit capture ───────────────────────────────────────────────────────────────────

def capture_edits(page: PageMemory, vi_segments: list[Segment], en_meta: dict, en_body: str, now: str) -> int:
    """Record in `page` what a contributor changed in the English page; returns how many segments.

    The English page's segments are aligned with those it was last written from (`page.order`);
    when they no longer align (paragraphs merged or split), the page becomes human-owned. A page
    the pipeline never wrote (a human translation) is aligned with the current Vietnamese. An edit
    of the H1 or the first paragraph is carried to the title or description that mirrored it, and
    the reverse (heads.py)."""
    english = page_segments(en_meta, en_body)
    known = page.known
    order = page.order if known else [s.id for s in vi_segments]
    sources = {s.id: s.text for s in vi_segments}
    if len(english) != len(order):
        page.owner = HUMAN
        return 0
    shown = []  # what the page showed before the edit: each segment's English, or its Vietnamese
    for sid in order:
        record = page.records.get(sid)
        shown.append(record.en if record and record.en else (record.vi if record else sources.get(sid, "")))
    head_keys = [k for k in ("title", "description") if en_meta.get(k) and str(en_meta[k]).strip()]
    texts = carried(shown, [s.text for s in english], mirrored_pairs(head_keys, en_body))
    edits = 0
    for sid, text, before in zip(order, texts, shown):
        record = page.records.get(sid)
        source = record.vi if record else sources.get(sid, "")
        if known and same_text(text, before):
            continue
        if record and record.origin == HUMAN and same_text(text, record.en):
            continue
        page.records[sid] = Record(sid, source, record.draft if record else None, text, HUMAN, now)
        edits += 1
    return edits


# ─── Status ──────────────────────────────────────────────────────────────────────────────

def unmodified_mt(records: list[Record]) -> float:
    """Share of the final text that is unmodified engine output, measured per paragraph (as
    Wikipedia's Content Translation does): each paragraph counts the words of its final text
    that are the draft's, weighted by its length."""
    total = kept = 0.0
    for record in records:
        words = (record.en or "").split()
        total += len(words)
        if record.draft and words:
            matcher = SequenceMatcher(None, record.draft.split(), words, autojunk=False)
            kept += sum(block.size for block in matcher.get_matching_blocks())
    return round(kept / total, 2) if total else 0.0


def page_status(records: list[Record], pending: int, outdated: bool, reviewed: bool, edited: bool = False) -> str:
    """The page's translation.status: "untranslated" while nothing is in English, "outdated" when
    the Vietnamese changed and the change is not translated yet, "reviewed" (through the review
    gate), "edited-after-review" (see review_state), else "human" or "machine-draft"."""
    if pending == len(records):
        return "untranslated"
    if outdated:
        return "outdated"
    if reviewed and not pending:
        return "reviewed"
    if edited:
        return EDITED
    return HUMAN if all(r.origin == HUMAN for r in records if r.en) else "machine-draft"


def content_sha256(meta: dict, body: str) -> str:
    """Digest of what a reviewer reads: the title, the description and the body."""
    return body_sha256("\n".join(str(meta.get(k) or "") for k in ("title", "description")) + "\n" + body)


def review_state(info: dict, changed: bool, content: str, gate) -> tuple[bool, str, bool]:
    """(reviewed, why `reviewed: true` is refused, edited since its review) of a page whose English
    reads `content` (content_sha256). `reviewed: true` is taken when `gate()` finds nothing in its
    way (nothing pending, nothing uncovered, no check error), and its text's digest is recorded
    (`reviewed_sha256`); English that differs from it later was edited after the review: the mark
    goes and the page says so until a contributor sets `reviewed: true` again. A changed Vietnamese
    page ends a review and what followed it."""
    if changed:
        return False, "", False
    was_edited = info.get("status") == EDITED
    if info.get("reviewed") is not True:
        return False, "", was_edited
    stored = info.get("reviewed_sha256")
    if isinstance(stored, str) and stored != content:
        return False, "", True
    refused = gate()
    return not refused, refused, was_edited and bool(refused)


def pending_notice(labels: Labels, pending: int, total: int) -> str:
    return (f'!!! warning "{labels("en", "translation_pending_title")}"\n'
            f'    {labels("en", "translation_pending", pending=pending, total=total)}\n')


def untranslated_notice(labels: Labels, pending: int, total: int) -> str:  # noqa: ARG001 - pending == total
    """The notice of a page with nothing in English yet (the site shows readers the Vietnamese
    article instead of it: scripts/build/article.py)."""
    return (f'!!! note "{labels("en", "translation_untranslated_title")}"\n'
            f'    {labels("en", "translation_untranslated", total=total)}\n')


def with_notice(body: str, notice: str) -> str:
    """`notice` placed right after the page's first heading (or at the top)."""
    text = body.lstrip("\n")
    if text.startswith("# "):
        head, _, rest = text.partition("\n")
        return f"{head}\n\n{notice}{rest if rest.startswith(chr(10)) else chr(10) + rest}"
    return f"{notice}\n{text}"


# ─── One page ────────────────────────────────────────────────────────────────────────────

def translate_page(run: Run, rel: str, now: str) -> Report:
    """Bring docs/en/<rel> up to date with docs/vi/<rel> and the memory; never lose an English edit."""
    project = run.project
    report = Report(rel)
    vi_path = project.page("vi", rel)
    vi_raw = read_own(vi_path, MAX_PAGE_BYTES, project.shown(vi_path), project.root)  # no link, pipe or device
    vi_meta, vi_body = frontmatter.split(vi_raw.decode("utf-8"), str(vi_path))
    report.digests["vi"] = hashlib.sha256(vi_raw).hexdigest()
    source_sha = body_sha256(vi_body)
    vi_parts = parts_of(vi_body)
    vi_segments = page_segments(vi_meta, vi_body)
    report.segments = len(vi_segments)
    page = memory.load_page(project, rel)
    en_path = project.page("en", rel)
    en_text = read_own(en_path, MAX_PAGE_BYTES, project.shown(en_path), project.root).decode("utf-8") \
        if os.path.lexists(en_path) else None
    report.digests["en"] = text_digest(en_text) if en_text is not None else ABSENT
    en_meta, en_body = frontmatter.split(en_text, str(en_path)) if en_text is not None else ({}, None)
    info = translation_info(en_meta)
    if en_body is None and page.owner == HUMAN:
        page.owner = "pipeline"  # the contributor deleted their page: translate it afresh
    as_written = en_text is not None and body_sha256(en_text) in page.written  # not edited since
    if en_body is not None and page.owner != HUMAN and not as_written:
        report.post_edits = capture_edits(page, vi_segments, en_meta, en_body, now)
        run.new_finished |= report.post_edits > 0
    if page.owner == HUMAN:
        return _human_owned(run, page, report, rel, source_sha, en_meta, en_body, info, vi_body)

    records: list[Record] = []
    wanted: dict[str, Segment] = {}
    for segment in vi_segments:
        record = page.records.get(segment.id)
        if not (record and record.en) or run.stale(record):
            other = run.finished.get(segment.id)
            record = other if other and not run.stale(other) else (None if run.stale(record) else record)
        if not (record and record.en):
            wanted.setdefault(segment.id, segment)
        records.append(record)
    tally = Tally()
    token = CURRENT_TALLY.set(tally)
    try:
        drafts = draft_segments(run, list(wanted.values()), str(vi_meta.get("title") or "")) if wanted else {}
    finally:
        CURRENT_TALLY.reset(token)
    report.engine_requests = tally.requests
    texts = []
    for index, segment in enumerate(vi_segments):
        record = records[index]
        if record and record.en:
            report.from_memory += 1
        elif (result := drafts[segment.id]).english is None:
            report.pending += 1
            old = page.records.get(segment.id)
            why = result.why if result.why != "no engine" else None
            record = Record(segment.id, segment.text, None, None, PENDING, now, why=why) if why or not old else old
            if old and old.en:  # a stale draft stays shown until a better one comes
                record = old
                report.pending -= 1
                report.from_memory += 1
            elif why:
                report.problems.append(why)
            if record.why and not record.en:  # the reason stays shown until the segment is drafted
                report.pending_reasons.append({"id": segment.id, "reason": record.why})
        else:
            report.drafted += 1
            run.new_finished = True
            engine = run.engine
            record = Record(segment.id, segment.text, result.english, result.english, engine.name, now,
                            model=engine.model, style=engine.style)
        page.records[segment.id] = record
        records[index] = record
        texts.append(record.en or segment.text)
    prior_sha = info.get("source_sha256")
    changed = bool(en_body is not None and prior_sha and prior_sha != source_sha)
    outdated = changed and report.pending > 0
    untranslated = report.pending == len(vi_segments)  # nothing in English yet
    page.order = [s.id for s in vi_segments]
    page.source_sha256 = source_sha
    head = len(vi_segments) - len(segments_in(vi_parts))
    body = render(vi_parts, texts[head:])
    if report.pending:
        notice = untranslated_notice if untranslated else pending_notice
        body = with_notice(body, notice(run.labels, report.pending, len(vi_segments)))
    meta = {k: v for k, v in en_meta.items() if k not in ("title", "description", "translation")}
    head_keys = [k for k in ("title", "description") if vi_meta.get(k) and str(vi_meta[k]).strip()]
    meta.update(zip(head_keys, texts))
    content = content_sha256(meta, body)
    reviewed, refused, edited = review_state(info, changed, content, lambda: (
        f"{report.pending} segment(s) pending" if report.pending else review_blocked(run, vi_segments, records)))
    report.status = page_status(records, report.pending, outdated, reviewed, edited)
    translation = {"status": report.status, **{k: v for k, v in info.items() if k not in MANAGED}}
    if report.status == "machine-draft":
        translation["unmodified_mt"] = unmodified_mt([r for r in records if r.en])
    translation["source_sha256"] = source_sha if not report.pending or untranslated else (prior_sha or source_sha)
    translation["reviewed"] = reviewed
    if reviewed:
        translation["reviewed_sha256"] = content  # what was reviewed: an edit after it shows
    if refused:
        translation["review_refused"] = refused  # `check` reports it; set reviewed: true again once fixed
    if report.pending:
        translation["pending"] = report.pending
    if report.pending_reasons:
        translation["pending_reasons"] = [f"{r['id']}: {r['reason']}" for r in report.pending_reasons]
    ordered = {k: meta.pop(k) for k in ("title", "description") if k in meta}
    text = frontmatter.join({**ordered, **meta, "translation": translation}, body)
    if text != en_text or body_sha256(text) not in page.written:  # unchanged: the record stays as it is
        page.written = list(dict.fromkeys(body_sha256(t) for t in (text, en_text) if t is not None))
    _save_memory(project, page, report)  # before the page: see PageMemory.written
    if write_if_changed(en_path, text, project.root):
        report.written.append(project.shown(en_path))
    report.digests["en"] = text_digest(text)
    return report


def review_blocked(run: Run, vi_segments: list[Segment], records: list[Record]) -> str:
    """The first check error that stands in the way of `reviewed: true` ("" when none; see fidelity.blocking)."""
    terms = run.terms or _glossary(run)
    for segment, record in zip(vi_segments, records):
        if record and record.en:
            errors = blocking(segment_violations(segment.text, record.en, terms, run.grammar), record.origin)
            if errors:
                return f"“{' '.join(record.en.split())[:50]}…”: {errors[0]}"
    return ""


def _glossary(run: Run) -> list:
    from scripts.glossary.terms import GlossaryError, load_terms

    try:
        return load_terms(run.project)
    except GlossaryError:
        return []


def _human_owned(run: Run, page: PageMemory, report: Report, rel: str, source_sha: str, en_meta: dict,
                 en_body: str | None, info: dict, vi_body: str = "") -> Report:
    """A restructured page: its body is the contributor's; only its status follows the source, the
    Vietnamese blocks it does not cover (`uncovered`, coverage.py) and the review gate, on the whole
    page (its paragraphs no longer align with the Vietnamese)."""
    stored = info.get("source_sha256")
    refused, edited = "", False
    if en_body is None:
        report.status = "untranslated"
    elif stored and stored != source_sha and not (info.get("reviewed") and info.get("status") == "outdated"):
        report.status, reviewed, sha = "outdated", False, stored
    else:
        report.uncovered, total = uncovered_count(vi_body, en_body)

        def gate() -> str:
            if report.uncovered:
                return f"{report.uncovered} of {total} Vietnamese paragraph(s) not covered by the English"
            whole = Segment("paragraph", vi_body)
            return review_blocked(run, [whole], [Record(whole.id, vi_body, None, en_body, HUMAN, "")])

        reviewed, refused, edited = review_state(info, False, content_sha256(en_meta, en_body), gate)
        report.status, sha = ("reviewed" if reviewed else EDITED if edited else HUMAN), source_sha
    if en_body is not None:
        translation = {"status": report.status, **{k: v for k, v in info.items() if k not in MANAGED},
                       "source_sha256": sha, "reviewed": reviewed}
        if reviewed:
            translation["reviewed_sha256"] = content_sha256(en_meta, en_body)
        if refused:
            translation["review_refused"] = refused
        if report.uncovered:
            translation["uncovered"] = report.uncovered  # `check` reports it; the banner says so
        text = frontmatter.join({**en_meta, "translation": translation}, en_body)
        en_path = run.project.page("en", rel)
        if write_if_changed(en_path, text, run.project.root):
            report.written.append(run.project.shown(en_path))
        report.digests["en"] = text_digest(text)
        page.source_sha256 = sha
    _save_memory(run.project, page, report)
    return report


def _save_memory(project, page: PageMemory, report: Report) -> None:
    text = memory.page_text(page)
    if write_if_changed(project.memory_file(page.rel), text, project.root):
        report.written.append(project.shown(project.memory_file(page.rel)))
    report.digests["memory"] = text_digest(text)
