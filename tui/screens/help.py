"""Every key, grouped by view, read from the bindings themselves so it cannot go stale."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

MOVEMENT = [
    ("↑ ↓  j k", "Move the row cursor (or scroll the text)"),
    ("PgUp PgDn space", "Page up / down"),
    ("Home End  g G", "First / last row"),
    ("Tab  Shift+Tab", "Move focus between panes (the focused pane is outlined)"),
    ("mouse", "Click a row or table line to select it; the wheel scrolls"),
]


def _keys(binding: Binding) -> str:
    names = []
    for key in binding.key.split(","):
        key = key.strip()
        names.append({"question_mark": "?", "escape": "Esc", "enter": "Enter"}.get(key, key))
    return "  ".join(names)


def key_table(title: str, bindings: list[BindingType]) -> Content:
    lines = [Content.styled(title, "bold $accent")]
    for binding in bindings:
        if not isinstance(binding, Binding):
            continue
        description = binding.tooltip or binding.description
        lines.append(Content.assemble(f"  {_keys(binding):<18}", description))
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        from tui.app import StorydiffApp
        from tui.screens.compare import CompareScreen
        from tui.screens.library import LibraryScreen
        from tui.screens.passages import PassagesScreen

        movement = [Content.styled("Everywhere: moving around", "bold $accent")]
        movement += [Content(f"  {keys:<18}{what}") for keys, what in MOVEMENT]
        sections = [
            key_table("Everywhere", list(StorydiffApp.BINDINGS))
            + Content("\n  ctrl+p            Command palette: jump to an article, pair or passage"),
            Content("\n").join(movement),
            key_table("Library (1)", list(LibraryScreen.BINDINGS)),
            key_table("Compare (2)", list(CompareScreen.BINDINGS)),
            key_table("Passages (3)", list(PassagesScreen.BINDINGS)),
        ]
        with VerticalScroll(id="help-body"):
            yield Static(Content("storydiff — keys").stylize("bold"), id="help-title")
            for section in sections:
                yield Static(section, classes="help-section")
            yield Static(
                "In compare and passages: struck words are dropped or replaced, underlined "
                "words are added or reworded, italic marks a difference of punctuation, quotes "
                "or case only. Escape closes this help.",
                classes="help-section",
                markup=False,
            )

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
