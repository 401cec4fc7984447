"""Files a build writes after its pages: a 404 page per language, per-language sitemaps without
fallback copies (nor the side-by-side view's pages), and an RSS feed per language."""
from __future__ import annotations

import gzip
from pathlib import Path

from scripts.build import i18n
from scripts.build.feeds import FEED, feed_items, rss_feed
from scripts.build.mkdocs_events import project_of
from scripts.build.search_index import is_fallback_copy
from scripts.build.sitemaps import language_sitemap, sitemap_without
from scripts.build.terms import build_data
from scripts.core.content import DEFAULT_LANGUAGE, load_articles
from scripts.core.fsutil import write_atomic

_not_found: dict[str, str] = {}  # language → rendered 404 page, kept until the last build ends


def keep_not_found(output, template_name, config):
    """Each language's 404 page as rendered (static-i18n would leave only the last one)."""
    if template_name == "404.html":
        _not_found[i18n.current_language(config)] = output
    return output


def write_outputs(config) -> None:
    """After every language was built: the 404 pages, sitemaps and feeds."""
    if i18n.nested(config):
        return
    site = Path(config.site_dir)
    languages = i18n.prefixes(config)
    for lang, prefix in languages.items():
        if lang in _not_found:
            write_atomic(site / prefix / "404.html", _not_found[lang])
    write_sitemaps(site, config, languages)
    write_feeds(site, config, languages)


def write_sitemaps(site: Path, config, languages: dict[str, str]) -> None:
    merged = site / "sitemap.xml"
    if not merged.is_file():
        return
    base = (config.site_url or "/").rstrip("/") + "/"
    docs = project_of(config).docs
    withheld = build_data(config).withheld

    def left_out(url: str) -> bool:
        """A fallback copy, or a side-by-side view's page (it shows other pages' text: noindex)."""
        path = url[len(base):] if url.startswith(base) else None
        return path is not None and (is_fallback_copy(path, docs, languages, withheld)
                                     or any(path == f"{prefix}side-by-side/" for prefix in languages.values()))

    text = sitemap_without(merged.read_text("utf-8"), left_out)
    write_atomic(merged, text)
    write_atomic(site / "sitemap.xml.gz", gzip.compress(text.encode("utf-8"), mtime=0))
    for prefix in languages.values():
        if prefix:
            write_atomic(site / prefix / "sitemap.xml", language_sitemap(text, base + prefix))


def write_feeds(site: Path, config, languages: dict[str, str]) -> None:
    project = project_of(config)
    labels = project.labels()
    base = (config.site_url or "/").rstrip("/") + "/"
    vi_articles = load_articles(project.docs, DEFAULT_LANGUAGE)
    # A build of one language (SITE_BUILD_LANGUAGE) writes that language's feed.
    built = i18n.built_languages(config)
    for lang, prefix in languages.items():
        if lang not in built:
            continue
        own = {a.rel: a for a in load_articles(project.docs, lang)}
        site_name = i18n.site_setting(config, lang, "site_name")
        description = i18n.site_setting(config, lang, "site_description")
        text = rss_feed(feed_items(vi_articles, own, lang), lang=lang,
                        title=labels(lang, "feed_title", site=site_name), description=description,
                        home_url=base + prefix, feed_url=base + prefix + FEED, site_url=base, prefix=prefix)
        write_atomic(site / prefix / FEED, text)
