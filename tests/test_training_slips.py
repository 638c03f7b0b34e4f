"""The slip detector (issue 18) on hand-made wrong answers: each wrong date or amount below was made by hand with one
mistake, and the detector must name that mistake (and only mistakes that give exactly that answer)."""
from __future__ import annotations

import pytest

from lmcore import load_contract
from lmcore.training import grade, load_scenarios

CONTRACT = load_contract()
LIB = load_scenarios(contract=CONTRACT)


def kinds(sid, answer):
    r = grade(LIB.get(sid), answer, CONTRACT)
    assert not r.correct
    return [s.kind for s in r.slips], [s.words for s in r.slips]


# step1-decision-after-meeting: Art. 43 §7.a(3), meeting Thu 2026-11-19; right answer 5 workdays later, Fri 11-27
# (Fri 11-20, Mon 11-23, Tue 11-24, Wed 11-25, Thu 11-26 Thanksgiving skipped, Fri 11-27).
@pytest.mark.parametrize("answer, kind, words", [
    # counting Thu 11-19 itself as day 1: 19, 20, 23, 24, 25 → Wed 11-25
    ("2026-11-25", "event_day_counted", "you counted the day of the event (Thu 2026-11-19)"),
    # counting Thanksgiving as a workday: 20, 23, 24, 25, 26 → Thu 11-26
    ("2026-11-26", "holiday_counted", "you counted Thanksgiving Day (Thu 2026-11-26) as a workday"),
    # five calendar days: 11-19 + 5 → Tue 11-24
    ("2026-11-24", "calendar_days", "you counted 5 calendar days"),
    # from the filing, Thu 11-12: 13, 16, 17, 18, 19 → Thu 11-19
    ("2026-11-19", "wrong_start", "you counted from the filing (Thu 2026-11-12)"),
    # the 10 workdays of Step 2 instead of 5: 20, 23, 24, 25, 27, 30, 12-01, 02, 03, 04 → Fri 12-04
    ("2026-12-04", "wrong_amount", "you counted 10 workdays; this rule gives 5"),
    # stopped on the Saturday after the due date
    ("2026-11-28", "stopped_on_nonworkday", "you stopped at the weekend"),
    # one workday past the due date: Mon 11-30
    ("2026-11-30", "one_over", "one workday too many"),
])
def test_counting_slips(answer, kind, words):
    found, texts = kinds("step1-decision-after-meeting", answer)
    assert found[0] == kind, (found, texts)
    assert words in texts[0]


def test_generic_slips_give_way_to_a_named_one():
    """Wed 11-25 is also 'one workday too soon', but counting the meeting day is the slip to name."""
    found, _ = kinds("step1-decision-after-meeting", "2026-11-25")
    assert "one_short" not in found


def test_executive_order_closures_counted_is_a_reading():
    """Art. 43 §7.a(1), learned Mon 2025-12-15: counting 12-24 and 12-26 (closures) as workdays gives Wed 2026-01-14,
    the answer under the reading calendar.executive_order_closures = exclude."""
    found, texts = kinds("step1-filing-christmas-closures-2025", "2026-01-14")
    assert found == ["reading"] and "calendar.executive_order_closures = exclude" in texts[0]


def test_calendar_day_rule_counted_in_workdays():
    """Art. 44 §8.c: hearing Mon 2026-12-21 + 5 calendar days = Sat 12-26; five workdays (12-22, 23, 24, 28, 29) → 12-29."""
    found, texts = kinds("expedited-decision-calendar-days", "2026-12-29")
    assert found[0] == "workdays" and "this rule counts calendar days" in texts[0]


def test_last_day_not_moved_off_the_holiday_weekend():
    """Art. 44 §3.c: invoked Mon 2026-04-06 + 90 = Sun 07-05; answering that day is not moving it back to Thu 07-02."""
    found, texts = kinds("regular-hearing-independence-day", "2026-07-05")
    assert "not_moved" in found and "reading" in found  # also right under arbitration.hearing_limit_roll = none


def test_a_closure_counted_while_rolling_back():
    """Art. 44 §3.e: invoked Fri 2025-11-28 + 30 = Sun 12-28, back over Fri 12-26 (closure), Thu 12-25, Wed 12-24
    (closure) to Tue 12-23; stopping on Fri 12-26 counts the 'Day After Christmas' closure as a workday."""
    found, texts = kinds("expedited-hearing-christmas-2025", "2025-12-26")
    assert found[0] == "holiday_counted" and "Day After Christmas" in texts[0]


def test_only_one_of_two_limits():
    """Art. 44 §9: 20 workdays after invocation (Tue 2027-02-02) and 10 before the hearing (Thu 01-28): 02-02 is the
    later limit alone."""
    found, _ = kinds("arbitrability-two-limits", "2027-02-02")
    assert found[0] == "other_limit"


def test_twenty_workdays_instead_of_five_for_a_stay():
    """Art. 43 §14.a: removal decision Fri 2026-11-20; 20 workdays (the ordinary filing time) end Mon 12-21."""
    found, _ = kinds("removal-stay-filing", "2026-12-21")
    assert found == ["wrong_amount"]


def test_counting_from_when_it_was_learned_not_when_it_occurred():
    """Art. 43 §8.b(3): occurred Mon 2026-06-15, learned Mon 06-22; 20 workdays from 06-22 end Tue 07-21."""
    found, texts = kinds("institutional-filing-from-occurrence", "2026-07-21")
    assert found == ["wrong_start"] and "the day the violation was learned of" in texts[0]


def test_the_stricter_days_before_reading():
    """Art. 44 §5.a: the 14th workday before Tue 2026-12-01 is Mon 11-09; the 15th (14 whole days between) Fri 11-06."""
    found, texts = kinds("prehearing-meeting-veterans-day", "2026-11-06")
    assert "reading" in found and any("count.days_before_event = full_workdays_between" in t for t in texts)


@pytest.mark.parametrize("sid, answer, kind", [
    # Art. 4: 79 hours against 80 without taking Thanksgiving off → 0 credit hours
    ("credit-hours-thanksgiving-week", "0", "holiday_not_deducted"),
    # Art. 4 §1.b: 80 hours, the in-lieu holiday (Thu 12-24, 9 h) not taken off
    ("compressed-christmas-on-day-off", "80", "holiday_not_deducted"),
    # Child care ¶b: 70% of $900 = $630, over the $500 monthly limit
    ("childcare-monthly-cap", "630", "monthly_cap_missed"),
    # Child care ¶b: the $250 limit of the 30% row instead of 30% of $700 = $210
    ("childcare-thirty-percent-row", "250", "cap_not_percentage"),
    # Transit ¶4: $100 although the cost is $72.50
    ("transit-limited-to-cost", "100", "cost_cap_missed"),
    # Transit ¶2: converted 6 months ago — $100.00 under the default reading (month of conversion is month 1)
    ("transit-converter-sixth-month", "100", "reading"),
    # Art. 5 §1.e: 220 − 16 = 204, nothing lost, forgetting the 46 hours still to accrue
    ("year-end-leave-to-lose", "0", "no_accrual"),
    # Art. 5 §2.e: six calendar days, but three workdays
    ("medical-certificate-thanksgiving-absence", "yes", "calendar_days"),
    # Art. 4 §7.a (per pay period): 40 hours worked of 40 → no credit hours
    ("part-time-requirement-per-day", "0", "reading"),
    # Art. 5 §1.e: the first day of the third pay period, Sun 2027-11-28, instead of the day before
    ("use-or-lose-request-2027", "2027-11-28", "pay_period_start"),
])
def test_amount_and_yes_no_slips(sid, answer, kind):
    found, texts = kinds(sid, answer)
    assert found and found[0] == kind, (found, texts)


def test_no_slip_when_nothing_explains_the_answer():
    r = grade(LIB.get("step1-filing-thanksgiving"), "2027-03-01", CONTRACT)
    assert not r.correct and r.slips == ()
    assert "No common slip gives your answer" in r.feedback
