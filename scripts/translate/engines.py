"""MT engines behind one small interface: each engine has its own HTTP session with timeouts, a bound on
the size of every answer (decompressed too), a deadline, retries with back-off and the rate limit.
The engines themselves: deep.py (deep-translator: Libre, Microsoft, MyMemory, Google), llm.py (any
OpenAI-compatible server, through the official openai SDK), deepl_engine.py (the official deepl SDK)."""
from __future__ import annotations

import contextvars
import os
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from scripts.translate.settings import (ENGINE_NAMES, PLACEHOLDER_ENGINES, SETTINGS_FILE, Settings,  # noqa: F401
                                        settings_from)

# Environment variables that hold what must never be committed (keys) or differs per machine.
ENV_LIBRE_KEY = "LIBRETRANSLATE_API_KEY"
ENV_LIBRE_URL = "LIBRETRANSLATE_URL"
ENV_MICROSOFT_KEY = "MICROSOFT_TRANSLATOR_KEY"
ENV_MICROSOFT_REGION = "MICROSOFT_TRANSLATOR_REGION"
ENV_LLM_KEY = "LLM_API_KEY"
ENV_DEEPL_KEY = "DEEPL_AUTH_KEY"
HOW_TO_CHOOSE = (
    "choose an engine with --engine or `engine` in config/translation.yml: llm (recommended: any "
    "OpenAI-compatible server, e.g. --engine-url http://127.0.0.1:11434/v1 --model NAME for a local Ollama; "
    f"key in {ENV_LLM_KEY}), deepl ({ENV_DEEPL_KEY}), libre (--engine-url, {ENV_LIBRE_KEY}), microsoft "
    f"({ENV_MICROSOFT_KEY}), mymemory (no key), google (no key; its free endpoint often refuses since 2026), "
    "or none (memory only)")


class EngineError(RuntimeError):
    """An engine could not translate a text (after retries); the message says what happened."""


class AnswerError(ValueError):
    """An engine answered, but not with what was asked (not JSON, wrong ids, too long, not text)."""


class Retryable(Exception):
    """A failure worth another try: 429, 5xx, timeout, connection error, an answer cut off."""


@dataclass
class Tally:
    """Requests made for one page (a contextvar holds the current page's, across threads)."""

    requests: int = 0


CURRENT_TALLY: contextvars.ContextVar[Tally | None] = contextvars.ContextVar("engine_tally", default=None)


def describe_status(status: int) -> str:
    reasons = {400: "bad request", 401: "unauthorised: check the API key", 403: "forbidden: check the API key",
               404: "not found: check the address and the model", 413: "text too long for the server",
               429: "too many requests"}
    return f"HTTP {status} ({reasons.get(status, 'server error' if status >= 500 else 'refused')})"


def redacted(message: str, secrets: tuple[str, ...] = ()) -> str:
    """`message` without API keys (in URLs, error texts, or the given secrets anywhere)."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            message = message.replace(secret, "***")
    message = re.sub(r"(api_key=)[^&\s'\")]+", r"\1***", message)
    return re.sub(r"(api key )\S+", r"\1***", message)


def answer_text(value, secrets: tuple[str, ...] = ()) -> str:
    """An engine's text, checked: a string that encodes as UTF-8 (no lone surrogate), holding no key.
    AnswerError otherwise: the segment stays pending, the run goes on."""
    if not isinstance(value, str) or not value.strip():
        raise AnswerError(f"empty or malformed answer ({type(value).__name__})")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise AnswerError("the answer holds a character that is not text (a lone surrogate)") from None
    if any(secret and len(secret) >= 4 and secret in value for secret in secrets):
        raise AnswerError("the answer contains the engine's key: not used")
    return value


def bounded_body(pieces, settings, started: float) -> bytes:
    """An answer's body from `pieces` (as the HTTP client decompresses it), refused past
    settings.answer_bytes (AnswerError: a gzip bomb stops there) or once settings.deadline has passed
    since `started` (time.monotonic(); Retryable)."""
    chunks, total = [], 0
    for chunk in pieces:
        total += len(chunk)
        if total > settings.answer_bytes:
            raise AnswerError(f"the answer is larger than {settings.answer_bytes} bytes")
        if time.monotonic() - started > settings.deadline:
            raise Retryable(f"no complete answer within {settings.deadline:g} s")
        chunks.append(chunk)
    return b"".join(chunks)


# ─── Chunking ───────────────────────────────────────────────────────────────────────────

_SENTENCE_END = re.compile(r"(?<=[.!?…;:])\s+")


def chunks_of(text: str, limit: int) -> list[str]:
    """`text` cut into pieces of at most `limit` characters, at sentence ends where possible,
    then at spaces; joining the pieces with single spaces gives the text back (spaces aside)."""
    if len(text) <= limit:
        return [text]
    pieces = []
    for sentence in _SENTENCE_END.split(text.strip()):
        pieces += _words_within(sentence, limit) if len(sentence) > limit else [sentence]
    chunks = [pieces[0]]
    for piece in pieces[1:]:
        if len(chunks[-1]) + 1 + len(piece) <= limit:
            chunks[-1] += " " + piece
        else:
            chunks.append(piece)
    return chunks


def _words_within(sentence: str, limit: int) -> list[str]:
    out = [""]
    for word in sentence.split():
        while len(word) > limit:
            out += [word[:limit], ""]
            word = word[limit:]
        if out[-1] and len(out[-1]) + 1 + len(word) > limit:
            out.append(word)
        else:
            out[-1] = f"{out[-1]} {word}".strip()
    return [w for w in out if w]


# ─── The engine ─────────────────────────────────────────────────────────────────────────

class Engine:
    """One MT engine: `translate(text)` → English (placeholder engines), or EngineError. Subclasses
    give `_call(chunk)`; `requests` counts HTTP requests, `model` and `style` are recorded with drafts."""

    batch = False  # True for an engine that takes several segments and the glossary in one request
    own_glossary = False  # True for an engine given the glossary itself (DeepL): terms stay words

    def __init__(self, name: str, settings: Settings, where: str = "", secrets: tuple[str, ...] = (),
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic):
        self.name = name
        self.label = f"{name} ({where})" if where else name
        self.settings = settings
        self.max_chars = int(settings.engines.get(name, {}).get("max_chars") or 2000)
        self.model: str | None = None
        self.style: str | None = None
        self.secrets = tuple(s for s in secrets if s)
        self.requests = 0
        self._sleep, self._clock = sleep, clock
        self._next_slot = 0.0
        self._lock = threading.Lock()

    def count(self, n: int = 1) -> None:
        with self._lock:
            self.requests += n
        tally = CURRENT_TALLY.get()
        if tally is not None:
            tally.requests += n

    def translate(self, text: str) -> str:
        """`text` in English, cut into chunks under the engine's length limit and joined again."""
        return " ".join(self.with_retries(lambda chunk=chunk: self._bounded(chunk))
                        for chunk in chunks_of(text, self.max_chars))

    def with_retries(self, attempt: Callable[[], object]):
        """`attempt()` paced by the rate limit, tried again after a Retryable failure with back-off."""
        wait = self.settings.backoff_initial
        tries = self.settings.retries + 1
        for number in range(1, tries + 1):
            self.pace()
            try:
                return attempt()
            except Retryable as exc:
                if number == tries:
                    raise EngineError(f"{self.label}: {exc}; gave up after {tries} tries") from None
            self._sleep(min(wait, self.settings.backoff_max))
            wait *= self.settings.backoff_factor
        raise AssertionError("unreachable")

    def pace(self) -> None:
        """Wait until the rate limit allows another request (shared by every thread of the run)."""
        with self._lock:
            now = self._clock()
            slot = max(now, self._next_slot)
            self._next_slot = slot + 1.0 / self.settings.rate_limit
        if slot > now:
            self._sleep(slot - now)

    def _bounded(self, chunk: str) -> str:
        """One call of `_call(chunk)` in a worker thread, abandoned at the deadline (the session's
        own reads stop at the deadline too, so the thread ends soon after)."""
        box: dict = {}
        context = contextvars.copy_context()

        def work():
            try:
                box["value"] = self._call(chunk)
            except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
                box["error"] = exc

        worker = threading.Thread(target=lambda: context.run(work), daemon=True, name=f"engine-{self.name}")
        worker.start()
        worker.join(self.settings.deadline + 0.5)
        if worker.is_alive():
            raise Retryable(f"no complete answer within {self.settings.deadline:g} s")
        if "error" in box:
            error = box["error"]
            if isinstance(error, (Retryable, EngineError, AnswerError)):
                raise error
            raise EngineError(f"{self.label}: {type(error).__name__}: {redacted(str(error), self.secrets)[:300]}")
        return box["value"]

    def _call(self, chunk: str) -> str:  # pragma: no cover - every engine defines it
        raise NotImplementedError


# ─── Making an engine from the command line, the environment and the settings ─────────

def make_engine(name: str | None, settings: Settings, url: str | None = None, api_key: str | None = None,
                env: Mapping[str, str] = os.environ, model: str | None = None, project=None,
                **engine_options) -> Engine | None:
    """The engine called `name` (default: the settings' engine), or None for "none".

    Raises EngineError when a key, address or model it needs is missing, saying how to give it."""
    name = name or settings.engine
    if name not in ENGINE_NAMES:
        raise EngineError(f"unknown engine {name!r}: {HOW_TO_CHOOSE}")
    if name == "none":
        return None
    if name not in settings.engines:
        raise EngineError(f"{name}: no `engines.{name}` section in {SETTINGS_FILE}")
    if name == "llm":
        from scripts.translate.llm import make_llm

        return make_llm(settings, url, api_key, env, model, project, **engine_options)
    if name == "deepl":
        from scripts.translate.deepl_engine import make_deepl

        return make_deepl(settings, url, api_key, env, project, **engine_options)
    from scripts.translate.deep import make_deep

    return make_deep(name, settings, url, api_key, env, **engine_options)
