"""deep-translator's Libre, Microsoft, MyMemory and Google classes, each sending its requests through its
engine's own HTTP session: timeouts, `Accept-Encoding: identity`, a bound on every answer's size (also
after decompression), the deadline, the server address overridable (a stand-in on 127.0.0.1), and the
LibreTranslate key in the request body, never in a URL. Only deep-translator's own reference to
`requests` is routed; outside an engine call it is the real module, and nothing else is touched."""
from __future__ import annotations

import contextvars
import re
import time
from collections.abc import Mapping

import requests

from scripts.translate.engines import (ENV_LIBRE_KEY, ENV_LIBRE_URL, ENV_MICROSOFT_KEY, ENV_MICROSOFT_REGION,
                                       SETTINGS_FILE, AnswerError, Engine, EngineError, Retryable, answer_text,
                                       bounded_body, describe_status, redacted)
from scripts.translate.settings import Settings

# The address each deep-translator class has built in, replaced by the configured server's.
BUILT_IN = {
    "libre": None,  # deep-translator takes Libre's address itself
    "microsoft": "https://api.cognitive.microsofttranslator.com",
    "mymemory": "http://api.mymemory.translated.net",
    "google": "https://translate.google.com",
}
_MODULES = ("libre", "microsoft", "mymemory", "google")
_SESSION: contextvars.ContextVar[BoundedSession | None] = contextvars.ContextVar("engine_session", default=None)


class AnswerTooLarge(Exception):
    """The server sent more bytes than an answer may hold."""


class BoundedSession:
    """One engine's HTTP session: what deep-translator's requests.get/post become during its calls."""

    def __init__(self, engine: DeepEngine, base: str | None):
        self.engine = engine
        self.session = requests.Session()
        self.session.headers["Accept-Encoding"] = "identity"
        self.base = base.rstrip("/") if base else None
        self.statuses: list[int] = []
        self.failure: Exception | None = None
        self.started = 0.0

    def get(self, url, params=None, **kwargs):
        return self.request("GET", url, params=params, **kwargs)

    def post(self, url, params=None, data=None, json=None, **kwargs):
        if self.engine.name == "libre" and params:  # the key and text in the body: never in a URL (F24)
            data, params = {**params, **(data or {})}, None
        return self.request("POST", url, params=params, data=data, json=json, **kwargs)

    def request(self, method: str, url: str, **kwargs):
        built_in = BUILT_IN.get(self.engine.name)
        if self.base and built_in and url.startswith(built_in):
            url = self.base + url[len(built_in):]
        kwargs.pop("proxies", None)
        settings = self.engine.settings
        self.engine.count()
        try:
            response = self.session.request(method, url, timeout=(settings.connect, settings.read), stream=True,
                                             **kwargs)
            self.statuses.append(response.status_code)
            self._read(response, settings)
        except (requests.RequestException, AnswerTooLarge, TimeoutError) as exc:
            self.failure = exc
            raise
        return response

    def _read(self, response, settings: Settings) -> None:
        """The body, read in pieces up to the answer bound and the deadline (a gzip bomb stops at the bound)."""
        try:  # as the exceptions the caller classifies once deep-translator has let them through
            response._content = bounded_body(response.iter_content(16384), settings, self.started)
        except AnswerError as exc:
            raise AnswerTooLarge(str(exc)) from None
        except Retryable as exc:
            raise TimeoutError(str(exc)) from None
        finally:
            response.close()
        response._content_consumed = True


class _Router:
    """Stands for `requests` inside deep-translator's modules: an engine call's session, else requests."""

    def __getattr__(self, name):
        session = _SESSION.get()
        if session is not None and name in ("get", "post"):
            return getattr(session, name)
        return getattr(requests, name)


def _route_deep_translator() -> None:
    import importlib

    for name in _MODULES:
        module = importlib.import_module(f"deep_translator.{name}")
        if not isinstance(module.requests, _Router):
            module.requests = _Router()


class DeepEngine(Engine):
    """A deep-translator class behind our session: one chunk per call."""

    def __init__(self, name: str, factory, settings: Settings, base: str | None = None, **options):
        super().__init__(name, settings, **options)
        self._factory = factory
        self._base = base
        self._translator = None
        _route_deep_translator()

    def _call(self, chunk: str) -> str:
        session = BoundedSession(self, self._base)
        session.started = time.monotonic()
        token = _SESSION.set(session)
        try:
            if self._translator is None:
                self._translator = self._factory()
            value = self._translator.translate(chunk)
        except Exception as exc:  # noqa: BLE001 - classified by what the session saw
            raise self._classified(exc, session) from None
        finally:
            _SESSION.reset(token)
        return answer_text(value, self.secrets)

    def _classified(self, error: BaseException, session: BoundedSession) -> Exception:
        failure = session.failure or error
        if isinstance(failure, AnswerTooLarge):
            return AnswerError(str(failure))
        if isinstance(failure, (requests.Timeout, TimeoutError)):
            return Retryable(f"timed out (connect {self.settings.connect:g} s, read {self.settings.read:g} s, "
                             f"deadline {self.settings.deadline:g} s)")
        if isinstance(failure, requests.ConnectionError):
            reason = re.search(r"\[Errno -?\d+\][^'\")]*", str(failure))
            return Retryable(f"cannot connect: {reason.group(0) if reason else type(failure).__name__}")
        status = session.statuses[-1] if session.statuses else None
        if status == 429 or (status and status >= 500):
            return Retryable(describe_status(status))
        if status and status >= 300:
            return EngineError(f"{self.label}: {describe_status(status)}")
        return EngineError(f"{self.label}: {type(error).__name__}: {redacted(str(error), self.secrets)[:300]}")


def make_deep(name: str, settings: Settings, url: str | None, api_key: str | None, env: Mapping[str, str],
              **options) -> DeepEngine:
    """A deep-translator engine; EngineError when a key or address it needs is missing."""
    codes = settings.engines[name]
    source, target = codes["source"], codes["target"]
    if name == "google":
        from deep_translator import GoogleTranslator
        return DeepEngine(name, lambda: GoogleTranslator(source=source, target=target), settings,
                          base=url or codes.get("url"), **options)
    if name == "mymemory":
        from deep_translator import MyMemoryTranslator
        return DeepEngine(name, lambda: MyMemoryTranslator(source=source, target=target), settings,
                          base=url or codes.get("url"), **options)
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
        return DeepEngine(name, lambda: LibreTranslator(source=source, target=target, api_key=key, custom_url=address),
                          settings, where=address, secrets=(key,), **options)
    from deep_translator import MicrosoftTranslator
    key = api_key or env.get(ENV_MICROSOFT_KEY)
    region = env.get(ENV_MICROSOFT_REGION)
    if not key:
        raise EngineError(f"microsoft needs a key: --api-key or {ENV_MICROSOFT_KEY} (and {ENV_MICROSOFT_REGION})")
    base = url or codes.get("url")
    return DeepEngine(name, lambda: MicrosoftTranslator(source=source, target=target, api_key=key, region=region),
                      settings, base=base, where=base or "", secrets=(key,), **options)
