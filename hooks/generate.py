"""MkDocs hook: regenerate the derived pages before each build, so they are never stale."""
from pathlib import Path

from scripts import pages


def on_pre_build(config):
    # Runs once per language build (static-i18n nests one build per extra language); pages
    # that did not change are not rewritten, so `mkdocs serve` does not reload on its own output.
    pages.generate(Path(config.docs_dir))
