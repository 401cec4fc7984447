"""The Vietnamese article pages already on disk, indexed by source file and by content (to find
duplicates), with what the last run remembered of each source."""
from __future__ import annotations

from scripts.core import frontmatter
from scripts.core.cache import text_digest
from scripts.core.confusables import skeleton
from scripts.core.content import ARTICLES_DIR
from scripts.core.fsutil import PathError, read_own
from scripts.core.policy import MAX_PAGE_BYTES
from scripts.core.vietnamese import match_key
from scripts.ingest.page import Page, is_edited
from scripts.ingest.state import read_fingerprints


def body_tokens(body: str) -> set[str]:
    """The words of a body (its title heading left out) as duplicates are compared: match keys,
    look-alike letters as the Latin ones they imitate (a copy spelled with Cyrillic "а" is a copy)."""
    lines = [line for line in body.splitlines() if not line.startswith("# ")]
    return set(skeleton(match_key(" ".join(lines))).split())


def title_key(title: str) -> str:
    return skeleton(match_key(title))


def similarity(a: set, b: set) -> float:
    """Jaccard similarity of two token sets."""
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


class Site:
    """The existing article pages of a project, indexed by source file and by content."""

    def __init__(self, project):
        self.project = project
        self.root = project.root
        self.pages: dict[str, tuple[dict, str]] = {}
        self.texts: dict[str, str] = {}  # page → its text as on disk (or as just written)
        self.broken: dict[str, str] = {}  # page → why it cannot be read (never overwritten)
        self._by_source: dict[str, str] = {}
        self._tokens: dict[str, tuple[set[str], str]] = {}  # page → (body tokens, title key), on demand
        # source → [input fingerprint, page, its generated hash(, duplicate's fields)] of the last run
        # that wrote or confirmed it
        self.fingerprints: dict[str, list] = read_fingerprints(project)
        for path in sorted((project.lang_dir("vi") / ARTICLES_DIR).glob("*/*.md")):
            if path.name == "index.md":
                continue
            rel = project.shown(path)
            try:
                text = read_own(path, MAX_PAGE_BYTES, rel, project.root).decode("utf-8")  # a link or a pipe: PathError
                meta, body = frontmatter.split(text, rel)
                if not isinstance(meta.get("source_file"), (str, type(None))):
                    raise frontmatter.FrontMatterError(f"{rel}: front matter 'source_file' must be the raw file's "
                                                       f"path, found {type(meta['source_file']).__name__}")
                self.put(rel, meta, body, text=text)
            except (frontmatter.FrontMatterError, PathError, UnicodeDecodeError, OSError) as exc:
                problem = str(exc).removeprefix(f"{rel}: ")
                if isinstance(exc, UnicodeDecodeError):
                    problem = f"the page is not UTF-8 text (byte {exc.start})"
                elif isinstance(exc, OSError):
                    problem = f"cannot read the page: {(exc.strerror or str(exc)).lower()}"
                self.broken[rel] = problem

    def put(self, rel: str, meta: dict, body: str, text: str | None = None) -> None:
        """Record the page at `rel` (read from disk or just written), whose file holds `text`."""
        self.pages[rel] = (meta, body)
        self.texts[rel] = text if text is not None else frontmatter.join(meta, body)
        self._tokens.pop(rel, None)
        if meta.get("source_file"):
            self._by_source[meta["source_file"]] = rel

    def drop(self, rel: str) -> None:
        meta, _ = self.pages.pop(rel)
        self.texts.pop(rel, None)
        self._tokens.pop(rel, None)
        if self._by_source.get(meta.get("source_file")) == rel:
            del self._by_source[meta["source_file"]]

    def fingerprint_entry(self, fingerprint: str, rel: str) -> list[str]:
        """What the cache holds for a source: its input fingerprint, its page and the hash ingest
        wrote into that page (so an older page restored from git is not taken as current)."""
        record = self.pages[rel][0].get("ingest")
        return [fingerprint, rel, str(record.get("generated_sha256")) if isinstance(record, dict) else ""]

    def edited(self, rel: str) -> bool:
        """Whether a contributor edited the page at `rel` since ingest wrote it."""
        return is_edited(self.pages[rel][0], self.texts[rel])

    def text_digest(self, rel: str) -> str:
        return text_digest(self.texts[rel])

    def known_duplicate(self, source_rel: str, fingerprint: str) -> tuple[str, dict] | None:
        """(page, record fields) when the last run found this very input a duplicate of a page that
        has not changed since (same generated hash): the verdict stands without cleaning again."""
        entry = self.fingerprints.get(source_rel)
        if not (isinstance(entry, list) and len(entry) == 4 and isinstance(entry[3], dict)):
            return None
        if entry[1] not in self.pages or entry[:3] != self.fingerprint_entry(fingerprint, entry[1]):
            return None
        return entry[1], entry[3]

    def page_of_source(self, source_rel: str) -> str | None:
        return self._by_source.get(source_rel)

    def tokens_of(self, rel: str) -> tuple[set[str], str]:
        """(token set of the body, match key of the title) of a page, computed once."""
        if rel not in self._tokens:
            meta, body = self.pages[rel]
            self._tokens[rel] = (body_tokens(body), title_key(str(meta.get("title") or "")))
        return self._tokens[rel]

    def duplicate_of(self, page: Page, threshold: float) -> str | None:
        tokens, key = body_tokens(page.body), title_key(page.meta["title"])
        for rel, (meta, _) in self.pages.items():
            if meta.get("source_file") == page.meta["source_file"]:
                continue
            other, other_key = self.tokens_of(rel)
            needed = threshold / 2 if other_key == key else threshold
            # Jaccard is at most min/max of the two sizes: skip pages too different in length.
            if not tokens or not other or min(len(tokens), len(other)) < needed * max(len(tokens), len(other)):
                continue
            if similarity(tokens, other) >= needed:
                return rel
        return None
