"""Command line: `python -m scripts <command>`; each pipeline module registers its command."""
from __future__ import annotations

import argparse
import importlib
import sys

from scripts.core.fsutil import LockedError

# Command name → its module; each defines register(subparsers), which adds that command and sets
# `func` on its parser. Only the named command's module is imported to run it (a command starts
# sooner: ingest's HTML extraction and translate's engines are not loaded for `build`).
COMMANDS = {
    "update": "scripts.update",
    "build": "scripts.build",
    "ingest": "scripts.ingest",
    "evaluate": "scripts.ingest.evaluate",
    "translate": "scripts.translate",
    "pages": "scripts.pages",
    "check": "scripts.checks",
    "export": "scripts.exports",
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of command `only` alone."""
    parser = argparse.ArgumentParser(
        prog="python -m scripts",
        description="Pipeline of the bilingual migration-news site: ingest, translate, check, generate pages.",
    )
    commands = parser.add_subparsers(dest="command", metavar="<command>", required=True)
    for name, module in COMMANDS.items():
        if only in (None, name):
            importlib.import_module(module).register(commands)
    return parser


def command_names() -> list[str]:
    """The names of every command, in the order `--help` lists them."""
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return list(action.choices)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv[0] if argv and argv[0] in COMMANDS else None).parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except LockedError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except OSError as exc:  # a full disk, a read-only folder: what failed, not a traceback
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}; files already written are complete, run the command "
              "again once this is fixed", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: every file is either as it was or complete; run the command again to resume",
              file=sys.stderr)
        return 130
