"""Command line: `python -m scripts <command>`; each stage package registers its command."""
from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from scripts.core.fsutil import LockedError
from scripts.project import CODE_ROOT, Project

# Command name → the package that defines it: register(commands) adds the command and sets `func`,
# a function of (project, args) returning the exit code. Only the named command's package is
# imported to run it (a command starts sooner: ingest's HTML extraction and translate's engines
# are not loaded for `build`).
COMMANDS = {
    "update": "scripts.update",
    "build": "scripts.build",
    "serve": "scripts.build.serve",
    "ingest": "scripts.ingest",
    "evaluate": "scripts.ingest.evaluate",
    "translate": "scripts.translate",
    "pages": "scripts.pages",
    "check": "scripts.checks",
    "export": "scripts.exports",
    "glossary": "scripts.glossary.suggest",
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
            commands.choices[name].add_argument(
                "--root", type=Path, default=CODE_ROOT, metavar="DIR",
                help="the repository to work on (default: the one this code is in)")
    return parser


def command_names() -> list[str]:
    """The names of every command, in the order `--help` lists them."""
    return list(COMMANDS)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv[0] if argv and argv[0] in COMMANDS else None).parse_args(argv)
    try:
        return int(args.func(Project(args.root), args) or 0)
    except LockedError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except ValueError as exc:  # bad settings or data: the message names the file, line and field
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # a full disk, a read-only folder: what failed, not a traceback
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}; files already written are complete, run the command "
              "again once this is fixed", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: every file is either as it was or complete; run the command again to resume",
              file=sys.stderr)
        return 130
