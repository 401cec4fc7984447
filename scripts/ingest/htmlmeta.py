"""What an HTML page says about its article besides the text: title candidates (<h1>, og:title,
<title>, JSON-LD headline), the printed dateline and the meta data date, byline elements and meta
author, and clues to the outlet (site name, logo, address, copyright line, domains of its links)."""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field

from scripts.core.vietnamese import normalize
from scripts.ingest import titles
from scripts.ingest.bylines import byline_author
from scripts.ingest.dates import dateline_iso, meta_iso
from scripts.ingest.rules import Rules

_DATE_CLASS = re.compile(r"date|time|publish|ngay|meta|info", re.I)
_AUTHOR_CLASS = re.compile(r"author|byline|tac-?gia|writer|reporter", re.I)
_SKIP = {"script", "style", "noscript", "template", "svg"}


@dataclass
class PageMeta:
    """The page's own statements about its article (None where it makes none)."""

    titles: list[titles.Candidate] = field(default_factory=list)
    site_names: list[str] = field(default_factory=list)
    printed_date: str | None = None
    relative: str | None = None  # "3 giờ trước" in a date element, when no date is printed
    meta_date: str | None = None
    byline: str | None = None
    meta_author: str | None = None
    url: str | None = None
    description: str | None = None
    clues: list[tuple[str, object]] = field(default_factory=list)


def text_of(element) -> str:
    return " ".join(normalize(element.text_content()).split())


def class_of(element) -> str:
    return f"{element.get('class', '')} {element.get('id', '')} {element.get('itemprop', '')}"


PARAGRAPH_CHARS = 150  # a paragraph this long is article text: no box of chrome holds one


def is_chrome_box(element, rules: Rules) -> bool:
    """A box that is never the article: a footer, aside or nav, or an element of a chrome class
    (config/cleaning.yml chrome_classes) holding no paragraph of article length (a wrapper of the
    whole article may carry such a class, "box-widget-detail", and is no chrome)."""
    if element.tag in ("footer", "aside", "nav"):
        return True
    if not rules.chrome_classes.search(class_of(element)):
        return False
    return not any(len(p.text_content()) >= PARAGRAPH_CHARS for p in element.iter("p", "div", "td")
                   if isinstance(p.tag, str) and not any(isinstance(c.tag, str) and c.tag in ("p", "div") for c in p))


def in_chrome(element, rules: Rules) -> bool:
    """Whether `element` sits inside a box of chrome (related links, footer, …)."""
    return any(is_chrome_box(ancestor, rules) for ancestor in element.iterancestors())


def page_meta(tree, rules: Rules) -> PageMeta:
    """Everything but the body text that the page `tree` (lxml.html) says."""
    meta = PageMeta()
    head = {}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").lower()
        if key and element.get("content") and key not in head:
            head[key] = " ".join(normalize(element.get("content")).split())
    ld = json_ld(tree)
    meta.site_names = [s for s in (head.get("og:site_name"), head.get("application-name"), ld.get("publisher"))
                       if s]
    meta.url = head.get("og:url") or _link(tree, "canonical") or ld.get("url")
    meta.description = head.get("og:description") or head.get("description")
    site = tuple(meta.site_names)
    sources = [("og:title", head.get("og:title")), ("twitter:title", head.get("twitter:title")),
               ("headline", ld.get("headline") or head.get("headline"))]
    if (title := tree.find(".//title")) is not None:
        sources.append(("title", text_of(title)))
    sources += [("h1", text_of(h1)) for h1 in tree.iter("h1")]
    for source, text in sources:
        if text and source != "h1":
            text, cut = titles.split_site_name(text, rules, site)
            meta.clues += [("site", part) for part in cut]
        if text and not titles.is_masthead(text, rules) and len(text.split()) >= 2:
            # The printed headline (<h1>) comes first; the others support it when they agree.
            position = 0 if source == "h1" else len(meta.titles) + 1
            candidate = titles.Candidate(text, position, {source})
            candidate.anchored = source == "h1"
            meta.titles.append(candidate)
    meta.titles = titles.merge(meta.titles)
    meta.meta_date = meta_iso(head.get("article:published_time") or ld.get("datePublished")
                              or head.get("datepublished") or head.get("pubdate") or _time_attr(tree))
    meta.printed_date = printed_date(tree, rules, meta.meta_date)
    if meta.printed_date is None and meta.meta_date is None:
        meta.relative = relative_time(tree, rules)
    meta.byline = page_byline(tree, rules)
    author = head.get("author") or head.get("article:author") or ld.get("author")
    meta.meta_author = byline_author(author, rules) if author and not _is_site(author, rules, site) else None
    meta.clues = outlet_clues(tree, rules, meta)
    return meta


def json_ld(tree) -> dict:
    """headline, datePublished, url, author and publisher names of the page's JSON-LD article."""
    found: dict = {}
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or ""):
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []:
            if not isinstance(item, dict) or "headline" not in item:
                continue
            for key in ("headline", "datePublished", "url"):
                if isinstance(item.get(key), str):
                    found.setdefault(key, item[key])
            for key in ("author", "publisher"):
                value = item.get(key)
                value = value[0] if isinstance(value, list) and value else value
                name = value.get("name") if isinstance(value, dict) else value
                if isinstance(name, str) and name.strip():
                    found.setdefault(key, name.strip())
    return found


def _link(tree, rel: str) -> str | None:
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == rel and link.get("href"):
            return link.get("href")
    return None


def _time_attr(tree) -> str | None:
    for element in tree.iter("time"):
        if element.get("datetime") and element.get("pubdate") is not None:
            return element.get("datetime")
    return None


def printed_date(tree, rules: Rules, meta_date: str | None) -> str | None:
    """The dateline the page prints in its date or time elements (outside related boxes), the most
    precise match; one agreeing with the meta data date when the page prints several."""
    found = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in _SKIP:
            continue
        if element.tag != "time" and not _DATE_CLASS.search(class_of(element)):
            continue
        text = text_of(element)
        if not text or len(text) > 120 or in_chrome(element, rules):
            continue
        for pattern in rules.datelines:
            for match in pattern.finditer(text):
                if (iso := dateline_iso(match.groupdict())) and match.group().strip():
                    found.append(iso)
    if meta_date:
        agreeing = [iso for iso in found if iso[:10] == meta_date[:10]]
        found = agreeing or found
    return max(found[:3], key=len) if found else None


def relative_time(tree, rules: Rules) -> str | None:
    """A relative time ("3 giờ trước") in the page's first date or time element outside related boxes."""
    for element in tree.iter():
        if isinstance(element.tag, str) and (element.tag == "time" or _DATE_CLASS.search(class_of(element))):
            text = text_of(element)
            if len(text) <= 60 and (match := rules.relative_time.search(text)) and not in_chrome(element, rules):
                return match.group()
    return None


def page_byline(tree, rules: Rules) -> str | None:
    """The author of the page's byline element (class author, byline, tac-gia…), if it holds a name."""
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in _SKIP or element.tag in ("meta", "link"):
            continue
        if element.get("rel") == "author" or _AUTHOR_CLASS.search(class_of(element)):
            if in_chrome(element, rules):
                continue
            if author := byline_author(text_of(element), rules):
                return author
    return None


def _is_site(author: str, rules: Rules, site_names: tuple[str, ...]) -> bool:
    """An "author" that is the site itself (trafilatura and meta tags often report that)."""
    key = re.sub(r"\W", "", author.casefold())
    return bool(rules.outlets.named(author)) or any(re.sub(r"\W", "", s.casefold()) == key for s in site_names)


def outlet_clues(tree, rules: Rules, meta: PageMeta) -> list[tuple[str, object]]:
    """(kind, outlet or name) pairs: site names, logo text, the page's address, copyright lines and
    the most common domain of its links and images."""
    clues: list[tuple[str, object]] = [("site", name) for name in meta.site_names] + meta.clues
    for image in tree.iter("img"):
        if re.search(r"logo", class_of(image) + " " + class_of(image.getparent()) + (image.get("src") or ""), re.I):
            if image.get("alt"):
                clues.append(("masthead", image.get("alt")))
    for element in tree.iter("h1", "a", "div", "span"):  # a logo written as text: <h1 class="logo">VnExpress</h1>
        if re.search(r"logo", class_of(element), re.I) and 0 < len(text := text_of(element)) <= 60:
            clues.append(("masthead", text))
    if meta.url:
        clues.append(("address", meta.url))
    for element in tree.iter("footer", "p", "div", "span"):
        text = element.text or ""
        if ("©" in text or re.search(r"(?i)bản quyền|copyright", text)) and len(text) < 200:
            clues.append(("copyright", " ".join(normalize(text).split())))
    hosts = Counter()
    for element in tree.iter("img", "a", "link", "script"):
        address = element.get("src") or element.get("href") or ""
        if address.startswith(("http://", "https://", "//")) and (outlet := rules.outlets.by_domain(address)):
            hosts[outlet.id] += 1
    if hosts:
        best, count = hosts.most_common(1)[0]
        if count >= 2 and count * 2 > sum(hosts.values()):
            clues.append(("domains", next(o for o in rules.outlets.outlets if o.id == best)))
    return clues
