"""The site's articles as data: pages of both languages read from docs/<lang>/articles/."""
from __future__ import annotations

import copy
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from scripts.core import frontmatter
from scripts.core.dates import parse_date
from scripts.core.fsutil import read_own
from scripts.core.labels import Labels
from scripts.core.policy import MAX_PAGE_BYTES

# The site's languages, the source language (served at /) first; mkdocs.yml declares the same.
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
ARTICLES_DIR = "articles"
UNDATED_DIR = "undated"
# Front matter of a generated page kept out of the search index (a year page that only lists
# other pages: they are indexed themselves).
UNSEARCHED = ["---", "search:", "  exclude: true", "---", ""]


@dataclass(frozen=True)
class Article:
    """One article page: `rel` is its path under docs/<lang>/ (the same in both languages);
    `digest` the sha256 of the bytes it was read from."""

    rel: str
    lang: str
    meta: dict = field(compare=False)
    body: str = field(compare=False, repr=False)
    digest: str = field(default="", compare=False, repr=False)

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or Path(self.rel).stem)

    @property
    def date(self) -> dt.datetime | None:
        return parse_date(self.meta.get("date"))


def is_article(rel: str) -> bool:
    """True for an article page path under docs/<lang>/ ("articles/2024/x.md"), not an index."""
    parts = PurePosixPath(rel).parts
    return len(parts) == 3 and parts[0] == ARTICLES_DIR and parts[2] != "index.md" and rel.endswith(".md")


def article_paths(docs: Path, lang: str) -> list[Path]:
    """Every article page of one language under `docs` (the project's docs/), excluding index pages."""
    base = Path(docs) / lang / ARTICLES_DIR
    return sorted(p for p in base.glob("*/*.md") if p.name != "index.md")


def load_articles(docs: Path, lang: str) -> list[Article]:
    """Articles of one language, newest first (undated last, then by path)."""
    articles = [read_path(path, Path(docs) / lang, lang) for path in article_paths(docs, lang)]
    return sorted(articles, key=_newest_first)


def read_article(docs: Path, lang: str, rel: str) -> Article:
    """The article page `rel` (under docs/<lang>/)."""
    return read_path(Path(docs) / lang / rel, Path(docs) / lang, lang)


def read_path(path: Path, base: Path, lang: str) -> Article:
    meta, body, digest = _read_page(path, Path(base).parent)  # base: docs/<lang>; never read from outside docs/
    return Article(rel=path.relative_to(base).as_posix(), lang=lang, meta=meta, body=body, digest=digest)


# path → (sha256 of its bytes, meta, body): a page is parsed again only when its bytes changed. A
# build calls load_articles from several generators and hooks in each language's build: without
# it, 1,000 articles cost ~30,000 YAML parses per build.
_PAGES: dict[Path, tuple[str, dict, str]] = {}


def _read_page(path: Path, root: Path) -> tuple[dict, str, str]:
    """(meta, body, digest) of a page; a fresh copy of the cached meta, so callers may change it."""
    raw = read_own(path, MAX_PAGE_BYTES, root=root)  # not a link out of the repository, a pipe or a device
    digest = hashlib.sha256(raw).hexdigest()
    cached = _PAGES.get(path)
    if cached is None or cached[0] != digest:
        meta, body = frontmatter.split(raw.decode("utf-8"), str(path))
        cached = _PAGES[path] = (digest, meta, body)
    return copy.deepcopy(cached[1]), cached[2], digest


def articles_by_folder(articles: list[Article]) -> dict[str, list[Article]]:
    """Articles grouped by their folder under articles/ (a year, or undated), in the given order
    (newest first for load_articles): the year pages of the archive and of the status page."""
    groups: dict[str, list[Article]] = {}
    for article in articles:
        groups.setdefault(Path(article.rel).parent.name, []).append(article)
    return groups


def year_name(folder: str, lang: str, labels: Labels) -> str:
    """How a folder of articles/ is named on a page: its year, or "undated" in `lang`."""
    return folder if folder.isdigit() else labels(lang, "undated")


def _newest_first(article: Article):
    """Newest first by the date and time as printed (its offset aside), undated last, then by path.
    No timestamp: a date far in the past (a scraping error) must not stop a whole build."""
    date = article.date
    if date is None:
        return (1, 0, 0, article.rel)
    seconds = date.toordinal() * 86400 + date.hour * 3600 + date.minute * 60 + date.second
    return (0, -seconds, -date.microsecond, article.rel)
