"""Article pages in a build: the first mention of each glossary term linked to its entry (definition
on hover), and the article's footer (topics, related articles). Mentions are marked before Markdown
and made links after it, and the footer is written as HTML after Markdown: MkDocs then converts and
resolves dozens fewer links per article, for the same HTML."""
from __future__ import annotations

import re

from mkdocs.utils import get_relative_url

from scripts.build import i18n
from scripts.build.footer import footer_html, footer_markdown, footer_sections, with_footer_toc
from scripts.build.mkdocs_events import preview, preview_inputs, project_of
from scripts.core.content import ARTICLES_DIR
from scripts.glossary.links import can_mark, link_terms, linked_html, marked_terms, marked_text, unmarked_html
from scripts.glossary.matching import term_index
from scripts.pages.model import GLOSSARY_PAGE, SiteData, link, site_data, stale_pages, term_page

_state: dict = {}  # this build's: site data, term indexes, URLs, and per page what the hooks pass on
# What Material's search plugin takes out of page.content once it has indexed it.
_SEARCH_ATTRIBUTES = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")


def prepare(config) -> None:
    """Before the build: the site data (a bad glossary stops the build cleanly) and stale topic pages removed."""
    project = project_of(config)
    _state.clear()
    data = site_data(project, lenient=preview(), digest=preview_inputs())
    _state.update(project=project, data=data, labels=project.labels(), index={}, links={},
                  searched={}, footers={}, headings={})
    # links: page URL → (href, hover text) of each marked mention; searched: page URL → (its HTML
    # without those links, with them); footers: page URL → its footer sections, links resolved;
    # headings: (anchor, heading) → (HTML, toc name, id, level) of a footer heading.
    for page in stale_pages(project, _state["data"]):
        page.unlink(missing_ok=True)


def build_data(config) -> SiteData:
    """The site data of this build, read once before it (prepare): reading it again per page would
    hash every article once per page."""
    data = _state.get("data")
    return data if data is not None else site_data(project_of(config), lenient=preview(), digest=preview_inputs())


def note_urls(files, config):
    """After static-i18n chose this language's files: the URL of each page, term links' target."""
    urls = {i18n.page_path(f): f.url for f in files.documentation_pages()}
    _state["urls"] = urls  # page path under docs/<lang>/ → its URL in this language's build
    _state["glossary_url"] = urls.get(GLOSSARY_PAGE)
    return files


def term_links(terms, page_url: str) -> list[str | None]:
    """The links from the page at `page_url` to each term's page, None for a term the build has no
    page of (its file added since the pages were generated). Term pages are siblings: the link to
    the glossary's folder is computed once."""
    urls = _state.get("urls", {})
    base = None
    links = []
    for term in terms:
        url = urls.get(term_page(term.id))
        if url is not None and base is None:
            base = get_relative_url(url, page_url)[:-len(url.rstrip("/").rsplit("/", 1)[-1]) - 1]
        links.append(None if url is None else f"{base}{term.id}/")
    return links


def mark_terms(markdown, page, config, files):
    """An article's Markdown with its term mentions marked (or linked) and, where needed, its footer."""
    rel, lang, text_lang = i18n.page_languages(page, config)
    data: SiteData | None = _state.get("data")
    if data is None or not rel.startswith(f"{ARTICLES_DIR}/") or rel.endswith("/index.md"):
        return markdown
    if text_lang not in _state["index"]:
        _state["index"][text_lang] = term_index(data.terms.values(), text_lang)
    glossary = _state.get("glossary_url")
    index = _state["index"][text_lang]
    marking = glossary is not None and can_mark(markdown)
    if marking:
        # Mentions marked now and linked in on_page_content: Markdown converts plain text. A term
        # without a page in this build (its file added since the pages were generated) is not linked.
        markdown, terms = marked_terms(markdown, index)
        links = _state["links"][page.url] = [(href, t.definition(lang)) for t, href in zip(terms, term_links(terms, page.url))]
    else:  # no glossary pages in this build: links MkDocs resolves (and checks)
        markdown, _ = link_terms(markdown, index, href=lambda term: link(rel, term_page(term.id)),
                                 title=lambda term: term.definition(lang))

    urls = _state.get("urls", {})
    sections = footer_sections(data, rel, lang, _state["labels"])
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


# What the search plugin leaves out of the index anyway: a generated page's long lists of other
# pages (a term's articles), cut from the copy it parses.
_UNSEARCHED_BLOCK = re.compile(r'<div class="term-articles" data-search-exclude>.*?</div>', re.S)


def link_marked(html, page, config, files):
    """The converted article with its marked mentions made links and its footer added; on another
    page, the copy the search plugin parses without the lists it would skip."""
    links = _state["links"].pop(page.url, None)
    if links is None:
        searched = _UNSEARCHED_BLOCK.sub("", html)
        if searched != html:
            _state["searched"][page.url] = (searched, html)
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
# without the term and footer links made here (the same entries: Material's parser keeps the text
# of a link and drops the tag), which it parses in half the time; readers get the links back.
def search_reads_the_text(context, page, config, nav):
    """Before Material's search plugin reads page.content."""
    searched = _state["searched"].get(page.url)
    if searched is not None:
        if page.content == searched[1]:
            page.content = searched[0]
        else:  # something else changed the page since: leave it as it is
            del _state["searched"][page.url]
    return context


def readers_get_the_links(context, page, config, nav):
    """After it."""
    searched = _state["searched"].pop(page.url, None)
    if searched is not None:
        text, linked = searched
        page.content = linked if page.content == text else _SEARCH_ATTRIBUTES.sub("", linked)
    return context
