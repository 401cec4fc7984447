"""MT engines behind one small interface: deep-translator plus timeouts, retries, rate limit, chunking."""
from __future__ import annotations

import contextvars
import os
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import requests
from scripts.core.schema import Document, Field, SchemaError, field_problems

SETTINGS_FILE = "config/translation.yml"
ENGINE_NAMES = ("google", "libre", "mymemory", "microsoft", "none")
# Environment variables that hold what must never be committed (keys) or differs per machine.
ENV_LIBRE_KEY = "LIBRETRANSLATE_API_KEY"
ENV_LIBRE_URL = "LIBRETRANSLATE_URL"
ENV_MICROSOFT_KEY = "MICROSOFT_TRANSLATOR_KEY"
ENV_MICROSOFT_REGION = "MICROSOFT_TRANSLATOR_REGION"


class EngineError(RuntimeError):
    """An engine could not translate a text (after retries); the message says what happened."""


# ─── Settings ──────────────────────────────────────────────────────────────────────────

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
    engines: dict = field(default_factory=dict)  # name → {source, target, max_chars, url?}
    digest: str = field(default="", compare=False)  # of the file the settings were read from


NUMBERS = {  # dotted field: minimum
    "timeout.connect": 0.01, "timeout.read": 0.01, "timeout.deadline": 0.01, "retries": 0.0,
    "backoff.initial": 0.0, "backoff.factor": 1.0, "backoff.max": 0.0, "rate_limit": 0.001,
}
ENGINE_FIELDS = {
    "source": Field(str, "the engine's code of the source language", required=True),
    "target": Field(str, "the engine's code of the target language", required=True),
    "max_chars": Field(int, "a whole number of characters", required=True, minimum=20),
    "url": Field(str, "the server's address"),
}


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
        value = data
        for key in dotted.split("."):
            value = value.get(key) if isinstance(value, Mapping) else None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < minimum:
            problems.append(doc.problem(dotted, f"expected a number ≥ {minimum:g}, found {value!r}"))
        else:
            values[dotted] = float(value)
    engines = data.get("engines") or {}
    for name in ENGINE_NAMES[:-1]:
        problems += field_problems(doc, engines.get(name) if isinstance(engines, Mapping) else None,
                                   ENGINE_FIELDS, f"engines.{name}")
    if problems:
        raise SchemaError(problems)
    return Settings(
        engine=engine, connect=values["timeout.connect"], read=values["timeout.read"],
        deadline=values["timeout.deadline"], retries=int(values["retries"]),
        backoff_initial=values["backoff.initial"], backoff_factor=values["backoff.factor"],
        backoff_max=values["backoff.max"], rate_limit=values["rate_limit"], engines=dict(engines),
        digest=doc.digest,
    )


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


# ─── Bounding deep-translator's HTTP calls ────────────────────────────────────────────

@dataclass
class _Recorder:
    """What one call through deep-translator did: requests sent, statuses seen."""

    timeout: tuple[float, float]
    count: int = 0
    statuses: list[int] = field(default_factory=list)


_RECORDER: contextvars.ContextVar[_Recorder | None] = contextvars.ContextVar("engine_recorder", default=None)
_PATCH_LOCK = threading.Lock()
_original_request: Callable | None = None


def _instrument_requests() -> None:
    """Make every requests.Session.request made inside an engine call use our timeout and be counted.

    deep-translator calls requests.get/post without a timeout; outside an engine call nothing changes."""
    global _original_request
    with _PATCH_LOCK:
        if _original_request is not None:
            return
        original = _original_request = requests.Session.request

        def request(session, *args, **kwargs):
            recorder = _RECORDER.get()
            if recorder is None:
                return original(session, *args, **kwargs)
            kwargs["timeout"] = kwargs.get("timeout") or recorder.timeout
            recorder.count += 1
            response = original(session, *args, **kwargs)
            recorder.statuses.append(response.status_code)
            return response

        requests.Session.request = request


class _Retryable(Exception):
    """A failure worth another try: 429, 5xx, timeout, connection error."""


def _describe(status: int) -> str:
    reasons = {400: "bad request", 401: "unauthorised: check the API key", 403: "forbidden: check the API key",
               413: "text too long for the server", 429: "too many requests"}
    return f"HTTP {status} ({reasons.get(status, 'server error' if status >= 500 else 'refused')})"


def _redacted(message: str) -> str:
    """`message` without API keys (deep-translator puts them in URLs and some error texts)."""
    message = re.sub(r"(api_key=)[^&\s'\")]+", r"\1***", message)
    return re.sub(r"(api key )\S+", r"\1***", message)


# ─── The engine ─────────────────────────────────────────────────────────────────────────

class Engine:
    """One MT engine: translate(text) → English, or EngineError. `requests` counts HTTP requests."""

    def __init__(self, name: str, factory: Callable[[], object], settings: Settings, where: str = "",
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic):
        self.name = name
        self.label = f"{name} ({where})" if where else name
        self.settings = settings
        self.max_chars = int(settings.engines[name]["max_chars"])
        self.requests = 0
        self._factory = factory
        self._translator = None
        self._sleep, self._clock = sleep, clock
        self._next_slot = 0.0
        _instrument_requests()

    def translate(self, text: str) -> str:
        """`text` in English, cut into chunks under the engine's length limit and joined again."""
        return " ".join(self._translate_chunk(chunk) for chunk in chunks_of(text, self.max_chars))

    def _translate_chunk(self, chunk: str) -> str:
        wait = self.settings.backoff_initial
        tries = self.settings.retries + 1
        for attempt in range(1, tries + 1):
            self._pace()
            try:
                return self._attempt(chunk)
            except _Retryable as exc:
                if attempt == tries:
                    raise EngineError(f"{self.label}: {exc}; gave up after {tries} tries") from None
            self._sleep(min(wait, self.settings.backoff_max))
            wait *= self.settings.backoff_factor
        raise AssertionError("unreachable")

    def _pace(self) -> None:
        """Wait until the rate limit allows another request."""
        now = self._clock()
        if now < self._next_slot:
            self._sleep(self._next_slot - now)
            now = self._next_slot
        self._next_slot = now + 1.0 / self.settings.rate_limit

    def _attempt(self, chunk: str) -> str:
        recorder = _Recorder(timeout=(self.settings.connect, self.settings.read))
        context = contextvars.copy_context()
        context.run(_RECORDER.set, recorder)
        box: dict = {}

        def work():
            try:
                if self._translator is None:
                    self._translator = self._factory()
                box["value"] = self._translator.translate(chunk)
            except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
                box["error"] = exc

        worker = threading.Thread(target=lambda: context.run(work), daemon=True, name=f"engine-{self.name}")
        worker.start()
        worker.join(self.settings.deadline)
        self.requests += recorder.count
        if worker.is_alive():
            raise _Retryable(f"no complete answer within {self.settings.deadline:g} s")
        if "error" in box:
            raise self._classified(box["error"], recorder) from None
        value = box.get("value")
        if not isinstance(value, str) or not value.strip():
            raise EngineError(f"{self.label}: empty or malformed answer ({type(value).__name__})")
        return value

    def _classified(self, error: BaseException, recorder: _Recorder) -> Exception:
        if isinstance(error, requests.Timeout):
            return _Retryable(f"timed out (connect {self.settings.connect:g} s, read {self.settings.read:g} s)")
        if isinstance(error, requests.ConnectionError):
            reason = re.search(r"\[Errno -?\d+\][^'\")]*", str(error))
            return _Retryable(f"cannot connect: {reason.group(0) if reason else type(error).__name__}")
        status = recorder.statuses[-1] if recorder.statuses else None
        if status == 429 or (status and status >= 500):
            return _Retryable(_describe(status))
        if status and status >= 300:
            return EngineError(f"{self.label}: {_describe(status)}")
        return EngineError(f"{self.label}: {type(error).__name__}: {_redacted(str(error))[:300]}")


# ─── Making an engine from the command line, the environment and the settings ─────────

def make_engine(name: str | None, settings: Settings, url: str | None = None, api_key: str | None = None,
                env: Mapping[str, str] = os.environ, **engine_options) -> Engine | None:
    """The engine called `name` (default: the settings' engine), or None for "none".

    Raises EngineError when a key or address it needs is missing."""
    name = name or settings.engine
    if name not in ENGINE_NAMES:
        raise EngineError(f"unknown engine {name!r}: expected one of {', '.join(ENGINE_NAMES)}")
    if name == "none":
        return None
    codes = settings.engines[name]
    source, target = codes["source"], codes["target"]
    if name == "google":
        from deep_translator import GoogleTranslator
        return Engine(name, lambda: GoogleTranslator(source=source, target=target), settings, **engine_options)
    if name == "mymemory":
        from deep_translator import MyMemoryTranslator
        return Engine(name, lambda: MyMemoryTranslator(source=source, target=target), settings, **engine_options)
    if name == "libre":
        from deep_translator import LibreTranslator
        address = url or env.get(ENV_LIBRE_URL) or codes.get("url")
        key = api_key or env.get(ENV_LIBRE_KEY)
        if not address:
            raise EngineError(f"libre needs a server address: --engine-url, {ENV_LIBRE_URL} or engines.libre.url "
                              f"in {SETTINGS_FILE}")
        if not key:
            raise EngineError(f"libre needs an API key: --api-key or {ENV_LIBRE_KEY} (a server run without "
                              "keys ignores it: any value, e.g. 'none', will do)")
        address = address if address.endswith("/") else address + "/"
        return Engine(name, lambda: LibreTranslator(source=source, target=target, api_key=key,
                                                    custom_url=address), settings, where=address, **engine_options)
    from deep_translator import MicrosoftTranslator
    key = api_key or env.get(ENV_MICROSOFT_KEY)
    region = env.get(ENV_MICROSOFT_REGION)
    if not key:
        raise EngineError(f"microsoft needs a key: --api-key or {ENV_MICROSOFT_KEY} (and {ENV_MICROSOFT_REGION})")
    return Engine(name, lambda: MicrosoftTranslator(source=source, target=target, api_key=key, region=region),
                  settings, **engine_options)
