"""Transit subsidy (Transit Subsidy ¶1–¶4) and child care subsidy (Child Care Subsidy ¶a–¶c). Every amount is worked by
hand; the comment shows the arithmetic. A monthly cost of $1,000 makes each row's percentage easy to read."""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lmcore import InvalidInput, OutOfRange
from lmcore.cli import main
from lmcore.subsidies import (Child, band_for, bands, childcare_curve, childcare_subsidy, fmt_money, money,
                              transit_subsidy)


def cc(contract, income, cost, **kw):
    return childcare_subsidy(income, cost, contract, **kw).monthly_subsidy


# -- transit (Transit Subsidy ¶1–¶4) -----------------------------------------------------------------------
def test_transit_100_a_month_transit_1(contract):
    r = transit_subsidy(150, contract)  # cost $150 ≥ $100 → the full $100.00
    assert r.monthly_subsidy == Decimal("100.00") and r.cite == "Transit Subsidy ¶1"
    assert r.detail("annual_subsidy") == Decimal("1200.00")  # 12 × $100


def test_transit_never_more_than_actual_cost_transit_4(contract):
    assert transit_subsidy(80, contract).monthly_subsidy == Decimal("80.00")  # min($100, $80)
    assert transit_subsidy(80, contract).cite == "Transit Subsidy ¶4"
    assert transit_subsidy(0, contract).monthly_subsidy == Decimal("0.00")
    assert transit_subsidy("100.00", contract).cite == "Transit Subsidy ¶1"  # equal: no cap needed
    assert transit_subsidy("$99.99", contract).monthly_subsidy == Decimal("99.99")


def test_converter_5_more_for_6_months_transit_2(contract):
    # conversion month is month 1: 0…5 months ago → $100 + $5 = $105; 6 months ago → $100
    assert transit_subsidy(150, contract, converted_months_ago=0).monthly_subsidy == Decimal("105.00")
    assert transit_subsidy(150, contract, converted_months_ago=5).monthly_subsidy == Decimal("105.00")
    assert transit_subsidy(150, contract, converted_months_ago=6).monthly_subsidy == Decimal("100.00")
    assert transit_subsidy(150, contract, converted_months_ago=0).cite == "Transit Subsidy ¶2"
    later = contract.with_interpretations({"transit.converter_months": "next_month_first"})
    assert [transit_subsidy(150, later, converted_months_ago=n).monthly_subsidy for n in (0, 1, 6, 7)] == \
        [Decimal("100.00"), Decimal("105.00"), Decimal("105.00"), Decimal("100.00")]


def test_converter_extra_is_capped_by_cost_by_default_transit_4(contract):
    # cost $102: $105 > $102 → $102 (capped); the other reading caps only the $100 part: min(100, 102) + 5 = $105
    r = transit_subsidy(102, contract, converted_months_ago=2)
    assert r.monthly_subsidy == Decimal("102.00") and r.cite == "Transit Subsidy ¶4"
    assert "transit.converter_bonus_cap" in [c.id for c in r.interpretations]
    loose = contract.with_interpretations({"transit.converter_bonus_cap": "not_capped"})
    assert transit_subsidy(102, loose, converted_months_ago=2).monthly_subsidy == Decimal("105.00")
    assert transit_subsidy(90, loose, converted_months_ago=2).monthly_subsidy == Decimal("95.00")  # min(100, 90) + 5


def test_funding_reduction_and_suspension_transit_3(contract):
    # reduced to $60, converter: whole subsidy min($105, $60) = $60; base only: $60 + $5 = $65
    assert transit_subsidy(150, contract, converted_months_ago=1, reduced_to=60).monthly_subsidy == Decimal("60.00")
    base_only = contract.with_interpretations({"transit.reduction_scope": "base_only"})
    assert transit_subsidy(150, base_only, converted_months_ago=1, reduced_to=60).monthly_subsidy == Decimal("65.00")
    assert transit_subsidy(50, contract, reduced_to=60).monthly_subsidy == Decimal("50.00")  # still ≤ cost (¶4)
    r = transit_subsidy(150, contract, converted_months_ago=1, suspended=True)
    assert r.monthly_subsidy == Decimal("0.00") and r.cite == "Transit Subsidy ¶3"
    with pytest.raises(InvalidInput, match=r"would raise.*Transit Subsidy ¶3"):
        transit_subsidy(150, contract, reduced_to=120)


def test_transit_bad_input_is_cited(contract):
    with pytest.raises(OutOfRange, match=r"cannot be negative.*Transit Subsidy ¶4"):
        transit_subsidy(-5, contract)
    with pytest.raises(OutOfRange, match="Transit Subsidy ¶2"):
        transit_subsidy(150, contract, converted_months_ago=-1)
    with pytest.raises(OutOfRange, match="Transit Subsidy ¶3"):
        transit_subsidy(150, contract, reduced_to=-1)
    with pytest.raises(InvalidInput, match="not an amount of money"):
        transit_subsidy("ten dollars", contract)
    with pytest.raises(InvalidInput, match="finite"):
        transit_subsidy(float("nan"), contract)


# -- child care: the rows of ¶b and their edges ----------------------------------------------------------
@pytest.mark.parametrize(("income", "expected"), [
    (0, "500.00"),          # row 1: 70% of $1,000 = $700 → cap $500
    (26928, "500.00"),      # last dollar of "<$26,929"
    ("26928.99", "500.00"),  # cents below the next row's figure stay in row 1
    (26929, "400.00"),      # row 2: 60% = $600 → cap $400
    (30580, "400.00"),
    (30581, "375.00"),      # row 3: 50% = $500 → cap $375
    (39999, "375.00"),
    (40000, "350.00"),      # row 4: 40% = $400 → cap $350
    (49999, "350.00"),
    (50000, "250.00"),      # row 5: 30% = $300 → cap $250
    (59999, "250.00"),
    (60000, "200.00"),      # row 6: 20% = $200, under the $225 cap
    (69999, "200.00"),
    (70000, "100.00"),      # row 7: 10% = $100, under the $200 cap
    (79999, "100.00"),
    ("79999.99", "100.00"),
    (80000, "0.00"),        # no row from $80,000
    (250000, "0.00"),
])
def test_childcare_band_edges_at_1000_a_month_childcare_b(contract, income, expected):
    assert cc(contract, income, 1000) == Decimal(expected)


def test_childcare_example_45000_and_900_childcare_b(contract):
    r = childcare_subsidy(45000, 900, contract)  # row 4: 40% × $900 = $360 > $350 cap → $350.00
    assert r.monthly_subsidy == Decimal("350.00") and r.cite == "Child Care Subsidy ¶b"
    assert r.detail("percent_of_cost") == Decimal("360.00") and r.detail("monthly_cap") == Decimal("350.00")
    assert cc(contract, 45000, 500) == Decimal("200.00")  # 40% × $500 = $200 < $350


def test_childcare_income_between_rows_reading_childcare_b(contract):
    # default: $30,580.50 is below $30,581 → row 2 (60%, $400); rounding to the dollar → $30,581 → row 3 (50%, $375)
    assert cc(contract, "30580.50", 1000) == Decimal("400.00")
    rounded = contract.with_interpretations({"childcare.income_edges": "round_to_dollar"})
    assert cc(rounded, "30580.50", 1000) == Decimal("375.00")
    assert cc(rounded, "30580.49", 1000) == Decimal("400.00")  # rounds down to $30,580
    assert cc(rounded, "39999.50", 1000) == Decimal("350.00")  # → $40,000, row 4
    assert cc(rounded, "79999.50", 1000) == Decimal("0.00")  # → $80,000, no row
    assert band_for(Decimal("80000"), contract) is None


def test_table_rows_follow_each_other_childcare_b(contract):
    rows = bands(contract)
    assert [(b.income_min, b.percent, b.monthly_cap) for b in rows] == [
        (0, 70, 500), (26929, 60, 400), (30581, 50, 375), (40000, 40, 350), (50000, 30, 250), (60000, 20, 225), (70000, 10, 200)]
    assert rows[0].describe() == "under $26,929: 70% of actual costs, not to exceed $500 a month"


def test_cents_rounding_childcare_b(contract):
    # 70% of $333.33 = $233.331 → $233.33 either way; 70% of $0.05 = $0.035 → $0.04 half up, $0.03 down
    assert cc(contract, 20000, "333.33") == Decimal("233.33")
    assert cc(contract, 20000, "0.05") == Decimal("0.04")
    down = contract.with_interpretations({"childcare.cent_rounding": "down"})
    assert cc(down, 20000, "0.05") == Decimal("0.03")


def test_cap_per_family_or_per_child_childcare_b(contract):
    # income $20,000, cost $1,500, two children: 70% = $1,050; per family cap $500; per child 2 × $500 = $1,000
    assert cc(contract, 20000, 1500, children=2) == Decimal("500.00")
    per_child = contract.with_interpretations({"childcare.cap_per": "child"})
    assert cc(per_child, 20000, 1500, children=2) == Decimal("1000.00")


# -- who is covered (¶a) -------------------------------------------------------------------------------------
def test_children_through_13_disabled_through_18_childcare_a(contract):
    assert cc(contract, 20000, 100, children=[Child(13)]) == Decimal("70.00")  # 70% × $100
    r = childcare_subsidy(20000, 100, contract, children=[Child(14)])
    assert r.monthly_subsidy == Decimal("0.00") and r.cite == "Child Care Subsidy ¶a"
    assert cc(contract, 20000, 100, children=[Child(18, disabled=True)]) == Decimal("70.00")
    assert cc(contract, 20000, 100, children=[Child(19, disabled=True)]) == Decimal("0.00")
    r = childcare_subsidy(20000, 100, contract, children=[Child(3), Child(14)])
    assert r.detail("children_covered") == 1 and "covered children only" in r.explain()


def test_licensed_care_and_permanent_position_childcare_a(contract):
    r = childcare_subsidy(20000, 100, contract, licensed=False)
    assert r.monthly_subsidy == Decimal("0.00") and "licensed child care" in r.explain()
    assert cc(contract, 20000, 100, permanent=False) == Decimal("0.00")


# -- tax (¶c, 26 U.S.C. 129) -------------------------------------------------------------------------------
def test_taxable_part_of_the_annual_subsidy_childcare_c(contract):
    # $500 a month × 12 = $6,000
    def taxable(c, **kw):
        return childcare_subsidy(20000, 1000, c, **kw).detail("taxable_amount")
    assert taxable(contract, tax_year=2025) == Decimal("1000.00")  # $6,000 − $5,000 (law before 2026)
    assert taxable(contract, tax_year=2026) == Decimal("0.00")  # limit $7,500 from 2026
    assert taxable(contract, tax_year=2026, married_filing_separately=True) == Decimal("2250.00")  # $6,000 − $3,750
    text = contract.with_interpretations({"childcare.tax_threshold": "contract_text"})
    assert taxable(text, tax_year=2026) == Decimal("1000.00")  # $6,000 − $5,000 as printed in ¶c
    assert taxable(text, married_filing_separately=True) == Decimal("3500.00")  # $6,000 − $2,500


# -- bad input ---------------------------------------------------------------------------------------------
def test_childcare_bad_input_is_cited(contract):
    with pytest.raises(OutOfRange, match=r"total family income cannot be negative.*Child Care Subsidy ¶b"):
        childcare_subsidy(-1, 100, contract)
    with pytest.raises(OutOfRange, match=r"monthly child care cost cannot be negative"):
        childcare_subsidy(20000, "-0.01", contract)
    with pytest.raises(InvalidInput, match="not an amount of money"):
        childcare_subsidy("lots", 100, contract)
    with pytest.raises(OutOfRange, match="Child Care Subsidy ¶a"):
        childcare_subsidy(20000, 100, contract, children=0)
    with pytest.raises(OutOfRange, match="no child"):
        childcare_subsidy(20000, 100, contract, children=[])
    with pytest.raises(OutOfRange, match="age of child 1"):
        childcare_subsidy(20000, 100, contract, children=[Child(-1)])
    assert money("$45,000", "income", "x") == Decimal("45000.00")
    assert fmt_money(Decimal("1234.5")) == "$1,234.50"


# -- vectorised curve and properties ----------------------------------------------------------------------
def test_curve_matches_the_edges(contract):
    xs = [0, 26928, 26929, 30580, 30581, 39999, 40000, 49999, 50000, 59999, 60000, 69999, 70000, 79999, 80000]
    # at $900 a month: 70% 630→500, 60% 540→400, 50% 450→375, 40% 360→350, 30% 270→250, 20% 180, 10% 90, then 0
    assert childcare_curve(xs, 900, contract).tolist() == [500, 500, 400, 400, 375, 375, 350, 350, 250, 250, 180, 180, 90, 90, 0]
    with pytest.raises(OutOfRange):
        childcare_curve([-1.0], 900, contract)


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 10_000_000), st.integers(0, 300_000), st.booleans(), st.booleans())
def test_curve_equals_scalar_in_cents(contract, income_cents, cost_cents, rounded, down):
    c = contract
    if rounded:
        c = c.with_interpretations({"childcare.income_edges": "round_to_dollar"})
    if down:
        c = c.with_interpretations({"childcare.cent_rounding": "down"})
    income, cost = Decimal(income_cents) / 100, Decimal(cost_cents) / 100
    scalar = childcare_subsidy(income, cost, c).monthly_subsidy
    assert Decimal(str(childcare_curve(np.array([float(income)]), cost, c)[0])).quantize(Decimal("0.01")) == scalar


@settings(max_examples=80, deadline=None)
@given(st.integers(0, 100_000), st.integers(0, 100_000), st.integers(0, 5_000))
def test_more_income_never_more_subsidy(contract, a, b, cost):
    lo, hi = sorted((a, b))
    assert cc(contract, hi, cost) <= cc(contract, lo, cost)
    assert cc(contract, lo, cost) <= Decimal(cost)  # never more than the cost itself (at most 70%)


@settings(max_examples=80, deadline=None)
@given(st.integers(0, 50_000), st.one_of(st.none(), st.integers(0, 12)))
def test_transit_never_above_cost_or_105(contract, cost_cents, ago):
    cost = Decimal(cost_cents) / 100
    s = transit_subsidy(cost, contract, converted_months_ago=ago).monthly_subsidy
    assert s <= cost and s <= Decimal("105.00")


# -- command line ------------------------------------------------------------------------------------------
def test_cli_transit_json(capsys):
    assert main(["subsidy", "transit", "--monthly-cost", "80", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["monthly_subsidy"] == 80.0 and out["cite"] == "Transit Subsidy ¶4" and "explanation" in out
    assert main(["subsidy", "transit", "--monthly-cost", "150", "--converted-months-ago", "2", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["monthly_subsidy"] == 105.0 and out["cite"] == "Transit Subsidy ¶2"


def test_cli_childcare_json_and_text(capsys):
    assert main(["subsidy", "childcare", "--family-income", "45000", "--monthly-cost", "900", "--children", "2", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["monthly_subsidy"] == 350.0 and out["cite"] == "Child Care Subsidy ¶b" and out["children_covered"] == 2
    assert main(["subsidy", "childcare", "--family-income", "$45,000", "--monthly-cost", "900"]) == 0
    assert "Monthly subsidy: $350.00." in capsys.readouterr().out
    assert main(["subsidy", "childcare", "--family-income", "45000", "--monthly-cost", "900", "--child-age", "14", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["monthly_subsidy"] == 0.0


@pytest.mark.parametrize(("argv", "cite"), [
    (["subsidy", "transit", "--monthly-cost", "-5"], "Transit Subsidy ¶4"),
    (["subsidy", "transit", "--monthly-cost", "50", "--converted-months-ago", "x"], "Transit Subsidy ¶2"),
    (["subsidy", "childcare", "--family-income", "-1", "--monthly-cost", "900"], "Child Care Subsidy ¶b"),
    (["subsidy", "childcare", "--family-income", "45000", "--monthly-cost", "abc"], "Child Care Subsidy ¶b"),
    (["subsidy", "childcare", "--family-income", "45000", "--monthly-cost", "9", "--children", "0"], "Child Care Subsidy ¶a"),
    (["subsidy", "childcare", "--family-income", "45000", "--monthly-cost", "9", "--children", "2", "--child-age", "3"], "Child Care Subsidy ¶a"),
])
def test_cli_bad_input_one_cited_line(capsys, argv, cite):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and cite in err


# -- the dashboard -----------------------------------------------------------------------------------------
def test_dashboard_answer_from_url_params(contract):
    from lmcore.ui.subsidies import build_app

    app = build_app(contract, as_of=dt.date(2026, 11, 23), params={"income": "45000", "cost": "900"})
    assert "lmcore-ready" in app.widget._dom_classes
    assert "$350.00" in app.answer.value
    app.income.widget.value = "-5"
    assert "cannot be negative" in app.income.error.value and app.income.widget.value == "-5"
    t = build_app(contract, as_of=dt.date(2026, 11, 23), params={"transit_cost": "80"})
    assert t.tabs.selected_index == 1 and "$80.00" in t.answer.value
