"""Scenario adapters for Arts. 4, 5, 10, 29/35/36/47 and the subsidies: the facts are the inputs of `lmcore schedule`,
`lmcore leave`, `lmcore flexiplace`, `lmcore bargaining` and `lmcore subsidy` (their keyword names in Python)."""
from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .outcome import Alternative, Ask, Outcome, RuleSpec

if TYPE_CHECKING:
    from ..contract.book import Contract
    from ..deadlines import Deadline

PAY_PERIOD_VALUES = ("credit_hours_earned", "credit_hours_used", "credit_hours_balance", "credit_hours_forfeited",
                     "overtime_hours", "basic_requirement", "worked_hours", "regular_hours", "leave_hours", "pay_hours",
                     "shortfall_hours", "uncompensated_hours")
_VALUE_CITES = {"credit": "Art. 4 §2.b(1)", "overtime_hours": "Art. 4 §2.b(3)", "basic_requirement": "Art. 4 §1.b",
                "pay_hours": "Art. 4 §8"}
PROJECTION_VALUES = ("year_end", "to_lose", "to_keep", "accrual")


def _dated(d: Deadline, starts: tuple = (), alts: tuple = ()) -> Outcome:
    return Outcome(d.due, d.explain(), d.cite or "", d.quote, d.interpretations, d, starts, alts, words=d.explain(words=True))


# -- Art. 4: one pay period ------------------------------------------------------------------------------
def _pay_period(facts: dict[str, Any], ask: str, of: str | None, contract: Contract) -> Outcome:
    from ..errors import InvalidInput
    from ..schedules import Schedule, allowed_patterns, evaluate, parse_core_days, parse_tour, read_timesheet
    from ..schedules.terms import Terms

    ts = read_timesheet(str(facts["timesheet"]).strip() + "\n", facts.get("period_start"))
    layout = None
    if facts.get("layout") is not None:
        pats = allowed_patterns(facts["schedule"], Terms.of(contract))
        n = facts["layout"]
        if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= len(pats):
            raise InvalidInput(f"layout {n!r} does not exist: a {facts['schedule']} schedule has {len(pats)} layouts",
                               cite="Art. 4 §2.c(1)(c)", fix=f"Give a number from 1 to {len(pats)}", field="layout")
        layout = pats[n - 1]
    core = parse_core_days(facts["core_days"]) if facts.get("core_days") else None
    tour = parse_tour(facts["tour"]) if facts.get("tour") else None
    sched = Schedule(facts["schedule"], facts.get("part_time_hours"), layout, core, tour, facts.get("shift", "day"))
    res = evaluate(ts, sched, contract, carry_in=facts.get("carry_in", 0.0), supervisor_day_end=facts.get("supervisor_day_end"))
    if of not in PAY_PERIOD_VALUES:
        raise InvalidInput(f"'{of}' is not a value of a pay period", cite="Art. 4", fix=f"Name one of: {', '.join(PAY_PERIOD_VALUES)}",
                           field="of")
    value = float(getattr(res, of))
    cite = _VALUE_CITES.get("credit" if of.startswith("credit") else of or "", "Art. 4")
    if of == "overtime_hours" and sched.kind.startswith("compressed"):
        cite = "Art. 4 §2.c(2)"
    alts: list[Alternative] = []
    if res.holiday_hours:
        if of == "basic_requirement":
            alts.append(Alternative("holiday_not_deducted", "you did not take the holidays off the basic work requirement "
                                    f"({res.holiday_hours:g} hours: Art. 4 §1.b and the law it follows)", res.nominal_requirement))
        if of == "credit_hours_earned":
            alts.append(Alternative("holiday_not_deducted", "you did not take the holidays off the basic work requirement, so "
                                    "you counted too few hours beyond it", max(0.0, value - res.holiday_hours)))
    quote = contract.param("schedules.credit_carryover_full_time").quote if of.startswith("credit") else None
    return Outcome(value, res.explain(), cite, quote, res.interpretations, alternatives=tuple(alts))


# -- Art. 5: leave --------------------------------------------------------------------------------------
def _restoration(facts: dict[str, Any], ask: str, of: str | None, contract: Contract) -> Outcome:
    from ..leave import restoration_request_deadline

    r = restoration_request_deadline(int(facts["year"]), contract)
    alts = (Alternative("pay_period_start", "you gave the day the third pay period begins; the request must come "
                        "before it begins", r.pay_period.start),)
    return Outcome(r.last_day, r.explain(), r.cite, r.quote, r.interpretations, alternatives=alts)


def _projection(facts: dict[str, Any], ask: str, of: str | None, contract: Contract) -> Outcome:
    from ..leave import project_year_end
    from ..errors import InvalidInput

    p = project_year_end(facts["balance"], facts["as_of"], facts["years_of_service"], facts.get("planned", 0.0), contract=contract)
    if of not in PROJECTION_VALUES:
        raise InvalidInput(f"'{of}' is not a value of the projection", cite="Art. 5 §1.e", fix=f"Name one of: {', '.join(PROJECTION_VALUES)}",
                           field="of")
    value = {"year_end": p.year_end, "to_lose": p.to_lose, "to_keep": p.to_keep, "accrual": p.accrual}[of]
    alts = []
    if of in ("to_lose", "year_end") and p.accrual:
        no_acc = p.balance - p.planned
        alts.append(Alternative("no_accrual", "you left out the leave still to be earned in the pay periods not yet ended",
                                max(0.0, no_acc - p.ceiling) if of == "to_lose" else no_acc))
    return Outcome(float(value), p.explain(), p.cite, p.quote, p.interpretations, alternatives=tuple(alts))


def _certificate(facts: dict[str, Any], ask: str, of: str | None, contract: Contract) -> Outcome:
    from ..leave import medical_certificate

    c = medical_certificate(facts["first_day"], facts["last_day"], under_restriction=facts.get("under_restriction", False),
                            contract=contract)
    days = (c.last - c.first).days + 1
    alts = ()
    if (days > c.limit) != c.required and not c.restricted:
        alts = (Alternative("calendar_days", f"you counted {days} calendar days; the rule counts workdays "
                            f"({len(c.workdays)} here)", days > c.limit),)
    return Outcome(c.required or c.restricted, c.explain(), c.cite, c.quote, alternatives=alts)


def _restriction(facts: dict[str, Any], ask: str, of: str | None, contract: Contract) -> Outcome:
    from ..leave import leave_restriction

    plan = leave_restriction(facts["start"], facts.get("months", 4), facts.get("extensions", ()), contract=contract)
    return Outcome(plan.end, plan.explain(), plan.cite, plan.quote, plan.interpretations)


def _voting(facts: dict[str, Any], ask: str, of: str | None, contract: Contract) -> Outcome:
    from ..leave import voting_leave

    v = voting_leave(facts["polls_open"], facts["polls_close"], facts["work_start"], facts["work_end"], contract=contract)
    return Outcome(v.hours, v.explain(), v.cite, v.quote)


def _blood(facts: dict[str, Any], ask: str, of: str | None, contract: Contract) -> Outcome:
    from ..leave import blood_donation

    r = blood_donation(facts["donation_day"], facts.get("hours_requested", 4), facts.get("earlier_donations", ()), contract=contract)
    return Outcome(float(r.amount or 0.0), r.explain(), r.cite, r.quote, r.interpretations)


# -- Art. 10: flexiplace ------------------------------------------------------------------------------
def _clocks(facts: dict[str, Any], ask: str, of: str | None, contract: Contract) -> Outcome:
    from ..flexiplace import clocks
    from ..errors import InvalidInput

    c = clocks(facts["requested"], contract=contract, **{k: v for k, v in facts.items() if k != "requested"})
    if ask == "start_due" and c.start is None:
        raise InvalidInput("the start date is counted from the completed agreement", cite="Art. 10 §5.C",
                           fix="Give agreement_completed", field="agreement_completed")
    d = c.decision if ask == "decision_due" else c.start
    starts = tuple((w, x) for w, x in (("the request", c.requested), ("the decision", c.decided),
                                        ("the completed agreement", c.agreement_completed)) if x and x != d.start)  # type: ignore[union-attr]
    return _dated(d, starts)  # type: ignore[arg-type]


def _termination(facts: dict[str, Any], ask: str, of: str | None, contract: Contract) -> Outcome:
    from ..flexiplace import termination_notice

    t = termination_notice(facts["effective"], facts.get("given"), contract)
    return _dated(t.deadline)


def _inability(facts: dict[str, Any], ask: str, of: str | None, contract: Contract) -> Outcome:
    from ..flexiplace import inability_shown_from

    return _dated(inability_shown_from(facts["began"], contract))


# -- Arts. 29, 35, 36, 47: bargaining --------------------------------------------------------------------
def _request(facts: dict[str, Any], ask: str, of: str | None, contract: Contract) -> Outcome:
    from ..bargaining import agency_negotiations_start_by, request_due
    from ..calendar import to_date

    received = to_date(facts["received"], "date the plan was received")
    if ask == "agency_start_by":
        return _dated(agency_negotiations_start_by(received, contract))
    return _dated(request_due(received, facts.get("kind", "space"), contract))


def _agenda(facts: dict[str, Any], ask: str, of: str | None, contract: Contract) -> Outcome:
    from ..bargaining import agenda_meeting_due, agenda_notice_due
    from ..calendar import to_date

    start = to_date(facts["negotiations_start"], "start of negotiations")
    return _dated(agenda_notice_due(start, contract) if ask == "notice_due" else agenda_meeting_due(start, contract))


def _session(facts: dict[str, Any], ask: str, of: str | None, contract: Contract) -> Outcome:
    from ..bargaining import session_last_day
    from ..calendar import to_date

    d = session_last_day(to_date(facts["first_day"], "first day of the session"), contract, facts.get("level", "department"))
    return _dated(d)  # type: ignore[arg-type]


def _effective(facts: dict[str, Any], ask: str, of: str | None, contract: Contract) -> Outcome:
    from ..bargaining.duration import effective_date
    from ..calendar import to_date

    return _dated(effective_date(to_date(facts["ratified"], "ratification date"), contract))


# -- the subsidies -----------------------------------------------------------------------------------------
def _transit(facts: dict[str, Any], ask: str, of: str | None, contract: Contract) -> Outcome:
    from ..subsidies import transit_subsidy

    s = transit_subsidy(facts["monthly_cost"], contract, **{k: v for k, v in facts.items() if k != "monthly_cost"})
    alts = []
    if s.detail("capped_by_cost"):
        alts.append(Alternative("cost_cap_missed", "you did not limit the subsidy to the actual cost of commuting "
                                "(Transit Subsidy ¶4)", float(s.detail("base") + s.detail("converter_extra"))))
    quote = contract.param("transit.monthly_subsidy").quote
    return Outcome(float(s.monthly_subsidy), s.explain(), s.cite, quote, s.interpretations, alternatives=tuple(alts))


def _childcare(facts: dict[str, Any], ask: str, of: str | None, contract: Contract) -> Outcome:
    from ..subsidies import childcare_subsidy

    s = childcare_subsidy(facts["family_income"], facts["monthly_cost"], contract,
                          **{k: v for k, v in facts.items() if k not in ("family_income", "monthly_cost")})
    alts = []
    share, cap = Decimal(s.detail("percent_of_cost")), Decimal(s.detail("monthly_cap"))
    if share > cap:
        alts.append(Alternative("monthly_cap_missed", "you did not apply the row's monthly limit (\"Monthly Not to Exceed\")",
                                float(share)))
    elif cap > share:
        alts.append(Alternative("cap_not_percentage", "you gave the row's monthly limit; the subsidy is the row's percentage of "
                                "the actual costs, up to that limit", float(cap)))
    return Outcome(float(s.monthly_subsidy), s.explain(), s.cite, contract.param("childcare.bands").quote, s.interpretations,
                   alternatives=tuple(alts))


def specs() -> tuple[RuleSpec, ...]:
    """The rules of Arts. 4, 5, 10, 29/35/36/47 and the subsidies a scenario can name."""
    date = lambda words: Ask("date", words)  # noqa: E731
    usd = lambda words: Ask("number", words, unit="usd")  # noqa: E731
    return (
        RuleSpec("schedules.pay_period", "one pay period's hours under a schedule (Art. 4)",
                 {"timesheet": "the timesheet (CSV: date,start,end,lunch_start,lunch_end[,leave_hours,leave_kind,overtime_ordered_hours])",
                  "schedule": "the schedule type", "part_time_hours": "a part-timer's biweekly requirement",
                  "carry_in": "credit hours brought in", "period_start": "first day of the pay period",
                  "layout": "compressed layout number", "core_days": "maxi-flex core days",
                  "tour": "the hours scheduled each day (Mon=5,Tue=5,… or W1:…;W2:…)",
                  "shift": "day, or other (an evening or night shift, Art. 4 §9)",
                  "supervisor_day_end": "when the supervisor's day ends"}, ("timesheet", "schedule"),
                 {"value": Ask("number", "an amount of hours", unit="hours", needs_of="value", of_choices=PAY_PERIOD_VALUES)},
                 _pay_period),
        RuleSpec("leave.restoration", "the last day to request use-or-lose leave (Art. 5 §1.e)", {"year": "the leave year"},
                 ("year",), {"due": date("the last day to request the leave in writing")}, _restoration),
        RuleSpec("leave.projection", "the year-end annual leave balance (Art. 5 §1.e)",
                 {"balance": "annual leave balance (hours)", "as_of": "the balance's date", "years_of_service": "years of service",
                  "planned": "annual leave planned before year end (hours)"}, ("balance", "as_of", "years_of_service"),
                 {"value": Ask("number", "hours of annual leave", unit="hours", needs_of="value", of_choices=PROJECTION_VALUES)},
                 _projection),
        RuleSpec("leave.medical_certificate", "does a sick-leave absence need a medical certificate (Art. 5 §2.e)",
                 {"first_day": "first day of absence", "last_day": "last day of absence",
                  "under_restriction": "under a leave restriction (§3)"}, ("first_day", "last_day"),
                 {"required": Ask("yes/no", "whether a certificate is ordinarily required")}, _certificate),
        RuleSpec("leave.restriction", "the end of a leave restriction (Art. 5 §3.c)",
                 {"start": "first day of the restriction", "months": "months imposed", "extensions": "months of each extension"},
                 ("start",), {"end": date("the last day of the restriction")}, _restriction),
        RuleSpec("leave.voting", "administrative leave to vote (Art. 5 §7.d(1))",
                 {"polls_open": "polls open", "polls_close": "polls close", "work_start": "tour of duty starts",
                  "work_end": "tour of duty ends"}, ("polls_open", "polls_close", "work_start", "work_end"),
                 {"hours": Ask("number", "hours of administrative leave", unit="hours")}, _voting),
        RuleSpec("leave.blood_donation", "administrative leave to donate blood (Art. 5 §7.g)",
                 {"donation_day": "day of the donation", "hours_requested": "hours asked",
                  "earlier_donations": "earlier donations with leave"}, ("donation_day",),
                 {"hours": Ask("number", "hours of administrative leave", unit="hours")}, _blood),
        RuleSpec("flexiplace.clocks", "the time frames of a flexiplace request (Art. 10 §5)",
                 {"requested": "date of the request", "extended_by": "calendar days added by agreement", "decided": "date decided",
                  "agreement_completed": "date the agreement was completed", "started": "first day at the alternate site"},
                 ("requested",), {"decision_due": date("the supervisor's decision is due"),
                                  "start_due": date("the last day to begin at the alternate site")}, _clocks),
        RuleSpec("flexiplace.termination_notice", "notice of termination of an agreement (Art. 10 §8.B.1)",
                 {"effective": "the day the termination takes effect", "given": "day the notice was given"}, ("effective",),
                 {"notice_by": date("the day to give notice by")}, _termination),
        RuleSpec("flexiplace.inability", "when inability to work alone can be relied on (Art. 10 §8.A.2)",
                 {"began": "first day of the arrangement"}, ("began",), {"from": date("the first day it can be relied on")},
                 _inability),
        RuleSpec("bargaining.request", "the Union's request to bargain and the Agency start (Art. 29 §4.a, Art. 35 §5.d, Art. 36 §3)",
                 {"received": "date the final plan was received", "kind": "space or organizational_change"}, ("received",),
                 {"due": date("the last day to request negotiations"),
                  "agency_start_by": date("the latest start of Agency negotiations")}, _request),
        RuleSpec("bargaining.agenda", "the Departmental agenda (Art. 36 §2.b)", {"negotiations_start": "start of negotiations"},
                 ("negotiations_start",), {"notice_due": date("the last day to notify an agenda item"),
                                           "meeting_due": date("the last day for the agenda meeting")}, _agenda),
        RuleSpec("bargaining.session", "the last day of a bargaining session (Art. 36 §2.b, §3)",
                 {"first_day": "first day of the session", "level": "department or agency"}, ("first_day",),
                 {"last_day": date("the last day of the session")}, _session),
        RuleSpec("bargaining.effective_date", "the day the Agreement takes effect (Art. 47 §1)", {"ratified": "ratification date"},
                 ("ratified",), {"effective": date("the effective date")}, _effective),
        RuleSpec("subsidies.transit", "the monthly transit subsidy (Transit Subsidy ¶1–¶4)",
                 {"monthly_cost": "actual monthly commuting cost", "converted_months_ago": "months since converting from a private vehicle",
                  "reduced_to": "amount the Department reduced it to", "suspended": "suspended for insufficient funding"},
                 ("monthly_cost",), {"monthly": usd("the monthly subsidy")}, _transit),
        RuleSpec("subsidies.childcare", "the monthly child care subsidy (Child Care Subsidy ¶a–¶c)",
                 {"family_income": "total family income a year", "monthly_cost": "actual child care costs a month",
                  "children": "children in licensed care", "licensed": "licensed care", "permanent": "permanent position",
                  "married_filing_separately": "married filing separately", "tax_year": "tax year"},
                 ("family_income", "monthly_cost"), {"monthly": usd("the monthly subsidy")}, _childcare),
    )


__all__ = ["PAY_PERIOD_VALUES", "PROJECTION_VALUES", "specs"]
