"""A page as translation segments (Markdown blocks, title, description) and back, with protected spans."""
from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field

from scripts.core.markdown import inert_markdown, inert_plain
from scripts.core.vietnamese import normalize

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
_HEADING = re.compile(r"^(#{1,6}[ \t]+)(.*?)((?:[ \t]+#+)?[ \t]*)$")
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
        elif heading := _HEADING.match(text):
            parts += _with_segment(heading.group(1), "heading", heading.group(2), heading.group(3) + end)
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
        if _BLANK.match(text) or _HEADING.match(text) or _ITEM.match(text) or _QUOTE.match(text) \
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


# ─── Protecting spans with placeholders ──────────────────────────────────────────────

PLACEHOLDER = re.compile(r"⟦\s*(\d+)\s*⟧")
# Spans of Markdown that must come back unchanged. Order matters: earlier alternatives win.
_MARKDOWN_TOKENS = re.compile(
    r"(?P<code>`+)(?:.+?)(?P=code)"                        # inline code
    r"|\\(?P<escaped>[\\`*_{}\[\]()#+\-.!|~<>$&])"          # backslash escape: literal character
    r"|(?P<entity>&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]\w*);)"   # character reference: literal character
    r"|\]\((?:<[^>]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+\"[^\"]*\")?\)(?:\{[^}]*\})?"  # link target
    r"|!?\["                                                # link or image text opens
    r"|<(?:https?://|mailto:)[^>]+>|</?[A-Za-z][^>]*>"     # autolinks, raw HTML tags
    r"|https?://[^\s<>()\[\]]+[^\s<>()\[\].,;:!?\"']"      # bare URL
    r"|\*{1,3}|_{1,3}"                                      # emphasis markers
    r"|(?P<number>\d+(?:[.,:/]\d+)*%?)"                    # numbers, dates, times
)
_PLAIN_TOKENS = re.compile(r"https?://\S+|\d+(?:[.,:/]\d+)*%?")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass
class Protected:
    """Text for an engine with placeholders ⟦n⟧, and what each placeholder stands for."""

    text: str
    spans: dict[int, str] = field(default_factory=dict)  # number → Markdown it restores to


def protect(text: str, markdown: bool = True, fixed: list[tuple[int, int, str]] = ()) -> Protected:
    """Replace protected spans of `text` by placeholders. `fixed` spans (start, end, replacement
    Markdown), e.g. glossary terms, become placeholders restored to their replacement; one that cuts
    through a protected span (a term inside a URL or code) is ignored."""
    pattern = _MARKDOWN_TOKENS if markdown else _PLAIN_TOKENS
    tokens = list(pattern.finditer(text))
    kept, end = [], 0
    for start, stop, replacement in sorted(fixed):
        if start >= end and not any(t.start() < stop and start < t.end() and not start <= t.start() < t.end() <= stop
                                    for t in tokens):
            kept.append((start, stop, replacement))
            end = stop
    result = Protected("")
    out, pos = [], 0
    for start, stop, replacement in kept:
        out.append(_protect_free(text[pos:start], markdown, result))
        out.append(_placeholder(result, replacement))
        pos = stop
    out.append(_protect_free(text[pos:], markdown, result))
    result.text = "".join(out)
    return result


def _placeholder(result: Protected, markdown: str) -> str:
    number = len(result.spans) + 1
    result.spans[number] = markdown
    return f"⟦{number}⟧"


def _protect_free(text: str, markdown: bool, result: Protected) -> str:
    pattern = _MARKDOWN_TOKENS if markdown else _PLAIN_TOKENS
    out, pos = [], 0
    for match in pattern.finditer(text):
        out.append(text[pos:match.start()])
        if markdown and match.group("escaped"):
            out.append(match.group("escaped"))
        elif markdown and match.group("entity"):
            out.append(html.unescape(match.group("entity")))
        elif match.group("number") if markdown else match.group(0)[0].isdigit():
            out.append(_placeholder(result, english_number(match.group(0))))
        else:
            out.append(_placeholder(result, match.group(0)))
        pos = match.end()
    out.append(text[pos:])
    return "".join(out)


_VI_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?%?$")
_VI_DECIMAL = re.compile(r"^\d+,\d+%?$")


def english_number(number: str) -> str:
    """A number written the Vietnamese way (1.234,5) written the English way (1,234.5)."""
    if _VI_THOUSANDS.match(number) or _VI_DECIMAL.match(number):
        return number.replace(".", "\0").replace(",", ".").replace("\0", ",")
    return number


def has_words(text: str) -> bool:
    """Whether `text` has anything to translate once markup, URLs and numbers are set aside."""
    return bool(_LETTER.search(PLACEHOLDER.sub(" ", protect(text).text)))


class PlaceholderError(ValueError):
    """An engine lost, duplicated or invented a placeholder."""


def restore(output: str, protected: Protected, markdown: bool = True) -> str:
    """Engine output with its text made inert and each placeholder replaced by what it stands for.

    Raises PlaceholderError when a placeholder is missing, repeated or unknown: the segment fails."""
    found = [int(m.group(1)) for m in PLACEHOLDER.finditer(output)]
    missing = sorted(set(protected.spans) - set(found))
    repeated = sorted({n for n in found if found.count(n) > 1})
    unknown = sorted(set(found) - set(protected.spans))
    if missing or repeated or unknown:
        raise PlaceholderError("placeholders " + "; ".join(
            f"{what} {', '.join(f'⟦{n}⟧' for n in numbers)}"
            for what, numbers in (("lost", missing), ("duplicated", repeated), ("invented", unknown))
            if numbers))
    inert = inert_markdown if markdown else inert_plain
    pieces = PLACEHOLDER.split(output)  # text, number, text, number, …
    out = []
    for index, piece in enumerate(pieces):
        if index % 2:
            out.append(protected.spans[int(piece)])
        else:
            out.append(inert(piece, at_start=index == 0))
    return re.sub(r"\s*\n\s*", " ", "".join(out).strip())
