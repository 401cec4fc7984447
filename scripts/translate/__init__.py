"""Translate: every Vietnamese article gets its English page docs/en/<same path> (with nothing in
English yet, the Vietnamese under a notice, status "untranslated", for a translator). The translation
memory (translations/memory/, one file per article) comes first; an engine drafts only what it does
not have; a contributor's post-edits are captured as human translations and never overwritten.

segments (a page as translatable units, protected spans) → memory → engines (drafts) → page
(post-edits captured, the title and description following the H1 and lead: heads; a page
restructured by hand measured against its source: coverage; the status and review; the English page
written); state remembers what a no-op run can skip."""
from __future__ import annotations

import copy
import json
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path

from scripts.core.cache import combined, read_cache, write_cache
from scripts.core.content import article_paths
from scripts.core.fsutil import repository_lock
from scripts.translate import memory
from scripts.translate.engines import ENGINE_NAMES, HOW_TO_CHOOSE, AnswerError, Engine, EngineError, make_engine
from scripts.translate.page import Report, Run, translate_page
from scripts.translate.state import (TRANSLATE_CACHE, entry_key, memory_digests, page_key,
                                     settings_digest, skippable)


def article_rels(project, paths: list[str] | None = None) -> list[str]:
    """Paths under docs/vi/ of the articles to translate: all, or those named (either language)."""
    base = project.lang_dir("vi")
    every = [p.relative_to(base).as_posix() for p in article_paths(project.docs, "vi")]
    if not paths:
        return every
    wanted = []
    for given in paths:
        text = Path(given).as_posix()
        for prefix in ("docs/vi/", "docs/en/", "vi/", "en/"):
            if prefix in text:
                text = text.split(prefix, 1)[1]
                break
        matches = [rel for rel in every if rel == text or rel.startswith(text.rstrip("/") + "/")]
        if not matches:
            raise FileNotFoundError(f"{given}: no Vietnamese article at docs/vi/{text}")
        wanted += [m for m in matches if m not in wanted]
    return wanted


def translate_all(project, engine: Engine | None, terms: list | None = None,
                  paths: list[str] | None = None, redraft: bool = False) -> list[Report]:
    """Translate the articles (all, or those of `paths`), several at once with an engine (up to
    `concurrency` in config/translation.yml, inside its rate limit). An article whose inputs are
    those of a past run's result is skipped (see skippable): a no-op run hashes files only. What a
    run leaves is recorded at once, so the next run with nothing new does nothing. `redraft`:
    machine drafts made with another engine, model or house style are drafted again."""
    rels = article_rels(project, paths)
    labels = project.labels()
    settings_now = project.translation_settings()
    run, now = Run(project, engine, labels, terms or [], grammar=settings_now.grammar, redraft=redraft), \
        memory.timestamp()
    entries = read_cache(project.root, TRANSLATE_CACHE)
    previous = copy.deepcopy(entries)
    settings, memories = settings_digest(project, labels), memory_digests(project)
    everything = combined(*(f"{path}\0{digest}" for path, digest in sorted(memories.items())))
    reports: dict[str, Report] = {}
    recorded: dict[str, Report] = {}
    try:
        todo = []
        for rel in rels:
            key = page_key(project, rel, settings, memories)
            if not redraft and skippable(entries.get(rel), key, engine, everything):
                reports[rel] = Report(rel, **entries[rel]["report"])
            else:
                todo.append(rel)
        if todo:  # the records of every memory file: only needed for an article not skipped
            run.finished = memory.finished_records(project)
            if engine is not None and engine.own_glossary and run.terms:
                try:  # DeepL: the glossary goes to the engine itself, once per run
                    engine.sync_glossary(run.terms)
                except (EngineError, AnswerError) as exc:  # no draft without the glossary: all pending, said why
                    run.engine_failure = f"the glossary could not be sent to the engine: {exc}"
        workers = settings_now.concurrency if engine is not None and engine.batch and len(todo) > 1 else 1
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for rel, report in zip(todo, pool.map(lambda r: translate_page(run, r, now), todo)):
                reports[rel] = report
                entries.pop(rel, None)
                if not report.problems:  # its result is a fixed point: the same inputs give the same files
                    recorded[rel] = report
    finally:
        # Pending segments depend on every memory file (another article's record could fill them):
        # their entries carry the memory as the run left it (its own writes; a file changed by
        # anything else is seen at the next run), unless the run made records with English that an
        # article looked at earlier could have used: then those articles are looked at again.
        left = dict(memories)
        for report in recorded.values():
            left[project.shown(project.memory_file(report.page))] = report.digests["memory"]
        after = combined(*(f"{path}\0{digest}" for path, digest in sorted(left.items())))
        if not run.new_finished:
            for entry in entries.values():
                if isinstance(entry, dict) and entry.get("memory") == everything:
                    entry["memory"] = after
        for rel, report in recorded.items():
            if report.pending and run.new_finished:
                continue
            # What the next run would report: every segment it drafted now comes from the memory
            # (a page a contributor restructured reports none: its text is theirs).
            again = {"segments": report.segments, "from_memory": report.from_memory + report.drafted,
                     "pending": report.pending, "uncovered": report.uncovered, "status": report.status,
                     "pending_reasons": report.pending_reasons}
            entries[rel] = {"key": entry_key(rel, report.digests, settings),
                            "memory": after if report.pending else None, "report": again}
        if not paths:
            entries = {rel: entry for rel, entry in entries.items() if rel in set(rels)}
        if entries != previous:
            write_cache(project.root, TRANSLATE_CACHE, entries)
    return [reports[rel] for rel in rels if rel in reports]


def update_stage(project) -> int:
    """The offline stage of `python -m scripts update`: memory only, English edits captured."""
    reports = translate_all(project, None)
    pending = sum(r.pending for r in reports)
    written = sum(len(r.written) for r in reports)
    print(f"translate: {len(reports)} article(s), {pending} segment(s) pending{_uncovered(reports)}, "
          f"{written} file(s) written")
    return 0


def register(commands) -> None:
    parser = commands.add_parser(
        "translate",
        help="update the English pages: memory first, an MT engine for new segments, post-edits kept",
        description="Build docs/en/articles/ from docs/vi/articles/ and the translation memory in "
                    "translations/memory/. Segments not in the memory are drafted by the engine (none: "
                    "left pending and shown in Vietnamese with a notice). English edits are recorded as "
                    "human translations and never overwritten. Keys come from the environment.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="only these articles (files or folders)")
    parser.add_argument("--engine", choices=ENGINE_NAMES,
                        help="MT engine (default: `engine` in config/translation.yml). llm: recommended, any "
                             "OpenAI-compatible server (key in LLM_API_KEY, none for a local one); deepl: "
                             "DEEPL_AUTH_KEY; libre, microsoft, mymemory; google: best effort only, its free "
                             "endpoint is often refused since 2026 (HTTP 500, too many requests); none: memory only")
    parser.add_argument("--engine-url", metavar="URL", help="the engine's server: a base URL for llm "
                        "(http://127.0.0.1:11434/v1 for Ollama), a LibreTranslate address (or LIBRETRANSLATE_URL), "
                        "or a stand-in for the others")
    parser.add_argument("--model", metavar="NAME", help="the language model (llm; default: engines.llm.model)")
    parser.add_argument("--api-key", metavar="KEY", help="engine key (better: LLM_API_KEY, DEEPL_AUTH_KEY, "
                        "LIBRETRANSLATE_API_KEY or MICROSOFT_TRANSLATOR_KEY in the environment)")
    parser.add_argument("--redraft-machine", action="store_true",
                        help="draft again the machine drafts made with another engine, model or house style "
                             "(human translations are never touched)")
    parser.add_argument("--json", action="store_true", help="print one JSON record per page")
    parser.set_defaults(func=run)


def run(project, args) -> int:
    try:
        engine = make_engine(args.engine, project.translation_settings(), url=args.engine_url, api_key=args.api_key,
                             model=args.model, project=project)
        terms = _terms(project) if engine else []
        with repository_lock(project.root):
            reports = translate_all(project, engine, terms, args.paths, redraft=args.redraft_machine)
    except (EngineError, FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for report in reports:
        if args.json:
            print(json.dumps({k: v for k, v in asdict(report).items() if k not in ("written", "digests")},
                             ensure_ascii=False))
        else:
            print(f"{report.page}: {report.segments} segments, {report.from_memory} from memory, "
                  f"{report.drafted} drafted, {report.pending} pending, {report.engine_requests} engine "
                  f"request(s), {report.post_edits} post-edit(s) recorded → {report.status}"
                  + (f" ({report.uncovered} Vietnamese paragraph(s) not covered)" if report.uncovered else ""))
    if engine is None and not args.engine:
        print(f"note: no engine configured, so nothing was drafted (memory only); {HOW_TO_CHOOSE}", file=sys.stderr)
    problems = list(dict.fromkeys(p for r in reports for p in r.problems))
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    if not args.json:
        print(f"{sum(r.pending for r in reports)} segment(s) pending{_uncovered(reports)}; "
              f"{sum(len(r.written) for r in reports)} file(s) written")
    return 0


def _uncovered(reports) -> str:
    """", N Vietnamese paragraph(s) not covered" for pages restructured by hand that leave some out."""
    missing = sum(r.uncovered for r in reports)
    return f", {missing} Vietnamese paragraph(s) not covered (translation.uncovered)" if missing else ""


def _terms(project) -> list:
    from scripts.glossary.terms import load_terms

    return load_terms(project)
