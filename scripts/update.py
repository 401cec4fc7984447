"""`update`: run every pipeline stage in order, offline (what `make serve` does first)."""
from __future__ import annotations

import sys

from scripts import ingest, pages, translate
from scripts.core.fsutil import repository_lock


def _pages(project) -> int:
    pages.generate(project)
    return 0


# Stages run by `update`, in order: (name, function of the project returning an exit code).
STAGES = [
    ("ingest", ingest.stage),
    ("translate", translate.update_stage),
    ("pages", _pages),
]


def register(commands) -> None:
    commands.add_parser(
        "update",
        help="bring all generated content up to date, offline (ingest, translate from memory, pages)",
        description="Run every pipeline stage in order without contacting any translation engine.",
    ).set_defaults(func=run)


def run(project, args) -> int:
    worst = 0
    with repository_lock(project.root):
        for name, stage in STAGES:
            try:
                code = stage(project)
            except ValueError as exc:  # bad input: the message names the file and what is wrong
                print(f"error: {exc}", file=sys.stderr)
                print(f"{name}: exit 2 (the later stages were not run)")
                return 2
            print(f"{name}: {'ok' if code == 0 else f'exit {code}'}")
            worst = max(worst, code)
    return worst
