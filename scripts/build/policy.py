"""What a build lets through to readers (the policy of scripts/core/policy.py): front matter reaches the
templates as data only (allowed keys, plain escaped text), an article whose text holds raw HTML or a
link to another scheme than http(s) is rendered with that markup made inert, and no file from
outside the repository is read or site folder behind a link emptied."""
from __future__ import annotations

import os

from mkdocs.exceptions import PluginError

from scripts.build import i18n
from scripts.build.mkdocs_events import project_of
from scripts.core.content import is_article
from scripts.core.markdown import html_meta
from scripts.core.policy import SAFE_SCHEMES, markup_problems, rendered_meta

# The HTML that Markdown makes of page text (with the site's extensions), and nothing else: what a
# contributor's raw HTML cannot add (scripts, event handlers, frames, styles, images from anywhere).
ALLOWED_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "ul", "ol", "li", "strong", "em", "b", "i", "code",
                "pre", "blockquote", "hr", "br", "div", "details", "summary", "table", "thead", "tbody", "tr", "th",
                "td", "abbr", "del", "ins", "sup", "sub", "span"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "class"}, "abbr": {"title"}, "div": {"class"}, "p": {"class"},
                      "details": {"class", "open"}, "span": {"class"}, "code": {"class"}, "th": {"align"},
                      "td": {"align"}, **{f"h{n}": {"id"} for n in range(1, 7)}}
_inert: set[str] = set()  # URLs of this build's pages whose text held markup beyond page text


def page_kind(page, config) -> str:
    """"vi-article", "en-article" (by the language of the page's text) or "page"."""
    rel, _, text_lang = i18n.page_languages(page, config)
    return f"{text_lang}-article" if is_article(rel) and text_lang in ("vi", "en") else "page"


def refuse_linked_site(config):
    """A site folder that is a link: MkDocs would empty its target."""
    if os.path.islink(config.site_dir):
        raise PluginError(f"{config.site_dir}: the site folder is a symbolic link; building would empty "
                          "its target. Remove the link or build elsewhere (--site-dir).")
    return config


def refuse_outside_files(files, config):
    """Every file of docs/ must be a file of the repository, not a link out of it (a link to
    /proc/self/environ would publish the build's environment). The theme's own files are not docs/'s."""
    root = os.path.realpath(project_of(config).root)
    docs = os.path.abspath(config.docs_dir)
    for file in files:
        source = getattr(file, "abs_src_path", None)
        if not source or os.path.commonpath([docs, os.path.abspath(source)]) != docs:
            continue
        real = os.path.realpath(source)
        if os.path.islink(source) or os.path.commonpath([root, real]) != root:
            shown = os.path.relpath(source, os.path.dirname(docs))
            raise PluginError(f"{shown}: a symbolic link (to {real}); pages must be files of the repository")
    return files


def page_data(markdown, page, config, files):
    """The page's front matter as its templates may see it, and whether its text needs making inert."""
    kind = page_kind(page, config)
    page.meta = html_meta(rendered_meta(page.meta, kind))
    if kind != "page" and markup_problems(markdown):
        _inert.add(page.url)
    return markdown


def inert_html(html, page, config, files):
    """An article whose Markdown held raw HTML or an unsafe link, with its HTML cut down to what
    Markdown makes of text (nh3, an allow-list sanitizer)."""
    if page.url not in _inert:
        return html
    _inert.discard(page.url)
    import nh3

    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=set(SAFE_SCHEMES),
                     link_rel=None, strip_comments=True)
