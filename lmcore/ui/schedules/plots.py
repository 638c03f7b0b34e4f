"""Pictures for the work-schedules dashboard: each day of a pay period against the band, core hours and lunch window,
and a team's head-count per half hour of the office day (Art. 4 §5, §2.b(2), §10; Art. 5 §10).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from ...schedules.coverage import Coverage
    from ...schedules.pay_period import PayPeriodResult
    from ...schedules.timesheet import Timesheet
    from ...schedules.hours import Rules

BAND, CORE, WORK, OUTSIDE, OVERTIME, OFF = "#dff0df", "#c6d9f1", "#2f6db5", "#d62728", "#ff9f1c", "#eeeeee"


def day_chart(ts: Timesheet, res: PayPeriodResult, rules: Rules, lunch: tuple[int, int] | None = None) -> Any:
    """One row per day: the hours worked (lunch as a gap), time outside the band in red, overtime in orange,
    with the day shift's band, the core hours (on core days) and the lunch window (Art. 5 §10) behind; a tour that runs
    past midnight runs on past 24:00."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch, Rectangle

    n = len(ts.entries)
    height = 0.34 * n + 1.0
    fig = Figure(figsize=(8.6, height), dpi=100)
    ax = fig.add_axes((0.16, 0.75 / height, 0.66, 1 - 0.85 / height))
    b0, b1 = rules.band
    c0, c1 = rules.core
    ends = [e.end for e in ts.entries if e.end is not None]
    starts = [e.start for e in ts.entries if e.start is not None]
    lo = min([5.0] + [s / 60 - 1 for s in starts])
    hi = max([20.0] + [x / 60 + 1 for x in ends])
    if rules.day_shift_band:
        ax.axvspan(b0 / 60, b1 / 60, color=BAND, zorder=0)
    if lunch is not None:
        ax.axvspan(lunch[0] / 60, lunch[1] / 60, facecolor="none", edgecolor="#d9a300", hatch="///", linewidth=0, zorder=1.5)
    for i, (e, d) in enumerate(zip(ts.entries, res.days)):
        y = n - 1 - i
        weekend = e.day.weekday() >= 5
        if weekend or d.holiday:
            ax.add_patch(Rectangle((lo, y - 0.5), hi - lo, 1, color=OFF, zorder=0.6))
        if d.core_day:
            ax.add_patch(Rectangle((c0 / 60, y - 0.42), (c1 - c0) / 60, 0.84, color=CORE, zorder=0.7))
        if e.start is not None and e.end is not None:
            parts = [(e.start, e.end)] if e.lunch_start is None else [(e.start, e.lunch_start), (e.lunch_end, e.end)]
            for s, t in parts:
                ax.barh(y, (t - s) / 60, left=s / 60, height=0.5, color=WORK, zorder=2)
                for out0, out1 in ((s, min(t, b0)), (max(s, b1), t)):  # not lo/hi: those are the chart's hour range
                    if out1 > out0:
                        ax.barh(y, (out1 - out0) / 60, left=out0 / 60, height=0.5, color=OUTSIDE, zorder=3)
            if d.overtime:
                ax.barh(y, d.overtime, left=e.end / 60 - d.overtime, height=0.22, color=OVERTIME, zorder=4)
        right = []
        if d.holiday:
            right.append(d.holiday.split(" (")[0])
        if e.leave_minutes:
            right.append(f"{e.leave_minutes / 60:g} h {e.leave_kind}")
        if right:
            ax.text(hi + 0.1, y, "; ".join(right), va="center", fontsize=7, color="#5a3000", clip_on=False)
    ax.set_yticks(range(n))
    ax.set_yticklabels([f"{e.day:%a %m-%d}  {d.worked:.2f} h" for e, d in zip(reversed(ts.entries), reversed(res.days))], fontsize=7.5)
    ax.set_xlim(int(lo), int(hi + 0.999))
    ax.set_ylim(-0.6, n - 0.4)
    hours = range(int(lo), int(hi + 0.999) + 1)
    ax.set_xticks(list(hours))
    ax.set_xticklabels([f"{(h % 24 - 1) % 12 + 1}{'a' if h % 24 < 12 else 'p'}" for h in hours], fontsize=7.5)
    ax.grid(axis="x", color="#cccccc", linewidth=0.4, zorder=1)
    band = f"band {b0 // 60 % 12 or 12}{'a' if b0 < 720 else 'p'}–{b1 // 60 % 12 or 12}{'a' if b1 < 720 else 'p'} (Art. 4 §5)"
    handles = [Patch(color=BAND, label=band), Patch(color=CORE, label="core hours (§2.b(2))"),
               Patch(facecolor="white", edgecolor="#d9a300", hatch="///", label="lunch window (Art. 5 §10)"), Patch(color=WORK, label="worked"),
               Patch(color=OUTSIDE, label="outside the band"), Patch(color=OVERTIME, label="overtime")]
    fig.legend(handles=handles, loc="lower center", ncol=3, fontsize=7, frameon=False)
    return fig


def coverage_heatmap(cov: Coverage) -> Any:
    """Head-count for each half hour (columns) of each office day (rows); gaps outlined in red."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    rows, cols = cov.counts.shape
    height = 0.32 * rows + 0.95
    fig = Figure(figsize=(8.6, height), dpi=100)
    ax = fig.add_axes((0.12, 0.5 / height, 0.86, 1 - 0.8 / height))  # room in inches: the turned time labels, the title
    top = max(int(cov.counts.max()) if cov.counts.size else 1, cov.minimum, 1)
    ax.imshow(cov.counts, cmap="Blues", vmin=0, vmax=top, aspect="auto")
    for i in range(rows):
        for j in range(cols):
            v = int(cov.counts[i, j])
            ax.text(j, i, str(v), ha="center", va="center", fontsize=7, color="white" if v > top * 0.6 else "#222")
            if v < cov.minimum:
                ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, edgecolor="#d62728", linewidth=1.6))
    ax.set_yticks(range(rows))
    ax.set_yticklabels([f"{d:%a %m-%d}" for d in cov.days], fontsize=7.5)
    ax.set_xticks(range(cols))
    ax.set_xticklabels([f"{s // 60 % 12 or 12}:{s % 60:02d}" for s in cov.slots], fontsize=6.5, rotation=90)
    ax.set_title(f"People at work each half hour of the office day ({cov.office_hours}); red: fewer than {cov.minimum}", fontsize=8)
    return fig


__all__ = ["coverage_heatmap", "day_chart"]
