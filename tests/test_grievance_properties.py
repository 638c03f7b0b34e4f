"""Properties of the grievance timeline over random records (hypothesis), and bulk mode = single mode.

- no milestone is due before the step it counts from (its predecessor's date, or due date if not done);
- every workday deadline falls on a workday;
- the vectorised bulk mode gives the same due dates and statuses as the single-grievance engine.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from lmcore.grievance import Grievance, timeline
from lmcore.grievance.bulk import bulk_deadlines, bulk_steps
from lmcore.grievance import PATHS
from lmcore.grievance.steps import path_steps

READINGS = {
    "count.event_on_nonworkday": ["next_workday_is_day_1", "deemed_received_next_workday"],
    "grievance.reply_due_start": ["last_day_for_reply", "first_day_late"],
    "grievance.late_decision_clock": ["from_reply_due", "from_receipt"],
    "grievance.reply_due_without_meeting": ["meeting_deadline_plus_decision_time", "meeting_deadline"],
    "grievance.response_clock_start": ["completed_form", "first_receipt"],
}
_CONTRACTS: dict[tuple, object] = {}


def contract_for(base, choices: dict[str, str]):
    key = tuple(sorted(choices.items()))
    if key not in _CONTRACTS:
        _CONTRACTS[key] = base.with_interpretations(choices)
    return _CONTRACTS[key]


@st.composite
def records(draw):
    """A grievance whose recorded steps come in order, a few days apart, some responses missing. A removal is
    grieved within 4 calendar days (in time for a stay under any reading) or 15 or more (too late under any:
    5 workdays never span more than 13 calendar days, Christmas 2025's closures included), then follows the
    steps of the stay path or of the ordinary path (Art. 43 §14.a). An appeal or invocation sometimes comes before
    the decision it answers (premature, §7.b(1), §10)."""
    path = draw(st.sampled_from(PATHS))
    learned = dt.date(2026, 1, 1) + dt.timedelta(days=draw(st.integers(0, 3 * 365)))
    rec: dict = {"learned": learned, "path": path}
    stay = path != "removal-stay" or draw(st.booleans())
    day = last_filer = learned
    for s in bulk_steps(path, stay):
        if not s.done or s.done in rec:
            continue
        if not draw(st.booleans()):
            if s.side == "filer":
                break
            continue
        gap = (draw(st.integers(0, 4)) if stay else draw(st.integers(15, 25))) if s.name == "stay_filing" else None
        if s.side == "filer" and s.anchor.kind == "reply" and draw(st.integers(0, 3)) == 0:
            day = last_filer  # an appeal or invocation that may come before the decision it answers (premature)
        day += dt.timedelta(days=draw(st.integers(0, 16)) if gap is None else gap)
        if s.side == "filer":
            last_filer = day
        rec[s.done] = day
        if s.name.endswith("filing") and draw(st.integers(0, 4)) == 0:
            rec["form_completed"] = day + dt.timedelta(days=draw(st.integers(0, 5)))
            day = rec["form_completed"]
    as_of = max([learned, *(v for v in rec.values() if isinstance(v, dt.date))]) + dt.timedelta(days=draw(st.integers(0, 90)))
    return rec, as_of


choices = st.fixed_dictionaries({k: st.sampled_from(v) for k, v in READINGS.items()})


def predecessors(path: str, stay: bool = True) -> dict[str, str]:
    first = path_steps(path, stay=stay)[0].name
    return {s.name: (first if s.anchor.kind == "recorded" else s.anchor.of)
            for s in path_steps(path, stay=stay) if s.anchor.kind != "event"}


@settings(max_examples=120, deadline=None)
@given(records(), choices)
def test_no_milestone_before_its_predecessor_and_workday_deadlines(contract, case, readings):
    rec, as_of = case
    c = contract_for(contract, readings)
    t = timeline(Grievance(**rec), c, as_of)
    by_name = {m.name: m for m in t.milestones}
    for name, pred_name in predecessors(rec["path"], t.stay != "lost").items():
        if name not in by_name:  # not needed once the matter was resolved
            assert rec.get("resolved")
            continue
        m, p = by_name[name], by_name[pred_name]
        since = p.done_on if p.status == "done_on_time" else p.due if p.done_on is None else None
        if name == "arbitrability_notice" and rec.get("hearing"):
            continue  # a hearing recorded within 10 workdays of invocation makes §11's notice impossible (noted)
        if since is not None:
            assert m.due >= since, (name, m.due, pred_name, since)
        assert m.start is None or m.due >= m.start
    for m in t.milestones:
        if m.deadline is not None and m.deadline.unit == "workdays":
            assert c.calendar.is_workday(m.due), (m.name, m.due)


@settings(max_examples=60, deadline=None)
@given(st.dates(dt.date(2026, 1, 1), dt.date(2029, 12, 31)), st.sampled_from(PATHS), choices)
def test_projected_dates_never_go_backward(contract, learned, path, readings):
    """With nothing recorded, each milestone is due on or after the one its count hangs on."""
    t = timeline(Grievance(learned=learned, path=path), contract_for(contract, readings), learned)
    due = {m.name: m.due for m in t.milestones}
    for name, pred in predecessors(path).items():
        assert due[name] >= due[pred]
    assert t.milestones[0].status == "open"
    assert all(m.status == "projected" for m in t.milestones[1:])


@settings(max_examples=40, deadline=None)
@given(st.lists(records(), min_size=1, max_size=8), choices)
def test_bulk_mode_equals_single_mode(contract, cases, readings):
    c = contract_for(contract, readings)
    as_of = max(a for _, a in cases)
    rows = [rec for rec, _ in cases]
    out = bulk_deadlines(pd.DataFrame(rows), c, as_of)
    for i, rec in enumerate(rows):
        t = timeline(Grievance(**rec), c, as_of)
        for s in bulk_steps(rec["path"], t.stay != "lost"):
            if s.name not in t.names:  # resolved: the later steps are not needed
                assert pd.isna(out.loc[i, f"{s.name}_due"]) and pd.isna(out.loc[i, f"{s.name}_status"])
                continue
            m = t.milestone(s.name)
            assert out.loc[i, f"{s.name}_due"] == pd.Timestamp(m.due), (rec, s.name)
            assert out.loc[i, f"{s.name}_status"] == m.status, (rec, s.name)
