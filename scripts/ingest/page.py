"""One article's Vietnamese page as ingest writes it (path, front matter, body), and how ingest tells
that a contributor has edited it since: by the exact bytes it wrote, never by writing YAML again."""
from __future__ import annotations

import re
from dataclasses import dataclass

from scripts.core import frontmatter
from scripts.core.cache import text_digest
from scripts.core.content import ARTICLES_DIR, UNDATED_DIR
from scripts.core.markdown import escape_block, escape_inline
from scripts.core.slugs import page_slug
from scripts.core.vietnamese import restyle
from scripts.ingest.clean import Cleaned, clean_dump
from scripts.ingest.decode import decode_bytes
from scripts.ingest.extract import extract_html, is_html
from scripts.ingest.metadata import Context, review, settle
from scripts.ingest.rules import Rules
from scripts.ingest.sidecar import SIDECAR_SUFFIX

# Front-matter fields a contributor sets: kept when a page is regenerated, not part of the edit check.
CONTRIBUTOR_FIELDS = ("topics", "topics_exclude")
RECORD = "ingest"  # ingest's own record in the front matter: the digest of what it wrote
_FENCE = re.compile(r"\A(---[ \t]*\r?\n)(.*?\r?\n)?(---[ \t]*(?:\r?\n|\Z))", re.S)


class IngestError(ValueError):
    """One input cannot become a page; the message says why."""


@dataclass
class Page:
    rel: str  # path under the repository root
    meta: dict
    body: str

    @property
    def text(self) -> str:
        return frontmatter.join(self.meta, self.body)


def cleaned_article(data: bytes, rules: Rules, context: Context = Context()) -> Cleaned:
    """The cleaned article of a raw file's bytes (an HTML page or a plain-text dump), its metadata
    settled (`context`: what the sidecar says of the source: its address and download time)."""
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
    return settle(cleaned, rules, context)


def longest_line(text: str) -> tuple[int, int] | None:
    """(line number, length) of the longest line of `text`; None for no text."""
    lengths = [len(line) for line in text.split("\n")]
    if not lengths:
        return None
    index = max(range(len(lengths)), key=lengths.__getitem__)
    return index + 1, lengths[index]


def page_of(cleaned: Cleaned, source_rel: str, sha: str, rules: Rules, sidecar: str | None = None) -> Page:
    """The page for a cleaned article: path, front matter (unknown values are null) and body,
    in the site's tone-mark style (the author's name stays as printed). `date_source: inferred`
    marks a date no page printed; `needs_review` lists the fields ingest is unsure of, each with
    what to put in the sidecar (`sidecar`: its path as shown, default <source>.meta.yml)."""
    style = rules.tone_style
    title = restyle(cleaned.title, style)
    lines = [f"# {escape_inline(title)}", ""]
    for block in cleaned.blocks:
        text = restyle(block.text, style)
        lines += [f"## {escape_inline(text)}" if block.kind == "h2" else escape_block(text), ""]
    lead = cleaned.lead
    notes = review(cleaned, rules, sidecar or source_rel + SIDECAR_SUFFIX)
    meta = {
        "title": title,
        "date": cleaned.date,
        **({"date_source": cleaned.date_source} if cleaned.date_source else {}),
        "author": cleaned.author,
        "outlet": cleaned.outlet,
        "outlet_en": rules.outlets.english(cleaned.outlet),
        **({"source_credit": cleaned.source_credit} if cleaned.source_credit else {}),
        "source_url": cleaned.source_url,
        "source_file": source_rel,
        "source_sha256": sha,
        "description": restyle(lead, style) if lead else None,
        **({"needs_review": notes} if notes else {}),
    }
    folder = cleaned.date[:4] if cleaned.date else UNDATED_DIR
    rel = f"docs/vi/{ARTICLES_DIR}/{folder}/{page_slug(title)}.md"
    return Page(rel, meta, "\n".join(lines).rstrip() + "\n")


def owned_text(text: str) -> str:
    """The part of a page's text that ingest decides: the text without the front-matter blocks of
    ingest's own record and of the contributor fields (top-level keys and their indented or listed
    lines). Taken from the bytes as they are: how YAML is written never matters."""
    match = _FENCE.match(text)
    if not match:
        return text
    kept, skipping = [], False
    for line in (match.group(2) or "").splitlines(keepends=True):
        if line[:1] not in ("", " ", "\t", "-", "#", "\r", "\n") or line.startswith("---"):
            skipping = line.split(":", 1)[0].strip() in (RECORD, *CONTRIBUTOR_FIELDS)
        if not skipping:
            kept.append(line)
    return match.group(1) + "".join(kept) + match.group(3) + text[match.end():]


def sealed(page: Page, previous: dict | None) -> Page:
    """`page` with the contributor fields of its previous version and the digest of what ingest wrote."""
    meta = dict(page.meta)
    for key in CONTRIBUTOR_FIELDS:
        if previous and key in previous:
            meta[key] = previous[key]
    meta[RECORD] = {"generated_sha256": text_digest(owned_text(page.text))}
    return Page(page.rel, meta, page.body)


def is_edited(meta: dict, text: str) -> bool:
    """True when a page (its parsed front matter and its text) no longer holds what ingest wrote,
    or was not written by ingest."""
    record = meta.get(RECORD)
    stored = record.get("generated_sha256") if isinstance(record, dict) else None
    return stored != text_digest(owned_text(text))
