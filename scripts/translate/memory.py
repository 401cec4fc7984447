"""The translation memory: one YAML file per article under translations/memory/, and its TMX export."""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

from scripts.core.frontmatter import yaml_problem
from scripts.core.fsutil import ROOT, write_if_changed

# libyaml when present: ~12× faster on memory files than the pure-Python classes, same data.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

MEMORY_DIR = Path("translations") / "memory"
OWNERS = ("pipeline", "human")
HEADER = ("# Translation memory of one article ({rel} in docs/vi/ and docs/en/), kept by\n"
          "# `python -m scripts translate`. One record per Vietnamese segment: source (vi), raw engine\n"
          "# draft, final English (en), origin (engine name or human) and when. Edit the English page,\n"
          "# not this file: the next run records your edits here.\n")


class MemoryFileError(ValueError):
    """A memory file is not what this module writes; the message names the file and field."""


@dataclass
class Record:
    """One segment: Vietnamese source, engine draft (None for human work), final English, origin."""

    id: str
    vi: str
    draft: str | None
    en: str | None
    origin: str
    time: str


@dataclass
class PageMemory:
    """The memory of one article. `order` lists the ids of the English page's segments as last
    written (to align a contributor's edits); `owner` becomes "human" when a contributor
    restructured the page; `source_sha256` is the Vietnamese body the English page was built from."""

    rel: str
    owner: str = "pipeline"
    source_sha256: str | None = None
    order: list[str] = field(default_factory=list)
    records: dict[str, Record] = field(default_factory=dict)
    # sha256 of the English page text the pipeline wrote last, and of the one it replaced: a page
    # with one of these hashes holds no edit to capture (the memory is saved before the page, so a
    # run killed in between leaves the replaced page, whose edits are already recorded).
    written: list[str] = field(default_factory=list)

    @property
    def known(self) -> bool:
        """Whether the pipeline has seen this page before."""
        return bool(self.order) or self.source_sha256 is not None


def timestamp() -> str:
    """Now, in UTC, to the second (ISO 8601)."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def memory_path(root: Path, rel: str) -> Path:
    """translations/memory/<article path without .md>.yml"""
    return Path(root) / MEMORY_DIR / Path(rel).with_suffix(".yml")


def load_page(root: Path, rel: str) -> PageMemory:
    """The memory of the article at `rel` (path under docs/<lang>/); empty when there is none."""
    path = memory_path(root, rel)
    if not path.exists():
        return PageMemory(rel)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except yaml.YAMLError as exc:
        raise MemoryFileError(f"{path}: not valid YAML: {yaml_problem(exc)}") from None
    except UnicodeDecodeError as exc:
        raise MemoryFileError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    return page_from(data, rel, path)


def page_from(data: dict, rel: str, path: Path) -> PageMemory:
    if not isinstance(data, dict):
        raise MemoryFileError(f"{path}: expected a mapping with owner, source_sha256, order, segments")
    owner = data.get("owner", "pipeline")
    if owner not in OWNERS:
        raise MemoryFileError(f"{path}: field `owner` must be one of {', '.join(OWNERS)}, found {owner!r}")
    records = {}
    for index, item in enumerate(data.get("segments") or []):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not isinstance(item.get("vi"), str) \
                or not isinstance(item.get("origin"), str):
            raise MemoryFileError(f"{path}: segments[{index}] must have id, vi and origin strings, found {item!r}")
        records[item["id"]] = Record(item["id"], item["vi"], item.get("draft"), item.get("en"), item["origin"],
                                     str(item.get("time") or ""))
    order = data.get("order") or []
    if not isinstance(order, list) or not all(isinstance(i, str) for i in order):
        raise MemoryFileError(f"{path}: field `order` must be a list of segment ids, found {order!r}")
    written = data.get("written_sha256") or []
    if not isinstance(written, list) or not all(isinstance(h, str) for h in written):
        raise MemoryFileError(f"{path}: field `written_sha256` must be a list of hashes, found {written!r}")
    return PageMemory(rel, owner, data.get("source_sha256"), list(order), records, list(written))


def page_text(page: PageMemory) -> str:
    """The memory file's text: records of the current page first, in page order, then older ones."""
    ordered = [page.records[i] for i in dict.fromkeys(page.order) if i in page.records]
    ordered += [r for i, r in page.records.items() if i not in set(page.order)]
    data = {"page": page.rel, "owner": page.owner, "source_sha256": page.source_sha256,
            **({"written_sha256": page.written} if page.written else {}),
            "order": page.order, "segments": [asdict(r) for r in ordered]}
    return HEADER.format(rel=page.rel) + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)


def save_page(root: Path, page: PageMemory) -> bool:
    """Write the memory file atomically unless unchanged; True if written."""
    return write_if_changed(memory_path(root, page.rel), page_text(page))


def memory_files(root: Path = ROOT) -> list[Path]:
    return sorted((Path(root) / MEMORY_DIR).rglob("*.yml"))


def all_pages(root: Path = ROOT) -> list[PageMemory]:
    base = Path(root) / MEMORY_DIR
    return [load_page(root, path.relative_to(base).with_suffix(".md").as_posix()) for path in memory_files(root)]


def finished_records(root: Path = ROOT) -> dict[str, Record]:
    """Every record with final English, by id, across all articles (reused for repeated segments)."""
    found: dict[str, Record] = {}
    for page in all_pages(root):
        for record in page.records.values():
            if record.en and (record.id not in found or record.origin == "human"):
                found[record.id] = record
    return found


# ─── TMX 1.4 export ─────────────────────────────────────────────────────────────────────

def tmx_date(stamp: str) -> str | None:
    """An ISO timestamp as TMX wants it (YYYYMMDDThhmmssZ)."""
    try:
        moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo:
        moment = moment.astimezone(dt.timezone.utc)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def export_tmx(root: Path = ROOT) -> str:
    """The whole memory as TMX 1.4 (one translation unit per segment with final English)."""
    tmx = ET.Element("tmx", version="1.4")
    ET.SubElement(tmx, "header", {
        "creationtool": "scripts.translate.memory", "creationtoolversion": "1", "segtype": "paragraph",
        "o-tmf": "yaml", "adminlang": "en", "srclang": "vi", "datatype": "plaintext"})
    body = ET.SubElement(tmx, "body")
    seen = set()
    for page in all_pages(root):
        for record in page.records.values():
            if not record.en or record.id in seen:
                continue
            seen.add(record.id)
            unit = ET.SubElement(body, "tu", {"tuid": record.id})
            if date := tmx_date(record.time):
                unit.set("creationdate", date)
            ET.SubElement(unit, "prop", type="x-origin").text = record.origin
            ET.SubElement(unit, "prop", type="x-page").text = page.rel
            for lang, text in (("vi", record.vi), ("en", record.en)):
                tuv = ET.SubElement(unit, "tuv", {"xml:lang": lang})
                ET.SubElement(tuv, "seg").text = text
    ET.indent(tmx)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
            + ET.tostring(tmx, encoding="unicode") + "\n")
