"""MkDocs hook: each article's paragraphs marked with their segment and, in English, where their
English comes from, for the side-by-side view (scripts/build/bilingual.py)."""
from mkdocs.plugins import event_priority

from scripts.build import bilingual
from scripts.build.mkdocs_events import routed

# Before hooks/glossary.py (0) marks the term mentions: segments are the page's own text.
on_page_markdown = event_priority(20)(routed(bilingual.mark_page))
