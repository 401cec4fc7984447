"""Checks: the live content's correctness, one report (`python -m scripts check`, `make check`).
Each check reads the project and returns findings that name the file, line and field; errors fail,
warnings are listed. The checks are the explicit list CHECKS below."""
from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass

from scripts.core.schema import Problem


@dataclass(frozen=True)
class Finding:
    """One problem found: `severity` is "error" (fails the check) or "warning" (listed)."""

    severity: str
    check: str
    file: str
    message: str
    line: int | None = None
    field: str | None = None

    @classmethod
    def of(cls, problem: Problem, check: str, severity: str = "error") -> Finding:
        return cls(severity, check, problem.file, problem.message, problem.line, problem.field)

    def __str__(self) -> str:
        problem = Problem(self.file, self.message, self.line, self.field)
        return f"{self.severity}: {problem} [{self.check}]"


Check = Callable[[object], Iterable[Finding]]


def checks() -> list[tuple[str, Check]]:
    """Every check, in the order they run: (name, function of the project yielding findings)."""
    from scripts.checks.glossary import glossary_findings, topic_findings
    from scripts.checks.pages import page_findings
    from scripts.checks.review import review_findings
    from scripts.checks.translation import translation_findings

    return [("glossary", glossary_findings), ("topics", topic_findings), ("pages", page_findings),
            ("translation-qa", translation_findings), ("review", review_findings)]


def run_checks(project, only: set[str] | None = None) -> list[Finding]:
    findings = []
    for name, check in checks():
        if not only or name in only:
            findings.extend(check(project))
    return findings


def register(commands) -> None:
    parser = commands.add_parser(
        "check",
        help="run the content checks (glossary consistency, translation QA, metadata to review); errors fail",
        description="Run every content check; exit 1 when any finding is an error. Warnings are listed.",
    )
    parser.add_argument("--only", action="append", metavar="CHECK", help="run only this check (repeatable)")
    parser.add_argument("--json", action="store_true", help="print one JSON record per finding")
    parser.set_defaults(func=run)


def run(project, args) -> int:
    names = [name for name, _ in checks()]
    unknown = sorted(set(args.only or ()) - set(names))
    if unknown:
        print(f"error: no check named {', '.join(map(repr, unknown))}; the checks are {', '.join(names)}",
              file=sys.stderr)
        return 2
    findings = run_checks(project, set(args.only) if args.only else None)
    for finding in findings:
        print(json.dumps(asdict(finding), ensure_ascii=False) if args.json else finding)
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    if not args.json:
        ran = len(args.only and set(args.only) or names)
        print(f"{errors} error(s), {warnings} warning(s) from {ran} check(s)")
    return 1 if errors else 0
