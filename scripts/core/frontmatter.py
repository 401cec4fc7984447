"""Read and write Markdown pages with a YAML front matter block."""
from __future__ import annotations

import re
from pathlib import Path

import yaml
from mkdocs.exceptions import BuildError

# libyaml's parser when PyYAML was built with it: ~10× faster, and every build reads the front
# matter of every article.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FENCE = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)


class FrontMatterError(BuildError, ValueError):
    """A page's front matter is not a YAML mapping. A BuildError, so that a build (whose hooks read
    front matter) stops with this one-line message instead of a traceback."""


def split(text: str, source: str = "<page>") -> tuple[dict, str]:
    """Return (metadata, body) of a Markdown page; metadata is {} when there is no front matter."""
    match = _FENCE.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.load(match.group(1) or "", Loader=_LOADER) or {}  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"{source}: front matter is not valid YAML: {yaml_problem(exc, 2)}") from None
    if not isinstance(meta, dict):
        raise FrontMatterError(f"{source}: front matter must be a mapping, found {type(meta).__name__}")
    return meta, text[match.end():]


def yaml_problem(exc: yaml.YAMLError, first_line: int = 1) -> str:
    """One line saying where and what: "line 4, column 9: did not find expected ',' or ']'".
    `first_line` is the file line of the YAML text's first line (2 inside a front matter block)."""
    mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or getattr(exc, "context", None) or str(exc)
    problem = " ".join(str(problem).split())
    return f"line {mark.line + first_line}, column {mark.column + 1}: {problem}" if mark else problem


def join(meta: dict, body: str) -> str:
    """Return a page made of `meta` as YAML front matter and `body`; key order is kept."""
    if not meta:
        return body
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{head}---\n\n{body.lstrip(chr(10))}"


def read(path: Path) -> tuple[dict, str]:
    """Return (metadata, body) of the page at `path`."""
    path = Path(path)
    return split(path.read_text(encoding="utf-8"), str(path))
