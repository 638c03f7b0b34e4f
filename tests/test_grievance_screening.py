"""Screening (Art. 43 §2, §3, §5, §7.a(2), §8, §9, §14; Art. 10 §11): grievable or not, why, and the route."""
from __future__ import annotations

import pytest

from lmcore.grievance.screening import SUBJECTS
from lmcore.grievance import Situation, screen


def collapse(text: str) -> str:
    return " ".join(text.split())


def bars(result) -> list[str]:
    return [f.cite for f in result.findings if f.effect == "bars"]


@pytest.mark.parametrize("subject", [k for k, (_, cite) in SUBJECTS.items() if cite])
def test_every_exclusion_of_section_3_bars_the_grievance(contract, subject):
    """§3.a(1)–(5) (statute) and §3.b(1)–(9) (contract) exclusions."""
    r = screen(Situation(subject=subject), contract)
    assert not r.grievable and r.path is None
    assert bars(r) == [SUBJECTS[subject][1]]
    assert r.headline.startswith("Not grievable") and SUBJECTS[subject][1] in r.headline


def test_all_fourteen_exclusions_are_listed():
    cites = sorted(c for _, c in SUBJECTS.values() if c)
    assert cites == sorted([f"Art. 43 §3.a({i})" for i in range(1, 6)] + [f"Art. 43 §3.b({i})" for i in range(1, 10)])


def test_ordinary_employee_grievance_goes_to_the_supervisor(contract):
    r = screen(Situation(), contract)
    assert (r.grievable, r.path) == (True, "employee")
    assert "immediate supervisor" in r.route and "§7.a(1)" in r.route


def test_probationary_and_temporary_employees_section_2b(contract):
    """§2.b: only working conditions or rights the Agreement expressly grants them."""
    for status in ("probationary", "temporary_limited"):
        assert bars(screen(Situation(status=status), contract)) == ["Art. 43 §2.b"]
        assert screen(Situation(status=status, within_2b=True), contract).grievable


def test_election_of_forum_section_2c(contract):
    """§2.c: a statutory/appellate procedure or this Article, not both."""
    r = screen(Situation(subject="adverse_action", other_forum=True), contract)
    assert bars(r) == ["Art. 43 §2.c"]
    assert "adverse actions" in next(f.quote for f in r.findings if f.cite == "Art. 43 §2.c")
    r = screen(Situation(subject="contract", alleges_ppp=True), contract)
    assert r.grievable and any(f.cite == "Art. 43 §2.c" and f.effect == "note" for f in r.findings)


def test_flexiplace_article_10_section_11(contract):
    """Art. 10 §11: formal flexiplace decisions grievable; informal only if a prohibited personnel practice is alleged."""
    assert screen(Situation(subject="formal_flexiplace"), contract).grievable
    informal = screen(Situation(subject="informal_flexiplace"), contract)
    assert bars(informal) == ["Art. 10 §11"]
    assert next(f.quote for f in informal.findings if f.cite == "Art. 10 §11") == "Decisions on informal flexiplace arrangements are not grievable."
    assert screen(Situation(subject="informal_flexiplace", alleges_ppp=True), contract).grievable


def test_routes_merit_staffing_union_department(contract):
    """§7.a(2) merit staffing; §8.b institutional; §8.c union-filed; §9 Department."""
    assert screen(Situation(subject="merit_staffing"), contract).path == "merit-staffing"
    inst = screen(Situation(filer="union", relief="institutional", agencies="multiple"), contract)
    assert inst.path == "union-institutional" and "OELMR" in inst.route and "§8.b(1)" in inst.route
    single = screen(Situation(filer="union", relief="institutional"), contract)
    assert "Administrative Officer" in single.route and "§8.b(2)" in single.route
    personal = screen(Situation(filer="union", consolidation="multi-agency"), contract)
    assert personal.path == "employee" and {"Art. 43 §8.c(1)", "Art. 43 §8.c(2)(c)"} <= {f.cite for f in personal.findings}
    dept = screen(Situation(filer="department"), contract)
    assert dept.path == "department" and "Local 12 President" in dept.route
    assert bars(screen(Situation(filer="department", subject="working_conditions"), contract)) == ["Art. 43 §2.a(3)"]


def test_removal_stay_eligibility_section_14(contract):
    """§14.a: 4303/7512 removal, 10+ years of Federal service; §14.b: not the excepted service."""
    ok = screen(Situation(subject="removal", service_years=10), contract)
    assert (ok.path, ok.stay) == ("removal-stay", True)
    assert screen(Situation(subject="removal", service_years=9.9), contract).path == "employee"
    excepted = screen(Situation(subject="removal", service_years=25, excepted_service=True), contract)
    assert excepted.path == "employee" and any(f.cite == "Art. 43 §14.b" for f in excepted.findings)
    assert screen(Situation(subject="removal", service_years=25, removal_statute="other"), contract).path == "employee"
    represented = screen(Situation(subject="removal", service_years=12, union_in_notice_period=True), contract)
    assert "Step 2 may also be waived" in represented.route


def test_former_employee_section_5a(contract):
    r = screen(Situation(former_employee=True), contract)
    assert any(f.cite == "Art. 43 §5.a" for f in r.findings)


def test_every_quote_is_the_contract_s_own_words(contract):
    """A finding quotes the rule verbatim."""
    flat = collapse(contract.text.raw)
    situations = [Situation(subject=s) for s in SUBJECTS] + [
        Situation(status="probationary"), Situation(filer="union", relief="institutional"),
        Situation(filer="department"), Situation(subject="removal", service_years=12),
        Situation(subject="informal_flexiplace", alleges_ppp=True), Situation(filer="group", former_employee=True)]
    for s in situations:
        r = screen(s, contract)
        for f in r.findings:
            assert collapse(f.quote) in flat, (f.cite, f.quote)
            contract.section(f.cite)
        assert r.to_dict()["headline"] == r.headline
