"""The site's content as data: articles of both languages, read from docs/, and UI labels."""
from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from scripts.core import frontmatter
from scripts.core.fsutil import ROOT

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
ARTICLES_DIR = "articles"
UNDATED_DIR = "undated"
LABELS_FILE = ROOT / "config" / "labels.yml"  # interface words of generated pages, both languages


@dataclass(frozen=True)
class Article:
    """One article page: `rel` is its path under docs/<lang>/ (same in both languages)."""

    rel: str
    lang: str
    meta: dict = field(compare=False)
    body: str = field(compare=False, repr=False)

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or Path(self.rel).stem)

    @property
    def date(self) -> dt.datetime | None:
        return parse_date(self.meta.get("date"))


def parse_date(value) -> dt.datetime | None:
    """A front-matter date (ISO 8601 string, date or datetime) as a datetime; None when unknown."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str) and value.strip():
        try:
            return dt.datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def article_paths(docs: Path, lang: str) -> list[Path]:
    """Every article page of one language, excluding generated index pages."""
    base = Path(docs) / lang / ARTICLES_DIR
    return sorted(p for p in base.glob("*/*.md") if p.name != "index.md")


def load_articles(docs: Path, lang: str) -> list[Article]:
    """Articles of one language, newest first (undated last, then by path)."""
    articles = []
    for path in article_paths(docs, lang):
        meta, body = _read_page(path)
        rel = path.relative_to(Path(docs) / lang).as_posix()
        articles.append(Article(rel=rel, lang=lang, meta=meta, body=body))
    return sorted(articles, key=_newest_first)


def read_article(docs: Path, lang: str, rel: str) -> Article:
    """The article page `rel` (under docs/<lang>/), parsed once per process while unchanged."""
    meta, body = _read_page(Path(docs) / lang / rel)
    return Article(rel=rel, lang=lang, meta=meta, body=body)


# path → ((mtime_ns, size, inode), meta, body): each page is parsed once per process while unchanged.
# A build calls load_articles from several generators and hooks in each language's build: without
# it, 1,000 articles cost ~30,000 YAML parses per build.
_PAGES: dict[Path, tuple[tuple[int, int, int], dict, str]] = {}


def _read_page(path: Path) -> tuple[dict, str]:
    """(meta, body) of a page; a fresh copy of the cached meta, so callers may change it."""
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
    cached = _PAGES.get(path)
    if cached is None or cached[0] != stamp:
        meta, body = frontmatter.read(path)
        cached = _PAGES[path] = (stamp, meta, body)
    return copy.deepcopy(cached[1]), cached[2]


def articles_by_folder(articles: list[Article]) -> dict[str, list[Article]]:
    """Articles grouped by their folder under articles/ (a year, or undated), in the given order
    (newest first for load_articles): the year pages of the archive and of the status page."""
    groups: dict[str, list[Article]] = {}
    for article in articles:
        groups.setdefault(Path(article.rel).parent.name, []).append(article)
    return groups


def year_name(folder: str, lang: str) -> str:
    """How a folder of articles/ is named on a page: its year, or "undated" in `lang`."""
    return folder if folder.isdigit() else label(lang, "undated")


# Front matter of a generated page kept out of the search index (a year page that only lists
# other pages: they are indexed themselves).
UNSEARCHED = ["---", "search:", "  exclude: true", "---", ""]


def _newest_first(article: Article):
    date = article.date
    stamp = date.replace(tzinfo=None).timestamp() if date else float("-inf")
    return (-stamp, article.rel)


@lru_cache(maxsize=1)
def _labels() -> dict:
    with open(LABELS_FILE, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def label(lang: str, key: str, **values) -> str:
    """The interface word `key` in `lang`, formatted with `values`."""
    return _labels()[lang][key].format(**values)
