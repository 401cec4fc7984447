"""Tests for scripts.core.fsutil: atomic writes keep modes and leave no temporary file; the lock."""
import os
import stat

import pytest

from scripts.core.fsutil import LockedError, repository_lock, write_atomic, write_if_changed


def test_write_atomic_gives_a_new_file_the_umask_mode_and_keeps_an_old_mode(tmp_path):
    umask = os.umask(0o022)
    try:
        new = tmp_path / "new.md"
        write_atomic(new, "x")
        assert stat.S_IMODE(new.stat().st_mode) == 0o644
        old = tmp_path / "old.md"
        old.write_text("a")
        old.chmod(0o640)
        write_atomic(old, "b")
        assert stat.S_IMODE(old.stat().st_mode) == 0o640 and old.read_text() == "b"
    finally:
        os.umask(umask)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.md", "old.md"]


def test_write_atomic_leaves_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    target = tmp_path / "page.md"
    target.write_text("old")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["page.md"]


def test_write_if_changed_does_not_touch_an_identical_file(tmp_path):
    target = tmp_path / "page.md"
    assert write_if_changed(target, "same") is True
    mtime = target.stat().st_mtime_ns
    assert write_if_changed(target, "same") is False
    assert target.stat().st_mtime_ns == mtime


def test_repository_lock_refuses_a_second_holder_and_takes_over_a_stale_lock(tmp_path):
    with repository_lock(tmp_path):
        with pytest.raises(LockedError, match="another pipeline run"):
            with repository_lock(tmp_path):
                pass
    (tmp_path / ".pipeline.lock").write_text("999999999")  # no such process
    with repository_lock(tmp_path) as lock:
        assert lock.read_text() == str(os.getpid())
    assert not (tmp_path / ".pipeline.lock").exists()
