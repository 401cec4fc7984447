"""`check`: every content check of the site (glossary consistency, translation QA), one report."""
from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from scripts.core.fsutil import ROOT


@dataclass(frozen=True)
class Finding:
    """One problem found: `severity` is "error" (fails the check) or "warning" (listed)."""

    severity: str
    check: str
    file: str
    message: str

    def __str__(self) -> str:
        return f"{self.severity}: {self.file}: {self.message} [{self.check}]"


Check = Callable[[Path], Iterable[Finding]]
# Every check, in order; each takes the repository root and yields findings.
# A stage adds its checks here with register_check().
CHECKS: list[tuple[str, Check]] = []


def register_check(name: str, check: Check) -> None:
    """Add `check` to what `python -m scripts check` runs."""
    if name not in dict(CHECKS):
        CHECKS.append((name, check))


def run_checks(root: Path, only: set[str] | None = None) -> list[Finding]:
    findings = []
    for name, check in _all_checks():
        if not only or name in only:
            findings.extend(check(root))
    return findings


def _all_checks() -> list[tuple[str, Check]]:
    # Importing the modules that own checks registers them.
    import importlib

    for module in CHECK_MODULES:
        importlib.import_module(module)
    return CHECKS


# Modules whose import registers checks.
CHECK_MODULES: list[str] = [
    "scripts.glossary.terms",
    "scripts.glossary.topics",
    "scripts.checks.translation",
]


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "check",
        help="run the content checks (glossary consistency, translation QA); errors fail",
        description="Run every content check; exit 1 when any finding is an error. Warnings are listed.",
    )
    parser.add_argument("--only", action="append", metavar="CHECK", help="run only this check (repeatable)")
    parser.add_argument("--json", action="store_true", help="print one JSON record per finding")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    findings = run_checks(args.root, set(args.only) if args.only else None)
    for finding in findings:
        print(json.dumps(asdict(finding), ensure_ascii=False) if args.json else finding)
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    if not args.json:
        print(f"{errors} error(s), {warnings} warning(s) from {len(_all_checks())} check(s)")
    return 1 if errors else 0
