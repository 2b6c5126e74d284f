"""Where the bundled seed articles are (a module of its own: the reader's first frame
needs the path before any of the engine is imported)."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]
#: The bundled seed articles: the top-level ``seeds/`` of a source checkout, else the copy
#: packaged inside ``tui/`` (``tui/seeds`` links to it in the checkout).
SEEDS = next(
    (p for p in (_PACKAGE.parent / "seeds", _PACKAGE / "seeds") if (p / "sources.toml").is_file()),
    _PACKAGE / "seeds",
)
