"""The translation memory: one YAML file per article under translations/memory/ (exports/tmx.py writes it as TMX)."""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

from scripts.core.fsutil import PathError, read_own, write_if_changed
from scripts.core.policy import MAX_DATA_FILE_BYTES, markup_problems
from scripts.core.schema import SchemaError, found, load_untrusted, yaml_problem

# libyaml's dumper when present: ~12× faster on memory files than the pure-Python classes, same data.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

OWNERS = ("pipeline", "human")
HEADER = ("# Translation memory of one article ({rel} in docs/vi/ and docs/en/), kept by\n"
          "# `python -m scripts translate`. One record per Vietnamese segment: source (vi), raw engine\n"
          "# draft, final English (en), origin (engine name or human) and when. Edit the English page,\n"
          "# not this file: the next run records your edits here.\n")


class MemoryFileError(ValueError):
    """A memory file is not what this module writes; the message names the file and field."""


@dataclass
class Record:
    """One segment: Vietnamese source, engine draft (None for human work), final English, origin
    (engine name, "human" or "pending") and when; for a machine draft its provenance (the model and
    the digest of the house-style text it was made with); for a pending segment, why."""

    id: str
    vi: str
    draft: str | None
    en: str | None
    origin: str
    time: str
    model: str | None = None
    style: str | None = None
    why: str | None = None

    def as_data(self) -> dict:
        """The record as the memory file holds it (provenance and reason only when there are any)."""
        data = asdict(self)
        return {k: v for k, v in data.items() if v is not None or k in ("draft", "en")}


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


def load_page(project, rel: str) -> PageMemory:
    """The memory of the article at `rel` (path under docs/<lang>/); empty when there is none."""
    path = project.memory_file(rel)
    if not os.path.lexists(path):
        return PageMemory(rel)
    try:
        raw = read_own(path, MAX_DATA_FILE_BYTES, project.shown(path), project.root)  # not a link, a pipe or a device
        data = load_untrusted(raw.decode("utf-8"), project.shown(path)) or {}
    except PathError as exc:
        raise MemoryFileError(str(exc)) from None
    except SchemaError as exc:
        raise MemoryFileError(str(exc)) from None
    except yaml.YAMLError as exc:
        raise MemoryFileError(f"{project.shown(path)}: not valid YAML: {yaml_problem(exc)}") from None
    except UnicodeDecodeError as exc:
        raise MemoryFileError(f"{project.shown(path)}: not UTF-8 text (byte {exc.start})") from None
    return page_from(data, rel, project.shown(path))


def page_from(data: dict, rel: str, path: str) -> PageMemory:
    """The memory of `rel` from a memory file's data; MemoryFileError naming the file (`path`) and field."""
    if not isinstance(data, dict):
        raise MemoryFileError(f"{path}: expected a mapping with owner, source_sha256, order, segments")
    owner = data.get("owner", "pipeline")
    if owner not in OWNERS:
        raise MemoryFileError(f"{path}: field 'owner': expected one of {', '.join(OWNERS)}, found {owner!r}")
    records = {}
    for index, item in enumerate(data.get("segments") or []):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not isinstance(item.get("vi"), str) \
                or not isinstance(item.get("origin"), str) \
                or not all(isinstance(item.get(k), (str, type(None))) for k in ("draft", "en", "time")):
            raise MemoryFileError(f"{path}: field 'segments[{index}]': expected a mapping with id, vi and origin "
                                  f"texts, and draft, en and time texts or null, found {found(item)}")
        extra = {k: item[k] for k in ("model", "style", "why") if isinstance(item.get(k), str)}
        records[item["id"]] = Record(item["id"], item["vi"], item.get("draft"), item.get("en"),
                                     item["origin"], str(item.get("time") or ""), **extra)
    order = data.get("order") or []
    if not isinstance(order, list) or not all(isinstance(i, str) for i in order):
        raise MemoryFileError(f"{path}: field 'order': expected a list of segment ids, found {order!r}")
    written = data.get("written_sha256") or []
    if not isinstance(written, list) or not all(isinstance(h, str) for h in written):
        raise MemoryFileError(f"{path}: field 'written_sha256': expected a list of hashes, found {written!r}")
    return PageMemory(rel, owner, data.get("source_sha256"), list(order), records, list(written))


def page_text(page: PageMemory) -> str:
    """The memory file's text: records of the current page first, in page order, then older ones."""
    ordered = [page.records[i] for i in dict.fromkeys(page.order) if i in page.records]
    ordered += [r for i, r in page.records.items() if i not in set(page.order)]
    data = {"page": page.rel, "owner": page.owner, "source_sha256": page.source_sha256,
            **({"written_sha256": page.written} if page.written else {}),
            "order": page.order, "segments": [r.as_data() for r in ordered]}
    return HEADER.format(rel=page.rel) + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)


def save_page(project, page: PageMemory) -> bool:
    """Write the memory file atomically unless unchanged; True if written."""
    return write_if_changed(project.memory_file(page.rel), page_text(page), project.root)


def memory_files(project) -> list[Path]:
    return sorted(project.memory_dir.rglob("*.yml"))


def all_pages(project) -> list[PageMemory]:
    base = project.memory_dir
    return [load_page(project, path.relative_to(base).with_suffix(".md").as_posix()) for path in memory_files(project)]


def finished_records(project) -> dict[str, Record]:
    """Every record with final English, by id, across all articles (reused for repeated segments):
    a human record before any machine draft, and of those the newest (by its time), never the one
    whose file comes last in the alphabet. English holding raw HTML or an unsafe link is not reused
    (core/policy.py markup_problems): it stays on its own page, inert there and named by `check`."""
    found: dict[str, Record] = {}
    for page in all_pages(project):
        for record in page.records.values():
            if record.en and (record.id not in found or _rank(record) > _rank(found[record.id])) \
                    and not markup_problems(record.en):
                found[record.id] = record
    return found


def _rank(record: Record) -> tuple[bool, str]:
    return record.origin == "human", record.time
