"""`export`: write the site's language data in standard exchange formats for CAT tools."""
from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable
from pathlib import Path

from scripts.core.fsutil import ROOT, write_atomic

# format name → (module, function name, default output path relative to the root, help).
# The function takes the repository root and returns the file's text.
FORMATS: dict[str, tuple[str, str, str, str]] = {
    "tbx": ("scripts.exports.glossary", "export_tbx", "exports/glossary.tbx",
            "the glossary as TBX-Basic, ISO 30042, for CAT tools"),
    "csv": ("scripts.exports.glossary", "export_csv", "exports/glossary.csv",
            "the glossary as CSV, one row per term"),
    "tmx": ("scripts.translate.memory", "export_tmx", "exports/memory.tmx",
            "the translation memory as TMX 1.4, one unit per segment"),
}


def exporter(name: str) -> Callable[[Path], str]:
    module, function, _, _ = FORMATS[name]
    return getattr(importlib.import_module(module), function)


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "export",
        help="export the glossary (tbx, csv) or the translation memory (tmx)",
        description="Write an exchange file: " + ", ".join(
            f"{name} ({help_})" for name, (_, _, _, help_) in FORMATS.items()),
    )
    parser.add_argument("format", choices=sorted(FORMATS), help="what to write")
    parser.add_argument("-o", "--output", type=Path, help="output file ('-' for standard output)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    text = exporter(args.format)(ROOT)
    if args.output and str(args.output) == "-":
        sys.stdout.write(text)
        return 0
    output = args.output or ROOT / FORMATS[args.format][2]
    write_atomic(output, text)
    print(f"wrote {output}")
    return 0
