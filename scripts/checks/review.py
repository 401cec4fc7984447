"""The articles whose metadata ingest is unsure of: each field listed under `needs_review:` in a
Vietnamese page's front matter is a warning naming the page, the line and the field, with what to
put in the source's sidecar."""
from __future__ import annotations

from collections.abc import Iterable

from scripts.checks import Finding
from scripts.core.content import load_articles
from scripts.core.fsutil import read_own
from scripts.core.policy import MAX_PAGE_BYTES


def review_findings(project) -> Iterable[Finding]:
    for article in load_articles(project.docs, "vi"):
        notes = article.meta.get("needs_review")
        if not isinstance(notes, dict) or not notes:
            continue
        path = project.page("vi", article.rel)
        lines = field_lines(read_own(path, MAX_PAGE_BYTES, project.shown(path)).decode("utf-8"))
        for name, hint in notes.items():
            yield Finding("warning", "review", project.shown(path), f"ingest is unsure: {hint}",
                          lines.get(str(name)), f"needs_review.{name}")


def field_lines(text: str) -> dict[str, int]:
    """The line of each field under `needs_review:` in a page's front matter."""
    found, inside = {}, False
    for number, line in enumerate(text.splitlines()[1:], start=2):
        if line.startswith("---"):
            break
        if line.startswith("needs_review:"):
            inside = True
        elif inside and line.startswith((" ", "\t")) and ":" in line:
            found.setdefault(line.strip().split(":", 1)[0].strip("'\""), number)
        elif inside and line.strip():
            inside = False
    return found
