"""`update`: run every pipeline stage in order, offline (what `make serve` does first)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts import ingest, pages, translate
from scripts.core.fsutil import ROOT, repository_lock


def _pages(root) -> int:
    pages.generate(root / "docs")
    return 0


# Stages run by `update`, in order: (name, function of the repository root returning an exit code).
STAGES = [
    ("ingest", ingest.stage),
    ("translate", translate.update_stage),
    ("pages", _pages),
]


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "update",
        help="bring all generated content up to date, offline (ingest, translate from memory, pages)",
        description="Run every pipeline stage in order without contacting any translation engine.",
    )
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    worst = 0
    with repository_lock(args.root):
        for name, stage in STAGES:
            try:
                code = stage(args.root)
            except ValueError as exc:  # bad input: the message names the file and what is wrong
                print(f"error: {exc}", file=sys.stderr)
                print(f"{name}: exit 2 (the later stages were not run)")
                return 2
            print(f"{name}: {'ok' if code == 0 else f'exit {code}'}")
            worst = max(worst, code)
    return worst
