"""`evaluate`: score the cleaner against gold bodies and expected metadata (../shared/eval, our own
pages in eval/pages/, the seeds in eval/seeds/), with the bars of eval/baseline.yml."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

from scripts.ingest.batch import context_of
from scripts.ingest.rules import Rules
from scripts.ingest.scoring import (FIELDS, Score, date_matches, expected_of, parse_sources, prf, same_title,
                                    score_article, tokens)
from scripts.ingest.sidecar import read_sidecar

EVAL_DIR = "eval"  # under the project: our pages, the seeds' gold bodies and the gate's bars
SETS = ("eval", "pages", "seeds")
# Which metadata a set's field bars judge: the shared set and the seeds with their sidecars (as a
# contributor ingests them), our pages from the page alone (what the cleaner reads).
JUDGED = {"eval": "final", "pages": "page", "seeds": "final"}
__all__ = ["date_matches", "prf", "same_title", "tokens"]  # the scoring, as tests import it from here


@dataclass(frozen=True)
class Bars:
    """The quality gate (eval/baseline.yml): mean F1 over the shared eval set and over our pages, F1
    of each seed, and per set the share of articles whose title, date, author and outlet is right."""

    eval_f1: float
    seed_f1: float
    pages_f1: float = 0.0
    fields: dict | None = None


def bars_of(project) -> Bars:
    data = yaml.safe_load((project.root / EVAL_DIR / "baseline.yml").read_text(encoding="utf-8"))
    return Bars(float(data["eval_f1"]), float(data["seed_f1"]), float(data.get("pages_f1", 0.0)),
                {name: {k: float(v) for k, v in (data.get("fields") or {}).get(name, {}).items()} for name in SETS})


def shared_eval_dir(project) -> Path:
    """../shared/eval beside the repository (present in CI, absent in a contributor's clone)."""
    return project.root.parent / "shared" / "eval"


def pages_dir(project) -> Path:
    """eval/pages/: our evaluation pages, imitating many outlets' layouts (text written for the project)."""
    return project.root / EVAL_DIR / "pages"


def raw_file(folder: Path, name: str) -> Path:
    return next(p for p in sorted(folder.glob(f"{name}.*"))
                if not p.name.endswith((".expected.md", ".meta.yml")) and p.suffix in (".txt", ".html", ".htm"))


def eval_scores(eval_dir: Path, rules: Rules) -> list[Score]:
    """Scores of every article of a set in the shared layout (SOURCES.md and eval_NN files)."""
    expected = parse_sources((eval_dir / "SOURCES.md").read_text(encoding="utf-8"))
    return [score_article(name, raw_file(eval_dir, name), eval_dir / f"{name}.expected.md", exp, rules)
            for name, exp in sorted(expected.items())]


def pages_scores(folder: Path, rules: Rules) -> list[Score]:
    """Scores of every article of a set in our layout (expected.yml, <name>.txt|html, <name>.expected.md)."""
    entries = yaml.safe_load((folder / "expected.yml").read_text(encoding="utf-8"))
    scores = []
    for name, entry in sorted(entries.items()):
        raw = raw_file(folder, name)
        scores.append(score_article(name, raw, folder / f"{name}.expected.md", expected_of(entry), rules,
                                    context_of(read_sidecar(raw))))
    return scores


def seed_scores(project, rules: Rules) -> list[Score]:
    """Scores of the seed articles (eval/seeds/, as received) against their hand-made gold bodies;
    their sidecars apply."""
    seeds_dir = project.root / EVAL_DIR / "seeds"
    entries = yaml.safe_load((seeds_dir / "expected.yml").read_text(encoding="utf-8"))
    scores = []
    for stem, entry in entries.items():
        raw = seeds_dir / f"{stem}.txt"
        expected = expected_of({**entry, "sidecar": read_sidecar(raw)})
        scores.append(score_article(stem, raw, seeds_dir / f"{stem}.expected.md", expected, rules))
    return scores


def mean_f1(scores: list[Score]) -> float:
    return sum(s.f1 for s in scores) / len(scores) if scores else 0.0


def accuracy(scores: list[Score], judged: str) -> dict[str, float]:
    """Per field, the share of articles whose value is right (`judged`: "page" or "final")."""
    if not scores:
        return {}
    return {f: sum(getattr(s, f"right_{judged}")[f] for s in scores) / len(scores) for f in FIELDS}


def failures(sets: dict[str, list[Score]], bars: Bars) -> list[str]:
    """What falls below the bar (empty when the quality gate passes)."""
    found = []
    if sets.get("eval") and mean_f1(sets["eval"]) < bars.eval_f1:
        found.append(f"mean F1 on the eval set {mean_f1(sets['eval']):.3f} < {bars.eval_f1}")
    if sets.get("pages") and mean_f1(sets["pages"]) < bars.pages_f1:
        found.append(f"mean F1 on eval/pages {mean_f1(sets['pages']):.3f} < {bars.pages_f1}")
    found += [f"{s.name}: F1 {s.f1:.3f} < {bars.seed_f1}" for s in sets.get("seeds", []) if s.f1 < bars.seed_f1]
    for name, scores in sets.items():
        for field_name, share in accuracy(scores, JUDGED[name]).items():
            bar = (bars.fields or {}).get(name, {}).get(field_name)
            if bar is not None and share < bar:
                wrong = [s.name for s in scores if not getattr(s, f"right_{JUDGED[name]}")[field_name]]
                found.append(f"{name}: {field_name} right in {share:.0%} < {bar:.0%} (wrong: {', '.join(wrong)})")
    return found


def table(scores: list[Score], judged: str = "final") -> str:
    """A Markdown table: P/R/F1, then ✓/✗ and the value of each field ("(sidecar)" marks supplied
    values, "?" a field listed for review)."""
    lines = ["| article | P | R | F1 | " + " | ".join(FIELDS) + " |", "|---|---|---|---|" + "---|" * len(FIELDS)]
    for s in scores:
        meta, right = getattr(s, judged), getattr(s, f"right_{judged}")
        cells = []
        for f in FIELDS:
            value = meta.get(f) or "—"
            value = value[:48] + "…" if len(value) > 49 else value
            notes = (" (sidecar)" if f in s.from_sidecar and judged == "final" else "") + (" ?" if f in s.review else "")
            cells.append(f"{'✓' if right[f] else '✗'} {value}{notes}".replace("|", "\\|"))
        lines.append(f"| {s.name[:30]} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def summary(name: str, scores: list[Score]) -> str:
    """One line: mean F1, each field's accuracy (from the page alone and with sidecars), and how
    many wrong fields ingest listed for review."""
    page, final = accuracy(scores, "page"), accuracy(scores, "final")
    fields = ", ".join(f"{f} {round(page[f] * len(scores))}/{len(scores)}"
                       + (f" ({round(final[f] * len(scores))} with sidecar)" if final[f] != page[f] else "")
                       for f in FIELDS)
    wrong = [(s, f) for s in scores for f in FIELDS if not s.right_page[f]]
    flagged = sum(f in s.review for s, f in wrong)
    listed = sum(len(s.review) for s in scores)
    return (f"{name}: {len(scores)} articles, mean F1 {mean_f1(scores):.3f}; right from the page alone: {fields}; "
            f"needs_review lists {listed} field(s), {flagged} of the {len(wrong)} wrong one(s)")


def report(sets: dict[str, list[Score]], bars: Bars, names: dict[str, str]) -> str:
    text = []
    for name, scores in sets.items():
        if scores:
            text += [f"{names[name]}:", table(scores, JUDGED[name]), summary(name, scores), ""]
    problems = failures(sets, bars)
    text.append("quality gate: " + ("PASS" if not problems else "FAIL: " + "; ".join(problems)))
    return "\n".join(text)


def register(commands) -> None:
    parser = commands.add_parser(
        "evaluate", help="score the cleaner against the eval sets and the seeds (P/R/F1, each metadata field)",
        description="Clean every article of the shared eval set (../shared/eval), our pages (eval/pages/) and "
                    "the seeds (eval/seeds/), compare the bodies with the gold bodies (token precision/recall/F1 "
                    "after stripping Markdown) and check title, date, author and outlet. Exit 1 when below the "
                    "bars of eval/baseline.yml.")
    parser.add_argument("--eval-dir", type=Path, default=None,
                        help="a set laid out as ../shared/eval (SOURCES.md, eval_NN files); default ../shared/eval")
    parser.add_argument("--pages-dir", type=Path, default=None,
                        help="a set laid out as eval/pages/ (expected.yml beside the files); default eval/pages/")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.set_defaults(func=run)


def run(project, args) -> int:
    rules, bars = project.cleaning_rules(), bars_of(project)
    eval_dir = args.eval_dir or shared_eval_dir(project)
    own = args.pages_dir or pages_dir(project)
    sets = {
        "eval": eval_scores(eval_dir, rules) if (eval_dir / "SOURCES.md").exists() else [],
        "pages": pages_scores(own, rules) if (own / "expected.yml").exists() else [],
        "seeds": seed_scores(project, rules),
    }
    if not sets["eval"]:
        print(f"note: {eval_dir} is absent: scoring eval/pages and the seeds only")
    if args.json:
        print(json.dumps({**{name: [asdict(s) for s in scores] for name, scores in sets.items()},
                          "failures": failures(sets, bars)}, ensure_ascii=False, indent=2))
    else:
        names = {"eval": f"Eval set ({eval_dir})", "pages": f"Our pages ({own})", "seeds": "Seeds (eval/seeds/)"}
        print(report(sets, bars, names))
    return 1 if failures(sets, bars) else 0
