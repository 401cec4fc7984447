"""What the templates (overrides/) get besides MkDocs' own context: interface words in the page's
language, the article header and translation banner, alternates and the canonical URL, the offer of
the other language, breadcrumbs and neighbouring articles, the search settings, and the home pages'
generated parts."""
from __future__ import annotations

import json

from scripts.build import i18n, terms
from scripts.build.article import article_header, status_banner
from scripts.build.bilingual import side_by_side_url
from scripts.build.feeds import FEED, page_url
from scripts.build.mkdocs_events import project_of
from scripts.build.navigation import breadcrumbs, neighbours, year_lists
from scripts.build.search_index import index_path, titles_path
from scripts.core.content import DEFAULT_LANGUAGE, is_article, read_article
from scripts.core.status import translation_status
from scripts.pages.home import home_parts


def _site_settings(config, lang: str) -> str:
    """JSON for assets/javascripts/site.js: search scope and language roots."""
    languages = i18n.prefixes(config)
    prefix = languages.get(lang, "")
    return json.dumps({
        "prefix": prefix,
        "others": [p for code, p in languages.items() if p and code != lang],
        "roots": list(languages.values()),
        "languages": list(languages),  # the same order as roots
        "emptySitemap": "assets/empty-sitemap.xml",
        "index": index_path(""),
        "titles": titles_path(""),
    }).replace("</", "<\\/")


def common(context, config, lang: str, labels):
    """Context every template gets: words, language, search settings, feed and home links."""
    context["ui"] = labels.for_language(lang)
    context["site_lang"] = lang
    context["site_settings"] = _site_settings(config, lang)
    languages = i18n.prefixes(config)
    context["feed_url"] = languages.get(lang, "") + FEED
    context["home_url"] = languages.get(lang, "") or "."
    context["about_url"] = languages.get(lang, "") + "about/"
    context["other_homes"] = [{"lang": code, "url": prefix or ".", "name": labels(lang, "not_found_other")}
                              for code, prefix in languages.items() if code != lang]
    # The language switcher of a page that is no page of the site (404): each language's home.
    context["language_homes"] = [{"lang": code, "link": prefix or "./", "name": i18n.language_name(config, code)}
                                 for code, prefix in languages.items()]
    return context


def template_context(context, template_name, config):
    """A template rendered without a page (404, sitemap)."""
    return common(context, config, i18n.current_language(config), project_of(config).labels())


def page_context(context, page, config, nav):
    """A page's template: its language's words, alternates, canonical URL, the offer of the page in
    the other language, breadcrumbs; on articles the header facts, the side-by-side view's address,
    the previous and next article of the year and, on English pages, the translation banner."""
    project = project_of(config)
    labels = project.labels()
    lang = context.get("i18n_page_locale") or i18n.current_language(config)
    common(context, config, lang, labels)
    served = context.get("i18n_file_locale", lang)
    context["hreflang"] = hreflang(page, config)
    context["canonical_url"] = canonical(page, config, served, lang)
    context["language_offer"] = language_offer(page, config, lang, labels)
    rel = i18n.page_path(page.file)
    prefix = i18n.prefixes(config).get(lang, "")
    data = terms.build_data(config)
    context["breadcrumbs"] = breadcrumbs(data, rel, lang, prefix, labels)
    if not is_article(rel):
        return context
    vi_path = project.page(DEFAULT_LANGUAGE, rel)
    if not vi_path.is_file():
        return context
    vi = read_article(project.docs, DEFAULT_LANGUAGE, rel)  # parsed once per build process (core.content)
    context["article_header"] = article_header(vi, lang, labels)
    context["side_by_side_url"] = side_by_side_url(prefix, rel)
    context["article_neighbours"] = neighbours(data, _folders(data), rel, lang, prefix, labels)
    if lang != DEFAULT_LANGUAGE:
        en_meta = page.meta if served == lang else None
        banner = status_banner(translation_status(en_meta), en_meta, lang, labels)
        banner["original_url"] = page_url("", "", rel).lstrip("/")
        context["translation_banner"] = banner
        context["content_lang"] = DEFAULT_LANGUAGE if served != lang else lang
    return context


_FOLDERS: dict[int, tuple[object, dict]] = {}  # the articles of each year, per site data (one per build)


def _folders(data) -> dict[str, list[str]]:
    known = _FOLDERS.get(id(data))
    if known is None or known[0] is not data:
        _FOLDERS.clear()
        known = _FOLDERS[id(data)] = (data, year_lists(data))
    return known[1]


def language_offer(page, config, lang: str, labels) -> dict | None:
    """The offer of this page in the other language, in that language, for a reader whose browser
    prefers it (assets/javascripts/site.js shows it; nothing happens without scripts): only where
    the page has its own text in the other language (a fallback copy is no translation)."""
    for code in i18n.prefixes(config):
        file = i18n.alternates(page).get(code)
        if code == lang or file is None or i18n.file_language(file, code) != code:
            continue
        return {"lang": code, "url": file.url, "text": labels(code, "offer_text"), "action": labels(code, "offer_go"),
                "dismiss": labels(code, "offer_dismiss"), "label": labels(code, "offer_label")}
    return None


def absolute(config, url: str) -> str:
    site = (config.site_url or "/").rstrip("/") + "/"
    return site + ("" if url in ("./", ".") else url.lstrip("/"))


def canonical(page, config, served: str, lang: str) -> str | None:
    """The page's own URL; for a fallback copy (Vietnamese text under /en/) the Vietnamese page."""
    if served != lang:
        original = i18n.alternates(page).get(served)
        if original is not None:
            return absolute(config, original.url)
    return page.canonical_url


def hreflang(page, config) -> list[dict]:
    """Absolute alternates of the page, one per language that has its own text (a fallback copy
    is not an alternate), plus x-default (the Vietnamese one)."""
    alternates = i18n.alternates(page)
    links = []
    for code in i18n.prefixes(config):
        file = alternates.get(code)
        if file is None or i18n.file_language(file, code) != code:
            continue
        links.append({"lang": code, "href": absolute(config, file.url)})
    default = next((link for link in links if link["lang"] == DEFAULT_LANGUAGE), None)
    if default and len(links) > 1:
        links.append({"lang": "x-default", "href": default["href"]})
    return links


def home_markdown(markdown, page, config, files):
    """Fill the `<!-- site:… -->` markers of the hand-written home pages with generated parts."""
    if "<!-- site:" not in markdown:
        return markdown
    project = project_of(config)
    lang = i18n.current_language(config)
    for marker, text in home_parts(terms.build_data(config), lang, project.labels()).items():
        markdown = markdown.replace(f"<!-- site:{marker} -->", text)
    return markdown
