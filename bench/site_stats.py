"""What the benchmark measures in a built site/, and the stock MkDocs configuration it compares with."""
from __future__ import annotations

import gzip
import json
import re
import statistics
from pathlib import Path

import yaml

# An article page in the built site: [en/]articles/<year or undated>/<slug>/index.html
_ARTICLE_PAGE = re.compile(r"^(?:en/)?articles/(?:\d{4}|undated)/[^/]+/index\.html$")
SEARCH_INDEX = Path("search") / "search_index.json"
TITLES_INDEX = Path("search") / "search_titles.json"
# gzip level of a typical static host (nginx gzip_comp_level 6, Apache mod_deflate 6).
GZIP_LEVEL = 6


def tree_bytes(folder: Path) -> int:
    """Total size of every file under `folder`."""
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())


def html_pages(site: Path) -> dict[str, int]:
    """Every HTML page of a built site: path relative to site/ → size in bytes."""
    site = Path(site)
    return {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}


def section_of(location: str) -> str:
    """What part of the site a page or index entry belongs to: article, archive, glossary, ..."""
    path = location.split("#", 1)[0]
    path = path[3:] if path.startswith("en/") else path
    first = path.split("/", 1)[0]
    if first == "articles":
        return "article" if _ARTICLE_PAGE.match(path.rstrip("/") + "/index.html") else "archive"
    return first.removesuffix(".html") or "home"


def search_indexes(site: Path, name: Path = SEARCH_INDEX) -> dict[str, bytes]:
    """Every search index of a built site (one per language): URL prefix ("" or "en/") → bytes."""
    site = Path(site)
    found = {}
    for path in sorted(site.rglob(name.as_posix())):
        folder = path.parent.parent
        found["" if folder == site else folder.relative_to(site).as_posix() + "/"] = path.read_bytes()
    return found


def index_breakdown(indexes: dict[str, bytes]) -> dict[str, int]:
    """Bytes of the search indexes taken by the entries of each part of the site, largest first."""
    import collections

    sizes: collections.Counter = collections.Counter()
    for raw in indexes.values():
        for entry in json.loads(raw).get("docs", []) if raw else []:
            sizes[section_of(entry.get("location", ""))] += len(json.dumps(entry, ensure_ascii=False).encode())
    return dict(sizes.most_common())


def largest_pages(pages: dict[str, int], count: int = 5) -> list[list]:
    """The `count` largest pages: [path, KB]."""
    return [[rel, round(size / 1e3, 1)] for rel, size in sorted(pages.items(), key=lambda i: -i[1])[:count]]


def gzip_ratio(text: str, ascii_only: bool) -> float:
    """Raw / gzipped size of `text` written as a JSON string, as the search index writes it."""
    raw = json.dumps(text, ensure_ascii=ascii_only).encode("utf-8")
    return len(raw) / len(gzip.compress(raw, compresslevel=GZIP_LEVEL))


def site_stats(site: Path, articles: int, reference_text: str = "") -> dict:
    """Sizes that the targets speak of: pages, article pages, the largest page, the search index.

    `articles` is the number of articles per language, the divisor of the per-article figures.
    The synthetic corpus repeats a few hundred seed sentences, so its index compresses far better
    than real news would; the projected figure divides the raw index by the gzip ratio of
    `reference_text` (real prose, encoded as the index is), which errs on the large side.
    """
    pages = html_pages(site)
    article_sizes = [size for rel, size in pages.items() if _ARTICLE_PAGE.match(rel)]
    largest = max(pages.items(), key=lambda item: item[1]) if pages else ("", 0)
    indexes = search_indexes(site)
    titles = search_indexes(site, TITLES_INDEX)
    # What a reader's browser downloads for a language: its whole index and the titles-only index
    # the page reads first.
    files = {prefix: [data] + ([titles[prefix]] if prefix in titles else []) for prefix, data in indexes.items()}
    raw = b"".join(b"".join(parts) for parts in files.values())
    packed = sum(len(gzip.compress(d, compresslevel=GZIP_LEVEL)) for parts in files.values() for d in parts)
    ratio = gzip_ratio(reference_text, raw.isascii()) if reference_text else 0.0
    # Per language: a reader downloads the index of their language only (the largest is the target's).
    per_language = {}
    for prefix, parts in files.items():
        size = sum(map(len, parts))
        per_language[prefix or "/"] = {
            "raw_kb": size / 1e3,
            "gzip_kb": sum(len(gzip.compress(d, compresslevel=GZIP_LEVEL)) for d in parts) / 1e3,
            "projected_gzip_per_article_kb": size / 1e3 / articles / ratio if articles and ratio else None}
    projected = [v["projected_gzip_per_article_kb"] for v in per_language.values() if v["projected_gzip_per_article_kb"]]
    return {
        "html_pages": len(pages),
        "article_pages": len(article_sizes),
        "site_mb": tree_bytes(site) / 1e6,
        "median_article_kb": statistics.median(article_sizes) / 1e3 if article_sizes else 0.0,
        "largest_page_kb": largest[1] / 1e3,
        "largest_page": largest[0],
        "search_raw_mb": len(raw) / 1e6,
        "search_gzip_mb": packed / 1e6,
        "search_gzip_per_article_kb": packed / 1e3 / articles if articles else 0.0,
        "search_raw_per_article_kb": len(raw) / 1e3 / articles if articles else 0.0,
        "search_utf8": not raw.isascii(),
        "reference_gzip_ratio": ratio,
        "search_gzip_projected_per_article_kb": max(projected) if projected else None,
        "search_indexes": per_language,
        "search_bytes_by_section": index_breakdown(indexes),
        "largest_pages": largest_pages(pages),
    }


def _mapping_value(root: yaml.MappingNode, key: str):
    """The YAML node under `key` of a top-level mapping node, or None."""
    for key_node, value_node in root.value:
        if key_node.value == key:
            return value_node
    return None


def stock_config(project_config: str) -> str:
    """A stock mkdocs.yml for the same Vietnamese pages: plain Material in Vietnamese, the search
    plugin only, no hooks, no i18n, no overrides; the project's nav and Markdown extensions are
    kept (tags included) so that both builds render the same pages from the same Markdown."""
    root = yaml.compose(project_config)
    lines = ["docs_dir: docs", "site_dir: site",
             "theme:", "  name: material", "  language: vi", "plugins:", "  - search"]
    for key in ("site_name", "markdown_extensions", "nav"):
        node = _mapping_value(root, key)
        if node is not None:
            document = yaml.MappingNode("tag:yaml.org,2002:map",
                                        [(yaml.ScalarNode("tag:yaml.org,2002:str", key), node)])
            lines.append(yaml.serialize(document, allow_unicode=True, width=1000).rstrip())
    return "\n".join(lines) + "\n"
