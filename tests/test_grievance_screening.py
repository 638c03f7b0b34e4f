"""Screening (Art. 43 §2, §3, §5, §7.a(2), §8, §9, §14; Art. 10 §11): grievable or not, why, and the route."""
from __future__ import annotations

import pytest

from lmcore.grievance.screening import SUBJECTS
from lmcore.errors import InvalidInput
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


# -- issue 13 §2: screening classes ------------------------------------------------------------------------------------
def test_union_grievance_for_personal_relief_is_screened_as_the_employee_s_section_8c1(contract):
    """§8.c(1) "just as if the affected employee(s) had initiated the grievance(s)": §2.b and §2.c apply to it."""
    r = screen(Situation(filer="union", status="probationary"), contract)
    assert bars(r) == ["Art. 43 §2.b"] and "Art. 43 §8.c(1)" in [f.cite for f in r.findings]
    assert bars(screen(Situation(filer="union", subject="adverse_action", other_forum=True), contract)) == ["Art. 43 §2.c"]
    # the same Union seeking an institutional remedy speaks for itself: no employee status to screen
    assert screen(Situation(filer="union", relief="institutional", status="probationary"), contract).grievable


def test_probationary_or_temporary_removal_is_excluded_whatever_is_ticked_section_3b(contract):
    """§3.b(8) separation during probation, §3.b(7) termination of a temporary appointment: no §2.b escape, no stay."""
    r = screen(Situation(subject="removal", status="probationary", within_2b=True, service_years=12), contract)
    assert (r.grievable, r.stay, bars(r)) == (False, False, ["Art. 43 §3.b(8)"])
    assert "Art. 43 §2.b" not in [f.cite for f in r.findings]
    r = screen(Situation(filer="union", subject="removal", status="temporary_limited", within_2b=True), contract)
    assert bars(r) == ["Art. 43 §3.b(7)"]
    assert next(f.quote for f in r.findings if f.effect == "bars") == "termination of an employee on a temporary appointment;"


def test_election_of_forum_covers_only_2302b1_while_art10_11_covers_any_ppp(contract):
    """§2.c names "a prohibited personnel practice under 5 U.S.C. 2302(b)(1)"; Art. 10 §11 "a prohibited personnel practice"."""
    other = screen(Situation(alleges_ppp=True, other_forum=True), contract)
    assert other.grievable and [f.effect for f in other.findings if f.cite == "Art. 43 §2.c"] == ["note"]
    b1 = screen(Situation(ppp_2302b1=True, other_forum=True), contract)
    assert bars(b1) == ["Art. 43 §2.c"] and "2302(b)(1)" in b1.findings[-1].quote
    assert screen(Situation(subject="informal_flexiplace", alleges_ppp=True), contract).grievable


def test_former_employee_needs_a_timely_grievance_section_5a(contract):
    r = screen(Situation(former_employee=True, untimely=True), contract)
    assert bars(r) == ["Art. 43 §5.a"] and "who have a timely grievance" in r.findings[-1].quote
    ok = screen(Situation(former_employee=True), contract)
    assert ok.grievable and "within 20 workdays" in next(f.text for f in ok.findings if f.cite == "Art. 43 §5.a")
    # a current employee filing late is a note (the other party may object, §11), not a bar
    late = screen(Situation(untimely=True), contract)
    assert late.grievable and any(f.cite == "Art. 43 §12" for f in late.findings)


def test_union_signatures_and_consolidation_counts_section_8a_8c2(contract):
    """§8.a one signature of a designated official; §8.c(2) two or more employees; more than one Agency → OELMR."""
    unsigned = screen(Situation(filer="union", signatures=0), contract)
    assert unsigned.grievable and "returned to the Union for completion" in next(
        f.text for f in unsigned.findings if f.cite == "Art. 43 §8.a")
    with pytest.raises(InvalidInput, match="it takes 2 or more"):
        screen(Situation(filer="union", consolidation="single-agency", employees=1), contract)
    with pytest.raises(InvalidInput, match="make a single-supervisor or single-agency consolidation"):
        screen(Situation(filer="union", consolidation="multi-agency", agency_count=1), contract)
    r = screen(Situation(filer="union", consolidation="multi-agency", employees=3, agency_count=2), contract)
    assert r.grievable and "OELMR" in r.route
