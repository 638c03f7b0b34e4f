"""Which track an arbitration takes (Art. 44 §7): regular, expedited or stayed, and the roster
that hears it."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..errors import InvalidInput, OutOfRange

if TYPE_CHECKING:
    from ..contract.book import Contract
    from ..contract.readings import Flaw


KINDS = ("regular", "expedited", "stayed")


# A stayed removal is a regular (non-expedited) arbitration with a shorter hearing limit: regular roster.
ROSTER = {"regular": "regular", "stayed": "regular", "expedited": "expedited"}


HEARING_RULE = {
    "regular": "arbitration.hearing_regular",
    "stayed": "arbitration.hearing_stayed",
    "expedited": "arbitration.hearing_expedited",
}


STAY_FLAW = "art44_cites_section13_for_stays"


@dataclass(frozen=True)
class Subject:
    """What a grievance is about, and where §7 sends it: 'expedited' (§7.b), 'never' (§7.d) or 'other' (§7.c)."""

    id: str
    label: str
    cite: str
    route: str


SUBJECTS: dict[str, Subject] = {s.id: s for s in (
    Subject("counseling", "Written counseling, warning, reprimand or admonishment", "Art. 44 §7.b(1)", "expedited"),
    Subject("suspension_14_days_or_less", "Suspension of fourteen (14) days or less", "Art. 44 §7.b(1)", "expedited"),
    Subject("leave_restriction", "Leave restriction letter", "Art. 44 §7.b(2)", "expedited"),
    Subject("awol", "Absent Without Leave (AWOL) charge", "Art. 44 §7.b(3)", "expedited"),
    Subject("flexitime_removal", "Removal from flexitime", "Art. 44 §7.b(4)", "expedited"),
    Subject("appraisal_element_rating", "Performance appraisal: only element rating(s) challenged", "Art. 44 §7.b(5)", "expedited"),
    Subject("merit_staffing_certificate", "Merit staffing: sole issue is exclusion from the certificate of eligibles",
            "Art. 44 §7.b(6)", "expedited"),
    Subject("within_grade_denial", "Denial of a within-grade increase", "Art. 44 §7.b(7)", "expedited"),
    Subject("discrimination", "Allegation of discrimination (race, color, religion, sex, national origin, age, disability)",
            "Art. 44 §7.d(1)", "never"),
    Subject("prohibited_personnel_practice", "Allegation of a prohibited personnel practice (5 U.S.C. 2302(b))",
            "Art. 44 §7.d(2)", "never"),
    Subject("contract_interpretation", "A question of contract interpretation", "Art. 44 §7.d(3)", "never"),
    Subject("unfair_labor_practice", "A charge of an unfair labor practice", "Art. 44 §7.d(4)", "never"),
    Subject("suspension_over_14_days", "Suspension of more than fourteen (14) days", "Art. 44 §7.c", "other"),
    Subject("removal", "Removal (5 U.S.C. 4303 or 7512)", "Art. 44 §7.c", "other"),
    Subject("other", "Any other subject", "Art. 44 §7.c", "other"),
)}


@dataclass(frozen=True)
class CaseType:
    """The track a case takes (regular, expedited or stayed), with the rule and words behind it."""

    kind: str
    roster: str
    subjects: tuple[Subject, ...]
    reasons: tuple[tuple[str, str], ...]  # (words, citation)
    flaws: tuple[Flaw, ...] = ()

    def explain(self) -> str:
        lines = [f"Case type: {self.kind} arbitration (the {self.roster} roster)."]
        lines += [f"- {words} ({cite})" for words, cite in self.reasons]
        lines += [f"- {f}" for f in self.flaws]
        return "\n".join(lines)


SHORT_SUSPENSION, LONG_SUSPENSION = "suspension_14_days_or_less", "suspension_over_14_days"


def subjects(contract: Contract) -> dict[str, Subject]:
    """The subjects of §7 with the contract's own words: the suspension limit of §7.b(1) read from the contract."""
    n = int(contract.value("arbitration.expedited_suspension_max_days"))
    words = {SHORT_SUSPENSION: f"Suspension of {n} days or less", LONG_SUSPENSION: f"Suspension of more than {n} days"}
    return {k: replace(v, label=words.get(k, v.label)) for k, v in SUBJECTS.items()}


def suspension_subject(days: int, contract: Contract) -> str:
    """Which §7 subject a suspension of this many days is: §7.b(1) (expedited) up to the limit, §7.c beyond it."""
    p = contract.param("arbitration.expedited_suspension_max_days")
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise OutOfRange(f"a suspension of {days!r} days", cite=p.cite, fix="Give the length of the suspension in days (1 or more)")
    return SHORT_SUSPENSION if days <= p.value else LONG_SUSPENSION


def classify(subjects_: Iterable[str], contract: Contract, *, mutual_consent: bool = False,
             stayed: bool = False, suspension_days: int | None = None) -> CaseType:
    """Regular, expedited or stayed (Art. 44 §7.b–§7.d; a removal stayed under Art. 43 §14 is heard within 30 days).
    `suspension_days`: the length of a suspension grieved, placed under §7.b(1) or §7.c by the contract's limit."""
    ids = [str(s).strip() for s in subjects_ if str(s).strip()]
    if suspension_days is not None:
        which = suspension_subject(suspension_days, contract)
        other = LONG_SUSPENSION if which == SHORT_SUSPENSION else SHORT_SUSPENSION
        if other in ids:
            raise InvalidInput(f"a suspension of {suspension_days} days is not a '{other}' subject",
                               cite="Art. 44 §7.b(1)", fix=f"Leave out --subject {other}, or correct the number of days")
        ids = [*dict.fromkeys([*ids, which])]
    if stayed and "removal" not in ids:
        ids.append("removal")
    if not ids:
        raise InvalidInput("say what the grievance is about", cite="Art. 44 §7.b",
                           fix=f"Give one or more subjects: {', '.join(SUBJECTS)}")
    unknown = [s for s in ids if s not in SUBJECTS]
    if unknown:
        raise InvalidInput(f"unknown subject '{unknown[0]}'", cite="Art. 44 §7.b",
                           fix=f"Use one of: {', '.join(SUBJECTS)}")
    known = subjects(contract)
    subs = tuple(dict.fromkeys(known[s] for s in ids))
    never = [s for s in subs if s.route == "never"]
    listed = all(s.route == "expedited" for s in subs)
    reasons: list[tuple[str, str]] = []
    if stayed:
        p = contract.param("arbitration.hearing_stayed")
        reasons.append(("The removal is stayed (Art. 43 §14.a): the hearing must be held within "
                        f"{contract.amount(p.key)} of invocation", p.cite))
        reasons.append((contract.param("grievance.removal_stay_duration").quote, "Art. 43 §14.a"))
        flaws = tuple(f for f in (contract.flaws.get(STAY_FLAW),) if f is not None)
        return CaseType("stayed", "regular", subs, tuple(reasons), flaws)
    if never:
        reasons += [(f"Expedited arbitration will not be used where the subject matter includes {s.label.lower()}", s.cite)
                    for s in never]
        if mutual_consent:
            reasons.append(("Mutual consent (§7.c) cannot override §7.d", "Art. 44 §7.d"))
        return CaseType("regular", "regular", subs, tuple(reasons))
    if listed:
        reasons += [(f"Expedited arbitration will be used for: {s.label.lower()}", s.cite) for s in subs]
        return CaseType("expedited", "expedited", subs, tuple(reasons))
    others = [s.label.lower() for s in subs if s.route == "other"]
    if mutual_consent:
        reasons.append((f"Not a §7.b subject ({', '.join(others)}), invoked to expedited arbitration by mutual consent",
                        "Art. 44 §7.c"))
        return CaseType("expedited", "expedited", subs, tuple(reasons))
    reasons.append((f"Not a §7.b subject ({', '.join(others)}): regular arbitration unless both parties consent",
                    "Art. 44 §7.c"))
    return CaseType("regular", "regular", subs, tuple(reasons))


def check_kind(kind: str) -> str:
    """A case kind the rules know, or a clear error."""
    k = str(kind).strip().lower()
    if k not in KINDS:
        raise InvalidInput(f"unknown kind of arbitration '{kind}'", cite="Art. 44 §3.c",
                           fix="Use regular (§3.c), stayed (§3.d, a removal stayed under Art. 43 §14) or expedited (§3.e)")
    return k


# -- costs (§2, §3.f) -------------------------------------------------------------------------------
PARTIES = ("union", "department")
