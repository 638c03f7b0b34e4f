"""The work-schedules dashboard (lmcore.ui.schedules): starting inputs, answers, errors beside their inputs, summary."""
from __future__ import annotations

import datetime as dt

import pytest
from schedule_sheets import TEN, days, sheet

pytest.importorskip("ipywidgets")
from lmcore.ui.schedules import build_app  # noqa: E402

AS_OF = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def app(contract):
    return build_app(contract, as_of=AS_OF, params={})


def test_first_answer_and_css_conventions(app):
    classes = app.widget._dom_classes
    assert "lmcore-app" in classes and "lmcore-ready" in classes
    # the usual variable week (8:00–4:30, lunch 12:00–12:30) with 45 minutes more on Tue 11-17; Thanksgiving Thu 11-26:
    # 9 × 8 h + 45 min = 72 h 45 against 80 − 8 = 72 h → 0.75 credit hours earned
    assert "lmcore-answer" in app.answer._dom_classes and "Credit hours earned: 0.75" in app.answer.value
    assert app.result.credit_hours_earned == 0.75 and app.result.basic_requirement == 72
    text = app.summary()
    assert text.startswith("Work schedules and credit hours (as of 2026-11-23)")
    assert "credit hours earned 0.75" in text and "Thanksgiving Day" in text and "Team coverage" in text
    assert len(app.comparison) == 6 and app.cite_pick.options and "Art. 4" in app.cite_text.value


def test_link_parameters_and_a_compressed_schedule(contract):
    a = build_app(contract, as_of=AS_OF, params={"schedule": "compressed-5-4-9", "period": "2026-11-20", "carry_in": "3"})
    assert a.kind.widget.value == "compressed-5-4-9" and a.period_start == dt.date(2026, 11, 15)
    # the usual 5-4/9 (every other Friday off, 8 h on the first Friday): 80 − Thanksgiving 9 h = 71 h, all worked
    r = a.result
    assert (r.basic_requirement, r.worked_hours, r.shortfall_hours, r.credit_hours_in) == (71, 71, 0, 3)
    assert len(a.layout_pick.widget.options) == 91  # "read from the timesheet" + 90 layouts
    bad = build_app(contract, as_of=AS_OF, params={"schedule": "gliding", "layout": "99"})
    assert "gliding" in bad.kind.error.value and "lmcore-error" in bad.kind.error._dom_classes
    assert bad.kind.widget.value == "variable-week" and bad.result is not None


def test_a_bad_time_is_shown_beside_its_day_and_kept(contract):
    a = build_app(contract, as_of=AS_OF, params={})
    a.rows[3].times[1].value = "25:00"  # Wed 11-18's end
    assert "25:00" in a.rows[3].error.value and "lmcore-error" in a.rows[3].error._dom_classes
    assert a.rows[3].times[1].value == "25:00" and "needs fixing" in a.answer.value
    a.rows[3].times[1].value = "17:30"  # 8:00–5:30 less 30 min = 9 h: one more hour → 1.75 credit hours
    assert a.rows[3].error.value == "" and a.result.credit_hours_earned == 1.75


def test_field_errors_beside_their_fields(contract):
    a = build_app(contract, as_of=AS_OF, params={})
    a.part_time.widget.value = "eighty"
    assert "not a number" in a.part_time.error.value
    a.part_time.widget.value = "40"
    # Thanksgiving is in the pay period: a part-timer's holiday is the tour's hours that day (5 CFR 610.405) → the tour is asked for
    assert "the tour is needed" in a.tour.error.value and a.part_time.error.value == ""
    a.tour.widget.value = "Mon=4,Tue=4,Wed=4,Thu=4,Fri=4"
    assert a.tour.error.value == "" and a.result.schedule.part_time_hours == 40
    a.carry_in.widget.value = "11"  # part-time cap 40 × ¼ = 10 h
    assert "more than the 10 hours" in a.carry_in.error.value
    a.carry_in.widget.value = "0"
    a.sup_end.widget.value = "4pm"
    assert "not a time" in a.sup_end.error.value
    a.team.widget.value = "Ana, 07:00"
    assert "needs at least a name" in a.team.error.value


def test_readings_switch_the_answer(contract):
    a = build_app(contract, as_of=AS_OF, params={"part_time": "40", "tour": "Mon=4,Tue=4,Wed=4,Thu=4,Fri=4"})
    assert [c.choice for c in a.result.interpretations] == ["per_pay_period"]
    a.readings["schedules.part_time_requirement"].widget.value = "per_day"
    assert [c.choice for c in a.result.interpretations] == ["per_day"]


def test_load_a_csv_file(contract):
    a = build_app(contract, as_of=AS_OF, params={"schedule": "compressed-4-10"})
    dec = ["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10"]
    data = sheet(*days(dec, TEN)).encode()
    a._uploaded({"new": ({"name": "t.csv", "content": memoryview(data)},)})
    # the next pay period, Sun 11-29 – Sat 12-12, Fridays off, no holiday: 8 × 10 h = 80 h
    assert a.period_start == dt.date(2026, 11, 29)
    assert (a.result.worked_hours, a.result.basic_requirement, a.result.shortfall_hours) == (80, 80, 0)
    a._uploaded({"new": ({"name": "bad.csv", "content": memoryview(b"date,start\n")},)})
    assert "missing" in a.upload.error.value


def test_fill_and_clear_buttons(contract):
    a = build_app(contract, as_of=AS_OF, params={"schedule": "standard"})
    a.clear.click()
    # nothing worked: 72 h short (80 − 8 Thanksgiving), every workday short
    assert a.result.worked_hours == 0 and a.result.shortfall_hours == 72
    a.kind.widget.value = "compressed-5-4-9"
    a.fill.click()
    assert a.result.shortfall_hours == 0 and a.result.worked_hours == 71
    assert sum(1 for r in a.rows if r.times[0].value) == 8  # 9 workdays less Thanksgiving


def test_an_upload_that_is_not_a_timesheet_is_explained_beside_it(contract):
    a = build_app(contract, as_of=AS_OF, params={})
    before = a.result
    for data, words in ((b"date,start,end,lunch_start,lunch_end\n2026-11-16,07:00,15:30,,\n\xe9t\xe9\n", "not UTF-8"),
                        (b"x" * (300 * 1024), "larger than 256 KB"),
                        (b"\x00\x01PNG", "NUL bytes")):
        a._uploaded({"new": ({"name": "t.csv", "content": memoryview(data)},)})
        # the message beside the upload, in one line; the grid and the last answer stay as they were
        assert words in a.upload.error.value and "lmcore-error" in a.upload.error._dom_classes
        assert a.result is before and a.rows[1].times[0].value == "08:00"
    a.rows[1].times[1].value = "16:45"  # the page is still usable: Mon 8:00–4:45 less lunch = 8 h 15 → 0.25 more credit hours
    assert a.result.credit_hours_earned == 1.0 and a.upload.error.value == ""


def test_tour_and_shift_fields(contract):
    a = build_app(contract, as_of=AS_OF, params={"schedule": "variable-week", "tour": "Mon=4,Tue=4,Wed=4,Thu=4,Fri=4"})
    # a 40-hour tour of 4-hour days; Thanksgiving Thu is a 4-hour day → 36 h; the grid is filled with the tour's days
    assert a.result.basic_requirement == 36 and a.result.schedule.part_time_hours == 40
    a.tour.widget.value = "Mon=25"
    assert "24 hours" in a.tour.error.value and a.tour.widget.value == "Mon=25"
    a.tour.widget.value = ""
    a.shift.widget.value = "other"
    assert a.result.schedule.shift == "other" and "schedules.other_shifts" in [c.id for c in a.result.interpretations]
    bad = build_app(contract, as_of=AS_OF, params={"shift": "graveyard"})
    assert "graveyard" in bad.shift.error.value and bad.shift.widget.value == "day"


def test_a_part_timer_without_a_tour_gets_the_answer_and_a_reason_for_no_comparison(contract):
    """Art. 4 §7.b: a part-time standard schedule's requirement is the hours scheduled each day, so comparing a
    part-timer's 40 hours with the standard type needs the tour; the page answers for the variable week it was asked
    about and says, in the comparison's place, why there is none (it used to stop with a traceback)."""
    a = build_app(contract, as_of=AS_OF, params={"part_time": "40", "period": "2026-03-08"})  # no holiday in it
    assert a.result is not None and a.result.basic_requirement == 40
    assert a.comparison == () and "No comparison" in a.compare.value and "needs its tour" in a.compare.value


def test_day_chart_draws_each_day_inside_its_hour_range_art4_5(app, contract):
    """The chart of the first answer: hours 5a–8p (the day shift's band 6:00 a.m.–7:00 p.m., Art. 4 §5, plus an hour each
    side; the latest end, Tue 11-17 at 5:15 p.m., + 1 h stays inside 8 p.m.), and every bar inside that range. The bars
    for time outside the band once overwrote the range (the chart then showed no bar at all)."""
    from lmcore.schedules.hours import Rules
    from lmcore.ui.schedules.plots import WORK, day_chart

    res = app.result
    fig = day_chart(app.timesheet, res, Rules.of(res.schedule, app._contract(), app.terms), app.terms.lunch)
    ax = fig.axes[0]
    assert ax.get_xlim() == (5.0, 20.0)
    worked = [p for p in ax.patches if p.get_facecolor()[:3] == tuple(int(WORK[i:i + 2], 16) / 255 for i in (1, 3, 5))]
    # 9 workdays (Thanksgiving Thu 11-26 empty), each in two bars around lunch 12:00–12:30: 8:00–12:00 and 12:30–end
    assert len(worked) == 18
    assert all(5 <= p.get_x() and p.get_x() + p.get_width() <= 20 for p in worked)
    assert max(p.get_x() + p.get_width() for p in worked) == 17.25  # Tue 11-17 ends at 5:15 p.m.
