"""Sidecar metadata `<raw file>.meta.yml`: what a contributor knows about a source; it wins over extraction."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import yaml

from scripts.ingest.clean import Cleaned
from scripts.core.frontmatter import yaml_problem
from scripts.build.article import safe_url

SIDECAR_SUFFIX = ".meta.yml"
# field: what it must be (said in errors)
FIELDS = {
    "source_url": "an http:// or https:// address with a host and no spaces, quotes or <>",
    "date": "an ISO 8601 date or date-time (2024-11-11 or 2024-11-11T19:30:00+07:00)",
    "outlet": "the outlet's name as text",
    "author": "the author's name as text",
    "title": "the article's title as text",
}


class SidecarError(ValueError):
    """A sidecar file is not valid; the message names the file and the field."""


def sidecar_path(raw: Path) -> Path:
    return raw.with_name(raw.name + SIDECAR_SUFFIX)


def read_sidecar(raw: Path) -> dict:
    """The validated sidecar of a raw file ({} when there is none). A field set to null says the
    value is unknown and overrides whatever extraction found."""
    path = sidecar_path(Path(raw))
    if not path.exists():
        path = Path(raw).with_suffix(SIDECAR_SUFFIX)
        if not path.exists():
            return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise SidecarError(f"{path}: not valid YAML: {yaml_problem(exc)}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SidecarError(f"{path}: not a readable UTF-8 text file: {exc}") from None
    return validated(data, path)


def validated(data, path: Path) -> dict:
    """`data` checked field by field; dates as ISO 8601 strings."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SidecarError(f"{path}: expected a mapping of fields, found {type(data).__name__}")
    result = {}
    for key, value in data.items():
        if key not in FIELDS:
            raise SidecarError(f"{path}: unknown field {key!r}; expected one of {', '.join(FIELDS)}")
        if value is None:
            result[key] = None
            continue
        if key == "date":
            result[key] = iso_date(value, path)
            continue
        if not isinstance(value, str) or not value.strip():
            raise SidecarError(f"{path}: field {key!r}: expected {FIELDS[key]}, found {value!r}")
        if key == "source_url" and safe_url(value) is None:
            raise SidecarError(f"{path}: field 'source_url': expected {FIELDS[key]}, found {value!r}")
        result[key] = " ".join(value.split())
    return result


def iso_date(value, path: Path) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            pass
        else:
            return value.strip() if len(value.strip()) == 10 else parsed.isoformat()
    raise SidecarError(f"{path}: field 'date': expected {FIELDS['date']}, found {value!r}")


def apply_sidecar(cleaned: Cleaned, sidecar: dict) -> Cleaned:
    """`cleaned` with every field the sidecar sets (including explicit nulls) replaced."""
    return dataclasses.replace(cleaned, **sidecar) if sidecar else cleaned
