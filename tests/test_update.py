"""`python -m scripts update` on a checkout: every stage runs, and committed content is in sync."""
import shutil
import subprocess
import sys

from tests.conftest import ROOT, copy_project


def tracked_files() -> list[str]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True)
    return [name for name in listed.stdout.split("\0") if name]


def test_update_on_a_checkout_changes_no_committed_file(tmp_path):
    """What is committed (Vietnamese pages, English pages, translation memory) is exactly what the
    pipeline makes of sources/ and the memory: a new clone's `make serve` rewrites nothing."""
    project = copy_project(tmp_path)
    shutil.copytree(ROOT / "translations", project / "translations")
    content = [f for f in tracked_files() if f.startswith(("docs/", "translations/"))]
    before = {f: (ROOT / f).read_bytes() for f in content}
    result = subprocess.run([sys.executable, "-m", "scripts", "update", "--root", str(project)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert [line.split(":")[0] for line in result.stdout.splitlines() if line.endswith(": ok")] == [
        "ingest", "translate", "pages"]
    changed = [f for f, data in before.items() if (project / f).read_bytes() != data]
    assert changed == [], f"update rewrote committed files: {changed}"
    assert (project / "docs" / "en" / "articles" / "index.md").is_file()
