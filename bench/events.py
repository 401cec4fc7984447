"""Where one `mkdocs build` spends its wall-clock time, by plugin and hook event (no profiler, so
the figures are those of a real build). Run it from the project folder, e.g. one language:

    SITE_BUILD_LANGUAGE=vi python -m bench.events /tmp/site-vi

It prints the build's total and every event handler, Markdown conversion and template rendering
that took more than 0.05 s, summed over all pages. Parts overlap: a page's events run inside
_populate_page and _build_page."""
from __future__ import annotations

import collections
import sys
import time

import jinja2
import markdown
import mkdocs.plugins as mkdocs_plugins
from mkdocs.commands import build as mkdocs_build

SECONDS: collections.Counter = collections.Counter()


def _timed(function, label: str):
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            SECONDS[label] += time.perf_counter() - start
    timed.mkdocs_priority = getattr(function, "mkdocs_priority", 0)
    return timed


def _install() -> None:
    register = mkdocs_plugins.PluginCollection._register_event

    def timed_register(self, event_name, method, plugin_name=None):
        if isinstance(method, mkdocs_plugins.CombinedEvent):
            for sub in method.methods:
                timed_register(self, event_name, sub, plugin_name)
            return None
        label = f"{event_name}: {getattr(method, '__module__', '?')}.{getattr(method, '__qualname__', '?')}"
        return register(self, event_name, _timed(method, label), plugin_name)

    mkdocs_plugins.PluginCollection._register_event = timed_register
    markdown.Markdown.convert = _timed(markdown.Markdown.convert, "Markdown convert (all pages)")
    jinja2.Template.render = _timed(jinja2.Template.render, "Jinja render (all pages)")
    mkdocs_build._populate_page = _timed(mkdocs_build._populate_page, "_populate_page (read, Markdown, events)")
    mkdocs_build._build_page = _timed(mkdocs_build._build_page, "_build_page (context, template, write)")


def main(site_dir: str) -> None:
    _install()
    from mkdocs.__main__ import cli

    start = time.perf_counter()
    try:
        cli(["build", "--quiet", "--site-dir", site_dir])
    except SystemExit:
        pass
    print(f"{time.perf_counter() - start:6.2f} s  whole build")
    for label, seconds in SECONDS.most_common():
        if seconds > 0.05:
            print(f"{seconds:6.2f} s  {label}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
