"""File I/O used by every stage: atomic writes, write-if-changed, the repository lock."""
from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from pathlib import Path


class LockedError(RuntimeError):
    """Another pipeline run holds the repository lock."""


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write `data` to `path` through a temporary file beside it and a rename.

    A reader (or an interrupted run) sees either the old file or the new one, never half of it.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file 0600: keep the old file's mode, or the umask's default for a new one.
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_if_changed(path: Path, text: str) -> bool:
    """Write `text` atomically unless the file already holds exactly it. Returns True if written."""
    path = Path(path)
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (FileNotFoundError, UnicodeDecodeError):
        pass
    write_atomic(path, text)
    return True


@contextlib.contextmanager
def repository_lock(root: Path, name: str = ".pipeline.lock"):
    """Hold an exclusive lock on the repository for one pipeline run.

    Fails at once with a clear message when another run holds it. The lock is an flock on the
    file, so the kernel releases it when its holder dies (kill -9 included): no stale locks. A pid
    still in the file when the lock is taken was left by a killed run, whose temporary files are
    then removed."""
    lock = Path(root) / name
    while True:
        fd = os.open(lock, os.O_CREAT | os.O_RDWR, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            pid = _pid_in(fd)
            os.close(fd)
            holder = f" (pid {pid})" if pid else ""
            raise LockedError(f"{lock}: another pipeline run{holder} is working on this repository; "
                              "wait for it to finish") from None
        try:
            current = os.stat(lock).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            current = False
        if current:
            break
        os.close(fd)  # the previous holder removed the file while we opened it: open the new one
    killed = _pid_in(fd)
    os.ftruncate(fd, 0)
    os.pwrite(fd, str(os.getpid()).encode(), 0)
    if killed:
        remove_temporaries(Path(root))
    try:
        yield lock
    finally:
        with contextlib.suppress(FileNotFoundError):
            lock.unlink()  # while still locked: a waiting run then opens a new file
        os.close(fd)


def _pid_in(fd: int) -> int | None:
    try:
        return int(os.pread(fd, 32, 0).decode().strip() or 0) or None
    except (OSError, ValueError):
        return None


def remove_temporaries(root: Path) -> list[Path]:
    """Delete the temporary files of write_atomic (".<name>.<random>.tmp") that a killed run left
    under `root` (hidden folders such as .git and .venv are not searched, except the pipeline's
    .cache); returns them."""
    removed = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if (d == ".cache" or not d.startswith(".")) and d not in ("site", "node_modules")]
        for name in files:
            if name.startswith(".") and name.endswith(".tmp"):
                path = Path(folder) / name
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                    removed.append(path)
    return removed
