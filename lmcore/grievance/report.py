"""A grievance timeline as a text table, calendar events (ICS) and a printable one-page HTML summary."""
from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from ..deadlines import fmt_day
from ..exports import REMIND_WORKDAYS, CalendarEvent, to_ics
from ..safe_date import OWN, side_of
from .milestones import Milestone, Timeline

if TYPE_CHECKING:
    from ..contract.book import Contract

_STATUS_WORDS = {"done_on_time": "done on time", "done_late": "done late", "premature": "PREMATURE", "open": "open",
                 "missed": "MISSED",
                 "projected": "projected"}


def _due(m: Milestone) -> str:
    return fmt_day(m.due) if m.due else "any time"


def table(t: Timeline) -> str:
    """The timeline as a plain-text table with the notes and readings used (for the terminal)."""
    g = t.grievance
    head = f"Grievance timeline — {g.path} path" + (f": {g.title}" if g.title else "") + f", as of {fmt_day(t.as_of)}"
    safe = any(m.safe_due != m.due for m in t.milestones)  # a "Safe" column only when some safe date differs
    rows = [("Milestone", "Due") + (("Safe",) if safe else ()) + ("Status", "Done", "Who", "Rule")]
    for m in t.milestones:
        col = ((fmt_day(m.safe_due) if m.safe_due and m.safe_due != m.due else "",) if safe else ())
        rows.append((m.name, _due(m), *col, _STATUS_WORDS[m.status], fmt_day(m.done_on) if m.done_on else "",
                     m.actor, m.cite))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [head, ""] + ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    if safe:
        lines += ["", "Safe dates (on time whichever reading is taken):"]
        lines += [f"- {m.name}: {m.safe.words}" for m in t.milestones if m.safe is not None and m.safe_due != m.due]
    if t.notes:
        lines += ["", "Notes:"] + [f"- {n}" for n in t.notes]
    lines += ["", "Readings used:"] + ([f"- {c}" for c in t.interpretations]
                                                          or ["- none: no reading of the text would move a date here"])
    lines += ["", "Projected dates assume each earlier step happens on its last allowed day. "
              "Explain one date with --explain NAME."]
    return "\n".join(lines)


def both_dates(m: Milestone) -> str:
    """A calendar entry's first line: the due date under the readings in use and the safe date, and why they differ."""
    safe = m.safe_due or m.due
    dates = f"Due {fmt_day(m.due)} under the readings in use; safe date {fmt_day(safe)}. "
    if m.safe is not None and safe != m.due:
        why = m.safe.words.split(" — ", 1)[-1]
        dates += why[0].upper() + why[1:]
    else:
        dates += f"No reading of the text gives an {'earlier' if side_of(m.side) == OWN else 'later'} date."
    if m.status == "projected":
        dates += " Projected: the step before it has not happened yet; the date assumes it happens on its last allowed day."
    return dates


def events(t: Timeline, contract: Any = None, *, remind: int = REMIND_WORKDAYS, case: str | None = None) -> list[CalendarEvent]:
    """One all-day event per deadline still ahead (open or projected), on its due date, with the rule, what to do,
    both the due and the safe date, and a reminder `remind` workdays before the safe date (`contract`'s calendar;
    none without a contract). A projected date says so in the title. `case` names the grievance for the events'
    UIDs (default: its title, else its path and the day it was learned of), with each milestone's name."""
    g = t.grievance
    who = f" — {g.title}" if g.title else ""
    ident = case or g.title or f"{g.path}|{g.learned.isoformat()}"
    out = []
    for m in t.milestones:
        if m.is_open and m.due is not None:
            prefix = "Projected: " if m.status == "projected" else ""
            safe = m.safe_due or m.due
            dates = both_dates(m)
            alarm = None if contract is None else contract.calendar.add_workdays(safe, -remind) if remind else safe
            out.append(CalendarEvent(m.due, f"{prefix}{m.label}{who}", f"{dates}\nWhat to do: {m.label} — {m.actor}.\n"
                                     + m.explain(), m.cite, key=f"grievance|{ident}|{m.name}", remind=alarm))
    return out


def ics(t: Timeline, contract: Any = None, *, remind: int = REMIND_WORKDAYS, case: str | None = None) -> bytes:
    """The open deadlines as an iCalendar file, each with a reminder `remind` workdays before its safe date."""
    name = "Grievance deadlines" + (f" — {t.grievance.title}" if t.grievance.title else "")
    product = f"{contract.short_name} contract handbook" if contract is not None else "contract handbook"
    return to_ics(events(t, contract, remind=remind, case=case), name=name, product=product)


def safe_cell(m: Milestone) -> str:
    """The safe date under a due date in a printed table, or "" when no reading gives another date."""
    if m.safe is None or not m.safe.differs or m.safe_due is None:
        return ""
    return f"<br><small>safe date {escape(fmt_day(m.safe_due))}</small>"


def safe_dates_html(t: Timeline) -> str:
    """A printed section listing each step whose safe date differs, in words ("" when no reading moves a date)."""
    items = "".join(f"<li>{escape(m.label)}: {escape(m.safe.words)}</li>" for m in t.milestones
                    if m.safe is not None and (m.safe.differs or m.safe.too_many))
    if not items:
        return ""
    return ("<h2>Safe dates: on time whichever reading is taken</h2><p>Where readings of the text give different "
            f"dates, the earliest for your own step and the latest for the other side's.</p><ul>{items}</ul>")


def summary_html(t: Timeline, contract: Contract, screening: Any = None) -> str:
    """A printable one-page summary (the agreement named from `contract`'s files); every text the user typed is escaped."""
    g = t.grievance
    title = "Grievance timeline" + (f": {g.title}" if g.title else "")
    rows = "".join(
        f"<tr class='{m.status}'><td>{escape(m.label)}</td><td>{escape(_due(m))}{safe_cell(m)}</td>"
        f"<td>{escape(_STATUS_WORDS[m.status])}</td><td>{escape(fmt_day(m.done_on)) if m.done_on else ''}</td>"
        f"<td>{escape(m.actor)}</td><td>{escape(m.cite)}</td><td>{escape(m.consequence)} ({escape(m.consequence_cite)})</td></tr>"
        for m in t.milestones)
    notes = "".join(f"<li>{escape(n)}</li>" for n in t.notes)
    safe = safe_dates_html(t)
    readings = "".join(f"<li>{escape(c.words())}</li>" for c in t.interpretations)
    screen = ""
    if screening is not None:
        screen = f"<h2>Can it be grieved?</h2><p>{escape(screening.headline)}</p><p>{escape(screening.route)}</p>"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>
<style>
@page {{ size: letter; margin: 0.6in; }}
body {{ font: 10.5pt/1.35 Georgia, serif; color: #111; }}
table {{ border-collapse: collapse; width: 100%; font-size: 9pt; }}
th, td {{ border: 1px solid #999; padding: 3px 5px; text-align: left; vertical-align: top; }}
th {{ background: #e8edf5; }} tr.missed td {{ color: #b00020; font-weight: bold; }}
tr.projected td {{ color: #555; font-style: italic; }} small {{ color: #555; }}
</style></head><body>
<h1>{escape(title)}</h1>
<p>{escape(contract.short_name)} agreement, Article 43. Path: <b>{escape(g.path)}</b>. As of {escape(fmt_day(t.as_of))}.</p>
{screen}
<table><thead><tr><th>Step</th><th>Due</th><th>Status</th><th>Done</th><th>Who acts</th><th>Rule</th><th>If missed</th></tr></thead>
<tbody>{rows}</tbody></table>
{safe}
<h2>Notes</h2><ul>{notes or '<li>None.</li>'}</ul>
<h2>Readings of the contract that decide these dates</h2><ul>{readings or '<li>None would move a date here.</li>'}</ul>
<p><small>Projected dates assume each earlier step happens on its last allowed day. Workdays are Monday–Friday
less federal holidays and closures; the day of the event is not counted. Computed by lmcore.</small></p>
</body></html>
"""
