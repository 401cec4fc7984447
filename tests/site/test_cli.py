"""The command line: every command answers --help and is documented in the README."""
import subprocess
import sys

import pytest

from scripts.cli import COMMANDS, command_names
from tests.support.project import REPO as ROOT


def test_each_command_is_registered_by_the_module_named_for_it():
    """A command runs with only its own module loaded (COMMANDS), so that module must define it."""
    import argparse
    import importlib

    class Commands:  # what register() is given: records the commands it adds
        def __init__(self):
            self.names = []

        def add_parser(self, name, **options):
            self.names.append(name)
            return argparse.ArgumentParser(prog=name)

    assert command_names() == list(COMMANDS)
    for name, module in COMMANDS.items():
        commands = Commands()
        importlib.import_module(module).register(commands)
        assert commands.names == [name]


def test_a_command_loads_only_its_own_package():
    probe = ("import sys\nfrom scripts import cli\ntry:\n    cli.main(['build', '--help'])\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in ('scripts.ingest', 'scripts.translate', 'scripts.pages', 'trafilatura', 'mkdocs') "
             "if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "python -m scripts build" in loaded.stdout
    assert loaded.stdout.strip().splitlines()[-1] == "['scripts.pages']", loaded.stdout + loaded.stderr


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
