"""Exports of computed dates: iCalendar files (the `icalendar` package) so deadlines land in Outlook or Google."""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class CalendarEvent:
    """One all-day event: a deadline or a meeting date, with the citation and what to do in the description."""

    day: dt.date
    title: str
    description: str
    cite: str | None = None


def to_ics(events: Iterable[CalendarEvent], name: str = "lmcore deadlines", stamp: dt.datetime | None = None) -> bytes:
    """An iCalendar (RFC 5545) file of all-day events; UIDs are stable so re-importing updates, not duplicates."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//lmcore//DOL AFGE Local 12 contract handbook//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    stamp = stamp or dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
    for ev in events:
        e = Event()
        summary = ev.title + (f" ({ev.cite})" if ev.cite else "")
        uid = hashlib.sha1(f"{name}|{ev.title}|{ev.cite}".encode()).hexdigest()[:20]
        e.add("uid", f"{uid}@lmcore")
        e.add("summary", summary)
        e.add("dtstart", ev.day)
        e.add("dtend", ev.day + dt.timedelta(days=1))
        e.add("dtstamp", stamp)
        e.add("description", ev.description)
        e.add("transp", "TRANSPARENT")
        cal.add_component(e)
    return cal.to_ical()
