"""HTML views of a pay period's answer for the work-schedules dashboard: the headline, the credit-hour ledger with
the day-by-day running total, the findings and the side-by-side comparison. Numbers come from lmcore.schedules.pay_period."""
from __future__ import annotations

from typing import Any, Sequence

from .. import esc, not_default_html

SEVERITY_COLOURS = {"violation": "#b00020", "warning": "#a15c00", "info": "#35506b"}
COMPARE_COLUMNS = ("schedule", "requirement", "worked", "counted", "credit_earned", "overtime", "uncounted", "short", "pay", "violations")


def answer_html(res: Any) -> str:
    """The main answer: credit hours earned first (a decimal number), then the headline and the readings used."""
    reads = "".join(f"<li><small>Reading used: {esc(c.words())}</small></li>" for c in res.interpretations)
    beyond = "".join(f"<p class='lmcore-beyond' style='color:{SEVERITY_COLOURS[f.severity]}'><b>⚠ "
                     f"{esc(f.date.strftime('%a %m-%d') if f.date else 'Pay period')}: {esc(f.message)}</b> ({esc(f.cite)})</p>"
                     for f in res.findings if f.beyond_schedule)
    holiday = (f" · holiday work {res.holiday_work_hours:.2f} h (premium {res.holiday_premium_hours:.2f} h)"
               if res.holiday_work_hours else "")
    return (f"<div style='font-size:110%'><b>Credit hours earned: {res.credit_hours_earned:.2f}</b> · balance carried "
            f"{res.credit_hours_balance:.2f} · overtime {res.overtime_hours:.2f} h{holiday} · pay hours {res.pay_hours:.2f}</div>"
            f"{beyond}{not_default_html(res.interpretations)}<p>{esc(res.headline())}</p><ul>{reads}</ul>")


def ledger_html(res: Any) -> str:
    """The credit-hour ledger line (§2.b(1)) and each day's hours with the running total against the requirement; the
    page's stylesheet keeps each heading apart from the next and aligned with its column's numbers."""
    def num(x: float | None, fmt: str = ".2f") -> str:
        return "—" if x is None else format(x, fmt)

    credit = (res.credit_hours_in, res.credit_hours_earned, res.credit_hours_used, res.credit_hours_balance,
              res.credit_hours_forfeited, res.credit_hours_cap)
    lines = [f"<tr><td>{d.day:%a %m-%d}</td><td>{num(d.scheduled)}</td><td>{d.worked:.2f}</td><td>{d.counted:.2f}</td>"
             f"<td>{d.overtime:.2f}</td><td>{d.leave:.2f} {esc(d.leave_kind or '')}</td><td>{num(d.running, '+.2f')}</td>"
             f"<td class='lmcore-words'>{esc(d.holiday or '')}"
             f"{' · holiday work ' + format(d.holiday_work, '.2f') if d.holiday_work else ''}</td></tr>"
             for d in res.days if d.scheduled or d.worked or d.leave or d.holiday]
    return ("<table class='lmcore-ledger lmcore-credit'><caption>Credit hours (§2.b(1))</caption><tr><th>brought in</th>"
            "<th>earned</th><th>used</th><th>carried</th><th>forfeited</th><th>cap</th></tr>"
            "<tr>" + "".join(f"<td>{x:.2f}</td>" for x in credit) + "</tr></table>"
            "<table class='lmcore-ledger lmcore-days'><tr><th>Day</th><th>scheduled</th><th>worked</th><th>counted</th>"
            "<th>overtime</th><th>leave</th><th>running ± requirement</th><th class='lmcore-words'>holiday</th></tr>"
            + "".join(lines) + "</table>")


def findings_html(res: Any) -> str:
    """Every finding: severity, day, citation (and law), and the plain message with the rule's words."""
    items = "".join(
        f"<li style='color:{SEVERITY_COLOURS[f.severity]}'><b>{f.severity}</b> · "
        f"{esc(f.date.strftime('%a %m-%d') if f.date else 'pay period')} · <code>{esc(f.cite)}</code>"
        f"{' · ' + esc(f.law) if f.law else ''}<br>{esc(f.message)}</li>" for f in res.findings)
    return f"<ul class='lmcore-findings'>{items}</ul>"


def compare_html(rows: Sequence[dict[str, object]]) -> str:
    """The same hours under each schedule type, one row each (rows from pay_period.comparison_table)."""
    head = "".join(f"<th>{c.replace('_', ' ')}</th>" for c in COMPARE_COLUMNS)
    body = "".join("<tr>" + "".join(f"<td>{esc(r[c])}</td>" for c in COMPARE_COLUMNS) + "</tr>" for r in rows)
    return f"<table class='lmcore-compare'><tr>{head}</tr>{body}</table>"


__all__ = ["answer_html", "compare_html", "findings_html", "ledger_html"]
