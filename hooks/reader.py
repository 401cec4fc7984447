"""MkDocs hook: per-language template data (labels, article header, translation banner), home page
parts, a 404 page per language, per-language sitemaps and RSS feeds."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

from mkdocs.plugins import event_priority

from scripts.core.content import DEFAULT_LANGUAGE, label, load_articles, read_article
from scripts.build.feeds import feed_items, language_sitemap, page_url, rss_feed, sitemap_without
from scripts.core.fsutil import write_atomic
from scripts.build.article import article_header, is_article, status_banner, translation_status
from scripts.pages.status import home_parts
from scripts.build.search_index import index_path, is_fallback_copy, titles_path

FEED = "feed.xml"
_not_found: dict[str, str] = {}  # language → rendered 404 page, kept until the last build ends


def _languages(config) -> dict[str, str]:
    """{locale: URL prefix}: "" for the default language, "en/" for English."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return {config.theme["language"]: ""}
    return {lang.locale: "" if lang.locale == i18n.default_language else f"{lang.locale}/"
            for lang in i18n.config.languages}


def _current_language(config) -> str:
    return config.theme["language"]


def _site_settings(config, lang: str) -> str:
    """JSON for assets/javascripts/site.js: search scope and language roots."""
    languages = _languages(config)
    prefix = languages.get(lang, "")
    return json.dumps({
        "prefix": prefix,
        "others": [p for code, p in languages.items() if p and code != lang],
        "roots": list(languages.values()),
        "emptySitemap": "assets/empty-sitemap.xml",
        "index": index_path(""),
        "titles": titles_path(""),
    }).replace("</", "<\\/")


def _common(context, config, lang: str):
    context["ui"] = lambda key, **values: label(lang, key, **values)
    context["site_lang"] = lang
    context["site_settings"] = _site_settings(config, lang)
    languages = _languages(config)
    context["feed_url"] = languages.get(lang, "") + FEED
    context["home_url"] = languages.get(lang, "") or "."
    context["other_homes"] = [{"lang": code, "url": prefix or ".", "name": label(lang, "not_found_other")}
                              for code, prefix in languages.items() if code != lang]
    # The language switcher of a page that is no page of the site (404): each language's home.
    context["language_homes"] = [{"lang": code, "link": prefix or "./", "name": _language_name(config, code)}
                                 for code, prefix in languages.items()]
    return context


def _language(config, code: str):
    """The i18n plugin's settings of language `code` (None without the plugin)."""
    i18n = config.plugins.get("i18n")
    return next((x for x in i18n.config.languages if x.locale == code), None) if i18n else None


def _language_name(config, code: str) -> str:
    return getattr(_language(config, code), "name", None) or code


def on_template_context(context, template_name, config):
    return _common(context, config, _current_language(config))


def on_page_context(context, page, config, nav):
    lang = context.get("i18n_page_locale") or _current_language(config)
    _common(context, config, lang)
    served = context.get("i18n_file_locale", lang)
    context["hreflang"] = _hreflang(page, config)
    context["canonical_url"] = _canonical(page, config, served, lang)
    rel = getattr(page.file, "norm_src_uri", page.file.src_uri)
    if not is_article(rel):
        return context
    docs = Path(config.docs_dir)
    vi_path = docs / DEFAULT_LANGUAGE / rel
    if not vi_path.is_file():
        return context
    vi = read_article(docs, DEFAULT_LANGUAGE, rel)  # parsed once per build process (content._read_page)
    context["article_header"] = article_header(vi, lang)
    if lang != DEFAULT_LANGUAGE:
        en_meta = page.meta if served == lang else None
        banner = status_banner(translation_status(en_meta), en_meta, lang)
        banner["original_url"] = page_url("", "", rel).lstrip("/")
        context["translation_banner"] = banner
        context["content_lang"] = DEFAULT_LANGUAGE if served != lang else lang
    return context


def _absolute(config, url: str) -> str:
    site = (config.site_url or "/").rstrip("/") + "/"
    return site + ("" if url in ("./", ".") else url.lstrip("/"))


def _canonical(page, config, served: str, lang: str) -> str | None:
    """The page's own URL; for a fallback copy (Vietnamese text under /en/) the Vietnamese page."""
    if served != lang:
        original = (getattr(page.file, "alternates", {}) or {}).get(served)
        if original is not None:
            return _absolute(config, original.url)
    return page.canonical_url


def _hreflang(page, config) -> list[dict]:
    """Absolute alternates of the page, one per language that has its own text (a fallback copy
    is not an alternate), plus x-default (the Vietnamese one)."""
    alternates = getattr(page.file, "alternates", {}) or {}
    links = []
    for code in _languages(config):
        file = alternates.get(code)
        if file is None or getattr(file, "locale", code) != code:
            continue
        links.append({"lang": code, "href": _absolute(config, file.url)})
    default = next((link for link in links if link["lang"] == DEFAULT_LANGUAGE), None)
    if default and len(links) > 1:
        links.append({"lang": "x-default", "href": default["href"]})
    return links


def on_page_markdown(markdown, page, config, files):
    """Fill the `<!-- site:… -->` markers of the hand-written home pages with generated parts."""
    if "<!-- site:" not in markdown:
        return markdown
    lang = _current_language(config)
    for marker, text in home_parts(Path(config.docs_dir), lang).items():
        markdown = markdown.replace(f"<!-- site:{marker} -->", text)
    return markdown


def on_post_template(output, template_name, config):
    if template_name == "404.html":
        _not_found[_current_language(config)] = output
    return output


@event_priority(-110)  # after static-i18n built every language
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.building:
        return
    site = Path(config.site_dir)
    languages = _languages(config)
    for lang, prefix in languages.items():
        if lang in _not_found:
            write_atomic(site / prefix / "404.html", _not_found[lang])
    _write_sitemaps(site, config, languages)
    _write_feeds(site, config, languages)


def _write_sitemaps(site: Path, config, languages: dict[str, str]) -> None:
    merged = site / "sitemap.xml"
    if not merged.is_file():
        return
    base = (config.site_url or "/").rstrip("/") + "/"
    docs = Path(config.docs_dir)

    def fallback(url: str) -> bool:
        return url.startswith(base) and is_fallback_copy(url[len(base):], docs, languages)

    text = sitemap_without(merged.read_text("utf-8"), fallback)
    write_atomic(merged, text)
    write_atomic(site / "sitemap.xml.gz", gzip.compress(text.encode("utf-8"), mtime=0))
    for prefix in languages.values():
        if prefix:
            write_atomic(site / prefix / "sitemap.xml", language_sitemap(text, base + prefix))


def _write_feeds(site: Path, config, languages: dict[str, str]) -> None:
    docs = Path(config.docs_dir)
    base = (config.site_url or "/").rstrip("/") + "/"
    vi_articles = load_articles(docs, DEFAULT_LANGUAGE)
    i18n = config.plugins.get("i18n")
    # A build of one language (SITE_BUILD_LANGUAGE, hooks/language.py) writes that language's feed.
    built = {x.locale for x in i18n.config.languages if x.build} if i18n is not None else set(languages)
    for lang, prefix in languages.items():
        if lang not in built:
            continue
        own = {a.rel: a for a in load_articles(docs, lang)}
        site_name = _site_setting(config, lang, "site_name")
        description = _site_setting(config, lang, "site_description")
        text = rss_feed(feed_items(vi_articles, own, lang), lang=lang,
                        title=label(lang, "feed_title", site=site_name), description=description,
                        home_url=base + prefix, feed_url=base + prefix + FEED, site_url=base, prefix=prefix)
        write_atomic(site / prefix / FEED, text)


def _site_setting(config, lang: str, key: str) -> str:
    """site_name or site_description of `lang`: its i18n override, else the mkdocs.yml value
    (static-i18n leaves the last-built language's value in `config`, keeping the original aside)."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return config[key] or ""
    override = getattr(_language(config, lang), key, None)
    return override or i18n.original_configs.get(key, config[key]) or ""
