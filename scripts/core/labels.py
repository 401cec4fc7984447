"""The interface words of both languages (config/labels.yml), as one value that knows its digest."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from scripts.core.schema import Document, SchemaError


@dataclass(frozen=True)
class Labels:
    """`labels(lang, key, **values)`: the word `key` in `lang`, formatted with `values`. `digest`
    is the sha256 of the file it was read from (what a cache of pages that show it is keyed on)."""

    words: Mapping[str, Mapping[str, str]]
    digest: str = field(default="", compare=False)

    def __call__(self, lang: str, key: str, **values) -> str:
        return self.words[lang][key].format(**values)

    def for_language(self, lang: str):
        """label(key, **values) in `lang`, for templates."""
        return lambda key, **values: self(lang, key, **values)


def labels_from(doc: Document) -> Labels:
    """Labels from config/labels.yml: a mapping per language of words (text), the same keys in each."""
    data = doc.data
    if not isinstance(data, dict) or not data or not all(isinstance(v, dict) for v in data.values()):
        raise SchemaError([doc.problem(None, "expected one mapping of words per language (vi:, en:)")])
    problems = []
    for lang, words in data.items():
        problems += [doc.problem(f"{lang}.{key}", f"expected text, found {type(value).__name__}")
                     for key, value in words.items() if not isinstance(value, str)]
    keys = [set(words) for words in data.values()]
    for lang, words in data.items():
        missing = sorted(set().union(*keys) - set(words))
        if missing:
            problems.append(doc.problem(str(lang), f"missing words: {', '.join(missing)} (every language has every key)"))
    if problems:
        raise SchemaError(problems)
    return Labels({str(lang): dict(words) for lang, words in data.items()}, doc.digest)
