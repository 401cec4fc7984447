"""deep-translator's engines through their own bounded sessions, each against a stand-in speaking its
protocol: Microsoft Translator v3, MyMemory, Google's free endpoint, LibreTranslate (key in the body,
answers bounded, a lone surrogate or an echoed key refused)."""
import time

import pytest
import requests

from scripts.core.schema import Document
from scripts.translate.engines import AnswerError, EngineError, make_engine, settings_from
from tests.support.engine_servers import ProtocolServer
from tests.support.libre_server import FAKE_PREFIX, LibreServer
from tests.support.translation_project import FAST


@pytest.fixture
def settings():
    return settings_from(Document(FAST, "test settings"))


def bounded(settings, **changes):
    import dataclasses

    return dataclasses.replace(settings, **changes)


@pytest.mark.parametrize("name, env", [("microsoft", {"MICROSOFT_TRANSLATOR_KEY": "ms-key-123",
                                                      "MICROSOFT_TRANSLATOR_REGION": "southeastasia"}),
                                       ("mymemory", {}), ("google", {})])
def test_each_engine_speaks_its_own_protocol(settings, name, env):
    with ProtocolServer(name) as server:
        engine = make_engine(name, settings, url=server.url, env=env)
        assert engine.translate("Xin chào ⟦1⟧ bạn.") == FAKE_PREFIX + "Xin chao ⟦1⟧ ban."
        # Microsoft's class also asks the server once for its languages (not counted by the stand-in)
        assert engine.requests == (2 if name == "microsoft" else 1) and len(server.seen) == 1
        seen = server.seen[0]
        if name == "microsoft":
            assert seen["path"] == "/translate" and seen["query"]["from"] == "vi" and seen["query"]["to"] == "en"
            assert seen["headers"]["Ocp-Apim-Subscription-Key"] == "ms-key-123"
            assert seen["headers"]["Ocp-Apim-Subscription-Region"] == "southeastasia"
        elif name == "mymemory":
            assert seen["query"]["langpair"] == "vi-VN|en-GB"
        else:
            assert seen["query"]["sl"] == "vi" and seen["query"]["tl"] == "en"
        assert seen["headers"]["Accept-Encoding"] == "identity"


@pytest.mark.parametrize("name", ["microsoft", "mymemory", "google"])
def test_429_is_retried_and_500_gives_up_with_one_clear_error(settings, name):
    env = {"MICROSOFT_TRANSLATOR_KEY": "k" * 8}
    with ProtocolServer(name) as server:
        server.set("429", times=1)
        engine = make_engine(name, settings, url=server.url, env=env)
        assert engine.translate("chào").startswith(FAKE_PREFIX)
        assert server.requests == 2
        server.set("500")
        with pytest.raises(EngineError, match=r"HTTP 500.*gave up after 3 tries"):
            engine.translate("chào")


def test_a_slow_stand_in_is_cut_off(settings):
    with ProtocolServer("mymemory") as server:
        server.set("slow")
        engine = make_engine("mymemory", bounded(settings, retries=0), url=server.url, env={})
        started = time.monotonic()
        with pytest.raises(EngineError, match="timed out"):
            engine.translate("chào")
        assert time.monotonic() - started < 1.5


def test_an_oversized_answer_is_refused_not_read(settings):
    with ProtocolServer("microsoft") as server:
        server.size = 500_000
        server.set("huge")
        engine = make_engine("microsoft", bounded(settings, answer_bytes=100_000), url=server.url,
                             env={"MICROSOFT_TRANSLATOR_KEY": "k" * 8})
        with pytest.raises(AnswerError, match="larger than 100000 bytes"):
            engine.translate("chào")


# ─── LibreTranslate: the security review's findings F9, F11, F24 ──────────────────────

def libre(server, settings, key="sk-live-SECRET123"):
    return make_engine("libre", settings, url=server.url, api_key=key, env={})


def test_the_libre_key_travels_in_the_body_never_in_the_url(settings):
    with LibreServer() as server:
        libre(server, settings).translate("chào")
        assert server.key_in_query == [False]


def test_an_answer_that_echoes_the_key_is_refused(settings):
    with LibreServer() as server:
        server.set("echo-key")
        with pytest.raises(AnswerError, match="contains the engine's key"):
            libre(server, settings).translate("chào")


def test_a_lone_surrogate_in_an_answer_is_a_malformed_answer_not_a_crash(settings):
    with LibreServer() as server:
        server.set("surrogate")
        with pytest.raises(AnswerError, match="lone surrogate"):
            libre(server, settings).translate("chào")


@pytest.mark.parametrize("behaviour", ["huge", "gzip-bomb"])
def test_answers_are_bounded_also_after_decompression(settings, behaviour):
    with LibreServer() as server:
        server.size = 3_000_000  # a gzip bomb of 3 MB of "A" is a few KB on the wire
        server.set(behaviour)
        engine = libre(server, bounded(settings, answer_bytes=200_000))
        with pytest.raises(AnswerError, match="larger than 200000 bytes"):
            engine.translate("chào")


def test_requests_outside_an_engine_call_are_untouched(settings):
    with LibreServer() as server:
        libre(server, settings).translate("chào")
        import deep_translator.libre as module

        assert module.requests.post is requests.post  # no engine call running: the real function
        assert requests.Session.request.__module__ == "requests.sessions"  # never patched


def test_with_no_engine_configured_the_command_says_which_exist(tmp_path):
    from tests.support.project import run_cli
    from tests.support.translation_project import make_project

    root = make_project(tmp_path)
    result = run_cli("translate", root=root)
    assert result.returncode == 0
    assert "no engine configured, so nothing was drafted" in result.stderr and "llm (recommended" in result.stderr
    assert "google (no key; its free endpoint often refuses since 2026)" in result.stderr
