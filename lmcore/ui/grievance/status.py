"""The grievance's status, first on the page: ended at a missed grievant-side step (Art. 43 §12), untimely after a
late one, or open. After a miss the page stops projecting later steps as if nothing happened."""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from ...deadlines import fmt_day
from .. import esc


def reached(t: Any) -> Any:
    """The timeline as the page shows it: after a missed grievant-side step (the grievance ended there, §12) the later
    steps are left out, not projected; otherwise the whole timeline."""
    end = t.terminated
    if end is None:
        return t
    return replace(t, milestones=t.milestones[: t.milestones.index(end) + 1])


def status_html(t: Any) -> str:
    """The headline's first line: what the grievance's status is and why, in the engine's and the contract's words."""
    end, late = t.terminated, t.untimely
    if end is not None:
        later = len(t.milestones) - t.milestones.index(end) - 1
        rest = (f" The {later} later step{'s are' if later != 1 else ' is'} not shown: the grievance ended here. If the "
                "time limit was extended in writing, enter the extension under “Waivers and extensions” to see them."
                if later else "")
        return (f'<div class="lmcore-status lmcore-status-ended" style="font-size:1.2em;color:#b00020"><b>⚠ Status: ended. '
                f"{esc(end.label)} was due {esc(fmt_day(end.due))} and is not recorded.</b> {esc(end.consequence.rstrip('.'))} "
                f"({esc(end.consequence_cite)}).{esc(rest)}</div>")
    if late is not None:
        note = next((n for n in t.notes if n.startswith(late.label)), None)
        why = note or f"{late.label} was done late: {late.consequence} ({late.consequence_cite})."
        return (f'<div class="lmcore-status lmcore-status-untimely" style="font-size:1.2em;color:#ef6c00"><b>⚠ Status: '
                f"untimely.</b> {esc(why)}</div>")
    return ""

