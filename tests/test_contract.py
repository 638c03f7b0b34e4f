"""The contract as data: the parameters file is validated on load; every number is cited and quoted verbatim."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from lmcore import ContractFileError, InvalidInput, OutOfRange, load_contract
from lmcore.contract.citations import Cite
from lmcore.contract.loading import BUNDLED

D = dt.date
SOURCE = Path(__file__).resolve().parents[2] / "shared" / "sources" / "004_009edaec26a5f5f9.txt"


def collapse(text: str) -> str:
    return " ".join(text.split())


def test_bundled_text_is_the_source_unchanged():
    """The contract text is package data, quoted and never edited."""
    bundled = (BUNDLED / "contract.txt").read_text(encoding="utf-8")
    if SOURCE.exists():
        assert bundled == SOURCE.read_text(encoding="utf-8")
    assert "Article 43" in bundled and "Child Care Subsidy" in bundled


def test_every_parameter_quote_is_verbatim_in_the_text(contract):
    flat = collapse(contract.text.raw)
    assert len(contract.parameters) >= 120
    for key, p in contract.parameters.items():
        assert collapse(p.quote) in flat, key
        if p.unit == "table":
            for row in p.value:
                assert collapse(row["quote"]) in flat, (key, row)


def test_every_parameter_is_cited_and_its_citation_exists(contract):
    for key, p in contract.parameters.items():
        c = Cite.parse(p.cite)
        assert str(c) == p.cite, key  # canonical spelling
        assert contract.text.exists(c), key
        assert p.label, key


def test_quote_lies_in_the_cited_part(contract):
    """The quote is found inside the cited paragraph (or the section that holds it), not elsewhere."""
    for key, p in contract.parameters.items():
        assert collapse(p.quote) in collapse(contract.section(p.cite).text), key


def test_parameters_cover_every_article_the_issue_names(contract):
    groups = {k.split(".")[0] for k in contract.parameters}
    cited_articles = {Cite.parse(p.cite).article for p in contract.parameters.values()}
    assert {"4", "5", "10", "29", "35", "36", "43", "44", "46", "47", "transit", "childcare"} <= cited_articles
    assert {"grievance", "arbitration", "schedules", "leave", "flexiplace", "duration", "transit", "childcare"} <= groups


def test_key_numbers_match_the_text(contract):
    # spot checks read straight from the text
    assert contract.value("grievance.step1_filing") == 20  # Art. 43 §7.a(1) "twenty (20) workdays"
    assert contract.param("grievance.step1_filing").unit == "workdays"
    assert contract.value("schedules.credit_carryover_full_time") == 24  # Art. 4 §2.b(1)
    assert contract.value("leave.carryover_cap") == 240  # Art. 5 §1.e
    assert contract.value("arbitration.hearing_regular") == 90  # Art. 44 §3.c
    assert contract.value("transit.monthly_subsidy") == 100  # Transit Subsidy ¶1
    bands = contract.value("childcare.bands")
    assert (bands[0]["percent"], bands[0]["monthly_cap"]) == (70, 500)
    assert (bands[-1]["income_min"], bands[-1]["income_max"], bands[-1]["percent"]) == (70000, 79999, 10)


# -- deadlines from parameters -----------------------------------------------------------------------
def test_step1_filing_skips_thanksgiving_art43_7a1(contract):
    # learned Wed 2026-11-18; day 1 = Thu 11-19; Thu 11-26 Thanksgiving skipped → day 20 = Thu 12-17
    d = contract.deadline("grievance.step1_filing", start=D(2026, 11, 18))
    assert d.due == D(2026, 12, 17)
    assert d.cite == "Art. 43 §7.a(1)"
    assert (D(2026, 11, 26), "Thanksgiving Day") in d.skipped_by_name()
    text = d.explain()
    assert "Thu 2026-12-17" in text and "Thanksgiving Day" in text and "Art. 43 §7.a(1)" in text
    assert "8 weekend days" in text
    # learned on a workday: no reading moves the date, so none is listed (issue 13 §3); on a Saturday, how the
    # event day is counted decides it
    assert [c.id for c in d.interpretations] == []
    assert contract.deadline("grievance.step1_filing", D(2026, 11, 21)).depends_on == ("count.event_on_nonworkday",)


def test_prehearing_meeting_counts_back_art44_5a(contract):
    # 14 workdays before a hearing on Thu 2026-12-17: Wed 16 (1), Tue 15, Mon 14, Fri 11, Thu 10, Wed 9, Tue 8,
    # Mon 7, Fri 4, Thu 3, Wed 2, Tue 1 (12), Mon 11-30 (13), Fri 11-27 (14)
    d = contract.deadline("arbitration.prehearing_meeting", D(2026, 12, 17))
    assert d.due == D(2026, 11, 27) and d.amount == -14 and d.direction == "before"
    assert [c.id for c in d.interpretations] == ["count.days_before_event"]
    # stricter reading: 14 whole workdays between → the 15th workday before: Thu 11-26 is Thanksgiving → Wed 11-25
    strict = contract.with_interpretations({"count.days_before_event": "full_workdays_between"})
    assert strict.deadline("arbitration.prehearing_meeting", D(2026, 12, 17)).due == D(2026, 11, 25)


def test_weekend_learning_under_both_readings_art43_7a1(contract):
    # learned Sat 2026-11-21: default → Mon 11-23 is day 1; 20 workdays: Mon 23, Tue 24, Wed 25 (3),
    # Thu 26 Thanksgiving, Fri 27 (4), Nov 30–Dec 4 (5–9), Dec 7–11 (10–14), Dec 14–18 (15–19), Mon 12-21 (20)
    assert contract.deadline("grievance.step1_filing", D(2026, 11, 21)).due == D(2026, 12, 21)
    alt = contract.with_interpretations({"count.event_on_nonworkday": "deemed_received_next_workday"})
    d = alt.deadline("grievance.step1_filing", D(2026, 11, 21))
    assert d.due == D(2026, 12, 22)
    assert d.interpretations[0].choice == "deemed_received_next_workday" and not d.interpretations[0].is_default


def test_closures_and_executive_orders_change_the_count(contract):
    snow = contract.with_closures({"2026-12-01": "Snow closure"})
    d = snow.deadline("grievance.step1_filing", D(2026, 11, 18))
    assert d.due == D(2026, 12, 18)  # one more workday lost → Fri 12-18
    assert (D(2026, 12, 1), "Closure: Snow closure") in d.skipped_by_name()
    assert contract.deadline("grievance.step1_filing", D(2026, 11, 18)).due == D(2026, 12, 17)
    # Mon 2025-12-22 + 5: Tue 23 (1), Wed 24 E.O. closure, Thu 25 Christmas, Fri 26 E.O. closure,
    # Mon 29 (2), Tue 30 (3), Wed 31 (4), Thu 2026-01-01 New Year's Day, Fri 01-02 (5)
    d = contract.deadline("grievance.step1_meeting", D(2025, 12, 22))
    assert d.due == D(2026, 1, 2)
    assert "calendar.executive_order_closures" in [c.id for c in d.interpretations]
    no_eo = contract.with_interpretations({"calendar.executive_order_closures": "exclude"})
    # without E.O. closures: Tue 23 (1), Wed 24 (2), Fri 26 (3), Mon 29 (4), Tue 30 (5)
    assert no_eo.deadline("grievance.step1_meeting", D(2025, 12, 22)).due == D(2025, 12, 30)


def test_bulk_deadlines_match_single(contract):
    import numpy as np

    starts = np.array(["2026-11-18", "2026-11-21", "2027-12-29"], dtype="datetime64[D]")
    bulk = contract.deadlines("grievance.step1_filing", starts)
    assert [d.item() for d in bulk] == [contract.deadline("grievance.step1_filing", s.item()).due for s in starts]


def test_deadline_errors_are_clear(contract):
    with pytest.raises(InvalidInput, match="no parameter 'grievance.step9'"):
        contract.deadline("grievance.step9", D(2026, 11, 18))
    with pytest.raises(InvalidInput, match="not a time limit"):
        contract.deadline("leave.carryover_cap", D(2026, 11, 18))
    with pytest.raises(OutOfRange, match="cannot be negative"):
        contract.deadline("grievance.step1_filing", D(2026, 11, 18), amount=-3)
    with pytest.raises(InvalidInput, match="not an option"):
        contract.with_interpretations({"count.event_on_nonworkday": "whenever"})


# -- the file's schema -------------------------------------------------------------------------------
@pytest.fixture
def unit_folder(tmp_path):
    """A copy of the bundled contract folder that a test may break."""
    folder = tmp_path / "other_unit"
    shutil.copytree(BUNDLED, folder)
    return folder


def _edit(folder: Path, fn) -> None:
    path = folder / "parameters.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    fn(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_another_units_file_loads_with_its_own_numbers(unit_folder):
    """Another unit's folder: its own text says thirty (30) workdays, and its parameter quotes and counts that."""
    text = unit_folder / "contract.txt"
    text.write_text(text.read_text(encoding="utf-8").replace(
        "A grievance must be filed within twenty (20) workdays", "A grievance must be filed within thirty (30) workdays"), encoding="utf-8")

    def longer(data):
        data["contract"]["id"] = "other_unit"
        step1 = data["parameters"]["grievance"]["step1_filing"]
        step1.update(value=30, quote=step1["quote"].replace("twenty (20)", "thirty (30)"))

    _edit(unit_folder, longer)
    other = load_contract(unit_folder)
    assert other.id == "other_unit"
    # 30 workdays from Wed 2026-11-18: day 20 = Thu 12-17 (as above), Fri 12-18 (21), Dec 21–24 (22–25),
    # Fri 12-25 Christmas, Dec 28–31 (26–29), Fri 2027-01-01 New Year's Day, Mon 01-04 (30)
    assert other.deadline("grievance.step1_filing", D(2026, 11, 18)).due == D(2027, 1, 4)
    assert load_contract().value("grievance.step1_filing") == 20  # the bundled one is untouched


@pytest.mark.parametrize(
    "breaker, message",
    [
        (lambda d: d["parameters"]["grievance"]["step1_filing"].pop("unit"), r"grievance\.step1_filing\.unit.*Field required"),
        (lambda d: d["parameters"]["grievance"]["step1_filing"].update(unit="weeks"), r"grievance\.step1_filing\.unit.*expected one of.*workdays"),
        (lambda d: d["parameters"]["grievance"]["step1_filing"].update(cite="Article forty"), r"grievance\.step1_filing\.cite.*not a citation"),
        (lambda d: d["parameters"]["grievance"]["step1_filing"].update(cite="Art. 43 §7.z"), r"grievance\.step1_filing\.cite.*Art\. 43 §7\.z does not exist"),
        (lambda d: d["parameters"]["grievance"]["step1_filing"].update(quote="within thirty (30) workdays"), r"grievance\.step1_filing\.quote.*not in the contract text"),
        (lambda d: d["parameters"]["grievance"]["step1_filing"].update(value=-20), r"grievance\.step1_filing.*cannot be negative"),
        (lambda d: d["parameters"]["schedules"]["core_start"].update(value="25:00"), r"schedules\.core_start.*HH:MM"),
        (lambda d: d["parameters"]["grievance"]["step1_filing"].update(colour="red"), r"grievance\.step1_filing\.colour.*Extra inputs"),
        (lambda d: d.pop("contract"), r"contract.*Field required"),
    ],
)
def test_schema_errors_name_the_file_and_key(unit_folder, breaker, message):
    _edit(unit_folder, breaker)
    with pytest.raises(ContractFileError, match=message) as exc:
        load_contract(unit_folder)
    assert "parameters.yaml" in str(exc.value)


def test_missing_folder_and_bad_yaml(unit_folder, tmp_path):
    with pytest.raises(ContractFileError, match="does not exist"):
        load_contract(tmp_path / "nowhere")
    (unit_folder / "interpretations.yaml").write_text("interpretations: [unclosed", encoding="utf-8")
    with pytest.raises(ContractFileError, match="interpretations.yaml is not valid YAML"):
        load_contract(unit_folder)


def test_interpretations_file_is_validated(unit_folder):
    path = unit_folder / "interpretations.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["interpretations"]["count.event_on_nonworkday"]["default"] = "sometimes"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContractFileError, match=r"count\.event_on_nonworkday.*default 'sometimes' is not one of the options"):
        load_contract(unit_folder)


def test_every_interpretation_has_default_alternatives_rationale_and_cite(contract):
    assert {"count.event_on_nonworkday", "count.days_before_event", "calendar.inauguration_day",
            "calendar.executive_order_closures"} <= set(contract.interpretations)
    for i in contract.interpretations.values():
        assert i.default in i.options and len(i.options) >= 2
        assert i.rationale and contract.text.exists(i.cite)
