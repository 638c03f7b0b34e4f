"""The grievance timeline dashboard (lmcore.ui.grievance): classes the browser tests rely on, answers, errors."""
from __future__ import annotations

import base64
import datetime as dt
import re

import pytest

pytest.importorskip("ipywidgets")
pytest.importorskip("matplotlib")

from lmcore.ui.grievance import build_app  # noqa: E402

AS_OF = dt.date(2026, 11, 23)
D = dt.date


@pytest.fixture(scope="module")
def app(contract):
    return build_app(contract, as_of=AS_OF, params={"learned": "2026-11-18", "path": "employee"})


def _link(html: str, cls: str) -> bytes:
    href = re.search(rf"class='{cls}'[^>]*href='data:[^;]+;charset=utf-8;base64,([^']+)'", html).group(1)
    return base64.b64decode(href)


def test_classes_and_first_answer(app):
    """Root lmcore-app + lmcore-ready; the answer (lmcore-answer) names the Step 1 filing date (Art. 43 §7.a(1))."""
    assert {"lmcore-app", "lmcore-ready"} <= set(app.widget._dom_classes)
    assert "lmcore-answer" in app.answer._dom_classes
    assert "lmcore-learned" in app.fields["learned"].widget._dom_classes
    assert "lmcore-error" in app.fields["learned"].error._dom_classes
    # learned Wed 11-18, Thanksgiving skipped → Thu 12-17
    assert "2026-12-17" in app.answer.value
    assert app.plot.value[:8] == b"\x89PNG\r\n\x1a\n"
    assert "twenty (20) workdays" in app.text_panel.value  # the step at hand is the filing, §7.a(1)


def test_summary_is_deterministic(app):
    assert app.summary().splitlines()[:4] == [
        "Screening: Grievable under Article 43 — path: employee.",
        "Route: File at Step 1 with the immediate supervisor within 20 workdays of learning of the violation "
        "(Art. 43 §7.a(1), §7.a(2)).",
        "Path: employee; as of 2026-11-23",
        "step1_filing             2026-12-17 open         Art. 43 §7.a(1)",
    ]
    assert app.summary() == app.summary()


def test_typing_a_learned_date_changes_the_answer(contract):
    a = build_app(contract, as_of=AS_OF, params={"learned": "2026-11-18"})
    a.fields["learned"].set(D(2026, 11, 2))
    # Mon 11-2: Tue 3 .. Fri 6 (4), Mon 9, Tue 10 (6), (Wed 11-11 Veterans Day), Thu 12, Fri 13 (8), 16-20 (13),
    # 23, 24, 25 (16), (Thanksgiving), Fri 27 (17), Mon 30, Tue 12-1, Wed 12-2 (20) → 2026-12-02
    assert "2026-12-02" in a.answer.value
    # a decision before the meeting: the error sits beside the Step 1 meeting, the dates typed stay
    a.fields["filed"].set(D(2026, 11, 20))
    a.fields["step1_meeting"].set(D(2026, 11, 12))
    assert "before the filing date" in a.fields["step1_meeting"].error.value and "§7.a(3)" in a.fields["step1_meeting"].error.value
    assert "No timeline yet" in a.answer.value
    assert a.results.layout.display == "none"  # no stale plot or table beside the error
    assert a.fields["step1_meeting"].value == D(2026, 11, 12)
    assert a.summary().splitlines()[-1].startswith("Problem: the Step 1 meeting date (2026-11-12)")
    a.fields["step1_meeting"].set(D(2026, 11, 24))  # after "as of" Mon 11-23: not done yet
    assert "after the &#x27;as of&#x27; date" in a.fields["step1_meeting"].error.value
    a.fields["step1_meeting"].set(D(2026, 11, 23))
    assert a.fields["step1_meeting"].error.value == "" and a.problem is None and a.results.layout.display is None


def test_screening_sets_the_route_and_hides_fields(contract):
    a = build_app(contract, as_of=AS_OF, params={"learned": "2026-11-18"})
    a.subject.value = "merit_staffing"
    assert a.path.value == "merit-staffing"
    assert "step2_filing" in a.summary()
    assert a.fields["step1_meeting"].box.layout.display == "none"
    a.subject.value = "informal_flexiplace"
    assert "Not grievable" in a.screen_out.value and "Art. 10 §11" in a.screen_out.value
    assert "Decisions on informal flexiplace arrangements are not grievable." in a.screen_out.value


def test_switching_a_reading_moves_a_date(contract):
    """grievance.reply_due_start = first_day_late: Step 1 reply due Mon 2027-01-04, first day late Tue 1-5;
    10 workdays: 6, 7, 8, 11-15 (8), (MLK 1-18), 19, Wed 1-20."""
    a = build_app(contract, as_of=AS_OF, params={"learned": "2026-11-18"})
    assert "step2_appeal             2027-01-19" in a.summary()
    a.readings["grievance.reply_due_start"].value = "first_day_late"
    assert "step2_appeal             2027-01-20" in a.summary()
    assert "decides a date in this timeline" in a.reading_flags["grievance.reply_due_start"].value
    a.explain_pick.value = "step2_appeal"
    # the page names the reading in words (its label and option text), never by its id (issue 17 item 8)
    assert "The first workday the reply is overdue is the event" in a.explain_out.value and "Wed 2027-01-20" in a.explain_out.value
    assert "first_day_late" not in a.explain_out.value and "grievance.reply_due_start" not in a.explain_out.value


def test_downloads_escape_the_title_and_hold_the_open_deadlines(contract):
    a = build_app(contract, as_of=AS_OF, params={"learned": "2026-11-18", "title": "<script>x</script> & Co"})
    page = _link(a.downloads.value, "lmcore-download-summary").decode()
    assert "<script>x</script>" not in page and "&lt;script&gt;x&lt;/script&gt; &amp; Co" in page
    assert "2026-12-17" in page and "Art. 43 §12" in page
    cal = _link(a.downloads.value, "lmcore-download-ics")
    assert cal.startswith(b"BEGIN:VCALENDAR") and cal.count(b"BEGIN:VEVENT") == 7


def test_removal_stay_from_the_link_and_a_bad_link_date(contract):
    a = build_app(contract, as_of=AS_OF, params={"learned": "2026-11-18", "path": "removal-stay", "filed": "2026-11-31"})
    assert "not a date" in a.fields["filed"].error.value
    # issue 17 item 2: a date the link gives but that cannot be read withholds the timeline (never answered as if unfiled)
    assert "1 field needs attention" in a.answer.value and "stay_filing" not in a.summary()
    a.fields["filed"].set(D(2026, 11, 20))  # the person types a date, then deletes it: now it is really not filed
    a.fields["filed"].set(None)
    assert a.fields["filed"].error.value == ""
    assert "stay_filing              2026-11-25 open" in a.summary()  # Wed 11-18 + 5 workdays → Wed 11-25
    a.explain_pick.value = "arbitration_hearing"
    assert "Section 13" in a.explain_out.value  # the Art. 44 §3.d flaw is shown
