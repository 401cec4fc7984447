"""`serve` (`make serve`): the preview a contributor edits against. Each language is built by its own
long-lived process into .preview/; after a save only what the change touches is built again (MkDocs'
dirty build: pages whose source changed, plus the pages whose generated parts the change alters), the
browser is told to reload, and one line says what changed and how long it took. A bad input is
reported and left out of the preview; `make build` and `check` still fail on it."""
from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import sys
import threading
import time
from pathlib import Path

import watchdog.events

from scripts.build.i18n import declared_languages
from scripts.build.language_process import Language
from scripts.core.cache import file_digest

PREVIEW_DIR = ".preview"
# A change to one of these changes every page (templates, interface words, page sizes, settings):
# every language is built again from scratch.
EVERYTHING = ("mkdocs.yml", "overrides", "hooks", "config")
WATCHED = ("docs", "glossary", "sources", "translations", *EVERYTHING)
# What a save is. Only these are asked of inotify: were files opened and read reported too, every
# file a rebuild reads would be an event for this process to sort out (~6,000 per rebuild at 1,000 articles).
CHANGES = [watchdog.events.FileCreatedEvent, watchdog.events.FileModifiedEvent, watchdog.events.FileMovedEvent,
           watchdog.events.FileDeletedEvent, watchdog.events.FileClosedEvent, watchdog.events.DirMovedEvent,
           watchdog.events.DirDeletedEvent]


def page_output(rel: str, prefix: str) -> str:
    """Where a page of docs/<lang>/ (`rel`) is written under a language's site folder."""
    path = rel[:-3]
    if path == "index" or path.endswith("/index"):
        path = path[:-5].rstrip("/")
    return f"{prefix}{path}/index.html" if path else f"{prefix}index.html"


# ─── What a change touches ────────────────────────────────────────────────────────────

def touched_articles(before, after) -> set[str]:
    """Articles whose page shows something that changed with the site data although their own
    source did not: their topics, related articles or terms, a related article's title, a topic's
    title, a term's definition (hover text)."""
    if before is None:
        return set()
    touched = set()
    titles = {rel: info.article.title for rel, info in after.articles.items()}
    old_titles = {rel: info.article.title for rel, info in before.articles.items()}
    changed_titles = {rel for rel in titles if old_titles.get(rel) != titles[rel]}
    changed_terms = changed(before.terms, after.terms)
    changed_topics = changed(before.topics, after.topics)
    english = {rel for rel in set(after.english) ^ set(before.english)}
    for rel, info in after.articles.items():
        old = before.articles.get(rel)
        if old is None or (old.terms, old.topics, old.related) != (info.terms, info.topics, info.related) \
                or changed_titles & set(info.related) or english & set(info.related) \
                or changed_terms & set(info.terms) or changed_topics & set(info.topics):
            touched.add(rel)
    return touched


def changed(before: dict, after: dict) -> set[str]:
    """Ids whose entry differs (terms and topics compare by value: their classes compare by identity)."""
    def value(item):
        return None if item is None else dataclasses.asdict(item)

    return {key for key in set(before) | set(after) if value(before.get(key)) != value(after.get(key))}


def kind_of(path: str) -> str:
    """"everything", "sources" or "pages" for a changed path relative to the repository."""
    top = path.split("/", 1)[0]
    if top in EVERYTHING:
        return "everything"
    return "sources" if top == "sources" else "pages"


# ─── The preview ──────────────────────────────────────────────────────────────────────

class Preview:
    """The languages' processes, the server, and what each rebuild does."""

    def __init__(self, project, address: str):
        self.project = project
        host, _, port = address.rpartition(":")
        self.host, self.port = host or "127.0.0.1", int(port)
        self.folder = project.root / PREVIEW_DIR
        self.languages = dict(declared_languages(project.mkdocs_yml))
        self.default = next(lang for lang, prefix in self.languages.items() if not prefix)
        self.url = f"http://{self.host}:{self.port}/"
        self.processes = {lang: Language(project.root, lang, prefix, self.folder / lang, self.url)
                          for lang, prefix in self.languages.items()}
        self.changes: set[str] = set()
        self.lock = threading.Lock()
        self.data = None
        self.inputs: str | None = None  # digest of the inputs the pages were last generated from
        self.generated: set[str] = set()  # the generated pages (paths under docs/)
        self.ours: dict[str, str] = {}  # path → digest of each file the stages wrote
        self.staging = False  # the stages are writing: the watcher's events wait (deferred)
        self.deferred: set[str] = set()
        self.server = None

    def stages(self, pipeline: bool) -> list[str]:
        """Bring the generated content up to date (ingest and translate offline too when `pipeline`):
        one line for each problem and each page ingest wrote; the preview goes on without what a
        problem names. The files written are remembered (`ours`): their events are no change."""
        lines, written = [], []
        with self.lock:
            self.staging = True
        try:
            lines += self._stages(pipeline, written)
        finally:
            self.ours.update({shown: file_digest(self.project.root / shown) for shown in written})
            with self.lock:
                self.staging, deferred, self.deferred = False, self.deferred, set()
            if deferred:
                self.saw(sorted(deferred))
        return lines

    def _stages(self, pipeline: bool, written: list[str]) -> list[str]:
        from scripts import ingest, pages, translate
        from scripts.core.cache import read_cache
        from scripts.core.fsutil import repository_lock
        from scripts.pages.model import LEFT_OUT, inputs_digest, site_data

        lines = []
        with repository_lock(self.project.root):
            if pipeline:
                try:
                    records = ingest.ingest(self.project)
                    lines += ingest.record_lines(records)
                    written += [r.page for r in records if r.page and r.status in ("created", "updated")]
                    written += [path for r in records for path in r.carried or []]
                    for report in translate.translate_all(self.project, None):
                        written += report.written
                        lines += [f"translate: {report.page}: {problem}" for problem in report.problems]
                except ValueError as exc:
                    lines.append(str(exc))
            try:
                digest = inputs_digest(self.project)  # once: hashing every input costs ~0.2 s at 1,000 articles
                written += [self.project.shown(p) for p in pages.generate(self.project, lenient=True, digest=digest)]
                self.data = site_data(self.project, lenient=True, digest=digest)
                self.inputs = digest
                lines += [f"left out of the preview: {problem}" for problem in LEFT_OUT]
            except ValueError as exc:
                lines.append(f"pages: {exc}")
            self.generated = set(read_cache(self.project.root, pages.PAGES_CACHE).get("outputs") or {})
        return lines

    def warm(self) -> None:
        from scripts.pages.model import read_site_data

        try:
            read_site_data(self.project, lenient=True)
        except (OSError, ValueError):
            pass  # the first edit reads everything: slower, not wrong

    def build(self, clean: bool) -> tuple[float, dict]:
        started = time.perf_counter()
        for process in self.processes.values():
            process.build(clean, self.inputs)
        results = {lang: process.result() for lang, process in self.processes.items()}
        self.link_languages()
        return time.perf_counter() - started, results

    def link_languages(self) -> None:
        """The default language's folder is the site's root: each other language's folder is linked in."""
        root = self.folder / self.default
        for lang, prefix in self.languages.items():
            link = root / prefix.rstrip("/")
            if not prefix or not (self.folder / lang / prefix).is_dir() or link.is_symlink():
                continue
            shutil.rmtree(link, ignore_errors=True)  # the default language's copy of the other's sitemap
            os.symlink(self.folder / lang / prefix, link)

    def touch(self, rels: set[str]) -> None:
        """Make MkDocs' dirty build render these articles again in every language (their output older
        than their source)."""
        for lang, prefix in self.languages.items():
            for rel in rels:
                output = self.folder / lang / page_output(rel, prefix)
                if output.exists():
                    os.utime(output, (0, 0))

    def rebuild(self) -> None:
        with self.lock:
            changed, self.changes = sorted(self.changes), set()
        started = time.perf_counter()
        kinds = {kind_of(path) for path in changed}
        before = self.data
        problems = self.stages(pipeline="sources" in kinds)
        clean = "everything" in kinds
        if not clean:
            touched = touched_articles(before, self.data) if before is not None and self.data is not None else set()
            homes = {"index.md"} if touched or before is not self.data else set()
            self.touch(touched | homes)
        _, results = self.build(clean)
        self.report(changed, time.perf_counter() - started, results, problems)

    def report(self, changed: list[str], seconds: float, results: dict, problems: list[str]) -> None:
        what = ", ".join(changed[:3]) + (f" and {len(changed) - 3} more" if len(changed) > 3 else "")
        parts = ", ".join(f"{lang} {len(r['pages'])} page(s) {r['seconds']:.1f} s" for lang, r in results.items())
        warnings = [w for r in results.values() for w in r["warnings"]]
        errors = [r["error"] for r in results.values() if r["error"]] + problems
        note = f"; {len(warnings)} warning(s)" if warnings else ""
        print(f"rebuilt in {seconds:.1f} s ({parts}){note}: {what or 'start'}", flush=True)
        for line in errors + warnings[:5]:
            print(f"  {line}", file=sys.stderr, flush=True)

    def serve(self) -> int:
        from mkdocs.livereload import LiveReloadServer
        from watchdog.observers import Observer

        shutil.rmtree(self.folder, ignore_errors=True)
        started = time.perf_counter()
        problems = self.stages(pipeline=True)
        # While the languages build, the per-article part of the site data is computed once in this
        # process (the site data itself came from .cache/): the first edit then redoes one article.
        warm = threading.Thread(target=self.warm, daemon=True)
        warm.start()
        _, results = self.build(clean=True)
        warm.join()
        self.report([], time.perf_counter() - started, results, problems)
        preview = self

        class Server(LiveReloadServer):
            def watch(self, path, func=None, *, recursive=True):
                """Watch `path`; remember which files changed, not the pipeline's own writes."""
                def callback(event):
                    if event.is_directory and event.event_type not in ("moved", "deleted"):
                        return
                    preview.saw([p for p in (event.src_path, getattr(event, "dest_path", "")) if p])

                handler = watchdog.events.FileSystemEventHandler()
                handler.on_any_event = callback
                self._watch_refs[path] = self.observer.schedule(handler, path, recursive=recursive,
                                                                event_filter=CHANGES)
                self._watched_paths[path] = 1

        server = Server(builder=self.rebuild, host=self.host, port=self.port, root=str(self.folder / self.default))
        self.server = server
        server.observer = Observer()  # inotify where there is one: a save is seen at once, no polling
        for name in WATCHED:
            if (self.project.root / name).exists():
                server.watch(str(self.project.root / name))
        print(f"serving on {self.url} (both languages; a save rebuilds only what it touches)", flush=True)

        def stop(signum, frame):
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, stop)  # as Ctrl-C: the language processes are stopped too
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
            for process in self.processes.values():
                process.stop()
        return 0

    def saw(self, paths: list[str]) -> None:
        """Files changed (the watcher's thread): a rebuild is wanted for those a contributor changed.
        While the stages write, the decision waits for them to end (they say what they wrote)."""
        with self.lock:
            if self.staging:
                self.deferred.update(paths)
                return
        relevant = [path for path in paths if self.relevant(path)]
        if not relevant:
            return
        with self.lock:
            self.changes.update(self.project.shown(path) for path in relevant)
        if self.server is not None:
            with self.server._rebuild_cond:
                self.server._want_rebuild = True
                self.server._rebuild_cond.notify_all()

    def relevant(self, path: str) -> bool:
        """A change a contributor made: not a page the pipeline generated or just wrote, a temporary
        file, a cache or the output."""
        shown = self.project.shown(path)
        name = os.path.basename(shown)
        if name.startswith((".", "#")) or name.endswith((".tmp", "~")) or shown.startswith((PREVIEW_DIR, ".cache", "site/")):
            return False
        if not os.path.splitext(name)[1] and not os.path.exists(path):
            return False  # an editor's temporary file, gone already: `sed -i`'s sedXXXXXX, vim's 4913
        if shown.startswith("docs/") and shown[len("docs/"):] in self.generated:
            return False
        return shown not in self.ours or self.ours[shown] != file_digest(Path(path))


def register(commands) -> None:
    parser = commands.add_parser(
        "serve",
        help="preview the site while you edit: only what a change touches is built again",
        description="Serve the site with both languages on ADDR (default 127.0.0.1:8000), each built by its own "
                    "process into .preview/. After a save only what it touches is built again and the browser "
                    "reloads; one line per rebuild says what changed and how long it took. A bad input is "
                    "reported and left out of the preview (make build and check still fail on it).",
    )
    parser.add_argument("--addr", default="127.0.0.1:8000", metavar="HOST:PORT", help="address to serve on")
    parser.set_defaults(func=run)


def run(project, args) -> int:
    return Preview(project, args.addr).serve()
