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
import compileall
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RESULTS = ROOT / "tests" / "benchmark-results.json"
DOCS_PAGE = ROOT / "docs" / "benchmark.md"
TABLE_START = "<!-- benchmark table -->"
TABLE_END = "<!-- end of benchmark table -->"
METHODS = [f"method-{n}" for n in range(12)]
CACHE = Path(".cache")
LARGE = 10_000
"""From this many papers up, --large-runs applies."""


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


NAV = "\nnav:\n  - Home: index.md\n"


def _project(folder: Path, *, with_hooks: bool, nav: str = NAV, settings: str = "") -> Path:
    folder.mkdir(parents=True)
    shutil.copytree(ROOT / "docs", folder / "docs")
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config[: config.index("\nnav:")] + settings + nav
    if with_hooks:
        shutil.copytree(ROOT / "hooks", folder / "hooks")
        _compile_bytecode(folder / "hooks")
        config += '  - "@dimensions"\n'
    else:
        config = config.replace("hooks:\n  - hooks/survey.py\n", "")
    # The hand-written pages cite the real survey; the benchmark measures generated pages.
    for page in (folder / "docs").glob("*.md"):
        page.write_text(f"# {page.stem.title()}\n\nBenchmark copy.\n", encoding="utf-8")
    (folder / "docs" / "reference" / "records.md").unlink(missing_ok=True)
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder


def _compile_bytecode(folder: Path) -> None:
    """Compile the Python files under ``folder`` once, as pip does for installed packages:
    MkDocs and Material are measured with their bytecode ready, so the engine is too (where
    PYTHONDONTWRITEBYTECODE is set, Python would otherwise compile it again in every run)."""
    compileall.compile_dir(folder, quiet=1)


def _same_settings(data: Path) -> str:
    """What the hook sets for the full build (site address, edit links), for floor (a)."""
    survey = yaml.safe_load((data / "survey.yaml").read_text(encoding="utf-8"))
    repository = survey["repository_url"].rstrip("/")
    return f"\nsite_url: {survey['site_url']}\nedit_uri: {repository}/edit/main/docs/\n"


def _expanded_nav(data: Path) -> str:
    """The navigation the engine gives the full build, written out for floor (a)."""
    from livesurvey import expand_nav, load_survey

    nav = expand_nav([{"Home": "index.md"}, "@dimensions"], load_survey(data))
    return "\n" + yaml.safe_dump({"nav": nav}, allow_unicode=True, sort_keys=False)


Measurement = tuple[float, int, float]
"""Wall seconds, peak memory (KiB) and CPU seconds (user and system) of one run."""


def _measure(command: list[str], cwd: Path, ok: tuple[int, ...] = (0,)) -> Measurement:
    """Wall seconds, peak memory (KiB) and CPU seconds of one run of ``command``.

    CPU time is what the run itself used: on a shared machine it varies less than wall time,
    which also counts the time other work held the processor."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "code = subprocess.run(sys.argv[1:], capture_output=True).returncode\n"
        "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(time.perf_counter() - start, usage.ru_maxrss, code, usage.ru_utime + usage.ru_stime)\n"
    )
    out = subprocess.run([PYTHON, "-c", probe, *command], cwd=cwd, capture_output=True, text=True)
    seconds, memory, code, cpu = out.stdout.split()
    if int(code) not in ok:
        raise SystemExit(f"benchmark command failed in {cwd}: {' '.join(command)}")
    return float(seconds), int(memory), float(cpu)


def _plain_text(size: int) -> str:
    """Paragraphs of plain prose, ``size`` characters in all (a page of that size)."""
    sentence = "Plain text of a page, written for the benchmark. "
    paragraph = sentence * 20  # 1,000 characters
    text = (paragraph + "\n\n") * (size // 1002 + 1)
    return text[:size].rstrip() + "\n"


def _build_once(project: Path) -> Measurement:
    site = project / "site"
    # Each build starts into an empty folder, with the previous one's files deleted and on
    # disk (not being written or discarded meanwhile): what is timed is the build alone.
    shutil.rmtree(site, ignore_errors=True)
    os.sync()
    return _measure(
        [PYTHON, "-m", "mkdocs", "build", "-q", "--no-strict", "-d", str(site)], project
    )


def _summary(project: Path, timings: list[Measurement]) -> dict[str, float]:
    site = project / "site"
    pages = sum(1 for _ in site.rglob("index.html"))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    index = site / "search" / "search_index.json"
    return {
        "seconds": statistics.median(t for t, _, _ in timings),
        "cpu_seconds": statistics.median(c for _, _, c in timings),
        "memory_mb": max(m for _, m, _ in timings) / 1024,
        "pages": pages,
        "output_mb": size / 1e6,
        "search_mb": index.stat().st_size / 1e6 if index.exists() else 0.0,
    }


def _change_one_paper(data: Path, run: int) -> None:
    """An edit to one record, as between two builds of a living survey."""
    paper = sorted((data / "papers").glob("*.yaml"))[0]
    lines = paper.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].split(" (edit ")[0] + f" (edit {run})"
    paper.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _render(data: Path, out: Path) -> None:
    command = [PYTHON, "-m", "livesurvey.cli", "--data", str(data), "render", "--out", str(out)]
    subprocess.run(command, check=True, capture_output=True)


def bench_size(papers: int, runs: int, fixed_questions: bool, scratch: Path) -> dict[str, object]:
    """Builds of one synthetic survey, cold and warm, and of its two floors, interleaved."""
    base = scratch / f"n{papers}{'-fixed' if fixed_questions else ''}"
    full = _project(base / "full", with_hooks=True)
    data = full / "survey_data"
    make_survey(data, papers, fixed_questions=fixed_questions)
    check_command = [PYTHON, "-m", "livesurvey.cli", "--data", "survey_data", "check"]
    first_check = _measure(check_command, full)[0]  # every file parsed
    check = statistics.median(_measure(check_command, full)[0] for _ in range(3))  # parsed before
    floor_a = _project(
        base / "floor-a", with_hooks=False, nav=_expanded_nav(data), settings=_same_settings(data)
    )
    _render(data, floor_a / "docs")
    sizes = sorted(p.stat().st_size for p in (floor_a / "docs").rglob("*.md"))
    floor_b = _project(base / "floor-b", with_hooks=False)
    filler = _plain_text(sizes[len(sizes) // 2])
    for n in range(len(sizes)):
        _write(floor_b / "docs" / "plain" / f"page{n}.md", f"# Page {n}\n\n{filler}")
    timings: dict[str, list[Measurement]] = {"cold": [], "warm": [], "a": [], "b": []}
    for run in range(runs):  # interleaved, so that a change in the machine's load hits all
        shutil.rmtree(full / CACHE, ignore_errors=True)
        timings["cold"].append(_build_once(full))
        _change_one_paper(data, run)
        timings["warm"].append(_build_once(full))
        timings["a"].append(_build_once(floor_a))
        timings["b"].append(_build_once(floor_b))
    cold, warm = _summary(full, timings["cold"]), _summary(full, timings["warm"])
    a, b = _summary(floor_a, timings["a"]), _summary(floor_b, timings["b"])
    return {
        "papers": papers,
        "runs": runs,
        "fixed_questions": fixed_questions,
        "check_seconds": check,
        "first_check_seconds": first_check,
        "build": warm,
        "cold": cold,
        "floor_a": a,
        "floor_b": b,
        "ms_per_page": 1000 * warm["seconds"] / max(1, warm["pages"]),
        "ratio_a": warm["seconds"] / a["seconds"],
        "cpu_ratio_a": warm["cpu_seconds"] / a["cpu_seconds"],
        "cold_ratio_a": cold["seconds"] / a["seconds"],
        "cold_cpu_ratio_a": cold["cpu_seconds"] / a["cpu_seconds"],
        "ratio_b": warm["seconds"] / b["seconds"],
        "cold_ratio_b": cold["seconds"] / b["seconds"],
        "memory_ratio_a": warm["memory_mb"] / a["memory_mb"],
    }


def bench_living_review(scratch: Path, entries: int = 2423) -> dict[str, float]:
    """Import of a file shaped like the HEPML Living Review's into a fresh survey, its first
    build, and floor (a) for the same pages."""
    from .hepml_shape import hepml_shaped_bibtex

    full = _project(scratch / "living-review" / "full", with_hooks=True)
    data = full / "survey_data"
    make_survey(data, 1, fixed_questions=False)
    bib = scratch / "living-review.bib"
    bib.write_text(hepml_shaped_bibtex(entries), encoding="utf-8")
    command = [PYTHON, "-m", "livesurvey.cli", "--data", "survey_data", "import-bib", str(bib)]
    imported = _measure(command, full, ok=(0, 1))[0]  # 1: the entries made to be refused
    build = _summary(full, [_build_once(full)])
    floor_a = _project(
        scratch / "living-review" / "floor-a",
        with_hooks=False,
        nav=_expanded_nav(data),
        settings=_same_settings(data),
    )
    _render(data, floor_a / "docs")
    a = _summary(floor_a, [_build_once(floor_a)])
    return {
        "entries": entries,
        "papers": len(list((data / "papers").glob("*.yaml"))),
        "import_seconds": imported,
        "build_seconds": build["seconds"],
        "floor_a_seconds": a["seconds"],
        "pages": build["pages"],
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


def table(results: list[dict[str, Any]], import_seconds: float, review: Mapping[str, float]) -> str:
    lines = [
        "| papers (pages) | build, warm | build, cold | floor (a) | ratio (a): warm, cold | "
        "CPU ratio (a): warm, cold | floor (b) | ratio (b): warm, cold | ms/page | "
        "peak memory: warm, cold (floor a) | "
        "search index (floor a) | check: first, again | runs |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        warm, cold, a, b = r["build"], r["cold"], r["floor_a"], r["floor_b"]
        label = f"{r['papers']:,}{' (25 questions)' if r['fixed_questions'] else ''}"
        lines.append(
            f"| {label} ({warm['pages']:,}) | {warm['seconds']:.1f} s | {cold['seconds']:.1f} s | "
            f"{a['seconds']:.1f} s | {r['ratio_a']:.2f}×, {r['cold_ratio_a']:.2f}× | "
            f"{r['cpu_ratio_a']:.2f}×, {r['cold_cpu_ratio_a']:.2f}× | "
            f"{b['seconds']:.1f} s | {r['ratio_b']:.2f}×, {r['cold_ratio_b']:.2f}× | "
            f"{r['ms_per_page']:.1f} | "
            f"{warm['memory_mb']:.0f} MB, {cold['memory_mb']:.0f} MB ({a['memory_mb']:.0f}) | "
            f"{warm['search_mb']:.1f} MB ({a['search_mb']:.1f}) | "
            f"{r['first_check_seconds']:.2f} s, {r['check_seconds']:.2f} s | {r['runs']} |"
        )
    lines += [
        "",
        f"Import of 2,400 BibTeX entries with accents and braces: {import_seconds:.1f} s.",
        "",
        f"A living review's bibliography ({review['entries']:,} entries shaped like the HEPML "
        f"Living Review's) imported into a fresh survey in {review['import_seconds']:.1f} s "
        f"({review['papers']:,} papers, the two entries made invalid refused); its first build "
        f"{review['build_seconds']:.1f} s against {review['floor_a_seconds']:.1f} s for floor (a) "
        f"({review['build_seconds'] / review['floor_a_seconds']:.2f}×).",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300,1000", help="paper counts, comma-separated")
    parser.add_argument("--runs", type=int, default=1, help="builds per measurement (median)")
    parser.add_argument(
        "--large-runs",
        type=int,
        default=None,
        help=f"builds per measurement from {LARGE:,} papers up (each takes minutes; "
        "default: --runs)",
    )
    parser.add_argument("--fixed-questions", action="store_true", help="also the 25-question case")
    parser.add_argument(
        "--write-docs", action="store_true", help="put the table in docs/benchmark.md"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    import livesurvey

    _compile_bytecode(Path(livesurvey.__file__).parent)
    with tempfile.TemporaryDirectory(prefix="livesurvey-bench-") as folder:
        scratch = Path(folder)
        results = []

        def runs(papers: int) -> int:
            return args.large_runs if args.large_runs and papers >= LARGE else args.runs

        for n in sizes:
            results.append(bench_size(n, runs(n), False, scratch))
            print(table(results[-1:], 0.0, _NO_REVIEW).splitlines()[2], flush=True)
        if args.fixed_questions:
            results.append(bench_size(max(sizes), runs(max(sizes)), True, scratch))
        import_seconds = bench_import(scratch)
        review = bench_living_review(scratch)
    text = table(results, import_seconds, review)
    print(text)
    RESULTS.write_text(
        json.dumps(
            {"results": results, "import_seconds": import_seconds, "living_review": review},
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    if args.write_docs:
        page = DOCS_PAGE.read_text(encoding="utf-8")
        start, end = page.index(TABLE_START), page.index(TABLE_END)
        command = " ".join(["python3 dev.py bench", *sys.argv[1:]])
        measured = time.strftime("%Y-%m-%d")
        block = f"{TABLE_START}\n\nMeasured {measured} with `{command}`:\n\n{text}\n\n"
        DOCS_PAGE.write_text(page[:start] + block + page[end:], encoding="utf-8")


_NO_REVIEW = {
    "entries": 0,
    "import_seconds": 0,
    "papers": 0,
    "build_seconds": 0,
    "floor_a_seconds": 1,
}

if __name__ == "__main__":
    main()
