"""Scenario adapters for the grievance procedure and arbitration (Arts. 43, 44): the facts are the inputs of
`lmcore grievance` / the case log (Grievance fields), of screening (Situation fields) and of `lmcore arbitration`."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .outcome import Alternative, Ask, Outcome, RuleSpec

if TYPE_CHECKING:
    from ..contract.book import Contract

MILESTONE_NAMES = ("step1_filing", "step1_meeting", "step1_decision", "step1_oelmr_decision", "step2_appeal", "step2_filing",
                   "step2_meeting", "step2_decision", "step2_oelmr_decision", "filing", "arbitration_invocation",
                   "consolidated_resolution", "institutional_filing", "institutional_resolution", "department_filing",
                   "department_resolution", "stay_filing", "stay_ends", "arbitrability_notice", "arbitration_hearing")
STATUS_WORDS = {"done_on_time": "done on time", "done_late": "done, but late", "open": "open (still to do, time remains)",
                "missed": "missed (the time ran out)", "projected": "projected (depends on a step not yet taken)",
                "premature": "premature (done before the step it answers was due or received)"}
PATH_WORDS = {"employee": "employee grievance at Step 1 (§7)", "merit-staffing": "merit staffing, filed at Step 2 (§7.a(2))",
              "union-institutional": "Union institutional grievance at Step 2 (§8.b)", "department": "Department grievance (§9)",
              "removal-stay": "removal with a stay, at Step 2 (§14.a)", "none": "not grievable"}
# The dates a count could wrongly be started from, as a slip names them ("you counted from the filing").
START_WORDS = {"learned": "the day the violation was learned of", "occurred": "the day the violation occurred",
               "filed": "the filing", "form_completed": "the completed form", "step1_meeting": "the Step 1 meeting",
               "step1_decision": "the Step 1 decision", "step2_appeal": "the Step 2 appeal", "step2_meeting": "the Step 2 meeting",
               "step2_decision": "the Step 2 decision", "invoked": "the invocation", "hearing": "the hearing",
               "consolidated": "the consolidation", "resolved": "the resolution"}
ARBITRATION_MILESTONES = ("hearing_by", "prehearing_meeting", "exchange_meeting", "arbitrability_notice", "decision")


def _grievance_facts() -> dict[str, str]:
    from ..grievance.record import DATE_FIELDS

    words = {k: v[0] for k, v in DATE_FIELDS.items()}
    words.update(path="kind of grievance (path)", continuing="a continuing condition", agencies="one DOL Agency or more",
                 consolidation="consolidated Union-filed grievances", expedited="expedited arbitration",
                 waivers="steps waived in writing (§13.b)", extensions="time limits extended in writing (§13.a)",
                 title="name of the grievance", as_of="the day the statuses are judged on")
    return words


def _timeline(facts: dict[str, Any], ask: str, of: str | None, contract: Contract) -> Outcome:
    from ..calendar import to_date
    from ..grievance import Grievance, timeline
    from ..grievance.record import DATE_FIELDS

    record = {k: v for k, v in facts.items() if k != "as_of"}
    g = Grievance.from_mapping(record)
    dates = g.recorded()
    signed = [x.agreed_on for x in (*g.waivers, *g.extensions) if x.agreed_on]
    as_of = to_date(facts["as_of"], "as-of date") if facts.get("as_of") else max([*dates.values(), *signed])
    t = timeline(g, contract, as_of)
    if ask == "ends":
        end = t.untimely
        text = "\n".join(t.notes) or "No filing, appeal or invocation was missed or late: the grievance goes on (Art. 43 §12)."
        quote = " ".join(contract.section("Art. 43 §12").text.split()[2:])
        if end is None:
            return Outcome(False, text, "Art. 43 §12", quote, t.interpretations)
        return Outcome(True, text + "\n\n" + end.explain(), "Art. 43 §12", quote, t.interpretations,
                       words=text + "\n\n" + end.explain(words=True))
    m = t.milestone(of or "")
    quote = m.deadline.quote if m.deadline else None
    if ask == "status":
        head = f"{m.label}: {STATUS_WORDS[m.status]} (judged on {as_of}).\n"
        return Outcome(m.status, head + m.explain(), m.cite, quote, m.interpretations, m.deadline,
                       words=head + m.explain(words=True))
    starts = tuple((START_WORDS.get(k, "the " + DATE_FIELDS[k][0]), d) for k, d in dates.items() if d != m.start)
    return Outcome(m.due, m.explain(), m.cite, quote, m.interpretations, m.deadline, starts, words=m.explain(words=True))


def _screening(facts: dict[str, Any], ask: str, of: str | None, contract: Contract) -> Outcome:
    from ..grievance import Situation, screen

    s = screen(Situation(**facts), contract)
    bar = next((f for f in s.findings if f.effect == "bars"), None)
    route = next((f for f in s.findings if f.effect == "routes"), None)
    main = bar or route or s.findings[0]
    value: Any = {"grievable": s.grievable, "stay": s.stay, "path": s.path or "none"}[ask]
    return Outcome(value, s.explain(), main.cite, main.quote)


def _arbitration(facts: dict[str, Any], ask: str, of: str | None, contract: Contract) -> Outcome:
    from ..arbitration import milestones

    sched = milestones(facts["invoked"], facts["kind"], contract, hearing=facts.get("hearing"),
                       record_closed=facts.get("record_closed"))
    try:
        m = sched[of or ""]
    except KeyError:
        have = ", ".join(x.name for x in sched.milestones)
        from ..errors import InvalidInput

        raise InvalidInput(f"no milestone '{of}' for these facts (a decision needs the hearing or the close of the record)",
                           cite="Art. 44", fix=f"Milestones here: {have}", field="of") from None
    alts = ()
    if m.other is not None:
        alts = (Alternative("other_limit", f"you used only one of the two limits ({m.other.label}, {m.other.cite}); both "
                            "apply, so the earlier date binds", m.other.due),)
    starts = tuple((w, d) for w, d in (("the invocation", sched.invoked), ("the hearing", sched.hearing),
                                        ("the close of the record", sched.record_closed)) if d and d != m.deadline.start)
    tail = "".join(f"\n{w} ({c})" for w, c in sched.notes) + "".join(f"\n{f}" for f in sched.flaws)
    return Outcome(m.due, m.explain() + tail, m.cite, m.deadline.quote, m.deadline.interpretations, m.deadline, starts, alts,
                   words=m.explain(words=True) + tail)


def _costs(facts: dict[str, Any], ask: str, of: str | None, contract: Contract) -> Outcome:
    from ..arbitration import split_costs

    split = split_costs(contract, **facts)
    value = float({"union": split.union, "department": split.department, "total": split.total}[ask])
    alts = []
    lines = {ln.item: ln for ln in split.lines}
    t = lines.get("Transcripts")
    if t is not None and ask in ("union", "department"):
        half = float(t.amount) / 2
        alts.append(Alternative("transcripts_split", "you split the transcripts between the parties; Management pays for "
                                "them (Art. 44 §2.b)", value + half if ask == "union" else value - half))
    cite = "Art. 44 §2.a" if ask != "total" else "Art. 44 §2"
    return Outcome(value, split.explain(), cite, contract.param("arbitration.fee_share").quote, (), alternatives=tuple(alts))


def specs() -> tuple[RuleSpec, ...]:
    """The rules of Arts. 43 and 44 a scenario can name."""
    from ..grievance.screening import FILERS
    from ..grievance.milestones import STATUSES

    statuses = {k: STATUS_WORDS[k] for k in STATUSES}
    situation = {"filer": f"who files ({', '.join(FILERS)})", "subject": "what it is about", "status": "the employee's status",
                 "within_2b": "working conditions or a right the Agreement grants (§2.b)", "relief": "personal or institutional",
                 "agencies": "one DOL Agency or more", "consolidation": "consolidation (§8.c(2))",
                 "alleges_ppp": "a prohibited personnel practice is alleged", "other_forum": "already raised in another forum",
                 "removal_statute": "removal under 5 U.S.C. 4303, 7512 or other", "service_years": "years of Federal service",
                 "excepted_service": "in the excepted service", "union_in_notice_period": "the Union represented in the notice period",
                 "former_employee": "a former bargaining unit employee"}
    return (
        RuleSpec("grievance.timeline", "the timeline of one grievance (Art. 43 §6–§14)", _grievance_facts(), ("learned",), {
            "due": Ask("date", "the last day for a step", needs_of="milestone", of_choices=MILESTONE_NAMES),
            "status": Ask("choice", "the status of a step", needs_of="milestone", of_choices=MILESTONE_NAMES,
                          default_choices=statuses),
            "ends": Ask("yes/no", "whether the grievance ends for failure to proceed in time (§12)"),
        }, _timeline),
        RuleSpec("grievance.screening", "can it be grieved, and where (Art. 43 §2, §3, §8, §9, §14; Art. 10 §11)", situation, (), {
            "grievable": Ask("yes/no", "whether the matter can be grieved"),
            "path": Ask("choice", "the path the grievance takes", default_choices=dict(PATH_WORDS)),
            "stay": Ask("yes/no", "whether a timely grievance stays the removal (§14.a)"),
        }, _screening),
        RuleSpec("arbitration.milestones", "the dated steps of an invoked arbitration (Art. 44 §3, §5, §8, §9)",
                 {"invoked": "date arbitration was invoked", "kind": "regular, expedited or stayed",
                  "hearing": "hearing date (held or scheduled)", "record_closed": "date the record closed"},
                 ("invoked", "kind"), {
            "due": Ask("date", "the last day for a step", needs_of="milestone", of_choices=ARBITRATION_MILESTONES),
        }, _arbitration),
        RuleSpec("arbitration.costs", "who pays the arbitration (Art. 44 §2, §3.f)",
                 {"fees": "arbitrator's fees", "expenses": "arbitrator's expenses", "transcripts": "transcripts",
                  "cancellation_fee": "late cancellation fee", "cancellation_requested_by": "who asked to postpone or cancel"},
                 (), {
            "union": Ask("number", "what the Union pays", unit="usd"),
            "department": Ask("number", "what the Department pays", unit="usd"),
            "total": Ask("number", "the whole bill", unit="usd"),
        }, _costs),
    )


__all__ = ["ARBITRATION_MILESTONES", "MILESTONE_NAMES", "PATH_WORDS", "STATUS_WORDS", "specs"]
