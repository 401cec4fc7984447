"""ASCII slugs for page paths and heading anchors (`đ` → `d`), always safe and bounded."""
from __future__ import annotations

import hashlib
import re

from slugify import slugify

MAX_LENGTH = 80
# Names that are unsafe as a path segment on some file system or that MkDocs reserves.
_RESERVED = {"con", "prn", "aux", "nul", "index", "search", "assets", "404", "sitemap", "en", "vi"}
_RESERVED |= {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}


def page_slug(title: str, max_length: int = MAX_LENGTH) -> str:
    """Slug for an article file name: lower-case ASCII words joined by '-', never empty,
    never a reserved name, at most `max_length` characters, never a path."""
    slug = slugify(title or "", max_length=max_length, word_boundary=True, save_order=True)
    if not slug or slug in _RESERVED or not re.search(r"[a-z]", slug):
        digest = hashlib.sha256((title or "").encode("utf-8")).hexdigest()[:10]
        slug = f"{slug}-bai-{digest}" if slug else f"bai-{digest}"
    return slug


def heading_slug(value: str, separator: str = "-") -> str:
    """Heading anchor for Python-Markdown's toc (`slugify` option): "Đường dây" → "duong-day"."""
    return slugify(value, separator=separator) or "section"
