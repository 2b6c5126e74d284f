"""The footer every view shows, fitted to the terminal's width."""

from __future__ import annotations

from textual import events
from textual.widgets import Footer

#: Below this many columns the footer is compact and leaves out the palette's key (help
#: names ctrl+p), so that Help and Quit still show.
NARROW = 120


class ReaderFooter(Footer):
    def on_resize(self, event: events.Resize) -> None:
        narrow = event.size.width < NARROW
        if (self.compact, self.show_command_palette) != (narrow, not narrow):
            self.compact = narrow
            self.show_command_palette = not narrow
            self.refresh(recompose=True)  # the palette's key is laid out by compose

    async def recompose(self) -> None:
        await super().recompose()
        # Each compose binds the new keys to ``compact`` (``data_bind``); Textual drops the
        # bindings of keys removed only when ``compact`` next changes, so a long session
        # kept every footer key it had shown (0.3 MB a view switch). Let it drop them now.
        self.mutate_reactive(Footer.compact)
