"""The vectorised board path agrees with the grievance engine (issue 19 performance): for random records on every
path the vectorised timelines (lmcore.grievance.bulk.BulkTimelines) give exactly the engine's milestones —
due date, status, rule, where the count starts, the readings used and the explanation word for word — and leave to
the engine exactly the records it refuses; the due board built from the database equals, row for row, the board the
engine alone gives (`row_of`), on SQLite and PostgreSQL, also for stored records another program damaged; an
import checks each row's timeline in the engine's words.

These compare against `lmcore.grievance.timeline` (the reference): when the engine's rules change, run them again."""
from __future__ import annotations

import datetime as dt
import random
import sqlite3
from dataclasses import replace

import numpy as np
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from lmcore.errors import LmcoreError
from lmcore.grievance import Extension, Grievance, Waiver, timeline
from lmcore.grievance.bulk import COVERED, NOT_COVERED, PLAIN_PATHS, STATUS_WORDS, BulkTimelines, columns_of, is_plain
from lmcore.grievance.steps import path_steps
from lmcore.storage.board import SOON_WORKDAYS, bucket_of, due_board, row_of
from lmcore.storage.caselog import CaseLog
from lmcore.storage.records import Arbitration, Case, Signatories
from lmcore.storage.transfer import cases_from_rows

D = dt.date
AS_OF = D(2026, 11, 23)
READINGS = {
    "count.event_on_nonworkday": ["next_workday_is_day_1", "deemed_received_next_workday"],
    "grievance.reply_due_start": ["last_day_for_reply", "first_day_late"],
    "grievance.late_decision_clock": ["from_reply_due", "from_receipt"],
    "grievance.reply_due_without_meeting": ["meeting_deadline_plus_decision_time", "meeting_deadline"],
    "grievance.response_clock_start": ["completed_form", "first_receipt"],
    "calendar.executive_order_closures": ["include", "exclude"],
}
_CONTRACTS: dict[tuple, object] = {}


def contract_for(base, choices: dict[str, str], closure: dt.date | None = None):
    key = (tuple(sorted(choices.items())), closure)
    if key not in _CONTRACTS:
        c = base.with_interpretations({k: v for k, v in choices.items() if k in base.interpretations
                                       and v in base.interpretations[k].options})
        _CONTRACTS[key] = c.with_closures({closure: "Weather closure"}) if closure else c
    return _CONTRACTS[key]


@st.composite
def records(draw, plain_only: bool = False):
    """A grievance on any path: its steps in order a few days apart (some missing, some late), or dates drawn at
    random (often out of order, after 'as of' or not used by the path) — and, unless plain_only, now and then a
    §13 waiver or extension, a continuing condition, a consolidation or an OELMR notice."""
    path = draw(st.sampled_from(PLAIN_PATHS if plain_only else (*PLAIN_PATHS, "removal-stay")))
    agencies = draw(st.sampled_from(["single", "multiple"]))
    learned = D(2025, 10, 1) + dt.timedelta(days=draw(st.integers(0, 420)))
    rec: dict = {"learned": learned, "path": path, "agencies": agencies}
    fields = [f for s in path_steps(path, agencies=agencies) for f in (s.done, s.anchor.clock) if f]
    if draw(st.booleans()):  # in order, a few days apart
        day = learned
        for s in path_steps(path, agencies=agencies):
            if not s.done or s.done in NOT_COVERED or not draw(st.booleans()):
                if s.side == "filer":
                    break
                continue
            day += dt.timedelta(days=draw(st.integers(0, 12)))
            rec[s.done] = day
            if s.anchor.clock and draw(st.integers(0, 3)) == 0:
                rec[s.anchor.clock] = day + dt.timedelta(days=draw(st.integers(0, 4)))
    else:  # at random
        for f in draw(st.lists(st.sampled_from([*fields, *COVERED]), max_size=5, unique=True)):
            rec[f] = learned + dt.timedelta(days=draw(st.integers(-5, 40)))
    if path == "union-institutional" and draw(st.booleans()):
        rec["occurred"] = learned - dt.timedelta(days=draw(st.integers(0, 10)))
    if not plain_only and draw(st.integers(0, 3)) == 0:
        extra = draw(st.sampled_from(["waiver", "extension", "continuing", "consolidation", "notice", "invoked"]))
        if extra == "waiver" and path == "employee":
            rec["waivers"] = (Waiver("step1", learned + dt.timedelta(days=1)),)
        elif extra == "extension":
            rec["extensions"] = (Extension(path_steps(path, agencies=agencies)[0].name, workdays=5),)
        elif extra == "continuing":
            rec["continuing"] = True
        elif extra == "consolidation" and path == "employee":
            rec["consolidation"] = "single-supervisor"
        else:
            rec["step1_oelmr_notice" if extra == "notice" else "invoked"] = learned + dt.timedelta(days=30)
    as_of = learned + dt.timedelta(days=draw(st.integers(0, 120)))
    return Grievance(**rec), as_of


choices = st.fixed_dictionaries({k: st.sampled_from(v) for k, v in READINGS.items()})
closures = st.none() | st.dates(D(2025, 10, 1), D(2027, 3, 31))


def _engine(g: Grievance, contract, as_of: dt.date):
    try:
        return timeline(g, contract, as_of), None
    except LmcoreError as exc:
        return None, exc


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(records(plain_only=True), min_size=1, max_size=10), choices, closures)
def test_vectorised_timelines_are_the_engines_word_for_word(contract, batch, readings, closure):
    """Every milestone of every row (due, status, rule, start, counting, readings, explanation) is the engine's; a row
    is left to the engine exactly when the engine refuses the record, the record has a date bulk mode leaves to it, or a filer step is premature or late."""
    c = contract_for(contract, readings, closure)
    as_of = max(a for _, a in batch)
    for path, agencies in {(g.path, g.agencies) for g, _ in batch}:
        gs = [g for g, _ in batch if (g.path, g.agencies) == (path, agencies)]
        tl = BulkTimelines(path, columns_of(gs), c, as_of, agencies=agencies)
        for j, g in enumerate(gs):
            t, err = _engine(g, c, as_of)
            uncovered = any(getattr(g, f) is not None for f in NOT_COVERED)
            # a filer's premature or late step: the engine's notes on it and on every later date (grievance.timeliness)
            flagged = t is not None and any(m.side == "filer" and m.status in ("premature", "done_late") for m in t.milestones)
            assert bool(tl.engine[j]) == (err is not None or uncovered or flagged), (g, err)
            event("left to the engine" if tl.engine[j] else f"computed at once: {STATUS_WORDS[tl.status[j]]}")
            if tl.engine[j]:
                continue
            assert tl.milestones(j) == t.milestones, g
            m = t.at_hand
            assert (tl.milestone(j), tl.explain(j)) == (m, m.explain())
            assert (tl.due[j].item(), STATUS_WORDS[tl.status[j]]) == (m.due, m.status)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(records(), min_size=1, max_size=12), choices)
def test_timeline_problems_are_the_engines(contract, batch, readings):
    """What an import refuses for each row's timeline is what the engine says, on plain and other records alike."""
    from lmcore.storage.board import timeline_problems

    c = contract_for(contract, readings)
    as_of = max(a for _, a in batch)
    gs = [g for g, _ in batch]
    event(f"{sum(is_plain(g) for g in gs)} of {len(gs)} plain")
    got = {i: str(e) for i, e in timeline_problems(gs, c, as_of).items()}
    want = {i: str(err) for i, (g, _) in enumerate(batch) if (err := _engine(g, c, as_of)[1]) is not None}
    assert got == want


def test_bulk_mode_covers_the_plain_paths_only(contract):
    """A stay of removal (Art. 43 §14) and an arbitration case (Art. 44) go to the engine; so do dates bulk mode does
    not count: an OELMR notice (§7.a(5)), a resolution (§8.b), an invocation (§10)."""
    g = Grievance(learned=D(2026, 11, 2), filed=D(2026, 11, 4))
    assert not BulkTimelines("employee", columns_of([g]), contract, AS_OF).engine.any()
    assert BulkTimelines("removal-stay", columns_of([replace(g, path="removal-stay")]), contract, AS_OF).engine.all()
    for extra in ("step1_oelmr_notice", "resolved", "invoked"):
        assert BulkTimelines("employee", columns_of([replace(g, **{extra: D(2026, 11, 20)})]), contract, AS_OF).engine.all()
    assert not is_plain(replace(g, continuing=True)) and not is_plain(replace(g, waivers=(Waiver("step1"),)))


def test_the_step_at_hand_by_hand(contract):
    """Art. 43 §7.b(1) (the board's "jones" case): learned Mon 11-02, filed Wed 11-04, no meeting; the meeting was due
    Thu 11-12 (Veterans Day Wed 11-11 skipped), the decision Thu 11-19 (missed): the appeal is due 10 workdays after
    it — 11-20 = 1, 11-23..11-25 = 2–4, Thanksgiving skipped, 11-27 = 5, 11-30 = 6, 12-01..12-04 = 7–10 → Fri 12-04,
    counted from when the Step 1 decision was due."""
    tl = BulkTimelines("employee", columns_of([Grievance(learned=D(2026, 11, 2), filed=D(2026, 11, 4))]), contract, AS_OF)
    m = tl.milestone(0)
    assert (m.name, m.due, m.status, m.cite) == ("step2_appeal", D(2026, 12, 4), "open", "Art. 43 §7.b(1)")
    assert m.counts_from == "from when the Step 1 decision was due, Thu 2026-11-19 (no timely decision)"
    assert "Thu 2026-11-26 Thanksgiving Day" in tl.explain(0)


# -- the board from the database ---------------------------------------------------------------------------------
def _kinds(rng: random.Random, i: int) -> Case:
    """A stored case: plain on any path, or with a §13 agreement and its signatories, continuing, or an arbitration."""
    learned = AS_OF - dt.timedelta(days=rng.randrange(1, 200))
    path = rng.choice(PLAIN_PATHS)
    kw: dict = {}
    day = learned
    for s in path_steps(path):
        if not s.done or s.done in NOT_COVERED or rng.random() < 0.35:
            break
        day += dt.timedelta(days=rng.randrange(0, 9))
        kw[s.done] = day
    signed, arb = (), None
    kind = rng.randrange(8)
    if kind == 0:
        path, kw = "employee", {"waivers": (Waiver("step1", learned + dt.timedelta(days=1)),)}
        signed = (Signatories("waiver", "step1", "Ann Lee", "Dee Ford"),)
    elif kind == 1:
        path, kw = "employee", {"continuing": True}
    elif kind == 2:
        path, kw = "employee", {"filed": learned + dt.timedelta(days=2), "step1_meeting": learned + dt.timedelta(days=4),
                                "step1_decision": learned + dt.timedelta(days=5), "step2_appeal": learned + dt.timedelta(days=6),
                                "step2_meeting": learned + dt.timedelta(days=8), "step2_decision": learned + dt.timedelta(days=9),
                                "invoked": learned + dt.timedelta(days=12)}
        arb = Arbitration("regular", "J. Arbiter")
    elif kind == 3:  # a date after the board's day: the engine refuses it, the board shows the problem
        kw["filed"] = AS_OF + dt.timedelta(days=3)
    g = Grievance(learned=learned, path=path, title=rng.choice(["", "Overtime", "  Telework  "]), **kw)
    return Case(f"c{i:03d}", g, steward=rng.choice(["Ann Lee", "Bo Chen", ""]), articles=rng.choice([(), ("Art. 43",),
                ("Art. 12 §3", "Art. 43")]), grievants=rng.choice([(), ("J. Smith",)]), signatories=signed, arbitration=arb)


def _reference(log: CaseLog, as_of: dt.date, contract) -> dict[str, dict]:
    """The board as the engine alone gives it: every open case read whole and through `row_of`."""
    soon = contract.calendar.add_workdays(as_of, SOON_WORKDAYS)
    rows = [row_of(c, as_of, contract) for c in log.cases(open_only=True)]
    return {r.case_id: replace(r, bucket=bucket_of(r, as_of, soon)).to_dict() for r in rows}


def test_the_board_is_the_engines_board_row_for_row(db_url, contract):
    """120 random cases on SQLite and PostgreSQL: every row, with its explanation, is the engine's; with the cache
    and without, twice (the second board from the cache), and on another day."""
    log = CaseLog(db_url)
    rng = random.Random(1943)
    log.add_many([_kinds(rng, i) for i in range(120)], by="test")
    for as_of, use_cache in ((AS_OF, True), (AS_OF, True), (AS_OF, False), (AS_OF + dt.timedelta(days=9), True)):
        board = due_board(log, as_of, contract, use_cache=use_cache)
        got = {r.case_id: r.to_dict() for r in board.rows}
        assert got == _reference(log, as_of, contract)
        assert board.total == 120 and any(r["problem"] for r in got.values()) and any(r["bucket"] == "overdue" for r in got.values())


def test_stored_values_another_program_damaged_show_as_the_engine_shows_them(tmp_path, contract):
    """Values written into the file by hand: a date not in the YYYY-MM-DD form, text where a yes/no belongs, over-long
    or multi-line names, bytes where text belongs. Each row is the one the whole read gives (a problem, or the row)."""
    path = tmp_path / "c.sqlite"
    log = CaseLog(path)
    g = Grievance(learned=D(2026, 11, 18), filed=D(2026, 11, 20))
    names = ["date spaces", "date compact", "date time", "continuing text", "official long", "agency break",
             "subject blob", "grievant break", "article break", "title long", "steward break", "steward spaces", "fine"]
    log.add_many([Case(n, g, grievants=("J. Smith",), articles=("Art. 43",)) for n in names], by="test")
    edits = {"date spaces": "filed = ' 2026-11-20'", "date compact": "filed = '20261120'",
             "date time": "filed = '2026-11-20T00:00'", "continuing text": "continuing = 'yes'",
             "official long": f"official = '{'x' * 301}'", "agency break": "agency = 'OSHA' || char(10) || 'x'",
             "subject blob": "subject = x'00ff'", "title long": f"title = '{'t' * 1001}'",
             "steward break": "steward = 'Ann' || char(8232) || 'Lee'", "steward spaces": "steward = '  Ann Lee  '"}
    with sqlite3.connect(path) as conn:
        for cid, change in edits.items():
            conn.execute(f"UPDATE caselog_cases SET {change} WHERE case_id = ?", (cid,))
        conn.execute("UPDATE caselog_grievants SET name = 'J.' || char(10) || 'Smith' WHERE case_id = 'grievant break'")
        conn.execute("UPDATE caselog_articles SET cite = 'Art.' || char(13) || '43' WHERE case_id = 'article break'")
    got = {r.case_id: r.to_dict() for r in due_board(log, AS_OF, contract).rows}
    want = _reference(log, AS_OF, contract)
    assert got == want
    assert got["fine"]["problem"] is None and got["steward spaces"]["steward"] == "Ann Lee"
    assert got["date spaces"]["problem"] is None and got["date compact"]["problem"] is None  # the reader takes " 2026-11-20"
    # and "20261120" (ISO basic form) as that date, and so does the board
    for cid in ("official long", "agency break", "subject blob", "grievant break", "article break", "title long",
                "steward break"):
        assert got[cid]["problem"], cid


def test_a_board_with_only_engine_cases_and_an_empty_log(tmp_path, contract):
    log = CaseLog(tmp_path / "c.sqlite")
    assert due_board(log, AS_OF, contract).rows == ()
    log.add(Case("cont", Grievance(learned=D(2026, 9, 1), continuing=True)))
    (row,) = due_board(log, AS_OF, contract).rows
    assert (row.bucket, row.due, row.cite) == ("undated", None, "Art. 43 §7.a(1)")  # filed at any time (§7.a(1))


# -- import ------------------------------------------------------------------------------------------------------
def test_import_refuses_a_row_whose_timeline_the_engine_refuses(contract):
    """Art. 43 §7.a(3): a Step 1 meeting on Thu 11-19 before the filing on Fri 11-20 is refused in the engine's words,
    on its line; the other rows are fine, and nothing is imported (the caller writes nothing when any row is bad)."""
    rows = [(2, {"case_id": "ok", "learned": "2026-11-18"}),
            (3, {"case_id": "early meeting", "learned": "2026-11-18", "filed": "2026-11-20", "step1_meeting": "2026-11-19"}),
            (4, {"case_id": "cont", "learned": "2026-09-01", "continuing": "yes"})]
    cases, problems = cases_from_rows(rows, contract, AS_OF, set())
    assert [c.case_id for c in cases] == ["ok", "cont"]
    (p,) = problems
    want = str(_engine(Grievance(learned=D(2026, 11, 18), filed=D(2026, 11, 20), step1_meeting=D(2026, 11, 19)),
                       contract, AS_OF)[1])
    assert (p.line, p.column) == (3, "step1_meeting") and p.reason == want and "before the filing date" in want


def test_covered_and_not_covered_dates_are_every_date(contract):
    from lmcore.grievance import DATE_FIELDS

    assert sorted((*COVERED, *NOT_COVERED)) == sorted(DATE_FIELDS) and not set(COVERED) & set(NOT_COVERED)
    assert np.isnat(columns_of([Grievance(learned=D(2026, 1, 2))])["filed"]).all()
