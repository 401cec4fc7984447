"""The command line: every command answers --help and is documented in the README."""
import subprocess
import sys

import pytest

from scripts.cli import command_names
from tests.conftest import ROOT


def test_there_are_commands():
    assert {"update", "pages"} <= set(command_names())


@pytest.mark.parametrize("command", command_names())
def test_every_command_has_help(command):
    result = subprocess.run([sys.executable, "-m", "scripts", command, "--help"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert f"python -m scripts {command}" in result.stdout


@pytest.mark.parametrize("command", command_names())
def test_every_command_is_in_the_readme(command):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"python -m scripts {command}" in readme, f"README.md does not document `{command}`"
