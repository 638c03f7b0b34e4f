"""`lmcore arbitration …` through lmcore.cli.main: JSON milestones, the simulator, panel, strikes, costs and errors."""
from __future__ import annotations

import json

from lmcore.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_expedited_milestones_json_art44_3e(capsys):
    # invoked Wed 2026-11-25: day 30 is Fri 12-25 (Christmas) → Thu 2026-12-24; §5.a Fri 12-04; §5.b Thu 12-17;
    # §9 the earlier of Thu 12-24 (20 workdays after) and Thu 12-10 (10 workdays before the limit) → Thu 12-10
    code, out, err = run(capsys, "arbitration", "--invoked", "2026-11-25", "--kind", "expedited", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    got = {m["name"]: (m["due"], m["cite"]) for m in data["milestones"]}
    assert got == {"hearing_by": ("2026-12-24", "Art. 44 §3.e"), "prehearing_meeting": ("2026-12-04", "Art. 44 §5.a"),
                   "exchange_meeting": ("2026-12-17", "Art. 44 §5.b"), "arbitrability_notice": ("2026-12-10", "Art. 44 §9")}
    hb = data["milestones"][0]
    assert hb["interpretations"][0]["id"] == "arbitration.hearing_limit_roll" and hb["roll"] == "backward"
    assert data["roster"] == "expedited" and data["flaws"] == []


def test_decision_appears_when_the_hearing_or_record_allows(capsys):
    # expedited hearing Tue 2026-12-22 → decision Sun 12-27 (5 calendar days, §8.c)
    data = json.loads(run(capsys, "arbitration", "--invoked", "2026-11-25", "--kind", "expedited", "--hearing", "2026-12-22",
                          "--json")[1])
    assert data["milestones"][-1]["name"] == "decision" and data["milestones"][-1]["due"] == "2026-12-27"
    assert data["milestones"][0]["on_time"] is True
    # regular, record closed Fri 2027-02-12 → award Sun 2027-03-14 (30 calendar days, §8.e); no hearing → based on the limit
    data = json.loads(run(capsys, "arbitration", "--invoked", "2026-11-17", "--kind", "regular", "--record-closed",
                          "2027-02-12", "--json")[1])
    names = [m["name"] for m in data["milestones"]]
    assert names == ["hearing_by", "prehearing_meeting", "exchange_meeting", "arbitrability_notice", "decision"]
    assert data["milestones"][-1]["due"] == "2027-03-14" and data["milestones"][-1]["cite"] == "Art. 44 §8.e"
    assert data["milestones"][0]["due"] == "2027-02-12"  # Washington's Birthday Mon 02-15 → back to Fri 02-12


def test_stayed_shows_the_flaw_and_reading_can_be_switched(capsys):
    # invoked Fri 2026-12-04: day 30 Sun 2027-01-03; forward → Mon 2027-01-04 instead of Thu 2026-12-31
    data = json.loads(run(capsys, "arbitration", "--invoked", "2026-12-04", "--kind", "stayed", "--json",
                          "-i", "arbitration.hearing_limit_roll=forward")[1])
    assert data["milestones"][0]["due"] == "2027-01-04" and data["milestones"][0]["cite"] == "Art. 44 §3.d"
    assert data["flaws"][0]["id"] == "art44_cites_section13_for_stays"
    text = run(capsys, "arbitration", "--invoked", "2026-12-04", "--kind", "stayed")[1]
    assert "hearing_by" in text and "Thu 2026-12-31" in text and "Art. 43 §14" in text


def test_subject_decides_the_kind_art44_7(capsys):
    data = json.loads(run(capsys, "arbitration", "--invoked", "2026-11-25", "--subject", "awol", "--json")[1])
    assert data["kind"] == "expedited" and data["case_type"]["reasons"][0]["cite"] == "Art. 44 §7.b(3)"
    code, out, err = run(capsys, "arbitration", "--invoked", "2026-11-25", "--subject", "discrimination", "--kind", "expedited")
    assert code == 2 and out == "" and "Art. 44 §7.d(1)" in err and len(err.strip().splitlines()) == 1


def test_bad_inputs_exit_2_with_a_cited_line(capsys):
    cases = [
        (["arbitration", "--invoked", "2026-11-18", "--kind", "regular", "--hearing", "2026-11-01"], "Art. 44 §3.c"),
        (["arbitration", "--invoked", "2026-02-30", "--kind", "regular"], "not a real calendar date"),
        (["arbitration", "--kind", "regular"], "Art. 43 §10"),
        (["arbitration", "--invoked", "2026-11-18", "--kind", "expedited", "--record-closed", "2026-12-20"], "Art. 44 §7.e(2)"),
        (["arbitration", "panel", "--effective", "2025-10-31", "--remove", "Nobody", "--notice", "2026-10-09"], "Art. 44 §1.a"),
        (["arbitration", "panel", "--effective", "2025-10-31", "--remove", "Thomas Garcia", "--notice", "2026-09-01"],
         "Art. 44 §1.d"),
        (["arbitration", "simulate", "--months", "3", "--dates-per-month", "0"], "Art. 44 §3.a"),
        (["arbitration", "costs", "--cancellation-fee", "300"], "Art. 44 §3.f"),
        (["arbitration", "strike", "--names", "A;B;C", "--union", "A;B;C", "--department", "C;B;A"], "Art. 44 §1.b"),
    ]
    for argv, needle in cases:
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == "", argv
        assert err.startswith("lmcore: ") and needle in err and len(err.strip().splitlines()) == 1, (argv, err)


def test_simulate_json_is_deterministic_and_complete(capsys):
    argv = ["arbitration", "simulate", "--months", "4", "--seed", "5", "--rate-regular", "5", "--rate-expedited", "3",
            "--dates-per-month", "1", "--json"]
    code, out, err = run(capsys, *argv)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert run(capsys, *argv)[1] == out
    assert data["policy"] == "exact" and data["seed"] == 5 and data["dates_per_month"] == 1
    kinds = {k["kind"]: k for k in data["by_kind"]}
    assert kinds["all"]["cases"] == data["cases"] == sum(k["cases"] for n, k in kinds.items() if n != "all")
    assert set(data["difference_on_time"]) == set(kinds) and all(v >= 0 for v in data["difference_on_time"].values())
    assert data["baseline_edf"]["on_time_share"] <= data["on_time_share"]
    assert {"month", "backlog", "reserved", "used", "utilisation"} <= set(data["monthly"][0])
    assert data["capacity"]["target"] == 0.95 and "explanation" in data["capacity"]
    with_cases = json.loads(run(capsys, *argv, "--cases")[1])
    assert len(with_cases["case_list"]) == data["cases"]
    assert {"hearing", "hearing_by", "prehearing_meeting", "arbitrator"} <= set(with_cases["case_list"][0])


def test_panel_rotation_with_a_replacement_art44_1e(capsys):
    # effective 2025-10-31 → anniversary Sat 2026-10-31, window Thu 10-01 .. Fri 10-30; notice Fri 10-09 removes Garcia;
    # replacement due Sun 11-08 → Fri 2026-11-06; Anna Baker enters between Abernathy and Feldman
    code, out, _ = run(capsys, "arbitration", "panel", "--effective", "2025-10-31", "--remove", "Thomas Garcia", "--notice",
                       "2026-10-09", "--replace-with", "Anna Baker", "--agreed", "2026-10-20",
                       "--invocation", "regular:2026-11-02", "--invocation", "regular:2026-11-03", "--json")
    data = json.loads(out)
    assert code == 0 and data["notice"]["window"] == ["2026-10-01", "2026-10-30"]
    assert data["notice"]["replacement_due"] == "2026-11-06" and data["replacement"]["on_time"] is True
    assert data["rosters"]["regular"][:3] == ["Ruth Abernathy", "Anna Baker", "Susan Feldman"]
    assert [d["arbitrator"] for d in data["designations"]] == ["Ruth Abernathy", "Anna Baker"]
    assert data["next"] == {"regular": "Susan Feldman", "expedited": "Ruth Abernathy"}


def test_strike_and_costs(capsys):
    data = json.loads(run(capsys, "arbitration", "strike", "--names", "A;B;C;D;E;F;G", "--union", "A;B;C;D;E;F;G",
                          "--department", "B;A;C;D;E;F;G", "--first", "department", "--json")[1])
    assert data["selected"] == "A" and [s["struck"] for s in data["steps"]] == ["G", "F", "E", "D", "C", "B"]
    data = json.loads(run(capsys, "arbitration", "costs", "--fees", "1000", "--transcripts", "200", "--json")[1])
    assert (data["union"], data["department"]) == ("500.00", "700.00")


def test_suspension_days_and_a_joint_cancellation_request(capsys):
    """Art. 44 §7.b(1): a 10-day suspension is expedited, a 20-day one regular; §3.f with both parties asking."""
    code, out, _ = run(capsys, "arbitration", "--invoked", "2026-11-25", "--suspension-days", "10", "--json")
    data = json.loads(out)
    assert (code, data["kind"], data["case_type"]["subjects"]) == (0, "expedited", ["suspension_14_days_or_less"])
    code, out, _ = run(capsys, "arbitration", "--invoked", "2026-11-25", "--suspension-days", "20")
    assert code == 0 and out.startswith("Regular arbitration")
    code, _, err = run(capsys, "arbitration", "--invoked", "2026-11-25", "--suspension-days", "two")
    assert code == 2 and "--suspension-days" in err and "'two'" in err and len(err.splitlines()) == 1
    code, out, _ = run(capsys, "arbitration", "costs", "--cancellation-fee", "300", "--requested-by", "both", "--json")
    data = json.loads(out)
    assert (code, data["union"], data["department"]) == (0, "150.00", "150.00")


def test_meeting_before_the_invocation_is_flagged_in_text(capsys):
    code, out, _ = run(capsys, "arbitration", "--invoked", "2026-11-25", "--kind", "expedited", "--hearing", "2026-12-04")
    line = next(x for x in out.splitlines() if x.startswith("prehearing_meeting"))
    assert code == 0 and "Fri 2026-11-13" in line and "cannot be met" in line
