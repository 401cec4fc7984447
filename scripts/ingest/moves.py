"""When ingest moves an article's Vietnamese page (its date became known, its title changed), the
English page and the translation memory move with it, unchanged, so a translation, its labels and
its history are never left behind at the old path."""
from __future__ import annotations

import os
from pathlib import Path

from scripts.translate import memory

VI_DIR = "docs/vi/"
EN_DIR = "docs/en/"


class MoveError(ValueError):
    """An article's English page or memory cannot follow its Vietnamese page; says which file and why."""


def carry_translation(root: Path, old: str, new: str) -> list[str]:
    """Move the English page and memory of the Vietnamese page `old` to those of `new` (both paths
    under `root`, in docs/vi/). Returns the repository paths written.

    Call it before the Vietnamese page moves: a run killed in between leaves the Vietnamese page at
    `old` and its companions at `new`, which the next run's move completes. Nothing moves when a
    destination is taken or the memory cannot be read (MoveError)."""
    root = Path(root)
    old_article, new_article = _article(old), _article(new)
    en_old, en_new = root / EN_DIR / old_article, root / EN_DIR / new_article
    mem_old, mem_new = memory.memory_path(root, old_article), memory.memory_path(root, new_article)
    for source, target in ((en_old, en_new), (mem_old, mem_new)):
        if source.exists() and target.exists():
            raise MoveError(f"{_shown(target, root)}: already exists, so {_shown(source, root)} cannot move "
                            "there with its article; keep the one that belongs to the article, remove the other")
    moved = []
    if mem_old.exists():
        try:
            page = memory.load_page(root, old_article)
        except (memory.MemoryFileError, ValueError, OSError) as exc:
            raise MoveError(f"cannot move the translation memory with its article: {exc}") from exc
        page.rel = new_article
        memory.save_page(root, page)
        os.unlink(mem_old)
        moved.append(_shown(mem_new, root))
    if en_old.exists():
        en_new.parent.mkdir(parents=True, exist_ok=True)
        os.rename(en_old, en_new)
        moved.append(_shown(en_new, root))
    return moved


def _article(rel: str) -> str:
    if not rel.startswith(VI_DIR):
        raise ValueError(f"not a Vietnamese page path: {rel}")
    return rel[len(VI_DIR):]


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()
