"""File I/O used by every stage: atomic writes that stay inside the repository, write-if-changed, the
repository lock."""
from __future__ import annotations

import contextlib
import fcntl
import os
import re
import stat
import tempfile
from pathlib import Path

# What write_atomic's temporary files are called: ".<name>.<8 random characters>.tmp".
TEMPORARY = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
# Folders the pipeline writes into: the only ones a killed run's temporary files are looked for in.
WRITTEN_FOLDERS = ("docs", "translations", ".cache", "exports")


class LockedError(RuntimeError):
    """Another pipeline run holds the repository lock."""


class PathError(ValueError):
    """A path the pipeline would write or read leads outside the repository or is not a file."""


def confined(path: Path, root: Path) -> Path:
    """`path` if writing it stays inside the repository at `root`: not a symbolic link, and no folder
    on the way to it a link out of the repository. PathError naming it otherwise."""
    path = Path(os.path.abspath(path))
    base = os.path.realpath(root)
    try:
        shown = path.relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        shown = str(path)
    if os.path.islink(path):
        raise PathError(f"{shown}: a symbolic link (to {os.readlink(path)}); the pipeline writes only the "
                        "repository's own files: remove the link")
    folder = os.path.realpath(path.parent)
    if os.path.commonpath([base, folder]) != base:
        raise PathError(f"{shown}: its folder leads outside the repository (to {folder}) through a symbolic "
                        "link: remove the link")
    return path


def own_file_problem(path: Path, limit: int) -> str | None:
    """What makes the file at `path` one the pipeline will not read, or None: a symbolic link (it
    could lead to /proc/self/environ or /dev/zero), a pipe, socket or device (a read would block or
    never end), or more than `limit` bytes. Found from lstat, before anything is opened.
    FileNotFoundError when there is no file."""
    status = os.lstat(path)
    if stat.S_ISLNK(status.st_mode):
        return f"a symbolic link (to {os.readlink(path)}); pages and data files must be the repository's own files"
    if not stat.S_ISREG(status.st_mode):
        return "not a regular file (a pipe, socket or device)"
    if status.st_size > limit:
        return f"{status.st_size:,} bytes, the limit is {limit:,}"
    return None


def read_own(path: Path, limit: int, shown: str | None = None, root: Path | None = None) -> bytes:
    """The bytes of a file of the repository (see own_file_problem; with `root`, also not reached
    through a folder that links out of that repository); PathError naming it (`shown`) otherwise."""
    if problem := own_file_problem(path, limit):
        raise PathError(f"{shown or path}: {problem}")
    if root is not None:
        real, base = os.path.realpath(path), os.path.realpath(root)
        if os.path.commonpath([base, real]) != base:
            raise PathError(f"{shown or path}: its folder leads outside the repository (to "
                            f"{os.path.dirname(real)}) through a symbolic link: remove the link")
    return Path(path).read_bytes()


def write_atomic(path: Path, data: str | bytes, root: Path | None = None) -> None:
    """Write `data` to `path` through a temporary file beside it and a rename; with `root`, only
    inside that repository (see confined).

    A reader (or an interrupted run) sees either the old file or the new one, never half of it.
    """
    path = confined(path, root) if root is not None else Path(path)
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


def write_if_changed(path: Path, text: str, root: Path | None = None) -> bool:
    """Write `text` atomically unless the file already holds exactly it (with `root`, only inside
    that repository). Returns True if written."""
    path = confined(path, root) if root is not None else Path(path)
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (FileNotFoundError, UnicodeDecodeError):
        pass
    write_atomic(path, text, root)
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
        try:  # never through a link: a committed link would have its target truncated
            fd = os.open(lock, os.O_CREAT | os.O_RDWR | os.O_NOFOLLOW, 0o644)
        except OSError:
            if os.path.islink(lock):
                raise PathError(f"{lock}: a symbolic link where the lock file goes; remove it") from None
            raise
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise PathError(f"{lock}: not a regular file where the lock file goes; remove it")
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
    """Delete the temporary files of write_atomic (".<name>.<8 random characters>.tmp") that a killed
    run left in the folders the pipeline writes (docs/, translations/, .cache/, exports/); returns
    them. Nothing else is touched, whatever its name."""
    removed = []
    for top in WRITTEN_FOLDERS:
        for folder, dirs, files in os.walk(Path(root) / top):
            for name in files:
                if not TEMPORARY.match(name):
                    continue
                path = Path(folder) / name
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                    removed.append(path)
    return removed
