"""Publication dates and times read from what a page states, or None: never guessed.

``Article.date`` stays the string the page gave; ``parse_date`` turns it into a ``When`` the
engine can order articles by. A relative time ("3 hours ago") means nothing without the
moment the page was read, so it is only ever skipped: a string that states an absolute date
next to it ("Feb. 10, 2025 (3 hours ago)") gives that date, one that states only a relative
time gives None.

A time without a time zone cannot be ordered against a time in another zone, so such a
value is kept at the precision of its day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

#: Month names and their abbreviations, lower case, to the month's number.
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
#: Offsets of the zone names news sites print, in hours from UTC ("ET" follows the date's
#: daylight-saving season only roughly, so it is read as EST/EDT by the month).
_ZONES = {
    "utc": 0,
    "gmt": 0,
    "z": 0,
    "est": -5,
    "edt": -4,
    "cst": -6,
    "cdt": -5,
    "mst": -7,
    "mdt": -6,
    "pst": -8,
    "pdt": -7,
    "bst": 1,
    "cet": 1,
    "cest": 2,
}
_SEASONAL = {"et": (-5, -4), "ct": (-6, -5), "mt": (-7, -6), "pt": (-8, -7)}

_ISO = re.compile(
    r"\b(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|[A-Za-z]{1,4}\b)?)?"
)
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_WRITTEN = re.compile(
    rf"\b(?:{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>[A-Za-z]{{3,9}})\.?,?\s+(?P<year2>\d{{4}}))"
)
_TIME = re.compile(
    r"^[\s,at@-]*(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*"
    r"(?P<half>[ap]\.?m\.?)?\s*(?P<zone>[A-Za-z]{1,4}\b|[+-]\d{2}:?\d{2})?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class When:
    """A parsed publication date. ``moment`` is in UTC when ``timed``, else midnight of the
    day as stated (no zone: only the day is known)."""

    moment: datetime
    #: True when the time of day and its zone are known; False for a day only.
    timed: bool

    @property
    def day(self) -> date:
        return self.moment.date()

    def iso(self) -> str:
        return self.moment.strftime("%Y-%m-%dT%H:%MZ") if self.timed else self.day.isoformat()


def _zone(name: str | None, month: int) -> timezone | None:
    if not name:
        return None
    if name[0] in "+-":
        digits = name[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + int(digits[2:])
        if minutes >= 24 * 60:
            return None  # no such offset: the time is not usable
        return timezone(timedelta(minutes=minutes if name[0] == "+" else -minutes))
    key = name.lower()
    if key in _ZONES:
        return timezone(timedelta(hours=_ZONES[key]))
    if key in _SEASONAL:
        winter, summer = _SEASONAL[key]
        return timezone(timedelta(hours=summer if 4 <= month <= 10 else winter))
    return None


def _when(
    day: date, hour: int | None, minute: int, second: int, zone: timezone | None
) -> When | None:
    if hour is None or zone is None:
        return When(datetime(day.year, day.month, day.day), False)
    if not (0 <= hour < 24 and 0 <= minute < 60 and 0 <= second < 60):
        return None
    local = datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=zone)
    try:
        return When(local.astimezone(UTC).replace(tzinfo=None), True)
    except OverflowError:  # the first or last day a datetime can hold
        return When(datetime(day.year, day.month, day.day), False)


def _make_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_day(text: str | None) -> date | None:
    """The day ``text`` states (``parse_date``'s, in UTC when a time and zone are known): what
    the reader sorts articles and versions by."""
    when = parse_date(text)
    return when.day if when is not None else None


def parse_date(text: str | None) -> When | None:
    """The first absolute date (and time, with its zone) that ``text`` states, else None."""
    if not text:
        return None
    iso = _ISO.search(text)
    if iso:
        year, month, day_of_month = (int(g) for g in iso.group(1, 2, 3))
        day = _make_day(year, month, day_of_month)
        if day is None:
            return None
        hour = int(iso.group(4)) if iso.group(4) else None
        zone = _zone(iso.group(7), month)
        return _when(day, hour, int(iso.group(5) or 0), int(iso.group(6) or 0), zone)
    written = _WRITTEN.search(text)
    if not written:
        return None
    month_name = (written["month"] or written["month2"]).lower()
    number = MONTHS.get(month_name)
    if number is None:
        return None
    month = number
    day = _make_day(
        int(written["year"] or written["year2"]), month, int(written["day"] or written["day2"])
    )
    if day is None:
        return None
    clock = _TIME.match(text[written.end() :])
    if not clock or (clock["minute"] is None and clock["half"] is None):
        return _when(day, None, 0, 0, None)
    at = int(clock["hour"])
    if clock["half"]:
        if not 1 <= at <= 12:
            return None
        at = at % 12 + (12 if clock["half"].lower().startswith("p") else 0)
    return _when(day, at, int(clock["minute"] or 0), 0, _zone(clock["zone"], month))
