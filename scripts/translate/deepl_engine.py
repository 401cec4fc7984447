"""DeepL through its official SDK (key `DEEPL_AUTH_KEY` in the Authorization header; `--engine-url` or
engines.deepl.url points it at another server, e.g. a stand-in). The glossary goes to DeepL as a DeepL
glossary with Vietnamese as its source, named after a digest of its entries: the same glossary is
reused, a changed one replaces it. Terms then reach DeepL as words (its glossary renders them) while
links, code, URLs and numbers still travel as placeholders, and every draft passes the same check."""
from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping

import requests
from requests.adapters import HTTPAdapter

from scripts.translate.engines import (ENV_DEEPL_KEY, AnswerError, Engine, EngineError, Retryable, answer_text,
                                       bounded_body, describe_status)
from scripts.translate.settings import Settings

GLOSSARY_PREFIX = "vn-migration-docs-"


class BoundedAdapter(HTTPAdapter):
    """The SDK session's transport: our timeouts, and every answer read in pieces up to the bound."""

    def __init__(self, settings: Settings):
        super().__init__()
        self.settings = settings

    def send(self, request, stream=False, timeout=None, **kwargs):
        response = super().send(request, stream=True, timeout=(self.settings.connect, self.settings.read), **kwargs)
        try:
            response._content = bounded_body(response.iter_content(16384), self.settings, time.monotonic())
        finally:
            response.close()
        response._content_consumed = True
        return response


def glossary_entries(terms) -> dict[str, str]:
    """Every Vietnamese form of the glossary with its English (articles left to DeepL)."""
    from scripts.glossary.terms import strip_article

    entries: dict[str, str] = {}
    for term in terms:
        for form in term.form_list or [term.main_form()]:
            entries.setdefault(form.vi, strip_article(form.en))
    return entries


class DeepL(Engine):
    """DeepL's /v2/translate with the project's glossary."""

    own_glossary = True  # terms are left in the text for DeepL's glossary, not replaced by placeholders

    def __init__(self, settings: Settings, key: str, server_url: str | None, **options):
        super().__init__("deepl", settings, where=server_url or "", secrets=(key,), **options)
        import deepl

        deepl.http_client.max_network_retries = 0  # ours are paced and counted (with_retries)
        codes = settings.engines["deepl"]
        self.source, self.target = codes["source"], codes["target"]
        self._deepl = deepl
        self.client = deepl.Translator(key, server_url=server_url, send_platform_info=False,
                                       skip_language_check=True)
        session = self.client._client._session  # the SDK's own session: bounded transport, plain answers
        session.mount("http://", BoundedAdapter(settings))
        session.mount("https://", BoundedAdapter(settings))
        session.headers["Accept-Encoding"] = "identity"
        self.glossary_id: str | None = None
        self.terms: list = []

    def sync_glossary(self, terms) -> str | None:
        """The id of a DeepL glossary holding `terms`: an existing one with the same entries, or a new one
        (older ones of this project are deleted)."""
        entries = glossary_entries(terms)
        if not entries:
            return None
        digest = hashlib.sha256(repr(sorted(entries.items())).encode("utf-8")).hexdigest()[:16]
        name = GLOSSARY_PREFIX + digest

        def sync():
            self.count()
            mine = [g for g in self.client.list_glossaries() if g.name.startswith(GLOSSARY_PREFIX)]
            current = next((g for g in mine if g.name == name and g.ready), None)
            for old in mine:
                if old is not current:
                    self.count()
                    self.client.delete_glossary(old)
            if current is None:
                self.count()
                current = self.client.create_glossary(name, self.source, self.target.split("-")[0], entries)
            return current.glossary_id

        self.glossary_id = self.with_retries(lambda: self._guarded(sync))
        return self.glossary_id

    def _guarded(self, work):
        try:
            return work()
        except self._deepl.TooManyRequestsException:
            raise Retryable(describe_status(429)) from None
        except self._deepl.AuthorizationException:
            raise EngineError(f"{self.label}: {describe_status(403)}") from None
        except self._deepl.ConnectionException as exc:
            cause = _bound_in(exc)  # the SDK wraps what our transport raised
            if cause is not None:
                raise cause from None
            raise Retryable(f"cannot connect: {str(exc)[:120]}") from None
        except self._deepl.DeepLException as exc:
            status = getattr(exc, "http_status_code", None)
            if status and (status == 429 or status >= 500):
                raise Retryable(describe_status(status)) from None
            raise EngineError(f"{self.label}: {type(exc).__name__}: {str(exc)[:200]}") from None
        except requests.RequestException as exc:
            raise Retryable(f"cannot connect: {type(exc).__name__}") from None

    def _call(self, chunk: str) -> str:
        self.count()
        result = self._guarded(lambda: self.client.translate_text(
            chunk, source_lang=self.source, target_lang=self.target, glossary=self.glossary_id,
            preserve_formatting=True))
        return answer_text(getattr(result, "text", None), self.secrets)


def _bound_in(error: BaseException) -> Exception | None:
    """The AnswerError or Retryable of BoundedAdapter somewhere in `error`'s chain of causes."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, (AnswerError, Retryable)):
            return error
        error, seen = error.__cause__ or error.__context__, seen + 1
    return None


def make_deepl(settings: Settings, url: str | None, api_key: str | None, env: Mapping[str, str], project,
               **options) -> DeepL:
    """The DeepL engine; EngineError when its key is missing."""
    key = api_key or env.get(ENV_DEEPL_KEY)
    if not key:
        raise EngineError(f"deepl needs a key: {ENV_DEEPL_KEY} in the environment (or --api-key)")
    return DeepL(settings, key, url or settings.engines["deepl"].get("url"), **options)
