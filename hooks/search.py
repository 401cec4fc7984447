"""MkDocs hook: once static-i18n has merged every language's entries into one search index, make
it Vietnamese-aware and write one index per language (scripts/build/search_index.py)."""
import logging

from mkdocs.plugins import event_priority

from scripts.build.mkdocs_events import routed
from scripts.build.search_index import write_indexes

log = logging.getLogger("mkdocs.hooks.search")


@event_priority(-110)  # after static-i18n (-100) merged both languages into one index
@routed
def on_post_build(config):
    write_indexes(config, log.info)
