"""The handbook dashboard's logic without a browser (lmcore.ui.handbook, lmcore.ui.plots).

Expected dates are counted by hand; Art. 43 §7.a(1) counting: the start day is not counted, the next workday is day 1.
"""
from __future__ import annotations

import datetime as dt

import pytest

from lmcore import InvalidDate
from lmcore.ui import handbook
from lmcore.ui import plots

AS_OF = dt.date(2026, 11, 23)  # the pinned "today" of tests/conftest.py

D = dt.date


@pytest.fixture
def app(contract):
    return handbook.build_app(contract, AS_OF, {"start": "2026-11-18", "workdays": "20", "q": "credit hours"})


def test_prepared_case_gives_the_step1_filing_date_art43_7a1(app):
    # Wed 2026-11-18; day 1 = Thu 11-19 … day 5 = Wed 11-25; Thu 11-26 Thanksgiving skipped; Fri 11-27 = day 6;
    # Mon 11-30 = 7; Dec 1–4 = 8–11; Dec 7–11 = 12–16; Dec 14–17 = 17–20 → Thu 2026-12-17
    assert app.deadline.due == D(2026, 12, 17)
    assert "2026-12-17" in app.answer.value
    assert "Thanksgiving Day" in app.answer.value
    assert "lmcore-ready" in app.widget._dom_classes


def test_summary_is_plain_and_deterministic(app, contract):
    again = handbook.build_app(contract, AS_OF, {"start": "2026-11-18", "workdays": "20", "q": "credit hours"})
    assert app.summary() == again.summary()
    assert 'Search "credit hours": 5 matching parts: Art. 4 §2.b(1)' in app.summary()
    assert "Showing Art. 43 §7.a(1) (Grievance Procedure)" in app.summary()


def test_office_closure_pushes_the_due_date_art43_7a1(app):
    app.start.set(D(2026, 12, 10))
    app.closures.widget.value = "2026-12-24=Executive order"
    # Thu 12-10; Fri 12-11 = 1; 12-14..18 = 2–6; 12-21..23 = 7–9; Thu 12-24 closure and Fri 12-25 Christmas
    # skipped; 12-28..31 = 10–13; Fri 2027-01-01 New Year's Day skipped; 01-04..08 = 14–18; 01-11 = 19; Tue 01-12 = 20
    assert app.deadline.due == D(2027, 1, 12)
    assert "Closure: Executive order" in app.answer.value


def test_counting_backward_uses_the_before_reading_art44_5a(app):
    app.start.set(D(2027, 1, 25))
    app.n.widget.value = "-10"
    # Mon 2027-01-25; back: Fri 01-22 = 1, 01-21 = 2, 01-20 = 3, 01-19 = 4; Mon 01-18 MLK Day skipped;
    # Fri 01-15 = 5 … Mon 01-11 = 9; Fri 01-08 = 10
    assert app.deadline.due == D(2027, 1, 8)
    app.reading_before.value = "full_workdays_between"
    # ten whole workdays between: the deadline is the 11th workday before → Thu 01-07
    assert app.deadline.due == D(2027, 1, 7)
    assert "switched from the default" in app.answer.value


def test_bad_closure_is_reported_beside_its_field(app):
    app.closures.widget.value = "2026-12-99=Snow"
    assert "not a date" in app.closures.error.value
    assert app.closures.widget.value == "2026-12-99=Snow"
    assert "No answer" in app.answer.value and app.deadline is None


def test_too_many_workdays_is_out_of_range(app):
    app.n.widget.value = str(handbook.MAX_WORKDAYS + 1)
    assert "more than this explorer counts" in app.n.error.value
    app.n.widget.value = "20"
    assert app.n.error.value == "" and app.deadline is not None


def test_date_outside_the_calendar_is_explained(app):
    app.start.set(D(2150, 1, 1))
    assert "outside the years this calendar knows" in app.start.error.value


def test_bad_link_values_are_reported_not_dropped(contract):
    app = handbook.build_app(contract, AS_OF, {"start": "2026-13-45", "workdays": "lots"})
    assert "start=2026-13-45 is not a date" in app.start.error.value
    assert "workdays=lots is not a whole number" in app.n.error.value
    assert app.start.value == AS_OF and app.deadline is not None


def test_unknown_citation_lists_the_articles(app):
    app.cite.widget.value = "Art. 99"
    assert "Art. 99 is not in this contract" in app.cite.error.value
    assert app.cite.widget.value == "Art. 99"
    app.cite.widget.value = "Article 44, Section 3.c"
    assert app.cite.error.value == ""
    assert app.shown == "Art. 44 §3.c"
    assert "Flaw in the text" in app.text.value  # the Section 13 / Section 14 cross-reference flaw
    assert (app.article.value, app.part.value) == ("Art. 44", "Art. 44 §3")


def test_picking_an_article_and_a_match_opens_it(app):
    app.article.value = "Art. 5"
    assert app.shown == "Art. 5"
    app.match.value = "Art. 4 §8"  # one of the "credit hours" matches
    assert app.shown == "Art. 4 §8"


def test_search_text_is_escaped(app):
    app.q.widget.value = "<b>x</b>"
    assert "&lt;b&gt;x&lt;/b&gt;" in app.results.value and "<b>x</b>" not in app.results.value
    app.q.widget.value = "Sick <leave>"
    assert "<leave>" not in app.results.value


def test_parse_closures():
    assert handbook.parse_closures("2026-12-24=Executive order; 2027-01-29") == {
        D(2026, 12, 24): "Executive order", D(2027, 1, 29): "Office closure"}
    assert handbook.parse_closures("") == {}
    with pytest.raises(InvalidDate, match="YYYY-MM-DD=name"):
        handbook.parse_closures("24 Dec")


def test_month_calendar_draws_the_count(contract):
    from lmcore.deadlines import count_workdays

    d = count_workdays(contract.calendar, D(2026, 11, 18), 20)
    fig = plots.month_calendar(d, calendar=contract.calendar)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "November 2026" in texts and "December 2026" in texts
    assert any("Thanksgiving" in t for t in texts) and any("Veterans" in t for t in texts)
    due_boxes = [p for p in fig.axes[0].patches if p.get_edgecolor()[:3] == pytest.approx((0.839, 0.153, 0.157), abs=0.01)]
    assert len(due_boxes) == 1  # exactly one due date, highlighted
    assert plots.to_png(fig) == plots.to_png(plots.month_calendar(d, calendar=contract.calendar))  # no timestamps


def test_months_spanned():
    assert plots.months_spanned(D(2026, 11, 18), D(2027, 1, 11)) == [(2026, 11), (2026, 12), (2027, 1)]
    assert plots.months_spanned(D(2027, 1, 25), D(2027, 1, 8)) == [(2027, 1)]
