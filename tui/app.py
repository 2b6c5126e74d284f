"""The storydiff reader: a Textual app that renders and navigates an already-built ``Story``.

The app never aligns anything itself. It receives a finished ``Story`` (small inputs), or
the loaded documents and builds the story in a worker thread (big inputs) while the library
shows the articles with a progress indicator.
"""

from __future__ import annotations

import gc
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker, get_current_worker

from tui.commands import StoryCommands
from tui.core.model import Article, Document, Problem, Story
from tui.screens.library import LibraryScreen
from tui.screens.messages import (
    ChangeCompare,
    ChangeFacts,
    ChangeLibrary,
    ChangePassages,
    GoBack,
    OpenArticle,
    OpenPair,
    OpenPassage,
    OpenView,
)
from tui.viewmodels.navigation import (
    VIEWS,
    Compare,
    Reader,
    View,
    go_back,
    open_article,
    open_pair,
    open_passage,
    open_view,
    settled,
)
from tui.widgets.blocks import BlockView, inert
from tui.widgets.searchbar import SearchBar

#: The folder ctrl+s saves screenshots in, when the app is not given one.
SCREENSHOT_DIR_ENV = "STORYDIFF_SCREENSHOTS"
#: While articles are cleaned in the worker, the library gets them in batches this often.
BATCH_SECONDS = 0.1
#: How often the build worker looks whether it was cancelled (the app quitting).
POLL_SECONDS = 0.05
#: Read files holding at most this much text are built into a story in one go in the
#: worker; bigger ones show their articles as they are cleaned, then align.
BUILD_AT_ONCE_CHARS = 400_000
#: What the progress line says while each stage of the engine runs, by the stage before it.
STAGE_LABELS = {
    "clean+segment": "Finding similar sentences…",
    "features/index": "Aligning passages…",
    "align": "Finding wording shared inside sentences…",
    "shared wording": "Comparing the wording of each passage…",
    "diff": "Looking for the nearest text to what only one source says…",
}


def story_from_articles(
    articles: Sequence[Article],
    problems: Sequence[Problem],
    on_stage: Callable[[str], None] | None = None,
) -> Story:
    """``story.story_from_articles``, imported when first needed (in the build worker)."""
    from tui.core import story

    return story.story_from_articles(articles, problems, on_stage)


class BuildCancelled(Exception):
    """The build worker was cancelled: the engine thread stops where it checks."""


def free_name(folder: Path, view: str) -> Path:
    """``storydiff-<view>-<n>.svg`` in ``folder`` with the first ``n`` not yet taken."""
    n = 1
    while (folder / f"storydiff-{view}-{n}.svg").exists():
        n += 1
    return folder / f"storydiff-{view}-{n}.svg"


def _settle() -> None:
    """Keep the story (and all else alive now) out of the cyclic garbage collector's scans.

    A big story is millions of long-lived objects without reference cycles; a full
    collection walks them all and stalls a key press by ~100 ms at 1,000 articles. So do a
    view's tables once it is first shown (the passages view's hold 130,000 objects at 1,000
    articles, and its key presses set off a full collection every dozen presses); a view's
    screen lives as long as the app. Frozen objects are still freed by reference
    counting; the app unfreezes them when it ends.
    """
    gc.freeze()


# The views other than the library are imported when first shown: the fact views bring the
# quotation and figure analyses (and numpy, wordfreq) with them, which the first frame does
# not need (``python -X importtime -m tui``).
def _compare_screen() -> Screen[None]:
    from tui.screens.compare import CompareScreen

    return CompareScreen()


def _passages_screen() -> Screen[None]:
    from tui.screens.passages import PassagesScreen

    return PassagesScreen()


def _quotes_screen() -> Screen[None]:
    from tui.screens.facts import QuotesScreen

    return QuotesScreen()


def _figures_screen() -> Screen[None]:
    from tui.screens.facts import FiguresScreen

    return FiguresScreen()


def _outlets_screen() -> Screen[None]:
    from tui.screens.outlets import OutletsScreen

    return OutletsScreen()


def _is_help(screen: Screen[Any]) -> bool:
    from tui.screens.help import HelpScreen

    return isinstance(screen, HelpScreen)


class StorydiffApp(App[None]):
    TITLE = "storydiff"
    CSS_PATH = "storydiff.tcss"
    MODES: ClassVar[dict[str, Callable[[], Screen[None]]]] = {  # type: ignore[assignment]
        "library": LibraryScreen,
        "compare": _compare_screen,
        "passages": _passages_screen,
        "quotes": _quotes_screen,
        "figures": _figures_screen,
        "outlets": _outlets_screen,
    }
    DEFAULT_MODE = "library"
    COMMANDS = App.COMMANDS | {StoryCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        # 1-6 and ctrl+s stay out of the footer (help lists them) so that Help and Quit
        # still fit in it on a 100-column terminal.
        Binding(
            "1",
            "view('library')",
            "Library",
            show=False,
            id="app.library",
            tooltip="The articles and the selected article's text",
        ),
        Binding(
            "2",
            "view('compare')",
            "Compare",
            show=False,
            id="app.compare",
            tooltip="Two articles side by side",
        ),
        Binding(
            "3",
            "view('passages')",
            "Passages",
            show=False,
            id="app.passages",
            tooltip="Every shared passage with each outlet's version",
        ),
        Binding(
            "4",
            "view('quotes')",
            "Quotes",
            show=False,
            id="app.quotes",
            tooltip="Every quotation across outlets: changed words, speakers, cuts",
        ),
        Binding(
            "5",
            "view('figures')",
            "Figures",
            show=False,
            id="app.figures",
            tooltip="Every figure across outlets, disagreements first",
        ),
        Binding(
            "6",
            "view('outlets')",
            "Outlets",
            show=False,
            id="app.outlets",
            tooltip="Who shares text with whom: a heat map of every pair of outlets",
        ),
        Binding(
            "question_mark,f1", "help", "Help", id="app.help", tooltip="Every key, grouped by view"
        ),
        Binding(
            "ctrl+s",
            "save_screen",
            "Screenshot",
            show=False,
            id="app.screenshot",
            tooltip="Save this screen as storydiff-<view>-<n>.svg ($STORYDIFF_SCREENSHOTS or here)",
        ),
        Binding(
            "slash",
            "search",
            "Search",
            show=False,
            id="app.search",
            tooltip="Search the text of this view: n/N next/previous match, Esc clears",
        ),
        Binding(
            "exclamation_mark",
            "problems",
            "Problems",
            show=False,
            id="app.problems",
            tooltip="The files that could not be loaded, and why",
        ),
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Leave storydiff"),
    ]

    def __init__(
        self,
        story: Story | None = None,
        *,
        documents: Sequence[Document] | None = None,
        paths: Sequence[str] | None = None,
        problems: Sequence[Problem] = (),
        view: View = "library",
        left: str | None = None,
        right: str | None = None,
        theme: str | None = None,
        screenshot_dir: Path | None = None,
    ) -> None:
        super().__init__()
        if story is None and documents is None and paths is None:
            raise ValueError("give the app a story, or the documents or paths to build one from")
        #: Files and folders the worker reads (the app shows its first screen meanwhile).
        self._paths = list(paths) if paths is not None else None
        self._documents = list(documents or [])
        self._problems = list(problems)
        self.aligning = story is None
        self.story: Story = story if story is not None else Story((), (), (), tuple(problems))
        #: Where the reader is: changed only by ``navigate`` (from the views' messages).
        self.state = settled(Reader(article=left, compare=Compare(left, right)), self.story)
        self.initial_view: View = view
        self.screenshot_dir = screenshot_dir
        self._notified: set[Problem] = set()
        #: The views shown so far (each is frozen out of the collector's scans once).
        self._shown: set[View] = set()
        #: True when the app ended while the engine was still building (its thread is left
        #: to stop at its next check; the CLI then ends the process without waiting).
        self.build_abandoned = False
        #: True when no file gave an article (the app then ends with status 1; a crash also
        #: ends with 1, and this tells the two apart).
        self.nothing_loaded = False
        if theme is not None:
            self.theme = theme

    # -- start-up and the worker ----------------------------------------------------------

    def on_mount(self) -> None:
        if self.aligning:
            # Once the first frame is drawn: the worker's imports (the loader, the engine,
            # numpy) would otherwise hold the GIL while it is composed.
            self.call_after_refresh(self.build_story)
        else:
            _settle()
            if self.initial_view != "library":
                self.navigate(open_view(self.state, self.initial_view))
        self._notify_problems(self.story.problems)

    def on_unmount(self) -> None:
        gc.unfreeze()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A new toast replaces the one shown: ``d`` five times at the last difference showed
        five toasts stacked over the text. A titled one (two lines) stacks; the app's own
        toasts have no title."""
        if not title:
            self.clear_notifications()
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def _notify_problems(self, problems: Sequence[Problem]) -> None:
        """The problems not yet told, with those told before, in one line (``!`` lists them)."""
        from tui.screens.problems import problems_line

        if not problems or self._notified.issuperset(problems):
            return
        self._notified.update(problems)
        lost = any(not problem.notice for problem in problems)
        self.notify(
            problems_line(problems),
            severity="warning" if lost else "information",
            timeout=5,
            markup=False,
        )

    @work(thread=True, exclusive=True, group="story")
    def build_story(self) -> None:
        """Read the files (when given paths), clean the articles (showing them as they
        come), then align them, off the UI thread.

        The engine runs in a daemon thread of its own that this worker waits on, checking
        for cancellation (``get_current_worker().is_cancelled``) every ``POLL_SECONDS``:
        quitting mid-build ends the worker at once instead of after the current stage
        (aligning 1,000 articles is one 8 s stage), and the engine thread stops at its next
        check between articles or stages, or with the process.
        """
        worker = get_current_worker()
        built: list[Story] = []
        failed: list[BaseException] = []

        def run() -> None:
            try:
                story = self._build(worker)
            except BuildCancelled:
                return
            except BaseException as error:  # handed to the worker, which reports it
                failed.append(error)
                return
            if story is not None:
                built.append(story)

        thread = threading.Thread(target=run, name="storydiff-build", daemon=True)
        thread.start()
        while thread.is_alive():
            thread.join(POLL_SECONDS)
            if worker.is_cancelled:
                self.build_abandoned = thread.is_alive()
                return
        if failed:
            raise failed[0]
        if built and not worker.is_cancelled:
            self.call_from_thread(self._story_ready, built[0])

    def _build(self, worker: Worker[None]) -> Story | None:
        """The story from the app's paths or documents (None when nothing could be read)."""

        # The engine is imported here, in the worker: the first frame does not wait for it.
        from tui.core.loading import load_paths
        from tui.core.story import make_articles, story_from_documents

        def check() -> None:
            if worker.is_cancelled:
                raise BuildCancelled

        if self._paths is not None:
            loaded = load_paths(self._paths)
            check()
            self._documents = list(loaded.documents)
            self._problems = [*self._problems, *loaded.problems]
            if not self._documents:
                self.call_from_thread(self._nothing_loaded)
                return None
            if sum(len(d.raw) for d in self._documents) <= BUILD_AT_ONCE_CHARS:
                # A small story (the seeds) in one go: too quick to show half-made.
                return story_from_documents(self._documents, self._problems)
        documents = self._documents
        total = len(documents)
        batch: list[Article] = []
        made = 0
        sent = -BATCH_SECONDS

        def show(article: Article) -> None:
            nonlocal made, sent
            check()
            made += 1
            if article.sentences:
                batch.append(article)
            now = time.monotonic()
            if now - sent >= BATCH_SECONDS or made == total:
                self.call_from_thread(self._articles_made, tuple(batch), made, total)
                batch.clear()
                sent = now

        articles = make_articles(documents, show)
        self.call_from_thread(self._story_progress, STAGE_LABELS["clean+segment"], None, None)

        def stage(name: str) -> None:
            check()
            if name in STAGE_LABELS:
                self.call_from_thread(self._story_progress, STAGE_LABELS[name], None, None)

        return story_from_articles(articles, self._problems, on_stage=stage)

    def _nothing_loaded(self) -> None:
        """No file gave an article: end with status 1 (the CLI says why, from ``problems``)."""
        self.nothing_loaded = True
        self.exit(return_code=1)

    @property
    def problems(self) -> tuple[Problem, ...]:
        """The inputs that could not be used (known once the worker has read the files)."""
        return tuple(self.story.problems) or tuple(self._problems)

    def _library(self) -> LibraryScreen | None:
        for screen in (self.screen, *self.screen_stack):
            if isinstance(screen, LibraryScreen):
                return screen
        return None

    def _story_progress(self, label: str, done: int | None, total: int | None) -> None:
        library = self._library()
        if library is not None and library.is_mounted:
            library.show_progress(label, done, total)

    def _articles_made(self, articles: tuple[Article, ...], done: int, total: int) -> None:
        """More articles are cleaned: show them in the library while the rest are made."""
        self.story = Story(self.story.articles + articles, (), (), tuple(self._problems))
        self.state = settled(self.state, self.story)
        library = self._library()
        if library is not None and library.is_mounted:
            library.add_articles(articles)
            library.show_progress(f"Cleaning {done}/{total}", done, total)

    def _story_ready(self, story: Story) -> None:
        self.story = story
        self.aligning = False
        _settle()
        self.state = settled(self.state, story)
        library = self._library()
        if library is not None and library.is_mounted:
            library.refresh_story()
        self._notify_problems(story.problems)
        if self.initial_view != "library":
            self.navigate(open_view(self.state, self.initial_view))

    # -- navigation: messages up, the new state down -------------------------------------

    def navigate(self, state: Reader) -> None:
        """Make ``state`` the reader's state and show it: the one place it changes."""
        if state.view != "library" and self.aligning:
            self.notify("Still aligning the articles — one moment", timeout=2)
            return
        if state.view == "compare" and len(self.story.articles) < 2:
            self.notify("Compare needs at least two articles", severity="warning", timeout=3)
            return
        self.state = settled(state, self.story)
        while len(self.screen_stack) > 1 and _is_help(self.screen):
            self.pop_screen()
        if self.current_mode != self.state.view:
            self.switch_mode(self.state.view)  # the view shows the state as it resumes
            if self.state.view not in self._shown:
                # Once: what is frozen stays until the app ends, cyclic garbage included.
                self._shown.add(self.state.view)
                self.call_after_refresh(_settle)
            return
        show_state = getattr(self.screen, "show_state", None)  # every view has one
        if callable(show_state):
            show_state(self.state)

    def on_open_view(self, message: OpenView) -> None:
        self.navigate(open_view(self.state, message.view, back=message.back))

    def on_go_back(self, message: GoBack) -> None:
        self.navigate(go_back(self.state))

    def on_open_article(self, message: OpenArticle) -> None:
        self.navigate(open_article(self.state, message.article, message.offset))

    def on_open_pair(self, message: OpenPair) -> None:
        self.navigate(
            open_pair(
                self.state,
                self.story,
                message.left,
                message.right,
                message.passage,
                message.offset,
            )
        )

    def on_open_passage(self, message: OpenPassage) -> None:
        self.navigate(open_passage(self.state, message.passage))

    def on_change_compare(self, message: ChangeCompare) -> None:
        self.navigate(replace(self.state, compare=message.compare))

    def on_change_library(self, message: ChangeLibrary) -> None:
        self.navigate(replace(self.state, article=message.article, offset=message.offset))

    def on_change_passages(self, message: ChangePassages) -> None:
        self.navigate(replace(self.state, passage=message.passage))

    def on_change_facts(self, message: ChangeFacts) -> None:
        changes: dict[str, object] = {}
        for name in ("quote", "figure", "cell"):
            value = getattr(message, name)
            if value is not None:
                changes[name] = value
        self.navigate(replace(self.state, **changes))  # type: ignore[arg-type]

    # -- actions --------------------------------------------------------------------------

    def action_view(self, view: str) -> None:
        for known in VIEWS:
            if view == known:
                self.post_message(OpenView(known))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's palette commands, made storydiff's where storydiff has its own.

        "Screenshot" saves the way ``ctrl+s`` does (named, never overwriting, in the current
        folder) instead of to a timestamped file elsewhere; "Keys" opens storydiff's help;
        """
        for command in super().get_system_commands(screen):
            if command.title == "Screenshot":
                yield SystemCommand(
                    "Screenshot",
                    "Save this screen as storydiff-<view>-<n>.svg in the current folder",
                    # After the palette has closed, so that it is not in the picture.
                    lambda: self.set_timer(0.1, self.action_save_screen),
                )
            elif command.title == "Keys":
                yield SystemCommand(
                    "Keys", "Every storydiff key, grouped by view", self.action_help
                )
            else:
                yield command  # no "Maximize": the reader's panes set ALLOW_MAXIMIZE = False

    def action_search(self) -> None:
        screen = self.screen
        searchable = getattr(screen, "searchable", None)  # the views with text to search
        if callable(searchable):
            if not screen.query(SearchBar):
                bar = SearchBar(searchable())
                screen.mount(bar)
                bar.focus()
        elif self.current_mode == "outlets":
            self.notify("The outlets view has no text to search: / works in views 1-5", timeout=3)

    def on_block_view_matches_end(self, message: BlockView.MatchesEnd) -> None:
        query = inert(message.view.searched)
        self.notify(f"No more matches for “{query}” that way", timeout=3, markup=False)

    def action_problems(self) -> None:
        """The files not loaded, and why (the toasts that said so fade)."""
        from tui.screens.problems import ProblemsScreen

        if not isinstance(self.screen, ProblemsScreen):
            self.push_screen(ProblemsScreen(self.story.problems))

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.current_mode))

    def action_save_screen(self) -> None:
        from tui.core.exporting import write_atomic

        # Where the user said (the app's screenshot_dir, else STORYDIFF_SCREENSHOTS), else here.
        configured = self.screenshot_dir or os.environ.get(SCREENSHOT_DIR_ENV) or Path.cwd()
        folder = Path(configured).expanduser().resolve()
        svg = self.export_screenshot(title=f"storydiff — {self.current_mode}")
        for _ in range(100):
            path = free_name(folder, self.current_mode)
            try:
                write_atomic(path, svg)
            except FileExistsError:
                continue
            except OSError as error:
                self.notify(
                    f"Cannot save a screenshot in {folder}: {error.strerror or error}",
                    severity="error",
                    markup=False,
                )
                return
            # One line over the footer: the current folder goes without saying.
            shown = path.name if folder == Path.cwd().resolve() else path
            self.notify(f"Screenshot saved: {shown}", timeout=3, markup=False)
            return
