"""Ingest: raw articles in sources/ (plain-text dumps as scraped, saved HTML pages, any encoding)
become cleaned Vietnamese pages docs/vi/articles/YYYY/<slug>.md with their metadata. A page a
contributor edited is never overwritten; a bad input gets one line and the others go on.

(fetch: an http(s) address is downloaded into sources/ first) → decode → extract and htmlmeta (HTML) or
clean with header, titles, dates, bylines and captions (text), by the rules of config/cleaning.yml →
metadata (the outlet from the registry of config/outlets.yml, how sure ingest is of each field, what to
review) → sidecar → page; site_index finds duplicates and edits, state remembers what a no-op run can
skip. evaluate (with scoring) measures the cleaner against gold bodies and expected metadata."""
from __future__ import annotations

import json
import sys
from dataclasses import asdict

from scripts.core.fsutil import repository_lock
from scripts.ingest.batch import Record, ingest, input_files
from scripts.ingest.fetch import is_url


def register(commands) -> None:
    parser = commands.add_parser(
        "ingest",
        help="turn raw articles in sources/ into cleaned Vietnamese pages under docs/vi/articles/",
        description="Clean raw articles (plain-text dumps or HTML pages, any encoding) into Vietnamese "
                    "pages with metadata. An http(s) address is downloaded first into sources/<slug>.html, "
                    "with a sidecar holding its address and download time. A sidecar <file>.meta.yml "
                    "beside a raw file supplies or overrides source_url, date, outlet, author, title and "
                    "source_credit. Statuses: created, unchanged, updated, skipped-edited, followed-edit, "
                    "duplicate-of <page>, error <reason>.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH|URL",
                        help="raw files or folders (default: sources/), or http(s) addresses of pages to download "
                             "into sources/ first")
    parser.add_argument("--json", action="store_true", help="print one JSON record per input")
    parser.add_argument("--force", action="store_true",
                        help="regenerate pages a contributor edited, and show what changes")
    parser.set_defaults(func=run)


# Fields of a record left out of --json when they hold nothing.
OPTIONAL = ("moved_from", "carried", "url", "confidence", "needs_review", "new_names")


def carried_note(record: Record) -> str:
    """"; <path> moved with it" for each file that moved with the record's page."""
    return "".join(f"; {path} moved with it" for path in record.carried or [])


def run(project, args) -> int:
    with repository_lock(project.root):
        records = _with_progress(project, args)
    note = with_new_names(project, records)
    for record in records:
        if args.json:
            fields = {k: v for k, v in asdict(record).items()  # the optional ones only when they say something
                      if not (k == "diff" and not v or k in OPTIONAL and v is None)}
            print(json.dumps(fields, ensure_ascii=False))
            continue
        if record.status.startswith("error"):
            print(f"error: {record.url or record.source}: {record.status[6:]}", file=sys.stderr)
            continue
        print(f"{record.status:<15} {record.source} → {record.page}")
        if record.new_names:
            names = ", ".join(f"{n['name']} ({n['kind']})" for n in record.new_names)
            print(f"{'':<15} not in the glossary: {names}")
        if record.moved_from:
            print(f"{'':<15} moved from {record.moved_from}{carried_note(record)}")
        if record.diff:
            print(record.diff, end="")
    if note:
        print(note, file=sys.stderr)
    return 1 if any(r.status.startswith("error") for r in records) else 0


def with_new_names(project, records: list[Record]) -> str | None:
    """Fill `new_names` of the records whose page ingest wrote: the names the article mentions that
    the glossary lacks (`python -m scripts glossary suggest` lists them for the whole site). Returns
    a note when the glossary cannot be read (the pages are written all the same)."""
    written = [r for r in records if r.status in ("created", "updated") and r.page]
    if not written:
        return None
    from scripts.core import frontmatter
    from scripts.glossary.suggest import new_names

    try:
        for record in written:
            meta, body = frontmatter.read(project.root / record.page)
            record.new_names = new_names(body, project)
    except ValueError as exc:  # a glossary file that does not read: said, and ingest's work stands
        return f"note: names not checked against the glossary: {exc}"
    return None


def stage(project) -> int:
    """The `update` stage: ingest sources/ (the caller holds the lock); non-zero on any error."""
    records = ingest(project)
    for line in record_lines(records):
        print(f"  {line}", file=sys.stderr)
    return 1 if any(r.status.startswith("error") for r in records) else 0


def record_lines(records: list[Record]) -> list[str]:
    """One line per input whose page did not stay as it was, and per page that moved."""
    lines = []
    for record in records:
        if record.status not in {"unchanged"}:
            lines.append(f"ingest: {record.status}: {record.source}")
        if record.moved_from:
            lines.append(f"ingest: moved {record.moved_from} → {record.page}{carried_note(record)}")
    return lines


def _with_progress(project, args) -> list[Record]:
    if args.json or not sys.stderr.isatty():
        return ingest(project, args.paths, args.force)
    from rich.console import Console
    from rich.progress import Progress

    urls = [p for p in args.paths if is_url(p)]
    files = [p for p in args.paths if not is_url(p)]
    paths = urls + (input_files(project, files) if files or not urls else [])
    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("ingest", total=len(paths))
        return ingest(project, [str(p) for p in paths], args.force, lambda _: bar.advance(task))
