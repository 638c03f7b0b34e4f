"""Flexiplace (Art. 10): eligibility (§3, no item E), formal/informal (§2), grievability (§11), the time frames
(§5.A decision, §5.C start), notices (§6.E.4, §7, §8.B.1, §15), inability after 90 days (§8.A.2); CLI and dashboard."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lmcore.cli import main
from lmcore.errors import InvalidDate, InvalidInput, OutOfRange
from lmcore.flexiplace import (arrangement_type, clocks, criteria, eligibility, equipment_notice, grievability,
                               inability_shown_from, inspection_notice, missing_items, recall_notice,
                               termination_grounds, termination_notice)

D = dt.date
AS_OF = D(2026, 11, 23)
ALL_MET = {k: True for k in "ABCDFG"}


# -- §3 eligibility ------------------------------------------------------------------------------------------
def test_printed_criteria_skip_e(contract):
    """Art. 10 §3 prints A, B, C, D, F, G (flaw art10_3_skips_item_e)."""
    assert [c.letter for c in criteria(contract)] == list("ABCDFG") and missing_items(contract) == ("E",)
    assert criteria(contract)[2].cite == "Art. 10 §3.C" and "Fully Successful" in criteria(contract)[2].text


def test_eligible_only_when_every_criterion_is_met(contract):
    assert eligibility(ALL_MET, contract).eligible is True
    no_d = eligibility(ALL_MET | {"D": False}, contract)
    assert no_d.eligible is False and "criterion D not met" in no_d.answer()
    open_g = eligibility(ALL_MET | {"G": None}, contract)
    assert open_g.eligible is None and "answer criteria G" in open_g.answer()
    assert eligibility({}, contract).eligible is None


def test_eligibility_shows_the_missing_item_e(contract):
    e = eligibility(ALL_MET, contract)
    assert e.missing == ("E",) and any("no item E" in f for f in e.flaws) and "E: missing from the printed text" in e.explain()
    with pytest.raises(InvalidInput, match=r"no criterion E.*Art\. 10 §3"):
        eligibility({"E": True}, contract)
    with pytest.raises(InvalidInput, match="'Z' is not a criterion"):
        eligibility({"Z": True}, contract)


# -- §2 and §11 --------------------------------------------------------------------------------------------------
def test_formal_and_informal_arrangements(contract):
    """Art. 10 §2: permanent → formal (written agreement); ad hoc → informal, normally one day or less, never a trial."""
    assert arrangement_type(True, False, contract=contract).answer == "formal"
    assert arrangement_type(False, True, contract=contract).answer == "formal"  # regular or recurring
    informal = arrangement_type(False, False, 2, contract=contract)
    assert informal.ok and informal.answer == "informal" and any("longer than usual" in r for r in informal.reasons)
    assert arrangement_type(False, False, 1, trial_for_formal=True, contract=contract).ok is False


@pytest.mark.parametrize("decision, arrangement, ppp, ok", [
    ("participation", "formal", False, True), ("recall", "formal", False, True), ("termination", "formal", False, True),
    ("other", "formal", False, None),            # §11 names only participation, recall and termination
    ("participation", "informal", False, False), ("termination", "informal", True, True),  # only as a PPP (Art. 43 §2.c)
])
def test_grievability(contract, decision, arrangement, ppp, ok):
    """Art. 10 §11."""
    assert grievability(decision, arrangement, prohibited_personnel_practice=ppp, contract=contract).ok is ok


def test_grievability_bad_input(contract):
    with pytest.raises(InvalidInput, match=r"Art\. 10 §11"):
        grievability("promotion", "formal", contract=contract)


# -- §5 time frames ------------------------------------------------------------------------------------------------
def test_decision_due_15_calendar_days_after_the_request(contract):
    """Art. 10 §5.A: request Mon 2026-11-23; day 1 = Tue 11-24 … day 7 = Mon 11-30, day 15 = Tue 2026-12-08 (a workday)."""
    c = clocks(AS_OF, contract=contract)
    assert c.decision.due == D(2026, 12, 8) and c.answer() == "Decision due 2026-12-08 (Art. 10 §5.A)."
    # day 15 is a workday: the non-workday reading cannot move it, so it is not listed (issue 13 §3)
    assert "flexiplace.decision_due_nonworkday" not in c.decision.depends_on


@pytest.mark.parametrize("requested, roll, due", [
    (D(2026, 11, 21), "backward", D(2026, 12, 4)),  # Sat + 15 = Sun 12-06 → last workday before: Fri 12-04
    (D(2026, 11, 21), "forward", D(2026, 12, 7)),   # → Mon 12-07
    (D(2026, 11, 21), "none", D(2026, 12, 6)),      # → Sun 12-06 itself
    (D(2026, 12, 10), "backward", D(2026, 12, 24)),  # + 15 = Fri 12-25 Christmas → Thu 12-24
    (D(2026, 12, 10), "forward", D(2026, 12, 28)),   # → Sat, Sun skipped → Mon 12-28
])
def test_decision_due_on_a_weekend_or_holiday(contract, requested, roll, due):
    c = contract.with_interpretations({"flexiplace.decision_due_nonworkday": roll})
    assert clocks(requested, contract=c).decision.due == due


def test_agreed_extension_and_a_late_decision(contract):
    """§5.A extended by mutual agreement: 15 + 5 = 20 days after 11-23 = Sun 12-13 → Fri 2026-12-11; decided 12-09 is
    on time; without the extension (due 12-08) it is 1 day late."""
    c = clocks(AS_OF, extended_by=5, decided=D(2026, 12, 9), contract=contract)
    assert (c.decision.due, c.decision_on_time) == (D(2026, 12, 11), True)
    late = clocks(AS_OF, decided=D(2026, 12, 9), contract=contract)
    assert late.decision_on_time is False and "1 day late" in late.explain()


def test_start_within_30_calendar_days_of_the_agreement(contract):
    """Art. 10 §5.C: agreement Thu 2026-12-10 + 30 = Sat 2027-01-09 → backward to Fri 2027-01-08; from Tue 12-01 → Thu 12-31."""
    c = clocks(AS_OF, decided=D(2026, 12, 4), agreement_completed=D(2026, 12, 10), started=D(2027, 1, 11), contract=contract)
    assert c.start.due == D(2027, 1, 8) and c.start_on_time is False
    assert clocks(AS_OF, agreement_completed=D(2026, 12, 1), contract=contract).start.due == D(2026, 12, 31)


@pytest.mark.parametrize("kwargs, error, words", [
    (dict(decided=D(2026, 11, 20)), InvalidDate, r"decision \(2026-11-20\) is dated before the request.*Art\. 10 §5\.A"),
    (dict(decided=D(2026, 12, 1), agreement_completed=D(2026, 11, 30)), InvalidDate, r"agreement.*before the decision.*§5\.C"),
    (dict(agreement_completed=D(2026, 12, 1), started=D(2026, 11, 30)), InvalidDate, r"began before the agreement"),
    (dict(started=D(2026, 12, 1)), InvalidInput, r"needs the date the agreement was completed"),
    (dict(extended_by=-1), OutOfRange, r"Art\. 10 §5\.A"),
    (dict(extended_by=2.5), InvalidInput, r"whole number"),
])
def test_bad_clock_dates(contract, kwargs, error, words):
    with pytest.raises(error, match=words):
        clocks(AS_OF, contract=contract, **kwargs)


@settings(max_examples=120, deadline=None)
@given(st.dates(D(1972, 1, 1), D(2098, 11, 30)), st.integers(0, 30))
def test_decision_due_is_a_workday_within_the_limit(contract, requested, extra):
    """Under the default (backward) reading the due date is a workday, at most 15 + extra days after the request and at
    most 5 days before that limit (the longest run of non-workdays: Wed 2025-12-24 to Sun 12-28)."""
    due = clocks(requested, extended_by=extra, contract=contract).decision.due
    limit = requested + dt.timedelta(days=15 + extra)
    assert contract.calendar.is_workday(due) and limit - dt.timedelta(days=5) <= due <= limit


def test_decision_due_before_the_2025_christmas_closures(contract):
    """Request Sat 2025-12-13 + 15 = Sun 12-28; back: Sat 27, Fri 26 (executive-order closure), Thu 25 Christmas,
    Wed 24 (executive-order closure) → Tue 2025-12-23."""
    d = clocks(D(2025, 12, 13), contract=contract).decision
    assert d.due == D(2025, 12, 23) and "calendar.executive_order_closures" in [c.id for c in d.interpretations]


# -- §8 termination and §8.A.2 --------------------------------------------------------------------------------------
def test_termination_notice_five_workdays_over_thanksgiving(contract):
    """Art. 10 §8.B.1: effective Mon 11-30; back: Fri 11-27 (1), Thu 11-26 Thanksgiving skipped, Wed 11-25 (2), Tue 11-24 (3),
    Mon 11-23 (4), weekend skipped, Fri 11-20 (5) → give notice by Fri 2026-11-20."""
    t = termination_notice(D(2026, 11, 30), D(2026, 11, 20), contract)
    assert t.deadline.due == D(2026, 11, 20) and (t.workdays_given, t.met) == (5, True)
    short = termination_notice(D(2026, 11, 30), D(2026, 11, 23), contract)  # 23, 24, 25, 27 = 4 workdays
    assert (short.workdays_given, short.met) == (4, False)
    strict = contract.with_interpretations({"count.days_before_event": "full_workdays_between"})
    assert termination_notice(D(2026, 11, 30), contract=strict).deadline.due == D(2026, 11, 19)
    with pytest.raises(InvalidDate, match=r"Art\. 10 §8\.B\.1"):
        termination_notice(D(2026, 11, 30), D(2026, 12, 1), contract)


def test_inability_to_work_alone_after_90_days(contract):
    """Art. 10 §8.A.2: began Mon 2026-11-23; +7 = Nov 30, +31 = Dec 31 (38), +31 = Jan 31 (69), +21 = Sun 2027-02-21 (90)."""
    assert inability_shown_from(AS_OF, contract).due == D(2027, 2, 21)


def test_inability_read_as_workdays(contract):
    """90 workdays after Mon 2026-11-23: Nov 4 (24, 25, 27, 30), Dec 22 (Christmas off) → 26, Jan 19 (Jan 1, MLK off) → 45,
    Feb 19 (Presidents' Day off) → 64, Mar 1–31: 23 → 87, Thu Apr 1 (88), Fri Apr 2 (89), Mon Apr 5 (90)."""
    c = contract.with_interpretations({"flexiplace.inability_days": "workdays"})
    assert inability_shown_from(AS_OF, c).due == D(2027, 4, 5)


def test_six_termination_grounds(contract):
    grounds = termination_grounds(contract)
    assert [g[0] for g in grounds] == [f"Art. 10 §8.A.{i}" for i in range(1, 7)] and "ninety (90) days" in grounds[1][1]


# -- 24-hour notices ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("fn, cite", [(recall_notice, "Art. 10 §7"), (equipment_notice, "Art. 10 §6.E.4"), (inspection_notice, "Art. 10 §15")])
def test_24_hour_notices(contract, fn, cite):
    """Recall 2026-11-24 09:00 → notice by 2026-11-23 09:00 (24 h); given 10:00 is 23 h → short; 09:00 exactly → enough."""
    n = fn("2026-11-24 09:00", "2026-11-23 10:00", contract)
    assert n.cite == cite and n.latest == dt.datetime(2026, 11, 23, 9, 0) and (n.hours_given, n.met) == (23, False)
    assert fn("2026-11-24 09:00", "2026-11-23 09:00", contract).met is True
    with pytest.raises(InvalidDate, match=cite.replace(".", r"\.")):
        fn("2026-11-24 09:00", "2026-11-24 10:00", contract)
    with pytest.raises(InvalidDate, match="not a date and time"):
        fn("tomorrow", None, contract)


# -- CLI -----------------------------------------------------------------------------------------------------------
def test_cli_clocks(capsys):
    rc = main(["flexiplace", "clocks", "--requested", "2026-11-23", "--agreement", "2026-12-10", "--json"])
    d = json.loads(capsys.readouterr().out)
    assert rc == 0 and (d["decision_due"], d["start_due"]) == ("2026-12-08", "2027-01-08")


@pytest.mark.parametrize("argv, words", [
    (["flexiplace", "clocks", "--requested", "2026-12-01", "--decided", "2026-11-20"], "dated before the request (2026-12-01) (Art. 10 §5.A)"),
    (["flexiplace", "clocks", "--requested", "2026-12-01", "--extended-by", "-3"], "(Art. 10 §5.A)"),
    (["flexiplace", "eligibility", "--met", "A,E"], "no criterion E"),
    (["flexiplace", "notice", "recall", "--at", "2026-11-24 09:00", "--given", "2026-11-25 09:00"], "(Art. 10 §7)"),
])
def test_cli_bad_input_exit_2(capsys, argv, words):
    rc = main(argv)
    err = capsys.readouterr().err
    assert rc == 2 and words in err and err.count("\n") == 1


def test_cli_termination_inability_grievable(capsys):
    assert main(["flexiplace", "termination-notice", "--effective", "2026-11-30", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["notice_by"] == "2026-11-20"
    assert main(["flexiplace", "inability", "--began", "2026-11-23", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["due"] == "2027-02-21"
    assert main(["flexiplace", "grievable", "--decision", "recall", "--arrangement", "informal"]) == 0
    assert "not grievable" in capsys.readouterr().out


# -- dashboard -------------------------------------------------------------------------------------------------------
def test_dashboard_answer_is_the_iso_decision_date(contract):
    from lmcore.ui.flexiplace import build_app

    app = build_app(contract, as_of=AS_OF, params={"requested": "2026-11-21", "a": "yes", "d": "no"})
    assert {"lmcore-app", "lmcore-ready"} <= set(app.widget._dom_classes) and "lmcore-answer" in app.answer._dom_classes
    assert "Decision due 2026-12-04" in app.answer.value  # Sat 11-21 + 15 = Sun 12-06 → Fri 12-04
    s = app.summary()
    assert "Not eligible: criterion D not met" in s and "Decision due 2026-12-04" in s
    app.decided.set(D(2026, 11, 20))
    assert "Art. 10 §5.A" in app.decided.error.value and app.decided.value == D(2026, 11, 20)


def test_dashboard_document_is_escaped_and_downloadable(contract):
    import base64

    from lmcore.ui.flexiplace import build_app

    app = build_app(contract, as_of=AS_OF, params={"name": "<script>alert(1)</script>"})
    assert "<script>alert" not in app.preview.value and "&lt;script&gt;" in app.preview.value
    data = app.download.value.split("base64,")[1].split('"')[0]
    page = base64.b64decode(data).decode("utf-8")
    assert page.startswith("<!DOCTYPE html>") and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    app.flexitime.value = "no"
    app.doc_fields["tour_from"].widget.value, app.doc_fields["tour_to"].widget.value = "08:00", "16:00"
    assert "Art. 10 §6.A" in app.doc_fields["tour_from"].error.value
    app.form_kind.value = "checklist"
    app.said_yes.value, app.said_no.value = (1, 20), (1,)
    assert "marked both Yes and No" in app.doc_error.value


def test_dashboard_shows_only_the_fields_of_the_chosen_form(contract):
    from lmcore.ui.flexiplace import build_app

    app = build_app(contract, as_of=AS_OF, params={"form": "checklist"})
    shown = lambda key: app.doc_fields[key].box.layout.display != "none"  # noqa: E731
    assert shown("duty_station") and not shown("tour_from") and app.checklist_only.layout.display is None
    app.said_no.value = (2,)
    assert "Answers to look at" in app.preview.value and "☒ No" in app.preview.value
    app.form_kind.value = "agreement"
    assert shown("tour_from") and not shown("duty_station") and app.checklist_only.layout.display == "none"
