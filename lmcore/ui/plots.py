"""Small matplotlib pictures the dashboards share: a month calendar that shows how a deadline was counted.

Weekends and holidays are shaded (holidays and closures named in the cell), counted days carry their
number, the start day is outlined and the due date highlighted, so a trainee can check the count on a wall calendar.
"""
from __future__ import annotations

import calendar as _cal
import datetime as dt
import io
import textwrap
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from ..calendar import WorkdayCalendar
    from ..deadlines import Deadline

# Colours (colour-blind safe pairs; the due date also gets a thick border, not only a colour).
WEEKEND, HOLIDAY, COUNTED, DUE, START, GRID = "#e6e6e6", "#ffd9a8", "#e3edf9", "#d62728", "#1f4e9c", "#b0b0b0"
MONTHS_PER_ROW = 3
_CELL_W, _CELL_H, _HEAD = 1.0, 0.85, 1.3  # one day's cell and the month-title band, in axis units
_MONTH_W, _MONTH_H, _GAP = 7 * _CELL_W, 6 * _CELL_H + _HEAD, 0.6


def months_spanned(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    """(year, month) pairs from first's month to last's month, in order."""
    if last < first:
        first, last = last, first
    out, (y, m) = [], (first.year, first.month)
    while (y, m) <= (last.year, last.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def month_calendar(deadline: "Deadline", ax: Any = None, calendar: "WorkdayCalendar | None" = None) -> Any:
    """Draw the months a deadline spans: skipped days shaded and named, counted days numbered, due date marked.

    With `calendar`, weekends/holidays outside the counted stretch are shaded too. Returns the Figure.
    """
    from matplotlib.figure import Figure  # a bare Figure needs no GUI backend (safe in kernels and tests)
    from matplotlib.patches import Rectangle

    steps = {s.day: s for s in deadline.steps}
    months = months_spanned(deadline.start, deadline.due)
    cols = min(len(months), MONTHS_PER_ROW)
    rows = -(-len(months) // MONTHS_PER_ROW)
    legend_h = 0.35 if cols > 1 else 0.55  # inches under the months for the key
    if ax is None:
        height = 2.75 * rows + legend_h
        fig = Figure(figsize=(3.0 * cols + 0.2, height), dpi=100)
        ax = fig.add_axes((0.005, legend_h / height, 0.99, 1 - legend_h / height - 0.005))
    fig = ax.figure
    for i, (y, m) in enumerate(months):
        x0 = (i % MONTHS_PER_ROW) * (_MONTH_W + _GAP)
        y0 = -(i // MONTHS_PER_ROW) * (_MONTH_H + _GAP)
        ax.text(x0 + _MONTH_W / 2, y0 - 0.38, f"{_cal.month_name[m]} {y}", ha="center", va="center", fontsize=9, weight="bold")
        for c, wd in enumerate("MTWTFSS"):
            ax.text(x0 + c + 0.5, y0 - 0.98, wd, ha="center", va="center", fontsize=6.5, color="#555")
        for week, days in enumerate(_cal.Calendar(firstweekday=0).monthdatescalendar(y, m)):
            for c, day in enumerate(days):
                if day.month != m:
                    continue
                _draw_day(ax, Rectangle, day, x0 + c * _CELL_W, y0 - _HEAD - (week + 1) * _CELL_H,
                          steps.get(day), deadline, calendar)
    span_w = cols * _MONTH_W + (cols - 1) * _GAP
    span_h = rows * _MONTH_H + (rows - 1) * _GAP
    ax.set_xlim(-0.05, span_w + 0.05)
    ax.set_ylim(-span_h - 0.05, 0.05)
    ax.set_axis_off()
    ax.set_aspect("auto")
    _legend(fig, ncol=5 if cols > 1 else 3)
    return fig


def _draw_day(ax: Any, Rectangle: Any, day: dt.date, x: float, y: float, step: Any, deadline: "Deadline",
              calendar: "WorkdayCalendar | None") -> None:
    reason = step.reason if step is not None else (calendar.skip_reason(day) if calendar is not None else None)
    weekend = day.weekday() >= 5
    named = reason is not None and (not weekend or "(" in reason)  # a holiday or closure, not a plain weekend
    face = "white"
    if step is not None and step.counted and deadline.unit == "workdays":
        face = COUNTED
    if weekend or (reason and not named):
        face = WEEKEND
    if named:
        face = HOLIDAY
    if step is not None and step.counted and deadline.unit == "calendar_days" and not reason:
        face = COUNTED
    is_due, is_start = day == deadline.due, day == deadline.start
    ax.add_patch(Rectangle((x, y), _CELL_W, _CELL_H, facecolor=face, edgecolor=GRID, linewidth=0.4))
    if is_start:
        ax.add_patch(Rectangle((x + 0.04, y + 0.04), _CELL_W - 0.08, _CELL_H - 0.08, fill=False, edgecolor=START, linewidth=1.6))
    if is_due:
        ax.add_patch(Rectangle((x + 0.03, y + 0.03), _CELL_W - 0.06, _CELL_H - 0.06, facecolor="#fde0e0", edgecolor=DUE, linewidth=2.2))
    ax.text(x + 0.08, y + _CELL_H - 0.1, str(day.day), ha="left", va="top", fontsize=6.5,
            color=DUE if is_due else "#222", weight="bold" if is_due else "normal")
    if step is not None and step.counted:
        ax.text(x + _CELL_W - 0.08, y + 0.1, str(step.number), ha="right", va="bottom", fontsize=7.5,
                color=DUE if is_due else START, weight="bold")
    if named:
        name = reason.split(" (")[-1].rstrip(")") if weekend else reason
        name = name.replace(" (observed)", " (obs.)")
        ax.text(x + 0.5, y + 0.29, "\n".join(textwrap.wrap(name, 12, break_long_words=False)[:3]), ha="center", va="center", fontsize=4.3, color="#5a3000")


def _legend(fig: Any, ncol: int) -> None:
    from matplotlib.patches import Patch

    handles = [
        Patch(facecolor=COUNTED, edgecolor=GRID, label="counted day (number)"),
        Patch(facecolor=WEEKEND, edgecolor=GRID, label="weekend"),
        Patch(facecolor=HOLIDAY, edgecolor=GRID, label="holiday / closure"),
        Patch(facecolor="white", edgecolor=START, linewidth=1.6, label="start (not counted)"),
        Patch(facecolor="#fde0e0", edgecolor=DUE, linewidth=2.2, label="due date"),
    ]
    fig.legend(handles=handles, loc="lower center", ncol=ncol, fontsize=6, frameon=False, handlelength=1.2, columnspacing=0.9)


def to_png(fig: Any, dpi: int = 110) -> bytes:
    """PNG bytes of a figure (no timestamps in the metadata, so the bytes are the same on every run)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()
