"""`evaluate`: score the cleaner against gold bodies and expected metadata (../shared/eval and eval/seeds/),
with the bars of eval/baseline.yml."""
from __future__ import annotations

import html
import json
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

from scripts.core.vietnamese import match_key, normalize, restyle
from scripts.ingest.page import cleaned_article, page_of
from scripts.ingest.rules import Rules
from scripts.ingest.sidecar import apply_sidecar, read_sidecar

EVAL_DIR = "eval"  # under the project: the seeds' gold bodies and the gate's bars


@dataclass(frozen=True)
class Bars:
    """The quality gate (eval/baseline.yml): mean F1 over the eval set, F1 of each seed."""

    eval_f1: float
    seed_f1: float


def bars_of(project) -> Bars:
    data = yaml.safe_load((project.root / EVAL_DIR / "baseline.yml").read_text(encoding="utf-8"))
    return Bars(float(data["eval_f1"]), float(data["seed_f1"]))


def shared_eval_dir(project) -> Path:
    """../shared/eval beside the repository (present in CI, absent in a contributor's clone)."""
    return project.root.parent / "shared" / "eval"
_MISSING = {"unknown", "—", "-", ""}


@dataclass
class Expected:
    """Expected metadata of one article; None where the input does not give the value."""

    title: str
    date: str | None = None
    author: str | None = None
    outlets: list[str] = field(default_factory=list)
    source_url: str | None = None


@dataclass
class Score:
    """The scores of one article. `*_text` is what the cleaner found in the input alone;
    `*_final` adds the sidecar (whose fields are listed in `from_sidecar`)."""

    name: str
    precision: float
    recall: float
    f1: float
    title_ok: bool
    title: str
    date_text: str | None
    date_final: str | None
    date_ok: bool
    author: str | None
    author_ok: bool
    outlet_text: str | None
    outlet_final: str | None
    outlet_ok: bool
    expected: dict
    from_sidecar: list[str]


def tokens(markdown: str) -> list[str]:
    """Words of a Markdown text after stripping its syntax, compared case- and tone-style-insensitively."""
    text = html.unescape(normalize(markdown))
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+", " ", text, flags=re.M)
    return re.findall(r"\w+", match_key(re.sub(r"[*_`|]", " ", text)))


def prf(produced: str, gold: str) -> tuple[float, float, float]:
    """Token-level (bag of words) precision, recall and F1 of `produced` against `gold`."""
    ours, theirs = Counter(tokens(produced)), Counter(tokens(gold))
    common = sum((ours & theirs).values())
    precision = common / max(1, sum(ours.values()))
    recall = common / max(1, sum(theirs.values()))
    return precision, recall, (2 * precision * recall / (precision + recall) if common else 0.0)


def parse_sources(text: str) -> dict[str, Expected]:
    """Expected metadata per eval file ("eval_01"), from the tables of SOURCES.md."""
    urls, expected = {}, {}
    for row in _table_rows(text, "| file | repository"):
        urls["eval_" + row[0].split("_")[-1].split(".")[0]] = row[4]
    for row in _table_rows(text, "| file | title"):
        name = f"eval_{row[0]}"
        source = row[4]
        outlets = [source.split()[0]] + re.findall(r"\(([^)]*)\)", source)
        url = urls.get(name, "")
        expected[name] = Expected(
            title=row[1], date=_expected_date(row[2]), author=None if row[3].split(" (")[0] in _MISSING else row[3],
            outlets=outlets, source_url=url if url.startswith(("http://", "https://")) else None)
    return expected


def _table_rows(text: str, header: str) -> list[list[str]]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def _expected_date(cell: str) -> str | None:
    match = re.match(r"(\d{4}-\d{2}-\d{2})(?: (\d{2}:\d{2}))?", cell)
    if not match:
        return None
    return match.group(1) + (f" {match.group(2)}" if match.group(2) else "")


def date_matches(actual: str | None, expected: str | None) -> bool:
    """An ISO date(-time) against "YYYY-MM-DD[ HH:MM]", to the precision the expectation gives."""
    if expected is None or actual is None:
        return expected is None and actual is None
    return actual.replace("T", " ")[:len(expected)] == expected


def same_title(actual: str | None, expected: str, style: str) -> bool:
    """Exact equality after NFC and in the site's one tone-mark style."""
    return actual is not None and restyle(normalize(actual), style) == restyle(normalize(expected), style)


def score_article(name: str, raw: Path, gold: Path, expected: Expected, sidecar: dict, rules: Rules) -> Score:
    """Clean one raw file and score it; the sidecar fills only what the input lacks."""
    cleaned = cleaned_article(raw.read_bytes(), rules)
    text_only = page_of(cleaned, raw.name, "", rules)
    supplied = {k: v for k, v in sidecar.items() if getattr(cleaned, k, None) in (None, "")}
    final = page_of(apply_sidecar(cleaned, supplied), raw.name, "", rules)
    precision, recall, f1 = prf(text_only.body, gold.read_text(encoding="utf-8"))
    outlet_keys = {match_key(o) for o in expected.outlets}
    meta, base = final.meta, text_only.meta
    return Score(
        name=name, precision=precision, recall=recall, f1=f1,
        title_ok=same_title(meta["title"], expected.title, rules.tone_style), title=meta["title"],
        date_text=base["date"], date_final=meta["date"], date_ok=date_matches(meta["date"], expected.date),
        author=meta["author"], author_ok=(meta["author"] or None) == expected.author,
        outlet_text=base["outlet"], outlet_final=meta["outlet"],
        outlet_ok=bool(meta["outlet"]) and match_key(meta["outlet"]) in outlet_keys if outlet_keys else not meta["outlet"],
        expected=asdict(expected), from_sidecar=sorted(supplied),
    )


def eval_scores(eval_dir: Path, rules: Rules) -> list[Score]:
    """Scores of every article of the eval set; the sidecar is built from SOURCES.md (outlet,
    date and address where the input lacks them)."""
    expected = parse_sources((eval_dir / "SOURCES.md").read_text(encoding="utf-8"))
    scores = []
    for name, exp in sorted(expected.items()):
        raw = next(p for p in sorted(eval_dir.glob(f"{name}.*")) if not p.name.endswith(".expected.md"))
        sidecar = {"outlet": exp.outlets[0], "date": exp.date and exp.date.replace(" ", "T"),
                   "source_url": exp.source_url}
        sidecar = {k: v for k, v in sidecar.items() if v}
        scores.append(score_article(name, raw, eval_dir / f"{name}.expected.md", exp, sidecar, rules))
    return scores


def seed_scores(project, rules: Rules) -> list[Score]:
    """Scores of the seed articles (eval/seeds/, as received) against their hand-made gold bodies;
    their sidecars apply."""
    seeds_dir = project.root / EVAL_DIR / "seeds"
    expected = yaml.safe_load((seeds_dir / "expected.yml").read_text(encoding="utf-8"))
    scores = []
    for stem, exp in expected.items():
        raw = seeds_dir / f"{stem}.txt"
        want = Expected(title=exp["title"], date=exp.get("date"), author=exp.get("author"),
                        outlets=[exp["outlet"]] if exp.get("outlet") else [])
        scores.append(score_article(stem, raw, seeds_dir / f"{stem}.expected.md", want, read_sidecar(raw), rules))
    return scores


def table(scores: list[Score]) -> str:
    """A Markdown table of the scores (✓ / ✗ per metadata check; "(sidecar)" marks supplied values)."""
    head = "| article | P | R | F1 | title | date (text → final) | author | outlet (text → final) |"
    lines = [head, "|---|---|---|---|---|---|---|---|"]
    mark = {True: "✓", False: "✗"}
    for s in scores:
        side = set(s.from_sidecar)
        date = f"{s.date_text or '—'} → {s.date_final or '—'}{' (sidecar)' if 'date' in side else ''}"
        outlet = f"{s.outlet_text or '—'} → {s.outlet_final or '—'}{' (sidecar)' if 'outlet' in side else ''}"
        lines.append(f"| {s.name[:28]} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {mark[s.title_ok]} "
                     f"| {mark[s.date_ok]} {date} | {mark[s.author_ok]} {s.author or '—'} | {mark[s.outlet_ok]} {outlet} |")
    return "\n".join(lines)


def mean_f1(scores: list[Score]) -> float:
    return sum(s.f1 for s in scores) / len(scores) if scores else 0.0


def failures(eval_set: list[Score], seeds: list[Score], bars: Bars) -> list[str]:
    """What falls below the bar (empty when the quality gate passes)."""
    found = []
    if eval_set and mean_f1(eval_set) < bars.eval_f1:
        found.append(f"mean F1 on the eval set {mean_f1(eval_set):.3f} < {bars.eval_f1}")
    found += [f"{s.name}: F1 {s.f1:.3f} < {bars.seed_f1}" for s in seeds if s.f1 < bars.seed_f1]
    found += [f"{s.name}: title {s.title!r} is not the expected {s.expected['title']!r}"
              for s in eval_set + seeds if not s.title_ok]
    return found


def report(eval_set: list[Score], seeds: list[Score], bars: Bars) -> str:
    text = []
    if eval_set:
        text += ["Eval set (../shared/eval):", table(eval_set), f"mean F1 {mean_f1(eval_set):.3f} "
                 f"(target ≥ {bars.eval_f1}); checks: "
                 + ", ".join(f"{k} {sum(getattr(s, k + '_ok') for s in eval_set)}/{len(eval_set)}"
                             for k in ("title", "date", "author", "outlet")), ""]
    text += ["Seeds (eval/seeds/):", table(seeds),
             f"target F1 ≥ {bars.seed_f1} each", ""]
    problems = failures(eval_set, seeds, bars)
    text.append("quality gate: " + ("PASS" if not problems else "FAIL: " + "; ".join(problems)))
    return "\n".join(text)


def register(commands) -> None:
    parser = commands.add_parser(
        "evaluate", help="score the cleaner against the eval set and the seeds (P/R/F1, metadata)",
        description="Clean every article of the eval set (../shared/eval) and the seeds (eval/seeds/), "
                    "compare the bodies with the gold bodies (token precision/recall/F1 after stripping "
                    "Markdown) and check title, date, author and outlet. Exit 1 when below the bars of "
                    "eval/baseline.yml.")
    parser.add_argument("--eval-dir", type=Path, default=None, help="folder of the eval set (default: ../shared/eval)")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.set_defaults(func=run)


def run(project, args) -> int:
    rules, bars = project.cleaning_rules(), bars_of(project)
    eval_dir = args.eval_dir or shared_eval_dir(project)
    eval_set = eval_scores(eval_dir, rules) if (eval_dir / "SOURCES.md").exists() else []
    if not eval_set:
        print(f"note: {eval_dir} is absent: scoring the seeds only")
    seeds = seed_scores(project, rules)
    if args.json:
        print(json.dumps({"eval": [asdict(s) for s in eval_set], "seeds": [asdict(s) for s in seeds],
                          "failures": failures(eval_set, seeds, bars)}, ensure_ascii=False, indent=2))
    else:
        print(report(eval_set, seeds, bars))
    return 1 if failures(eval_set, seeds, bars) else 0
