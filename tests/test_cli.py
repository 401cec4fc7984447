"""The command line: every command answers --help and is documented in the README."""
import subprocess
import sys

import pytest

from scripts.cli import COMMANDS, build_parser, command_names
from tests.conftest import ROOT


def test_there_are_commands():
    assert {"update", "pages"} <= set(command_names())


def test_each_command_is_registered_by_the_module_named_for_it():
    """A command runs with only its own module loaded (COMMANDS), so that module must define it."""
    assert command_names() == list(COMMANDS)
    for name in COMMANDS:
        action = next(a for a in build_parser(name)._actions if a.dest == "command")
        assert list(action.choices) == [name]


def test_a_command_loads_only_its_own_module():
    probe = ("import sys\nfrom scripts import cli\ntry:\n    cli.main(['build', '--help'])\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in ('scripts.ingest', 'scripts.translate', 'trafilatura') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "python -m scripts build" in loaded.stdout
    assert loaded.stdout.strip().splitlines()[-1] == "[]", loaded.stdout + loaded.stderr


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
