"""A timeline plot: milestones on a calendar axis, weekends and holidays shaded, "as of" marked, misses in red."""
from __future__ import annotations

import datetime as dt
import io
import textwrap
from typing import Any

# Colour and marker per status (missed in red, projected hollow grey).
STYLE = {
    "done_on_time": ("#2e7d32", "o", "done on time"),
    "done_late": ("#ef6c00", "o", "done late"),
    "premature": ("#ef6c00", "s", "premature"),
    "open": ("#1f4e9c", "D", "open"),
    "missed": ("#c62828", "X", "missed"),
    "projected": ("#8a8a8a", "D", "projected"),
}


def timeline_figure(t: Any, calendar: Any, width: float = 9.5) -> Any:
    """A matplotlib Figure of a grievance Timeline (no pyplot state: safe in notebooks and servers)."""
    from matplotlib.dates import MO, DateFormatter, WeekdayLocator, date2num
    from matplotlib.figure import Figure

    ms = [m for m in t.milestones if m.due is not None or m.done_on is not None]
    days = [d for m in ms for d in (m.start, m.due, m.done_on) if d is not None] + [t.as_of]
    lo, hi = min(days) - dt.timedelta(days=2), max(days)
    hi += dt.timedelta(days=max(4, (hi - lo).days // 14))  # room for the last date's label
    fig = Figure(figsize=(width, 0.42 * len(ms) + 1.6), dpi=90)
    ax = fig.add_subplot()
    weekends, holidays = [], []  # shade non-workdays (one collection each: fast to draw)
    day = lo
    while day <= hi:
        if not calendar.is_workday(day):
            named = day in calendar.holidays or day in calendar.closures
            (holidays if named else weekends).append((date2num(day), 1.0))
        day += dt.timedelta(days=1)
    ax.broken_barh(weekends, (-1, len(ms) + 1), facecolors="#e6e6e6", lw=0, zorder=0)
    ax.broken_barh(holidays, (-1, len(ms) + 1), facecolors="#f8d595", lw=0, zorder=0)
    for y, m in enumerate(ms):
        colour, marker, _ = STYLE[m.status]
        if m.start and m.due:
            ax.plot([m.start, m.due], [y, y], color=colour, lw=2, alpha=0.35, solid_capstyle="butt")
        if m.due:
            hollow = m.status == "projected"
            ax.plot([m.due], [y], marker=marker, ms=8, color=colour, mfc="white" if hollow else colour, mew=1.6)
            ax.annotate(m.due.strftime("%b %d"), (m.due, y), xytext=(6, 4), textcoords="offset points", fontsize=7.5, color=colour)
        if m.done_on:
            ax.plot([m.done_on], [y], marker="|", ms=14, mew=2.2, color="#111111")
    ax.axvline(t.as_of, color="#1565c0", ls="--", lw=1.2)
    ax.annotate(f"as of {t.as_of:%b %d}", (t.as_of, len(ms) - 0.4), xytext=(3, 0), textcoords="offset points", fontsize=8, color="#1565c0")
    ax.set_yticks(range(len(ms)), [textwrap.fill(m.label, 30) for m in ms], fontsize=7.5)  # the steps in words, no program ids
    ax.set_ylim(len(ms) - 0.3, -0.7)
    ax.set_xlim(lo, hi)
    span = (hi - lo).days
    ax.xaxis.set_major_locator(WeekdayLocator(byweekday=MO, interval=max(1, span // 70)))
    ax.xaxis.set_major_formatter(DateFormatter("%b %d\n%Y" if span > 120 else "%b %d"))
    ax.tick_params(axis="x", labelsize=7.5)
    ax.grid(axis="x", color="#cccccc", lw=0.5)
    handles = [ax.plot([], [], marker=mk, ls="", color=c, mfc="white" if s == "projected" else c, label=lab)[0]
               for s, (c, mk, lab) in STYLE.items()]
    handles.append(ax.plot([], [], marker="|", ls="", ms=10, mew=2, color="#111111", label="date done")[0])
    fig.legend(handles=handles, loc="lower center", ncols=6, fontsize=7.5, frameon=False)
    ax.set_title(f"{t.grievance.path} grievance: deadlines (weekends grey, holidays amber)", fontsize=9.5)
    fig.subplots_adjust(left=0.24, right=0.97, top=0.9, bottom=0.3 if len(ms) < 5 else 0.17)
    return fig


def figure_png(fig: Any) -> bytes:
    """PNG bytes of a Figure (no timestamps in the file, so the same plot gives the same bytes)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()
