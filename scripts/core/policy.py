"""What the site accepts from each input, in one place: the front-matter keys and types of each kind of
page, the markup allowed in page text (none as raw HTML; links to http(s) or within the site), and
the bounds on files, dates and titles. Stages and the build enforce it; `check` reports it; README
("What the site accepts") says it."""
from __future__ import annotations

import bisect
import datetime as dt
import re

# ─── Files ─────────────────────────────────────────────────────────────────────────────
# A settings, glossary, topic, sidecar or memory file larger than this is refused (the largest real
# one, an article's memory, is ~30 KB).
MAX_DATA_FILE_BYTES = 2_000_000
# An article page, Vietnamese or English (docs/): a long news article is some 50 KB.
MAX_PAGE_BYTES = 2_000_000
# Dates of articles: a year outside this range is a scraping error, refused with the file named.
FIRST_YEAR = 1900
# A title longer than this is not a title (a run-on line taken for one): refused with the file named.
MAX_TITLE_CHARS = 300


def last_year() -> int:
    return dt.date.today().year + 1


def year_problem(value) -> str | None:
    """Why a front-matter or sidecar date is out of range (None when it is a date in range or absent)."""
    year = getattr(value, "year", None)
    if isinstance(value, str) and value.strip():
        try:
            year = dt.datetime.fromisoformat(value.strip()).year
        except ValueError:
            return None  # not a date at all: the schema says so
    if year is not None and not FIRST_YEAR <= year <= last_year():
        return f"the year {year} is outside {FIRST_YEAR}–{last_year()}: a scraping error or a typo"
    return None


# ─── Front matter ──────────────────────────────────────────────────────────────────────
TEXT, OPTIONAL_TEXT, DATE, MAPPING, IDS = "text", "text or null", "a date", "a mapping", "a list of ids"
# Keys each kind of page may carry, and what each must hold. Anything else (MkDocs' `template`,
# Material's `hide`, `icon`, `status`, a redirect's `location`…) is refused by `check` and taken out
# before rendering: front matter is data, never instructions to the theme.
VI_ARTICLE = {
    "title": TEXT, "date": DATE, "author": OPTIONAL_TEXT, "outlet": OPTIONAL_TEXT, "source_url": OPTIONAL_TEXT,
    "source_file": TEXT, "source_sha256": TEXT, "description": OPTIONAL_TEXT, "ingest": MAPPING,
    "topics": IDS, "topics_exclude": IDS, "outlet_en": OPTIONAL_TEXT, "date_source": OPTIONAL_TEXT,
    "source_credit": OPTIONAL_TEXT, "needs_review": MAPPING,
}
EN_ARTICLE = {"title": TEXT, "description": OPTIONAL_TEXT, "translation": MAPPING}
FLAG = "true or false"
# Hand-written and generated pages (home, about, archive, glossary, topics, status; side_by_side:
# the view that loads its script; hide: Material's parts of the page left out, e.g. [toc]).
OTHER_PAGE = {"title": TEXT, "description": OPTIONAL_TEXT, "search": MAPPING, "side_by_side": FLAG, "hide": IDS}
# Keys Material and MkDocs print as HTML or act on: always plain text when present.
PRINTED = ("title", "description", "subtitle")


def allowed_keys(kind: str) -> dict[str, str]:
    """The keys a page of `kind` ("vi-article", "en-article", "page") may carry."""
    return {"vi-article": VI_ARTICLE, "en-article": EN_ARTICLE}.get(kind, OTHER_PAGE)


def _fits(value, expected: str) -> bool:
    if expected == FLAG:
        return isinstance(value, bool)
    if value is None:
        return expected in (OPTIONAL_TEXT, DATE, IDS, MAPPING)
    if expected in (TEXT, OPTIONAL_TEXT):
        return isinstance(value, str)
    if expected == DATE:
        return isinstance(value, (str, dt.date))
    if expected == MAPPING:
        return isinstance(value, dict)
    return isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))


def front_matter_problems(meta: dict, kind: str) -> list[tuple[str, str]]:
    """(field, message) for each key a page of `kind` may not carry or whose value has the wrong type."""
    keys = allowed_keys(kind)
    problems = []
    for key, value in meta.items():
        expected = keys.get(key)
        if expected is None:
            problems.append((str(key), f"not a field of this page (allowed: {', '.join(keys)}); front matter is "
                                       "data, not instructions to the theme"))
        elif not _fits(value, expected):
            problems.append((key, f"expected {expected}, found {type(value).__name__}"))
        elif expected == DATE and (why := year_problem(value)):
            problems.append((key, why))
    return problems


def rendered_meta(meta: dict, kind: str) -> dict:
    """The front matter a page's templates may see: the allowed keys with values of the right type."""
    keys = allowed_keys(kind)
    return {key: value for key, value in meta.items() if key in keys and _fits(value, keys[key])}


# ─── Markup in page text ───────────────────────────────────────────────────────────────
# Page text is Markdown without raw HTML; a link or image leads to http(s), mailto or a page of the
# site. What ingest and translate write always fits (they write text as character references); a
# contributor's edit that does not is reported by `check` and rendered inert by the build.
SAFE_SCHEMES = ("http", "https", "mailto")
_FENCE = re.compile(r"[ \t]{0,3}(`{3,}|~{3,})")
_BACKTICKS = re.compile(r"`+")
_TAG = re.compile(r"<(/?[A-Za-z][A-Za-z0-9-]*|!--|![A-Za-z]|\?)")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^\s<>]*>", re.I)
_TARGET = re.compile(r"\]\(\s*<?\s*([A-Za-z][A-Za-z0-9+.\-]*)\s*:|^[ \t]{0,3}\[[^\]\n]+\]:\s*<?\s*([A-Za-z][A-Za-z0-9+.\-]*)\s*:",
                     re.M)


def without_code(markdown: str) -> str:
    """`markdown` without fenced code blocks and inline code spans (where markup is only text).
    Linear: backtick runs are matched by length with a scan, never by backtracking."""
    kept, fence = [], None
    for line in markdown.split("\n"):  # fenced blocks, line by line
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
        elif fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence) \
                    and not line.strip().strip(fence[0]):
                fence = None
        else:
            kept.append(line)
    text = "\n".join(kept)
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]  # inline code: runs of equal length
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    out, pos, index = [], 0, 0
    while index < len(runs):
        start, end = runs[index]
        same = by_length[end - start]
        after = bisect.bisect_right(same, index)
        if after == len(same):  # no closing run: the backticks are literal
            index += 1
            continue
        close = same[after]
        out.append(text[pos:start])
        pos = runs[close][1]
        index = close + 1
    out.append(text[pos:])
    return "".join(out)


def markup_problems(markdown: str) -> list[str]:
    """What in a page's Markdown goes beyond what page text may hold: raw HTML tags, and links whose
    scheme is not http(s) or mailto. Each as a short description, in page order."""
    text = without_code(markdown)
    found = [f"raw HTML <{m.group(1).lstrip('/')}…>" for m in _TAG.finditer(_AUTOLINK.sub("", text))]
    for match in _TARGET.finditer(text):
        scheme = (match.group(1) or match.group(2)).lower()
        if scheme not in SAFE_SCHEMES:
            found.append(f"a link to {scheme}:")
    return found
