"""Downloading an article's page (`python -m scripts ingest URL`): HTTP and HTTPS only, a timeout, a size
limit, few redirects, HTML only, a browser's user agent (config/cleaning.yml `download:`)."""
from __future__ import annotations

import datetime as dt
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.client import HTTPException
from urllib.parse import urlsplit

from scripts.core.schema import Document, Field, SchemaError, field_problems
from scripts.core.urls import safe_url

HTML_TYPES = ("text/html", "application/xhtml+xml")
FIELDS = {
    "user_agent": Field(str, "the User-Agent header to send", required=True),
    "timeout_s": Field(float, "a number of seconds", required=True, minimum=0.1),
    "max_bytes": Field(int, "a whole number of bytes", required=True, minimum=1),
    "max_redirects": Field(int, "a whole number", required=True, minimum=0),
}


@dataclass(frozen=True)
class DownloadSettings:
    user_agent: str
    timeout_s: float
    max_bytes: int
    max_redirects: int
    digest: str = field(default="", compare=False)


def download_settings_from(doc: Document) -> DownloadSettings:
    """The `download:` settings of config/cleaning.yml; SchemaError naming the file, line and field."""
    data = doc.data.get("download") if isinstance(doc.data, dict) else None
    problems = field_problems(doc, data, FIELDS, "download")
    if problems:
        raise SchemaError(problems)
    return DownloadSettings(data["user_agent"].strip(), float(data["timeout_s"]), int(data["max_bytes"]),
                            int(data["max_redirects"]), doc.digest)


class DownloadError(ValueError):
    """A page could not be downloaded; the message says why in a few words."""


@dataclass(frozen=True)
class Download:
    """A downloaded page: the address asked for, the address it came from (after redirects), its
    bytes and when it was fetched (ISO 8601, UTC)."""

    requested: str
    url: str
    data: bytes
    fetched: str


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most `limit` redirects, and only to http:// or https:// addresses."""

    def __init__(self, limit: int):
        super().__init__()
        self.max_redirections = limit

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if safe_url(newurl) is None:
            raise DownloadError(f"redirected to {newurl!r}, which is not an http:// or https:// address")
        if self.max_redirections == 0:
            raise DownloadError(f"redirected (HTTP {code}), and redirects are not followed")
        return super().redirect_request(req, fp, code, msg, headers, newurl)

    def http_error_302(self, req, fp, code, msg, headers):
        try:
            return super().http_error_302(req, fp, code, msg, headers)
        except urllib.error.HTTPError as exc:
            if "redirect" in str(exc.msg).lower():
                raise DownloadError(f"more than {self.max_redirections} redirects") from None
            raise

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def is_url(text: str) -> bool:
    """Whether a command-line argument is an address rather than a file (it has a scheme)."""
    return "://" in text and urlsplit(text).scheme.isalpha()


def download(url: str, settings: DownloadSettings) -> Download:
    """The page at `url`; DownloadError with the reason when it is not an HTTP(S) address, does not
    answer in time, answers with an error, redirects too often, is not HTML or is too large."""
    if safe_url(url) is None:
        raise DownloadError("not an http:// or https:// address")
    opener = urllib.request.build_opener(_Redirects(settings.max_redirects))
    request = urllib.request.Request(url, headers={
        "User-Agent": settings.user_agent, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
        "Accept-Language": "vi,en;q=0.5", "Accept-Encoding": "identity"})
    try:
        with opener.open(request, timeout=settings.timeout_s) as answer:
            kind = answer.headers.get_content_type()
            if kind not in HTML_TYPES:
                raise DownloadError(f"not an HTML page (Content-Type: {answer.headers.get('Content-Type') or 'none'})")
            length = answer.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > settings.max_bytes:
                raise DownloadError(f"too large: {int(length):,} bytes, the limit is {settings.max_bytes:,}")
            data = answer.read(settings.max_bytes + 1)
            if len(data) > settings.max_bytes:
                raise DownloadError(f"too large: more than {settings.max_bytes:,} bytes")
            final = answer.geturl()
    except urllib.error.HTTPError as exc:
        raise DownloadError(f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise DownloadError(f"no answer within {settings.timeout_s:g} s") from None
        raise DownloadError(f"cannot connect: {getattr(reason, 'strerror', None) or reason}") from None
    except (TimeoutError, socket.timeout):
        raise DownloadError(f"no answer within {settings.timeout_s:g} s") from None
    except (HTTPException, OSError) as exc:
        raise DownloadError(f"the connection failed: {exc}") from None
    fetched = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    return Download(requested=url, url=safe_url(final) or url, data=data, fetched=fetched)


def sidecar_text(got: Download) -> str:
    """The sidecar written beside a downloaded page: where and when it was downloaded."""
    lines = ["# Written by `python -m scripts ingest URL` when it downloaded the page beside this file.",
             "# Add what the page does not say (date, author, outlet, title) below; values here win over",
             "# what ingest extracts."]
    if got.url != got.requested:
        lines.append(f"# Requested as {got.requested}, redirected to the address below.")
    quoted = got.url.replace("'", "''")
    lines += [f"source_url: '{quoted}'", f"fetched: '{got.fetched}'"]
    return "\n".join(lines) + "\n"
