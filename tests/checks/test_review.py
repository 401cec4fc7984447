"""scripts.checks.review and the status page: the articles whose metadata ingest is unsure of, each
field named with its file, line and what to put in the sidecar."""
import pytest

from scripts.checks import run_checks
from scripts.ingest import batch
from scripts.pages.status import status_pages
from tests.support.project import fixture_project, generation_inputs, run_cli

# A dump that names no outlet and prints no date, with a byline at its top and another at its end.
DUMP = """Người lao động trở về được hỗ trợ tìm việc làm ổn định
Minh Hà
Nhiều địa phương đã có cách làm hiệu quả để giúp người lao động trở về sử dụng kỹ năng và vốn tích lũy.
Tại Bắc Giang, trung tâm dịch vụ việc làm lập danh sách người lao động về nước theo từng xã.
Nhiều doanh nghiệp đánh giá cao kỹ năng, ngoại ngữ và tác phong công nghiệp của những người lao động này.
Thu Trang
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = fixture_project(tmp_path_factory.mktemp("review"))
    (project.sources / "tro-ve.txt").write_text(DUMP, encoding="utf-8")
    [record] = batch.ingest(project, [str(project.sources / "tro-ve.txt")])
    assert record.status == "created" and set(record.needs_review) == {"author", "outlet"}
    return project


def test_check_warns_about_each_field_to_review(project):
    findings = [f for f in run_checks(project, {"review"})]
    assert [(f.severity, f.field) for f in findings] == [("warning", "needs_review.author"),
                                                         ("warning", "needs_review.outlet")]
    author = findings[0]
    assert author.file == "docs/vi/articles/undated/nguoi-lao-dong-tro-ve-duoc-ho-tro-tim-viec-lam-on-dinh.md"
    lines = (project.root / author.file).read_text(encoding="utf-8").splitlines()
    assert lines[author.line - 1].strip().startswith("author:") and "needs_review:" in lines[author.line - 2]
    assert "the top byline says 'Minh Hà', the end 'Thu Trang'" in author.message
    assert "set `author:`" in author.message and "sources/tro-ve.txt.meta.yml" in author.message


def test_check_exits_zero_on_warnings_and_names_them(project):
    result = run_cli("check", "--only", "review", root=project.root)
    assert result.returncode == 0
    assert "warning: docs/vi/articles/undated/nguoi-lao-dong" in result.stdout and "[review]" in result.stdout


def test_the_status_page_lists_the_articles_to_review(project):
    pages = status_pages(generation_inputs(project))
    for lang, heading in (("vi", "## Cần xem lại"), ("en", "## Needs review")):
        text = pages[f"{lang}/status.md"]
        section = text[text.index(heading):]
        assert "[Người lao động trở về được hỗ trợ tìm việc làm ổn định](articles/undated/" in section
        assert "author: the top byline says" in section and "outlet: nothing on the page names its outlet" in section


def test_a_sidecar_value_clears_the_review(project):
    (project.sources / "tro-ve.txt.meta.yml").write_text("author: Minh Hà\noutlet: Báo Bắc Giang\n", encoding="utf-8")
    [record] = batch.ingest(project, [str(project.sources / "tro-ve.txt")])
    assert record.status == "updated" and record.needs_review is None
    assert list(run_checks(project, {"review"})) == []
