"""When an article was published, as a date to sort by (a deliberately small parser: the
richer one for date mentions in the text lives with the facts)."""

from __future__ import annotations

import re
from datetime import date, datetime

#: The date formats metadata and scrapes use, tried in turn on the first date-like words.
_FORMATS = ("%Y-%m-%d", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(text: str | None) -> date | None:
    """``text``'s date ("2025-03-02", "2025-03-02T10:00Z", "March 2, 2025", "2 Mar 2025"),
    or None when it holds none of these."""
    if not text:
        return None
    iso = _ISO.search(text)
    if iso:
        try:
            return date.fromisoformat(iso.group())
        except ValueError:
            return None
    words = re.sub(r"[,.]", " ", text).split()
    for start in range(max(1, len(words) - 2)):  # every run of three words: "March 2 2025"
        candidate = " ".join(words[start : start + 3])
        for fmt in _FORMATS:
            try:
                return datetime.strptime(candidate, fmt).date()
            except ValueError:
                continue
    return None
