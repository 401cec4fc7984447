"""Engines: the real deep-translator LibreTranslator through our layer against a local fake server."""
import time

import pytest

import requests

from scripts.core.schema import Document, SchemaError
from scripts.project import Project
from scripts.translate.engines import EngineError, chunks_of, make_engine, settings_from
from tests.support.project import checkout
from tests.support.libre_server import FAKE_PREFIX, LibreServer
from tests.support.translation_project import FAST


@pytest.fixture
def server():
    with LibreServer() as running:
        yield running


@pytest.fixture
def settings():
    return settings_from(Document(FAST, 'test settings'))


def libre(server, settings, **options):
    return make_engine("libre", settings, url=server.url.rstrip("/"), api_key="test-key", env={}, **options)


def test_a_translation_is_one_request(server, settings):
    engine = libre(server, settings)
    assert engine.translate("Xin chào ⟦1⟧.") == FAKE_PREFIX + "Xin chao ⟦1⟧."
    assert engine.requests == 1 and server.requests == 1


def test_429_then_success_is_retried_with_back_off(server, settings):
    server.set("429", times=2)
    engine = libre(server, settings)
    assert engine.translate("chào") == FAKE_PREFIX + "chao"
    assert engine.requests == 3 == server.requests


def test_persistent_500_gives_one_clear_error_after_every_retry(server, settings):
    server.set("500")
    engine = libre(server, settings)
    with pytest.raises(EngineError, match=r"HTTP 500.*gave up after 3 tries"):
        engine.translate("chào")
    assert engine.requests == 3 == server.requests


def test_403_is_not_retried_and_the_key_is_not_shown(server, settings):
    server.set("403")
    engine = libre(server, settings)
    with pytest.raises(EngineError, match="HTTP 403") as error:
        engine.translate("chào")
    assert "test-key" not in str(error.value)
    assert engine.requests == 1


def test_a_slow_server_is_cut_off_by_the_read_timeout(server, settings):
    server.set("slow", delay=5)
    engine = libre(server, settings)
    started = time.monotonic()
    with pytest.raises(EngineError, match="timed out"):
        engine.translate("chào")
    # 3 tries of 0.5 s read timeout, plus back-off: far below one 5 s answer
    assert time.monotonic() - started < 3.0
    assert engine.requests == 3


def test_a_trickling_server_is_cut_off_by_the_deadline(server, settings):
    server.set("trickle", delay=0.3)  # one byte every 0.3 s: never trips the 0.5 s read timeout
    engine = libre(server, dict_settings(settings, retries=0))
    started = time.monotonic()
    with pytest.raises(EngineError, match="no complete answer within 1.5 s"):
        engine.translate("chào")
    assert time.monotonic() - started < 2.5


def dict_settings(settings, **changes):
    import dataclasses
    return dataclasses.replace(settings, **changes)


def test_an_unreachable_server_is_an_engine_error_not_a_requests_exception(settings):
    with LibreServer() as gone:
        url = gone.url
    engine = make_engine("libre", settings, url=url, api_key="k", env={})
    with pytest.raises(EngineError, match="cannot connect"):
        engine.translate("chào")


def test_long_text_is_sent_in_chunks_under_the_limit(server, settings):
    limited = dict_settings(settings, engines={**settings.engines, "libre": {**settings.engines["libre"], "max_chars": 60}})
    sentence = "Đây là một câu tiếng Việt khá dài để thử. "
    engine = libre(server, limited)
    out = engine.translate(sentence * 5)
    assert engine.requests == len(server.texts) >= 4
    assert all(len(text) <= 60 for text in server.texts)
    assert all(text.endswith(".") for text in server.texts)  # cut at sentence ends
    assert out.count(FAKE_PREFIX) == engine.requests


def test_chunks_keep_every_word_in_order():
    text = "Một hai ba. " * 30 + "x" * 130
    chunks = chunks_of(text, 50)
    assert all(len(c) <= 50 for c in chunks)
    assert "".join(" ".join(chunks).split()) == "".join(text.split())
    assert chunks_of("ngắn", 50) == ["ngắn"]


def test_the_rate_limit_spaces_requests(server, settings):
    slept = []  # the clock stands still: only the rate limit can make the engine wait
    engine = libre(server, dict_settings(settings, rate_limit=0.5), sleep=slept.append, clock=lambda: 0.0)
    engine.translate("một")
    engine.translate("hai")
    assert slept == [2.0]


def test_outside_an_engine_call_requests_is_untouched(server, settings):
    libre(server, settings).translate("chào")
    server.set("slow", delay=0.8)
    response = requests.post(server.url + "translate", params={"q": "a", "source": "vi", "target": "en", "api_key": "k"})
    assert response.status_code == 200  # no timeout was added to this call


def test_engine_choice_and_missing_keys(settings):
    assert make_engine("none", settings) is None
    with pytest.raises(EngineError, match="LIBRETRANSLATE_API_KEY"):
        make_engine("libre", settings, url="http://127.0.0.1:1", env={})
    with pytest.raises(EngineError, match="--engine-url"):
        make_engine("libre", settings, api_key="k", env={})
    with pytest.raises(EngineError, match="MICROSOFT_TRANSLATOR_KEY"):
        make_engine("microsoft", settings, env={})
    engine = make_engine("libre", settings, env={"LIBRETRANSLATE_URL": "http://127.0.0.1:1",
                                                 "LIBRETRANSLATE_API_KEY": "k"})
    assert engine.label == "libre (http://127.0.0.1:1/)"
    assert make_engine("mymemory", settings).max_chars == 480
    assert make_engine("google", settings).name == "google"


def test_the_settings_file_is_validated_with_file_and_field(tmp_path):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "translation.yml").write_text("engine: yandex\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"config/translation.yml:1: field 'engine': expected one of .*found 'yandex'"):
        Project(tmp_path).translation_settings()
    broken = {**FAST, "timeout": {"connect": "soon", "read": 1, "deadline": 1}}
    with pytest.raises(SchemaError, match=r"field 'timeout.connect': expected a number"):
        settings_from(Document(broken, 'test settings'))


def test_the_committed_settings_are_valid():
    settings = checkout().translation_settings()
    assert settings.engine == "none"
    assert settings.engines["mymemory"]["source"] == "vi-VN"
