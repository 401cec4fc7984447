"""Read and write Markdown pages with a YAML front matter block."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

# libyaml's parser when PyYAML was built with it: ~10× faster, and every build reads the front
# matter of every article.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FENCE = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)


class FrontMatterError(ValueError):
    """A page's front matter is not a YAML mapping."""


def split(text: str, source: str = "<page>") -> tuple[dict, str]:
    """Return (metadata, body) of a Markdown page; metadata is {} when there is no front matter."""
    match = _FENCE.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.load(match.group(1) or "", Loader=_LOADER) or {}  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 2}" if mark else ""
        raise FrontMatterError(f"{source}:{where} front matter is not valid YAML: {exc}") from None
    if not isinstance(meta, dict):
        raise FrontMatterError(f"{source}: front matter must be a mapping, found {type(meta).__name__}")
    return meta, text[match.end():]


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
