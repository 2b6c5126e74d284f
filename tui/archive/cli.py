"""``storydiff archive build|report``: argument parsing for the archive commands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

#: ``build``'s grouping flags, each an ``ArchiveSettings`` field of the same name.
_GROUPING_FLAGS: tuple[tuple[str, type, str, str], ...] = (
    ("--window-days", int, "N", "link articles at most N days apart"),
    ("--ngram", int, "N", "words per wording key"),
    ("--min-shared", int, "N", "wording keys a linked pair shares at least"),
    ("--min-overlap", float, "SHARE", "and that share of the smaller article's keys at least"),
    ("--min-facts", int, "N", "or fact keys it shares at least (0: wording only)"),
    ("--max-df", int, "N", "drop wording keys found in more than N articles (boilerplate)"),
    ("--max-fact-df", int, "N", "drop fact keys found in more than N articles"),
)


def _field(flag: str) -> str:
    return flag.removeprefix("--").replace("-", "_")


def _parser() -> argparse.ArgumentParser:
    from tui.archive.build import ArchiveSettings

    parser = argparse.ArgumentParser(
        prog="storydiff archive",
        description=(
            "From a news archive to its stories and its copying, on Dask: `build` groups the "
            "articles into stories and aligns each; `report` writes archive-wide figures."
        ),
    )
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser(
        "build",
        help="group an archive's articles into stories and align each",
        description=(
            "Read article files, folders (searched recursively) and .jsonl / .jsonl.gz "
            "datasets (title, outlet, date, url, text), group the articles into stories and "
            "write each as OUTDIR/stories/ID/ (articles.jsonl, which `storydiff` opens, and "
            "story.json, its export), plus OUTDIR/index.json and index.csv. Run it again "
            "after a crash or Ctrl-C to resume: finished work is kept."
        ),
    )
    build.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders")
    build.add_argument("-o", "--output", type=Path, required=True, metavar="OUTDIR")
    build.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on the Dask cluster at ADDRESS (tcp://HOST:8786; OUTDIR must be shared); "
        "default: this machine's cores",
    )
    grouping = build.add_argument_group(
        "grouping into stories",
        "Two articles are linked when they are dated at most --window-days apart and share "
        "either enough wording (--min-shared n-grams of --ngram words, and --min-overlap of "
        "the smaller one's) or enough facts (--min-facts figures with what they count, or "
        "pairs of rare names); stories are the linked groups.",
    )
    defaults = ArchiveSettings()
    for flag, kind, metavar, help_text in _GROUPING_FLAGS:
        grouping.add_argument(
            flag,
            type=kind,
            metavar=metavar,
            help=f"{help_text} (default: {getattr(defaults, _field(flag))})",
        )
    report = commands.add_parser(
        "report",
        help="archive-wide reuse figures of a build",
        description="Write OUTDIR/report.json, report.md and report-*.csv from a finished build.",
    )
    report.add_argument("outdir", type=Path, metavar="OUTDIR")
    return parser


def main(argv: Sequence[str]) -> int:
    args = _parser().parse_args(argv)
    from tui.archive.build import ArchiveSettings, BuildError, build
    from tui.archive.report import write_report

    if args.command == "report":
        if not (args.outdir / "work" / "build.done.json").is_file():
            print(f"storydiff: {args.outdir} holds no finished archive build", file=sys.stderr)
            return 1
        for path in write_report(args.outdir):
            print(f"storydiff: wrote {path}", file=sys.stderr)
        return 0
    settings = ArchiveSettings()
    for flag, _kind, _metavar, _help in _GROUPING_FLAGS:
        value = getattr(args, _field(flag))
        if value is None:
            continue
        smallest = 1 if flag in ("--ngram", "--max-df", "--max-fact-df") else 0
        if value < smallest or (flag == "--min-overlap" and value > 1):
            bounds = "between 0 and 1" if flag == "--min-overlap" else f"{smallest} or more"
            print(f"storydiff: {flag} must be {bounds}", file=sys.stderr)
            return 2
        settings = replace(settings, **{_field(flag): value})
    client = None
    try:
        if args.scheduler:
            from tui.archive.running import connect

            client = connect(args.scheduler)
        build(args.inputs, args.output, settings, client)
    except BuildError as error:
        print(f"storydiff: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nstorydiff: interrupted; run the same command again to resume", file=sys.stderr)
        return 130
    except OSError as error:
        print(f"storydiff: {error}", file=sys.stderr)
        return 1
    finally:
        if client is not None:
            client.close()
    return 0
