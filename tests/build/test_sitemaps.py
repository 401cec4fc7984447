"""Per-language sitemaps."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from scripts.build.sitemaps import language_sitemap, merged_sitemaps, sitemap_without

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
MERGED = ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
          'xmlns:xhtml="http://www.w3.org/1999/xhtml">'
          '<url><loc>https://h/a/</loc><xhtml:link rel="alternate" hreflang="en" href="https://h/en/a/"/></url>'
          '<url><loc>https://h/en/a/</loc></url></urlset>')


def locs(text: str) -> list[str]:
    return [e.text for e in ET.fromstring(text.split("\n", 1)[1]).iter(f"{NS}loc")]


def test_language_sitemap_keeps_only_its_own_urls():
    merged = ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
              '<url><loc>https://h/a/</loc></url><url><loc>https://h/en/a/</loc></url></urlset>')
    root = ET.fromstring(language_sitemap(merged, "https://h/en/"))
    assert [e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")] == ["https://h/en/a/"]


def test_fallback_copies_leave_the_sitemap_with_the_links_to_them():
    text = sitemap_without(MERGED, lambda url: url.startswith("https://h/en/"))
    assert locs(text) == ["https://h/a/"] and "hreflang" not in text


def test_the_sitemaps_of_two_builds_are_merged_in_order():
    vi = sitemap_without(MERGED, lambda url: url.startswith("https://h/en/"))
    en = language_sitemap(MERGED, "https://h/en/")
    assert locs(merged_sitemaps([vi, en])) == ["https://h/a/", "https://h/en/a/"]
