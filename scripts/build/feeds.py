"""Per-language RSS feeds of the newest articles, built from article front matter."""
from __future__ import annotations

import datetime as dt
import html
import xml.etree.ElementTree as ET
from email.utils import format_datetime
from pathlib import PurePosixPath

from scripts.build.article import person_name
from scripts.core.content import Article
from scripts.core.markdown import xml_text

FEED = "feed.xml"  # under each language's root
FEED_SIZE = 30


def page_url(site_url: str, prefix: str, rel: str) -> str:
    """Absolute directory URL of a page under docs/<lang>/ ("articles/2024/x.md")."""
    path = PurePosixPath(rel).with_suffix("")
    if path.name == "index":
        path = path.parent
    tail = "" if str(path) == "." else f"{path.as_posix()}/"
    return f"{site_url.rstrip('/')}/{prefix}{tail}"


def _rfc822(date: dt.datetime) -> str:
    if date.tzinfo is None:
        date = date.replace(tzinfo=dt.timezone.utc)
    return format_datetime(date)


def feed_items(vi_articles: list[Article], own: dict[str, Article], lang: str) -> list[tuple[Article, Article]]:
    """(Vietnamese article, article in `lang`) pairs for the feed: in Vietnamese every article,
    in another language only those translated into it (a feed stays in its own language)."""
    pairs = []
    for vi in vi_articles:
        shown = vi if lang == "vi" else own.get(vi.rel)
        if shown is None:
            continue
        status = (shown.meta.get("translation") or {}).get("status") if lang != "vi" else None
        if status == "untranslated":
            continue
        pairs.append((vi, shown))
    return pairs[:FEED_SIZE]


def rss_feed(pairs: list[tuple[Article, Article]], *, lang: str, title: str, description: str,
             home_url: str, feed_url: str, site_url: str, prefix: str) -> str:
    """RSS 2.0 text (XML-escaped by ElementTree; descriptions HTML-escaped first) of the newest
    articles of one language."""
    rss = ET.Element("rss", {"version": "2.0", "xmlns:atom": "http://www.w3.org/2005/Atom"})
    channel = ET.SubElement(rss, "channel")
    for tag, text in (("title", title), ("link", home_url), ("description", description), ("language", lang)):
        ET.SubElement(channel, tag).text = xml_text(text)
    ET.SubElement(channel, "atom:link", {"href": feed_url, "rel": "self", "type": "application/rss+xml"})
    for vi, shown in pairs:
        item = ET.SubElement(channel, "item")
        link = page_url(site_url, prefix, shown.rel)
        ET.SubElement(item, "title").text = xml_text(shown.title)
        ET.SubElement(item, "link").text = link
        ET.SubElement(item, "guid", {"isPermaLink": "true"}).text = link
        if shown.meta.get("description"):
            # Feed readers render <description> as HTML: the plain-text lead is escaped for it.
            ET.SubElement(item, "description").text = xml_text(html.escape(str(shown.meta["description"]), quote=False))
        if vi.date:
            ET.SubElement(item, "pubDate").text = _rfc822(vi.date)
        if vi.meta.get("author"):
            ET.SubElement(item, "dc:creator").text = xml_text(person_name(str(vi.meta["author"]), lang))
    if any(vi.meta.get("author") for vi, _ in pairs):
        rss.set("xmlns:dc", "http://purl.org/dc/elements/1.1/")
    ET.indent(rss)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(rss, encoding="unicode") + "\n"
