"""Record what the app tells the user (its ``notify`` calls), through the public method."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.app import App


@dataclass
class Note:
    message: str
    title: str


def record(app: App[Any]) -> list[Note]:
    """Every notification ``app`` shows from now on, in order (still shown as usual)."""
    notes: list[Note] = []
    show = app.notify

    def notify(message: str, *, title: str = "", **options: Any) -> None:
        notes.append(Note(str(message), title))
        show(message, title=title, **options)

    app.notify = notify  # type: ignore[method-assign]
    return notes
