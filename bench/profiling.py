"""Where a bilingual build spends its time: one `mkdocs build` under cProfile, grouped into known parts."""
from __future__ import annotations

import pstats
import sys
from pathlib import Path

# (label, file path fragment, function name): the parts of a build worth naming. Times are
# cumulative (a part includes what it calls), so parts may overlap; shares are of the whole build.
PARTS = [
    ("static-i18n search de-duplication (reconfigure_search)", "mkdocs_static_i18n/reconfigure.py",
     "reconfigure_search_duplicates"),
    ("static-i18n: the second (English) build", "mkdocs_static_i18n/plugin.py", "on_post_build"),
    ("Markdown to HTML (all pages)", "markdown/core.py", "convert"),
    ("Theme templates, Jinja (all pages)", "jinja2/environment.py", "render"),
    ("Search plugin: index entries", "plugins/search/plugin.py", "on_page_context"),
    ("Search plugin: writing the index", "plugins/search/plugin.py", "on_post_build"),
    ("YAML parsing, pure Python (yaml.load)", "yaml/__init__.py", "load"),
    ("YAML composing, pure Python (yaml.compose)", "yaml/__init__.py", "compose"),
    ("Writing files", "mkdocs/utils/__init__.py", "write_file"),
]
BUILD = ("mkdocs/commands/build.py", "build")
# Our own code: every hook function and every function of scripts/ taking at least this share.
OWN_MIN_SHARE = 0.02


def profile_command(output: Path) -> list[str]:
    return [sys.executable, "-m", "cProfile", "-o", str(output), "-m", "mkdocs", "build", "--strict",
            "--site-dir", "site-profile"]


def _cumulative(stats: pstats.Stats, fragment: str, name: str) -> float:
    return sum(values[3] for (file, _, func), values in stats.stats.items()
               if func == name and fragment in file.replace("\\", "/"))


def hotspots(profile: Path, project: Path) -> dict:
    """Seconds and share of the build for each known part and for our hooks and scripts."""
    stats = pstats.Stats(str(profile))
    total = _cumulative(stats, *BUILD) or max(v[3] for v in stats.stats.values())
    parts = [{"part": label, "seconds": seconds, "share": seconds / total}
             for label, fragment, name in PARTS if (seconds := _cumulative(stats, fragment, name))]
    own_root = str(Path(project).resolve())
    own = []
    for (file, line, func), values in stats.stats.items():
        if not file.startswith(own_root):
            continue
        rel = Path(file).relative_to(own_root).as_posix()
        is_hook = rel.startswith("hooks/") and func.startswith("on_")
        if (is_hook or rel.startswith("scripts/")) and values[3] / total >= OWN_MIN_SHARE:
            own.append({"part": f"{rel}:{line} {func}", "seconds": values[3], "share": values[3] / total})
    own.sort(key=lambda item: -item["seconds"])
    return {"build_s": total, "parts": parts, "own": own[:15]}
