"""The ``storydiff`` command: parse arguments, build the story, then open, export or shoot.

storydiff [PATHS...]                       open the reader (default: the bundled seeds)
storydiff export [PATHS...] --format json|markdown [-o FILE] [--force]
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from tui.core.exporting import to_json, to_markdown, write_atomic
from tui.core.model import Story
from tui.core.story import SEEDS, build_story

COMMANDS = ("export",)


def _paths(values: Sequence[str]) -> list[str]:
    """The paths to load: those given, else the bundled seeds (relative when that is shorter)."""
    if values:
        return list(values)
    relative = os.path.relpath(SEEDS)
    return [SEEDS.as_posix() if relative.startswith("..") else relative]


def _load(paths: Sequence[str]) -> Story:
    story = build_story(_paths(paths))
    for problem in story.problems:
        print(f"storydiff: {problem}", file=sys.stderr)
    return story


def _open_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="storydiff",
        description=(
            "Show how different outlets tell the same news story: shared passages side by "
            "side with their wording differences, and what only one outlet says."
        ),
        epilog=(
            "commands:\n"
            "  storydiff export [PATHS...]  write a JSON or Markdown report (see export --help)\n"
            "\nPATHS are article files (.txt, .md, .jsonl) or folders of them; with none, the "
            "bundled seed articles open."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders")
    return parser


def _export_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="storydiff export",
        description="Write the aligned story as JSON (for scripts) or Markdown (for write-ups).",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders")
    parser.add_argument("--format", choices=("json", "markdown"), default="json")
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    parser.add_argument(
        "--force", action="store_true", help="overwrite the output file if it exists"
    )
    return parser


def export(argv: Sequence[str]) -> int:
    args = _export_parser().parse_args(argv)
    story = _load(args.paths)
    if not story.articles:
        print("storydiff: no articles to export", file=sys.stderr)
        return 1
    text = to_json(story) if args.format == "json" else to_markdown(story)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        write_atomic(args.output, text, overwrite=args.force)
    except FileExistsError as error:
        print(f"storydiff: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"storydiff: cannot write {args.output}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"storydiff: wrote {args.output}", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "export":
        return export(argv[1:])
    args = _open_parser().parse_args(argv)
    story = _load(args.paths)
    if not story.articles:
        print("storydiff: no articles to show", file=sys.stderr)
        return 1
    from tui.app import StorydiffApp

    StorydiffApp(story).run()
    return 0
