"""Caches kept in the git-ignored .cache/: one rule for all of them.

Every cache is keyed on digests of what was actually read: the bytes of input files (hashed no
later than they are read, so that an edit during a run can only cause work to be redone, never be
missed), the settings as loaded, and the code of the packages that produce the cached result. A
cache is JSON (never pickle: loading it runs no code); a missing, corrupt or foreign one is read as
empty, so deleting .cache/ is always safe. README ("Caches") lists each one."""
from __future__ import annotations

import functools
import hashlib
import json
import os
import stat
from pathlib import Path

from scripts.core.fsutil import write_if_changed

CACHE_DIR = ".cache"
ABSENT = "-"  # the digest of a file that does not exist
FOLDER = "/"  # the "digest" of a folder where a file is expected (not the same as no file)
SCRIPTS_DIR = Path(__file__).resolve().parent.parent
# Code every stage runs: the core package and the project object.
SHARED_CODE = ("core", "project.py")


def text_digest(text: str | bytes) -> str:
    """sha256 (hex) of a text as UTF-8, or of bytes."""
    return hashlib.sha256(text.encode("utf-8") if isinstance(text, str) else text).hexdigest()


def file_digest(path: Path) -> str:
    """sha256 (hex) of a file's bytes; ABSENT when it does not exist, FOLDER for a folder."""
    try:
        status = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return ABSENT
    if stat.S_ISDIR(status.st_mode):
        return FOLDER
    if not stat.S_ISREG(status.st_mode):  # a link, pipe or device is never opened (it could block or never end)
        target = os.readlink(path) if stat.S_ISLNK(status.st_mode) else ""
        return hashlib.sha256(f"not a regular file\0{status.st_mode}\0{target}".encode()).hexdigest()
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def files_digest(paths, base: Path) -> str:
    """One digest of several files: each one's path (relative to `base` when under it) and content
    digest, in order."""
    digest = hashlib.sha256()
    for path in paths:
        path = Path(path)
        name = path.relative_to(base).as_posix() if path.is_relative_to(base) else path.as_posix()
        digest.update(f"{name}\0{file_digest(path)}\n".encode("utf-8"))
    return digest.hexdigest()


@functools.lru_cache(maxsize=None)
def code_digest(*packages: str) -> str:
    """Digest of the code of `packages` (names under scripts/: "ingest", "glossary") and of the
    shared code (core, project): what produces a stage's output. Computed once per process: a
    running process runs the code it imported, whatever the files say later."""
    paths: list[Path] = []
    for name in sorted(set(packages) | set(SHARED_CODE)):
        target = SCRIPTS_DIR / name
        paths += sorted(target.rglob("*.py")) if target.is_dir() else [target]
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
    return write_if_changed(cache_path(root, name), json.dumps(data, indent=0, sort_keys=True) + "\n", root)
