"""A one-page printable summary of one case: who and what, the grievance timeline with each step's rule, the
arbitration's dates (Art. 44), the §13 agreements with who signed, and the change history. Every text a user
typed is HTML-escaped."""
from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from ..deadlines import fmt_day
from .records import Case

_STATUS = {"done_on_time": "done on time", "done_late": "done late", "open": "open", "missed": "MISSED", "projected": "projected"}


def case_summary_html(case: Case, as_of: dt.date, contract: Any, history: list[Any] | None = None) -> str:
    """The printable page (HTML, letter size) of a case as of a day."""
    from ..arbitration.hearings import milestones as arbitration_milestones
    from ..errors import LmcoreError
    from ..grievance.engine import timeline
    from ..grievance.report import safe_cell, safe_dates_html

    e = lambda x: escape(str(x), quote=True)  # noqa: E731
    head = f"Case {case.case_id}" + (f": {case.title}" if case.title else "")
    facts = [("Status", case.status), ("Grievant(s)", "; ".join(case.grievants)), ("Steward", case.steward),
             ("Supervisor / agency official", case.official), ("Agency", case.agency), ("Articles cited", "; ".join(case.articles)),
             ("Subject", case.subject), ("Version", f"{case.version}, last saved {case.updated_at[:19].replace('T', ' ')} UTC "
                                         f"by {case.updated_by}")]
    body = ["<table class='facts'>" + "".join(f"<tr><th>{e(k)}</th><td>{e(v) or '—'}</td></tr>" for k, v in facts) + "</table>"]
    if case.grievance is None:
        body.append(f"<p class='problem'>⚠ The saved record cannot be used: {e(case.problem)}</p>")
    else:
        g = case.grievance
        try:
            t = timeline(g, contract, as_of, safe=True)
            rows = "".join(
                f"<tr class='{m.status}'><td>{e(m.label)}</td><td>{e(fmt_day(m.due)) if m.due else 'any time'}{safe_cell(m)}</td>"
                f"<td>{e(_STATUS.get(m.status, m.status))}</td><td>{e(fmt_day(m.done_on)) if m.done_on else ''}</td>"
                f"<td>{e(m.actor)}</td><td>{e(m.cite)}</td></tr>" for m in t.milestones)
            body.append(f"<h2>Grievance timeline ({e(g.path)} path)</h2><table><thead><tr><th>Step</th><th>Due</th>"
                        f"<th>Status</th><th>Done</th><th>Who acts</th><th>Rule</th></tr></thead><tbody>{rows}</tbody></table>")
            hand = t.at_hand
            body.append(safe_dates_html(t))
            body.append(f"<h3>Step at hand: {e(hand.label)}</h3><pre>{e(hand.explain(words=True))}</pre>")
            body += [f"<p><small>ⓘ {e(n)}</small></p>" for n in t.notes]
        except LmcoreError as exc:
            body.append(f"<p class='problem'>⚠ {e(exc)}</p>")
        agreements = [(w.step, "waived", w.agreed_on, case.signatories_of("waiver", w.step)) for w in g.waivers]
        agreements += [(x.milestone, f"+{x.workdays} workdays" if x.workdays else f"new due date {x.until}", x.agreed_on,
                        case.signatories_of("extension", x.milestone)) for x in g.extensions]
        if agreements:
            body.append("<h2>Agreed in writing (Art. 43 §13)</h2><table><tr><th>Step</th><th>Terms</th><th>Signed</th>"
                        "<th>For the Union</th><th>For the Agency</th></tr>" + "".join(
                            f"<tr><td>{e(a)}</td><td>{e(b)}</td><td>{e(c.isoformat()) if c else 'not recorded'}</td>"
                            f"<td>{e(s.union) or 'not recorded'}</td><td>{e(s.agency) or 'not recorded'}</td></tr>"
                            for a, b, c, s in agreements) + "</table>")
        if case.arbitration is not None and g.invoked is not None:
            a = case.arbitration
            try:
                sched = arbitration_milestones(g.invoked, a.kind, contract, hearing=g.hearing, record_closed=a.record_closed)
                rows = "".join(f"<tr><td>{e(m.deadline.label)}</td><td>{e(fmt_day(m.due))}</td><td>{e(m.cite)}</td></tr>"
                               for m in sched.milestones)
                body.append(f"<h2>Arbitration ({e(a.kind)}; arbitrator: {e(a.arbitrator) or 'not yet designated'})</h2>"
                            f"<table><tr><th>Step</th><th>Date</th><th>Rule</th></tr>{rows}</table>")
            except LmcoreError as exc:
                body.append(f"<p class='problem'>⚠ Arbitration: {e(exc)}</p>")
    if history:
        body.append("<h2>Change history</h2><table><tr><th>When (UTC)</th><th>Who</th><th>Field</th><th>Old</th><th>New</th></tr>"
                    + "".join(f"<tr><td>{e(h.at[:19].replace('T', ' '))}</td><td>{e(h.by)}</td><td>{e(h.field)}</td>"
                              f"<td>{e(h.old if h.old is not None else '—')[:200]}</td>"
                              f"<td>{e(h.new if h.new is not None else '—')[:200]}</td></tr>" for h in history[-40:])
                    + "</table>")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{e(head)}</title>
<style>
@page {{ size: letter; margin: 0.5in; }}
body {{ font: 10pt/1.3 Georgia, serif; color: #111; }}
table {{ border-collapse: collapse; width: 100%; font-size: 8.5pt; margin-bottom: 6px; }}
th, td {{ border: 1px solid #999; padding: 2px 4px; text-align: left; vertical-align: top; }}
th {{ background: #e8edf5; }} table.facts th {{ width: 28%; }}
tr.missed td, .problem {{ color: #b00020; font-weight: bold; }} tr.projected td {{ color: #555; font-style: italic; }}
pre {{ white-space: pre-wrap; font-size: 8pt; }}
</style></head><body>
<h1>{e(head)}</h1>
<p>{e(contract.short_name)} agreement, Articles 43 and 44. As of {e(fmt_day(as_of))}.</p>
{''.join(body)}
<p><small>Projected dates assume each earlier step happens on its last allowed day. Workdays are Monday–Friday less
federal holidays and closures; the day of the event is not counted. Computed by lmcore.</small></p>
</body></html>
"""
