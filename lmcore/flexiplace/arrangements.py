"""Flexiplace (Art. 10): who is eligible (§3 — item E is missing from the text, flaw
art10_3_skips_item_e, and every answer says so), formal or informal arrangements (§2)
and what can be grieved (§11)."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..contract.loading import contract_or_default
from ..errors import InvalidInput
from ..rulings import Ruling

if TYPE_CHECKING:
    from ..contract.book import Contract


# The criteria in plain questions (the contract's own words are shown beside them).
QUESTIONS = {
    "A": "Can a sufficient amount of the employee's work be done at an alternate worksite?",
    "B": "Will the employee be available and accessible to supervisors, co-workers and customers at all times?",
    "C": "Is the latest rating at least Fully Successful, and has the employee shown the ability to work alone?",
    "D": "Is the employee free of conduct problems about trustworthiness or dependability?",
    "F": "Are the costs of the arrangement (technology, equipment, telecommunications) affordable?",
    "G": "Can the technology and equipment the work needs be provided?",
}


@dataclass(frozen=True)
class Criterion:
    """One lettered eligibility criterion of Art. 10 §3, in the contract's words."""

    letter: str
    cite: str
    text: str
    question: str


def criteria(contract: Contract | None = None) -> tuple[Criterion, ...]:
    """The criteria as printed (A, B, C, D, F, G), read from the contract text."""
    contract = contract_or_default(contract)
    out = []
    for c in contract.text.children("Art. 10 §3"):
        letter = c.path[-1]
        text = contract.section(c).text.split(" ", 1)[1]
        out.append(Criterion(letter, str(c), text, QUESTIONS.get(letter, text.split(".")[0] + "?")))
    return tuple(out)


def missing_items(contract: Contract | None = None) -> tuple[str, ...]:
    """Letters skipped in the printed list (E)."""
    letters = [c.letter for c in criteria(contract)]
    return tuple(chr(x) for x in range(ord(letters[0]), ord(letters[-1]) + 1) if chr(x) not in letters)


@dataclass(frozen=True)
class Eligibility:
    """The answers to the §3 criteria: eligible only when every printed criterion is met."""

    answers: tuple[tuple[Criterion, bool | None], ...]
    eligible: bool | None
    missing: tuple[str, ...]
    flaws: tuple[str, ...]
    cite: str = "Art. 10 §3"

    def answer(self) -> str:
        if self.eligible:
            return f"Eligible for the formal flexiplace program: every criterion is met ({self.cite})."
        if self.eligible is False:
            failed = ", ".join(c.letter for c, a in self.answers if a is False)
            return f"Not eligible: criteria {failed} not met ({self.cite})." if "," in failed else f"Not eligible: criterion {failed} not met ({self.cite})."
        open_ = ", ".join(c.letter for c, a in self.answers if a is None)
        return f"Not decided yet: answer criteria {open_} ({self.cite})."

    def explain(self) -> str:
        mark = {True: "met", False: "NOT met", None: "not answered"}
        lines = [self.answer()]
        lines += [f"- {c.letter} ({c.cite}) {mark[a]}: {c.text}" for c, a in self.answers]
        lines += [f"- {m}: missing from the printed text." for m in self.missing]
        lines += [f"Flaw in the text: {f}" for f in self.flaws]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, object]:
        return {"eligible": self.eligible, "criteria": {c.letter: a for c, a in self.answers}, "missing": list(self.missing),
                "cite": self.cite, "flaws": list(self.flaws), "answer": self.answer(), "explanation": self.explain()}


def eligibility(answers: Mapping[str, bool | None], contract: Contract | None = None) -> Eligibility:
    """Check the §3 criteria: {"A": True, "B": True, ...}; an unanswered criterion leaves the answer open."""
    contract = contract_or_default(contract)
    crit = criteria(contract)
    letters = {c.letter for c in crit}
    missing = missing_items(contract)
    flaws = tuple(str(f) for f in contract.flaws_for("Art. 10 §3"))
    for key in answers:
        k = str(key).strip().upper()
        if k in missing:
            raise InvalidInput(f"Art. 10 §3 has no criterion {k}: the printed list skips it", cite="Art. 10 §3",
                               fix=f"Answer the printed criteria {', '.join(sorted(letters))}")
        if k not in letters:
            raise InvalidInput(f"'{key}' is not a criterion of Art. 10 §3", cite="Art. 10 §3", fix=f"Use the letters {', '.join(sorted(letters))}")
    given = {str(k).strip().upper(): (None if v is None else bool(v)) for k, v in answers.items()}
    pairs = tuple((c, given.get(c.letter)) for c in crit)
    values = [a for _, a in pairs]
    eligible = False if False in values else (None if None in values else True)
    return Eligibility(pairs, eligible, missing, flaws)


# -- formal or informal (§2) and grievability (§11) ------------------------------------------------------
def arrangement_type(permanent: bool, regular_or_recurring: bool, days: float = 1.0, *,
                     trial_for_formal: bool = False, contract: Contract | None = None) -> Ruling:
    """Formal (permanent or recurring: written agreement of §15) or informal (ad hoc, normally a day or less) (§2)."""
    contract = contract_or_default(contract)
    p = contract.param("flexiplace.informal_days")
    text = contract.section("Art. 10 §2").text.split("\n")
    if permanent or regular_or_recurring:
        return Ruling("Type of flexiplace arrangement:", "formal", True, "Art. 10 §2", text[1],
                       ("Permanent, or regular or recurring: a formal arrangement.",
                        "It needs the written Standard Individual Flexiplace Work Agreement (§15) and the §3 criteria.",
                        "Decisions on participation, recall or termination are grievable (§11)."))
    reasons = [f"Ad hoc or episodic: an informal arrangement; no written agreement. It normally lasts {p.value:g} day or less."]
    ok = True
    if days > p.value:
        reasons.append(f"{days:g} days is longer than usual: allowed only if a project or work assignment needs more time.")
    if trial_for_formal:
        reasons.append("Informal arrangements are not to be used as trial periods for formal arrangements.")
        ok = False
    reasons.append("Decisions on informal arrangements are not grievable unless a prohibited personnel practice is alleged (§11).")
    return Ruling("Type of flexiplace arrangement:", "informal" if ok else "informal, but not as a trial period", ok,
                   "Art. 10 §2", text[2], tuple(reasons))


DECISIONS = ("participation", "recall", "termination", "other")


def grievability(decision: str, arrangement: str, *, prohibited_personnel_practice: bool = False,
                 contract: Contract | None = None) -> Ruling:
    """Is a flexiplace decision grievable? Formal: participation, recall, termination yes; informal only for a PPP (§11)."""
    contract = contract_or_default(contract)
    if decision not in DECISIONS or arrangement not in ("formal", "informal"):
        raise InvalidInput(f"unknown decision '{decision}' or arrangement '{arrangement}'", cite="Art. 10 §11",
                           fix=f"Decision is one of {', '.join(DECISIONS)}; arrangement is formal or informal")
    quote = contract.section("Art. 10 §11").text.split("\n", 1)[1]
    if arrangement == "formal" and decision != "other":
        return Ruling(f"Is a decision on {decision} of a formal arrangement grievable?", "Yes", True, "Art. 10 §11", quote,
                       ("Management's decisions on participation, recall, or termination of formal arrangements are grievable.",
                        "File under the grievance procedure (Art. 43) within its time limits."))
    if arrangement == "formal":
        return Ruling("Is this decision on a formal arrangement grievable?", "§11 does not say", None, "Art. 10 §11", quote,
                       ("§11 names participation, recall and termination only; other matters fall under the general scope of Art. 43.",))
    if prohibited_personnel_practice:
        return Ruling("Is a decision on an informal arrangement grievable?", "Yes, as an alleged prohibited personnel practice",
                       True, "Art. 10 §11", quote, ("Decisions on informal arrangements are not grievable, except where the employee "
                                                   "alleges a prohibited personnel practice (see Art. 43 §2.c).",))
    return Ruling("Is a decision on an informal arrangement grievable?", "No", False, "Art. 10 §11", quote,
                   ("Decisions on informal flexiplace arrangements are not grievable.",
                    "Unless the employee alleges a prohibited personnel practice (Art. 43 §2.c)."))
