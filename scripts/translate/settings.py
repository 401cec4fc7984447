"""config/translation.yml as checked values: the engines, timeouts, retries, rate limit, answer bounds,
batching of the language-model engine and the grammar cues of the glossary check."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from scripts.core.schema import Document, Field, SchemaError, field_problems

SETTINGS_FILE = "config/translation.yml"
# Engines, the recommended first; "none" drafts nothing (memory only).
ENGINE_NAMES = ("llm", "deepl", "libre", "microsoft", "mymemory", "google", "none")
# Engines that see placeholders for protected spans (terms, numbers, links, code) and give them back.
PLACEHOLDER_ENGINES = ("deepl", "libre", "microsoft", "mymemory", "google")


@dataclass(frozen=True)
class Grammar:
    """Vietnamese words around a glossary term that decide how it is rendered (scripts/translate/usage.py):
    a plural cue before it (các, những, 175) asks for the English plural; a verb cue before or after a
    noun term (phải di cư, di cư sang) means the word is a verb there, which the noun must not replace."""

    plural_before: tuple[str, ...] = ()
    singular_before: tuple[str, ...] = ()
    verb_before: tuple[str, ...] = ()
    verb_after: tuple[str, ...] = ()


@dataclass(frozen=True)
class Settings:
    engine: str
    connect: float
    read: float
    deadline: float
    retries: int
    backoff_initial: float
    backoff_factor: float
    backoff_max: float
    rate_limit: float
    engines: dict = field(default_factory=dict)  # name → {source, target, max_chars, url?, model?, …}
    digest: str = field(default="", compare=False)  # of the file the settings were read from
    concurrency: int = 4
    answer_ratio: float = 4.0  # an English text may be at most ratio × its Vietnamese + extra characters
    answer_extra: int = 200
    answer_bytes: int = 1_000_000  # no HTTP answer may be larger (after decompression)
    grammar: Grammar = field(default_factory=Grammar)


NUMBERS = {  # dotted field: minimum
    "timeout.connect": 0.01, "timeout.read": 0.01, "timeout.deadline": 0.01, "retries": 0.0,
    "backoff.initial": 0.0, "backoff.factor": 1.0, "backoff.max": 0.0, "rate_limit": 0.001,
}
OPTIONAL_NUMBERS = {  # dotted field: (minimum, default)
    "concurrency": (1, 4), "answers.ratio": (1.0, 4.0), "answers.extra": (0, 200),
    "answers.max_bytes": (1000, 1_000_000),
}
ENGINE_FIELDS = {
    "source": Field(str, "the engine's code of the source language", required=True),
    "target": Field(str, "the engine's code of the target language", required=True),
    "max_chars": Field(int, "a whole number of characters", required=True, minimum=20),
    "url": Field(str, "the server's address"),
}
LLM_FIELDS = {
    **ENGINE_FIELDS,
    "model": Field(str, "the model's name as the server knows it (--model overrides it)"),
    "batch_tokens": Field(int, "the most tokens of Vietnamese sent in one request", required=True, minimum=50),
    "chars_per_token": Field(float, "characters of Vietnamese per token, to estimate a request's size",
                             required=True, minimum=0.5),
    "json_mode": Field(bool, "true to ask the server for JSON output (response_format)"),
    "style": Field(str, "the house-style file sent as the system message", required=True),
    "temperature": Field(float, "the sampling temperature", minimum=0),
}
GRAMMAR_FIELDS = {name: Field(list, "a list of Vietnamese words or phrases", items=str)
                  for name in ("plural_before", "singular_before", "verb_before", "verb_after")}


def _number(data, dotted: str):
    value = data
    for key in dotted.split("."):
        value = value.get(key) if isinstance(value, Mapping) else None
    return value


def settings_from(doc: Document) -> Settings:
    """config/translation.yml, validated; SchemaError naming the file, line and field of each problem."""
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, Mapping):
        raise SchemaError([doc.problem(None, f"expected a mapping of settings, found {type(data).__name__}")])
    problems = []
    engine = data.get("engine", "none")
    if engine not in ENGINE_NAMES:
        problems.append(doc.problem("engine", f"expected one of {', '.join(ENGINE_NAMES)}, found {engine!r}"))
    values = {}
    for dotted, minimum in NUMBERS.items():
        value = _number(data, dotted)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < minimum:
            problems.append(doc.problem(dotted, f"expected a number ≥ {minimum:g}, found {value!r}"))
        else:
            values[dotted] = float(value)
    for dotted, (minimum, default) in OPTIONAL_NUMBERS.items():
        value = _number(data, dotted)
        if value is None:
            values[dotted] = default
        elif isinstance(value, bool) or not isinstance(value, (int, float)) or value < minimum:
            problems.append(doc.problem(dotted, f"expected a number ≥ {minimum:g}, found {value!r}"))
        else:
            values[dotted] = value
    engines = data.get("engines") or {}
    for name in ENGINE_NAMES[:-1]:
        section = engines.get(name) if isinstance(engines, Mapping) else None
        if section is None and name in ("llm", "deepl"):
            continue  # optional sections: their engine says what it misses when chosen
        problems += field_problems(doc, section, LLM_FIELDS if name == "llm" else ENGINE_FIELDS, f"engines.{name}")
    grammar = data.get("grammar") or {}
    problems += field_problems(doc, grammar, GRAMMAR_FIELDS, "grammar")
    if problems:
        raise SchemaError(problems)
    return Settings(
        engine=engine, connect=values["timeout.connect"], read=values["timeout.read"],
        deadline=values["timeout.deadline"], retries=int(values["retries"]),
        backoff_initial=values["backoff.initial"], backoff_factor=values["backoff.factor"],
        backoff_max=values["backoff.max"], rate_limit=values["rate_limit"], engines=dict(engines),
        digest=doc.digest, concurrency=int(values["concurrency"]), answer_ratio=float(values["answers.ratio"]),
        answer_extra=int(values["answers.extra"]), answer_bytes=int(values["answers.max_bytes"]),
        grammar=Grammar(**{k: tuple(grammar.get(k) or ()) for k in GRAMMAR_FIELDS}),
    )


def answer_limit(settings: Settings, source: str) -> int:
    """The longest English text accepted for the Vietnamese `source` (longer: a malformed answer)."""
    return int(settings.answer_ratio * len(source)) + settings.answer_extra
