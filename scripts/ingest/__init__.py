"""`ingest`: raw articles in sources/ → cleaned Vietnamese pages docs/vi/articles/YYYY/<slug>.md."""
from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from scripts.core import frontmatter
from scripts.ingest.moves import MoveError, carry_translation
from scripts.core.cache import text_digest
from scripts.ingest.clean import Cleaned, clean_dump
from scripts.core.content import ARTICLES_DIR, UNDATED_DIR
from scripts.ingest.decode import DecodeError, decode_bytes
from scripts.ingest.extract import ExtractError, extract_html, is_html
from scripts.core.fsutil import ROOT, repository_lock, write_atomic
# FINGERPRINTS, VERDICTS_CACHE and rules_fingerprint are part of this module's interface (tests use them).
from scripts.ingest.state import (DUPLICATE_FIELDS, FINGERPRINTS, VERDICTS_CACHE, input_fingerprint,  # noqa: F401
                                  read_fingerprints, read_verdicts, rules_fingerprint, save_fingerprints)
from scripts.core.markdown import escape_block, escape_inline
from scripts.ingest.rules import Rules, load_rules
from scripts.ingest.sidecar import SIDECAR_SUFFIX, SidecarError, apply_sidecar, read_sidecar
from scripts.core.slugs import page_slug
from scripts.core.vietnamese import match_key, restyle

SOURCES_DIR = "sources"
INPUT_SUFFIXES = {".txt", ".html", ".htm"}
# Front-matter fields a contributor sets: kept when a page is regenerated, not part of the edit check.
CONTRIBUTOR_FIELDS = ("topics",)


class IngestError(ValueError):
    """One input cannot become a page; the message says why."""


@dataclass
class Record:
    """What happened to one input (one line of --json output)."""

    source: str
    page: str | None = None
    title: str | None = None
    date: str | None = None
    author: str | None = None
    outlet: str | None = None
    status: str = "error"
    diff: str | None = None
    moved_from: str | None = None  # the page's previous path, when its date or title moved it
    carried: list[str] | None = None  # the English page and memory that moved with it


@dataclass
class Page:
    rel: str  # path under the repository root
    meta: dict
    body: str

    @property
    def text(self) -> str:
        return frontmatter.join(self.meta, self.body)


def cleaned_article(data: bytes, rules: Rules) -> Cleaned:
    """The cleaned article of a raw file's bytes (an HTML page or a plain-text dump)."""
    text = decode_bytes(data, rules.max_input_bytes)
    if is_html(text):
        cleaned = extract_html(text, rules)
    else:
        if (line := longest_line(text)) and line[1] > rules.max_line_chars:
            raise IngestError(f"line {line[0]} is {line[1]:,} characters long, the limit is {rules.max_line_chars:,}")
        cleaned = clean_dump(text, rules)
    if not cleaned.title:
        raise IngestError("not an article: no title line")
    words = sum(len(b.text.split()) for b in cleaned.blocks)
    if words < rules.min_body_words:
        raise IngestError(f"not an article: {words} words of body text after cleaning, "
                          f"at least {rules.min_body_words} expected")
    return cleaned


def longest_line(text: str) -> tuple[int, int] | None:
    """(line number, length) of the longest line of `text`; None for no text."""
    lengths = [len(line) for line in text.split("\n")]
    if not lengths:
        return None
    index = max(range(len(lengths)), key=lengths.__getitem__)
    return index + 1, lengths[index]


def unreadable(path: Path) -> str | None:
    """Why `path` cannot be read as a raw file (missing, a directory, a pipe or device), or None."""
    if not path.exists():
        return "no such file"
    if path.is_dir():
        return "a directory, not a file"
    if not path.is_file():
        return "not a regular file (a pipe, socket or device)"
    return None


def shown_path(path: Path, root: Path) -> str:
    """`path` as the user named it, relative to the repository when inside it (links not followed)."""
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return str(path)


def page_of(cleaned: Cleaned, source_rel: str, sha: str, rules: Rules) -> Page:
    """The page for a cleaned article: path, front matter (unknown values are null) and body,
    in the site's tone-mark style."""
    style = rules.tone_style
    title = restyle(cleaned.title, style)
    lines = [f"# {escape_inline(title)}", ""]
    for block in cleaned.blocks:
        text = restyle(block.text, style)
        lines += [f"## {escape_inline(text)}" if block.kind == "h2" else escape_block(text), ""]
    lead = cleaned.lead
    meta = {
        "title": title,
        "date": cleaned.date,
        "author": restyle(cleaned.author, style) if cleaned.author else None,
        "outlet": cleaned.outlet,
        "source_url": cleaned.source_url,
        "source_file": source_rel,
        "source_sha256": sha,
        "description": restyle(lead, style) if lead else None,
    }
    folder = cleaned.date[:4] if cleaned.date else UNDATED_DIR
    rel = f"docs/vi/{ARTICLES_DIR}/{folder}/{page_slug(title)}.md"
    return Page(rel, meta, "\n".join(lines).rstrip() + "\n")


def generated_hash(meta: dict, body: str) -> str:
    """Hash of what ingest writes (front matter without its own record and contributor fields,
    and the body): differs from the stored one once a contributor edited the page."""
    owned = {k: v for k, v in meta.items() if k != "ingest" and k not in CONTRIBUTOR_FIELDS}
    return hashlib.sha256(frontmatter.join(owned, body).encode("utf-8")).hexdigest()


def sealed(page: Page, previous: dict | None) -> Page:
    """`page` with the contributor fields of its previous version and the hash of what ingest wrote."""
    meta = dict(page.meta)
    for key in CONTRIBUTOR_FIELDS:
        if previous and key in previous:
            meta[key] = previous[key]
    meta["ingest"] = {"generated_sha256": generated_hash(page.meta, page.body)}
    return Page(page.rel, meta, page.body)


def is_edited(meta: dict, body: str) -> bool:
    """True when a page no longer holds what ingest wrote (or was not written by ingest)."""
    stored = (meta.get("ingest") or {}).get("generated_sha256") if isinstance(meta.get("ingest"), dict) else None
    return stored != generated_hash(meta, body)


def body_tokens(body: str) -> set[str]:
    lines = [line for line in body.splitlines() if not line.startswith("# ")]
    return set(match_key(" ".join(lines)).split())


def similarity(a: set, b: set) -> float:
    """Jaccard similarity of two token sets."""
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


class Site:
    """The existing article pages, indexed by source file and by content (for duplicates)."""

    def __init__(self, root: Path):
        self.root = root
        self.pages: dict[str, tuple[dict, str]] = {}
        self.broken: dict[str, str] = {}  # page → why it cannot be read (never overwritten)
        self._by_source: dict[str, str] = {}
        self._tokens: dict[str, tuple[set[str], str]] = {}  # page → (body tokens, title key), on demand
        self._shas: dict[str, str] = {}  # page → sha256 of its text
        # page → [sha256 of its text, whether it was edited] (is_edited dumps YAML: 2 ms a page)
        self.verdicts: dict[str, list] = read_verdicts(root)
        # source → [input fingerprint, page, its generated hash] of the last run that wrote or confirmed it
        self.fingerprints: dict[str, list[str]] = read_fingerprints(root)
        for path in sorted((root / "docs" / "vi" / ARTICLES_DIR).glob("*/*.md")):
            if path.name == "index.md":
                continue
            rel = path.relative_to(root).as_posix()
            try:
                text = path.read_text(encoding="utf-8")
                self.put(rel, *frontmatter.split(text, rel), text=text)
            except (frontmatter.FrontMatterError, UnicodeDecodeError, OSError) as exc:
                problem = str(exc).removeprefix(f"{rel}: ")
                if isinstance(exc, UnicodeDecodeError):
                    problem = f"the page is not UTF-8 text (byte {exc.start})"
                elif isinstance(exc, OSError):
                    problem = f"cannot read the page: {(exc.strerror or str(exc)).lower()}"
                self.broken[rel] = problem

    def put(self, rel: str, meta: dict, body: str, text: str | None = None) -> None:
        """Record the page at `rel` (read from disk or just written), whose file holds `text`."""
        self.pages[rel] = (meta, body)
        self._tokens.pop(rel, None)
        self._shas[rel] = text_digest(text if text is not None else frontmatter.join(meta, body))
        if meta.get("source_file"):
            self._by_source[meta["source_file"]] = rel

    def drop(self, rel: str) -> None:
        meta, _ = self.pages.pop(rel)
        self._tokens.pop(rel, None)
        self._shas.pop(rel, None)
        if self._by_source.get(meta.get("source_file")) == rel:
            del self._by_source[meta["source_file"]]

    def fingerprint_entry(self, fingerprint: str, rel: str) -> list[str]:
        """What the cache holds for a source: its input fingerprint, its page and the hash ingest
        wrote into that page (so an older page restored from git is not taken as current)."""
        record = self.pages[rel][0].get("ingest")
        return [fingerprint, rel, str(record.get("generated_sha256")) if isinstance(record, dict) else ""]

    def edited(self, rel: str) -> bool:
        """is_edited of the page at `rel`, remembered across runs by the sha256 of its text."""
        sha = self._shas[rel]
        known = self.verdicts.get(rel)
        if isinstance(known, list) and len(known) == 2 and known[0] == sha and isinstance(known[1], bool):
            return known[1]
        verdict = is_edited(*self.pages[rel])
        self.verdicts[rel] = [sha, verdict]
        return verdict

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
            self._tokens[rel] = (body_tokens(body), match_key(str(meta.get("title") or "")))
        return self._tokens[rel]

    def duplicate_of(self, page: Page, threshold: float) -> str | None:
        tokens, key = body_tokens(page.body), match_key(page.meta["title"])
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


def ingest_file(path: Path, site: Site, rules: Rules, force: bool = False) -> Record:
    """Turn one raw file into its page (or say why not); writes at most one page."""
    root = site.root
    if problem := unreadable(path):
        return Record(shown_path(path, root), status=f"error {problem}")
    try:
        source_rel = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Record(shown_path(path, root),
                      status=f"error not under the repository {root}: copy it into {SOURCES_DIR}/ first")
    record = Record(source_rel)
    own = site.page_of_source(source_rel)
    try:
        data = path.read_bytes()
        fingerprint = input_fingerprint(data, path, rules)
        if own and not force and site.fingerprints.get(source_rel) == site.fingerprint_entry(fingerprint, own):
            meta, body = site.pages[own]
            record.title, record.date, record.author, record.outlet = (meta.get(k) for k in ("title", "date", "author", "outlet"))
            record.page, record.status = own, "skipped-edited" if site.edited(own) else "unchanged"
            return record
        if own is None and not force and (known := site.known_duplicate(source_rel, fingerprint)):
            record.page, fields = known
            record.title, record.date, record.author, record.outlet = (fields.get(k) for k in DUPLICATE_FIELDS)
            record.status = f"duplicate-of {record.page}"
            return record
        cleaned = apply_sidecar(cleaned_article(data, rules), read_sidecar(path))
        page = page_of(cleaned, source_rel, hashlib.sha256(data).hexdigest(), rules)
    except OSError as exc:
        record.status = f"error cannot read the file: {(exc.strerror or str(exc)).lower()}"
        return record
    except (DecodeError, ExtractError, IngestError, SidecarError) as exc:
        record.status = f"error {exc}"
        return record
    record.title, record.date, record.author, record.outlet = (page.meta[k] for k in ("title", "date", "author", "outlet"))
    if own is None and (duplicate := site.duplicate_of(page, rules.duplicate_similarity)):
        record.page, record.status = duplicate, f"duplicate-of {duplicate}"
        fields = {k: getattr(record, k) for k in DUPLICATE_FIELDS}
        site.fingerprints[source_rel] = [*site.fingerprint_entry(fingerprint, duplicate), fields]
        return record
    if page.rel in site.broken:
        record.page, record.status = page.rel, f"error its page {page.rel} cannot be read: fix or remove it first"
        return record
    holder = site.pages.get(page.rel)
    if holder and holder[0].get("source_file") != source_rel:
        page.rel = page.rel[:-3] + f"-{page.meta['source_sha256'][:8]}.md"  # another article, same slug
    previous_meta, previous_body = site.pages[own] if own else ({}, "")
    page = sealed(page, previous_meta)
    record.page = page.rel
    if own:
        old_text = frontmatter.join(previous_meta, previous_body)
        if site.edited(own) and not force:
            record.page, record.status = own, "skipped-edited"
            return record
        if own == page.rel and old_text == page.text:
            site.fingerprints[source_rel] = site.fingerprint_entry(fingerprint, own)
            record.status = "unchanged"
            return record
        if force:
            record.diff = "".join(difflib.unified_diff(old_text.splitlines(True), page.text.splitlines(True),
                                                       own, page.rel))
    if own and own != page.rel:
        try:  # the English page and memory first: a run killed before the page moves is finished by the next
            record.carried, record.moved_from = carry_translation(root, own, page.rel), own
        except MoveError as exc:
            record.page, record.status = own, f"error {exc}"
            return record
    text = page.text
    write_atomic(root / page.rel, text)
    if own and own != page.rel:
        os.unlink(root / own)
        site.drop(own)
    site.put(page.rel, page.meta, page.body, text=text)
    site.edited(page.rel)  # remembered for the next run (False, unless the code is wrong)
    site.fingerprints[source_rel] = site.fingerprint_entry(fingerprint, page.rel)
    record.status = "updated" if own else "created"
    return record


def input_files(root: Path, paths: list[str]) -> list[Path]:
    """The raw files to ingest: the given files, or every article file under the given folders
    (default: sources/); sidecars and hidden files are not inputs. A folder entry named like an
    article that is not a regular file (a directory "x.txt/", a pipe) is listed, to be reported."""
    found: list[Path] = []
    for name in paths or [str(root / SOURCES_DIR)]:
        path = Path(name)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() in INPUT_SUFFIXES
                            and not p.name.startswith("."))
        elif not path.name.endswith(SIDECAR_SUFFIX):
            found.append(path)
    return found


def ingest(root: Path, paths: list[str] | None = None, force: bool = False, progress=None) -> list[Record]:
    """Ingest every input; one record per input, in order. Call under the repository lock."""
    rules, site = load_rules(), Site(Path(root))
    records = [Record(rel, page=rel, status=f"error {problem}") for rel, problem in site.broken.items()]
    try:
        for path in input_files(Path(root), paths or []):
            records.append(ingest_file(path, site, rules, force))
            if progress:
                progress(path)
    finally:
        save_fingerprints(site)
    return records


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "ingest",
        help="turn raw articles in sources/ into cleaned Vietnamese pages under docs/vi/articles/",
        description="Clean raw articles (plain-text dumps or HTML pages, any encoding) into Vietnamese "
                    "pages with metadata. A sidecar <file>.meta.yml beside a raw file supplies or "
                    "overrides source_url, date, outlet, author and title. Statuses: created, "
                    "unchanged, updated, skipped-edited, duplicate-of <page>, error <reason>.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="raw files or folders (default: sources/)")
    parser.add_argument("--json", action="store_true", help="print one JSON record per input")
    parser.add_argument("--force", action="store_true",
                        help="regenerate pages a contributor edited, and show what changes")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    parser.set_defaults(func=run)


def carried_note(record: Record) -> str:
    """"; <path> moved with it" for each file that moved with the record's page."""
    return "".join(f"; {path} moved with it" for path in record.carried or [])


def run(args: argparse.Namespace) -> int:
    with repository_lock(args.root):
        records = _with_progress(args)
    for record in records:
        if args.json:
            fields = {k: v for k, v in asdict(record).items()  # the optional ones only when they say something
                      if not (k == "diff" and not v or k in ("moved_from", "carried") and v is None)}
            print(json.dumps(fields, ensure_ascii=False))
            continue
        if record.status.startswith("error"):
            print(f"error: {record.source}: {record.status[6:]}", file=sys.stderr)
            continue
        print(f"{record.status:<15} {record.source} → {record.page}")
        if record.moved_from:
            print(f"{'':<15} moved from {record.moved_from}{carried_note(record)}")
        if record.diff:
            print(record.diff, end="")
    return 1 if any(r.status.startswith("error") for r in records) else 0


def stage(root: Path) -> int:
    """The `update` stage: ingest sources/ (the caller holds the lock); non-zero on any error."""
    records = ingest(root)
    for record in records:
        if record.status not in {"unchanged"}:
            print(f"  ingest: {record.status}: {record.source}", file=sys.stderr)
        if record.moved_from:
            print(f"  ingest: moved {record.moved_from} → {record.page}{carried_note(record)}", file=sys.stderr)
    return 1 if any(r.status.startswith("error") for r in records) else 0


def _with_progress(args) -> list[Record]:
    if args.json or not sys.stderr.isatty():
        return ingest(args.root, args.paths, args.force)
    from rich.console import Console
    from rich.progress import Progress

    paths = input_files(Path(args.root), args.paths)
    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("ingest", total=len(paths))
        return ingest(args.root, [str(p) for p in paths], args.force, lambda _: bar.advance(task))
