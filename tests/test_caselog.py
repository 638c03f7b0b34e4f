"""The steward's case log (lmcore.storage.caselog): storage, the agenda across cases with hand-counted due dates (Art. 43),
clear errors for files that are not a case log, the per-user location, the round trip of a Grievance through
its stored form (hypothesis), and the `lmcore cases` command."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lmcore.storage.caselog import CaseLog, check_case_id, default_path
from lmcore.cli import main
from lmcore.errors import CaseLogError, InvalidDate, InvalidInput, LmcoreError
from lmcore.grievance import DATE_FIELDS, Extension, Grievance, Waiver, timeline
from lmcore.grievance import CONSOLIDATIONS, PATHS

D = dt.date
AS_OF = D(2026, 11, 23)

# Art. 43 §7.a(1): learned Wed 11-18; day 1 = Thu 11-19, Fri 11-20 = 2, Mon 11-23..Wed 11-25 = 3–5, Thu 11-26
# Thanksgiving skipped, Fri 11-27 = 6, Mon 11-30 = 7, 12-01..12-04 = 8–11, 12-07..12-11 = 12–16,
# 12-14..12-17 = 17–20 → Thu 2026-12-17
SMITH = Grievance(learned=D(2026, 11, 18), title="Overtime rotation – J. Smith")
# Art. 43 §7.a(3), §7.b(1): learned Mon 11-02, filed Wed 11-04, no meeting. Meeting due 5 workdays after the
# filing: Thu 11-05 = 1, Fri 11-06 = 2, Mon 11-09 = 3, Tue 11-10 = 4, Wed 11-11 Veterans Day skipped,
# Thu 11-12 = 5 → missed. Decision due 5 workdays after the meeting's last day: Fri 11-13 = 1, 11-16..11-19 =
# 2–5 → Thu 11-19, missed. Step 2 appeal within 10 workdays after the reply was due: Fri 11-20 = 1,
# 11-23..11-25 = 2–4, Thanksgiving skipped, Fri 11-27 = 5, Mon 11-30 = 6, 12-01..12-04 = 7–10 → Fri 2026-12-04
JONES = Grievance(learned=D(2026, 11, 2), filed=D(2026, 11, 4))
# Art. 43 §7.a(1), §12: learned Thu 10-01, never filed. Fri 10-02 = 1, 10-05..10-09 = 2–6, Mon 10-12
# Columbus Day skipped, 10-13..10-16 = 7–10, 10-19..10-23 = 11–15, 10-26..10-30 = 16–20 → due Fri 2026-10-30,
# missed by 11-23: the grievance ended there (nothing open)
ENDED = Grievance(learned=D(2026, 10, 1))
# Art. 43 §7.a(1): a continuing condition may be filed any time while it lasts: open, no due date
CONTINUING = Grievance(learned=D(2026, 9, 1), continuing=True)


@pytest.fixture
def log(tmp_path):
    return CaseLog(tmp_path / "cases.sqlite")


# -- storage --------------------------------------------------------------------------------------
def test_save_get_list_remove_round_trip(log):
    saved = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.timezone.utc)
    log.save("  smith  ", SMITH, saved=saved)  # the name is stripped
    log.save("jones", JONES)
    assert log.get("smith") == SMITH and log.get(" jones ") == JONES
    entries = log.cases()
    assert [e.case_id for e in entries] == ["jones", "smith"]
    assert (entries[1].title, entries[1].grievance, entries[1].saved, entries[1].problem) == (
        "Overtime rotation – J. Smith", SMITH, saved, None)
    log.save("smith", JONES)  # same name: replaced, not added
    assert log.ids() == ["jones", "smith"] and log.get("smith") == JONES
    log.remove("smith")
    assert log.ids() == ["jones"]


def test_unknown_case_lists_the_known_ones(log):
    log.save("jones", JONES)
    with pytest.raises(InvalidInput, match="no case 'smith'") as exc:
        log.get("smith")
    assert exc.value.fix == "Saved cases: jones" and exc.value.cite == "Art. 43"
    with pytest.raises(InvalidInput, match="Saved cases: jones"):
        log.remove("smith")


@pytest.mark.parametrize("name,words", [("", "empty"), ("   ", "empty"), ("x" * 81, "81 characters"),
                                        ("two\nlines", "line break")])
def test_bad_case_names_say_what_to_do(log, name, words):
    with pytest.raises(InvalidInput, match=words) as exc:
        log.save(name, SMITH)
    assert exc.value.fix
    assert log.ids() == []


def test_case_name_of_80_characters_is_kept():
    assert check_case_id(" " + "x" * 80 + " ") == "x" * 80


def test_two_logs_on_one_file_see_each_others_saves(tmp_path):
    """Two notebooks (kernels) of one user share the file: every operation opens its own connection."""
    a, b = CaseLog(tmp_path / "c.sqlite"), CaseLog(tmp_path / "c.sqlite")
    a.save("smith", SMITH)
    assert b.get("smith") == SMITH
    b.save("jones", JONES)
    b.remove("smith")
    assert a.ids() == ["jones"]


def test_a_fresh_file_is_marked_as_a_case_log(tmp_path):
    path = tmp_path / "deep" / "folder" / "cases.sqlite"  # parent folders are created
    CaseLog(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x4C4D4347
        assert [r[1] for r in conn.execute("PRAGMA table_info(cases)")] == ["case_id", "title", "data", "saved"]
    CaseLog(path)  # opened again: accepted as is


# -- files that are not a case log ------------------------------------------------------------------
def test_a_text_file_is_not_a_case_log(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("steward's notes\n" * 200)
    with pytest.raises(CaseLogError, match="is not an lmcore case log") as exc:
        CaseLog(path)
    assert exc.value.cite == "Art. 43" and "LMCORE_CASELOG" in exc.value.fix
    assert path.read_text().startswith("steward's notes")  # left untouched


def test_another_programs_database_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE cases (case_id TEXT, data TEXT)")
    with pytest.raises(CaseLogError, match="another program"):
        CaseLog(path)


def test_a_newer_case_log_is_refused(tmp_path):
    path = tmp_path / "cases.sqlite"
    CaseLog(path)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 2")
    with pytest.raises(CaseLogError, match="newer lmcore") as exc:
        CaseLog(path)
    assert exc.value.fix == "Upgrade lmcore"


def test_a_folder_that_cannot_be_made_is_a_clear_error(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(CaseLogError, match="cannot create the folder") as exc:
        CaseLog(tmp_path / "file" / "cases.sqlite")
    assert "LMCORE_CASELOG" in exc.value.fix


# -- where the log lives ------------------------------------------------------------------------------
def test_lmcore_caselog_env_is_honoured(tmp_path, monkeypatch):
    monkeypatch.setenv("LMCORE_CASELOG", str(tmp_path / "mine.sqlite"))
    assert default_path() == tmp_path / "mine.sqlite"
    CaseLog().save("smith", SMITH)
    assert CaseLog(tmp_path / "mine.sqlite").ids() == ["smith"]


def test_default_path_per_user(tmp_path, monkeypatch):
    monkeypatch.delenv("LMCORE_CASELOG", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_path() == tmp_path / "data" / "lmcore" / "cases.sqlite"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_path() == tmp_path / "home" / ".local" / "share" / "lmcore" / "cases.sqlite"


# -- the agenda ---------------------------------------------------------------------------------------
def test_agenda_next_deadline_first(log, contract):
    """Open steps by due date (Art. 43 §7.b(1) Fri 12-04 before §7.a(1) Thu 12-17), then a continuing condition
    (§7.a(1): any time), then a grievance that ended (§12)."""
    for name, g in [("smith", SMITH), ("ended", ENDED), ("jones", JONES), ("continuing", CONTINUING)]:
        log.save(name, g)
    items = log.agenda(AS_OF, contract)
    assert [(i.case_id, i.milestone, i.due, i.status, i.cite) for i in items] == [
        ("jones", "step2_appeal", D(2026, 12, 4), "open", "Art. 43 §7.b(1)"),
        ("smith", "step1_filing", D(2026, 12, 17), "open", "Art. 43 §7.a(1)"),
        ("continuing", "step1_filing", None, "open", "Art. 43 §7.a(1)"),
        ("ended", "step1_filing", D(2026, 10, 30), "missed", "Art. 43 §7.a(1)"),
    ]
    smith = items[1]
    assert smith.title == "Overtime rotation – J. Smith" and smith.label == "File the grievance at Step 1"
    assert "Thu 2026-11-26 Thanksgiving Day" in smith.explanation and "twenty (20) workdays" in smith.explanation
    assert "Thanksgiving Day" in items[0].explanation and "no timely decision" in items[0].explanation
    assert [i.is_open for i in items] == [True, True, True, False]
    assert json.loads(json.dumps(smith.to_dict()))["due"] == "2026-12-17"


def test_agenda_matches_the_timeline_of_each_case(log, contract):
    log.save("smith", SMITH)
    (item,) = log.agenda(AS_OF, contract)
    m = timeline(SMITH, contract, AS_OF).at_hand
    assert (item.milestone, item.due, item.status, item.explanation) == (m.name, m.due, m.status, m.explain())


def test_agenda_uses_the_contract_given(log, contract):
    """A closure on Mon 12-14 (Art. 43 counts workdays) moves smith's day 20 to Fri 12-18."""
    log.save("smith", SMITH)
    closed = contract.with_closures({D(2026, 12, 14): "Weather closure"})
    assert log.agenda(AS_OF, closed)[0].due == D(2026, 12, 18)


def test_records_that_no_longer_validate_show_a_problem(log, contract):
    """A case saved with an extension of a step the path does not have (Art. 43 §13.a), one recorded after the
    agenda's day, and a damaged row: listed last, with the reason, and the other cases still shown."""
    log.save("smith", SMITH)
    log.save("foreign", Grievance(learned=D(2026, 11, 2), extensions=(Extension("institutional_filing", workdays=5),)))
    log.save("later", Grievance(learned=D(2026, 11, 18), filed=D(2026, 11, 30)))
    with sqlite3.connect(log.path) as conn:
        conn.execute("INSERT INTO cases VALUES ('damaged', '', '{not json', '')")
    items = log.agenda(AS_OF, contract)
    assert [i.case_id for i in items] == ["smith", "damaged", "foreign", "later"]
    problems = {i.case_id: i.problem for i in items}
    assert problems["smith"] is None
    assert "no milestone 'institutional_filing' on the employee path" in problems["foreign"]
    assert "after the 'as of' date" in problems["later"]
    assert "cannot be read" in problems["damaged"]
    assert not any(i.is_open for i in items[1:])
    with pytest.raises(CaseLogError, match="'damaged' cannot be read"):
        log.get("damaged")
    assert [e.problem is not None for e in log.cases()] == [True, False, False, False]


# -- a Grievance through its stored form ------------------------------------------------------------------
def test_to_mapping_is_plain_json():
    g = Grievance(learned=D(2026, 11, 2), filed=D(2026, 11, 4), waivers=(Waiver("step2", D(2026, 11, 20)),),
                  extensions=(Extension("step1_meeting", workdays=3),))
    m = g.to_mapping()
    assert (m["learned"], m["filed"], m["step1_meeting"]) == ("2026-11-02", "2026-11-04", None)
    assert m["waivers"] == [{"step": "step2", "agreed_on": "2026-11-20"}]
    assert m["extensions"] == [{"milestone": "step1_meeting", "workdays": 3, "until": None, "agreed_on": None}]
    assert Grievance.from_mapping(json.loads(json.dumps(m))) == g


def test_from_mapping_still_takes_objects_and_reports_bad_dicts():
    w = (Waiver("step1"),)
    assert Grievance.from_mapping({"learned": "2026-11-18", "waivers": w}).waivers == w
    with pytest.raises(InvalidDate, match="2026-02-30") as exc:
        Grievance.from_mapping({"learned": "2026-11-18", "waivers": [{"step": "step1", "agreed_on": "2026-02-30"}]})
    assert exc.value.cite == "Art. 43 §13.b"
    with pytest.raises(InvalidInput, match="is not a valid extension record") as exc:
        Grievance.from_mapping({"learned": "2026-11-18", "extensions": [{"days": 3}]})
    assert exc.value.cite == "Art. 43 §13.a"
    with pytest.raises(InvalidInput, match="not a whole number"):
        Grievance.from_mapping({"learned": "2026-11-18", "extensions": [{"milestone": "step2_appeal", "workdays": "two"}]})


dates = st.dates(D(2020, 1, 1), D(2030, 12, 31))
maybe = st.none() | dates
grievances = st.builds(
    Grievance, learned=dates, path=st.sampled_from(PATHS),
    **{k: maybe for k in DATE_FIELDS if k != "learned"},
    continuing=st.booleans(), agencies=st.sampled_from(["single", "multiple"]),
    consolidation=st.none() | st.sampled_from(CONSOLIDATIONS), expedited=st.booleans(),
    waivers=st.lists(st.builds(Waiver, step=st.sampled_from(["step1", "step2"]), agreed_on=maybe), max_size=2).map(tuple),
    extensions=st.lists(st.builds(Extension, milestone=st.sampled_from(["step1_meeting", "step2_appeal", "step1_filing"]),
                                  workdays=st.none() | st.integers(0, 250), until=maybe, agreed_on=maybe),
                        max_size=3).map(tuple),
    title=st.text(max_size=40))


@given(grievances)
def test_mapping_round_trip(g):
    assert Grievance.from_mapping(g.to_mapping()) == g
    assert Grievance.from_mapping(json.loads(json.dumps(g.to_mapping()))) == g


@pytest.fixture(scope="module")
def shared_log(tmp_path_factory):
    return CaseLog(tmp_path_factory.mktemp("caselog") / "cases.sqlite")


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(g=grievances, name=st.text(min_size=1, max_size=80).filter(lambda s: s.strip() and s.isprintable()))
def test_log_round_trip(shared_log, g, name):
    shared_log.save(name, g)
    assert shared_log.get(name) == g


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 400), st.booleans()), min_size=1, max_size=6))
def test_agenda_is_sorted_and_agrees_with_each_timeline(tmp_path_factory, contract, cases):
    """Random learned dates (some filed 2 days later): open due dates never decrease down the agenda, and each
    row is the step at hand of that case's own timeline (Art. 43 §7)."""
    log = CaseLog(tmp_path_factory.mktemp("agenda") / "c.sqlite")
    for n, (offset, filed) in enumerate(cases):
        learned = D(2025, 11, 1) + dt.timedelta(days=offset)
        log.save(f"case {n}", Grievance(learned=learned, filed=learned + dt.timedelta(days=2) if filed else None))
    items = log.agenda(AS_OF, contract)
    dues = [i.due for i in items if i.is_open and i.due]
    assert dues == sorted(dues)
    ranks = [i.sort_key()[0] for i in items]
    assert ranks == sorted(ranks)
    for i in items:
        try:
            m = timeline(log.get(i.case_id), contract, AS_OF).at_hand
        except LmcoreError:  # e.g. a filing date after "as of": shown as a problem
            assert i.problem
            continue
        assert (i.milestone, i.due, i.status) == (m.name, m.due, m.status)


# -- the command line -----------------------------------------------------------------------------------------
def cli(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_add_agenda_show_remove(tmp_path, capsys):
    """The hand-worked cases above through `lmcore cases` (Art. 43 §7.a(1), §7.b(1))."""
    log = str(tmp_path / "c.sqlite")
    code, out, err = cli(capsys, "cases", "--log", log, "add", "smith", "--learned", "2026-11-18",
                         "--title", "Overtime rotation", "--as-of", "2026-11-23")
    assert (code, err) == (0, "")
    assert "Saved case 'smith'" in out and "due Thu 2026-12-17, open (Art. 43 §7.a(1))" in out
    code, out, _ = cli(capsys, "cases", "--log", log, "add", "jones", "--learned", "2026-11-02", "--filed", "2026-11-04",
                       "--waive", "step2=2026-11-20", "--as-of", "2026-11-23")
    assert code == 0
    assert CaseLog(log).get("jones") == Grievance(learned=D(2026, 11, 2), filed=D(2026, 11, 4),
                                                  waivers=(Waiver("step2", D(2026, 11, 20)),))
    cli(capsys, "cases", "--log", log, "add", "jones", "--learned", "2026-11-02", "--filed", "2026-11-04",
        "--as-of", "2026-11-23")
    code, out, _ = cli(capsys, "cases", "--log", log, "agenda", "--as-of", "2026-11-23")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "Case log agenda as of Mon 2026-11-23 — the step at hand of each case, next due first"
    rows = [line.split("  ")[0] for line in lines[3:5]]
    assert rows == ["Fri 2026-12-04", "Thu 2026-12-17"]
    assert "jones" in lines[3] and "Appeal to Step 2" in lines[3] and "Art. 43 §7.b(1)" in lines[3]
    assert "smith" in lines[4] and "File the grievance at Step 1" in lines[4] and lines[4].endswith("Art. 43 §7.a(1)")
    code, out, _ = cli(capsys, "cases", "--log", log, "agenda", "--as-of", "2026-11-23", "--json")
    data = json.loads(out)
    assert [(c["case_id"], c["due"], c["cite"]) for c in data["cases"]] == [
        ("jones", "2026-12-04", "Art. 43 §7.b(1)"), ("smith", "2026-12-17", "Art. 43 §7.a(1)")]
    code, out, _ = cli(capsys, "cases", "--log", log, "show", "smith", "--as-of", "2026-11-23")
    assert code == 0 and "Grievance timeline — employee path: Overtime rotation" in out
    assert "step1_filing" in out and "Thu 2026-12-17" in out
    code, out, _ = cli(capsys, "cases", "--log", log, "show", "smith", "--as-of", "2026-11-23", "--explain", "step1_filing")
    assert "Thanksgiving Day" in out
    code, out, _ = cli(capsys, "cases", "--log", log, "list")
    assert code == 0 and out.splitlines()[1].startswith("jones") and "Overtime rotation" in out.splitlines()[2]
    code, out, _ = cli(capsys, "cases", "--log", log, "remove", "jones")
    assert code == 0 and CaseLog(log).ids() == ["smith"]


@pytest.mark.parametrize("argv,words", [
    (["add", "", "--learned", "2026-11-18"], "the case name is empty (Art. 43)"),
    (["add", "x", "--learned", "2026-11-30", "--as-of", "2026-11-23"], "after the 'as of' date"),
    (["add", "x", "--learned", "2026-02-30"], "not a real calendar date"),
    (["show", "nobody"], "no case 'nobody'"),
    (["remove", "nobody"], "no case 'nobody'"),
    ([], "required: ACTION"),
])
def test_cli_errors_are_one_line_exit_2(tmp_path, capsys, argv, words):
    code, out, err = cli(capsys, "cases", "--log", str(tmp_path / "c.sqlite"), *argv)
    assert code == 2 and words in err and err.count("\n") == 1 and out == ""
    if argv and argv[0] == "add":
        assert CaseLog(tmp_path / "c.sqlite").ids() == []  # nothing saved


def test_cli_log_from_env_and_foreign_file(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("LMCORE_CASELOG", str(tmp_path / "env.sqlite"))
    assert cli(capsys, "cases", "add", "smith", "--learned", "2026-11-18", "--as-of", "2026-11-23")[0] == 0
    assert CaseLog(tmp_path / "env.sqlite").ids() == ["smith"]
    (tmp_path / "x.txt").write_text("not a database " * 100)
    code, _, err = cli(capsys, "cases", "--log", str(tmp_path / "x.txt"), "list")
    assert code == 2 and "is not an lmcore case log" in err
