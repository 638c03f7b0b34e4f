"""The widget parts of the training and partnership pages (lmcore.ui.practice_parts) and a scenario's facts in words
(lmcore.training.facts): a typed date is read only when it is a real one (property: no text escapes as a traceback or
as a wrong date), the page's today from $LMCORE_TODAY, a link's choice, and no program id in a trainee's facts."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("ipywidgets")

from lmcore.errors import InvalidDate, LmcoreError  # noqa: E402
from lmcore.training import load_scenarios  # noqa: E402
from lmcore.training.facts import fact_rows, label_words, value_words  # noqa: E402
from lmcore.ui.practice_parts import DateText, choose, download_link, page_today, read_date  # noqa: E402

LIB = load_scenarios()


@given(st.dates(min_value=dt.date(1971, 1, 1), max_value=dt.date(2099, 12, 31)), st.booleans())
@settings(max_examples=200, deadline=None)
def test_a_real_date_is_read_as_itself_with_or_without_its_weekday(day, weekday):
    text = (day.strftime("%a ") if weekday else "") + day.isoformat()
    assert read_date(text) == day


@given(st.text(max_size=30))
@settings(max_examples=300, deadline=None)
def test_no_typed_text_escapes_as_a_traceback_or_a_guess(text):
    """Anything typed is either a date written exactly (YYYY-MM-DD, optionally after its own weekday) or an lmcore
    error with a message — never another exception, never a date the text does not say."""
    try:
        day = read_date(text)
    except LmcoreError as exc:
        assert str(exc)
        return
    assert day.isoformat() in text


@pytest.mark.parametrize("text, words", [("2026-12-1", "not a real calendar date"), ("2026-02-30", "not a real calendar date"),
                                         ("12/11/2026", "could be read two ways"), ("Tue 2026-12-17", "2026-12-17 is a Thursday")])
def test_dates_that_are_not_taken(text, words):
    with pytest.raises(InvalidDate, match=words):
        read_date(text)


def test_the_date_box_shows_the_weekday_or_the_message_and_keeps_the_text():
    box = DateText("Met on", None, what="meeting date")
    assert box.date is None and box.read() is None
    with pytest.raises(InvalidDate, match="the meeting date is missing"):
        box.read(required=True)
    box.widget.value = "2026-11-31"
    assert box.date is None and "is not a real calendar date" in box.error.value and box.widget.value == "2026-11-31"
    with pytest.raises(InvalidDate) as exc:
        box.read()
    assert str(exc.value) == box.message and "&#x27;" not in str(exc.value)  # the message as text, escaped only on screen
    box.widget.value = "2026-11-20"
    assert box.date == dt.date(2026, 11, 20) and "Fri 2026-11-20" in box.echo.value and box.error.value == ""
    assert box.widget.continuous_update is False  # read once typed (Enter or leaving the box), never half-typed


def test_page_today_from_the_test_run_or_the_real_date(monkeypatch):
    monkeypatch.delenv("LMCORE_TODAY", raising=False)
    assert page_today() == dt.date.today()
    monkeypatch.setenv("LMCORE_TODAY", "2026-11-23")
    assert page_today() == dt.date(2026, 11, 23)
    monkeypatch.setenv("LMCORE_TODAY", "tomorrow")
    with pytest.raises(InvalidDate, match="LMCORE_TODAY='tomorrow' is not a date"):
        page_today()


def test_a_link_choice_the_page_cannot_use_is_reported():
    opts = [("Steward", "steward"), ("Manager", "manager")]
    assert choose({"track": "manager"}, "track", opts, "steward") == ("manager", None)
    assert choose({}, "track", opts, "steward") == ("steward", None)
    assert choose({"track": "boss"}, "track", opts, "steward", "a track") == (
        "steward", "The link's track=boss is not a track; showing Steward.")


def test_a_download_link_fetches_nothing_and_escapes_its_name():
    link = download_link(b"a,b\n", "text/csv", "x'<y>.csv", "Download")
    assert "href='data:text/csv;base64,YSxiCg=='" in link and "&lt;y&gt;" in link and "x&#x27;" in link


def test_facts_in_words_never_a_program_id():
    """Every bundled scenario's facts: labels and values in words (a date with its weekday, money with $)."""
    ids = re.compile(r"\b[a-z]+(_[a-z0-9]+)+\b")
    for s in LIB.scenarios:
        for r in fact_rows(s):
            assert not ids.search(r.label) and not ids.search(r.text), (s.id, r.label, r.text)
            for row in r.table:
                assert not any(ids.search(c) for c in row), (s.id, row)


def test_some_facts_by_hand():
    assert value_words("grievance.screening", "subject", "merit_staffing") == "Merit staffing (a promotion or selection procedure)"
    assert value_words("grievance.timeline", "learned", dt.date(2026, 11, 13)) == "Fri 2026-11-13"
    assert value_words("subsidies.childcare", "family_income", 30580.5) == "$30,580.50"
    assert value_words("leave.restoration", "year", 2027) == "2027"
    assert value_words("grievance.timeline", "waivers", [{"step": "step2", "agreed_on": dt.date(2026, 8, 10)}]) == \
        "Step 2 waived in writing, agreed Mon 2026-08-10"
    assert value_words("grievance.timeline", "extensions", [{"milestone": "step2_appeal", "workdays": 5}]) == \
        "Step 2 appeal extended by 5 workdays"
    assert label_words("who files (employee, group, union, department)") == "Who files"
    (sheet,) = [r for r in fact_rows(LIB.get("credit-hours-thanksgiving-week")) if r.name == "timesheet"]
    assert sheet.table[0][:3] == ("Date", "Start", "End") and sheet.table[1][0] == "Mon 2026-11-16"
