"""Timeliness of the grievant's own steps (Art. 43 §10–§12, §14.a): a step taken too early is premature, one taken
too late carries the §12 consequence, and a removal grieved too late has no stay — each said in words."""
from __future__ import annotations

import datetime as dt
from typing import Any

from ..deadlines import fmt_day
from .steps import STAY_FILING, StepSpec, amount

_TERMINATION_CITE = "Art. 43 §12"


class Timeliness:
    """Judges each step the filer took against the window the contract opens for it, and keeps what it found."""

    def __init__(self, engine: Any):
        self.e = engine  # the timeline Engine walking the steps (its record, contract, milestones so far)
        self.flagged: list[tuple[str, StepSpec, dt.date, dt.date | None]] = []  # (kind, step, done, due)

    def judge(self, spec: StepSpec, status: str, done: dt.date | None, due: dt.date | None, notes: list[str]) -> str:
        """The status to show, with the notes that say what follows from it."""
        later = [f for f in self.flagged if f[1].name != spec.name]
        if done is not None and spec.side == "filer" and (early := self._premature(spec, done, due)):
            notes.append(early)
            self.flagged.append(("premature", spec, done, due))
            status = "premature"
        elif status == "done_late" and spec.side == "filer" and done is not None and due is not None:
            notes.append(self._late(spec, done, due))
            if spec.consequence_cite == _TERMINATION_CITE:
                self.flagged.append(("late", spec, done, due))
        if later:
            kind, first, day, _ = later[0]
            what = "done late" if kind == "late" else "premature"
            notes.append(f"This date holds only if the step \"{first.label}\" ({what}, {fmt_day(day)}) is accepted "
                         "(Art. 43 §11, §12).")
        return status

    def timeline_notes(self) -> list[str]:
        """The notes a timeline opens with: each premature or late step of the filer, and what follows."""
        out = []
        for kind, spec, done, due in self.flagged:
            if kind == "premature":
                out.append(f"{spec.label}: done {fmt_day(done)}, premature (see that step). The dates counted from it "
                           "hold only if it is accepted; taken again within its window, the counts restart from then.")
            else:
                out.append(f"{spec.label} was done late ({fmt_day(done)}; the last day was {fmt_day(due)}): under "  # type: ignore[arg-type]
                           "Art. 43 §12 the grievance terminates for failure to proceed in a timely fashion unless the "
                           f"time limit was extended in writing (§13.a), and {self._other()} may raise timeliness (§11). "
                           "The later dates hold only if the late step is accepted.")
        return out

    def stay_note(self) -> str:
        """What the removal-stay path means for this grievance: the stay and its waiver of Step 1, or why there is none."""
        c, g = self.e.c, self.e.g
        if self.e.stay != "lost":
            note = (f"Stay of a removal under 5 U.S.C. 4303 or 7512 ({amount(c, 'grievance.removal_stay_service_years')} "
                    "or more of Federal service, not in the excepted service): Step 1 is waived and the grievance goes "
                    "to Step 2; Step 2 may also be waived if the Union represented the employee during the notice and "
                    "response period (Art. 43 §14.a, §14.b).")
            if self.e.stay == "open":
                note += f" Grieve within {amount(c, 'grievance.removal_stay_filing')} of receiving the decision to get the stay."
            return note
        due = self.e.ms[STAY_FILING].due
        when = f"on {fmt_day(g.filed)}, after" if g.filed else "not by"
        return (f"No stay: the removal decision was grieved {when} the last day for a stay, {fmt_day(due)} "  # type: ignore[arg-type]
                f"({amount(c, 'grievance.removal_stay_filing')} after its receipt). Art. 43 §14.a stays a removal only "
                "\"upon timely filing\", so there is no stay and Step 1 is not waived under §14.a: the grievance "
                f"proceeds as an ordinary grievance, filed at Step 1 within {amount(c, 'grievance.step1_filing')} of "
                f"learning of the decision (§7.a(1)); once arbitration is invoked, the hearing is due within "
                f"{amount(c, 'arbitration.hearing_regular')} (Art. 44 §3.c), not {amount(c, 'arbitration.hearing_stayed')} "
                "(§3.d).")

    # -- the two judgments ---------------------------------------------------------------------
    def _premature(self, spec: StepSpec, done: dt.date, due: dt.date | None) -> str | None:
        """A step taken before its window opened: before the decision it answers was received or overdue
        (§7.b(1), §10), or before the resolution period ran out (§8.b, §8.c(2)(c), §9)."""
        e, a = self.e, spec.anchor
        if a.kind == "reply":
            n = a.of[4]
            received = e.g.step1_decision if n == "1" else e.g.step2_decision
            dec = e.ms[a.of]
            if (received is not None and received <= done) or dec.due is None or done > dec.due:
                return None
            before = f"the Step {n} decision was received or overdue (it was due {fmt_day(dec.due)})"
            again = (f"once the decision is received, or from {fmt_day(e.c.calendar.add_workdays(dec.due, 1))} if none "
                     "comes in time")
            rule = e.c.param(spec.key)
        elif a.kind == "end":
            period = e.ms[a.of]
            if period.due is None or done > period.due:
                return None
            before = f"the time to resolve the matter ran out ({fmt_day(period.due)})"
            again = f"from {fmt_day(e.c.calendar.add_workdays(period.due, 1))} if the matter is still not resolved"
            rule = e.c.param(e.by_name[a.of].key)
        else:
            return None
        until = f", and no later than {fmt_day(due)}" if due else ""
        return (f"Premature: done {fmt_day(done)}, before {before}. {rule.cite}: \"{rule.quote}\" "
                f"{self._other().capitalize()} may object that it came too early (Art. 43 §11); to be safe, do it again "
                f"{again}{until}.")

    def _late(self, spec: StepSpec, done: dt.date, due: dt.date) -> str:
        """What a late step of the filer means: §12 (or, for a stay, §14.a)."""
        head = f"Done {fmt_day(done)}, after the last day ({fmt_day(due)})"
        if spec.consequence_cite != _TERMINATION_CITE:
            return head + ": the consequence below applies."
        head += ": "
        c = self.e.c
        return (head + "under Art. 43 §12 a grievance terminates for failure to proceed to the next step in a timely "
                "fashion, unless the time limit was extended by mutual written agreement (§13.a). "
                f"{self._other().capitalize()} may raise timeliness as a grievability issue; to raise it at arbitration, "
                f"no later than {amount(c, 'grievance.arbitrability_notice_after_invocation')} after invocation and at "
                f"least {amount(c, 'grievance.arbitrability_notice_before_hearing')} before the hearing (§11).")

    def _other(self) -> str:
        """The party that may object: the Union to a Department grievance (§9), management to any other."""
        return "the Union" if self.e.g.path == "department" else "management"
