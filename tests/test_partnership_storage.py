"""The partnership chapter's stored records (issue 18, phase 2), on SQLite and on a real PostgreSQL server: forum
meetings and the tracker's due dates from them (hand-counted, Art. 35 §4, Art. 44 §3.b), the pre-decisional
involvement log with versions, the annual report's entries and text, malformed rows shown with their problem, backup,
and several people recording at once from separate processes without losing or doubling a record."""
from __future__ import annotations

import datetime as dt
import os

import pytest
from sqlalchemy import text

from lmcore.errors import InvalidDate, InvalidInput
from lmcore.partnership import PdiRecord, ReportEntry
from lmcore.storage.caselog import Conflict
from lmcore.storage.partnership import PartnershipRecords

D = dt.date
TODAY = D(2026, 11, 23)


@pytest.fixture
def recs(db_url, contract):
    return PartnershipRecords(db_url, contract=contract)


def status(tracker, forum):
    return next(s for s in tracker.statuses if s.forum.id == forum)


def test_quarterly_committee_next_due_moves_when_a_meeting_is_recorded(recs):
    """Art. 35 §4 ("meet at least quarterly"; reading committees.quarterly = each calendar quarter). Met Tue 02-10,
    Tue 05-12, Tue 08-11; as of Mon 2026-11-23 Q4 has had no meeting → due by the last workday of Q4: Thu 2026-12-31
    (a Thursday; New Year's Day is Fri 2027-01-01). Record Fri 11-20: Q4 is met → next due by the end of 2027 Q1,
    Wed 2027-03-31 (Mar 1 2027 is a Monday, so Mar 31 is a Wednesday, a workday)."""
    for day in ("2026-02-10", "2026-05-12", "2026-08-11"):
        recs.add_meeting("department_lmrc", day, by="Ann Lee", today=TODAY)
    before = status(recs.tracker(TODAY), "department_lmrc")
    assert (before.met, before.next_due, before.period) == (True, D(2026, 12, 31), "2026 Q4")
    m = recs.add_meeting("Department Labor-Management Relations Committee", "2026-11-20", note="Telework pilot",
                         by="Bo Chen", today=TODAY)  # by its name, too
    assert (m.forum, m.held, m.note, m.recorded_by) == ("department_lmrc", D(2026, 11, 20), "Telework pilot", "Bo Chen")
    after = status(recs.tracker(TODAY), "department_lmrc")
    assert (after.met, after.next_due, after.period) == (True, D(2027, 3, 31), "2027 Q1")
    assert [x.held for x in recs.meetings("department_lmrc")] == [D(2026, 2, 10), D(2026, 5, 12), D(2026, 8, 11), D(2026, 11, 20)]


def test_a_quarter_without_a_meeting_is_named(recs):
    """Only Q1 met (Tue 03-03): Q2 (Apr–Jun) and Q3 (Jul–Sep) went without; the requirement is not met."""
    recs.add_meeting("agency_lmrc", "2026-03-03", today=TODAY)
    s = status(recs.tracker(TODAY), "agency_lmrc")
    assert s.met is False and s.next_due == D(2026, 12, 31)
    assert len([p for p in s.problems if p.startswith("No meeting")]) == 2


def test_monthly_case_review_is_due_by_the_last_workday_of_the_month(recs):
    """Art. 44 §3.b (monthly): as of Mon 2026-11-23 no November meeting → due by Mon 2026-11-30 (Nov 30 is a Monday).
    Recorded Wed 11-18 → the next is December's, by Thu 2026-12-31."""
    assert status(recs.tracker(TODAY), "arbitration_case_review").next_due == D(2026, 11, 30)
    recs.add_meeting("arbitration_case_review", "2026-11-18", today=TODAY)
    assert status(recs.tracker(TODAY), "arbitration_case_review").next_due == D(2026, 12, 31)


def test_meetings_refused_twice_in_the_future_or_of_no_forum(recs):
    recs.add_meeting("department_lmrc", "2026-11-20", today=TODAY)
    with pytest.raises(InvalidInput, match="already recorded"):
        recs.add_meeting("department_lmrc", D(2026, 11, 20), today=TODAY)
    with pytest.raises(InvalidDate, match="has not been held yet") as exc:
        recs.add_meeting("department_lmrc", "2026-11-24", today=TODAY)
    assert exc.value.field == "held"
    with pytest.raises(InvalidDate, match="not a real calendar date|is not a date") as exc:
        recs.add_meeting("department_lmrc", "2026-02-30", today=TODAY)
    assert exc.value.field == "held"
    with pytest.raises(InvalidInput, match="no forum named 'the picnic committee'"):
        recs.add_meeting("the picnic committee", "2026-11-20", today=TODAY)
    assert len(recs.meetings()) == 1
    recs.remove_meeting("department_lmrc", "2026-11-20")
    assert recs.meetings() == ()
    with pytest.raises(InvalidInput, match="no meeting of the Department"):
        recs.remove_meeting("department_lmrc", "2026-11-20")


def test_rows_the_tracker_cannot_use_are_left_out_with_why(recs):
    """A meeting after the as-of day, one of a forum no longer in the contract, one whose date was typed into the
    database by hand: none stops the tracker; each is listed with why."""
    recs.add_meeting("department_lmrc", "2026-11-20", today=TODAY)
    recs.db.write(lambda c: c.execute(text(
        "INSERT INTO partnership_meetings (forum, held, note, recorded_at, recorded_by) VALUES "
        "('old_committee', '2026-05-01', '', 'x', 'x'), ('department_lmrc', '2026-13-45', '', 'x', 'x')")))
    t = recs.tracker(D(2026, 11, 19))
    why = sorted(w for _, w in t.left_out)
    assert why == ["after the as-of date Thu 2026-11-19", "the contract names no such forum",
                   "the stored date '2026-13-45' is not a date"]
    assert status(t, "department_lmrc").held == ()


def test_pdi_log_versions_and_findings(recs):
    """Information given Thu 10-01, decision Wed 10-14, input only Thu 10-15: the decision came first."""
    e = recs.add_pdi(PdiRecord("Telework policy", "2026-10-01", forum="Department LMRC"), by="Ann Lee")
    assert (e.id, e.version, e.record.stage, e.recorded_by) == (e.id, 1, "information given", "Ann Lee")
    e2 = recs.update_pdi(e.id, PdiRecord("Telework policy", "2026-10-01", input_received="2026-10-15", decision="2026-10-14",
                                         decision_summary="Pilot approved"), expect_version=1, by="Bo Chen")
    assert (e2.version, e2.updated_by, e2.recorded_by, e2.record.predecisional) == (2, "Bo Chen", "Ann Lee", False)
    assert "before the input came" in e2.record.findings()[0]
    with pytest.raises(Conflict, match="version 2, saved by Bo Chen"):
        recs.update_pdi(e.id, PdiRecord("Telework policy", "2026-10-01"), expect_version=1)
    recs.add_pdi(PdiRecord("Parking", "2026-09-15"))
    assert [x.record.issue for x in recs.pdi_log()] == ["Parking", "Telework policy"]  # information given first
    with pytest.raises(InvalidDate, match="before the information was given"):
        PdiRecord("Space", "2026-10-01", decision="2026-09-30")
    recs.remove_pdi(e.id)
    with pytest.raises(InvalidInput, match=f"no entry {e.id}"):
        recs.pdi_entry(e.id)


def test_a_pdi_row_typed_in_by_hand_is_shown_with_its_problem(recs):
    recs.db.write(lambda c: c.execute(text(
        "INSERT INTO partnership_pdi (version, issue, information_given, decision_summary, notes, recorded_at, recorded_by, "
        "updated_at, updated_by) VALUES (1, 'Lockers', 'soon', '', '', 'x', 'x', 'x', 'x')")))
    (e,) = recs.pdi_log()
    assert e.record is None and e.issue == "Lockers" and "date" in e.problem


def test_annual_report_from_stored_entries_and_text(recs):
    """The 1999 memorandum's five categories in its order; an empty category is named as missing."""
    recs.add_report_entry(2026, ReportEntry("quality", "Fewer grievances reach Step 2", measure="12 → 7"), by="Ann Lee")
    recs.add_report_entry(2026, ReportEntry("efficiency", "Space moves planned with the union", date=D(2026, 6, 1)))
    recs.add_report_entry(2025, ReportEntry("quality", "Not this year's"))
    recs.set_report_text(2026, efforts="Quarterly LMRC meetings")
    recs.set_report_text(2026, union_involvement="Drafted with Local 12")  # only the part given changes
    t = recs.report_text(2026)
    assert (t.efforts, t.union_involvement, t.parties) == ("Quarterly LMRC meetings", "Drafted with Local 12", "DOL and AFGE Local 12")
    r = recs.report(2026)
    assert [s.id for s in r.sections] == ["customer_service", "quality", "productivity", "efficiency", "quality_of_worklife"]
    assert [e.improvement for s in r.sections for e in s.entries] == ["Fewer grievances reach Step 2", "Space moves planned with the union"]
    assert r.gaps == ("No improvement recorded under customer service.", "No improvement recorded under productivity.",
                      "No improvement recorded under quality of worklife.")
    with pytest.raises(InvalidInput, match="not one of the memorandum's categories"):
        recs.add_report_entry(2026, ReportEntry("morale", "x"))
    with pytest.raises(InvalidInput, match="outside the years"):
        recs.report(3000)
    first = recs.report_entries(2026)[0]
    recs.remove_report_entry(first.id)
    assert [i.entry.improvement for i in recs.report_entries(2026)] == ["Space moves planned with the union"]


def test_the_printable_report_escapes_what_was_typed(recs):
    recs.add_report_entry(2026, ReportEntry("quality", "<script>alert(1)</script>"))
    recs.set_report_text(2026, efforts="A & B")
    page = recs.report(2026).html()
    assert "<script>alert" not in page and "&lt;script&gt;" in page and "A &amp; B" in page


def test_backup_covers_the_partnership_records(recs, tmp_path):
    recs.add_meeting("department_lmrc", "2026-11-20", today=TODAY)
    recs.add_pdi(PdiRecord("Telework policy", "2026-10-01"))
    recs.add_report_entry(2026, ReportEntry("quality", "Fewer grievances"))
    recs.set_report_text(2026, efforts="x")
    saved = recs.db.backup(tmp_path / "backup.json")
    recs.remove_meeting("department_lmrc", "2026-11-20")
    counts = recs.db.restore(saved)
    assert {k: v for k, v in counts.items() if k.startswith("partnership_")} == {
        "partnership_meetings": 1, "partnership_pdi": 1, "partnership_report_entries": 1, "partnership_reports": 1}
    assert [m.held for m in recs.meetings()] == [D(2026, 11, 20)]
    recs.add_meeting("department_lmrc", "2026-11-19", today=TODAY)  # serial ids go on after the restored rows


# -- several people recording at once ----------------------------------------------------------------------------
WRITERS, EACH = 4, 12


def _recorder(url: str, n: int, out_fd: int) -> None:
    """Child process: its own meetings (distinct days), PDI entries and report entries, and the one meeting every
    writer tries to record (only one may succeed)."""
    lines = []
    try:
        r = PartnershipRecords(url)
        for i in range(EACH):
            day = D(2026, 1, 1) + dt.timedelta(days=n * EACH + i)
            r.add_meeting("steward_supervisor", day, today=TODAY, by=f"w{n}")
            r.add_pdi(PdiRecord(f"issue {n}-{i}", day), by=f"w{n}")
            r.add_report_entry(2026, ReportEntry("quality", f"entry {n}-{i}"), by=f"w{n}")
            lines.append(f"stored {n}-{i}")
        try:
            r.add_meeting("department_lmrc", "2026-11-20", today=TODAY, by=f"w{n}")
            lines.append("shared stored")
        except InvalidInput as exc:
            lines.append("shared refused" if "already recorded" in str(exc) else f"error {exc}")
    except Exception as exc:  # any error reaches the test as text
        lines.append(f"error {type(exc).__name__}: {exc}")
    finally:
        os.write(out_fd, ("\n".join(lines) + "\n").encode())
        os._exit(0)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_several_people_recording_at_once_lose_nothing(db_url):
    PartnershipRecords(db_url).db.dispose()
    pipes = []
    for n in range(WRITERS):
        rfd, wfd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(rfd)
            _recorder(db_url, n, wfd)
        os.close(wfd)
        pipes.append((pid, rfd))
    out = []
    for pid, rfd in pipes:
        with os.fdopen(rfd, "rb") as f:
            out += [x for x in f.read().decode().split("\n") if x]
        os.waitpid(pid, 0)
    assert [x for x in out if x.startswith("error")] == []
    assert sum(x.startswith("stored") for x in out) == WRITERS * EACH
    assert out.count("shared stored") == 1 and out.count("shared refused") == WRITERS - 1
    r = PartnershipRecords(db_url)
    assert len(r.meetings("steward_supervisor")) == WRITERS * EACH and len(r.meetings("department_lmrc")) == 1
    assert sorted(e.record.issue for e in r.pdi_log()) == sorted(f"issue {n}-{i}" for n in range(WRITERS) for i in range(EACH))
    assert len(r.report_entries(2026)) == WRITERS * EACH
