"""`lmcore leave …` and the leave planner dashboard (lmcore.ui.leave): the same hand-worked answers, and bad input
→ one cited line on stderr, exit 2 (CLI) or a message beside the field that keeps what was typed (dashboard)."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from lmcore.cli import main

AS_OF = dt.date(2026, 11, 23)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    rc = main(list(argv))
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_cli_project_json(capsys):
    """230 + (6+6+6+10) − 16 = 242 → 2 hours to lose; request by Sat 2026-11-28 (Art. 5 §1.e)."""
    rc, out, _ = run(capsys, "leave", "project", "--balance", "230", "--as-of", "2026-11-23", "--years-of-service", "5",
                     "--planned", "16", "--json")
    d = json.loads(out)
    assert rc == 0 and (d["year_end_balance"], d["to_lose"], d["to_keep"]) == (242, 2, 240)
    assert (d["restoration_request_by"], d["leave_year_end"], d["cite"]) == ("2026-11-28", "2027-01-09", "Art. 5 §1.e")


def test_cli_restoration_date_and_reading(capsys):
    """Leave year 2025 → Sat 2025-11-29 (published); 2026 with the last-workday reading → Fri 2026-11-27."""
    rc, out, _ = run(capsys, "leave", "restoration-date", "--year", "2025", "--json")
    assert rc == 0 and json.loads(out)["last_day"] == "2025-11-29"
    rc, out, _ = run(capsys, "leave", "restoration-date", "--year", "2026", "-i", "leave.restoration_last_day=last_workday", "--json")
    assert json.loads(out)["last_day"] == "2026-11-27"


def test_cli_leave_year_with_27_pay_periods(capsys):
    rc, out, _ = run(capsys, "leave", "year", "--year", "2023", "--json")
    d = json.loads(out)
    assert rc == 0 and len(d["pay_periods"]) == 27 and d["end"] == "2024-01-13"


def test_cli_certificate_restriction_voting_repay(capsys):
    assert json.loads(run(capsys, "leave", "certificate", "--first", "2026-11-19", "--last", "2026-11-24", "--json")[1])["required_from"] == "2026-11-24"
    d = json.loads(run(capsys, "leave", "restriction", "--start", "2026-10-31", "--extension", "4", "--json")[1])
    assert [p["end"] for p in d["periods"]] == ["2027-02-28", "2027-06-30"]
    assert json.loads(run(capsys, "leave", "voting", "--polls-open", "07:00", "--polls-close", "19:00", "--work-start", "08:30",
                          "--work-end", "17:00", "--json")[1])["minutes"] == 60
    rc, out, _ = run(capsys, "leave", "repay", "--separation", "2026-06-05", "--taken", "100", "--years-of-service", "5",
                     "--carried-over", "20", "--hourly-rate", "40")
    assert rc == 0 and "20.00 hours ($800.00)" in out


@pytest.mark.parametrize("argv, words", [
    (["leave", "project", "--balance", "-5", "--as-of", "2026-11-23", "--years-of-service", "5"], "cannot be negative (-5) (Art. 5 §1.e)"),
    (["leave", "project", "--balance", "200", "--as-of", "2026-11-23", "--years-of-service", "5", "--planned", "3.1"], "(Art. 5 §1.d)"),
    (["leave", "project", "--balance", "200", "--as-of", "2026-13-01", "--years-of-service", "5"], "not a real calendar date"),
    (["leave", "restriction", "--start", "2026-11-23", "--months", "6"], "no longer than 4 months, not 6 (Art. 5 §3.c)"),
    (["leave", "certificate", "--first", "2026-11-24", "--last", "2026-11-19"], "(Art. 5 §2.e)"),
    (["leave", "restoration-date", "--year", "1900"], "(5 U.S.C. 6302(a))"),
])
def test_cli_bad_input_is_one_cited_line_and_exit_2(capsys, argv, words):
    rc, out, err = run(capsys, *argv)
    assert rc == 2 and out == "" and words in err and err.count("\n") == 1


# -- the dashboard -----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def app(contract):
    from lmcore.ui.leave import build_app

    return build_app(contract, as_of=AS_OF, params={"balance": "230", "service": "5", "planned": "16"})


def test_dashboard_answer_has_the_hours_to_lose(app):
    """The lmcore-answer line says 242.00 hours at year end and 2.00 hours to lose (230 + 28 − 16)."""
    assert {"lmcore-app", "lmcore-ready"} <= set(app.widget._dom_classes)
    assert "lmcore-answer" in app.answer._dom_classes
    assert "242.00 hours" in app.answer.value and "2.00 hours to lose" in app.answer.value
    s = app.summary()
    assert "2.00 hours to lose" in s and "Tue 2026-11-24" in s and "1 h 00 min" in s and "Readings switched from the default: none" in s
    assert app.image.value[:4] == b"\x89PNG"


def test_dashboard_error_beside_the_field_keeps_the_input(contract):
    from lmcore.ui.leave import build_app

    a = build_app(contract, as_of=AS_OF, params={})
    a.planned.widget.value = "1.1"
    assert "lmcore-error" in a.planned.error._dom_classes and "Art. 5 §1.d" in a.planned.error.value
    assert a.planned.widget.value == "1.1" and a.balance.error.value == ""
    a.planned.widget.value = "0"
    assert a.planned.error.value == "" and "228.00 hours" in a.answer.value
    a.r_months.widget.value = "6"
    assert "Art. 5 §3.c" in a.r_months.error.value


def test_dashboard_escapes_url_input_and_reports_a_bad_date(contract):
    from lmcore.ui.leave import build_app

    a = build_app(contract, as_of=AS_OF, params={"balance": "<img src=x onerror=alert(1)>", "as_of": "soon"})
    assert "<img" not in a.balance.error.value and "&lt;img" in a.balance.error.value
    assert "as_of=soon is not a date" in a.note.value


def test_dashboard_reading_switch_changes_the_answer(contract):
    """Switching leave.balance_basis to credited_for_year: 230 − 16 = 214, nothing lost."""
    from lmcore.ui.leave import build_app

    a = build_app(contract, as_of=AS_OF, params={"balance": "230", "service": "5", "planned": "16"})
    a.readings.set("leave.balance_basis", "credited_for_year")
    assert "214.00 hours" in a.answer.value and "leave.balance_basis = credited_for_year" in a.summary()


def test_dashboard_service_computation_date_changes_the_rate_5usc6303c(contract):
    """The planner with an SCD of 2023-07-20 on Mon 2026-06-01 (see test_leave_accrual): 100 + 92 = 192.00 hours, each
    pay period's accrual listed (4 h through pp 14, 6 h from pp 15); an SCD after the as-of date is refused beside it."""
    import datetime as dt

    from lmcore.ui.leave import build_app

    a = build_app(contract, as_of=dt.date(2026, 6, 1), params={"balance": "100", "scd": "2023-07-20"})
    assert "192.00 hours" in a.answer.value
    assert "pay periods 15–25" in a.proj_out.value and "6 h still to earn" in a.proj_out.value
    a.scd.set(dt.date(2026, 7, 1))
    assert "service has not begun" in a.scd.error.value and a.balance.error.value == ""
    a.scd.set(None)  # back to the years of service (5): pp 11–25, 15 × 6 = 90, + 10 in pp 26 = 100 → 200.00
    assert "200.00 hours" in a.answer.value and a.scd.error.value == ""
