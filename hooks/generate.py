"""MkDocs hook: regenerate the derived pages before each build, so they are never stale."""
from pathlib import Path

from scripts import pages


def on_pre_build(config):
    # static-i18n runs a nested build per extra language (its `building` flag is then set): the
    # pages generated at the start of this build are still current, so generate them only once.
    # Unchanged pages are not rewritten, so `mkdocs serve` does not reload on its own output.
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return
    pages.generate(Path(config.docs_dir))
