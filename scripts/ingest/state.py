"""What ingest remembers between runs (.cache/ingest-fingerprints.json): for each source, the
fingerprint of its inputs and the page it gave, so that a no-op run does not clean it again."""
from __future__ import annotations

import dataclasses
import hashlib
import re

from scripts.core.cache import code_digest, read_cache, write_cache
from scripts.ingest.rules import Rules
from scripts.ingest.sidecar import SIDECAR_SUFFIX, sidecar_path

FINGERPRINTS = "ingest-fingerprints.json"  # under .cache/
DUPLICATE_FIELDS = ("title", "date", "author", "outlet")  # of a duplicate's record, kept with its verdict


def read_fingerprints(project) -> dict[str, list]:
    data = read_cache(project.root, FINGERPRINTS)
    return {k: v for k, v in data.items() if isinstance(v, list)}


def save_fingerprints(site) -> None:
    """Store the fingerprints of a Site (those of pages that still exist)."""
    live = {source: entry for source, entry in site.fingerprints.items() if entry[1] in site.pages}
    write_cache(site.root, FINGERPRINTS, live)


def rules_fingerprint(rules: Rules) -> str:
    """Hash of everything besides the raw file that decides a page: the cleaning rules as loaded and
    the code of the ingest stage (and the shared code). A change to either re-cleans every source.
    The same rules give the same fingerprint in every process (sets are sorted, patterns are written
    out in full). Computed once per Rules object (frozen): a run asks once per source file."""
    known = _RULES_PRINTS.get(id(rules))
    if known is None or known[0] is not rules:
        digest = hashlib.sha256(repr(_stable(rules)).encode("utf-8"))
        digest.update(code_digest("ingest").encode("ascii"))
        known = _RULES_PRINTS[id(rules)] = (rules, digest.hexdigest())
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


def input_fingerprint(data: bytes, raw, rules: Rules) -> str:
    """Hash of a raw file, its sidecar (either naming) and the rules: equal means the page would be
    written exactly as it is, so a no-op run need not clean the file again."""
    digest = hashlib.sha256(data)
    for sidecar in dict.fromkeys((sidecar_path(raw), raw.with_suffix(SIDECAR_SUFFIX))):
        if sidecar.is_file():
            digest.update(sidecar.name.encode("utf-8") + b"\0" + sidecar.read_bytes())
    digest.update(rules_fingerprint(rules).encode("ascii"))
    return digest.hexdigest()
