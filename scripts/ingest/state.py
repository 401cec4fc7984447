"""What ingest remembers between runs in .cache/: input fingerprints and edited and duplicate verdicts."""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib.util
import json
import re
from pathlib import Path

from scripts.core.cache import code_digest, read_cache, write_cache
from scripts.core.fsutil import write_if_changed
from scripts.ingest.rules import Rules
from scripts.ingest.sidecar import SIDECAR_SUFFIX, sidecar_path

# The modules whose code decides a page besides the rules: cleaning, decoding, extraction, sidecars,
# slugs, tone-mark style, escaping and ingest itself.
PAGE_CODE = ("scripts.ingest.clean", "scripts.ingest.decode", "scripts.ingest.extract", "scripts.ingest.sidecar", "scripts.core.slugs",
             "scripts.core.vietnamese", "scripts.core.markdown", "scripts.ingest")


FINGERPRINTS = ".cache/ingest-fingerprints.json"  # git-ignored: a lost cache only costs time
DUPLICATE_FIELDS = ("title", "date", "author", "outlet")  # of a duplicate's record, kept with its verdict


def read_fingerprints(root: Path) -> dict[str, list[str]]:
    try:
        data = json.loads((root / FINGERPRINTS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_fingerprints(site) -> None:
    """Store the fingerprints and verdicts of a scripts.ingest.Site (those of pages that still exist)."""
    live = {source: entry for source, entry in site.fingerprints.items() if entry[1] in site.pages}
    write_if_changed(site.root / FINGERPRINTS, json.dumps(live, indent=0, sort_keys=True) + "\n")
    verdicts = {rel: site.verdicts[rel] for rel in site.pages if rel in site.verdicts}
    write_cache(site.root, VERDICTS_CACHE, {"code": code_digest(), "pages": verdicts})


VERDICTS_CACHE = "ingest-edited.json"  # under .cache/: whether each page (by its text's hash) was edited


def read_verdicts(root: Path) -> dict[str, list]:
    """The edited verdicts of the last run, unless the code (which decides them) changed since."""
    data = read_cache(root, VERDICTS_CACHE)
    pages = data.get("pages")
    return dict(pages) if data.get("code") == code_digest() and isinstance(pages, dict) else {}


def rules_fingerprint(rules: Rules) -> str:
    """Hash of everything besides the raw file that decides a page: the cleaning rules and the code
    of the stages that apply them. A change to either re-cleans every source. The same rules give
    the same fingerprint in every process (sets are sorted, patterns are written out in full).
    Computed once per Rules object (frozen): a run asks once per source file."""
    known = _RULES_PRINTS.get(id(rules))
    if known is None or known[0] is not rules:
        known = _RULES_PRINTS[id(rules)] = (rules, _fingerprint_of(repr(_stable(rules))))
    return known[1]


_RULES_PRINTS: dict[int, tuple[Rules, str]] = {}  # id → (the Rules object, kept alive; its fingerprint)


def _stable(value):
    """`value` as plain data whose repr does not depend on the process: a set's repr follows the
    string hash seed, and a compiled pattern's repr is cut at 200 characters."""
    if isinstance(value, re.Pattern):
        return ("re", value.pattern, value.flags)
    if isinstance(value, (set, frozenset)):
        return sorted(map(_stable, value), key=repr)
    if isinstance(value, dict):
        return sorted(((repr(_stable(k)), _stable(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return [_stable(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [type(value).__name__] + [(f.name, _stable(getattr(value, f.name))) for f in dataclasses.fields(value)]
    return value


@functools.lru_cache(maxsize=4)
def _fingerprint_of(rules_repr: str) -> str:
    digest = hashlib.sha256(rules_repr.encode("utf-8"))
    for name in PAGE_CODE:
        digest.update(Path(importlib.util.find_spec(name).origin).read_bytes())
    return digest.hexdigest()


def input_fingerprint(data: bytes, raw: Path, rules: Rules) -> str:
    """Hash of a raw file, its sidecar (either naming) and the rules: equal means the page would be
    written exactly as it is, so a no-op run need not clean the file again."""
    digest = hashlib.sha256(data)
    for sidecar in dict.fromkeys((sidecar_path(raw), raw.with_suffix(SIDECAR_SUFFIX))):
        if sidecar.is_file():
            digest.update(sidecar.name.encode("utf-8") + b"\0" + sidecar.read_bytes())
    digest.update(rules_fingerprint(rules).encode("ascii"))
    return digest.hexdigest()
