"""The command palette's story commands: jump to an article, a pair of articles or a passage."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape
from textual.message import Message

from tui.screens.messages import OpenArticle, OpenPair, OpenPassage, OpenView
from tui.widgets import words
from tui.widgets.blocks import inert

if TYPE_CHECKING:
    from tui.app import StorydiffApp

#: Pairs offered in the palette are those sharing a passage, at most this many.
MAX_PAIRS = 400


def _post(app: StorydiffApp, message: Callable[..., Message], *args: object) -> None:
    """Ask the app to go somewhere (a fresh message each time the command runs)."""
    app.post_message(message(*args))


class StoryCommands(Provider):
    """Articles, pairs and passages of the open story."""

    def _app(self) -> StorydiffApp:
        from tui.app import StorydiffApp

        assert isinstance(self.app, StorydiffApp)
        return self.app

    def _commands(self) -> Iterator[tuple[str, Callable[[], None], str]]:
        app = self._app()
        story = app.story
        labels = {a.id: inert(a.label, newlines=False) for a in story.articles}
        for view in ("library", "compare", "passages"):
            yield f"View: {view}", partial(_post, app, OpenView, view), f"Switch to the {view} view"
        for article in story.articles:
            title = inert(article.title or "(untitled)", newlines=False)
            yield (
                f"Article: {labels[article.id]} — {title}",
                partial(_post, app, OpenArticle, article.id),
                f"{article.word_count} words · {article.date or 'date unknown'}"
                " · show it in the library",
            )
        if app.aligning:
            return
        pairs: Counter[tuple[str, str]] = Counter()
        for passage in story.passages:
            ids = sorted(set(passage.articles))
            for i, left in enumerate(ids):
                for right in ids[i + 1 :]:
                    if (left, right) in pairs or len(pairs) < MAX_PAIRS:
                        pairs[left, right] += 1
        for (left, right), count in sorted(pairs.items()):
            yield (
                f"Compare: {labels[left]} ⟷ {labels[right]}",
                partial(_post, app, OpenPair, left, right),
                f"{words.count(count, 'shared passage')}, side by side",
            )
        for passage in story.passages:
            text = inert(passage.members[passage.base].text[:70], newlines=False)
            yield (
                f"Passage {passage.id} ({len(passage.members)} outlets): {text}",
                partial(_post, app, OpenPassage, passage.id),
                "Show every outlet's version",
            )

    def _display(self, text: str, offsets: Sequence[int] = ()) -> Content:
        content = Content(text)
        for offset in offsets:
            if offset < len(text) and not text[offset].isspace():
                content = content.stylize("bold underline", offset, offset + 1)
        return content

    async def discover(self) -> Hits:
        for number, (text, command, help_text) in enumerate(self._commands()):
            if number >= 40:
                break
            yield DiscoveryHit(self._display(text), command, text=text, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                _, offsets = matcher.fuzzy_search.match(matcher.query, text)
                yield Hit(
                    score, self._display(text, offsets), command, text=text, help=escape(help_text)
                )
