"""Can it be grieved, and where? Screening under Art. 43 §2 (coverage), §3 (exclusions), §5 (definitions),
§8 (Union grievances), §9 (Department grievances), §14 (stays) and Art. 10 §11 (flexiplace)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import InvalidInput, OutOfRange
from .steps import amount

FILERS = {"employee": "An employee", "group": "A group of employees", "union": "Local 12 (the Union)",
          "department": "The Department of Labor"}
STATUSES = {"permanent": "Permanent (probation completed)", "probationary": "Probationary (probation not completed)",
            "temporary_limited": "Temporary limited appointment"}
# Subjects: label, and the exclusion that bars it (None if the subject is covered).
SUBJECTS: dict[str, tuple[str, str | None]] = {
    "contract": ("Breach or interpretation of this Agreement", None),
    "law_rule": ("A law, rule or regulation affecting conditions of employment", None),
    "working_conditions": ("Working conditions / another matter of employment", None),
    "merit_staffing": ("Merit staffing (a promotion or selection procedure)", None),
    "removal": ("Removal (5 U.S.C. 4303 or 7512)", None),
    "adverse_action": ("Another adverse action (suspension, demotion)", None),
    "performance_action": ("A performance-based action", None),
    "formal_flexiplace": ("Formal flexiplace: participation, recall or termination", None),
    "informal_flexiplace": ("Informal flexiplace decision", None),
    "political_activity": ("Prohibited political activities (5 U.S.C. chapter 73, subchapter III)", "Art. 43 §3.a(1)"),
    "retirement_insurance": ("Retirement, life insurance or health insurance", "Art. 43 §3.a(2)"),
    "national_security_removal": ("Suspension or removal under 5 U.S.C. 7532 (national security)", "Art. 43 §3.a(3)"),
    "examination_appointment": ("An examination, certification or appointment", "Art. 43 §3.a(4)"),
    "classification_no_loss": ("Classification that does not reduce grade or pay", "Art. 43 §3.a(5)"),
    "outside_decision": ("A binding decision by an authority outside the Department", "Art. 43 §3.b(1)"),
    "ses_position": ("Filling a Senior Executive Service position", "Art. 43 §3.b(2)"),
    "merit_panel_judgment": ("The judgment of a merit staffing panel or rating examiner", "Art. 43 §3.b(3)"),
    "nonselection_certificate": ("Non-selection from a properly prepared merit staffing certificate", "Art. 43 §3.b(4)"),
    "discretionary_award": ("A quality step increase, performance award or other discretionary award", "Art. 43 §3.b(5)"),
    "suggestion": ("A suggestion not adopted (incentive awards program)", "Art. 43 §3.b(6)"),
    "temporary_termination": ("Termination of a temporary appointment", "Art. 43 §3.b(7)"),
    "probation_separation": ("Separation during the probationary period", "Art. 43 §3.b(8)"),
    "outside_unit_position": ("Filling a position outside the bargaining unit", "Art. 43 §3.b(9)"),
}
_STATUTORY = {"removal", "adverse_action", "performance_action"}


@dataclass(frozen=True)
class Situation:
    """The answers to the screening questions (one `lmcore screen` option each, in kebab-case)."""

    filer: str = "employee"
    subject: str = "contract"
    status: str = "permanent"
    within_2b: bool = False  # probationary/temporary: working conditions or a right the Agreement grants them
    relief: str = "personal"  # Union grievances: personal relief (§8.c) or institutional remedy (§8.b)
    agencies: str = "single"
    consolidation: str | None = None
    alleges_ppp: bool = False  # a prohibited personnel practice (any of 5 U.S.C. 2302(b)) is alleged (Art. 10 §11)
    other_forum: bool = False  # already raised under a statutory or appellate procedure
    removal_statute: str = "7512"
    service_years: float = 0.0
    excepted_service: bool = False
    union_in_notice_period: bool = False
    former_employee: bool = False  # a former bargaining unit employee (§5.a)
    ppp_2302b1: bool = False  # the practice alleged is one under 5 U.S.C. 2302(b)(1): the §2.c election of forum
    untimely: bool = False  # filed after its time limit (§7.a(1), §8.b(3), §9): a former employee is then no "employee"
    employees: int | None = None  # Union-filed: how many employees the grievance(s) are for (§8.c(2))
    agency_count: int | None = None  # consolidated: in how many DOL Agencies the grievants work (§8.c(2)(c))
    signatures: int | None = None  # Union-filed: signatures of officials designated by the President or EVP (§8.a)


@dataclass(frozen=True)
class Finding:
    """One rule applied: its citation, its words, and what it means for this grievance."""

    cite: str
    quote: str
    effect: str  # "allows", "bars", "routes", "note"
    text: str

    def __str__(self) -> str:
        return f"{self.text} ({self.cite}: \"{self.quote}\")"


@dataclass(frozen=True)
class Screening:
    """Grievable or not, why (each rule with its words), and the route (path and where to file)."""

    grievable: bool
    path: str | None
    route: str
    findings: tuple[Finding, ...]
    stay: bool = False
    agencies: str = "single"
    consolidation: str | None = None

    @property
    def headline(self) -> str:
        if not self.grievable:
            bar = next(f for f in self.findings if f.effect == "bars")
            return f"Not grievable under Article 43: {bar.text} ({bar.cite})."
        return f"Grievable under Article 43 — path: {self.path}."

    def explain(self) -> str:
        return "\n".join([self.headline, self.route] + [f"- {f}" for f in self.findings])

    def to_dict(self) -> dict[str, Any]:
        return {"grievable": self.grievable, "path": self.path, "route": self.route, "stay": self.stay,
                "headline": self.headline,
                "findings": [{"cite": f.cite, "quote": f.quote, "effect": f.effect, "text": f.text} for f in self.findings]}


def screen(s: Situation, contract: Any = None) -> Screening:
    """Apply Art. 43 §2, §3, §5, §8, §9, §14 and Art. 10 §11 to a situation, in the order a steward would."""
    from ..contract.loading import load_contract

    contract = contract or load_contract()
    _validate(s)
    found: list[Finding] = []

    def rule(cite: str, effect: str, text: str, sentence: str = "") -> None:
        found.append(Finding(cite, _words(contract, cite, sentence), effect, text))

    who = {"employee": "Art. 43 §2.a(1)", "group": "Art. 43 §4.b", "union": "Art. 43 §2.a(2)", "department": "Art. 43 §2.a(3)"}
    rule(who[s.filer], "allows", f"{FILERS[s.filer]} may file a grievance.")
    # A Union grievance for an employee's personal relief is screened "just as if the affected employee(s) had
    # initiated" it (§8.c(1)): status (§2.b), election of forum (§2.c), former employees (§5.a) apply to it too.
    for_employee = s.filer in ("employee", "group") or (s.filer == "union" and s.relief == "personal")
    if s.filer == "union" and s.relief == "personal":
        rule("Art. 43 §8.c(1)", "note", "A Union grievance seeking personal relief is screened and filed just as if "
             "the affected employee(s) had initiated it.", "just as if")
    if s.filer == "department" and s.subject not in ("contract", "law_rule"):
        rule("Art. 43 §2.a(3)", "bars", "The Department may grieve only the Agreement's effect, interpretation or "
             "breach, or a law, rule or regulation affecting conditions of employment.")
    label, exclusion = SUBJECTS[s.subject]
    if exclusion:
        rule(exclusion, "bars", f"Excluded from the grievance procedure: {label.lower()}.")
    separated = not exclusion and for_employee and s.subject == "removal" and s.status in _SEPARATION
    if separated:
        cite, words = _SEPARATION[s.status]
        rule(cite, "bars", f"Excluded from the grievance procedure: removing {words}, whatever else applies.")
    elif for_employee and s.status != "permanent":
        if s.within_2b:
            rule("Art. 43 §2.b", "allows", "A probationary or temporary limited employee may grieve working conditions "
                 "or rights expressly granted in the Agreement, as here.")
        else:
            rule("Art. 43 §2.b", "bars", "A probationary or temporary limited employee may grieve only working "
                 "conditions or rights expressly granted elsewhere in the Agreement.")
    ppp = s.alleges_ppp or s.ppp_2302b1
    if s.subject == "informal_flexiplace":
        if ppp:
            rule("Art. 10 §11", "allows", "An informal flexiplace decision is grievable when it is alleged to be a "
                 "prohibited personnel practice (any of them).", "However")
        else:
            rule("Art. 10 §11", "bars", "Decisions on informal flexiplace arrangements are not grievable (unless a "
                 "prohibited personnel practice is alleged).", "informal flexiplace arrangements are not")
    if s.subject == "formal_flexiplace":
        rule("Art. 10 §11", "allows", "Decisions on participation, recall or termination of formal flexiplace are grievable.",
             "formal flexiplace")
    if for_employee:
        _election(s, rule)
        _former(s, contract, rule)
    elif s.untimely:
        rule("Art. 43 §12", "note", "Filed after its time limit: the other party may object that it is not timely "
             "(§11), and a grievance terminates for failure to proceed in a timely fashion unless the time limit was "
             "extended in writing (§13.a).")
    if s.filer == "union":
        _signatures(s, contract, rule)
    if any(f.effect == "bars" for f in found):
        return Screening(False, None, "No route: see the rule that bars it.", tuple(found), False, s.agencies, s.consolidation)
    path, route, stay = _route(s, contract, rule)
    return Screening(True, path, route, tuple(found), stay, s.agencies, s.consolidation)


# A removal that §3.b excludes by the employee's status, whatever the user ticks (§3.b(7), §3.b(8)).
_SEPARATION = {"probationary": ("Art. 43 §3.b(8)", "an employee who has not completed probation is a separation "
                                "during the probationary period"),
               "temporary_limited": ("Art. 43 §3.b(7)", "an employee on a temporary appointment is the termination of "
                                     "that appointment")}


def _election(s: Situation, rule: Any) -> None:
    """§2.c: a prohibited personnel practice under 5 U.S.C. 2302(b)(1), or an adverse or performance-based action,
    may be raised under a statutory (appellate) procedure or this Article, not both."""
    if s.ppp_2302b1 or s.subject in _STATUTORY:
        phrase = "prohibited personnel practice" if s.ppp_2302b1 else "adverse actions"
        what = ("A prohibited personnel practice under 5 U.S.C. 2302(b)(1)" if s.ppp_2302b1
                else "An adverse or performance-based action")
        if s.other_forum:
            rule("Art. 43 §2.c", "bars", f"{what} already raised under a statutory or appellate procedure may be raised "
                 "there or under this Article, but not both.", phrase)
        else:
            rule("Art. 43 §2.c", "note", f"Election of forum: {what.lower()} raised under this Article cannot also be "
                 "raised under the statutory or appellate procedure (not both).", phrase)
    elif s.alleges_ppp:
        rule("Art. 43 §2.c", "note", "The election of forum covers a prohibited personnel practice under 5 U.S.C. "
             "2302(b)(1) only; the practice alleged here is not said to be one, so raising it elsewhere does not bar "
             "this grievance.", "prohibited personnel practice")


def _former(s: Situation, contract: Any, rule: Any) -> None:
    """§5.a: an "employee" includes "such former bargaining unit employees who have a timely grievance"."""
    if s.former_employee and s.untimely:
        rule("Art. 43 §5.a", "bars", "A former bargaining unit employee may grieve only with a timely grievance, and "
             "this one is late.")
    elif s.former_employee:
        rule("Art. 43 §5.a", "allows", "A former bargaining unit employee may grieve only with a timely grievance: file "
             f"within {amount(contract, 'grievance.step1_filing')} of learning of the violation (§7.a(1)).")
    elif s.untimely:
        rule("Art. 43 §12", "note", "Filed after its time limit: management may object that it is not timely (§11), "
             "and a grievance terminates for failure to proceed in a timely fashion unless the time limit was extended "
             "in writing (§13.a).")


def _signatures(s: Situation, contract: Any, rule: Any) -> None:
    """§8.a: a Union grievance bears the signatures of officials designated by the President or EVP."""
    need = int(contract.value("grievance.union_grievance_signatures"))
    if s.signatures is not None and s.signatures < need:
        rule("Art. 43 §8.a", "note", f"It bears {s.signatures} of the {need} signature(s) needed: the form is returned "
             "to the Union for completion before processing, not rejected (§6.b).")
    else:
        rule("Art. 43 §8.a", "note", f"It must bear {need} signature(s) of an official or representative designated by "
             "the President or Executive Vice President of Local 12.")


def _route(s: Situation, c: Any, rule: Any) -> tuple[str, str, bool]:
    """The path and where to file (§7.a(2), §8, §9, §14), with the contract's own time limits."""
    if s.filer == "department":
        rule("Art. 43 §9", "routes", "The Director of OELMR files with the Local 12 President.", "Director of OELMR will sign")
        return "department", ("Department grievance: the Director of OELMR files with the Local 12 President within "
                              f"{amount(c, 'grievance.department_filing')} (Art. 43 §9)."), False
    if s.filer == "union" and s.relief == "institutional":
        cite = "Art. 43 §8.b(2)" if s.agencies == "single" else "Art. 43 §8.b(1)"
        where = "the Administrative Officer" if s.agencies == "single" else "OELMR"
        rule(cite, "routes", f"A Union institutional grievance is filed with {where} at Step 2.", "filed with")
        return "union-institutional", (f"Union institutional grievance: file with {where} at Step 2 within "
                                       f"{amount(c, 'grievance.institutional_filing')} of the occurrence ({cite}, §8.b(3))."), False
    if s.subject == "merit_staffing":
        rule("Art. 43 §7.a(2)", "routes", "Merit staffing grievances go to Step 2 with the servicing HR Officer; Step 1 is waived.",
             "concerning merit staffing shall be filed")
        return "merit-staffing", ("Merit staffing: file at Step 2 with the servicing Human Resources Officer within "
                                  f"{amount(c, 'grievance.merit_staffing_filing')}; Step 1 is waived (Art. 43 §7.a(2), §7.b(2))."), False
    if s.subject == "removal" and s.removal_statute in ("4303", "7512"):
        if (stay := _stay(s, c, rule)) is not None:
            return stay
    if s.filer == "union" and s.consolidation:
        _consolidation(s, c, rule)
    if s.consolidation == "multi-agency":
        return "employee", (f"File each grievance within {amount(c, 'grievance.step1_filing')} of learning of the "
                            "violation (Art. 43 §7.a(1)); consolidated, they go to Step 2 with OELMR, and arbitration may "
                            f"be invoked if the matter is not resolved {amount(c, 'grievance.consolidated_resolution')} "
                            "after the consolidation (Art. 43 §8.c(2)(c))."), False
    official = {"single-agency": "the Agency Administrative Officer"}.get(s.consolidation or "", "the immediate supervisor")
    rule("Art. 43 §7.a(2)", "routes", f"File with {official}.", "ordinarily be filed")
    return "employee", (f"File at Step 1 with {official} within {amount(c, 'grievance.step1_filing')} of learning of the "
                        "violation (Art. 43 §7.a(1), §7.a(2))."), False


def _stay(s: Situation, c: Any, rule: Any) -> tuple[str, str, bool] | None:
    """§14.a: a removal under 5 U.S.C. 4303 or 7512 of an employee with enough Federal service is stayed (§14.b:
    never in the excepted service)."""
    years = c.value("grievance.removal_stay_service_years")
    if s.service_years >= years and not s.excepted_service:
        also = (" Step 2 may also be waived: the Union represented the employee in the notice and response period."
                if s.union_in_notice_period else "")
        within, months = amount(c, "grievance.removal_stay_filing"), amount(c, "grievance.removal_stay_duration")
        rule("Art. 43 §14.a", "routes", f"A grievance within {within} of receiving the removal decision stays the "
             f"removal for {months} or until the award; Step 1 is waived." + also, "Upon timely filing")
        return "removal-stay", (f"Removal with a stay: grieve within {within} of receiving the decision; it goes "
                                "straight to Step 2 (Art. 43 §14.a)." + also), True
    why = ("the employee is in the excepted service (§14.b)" if s.excepted_service
           else f"the employee has less than {amount(c, 'grievance.removal_stay_service_years')} of Federal service")
    rule("Art. 43 §14.b" if s.excepted_service else "Art. 43 §14.a", "note", f"No stay of the removal: {why}.")
    return None


def _consolidation(s: Situation, c: Any, rule: Any) -> None:
    """§8.c(2): Union-filed grievances of two or more employees consolidated by agreement, where the grievants work."""
    least = int(c.value("grievance.consolidation_min_employees"))
    if s.employees is not None and s.employees < least:
        raise InvalidInput(f"grievances for {s.employees} employee(s) cannot be consolidated: it takes {least} or more",
                           cite="Art. 43 §8.c(2)", fix="Leave out the consolidation, or give the number of employees",
                           field="employees")
    more_than = int(c.value("grievance.consolidated_agencies_more_than"))
    if s.agency_count is not None and (s.consolidation == "multi-agency") != (s.agency_count > more_than):
        kind = "multi-agency" if s.agency_count > more_than else "single-supervisor or single-agency"
        raise InvalidInput(f"grievants in {s.agency_count} DOL Agency(ies) make a {kind} consolidation, not "
                           f"{s.consolidation} (more than {more_than} Agency: OELMR at Step 2)", cite="Art. 43 §8.c(2)(c)",
                           fix=f"Use --consolidation {'multi-agency' if s.agency_count > more_than else 'single-agency'}",
                           field="consolidation")
    sub = {"single-supervisor": "a", "single-agency": "b", "multi-agency": "c"}[s.consolidation]  # type: ignore[index]
    rule(f"Art. 43 §8.c(2)({sub})", "routes", f"Grievances of {least} or more employees on the same matter may be "
         "consolidated by agreement" + (f" (grievants in more than {more_than} DOL Agency: at Step 2 with OELMR)."
                                        if sub == "c" else "."), "consolidated")


def _words(contract: Any, cite: str, sentence: str = "") -> str:
    """The rule's own words without its item marker; only the sentence containing `sentence` if given."""
    sec = contract.section(cite)
    text = " ".join(sec.text.split())
    text = text.removeprefix(" ".join(sec.heading.split()) + " ") if sec.heading.startswith("Section") else text
    head, _, rest = text.partition(" ")
    text = rest if head.startswith("(") or (len(head) == 2 and head.endswith(".")) else text
    if sentence:
        import re

        text = next(p for p in re.split(r"(?<=[.;])\s+(?=[A-Z])", text) if sentence in p)
    return text


def _validate(s: Situation) -> None:
    checks = [("filer", s.filer, FILERS, "Art. 43 §2.a"), ("subject", s.subject, SUBJECTS, "Art. 43 §2"),
              ("status", s.status, STATUSES, "Art. 43 §2.b"), ("relief", s.relief, ("personal", "institutional"), "Art. 43 §8"),
              ("agencies", s.agencies, ("single", "multiple"), "Art. 43 §8.b"),
              ("removal_statute", s.removal_statute, ("4303", "7512", "other"), "Art. 43 §14.a")]
    for name, value, allowed, cite in checks:
        if value not in allowed:
            raise InvalidInput(f"'{value}' is not a known {name.replace('_', ' ')}", cite=cite,
                               fix=f"Choose one of: {', '.join(allowed)}", field=name)
    if s.consolidation not in (None, "single-supervisor", "single-agency", "multi-agency"):
        raise InvalidInput(f"'{s.consolidation}' is not a kind of consolidation", cite="Art. 43 §8.c(2)",
                           fix="Choose single-supervisor, single-agency or multi-agency", field="consolidation")
    for name in ("employees", "agency_count", "signatures"):
        value = getattr(s, name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100_000):
            words = {"employees": "employees", "agency_count": "DOL Agencies", "signatures": "signatures"}[name]
            raise OutOfRange(f"{value!r} is not a number of {words}",
                             cite={"signatures": "Art. 43 §8.a"}.get(name, "Art. 43 §8.c(2)"),
                             fix="Give a whole number (0 or more)", field=name)
    if not 0 <= s.service_years <= 70:
        raise OutOfRange(f"{s.service_years} years of Federal service is not possible", cite="Art. 43 §14.a",
                         fix="Give the years of Federal service (0–70)", field="service_years")
