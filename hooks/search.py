"""MkDocs hook: make the merged search index Vietnamese-aware once static-i18n has written it."""
from __future__ import annotations

import json
import logging
from pathlib import Path

from mkdocs.plugins import event_priority

from scripts.search_index import index_bytes, language_prefixes, rewritten_index
from scripts.fsutil import write_atomic

log = logging.getLogger("mkdocs.hooks.search")


def _i18n(config):
    return config.plugins.get("i18n")


@event_priority(-110)  # after static-i18n (-100) merged both languages into one index
def on_post_build(config):
    i18n = _i18n(config)
    if i18n is not None and i18n.building:
        return  # a nested per-language build: the merged index does not exist yet
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return
    raw = path.read_bytes()
    data = json.loads(raw)
    if i18n is not None:
        languages = language_prefixes(i18n.config.languages, i18n.default_language)
    else:
        languages = {config.theme.get("language", "en"): ""}
    new = index_bytes(rewritten_index(data, Path(config.docs_dir), languages))
    write_atomic(path, new)
    log.info(f"search index: {len(raw)} → {len(new)} bytes (folded fields, UTF-8)")
