"""The due board (lmcore.storage.board) on SQLite and PostgreSQL: every date it shows worked out by hand from Art. 43,
the buckets (overdue / due in the next 10 workdays / later / projected), the filters, the one sort key, the cache,
and the deadlines a new closure would move (old → new) before it is applied."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from lmcore.grievance import Grievance, timeline
from lmcore.storage.board import BoardRow, bucket_of, deadline_moves, due_board, sort_key
from lmcore.storage.caselog import CaseLog
from lmcore.storage.records import Case

D = dt.date
AS_OF = D(2026, 11, 23)  # a Monday
# "Soon" = due by the 10th workday after Mon 11-23: 11-24 = 1, 11-25 = 2, Thu 11-26 Thanksgiving skipped, 11-27 = 3,
# 11-30 = 4, 12-01..12-04 = 5–8, 12-07 = 9, Tue 12-08 = 10
SOON_UNTIL = D(2026, 12, 8)

CASES = {
    # Art. 43 §7.a(1): learned Wed 11-18; Thu 11-19 = 1, Fri 11-20 = 2, 11-23..11-25 = 3–5, Thanksgiving skipped,
    # 11-27 = 6, 11-30 = 7, 12-01..12-04 = 8–11, 12-07..12-11 = 12–16, 12-14..12-17 = 17–20 → Thu 12-17: later
    "smith": (Grievance(learned=D(2026, 11, 18)), "step1_filing", D(2026, 12, 17), "open", "later", "Art. 43 §7.a(1)"),
    # Art. 43 §7.a(3): filed Fri 11-20; meeting within 5 workdays: 11-23 = 1, 11-24 = 2, 11-25 = 3, Thanksgiving
    # skipped, 11-27 = 4, Mon 11-30 = 5 → soon
    "lee": (Grievance(learned=D(2026, 11, 18), filed=D(2026, 11, 20)), "step1_meeting", D(2026, 11, 30), "open", "soon",
            "Art. 43 §7.a(3)"),
    # Art. 43 §7.b(1): learned Mon 11-02, filed Wed 11-04, no meeting: meeting due 11-05 = 1, 11-06 = 2, 11-09 = 3,
    # 11-10 = 4, Wed 11-11 Veterans Day skipped, Thu 11-12 = 5 (missed); decision 5 workdays after: 11-13 = 1,
    # 11-16..11-19 = 2–5 → Thu 11-19 (missed); appeal within 10 workdays after the reply was due: 11-20 = 1,
    # 11-23..11-25 = 2–4, Thanksgiving skipped, 11-27 = 5, 11-30 = 6, 12-01..12-04 = 7–10 → Fri 12-04: soon
    "jones": (Grievance(learned=D(2026, 11, 2), filed=D(2026, 11, 4)), "step2_appeal", D(2026, 12, 4), "open", "soon",
              "Art. 43 §7.b(1)"),
    # Art. 43 §7.a(1), §12: learned Thu 10-01, never filed: 10-02 = 1, 10-05..10-09 = 2–6, Mon 10-12 Columbus Day
    # skipped, 10-13..10-16 = 7–10, 10-19..10-23 = 11–15, 10-26..10-30 = 16–20 → Fri 10-30, missed: overdue
    "ended": (Grievance(learned=D(2026, 10, 1)), "step1_filing", D(2026, 10, 30), "missed", "overdue", "Art. 43 §7.a(1)"),
    # Art. 43 §7.a(1): a continuing condition may be filed at any time while it lasts: open, no date
    "continuing": (Grievance(learned=D(2026, 9, 1), continuing=True), "step1_filing", None, "open", "undated",
                   "Art. 43 §7.a(1)"),
}


@pytest.fixture
def log(db_url):
    log = CaseLog(db_url)
    for n, (cid, (g, *_)) in enumerate(CASES.items()):
        log.add(Case(cid, g, steward=("Ann Lee" if n % 2 else "Bo Chen"), articles=("Art. 12 §3",) if cid == "lee" else ()))
    log.add(Case("settled", Grievance(learned=D(2026, 11, 18)), status="settled"))  # not open: not on the board
    return log


def test_every_date_on_the_board_is_the_hand_count(log, contract):
    board = due_board(log, AS_OF, contract)
    assert board.soon_until == SOON_UNTIL and board.total == 5
    got = {r.case_id: (r.milestone, r.due, r.status, r.bucket, r.cite) for r in board.rows}
    assert got == {cid: tuple(v[1:]) for cid, v in CASES.items()}
    # the sort key's order: bucket, then the safe date (issue 16). jones's appeal is due Fri 12-04, but under the reading
    # grievance.reply_due_without_meeting = meeting_deadline the reply was due when the meeting time ran out, Thu 11-12:
    # 11-13 = 1, 11-16..11-20 = 2–6, 11-23..11-25 = 7–9, Thanksgiving skipped, Fri 11-27 = 10 → safe date 11-27, before
    # lee's meeting (the Department's: its latest date, Mon 11-30, no reading moves it)
    assert {r.case_id: r.safe_due for r in board.rows} == {"ended": D(2026, 10, 30), "lee": D(2026, 11, 30),
                                                          "jones": D(2026, 11, 27), "smith": D(2026, 12, 17), "continuing": None}
    assert [r.case_id for r in board.rows] == ["ended", "jones", "lee", "smith", "continuing"]


def test_each_row_carries_the_explanation_of_its_date(log, contract):
    rows = {r.case_id: r for r in due_board(log, AS_OF, contract).rows}
    assert "Thu 2026-11-26 Thanksgiving Day" in rows["smith"].explanation and "twenty (20) workdays" in rows["smith"].explanation
    assert "Veterans Day" in rows["jones"].explanation or "no timely decision" in rows["jones"].explanation
    for cid, row in rows.items():  # the engine's own step at hand, word for word
        m = timeline(CASES[cid][0], contract, AS_OF).at_hand
        assert (row.milestone, row.due, row.status, row.explanation, row.label) == (m.name, m.due, m.status, m.explain(), m.label)


def test_filters(log, contract):
    ids = lambda **kw: [r.case_id for r in due_board(log, AS_OF, contract, **kw).rows]  # noqa: E731
    assert ids(steward="ann lee") == ["ended", "lee"]  # stewards alternate Bo Chen / Ann Lee in CASES order
    assert ids(status="soon") == ["jones", "lee"] and ids(status="missed") == ["ended"]  # by safe date: 11-27, 11-30
    assert ids(article="Art. 12") == ["lee"] and ids(article="Art. 1") == []  # "Art. 1" is not "Art. 12"
    assert ids(path="employee") == ["ended", "jones", "lee", "smith", "continuing"] and ids(path="department") == []


def test_the_cache_gives_the_same_board_and_follows_edits(log, contract):
    fresh = due_board(log, AS_OF, contract, use_cache=False)
    first, again = due_board(log, AS_OF, contract), due_board(log, AS_OF, contract)
    assert first.rows == again.rows == fresh.rows
    # smith files Mon 11-23: the meeting is due 5 workdays later: 11-24 = 1, 11-25 = 2, Thanksgiving skipped, 11-27 = 3,
    # 11-30 = 4, Tue 12-01 = 5 (Art. 43 §7.a(3))
    log.edit("smith", lambda c: replace(c, grievance=replace(c.grievance, filed=D(2026, 11, 23))))
    row = next(r for r in due_board(log, AS_OF, contract).rows if r.case_id == "smith")
    assert (row.milestone, row.due, row.bucket) == ("step1_meeting", D(2026, 12, 1), "soon")
    closed = contract.with_closures({D(2026, 12, 14): "Weather closure"})  # another basis: computed, not cached
    jones_later = next(r for r in due_board(log, AS_OF, closed).rows if r.case_id == "jones")
    assert jones_later.due == D(2026, 12, 4)


def test_a_closure_shows_the_deadlines_it_would_move_before_it_is_applied(log, contract):
    """A closure on Mon 12-14: smith's day 20 (Art. 43 §7.a(1)) moves from Thu 12-17 to Fri 12-18; jones's appeal
    (due Fri 12-04) does not move."""
    closed = contract.with_closures({D(2026, 12, 14): "Weather closure"})
    moves = deadline_moves(log.cases(open_only=True), AS_OF, contract, closed)
    first = {(m.case_id, m.milestone): (m.old, m.new) for m in moves}
    assert first[("smith", "step1_filing")] == (D(2026, 12, 17), D(2026, 12, 18))
    assert ("jones", "step2_appeal") not in first
    assert all(m.old != m.new for m in moves)
    assert next(r for r in due_board(log, AS_OF, contract).rows if r.case_id == "smith").due == D(2026, 12, 17)  # not applied


def test_a_switched_reading_shows_its_moves(log, contract):
    """Art. 43 §7.b(1) read as counting from the first day the decision was late (grievance.reply_due_start =
    first_day_late): jones's appeal count starts a workday later, Mon 11-23 → day 10 = Mon 12-07."""
    other = contract.with_interpretations({"grievance.reply_due_start": "first_day_late"})
    moves = {(m.case_id, m.milestone): (m.old, m.new) for m in deadline_moves(log.cases(open_only=True), AS_OF, contract, other)}
    assert moves[("jones", "step2_appeal")] == (D(2026, 12, 4), D(2026, 12, 7))


def test_a_case_with_a_problem_shows_it_and_the_rest_stay(tmp_path, contract):
    import sqlite3

    log = CaseLog(tmp_path / "c.sqlite")
    log.add(Case("smith", CASES["smith"][0]))
    log.add(Case("broken", Grievance(learned=D(2026, 11, 18))))
    with sqlite3.connect(tmp_path / "c.sqlite") as conn:
        conn.execute("UPDATE caselog_cases SET filed = 'yesterday' WHERE case_id = 'broken'")
    rows = due_board(log, AS_OF, contract).rows
    assert [(r.case_id, r.bucket) for r in rows] == [("smith", "later"), ("broken", "problem")]
    assert "yesterday" in rows[1].problem


def test_buckets_and_the_single_sort_key():
    row = lambda cid, due, status, problem=None: BoardRow(cid, "", "", "employee", (), due=due, status=status, problem=problem)  # noqa: E731
    rows = [row("p", D(2026, 12, 1), "projected"), row("x", None, "open", problem="bad"), row("s", D(2026, 12, 8), "open"),
            row("l", D(2026, 12, 9), "open"), row("o", D(2026, 11, 1), "missed"), row("d", None, "done_on_time")]
    rows = [replace(r, bucket=bucket_of(r, AS_OF, SOON_UNTIL)) for r in rows]
    assert [(r.case_id, r.bucket) for r in sorted(rows, key=sort_key)] == [
        ("o", "overdue"), ("s", "soon"), ("l", "later"), ("p", "projected"), ("d", "done"), ("x", "problem")]
