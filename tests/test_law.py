"""The federal-law parameters beside the contract (lmcore/contracts/law/us_federal.yaml, lmcore.contract.law)."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from lmcore.errors import ContractFileError, InvalidInput
from lmcore.contract.law import BUNDLED_LAW, load_law
from lmcore.leave import leave_year


@pytest.fixture(scope="module")
def law():
    return load_law()


def test_accrual_rates_are_those_of_5_usc_6303a(law):
    """5 U.S.C. 6303(a): one-half day, three-fourths day (1¼ in the last pay period), one day; 8-hour day full-time."""
    assert law.value("annual_leave.accrual_under_3") == 4  # ½ × 8 h
    assert law.value("annual_leave.accrual_3_to_15") == 6  # ¾ × 8 h
    assert law.value("annual_leave.accrual_3_to_15_last") == 10  # 1¼ × 8 h
    assert law.value("annual_leave.accrual_15_plus") == 8  # 1 × 8 h
    assert law.value("annual_leave.band_middle_from_years") == 3
    assert law.value("annual_leave.band_senior_from_years") == 15
    assert law.param("annual_leave.accrual_3_to_15_last").cite == "5 U.S.C. 6303(a)(2)"


def test_law_carryover_matches_the_contracts_240_hours(law, contract):
    """5 U.S.C. 6304(a) 30 days × 8 hours = 240 hours = Art. 5 §1.e's carry-over limit."""
    assert law.value("annual_leave.carryover_days") * 8 == contract.value("leave.carryover_cap") == 240


def test_law_scheduling_rule_matches_the_contracts_third_pay_period(law, contract):
    """5 CFR 630.308(a) and Art. 5 §1.e both say the third pay period before the end of the leave year."""
    assert law.value("annual_leave.restoration_scheduling") == contract.value("leave.restoration_request_pay_periods") == 3
    assert "third biweekly pay period prior to the end of the leave year" in law.param("annual_leave.restoration_scheduling").quote


def test_anchor_is_a_sunday_starting_leave_year_2026(law):
    """5 U.S.C. 6302(a): the anchor is the first day of leave year 2026, Sunday 2026-01-11 (OPM pay calendar)."""
    anchor = law.param("leave_year.pay_period_anchor").as_date()
    assert anchor == dt.date(2026, 1, 11) and anchor.weekday() == 6
    assert leave_year(2026, law=law).start == anchor


def test_every_law_parameter_is_cited_quoted_and_sourced(law):
    for p in law.parameters.values():
        assert re.match(r"^5 (U\.S\.C\. \d+|CFR \d+\.\d+)", p.cite), p.key
        assert len(p.quote) > 10 and len(p.source) > 10 and p.label, p.key


def test_unknown_law_key_is_a_clear_error(law):
    with pytest.raises(InvalidInput, match="no parameter 'annual_leave.nope'"):
        law.param("annual_leave.nope")


# -- a broken law file is a ContractFileError naming the key -------------------------------------------
def _write(tmp_path: Path, mutate) -> Path:
    data = yaml.safe_load(BUNDLED_LAW.read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "law.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_missing_law_file(tmp_path):
    with pytest.raises(ContractFileError, match="does not exist"):
        load_law(tmp_path / "none.yaml")


def test_law_file_that_is_not_yaml(tmp_path):
    path = tmp_path / "law.yaml"
    path.write_text("law: [unclosed", encoding="utf-8")
    with pytest.raises(ContractFileError, match="not valid YAML"):
        load_law(path)


@pytest.mark.parametrize("mutate, words", [
    (lambda d: d["parameters"]["annual_leave"]["accrual_under_3"].update(unit="furlongs"), "accrual_under_3.unit"),
    (lambda d: d["parameters"]["annual_leave"]["accrual_under_3"].update(cite="Art. 5 §1.e"), "not a law citation"),
    (lambda d: d["parameters"]["annual_leave"]["accrual_under_3"].update(value=-4), "zero or more"),
    (lambda d: d["parameters"]["leave_year"]["pay_period_anchor"].update(value="2026-02-30"), "YYYY-MM-DD"),
    (lambda d: d["parameters"]["annual_leave"].pop("accrual_15_plus"), "accrual_15_plus' is missing"),
    (lambda d: d["parameters"]["leave_year"]["pay_period_days"].update(value=13), "pay_period_days.value': 13 calendar_days is outside the range the law allows, 14 to 14"),
    (lambda d: d["parameters"]["annual_leave"]["band_senior_from_years"].update(value=2), "must rise"),
    (lambda d: d["parameters"]["annual_leave"]["accrual_under_3"].update(colour="red"), "accrual_under_3.colour"),
])
def test_broken_law_file_names_the_key(tmp_path, mutate, words):
    with pytest.raises(ContractFileError, match=re.escape(words)):
        load_law(_write(tmp_path, mutate))


def test_another_law_file_moves_the_pay_period_grid(tmp_path):
    """An agency on the other biweekly cycle (pay periods from Sun 2026-01-04): leave year 2026 is 01-04 to 2027-01-02."""
    path = _write(tmp_path, lambda d: d["parameters"]["leave_year"]["pay_period_anchor"].update(value="2026-01-04"))
    # Jan 1 2027 is a Friday; 2026-01-04 + 26 × 14 days = Sun 2027-01-03 → leave year 2026 ends Sat 2027-01-02
    ly = leave_year(2026, law=load_law(path))
    assert (ly.start, ly.end, len(ly.pay_periods)) == (dt.date(2026, 1, 4), dt.date(2027, 1, 2), 26)
