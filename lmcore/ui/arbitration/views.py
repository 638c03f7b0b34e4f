"""HTML and SVG pieces of the arbitration dashboard: rosters with the rotation pointer, a milestone timeline,
a month calendar of reserved dates and hearings, simulator charts (matplotlib, drawn only when asked), strike steps and the cost table.

Pure functions from lmcore values to HTML strings (no widgets, no date arithmetic): cheap to redraw, easy to test.
"""
from __future__ import annotations

import calendar as _cal
import datetime as dt
from collections.abc import Sequence
from typing import Any

from .. import esc

_NAMES = {"hearing_by": "Hearing held by", "prehearing_meeting": "Prehearing meeting (§5.a)",
          "exchange_meeting": "Witness-list meeting (§5.b)", "arbitrability_notice": "Arbitrability objection (§9)",
          "decision": "Decision / award (§8)"}
_COLOURS = {"hearing_by": "#d62728", "prehearing_meeting": "#1f77b4", "exchange_meeting": "#2ca02c",
            "arbitrability_notice": "#9467bd", "decision": "#8c564b"}


def rosters_html(rows: list[dict[str, Any]]) -> str:
    """Both rosters side by side: position, name, ▶ on the next in rotation, state (removal noticed, joined)."""
    head = "<tr><th>Regular roster</th><th>Expedited roster</th><th>Arbitrator</th><th>Status</th><th>Cases</th></tr>"
    body = []
    for r in rows:
        reg = ("▶ " if r["next_regular"] else "") + (str(r["regular"]) if r["regular"] else "—")
        exp = ("▶ " if r["next_expedited"] else "") + (str(r["expedited"]) if r["expedited"] else "—")
        style = "" if r["regular"] else ' style="color:#888"'
        body.append(f"<tr{style}><td>{esc(reg)}</td><td>{esc(exp)}</td><td><b>{esc(r['name'])}</b></td>"
                    f"<td>{esc(r['state'])}</td><td>{r['cases']}</td></tr>")
    return (f'<table class="lmcore-rosters" style="border-collapse:collapse" cellpadding="4">{head}{"".join(body)}</table>'
            "<small>▶ = next in rotation on that roster (Art. 44 §1.c). Both rosters hold the same names in alphabetical "
            "order (§1.a, §1.e); each has its own rotation.</small>")


def timeline_svg(invoked: dt.date, items: Sequence[tuple[str, dt.date, str]], hearing: dt.date | None = None,
                 width: int = 760) -> str:
    """A horizontal timeline from invocation to the last milestone: (name, date, cite) markers, labels staggered."""
    days = [invoked] + [d for _, d, _ in items] + ([hearing] if hearing else [])
    lo, hi = min(days), max(days)
    span = max((hi - lo).days, 1)
    x = lambda d: 20 + (width - 180) * (d - lo).days / span  # noqa: E731
    marks = [("invoked", invoked, "Art. 43 §10", "#333")] + [(n, d, c, _COLOURS.get(n, "#555")) for n, d, c in items]
    if hearing:
        marks.append(("hearing", hearing, "", "#000"))
    marks.sort(key=lambda m: m[1])
    parts = [f'<line x1="20" y1="40" x2="{width - 160}" y2="40" stroke="#999" stroke-width="2"/>']
    for i, (name, day, cite, colour) in enumerate(marks):
        cx, dy = x(day), 20 + 30 * (i % 4)
        label = _NAMES.get(name, name)
        parts.append(f'<circle cx="{cx:.1f}" cy="40" r="6" fill="{colour}"><title>{esc(label)} {day.isoformat()} {esc(cite)}</title></circle>')
        parts.append(f'<line x1="{cx:.1f}" y1="46" x2="{cx:.1f}" y2="{50 + dy}" stroke="{colour}" stroke-dasharray="2,2"/>')
        parts.append(f'<text x="{cx:.1f}" y="{62 + dy}" font-size="11" fill="{colour}">{esc(label)}</text>')
        parts.append(f'<text x="{cx:.1f}" y="{75 + dy}" font-size="10" fill="#333">{day.strftime("%a %Y-%m-%d")}</text>')
    return (f'<svg class="lmcore-timeline" width="{width}" height="190" role="img" aria-label="milestone timeline" '
            f'xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>')


def step_name(name: str) -> str:
    """A milestone's name in words."""
    return _NAMES.get(name, name)


def milestone_table(rows: Sequence[dict[str, Any]]) -> str:
    """Milestones as a table: what, when, rule, and how it was counted (folded: opening it shows the days counted and
    skipped, as text)."""
    body = "".join(
        f"<tr><td><b>{esc(_NAMES.get(r['name'], r['name']))}</b></td>"
        f"<td style='white-space:nowrap'><b>{esc(r['weekday'])} {esc(r['due'])}</b></td><td style='white-space:nowrap'>{esc(r['cite'])}</td>"
        f"<td>{_folded(r['explanation'])}</td></tr>" for r in rows)
    return (f'<table class="lmcore-milestones" cellpadding="4" style="border-collapse:collapse">'
            f"<tr><th>Milestone</th><th>Due</th><th>Rule</th><th>How it was counted</th></tr>{body}</table>")


def _folded(explanation: str) -> str:
    """An explanation folded under its count ("Counted 90 calendar days after …"): the rest, the rule's words and the
    reading used, show when it is opened."""
    lines = explanation.split("\n")
    head = next((x for x in lines if x.startswith("Counted")), lines[0])
    rest = "<br>".join(esc(x) for x in lines if x != head)
    return f"<details><summary><small>{esc(head)}</small></summary><small>{rest}</small></details>"


def month_calendar_html(year: int, month: int, booked: dict[dt.date, list[tuple[str, str | None]]],
                        skip: dict[dt.date, str], meeting: dt.date | None) -> str:
    """A month grid: each reserved date with its arbitrator and the case heard (or 'free'); holidays named."""
    cells = []
    for week in _cal.Calendar(firstweekday=0).monthdatescalendar(year, month):
        row = []
        for day in week:
            if day.month != month:
                row.append("<td></td>")
                continue
            bg = "#eee" if day in skip else "white"
            bits = [f"<b>{day.day}</b>"]
            if day in skip and day.weekday() < 5:
                bits.append(f'<br><small style="color:#5a3000">{esc(skip[day])}</small>')
            if day == meeting:
                bits.append('<br><small style="color:#1f4e9c">◆ monthly meeting (§3.b)</small>')
            for name, case in booked.get(day, []):
                surname = name.split()[-1]
                what = f"<b>{esc(case)}</b>" if case else "free"
                bits.append(f'<br><small>{esc(surname)}: {what}</small>')
            row.append(f'<td style="vertical-align:top;width:7em;height:3.5em;line-height:1.3;border:1px solid #ccc;background:{bg}">{"".join(bits)}</td>')
        cells.append("<tr>" + "".join(row) + "</tr>")
    head = "".join(f"<th>{d}</th>" for d in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"))
    return (f'<table class="lmcore-month" style="border-collapse:collapse"><caption><b>{_cal.month_name[month]} {year}</b>'
            f"</caption><tr>{head}</tr>{''.join(cells)}</table>")


def dates_words(k: int) -> str:
    """'1 reserved date', '3 reserved dates'."""
    return f"{k} reserved date" if k == 1 else f"{k} reserved dates"


def month_words(month: str) -> str:
    """'2027-01' → 'Jan 2027' (a month as the page writes it)."""
    y, m = (int(x) for x in month.split("-"))
    return f"{_cal.month_abbr[m]} {y}"


def capacity_figure(curve: Sequence[tuple[int, float]], target: float, answer: int | None) -> Any:
    """Hearings held on time (%) against reserved dates a month per arbitrator, the planning target as a line and the
    answer marked."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.4, 2.9), dpi=100)
    ax = fig.subplots()
    ks, shares = [k for k, _ in curve], [100 * s for _, s in curve]
    ax.plot(ks, shares, marker="o", color="#1f77b4", label="hearings held on time")
    ax.axhline(100 * target, color="#d62728", linestyle="--", linewidth=1, label=f"planning target {100 * target:g} %")
    if answer is not None:
        ax.plot([answer], [dict(curve)[answer] * 100], marker="o", markersize=11, markerfacecolor="none",
                markeredgecolor="#d62728", markeredgewidth=2, linestyle="none", label=f"fewest dates: {answer}")
    ax.set_xlabel("Reserved dates a month per arbitrator")
    ax.set_ylabel("Hearings held on time (%)")
    ax.set_xticks(ks)
    ax.set_ylim(min([0.0, *shares]) if min(shares, default=0) < 50 else 50, 102)
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right", fontsize=8)
    ax.set_title("On-time hearings by the dates each arbitrator reserves", fontsize=10)
    fig.subplots_adjust(left=0.11, right=0.98, top=0.9, bottom=0.17)  # fixed margins: tight_layout doubles the drawing
    return fig


def months_figure(months: Sequence[str], backlog: Sequence[int], backlog_edf: Sequence[int],
                  used: Sequence[float | None]) -> Any:
    """Two charts over the months ('Jan 2027'): cases waiting for a hearing at each month's end (both orders), and
    the share of reserved dates used."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7.6, 4.6), dpi=100)
    top, bottom = fig.subplots(2, 1, sharex=True)
    x = list(range(len(months)))
    top.plot(x, backlog, marker="o", markersize=3, color="#1f77b4", label="exact assignment")
    top.plot(x, backlog_edf, marker="s", markersize=3, color="#ff7f0e", linestyle="--", label="earliest deadline first")
    top.set_ylabel("Cases waiting (cases)")
    top.set_title("Cases invoked but not yet heard, at each month's end", fontsize=10)
    top.legend(fontsize=8)
    top.grid(alpha=0.3)
    bottom.bar(x, [100 * (u or 0.0) for u in used], color="#2ca02c")
    bottom.set_ylabel("Reserved dates used (%)")
    bottom.set_ylim(0, 100)
    bottom.set_xlabel("Month")
    bottom.grid(alpha=0.3, axis="y")
    step = max(1, -(-len(x) // 12))
    bottom.set_xticks(x[::step])
    bottom.set_xticklabels([month_words(m) for m in months][::step], rotation=45, ha="right", fontsize=8)
    fig.subplots_adjust(left=0.1, right=0.98, top=0.93, bottom=0.2, hspace=0.15)
    return fig


def stats_table(exact: Sequence[Any], edf: Sequence[Any]) -> str:
    """On-time share and days to hearing per case type: exact assignment beside the earliest-deadline-first
    (EDF) baseline, named in words on the page."""
    base = {s.kind: s for s in edf}
    rows = []
    for s in exact:
        b = base.get(s.kind)
        pct = lambda x: "—" if x.share is None else f"{x.share:.0%} ({x.on_time}/{x.cases})"  # noqa: E731
        rows.append(f"<tr><td><b>{esc(s.kind)}</b></td><td>{pct(s)}</td><td>{pct(b) if b else '—'}</td>"
                    f"<td>{'' if b is None else f'{s.on_time - b.on_time:+d}'}</td>"
                    f"<td>{'—' if s.median_days is None else f'{s.median_days:g}'}</td>"
                    f"<td>{'—' if s.max_days is None else s.max_days}</td></tr>")
    return ('<table class="lmcore-sim-stats" cellpadding="4" style="border-collapse:collapse"><tr><th>Case type</th>'
            "<th>On time (exact)</th><th>On time (earliest deadline first)</th><th>Exact − earliest deadline first</th>"
            "<th>Median days to hearing</th>"
            f"<th>Longest</th></tr>{''.join(rows)}</table>")


def strike_html(result: Any, upto: int) -> str:
    """The strike procedure up to step `upto`: who struck what, and the names still standing."""
    shown = result.steps[:upto]
    left = shown[-1].remaining if shown else result.names
    items = "".join(f"<li>{esc(s)}</li>" for s in shown)
    standing = ", ".join(f"<b>{esc(n)}</b>" for n in left)
    done = (f'<p style="color:#1a7f37"><b>Selected: {esc(result.selected)}</b> — the one name left (Art. 44 §1.b).</p>'
            if upto >= len(result.steps) else "")
    coin = f"<p>{esc(result.coin)}</p>" if result.coin else ""
    agreed = (f"<p><i>Both parties rank {esc(result.agreed)} first: they could simply agree on that name.</i></p>"
              if result.agreed else "")
    return (f'<div class="lmcore-strike">{coin}<p>The <b>{esc(result.first.capitalize())}</b> strikes first '
            f"({esc(result.choice.description)})</p><ol>{items}</ol>"
            f"<p>Still on the list: {standing}</p>{done}{agreed}</div>")


def costs_html(split: Any) -> str:
    from ...arbitration.costs import usd

    rows = "".join(f"<tr><td>{esc(ln.item)}</td><td>{usd(ln.amount)}</td><td>{usd(ln.union)}</td><td>{usd(ln.department)}</td>"
                   f"<td>{esc(ln.cite)}: <i>{esc(ln.rule)}</i></td></tr>" for ln in split.lines)
    total = (f"<tr><th>Total</th><th>{usd(split.total)}</th><th>{usd(split.union)}</th><th>{usd(split.department)}</th>"
             "<th></th></tr>")
    return ('<table class="lmcore-costs" cellpadding="4" style="border-collapse:collapse"><tr><th>Cost</th><th>Amount</th>'
            f"<th>Union pays</th><th>Department pays</th><th>Rule</th></tr>{rows}{total}</table>")
