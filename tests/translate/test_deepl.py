"""DeepL through the official deepl SDK against a stand-in speaking DeepL's API v2: the glossary synced
as a DeepL glossary (Vietnamese source), reused while unchanged and replaced when it changes; drafts
checked like every engine's; errors retried or reported; answers bounded."""
import dataclasses

import pytest

from scripts.core import frontmatter
from scripts.core.schema import Document
from scripts.project import Project
from scripts.translate import translate_all
from scripts.translate.engines import AnswerError, EngineError, make_engine, settings_from
from tests.support.deepl_server import DeepLServer
from tests.support.translation_project import FAST, en_page, fixture_terms, make_project, term

KEY = "deepl-test-key:fx"


@pytest.fixture
def server():
    with DeepLServer(KEY) as running:
        yield running


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path)


def deepl(server, settings=None, key=KEY):
    return make_engine("deepl", settings or settings_from(Document(FAST, "t")), url=server.url, env={"DEEPL_AUTH_KEY": key})


def test_the_glossary_is_synced_once_and_every_segment_drafted_and_checked(project, server):
    [report] = translate_all(Project(project), deepl(server), fixture_terms())
    assert report.pending == 0 and report.drafted == 9
    [(gid, glossary)] = server.glossaries.items()
    assert glossary["source_lang"] == "VI" and glossary["target_lang"] == "EN"
    assert glossary["entries"]["Bộ Ngoại giao"] == "Ministry of Foreign Affairs" and glossary["entries"]["IOM"] == "IOM"
    assert all(body["glossary_id"] == gid and body["source_lang"] == "VI" and body["target_lang"] == "EN-GB"
               for body in server.translated)
    assert any("Bộ Ngoại giao" in body["text"][0] for body in server.translated)  # terms reach DeepL as words
    assert "Ministry of Foreign Affairs" in frontmatter.read(en_page(project))[0]["description"]


def test_an_unchanged_glossary_is_reused_and_a_changed_one_replaces_it(project, server):
    engine = deepl(server)
    first = engine.sync_glossary(fixture_terms())
    assert engine.sync_glossary(fixture_terms()) == first and len(server.glossaries) == 1
    changed = fixture_terms() + [term("ha-noi", "place", "Hà Nội", "Ha Noi")]
    second = engine.sync_glossary(changed)
    assert second != first and list(server.glossaries) == [second]


def test_a_wrong_key_is_one_clear_error_and_the_run_goes_on_offline(project, server):
    with pytest.raises(EngineError, match="HTTP 403"):
        deepl(server, key="wrong-key").sync_glossary(fixture_terms())
    [report] = translate_all(Project(project), deepl(server, key="wrong-key"), fixture_terms())
    assert report.pending == 9 and "HTTP 403" in report.pending_reasons[0]["reason"]


def test_429_is_retried_and_an_oversized_answer_refused(project, server):
    settings = dataclasses.replace(settings_from(Document(FAST, "t")), answer_bytes=50_000)
    engine = deepl(server, settings)
    server.set("429", times=1)
    assert engine.translate("Xin chào.") == "[en] Xin chao."
    server.size = 400_000
    server.set("huge")
    with pytest.raises(AnswerError, match="larger than 50000 bytes"):
        engine.translate("Xin chào.")


def test_an_oversized_answer_while_sending_the_glossary_leaves_the_page_pending_and_the_run_goes_on(project, server):
    """Security review F11 with DeepL: the glossary step's answer is bounded too; then nothing is
    drafted without the glossary, every segment is pending with the reason, and the run ends well."""
    settings = dataclasses.replace(settings_from(Document(FAST, "t")), answer_bytes=50_000)
    server.size = 400_000
    server.set("huge")
    [report] = translate_all(Project(project), deepl(server, settings), fixture_terms())
    assert (report.status, report.pending, report.engine_requests) == ("untranslated", 9, 0)
    assert report.pending_reasons[0]["reason"].startswith("the glossary could not be sent to the engine: ")
    assert "larger than 50000 bytes" in report.pending_reasons[0]["reason"]


def test_a_missing_key_says_where_to_put_it():
    with pytest.raises(EngineError, match="DEEPL_AUTH_KEY"):
        make_engine("deepl", settings_from(Document(FAST, "t")), env={})
