"""Read and write Markdown pages with a YAML front matter block."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from scripts.core.fsutil import read_own
from scripts.core.policy import MAX_PAGE_BYTES
from scripts.core.schema import SchemaError, load_untrusted, yaml_problem

_FENCE = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)


class FrontMatterError(ValueError):
    """A page's front matter is not a YAML mapping; the message names the page and the line."""


def split(text: str, source: str = "<page>") -> tuple[dict, str]:
    """Return (metadata, body) of a Markdown page; metadata is {} when there is no front matter."""
    match = _FENCE.match(text)
    if not match:
        return {}, text
    try:
        meta = load_untrusted(match.group(1) or "", source) or {}
    except SchemaError as exc:  # an anchor or alias (a few hundred bytes can stand for gigabytes)
        problem = exc.problems[0]
        where = f"line {problem.line + 1}: " if problem.line else ""
        raise FrontMatterError(f"{source}: front matter is not valid YAML: {where}{problem.message}") from None
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"{source}: front matter is not valid YAML: {yaml_problem(exc, 2)}") from None
    except (ValueError, OverflowError) as exc:  # a value YAML reads but Python cannot hold (2024-13-01)
        raise FrontMatterError(f"{source}: front matter is not valid YAML: {exc}") from None
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
    return split(read_own(path, MAX_PAGE_BYTES).decode("utf-8"), str(path))
