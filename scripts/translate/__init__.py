"""`translate`: English pages from the translation memory, an MT engine for what is new, and post-edits kept."""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from scripts.core import frontmatter
from scripts.translate import memory
from scripts.core.cache import combined, read_cache, write_cache
from scripts.core.content import article_paths, label
from scripts.translate.engines import ENGINE_NAMES, Engine, EngineError, load_settings, make_engine
from scripts.core.fsutil import ROOT, repository_lock, write_if_changed
from scripts.translate.state import (CACHED_FIELDS, TRANSLATE_CACHE, memory_digests, page_key, settings_digest,
                                     skippable)
from scripts.translate.memory import PageMemory, Record
from scripts.translate.segments import (PlaceholderError, Segment, inert_markdown, page_segments, parts_of, protect,
                              render, restore, segments_in)

STATUSES = ("machine-draft", "human", "reviewed", "outdated", "untranslated")
HUMAN, PENDING = "human", "pending"


@dataclass
class Report:
    """What happened to one page, as `--json` prints it."""

    page: str
    segments: int = 0
    from_memory: int = 0
    drafted: int = 0
    pending: int = 0
    engine_requests: int = 0
    status: str = "untranslated"
    post_edits: int = 0
    written: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass
class Run:
    """State shared by the pages of one run: the engine (None when offline), terms, finished records."""

    root: Path
    engine: Engine | None
    terms: list = field(default_factory=list)
    finished: dict[str, Record] = field(default_factory=dict)
    engine_failure: str | None = None  # after one engine error, the rest of the run stays offline


def body_sha256(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def same_text(a: str | None, b: str | None) -> bool:
    return " ".join((a or "").split()) == " ".join((b or "").split())


# ─── Post-edit capture ───────────────────────────────────────────────────────────────────

def capture_edits(page: PageMemory, vi_segments: list[Segment], en_meta: dict, en_body: str, now: str) -> int:
    """Record in `page` what a contributor changed in the English page; returns how many segments.

    The English page's segments are aligned with those it was last written from (`page.order`);
    when they no longer align (paragraphs merged or split), the page becomes human-owned. A page
    the pipeline never wrote (a human translation) is aligned with the current Vietnamese."""
    english = page_segments(en_meta, en_body)
    known = page.known
    order = page.order if known else [s.id for s in vi_segments]
    sources = {s.id: s.text for s in vi_segments}
    if len(english) != len(order):
        page.owner = HUMAN
        return 0
    edits = 0
    for sid, segment in zip(order, english):
        record = page.records.get(sid)
        source = record.vi if record else sources.get(sid, "")
        shown = record.en if record and record.en else source
        if known and same_text(segment.text, shown):
            continue
        if record and record.origin == HUMAN and same_text(segment.text, record.en):
            continue
        page.records[sid] = Record(sid, source, record.draft if record else None, segment.text, HUMAN, now)
        edits += 1
    return edits


# ─── Drafting with an engine ─────────────────────────────────────────────────────────────

def term_spans(text: str, terms: list, markdown: bool) -> list[tuple[int, int, str]]:
    """Glossary terms in `text`, each with the approved English that replaces it after the engine."""
    if not terms:
        return []
    from scripts.glossary.terms import find_terms

    spans = []
    for start, end, term in find_terms(text, terms):
        found = text[start:end]
        english = found if term.untranslated else term.en_abbr if found == term.en_abbr else term.en
        spans.append((start, end, inert_markdown(english) if markdown else english))
    return spans


def draft(run: Run, segment: Segment) -> tuple[str | None, str]:
    """(English, "") from the engine, or (None, why) when the segment stays pending."""
    if run.engine is None:
        return None, "no engine"
    if run.engine_failure:
        return None, run.engine_failure
    markdown = segment.kind != "plain"
    protected = protect(segment.text, markdown, term_spans(segment.text, run.terms, markdown))
    try:
        output = run.engine.translate(protected.text)
        return restore(output, protected, markdown), ""
    except EngineError as exc:
        run.engine_failure = str(exc)
        return None, str(exc)
    except PlaceholderError as exc:
        return None, f"{exc} in the engine's answer for segment {segment.id}"


# ─── Status ──────────────────────────────────────────────────────────────────────────────

def unmodified_share(records: list[Record]) -> float:
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


def page_status(records: list[Record], pending: int, outdated: bool, reviewed: bool) -> str:
    if pending == len(records) and not outdated:
        return "untranslated"
    if outdated:
        return "outdated"
    if reviewed and not pending:
        return "reviewed"
    return HUMAN if all(r.origin == HUMAN for r in records if r.en) else "machine-draft"


def pending_notice(pending: int, total: int) -> str:
    return (f'!!! warning "{label("en", "translation_pending_title")}"\n'
            f'    {label("en", "translation_pending", pending=pending, total=total)}\n')


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
    root = run.root
    report = Report(rel)
    vi_meta, vi_body = frontmatter.read(root / "docs" / "vi" / rel)
    source_sha = body_sha256(vi_body)
    vi_parts = parts_of(vi_body)
    vi_segments = page_segments(vi_meta, vi_body)
    report.segments = len(vi_segments)
    page = memory.load_page(root, rel)
    en_path = root / "docs" / "en" / rel
    en_text = en_path.read_text(encoding="utf-8") if en_path.exists() else None
    en_meta, en_body = frontmatter.split(en_text, str(en_path)) if en_text is not None else ({}, None)
    info = en_meta.get("translation") if isinstance(en_meta.get("translation"), dict) else {}
    if en_body is None and page.owner == HUMAN:
        page.owner = "pipeline"  # the contributor deleted their page: translate it afresh
    as_written = en_text is not None and body_sha256(en_text) in page.written  # not edited since
    if en_body is not None and page.owner != HUMAN and not as_written:
        report.post_edits = capture_edits(page, vi_segments, en_meta, en_body, now)
    if page.owner == HUMAN:
        return _human_owned(run, page, report, rel, source_sha, en_meta, en_body, info)

    records, texts = [], []
    engine_before = run.engine.requests if run.engine else 0
    for segment in vi_segments:
        record = page.records.get(segment.id)
        if not (record and record.en):
            record = run.finished.get(segment.id) or record
        if record and record.en:
            report.from_memory += 1
        else:
            english, why = draft(run, segment)
            if english is None:
                report.pending += 1
                record = record or Record(segment.id, segment.text, None, None, PENDING, now)
                if why and why != "no engine":
                    report.problems.append(why)
            else:
                report.drafted += 1
                record = Record(segment.id, segment.text, english, english, run.engine.name, now)
        page.records[segment.id] = record
        records.append(record)
        texts.append(record.en or segment.text)
    report.engine_requests = (run.engine.requests if run.engine else 0) - engine_before

    prior_sha = info.get("source_sha256")
    changed = bool(en_body is not None and prior_sha and prior_sha != source_sha)
    outdated = changed and report.pending > 0
    reviewed = bool(info.get("reviewed")) and not changed
    report.status = page_status(records, report.pending, outdated, reviewed)
    page.order = [s.id for s in vi_segments]
    page.source_sha256 = source_sha
    if report.status == "untranslated" and en_body is None:
        _save_memory(root, page, report)
        return report
    head = len(vi_segments) - len(segments_in(vi_parts))
    body = render(vi_parts, texts[head:])
    if report.pending:
        body = with_notice(body, pending_notice(report.pending, len(vi_segments)))
    meta = {k: v for k, v in en_meta.items() if k not in ("title", "description", "translation")}
    head_keys = [k for k in ("title", "description") if vi_meta.get(k) and str(vi_meta[k]).strip()]
    meta.update(zip(head_keys, texts))
    managed = ("status", "unmodified_mt", "source_sha256", "reviewed", "pending")
    translation = {"status": report.status, **{k: v for k, v in info.items() if k not in managed}}
    if report.status == "machine-draft":
        translation["unmodified_mt"] = unmodified_share([r for r in records if r.en])
    translation["source_sha256"] = source_sha if not report.pending else (prior_sha or source_sha)
    translation["reviewed"] = reviewed
    if report.pending:
        translation["pending"] = report.pending
    ordered = {k: meta.pop(k) for k in ("title", "description") if k in meta}
    text = frontmatter.join({**ordered, **meta, "translation": translation}, body)
    page.written = list(dict.fromkeys(body_sha256(t) for t in (text, en_text) if t is not None))
    _save_memory(root, page, report)  # before the page: see PageMemory.written
    if write_if_changed(en_path, text):
        report.written.append(f"docs/en/{rel}")
    return report


def _human_owned(run: Run, page: PageMemory, report: Report, rel: str, source_sha: str, en_meta: dict,
                 en_body: str | None, info: dict) -> Report:
    """A restructured page: its body is the contributor's; only its status follows the source."""
    stored = info.get("source_sha256")
    if en_body is None:
        report.status = "untranslated"
    elif stored and stored != source_sha and not (info.get("reviewed") and info.get("status") == "outdated"):
        report.status, reviewed, sha = "outdated", False, stored
    else:
        reviewed = bool(info.get("reviewed"))
        report.status, sha = ("reviewed" if reviewed else HUMAN), source_sha
    if en_body is not None:
        translation = {**info, "status": report.status, "source_sha256": sha, "reviewed": reviewed}
        translation.pop("unmodified_mt", None)
        translation.pop("pending", None)
        text = frontmatter.join({**en_meta, "translation": translation}, en_body)
        if write_if_changed(run.root / "docs" / "en" / rel, text):
            report.written.append(f"docs/en/{rel}")
        page.source_sha256 = sha
    _save_memory(run.root, page, report)
    return report


def _save_memory(root: Path, page: PageMemory, report: Report) -> None:
    if memory.save_page(root, page):
        report.written.append(memory.memory_path(root, page.rel).relative_to(root).as_posix())


# ─── The run ─────────────────────────────────────────────────────────────────────────────

def article_rels(root: Path, paths: list[str] | None = None) -> list[str]:
    """Paths under docs/vi/ of the articles to translate: all, or those named (either language)."""
    docs = Path(root) / "docs"
    every = [p.relative_to(docs / "vi").as_posix() for p in article_paths(docs, "vi")]
    if not paths:
        return every
    wanted = []
    for given in paths:
        text = Path(given).as_posix()
        for prefix in ("docs/vi/", "docs/en/", "vi/", "en/"):
            if prefix in text:
                text = text.split(prefix, 1)[1]
                break
        matches = [rel for rel in every if rel == text or rel.startswith(text.rstrip("/") + "/")]
        if not matches:
            raise FileNotFoundError(f"{given}: no Vietnamese article at docs/vi/{text}")
        wanted += [m for m in matches if m not in wanted]
    return wanted


def translate_all(root: Path, engine: Engine | None, terms: list | None = None,
                  paths: list[str] | None = None) -> list[Report]:
    """Translate the articles (all, or those of `paths`). An article whose inputs are those of a
    past run that wrote nothing for it is skipped (see skippable): a no-op run hashes files only."""
    root = Path(root)
    rels = article_rels(root, paths)
    run, now = Run(root, engine, terms or []), memory.timestamp()
    entries = read_cache(root, TRANSLATE_CACHE)
    previous = dict(entries)
    settings, memories = settings_digest(root), memory_digests(root)
    everything = combined(*(f"{path}\0{digest}" for path, digest in sorted(memories.items())))
    reports, loaded = [], False
    try:
        for rel in rels:
            key = page_key(root, rel, settings, memories)
            if skippable(entries.get(rel), key, engine, everything):
                reports.append(Report(rel, **entries[rel]["report"]))
                continue
            if not loaded:  # the records of every memory file: only needed for an article not skipped
                run.finished, loaded = memory.finished_records(root), True
            report = translate_page(run, rel, now)
            reports.append(report)
            entries.pop(rel, None)
            if not report.written and not report.problems:  # these inputs are a fixed point
                entries[rel] = {"key": key, "memory": everything if report.pending else None,
                                "report": {k: getattr(report, k) for k in CACHED_FIELDS}}
    finally:
        if not paths:
            entries = {rel: entry for rel, entry in entries.items() if rel in set(rels)}
        if entries != previous:
            write_cache(root, TRANSLATE_CACHE, entries)
    return reports


def update_stage(root: Path) -> int:
    """The offline stage of `python -m scripts update`: memory only, English edits captured."""
    reports = translate_all(root, None)
    pending = sum(r.pending for r in reports)
    written = sum(len(r.written) for r in reports)
    print(f"translate: {len(reports)} article(s), {pending} segment(s) pending, {written} file(s) written")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "translate",
        help="update the English pages: memory first, an MT engine for new segments, post-edits kept",
        description="Build docs/en/articles/ from docs/vi/articles/ and the translation memory in "
                    "translations/memory/. Segments not in the memory are drafted by the engine (none: "
                    "left pending and shown in Vietnamese with a notice). English edits are recorded as "
                    "human translations and never overwritten. Keys come from the environment.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="only these articles (files or folders)")
    parser.add_argument("--engine", choices=ENGINE_NAMES,
                        help="MT engine (default: `engine` in config/translation.yml)")
    parser.add_argument("--engine-url", metavar="URL", help="LibreTranslate server address (or LIBRETRANSLATE_URL)")
    parser.add_argument("--api-key", metavar="KEY", help="engine key (better: LIBRETRANSLATE_API_KEY or "
                                                          "MICROSOFT_TRANSLATOR_KEY in the environment)")
    parser.add_argument("--json", action="store_true", help="print one JSON record per page")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = Path(args.root)
    try:
        engine = make_engine(args.engine, load_settings(root), url=args.engine_url, api_key=args.api_key)
        terms = _terms(root) if engine else []
        with repository_lock(root):
            reports = translate_all(root, engine, terms, args.paths)
    except (EngineError, FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for report in reports:
        if args.json:
            print(json.dumps({k: v for k, v in asdict(report).items() if k != "written"}, ensure_ascii=False))
        else:
            print(f"{report.page}: {report.segments} segments, {report.from_memory} from memory, "
                  f"{report.drafted} drafted, {report.pending} pending, {report.engine_requests} engine "
                  f"request(s), {report.post_edits} post-edit(s) recorded → {report.status}")
    problems = list(dict.fromkeys(p for r in reports for p in r.problems))
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    if not args.json:
        print(f"{sum(r.pending for r in reports)} segment(s) pending; "
              f"{sum(len(r.written) for r in reports)} file(s) written")
    return 0


def _terms(root: Path) -> list:
    from scripts.glossary.terms import load_terms

    return load_terms(root)
