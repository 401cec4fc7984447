"""Checks of the pages themselves against what the site accepts (scripts/core/policy.py): front-matter
keys and types of every page, raw HTML and unsafe links in article text, and links (symbolic links)
anywhere in the folders the pipeline reads, which must hold the repository's own files."""
from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from scripts.checks import Finding
from scripts.core import frontmatter
from scripts.core.content import LANGUAGES, is_article
from scripts.core.policy import front_matter_problems, markup_problems

CHECK = "pages"
READ_FOLDERS = ("docs", "glossary", "translations", "sources", "config")


def page_findings(project) -> Iterable[Finding]:
    """Every page of docs/ against the policy of its kind, and every symbolic link in what is read."""
    yield from link_findings(project)
    for lang in LANGUAGES:
        base = project.lang_dir(lang)
        for path in sorted(base.rglob("*.md")):
            if path.is_symlink():
                continue  # reported by link_findings
            rel = path.relative_to(base).as_posix()
            shown = project.shown(path)
            try:
                meta, body = frontmatter.read(path)
            except (ValueError, UnicodeDecodeError) as exc:
                yield Finding("error", CHECK, shown, str(exc).removeprefix(f"{path}: "))
                continue
            kind = f"{lang}-article" if is_article(rel) else "page"
            for field, message in front_matter_problems(meta, kind):
                yield Finding("error", CHECK, shown, message, field=field)
            if kind != "page":
                for problem in dict.fromkeys(markup_problems(body)):
                    yield Finding("error", CHECK, shown, f"{problem} in the text: page text is Markdown without raw "
                                  "HTML, linking to http(s) pages or pages of the site (it is shown as text)")


def link_findings(project) -> Iterable[Finding]:
    """Symbolic links where the pipeline or the build reads: refused, whatever they point to."""
    for folder in READ_FOLDERS:
        top = project.root / folder
        if top.is_symlink():
            yield Finding("error", CHECK, folder, "a symbolic link; it must be a folder of the repository")
            continue
        for current, dirs, files in os.walk(top):
            for name in sorted(dirs + files):
                path = Path(current) / name
                if path.is_symlink():
                    yield Finding("error", CHECK, project.shown(path),
                                  f"a symbolic link (to {os.readlink(path)}); the repository's own files only")
