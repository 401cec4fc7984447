"""MkDocs hook: on article pages, the first mention of each glossary term linked (definition on
hover) and the footer of topics and related articles (scripts/build/terms.py)."""
from mkdocs.plugins import CombinedEvent, event_priority

from scripts.build import terms
from scripts.build.mkdocs_events import routed

# Before hooks/generate.py: a broken glossary file stops the build cleanly.
on_pre_build = event_priority(100)(routed(terms.prepare))
# After static-i18n (-100) chose this language's files.
on_files = event_priority(-110)(routed(terms.note_urls))
on_page_markdown = routed(terms.mark_terms)
on_page_content = routed(terms.link_marked)
# Around Material's search plugin (priority 0), which reads page.content.
on_page_context = CombinedEvent(event_priority(10)(terms.search_reads_the_text),
                                event_priority(-10)(terms.readers_get_the_links))
