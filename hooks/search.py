"""MkDocs hook: once static-i18n has merged every language's entries into one search index, make
it Vietnamese-aware and write one index per language (search/ and en/search/)."""
from __future__ import annotations

import json
import logging
from pathlib import Path

from mkdocs.plugins import event_priority

from scripts.core.fsutil import write_atomic
from scripts.build.search_index import (index_bytes, index_path, language_prefixes, rewritten_index, split_by_language,
                                  titles_index, titles_path)

log = logging.getLogger("mkdocs.hooks.search")


@event_priority(-110)  # after static-i18n (-100) merged both languages into one index
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.building:
        return  # a nested per-language build: the merged index does not exist yet
    site = Path(config.site_dir)
    path = site / index_path("")
    if not path.is_file():
        return
    raw = path.read_bytes()
    if i18n is not None:
        languages = language_prefixes(i18n.config.languages, i18n.default_language)
    else:
        languages = {config.theme.get("language", "en"): ""}
    merged = rewritten_index(json.loads(raw), Path(config.docs_dir), languages)
    sizes = []
    for code, index in split_by_language(merged, languages).items():
        data = index_bytes(index)
        write_atomic(site / index_path(languages[code]), data)
        write_atomic(site / titles_path(languages[code]), index_bytes(titles_index(index)))
        sizes.append(f"{code} {len(data)}")
    log.info(f"search index: {len(raw)} bytes merged → {', '.join(sizes)} bytes (folded fields, UTF-8, per language)")
