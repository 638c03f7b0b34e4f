"""The Art. 10 forms as printable HTML: the §14 safety checklist and the §15 standard work agreement."""
from __future__ import annotations

import datetime as dt
import html

import pytest

from lmcore.errors import InvalidInput
from lmcore.flexiplace import checklist_questions, safety_checklist, work_agreement

D = dt.date
EVIL = '<img src=x onerror="alert(1)">'


def test_26_questions_in_two_parts(contract):
    """Art. 10 §14: part A (workplace environment) 1–13, part B (computer workstation) 14–26."""
    qs = checklist_questions(contract)
    assert [q.number for q in qs] == list(range(1, 27))
    assert {q.part for q in qs if q.number <= 13} == {"A"} and {q.part for q in qs if q.number >= 14} == {"B"}
    assert qs[0].text == "Are all stairs with 4 or more steps equipped with handrails?"
    assert contract.value("flexiplace.stairs_handrail_min_steps") == 4 and qs[0].cite == "Art. 10 §14.A.1"
    assert [q.number for q in qs if q.asks_a_need] == [20]  # "Do you need a document holder?"


def test_checklist_marks_answers_and_flags_what_to_look_at(contract):
    """Answered: 1 Yes, 2 No, 20 Yes. A No (2) and the Yes to 'Do you need a document holder?' (20) are flagged."""
    doc = safety_checklist({"name": "Ana Ruiz", "agency": "OSHA"}, {1: True, "2": False, 20: True}, duty_station="Home", contract=contract)
    assert '<li value="1">Are all stairs with 4 or more steps equipped with handrails?<span class="yn">☒ Yes &nbsp; ☐ No' in doc.body
    assert '<li value="2">' in doc.body and "☐ Yes &nbsp; ☒ No" in doc.body
    look = doc.checks[0]
    assert look.startswith("Answers to look at") and "2. Are all circuit breakers" in look and "20. Do you need a document holder? (Yes)" in look
    assert "1. Are all stairs" not in look and "Safety and Health Officer" in look
    assert "Not answered: 3, 4," in doc.checks[1]
    assert "Employee Signature: ________________________________" in doc.body
    assert doc.html.startswith("<!DOCTYPE html>") and "@media print" in doc.html and 'class="checks no-print"' in doc.body


def test_checklist_escapes_every_typed_value(contract):
    doc = safety_checklist({"name": EVIL, "supervisor": EVIL}, {}, duty_station=EVIL, work_area=EVIL, contract=contract)
    assert "<img" not in doc.body and doc.body.count(html.escape(EVIL)) == 4
    assert "<img" not in doc.html  # also in the page title


@pytest.mark.parametrize("fields, answers, words", [({"colour": "red"}, {}, "no field 'colour'"), ({}, {27: True}, "no question 27"),
                                                    ({}, {"x": True}, "no question 'x'")])
def test_checklist_bad_input(contract, fields, answers, words):
    with pytest.raises(InvalidInput, match=words):
        safety_checklist(fields, answers, contract=contract)


FORM = {"name": "Ana Ruiz", "agency": "OSHA", "worksite_address": "12 Elm St", "city_state": "Silver Spring, MD",
        "business_telephone": "202-555-0100", "email": "ruiz.ana@dol.gov", "supervisor": "J. Park", "begin": "2026-12-14",
        "flexitime": False, "tour_from": "08:00", "tour_to": "16:30", "office_days": ["Tuesday", "Thursday"],
        "agreement_completed": "2026-12-01"}


def test_agreement_filled_from_the_form(contract):
    """Art. 10 §15 with an 8½-hour tour (§6.A: 08:00–16:30); begins Mon 12-14, within 30 days of Tue 12-01 (by Thu 12-31, §5.C)."""
    doc = work_agreement(FORM, contract=contract)
    b = doc.body
    assert "<b>NAME:</b> <span class=\"fill\">Ana Ruiz</span>" in b and "Monday, December 14, 2026" in b
    assert "The employee ☐ chooses ☒ chooses not to participate" in b
    assert 'from <span class="fill">08:00</span> to <span class="fill">16:30</span>.' in b
    assert '<span class="fill">Tuesday, Thursday</span>. Nothing precludes' in b
    assert "Begins Mon 2026-12-14: within 30 calendar days of completion (by Thu 2026-12-31, Art. 10 §5.C)." in doc.checks


def test_agreement_keeps_every_paragraph_of_section_15(contract):
    """The fixed words of the agreement come from the contract text, escaped, none dropped."""
    body = work_agreement(FORM, contract=contract).body
    for line in contract.section("Art. 10 §15").text.split("\n"):
        if len(line) > 60 and "\xa0" not in line and "¢" not in line:
            assert html.escape(line) in body, line[:60]


def test_agreement_late_start_and_missing_contact_details(contract):
    """Begins Mon 2027-01-11, later than Thu 12-31 (30 days after 12-01) → flagged; no worksite address → §6.H check."""
    doc = work_agreement(FORM | {"begin": "2027-01-11", "worksite_address": ""}, contract=contract)
    assert any("later than Thu 2026-12-31" in c for c in doc.checks)
    assert any("missing: ALTERNATE WORKSITE ADDRESS" in c for c in doc.checks)


def test_agreement_escapes_typed_values(contract):
    doc = work_agreement({"name": EVIL, "communication": EVIL, "fax": EVIL}, contract=contract)
    assert "<img" not in doc.html and doc.body.count(html.escape(EVIL)) == 3


@pytest.mark.parametrize("change, words", [
    ({"tour_to": "16:00"}, r"8 hours; opting out of flexitime means an 8\.5-hour tour.*Art\. 10 §6\.A"),
    ({"flexitime": True}, r"only written in when the employee opts out.*Art\. 10 §6\.A"),
    ({"office_days": ["Saturday"]}, r"'Saturday' is not a workday name"),
    ({"tour_from": "8am"}, r"not a time of day"),
    ({"phone": "1"}, r"no field 'phone'"),
])
def test_agreement_bad_input(contract, change, words):
    with pytest.raises(InvalidInput, match=words):
        work_agreement(FORM | change, contract=contract)


def test_cli_writes_the_agreement(tmp_path, capsys):
    import json

    from lmcore.cli import main

    src, out = tmp_path / "form.json", tmp_path / "agreement.html"
    src.write_text(json.dumps(FORM), encoding="utf-8")
    assert main(["flexiplace", "document", "agreement", "--input", str(src), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>") and "Wrote" in capsys.readouterr().out
    src.write_text("{not json", encoding="utf-8")
    assert main(["flexiplace", "document", "agreement", "--input", str(src)]) == 2
    assert "not valid JSON" in capsys.readouterr().err
