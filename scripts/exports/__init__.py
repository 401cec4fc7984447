"""Exports: the site's language data in standard exchange formats for CAT tools (`python -m scripts
export tbx|csv|tmx`): the glossary as TBX-Basic or CSV, the translation memory as TMX 1.4."""
from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from scripts.core.fsutil import write_atomic


@dataclass(frozen=True)
class Format:
    """One export: the function of the project that returns the file's text, where it goes by
    default (under the repository) and what it is."""

    write: Callable[[object], str]
    default: str
    help: str


def formats() -> dict[str, Format]:
    from scripts.exports.csv import export_csv
    from scripts.exports.tbx import export_tbx
    from scripts.exports.tmx import export_tmx

    return {
        "tbx": Format(export_tbx, "exports/glossary.tbx", "the glossary as TBX-Basic, ISO 30042, for CAT tools"),
        "csv": Format(export_csv, "exports/glossary.csv", "the glossary as CSV, one row per term"),
        "tmx": Format(export_tmx, "exports/memory.tmx", "the translation memory as TMX 1.4, one unit per segment"),
    }


NAMES = ("csv", "tbx", "tmx")


def register(commands) -> None:
    parser = commands.add_parser(
        "export",
        help="export the glossary (tbx, csv) or the translation memory (tmx)",
        description="Write an exchange file: tbx (the glossary as TBX-Basic, ISO 30042), csv (the glossary, "
                    "one row per term) or tmx (the translation memory as TMX 1.4), to exports/ by default.",
    )
    parser.add_argument("format", choices=NAMES, help="what to write")
    parser.add_argument("-o", "--output", type=Path, help="output file ('-' for standard output)")
    parser.set_defaults(func=run)


def run(project, args) -> int:
    export = formats()[args.format]
    try:
        text = export.write(project)
    except ValueError as exc:  # a glossary or memory file that does not read: named, no traceback
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.output and str(args.output) == "-":
        sys.stdout.write(text)
        return 0
    output = args.output or project.root / export.default
    write_atomic(output, text)
    print(f"wrote {project.shown(output)}")
    return 0
