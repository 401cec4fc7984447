"""Protected spans: what an engine must give back unchanged (link targets, code, URLs, numbers, glossary
terms) becomes a placeholder ⟦n⟧ and is restored after, terms in the form that fits the sentence; an
engine's own text is made inert. Every pattern here is linear in the text (tests/translate/test_protect.py
times pathological input): code spans are found by one scan of backtick runs, not by a backreference."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from scripts.core.markdown import inert_markdown, inert_plain

PLACEHOLDER = re.compile(r"⟦\s*(\d+)\s*⟧")
# Spans of Markdown that must come back unchanged (code spans are found apart: see _code_spans).
# Every repetition stops at a character it cannot cross, so no start is scanned twice.
_MARKDOWN_TOKENS = re.compile(
    r"\\(?P<escaped>[\\`*_{}\[\]()#+\-.!|~<>$&])"                  # backslash escape: literal character
    r"|(?P<entity>&(?:#\d{1,8}|#x[0-9a-fA-F]{1,8}|[a-zA-Z]\w{0,31});)"  # character reference
    r"|(?P<target>\]\((?:<[^<>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+\"[^\"]*\")?\)(?:\{[^{}]*\})?)"
    r"|(?P<open>!?\[)"                                             # link or image text opens
    r"|(?P<tag><(?:https?://|mailto:)[^<>\s]+>|</?[A-Za-z][^<>]*>)"  # autolinks, raw HTML tags
    r"|(?P<url>https?://[^\s<>()\[\]]+[^\s<>()\[\].,;:!?\"'])"     # bare URL
    r"|(?P<emphasis>\*{1,3}|_{1,3})"                                # emphasis markers
    r"|(?P<number>\d+(?:[.,:/]\d+)*%?)"                            # numbers, dates, times
)
_PLAIN_TOKENS = re.compile(r"(?P<url>https?://\S+)|(?P<number>\d+(?:[.,:/]\d+)*%?)")
_BACKTICKS = re.compile(r"`+")
_LETTER = re.compile(r"[^\W\d_]")
# Words after which a name takes no "the" of its own (the, its, Viet Nam's, 175 …).
_DETERMINERS = {"the", "a", "an", "its", "their", "this", "that", "these", "those", "our", "his", "her",
                "whose", "each", "every", "no", "any", "some", "which", "what"}


@dataclass
class Token:
    start: int
    end: int
    kind: str  # code, escaped, entity, target, open, tag, url, emphasis, number
    text: str


@dataclass
class Protected:
    """Text for an engine with placeholders ⟦n⟧, and what each placeholder stands for."""

    text: str
    spans: dict[int, str] = field(default_factory=dict)  # number → Markdown it restores to
    numbers: list[int] = field(default_factory=list)  # placeholders of numbers, in the source's order
    articles: set[int] = field(default_factory=set)  # term placeholders whose English opens with "the "


def _code_spans(text: str) -> list[Token]:
    """Code spans as CommonMark finds them: a backtick run closed by the next run of the same length."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    following: list[int | None] = [None] * len(runs)
    last: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        following[index] = last.get(length)
        last[length] = index
    spans, index = [], 0
    while index < len(runs):
        close = following[index]
        if close is None or runs[close][0] == runs[index][1]:
            index += 1
            continue
        start, end = runs[index][0], runs[close][1]
        spans.append(Token(start, end, "code", text[start:end]))
        index = close + 1
    return spans


def tokens_of(text: str, markdown: bool = True) -> list[Token]:
    """The protected spans of `text`, in order, without overlaps."""
    if not markdown:
        return [Token(m.start(), m.end(), m.lastgroup, m.group(0)) for m in _PLAIN_TOKENS.finditer(text)]
    found, pos = [], 0
    for code in [*_code_spans(text), Token(len(text), len(text), "", "")]:
        for m in _MARKDOWN_TOKENS.finditer(text, pos, code.start):
            found.append(Token(m.start(), m.end(), m.lastgroup, m.group(m.lastgroup) if m.lastgroup in
                               ("escaped",) else m.group(0)))
        if code.kind:
            found.append(code)
        pos = code.end
    return found


def protect(text: str, markdown: bool = True, fixed: list[tuple[int, int, str]] = ()) -> Protected:
    """Replace protected spans of `text` by placeholders. `fixed` spans (start, end, replacement
    Markdown), e.g. glossary terms, become placeholders restored to their replacement (one opening
    with "the " gets the article only where the sentence has none); one that cuts through a
    protected span (a term inside a URL or code) is ignored."""
    tokens = tokens_of(text, markdown)
    kept, end = [], 0
    for start, stop, replacement in sorted(fixed):
        if start >= end and not any(t.start < stop and start < t.end and not start <= t.start < t.end <= stop
                                    for t in tokens):
            kept.append((start, stop, replacement))
            end = stop
    result = Protected("")
    out, pos = [], 0
    for start, stop, replacement in kept:
        out.append(_protect_free(text, pos, start, tokens, markdown, result))
        number = _placeholder(result, replacement[4:] if replacement.startswith("the ") else replacement)
        if replacement.startswith("the "):
            result.articles.add(number)
        out.append(f"⟦{number}⟧")
        pos = stop
    out.append(_protect_free(text, pos, len(text), tokens, markdown, result))
    result.text = "".join(out)
    return result


def _placeholder(result: Protected, markdown: str) -> int:
    number = len(result.spans) + 1
    result.spans[number] = markdown
    return number


def _protect_free(text: str, start: int, stop: int, tokens: list[Token], markdown: bool, result: Protected) -> str:
    out, pos = [], start
    for token in tokens:
        if token.start < start or token.end > stop:
            continue
        out.append(text[pos:token.start])
        if token.kind == "escaped":
            out.append(token.text)
        elif token.kind == "entity":
            out.append(html.unescape(token.text))
        elif token.kind == "number":
            number = _placeholder(result, english_number(token.text))
            result.numbers.append(number)
            out.append(f"⟦{number}⟧")
        else:
            out.append(f"⟦{_placeholder(result, token.text)}⟧")
        pos = token.end
    out.append(text[pos:stop])
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
    """An engine lost, duplicated, invented or reordered a placeholder."""


def one_line(text: str) -> str:
    """`text` with every line break and the spaces around it made one space (linear: no pattern
    that retries a run of spaces from each of its characters)."""
    return " ".join(line.strip() for line in text.strip().split("\n") if line.strip())


def restore(output: str, protected: Protected, markdown: bool = True) -> str:
    """Engine output with its text made inert and each placeholder replaced by what it stands for.

    Raises PlaceholderError when a placeholder is missing, repeated or unknown, or when numbers
    changed places ("In ⟦2⟧ there were ⟦1⟧ people"): the segment fails."""
    found = [int(m.group(1)) for m in PLACEHOLDER.finditer(output)]
    missing = sorted(set(protected.spans) - set(found))
    repeated = sorted({n for n in found if found.count(n) > 1})
    unknown = sorted(set(found) - set(protected.spans))
    if missing or repeated or unknown:
        raise PlaceholderError("placeholders " + "; ".join(
            f"{what} {', '.join(f'⟦{n}⟧' for n in numbers)}"
            for what, numbers in (("lost", missing), ("duplicated", repeated), ("invented", unknown))
            if numbers))
    order = [n for n in found if n in set(protected.numbers)]
    if order != protected.numbers:
        moved = next(n for n, m in zip(protected.numbers, order) if n != m)
        raise PlaceholderError(f"numbers changed places: {protected.spans[moved]} is no longer where the "
                               "Vietnamese has it")
    inert = inert_markdown if markdown else inert_plain
    pieces = PLACEHOLDER.split(output)  # text, number, text, number, …
    out: list[str] = []
    for index, piece in enumerate(pieces):
        if index % 2 == 0:
            out.append(inert(piece, at_start=index == 0))
            continue
        number = int(piece)
        out.append(_with_article(protected.spans[number], "".join(out)) if number in protected.articles
                   else protected.spans[number])
    return one_line("".join(out))


def _with_article(english: str, before: str) -> str:
    """`english` with "the" in front unless the words before already determine it."""
    words = re.findall(r"[\w'’]+", before[-40:])
    last = words[-1].lower() if words else ""
    tail = before.rstrip()
    if last in _DETERMINERS or last.endswith(("'s", "’s")) or tail[-1:].isdigit() or tail.endswith(("(", "/", "-")):
        return english
    if not tail or tail.endswith((".", "!", "?", ":", "#")):
        return "The " + english
    return "the " + english


class MarkupError(ValueError):
    """A language model's answer holds a link, code or tag that its Vietnamese segment does not have."""


def inert_answer(answer: str, source: str, markdown: bool = True) -> str:
    """A language model's English for `source` (whose Markdown it was asked to keep): the link
    targets, code, URLs and tags of the source kept as Markdown, everything else shown as text.
    MarkupError when the answer brings a link target, code span, URL or tag the source lacks (words
    inside an article cannot point a reader elsewhere)."""
    if not markdown:
        return one_line(inert_plain(answer))
    allowed: dict[str, int] = {}
    for token in tokens_of(source):
        if token.kind in ("target", "tag", "url", "code"):
            allowed[token.text] = allowed.get(token.text, 0) + 1
    out, pos = [], 0
    for token in tokens_of(answer):
        if token.kind in ("number", "escaped", "entity"):
            continue  # text like any other: shown as written
        out.append(inert_markdown(answer[pos:token.start], at_start=pos == 0))
        if token.kind in ("target", "tag", "url", "code"):
            if allowed.get(token.text, 0) <= 0:
                raise MarkupError(f"the answer adds {token.kind} {token.text[:60]!r}, which the Vietnamese does not have")
            allowed[token.text] -= 1
        out.append(token.text)
        pos = token.end
    out.append(inert_markdown(answer[pos:], at_start=pos == 0))
    return one_line("".join(out))
