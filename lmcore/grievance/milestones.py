"""Milestones and timelines (Art. 43): who must act by when, under which rule, with the status
of each step and what a miss means — the values the timeline engine returns."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..contract.readings import Choice, Flaw
from ..deadlines import Deadline, fmt_day
from ..errors import InvalidInput
from ..safe_date import SafeDate
from .record import Grievance

STATUSES = ("done_on_time", "done_late", "premature", "open", "missed", "projected")
# premature: the filer acted before the contract allows it (before the decision it answers was received or overdue,
# §7.b(1), §10; before the resolution period ran out, §8.b, §8.c(2)(c), §9).


@dataclass(frozen=True)
class Milestone:
    """One step of a grievance: who must act by when (with the counting), under which rule, and its status."""

    name: str
    label: str
    actor: str
    side: str
    due: dt.date | None
    cite: str
    status: str
    consequence: str
    consequence_cite: str
    deadline: Deadline | None
    done_on: dt.date | None = None
    start: dt.date | None = None
    counts_from: str = ""
    notes: tuple[str, ...] = ()
    flaws: tuple[Flaw, ...] = ()
    interpretations: tuple[Choice, ...] = ()
    safe: SafeDate | None = None  # the date under every reading that decides it (timeline(..., safe=True))

    @property
    def safe_due(self) -> dt.date | None:
        """The date that is on time whichever reading is taken (the due date when not worked out)."""
        return self.safe.safe_due if self.safe is not None else self.due

    @property
    def is_open(self) -> bool:
        """Still to be done (open or projected)."""
        return self.status in ("open", "projected")

    @property
    def consequence_applies(self) -> bool:
        """The consequence is in play: the step was missed, done late or taken too early."""
        return self.status in ("missed", "done_late", "premature")

    @property
    def depends_on(self) -> tuple[str, ...]:
        """The ids of the readings that decide this milestone (its date or who acts)."""
        return tuple(c.id for c in self.interpretations)

    def explain(self, words: bool = False) -> str:
        """The milestone in words: due date and counting, status, and the consequence of a miss (`words`: the form
        for pages, readings named by their labels; the CLI and JSON keep the ids)."""
        lines = [f"{self.label} — {self.actor}."]
        if self.deadline is not None:
            lines.append(self.deadline.explain(words))
        else:
            lines.append(f"No fixed date ({self.cite}).")
        if self.counts_from:
            lines.append(f"Counted {self.counts_from}.")
        lines.append(f"Status: {self.status.replace('_', ' ')}" + (f" (done {fmt_day(self.done_on)})" if self.done_on else "") + ".")
        lines += list(self.notes)
        lines.append(f"{'Consequence' if self.consequence_applies else 'If missed'}: {self.consequence} ({self.consequence_cite})")
        lines += [str(f) for f in self.flaws]
        shown = {c.id for c in (self.deadline.interpretations if self.deadline else ())}
        lines += [f"Reading used: {c.words() if words else c}" for c in self.interpretations if c.id not in shown]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "label": self.label, "actor": self.actor, "side": self.side,
            "due": self.due.isoformat() if self.due else None, "cite": self.cite, "status": self.status,
            "done_on": self.done_on.isoformat() if self.done_on else None,
            "start": self.start.isoformat() if self.start else None, "counts_from": self.counts_from,
            "consequence": self.consequence, "consequence_cite": self.consequence_cite,
            "consequence_applies": self.consequence_applies, "notes": list(self.notes), "depends_on": list(self.depends_on),
            "flaws": [str(f) for f in self.flaws], "interpretations": [c.to_dict() for c in self.interpretations],
            "explanation": self.explain(), "deadline": self.deadline.to_dict() if self.deadline else None,
            **(self.safe.to_dict() if self.safe is not None else {}),
        }


@dataclass(frozen=True)
class Timeline:
    """All milestones of one grievance as of a date, with notes (termination, waivers) and the readings used."""

    grievance: Grievance
    as_of: dt.date
    milestones: tuple[Milestone, ...]
    notes: tuple[str, ...] = ()
    interpretations: tuple[Choice, ...] = ()
    stay: str | None = None  # removal-stay path: "granted", "open" (can still be had) or "lost" (grieved late, §14.a)

    @property
    def names(self) -> list[str]:
        return [m.name for m in self.milestones]

    def milestone(self, name: str) -> Milestone:
        for m in self.milestones:
            if m.name == name:
                return m
        raise InvalidInput(f"no milestone '{name}' on the {self.grievance.path} path", cite="Art. 43",
                           fix=f"Milestones: {', '.join(self.names)}")

    @property
    def at_hand(self) -> Milestone:
        """The step to act on now: where the grievance ended (§12), else the first open step, else the first
        projected one, else the last."""
        for pick in (lambda m: m is self.terminated, lambda m: m.status == "open", lambda m: m.status == "projected"):
            found = next((m for m in self.milestones if pick(m)), None)
            if found is not None:
                return found
        return self.milestones[-1]

    @property
    def terminated(self) -> Milestone | None:
        """The first filer-side deadline missed: the grievance ended there (Art. 43 §12)."""
        return ended_at(self.milestones)

    @property
    def untimely(self) -> Milestone | None:
        """The first filer-side step missed or done late: under Art. 43 §12 the grievance terminates there, unless the
        time limit was extended in writing (§13.a) or the late step is accepted (timeliness not raised, §11)."""
        return next((m for m in self.milestones if m.status in ("missed", "done_late") and m.consequence_cite == "Art. 43 §12"),
                    None)

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.grievance.path, "as_of": self.as_of.isoformat(), "stay": self.stay,
                "milestones": [m.to_dict() for m in self.milestones], "notes": list(self.notes),
                "interpretations": [c.to_dict() for c in self.interpretations]}


def ended_at(milestones: Any) -> Milestone | None:
    """The first missed deadline whose consequence is the end of the grievance (Art. 43 §12)."""
    return next((m for m in milestones if m.status == "missed" and m.consequence_cite == "Art. 43 §12"), None)
