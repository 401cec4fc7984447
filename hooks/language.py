"""MkDocs hook: with SITE_BUILD_LANGUAGE=<locale> in the environment, build that language only
(`python -m scripts build` runs one process per language, in parallel); without it, every language.

static-i18n builds the default language, then each other one in a nested build started from its
own on_post_build. Here the chosen language is the one built first, with every language still
declared (so that alternates and the language switcher are the same as in a full build), and the
others are switched off just before static-i18n would start their nested builds."""
from __future__ import annotations

import os

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

VARIABLE = "SITE_BUILD_LANGUAGE"
_declared: dict[str, bool] = {}  # each language's own `build` setting from mkdocs.yml


def _only(config):
    only = os.environ.get(VARIABLE)
    i18n = config.plugins.get("i18n")
    if not only or i18n is None or i18n.building:
        return None, i18n
    return only, i18n


@event_priority(100)  # before static-i18n's on_config (-100) picks the language it builds
def on_config(config):
    only, i18n = _only(config)
    if only is None:
        return config
    for lang in i18n.config.languages:
        lang.build = _declared.setdefault(lang.locale, lang.build)
    built = [lang.locale for lang in i18n.config.languages if lang.build]
    if only not in built:
        raise PluginError(f"{VARIABLE}={only!r}: expected one of {', '.join(built)} "
                          "(mkdocs.yml, plugins.i18n.languages with build: true)")
    i18n.current_language = only
    return config


@event_priority(-50)  # after this language's pages and search index, before static-i18n (-100)
def on_post_build(config):
    only, i18n = _only(config)
    if only is None:
        return
    for lang in i18n.config.languages:
        lang.build = lang.locale == only
