"""Where a reader is on the site, for pages outside the navigation (articles, term, topic and year
pages): the breadcrumbs above the page (Articles › 2024) and, on an article, the previous and next
article of the same year. Links are paths from the site's root (the language prefix included), for
the templates' `url` filter."""
from __future__ import annotations

from pathlib import PurePosixPath

from scripts.core.content import ARTICLES_DIR, is_article, year_name
from scripts.core.labels import Labels
from scripts.pages.model import GLOSSARY_DIR, TOPICS_DIR, SiteData
from scripts.pages.status import STATUS_DIR, STATUS_PAGE


def page_url(prefix: str, rel: str) -> str:
    """The URL path of the page at `rel` (under docs/<lang>/), from the site's root."""
    path = PurePosixPath(rel).with_suffix("")
    parts = path.parts[:-1] if path.name == "index" else path.parts
    return prefix + "".join(f"{part}/" for part in parts)


def breadcrumbs(data: SiteData, rel: str, lang: str, prefix: str, labels: Labels) -> list[dict]:
    """[{title, url}] of the pages above `rel`, from the section down (the page itself not
    included); [] for a page of the navigation."""
    parts = PurePosixPath(rel).parts
    name = PurePosixPath(rel).stem
    if len(parts) < 2 or (name == "index" and len(parts) == 2):  # a page of the navigation
        return []
    trail: list[tuple[str, str]] = []
    if parts[0] == ARTICLES_DIR:
        trail.append((labels(lang, "archive_title"), page_url(prefix, f"{ARTICLES_DIR}/index.md")))
        if is_article(rel):
            trail.append((year_name(parts[1], lang, labels), page_url(prefix, f"{ARTICLES_DIR}/{parts[1]}/index.md")))
    elif parts[0] == GLOSSARY_DIR:
        index = page_url(prefix, f"{GLOSSARY_DIR}/index.md")
        trail.append((labels(lang, "glossary_title"), index))
        if name in data.terms:
            kind = data.terms[name].kind
            trail.append((labels(lang, f"kind_{kind}"), f"{index}#kind-{kind}"))
    elif parts[0] == TOPICS_DIR:
        trail.append((labels(lang, "topics_title"), page_url(prefix, f"{TOPICS_DIR}/index.md")))
    elif parts[0] == STATUS_DIR:
        trail.append((labels(lang, "status_title"), page_url(prefix, STATUS_PAGE)))
    return [{"title": title, "url": url} for title, url in trail]


def year_lists(data: SiteData) -> dict[str, list[str]]:
    """The articles of each folder under articles/ (a year, or undated), newest first."""
    folders: dict[str, list[str]] = {}
    for rel in data.articles:
        folders.setdefault(PurePosixPath(rel).parts[1], []).append(rel)
    return folders


def neighbours(data: SiteData, folders: dict[str, list[str]], rel: str, lang: str, prefix: str,
               labels: Labels) -> dict | None:
    """{previous, next}: the article published just before `rel` in the same year and the one just
    after (each {title, url, label} or None); None when `rel` is not a known article."""
    if rel not in data.articles:
        return None
    folder = PurePosixPath(rel).parts[1]
    ordered = folders.get(folder, [])
    position = ordered.index(rel)
    year = year_name(folder, lang, labels)

    def link(other: str | None, key: str) -> dict | None:
        if other is None:
            return None
        return {"title": data.title(other, lang)[0], "url": page_url(prefix, other), "label": labels(lang, key, year=year)}

    older = ordered[position + 1] if position + 1 < len(ordered) else None
    newer = ordered[position - 1] if position > 0 else None
    return {"previous": link(older, "article_previous"), "next": link(newer, "article_next")}
