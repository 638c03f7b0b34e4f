"""The partnership page without a browser (lmcore.ui.partnership): the key finding first (the forum next due), a
meeting recorded → stored and the next due date moves (hand-counted, Art. 35 §4, Art. 44 §3.b), dates that cannot be
read are never taken, the PDI log with versions, the annual report and its printable page, the self-assessment, the
history with each document's title and date, escaping, and nothing read before the page is shown."""
from __future__ import annotations

import base64
import datetime as dt
import html
import re

import pytest

pytest.importorskip("ipywidgets")
pytest.importorskip("matplotlib")

from lmcore.partnership import PdiRecord  # noqa: E402
from lmcore.storage.partnership import PartnershipRecords  # noqa: E402
from lmcore.ui import partnership  # noqa: E402

AS_OF = dt.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _no_hub(monkeypatch):
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)


@pytest.fixture
def db(tmp_path):
    return tmp_path / "partnership.sqlite"


def page(contract, db, shown=True, **params):
    app = partnership.build_app(contract, as_of=AS_OF, params=params, where=db)
    if shown:
        app.widget._view_count = 1
    return app


def text(markup: str) -> str:
    """What a person reads: tags dropped, entities turned back into characters."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def row(table_html: str, name: str) -> str:
    return text(next(r for r in table_html.split("<tr>") if name in r))


def test_conventions_and_nothing_read_before_the_page_is_shown(contract, db):
    PartnershipRecords(db, contract=contract).add_meeting("department_lmrc", "2026-11-20", today=AS_OF)
    app = page(contract, db, shown=False)
    assert {"lmcore-app", "lmcore-ready"} <= set(app.widget._dom_classes) and "lmcore-answer" in app.answer._dom_classes
    assert "read when this page is shown" in app.answer.value and app.store is None
    assert app.summary().startswith("Partnership page as of 2026-11-23: 16 forums of the contract, 5 with a schedule")
    assert "History: 6 documents, 1993–2009" in app.summary()
    app.widget._view_count = 1
    assert "Fri 2026-11-20" in app.forums.table.value


def test_the_key_finding_and_a_meeting_that_moves_the_next_due_date(contract, db):
    """As of Mon 2026-11-23, nothing recorded: the monthly case review (Art. 44 §3.b) is due first, by the last workday
    of November, Mon 11-30; the Department LMRC (Art. 35 §4) by the last workday of Q4, Thu 2026-12-31. Record its
    meeting of Fri 11-20: Q4 is met, the next is due by the end of 2027 Q1, Wed 2027-03-31."""
    app = page(contract, db)
    assert text(app.answer.value).startswith("Next meeting due: the OELMR and Local 12 monthly arbitration case review, by "
                                             "Mon 2026-11-30 (Art. 44 §3.b; as of Mon 2026-11-23)")
    assert "Thu 2026-12-31" in row(app.forums.table.value, "Department Labor-Management Relations Committee")
    app.name.widget.value = "Ann Lee"
    app.forums.forum.widget.value = "department_lmrc"
    app.forums.held.widget.value = "2026-11-20"
    assert "Fri 2026-11-20" in app.forums.held.echo.value
    assert app.forums.add()
    assert "Recorded: the Department Labor-Management Relations Committee met on Fri 2026-11-20" in text(app.forums.message.value)
    dept = row(app.forums.table.value, "Department Labor-Management Relations Committee")
    assert "Wed 2027-03-31" in dept and "2027 Q1" in dept and "Fri 2026-11-20" in dept
    (m,) = PartnershipRecords(db, contract=contract).meetings()
    assert (m.forum, m.held, m.recorded_by) == ("department_lmrc", dt.date(2026, 11, 20), "Ann Lee")
    app.forums.forum.widget.value = "arbitration_case_review"
    app.forums.held.widget.value = "2026-11-18"
    assert app.forums.add()  # November met: December's review by Thu 2026-12-31
    assert "Mon 2026-11-30" not in text(app.answer.value)


@pytest.mark.parametrize("typed, message", [("2026-11-2", "is not a real calendar date"),
                                            ("2026-11-31", "is not a real calendar date"),
                                            ("2026-11-24", "has not been held yet"),
                                            ("", "the meeting date is missing")])
def test_a_meeting_date_that_cannot_be_used_is_refused_beside_the_box(contract, db, typed, message):
    app = page(contract, db)
    app.forums.held.widget.value = typed
    assert not app.forums.add()
    assert message in text(app.forums.held.error.value) and app.forums.held.widget.value == typed
    assert PartnershipRecords(db, contract=contract).meetings() == ()


def test_the_same_meeting_twice_and_removing_one(contract, db):
    app = page(contract, db)
    app.forums.held.widget.value = "2026-11-20"
    assert app.forums.add()
    app.forums.held.widget.value = "2026-11-20"
    assert not app.forums.add() and "already recorded" in text(app.forums.held.error.value)
    app.forums.pick.widget.value = app.forums.pick.widget.options[0][1]
    assert not app.forums.remove() and app.forums.remove_button.description == "Click again to remove it"
    assert app.forums.remove() and PartnershipRecords(db, contract=contract).meetings() == ()


def test_as_of_and_counting_from_change_the_tracker(contract, db):
    """Counting from Thu 2026-10-01 (the start of Q4): the quarters before are not judged, so the Department LMRC with
    no meeting yet is not behind — its Q4 meeting is due by Thu 2026-12-31."""
    app = page(contract, db)
    assert "not met" in row(app.forums.table.value, "Department Labor-Management Relations Committee")
    app.forums.since.widget.value = "2026-10-01"
    dept = row(app.forums.table.value, "Department Labor-Management Relations Committee")
    assert "met so far" in dept and "Thu 2026-12-31" in dept
    app.as_of.widget.value = "2026-13-01"
    assert "is not a real calendar date" in text(app.as_of.error.value)
    assert "met so far" in row(app.forums.table.value, "Department Labor-Management Relations Committee")  # kept as it was


def test_the_link_opens_a_tab_and_says_what_it_cannot_use(contract, db):
    app = page(contract, db, tab="report", as_of="2026-11-30")
    assert app.tabs.selected_index == 2 and app.as_of.date == dt.date(2026, 11, 30)
    bad = page(contract, db, tab="gossip", as_of="someday")
    assert bad.tabs.selected_index == 0
    assert "The link's tab=gossip is not a part of this page; showing Forum tracker" in text(bad.link_note.value)
    assert "'someday' is not a real calendar date" in text(bad.as_of.error.value) and bad.as_of.widget.value == "someday"
    assert bad.forums.tracker is None  # no tracker drawn for a day that is not a date


def test_pdi_log_new_entry_update_and_a_stale_save(contract, db):
    """Information given Thu 10-01, decision Wed 10-14 with no input: the record names it; a second tab that saved in
    between makes this one's save a conflict, nothing overwritten."""
    app = page(contract, db)
    p = app.pdi
    p.issue.widget.value = "<b>Telework</b> policy"
    p.given.widget.value = "2026-10-01"
    p.decided.widget.value = "2026-09-30"
    assert not p.save() and "before the information was given" in text(p.decided.error.value)
    p.decided.widget.value = "2026-10-14"
    assert p.save() and "Saved entry #1 (version 1)" in text(p.message.value)
    assert "The decision was made with no input recorded" in text(p.table.value)
    assert "&lt;b&gt;Telework&lt;/b&gt;" in p.table.value and "<b>Telework</b>" not in p.table.value
    assert p.decided.widget.value == "2026-10-14"  # the form keeps the entry as saved
    PartnershipRecords(db, contract=contract).update_pdi(1, PdiRecord("<b>Telework</b> policy", "2026-10-01",
                                                                                 decision="2026-10-14", notes="other tab"))
    p.received.widget.value = "2026-10-13"
    assert not p.save() and "was changed since you opened it: it is now version 2" in text(p.message.value)
    p.open(1)
    p.received.widget.value = "2026-10-13"
    assert p.save() and "(version 3)" in text(p.message.value)
    assert "input came before the decision (13 days from the information)" in text(p.table.value)


def test_annual_report_entries_text_and_the_printable_page(contract, db):
    app = page(contract, db)
    r = app.report
    assert r.year.widget.value == "2026"
    r.category.widget.value = "quality"
    r.improvement.widget.value = "Fewer grievances reach Step 2 <script>"
    r.measure.widget.value = "12 → 7"
    r.when.widget.value = "2026-06-31"
    assert not r.add() and "is not a real calendar date" in text(r.when.error.value)
    r.when.widget.value = "2026-06-30"
    assert r.add() and "Added to the 2026 report under quality" in text(r.message.value)
    r.efforts.widget.value = "Quarterly LMRC meetings & a joint task force"
    assert r.store_text()
    preview = text(r.preview.value)
    assert "Quality Fewer grievances reach Step 2 <script> — measure: 12 → 7 — Tue 2026-06-30" in preview
    assert "<script>" not in r.preview.value
    page_html = base64.b64decode(re.search(r"base64,([^']+)'", r.download.value).group(1)).decode()
    assert page_html.startswith("<!DOCTYPE html>") and "&lt;script&gt;" in page_html and "&amp; a joint task force" in page_html
    assert [h for h in re.findall(r"<h2>([^<]+)</h2>", page_html)] == ["Efforts", "Union involvement", "Customer service",
                                                                      "Quality", "Productivity", "Efficiency", "Quality of worklife"]
    r.year.widget.value = "20x6"
    assert "is not a year" in text(r.year.error.value)


def test_self_assessment_from_the_link(contract, db):
    """Launch 3, 4 → 3.50; Build 1; Refine 2; Problem Solve 2; Grow 3; Advance 1: the weakest are Build and Advance
    (1.00), and the first next steps are the lessons lmcore pairs with Build."""
    app = page(contract, db, tab="assessment", launch="3,4", build="1", refine="2", problem_solve="2", grow="3", advance="1")
    a = app.assessment
    assert app.tabs.selected_index == 3
    assert text(a.result.value).startswith("Weakest: Build (1.00, beginning) and Advance (1.00, beginning).")
    assert "Launch: 3.50 (established)" in text(a.result.value)
    assert a.chart.value[:4] == b"\x89PNG"
    assert [n.lesson.title for n in a.assessment.next_steps][:2] == ["Develop Partnering Skills", "Limit Consultants"]
    a.rates["launch"].widget.value = "3, five"
    assert "'five' is not a rating" in text(a.rates["launch"].error.value) and a.chart.layout.display == "none"
    a.rates["launch"].widget.value = "5"
    assert "outside 0–4" in text(a.rates["launch"].error.value)
    a.rates["launch"].widget.value = "3, 4"
    a.pillar_rates["trust"].widget.value = "2"
    assert "Rate all three pillars" in a.result.value


def test_history_each_document_by_its_title_and_date(contract, db):
    app = page(contract, db, tab="history")
    h = app.history
    assert h.chart.value[:4] == b"\x89PNG"
    listed = text(h.list.value)
    for title, when in (("Executive Order 12871, Labor-Management Partnerships", "1993"),
                        ("OPM memorandum MSG-046a, Labor-Management Relations", "June 21, 2002"),
                        ("First annual partnership reports due to the President through OMB", "April 14, 2000")):
        assert f"{title} — {when}." in listed
    assert h.quotes.selected_index is None and len(h.quotes.children) == 6  # the sources' words folded


def test_the_timeline_chart_labels_its_axis(contract):
    from lmcore.partnership import timeline_rows
    from lmcore.ui.partnership.charts import timeline_chart

    fig = timeline_chart(timeline_rows())
    ax = fig.axes[0]
    labels = " ".join(t.get_text() for t in ax.texts)
    assert ax.get_xlabel() == "Year" and "(June 21, 2002)" in labels and "(1993)" in labels
