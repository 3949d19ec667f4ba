"""The ``livesurvey`` command: check records and render pages without MkDocs.

Exit status: 0 when all is well, 1 when the records have errors, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .core.collection import collector_paused
from .core.problems import ProblemLog, format_github, format_report
from .model.index import SurveyIndex
from .outputs.address_records import last_known, registry_text, with_gone
from .outputs.addresses import (
    RECORD_COMMAND,
    REGISTRY_FILE,
    address_plan,
    recorded_registry,
    registry_of,
    unrecorded,
)
from .outputs.memo import CACHE_FOLDER
from .pipeline import check_survey, link_records, read_history
from .records.files import MAX_SHARED_FILE_BYTES, write_atomically
from .records.json_schemas import SCHEMA_FOLDER, stale_schemas, write_schemas
from .records.schema import AnchorRegistry, Fate, Stance
from .records.validation import validate_document
from .records.writing import validation_problems
from .records.yaml_source import read_yaml_file

EXIT_OK = 0
EXIT_DATA_ERRORS = 1
EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="livesurvey",
        description="Check the survey's records and render its pages.",
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=Path("survey_data"),
        help="the data folder (default: survey_data)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    checker = commands.add_parser("check", help="validate every record and list every problem")
    checker.add_argument(
        "--strict", action="store_true", help="fail (exit 1) on warnings as well as errors"
    )
    checker.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="'github' prints GitHub Actions annotations, shown on the pull request's lines",
    )
    render = commands.add_parser("render", help="write every generated page to a folder")
    render.add_argument("--out", type=Path, required=True, help="folder to write the pages into")
    render.add_argument(
        "--templates",
        type=Path,
        action="append",
        default=[],
        help="a folder of template overrides, searched before the packaged templates",
    )
    render.add_argument(
        "--no-history",
        action="store_true",
        help="date pages by the records' 'added' fields instead of the git history "
        "(the output then depends on the records alone)",
    )
    schemas = commands.add_parser(
        "schemas", help="write the JSON Schema of every record kind (for editors)"
    )
    schemas.add_argument(
        "--out", type=Path, default=Path(SCHEMA_FOLDER), help=f"folder (default: {SCHEMA_FOLDER})"
    )
    schemas.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if the folder is out of date"
    )
    creator = commands.add_parser("new", help="start a new paper or finding record")
    kinds = creator.add_subparsers(dest="kind", required=True, metavar="KIND")
    paper = kinds.add_parser("paper", help="a paper, from an arXiv id, a DOI or a BibTeX entry")
    source = paper.add_mutually_exclusive_group(required=True)
    source.add_argument("--arxiv", help="an arXiv id, e.g. 2504.13837 (looked up online)")
    source.add_argument("--doi", help="a DOI, e.g. 10.1234/abc (looked up online)")
    source.add_argument("--bib", type=Path, help="a .bib file holding the entry")
    paper.add_argument("--key", help="with --bib: the entry to take, if the file holds several")
    paper.add_argument(
        "--id", dest="record_id", help="the record id (default: the survey's naming)"
    )
    finding = kinds.add_parser("finding", help="a finding, with its first piece of evidence")
    finding.add_argument("finding_id", metavar="ID", help="the finding's id, e.g. rl-sharpens")
    finding.add_argument("--question", required=True, help="the research question's id")
    finding.add_argument("--title", required=True, help="a short name for the claim")
    finding.add_argument("--claim", required=True, help="the claim, in your own words")
    finding.add_argument("--paper", required=True, help="the id of the first paper")
    finding.add_argument(
        "--method", action="append", required=True, help="an analysis-method term id (repeatable)"
    )
    finding.add_argument(
        "--stance", default="supports", choices=[s.value for s in Stance], help="default: supports"
    )
    finding.add_argument("--note", help="what exactly the paper shows, in your own words")
    for command in (paper, finding):
        _add_import_options(command)
    citing = commands.add_parser(
        "citation-files", help="write CITATION.cff and .zenodo.json from survey.yaml"
    )
    citing.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if the files are out of date"
    )
    differ = commands.add_parser(
        "diff", help="what changed in the survey between two git revisions, as Markdown"
    )
    differ.add_argument("base", help="the revision to compare with, e.g. origin/main")
    differ.add_argument(
        "--head", default=None, help="the revision to compare (default: the records as they are)"
    )
    importer = commands.add_parser(
        "import-bib", help="create or complete paper records from BibTeX"
    )
    importer.add_argument("bib", type=Path, help="the .bib file")
    _add_import_options(importer)
    anchors = commands.add_parser(
        "anchors", help="keep every published address working (survey_data/anchors.yaml)"
    )
    actions = anchors.add_subparsers(dest="action", required=True, metavar="ACTION")
    actions.add_parser("record", help="add every address published now to anchors.yaml")
    actions.add_parser(
        "check", help="exit 1 if an address is broken or not yet recorded (stricter than check)"
    )
    gone = actions.add_parser(
        "gone", help="record what became of an id that goes: renamed, merged or retired"
    )
    gone.add_argument("kind", help="its kind, e.g. papers, findings, questions, methods")
    gone.add_argument("id", help="the id that goes")
    gone.add_argument("--fate", required=True, choices=[f.value for f in Fate])
    gone.add_argument("--to", help="the successor's id (renamed, merged), or where to go instead")
    gone.add_argument("--reason", required=True, help="why it goes, in a sentence")
    gone.add_argument("--title", help="what it was called (default: from the records or git HEAD)")
    gone.add_argument(
        "--date",
        type=dt.date.fromisoformat,
        default=dt.date.today(),
        help="the day it goes, YYYY-MM-DD (default: today)",
    )
    lister = commands.add_parser(
        "import-list", help="merge a curated paper list (TSV) into the paper records"
    )
    lister.add_argument("list", type=Path, help="the .tsv file")
    _add_import_options(lister)
    return parser


def _add_import_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--dry-run", action="store_true", help="print what would change; write nothing"
    )
    command.add_argument(
        "--added",
        type=dt.date.fromisoformat,
        default=dt.date.today(),
        help="the 'added' date of new records, YYYY-MM-DD (default: today)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_request:
        return EXIT_USAGE if exit_request.code not in (0, None) else EXIT_OK
    if args.command == "schemas":
        if args.check:
            stale = stale_schemas(args.out)
            for name in stale:
                print(f"{args.out / name}: out of date; run 'livesurvey schemas' and commit it")
            return EXIT_DATA_ERRORS if stale else EXIT_OK
        for name in write_schemas(args.out):
            print(f"wrote {args.out / name}")
        return EXIT_OK
    if args.command == "diff":
        return _diff(args.data, args.base, args.head)
    if args.command == "import-bib":
        status = _import(args.bib, args.data, dry_run=args.dry_run, added=args.added)
        if not args.dry_run:
            record_new_addresses(args.data)
        return status
    if args.command == "anchors":
        return _anchors(args)
    if not args.data.is_dir():
        print(f"livesurvey: data folder '{args.data}' does not exist", file=sys.stderr)
        return EXIT_USAGE
    project = args.data.resolve().parent
    docs = project / "docs"
    index, problems = check_survey(
        args.data, docs if docs.is_dir() else None, cache_dir=project / CACHE_FOLDER
    )
    if problems and getattr(args, "format", "text") == "github":
        print(format_github(problems, args.data.as_posix()))
    elif problems:
        print(format_report(problems))
    if index is None:
        return EXIT_DATA_ERRORS
    if args.command == "citation-files":
        return _citation_files(index, args.data.resolve().parent, check=args.check)
    if args.command in ("new", "import-list"):
        if args.command == "new":
            status = _new(args, index)
        else:
            status = _import_list(
                args.list, args.data, index, dry_run=args.dry_run, added=args.added
            )
        if not args.dry_run:
            record_new_addresses(args.data)
        return status
    if args.command == "check":
        # Unrecorded addresses are a notice, not a warning: 'check --strict' stays green for
        # a contributor who adds a valid record (see docs/architecture.md).
        if registry_of(index) is not None and unrecorded(index).count:
            print(unrecorded(index).notice())
        if args.strict and problems:
            return EXIT_DATA_ERRORS
        if not problems:
            print(
                f"ok: {len(index.papers)} papers, {len(index.findings)} findings, "
                f"{len(index.topics)} topics, {len(index.questions)} questions"
            )
        return EXIT_OK
    if not args.no_history:
        read_history(index, args.data)
    return _render(index, args.out, args.templates, args.data.resolve().parent / CACHE_FOLDER)


def record_new_addresses(data: Path, *, create: bool = False) -> int:
    """Add the addresses published now to anchors.yaml (only if the survey has one, unless
    ``create``); print what was added. Returns how many addresses were added."""
    registry_file = data / REGISTRY_FILE
    if not (create or registry_file.is_file()):
        return 0
    index, problems = link_records(data)
    if index is None:
        print(format_report(problems))
        print(f"{REGISTRY_FILE} not updated: fix the records, then run '{RECORD_COMMAND}'")
        return 0
    new = unrecorded(index)
    if new.count or not registry_file.is_file():
        write_atomically(registry_file, registry_text(recorded_registry(index)))
        print(f"recorded {new.count} new addresses in {registry_file}")
    return new.count


def _anchors(args: argparse.Namespace) -> int:
    data: Path = args.data
    if not data.is_dir():
        print(f"livesurvey: data folder '{data}' does not exist", file=sys.stderr)
        return EXIT_USAGE
    if args.action == "record":
        index, problems = link_records(data)
        if index is None:
            print(format_report(problems))
            return EXIT_DATA_ERRORS
        if not record_new_addresses(data, create=True):
            print(f"{data / REGISTRY_FILE}: every published address is recorded")
        return EXIT_OK
    if args.action == "gone":
        return _gone(args)
    index, problems = link_records(data)
    if index is None:
        print(format_report(problems))
        return EXIT_DATA_ERRORS
    broken = address_plan(index).problems
    new = unrecorded(index)
    if broken:
        print(format_report(broken))
    if new.count:
        print(new.notice())
    if not broken and not new.count:
        print(f"ok: every published address is recorded in {data / REGISTRY_FILE}")
    return EXIT_DATA_ERRORS if broken or new.count else EXIT_OK


def _gone(args: argparse.Namespace) -> int:
    data: Path = args.data
    registry_file = data / REGISTRY_FILE
    log = ProblemLog()
    document = (
        read_yaml_file(registry_file, REGISTRY_FILE, log, limit=MAX_SHARED_FILE_BYTES)
        if registry_file.is_file()
        else None
    )
    registry = validate_document(document, AnchorRegistry, log) if document is not None else None
    if registry is None:
        print(format_report(log.sorted()) if log.problems else f"{registry_file} is missing")
        print(f"run '{RECORD_COMMAND}' first, while the id is still published")
        return EXIT_DATA_ERRORS
    described = args.title and (args.title, None)
    if not described:
        described = _describe_last_version(data, args.kind, args.id)
    if not described:
        print(
            f"livesurvey: neither the records nor git HEAD have the {args.kind} '{args.id}'; "
            "give its title with --title"
        )
        return EXIT_DATA_ERRORS
    title, last = described
    updated = with_gone(
        registry,
        kind=args.kind,
        item=args.id,
        fate=Fate(args.fate),
        to=args.to,
        title=title,
        reason=args.reason,
        date=args.date,
        last=last,
    )
    problems = validation_problems(registry_text(updated), REGISTRY_FILE, AnchorRegistry)
    if problems:
        print(format_report(problems, "the new entry"))
        print("nothing was written")
        return EXIT_DATA_ERRORS
    write_atomically(registry_file, registry_text(updated))
    print(f"recorded under gone: in {registry_file}: {args.kind} '{args.id}' {args.fate}")
    return EXIT_OK


def _describe_last_version(data: Path, kind: str, item: str) -> tuple[str, str | None] | None:
    """The title and last claim or citation of ``item``: from the records as they are, else
    from git HEAD (the last committed, published version)."""
    from .revisions import RevisionError, extract_records

    index, _ = link_records(data)
    found = last_known(index, kind, item) if index is not None else None
    if found:
        return found
    top = subprocess.run(
        ["git", "rev-parse", "--show-toplevel"], cwd=data, capture_output=True, text=True
    )
    if top.returncode != 0:
        return None
    repository = Path(top.stdout.strip())
    folder = data.resolve().relative_to(repository.resolve()).as_posix()
    with tempfile.TemporaryDirectory() as scratch:
        try:
            old = extract_records(repository, "HEAD", folder, Path(scratch))
        except RevisionError:
            return None
        index, _ = link_records(old)
        return last_known(index, kind, item) if index is not None else None


def _new(args: argparse.Namespace, index: SurveyIndex) -> int:
    from .importers.online import OnlineLookupError
    from .importers.scaffold import plan_finding, plan_paper, write_scaffold

    if args.kind == "finding":
        result = plan_finding(
            args.data,
            args.finding_id,
            index=index,
            question=args.question,
            title=args.title,
            claim=args.claim,
            paper=args.paper,
            methods=args.method,
            stance=args.stance,
            note=args.note,
            added=args.added,
        )
    else:
        try:
            fields = _paper_source(args)
        except OnlineLookupError as error:
            print(f"livesurvey: {error}; nothing was written", file=sys.stderr)
            return EXIT_DATA_ERRORS
        if fields is None:
            return EXIT_DATA_ERRORS
        result = plan_paper(
            args.data, fields, added=args.added, index=index, record_id=args.record_id
        )
    if result.log.problems:
        print(format_report(result.log.sorted(), "the new record"))
    if result.log.errors:
        print("nothing was written")
        return EXIT_DATA_ERRORS
    if args.dry_run:
        print(f"would write {result.relative}:\n{result.text}")
    else:
        write_scaffold(args.data, result)
        print(f"wrote {args.data / result.relative}: fill in what its header asks, then run check")
    return EXIT_OK


def _paper_source(args: argparse.Namespace) -> dict[str, Any] | None:
    """The fields of the new paper from its source; ``None`` after reporting a problem."""
    from .importers.bibtex_entries import parse_bibliography
    from .importers.online import arxiv_fields, doi_fields

    if args.arxiv:
        return arxiv_fields(args.arxiv)
    if args.doi:
        return doi_fields(args.doi)
    log = ProblemLog()
    try:
        text = args.bib.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"livesurvey: cannot read {args.bib}: {error}", file=sys.stderr)
        return None
    parsed = parse_bibliography(
        text, str(args.bib), log, added=args.added, check_ids=args.record_id is None
    )
    entries = [e for e in parsed.entries if args.key in (None, e.key)]
    if log.errors or len(entries) != 1:
        if log.problems:
            print(format_report(log.sorted(), "the .bib file"))
        if not log.errors:
            keys = ", ".join(e.key for e in parsed.entries) or "none"
            print(f"{args.bib}: expected one entry (give --key); entries: {keys}")
        return None
    if args.record_id is None:
        args.record_id = entries[0].record_id
    return entries[0].fields


def _citation_files(index: SurveyIndex, project: Path, *, check: bool) -> int:
    from .outputs.citation_files import citation_cff, zenodo_json
    from .outputs.site_location import site_location

    # From survey.yaml alone: the committed files must not depend on where they are generated.
    location = site_location(index.meta.record, {})
    files = {
        "CITATION.cff": citation_cff(
            index, site_url=location.site_url, repository_url=location.repository_url
        ),
        ".zenodo.json": zenodo_json(index, site_url=location.site_url),
    }
    stale = [
        name
        for name, text in files.items()
        if not (project / name).is_file() or (project / name).read_text(encoding="utf-8") != text
    ]
    if check:
        for name in stale:
            print(f"{project / name}: out of date; run 'livesurvey citation-files' and commit it")
        return EXIT_DATA_ERRORS if stale else EXIT_OK
    for name in stale:
        (project / name).write_text(files[name], encoding="utf-8")
        print(f"wrote {project / name}")
    return EXIT_OK


def _diff(data: Path, base: str, head: str | None) -> int:
    from .model.differences import compare
    from .outputs.diff_report import render_diff
    from .revisions import RevisionError, extract_records

    if not data.is_dir():
        print(f"livesurvey: data folder '{data}' does not exist", file=sys.stderr)
        return EXIT_USAGE
    top = subprocess.run(
        ["git", "rev-parse", "--show-toplevel"], cwd=data, capture_output=True, text=True
    )
    if top.returncode != 0:
        print(f"livesurvey: '{data}' is not inside a git repository", file=sys.stderr)
        return EXIT_USAGE
    repository = Path(top.stdout.strip())
    folder = data.resolve().relative_to(repository.resolve()).as_posix()
    with tempfile.TemporaryDirectory() as scratch:
        try:
            old = extract_records(repository, base, folder, Path(scratch) / "base")
            new = (
                data
                if head is None
                else extract_records(repository, head, folder, Path(scratch) / "head")
            )
        except RevisionError as error:
            print(f"livesurvey: {error}", file=sys.stderr)
            return EXIT_USAGE
        versions = []
        for label, root in ((base, old), (head or "the work tree", new)):
            index, problems = check_survey(root)
            if index is None:
                print(format_report(problems, f"the records at {label}"))
                return EXIT_DATA_ERRORS
            versions.append(index)
    print(render_diff(compare(versions[0], versions[1]), versions[0], versions[1]))
    return EXIT_OK


def _import(bib: Path, data: Path, *, dry_run: bool, added: dt.date) -> int:
    from .importers.bibtex import apply_plan, plan_import

    if not bib.is_file():
        print(f"livesurvey: .bib file '{bib}' does not exist", file=sys.stderr)
        return EXIT_USAGE
    if not data.is_dir():
        print(
            f"livesurvey: data folder '{data}' does not exist or is not a folder", file=sys.stderr
        )
        return EXIT_USAGE
    log = ProblemLog()
    with collector_paused():
        plan = plan_import(bib, data, log, added=added)
    if log.problems:
        print(format_report(log.sorted(), "the .bib file"))
    for path in plan.new:
        print(f"new       {path}")
    for path, fields in plan.updated.items():
        print(f"completed {path}: adds {', '.join(fields)}")
    for conflict in plan.conflicts:
        print(f"conflict  {conflict}")
    if not dry_run:
        apply_plan(plan)
    print(("would import: " if dry_run else "imported: ") + plan.summary())
    if log.errors:
        print("the refused entries are listed above with their lines; fix them and import again")
        return EXIT_DATA_ERRORS
    return EXIT_OK


def _import_list(
    list_path: Path, data: Path, index: SurveyIndex, *, dry_run: bool, added: dt.date
) -> int:
    from .importers.paper_list import apply_list_plan, plan_list_import

    if not list_path.is_file():
        print(f"livesurvey: list file '{list_path}' does not exist", file=sys.stderr)
        return EXIT_USAGE
    log = ProblemLog()
    plan = plan_list_import(list_path, index, data, log, added=added)
    if log.problems:
        print(format_report(log.sorted(), "the list"))
    for note in plan.notes:
        print(note)
    if dry_run:
        print(f"would merge: {plan.summary()}")
    else:
        for path in apply_list_plan(plan, data):
            print(f"wrote     {path}")
        print(f"merged: {plan.summary()}")
    return EXIT_DATA_ERRORS if log.errors else EXIT_OK


def _render(index: SurveyIndex, out: Path, templates: list[Path], cache: Path) -> int:
    from .outputs.editions import current_edition
    from .outputs.rendering import render_pages
    from .outputs.site_location import site_location

    if out.exists() and not out.is_dir():
        print(f"livesurvey: '{out}' exists and is not a folder", file=sys.stderr)
        return EXIT_USAGE
    location = site_location(index.meta.record, os.environ)
    edition = current_edition(index.meta.record.version, os.environ)
    generated = render_pages(
        index,
        template_dirs=templates,
        site_url=location.site_url,
        cache_dir=cache,
        edition=edition,
    )
    for page in generated:
        target = out / page.uri
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.content, encoding="utf-8")
        except OSError as error:
            print(
                f"{target}: cannot write ({error.strerror}); choose a folder you can write to",
                file=sys.stderr,
            )
            return EXIT_DATA_ERRORS
    print(f"wrote {len(generated)} pages to {out}")
    return EXIT_OK


def run() -> None:
    """The ``livesurvey`` command: :func:`main` in a process of its own.

    Python's cyclic collector would walk the loaded survey again and again (and once more at
    exit) without finding anything to free; a command that ends after one task does without.
    """
    gc.disable()
    sys.exit(main())


if __name__ == "__main__":
    run()
