"""Sidecar metadata `<raw file>.meta.yml`: what a contributor knows about a source; it wins over extraction."""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from scripts.core.schema import Document, Field, SchemaError, field_problems, read_yaml
from scripts.core.policy import year_problem
from scripts.core.urls import safe_url
from scripts.core.vietnamese import normalize
from scripts.ingest.clean import Cleaned

SIDECAR_SUFFIX = ".meta.yml"
FIELDS = {
    "source_url": Field(str, "an http:// or https:// address with a host and no spaces, quotes or <>"),
    "date": Field(object, "an ISO 8601 date or date-time (2024-11-11 or 2024-11-11T19:30:00+07:00)"),
    "outlet": Field(str, "the outlet's name as text"),
    "author": Field(str, "the author's name as text"),
    "title": Field(str, "the article's title as text"),
    "source_credit": Field(str, "the source the article credits (\"RT\" of \"Theo RT\") as text"),
    "fetched": Field(object, "the ISO 8601 date-time the page was downloaded (2024-11-11T19:30:00+00:00)"),
}
# Fields that describe the source rather than the article: they are not copied onto the page.
SOURCE_FIELDS = ("fetched",)

SidecarError = SchemaError  # a sidecar file is not valid; the message names the file, line and field


def sidecar_path(raw: Path) -> Path:
    return raw.with_name(raw.name + SIDECAR_SUFFIX)


def sidecar_of(raw: Path) -> Path | None:
    """The sidecar of a raw file: `x.txt.meta.yml`, else `x.meta.yml`; None when there is none."""
    for path in (sidecar_path(Path(raw)), Path(raw).with_suffix(SIDECAR_SUFFIX)):
        if path.exists():
            return path
    return None


def read_sidecar(raw: Path, show: Callable[[Path], str] = str) -> dict:
    """The validated sidecar of a raw file ({} when there is none). A field set to null says the
    value is unknown and overrides whatever extraction found. `show` gives a path as messages show it."""
    path = sidecar_of(raw)
    if path is None:
        return {}
    return validated(read_yaml(path, show(path)))


def validated(doc: Document) -> dict:
    """The sidecar's fields checked one by one; dates as ISO 8601 strings, text on one line."""
    data = doc.data
    if data is None:
        return {}
    problems = field_problems(doc, data, FIELDS)
    if not isinstance(data, dict):
        raise SchemaError(problems)
    problems += [doc.problem(key, f"expected {FIELDS[key].expected}, found {value!r}")
                 for key, value in data.items() if key in FIELDS and isinstance(value, str) and not value.strip()]
    if not problems:
        url = data.get("source_url")
        if url is not None and safe_url(url) is None:
            problems.append(doc.problem("source_url", f"expected {FIELDS['source_url'].expected}, found {url!r}"))
        for key in ("date", "fetched"):
            if data.get(key) is not None and iso_date(data[key]) is None:
                problems.append(doc.problem(key, f"expected {FIELDS[key].expected}, found {data[key]!r}"))
        if data.get("date") is not None and iso_date(data["date"]) and (why := year_problem(data["date"])):
            problems.append(doc.problem("date", why))
    if problems:
        raise SchemaError(problems)
    return {key: None if value is None else iso_date(value) if key in ("date", "fetched") else " ".join(normalize(value).split())
            for key, value in data.items()}


def iso_date(value) -> str | None:
    """A sidecar date as an ISO 8601 string (a date as written, a date-time normalised); None when
    it is neither."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            return None
        return value.strip() if len(value.strip()) == 10 else parsed.isoformat()
    return None


def apply_sidecar(cleaned: Cleaned, sidecar: dict) -> Cleaned:
    """`cleaned` with every field of the article the sidecar sets (including explicit nulls)
    replaced; those fields are then certain (the contributor said so)."""
    fields = {k: v for k, v in sidecar.items() if k not in SOURCE_FIELDS}
    if not fields:
        return cleaned
    origins = {**cleaned.origins, **{k: "sidecar" for k in fields if k in ("title", "date", "author", "outlet")}}
    doubts = {k: v for k, v in cleaned.doubts.items() if k not in fields}
    extra = {"date_source": None} if "date" in fields else {}
    return dataclasses.replace(cleaned, **fields, **extra, origins=origins, doubts=doubts)
