"""MkDocs hook: on article pages, link the first mention of each glossary term (definition on
hover) and append the article's topics and related articles. Logic lives in scripts/."""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.utils import get_relative_url

from scripts.build.footer import footer_html, footer_markdown, footer_sections, with_footer_toc
from scripts.core.content import ARTICLES_DIR
from scripts.glossary.terms import GlossaryError, term_index
from scripts.glossary.links import can_mark, link_terms, linked_html, marked_terms, marked_text, unmarked_html
from scripts.pages.model import GLOSSARY_PAGE, SiteData, link, site_data, stale_pages

_state: dict = {}
# What Material's search plugin takes out of page.content once it has indexed it.
_SEARCH_ATTRIBUTES = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")


@event_priority(100)  # before hooks/generate.py: a broken glossary file stops the build cleanly
def on_pre_build(config):
    try:
        _state["data"] = site_data(Path(config.docs_dir))
    except GlossaryError as exc:
        raise PluginError(f"glossary: {exc}") from None
    _state["index"] = {}
    _state["links"] = {}  # page URL → (href, hover text) of each marked mention
    _state["searched"] = {}  # page URL → (its HTML without those links, with them)
    _state["footers"] = {}  # page URL → its footer_sections, links resolved, added after Markdown
    _state["headings"] = {}  # (anchor, heading) → (HTML, toc name, id, level) of a footer heading
    for page in stale_pages(Path(config.docs_dir), _state["data"]):
        page.unlink(missing_ok=True)


@event_priority(-110)  # after static-i18n (-100) chose this language's files
def on_files(files, config):
    """The URL of this language's glossary page, which term links point to."""
    urls = {(getattr(f, "norm_src_uri", None) or f.src_uri): f.url for f in files.documentation_pages()}
    _state["urls"] = urls  # page path under docs/<lang>/ → its URL in this language's build
    _state["glossary_url"] = urls.get(GLOSSARY_PAGE)
    return files


def page_languages(page, config) -> tuple[str, str, str]:
    """(path under docs/<lang>/, language of the build, language of the page's text).

    Under /en/, a page not yet translated is the Vietnamese file (static-i18n's fallback)."""
    file = page.file
    build = getattr(file, "locale_alternate_of", None) or config.theme.get("language", "vi")
    text = getattr(file, "locale", None) or build
    rel = getattr(file, "norm_src_uri", None) or file.src_uri.split("/", 1)[-1]
    return rel, build, text


def on_page_markdown(markdown, page, config, files):
    rel, lang, text_lang = page_languages(page, config)
    data: SiteData | None = _state.get("data")
    if data is None or not rel.startswith(f"{ARTICLES_DIR}/") or rel.endswith("/index.md"):
        return markdown
    if text_lang not in _state["index"]:
        _state["index"][text_lang] = term_index(data.terms.values(), text_lang)
    glossary = _state.get("glossary_url")
    index = _state["index"][text_lang]
    marking = glossary is not None and can_mark(markdown)
    if marking:
        # Mentions marked now and linked in on_page_content: Markdown converts plain text.
        base = get_relative_url(glossary, page.url)
        markdown, terms = marked_terms(markdown, index)
        links = _state["links"][page.url] = [(f"{base}#{t.id}", t.definition(lang)) for t in terms]
    else:  # no glossary page in this build: links MkDocs resolves (and checks)
        markdown, _ = link_terms(markdown, index, href=lambda term: link(rel, f"{GLOSSARY_PAGE}#{term.id}"),
                                 title=lambda term: term.definition(lang))

    urls = _state.get("urls", {})
    sections = footer_sections(data, rel, lang)
    if marking and all(target in urls for _, _, items in sections for target, _, _ in items):
        # Written as HTML after Markdown (on_page_content): the same HTML, without converting
        # a dozen headings, list items and links per page.
        _state["footers"][page.url] = [
            (anchor, heading, [(get_relative_url(urls[target], page.url), text, after) for target, text, after in items])
            for anchor, heading, items in sections]
        return markdown

    def footer_link(target: str, text: str) -> str:
        """A link to another page of the site: marked like the terms when its URL is known."""
        url = urls.get(target)
        if not marking or url is None:
            return f"[{text}]({link(rel, target)})"
        links.append((get_relative_url(url, page.url), None))
        return marked_text(len(links) - 1, text)

    return markdown.rstrip("\n") + "\n\n" + footer_markdown(sections, footer_link)


def on_page_content(html, page, config, files):
    links = _state["links"].pop(page.url, None)
    if links is None:
        return html
    linked, text = linked_html(html, links), unmarked_html(html)
    footer = _state["footers"].pop(page.url, None)
    if footer:  # left out of the search plugin's copy: it would skip those sections anyway
        footer, toc = footer_html(footer, config, _state["headings"])
        linked += "\n" + footer
        with_footer_toc(page.toc, toc)
    _state["searched"][page.url] = (text, linked)
    return linked


# The search index holds a page's text, not its links, so the search plugin is given the page
# without the term and footer links the hook made (the same entries: Material's parser keeps the
# text of a link and drops the tag), which it parses in half the time; readers get the links back.
@event_priority(10)  # before Material's search plugin (0) reads page.content
def _search_reads_the_text(context, page, config, nav):
    searched = _state["searched"].get(page.url)
    if searched is not None:
        if page.content == searched[1]:
            page.content = searched[0]
        else:  # something else changed the page since: leave it as it is
            del _state["searched"][page.url]
    return context


@event_priority(-10)  # after it
def _readers_get_the_links(context, page, config, nav):
    searched = _state["searched"].pop(page.url, None)
    if searched is not None:
        text, linked = searched
        page.content = linked if page.content == text else _SEARCH_ATTRIBUTES.sub("", linked)
    return context


on_page_context = CombinedEvent(_search_reads_the_text, _readers_get_the_links)
