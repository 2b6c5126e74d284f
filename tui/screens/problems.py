"""The files that could not be loaded (and notices on those that were), and why: reviewable
after their toasts have faded."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.core.model import Problem
from tui.core.words import count
from tui.widgets.blocks import inert


def problems_line(problems: Sequence[Problem]) -> str:
    """The files not loaded and the notices in one short line, for the toast at the start:
    a titled toast each (two lines) stacked over the library's text at 80x24 for 5 seconds,
    while ``!`` lists them in full anyway."""
    lost = sum(not problem.notice for problem in problems)
    notices = len(problems) - lost
    parts = [count(lost, "file", after="not loaded")] if lost else []
    if notices:
        parts.append(count(notices, "notice"))
    them = "it" if len(problems) == 1 else "them"
    return f"{', '.join(parts)} · ! to list {them}"


def problems_text(problems: tuple[Problem, ...]) -> Content:
    if not problems:
        return Content("Every file was loaded.")
    lost = [problem for problem in problems if not problem.notice]
    notices = [problem for problem in problems if problem.notice]
    lines: list[Content] = []
    for group, heading in (
        (lost, count(len(lost), "file", after="not loaded, or only partly")),
        (notices, count(len(notices), "notice")),
    ):
        if not group:
            continue
        if lines:
            lines.append(Content(""))
        lines.append(Content(f"{heading}:"))
        lines.extend(
            Content.assemble(
                "  ",
                (inert(problem.source, newlines=False), "bold"),
                "  ",
                inert(problem.message, newlines=False),
            )
            for problem in group
        )
    return Content("\n").join(lines)


class ProblemsScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,exclamation_mark", "dismiss", "Close", id="problems.close"),
    ]

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="problems-body"):
            yield Static(
                Content.assemble(
                    ("Problems", "bold"),
                    ("   files not loaded, and notices · Esc closes", "$text-muted"),
                ),
                id="problems-title",
            )
            yield Static(problems_text(self.problems), id="problems-list")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
