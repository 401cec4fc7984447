"""Where the English of each paragraph comes from (scripts/pages/origins.py): aligned with the
Vietnamese segments the page was written from (the memory's order), each an engine's draft, a
person's translation or pending; a page whose paragraphs were merged or split is not aligned."""
from __future__ import annotations

from scripts.core import frontmatter
from scripts.pages.origins import english_origins
from scripts.project import Project
from scripts.translate.memory import PageMemory, Record, load_page
from scripts.translate.segments import page_segments, parts_of, segments_in
from tests.support.project import FIXTURES

REL = "articles/2021/ho-tro-lao-dong-di-cu-hoi-huong.md"
SITE = FIXTURES / "site"


def page(lang: str) -> tuple[dict, str]:
    return frontmatter.split((SITE / "docs" / lang / REL).read_text(encoding="utf-8"), REL)


def origins(en_body: str | None = None, en_meta: dict | None = None, vi_body: str | None = None,
            memory: PageMemory | None = None):
    vi_meta, vi = page("vi")
    meta, body = page("en")
    return english_origins(en_meta or meta, en_body or body, vi_meta, vi_body or vi,
                           memory if memory is not None else load_page(Project(SITE), REL))


def test_each_english_paragraph_says_where_its_english_comes_from():
    _, vi_body = page("vi")
    vi_ids = [s.id for s in segments_in(parts_of(vi_body))]
    found = origins()
    assert [sid for sid, _ in found] == vi_ids  # heading, three paragraphs
    assert [origin for _, origin in found] == ["machine", "machine", "human", "pending"]


def test_an_edit_the_memory_has_not_recorded_yet_is_a_persons_translation():
    _, en_body = page("en")
    edited = en_body.replace("Many provinces are opening", "Several provinces open")
    assert origins(edited)[1][1] == "human"


def test_without_a_memory_the_page_says_what_its_english_is():
    machine = origins(memory=PageMemory(REL))
    assert [origin for _, origin in machine] == ["machine", "machine", "machine", "pending"]
    en_meta, _ = page("en")
    human = origins(en_meta={**en_meta, "translation": {"status": "human"}}, memory=PageMemory(REL))
    assert [origin for _, origin in human] == ["human", "human", "human", "pending"]


def test_a_page_whose_paragraphs_were_merged_is_not_aligned():
    _, en_body = page("en")
    assert origins(en_body.replace("home.\n\nWorkers", "home. Workers")) is None


def test_the_memory_order_aligns_an_outdated_page_with_what_it_was_translated_from():
    """The English page follows the Vietnamese segments it was written from (the memory's order),
    not the Vietnamese page as it is now."""
    _, vi_body = page("vi")
    old = load_page(Project(SITE), REL)
    changed = vi_body.replace("Các tỉnh sẽ tổng kết", "Đoạn mới.\n\nCác tỉnh sẽ tổng kết")
    assert [sid for sid, _ in origins(vi_body=changed)] == old.order[2:]


def test_the_record_of_a_finished_segment_decides_machine_or_human():
    memory = load_page(Project(SITE), REL)
    sid = memory.order[4]
    memory.records[sid] = Record(sid, memory.records[sid].vi, None, memory.records[sid].en, "some-engine", "t")
    assert origins(memory=memory)[2][1] == "machine"


def test_the_title_and_description_are_segments_of_the_memory_not_of_the_body():
    vi_meta, vi_body = page("vi")
    assert len(page_segments(vi_meta, vi_body)) == len(segments_in(parts_of(vi_body))) + 2


def test_the_site_data_carries_the_origins_of_every_translated_article(tmp_path):
    import shutil

    from scripts.pages.model import read_site_data
    from tests.support.project import copy_project

    project = Project(copy_project(tmp_path))
    for name in ("docs", "translations"):
        shutil.copytree(SITE / name, tmp_path / name, dirs_exist_ok=True)
    data = read_site_data(project)
    assert set(data.origins) == set(data.english)
    assert [o for _, o in data.origins[REL]] == ["machine", "machine", "human", "pending"]
    from scripts.pages.model import decoded, encoded
    assert decoded(encoded(data)).origins == data.origins  # kept between processes (.cache/site-data.json)
