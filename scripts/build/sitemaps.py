"""Per-language sitemaps: static-i18n's merged sitemap without fallback copies, split by language, and
the sitemaps of per-language builds merged again."""
from __future__ import annotations

import xml.etree.ElementTree as ET

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def _parsed(sitemap_xml: str) -> ET.Element:
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    return ET.fromstring(sitemap_xml.encode("utf-8"))


def _text(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _loc(url: ET.Element) -> str | None:
    loc = url.find(f"{{{SITEMAP_NS}}}loc")
    return None if loc is None else (loc.text or "").strip()


def sitemap_without(sitemap_xml: str, excluded) -> str:
    """The sitemap without the `<url>` entries and alternate links whose URL `excluded(url)` is
    true (static-i18n lists its fallback copies as English pages)."""
    root = _parsed(sitemap_xml)
    for url in list(root):
        loc = _loc(url)
        if loc is None or excluded(loc):
            root.remove(url)
            continue
        for link in url.findall(f"{{{XHTML_NS}}}link"):
            if excluded(link.get("href", "")):
                url.remove(link)
    return _text(root)


def language_sitemap(sitemap_xml: str, loc_prefix: str) -> str:
    """The `<url>` entries of a merged sitemap whose `<loc>` starts with `loc_prefix`
    (a sitemap under /en/ may only list URLs under /en/), alternates kept."""
    root = _parsed(sitemap_xml)
    for url in list(root):
        loc = _loc(url)
        if loc is None or not loc.startswith(loc_prefix):
            root.remove(url)
    return _text(root)


def merged_sitemaps(sitemaps: list[str]) -> str:
    """One sitemap with the `<url>` entries of each of `sitemaps`, in order (a language built in
    its own process lists only its own pages)."""
    first, *others = [_parsed(text) for text in sitemaps]
    for other in others:
        first.extend(list(other))
    return _text(first)
