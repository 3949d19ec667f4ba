"""Benchmark: build time, memory and output size of synthetic surveys, against two floors.

    python3 dev.py bench                       # N = 300 and 1,000
    python3 dev.py bench --sizes 300,1000,3000,10000 --runs 3 --write-docs

For each size N it writes a synthetic survey (N papers, N/2 findings with three evidence items
each, a taxonomy that grows with N; with --fixed-questions the 25 questions of the real survey,
the worst case for topic pages) and measures, in the same run:

- the full build: MkDocs with the engine's hooks;
- floor (a): the very pages the engine generates, written to a folder (`livesurvey render`) and
  built by plain MkDocs with the same theme and settings: the framework's own cost for our pages;
- floor (b): as many plain pages of the same median size, built the same way.

and the import of a 2,400-entry BibTeX file with accents and braces. It reports the median wall
time of --runs builds, ms per page, peak memory, output and search-index size, each with its
ratio to the floors; prints a Markdown table and writes tests/benchmark-results.json. The data is
synthetic (nothing here describes a real paper) and never leaves the temporary folder.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RESULTS = ROOT / "tests" / "benchmark-results.json"
DOCS_PAGE = ROOT / "docs" / "benchmark.md"
TABLE_START = "<!-- benchmark table -->"
TABLE_END = "<!-- end of benchmark table -->"
METHODS = [f"method-{n}" for n in range(12)]


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def make_survey(root: Path, papers: int, *, fixed_questions: bool, seed: int = 7) -> None:
    """A synthetic survey of ``papers`` papers, shaped like a real one."""
    rng = random.Random(seed)
    topics = 9 if fixed_questions else max(9, papers // 100)
    per_topic = [3] * topics
    if fixed_questions:
        per_topic = [3, 3, 3, 3, 3, 3, 3, 2, 2]  # 25 questions, as in the real survey
    _write(
        root / "survey.yaml",
        "title: A synthetic survey\ndescription: Benchmark data.\neditors:\n  - name: Bench\n"
        "licence: CC-BY-4.0\nsite_url: https://example.org/bench/\n"
        "repository_url: https://example.org/bench-repo\norigin: p0\nstarted: 2026-01-01\n"
        "version: '1'\n",
    )
    lines = ["dimensions:"]
    questions: list[str] = []
    for d in range(3):
        lines += [
            f"  - id: d{d}",
            f"    title: Dimension {d}",
            "    summary: Synthetic.",
            "    topics:",
        ]
        for t in range(d, topics, 3):
            lines += [
                f"      - id: t{t}",
                f"        title: Topic {t}",
                "        summary: Synthetic.",
            ]
            lines.append("        questions:")
            for q in range(per_topic[t] if t < len(per_topic) else 3):
                questions.append(f"q{t}-{q}")
                lines += [f"          - id: q{t}-{q}", f"            title: Question {t}.{q}?"]
    _write(root / "taxonomy.yaml", "\n".join(lines) + "\n")
    terms = "".join(
        f"  - id: {m}\n    title: Method {m}\n    summary: Synthetic.\n" for m in METHODS
    )
    _write(
        root / "vocab" / "methods.yaml",
        f"title: Analysis methods\nsummary: Synthetic.\nterms:\n{terms}",
    )
    for p in range(papers):
        month = rng.randint(1, 12)
        _write(
            root / "papers" / f"p{p}.yaml",
            f"title: Synthetic paper number {p} on reasoning and training dynamics\n"
            f"authors:\n  - family: Author{p % 500}\n    given: Given\n  - family: Second{p % 97}\n"
            f"year: {2023 + p % 4}\nmonth: {month}\narxiv: '{23 + p % 4}{month:02d}.{10000 + p}'\n"
            f"topics: [t{p % topics}]\nsummary: A synthetic record for the benchmark.\n"
            "added: 2026-01-01\n",
        )
    for f in range(papers // 2):
        cited = rng.sample(range(papers), 3)
        evidence = "".join(
            f"  - paper: p{c}\n    stance: supports\n    methods: [{rng.choice(METHODS)}]\n"
            "    note: What the synthetic paper shows.\n"
            for c in cited
        )
        _write(
            root / "findings" / f"f{f}.yaml",
            f"title: Synthetic finding {f}\nquestion: {rng.choice(questions)}\n"
            "claim: A synthetic claim that three synthetic papers support.\nstatus: established\n"
            f"evidence:\n{evidence}added: 2026-01-01\n",
        )


def _project(folder: Path, *, with_hooks: bool) -> Path:
    folder.mkdir(parents=True)
    shutil.copytree(ROOT / "docs", folder / "docs")
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config[: config.index("\nnav:")] + "\nnav:\n  - Home: index.md\n"
    if with_hooks:
        shutil.copytree(ROOT / "hooks", folder / "hooks")
        config += '  - "@dimensions"\n'
    else:
        config = config.replace("hooks:\n  - hooks/survey.py\n", "")
    # The hand-written pages cite the real survey; the benchmark measures generated pages.
    for page in (folder / "docs").glob("*.md"):
        page.write_text(f"# {page.stem.title()}\n\nBenchmark copy.\n", encoding="utf-8")
    (folder / "docs" / "reference" / "records.md").unlink(missing_ok=True)
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder


def _measure(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak memory (KiB) of one run of ``command``."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "code = subprocess.run(sys.argv[1:], capture_output=True).returncode\n"
        "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)\n"
    )
    out = subprocess.run([PYTHON, "-c", probe, *command], cwd=cwd, capture_output=True, text=True)
    seconds, memory, code = out.stdout.split()
    if code != "0":
        raise SystemExit(f"benchmark command failed in {cwd}: {' '.join(command)}")
    return float(seconds), int(memory)


def _build(project: Path, runs: int) -> dict[str, float]:
    mkdocs = [PYTHON, "-m", "mkdocs", "build", "-q", "--no-strict", "-d", str(project / "site")]
    timings = [_measure(mkdocs, project) for _ in range(runs)]
    site = project / "site"
    pages = sum(1 for _ in site.rglob("index.html"))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    index = site / "search" / "search_index.json"
    return {
        "seconds": statistics.median(t for t, _ in timings),
        "memory_mb": max(m for _, m in timings) / 1024,
        "pages": pages,
        "output_mb": size / 1e6,
        "search_mb": index.stat().st_size / 1e6 if index.exists() else 0.0,
    }


def bench_size(papers: int, runs: int, fixed_questions: bool, scratch: Path) -> dict[str, object]:
    base = scratch / f"n{papers}{'-fixed' if fixed_questions else ''}"
    full = _project(base / "full", with_hooks=True)
    make_survey(full / "survey_data", papers, fixed_questions=fixed_questions)
    check = _measure([PYTHON, "-m", "livesurvey.cli", "--data", "survey_data", "check"], full)[0]
    ours = _build(full, runs)
    floor_a = _project(base / "floor-a", with_hooks=False)
    subprocess.run(
        [
            PYTHON,
            "-m",
            "livesurvey.cli",
            "--data",
            str(full / "survey_data"),
            "render",
            "--out",
            str(floor_a / "docs"),
        ],
        check=True,
        capture_output=True,
    )
    a = _build(floor_a, runs)
    sizes = sorted(p.stat().st_size for p in (floor_a / "docs").rglob("*.md"))
    floor_b = _project(base / "floor-b", with_hooks=False)
    filler = ("Plain text of a page, written for the benchmark. " * 40 + "\n\n") * max(
        1, sizes[len(sizes) // 2] // 2000
    )
    for n in range(len(sizes)):
        _write(floor_b / "docs" / "plain" / f"page{n}.md", f"# Page {n}\n\n{filler}")
    b = _build(floor_b, runs)
    return {
        "papers": papers,
        "fixed_questions": fixed_questions,
        "check_seconds": check,
        "build": ours,
        "floor_a": a,
        "floor_b": b,
        "ms_per_page": 1000 * ours["seconds"] / max(1, ours["pages"]),
        "ratio_a": ours["seconds"] / a["seconds"],
        "ratio_b": ours["seconds"] / b["seconds"],
        "memory_ratio_a": ours["memory_mb"] / a["memory_mb"],
    }


def bench_import(scratch: Path, entries: int = 2400) -> float:
    """Seconds to import a BibTeX file of ``entries`` entries with accents and braces."""
    rng = random.Random(3)
    accents = [r"M{\"u}ller", r"Garc{\'\i}a", r"{\O}stergaard", r"Dvo{\v{r}}{\'a}k", "Smith"]
    text = "".join(
        f"@article{{key{n},\n  author = {{{rng.choice(accents)}, Jo and {rng.choice(accents)}, Al}},\n"
        f"  title = {{On {{LLM}}s and {{Reasoning}}, part {n}}},\n  journal = {{A Journal}},\n"
        f"  year = {{{2020 + n % 6}}},\n  month = jul,\n  reportnumber = {{R-{n}}},\n}}\n\n"
        for n in range(entries)
    )
    bib = scratch / "big.bib"
    bib.write_text(text, encoding="utf-8")
    data = scratch / "import-data"
    data.mkdir()
    command = [PYTHON, "-m", "livesurvey.cli", "--data", str(data), "import-bib", str(bib)]
    return _measure(command, scratch)[0]


def table(results: list[dict[str, object]], import_seconds: float) -> str:
    lines = [
        "| papers (pages) | build | floor (a) | ratio (a) | floor (b) | ratio (b) | ms/page | "
        "peak memory (floor a) | search index (floor a) | check |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        ours, a, b = r["build"], r["floor_a"], r["floor_b"]  # type: ignore[index]
        label = f"{r['papers']:,}{' (25 questions)' if r['fixed_questions'] else ''} ({ours['pages']:,})"  # type: ignore[index]
        lines.append(
            f"| {label} | {ours['seconds']:.1f} s | {a['seconds']:.1f} s | {r['ratio_a']:.2f}× | "  # type: ignore[index]
            f"{b['seconds']:.1f} s | {r['ratio_b']:.2f}× | {r['ms_per_page']:.1f} | "  # type: ignore[index]
            f"{ours['memory_mb']:.0f} MB ({a['memory_mb']:.0f}) | "  # type: ignore[index]
            f"{ours['search_mb']:.1f} MB ({a['search_mb']:.1f}) | {r['check_seconds']:.1f} s |"  # type: ignore[index]
        )
    lines.append("")
    lines.append(f"Import of 2,400 BibTeX entries: {import_seconds:.1f} s.")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300,1000", help="paper counts, comma-separated")
    parser.add_argument("--runs", type=int, default=1, help="builds per measurement (median)")
    parser.add_argument("--fixed-questions", action="store_true", help="also the 25-question case")
    parser.add_argument(
        "--write-docs", action="store_true", help="put the table in docs/benchmark.md"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="livesurvey-bench-") as folder:
        scratch = Path(folder)
        results = [bench_size(n, args.runs, False, scratch) for n in sizes]
        if args.fixed_questions:
            results.append(bench_size(max(sizes), args.runs, True, scratch))
        import_seconds = bench_import(scratch)
    text = table(results, import_seconds)
    print(text)
    RESULTS.write_text(
        json.dumps({"results": results, "import_seconds": import_seconds}, indent=2) + "\n",
        encoding="utf-8",
    )
    if args.write_docs:
        page = DOCS_PAGE.read_text(encoding="utf-8")
        start, end = page.index(TABLE_START), page.index(TABLE_END)
        command = " ".join(["python3 dev.py bench", *sys.argv[1:]])
        measured = time.strftime("%Y-%m-%d")
        block = f"{TABLE_START}\n\nMeasured {measured} with `{command}`:\n\n{text}\n\n"
        DOCS_PAGE.write_text(page[:start] + block + page[end:], encoding="utf-8")


if __name__ == "__main__":
    main()
