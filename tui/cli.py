"""The ``storydiff`` command: parse arguments, build the story, then open, export or shoot.

storydiff [PATHS...]                       open the reader (default: the bundled seeds)
storydiff export [PATHS...] --format json|markdown|html [-o FILE] [--force]
storydiff fetch URL... -o FOLDER [--refresh] [--new-version]
storydiff screenshot [PATHS...] --view library|compare|passages|quotes|figures|outlets -o FILE.svg
storydiff archive build INPUT... -o OUTDIR | archive report OUTDIR

PATHS may be files, folders or http(s):// URLs, mixed freely.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.seeds import SEEDS

if TYPE_CHECKING:
    from tui.core.model import Story

# The engine is imported by the commands that use it (not here): the reader's first frame
# comes before any of it is needed.

COMMANDS = ("export", "fetch", "screenshot", "archive")

#: Inputs larger than this (characters) are aligned in the app's worker thread, so the
#: library shows at once with a progress bar; smaller ones are built before the app starts.
BUILD_IN_APP_CHARS = 400_000


def _warn(message: str) -> None:
    """One line on stderr; file names and server messages are untrusted, so made inert."""
    from tui.core.cleaning import sanitize_line

    print(f"storydiff: {sanitize_line(message)}", file=sys.stderr)


def _paths(values: Sequence[str]) -> list[str]:
    """The paths to load: those given, else the bundled seeds (relative when that is shorter)."""
    if values:
        return list(values)
    relative = os.path.relpath(SEEDS)
    return [SEEDS.as_posix() if relative.startswith("..") else relative]


#: Exit status when ``--strict`` is given and some input was rejected or only partly loaded.
EXIT_PROBLEMS = 3
#: Exit status after Ctrl-C, as shells report a process ended by SIGINT.
EXIT_INTERRUPTED = 130
#: Exit status when standard output was closed early (as for SIGPIPE).
EXIT_BROKEN_PIPE = 141


def _load(paths: Sequence[str], *, refresh: bool = False) -> Story:
    from tui.core.loading import load_paths
    from tui.core.story import story_from_documents

    # build_story(paths) does the same without fetch progress lines or --refresh.
    loaded = load_paths(_paths(paths), progress=_warn, refresh=refresh)
    story = story_from_documents(loaded.documents, loaded.problems)
    for problem in story.problems:
        _warn(str(problem))
    return story


def _status(story: Story, strict: bool) -> int:
    """0, or ``EXIT_PROBLEMS`` under ``--strict`` when an input was lost (notices aside)."""
    lost = any(not problem.notice for problem in story.problems)
    return EXIT_PROBLEMS if strict and lost else 0


def _add_strict(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--strict",
        action="store_true",
        help=f"exit with status {EXIT_PROBLEMS} when any input was rejected or only partly "
        "loaded (a notice such as 'read as Windows-1252' does not count)",
    )


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
            "  storydiff fetch URL... -o FOLDER\n"
            "                               save web articles as Markdown in a story folder\n"
            "                               (see fetch --help)\n"
            "  storydiff screenshot [PATHS...] --view VIEW -o FILE.svg\n"
            "                               render a view to SVG without a terminal\n"
            "                               (see screenshot --help)\n"
            "  storydiff archive build INPUT... -o OUTDIR\n"
            "                               group a news archive into stories, on Dask\n"
            "                               (see archive --help)\n"
            "\nIn the reader, press ? for every key; ctrl+p jumps to an article, pair or passage.\n"
            "\nPATHS are article files (.txt, .md, .jsonl, .html) or folders of them, or\n"
            "http(s):// URLs of web articles (fetched once, then read from the cache); with\n"
            "none, the bundled seed articles open."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="article files, folders or URLs")
    parser.add_argument(
        "--refresh", action="store_true", help="download URLs again instead of using the cache"
    )
    parser.add_argument("--theme", metavar="NAME", help="Textual theme, e.g. textual-light")
    return parser


def _export_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="storydiff export",
        description="Write the aligned story as JSON (for scripts) or Markdown (for write-ups).",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="article files, folders or URLs")
    parser.add_argument(
        "--format",
        choices=("json", "markdown", "html"),
        help="default: from the output's suffix (.md, .markdown, .html, .htm), else json",
    )
    parser.add_argument("-o", "--output", help="file to write (default, or '-': standard output)")
    parser.add_argument(
        "--force", action="store_true", help="overwrite the output file if it exists"
    )
    parser.add_argument(
        "--refresh", action="store_true", help="download URLs again instead of using the cache"
    )
    _add_strict(parser)
    return parser


def _check_output(path: str, *, force: bool) -> bool:
    """Whether ``path`` can be written, said before any work is done."""
    from tui.core.exporting import check_output

    try:
        check_output(path, overwrite=force)
    except OSError as error:
        _warn(str(error))
        return False
    return True


def _write_output(path: str, text: str | bytes | Iterable[bytes], *, force: bool) -> int:
    """Write a report or screenshot atomically; refuse to overwrite unless ``force``."""
    from tui.core.exporting import OutputError, write_atomic

    try:
        write_atomic(path, text, overwrite=force)
    except (FileExistsError, OutputError) as error:
        _warn(str(error))
        return 1
    except BrokenPipeError:
        raise  # ``-o /dev/stdout | head``: ends quietly in ``main``
    except OSError as error:
        _warn(f"cannot write {path}: {error.strerror or error}")
        return 1
    if path not in ("/dev/stdout", "/dev/fd/1"):
        _warn(f"wrote {path}")
    return 0


def _to_stdout(text: str | bytes | Iterable[bytes]) -> None:
    """Write ``text`` to standard output whole, or raise ``BrokenPipeError`` (see
    ``write_all``); a replaced ``sys.stdout`` without a file (a test's capture) just gets it."""
    from tui.core.exporting import chunks, close_pieces, write_all

    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is an OSError
        sys.stdout.write(text if isinstance(text, str) else b"".join(chunks(text)).decode())
        sys.stdout.flush()
        return
    sys.stdout.flush()
    pieces = chunks(text)
    try:
        for chunk in pieces:
            write_all(fd, chunk)
    finally:
        close_pieces(pieces)


#: What an output file's suffix asks for when ``--format`` is not given.
_FORMAT_OF_SUFFIX = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


def export(argv: Sequence[str]) -> int:
    from tui.core.exporting import to_json_chunks, to_markdown_chunks
    from tui.core.html_report import to_html

    args = _export_parser().parse_args(argv)
    output: str | None = None if args.output in (None, "-") else args.output
    if output is not None and not _check_output(output, force=args.force):
        return 1
    story = _load(args.paths, refresh=args.refresh)
    if not story.articles:
        print("storydiff: no articles to export", file=sys.stderr)
        return 1
    # JSON and Markdown as pieces of bytes, made as they are written: the text, its
    # encoding, the pieces joined or (JSON) all of them at once would be one more copy each
    # (39 MB of JSON at 1,000 articles) at the moment memory peaks.
    writers: dict[str, Callable[[Story], str | bytes | Iterable[bytes]]] = {
        "json": to_json_chunks,
        "markdown": to_markdown_chunks,
        "html": to_html,
    }
    suffix = Path(output).suffix.lower() if output is not None else ""
    text = writers[args.format or _FORMAT_OF_SUFFIX.get(suffix, "json")](story)
    if output is None:
        _to_stdout(text)
        return _status(story, args.strict)
    return _write_output(output, text, force=args.force) or _status(story, args.strict)


def _fetch_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="storydiff fetch",
        description=(
            "Download web articles and save each as a Markdown file with a front-matter header "
            "(title, outlet, author, date, url, fetched_at) in FOLDER, named after the site and "
            "the title. `storydiff FOLDER` then opens the story without a network. Existing "
            "files are never overwritten."
        ),
    )
    parser.add_argument("urls", nargs="+", metavar="URL", help="http:// or https:// addresses")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FOLDER",
        help="story folder to save into (created if missing)",
    )
    parser.add_argument(
        "--refresh", action="store_true", help="download again instead of using the cache"
    )
    parser.add_argument(
        "--new-version",
        action="store_true",
        help="save a URL that FOLDER already holds again, as NAME-2.md (downloads it anew)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=None,
        metavar="SECONDS",
        help="time limit for each page (default: 15)",
    )
    return parser


def fetch(argv: Sequence[str]) -> int:
    from tui.core.cleaning import sanitize_line

    args = _fetch_parser().parse_args(argv)
    from tui.core.fetching import cache_key, fetch_articles, save_article, saved_urls
    from tui.core.loading import is_url

    folder: Path = args.output
    if folder.exists() and not folder.is_dir():
        _warn(f"{folder} is not a folder")
        return 1
    failures = 0
    saved = saved_urls(folder)
    # One page per address: ``URL`` and ``URL#part`` are one download and one file.
    requested: dict[str, str] = {}
    for url in (u.strip() for u in args.urls):
        requested.setdefault(cache_key(url) if is_url(url) else url, url)
    wanted: list[str] = []
    for url in requested.values():
        existing = saved.get(cache_key(url)) if is_url(url) else None
        if not is_url(url):
            _warn(f"{url}: not an http:// or https:// URL")
            failures += 1
        elif existing is not None and not args.new_version:
            _warn(f"{url}: already saved as {existing} (use --new-version to save it again)")
        else:
            wanted.append(url)
    results = fetch_articles(
        wanted,
        refresh=args.refresh or args.new_version,
        timeout=args.timeout,
        progress=_warn,
    )
    for result in results:
        if result.document is None:
            _warn(f"{result.url}: {result.error}")
            failures += 1
            continue
        existing = saved.get(cache_key(result.url))
        # A new version takes the saved file's name, made inert: names in a shared folder
        # are untrusted too.
        stem = (sanitize_line(existing.stem) or None) if existing else None
        try:
            path = save_article(folder, result, stem=stem)
        except OSError as error:
            _warn(f"cannot write into {folder}: {error.strerror or error}")
            return 1
        _warn(f"saved {result.url} as {path}")
    return 1 if failures else 0


def _screenshot_parser() -> argparse.ArgumentParser:
    from tui.viewmodels.navigation import VIEWS

    parser = argparse.ArgumentParser(
        prog="storydiff screenshot",
        description=(
            "Render one view of the reader to an SVG or PNG file without a terminal, for "
            "scripts and write-ups. PNG goes through headless Chromium (Debian: chromium), which "
            "draws Textual's SVG as a browser does, else rsvg-convert (librsvg2-bin), else "
            "cairosvg (pip install 'storydiff[png]'; it drops strike-through and underline)"
        ),
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="article files, folders or URLs")
    parser.add_argument("--view", choices=VIEWS, default="library")
    parser.add_argument("--left", metavar="ID", help="left article of compare (id or file name)")
    parser.add_argument("--right", metavar="ID", help="right article of compare (id or file name)")
    parser.add_argument("--size", default="160x48", help="COLUMNSxROWS (default: 160x48)")
    parser.add_argument("--theme", metavar="NAME", help="Textual theme, e.g. textual-light")
    parser.add_argument("-o", "--output", required=True, help="file to write: .svg, or .png")
    parser.add_argument(
        "--force", action="store_true", help="overwrite the output file if it exists"
    )
    _add_strict(parser)
    return parser


def screenshot(argv: Sequence[str]) -> int:
    args = _screenshot_parser().parse_args(argv)
    from tui.screenshot import ScreenshotError, check, parse_size, render_svg, svg_to_png

    if not _check_output(args.output, force=args.force):
        return 1
    story = _load(args.paths)
    if not story.articles:
        if not story.problems:
            print("storydiff: no articles to show", file=sys.stderr)
        return 1
    suffix = Path(args.output).suffix.lower()
    try:
        if suffix not in (".svg", ".png"):
            raise ScreenshotError(f"{args.output}: name an .svg or a .png file")
        size = parse_size(args.size)
        view, left, right = check(story, args.view, args.left, args.right, args.theme)
        svg = render_svg(story, view, left=left, right=right, size=size, theme=args.theme)
        image: str | bytes = svg_to_png(svg) if suffix == ".png" else svg
    except ScreenshotError as error:
        print(f"storydiff: {error}", file=sys.stderr)
        return 2
    return _write_output(args.output, image, force=args.force) or _status(story, args.strict)


def open_reader(paths: Sequence[str], *, refresh: bool = False, theme: str | None = None) -> int:
    """Open the app. Files and folders are read in the app's worker, so its first screen
    shows at once (saying it is reading); links are fetched first, with a progress line
    each on stderr, then small stories are built before the app starts, big ones in it."""
    from tui.app import StorydiffApp

    targets = _paths(paths)
    # As ``loading.is_url`` says, without importing the loader before the first frame; and
    # when no path exists at all, the loader says so before any app starts.
    urls = any(t.strip().lower().startswith(("http://", "https://")) for t in targets)
    if not urls and any(os.path.exists(t) for t in targets):
        app = StorydiffApp(paths=targets, theme=theme)
        app.run()
        if app.nothing_loaded:  # nothing could be read: say why, as below
            for problem in app.problems:
                _warn(str(problem))
            if not app.problems:
                print("storydiff: no articles to show", file=sys.stderr)
        if app.build_abandoned:
            # Quit mid-build: the half-built story is of no use, and tearing down its
            # millions of objects (while the engine thread still runs) takes seconds.
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(app.return_code or 0)
        return app.return_code or 0
    from tui.core.loading import load_paths
    from tui.core.story import story_from_documents

    loaded = load_paths(targets, progress=_warn, refresh=refresh)
    if sum(len(d.raw) for d in loaded.documents) > BUILD_IN_APP_CHARS:
        for problem in loaded.problems:
            _warn(str(problem))
        app = StorydiffApp(documents=loaded.documents, problems=loaded.problems, theme=theme)
    else:
        story = story_from_documents(loaded.documents, loaded.problems)
        for problem in story.problems:
            _warn(str(problem))
        if not story.articles:
            if not story.problems:
                print("storydiff: no articles to show", file=sys.stderr)
            return 1
        app = StorydiffApp(story, theme=theme)
    app.run()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; Ctrl-C ends it quietly with status 130 (an output file is only ever
    written whole, so none is left half-written)."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # ``storydiff export | head``: the reader left, nothing to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


COMMANDS = ("export", "fetch", "screenshot", "archive")


def _mistyped_command(first: str) -> bool:
    """Whether ``first`` is no file but close to a command name (``storydiff exprot``),
    said on one line: otherwise the reader would open and toast it as a missing file."""
    import difflib

    if first.startswith("-") or "://" in first or os.path.lexists(first):
        return False
    close = difflib.get_close_matches(first, COMMANDS, n=1, cutoff=0.7)
    if close:
        print(
            f"storydiff: {first!r} is neither a file nor a command; did you mean "
            f"'storydiff {close[0]}'?",
            file=sys.stderr,
        )
    return bool(close)


def _main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "export":
        return export(argv[1:])
    if argv and argv[0] == "fetch":
        return fetch(argv[1:])
    if argv and argv[0] == "screenshot":
        return screenshot(argv[1:])
    if argv and argv[0] == "archive":
        from tui.archive.cli import main as archive

        return archive(argv[1:])
    if argv and _mistyped_command(argv[0]):
        return 2
    args = _open_parser().parse_args(argv)
    if args.theme is not None:
        from tui.screenshot import theme_names

        if args.theme not in theme_names():
            choices = ", ".join(theme_names())
            print(
                f"storydiff: unknown theme {args.theme!r} (choose from {choices})", file=sys.stderr
            )
            return 2
    return open_reader(args.paths, refresh=args.refresh, theme=args.theme)
