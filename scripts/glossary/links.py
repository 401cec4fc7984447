"""Link the first mention of each glossary term in a Markdown page, outside code, links and HTML."""
from __future__ import annotations

import re
from collections.abc import Callable

from scripts.core.markdown import title_attribute
from scripts.glossary.matching import Match, find_terms
from scripts.glossary.terms import Term

MASK = "\x00"  # stands for text that must not be linked; never part of a word or a gap
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_LIST_OR_BLOCK = re.compile(r"^\s*([-*+]|\d+[.)]|!!!|\?\?\?\+?|>)\s")
# Whole lines that are never linked: headings, HTML blocks, admonition/details titles,
# link reference and abbreviation definitions, attribute-list lines.
_LINE = re.compile(r"^\s{0,3}(#|<|!!!|\?\?\?|\[[^\]]+\]:|\*\[[^\]]+\]:|\{[:#.])")
# Inline spans never linked: code, images and links (inline and reference), autolinks and
# inline HTML, attribute lists, bare URLs.
_INLINE = re.compile(
    r"(`+)[\s\S]*?\1"
    r"|!?\[(?:[^\[\]]|\[[^\]]*\])*\](?:\([^)]*\)|\[[^\]]*\])"
    r"|<[^>\n]+>"
    r"|\{[:#.][^}\n]*\}"
    r"|https?://\S+",
)


def masked_lines(markdown: str) -> list[str]:
    """The page's lines with every line that must not be linked replaced by MASKs."""
    lines = markdown.split("\n")
    out, fence, code, previous = [], None, False, ""
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        opening = _FENCE.match(line)
        if fence:
            hidden = True
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
        elif opening:
            fence, hidden = opening.group(1), True
        else:
            indented = line.startswith(("    ", "\t"))
            if indented and not previous.strip() and not code:
                code = not _last_block_opens_container(out, lines[:index])
            elif not indented and line.strip():
                code = False
            heading = bool(line.strip()) and _SETEXT.match(following) and not _LIST_OR_BLOCK.match(line)
            hidden = code or bool(_LINE.match(line)) or bool(heading) or bool(_SETEXT.match(line) and previous.strip())
        out.append(MASK * len(line) if hidden else line)
        previous = line
    return out


def _last_block_opens_container(done: list[str], before: list[str]) -> bool:
    """Whether the last non-blank line before an indented line is a list item or admonition
    (its indented continuation is text, not code)."""
    for line in reversed(before):
        if line.strip():
            return bool(_LIST_OR_BLOCK.match(line)) or line.startswith(("    ", "\t"))
    return False


def linkable_text(markdown: str) -> str:
    """`markdown` with everything that must not be linked masked, same length and positions."""
    text = "\n".join(masked_lines(markdown))
    return _INLINE.sub(lambda m: MASK * len(m.group(0)), text)


def first_mentions(markdown: str, index: dict) -> list[Match]:
    """The first linkable mention of each term, in page order."""
    seen, first = set(), []
    for match in find_terms(linkable_text(markdown), index):
        if match.term.id not in seen:
            seen.add(match.term.id)
            first.append(match)
    return first


def link_terms(markdown: str, index: dict, href: Callable[[Term], str],
               title: Callable[[Term], str]) -> tuple[str, list[str]]:
    """(`markdown` with the first mention of each term linked to `href(term)` with the hover text
    `title(term)`, the ids of the terms linked, in page order). A build marks the mentions
    instead and links them after Markdown (marked_terms, linked_html): MkDocs then has dozens
    fewer links per article to resolve."""
    matches = first_mentions(markdown, index)
    out = markdown
    for match in reversed(matches):
        shown = markdown[match.start:match.end]
        out = (out[:match.start] + f'[{shown}]({href(match.term)} "{title_attribute(title(match.term))}")'
               + out[match.end:])
    return out, [m.term.id for m in matches]


# Marks around a mention to be linked once the page is HTML (private-use characters, which no
# Markdown rule acts on): "\ue000<n>\ue001<mention>\ue002".
MARKS = ("\ue000", "\ue001", "\ue002")
_MARKED = re.compile("\ue000(\\d+)\ue001(.*?)\ue002", re.S)


def can_mark(markdown: str) -> bool:
    """Whether the marks are free to use in `markdown` (no page text holds them)."""
    return not any(mark in markdown for mark in MARKS)


def marked_terms(markdown: str, index: dict) -> tuple[str, list[Term]]:
    """(`markdown` with the first mention of each term between MARKS, numbered in page order, the
    terms in that order). Markdown then converts the page as if there were no links at all, which
    is what a link costs in a build; linked_html() makes the marks links."""
    matches = first_mentions(markdown, index)
    out = markdown
    for number, match in reversed(list(enumerate(matches))):
        out = out[:match.start] + marked_text(number, markdown[match.start:match.end]) + out[match.end:]
    return out, [m.term for m in matches]


def marked_text(number: int, text: str) -> str:
    """`text` (Markdown) marked to become link `number` once the page is HTML."""
    return f"{MARKS[0]}{number}{MARKS[1]}{text}{MARKS[2]}"


def unmarked_html(html: str) -> str:
    """The converted page with the marks taken out and the marked text left as it is: the text a
    link would show, without the link."""
    return _MARKED.sub(lambda match: match.group(2), html)


def linked_html(html: str, links: list[tuple[str, str]]) -> str:
    """The converted page with each marked mention a link: links[n] = (href, hover text or None); a
    mention whose href is None stays text."""
    from html import escape

    def link(match: re.Match) -> str:
        number = int(match.group(1))
        if number >= len(links) or links[number][0] is None:
            return match.group(2)
        href, title = links[number]
        hover = "" if title is None else f' title="{escape(" ".join(title.split()))}"'
        return f'<a href="{escape(href)}"{hover}>{match.group(2)}</a>'

    return _MARKED.sub(link, html)
