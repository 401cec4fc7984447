"""MkDocs hook: with SITE_BUILD_LANGUAGE=<locale> in the environment, build that language only
(`python -m scripts build` runs one process per language, in parallel); without it, every language.
The work is in scripts/build/i18n.py."""
from mkdocs.plugins import event_priority

from scripts.build import i18n
from scripts.build.mkdocs_events import routed


@event_priority(100)  # before static-i18n's on_config (-100) picks the language it builds
@routed
def on_config(config):
    if (only := i18n.only_language(config)) is not None:
        i18n.choose_language(config, only)
    return config


@event_priority(-50)  # after this language's pages and search index, before static-i18n (-100)
def on_post_build(config):
    if (only := i18n.only_language(config)) is not None:
        i18n.skip_other_languages(config, only)
