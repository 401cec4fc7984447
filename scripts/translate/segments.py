"""A page as translation segments (Markdown blocks, title, description) and back (protected spans: protect.py)."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from scripts.core.markdown import inert_markdown  # noqa: F401 - re-exported
from scripts.core.vietnamese import normalize
from scripts.translate.protect import (PLACEHOLDER, PlaceholderError, Protected, english_number,  # noqa: F401
                                       has_words, protect, restore)

# ─── Splitting a body into literal parts and segments ────────────────────────────────


@dataclass(frozen=True)
class Segment:
    """One translatable unit: `key` is "title", "description" or "body"; `kind` is its block type."""

    kind: str  # "heading", "paragraph", "item", "quote", "plain" (front matter)
    text: str

    @property
    def id(self) -> str:
        """Markdown segments and front-matter fields with equal text get different ids: their
        translations differ in form (Markdown vs plain text)."""
        return segment_id(self.text if self.kind != "plain" else "front matter: " + self.text)


Part = str | Segment  # a body is a list of literal strings and segments, in order

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING_START = re.compile(r"#{1,6}[ \t]+")
_ITEM = re.compile(r"^([ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)(.*)$")
_QUOTE = re.compile(r"^((?:>[ \t]?)+)(.*)$")
_VERBATIM_START = re.compile(r"^(?:!!!|\?\?\?\+?|<|\||[ \t]{4}|---|\*\*\*|___|\[\^|\{)")
_BLANK = re.compile(r"^[ \t]*$")


def segment_id(text: str) -> str:
    """A short stable key of a Vietnamese segment: equal texts (after normalisation) share it."""
    canonical = " ".join(normalize(text).split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def parts_of(body: str) -> list[Part]:
    """The body as literal strings and segments; "".join(render(parts)) gives the body back."""
    lines = body.splitlines(keepends=True)
    parts: list[Part] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        text = line.rstrip("\r\n")
        end = line[len(text):]
        if _FENCE.match(text):
            j = _fence_end(lines, i)
            parts.append("".join(lines[i:j]))
            i = j
        elif _BLANK.match(text):
            parts.append(line)
            i += 1
        elif text.startswith(("!!!", "???")):
            j = i + 1
            while j < len(lines) and (_BLANK.match(lines[j]) or lines[j].startswith((" ", "\t"))):
                j += 1
            while j > i + 1 and _BLANK.match(lines[j - 1]):
                j -= 1
            parts.append("".join(lines[i:j]))
            i = j
        elif heading := _heading(text):
            parts += _with_segment(heading[0], "heading", heading[1], heading[2] + end)
            i += 1
        elif item := _ITEM.match(text):
            j = _continuation_end(lines, i + 1)
            block = item.group(2) + end + "".join(lines[i + 1:j])
            stripped = block.rstrip("\r\n")
            parts += _with_segment(item.group(1), "item", stripped, block[len(stripped):])
            i = j
        elif quote := _QUOTE.match(text):
            parts += _with_segment(quote.group(1), "quote", quote.group(2), end)
            i += 1
        elif _VERBATIM_START.match(text):
            j = i + 1
            while j < len(lines) and not _BLANK.match(lines[j]):
                j += 1
            parts.append("".join(lines[i:j]))
            i = j
        else:
            j = _continuation_end(lines, i + 1)
            block = "".join(lines[i:j])
            stripped = block.rstrip("\r\n")
            parts += _with_segment("", "paragraph", stripped, block[len(stripped):])
            i = j
    return _merged(parts)


def _heading(line: str) -> tuple[str, str, str] | None:
    """(opening "## ", text, closing " ##  ") of an ATX heading line, or None; linear in the line
    (a pattern with a lazy text before optional closing hashes backtracks over runs of spaces)."""
    opening = _HEADING_START.match(line)
    if not opening:
        return None
    rest = line[opening.end():]
    content = rest.rstrip(" \t")
    closing = rest[len(content):]
    hashes = content.rstrip("#")
    if hashes != content and hashes and hashes[-1] in " \t":
        text = hashes.rstrip(" \t")
        closing = content[len(text):] + closing
        content = text
    return opening.group(0), content, closing


def _fence_end(lines: list[str], start: int) -> int:
    marker = _FENCE.match(lines[start]).group(1)
    for j in range(start + 1, len(lines)):
        if lines[j].strip().startswith(marker[0] * len(marker)) and not lines[j].strip(marker[0] + " \t\r\n"):
            return j + 1
    return len(lines)


def _continuation_end(lines: list[str], j: int) -> int:
    """First line after a paragraph's (or item's) lazy continuation lines."""
    while j < len(lines):
        text = lines[j].rstrip("\r\n")
        if _BLANK.match(text) or _HEADING_START.match(text) or _ITEM.match(text) or _QUOTE.match(text) \
                or _FENCE.match(text) or text.startswith(("!!!", "???")):
            break
        j += 1
    return j


def _with_segment(prefix: str, kind: str, text: str, suffix: str) -> list[Part]:
    if not has_words(text):
        return [prefix + text + suffix]
    return [prefix, Segment(kind, text), suffix]


def _merged(parts: list[Part]) -> list[Part]:
    """Adjacent literal strings joined, empty ones dropped."""
    merged: list[Part] = []
    for part in parts:
        if isinstance(part, str):
            if not part:
                continue
            if merged and isinstance(merged[-1], str):
                merged[-1] += part
                continue
        merged.append(part)
    return merged


def segments_in(parts: list[Part]) -> list[Segment]:
    return [p for p in parts if isinstance(p, Segment)]


def render(parts: list[Part], texts: list[str] | None = None) -> str:
    """The body again; with `texts`, the i-th segment is replaced by texts[i]."""
    out, k = [], 0
    for part in parts:
        if isinstance(part, Segment):
            out.append(part.text if texts is None else texts[k])
            k += 1
        else:
            out.append(part)
    return "".join(out)


def page_segments(meta: dict, body: str) -> list[Segment]:
    """Every segment of a page a reader sees: front-matter title and description, then the body's."""
    head = [Segment("plain", str(meta[k]).strip()) for k in ("title", "description")
            if meta.get(k) and str(meta[k]).strip()]
    return head + segments_in(parts_of(body))
