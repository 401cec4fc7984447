"""One ingest run over a batch of inputs: every raw file of sources/ (or those named) becomes its page, one
at a time; a bad input is reported and the others go on."""
from __future__ import annotations

import difflib
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from scripts.core import frontmatter
from scripts.core.fsutil import write_atomic
from scripts.core.policy import MAX_TITLE_CHARS, year_problem
from scripts.ingest.decode import DecodeError
from scripts.ingest.extract import ExtractError
from scripts.ingest.fetch import Download, DownloadError, download, is_url, sidecar_text
from scripts.ingest.metadata import Context, confidence
from scripts.ingest.clean import Cleaned
from scripts.ingest.head import followed, in_step
from scripts.ingest.page import IngestError, Page, cleaned_article, owned_text, page_of, sealed
from scripts.core.slugs import page_slug
from scripts.ingest.rules import Rules
from scripts.ingest.sidecar import (SIDECAR_SUFFIX, SidecarError, apply_sidecar, read_sidecar, sidecar_of,
                                    sidecar_path)
from scripts.ingest.site_index import Site
from scripts.ingest.state import DUPLICATE_FIELDS, input_fingerprint, save_fingerprints
from scripts.project import MoveError

INPUT_SUFFIXES = {".txt", ".html", ".htm"}


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
    url: str | None = None  # the address it was downloaded from (ingest URL)
    confidence: dict | None = None  # how sure ingest is of each field (0 to 1), when it cleaned the input
    needs_review: dict | None = None  # field → what to put in the sidecar, for the fields it is unsure of
    new_names: list | None = None  # names the article mentions that the glossary lacks (ingest fills it)

    def take(self, meta: dict) -> None:
        """The title, date, author and outlet of a page's front matter."""
        self.title, self.date, self.author, self.outlet = (meta.get(k) for k in DUPLICATE_FIELDS)


def unreadable(path: Path) -> str | None:
    """Why `path` cannot be read as a raw file (missing, a directory, a pipe or device), or None."""
    if not path.exists():
        return "no such file"
    if path.is_dir():
        return "a directory, not a file"
    if not path.is_file():
        return "not a regular file (a pipe, socket or device)"
    return None


def ingest_file(path: Path, site: Site, rules: Rules, force: bool = False) -> Record:
    """Turn one raw file into its page (or say why not); writes at most one page."""
    project = site.project
    if problem := unreadable(path):
        return Record(project.shown(path), status=f"error {problem}")
    try:
        source_rel = path.resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        return Record(project.shown(path),
                      status=f"error not under the repository {project.root}: copy it into sources/ first")
    record = Record(source_rel)
    own = site.page_of_source(source_rel)
    try:
        data = path.read_bytes()
        fingerprint = input_fingerprint(data, path, rules)
        if own and not force and site.fingerprints.get(source_rel) == site.fingerprint_entry(fingerprint, own):
            record.take(site.pages[own][0])
            record.page, record.status = own, "skipped-edited" if site.edited(own) else "unchanged"
            if record.status == "skipped-edited" and not in_step(*site.pages[own][:2]):
                try:
                    follow_edit(record, site, fresh_page(path, source_rel, data, rules, project))
                except (DecodeError, ExtractError, IngestError, SidecarError):
                    pass  # what ingest wrote cannot be told again: the page stays as it is
            return record
        if own is None and not force and (known := site.known_duplicate(source_rel, fingerprint)):
            record.page, fields = known
            record.take(fields)
            record.status = f"duplicate-of {record.page}"
            return record
        page, cleaned = fresh_page(path, source_rel, data, rules, project)
    except OSError as exc:
        record.status = f"error cannot read the file: {(exc.strerror or str(exc)).lower()}"
        return record
    except (DecodeError, ExtractError, IngestError, SidecarError) as exc:
        record.status = f"error {exc}"
        return record
    record.take(page.meta)
    if own is None and (duplicate := site.duplicate_of(page, rules.duplicate_similarity)):
        record.page, record.status = duplicate, f"duplicate-of {duplicate}"
        fields = {k: getattr(record, k) for k in DUPLICATE_FIELDS}
        site.fingerprints[source_rel] = [*site.fingerprint_entry(fingerprint, duplicate), fields]
        return record
    record.confidence = confidence(cleaned, rules)
    record.needs_review = page.meta.get("needs_review")
    if page.rel in site.broken:
        record.page, record.status = page.rel, f"error its page {page.rel} cannot be read: fix or remove it first"
        return record
    holder = site.pages.get(page.rel)
    if holder and holder[0].get("source_file") != source_rel:
        page.rel = page.rel[:-3] + f"-{page.meta['source_sha256'][:8]}.md"  # another article, same slug
    previous_meta = site.pages[own][0] if own else {}
    page = sealed(page, previous_meta)
    record.page = page.rel
    if own:
        old_text = site.texts[own]
        if site.edited(own) and not force:
            record.page, record.status = own, "skipped-edited"
            if not in_step(*site.pages[own][:2]):
                follow_edit(record, site, (page, cleaned))
            return record
        if own == page.rel and owned_text(old_text) == owned_text(page.text):  # contributor fields aside
            site.fingerprints[source_rel] = site.fingerprint_entry(fingerprint, own)
            record.status = "unchanged"
            return record
        if force:
            record.diff = "".join(difflib.unified_diff(old_text.splitlines(True), page.text.splitlines(True),
                                                       own, page.rel))
    if own and own != page.rel:
        try:  # the English page and memory first: a run killed before the page moves is finished by the next
            record.carried = project.move_article(_article(own), _article(page.rel))
            record.moved_from = own
        except MoveError as exc:
            record.page, record.status = own, f"error {exc}"
            return record
    text = page.text
    write_atomic(project.root / page.rel, text, project.root)
    if own and own != page.rel:
        os.unlink(project.root / own)
        site.drop(own)
    site.put(page.rel, page.meta, page.body, text=text)
    site.fingerprints[source_rel] = site.fingerprint_entry(fingerprint, page.rel)
    record.status = "updated" if own else "created"
    return record


def fresh_page(path: Path, source_rel: str, data: bytes, rules: Rules, project) -> tuple[Page, Cleaned]:
    """The page ingest writes for the raw file `path` (its bytes `data`) and what cleaning found;
    IngestError, SidecarError and the cleaning errors say why there is none."""
    sidecar = read_sidecar(path, project.shown)
    cleaned = apply_sidecar(cleaned_article(data, rules, context_of(sidecar)), sidecar)
    if why := year_problem(cleaned.date):
        raise IngestError(f"date {cleaned.date}: {why}; put the right date (or null) in its sidecar")
    if len(cleaned.title or "") > MAX_TITLE_CHARS:
        raise IngestError(f"the title is {len(cleaned.title):,} characters long, the limit is {MAX_TITLE_CHARS}: "
                          "put the right title in its sidecar")
    sidecar_file = sidecar_of(path)
    page = page_of(cleaned, source_rel, hashlib.sha256(data).hexdigest(), rules,
                   project.shown(sidecar_file) if sidecar_file else None)
    return page, cleaned


def follow_edit(record: Record, site: Site, written: tuple[Page, Cleaned]) -> None:
    """A page the contributor edited: its title and description follow an edited heading and first
    paragraph (ingest.head), the rest of the page as they left it."""
    meta, body = site.pages[record.page][:2]
    changes = followed(meta, body, written[0].meta, written[0].body)
    if not changes:
        return
    meta = {**meta, **changes}
    text = frontmatter.join(meta, body)
    write_atomic(site.project.root / record.page, text, site.project.root)
    site.put(record.page, meta, body, text=text)
    record.take(meta)
    record.status = "followed-edit"


def context_of(sidecar: dict) -> Context:
    """What a sidecar says of its source: the address and download time."""
    return Context(source_url=sidecar.get("source_url"), fetched=sidecar.get("fetched"))


def _article(rel: str) -> str:
    """The path under docs/vi/ of a page's repository path docs/vi/…"""
    return rel.removeprefix("docs/vi/")


def input_files(project, paths: list[str]) -> list[Path]:
    """The raw files to ingest: the given files, or every article file under the given folders
    (default: sources/); sidecars and hidden files are not inputs. A folder entry named like an
    article that is not a regular file (a directory "x.txt/", a pipe) is listed, to be reported."""
    found: list[Path] = []
    for name in paths or [str(project.sources)]:
        path = Path(name)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() in INPUT_SUFFIXES
                            and not p.name.startswith("."))
        elif not path.name.endswith(SIDECAR_SUFFIX):
            found.append(path)
    return found


def ingest(project, paths: list[str] | None = None, force: bool = False, progress=None) -> list[Record]:
    """Ingest every input (files, folders, or http(s) addresses to download first); one record per
    input, in order. Call under the repository lock."""
    rules, site = project.cleaning_rules(), Site(project)
    records = [Record(rel, page=rel, status=f"error {problem}") for rel, problem in site.broken.items()]
    urls = [p for p in paths or [] if is_url(p)]
    files = [p for p in paths or [] if not is_url(p)]
    try:
        for url in urls:
            records.append(ingest_url(url, site, rules, project.download_settings(), force))
            if progress:
                progress(url)
        for path in input_files(project, files) if files or not urls else []:
            records.append(ingest_file(path, site, rules, force))
            if progress:
                progress(path)
    finally:
        save_fingerprints(site)
    return records


def ingest_url(url: str, site: Site, rules: Rules, settings, force: bool = False) -> Record:
    """Download the page at `url`, keep it as sources/<slug>.html with a sidecar holding its address
    and download time, and ingest it like any file. A page already downloaded from that address is
    not downloaded again. A failed download or a page that is no article writes nothing."""
    project = site.project
    known = downloaded(project, url)
    if known is not None:
        record = ingest_file(known, site, rules, force)
        record.url = url
        return record
    try:
        got = download(url, settings)
        cleaned = cleaned_article(got.data, rules, Context(got.url, got.fetched))
    except (DownloadError, DecodeError, ExtractError, IngestError) as exc:
        return Record(url, status=f"error {exc}", url=url)
    path = source_path(project, page_slug(cleaned.title), got)
    write_atomic(path, got.data)
    write_atomic(sidecar_path(path), sidecar_text(got))
    record = ingest_file(path, site, rules, force)
    record.url = url
    return record


def downloaded(project, url: str) -> Path | None:
    """The raw file of sources/ already downloaded from `url` (its sidecar's source_url or requested
    address says so), or None."""
    for sidecar in sorted(project.sources.glob(f"*{SIDECAR_SUFFIX}")):
        raw = sidecar.with_name(sidecar.name[:-len(SIDECAR_SUFFIX)])
        try:
            fields = read_sidecar(raw) if raw.is_file() else {}
            requested = f"# Requested as {url}," in sidecar.read_text(encoding="utf-8")
        except (SidecarError, OSError, UnicodeDecodeError):
            continue
        if fields.get("source_url") == url or requested:
            return raw
    return None


def source_path(project, slug: str, got: Download) -> Path:
    """sources/<slug>.html, or sources/<slug>-<digest>.html when another file has that name."""
    path = project.sources / f"{slug}.html"
    if path.exists() and path.read_bytes() != got.data:
        path = project.sources / f"{slug}-{hashlib.sha256(got.data).hexdigest()[:8]}.html"
    return path
