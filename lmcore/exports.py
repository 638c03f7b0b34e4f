"""Exports of computed dates: iCalendar files (the `icalendar` package) so deadlines land in Outlook or Google."""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

# The reminder's lead: this many workdays before the safe date (issue 17 item 7). A setting of the calendar file
# (`lmcore grievance --ics FILE --remind N`, `grievance.report.ics(..., remind=N)`), not a rule of the contract.
REMIND_WORKDAYS = 2
REMIND_HOUR = 9  # the reminder pops up at 09:00 on its day (all-day events start at midnight)


@dataclass(frozen=True)
class CalendarEvent:
    """One all-day event: a deadline or a meeting date, with the citation and what to do in the description;
    `key` names what the event is (a case and milestone), so its UID survives a new date or title; `remind` is the
    day of its reminder (a VALARM), if any."""

    day: dt.date
    title: str
    description: str
    cite: str | None = None
    key: str | None = None
    remind: dt.date | None = None


def to_ics(events: Iterable[CalendarEvent], name: str = "lmcore deadlines", stamp: dt.datetime | None = None,
           product: str = "contract handbook") -> bytes:
    """An iCalendar (RFC 5545) file of all-day events; UIDs are stable so re-importing updates, not duplicates (from
    the event's `key` when it has one, else from its title and rule)."""
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", f"-//lmcore//{product}//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    stamp = stamp or dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
    for ev in events:
        e = Event()
        summary = ev.title + (f" ({ev.cite})" if ev.cite else "")
        ident = f"key|{ev.key}" if ev.key else f"{name}|{ev.title}|{ev.cite}"
        uid = hashlib.sha1(ident.encode()).hexdigest()[:20]
        e.add("uid", f"{uid}@lmcore")
        e.add("summary", summary)
        e.add("dtstart", ev.day)
        e.add("dtend", ev.day + dt.timedelta(days=1))
        e.add("dtstamp", stamp)
        e.add("description", ev.description)
        e.add("transp", "TRANSPARENT")
        if ev.remind is not None:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"Reminder: {ev.title}")
            alarm.add("trigger", dt.timedelta(days=(ev.remind - ev.day).days, hours=REMIND_HOUR))
            e.add_component(alarm)
        cal.add_component(e)
    return cal.to_ical()
