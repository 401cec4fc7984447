"""MkDocs hook: the generated pages brought up to date before each build, so they are never stale
(scripts/pages/)."""
from scripts import pages
from scripts.build import i18n
from scripts.build.mkdocs_events import preview, project_of, routed


@routed
def on_pre_build(config):
    # static-i18n runs a nested build per extra language: the pages generated at the start of this
    # build are still current. Unchanged pages are not rewritten, so `mkdocs serve` does not reload
    # on its own output. In the preview (python -m scripts serve) its coordinator generated them.
    if not i18n.nested(config) and not preview():
        pages.generate(project_of(config))
