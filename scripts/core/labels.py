"""The interface words of both languages (config/labels.yml), as one value that knows its digest."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from scripts.core.schema import Document, SchemaError

# Plural forms a language may give a counted word, by count (English: "1 article", "no articles");
# a language without them (Vietnamese) leaves them out and the word itself is used.
PLURAL_FORMS = {0: "_zero", 1: "_one"}


@dataclass(frozen=True)
class Labels:
    """`labels(lang, key, **values)`: the word `key` in `lang`, formatted with `values`. `digest`
    is the sha256 of the file it was read from (what a cache of pages that show it is keyed on)."""

    words: Mapping[str, Mapping[str, str]]
    digest: str = field(default="", compare=False)

    def __call__(self, lang: str, key: str, **values) -> str:
        return self.words[lang][key].format(**values)

    def count(self, lang: str, key: str, count: int, **values) -> str:
        """`key` said of `count` things: its plural form `key_zero` (for 0) or `key_one` (for 1)
        where the language has one ("1 article", "no articles"), else `key` ("3 articles",
        "3 bài viết"); {count} is filled in."""
        words = self.words[lang]
        form = PLURAL_FORMS.get(count)
        chosen = key + form if form and key + form in words else key
        return words[chosen].format(count=count, **values)

    def for_language(self, lang: str):
        """label(key, **values) in `lang`, for templates."""
        return lambda key, **values: self(lang, key, **values)


def labels_from(doc: Document) -> Labels:
    """Labels from config/labels.yml: a mapping per language of words (text), the same keys in each
    (plural forms, `key_zero` and `key_one`, only where a language has them)."""
    data = doc.data
    if not isinstance(data, dict) or not data or not all(isinstance(v, dict) for v in data.values()):
        raise SchemaError([doc.problem(None, "expected one mapping of words per language (vi:, en:)")])
    problems = []
    for lang, words in data.items():
        problems += [doc.problem(f"{lang}.{key}", f"expected text, found {type(value).__name__}")
                     for key, value in words.items() if not isinstance(value, str)]
    keys = [{key for key in words if not _plural_form(key, words)} for words in data.values()]
    for lang, words in data.items():
        missing = sorted(set().union(*keys) - set(words))
        if missing:
            problems.append(doc.problem(str(lang), f"missing words: {', '.join(missing)} (every language has every key)"))
    if problems:
        raise SchemaError(problems)
    return Labels({str(lang): dict(words) for lang, words in data.items()}, doc.digest)


def _plural_form(key: str, words) -> str | None:
    """The word `key` is a plural form of (in `words`), or None."""
    for form in PLURAL_FORMS.values():
        if key.endswith(form) and key[:-len(form)] in words:
            return key[:-len(form)]
    return None
