"""What translate remembers between runs in .cache/: the inputs of each article a run left unchanged."""
from __future__ import annotations

from pathlib import Path

from scripts.translate import memory
from scripts.core.cache import ABSENT, code_digest, combined, file_digest, files_digest
from scripts.core.content import LABELS_FILE
from scripts.translate.engines import SETTINGS_FILE, Engine
from scripts.glossary.terms import term_files
from scripts.build.article import STATUSES

TRANSLATE_CACHE = "translate.json"  # under .cache/: per article, the inputs of a run that wrote nothing
CACHED_FIELDS = ("segments", "from_memory", "pending", "status")


def settings_digest(root: Path) -> str:
    """Digest of what decides every article's English besides its own files: the translation
    settings, the glossary terms, the interface words and the pipeline's code."""
    files = [Path(root) / SETTINGS_FILE, *term_files(root), LABELS_FILE]
    return combined(files_digest(files, Path(root)), code_digest())


def memory_digests(root: Path) -> dict[str, str]:
    """Digest of every memory file, by path under the repository."""
    return {path.relative_to(root).as_posix(): file_digest(path) for path in memory.memory_files(root)}


def page_key(root: Path, rel: str, settings: str, memories: dict[str, str]) -> str:
    """Digest of an article's inputs: its Vietnamese page, its English page (or its absence), its
    memory file, and `settings`."""
    own_memory = memory.memory_path(root, rel).relative_to(root).as_posix()
    return combined(rel, file_digest(root / "docs" / "vi" / rel), file_digest(root / "docs" / "en" / rel),
                    memories.get(own_memory, ABSENT), settings)


def skippable(entry, key: str, engine: Engine | None, everything: str) -> bool:
    """Whether a past run that wrote nothing had exactly these inputs, and nothing else could change
    the result: an article left with pending segments depends on the engine (which could draft
    them) and on every memory file (another article's record could fill them)."""
    if not isinstance(entry, dict) or entry.get("key") != key or not isinstance(entry.get("report"), dict):
        return False
    report = entry["report"]
    if set(report) != set(CACHED_FIELDS) or report["status"] not in STATUSES \
            or not all(type(report[k]) is int for k in ("segments", "from_memory", "pending")):
        return False  # not what this module writes: translate again
    return not report["pending"] or (engine is None and entry.get("memory") == everything)
