"""``storydiff archive build|report``: argument parsing for the archive commands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
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
    build.add_argument(
        "--window-days",
        type=int,
        metavar="N",
        help="link articles at most N days apart (default: 7)",
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
    if args.window_days is not None:
        if args.window_days < 0:
            print("storydiff: --window-days must be 0 or more", file=sys.stderr)
            return 2
        settings = replace(settings, window_days=args.window_days)
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
