"""What a reader sees around an article: its header facts and the state of its English version."""
from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from scripts.core.content import ARTICLES_DIR, Article, label, parse_date

# translation.status values (COMMON.md contract), in the order the status page counts them.
STATUSES = ("machine-draft", "human", "reviewed", "outdated", "untranslated")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


def is_article(rel: str) -> bool:
    """True for an article page path under docs/<lang>/ ("articles/2024/x.md"), not an index."""
    parts = PurePosixPath(rel).parts
    return len(parts) == 3 and parts[0] == ARTICLES_DIR and parts[2] != "index.md" and rel.endswith(".md")


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


def display_date(date: dt.datetime | None, lang: str) -> str:
    """The day of `date` as readers of `lang` write it: 11/11/2024 or 11 November 2024."""
    if date is None:
        return label(lang, "undated")
    if lang == "vi":
        return f"{date.day:02d}/{date.month:02d}/{date.year}"
    return f"{date.day} {MONTHS_EN[date.month - 1]} {date.year}"


def unmodified_share(meta: dict) -> int | None:
    """translation.unmodified_mt as a whole percentage, None when absent or invalid."""
    value = (meta.get("translation") or {}).get("unmodified_mt") if isinstance(meta.get("translation"), dict) else None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        return None
    return round(value * 100)


def translation_status(en_meta: dict | None) -> str:
    """The English version's status: the front matter's `translation.status`, "reviewed" when a
    contributor set `reviewed: true` on a current translation, "untranslated" without a file."""
    if en_meta is None:
        return "untranslated"
    translation = en_meta.get("translation") if isinstance(en_meta.get("translation"), dict) else {}
    status = translation.get("status")
    if status not in STATUSES:
        status = "machine-draft"
    if translation.get("reviewed") is True and status in ("machine-draft", "human"):
        status = "reviewed"
    return status


def status_banner(status: str, en_meta: dict | None, lang: str) -> dict | None:
    """{kind, text, link_text} of the banner an English page shows, None for reviewed pages' none."""
    if status == "machine-draft":
        share = unmodified_share(en_meta or {})
        text = (label(lang, "status_machine_draft", share=share) if share is not None
                else label(lang, "status_machine_draft_unknown"))
        kind = "warning"
    elif status == "human":
        text, kind = label(lang, "status_human"), "info"
    elif status == "reviewed":
        text, kind = label(lang, "status_reviewed"), "success"
    elif status == "outdated":
        text, kind = label(lang, "status_outdated"), "warning"
    else:
        text, kind = label(lang, "status_untranslated"), "note"
    return {"status": status, "kind": kind, "text": text, "link_text": label(lang, "status_read_original")}


def article_header(vi: Article, lang: str) -> dict:
    """The facts shown above an article, from its Vietnamese front matter (dates, outlet and
    source are only recorded there). Values are raw text: the template escapes them."""
    meta = vi.meta
    date = vi.date
    author = meta.get("author")
    return {
        "date_iso": date.isoformat() if date else None,
        "date_text": display_date(date, lang),
        "outlet": str(meta.get("outlet") or "") or None,
        "author": str(author) if author not in (None, "") else None,
        "source_url": safe_url(meta.get("source_url")),
        "labels": {key: label(lang, key) for key in (
            "meta_published", "meta_outlet", "meta_author", "meta_source", "meta_source_missing")},
    }


def status_name(status: str, lang: str) -> str:
    return label(lang, "status_name_" + status.replace("-", "_"))
