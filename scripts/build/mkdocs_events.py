"""What every hook shares: the project a MkDocs build belongs to, and errors of the pipeline's code
(a bad glossary or front matter) turned into one line MkDocs prints instead of a traceback."""
from __future__ import annotations

import functools
import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from scripts.project import Project


PREVIEW_VARIABLE = "SITE_PREVIEW"  # set by `python -m scripts serve` in its language processes
# The preview's language processes: the digest of the inputs its coordinator hashed and generated
# the pages from just before this build (pages.model.inputs_digest), so that no build hashes them again.
INPUTS_VARIABLE = "SITE_PREVIEW_INPUTS"


def preview() -> bool:
    """Whether this build is the contributor's preview: a bad glossary or topic file is left out
    (and reported) instead of stopping it."""
    return os.environ.get(PREVIEW_VARIABLE) == "1"


def preview_inputs() -> str | None:
    """In the preview, the digest of the inputs this build is of (INPUTS_VARIABLE); else None."""
    return (os.environ.get(INPUTS_VARIABLE) or None) if preview() else None


def project_of(config) -> Project:
    """The project whose mkdocs.yml this build reads."""
    return Project(Path(config.config_file_path).parent)


def routed(function):
    """`function` as a MkDocs event handler: a ValueError from the pipeline (its message names the
    file and what is wrong) stops the build as a PluginError, one line."""
    @functools.wraps(function)
    def handler(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except PluginError:
            raise
        except ValueError as exc:
            raise PluginError(str(exc)) from None
    return handler
