"""Every place the build depends on mkdocs-static-i18n (1.3.1) and the parts of MkDocs' config it
sets: which languages a build has and their URL prefixes, the one-language builds that run in
parallel, the nested build of each extra language, and what a page knows of its language. Tested
against a real fixture build (tests/build/test_i18n.py); re-check it when the plugin is upgraded."""
from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

import yaml

LANGUAGE_VARIABLE = "SITE_BUILD_LANGUAGE"  # with a locale: build that language only


class BuildError(ValueError):
    """The site cannot be built as asked; the message names the file."""


# ─── Without MkDocs: the languages mkdocs.yml declares ────────────────────────────────

class _AnyTagLoader(yaml.SafeLoader):
    """mkdocs.yml's own tags (!ENV, !!python/name) read as nothing: only the languages are wanted."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def declared_languages(mkdocs_yml: Path) -> list[tuple[str, str]]:
    """[(locale, URL prefix)] of the languages mkdocs.yml builds, the default one ("" prefix) first.
    Read from the i18n plugin's settings without loading MkDocs (the language processes start
    sooner); MkDocs itself checks those settings in each of them."""
    path = Path(mkdocs_yml)
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_AnyTagLoader)  # noqa: S506 - a safe loader
    except (OSError, yaml.YAMLError) as exc:
        raise BuildError(f"{path}: cannot be read: {exc}") from None
    plugins = config.get("plugins") or [] if isinstance(config, dict) else []
    i18n = next((p["i18n"] for p in plugins if isinstance(p, dict) and isinstance(p.get("i18n"), dict)), None)
    if i18n is None:  # one language: one process
        theme = config.get("theme") if isinstance(config, dict) else None
        return [((theme or {}).get("language", "en") if isinstance(theme, dict) else "en", "")]
    declared = [x for x in i18n.get("languages") or [] if isinstance(x, dict) and x.get("locale")]
    default = next((x["locale"] for x in declared if x.get("default")), None)
    built = [x["locale"] for x in declared if x.get("build", True)]
    if default is None or default not in built:
        raise BuildError(f"{path}: plugins.i18n.languages must build a default language")
    return [(code, "" if code == default else f"{code}/") for code in sorted(built, key=lambda c: c != default)]


# ─── Inside a build: the plugin's state ───────────────────────────────────────────────

def plugin(config):
    """The i18n plugin of this build (None without it)."""
    return config.plugins.get("i18n")


def nested(config) -> bool:
    """Whether this is the nested build of an extra language (static-i18n starts one per language
    from the default language's on_post_build; it sets `building` meanwhile)."""
    i18n = plugin(config)
    return i18n is not None and bool(getattr(i18n, "building", False))


def prefixes(config) -> dict[str, str]:
    """{locale: URL prefix}: "" for the default language, "en/" for English."""
    i18n = plugin(config)
    if i18n is None:
        return {config.theme["language"]: ""}
    return {lang.locale: "" if lang.locale == i18n.default_language else f"{PurePosixPath(lang.locale).name}/"
            for lang in i18n.config.languages}


def current_language(config) -> str:
    """The language being built (static-i18n sets the theme's language for each build)."""
    return config.theme["language"]


def language_settings(config, code: str):
    """The i18n plugin's settings of language `code` (None without the plugin)."""
    i18n = plugin(config)
    return next((x for x in i18n.config.languages if x.locale == code), None) if i18n else None


def language_name(config, code: str) -> str:
    return getattr(language_settings(config, code), "name", None) or code


def built_languages(config) -> set[str]:
    """The languages this build writes (one with SITE_BUILD_LANGUAGE, see only_language)."""
    i18n = plugin(config)
    if i18n is None:
        return set(prefixes(config))
    return {x.locale for x in i18n.config.languages if x.build}


def site_setting(config, lang: str, key: str) -> str:
    """site_name or site_description of `lang`: its i18n override, else the mkdocs.yml value
    (static-i18n leaves the last-built language's value in `config`, keeping the original aside)."""
    i18n = plugin(config)
    if i18n is None:
        return config[key] or ""
    override = getattr(language_settings(config, lang), key, None)
    return override or i18n.original_configs.get(key, config[key]) or ""


def page_languages(page, config) -> tuple[str, str, str]:
    """(path under docs/<lang>/, language of the build, language of the page's text). Under /en/,
    a page not yet translated is the Vietnamese file (static-i18n's fallback)."""
    file = page.file
    build = getattr(file, "locale_alternate_of", None) or config.theme.get("language", "vi")
    text = getattr(file, "locale", None) or build
    rel = getattr(file, "norm_src_uri", None) or file.src_uri.split("/", 1)[-1]
    return rel, build, text


def page_path(file) -> str:
    """A file's path under docs/<lang>/ (the same in every language)."""
    return getattr(file, "norm_src_uri", None) or file.src_uri


def alternates(page) -> dict:
    """{locale: the File of the page in that language} (a fallback copy included)."""
    return getattr(page.file, "alternates", {}) or {}


def file_language(file, default: str) -> str:
    """The language of a file's text (a fallback copy's is the default language's)."""
    return getattr(file, "locale", default)


# ─── One language per process (python -m scripts build) ───────────────────────────────

_declared: dict[str, bool] = {}  # each language's own `build` setting from mkdocs.yml


def only_language(config) -> str | None:
    """The language SITE_BUILD_LANGUAGE asks for, outside nested builds; None for every language."""
    only = os.environ.get(LANGUAGE_VARIABLE)
    return only if only and plugin(config) is not None and not nested(config) else None


def choose_language(config, only: str) -> None:
    """Build `only` first, every language still declared (so that alternates and the language
    switcher are those of a full build). ValueError when it is not a language of the site."""
    i18n = plugin(config)
    for lang in i18n.config.languages:
        lang.build = _declared.setdefault(lang.locale, lang.build)
    built = [lang.locale for lang in i18n.config.languages if lang.build]
    if only not in built:
        raise BuildError(f"{LANGUAGE_VARIABLE}={only!r}: expected one of {', '.join(built)} "
                         "(mkdocs.yml, plugins.i18n.languages with build: true)")
    i18n.current_language = only


def skip_other_languages(config, only: str) -> None:
    """Switch the other languages off just before static-i18n would start their nested builds."""
    for lang in plugin(config).config.languages:
        lang.build = lang.locale == only
