"""The project: one repository of the site, with every path the pipeline reads or writes and every
setting, loaded from its file. Every stage and command takes one; nothing below the command line
computes a root of its own."""
from __future__ import annotations

import os
from pathlib import Path

from scripts.core.fsutil import confined
from scripts.core.labels import Labels, labels_from
from scripts.core.schema import load_settings

# The checkout this code is in: the project the command line works on unless told otherwise.
CODE_ROOT = Path(__file__).resolve().parent.parent



class Project:
    """Paths and settings of the repository at `root`."""

    def __init__(self, root: Path | str = CODE_ROOT):
        self.root = Path(os.path.abspath(root))

    def __repr__(self) -> str:
        return f"Project({str(self.root)!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Project) and other.root == self.root

    def __hash__(self) -> int:
        return hash(self.root)

    # ─── Folders and files ────────────────────────────────────────────────────────────
    @property
    def sources(self) -> Path:
        """Raw articles as received (.txt, .html) and their sidecars."""
        return self.root / "sources"

    @property
    def docs(self) -> Path:
        """MkDocs' docs_dir: one folder per language, the same relative paths in each."""
        return self.root / "docs"

    @property
    def glossary(self) -> Path:
        return self.root / "glossary"

    @property
    def terms_dir(self) -> Path:
        return self.glossary / "terms"

    @property
    def topics_dir(self) -> Path:
        return self.glossary / "topics"

    @property
    def memory_dir(self) -> Path:
        """The translation memory: one YAML file per article."""
        return self.root / "translations" / "memory"

    @property
    def config_dir(self) -> Path:
        return self.root / "config"

    @property
    def cache_dir(self) -> Path:
        """Git-ignored caches that only save time: deleting the folder is always safe."""
        return self.root / ".cache"

    @property
    def exports_dir(self) -> Path:
        return self.root / "exports"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def lock_file(self) -> Path:
        return self.root / ".pipeline.lock"

    def lang_dir(self, lang: str) -> Path:
        """docs/<lang>/"""
        return self.docs / lang

    def page(self, lang: str, rel: str) -> Path:
        """docs/<lang>/<rel>: `rel` is a page's path under its language folder."""
        return self.docs / lang / rel

    def memory_file(self, rel: str) -> Path:
        """translations/memory/<article path without .md>.yml"""
        return self.memory_dir / Path(rel).with_suffix(".yml")

    def config_file(self, name: str) -> Path:
        return self.config_dir / f"{name}.yml"

    def shown(self, path: Path | str) -> str:
        """`path` as messages show it: relative to the repository when inside it (links not
        followed), else as given."""
        try:
            return Path(os.path.abspath(path)).relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    # ─── Settings (each read again whenever its file changes) ─────────────────────────
    def labels(self) -> Labels:
        """config/labels.yml: the interface words of both languages."""
        path = self.config_file("labels")
        return load_settings(path, self.shown(path), labels_from)

    def cleaning_rules(self):
        """config/cleaning.yml: the ingest stage's site-specific patterns and limits, naming outlets
        from the registry (outlets())."""
        from scripts.ingest.rules import rules_from

        path = self.config_file("cleaning")
        return load_settings(path, self.shown(path), rules_from).with_outlets(self.outlets())

    def outlets(self):
        """config/outlets.yml: the outlet registry (names, English names, domains, mastheads, prefixes)."""
        from scripts.ingest.outlets import outlets_from

        path = self.config_file("outlets")
        return load_settings(path, self.shown(path), outlets_from)

    def download_settings(self):
        """config/cleaning.yml `download:`: how `ingest URL` downloads a page."""
        from scripts.ingest.fetch import download_settings_from

        path = self.config_file("cleaning")
        return load_settings(path, self.shown(path), download_settings_from)

    def name_cues(self):
        """config/names.yml: how the text introduces people, organisations and places (glossary suggest)."""
        from scripts.glossary.names import cues_from

        path = self.config_file("names")
        return load_settings(path, self.shown(path), cues_from)

    def page_settings(self):
        """config/pages.yml: sizes of the generated pages."""
        from scripts.pages.model import page_settings_from

        path = self.config_file("pages")
        return load_settings(path, self.shown(path), page_settings_from)

    def translation_settings(self):
        """config/translation.yml: engines, timeouts, retries, rate limit."""
        from scripts.translate.engines import settings_from

        path = self.config_file("translation")
        return load_settings(path, self.shown(path), settings_from)

    # ─── An article moving ────────────────────────────────────────────────────────────
    def move_article(self, old: str, new: str) -> list[str]:
        """Move the English page and the translation memory of the article at `old` to those of
        `new` (paths under docs/<lang>/); returns the repository paths written.

        Called before the Vietnamese page moves: a run killed in between leaves the Vietnamese page
        at `old` and its companions at `new`, which the next run's move completes. Nothing moves
        when a destination is taken or the memory cannot be read (MoveError)."""
        from scripts.translate import memory

        en_old, en_new = self.page("en", old), self.page("en", new)
        mem_old, mem_new = self.memory_file(old), self.memory_file(new)
        for source, target in ((en_old, en_new), (mem_old, mem_new)):
            if source.exists() and target.exists():
                raise MoveError(f"{self.shown(target)}: already exists, so {self.shown(source)} cannot move "
                                "there with its article; keep the one that belongs to the article, remove the other")
        moved = []
        if mem_old.exists():
            try:
                page = memory.load_page(self, old)
            except (ValueError, OSError) as exc:
                raise MoveError(f"cannot move the translation memory with its article: {exc}") from exc
            page.rel = new
            memory.save_page(self, page)
            os.unlink(mem_old)
            moved.append(self.shown(mem_new))
        if en_old.exists():
            confined(en_new, self.root)
            en_new.parent.mkdir(parents=True, exist_ok=True)
            os.rename(en_old, en_new)
            moved.append(self.shown(en_new))
        return moved


class MoveError(ValueError):
    """An article's English page or memory cannot follow its Vietnamese page; says which file and why."""
