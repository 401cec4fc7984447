"""scripts.ingest.fetch and `ingest URL`: a page downloaded from a local HTTP server on 127.0.0.1
(never the network) becomes a source with its sidecar and a page; every failure is one line, and
nothing is written."""
import http.server
import json
import shutil
import threading
import time
from pathlib import Path

import pytest
import yaml

from scripts.core import frontmatter
from scripts.ingest.fetch import DownloadError, DownloadSettings, download, is_url
from tests.support.project import REPO, run_cli

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"
PAGE = (FIXTURES / "page.html").read_bytes()
SETTINGS = DownloadSettings(user_agent="Mozilla/5.0 test-agent", timeout_s=0.5, max_bytes=100_000, max_redirects=2)


class Handler(http.server.BaseHTTPRequestHandler):
    """Answers the paths the tests ask for; records each request's path and user agent."""

    requests: list = []

    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):  # noqa: N802 - the name http.server calls
        Handler.requests.append((self.path, self.headers.get("User-Agent")))
        routes = {
            "/tin/page.html": (200, "text/html; charset=utf-8", PAGE),
            "/json": (200, "application/json", b"{}"),
            "/big": (200, "text/html", b"<html>" + b"x" * 200_000 + b"</html>"),
        }
        if self.path in routes:
            code, kind, body = routes[self.path]
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path in ("/moved", "/loop", "/to-ftp"):
            target = {"/moved": "/tin/page.html", "/loop": "/loop", "/to-ftp": "ftp://127.0.0.1/x.html"}[self.path]
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/slow":
            time.sleep(2)
            self.send_response(200)
            self.end_headers()
        else:
            self.send_error(404, "Not Found")


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def repo(tmp_path):
    shutil.copytree(REPO / "config", tmp_path / "config")
    (tmp_path / "sources").mkdir()
    (tmp_path / "docs" / "vi" / "articles").mkdir(parents=True)
    return tmp_path


def files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*")
                  if p.is_file() and not p.relative_to(root).as_posix().startswith(("config/", ".cache/")))


def test_a_downloaded_page_is_kept_in_sources_and_ingested(repo, server):
    url = f"{server}/tin/page.html"
    result = run_cli("ingest", url, "--json", root=repo, timeout=120)
    assert result.returncode == 0, result.stderr
    [record] = map(json.loads, result.stdout.splitlines())
    slug = "nguoi-lao-dong-di-cu-duoc-ho-tro-phap-ly-mien-phi"
    assert (record["status"], record["url"], record["source"]) == ("created", url, f"sources/{slug}.html")
    assert (repo / "sources" / f"{slug}.html").read_bytes() == PAGE  # kept as downloaded
    sidecar = yaml.safe_load((repo / "sources" / f"{slug}.html.meta.yml").read_text(encoding="utf-8"))
    assert sidecar["source_url"] == url and sidecar["fetched"].endswith("+00:00")
    meta, _ = frontmatter.read(repo / record["page"])
    assert meta["source_url"] == url and meta["title"] == "Người lao động di cư được hỗ trợ pháp lý miễn phí"
    assert Handler.requests[-1] == ("/tin/page.html", yaml.safe_load(
        (repo / "config" / "cleaning.yml").read_text(encoding="utf-8"))["download"]["user_agent"])


def test_an_address_already_downloaded_is_not_downloaded_again(repo, server):
    url = f"{server}/tin/page.html"
    run_cli("ingest", url, root=repo, timeout=120)
    before = len(Handler.requests)
    again = run_cli("ingest", url, root=repo, timeout=120)
    assert again.returncode == 0 and again.stdout.startswith("unchanged") and len(Handler.requests) == before


def test_a_failed_download_is_one_line_and_writes_nothing(repo, server):
    result = run_cli("ingest", f"{server}/tin/missing.html", root=repo, timeout=120)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"error: {server}/tin/missing.html: HTTP 404 Not Found"]
    assert files(repo) == []


def test_a_redirect_is_followed_and_recorded(server):
    got = download(f"{server}/moved", SETTINGS)
    assert (got.requested, got.url, got.data) == (f"{server}/moved", f"{server}/tin/page.html", PAGE)


@pytest.mark.parametrize("path, reason", [
    ("/loop", "more than 2 redirects"),
    ("/to-ftp", "redirected to 'ftp://127.0.0.1/x.html', which is not an http:// or https:// address"),
    ("/json", "not an HTML page (Content-Type: application/json)"),
    ("/big", "too large: 200,013 bytes, the limit is 100,000"),
    ("/slow", "no answer within 0.5 s"),
    ("/nothing-here", "HTTP 404 Not Found"),
])
def test_each_failure_says_why(server, path, reason):
    with pytest.raises(DownloadError) as error:
        download(server + path, SETTINGS)
    assert str(error.value) == reason


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/x.html", "file:///etc/passwd", "javascript://alert(1)"])
def test_only_http_and_https_addresses_are_downloaded(url):
    assert is_url(url)
    with pytest.raises(DownloadError, match="not an http:// or https:// address"):
        download(url, SETTINGS)


def test_a_closed_port_is_one_line(repo):
    result = run_cli("ingest", "http://127.0.0.1:9/x.html", root=repo, timeout=120)
    assert result.returncode == 1 and len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("error: http://127.0.0.1:9/x.html: cannot connect: ") and files(repo) == []


def test_download_settings_come_from_the_config_and_are_checked(repo):
    from scripts.core.schema import SchemaError
    from scripts.project import Project

    settings = Project(repo).download_settings()
    assert settings.max_redirects == 5 and settings.user_agent.startswith("Mozilla/5.0")
    path = repo / "config" / "cleaning.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("timeout_s: 20", "timeout_s: soon"), encoding="utf-8")
    with pytest.raises(SchemaError, match=r"config/cleaning.yml:\d+: field 'download.timeout_s': expected a number"):
        Project(repo).download_settings()
