"""Pages: the generated pages of both languages (archive, glossary, topics, translation status, the
side-by-side view),
derived from the site data (model) at every build, so they are never stale. Each generator returns
{path under docs/: Markdown}; only pages that changed are written, and nothing is generated while
no input changed (.cache/pages.json). The home pages' parts are filled at build time (home)."""
from __future__ import annotations

from scripts.core.cache import code_digest, combined, file_digest, read_cache, text_digest, write_cache
from scripts.core.fsutil import write_if_changed
from scripts.pages.archive import archive_pages
from scripts.pages.glossary import glossary_pages
from scripts.pages.model import CODE, LEFT_OUT, Inputs, Pages, inputs_digest, site_data
from scripts.pages.side_by_side import side_by_side_pages
from scripts.pages.status import status_pages
from scripts.pages.topics import topic_pages

# Every generator of the site, in order.
GENERATORS = (archive_pages, glossary_pages, topic_pages, status_pages, side_by_side_pages)
PAGES_CACHE = "pages.json"  # under .cache/: the inputs and outputs of the last generation


def generation_key(project, labels, settings, digest: str) -> str:
    """Digest of everything the generators read: the site data's input files, the interface words
    and page settings as loaded, which generators run, and the code; `digest` is inputs_digest's."""
    generators = ",".join(f"{g.__module__}.{g.__qualname__}" for g in GENERATORS)
    return combined(digest, labels.digest, settings.digest, generators, code_digest(*CODE))


def generate(project, lenient: bool = False, digest: str | None = None) -> list:
    """Write every generated page that changed; return the paths written. Nothing is generated
    when neither the inputs nor the generated pages changed since the last generation. `lenient`
    (the preview): a bad term or topic file is left out (model.LEFT_OUT) and nothing is recorded,
    so that a strict generation reads the files again and fails on it. `digest`: inputs_digest's,
    when the caller has just computed it."""
    labels, settings = project.labels(), project.page_settings()
    digest = digest or inputs_digest(project)  # before reading: an edit meanwhile redoes the work
    key = generation_key(project, labels, settings, digest)
    last = read_cache(project.root, PAGES_CACHE)
    if last.get("inputs") == key and outputs_intact(project, last.get("outputs")):
        return []
    inputs = Inputs(site_data(project, lenient, digest), labels, settings)
    written, outputs = [], {}
    for generator in GENERATORS:
        pages: Pages = generator(inputs)
        for rel, text in pages.items():
            text = with_notice(text, labels(rel.split("/", 1)[0], "generated_notice"))
            path = project.docs / rel
            outputs[rel] = text_digest(text)
            if write_if_changed(path, text, project.root):
                written.append(path)
    if not LEFT_OUT:
        write_cache(project.root, PAGES_CACHE, {"inputs": key, "outputs": outputs})
    return written


def with_notice(text: str, notice: str) -> str:
    """A generated page's Markdown with the note for contributors (do not edit it) as an HTML
    comment at its end: in the page's source, never shown to readers."""
    return f"{text.rstrip()}\n\n<!-- {notice.replace('--', '—')} -->\n"


def outputs_intact(project, outputs) -> bool:
    """Whether every page of the last generation is still on disk exactly as it was written (a
    deleted or hand-edited generated page is regenerated)."""
    if not isinstance(outputs, dict) or not outputs:
        return False
    return all(file_digest(project.docs / rel) == digest for rel, digest in outputs.items())


def register(commands) -> None:
    parser = commands.add_parser(
        "pages",
        help="regenerate the generated pages (archive, glossary, topics, status)",
        description="Write the pages derived from articles and glossary data; unchanged pages are not rewritten, "
                    "and nothing is generated while no input and no generated page changed (.cache/pages.json).",
    )
    parser.set_defaults(func=run)


def run(project, args) -> int:
    written = generate(project)
    for path in written:
        print(f"wrote {project.shown(path)}")
    print(f"{len(written)} generated page(s) changed")
    return 0
