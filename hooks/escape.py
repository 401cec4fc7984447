"""MkDocs hook: front-matter values reach the templates as escaped text, never as markup."""
from __future__ import annotations

from mkdocs.plugins import event_priority

from scripts.core.markdown import html_meta


@event_priority(-90)  # after the other hooks read the page's raw front matter
def on_page_markdown(markdown, page, config, files):
    page.meta = html_meta(page.meta)
    return markdown
