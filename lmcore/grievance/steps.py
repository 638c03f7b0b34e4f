"""The steps of each grievance path (Art. 43 §7–§10, §14): what must happen, by whom, counted from what.

A path is a list of `StepSpec`s; the timeline engine (lmcore.grievance) and the bulk mode
(lmcore.grievance.bulk) both read these specs, so the two can never disagree about the rules.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..errors import InvalidInput

if TYPE_CHECKING:
    from ..contract.book import Contract

PATHS = ("employee", "merit-staffing", "union-institutional", "department", "removal-stay")
CONSOLIDATIONS = ("single-supervisor", "single-agency", "multi-agency")
Side = Literal["filer", "responder", "period", "either"]
AnchorKind = Literal["event", "after", "recorded", "decision", "reply", "end", "months", "arbitrability"]


@dataclass(frozen=True)
class Anchor:
    """What a step's time limit counts from.

    event: a date the user gives (learned, occurred); after: the previous step once done, else its due date;
    recorded: a date the user gives, else projected from a step; decision: the meeting (§7.a(3), §7.b(4));
    reply: a decision's receipt or, with no timely decision, when it was due (§7.b(1), §10);
    end: the end of a resolution period (§8.b, §9); months: a stay of N months (§14.a);
    arbitrability: after invocation and before the hearing (§11).
    """

    kind: AnchorKind
    of: str
    clock: str | None = None  # record field that starts the response clock instead (§6.b completed form)
    waiver: str | None = None  # "step1"/"step2": not before the date of that written waiver (§13.b)


@dataclass(frozen=True)
class StepSpec:
    """One milestone of a path: its name, the time-limit parameter, who acts, and what a miss means."""

    name: str
    key: str
    label: str
    actor: str
    side: Side
    done: str | None
    anchor: Anchor
    consequence: str
    consequence_cite: str
    key_no_decision: str | None = None  # reply anchors: the parameter used when no timely decision came

    @property
    def cite(self) -> str:
        return _CITES[self.key]


# Citations of the parameters used here (checked against parameters.yaml by the tests).
_CITES = {
    "grievance.step1_filing": "Art. 43 §7.a(1)",
    "grievance.step1_meeting": "Art. 43 §7.a(3)",
    "grievance.step1_decision": "Art. 43 §7.a(3)",
    "grievance.step1_oelmr_decision": "Art. 43 §7.a(5)",
    "grievance.step2_appeal": "Art. 43 §7.b(1)",
    "grievance.step2_appeal_no_decision": "Art. 43 §7.b(1)",
    "grievance.merit_staffing_filing": "Art. 43 §7.b(2)",
    "grievance.step2_meeting": "Art. 43 §7.b(4)",
    "grievance.step2_decision": "Art. 43 §7.b(4)",
    "grievance.step2_oelmr_decision": "Art. 43 §7.b(4)",
    "grievance.institutional_filing": "Art. 43 §8.b(3)",
    "grievance.institutional_resolution": "Art. 43 §8.b(1)",
    "grievance.institutional_invocation": "Art. 43 §8.b(1)",
    "grievance.institutional_single_agency_resolution": "Art. 43 §8.b(2)",
    "grievance.institutional_single_agency_invocation": "Art. 43 §8.b(2)",
    "grievance.consolidated_resolution": "Art. 43 §8.c(2)(c)",
    "grievance.consolidated_invocation": "Art. 43 §8.c(2)(c)",
    "grievance.department_filing": "Art. 43 §9",
    "grievance.department_resolution": "Art. 43 §9",
    "grievance.department_invocation": "Art. 43 §9",
    "grievance.arbitration_invocation": "Art. 43 §10",
    "grievance.arbitrability_notice_after_invocation": "Art. 43 §11",
    "grievance.removal_stay_filing": "Art. 43 §14.a",
    "grievance.removal_stay_duration": "Art. 43 §14.a",
    "arbitration.hearing_regular": "Art. 44 §3.c",
    "arbitration.hearing_stayed": "Art. 44 §3.d",
    "arbitration.hearing_expedited": "Art. 44 §3.e",
}

# Consequences name their time limits as {group.key}: `render` puts in the contract's own number and unit.
TERMINATION = ("The grievance ends for failure to proceed to the next step in a timely fashion, unless the parties "
               "extended the time limit by mutual written agreement (§13.a).", "Art. 43 §12")
_STEP1_LATE = ("No timely Step 1 decision: the grievant or Union may appeal to Step 2 ({grievance.step2_appeal_no_decision} "
               "after the reply was due, §7.b(1)), or the Union may notify OELMR, which will ensure a decision within "
               "{grievance.step1_oelmr_decision}.", "Art. 43 §7.a(5)")
_STEP1_NO_MEETING = ("No meeting in time: the decision is still due; if none comes in time, the grievant or Union may "
                     "appeal to Step 2 or the Union may notify OELMR.", "Art. 43 §7.a(5)")
_STEP2_LATE = ("No timely Step 2 decision: the Union may invoke arbitration ({grievance.arbitration_invocation}, §10), or "
               "notify OELMR, which will ensure a decision within {grievance.step2_oelmr_decision}.", "Art. 43 §7.b(4)")
_STEP2_NO_MEETING = ("No meeting in time: the written decision is still due; if none comes in time, the Union may "
                     "invoke arbitration or notify OELMR.", "Art. 43 §7.b(4)")
_OELMR1_LATE = ("OELMR did not get a decision issued in {grievance.step1_oelmr_decision}: the grievant or Union may still "
                "appeal to Step 2, counting from when that decision was due.", "Art. 43 §7.b(1)")
_OELMR2_LATE = ("OELMR did not get a decision issued in {grievance.step2_oelmr_decision}: the Union may still invoke "
                "arbitration, counting from when that decision was due.", "Art. 43 §10")
_HEARING = ("The contract names no consequence; OELMR and Local 12 review invoked cases and assign hearing dates at "
            "their monthly meeting.", "Art. 44 §3.b")
_ARBITRABILITY = ("Too late to raise grievability or arbitrability at the arbitration.", "Art. 43 §11")
_STAY_ENDS = ("The stay ends ({grievance.removal_stay_duration} or the arbitrator's award, whichever comes first); the "
              "removal can then take effect.", "Art. 43 §14.a")
_STAY_FILING = ("Filed after {grievance.removal_stay_filing}: no stay of the removal, Step 1 is not waived under §14.a and a "
                "hearing is due within the regular limit (Art. 44 §3.c); a grievance filed within "
                "{grievance.step1_filing} of learning of the decision (§7.a(1)) goes ahead without the stay.",
                "Art. 43 §14.a")

_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*\.[a-z][a-z0-9_]*)\}")


def amount(contract: Contract, key: str) -> str:
    """A parameter as words: "10 workdays", "3 months", "1" (a count)."""
    return contract.amount(key)


def render(text: str, contract: Contract) -> str:
    """Put the contract's own numbers into a message: "{grievance.step1_filing}" → "20 workdays"."""
    return _PLACEHOLDER.sub(lambda m: amount(contract, m.group(1)), text)


def _resolution(who: str, cite: str, resolution: str, invocation: str) -> tuple[str, str]:
    return (f"Not resolved in {{{resolution}}}: {who} may invoke arbitration within the next {{{invocation}}}.", cite)


def _step1(filing_actor: str = "Grievant or Union", official: str = "Supervisor") -> list[StepSpec]:
    return [
        StepSpec("step1_filing", "grievance.step1_filing", "File the grievance at Step 1", filing_actor, "filer",
                 "filed", Anchor("event", "learned"), *TERMINATION),
        StepSpec("step1_meeting", "grievance.step1_meeting", "Step 1 meeting",
                 f"{official}, grievant and Union steward (arranged with the steward)", "responder", "step1_meeting",
                 Anchor("after", "step1_filing", clock="form_completed"), *_STEP1_NO_MEETING),
        StepSpec("step1_decision", "grievance.step1_decision", "Step 1 decision (orally at the meeting or in writing)",
                 official, "responder", "step1_decision", Anchor("decision", "step1_meeting"), *_STEP1_LATE),
    ]


def _step2(after: str, clock: str, waiver: str | None = None) -> list[StepSpec]:
    official = "Agency official (senior career program official)"
    return [
        StepSpec("step2_meeting", "grievance.step2_meeting", "Step 2 meeting", f"{official}, grievant and Union",
                 "responder", "step2_meeting", Anchor("after", after, clock=clock, waiver=waiver), *_STEP2_NO_MEETING),
        StepSpec("step2_decision", "grievance.step2_decision", "Step 2 written decision", official, "responder",
                 "step2_decision", Anchor("decision", "step2_meeting"), *_STEP2_LATE),
    ]


def _invocation(anchor: Anchor, key: str = "grievance.arbitration_invocation", actor: str = "Union (notice to the "
                "Director of OELMR)") -> StepSpec:
    return StepSpec("arbitration_invocation", key, "Invoke arbitration", actor, "filer", "invoked", anchor,
                    *TERMINATION, key_no_decision=key)


def _employee(waived: set[str], consolidation: str | None) -> list[StepSpec]:
    official = {"single-agency": "Agency Administrative Officer (consolidated Step 1)"}.get(consolidation or "", "Supervisor")
    if consolidation == "multi-agency":
        first = _step1()[0]
        return [first,
                StepSpec("consolidated_resolution", "grievance.consolidated_resolution",
                         "Consolidated grievance at Step 2 with OELMR: time to resolve", "OELMR", "period", "resolved",
                         Anchor("recorded", "consolidated"),
                         *_resolution("Local 12", "Art. 43 §8.c(2)(c)", "grievance.consolidated_resolution",
                                      "grievance.consolidated_invocation")),
                _invocation(Anchor("end", "consolidated_resolution"), "grievance.consolidated_invocation",
                            "Local 12 (notice to the Director of OELMR)")]
    if waived >= {"step1", "step2"}:
        filing = StepSpec("filing", "grievance.step1_filing", "File the grievance (Steps 1 and 2 waived)",
                          "Grievant or Union", "filer", "filed", Anchor("event", "learned"), *TERMINATION)
        return [filing, _invocation(Anchor("after", "filing", waiver="step2"))]
    if "step1" in waived:
        filing = StepSpec("step2_filing", "grievance.step1_filing", "File the grievance (Step 1 waived: at Step 2)",
                          "Grievant or Union", "filer", "filed", Anchor("event", "learned"), *TERMINATION)
        return [filing, *_step2("step2_filing", "form_completed", waiver="step1"),
                _invocation(Anchor("reply", "step2_decision"))]
    steps = _step1(official=official)
    if "step2" in waived:
        return [*steps, _invocation(Anchor("reply", "step1_decision", waiver="step2"))]
    appeal = StepSpec("step2_appeal", "grievance.step2_appeal", "Appeal to Step 2", "Grievant or Union", "filer",
                      "step2_appeal", Anchor("reply", "step1_decision"), *TERMINATION,
                      key_no_decision="grievance.step2_appeal_no_decision")
    return [*steps, appeal, *_step2("step2_appeal", "step2_form_completed"),
            _invocation(Anchor("reply", "step2_decision"))]


def _merit_staffing(waived: set[str]) -> list[StepSpec]:
    filing = StepSpec("step2_filing", "grievance.merit_staffing_filing",
                      "File the merit staffing grievance at Step 2 (with the servicing HR Officer)",
                      "Grievant or Union", "filer", "filed", Anchor("event", "learned"), *TERMINATION)
    if "step2" in waived:
        return [filing, _invocation(Anchor("after", "step2_filing", waiver="step2"))]
    return [filing, *_step2("step2_filing", "form_completed"), _invocation(Anchor("reply", "step2_decision"))]


def _institutional(agencies: str) -> list[StepSpec]:
    single = agencies == "single"
    sfx = "_single_agency" if single else ""
    official = "Administrative Officer" if single else "OELMR"
    cite = "Art. 43 §8.b(2)" if single else "Art. 43 §8.b(1)"
    return [
        StepSpec("institutional_filing", "grievance.institutional_filing",
                 f"File the Union institutional grievance at Step 2 (with the {official})", "Local 12", "filer",
                 "filed", Anchor("event", "occurred"), *TERMINATION),
        StepSpec("institutional_resolution", f"grievance.institutional{sfx}_resolution",
                 "Institutional grievance: time to resolve", official, "period", "resolved",
                 Anchor("after", "institutional_filing", clock="form_completed"),
                 *_resolution("Local 12", cite, f"grievance.institutional{sfx}_resolution",
                              f"grievance.institutional{sfx}_invocation")),
        _invocation(Anchor("end", "institutional_resolution"), f"grievance.institutional{sfx}_invocation",
                    "Local 12 (notice to the Director of OELMR)"),
    ]


def _department() -> list[StepSpec]:
    return [
        StepSpec("department_filing", "grievance.department_filing",
                 "Department files its grievance (with the Local 12 President)", "Director of OELMR", "filer", "filed",
                 Anchor("event", "learned"), *TERMINATION),
        StepSpec("department_resolution", "grievance.department_resolution", "Department grievance: time to resolve",
                 "Local 12 President and OELMR", "period", "resolved",
                 Anchor("after", "department_filing", clock="form_completed"),
                 *_resolution("the Department", "Art. 43 §9", "grievance.department_resolution",
                              "grievance.department_invocation")),
        _invocation(Anchor("end", "department_resolution"), "grievance.department_invocation",
                    "Department (Director of OELMR)"),
    ]


STAY_FILING = "stay_filing"


def _removal_stay(waived: set[str], stay: bool, invoked: bool, expedited: bool) -> list[StepSpec]:
    filing = StepSpec(STAY_FILING, "grievance.removal_stay_filing",
                      "Grieve the removal decision to get a stay (Step 1 waived: at Step 2)", "Employee or Union", "filer",
                      "filed", Anchor("event", "learned"), *_STAY_FILING)
    if not stay:  # filed late (or not at all in time): no stay, no §14.a waiver; an ordinary grievance (§14.a, §7)
        return [filing, *_employee(waived, None), *(arbitration_steps(False, expedited) if invoked else [])]
    if "step2" in waived:
        steps = [filing, _invocation(Anchor("after", "stay_filing", waiver="step2"))]
    else:
        steps = [filing, *_step2("stay_filing", "form_completed"), _invocation(Anchor("reply", "step2_decision"))]
    stay = StepSpec("stay_ends", "grievance.removal_stay_duration", "Removal stay ends unless the award came first",
                    "Arbitrator (award) / Department (stay)", "period", "award", Anchor("months", "stay_filing"),
                    *_STAY_ENDS)
    return [*steps, *arbitration_steps(stayed=True, expedited=False), stay]


def arbitration_steps(stayed: bool, expedited: bool) -> list[StepSpec]:
    """After invocation: the hearing limit (Art. 44 §3.c–§3.e) and the arbitrability notice (Art. 43 §11)."""
    key = "arbitration.hearing_stayed" if stayed else "arbitration.hearing_expedited" if expedited else "arbitration.hearing_regular"
    return [
        StepSpec("arbitrability_notice", "grievance.arbitrability_notice_after_invocation",
                 "Raise grievability/arbitrability (if at all)", "Either party", "either", "arbitrability_notice",
                 Anchor("arbitrability", "arbitration_invocation"), *_ARBITRABILITY),
        StepSpec("arbitration_hearing", key, "Arbitration hearing held", "OELMR and Local 12 (with the arbitrator)",
                 "responder", "hearing", Anchor("after", "arbitration_invocation"), *_HEARING),
    ]


def oelmr_step(decision: str) -> StepSpec:
    """The decision OELMR ensures within 3 workdays of the Union's notice of a late decision (§7.a(5), §7.b(4))."""
    n = decision[4]  # "step1_decision" -> "1"
    return StepSpec(f"step{n}_oelmr_decision", f"grievance.step{n}_oelmr_decision",
                    f"Late Step {n} decision: OELMR ensures a decision", "OELMR", "responder", decision,
                    Anchor("event", f"step{n}_oelmr_notice"), *(_OELMR1_LATE if n == "1" else _OELMR2_LATE))


def path_steps(path: str, *, waived: frozenset[str] | set[str] = frozenset(), consolidation: str | None = None,
               agencies: str = "single", invoked: bool = False, expedited: bool = False, stay: bool = True) -> list[StepSpec]:
    """The milestones of a path in order, with waivers (§13.b) applied; the arbitration steps once invoked.
    `stay=False`: a removal grieved too late for a stay (§14.a), which proceeds as an ordinary grievance."""
    if path not in PATHS:
        raise InvalidInput(f"unknown grievance path '{path}'", cite="Art. 43 §7", fix=f"Choose one of: {', '.join(PATHS)}")
    if consolidation is not None and consolidation not in CONSOLIDATIONS:
        raise InvalidInput(f"unknown consolidation '{consolidation}'", cite="Art. 43 §8.c(2)",
                           fix=f"Choose one of: {', '.join(CONSOLIDATIONS)}")
    if agencies not in ("single", "multiple"):
        raise InvalidInput(f"agencies must be 'single' or 'multiple', not '{agencies}'", cite="Art. 43 §8.b",
                           fix="Say whether the matter involves one DOL Agency or more")
    waived = set(waived)
    if consolidation and path != "employee":
        raise InvalidInput(f"consolidation applies to Union-filed employee grievances, not the {path} path",
                           cite="Art. 43 §8.c(2)", fix="Use --path employee, or leave out the consolidation")
    if waived and path in ("union-institutional", "department"):
        raise InvalidInput(f"the {path} path has no Step 1 or Step 2 to waive", cite="Art. 43 §13.b",
                           fix="Leave out the waiver")
    if "step1" in waived and path in ("merit-staffing", "removal-stay"):
        cite = "Art. 43 §7.a(2)" if path == "merit-staffing" else "Art. 43 §14.a"
        raise InvalidInput(f"Step 1 is already waived on the {path} path", cite=cite, fix="Leave out the Step 1 waiver")
    if waived - {"step1", "step2"}:
        raise InvalidInput(f"only Step 1 or Step 2 can be waived, not {', '.join(sorted(waived - {'step1', 'step2'}))}",
                           cite="Art. 43 §13.b", fix="Waive step1 or step2")
    if waived and consolidation == "multi-agency":
        raise InvalidInput("a consolidated multi-Agency grievance already goes to Step 2 with OELMR and then to "
                           "arbitration; there is no step to waive", cite="Art. 43 §8.c(2)(c)", fix="Leave out the waiver")
    if path == "employee":
        steps = _employee(waived, consolidation)
    elif path == "merit-staffing":
        steps = _merit_staffing(waived)
    elif path == "union-institutional":
        steps = _institutional(agencies)
    elif path == "department":
        steps = _department()
    else:
        return _removal_stay(waived, stay, invoked, expedited)
    return steps + (arbitration_steps(stayed=False, expedited=expedited) if invoked else [])
