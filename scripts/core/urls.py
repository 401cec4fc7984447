"""Links taken from outside (sources, sidecars, front matter): absolute http(s) addresses only."""
from __future__ import annotations

from urllib.parse import urlsplit


def safe_url(value) -> str | None:
    """`value` when it is an absolute http(s) URL with a host, else None (no javascript: links)."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c in url for c in '\n\r\t "<>'):
        return None
    return url
