"""Checks on a grievance record before its timeline is computed: every bad date names its step and rule."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..errors import InvalidDate, InvalidInput, OutOfRange
from .steps import StepSpec

if TYPE_CHECKING:
    from .record import Grievance

_NOT_EXTENDABLE = {"stay_ends": "Art. 43 §14.a", "arbitration_hearing": "Art. 44 §3"}
# Why a recorded step cannot come before the one its count hangs on.
_WHY = {
    "filed": "a grievance is filed once the violation is known (or, for a stay, the removal decision received)",
    "step1_meeting": "the Step 1 meeting is held after the grievance is filed",
    "step1_decision": "the decision is given at the end of the meeting or in writing after it",
    "step2_appeal": "the appeal to Step 2 follows the Step 1 decision (or its due date)",
    "step2_meeting": "the Step 2 meeting is held after the grievance reaches Step 2",
    "step2_decision": "the written decision comes at or after the Step 2 meeting",
    "invoked": "arbitration is invoked after the step before it",
    "resolved": "a grievance is resolved after it is filed",
    "hearing": "the hearing is held after arbitration is invoked",
    "award": "the award comes after the grievance is filed",
}


def _words(name: str) -> tuple[str, str]:
    from .record import DATE_FIELDS

    return DATE_FIELDS[name]


def check(g: Grievance, specs: list[StepSpec], as_of: dt.date) -> None:
    """Raise a clear error for a date that does not belong to the path, lies after "as of", or is out of order."""
    recorded = g.recorded()
    _belongs(g, specs, recorded)
    _not_after_as_of(g, recorded, as_of)
    _predecessors(specs, recorded)
    _order(g, specs, recorded)
    _extensions(g, specs)


def _belongs(g: Grievance, specs: list[StepSpec], recorded: dict[str, dt.date]) -> None:
    used = {"learned"}
    for s in specs:
        used |= {x for x in (s.done, s.anchor.clock) if x}
        if s.anchor.kind in ("event", "recorded"):
            used.add(s.anchor.of)
        if s.anchor.kind == "reply" and s.anchor.of in ("step1_decision", "step2_decision"):
            used.add(f"step{s.anchor.of[4]}_oelmr_notice")
    for name in recorded:
        if name in used:
            continue
        words, cite = _words(name)
        if name in ("hearing", "arbitrability_notice") and g.invoked is None:
            raise InvalidInput(f"the {words} is given but not the date arbitration was invoked", cite=cite,
                               fix="Add the invocation date", field=name)
        raise InvalidInput(f"the {words} does not apply to the {g.path} path"
                           + (" with the waivers given" if g.waivers else ""), cite=cite,
                           fix="Leave it out, or choose the path it belongs to", field=name)


def _not_after_as_of(g: Grievance, recorded: dict[str, dt.date], as_of: dt.date) -> None:
    for name, day in recorded.items():
        if name != "hearing" and day > as_of:
            words, cite = _words(name)
            raise InvalidDate(f"the {words} ({day}) is after the 'as of' date ({as_of}): a step cannot be marked as "
                              "done before it happens", cite=cite,
                              fix="Correct the date, or set 'as of' to a later day", field=name)
    for w in g.waivers:
        if w.agreed_on and w.agreed_on > as_of:
            raise InvalidDate(f"the written waiver of {w.step} ({w.agreed_on}) is after the 'as of' date ({as_of})",
                              cite="Art. 43 §13.b", fix="Correct the date of the waiver", field="waivers")
    for e in g.extensions:
        if e.agreed_on and e.agreed_on > as_of:
            raise InvalidDate(f"the written extension of {e.milestone} ({e.agreed_on}) is after the 'as of' date "
                              f"({as_of})", cite="Art. 43 §13.a", fix="Correct the date of the agreement", field="extensions")


def _predecessors(specs: list[StepSpec], recorded: dict[str, dt.date]) -> None:
    """A later step recorded means every earlier filing, appeal or invocation happened: its date is needed."""
    for i, s in enumerate(specs):
        if not (s.done and s.done in recorded):
            continue
        for p in specs[:i]:
            if p.side == "filer" and p.done and p.done not in recorded:
                words, _ = _words(s.done)
                pwords, _ = _words(p.done)
                raise InvalidInput(f"the {words} is given but not the {pwords}", cite=p.cite,
                                   fix=f"Add the {pwords}", field=p.done)
    for extra, needs in (("form_completed", "filed"), ("step2_form_completed", "step2_appeal"),
                         ("consolidated", "filed"), ("step1_oelmr_notice", "filed"), ("step2_oelmr_notice", "filed")):
        if extra in recorded and needs not in recorded:
            words, cite = _words(extra)
            raise InvalidInput(f"the {words} is given but not the {_words(needs)[0]}", cite=cite,
                               fix=f"Add the {_words(needs)[0]}", field=needs)


def _previous(spec: StepSpec, by_name: dict[str, StepSpec], recorded: dict[str, dt.date],
              first: StepSpec) -> tuple[str, dt.date] | None:
    """The latest recorded date this step's count hangs on (walking back through steps not recorded)."""
    a = spec.anchor
    if a.kind == "event":
        name = a.of if a.of in recorded else "learned"
        return (name, recorded[name]) if name in recorded else None
    if a.kind == "recorded" and a.of in recorded:
        return a.of, recorded[a.of]
    pred = first if a.kind == "recorded" else by_name[a.of]
    if pred.done and pred.done in recorded:
        return pred.done, recorded[pred.done]
    return _previous(pred, by_name, recorded, first)


def _previous_filer(spec: StepSpec, specs: list[StepSpec], recorded: dict[str, dt.date]) -> tuple[str, dt.date] | None:
    """The latest recorded filing or appeal before this step (or the learned date)."""
    earlier = specs[: specs.index(spec)]
    for s in reversed(earlier):
        if s.side == "filer" and s.done and s.done in recorded:
            return s.done, recorded[s.done]
    return ("learned", recorded["learned"]) if "learned" in recorded else None


def _order(g: Grievance, specs: list[StepSpec], recorded: dict[str, dt.date]) -> None:
    by_name = {s.name: s for s in specs}

    def before(name: str, prev: str, cite: str, why: str) -> None:
        if name in recorded and prev in recorded and recorded[name] < recorded[prev]:
            words, prev_words = _words(name)[0], _words(prev)[0]
            raise InvalidDate(f"the {words} ({recorded[name]}) is before the {prev_words} ({recorded[prev]}): {why}",
                              cite=cite, fix=f"Check the {words}", field=name)

    for s in specs:
        if s.done not in _WHY or s.done not in recorded:
            continue
        if s.side == "filer" and s.anchor.kind == "reply":
            # an appeal or invocation before the decision it answers is premature (judged by the timeline, §7.b(1),
            # §10), not a typing mistake: it only has to follow the filer's own step before it
            p = _previous_filer(s, specs, recorded)
        else:
            p = _previous(s, by_name, recorded, specs[0])
        if p is not None:
            before(s.done, p[0], s.cite, _WHY[s.done])
    before("learned", "occurred", "Art. 43 §8.b(3)", "a violation is learned of when or after it occurs")
    before("form_completed", "filed", "Art. 43 §6.b", "the completed form comes back after the first filing")
    before("step2_form_completed", "step2_appeal", "Art. 43 §6.b", "the completed form comes back after the appeal")
    before("consolidated", "filed", "Art. 43 §8.c(2)", "grievances are consolidated after they are filed")
    for n in ("1", "2"):
        notice = f"step{n}_oelmr_notice"
        before(notice, "filed", _words(notice)[1], "OELMR is notified about a grievance already filed")
        before(f"step{n}_decision", notice, _words(notice)[1],
               "OELMR is notified only when no decision has come; a decision already received cannot be late")


def _extensions(g: Grievance, specs: list[StepSpec]) -> None:
    names = [s.name for s in specs]
    for e in g.extensions:
        if e.milestone in _NOT_EXTENDABLE:
            raise InvalidInput(f"'{e.milestone}' is not a time limit of Article 43 that the parties can extend",
                               cite=_NOT_EXTENDABLE[e.milestone], fix="Extend a grievance step instead")
        if e.milestone not in names:
            raise InvalidInput(f"no milestone '{e.milestone}' on the {g.path} path to extend", cite="Art. 43 §13.a",
                               fix=f"Choose one of: {', '.join(n for n in names if n not in _NOT_EXTENDABLE)}")
        if (e.workdays is None) == (e.until is None):
            raise InvalidInput(f"an extension of {e.milestone} needs either more workdays or a new due date",
                               cite="Art. 43 §13.a", fix="Give NAME=+N (workdays) or NAME=YYYY-MM-DD")
        if e.workdays is not None and e.workdays < 1:
            raise OutOfRange(f"an extension of {e.milestone} must add at least one workday, not {e.workdays}",
                             cite="Art. 43 §13.a", fix="Give the number of workdays agreed, or the new date")
