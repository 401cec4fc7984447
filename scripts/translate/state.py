"""What translate remembers between runs (.cache/translate.json): for each article, the inputs
(digests of its Vietnamese page, English page, memory file and the shared settings) that give
exactly the files already on disk, so that a run with nothing new hashes files and does no more."""
from __future__ import annotations

from scripts.core.cache import ABSENT, code_digest, combined, file_digest, files_digest
from scripts.core.status import STATUSES
from scripts.glossary.terms import term_files
from scripts.translate import memory
from scripts.translate.engines import Engine

TRANSLATE_CACHE = "translate.json"  # under .cache/
CACHED_FIELDS = ("segments", "from_memory", "pending", "uncovered", "status", "pending_reasons")


def settings_digest(project, labels) -> str:
    """Digest of what decides every article's English besides its own files: the translation
    settings and glossary terms (files), the interface words (as loaded) and the code."""
    files = [project.config_file("translation"), *term_files(project)]
    return combined(files_digest(files, project.root), labels.digest, code_digest("translate", "glossary"))


def memory_digests(project) -> dict[str, str]:
    """Digest of every memory file, by path under the repository."""
    return {project.shown(path): file_digest(path) for path in memory.memory_files(project)}


def page_key(project, rel: str, settings: str, memories: dict[str, str]) -> str:
    """Digest of an article's inputs as they are on disk now (see entry_key)."""
    own_memory = project.shown(project.memory_file(rel))
    return entry_key(rel, {"vi": file_digest(project.page("vi", rel)), "en": file_digest(project.page("en", rel)),
                           "memory": memories.get(own_memory, ABSENT)}, settings)


def entry_key(rel: str, digests: dict[str, str], settings: str) -> str:
    """Digest of an article's inputs: its Vietnamese page, its English page (or its absence), its
    memory file, and `settings`."""
    return combined(rel, digests["vi"], digests["en"], digests.get("memory", ABSENT), settings)


def skippable(entry, key: str, engine: Engine | None, everything: str) -> bool:
    """Whether a past run left exactly these inputs, and nothing else could change the result: an
    article left with pending segments depends on the engine (which could draft them) and on every
    memory file (another article's record could fill them)."""
    if not isinstance(entry, dict) or entry.get("key") != key or not isinstance(entry.get("report"), dict):
        return False
    report = entry["report"]
    if set(report) != set(CACHED_FIELDS) or report["status"] not in STATUSES \
            or not all(type(report[k]) is int for k in ("segments", "from_memory", "pending", "uncovered")) \
            or not isinstance(report["pending_reasons"], list):
        return False  # not what this module writes: translate again
    return not report["pending"] or (engine is None and entry.get("memory") == everything)
