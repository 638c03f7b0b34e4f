"""A scenario's prepared link opens its dashboard with the facts filled in (the query names each page reads)."""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from lmcore.training import load_scenarios, prepared_link

LIB = load_scenarios()


def test_grievance_link_carries_the_dates():
    link = prepared_link(LIB.get("step1-decision-after-meeting"))
    assert link.notebook == "grievance_timeline.ipynb"
    # as_of: the day grading judges the statuses on — the latest date recorded (the Step 1 meeting, Thu 11-19)
    assert link.params == {"learned": "2026-11-09", "filed": "2026-11-12", "step1_meeting": "2026-11-19", "as_of": "2026-11-19"}
    assert link.url("http://127.0.0.1:8866/").startswith("http://127.0.0.1:8866/voila/render/grievance_timeline.ipynb?learned=")


def test_schedule_link_opens_the_pay_period():
    q = parse_qs(urlparse(prepared_link(LIB.get("credit-hours-carryover-cap")).url()).query)
    assert q == {"schedule": ["variable-week"], "carry_in": ["20"], "period": ["2026-03-09"]}


def test_leave_and_subsidy_links_open_their_tab():
    assert prepared_link(LIB.get("medical-certificate-thanksgiving-absence")).params == {
        "first": "2026-11-25", "last": "2026-11-30", "tab": "sick"}
    assert prepared_link(LIB.get("transit-converter-sixth-month")).params == {
        "transit_cost": "150", "converted": "6", "tab": "transit"}


def test_rules_without_a_page_get_no_link():
    assert prepared_link(LIB.get("use-or-lose-request-2027")) is None


def test_grievance_link_judges_on_the_day_grading_does():
    """A scenario without as_of is judged on its latest date, a signed waiver's too (step2-waived-invocation: the
    Step 2 waiver agreed Mon 2026-08-10 is later than the last recorded date, the Step 1 decision of Mon 08-03)."""
    s = LIB.get("step2-waived-invocation")
    assert prepared_link(s).params["as_of"] == "2026-08-10"
    assert prepared_link(s).left_out == ()  # the waiver is carried: Step 2 waived in writing, signed that day (§13.b)
    assert (prepared_link(s).params["waive2"], prepared_link(s).params["waive2_on"]) == ("1", "2026-08-10")
