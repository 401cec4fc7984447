"""The preview's language processes (scripts/build/serve.py): each builds one language into its own
folder of .preview/, again on every request, in-process (MkDocs' dirty build after the first), with
the theme's templates compiled once and the search index of a dirty build merged into the whole."""
from __future__ import annotations

import json
import multiprocessing
import os
import sys
import time
from pathlib import Path

from scripts.build import die_with_parent
from scripts.build.i18n import LANGUAGE_VARIABLE
from scripts.build.mkdocs_events import INPUTS_VARIABLE, PREVIEW_VARIABLE
from scripts.build.search_index import index_bytes, index_path, titles_index, titles_path, updated_index
from scripts.core.fsutil import write_atomic

# The 404 page and the sitemap list every page: a dirty build keeps the first build's.
UNCHANGED_TEMPLATES = {"404.html", "sitemap.xml"}


def language_process(connection, root: str, lang: str, prefix: str, site_dir: str, serve_url: str) -> None:
    """Build `lang` into `site_dir` on every request ("build", clean, digest of the inputs the
    pages were generated from) → {"seconds", "warnings", "error", "pages": the pages it rendered}.
    Ctrl-C is the coordinator's to handle: it stops this process."""
    import logging
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()

    os.environ[LANGUAGE_VARIABLE] = lang
    os.environ[PREVIEW_VARIABLE] = "1"
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    sys.path.insert(0, root)
    warnings: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            message = record.getMessage()
            if record.levelno >= logging.WARNING and "dirty" not in message:
                warnings.append(f"[{lang}] {message.splitlines()[0]}")

    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [Collect()]
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    import mkdocs.commands.build as builder
    from mkdocs.config import load_config

    rendered: list[str] = []
    populate = builder._populate_page

    def counted(page, config, files, dirty=False):  # a dirty build reads only the pages it renders again
        if not dirty or page.file.is_modified():
            rendered.append(page.file.src_uri)
        return populate(page, config, files, dirty)

    builder._populate_page = counted
    compiled = CompiledTemplates()

    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):  # the preview is gone
            return
        if request is None:
            return
        _, clean, inputs = request
        os.environ[INPUTS_VARIABLE] = inputs or ""
        warnings.clear()
        rendered.clear()
        started = time.perf_counter()
        site = Path(site_dir)
        index = site / index_path(prefix)
        kept = None if clean or not index.is_file() else json.loads(index.read_bytes())
        try:
            config = load_config(config_file=os.path.join(root, "mkdocs.yml"), site_dir=site_dir, strict=False)
            compiled.attach(config.theme)
            if not clean:  # the 404 page and the sitemap list every page: the first build's are kept
                config.theme.static_templates.difference_update(UNCHANGED_TEMPLATES)
            builder.build(config, serve_url=serve_url, dirty=not clean)
            if kept is not None:  # a dirty build indexes only the pages it built: the others are kept
                merged = updated_index(kept, json.loads(index.read_bytes()))
                write_atomic(index, index_bytes(merged))
                write_atomic(site / titles_path(prefix), index_bytes(titles_index(merged)))
            error = None
        except Exception as exc:  # noqa: BLE001 - reported to the contributor, the preview goes on
            error = f"[{lang}] {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        connection.send({"seconds": time.perf_counter() - started, "warnings": list(warnings), "error": error,
                         "pages": list(rendered)})


class CompiledTemplates:
    """The theme's templates compiled once per process, not once per build (Jinja's bytecode cache
    keyed by template and source checksum: an edited template is compiled again)."""

    def __init__(self):
        import jinja2

        class Memory(jinja2.BytecodeCache):
            def __init__(self):
                self.code: dict[str, bytes] = {}

            def load_bytecode(self, bucket):
                if bucket.key in self.code:
                    bucket.bytecode_from_string(self.code[bucket.key])

            def dump_bytecode(self, bucket):
                self.code[bucket.key] = bucket.bytecode_to_string()

        self.cache = Memory()

    def attach(self, theme) -> None:
        get_env, cache = theme.get_env, self.cache

        def with_cache():
            env = get_env()
            env.bytecode_cache = cache
            return env

        theme.get_env = with_cache


class Language:
    """One language's build process and how to reach it."""

    def __init__(self, root: Path, lang: str, prefix: str, site_dir: Path, serve_url: str):
        self.lang, self.prefix, self.site_dir = lang, prefix, site_dir
        context = multiprocessing.get_context("spawn")
        self.connection, child = context.Pipe()
        self.process = context.Process(target=language_process, daemon=True,
                                       args=(child, str(root), lang, prefix, str(site_dir), serve_url))
        self.process.start()

    def warm(self) -> None:
        from scripts.pages.model import read_site_data

        try:
            read_site_data(self.project, lenient=True)
        except (OSError, ValueError):
            pass  # the first edit reads everything: slower, not wrong

    def build(self, clean: bool, inputs: str | None) -> None:
        self.connection.send(("build", clean, inputs))

    def result(self) -> dict:
        return self.connection.recv()

    def stop(self) -> None:
        try:
            self.connection.send(None)
        except OSError:
            pass
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.terminate()
