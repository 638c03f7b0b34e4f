"""The timeline engine behind lmcore.grievance.timeline(): walks a path's steps in order and resolves where each
count starts — a recorded date, or the latest allowed date of the step before (projected)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from ..calendar import add_months
from ..contract.readings import Choice
from ..deadlines import Deadline, count_calendar_days, fmt_day
from ..errors import InvalidDate, LmcoreError
from .milestones import Milestone, Timeline, ended_at
from .safe_dates import with_safe_dates
from .record import DATE_FIELDS, SCHEDULED_FIELDS, Grievance
from .steps import STAY_FILING, StepSpec, amount, oelmr_step, path_steps, render
from .timeliness import Timeliness

__all__ = ["Engine", "add_months", "timeline"]

# Readings the engine itself applies (beside the counting readings of each deadline).
STAY_START, STAY_END = "grievance.removal_stay_start", "grievance.removal_stay_end"


@dataclass
class _Start:
    day: dt.date
    firm: bool
    words: str
    key: str
    choices: list[Choice] = field(default_factory=list)
    base: Deadline | None = None  # a deadline taken over whole (no meeting held: due when the meeting time ran out)


class Engine:
    """Walks the path's steps in order, resolving each count's start from what was recorded or projected."""

    def __init__(self, g: Grievance, contract: Any, as_of: dt.date):
        self.g, self.c, self.as_of = g, contract, as_of
        self.ms: dict[str, Milestone] = {}
        self.firm: dict[str, bool] = {}
        self.notes: list[str] = []
        self.used: list[str] = []  # every reading the walk applied, for Timeline.interpretations
        self.waivers = {w.step: w for w in g.waivers}
        self.ext = {e.milestone: e for e in g.extensions}
        kw = dict(waived=set(self.waivers), consolidation=g.consolidation, agencies=g.agencies,
                  invoked=g.invoked is not None, expedited=g.expedited)
        self.specs = path_steps(g.path, **kw)  # type: ignore[arg-type]
        self.by_name = {s.name: s for s in self.specs}
        self.stay = self._stay_status() if g.path == "removal-stay" else None
        if self.stay == "lost":
            self.specs = path_steps(g.path, stay=False, **kw)  # type: ignore[arg-type]
            self.by_name = {s.name: s for s in self.specs}
        self.timeliness = Timeliness(self)

    # -- the walk ------------------------------------------------------------------------------
    def run(self) -> Timeline:
        from .checks import check

        check(self.g, self.specs, self.as_of)
        out: list[Milestone] = []
        for spec in self.specs:
            dec = spec.anchor.of if spec.anchor.kind == "reply" else None
            if dec and getattr(self.g, f"step{dec[4]}_oelmr_notice", None) and dec in self.ms:
                self._check_notice(dec)
                out.append(self.step(oelmr_step(dec)))
            out.append(self.step(spec))
        self._path_notes()
        if self.g.resolved:
            kept = [m for m in out if m.done_on or m.side == "period"]
            if len(kept) < len(out):
                self.notes.append(f"Resolved on {fmt_day(self.g.resolved)}: the later steps are not needed.")
            out = kept
        if (t := ended_at(out)) is not None:
            self.notes.insert(0, f"{t.label} was due {fmt_day(t.due)} and is not recorded: the grievance ends for "  # type: ignore[arg-type]
                                 "failure to proceed in a timely fashion (Art. 43 §12), unless the time limit was "
                                 "extended in writing (§13.a). Later dates are shown as projected.")
        self.notes[:0] = self.timeliness.timeline_notes()
        used = self.c.used(*dict.fromkeys(self.used))
        return Timeline(self.g, self.as_of, tuple(out), tuple(self.notes), used, self.stay)

    def _check_notice(self, dec: str) -> None:
        """OELMR is notified only once a decision is late (§7.a(5), §7.b(4))."""
        notice, m = getattr(self.g, f"step{dec[4]}_oelmr_notice"), self.ms[dec]
        if self.firm[dec] and m.due and notice <= m.due:
            words, cite = DATE_FIELDS[f"step{dec[4]}_oelmr_notice"]
            raise InvalidDate(f"the {words} ({notice}) is not after the day the decision was due ({m.due}): OELMR is "
                              "notified only when no decision is rendered in a timely fashion", cite=cite,
                              fix="Check the notice date, or leave it out", field=f"step{dec[4]}_oelmr_notice")

    def step(self, spec: StepSpec) -> Milestone:
        st = self.start(spec)
        notes: list[str] = []
        deadline, firm = self.count(spec, st, notes)
        done = getattr(self.g, spec.done) if spec.done else None
        if spec.done in SCHEDULED_FIELDS and done and done > self.as_of:
            notes.append(f"Scheduled for {fmt_day(done)}" + (" — after the time limit." if deadline and done > deadline.due else "."))
            done = None
        due = deadline.due if deadline else None
        if done is not None:
            status = "done_on_time" if due is None or done <= due else "done_late"
        elif due is None:
            status = "open"
        elif not firm:
            status = "projected"
        else:
            status = "missed" if self.as_of > due else "open"
        status = self.timeliness.judge(spec, status, done, due, notes)
        self.firm[spec.name] = firm
        choices = list(deadline.interpretations if deadline else ()) + st.choices
        ids: dict[str, Choice] = {}
        for ch in choices:
            ids.setdefault(ch.id, ch)
        self.used += list(ids)
        m = Milestone(spec.name, spec.label, self._actor(spec), spec.side, due, self.c.param(spec.key).cite, status,
                      render(spec.consequence, self.c), spec.consequence_cite, deadline, done,
                      st.day if deadline else None, st.words, tuple(notes), tuple(self.c.flaws_for(spec.cite)),
                      tuple(ids.values()))
        self.ms[spec.name] = m
        return m

    # -- the removal stay (§14.a) --------------------------------------------------------------
    def _stay_status(self) -> str:
        """"granted" (grieved within the limit), "open" (not yet, still time) or "lost" (late: no stay, §14.a)."""
        spec = self.by_name[STAY_FILING]
        due = self._counted(spec, self.start(spec)).due
        if self.g.filed is not None:
            return "granted" if self.g.filed <= due else "lost"
        return "open" if self.as_of <= due else "lost"

    # -- where each count starts -------------------------------------------------------------
    def start(self, spec: StepSpec) -> _Start:
        a, key = spec.anchor, spec.key
        if a.kind == "event":
            if a.of == "occurred" and self.g.occurred is None:
                return _Start(self.g.learned, True, f"from the occurrence of the violation, {fmt_day(self.g.learned)} "
                              "(the date given; §8.b(3) counts from the occurrence, not from when it was learned of)", key)
            day = getattr(self.g, a.of)
            words = {"learned": "from learning of the alleged violation", "occurred": "from the occurrence of the violation",
                     "step1_oelmr_notice": "from the Union's notice to OELMR", "step2_oelmr_notice": "from the Union's notice to OELMR"}
            if a.of == "learned" and (spec.name == STAY_FILING or self.g.path == "removal-stay"):
                return _Start(day, True, f"from receipt of the removal decision, {fmt_day(day)}", key)
            return _Start(day, True, f"{words.get(a.of, 'from ' + a.of)}, {fmt_day(day)}", key)
        if a.kind == "recorded":
            day = getattr(self.g, a.of)
            if day is not None:
                return _Start(day, True, f"from the consolidation, {fmt_day(day)}", key)
            first = self.ms[self.specs[0].name]
            day = first.done_on or first.due or max(self.as_of, self.g.learned)  # (a continuing condition has no due)
            return _Start(day, False, f"from {fmt_day(day)}, the earliest the grievances can be consolidated "  # type: ignore[arg-type]
                          "(consolidation date not known yet: projected)", key)
        if a.kind == "months":
            if self.c.choice(STAY_START) == "from_decision_receipt":
                st = _Start(self.g.learned, True, f"from receipt of the removal decision, {fmt_day(self.g.learned)}", key)
            else:
                st = self._after(self.by_name[a.of])
                st.key = key
            st.choices.extend(self.c.used(STAY_START, cite=spec.cite))
            return st
        if a.kind == "decision":
            return self._decision(spec)
        if a.kind == "reply":
            st = self._reply(spec)
        elif a.kind == "end":
            pred = self.ms[a.of]
            st = _Start(pred.due, self.firm[a.of], f"from the end of the resolution period, {fmt_day(pred.due)}", key)  # type: ignore[arg-type]
        else:  # after, arbitrability
            st = self._after(self.by_name[a.of], a.clock)
            st.key = key
        return self._waiver_floor(spec, st)

    def _after(self, pred: StepSpec, clock: str | None = None) -> _Start:
        m = self.ms[pred.name]
        if clock and getattr(self.g, clock):
            ch = self.c.used("grievance.response_clock_start", cite="Art. 43 §6.b")
            if self.c.choice("grievance.response_clock_start") == "completed_form":
                return _Start(getattr(self.g, clock), True, f"from receipt of the properly completed form, "
                              f"{fmt_day(getattr(self.g, clock))} (§6.b)", pred.key, choices=list(ch))
            if m.done_on:
                return _Start(m.done_on, True, f"from the {_what(pred)}, {fmt_day(m.done_on)} (first receipt)", pred.key,
                              choices=list(ch))
        if m.done_on:
            return _Start(m.done_on, True, f"from the {_what(pred)}, {fmt_day(m.done_on)}", pred.key)
        if m.due is None:  # a continuing condition not grieved yet: project from today
            day = max(self.as_of, self.g.learned)
            return _Start(day, False, f"from {fmt_day(day)} if filed that day (continuing condition: projected)", pred.key)
        firm = self.firm[pred.name] and m.status == "missed" and pred.side != "filer"
        return _Start(m.due, firm, f"from the last day allowed for the {_what(pred)}, {fmt_day(m.due)} "
                      f"(not recorded: {'it was missed' if firm else 'projected'})", pred.key)

    def _decision(self, spec: StepSpec) -> _Start:
        meeting = self.ms[spec.anchor.of]
        if meeting.done_on:
            return _Start(meeting.done_on, True, f"from the meeting, {fmt_day(meeting.done_on)}", spec.key)
        firm = self.firm[meeting.name] and meeting.status == "missed"
        if not firm:
            return _Start(meeting.due, False, f"from the last day allowed for the meeting, {fmt_day(meeting.due)} "  # type: ignore[arg-type]
                          "(not held yet: projected)", spec.key)
        ch = list(self.c.used("grievance.reply_due_without_meeting", cite=spec.cite))
        st = _Start(meeting.due, True, f"from the last day allowed for the meeting, {fmt_day(meeting.due)} "  # type: ignore[arg-type]
                    "(no meeting was held)", spec.key, choices=ch)
        if self.c.choice("grievance.reply_due_without_meeting") == "meeting_deadline":
            st.base = replace(meeting.deadline, label=f"{spec.label} (no meeting held: due when the meeting time ran out)")  # type: ignore[arg-type]
            st.day, st.words = meeting.deadline.start, "as the meeting: no meeting was held"  # type: ignore[union-attr]
        return st

    def _reply(self, spec: StepSpec) -> _Start:
        """Receipt of the decision, or (no timely decision) when it was due: §7.b(1) and §10."""
        dec_name = spec.anchor.of
        n = dec_name[4]
        oelmr = self.ms.get(f"step{n}_oelmr_decision")
        choices: list[Choice] = []
        if oelmr is not None:
            choices += self.c.used("grievance.oelmr_notice", cite=spec.cite)
            if self.c.choice("grievance.oelmr_notice") == "from_oelmr_decision":
                dec_name = oelmr.name
        dec = self.ms[dec_name]
        what = "OELMR decision" if dec_name.endswith("oelmr_decision") else f"Step {n} decision"
        due: dt.date = dec.due  # type: ignore[assignment]
        received = self.g.step1_decision if n == "1" else self.g.step2_decision
        if received and received <= due:
            return _Start(received, True, f"from receipt of the {what}, {fmt_day(received)}", spec.key, choices=choices)
        choices += self.c.used("grievance.reply_due_start", cite=spec.cite)
        late_day = due
        if self.c.choice("grievance.reply_due_start") == "first_day_late":  # the first day late: a count of 1 workday
            first_late = self.c.count(due, 1)
            late_day = first_late.due
            choices += self.c.used(*first_late.depends_on, cite=spec.cite)
        key = spec.key_no_decision or spec.key
        if received:
            choices += self.c.used("grievance.late_decision_clock", cite=spec.cite)
            if self.c.choice("grievance.late_decision_clock") == "from_receipt":
                return _Start(received, True, f"from receipt of the late {what}, {fmt_day(received)}", spec.key, choices=choices)
            return _Start(late_day, True, f"from when the {what} was due, {fmt_day(due)} (it came late, on "
                          f"{fmt_day(received)})", key, choices=choices)
        firm = self.firm[dec_name] and dec.status == "missed"
        return _Start(late_day, firm, f"from when the {what} was due, {fmt_day(due)} "
                      f"({'no timely decision' if firm else 'if no decision comes: projected'})", key, choices=choices)

    def _waiver_floor(self, spec: StepSpec, st: _Start) -> _Start:
        w = self.waivers.get(spec.anchor.waiver or "")
        if w is None:
            return st
        st.choices += self.c.used("grievance.waiver_start", cite="Art. 43 §13.b")
        if w.agreed_on and w.agreed_on > st.day and self.c.choice("grievance.waiver_start") == "later_of_event_and_agreement":
            return _Start(w.agreed_on, True, f"from the written waiver of {w.step.replace('step', 'Step ')}, "
                          f"{fmt_day(w.agreed_on)} (§13.b)", st.key, choices=st.choices)
        return st

    # -- the count -----------------------------------------------------------------------------
    def count(self, spec: StepSpec, st: _Start, notes: list[str]) -> tuple[Deadline | None, bool]:
        if spec.name == "step1_filing" and self.g.continuing:
            notes.append("A grievance concerning a continuing condition may be filed at any time during the "
                         "existence of that condition (Art. 43 §7.a(1)).")
            return None, True
        if spec.anchor.kind == "months":
            return self._months(spec, st, notes), st.firm
        d = st.base or self._counted(spec, st)
        if spec.anchor.kind == "arbitrability":
            return self._arbitrability(st, d, notes)
        if (e := self.ext.get(spec.name)) is not None:
            notes.append("Time limit modified by mutual written agreement (Art. 43 §13.a)"
                         + (f", signed {fmt_day(e.agreed_on)}" if e.agreed_on else "") + ".")
        return d, st.firm

    def _counted(self, spec: StepSpec, st: _Start) -> Deadline:
        e = self.ext.get(spec.name)
        if e is not None and e.until is not None:
            if e.until < st.day:
                raise InvalidDate(f"the agreed new due date of {spec.name} ({e.until}) is before the day its count "
                                  f"starts ({st.day})", cite="Art. 43 §13.a", fix="Check the date agreed", field="extensions")
            cal = self.c.calendar
            text = " ".join(self.c.section("Art. 43 §13.a").text.split()[1:])
            return Deadline(e.until, st.day, int(cal.workdays_between(st.day, e.until)), "workdays",
                            cal.explain(st.day, e.until), "Art. 43 §13.a", st.key,
                            f"{spec.label} (date agreed in writing)", text)
        if e is not None and e.workdays:
            base = self.c.param(st.key).signed
            unit = "workdays" if self.c.param(st.key).unit == "workdays" else "days"
            return self.c.deadline(st.key, st.day, amount=base + e.workdays,
                                   label=f"{spec.label} (extended by {e.workdays} {unit} in writing)")
        return self.c.deadline(st.key, st.day, label=spec.label)

    def _months(self, spec: StepSpec, st: _Start, notes: list[str]) -> Deadline:
        """The last day stayed: N months beginning on the day the stay starts (reading grievance.removal_stay_end)."""
        p = self.c.param(spec.key)
        months = int(p.value)
        same = add_months(st.day, months)
        last = same if self.c.choice(STAY_END) == "same_date" or same.day != st.day.day else same - dt.timedelta(days=1)
        st.choices.extend(self.c.used(STAY_END, cite=spec.cite))
        notes.append(f"The removal may take effect from {fmt_day(last + dt.timedelta(days=1))} unless an award came "
                     f"first (the stay lasts {amount(self.c, spec.key)} beginning {fmt_day(st.day)}).")
        return count_calendar_days(self.c.calendar, st.day, (last - st.day).days, cite=p.cite, rule=spec.key,
                                   label=f"{spec.label} (last day stayed: {amount(self.c, spec.key)} beginning "
                                         f"{fmt_day(st.day)})", quote=p.quote)

    def _arbitrability(self, st: _Start, after: Deadline, notes: list[str]) -> tuple[Deadline, bool]:
        """No later than 20 workdays after invocation AND at least 10 workdays before the hearing (§11)."""
        hearing_key = next(s.key for s in self.specs if s.name == "arbitration_hearing")
        hearing, hearing_firm = self.g.hearing, True
        if hearing is None:
            hearing, hearing_firm = self.c.deadline(hearing_key, st.day).due, False
        key = "grievance.arbitrability_notice_before_hearing"
        before = self.c.deadline(key, hearing, label=f"Raise grievability/arbitrability (at least {amount(self.c, key)} "
                                                     "before the hearing)")
        notes.append(f"Also at least {amount(self.c, key)} before the hearing ({'scheduled' if hearing_firm else 'latest allowed'} "
                     f"{fmt_day(hearing)}): {fmt_day(before.due)}. The earlier of the two limits applies.")
        if before.due < st.day:
            notes.append(f"The hearing is less than {amount(self.c, key)} after the invocation: an objection can no "
                         f"longer be given {amount(self.c, key)} before it (raise the hearing date with the other party).")
        if before.due < after.due:
            return before, hearing_firm and st.firm
        return after, st.firm

    # -- words ---------------------------------------------------------------------------------
    def _actor(self, spec: StepSpec) -> str:
        if spec.name == "arbitrability_notice":
            self.used.append("grievance.arbitrability_notice_party")
            if self.c.choice("grievance.arbitrability_notice_party") == "department_only":
                return "The Department (Art. 44 §9)"
        return spec.actor

    def _path_notes(self) -> None:
        g = self.g
        if g.path == "merit-staffing":
            self.notes.append("Merit staffing: filed at Step 2 with the servicing Human Resources Officer; Step 1 is "
                              "automatically waived (Art. 43 §7.a(2)).")
        if g.path == "removal-stay":
            self.notes.append(self.timeliness.stay_note())
        if g.path == "union-institutional" and g.occurred is None:
            self.notes.append(f"Counting from {fmt_day(g.learned)} as the date of the occurrence: a Union institutional "
                              "grievance runs from the occurrence of the violation, not from when it was learned of "
                              "(Art. 43 §8.b(3)). If it occurred earlier, give that date.")
        if g.consolidation:
            where = {"single-supervisor": "as a single grievance with that supervisor at Step 1 (Art. 43 §8.c(2)(a))",
                     "single-agency": "with the Agency Administrative Officer at Step 1 (Art. 43 §8.c(2)(b))",
                     "multi-agency": "and filed at Step 2 with OELMR (Art. 43 §8.c(2)(c))"}[g.consolidation]
            self.notes.append(f"Union-filed grievances for {amount(self.c, 'grievance.consolidation_min_employees')} or "
                              f"more employees, consolidated by mutual agreement {where}.")
        for w in g.waivers:
            self.notes.append(f"{w.step.replace('step', 'Step ')} waived by mutual written agreement"
                              + (f" on {fmt_day(w.agreed_on)}" if w.agreed_on else "") + " (Art. 43 §13.b).")
        if g.form_completed and g.filed and g.form_completed != g.filed:
            self.notes.append(f"Filed (for timeliness) {fmt_day(g.filed)}; the properly completed form was received "
                              f"{fmt_day(g.form_completed)}, which starts the response time; an incomplete form is returned for "
                              "completion, not rejected (Art. 43 §6.b).")


def _what(spec: StepSpec) -> str:
    """A step named in a sentence: "filing", "appeal", "invocation", or its label."""
    if spec.side == "filer":
        return "filing" if "filing" in spec.name else "appeal" if "appeal" in spec.name else "invocation"
    return spec.label[0].lower() + spec.label[1:]


def timeline(grievance: Grievance, contract: Any = None, as_of: dt.date | None = None, *,
             readings: bool = True, safe: bool = False) -> Timeline:
    """Every milestone of the grievance as of a date (Art. 43 §6–§14; Art. 44 §3 once arbitration is invoked).

    Each milestone lists exactly the readings that decide it (its date or who acts): switched alone, each would
    change it — through its own count or through the steps it is counted from. That takes one more walk per reading
    used; `readings=False` skips it (same dates and statuses; each milestone then lists the readings its own count
    and start applied) for callers that need only those, such as a board of many cases. `safe=True` adds each
    milestone's safe date (`Milestone.safe`: its date under every combination of the readings that decide it)."""
    from ..contract.loading import load_contract

    contract = contract or load_contract()
    day = as_of or dt.date.today()
    t = Engine(grievance, contract, day).run()
    t = _deciding_readings(t, grievance, contract, day) if readings else t
    if safe:
        t = with_safe_dates(t, lambda c: Engine(grievance, c, day).run(), contract)
    return t


def _deciding_readings(t: Timeline, g: Grievance, contract: Any, as_of: dt.date) -> Timeline:
    """Keep on each milestone only the readings that decide it, found by switching each one used and comparing."""

    def answer(c: Any) -> dict[str, Any]:
        try:
            return {m.name: (m.due, m.actor) for m in Engine(g, c, as_of).run().milestones}
        except LmcoreError:  # under that reading the record no longer fits (e.g. a notice before a new due date)
            return {}

    base = {m.name: (m.due, m.actor) for m in t.milestones}
    decided = contract.deciding(answer, [c.id for c in t.interpretations], base)
    origin: dict[str, str] = {}  # where each reading was applied first: the rule it is cited with when inherited
    for m in t.milestones:
        for c in m.interpretations:
            origin.setdefault(c.id, c.cite)
    ms = []
    for m in t.milestones:
        own = {c.id: c.cite for c in m.interpretations}
        ids = decided.get(m.name, ())
        ms.append(replace(m, interpretations=tuple(contract.used(i, cite=own.get(i) or origin.get(i) or m.cite)[0] for i in ids)))
    ids = [c.id for c in t.interpretations if any(c.id in v for v in decided.values())]
    return replace(t, milestones=tuple(ms), interpretations=contract.used(*ids))
