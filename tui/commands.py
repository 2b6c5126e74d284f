"""The command palette's story commands: jump to an article, a pair of articles or a passage."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider, SimpleCommand
from textual.content import Content
from textual.markup import escape
from textual.message import Message

from tui.core import words
from tui.core.exporting import nearest_note
from tui.screens.messages import ChangeFacts, OpenArticle, OpenPair, OpenPassage, OpenView
from tui.viewmodels.navigation import VIEWS, View
from tui.widgets.blocks import inert

if TYPE_CHECKING:
    from tui.app import StorydiffApp

#: A passage's command shows this much of its text (all of it is searched).
SHOWN = 70
#: The whole texts are searched once the query has this many characters.
BODY_FROM = 3


def _open_fact(app: StorydiffApp, where: ChangeFacts, view: View) -> None:
    """Put the fact view's cursor on a group, then show the view."""
    app.post_message(ChangeFacts(where.quote, where.figure, where.cell))
    app.post_message(OpenView(view))


def _post(app: StorydiffApp, message: Callable[..., Message], *args: object) -> None:
    """Ask the app to go somewhere (a fresh message each time the command runs)."""
    app.post_message(message(*args))


def _searched(texts: Iterable[str]) -> str:
    """What a passage's or quotation's command is also searched by: every outlet's wording,
    not the shown one alone (a word only one outlet used finds its passage too)."""
    return "\n".join(dict.fromkeys(texts)).casefold()


@dataclass(frozen=True, slots=True)
class Command:
    text: str
    run: Callable[[], None]
    help: str
    #: Also searched (as plain words, not fuzzily): every version's whole text.
    body: str = ""
    #: Whether ``text`` is matched fuzzily too. Single-source passages are matched by their
    #: words alone: a story has thousands of them, and fuzzy matching each on every key
    #: made a key press in the palette cost about a second at 1,000 articles.
    fuzzy: bool = True


def partner_commands(app: StorydiffApp, left: str) -> list[SimpleCommand]:
    """Every other article, to compare ``left`` with: most shared first, then story order."""
    story = app.story
    label = inert(story.article(left).label, newlines=False)
    counts = story.analytics.partners(left)
    others = [a for a in story.articles if a.id != left]
    others.sort(key=lambda a: -counts.get(a.id, 0))
    return [
        SimpleCommand(
            f"{label} ⟷ {inert(other.label, newlines=False)} — "
            f"{inert(other.title or '(untitled)', newlines=False)}",
            partial(_post, app, OpenPair, left, other.id),
            f"{words.count(counts.get(other.id, 0), 'shared passage')}, side by side",
        )
        for other in others
    ]


class StoryCommands(Provider):
    """Articles, pairs (an article, then its partner) and passages of the open story."""

    def _app(self) -> StorydiffApp:
        from tui.app import StorydiffApp

        assert isinstance(self.app, StorydiffApp)
        return self.app

    async def startup(self) -> None:
        """The commands, made once each time the palette opens."""
        self.commands = list(self._commands())

    def _commands(self) -> Iterator[Command]:
        app = self._app()
        story = app.story
        labels = {a.id: inert(a.label, newlines=False) for a in story.articles}
        for view in VIEWS:
            yield Command(
                f"View: {view}", partial(_post, app, OpenView, view), f"Switch to the {view} view"
            )
        yield Command(
            "Problems: files not loaded, and notices",
            app.action_problems,
            f"{words.count(len(story.problems), 'line')} on the files given, and why"
            if story.problems
            else "Every file was loaded, with nothing to note",
        )
        for article in story.articles:
            title = inert(article.title or "(untitled)", newlines=False)
            yield Command(
                f"Article: {labels[article.id]} — {title}",
                partial(_post, app, OpenArticle, article.id),
                f"{article.word_count} words · {article.date or 'date unknown'}"
                " · show it in the library",
            )
        if app.aligning:
            return
        # One command per article, then its partner in a second list: every pair is
        # reachable however many articles there are, without listing n² pairs.
        for article in story.articles:
            yield Command(
                f"Compare: {labels[article.id]} with…",
                partial(self._choose_partner, article.id),
                "Then choose the article to compare it with",
            )
        for passage in story.passages:
            text = inert(passage.members[passage.base].text, newlines=False)
            yield Command(
                f"Passage {passage.id} ({words.count(len(passage.members), 'outlet')}): "
                f"{text[:SHOWN]}{'…' if len(text) > SHOWN else ''}",
                partial(_post, app, OpenPassage, passage.id),
                "Show every outlet's version",
                body=_searched(m.text for m in passage.members),
            )
        # What one outlet alone says, to find "what only X says" by its words or its outlet.
        for unique in story.unique:
            text = inert(unique.text, newlines=False)
            note = nearest_note(story, unique)
            where = f"Only in {labels[unique.article]}: "
            yield Command(
                f"{where}{text[:SHOWN]}{'…' if len(text) > SHOWN else ''}",
                partial(_post, app, OpenArticle, unique.article, unique.start),
                f"{note} · show it in the library" if note else "Show it in the library",
                body=_searched([where + unique.text]),
                fuzzy=False,
            )
        facts = story.facts
        for group in facts.quote_groups:
            if len(group.articles) < 2:
                continue
            text = inert(group.versions[0].quote.text, newlines=False)
            yield Command(
                f"Quote {group.id} ({words.count(len(group.articles), 'outlet')}): "
                f"{text[:SHOWN]}{'…' if len(text) > SHOWN else ''}",
                partial(_open_fact, app, ChangeFacts(quote=group.id), "quotes"),
                "Show each outlet's version of the quotation",
                body=_searched(v.quote.text for v in group.versions),
            )
        for figure in facts.figure_groups:
            label = inert(figure.label, newlines=False)
            values = " · ".join(inert(v.text, newlines=False) for v in figure.values)
            yield Command(
                f"Figure {figure.id}: {label}: {values}",
                partial(_open_fact, app, ChangeFacts(figure=figure.id), "figures"),
                f"{figure.status}: show each outlet's figure in its sentence",
            )

    def _choose_partner(self, left: str) -> None:
        app = self._app()
        label = inert(app.story.article(left).label, newlines=False)
        app.search_commands(partner_commands(app, left), placeholder=f"Compare {label} with…")

    def _display(self, text: str, offsets: Sequence[int] = ()) -> Content:
        content = Content(text)
        for offset in offsets:
            if offset < len(text) and not text[offset].isspace():
                content = content.stylize("bold underline", offset, offset + 1)
        return content

    async def discover(self) -> Hits:
        for command in self.commands[:40]:
            yield DiscoveryHit(
                self._display(command.text),
                command.run,
                text=command.text,
                help=escape(command.help),
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        # One or two letters are in nearly every text: searching the whole texts for them
        # lists thousands of passages, which no one reads.
        words_asked = query.casefold().split() if len(query.strip()) >= BODY_FROM else []
        for command in self.commands:
            score = matcher.match(command.text) if command.fuzzy else 0
            if score > 0:
                _, offsets = matcher.fuzzy_search.match(matcher.query, command.text)
                shown = self._display(command.text, offsets)
            elif command.body and words_asked and all(w in command.body for w in words_asked):
                score, shown = 0.5, self._display(command.text)  # found in the whole text
            else:
                continue
            yield Hit(score, shown, command.run, text=command.text, help=escape(command.help))
