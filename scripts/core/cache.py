"""Fingerprints of a stage's inputs, kept in the git-ignored .cache/: a no-op run hashes files, nothing more."""
from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from scripts.core.fsutil import write_if_changed

CACHE_DIR = ".cache"  # git-ignored: a lost or corrupt cache only costs time
ABSENT = "-"  # the digest of a file that does not exist
FOLDER = "/"  # the "digest" of a folder where a file is expected (not the same as no file)
SCRIPTS_DIR = Path(__file__).resolve().parent.parent


def text_digest(text: str | bytes) -> str:
    """sha256 (hex) of a text as UTF-8, or of bytes."""
    return hashlib.sha256(text.encode("utf-8") if isinstance(text, str) else text).hexdigest()


def file_digest(path: Path) -> str:
    """sha256 (hex) of a file's bytes; ABSENT when it does not exist, FOLDER for a folder."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except (FileNotFoundError, NotADirectoryError):
        return ABSENT
    except IsADirectoryError:
        return FOLDER


def files_digest(paths, base: Path) -> str:
    """One digest of several files: each one's path (relative to `base` when under it) and content
    digest, in order."""
    digest = hashlib.sha256()
    for path in paths:
        path = Path(path)
        name = path.relative_to(base).as_posix() if path.is_relative_to(base) else path.as_posix()
        digest.update(f"{name}\0{file_digest(path)}\n".encode("utf-8"))
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """Digest of the pipeline's code (every module of the scripts package): a change to any of them
    may change what a stage writes, so it invalidates every stage's fingerprints. Deliberately wider
    than one stage's imports: the same in every process, and a missed module cannot hide a change."""
    paths = sorted(SCRIPTS_DIR.rglob("*.py"))
    return files_digest(paths, SCRIPTS_DIR)


def combined(*parts: str) -> str:
    """One digest of several strings (order matters)."""
    return text_digest("\0".join(parts))


def cache_path(root: Path, name: str) -> Path:
    return Path(root) / CACHE_DIR / name


def read_cache(root: Path, name: str) -> dict:
    """The JSON mapping stored under .cache/<name>; {} when missing or unreadable."""
    try:
        data = json.loads(cache_path(root, name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_cache(root: Path, name: str, data: dict) -> bool:
    """Store `data` under .cache/<name> unless it already holds it; True if written."""
    return write_if_changed(cache_path(root, name), json.dumps(data, indent=0, sort_keys=True) + "\n")
