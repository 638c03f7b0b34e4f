"""The case log's arbitration cases as the arbitration rules' inputs: the invocations, in order of receipt, that
the panel rotation designates from (Art. 44 §1.c), and the open caseload the scheduling simulator starts from."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .records import Case


def invocations(cases: list[Case], *, open_only: bool = False) -> list[tuple[str, str, dt.date]]:
    """(case id, kind, date invoked) of every arbitration case, in order of receipt (ties by case id)."""
    rows = [(c.case_id, c.arbitration.kind, c.grievance.invoked) for c in cases
            if c.grievance is not None and c.arbitration is not None and c.grievance.invoked is not None
            and (c.is_open or not open_only)]
    return sorted(rows, key=lambda r: (r[2], r[0]))


@dataclass(frozen=True)
class Rotation:
    """The panel after designating every recorded invocation in turn (§1.c): the designation each case gets in
    rotation, the arbitrator the log records for it, and who is next on each roster."""

    panel: Any
    designations: tuple[Any, ...]
    recorded: dict[str, str]

    def next_arbitrator(self, roster: str, on: Any = None) -> str:
        return self.panel.next_arbitrator(roster, on)

    def mismatches(self) -> list[tuple[str, str, str]]:
        """(case id, designated in rotation, recorded) where the log names another arbitrator."""
        return [(d.case_id, d.arbitrator, self.recorded[d.case_id]) for d in self.designations
                if self.recorded.get(d.case_id) and self.recorded[d.case_id].casefold() != d.arbitrator.casefold()]

    def to_dict(self, on: Any = None) -> dict[str, Any]:
        return {"next": {r: self.panel.next_arbitrator(r, on) for r in ("regular", "expedited")},
                "designations": [{"case_id": d.case_id, "kind": d.kind, "roster": d.roster, "arbitrator": d.arbitrator,
                                  "received": d.received.isoformat(), "position": d.position, "cite": d.cite,
                                  "recorded": self.recorded.get(d.case_id) or None} for d in self.designations],
                "mismatches": [{"case_id": c, "rotation": a, "recorded": b} for c, a, b in self.mismatches()]}


def rotation(cases: list[Case], names: list[str], effective: Any, contract: Any) -> Rotation:
    """Designate the log's invocations in order of receipt on a panel of `names` (Art. 44 §1.a, §1.c)."""
    from ..arbitration.panel import make_panel

    panel = make_panel(names, effective, contract)
    out = []
    for case_id, kind, day in invocations(cases):
        panel, d = panel.designate(case_id, kind, day)
        out.append(d)
    recorded = {c.case_id: c.arbitration.arbitrator for c in cases if c.arbitration is not None}
    return Rotation(panel, tuple(out), recorded)


def open_caseload(cases: list[Case]) -> Any:
    """The open arbitration cases not yet heard, as the simulator's Invocations (lmcore.arbitration.invocations_from)."""
    from ..arbitration.caseload import invocations_from

    heard = {c.case_id for c in cases if c.grievance is not None and (c.grievance.award is not None)}
    return invocations_from([r for r in invocations(cases, open_only=True) if r[0] not in heard])
