"""Annual leave accrual that changes during the leave year (5 U.S.C. 6303(a), (c)): from the service computation date
(SCD), 3 or 15 years are completed, and the higher rate starts with the pay period after the one in which that happens.

Leave year 2026 begins Sun 2026-01-11 (law file anchor); pay period k begins 2026-01-11 + 14·(k−1) and there are 26:
pp 11 Sun 05-31, pp 14 Sun 07-12, pp 15 Sun 07-26, pp 16 Sun 08-09, pp 18 Sun 09-06, pp 19 Sun 09-20, pp 26 Sun 12-27
(to Sat 2027-01-09). Rates (law file): 4 h under 3 years, 6 h from 3 (10 h in the last pay period), 8 h from 15.
"""
from __future__ import annotations

import datetime as dt
import json

import pytest
import yaml

from lmcore import InvalidDate, InvalidInput, OutOfRange
from lmcore.cli import main
from lmcore.contract.law import BUNDLED_LAW, load_law
from lmcore.leave import leave_year, project_year_end, separation_repayment, service_schedule

D = dt.date
JUNE_1 = D(2026, 6, 1)  # Monday, in pay period 11 (Sun 05-31 to Sat 06-13): pay periods 11–26 (16) are still to come


def by_rate(p):
    return [(g["hours"], g["count"]) for g in p.to_dict()["accrual_by_rate"]]


def test_three_years_completed_mid_year_5usc6303c(contract):
    """SCD Thu 2023-07-20: the anniversary is Mon 2026-07-20, so 3 years are completed Sun 07-19, in pp 14 (07-12 to 07-25);
    6 hours from pp 15 (Sun 07-26). Still to come from 06-01: pp 11–14 at 4 h = 16; pp 15–25, 11 × 6 = 66; pp 26 (last) 10.
    16 + 66 + 10 = 92 hours; 100 + 92 = 192 at year end."""
    p = project_year_end(100, JUNE_1, scd=D(2023, 7, 20), contract=contract)
    assert by_rate(p) == [(4, 4), (6, 11), (10, 1)]
    assert p.accrual == 92 and p.year_end == 192
    change = p.to_dict()["rate_changes"][0]
    assert (change["completed_on"], change["takes_effect"], change["first_pay_period"]) == ("2026-07-19", "2026-07-26", 15)
    assert p.to_dict()["scd"] == "2023-07-20"
    assert p.rate.hours == 4  # the rate on the as-of date
    text = p.explain()
    assert "pay periods 11–14 (Sun 2026-05-31 to Sat 2026-07-25): 4 × 4 hours = 16 hours" in text
    assert "pay periods 15–25 (Sun 2026-07-26 to Sat 2026-12-26): 11 × 6 hours = 66 hours" in text
    assert "number 15, on Sun 2026-07-26 (5 U.S.C. 6303(c))" in text
    # the reading of "completed" cannot move this change (Sun 07-19 and Mon 07-20 are both in pp 14): not listed
    assert "leave.service_completed_on" not in [c.id for c in p.interpretations]


def test_anniversary_on_the_first_day_of_a_pay_period_is_a_reading_5usc6303c(contract):
    """SCD 2023-07-26: the anniversary Sun 2026-07-26 is the first day of pp 15. Completed the day before (Sat 07-25, pp 14)
    → 6 h from pp 15: 4 × 4 + 11 × 6 + 10 = 92. Completed on the anniversary (pp 15) → 6 h from pp 16: 5 × 4 + 10 × 6 + 10 = 90."""
    p = project_year_end(100, JUNE_1, scd=D(2023, 7, 26), contract=contract)
    assert by_rate(p) == [(4, 4), (6, 11), (10, 1)] and p.accrual == 92
    assert "leave.service_completed_on" in [c.id for c in p.interpretations]
    alt = contract.with_interpretations({"leave.service_completed_on": "anniversary"})
    q = project_year_end(100, JUNE_1, scd=D(2023, 7, 26), contract=alt)
    assert by_rate(q) == [(4, 5), (6, 10), (10, 1)] and q.accrual == 90


def test_fifteen_years_completed_mid_year_last_pay_period_is_8_not_10_5usc6303a(contract):
    """SCD 2011-09-10: 15 years completed Wed 2026-09-09, in pp 18 (09-06 to 09-19) → 8 h from pp 19 (Sun 09-20).
    From 06-01: pp 11–18, 8 × 6 = 48; pp 19–26, 8 × 8 = 64 (the last pay period is 8: the 10-hour last period is
    only for 3 to 15 years). 48 + 64 = 112."""
    p = project_year_end(0, JUNE_1, scd=D(2011, 9, 10), contract=contract)
    assert by_rate(p) == [(6, 8), (8, 8)] and p.accrual == 112


def test_service_completed_in_the_last_pay_period_changes_next_year_5usc6303c(contract):
    """SCD 2024-01-01: 3 years completed Thu 2026-12-31, in pp 26 of leave year 2026 → the 6-hour rate starts with
    pp 1 of leave year 2027 (Sun 2027-01-10). Leave year 2026 from 06-01: 16 × 4 = 64 (no 10-hour last period: under 3
    years). Leave year 2027 (26 pay periods) from its first day: 25 × 6 + 10 = 160."""
    p = project_year_end(0, JUNE_1, scd=D(2024, 1, 1), contract=contract)
    assert by_rate(p) == [(4, 16)] and p.to_dict()["rate_changes"] == []
    q = project_year_end(0, D(2027, 1, 10), scd=D(2024, 1, 1), contract=contract)
    assert by_rate(q) == [(6, 25), (10, 1)] and q.accrual == 160


def test_whole_year_schedule_adds_up_5usc6303a(contract):
    """The SCD 2023-07-20 employee over all of leave year 2026: pp 1–14 at 4 = 56, pp 15–25 at 6 = 66, pp 26 = 10 → 132."""
    s = service_schedule(leave_year(2026), D(2023, 7, 20), contract)
    assert s.total(leave_year(2026).pay_periods) == 132
    assert [a.hours for a in s.periods[13:15]] == [4, 6]


def test_years_of_service_keeps_todays_rate_and_says_so(contract):
    """--years-of-service 2.5 on 2026-06-01: 3 years may be completed before the year ends; the rate stays 4 h (16 × 4 = 64)
    and a note says to give the SCD."""
    p = project_year_end(0, JUNE_1, 2.5, contract=contract)
    assert p.accrual == 64 and by_rate(p) == [] and "SCD" in " ".join(p.notes)


def test_separation_repayment_counts_the_rate_change_art5_1b(contract):
    """Separated Tue 2026-09-01 with SCD 2023-07-20: pay periods ended by then are pp 1–16 (pp 16 ends Sat 08-22):
    pp 1–14 × 4 = 56, pp 15–16 × 6 = 12 → 68 accrued; 100 taken − 68 = 32 hours to pay back."""
    r = separation_repayment(D(2026, 9, 1), 100, scd=D(2023, 7, 20), contract=contract)
    assert r.amount == 32
    assert any("2 × 6 hours = 12 hours" in x for x in r.reasons)


@pytest.mark.parametrize("kwargs, error, words", [
    ({}, InvalidInput, "needs the service computation date or the years of service"),
    ({"years_of_service": 3, "scd": D(2020, 1, 1)}, InvalidInput, "not both"),
    ({"scd": D(2026, 6, 2)}, InvalidDate, "service has not begun"),
    ({"scd": D(1940, 1, 1)}, OutOfRange, "more than 80 years"),
])
def test_scd_inputs_that_make_no_sense_are_refused(contract, kwargs, error, words):
    with pytest.raises(error, match=words):
        project_year_end(100, JUNE_1, contract=contract, **kwargs)


def test_cli_scd_text_and_json(capsys):
    """lmcore leave project --scd: the same 92 hours as above, with which pay periods accrue at which rate."""
    assert main(["leave", "project", "--balance", "100", "--as-of", "2026-06-01", "--scd", "2023-07-20", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["accrual"] == 92 and d["scd"] == "2023-07-20"
    assert [(g["hours"], g["pay_periods"]) for g in d["accrual_by_rate"]] == [(4, [11, 12, 13, 14]), (6, list(range(15, 26))), (10, [26])]
    assert d["accrual_periods"][4] == {"number": 15, "start": "2026-07-26", "end": "2026-08-08", "hours": 6,
                                       "band": "3 but less than 15 years", "last_pay_period": False}
    assert main(["leave", "project", "--balance", "100", "--as-of", "2026-06-01", "--scd", "2023-07-20"]) == 0
    assert "Rate change: 3 years of service are completed on Sun 2026-07-19" in capsys.readouterr().out
    assert main(["leave", "project", "--balance", "100", "--as-of", "2026-06-01"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "service computation date" in err
    assert main(["leave", "project", "--balance", "100", "--as-of", "2026-06-01", "--scd", "2023-02-30"]) == 2
    assert "not a real calendar date" in capsys.readouterr().err


def test_the_delay_comes_from_the_law_file(tmp_path, contract):
    """A law file whose rate_change_delay is 2 pay periods moves the SCD 2023-07-20 change from pp 15 to pp 16:
    5 × 4 + 10 × 6 + 10 = 90 instead of 92."""
    data = yaml.safe_load(BUNDLED_LAW.read_text(encoding="utf-8"))
    data["parameters"]["annual_leave"]["rate_change_delay"]["value"] = 2
    path = tmp_path / "law.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    p = project_year_end(100, JUNE_1, scd=D(2023, 7, 20), contract=contract, law=load_law(path))
    assert by_rate(p) == [(4, 5), (6, 10), (10, 1)] and p.accrual == 90


def test_repay_cli_takes_an_scd(capsys):
    assert main(["leave", "repay", "--separation", "2026-09-01", "--taken", "100", "--scd", "2023-07-20", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["amount"] == 32
