"""Raw HTML page → the article's lines (via trafilatura), then the same clean-up and metadata rules as dumps."""
from __future__ import annotations

import re

import lxml.etree
import lxml.html
import trafilatura

from scripts.core.urls import safe_url
from scripts.core.vietnamese import match_key, normalize
from scripts.ingest.clean import Cleaned, Line, clean_lines, dateline_iso, unescape
from scripts.ingest.rules import Rules

_HTML_START = re.compile(r"<html[\s>]", re.I)
_HTML_END = re.compile(r"</(html|body)\s*>", re.I)
_DATE_CLASS = re.compile(r"date|time|publish|ngay", re.I)


class ExtractError(ValueError):
    """The page holds no article text; the message says why."""


def is_html(text: str) -> bool:
    """True when `text` is an HTML page rather than a plain-text dump."""
    head = text.lstrip()[:2000].lower()
    return head.startswith(("<!doctype html", "<html")) or bool(_HTML_START.search(head))


def extract_html(page: str, rules: Rules) -> Cleaned:
    """Clean the article of an HTML page: body blocks, title, date, author (never the site name),
    outlet and source URL."""
    if _HTML_START.search(page) and not _HTML_END.search(page):
        raise ExtractError("truncated: the HTML page has no closing </body> or </html>")
    xml = trafilatura.extract(page, output_format="xml", include_images=True, include_tables=True,
                              include_formatting=True, include_comments=False, with_metadata=True)
    if not xml:
        raise ExtractError("not an article: trafilatura found no article text in the page")
    doc = lxml.etree.fromstring(xml.encode("utf-8"))
    title = _clean(doc.get("title") or "")
    removed: list[tuple[str, str]] = []
    lines = lines_of(doc.find("main"), title, removed)
    if (longest := max((len(line.text) for line in lines), default=0)) > rules.max_line_chars:
        raise ExtractError(f"a paragraph is {longest:,} characters long, the limit is {rules.max_line_chars:,}")
    cleaned = clean_lines(title or None, lines, rules, removed=removed)
    site = doc.get("sitename") or doc.get("hostname")
    cleaned.outlet = rules.outlet_named(site) or cleaned.outlet or (site and _clean(site)) or None
    cleaned.author = cleaned.author or author_of(doc.get("author"), site, doc.get("hostname"))
    cleaned.date = page_date(page, doc.get("date"), rules) or cleaned.date
    cleaned.source_url = safe_url(doc.get("url"))
    return cleaned


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
                    lines.append(Line(part_text))
        elif element.tag == "graphic":
            removed.append(("image", element.get("alt") or ""))
        elif text:
            seen_paragraph = True
            lines.append(Line(text, heading=is_emphasised_heading(element, text)))
    return lines


def is_emphasised_heading(element, text: str) -> bool:
    """A paragraph that is one bold or italic run of a few words reads as a sub-heading."""
    runs = [child for child in element if child.tag == "hi"]
    whole = len(runs) == 1 and _clean("".join(runs[0].itertext())) == text and not (element.text or "").strip()
    return whole and len(text.split()) <= 25


def author_of(author: str | None, site: str | None, hostname: str | None) -> str | None:
    """The page's author metadata, unless it is the site's own name (trafilatura often reports that)."""
    if not author or not author.strip():
        return None
    key = match_key(author)
    names = {match_key(n) for n in (site, hostname) if n}
    names |= {match_key(n.split(".")[0]) for n in (hostname,) if n}
    folded_site = {re.sub(r"\W", "", n) for n in names}
    if key in names or re.sub(r"\W", "", key) in folded_site:
        return None
    return _clean(author)


def page_date(page: str, date_meta: str | None, rules: Rules) -> str | None:
    """The publication moment: a dateline in the page's date/time elements (with the time of day)
    when it agrees with the metadata date; else the metadata date (day only)."""
    try:
        tree = lxml.html.fromstring(page)
    except (lxml.etree.ParserError, ValueError):
        return date_meta
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag != "time" and not _DATE_CLASS.search(element.get("class", "") + element.get("id", "")):
            continue
        text = _clean(element.text_content())
        matches = [m for p in rules.datelines for m in [p.search(text)] if m]
        for match in sorted(matches, key=lambda m: len(m.group()), reverse=True):
            found = dateline_iso(match.groupdict())
            if found and (not date_meta or found.startswith(date_meta[:10])):
                return found
    return date_meta[:10] if date_meta else None


def _clean(text: str) -> str:
    return " ".join(normalize(unescape(text)).split())
