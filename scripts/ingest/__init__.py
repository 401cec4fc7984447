"""Ingest: raw articles in sources/ (plain-text dumps as scraped, saved HTML pages, any encoding)
become cleaned Vietnamese pages docs/vi/articles/YYYY/<slug>.md with their metadata. A page a
contributor edited is never overwritten; a bad input gets one line and the others go on.

decode → extract (HTML) or clean (text) with the rules of config/cleaning.yml → sidecar → page;
site_index finds duplicates and edits, state remembers what a no-op run can skip."""
from __future__ import annotations

import json
import sys
from dataclasses import asdict

from scripts.core.fsutil import repository_lock
from scripts.ingest.batch import Record, ingest, input_files


def register(commands) -> None:
    parser = commands.add_parser(
        "ingest",
        help="turn raw articles in sources/ into cleaned Vietnamese pages under docs/vi/articles/",
        description="Clean raw articles (plain-text dumps or HTML pages, any encoding) into Vietnamese "
                    "pages with metadata. A sidecar <file>.meta.yml beside a raw file supplies or "
                    "overrides source_url, date, outlet, author and title. Statuses: created, "
                    "unchanged, updated, skipped-edited, duplicate-of <page>, error <reason>.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="raw files or folders (default: sources/)")
    parser.add_argument("--json", action="store_true", help="print one JSON record per input")
    parser.add_argument("--force", action="store_true",
                        help="regenerate pages a contributor edited, and show what changes")
    parser.set_defaults(func=run)


def carried_note(record: Record) -> str:
    """"; <path> moved with it" for each file that moved with the record's page."""
    return "".join(f"; {path} moved with it" for path in record.carried or [])


def run(project, args) -> int:
    with repository_lock(project.root):
        records = _with_progress(project, args)
    for record in records:
        if args.json:
            fields = {k: v for k, v in asdict(record).items()  # the optional ones only when they say something
                      if not (k == "diff" and not v or k in ("moved_from", "carried") and v is None)}
            print(json.dumps(fields, ensure_ascii=False))
            continue
        if record.status.startswith("error"):
            print(f"error: {record.source}: {record.status[6:]}", file=sys.stderr)
            continue
        print(f"{record.status:<15} {record.source} → {record.page}")
        if record.moved_from:
            print(f"{'':<15} moved from {record.moved_from}{carried_note(record)}")
        if record.diff:
            print(record.diff, end="")
    return 1 if any(r.status.startswith("error") for r in records) else 0


def stage(project) -> int:
    """The `update` stage: ingest sources/ (the caller holds the lock); non-zero on any error."""
    records = ingest(project)
    for record in records:
        if record.status not in {"unchanged"}:
            print(f"  ingest: {record.status}: {record.source}", file=sys.stderr)
        if record.moved_from:
            print(f"  ingest: moved {record.moved_from} → {record.page}{carried_note(record)}", file=sys.stderr)
    return 1 if any(r.status.startswith("error") for r in records) else 0


def _with_progress(project, args) -> list[Record]:
    if args.json or not sys.stderr.isatty():
        return ingest(project, args.paths, args.force)
    from rich.console import Console
    from rich.progress import Progress

    paths = input_files(project, args.paths)
    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("ingest", total=len(paths))
        return ingest(project, [str(p) for p in paths], args.force, lambda _: bar.advance(task))
