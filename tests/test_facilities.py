"""Space and facilities for the Union (Art. 29 §2.a, Art. 46): visitor parking (§4.b), bulletin boards and kiosks (§2),
the list of what Art. 46 counts out, and `lmcore facilities`. Meeting rooms (§7) are tested in test_bargaining.py.
Dates are read off a wall calendar; the comments show them."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from lmcore import InvalidInput, OutOfRange
from lmcore.bargaining.facilities import Building, bulletin_boards, entitlements, visitor_parking_request_due, working_space
from lmcore.cli import main

D = dt.date


def test_visitor_parking_one_day_ahead_art46_4b(contract):
    """'one (1) day in advance of the need': need Wed 2026-12-09 → Tue 12-08; need Mon 2026-12-07 → Sun 12-06 is not a
    workday → Fri 2026-12-04 (the office receives requests on workdays); need Fri 2026-11-27 → Thu 11-26 Thanksgiving
    → Wed 2026-11-25. Under the 'none' reading the Sunday itself."""
    assert visitor_parking_request_due(D(2026, 12, 9), contract).deadline.due == D(2026, 12, 8)
    r = visitor_parking_request_due(D(2026, 12, 7), contract)
    assert r.deadline.due == D(2026, 12, 4) and "facilities.visitor_parking_nonworkday" in [c.id for c in r.deadline.interpretations]
    assert visitor_parking_request_due(D(2026, 11, 27), contract).deadline.due == D(2026, 11, 25)
    loose = contract.with_interpretations({"facilities.visitor_parking_nonworkday": "none"})
    assert visitor_parking_request_due(D(2026, 12, 7), loose).deadline.due == D(2026, 12, 6)
    assert "3 assigned permits" in r.explain() and "Art. 46 §4.a" in r.explain()


def test_visitor_parking_is_a_contract_deadline_the_deadline_command_can_count(capsys):
    """'one (1) day' is now a calendar-day time limit, so `lmcore deadline --rule` counts it (it was stored as 'days')."""
    assert main(["deadline", "2026-12-07", "--rule", "facilities.visitor_parking_notice"]) == 0
    assert capsys.readouterr().out.strip() == "2026-12-04"


def test_bulletin_boards_per_building_art46_2c(contract):
    """FPB: its own 2 (with or without a kiosk); Techworld, no kiosk: 1; Union Center Plaza, a kiosk: 0 → 3 in all.
    Under the in_addition reading an FPB without a kiosk has 2 + 1 = 3, so 4 in all."""
    buildings = [Building("Frances Perkins Building", fpb=True), Building("Techworld"), Building("Union Center Plaza", kiosk=True)]
    r = bulletin_boards(buildings, contract)
    assert r.amount == 3 and r.reasons[:3] == ("Frances Perkins Building: 2 (the FPB's own, Art. 46 §2.c).",
                                               "Techworld: 1 (1 in each building with unit employees and no kiosk).",
                                               "Union Center Plaza: 0 (it has a kiosk).")
    assert "5 kiosks" in r.explain() and "facilities.fpb_bulletin_boards" in [c.id for c in r.interpretations]
    plus = contract.with_interpretations({"facilities.fpb_bulletin_boards": "in_addition"})
    assert bulletin_boards(buildings, plus).amount == 4
    with_kiosk = [Building("Frances Perkins Building", kiosk=True, fpb=True)]
    assert bulletin_boards(with_kiosk, plus).amount == 2  # a kiosk: no one-per-building board, the FPB's two only


@pytest.mark.parametrize("buildings, words", [
    ([], "no building"), ([Building("A", fpb=True), Building("B", fpb=True)], "more than one"), ([Building("A"), Building("A")], "given once"),
])
def test_bulletin_board_inputs_that_make_no_sense(contract, buildings, words):
    with pytest.raises(InvalidInput, match=words):
        bulletin_boards(buildings, contract)


def test_working_space_minimum_art29_2a(contract):
    """'no less than sixty (60) square feet': 60 meets it, 59.5 is 0.5 short; 0 is refused."""
    assert working_space(60, contract).ok is True
    r = working_space(59.5, contract)
    assert r.ok is False and "0.5 square feet short" in r.answer
    with pytest.raises(OutOfRange):
        working_space(0, contract)


def test_entitlements_list_every_count_of_article_46(contract):
    got = {e.what: e.amount for e in entitlements(contract)}
    assert got["Union kiosks in the D.C. area"] == "5"
    assert got["Union parking permits in the FPB"] == "3"
    assert got["Request Room N-4437 A and B in advance"] == "3 workdays ahead, 11:45–13:30"
    assert got["Room N-4437 A, B and C: the Union's for the full day on"] == "Wednesday"
    assert got["Copies of DLMS / DPR regulations furnished to the Union"] == "1"


def test_cli_facilities(capsys):
    assert main(["facilities", "room", "--meeting", "2026-12-02", "--full-day", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert (d["rooms"], d["request_by"]) == ("Room N-4437 A, B and C", "2026-11-27")  # Tue 12-01, Mon 11-30, Fri 11-27
    assert main(["facilities", "parking", "--need", "2026-12-07", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["request_by"] == "2026-12-04"
    assert main(["facilities", "boards", "--building", "Frances Perkins Building:fpb", "--building", "Techworld", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["amount"] == 3
    assert main(["facilities", "boards", "--building", "Techworld:annex"]) == 2
    assert "not a building mark" in capsys.readouterr().err
    assert main(["facilities", "list"]) == 0
    assert "Union kiosks in the D.C. area: 5 (Art. 46 §2.a)" in capsys.readouterr().out
    assert main(["facilities"]) == 2
    assert "usage" in capsys.readouterr().err
