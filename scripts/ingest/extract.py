"""Raw HTML page → the article's lines, then the same clean-up and metadata rules as dumps. Trafilatura
finds the article; its text locates the article's element in the page, whose blocks are read in
order (so that no sub-heading is lost), and the lead (sapo) the extractor dropped is put back."""
from __future__ import annotations

import re

import lxml.etree
import lxml.html
import trafilatura

from scripts.core.urls import safe_url
from scripts.core.vietnamese import match_key, normalize
from scripts.ingest import titles
from scripts.ingest.clean import Cleaned, Line, clean_lines, unescape
from scripts.ingest.htmlmeta import class_of, in_chrome, is_chrome_box, page_meta, text_of
from scripts.ingest.rules import Rules

_HTML_START = re.compile(r"<html[\s>]", re.I)
_HTML_END = re.compile(r"</(html|body)\s*>", re.I)
BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "td", "th", "figcaption",
          "div", "section", "article", "ul", "ol", "table", "tbody", "tr", "figure", "header", "main"}
SKIPPED = {"script", "style", "noscript", "iframe", "form", "button", "select", "nav", "aside", "footer", "svg",
           "template", "video", "audio", "object"}
MIN_MATCH_CHARS = 40  # a paragraph of trafilatura's text this long locates the article in the page


class ExtractError(ValueError):
    """The page holds no article text; the message says why."""


def is_html(text: str) -> bool:
    """True when `text` is an HTML page rather than a plain-text dump."""
    head = text.lstrip()[:2000].lower()
    return head.startswith(("<!doctype html", "<html")) or bool(_HTML_START.search(head))


def extract_html(page: str, rules: Rules) -> Cleaned:
    """Clean the article of an HTML page: body blocks, title, date, author (never the site name),
    clues to the outlet and the source URL."""
    if _HTML_START.search(page) and not _HTML_END.search(page):
        raise ExtractError("truncated: the HTML page has no closing </body> or </html>")
    xml = trafilatura.extract(page, output_format="xml", include_images=True, include_tables=True,
                              include_formatting=True, include_comments=False, with_metadata=True)
    if not xml:
        raise ExtractError("not an article: trafilatura found no article text in the page")
    doc = lxml.etree.fromstring(xml.encode("utf-8"))
    try:
        tree = lxml.html.fromstring(page)
    except (lxml.etree.ParserError, ValueError):
        tree = None
    meta = page_meta(tree, rules) if tree is not None else None
    spine = lines_of(doc.find("main"), _clean(doc.get("title") or ""), [])
    removed: list[tuple[str, str]] = []
    title, origin, runner = choose_title(meta, doc, spine, rules)
    lines = page_lines(tree, spine, title, rules, removed) if tree is not None else None
    lines = lines or lines_of(doc.find("main"), title, removed)
    if meta is not None:
        lines = with_lead(lines, tree, meta, rules, removed)
    if (longest := max((len(line.text) for line in lines), default=0)) > rules.max_line_chars:
        raise ExtractError(f"a paragraph is {longest:,} characters long, the limit is {rules.max_line_chars:,}")
    cleaned = clean_lines(title or None, lines, rules, removed=removed)
    cleaned.origins["title"] = origin
    if runner is not None and origin == "title_close":
        cleaned.doubts["title"] = f"the page also gives the title {runner.text!r}"
    if meta is not None:
        take_meta(cleaned, meta, rules)
    else:
        cleaned.date = cleaned.date or (doc.get("date") or None)
    cleaned.source_url = cleaned.source_url or safe_url(doc.get("url"))
    return cleaned


def choose_title(meta, doc, spine: list[Line], rules: Rules):
    """The title among the page's candidates (its <h1>, og:title, <title> …), by score."""
    candidates = list(meta.titles) if meta else []
    if not candidates and doc.get("title"):
        candidates = [titles.Candidate(_clean(doc.get("title")), 0, {"trafilatura"})]
    lead = next((line.text for line in spine if titles.looks_like_lead(line.text)), None)
    return titles.choose(candidates, lead, rules)


def take_meta(cleaned: Cleaned, meta, rules: Rules) -> None:
    """The page's dates, byline and outlet clues, merged with what the text gave."""
    printed, stated = meta.printed_date, meta.meta_date
    if printed and stated and printed[:10] == stated[:10] and len(stated) > 10 and (
            len(printed) <= 10 or printed[11:16] == stated[11:16]):
        cleaned.date, cleaned.origins["date"] = stated, "date_printed"  # the same moment, with its offset
    elif printed:
        cleaned.date, cleaned.origins["date"] = printed, "date_printed"
        if stated and stated[:10] != printed[:10]:
            cleaned.origins["date"] = "date_late"
            cleaned.doubts["date"] = f"the page prints {printed}, its meta data says {stated}"
    elif stated:
        cleaned.date, cleaned.origins["date"] = stated, "date_meta"
    if meta.byline:
        if cleaned.author and cleaned.author != meta.byline:  # unsure which: none, and a note
            cleaned.doubts["author"] = f"the byline says {meta.byline!r}, the end of the text {cleaned.author!r}"
            cleaned.author, cleaned.origins["author"] = None, "author_doubtful"
        else:
            cleaned.author, cleaned.origins["author"] = meta.byline, "author_labelled"
    elif not cleaned.author and meta.meta_author:
        cleaned.author, cleaned.origins["author"] = meta.meta_author, "author_meta"
    cleaned.clues = meta.clues + cleaned.clues
    cleaned.relative = cleaned.relative or meta.relative
    cleaned.source_url = safe_url(meta.url)


def page_lines(tree, spine: list[Line], title: str | None, rules: Rules, removed: list) -> list[Line] | None:
    """The article's lines read from the page itself: the element holding trafilatura's paragraphs,
    block by block. None when the paragraphs cannot be located (trafilatura's lines are used)."""
    container = article_element(tree, spine)
    if container is None:
        return None
    lines: list[Line] = []
    walk(container, lines, rules, removed)
    title_key = match_key(title or "")
    kept, seen_paragraph = [], False
    for line in lines:
        if title_key and match_key(line.text) == title_key:
            removed.append(("repeated title", line.text))
        elif line.heading and not seen_paragraph and not titles.looks_like_lead(line.text):
            removed.append(("teaser before the body", line.text))  # as lines_of drops them
        else:
            seen_paragraph = seen_paragraph or not line.heading
            kept.append(line if seen_paragraph or not line.heading else Line(line.text))
    ours = set(match_key(" ".join(line.text for line in kept)).split())
    theirs = match_key(" ".join(line.text for line in spine)).split()
    if not theirs or sum(w in ours for w in theirs) < 0.9 * len(theirs):
        return None  # the walk missed text the extractor found: trust the extractor
    # What the extractor found after the element's last paragraph (a byline in the next block) follows.
    keys = {match_key(line.text) for line in kept}
    last = max((i for i, line in enumerate(spine) if match_key(line.text) in keys), default=len(spine))
    return kept + spine[last + 1:]


def article_element(tree, spine: list[Line]):
    """The deepest element holding most of the long paragraphs of trafilatura's text."""
    wanted = {" ".join(line.text.split()) for line in spine if len(line.text) >= MIN_MATCH_CHARS}
    if len(wanted) < 2:
        return None
    found = []
    for element in tree.iter("p", "div", "li", "td", "blockquote", "h2", "h3", "span"):
        if text_of(element) in wanted and not any(e is element for e in found):
            found.append(element)
            wanted.discard(text_of(element))
    if len(found) < 2:
        return None
    counts: dict = {}
    for element in found:
        for ancestor in element.iterancestors():
            counts[ancestor] = counts.get(ancestor, 0) + 1
    enough = 0.8 * len(found)
    holders = [a for a, n in counts.items() if n >= enough]
    return max(holders, key=lambda a: sum(1 for _ in a.iterancestors())) if holders else None


def walk(element, lines: list[Line], rules: Rules, removed: list) -> None:
    """Append the lines of `element`'s blocks, in order: headings flagged, list items and table
    cells as items; photos with their captions, and boxes of chrome (related links, tags,
    sharing), are left out."""
    for child in element:
        if not isinstance(child.tag, str) or child.tag in SKIPPED:
            continue
        text = text_of(child)
        if child.tag not in ("footer", "aside", "nav") and is_chrome_box(child, rules):
            if text:
                removed.append(("chrome box", text[:200]))
            continue
        if child.tag == "figure" or (child.tag == "table" and child.find(".//img") is not None):
            if text:
                removed.append(("photo caption", text))
            continue
        if child.tag in BLOCKS and any(isinstance(c.tag, str) and c.tag in BLOCKS for c in child.iter() if c is not child):
            own = " ".join(normalize(child.text or "").split())
            if own:
                lines.append(Line(own))
            walk(child, lines, rules, removed)
            continue
        if not text:
            continue
        if is_link(child, text):
            removed.append(("link to another page", text))
            continue
        heading = child.tag in ("h2", "h3", "h4", "h5", "h6") or is_emphasised(child, text)
        lines.append(Line(text, heading=heading and child.tag != "h1", item=child.tag in ("li", "td", "th", "dd")))
        if child.tail and child.tail.strip():
            lines.append(Line(" ".join(normalize(child.tail).split())))


def is_link(element, text: str) -> bool:
    """A block that is nothing but a link (a teaser of another article), not a sentence."""
    links = [c for c in element.iter("a") if c is not element]
    return (element.tag == "a" or (len(links) == 1 and text_of(links[0]) == text)) and not text.endswith((".", "!", "?"))


def is_emphasised(element, text: str) -> bool:
    """A paragraph that is one bold run of a few words reads as a sub-heading."""
    runs = [c for c in element if isinstance(c.tag, str) and c.tag in ("b", "strong")]
    whole = len(runs) == 1 and text_of(runs[0]) == text and not (element.text or "").strip()
    return whole and len(text.split()) <= 25 and not text.endswith((".", ","))


def with_lead(lines: list[Line], tree, meta, rules: Rules, removed: list) -> list[Line]:
    """`lines` with the page's lead (sapo) first when the extractor dropped it: the element of a
    lead class (config/cleaning.yml lead_classes), or the one holding the page's description."""
    head = " ".join(match_key(line.text) for line in lines[:3])
    description = match_key(meta.description or "")
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("meta", "title", "script", "style"):
            continue
        text = text_of(element)
        if len(text.split()) < 8 or len(text) > 1500 or in_chrome(element, rules):
            continue
        if rules.lead_classes.search(class_of(element)) or (
                description and description in (match_key(text), _core_of(text))):
            if match_key(text) in head or _core_of(text) in head:
                return lines
            return [Line(text), *lines]
    return lines


def _core_of(lead: str) -> str:
    """The lead without an outlet prefix, as a match key (the extractor keeps the lead without it)."""
    return match_key(re.sub(r"^\s*(\([^()]{2,20}\)|[\w.+&]+(?:\s[\w.+&]+){0,2})\s*[-–—.]+\s+", "", lead))


def lines_of(main, title: str, removed: list) -> list[Line]:
    """The lines of trafilatura's <main>: paragraphs, headings, lists, tables without photos. Photo
    tables (a picture and its caption) and headings before the first paragraph (teasers, except
    a sentence-like one: the lead) are dropped."""
    lines: list[Line] = []
    seen_paragraph = seen_lead = False
    for element in ([] if main is None else main):
        text = _clean("".join(element.itertext()))
        if element.tag == "head":
            if match_key(text) == match_key(title):
                removed.append(("repeated title", text))
            elif not seen_paragraph and (seen_lead or not text.endswith((".", "!", "?", "…"))):
                removed.append(("teaser before the body", text))
            else:
                seen_lead = seen_lead or not seen_paragraph
                lines.append(Line(text, heading=seen_paragraph))
        elif element.tag == "table" and element.find(".//graphic") is not None:
            removed.append(("photo caption", text))
        elif element.tag in {"table", "list", "quote"}:
            for part in element.iter("p", "item", "cell"):
                if part.tag == "cell" and part.find("p") is not None:
                    continue
                if (part_text := _clean("".join(part.itertext()))):
                    lines.append(Line(part_text, item=element.tag != "quote"))
        elif element.tag == "graphic":
            removed.append(("image", element.get("alt") or ""))
        elif text:
            seen_paragraph = True
            lines.append(Line(text, heading=is_emphasised_heading(element, text)))
    return lines


def is_emphasised_heading(element, text: str) -> bool:
    """A paragraph of trafilatura's text that is one bold or italic run of a few words."""
    runs = [child for child in element if child.tag == "hi"]
    whole = len(runs) == 1 and _clean("".join(runs[0].itertext())) == text and not (element.text or "").strip()
    return whole and len(text.split()) <= 25


def _clean(text: str) -> str:
    return " ".join(normalize(unescape(text)).split())
