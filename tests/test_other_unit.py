"""Another bargaining unit (issue 13 §1): tests/other_unit is a contract folder of its own — its own text, whose
sections carry its numbers, and its own parameters.yaml — loaded with `load_contract(FOLDER)` and `--contract FOLDER`.
Every case is counted by hand from that folder's words, beside the bundled DOL – Local 12 answer it differs from.

The unit's numbers (tests/other_unit/parameters.yaml): Step 1 filing 15 workdays (Art. 43 §7.a(1)), Step 1 meeting and
decision 7 and 7, Step 2 appeal 15, Step 2 decision 10, invocation 30 (§10), removal stay: 7 workdays, 8 years of
service (§14.a); regular hearing 120 calendar days (Art. 44 §3.c), expedited 45 (§3.e), pre-hearing meeting 10 workdays
before (§5.a), a panel of five (§1.a); core hours 9 a.m.–1 p.m., four a day (Art. 4 §2.b(2)), band 6:30 a.m.–6:30 p.m.
(§5), compressed schedules of 72 hours, the four-day week 36 hours (9-hour days) (§2.c(1)); medical certificate after
5 workdays (Art. 5 §2.e), restriction up to 6 months (§3.c), CPA examination 2 workdays (§7.i(2)); flexiplace decision
10 calendar days (Art. 10 §5.A), start 20 (§5.C), termination notice 10 workdays (§8.B.1).
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from schedule_sheets import EIGHT, NINE, WEEK1, WEEK2, days, row, sheet

from lmcore import load_contract
from lmcore.arbitration import EXAMPLE_NAMES, make_panel, milestones
from lmcore.cli import main
from lmcore.errors import LmcoreError
from lmcore.flexiplace import clocks, termination_notice
from lmcore.grievance import Grievance, Situation, screen, timeline
from lmcore.leave import cpa_exam, leave_restriction, medical_certificate
from lmcore.schedules import allowed_patterns, evaluate
from lmcore.schedules.terms import Terms

D = dt.date
OTHER = Path(__file__).parent / "other_unit"
LEARNED = D(2026, 11, 18)  # Wed; Thanksgiving Thu 11-26, Christmas Fri 12-25, New Year Fri 2027-01-01, MLK Mon 01-18
# Four 9-hour days in each week (07:00–16:30, 30-minute lunch), Fridays off; Thu 11-26 Thanksgiving → 7 days worked.
FOUR_NINE = sheet(*days(WEEK1[:4], NINE), *days(WEEK2[:3], NINE))
# Mon 11-16 from 10:00 to 18:30; every other weekday 07:00–15:30.
LATE_MONDAY = sheet(row("2026-11-16", ("10:00", "18:30", "12:00", "12:30")), *days(WEEK1[1:] + WEEK2, EIGHT))


@pytest.fixture(scope="module")
def other():
    return load_contract(OTHER)


def cli(capsys, *argv: str) -> dict:
    """`lmcore ARGV --contract tests/other_unit --json`: exit 0, nothing on stderr, the JSON."""
    code = main([*argv, "--contract", str(OTHER), "--json"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, ""), err
    return json.loads(out)


def test_the_folder_loads_as_its_own_unit(other, contract):
    """The folder's own id, title and numbers; the bundled contract is untouched by loading it."""
    assert other.id == "test_unit_local_2000" and other.id != contract.id
    assert other.value("grievance.step1_filing") == 15 and contract.value("grievance.step1_filing") == 20
    assert "fifteen (15) workdays" in other.section("Art. 43 §7.a(1)").text
    assert "twenty (20) workdays" in contract.section("Art. 43 §7.a(1)").text


# -- Art. 43 --------------------------------------------------------------------------------------------
def test_step1_filing_in_15_workdays_art43_7a1(other, contract):
    """Learned Wed 2026-11-18: 11-19 (1), 11-20 (2), 11-23..25 (3–5), Thanksgiving 11-26 skipped, 11-27 (6), 11-30 (7),
    12-1..4 (8–11), 12-7..10 (12–15) → day 15 = Thu 2026-12-10; the bundled 20 workdays run on to Thu 12-17."""
    t = timeline(Grievance(learned=LEARNED), other, D(2026, 11, 23))
    m = t.milestone("step1_filing")
    assert m.due == D(2026, 12, 10)
    assert "Counted 15 workdays after Wed 2026-11-18" in m.explain()
    assert "Thanksgiving Day" in m.explain() and "fifteen (15) workdays" in m.explain()
    assert timeline(Grievance(learned=LEARNED), contract, D(2026, 11, 23)).milestone("step1_filing").due == D(2026, 12, 17)


def test_projected_steps_follow_the_units_limits_art43_7(other):
    """Each step on its last day: meeting 7 workdays after Thu 12-10: 12-11 (1), 12-14..18 (2–6), Mon 12-21 (7);
    decision 7 after: 12-22, 23, 24 (1–3), Christmas 12-25 skipped, 12-28..31 (4–7) → Thu 12-31; Step 2 appeal 15 after:
    New Year 01-01 skipped, 01-04..08 (1–5), 01-11..15 (6–10), MLK 01-18 skipped, 01-19..22 (11–14), Mon 01-25 (15)."""
    t = timeline(Grievance(learned=LEARNED), other, D(2026, 11, 23))
    assert [(m.name, m.due) for m in t.milestones[:4]] == [
        ("step1_filing", D(2026, 12, 10)), ("step1_meeting", D(2026, 12, 21)), ("step1_decision", D(2026, 12, 31)),
        ("step2_appeal", D(2027, 1, 25))]


def test_the_consequence_message_names_the_units_numbers_art43_7a5(other):
    """No timely Step 1 decision: appeal within 15 workdays (§7.b(1)) — never the bundled 10."""
    words = timeline(Grievance(learned=LEARNED), other, D(2026, 11, 23)).milestone("step1_decision").consequence
    assert "(15 workdays after the reply was due, §7.b(1))" in words and "10 workdays" not in words


def test_removal_stay_after_8_years_art43_14a(other, contract):
    """9 years of service: 8 or more here → the stay path, grieve within 7 workdays; the bundled unit needs 10 years."""
    s = screen(Situation(subject="removal", service_years=9), other)
    assert (s.path, s.stay) == ("removal-stay", True)
    assert "grieve within 7 workdays" in s.route
    assert screen(Situation(subject="removal", service_years=9), contract).path == "employee"


def test_grievance_cli_follows_the_folder(capsys):
    """`lmcore grievance --learned 2026-11-18 --contract tests/other_unit --json`: Step 1 filing Thu 2026-12-10 (above),
    amount 15 in the JSON and the explanation; the same answer through `lmcore screen` for the stay (7 workdays)."""
    data = cli(capsys, "grievance", "--learned", "2026-11-18", "--as-of", "2026-11-23")
    first = data["milestones"][0]
    assert (first["name"], first["due"], first["deadline"]["amount"]) == ("step1_filing", "2026-12-10", 15)
    assert "Counted 15 workdays" in first["explanation"]
    scr = cli(capsys, "screen", "--subject", "removal", "--service-years", "9")
    assert (scr["path"], scr["stay"]) == ("removal-stay", True) and "within 7 workdays" in scr["route"]


# -- Art. 44 --------------------------------------------------------------------------------------------
def test_hearing_limits_art44_3c_3e_5a(other, contract):
    """Invoked Wed 2026-11-25. Regular, 120 calendar days: 11-30 is day 5, 12-31 day 36, 01-31 day 67, 02-28 day 95,
    Thu 2027-03-25 day 120, a workday (bundled 90 → Tue 02-23). Expedited, 45: 01-09 is day 45, a Saturday; the
    hearing "must be held within", so back → Fri 2027-01-08. Pre-hearing meeting 10 workdays before Wed 2027-01-20:
    01-19 (1; MLK 01-18 skipped), 01-15..11 (2–6), 01-08..05 (7–10) → Tue 2027-01-05 (bundled 14 → Tue 2026-12-29)."""
    regular = milestones(D(2026, 11, 25), "regular", other, hearing=D(2027, 1, 20))
    assert regular["hearing_by"].due == D(2027, 3, 25)
    assert regular["prehearing_meeting"].due == D(2027, 1, 5)
    assert milestones(D(2026, 11, 25), "regular", contract)["hearing_by"].due == D(2027, 2, 23)
    expedited = milestones(D(2026, 11, 25), "expedited", other)["hearing_by"]
    assert expedited.due == D(2027, 1, 8)
    assert "Day 45 is Sat 2027-01-09" in expedited.deadline.explain()
    assert "forty-five (45) calendar days" in expedited.deadline.explain()


def test_a_panel_of_five_art44_1a(other):
    """Six example names for a panel of five: refused, naming 5."""
    with pytest.raises(LmcoreError, match="6 names for a panel of 5"):
        make_panel(EXAMPLE_NAMES, D(2025, 10, 31), other)
    assert len(make_panel(EXAMPLE_NAMES[:5], D(2025, 10, 31), other).members) == 5


def test_arbitration_cli_follows_the_folder(capsys):
    """`lmcore arbitration --invoked 2026-11-25 --kind regular --contract … --json`: hearing by Thu 2027-03-25, 120 days."""
    data = cli(capsys, "arbitration", "--invoked", "2026-11-25", "--kind", "regular", "--hearing", "2027-01-20")
    m = {x["name"]: x for x in data["milestones"]}
    assert (m["hearing_by"]["due"], m["hearing_by"]["amount"]) == ("2027-03-25", 120)
    assert "Counted 120 calendar days" in m["hearing_by"]["explanation"]
    assert m["prehearing_meeting"]["due"] == "2027-01-05"


# -- Art. 4 ---------------------------------------------------------------------------------------------
def test_four_day_week_of_9_hour_days_art4_2c1(other, contract):
    """The unit's four-day week is 36 hours a week (9-hour days), its compressed requirement 72 hours. The 4-9 sheet:
    7 days × 9 h = 63 h worked; requirement 72 h less Thanksgiving's 9 scheduled hours (5 U.S.C. 6124) = 63 h: nothing
    short. Under the bundled 4-10 the same sheet is 7 h short (80 − 10 = 70 h required)."""
    assert [p.label for p in allowed_patterns("compressed-4-10", Terms.of(other))][0] == \
        "9 hours a day, off Mon of week 1 and Mon of week 2"
    r = evaluate(FOUR_NINE, "compressed-4-10", other)
    assert (r.basic_requirement, r.worked_hours, r.shortfall_hours, r.holiday_hours) == (63, 63, 0, 9)
    assert "Basic work requirement 72 h less Thanksgiving Day 9 h = 63 h." in [f.message for f in r.findings]
    assert evaluate(FOUR_NINE, "compressed-4-10", contract).shortfall_hours == 7


def test_core_hours_9_to_1_art4_2b2(other, contract):
    """Mon 11-16 from 10:00: the unit's core hours 9:00–1:00 miss 1 h (a violation naming the band); the bundled core
    hours 10:00–3:00 are covered. The 6:30 p.m. end is inside this unit's band (6:30 a.m.–6:30 p.m.)."""
    words = [f.message for f in evaluate(LATE_MONDAY, "variable-week", other).findings]
    assert any(w.startswith("1 h of core hours (9:00 a.m.–1:00 p.m.) not covered") for w in words)
    assert not any("core hours" in f.message for f in evaluate(LATE_MONDAY, "variable-week", contract).findings)


def test_schedule_cli_follows_the_folder(capsys, tmp_path):
    """`lmcore schedule evaluate SHEET --schedule compressed-4-10 --contract … --json`: the 63 h above."""
    csv = tmp_path / "four_nine.csv"
    csv.write_text(FOUR_NINE, encoding="utf-8")
    data = cli(capsys, "schedule", "evaluate", str(csv), "--schedule", "compressed-4-10")
    assert (data["basic_requirement"], data["nominal_requirement"], data["shortfall_hours"]) == (63, 72, 0)
    assert data["layout"] == "9 hours a day, off Fri of week 1 and Fri of week 2"


# -- Art. 5 and Art. 10 ---------------------------------------------------------------------------------
def test_leave_follows_the_folder_art5(other, contract):
    """Sick leave Mon 11-16 – Fri 11-20, 5 workdays: not more than 5 → no certificate here (bundled: more than 3 →
    required from day 4, Thu 11-19). A restriction from Fri 2027-01-15 may last 6 months → ends Wed 2027-07-14 (bundled
    4 → Fri 05-14). CPA examination from Mon 11-23: 2 workdays, 11-23 and 11-24."""
    mine = medical_certificate(D(2026, 11, 16), D(2026, 11, 20), contract=other)
    assert not mine.required and "not more than 5" in mine.explain()
    assert medical_certificate(D(2026, 11, 16), D(2026, 11, 20), contract=contract).required
    assert leave_restriction(D(2027, 1, 15), contract=other).end == D(2027, 7, 14)
    assert leave_restriction(D(2027, 1, 15), contract=contract).end == D(2027, 5, 14)
    assert "Workdays: Mon 2026-11-23, Tue 2026-11-24." in cpa_exam(D(2026, 11, 23), contract=other).explain()


def test_flexiplace_follows_the_folder_art10(other):
    """Request Mon 2026-11-23: decision within 10 calendar days → Thu 12-03 (Thanksgiving counts: calendar days);
    agreement Tue 12-01: start within 20 → Mon 12-21. Termination Mon 12-14 with 10 workdays' notice: 12-11..07 (1–5),
    12-04..11-30 (6–10) → Mon 2026-11-30."""
    c = clocks(D(2026, 11, 23), agreement_completed=D(2026, 12, 1), contract=other)
    assert (c.decision.due, c.start.due) == (D(2026, 12, 3), D(2026, 12, 21))
    t = termination_notice(D(2026, 12, 14), contract=other)
    assert "by Mon 2026-11-30: 10 workdays before Mon 2026-12-14" in t.answer()


def test_leave_and_flexiplace_cli_follow_the_folder(capsys):
    """The same answers through `lmcore leave certificate` and `lmcore flexiplace clocks` with --contract and --json."""
    cert = cli(capsys, "leave", "certificate", "--first", "2026-11-16", "--last", "2026-11-20")
    assert (cert["limit"], cert["required"]) == (5, False)
    fx = cli(capsys, "flexiplace", "clocks", "--requested", "2026-11-23", "--agreement", "2026-12-01")
    assert (fx["decision_due"], fx["start_due"], fx["decision"]["amount"]) == ("2026-12-03", "2026-12-21", 10)


def test_a_broken_folder_is_one_line_naming_file_line_and_key(tmp_path, capsys):
    """A quote that no longer says the value: exit 2, one line naming parameters.yaml, its line and the key."""
    import shutil

    folder = tmp_path / "unit"
    shutil.copytree(OTHER, folder)
    p = folder / "parameters.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("value: 15\n", "value: 16\n", 1), encoding="utf-8")
    code = main(["grievance", "--learned", "2026-11-18", "--contract", str(folder)])
    _, err = capsys.readouterr()
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "parameters.yaml line" in err and "value" in err and "16 is not the number the quote writes (15)" in err


COMMANDS = [
    "grievance --learned 2026-11-18", "screen --subject removal --service-years 9", "deadline 2026-11-18 --workdays 15",
    "arbitration --invoked 2026-11-25 --kind expedited", "arbitration panel --effective 2025-10-31",
    "arbitration simulate --months 2", "arbitration costs --fees 1000",
    "schedule evaluate {csv} --schedule compressed-4-10", "schedule compare {csv}", "schedule patterns --schedule compressed-4-10",
    "leave project --balance 100 --as-of 2026-11-23 --scd 2020-03-01", "leave restoration-date --year 2026",
    "leave certificate --first 2026-11-16 --last 2026-11-20", "leave restriction --start 2027-01-15",
    "leave voting --polls-open 07:00 --polls-close 19:00 --work-start 08:30 --work-end 17:00",
    "leave repay --separation 2026-06-30 --taken 100 --years-of-service 5",
    "flexiplace clocks --requested 2026-11-23", "flexiplace termination-notice --effective 2026-12-14",
    "flexiplace inability --began 2026-11-23", "flexiplace eligibility --met A,B",
    "flexiplace grievable --decision termination --arrangement formal",
    "bargaining --received 2026-11-23", "facilities list", "contract-calendar --ratified 2026-11-23",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_with_contract_nothing_reads_the_bundled_folder(command, monkeypatch, tmp_path, capsys):
    """With --contract FOLDER no part of a command falls back to the bundled contract: with the bundled folder made
    unreadable for the test, each command still answers from tests/other_unit (exit 0)."""
    import lmcore.contract.loading as loading

    csv = tmp_path / "four_nine.csv"
    csv.write_text(FOUR_NINE, encoding="utf-8")
    monkeypatch.setattr(loading, "BUNDLED", tmp_path / "no_bundled_contract")
    monkeypatch.setattr(loading, "_LOADED", {})
    code = main([*command.format(csv=csv).split(), "--contract", str(OTHER)])
    _, err = capsys.readouterr()
    assert (code, err) == (0, "")
    with pytest.raises(LmcoreError, match="does not exist"):
        load_contract()  # the check bites: the bundled folder really is out of reach


def test_the_example_panel_is_the_units_size_art44_1a(capsys):
    """No --arbitrators: the example roster has the unit's five names (§1.a), and the simulator runs on it."""
    data = cli(capsys, "arbitration", "panel", "--effective", "2025-10-31")
    assert data["rosters"]["regular"] == ["Ruth Abernathy", "Susan Feldman", "Thomas Garcia", "Helen Nakamura", "Daniel Okafor"]


def test_the_units_own_scenarios_check_against_its_contract(capsys):
    """`lmcore scenarios check tests/other_unit/scenarios --contract tests/other_unit`: its three hand-counted answers
    (Step 1 by Mon 2026-12-07, hearing by Thu 2027-03-25, flexiplace decision by Fri 2026-06-26) agree; checked against
    the bundled contract instead, all three are named as wrong (exit 2): 20 workdays, 90 days, 15 days."""
    folder = str(OTHER / "scenarios")
    assert main(["scenarios", "check", folder, "--contract", str(OTHER)]) == 0
    assert "every trainer answer agrees with lmcore" in capsys.readouterr().out
    assert main(["scenarios", "check", folder]) == 2
    err = capsys.readouterr().err
    assert "Mon 2026-12-07 differs from lmcore's Mon 2026-12-14" in err
    assert "Thu 2027-03-25 differs from lmcore's Tue 2027-02-23" in err
    assert "Fri 2026-06-26 differs from lmcore's Thu 2026-07-02" in err


def test_a_units_scenarios_are_its_default_set(capsys):
    """With --contract and no scenario folder, `lmcore scenarios` uses the unit's own scenarios/ (three), not the
    bundled 76; the bundled contract keeps the bundled set."""
    rows = cli(capsys, "scenarios", "list")
    assert [r["id"] for r in rows] == ["local2000-step1-filing-thanksgiving", "local2000-regular-hearing-limit",
                                       "local2000-flexiplace-decision"]
    assert main(["scenarios", "check", "--contract", str(OTHER)]) == 0
    assert "Checked 3 scenarios in" in capsys.readouterr().out
