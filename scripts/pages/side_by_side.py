"""The side-by-side view's page of each language (side-by-side/?a=articles/<year>/<slug>/): one page
that shows any article's Vietnamese paragraphs beside their English ones. The page holds the
interface words; assets/javascripts/side-by-side.js fetches the article's two pages, pairs their
paragraphs (marked by scripts/build/bilingual.py) and shows them. Without scripts it says so and
links nothing it cannot show."""
from __future__ import annotations

from html import escape

from scripts.core.status import STATUSES
from scripts.pages.model import LANGUAGES, Inputs, Pages

SIDE_BY_SIDE_PAGE = "side-by-side.md"
# Interface words the script shows, by the data attribute that carries each.
WORDS = {
    "vi": "side_by_side_vi", "en": "side_by_side_en", "machine": "side_by_side_machine",
    "human": "side_by_side_human", "pending": "side_by_side_pending", "original": "meta_source",
    "vi-page": "side_by_side_vi_page", "en-page": "side_by_side_en_page", "loading": "side_by_side_loading",
    "error": "side_by_side_error", "unaligned": "side_by_side_unaligned", "title": "side_by_side_title",
    **{f"status-{s}": f"status_name_{s.replace('-', '_')}" for s in STATUSES},
}


def side_by_side_page(inputs: Inputs, lang: str) -> str:
    """docs/<lang>/side-by-side.md: the view's heading, its words, and what shows without scripts."""
    label = inputs.labels
    words = " ".join(f'data-{name}="{escape(label(lang, key))}"' for name, key in WORDS.items())
    return "\n".join([
        "---", "search:", "  exclude: true", "hide:", "  - navigation", "  - toc", "side_by_side: true", "---", "",
        f"# {label(lang, 'side_by_side_title')}", "",
        f'<div class="side-by-side" id="side-by-side-view" {words} aria-live="polite">',
        f"<p class=\"side-by-side__note\">{escape(label(lang, 'side_by_side_intro'))}</p>",
        f"<noscript><p>{escape(label(lang, 'side_by_side_noscript'))}</p></noscript>",
        "</div>", ""])


def side_by_side_pages(inputs: Inputs) -> Pages:
    """Generator: docs/<lang>/side-by-side.md of every language."""
    return {f"{lang}/{SIDE_BY_SIDE_PAGE}": side_by_side_page(inputs, lang) for lang in LANGUAGES}
