"""A hand-edited contract or law folder cannot silently change a deadline (issue 14): each rule of the strict load,
tried on a copied folder. Every failure is one ContractFileError line naming the file, the line, the key and what
was expected."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from lmcore.cli import main
from lmcore.contract.law import BUNDLED_LAW, load_law
from lmcore.contract.loading import BUNDLED, load_contract
from lmcore.contract.units import EXPECTED_UNITS
from lmcore.errors import ContractFileError


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the bundled contract folder that a test may break."""
    out = tmp_path / "unit"
    shutil.copytree(BUNDLED, out)
    return out


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_no(path: Path, needle: str) -> int:
    """1-based line of the first line holding `needle` (to check the line an error names)."""
    return next(i for i, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in ln)


STEP1 = '''      value: 20
      unit: workdays
      cite: Art. 43 §7.a(1)'''


def refused(folder: Path, *words: str) -> str:
    with pytest.raises(ContractFileError) as exc:
        load_contract(folder)
    msg = str(exc.value)
    assert "\n" not in msg and re.search(r"parameters\.yaml|interpretations\.yaml|contract\.txt", msg), msg
    for w in words:
        assert w in msg, msg
    return msg


# -- no type coercion ---------------------------------------------------------------------------------------
def test_true_is_not_one_workday_art43_7a1(folder):
    """`value: true` was read as 1 workday (a grievance shown MISSED beside "twenty (20) workdays")."""
    p = folder / "parameters.yaml"
    replace_once(p, STEP1, STEP1.replace("value: 20", "value: true"))
    refused(folder, f"line {line_no(p, 'value: true')}", "grievance.step1_filing", "must be a number, not True")


def test_quoted_number_is_not_a_number(folder):
    replace_once(folder / "parameters.yaml", STEP1, STEP1.replace("value: 20", 'value: "20"'))
    refused(folder, "grievance.step1_filing", "must be a number, not '20'")


# -- duplicate keys -------------------------------------------------------------------------------------------
def test_duplicate_value_key_is_refused_not_last_wins(folder):
    p = folder / "parameters.yaml"
    replace_once(p, STEP1, STEP1.replace("value: 20", "value: 20\n      value: 30"))
    at = line_no(p, "cite: Art. 43 §7.a(1)") - 2  # value: 20, value: 30, unit, cite
    refused(folder, "parameters.yaml is not valid YAML", f"(line {at})", "key 'value' is given twice", f"first on line {at - 1}")


def test_yaml_alias_is_refused(folder):
    p = folder / "parameters.yaml"
    replace_once(p, "  grievance:\n    step1_filing:", "  grievance:\n    step1_filing: &s1")
    replace_once(p, "    step1_meeting:\n", "    step1_meeting: *s1\n    step1_meeting_old:\n")
    refused(folder, "not valid YAML", "alias")


# -- counts are positive whole numbers ------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["0", "20.5", "-20"])
def test_workday_count_is_positive_and_whole(folder, value):
    replace_once(folder / "parameters.yaml", STEP1, STEP1.replace("value: 20", f"value: {value}"))
    refused(folder, "grievance.step1_filing", "workdays value")


def test_nan_in_the_contract_file_is_refused(folder):
    p = folder / "parameters.yaml"
    replace_once(p, '''      value: 8.5
      unit: hours
      cite: Art. 4 §10.b''', '''      value: .nan
      unit: hours
      cite: Art. 4 §10.b''')
    refused(folder, "schedules.office_day_hours", "finite number")


# -- units from the rule's allowed set ------------------------------------------------------------------------
def test_calendar_days_on_a_workday_rule_is_refused_art43_7a1(folder):
    p = folder / "parameters.yaml"
    replace_once(p, STEP1, STEP1.replace("unit: workdays", "unit: calendar_days"))
    at = line_no(p, "cite: Art. 43 §7.a(1)") - 1  # the unit line just above the Step 1 citation
    refused(folder, f"parameters.yaml line {at}: key 'grievance.step1_filing.unit'", "lmcore reads this rule in workdays, not calendar_days")


def test_another_units_folder_is_checked_by_the_same_table(folder):
    """A different bargaining unit's folder (its own id and title) still has its keys' units checked."""
    p = folder / "parameters.yaml"
    replace_once(p, "  id: dol_local12", "  id: other_unit")
    replace_once(p, '''      value: 15
      unit: calendar_days
      cite: Art. 10 §5.A''', '''      value: 15
      unit: hours
      cite: Art. 10 §5.A''')
    refused(folder, "flexiplace.decision.unit", "calendar_days, not hours")


def test_every_bundled_parameter_declares_the_units_its_readers_accept(contract):
    """units.py lists every bundled key, and nothing else: a new parameter declares its unit with its rule."""
    assert set(contract.parameters) - set(EXPECTED_UNITS) == set(), "declare these keys in lmcore/contract/units.py"
    assert set(EXPECTED_UNITS) - set(contract.parameters) == set(), "units.py names keys no folder has"
    for key, p in contract.parameters.items():
        assert p.unit in EXPECTED_UNITS[key], key


def test_a_new_parameter_whose_quote_counts_workdays_cannot_be_calendar_days(folder):
    """A key lmcore does not read yet: the quote's own words decide ("five (5) workdays" is not calendar days)."""
    p = folder / "parameters.yaml"
    replace_once(p, "  grievance:\n", '''  grievance:
    new_limit:
      value: 5
      unit: calendar_days
      cite: Art. 43 §7.a(3)
      quote: "shall have five (5) workdays from the filing of the grievance to meet and discuss the grievance"
      label: "A new limit"
''')
    refused(folder, "grievance.new_limit.unit", "the quote counts workdays, not calendar days")


# -- the number in the quote matches the value ---------------------------------------------------------------
def test_value_must_be_the_number_the_quote_writes_art43_7a1(folder):
    """"within twenty (20) workdays": 25 is refused (the deadline would move five workdays)."""
    replace_once(folder / "parameters.yaml", STEP1, STEP1.replace("value: 20", "value: 25"))
    refused(folder, "grievance.step1_filing.value", "25 is not the number the quote writes (20)")


def test_value_must_be_a_figure_the_quote_writes_art10_5a(folder):
    """"within 15 calendar days of the request" (figures, no words): 16 is refused."""
    replace_once(folder / "parameters.yaml", '''      value: 15
      unit: calendar_days
      cite: Art. 10 §5.A''', '''      value: 16
      unit: calendar_days
      cite: Art. 10 §5.A''')
    refused(folder, "flexiplace.decision.value", "16 is not the number the quote writes (15)")


def test_time_of_day_must_be_the_time_the_quote_gives_art4_2b2(folder):
    """"Core hours will normally be 10 a.m. until 3 p.m.": a core start of 09:00 is refused."""
    replace_once(folder / "parameters.yaml", 'value: "10:00"\n      unit: time_of_day', 'value: "09:00"\n      unit: time_of_day')
    refused(folder, "schedules.core_start.value", "09:00 is not the time the quote gives (10:00, 15:00)")


# -- the quote lies inside the cited section ------------------------------------------------------------------
def test_quote_from_another_section_is_refused_art43_7b1(folder):
    """The Step 1 quote is in the text (Art. 43 §7.a(1)) but not in §7.b(1), the section the edit cites."""
    replace_once(folder / "parameters.yaml", STEP1, STEP1.replace("Art. 43 §7.a(1)", "Art. 43 §7.b(1)"))
    refused(folder, "grievance.step1_filing.quote", "in the contract text, but not in Art. 43 §7.b(1)")


def test_flaw_quote_outside_its_cites_is_refused(folder):
    p = folder / "interpretations.yaml"
    data = yaml.safe_load(p.read_text(encoding="utf-8"))
    flaw = next(k for k, f in data["flaws"].items() if f.get("quote"))
    cite = data["flaws"][flaw]["cite"]
    other = "Art. 47 §1" if not cite.startswith("Art. 47") else "Art. 43 §1"
    data["flaws"][flaw]["cite"], data["flaws"][flaw]["also"] = other, []
    p.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    refused(folder, f"flaws.{flaw}.quote", f"not in {other}")


# -- one line: file, line, key, what was expected -------------------------------------------------------------
def test_schema_error_names_file_line_and_key(folder):
    p = folder / "parameters.yaml"
    replace_once(p, STEP1, STEP1.replace("unit: workdays", "unit: weeks"))
    refused(folder, f"parameters.yaml line {line_no(p, 'unit: weeks')}", "key 'parameters.grievance.step1_filing.unit'",
            "expected one of")


def test_yaml_syntax_error_is_one_line_with_its_line(folder):
    p = folder / "parameters.yaml"
    replace_once(p, STEP1, STEP1.replace("value: 20", "value: [20"))
    msg = refused(folder, "parameters.yaml is not valid YAML (line ")
    assert re.search(r"line \d+\)", msg)


@pytest.mark.parametrize("how, words", [
    (lambda p: p.write_bytes(b"\xff\xfe not utf-8 \x80"), "is not UTF-8 text"),
    (lambda p: (p.unlink(), p.mkdir()), "is a folder"),
])
def test_unreadable_files_are_one_line(folder, how, words):
    how(folder / "contract.txt")
    refused(folder, words)


def test_empty_contract_path_is_refused():
    with pytest.raises(ContractFileError, match="path is empty"):
        load_contract("")


# -- the law file ---------------------------------------------------------------------------------------------
def law_copy(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "law.yaml"
    text = BUNDLED_LAW.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


ACCRUAL = "      value: 4\n      unit: hours_per_pay_period"


@pytest.mark.parametrize("value, words", [
    (".nan", "finite number"),                                   # printed "nan hours" before
    ("80", "80 hours_per_pay_period is outside the range the law allows, 1 to 10"),  # 5 U.S.C. 6303(a): at most 1¼ days
    ("true", "finite number of zero or more, not True"),
    ("'4'", "not '4'"),
])
def test_law_values_are_numbers_within_their_legal_range_5usc6303a(tmp_path, value, words):
    path = law_copy(tmp_path, ACCRUAL, ACCRUAL.replace("value: 4", f"value: {value}"))
    with pytest.raises(ContractFileError) as exc:
        load_law(path)
    msg = str(exc.value)
    assert words in msg and "annual_leave.accrual_under_3" in msg and f"line {line_no(path, f'value: {value}')}" in msg and "\n" not in msg


def test_law_number_needs_a_range_inside_what_a_pay_period_holds(tmp_path):
    path = law_copy(tmp_path, "      range: [1, 10]  # 6303(a): no rate is more than one and one-fourth days (10 hours) a pay period\n"
                    "      cite: 5 U.S.C. 6303(a)(1)", "      cite: 5 U.S.C. 6303(a)(1)")
    with pytest.raises(ContractFileError, match=r"accrual_under_3.*needs its range"):
        load_law(path)
    path = law_copy(tmp_path, "      range: [1, 10]  # 6303(a): no rate is more than one and one-fourth days (10 hours) a pay period\n"
                    "      cite: 5 U.S.C. 6303(a)(1)", "      range: [1, 1000]\n      cite: 5 U.S.C. 6303(a)(1)")
    with pytest.raises(ContractFileError, match=r"at most 336 hours_per_pay_period"):
        load_law(path)


def test_law_duplicate_key_and_unquoted_date(tmp_path):
    path = law_copy(tmp_path, ACCRUAL, ACCRUAL + "\n      value: 8")
    with pytest.raises(ContractFileError, match="key 'value' is given twice"):
        load_law(path)
    path = law_copy(tmp_path, 'value: "2026-01-11"', "value: 2026-01-11")
    with pytest.raises(ContractFileError, match="'YYYY-MM-DD' in quotes"):
        load_law(path)


def test_law_file_that_is_dev_zero_or_a_folder(tmp_path):
    with pytest.raises(ContractFileError, match="is not a regular file"):
        load_law("/dev/zero")
    with pytest.raises(ContractFileError, match="is a folder"):
        load_law(tmp_path)


# -- through the command line ---------------------------------------------------------------------------------
def test_cli_with_a_broken_folder_is_one_line_exit_2(folder, capsys):
    replace_once(folder / "parameters.yaml", STEP1, STEP1.replace("value: 20", "value: true"))
    code = main(["deadline", "2026-11-18", "--rule", "grievance.step1_filing", "--contract", str(folder)])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and err.count("\n") == 1 and "grievance.step1_filing" in err and "Traceback" not in err


# -- the numbers a quote writes -------------------------------------------------------------------------------
@pytest.mark.parametrize("quote, pairs, figures, times", [
    ("within twenty (20) workdays of when", {20}, {20}, set()),
    ("the next twenty-five (25) workdays", {25}, {25}, set()),
    ("within 15 calendar days of the request", set(), {15}, set()),
    ("an 8 1/2 hour day", set(), {8.5}, set()),
    ("in excess of $5,000 ($2,500 in the case", set(), {5000, 2500}, set()),
    ("Core hours will normally be 10 a.m. until 3 p.m.", set(), set(), {"10:00", "15:00"}),
    ("between 11:45 a.m. and 1:30 p.m.", set(), set(), {"11:45", "13:30"}),
    # names and citations are not numbers: Local 12, 5 U.S.C. 4303 or 7512, 26 USC 129, Article 35
    ("bear one signature of Local 12", set(), set(), set()),
    ("remove under 5 U.S.C. 4303 or 7512 an employee who has 10 years", set(), {10}, set()),
    ("in accordance with 26 USC 129", set(), set(), set()),
    ("as specified in Article 35, or", set(), set(), set()),
])
def test_written_numbers(quote, pairs, figures, times):
    from decimal import Decimal

    from lmcore.contract.text import written_numbers

    got = written_numbers(quote)
    assert got == ({Decimal(str(x)) for x in pairs}, {Decimal(str(x)) for x in figures}, times)


def test_search_limit_must_be_one_or_more(contract):
    from lmcore.errors import InvalidInput

    assert len(contract.search("credit", limit=1)) == 1
    for bad in (0, -1, True):
        with pytest.raises(InvalidInput, match="at least one part"):
            contract.search("credit", limit=bad)


def test_the_union_party_must_be_named_as_the_text_names_it(folder):
    """contract.union names the union party in titles and page text; it must stand in the text ("Local 12", e.g.
    Art. 15 §1.a "an officer of Local 12, AFGE"), so a typo ("Local 21") is refused on load with its line."""
    replace_once(folder / "parameters.yaml", 'union: "Local 12"', 'union: "Local 21"')
    msg = refused(folder, "key 'contract.union'", '"Local 21" is not in the contract text')
    assert f"line {line_no(folder / 'parameters.yaml', 'union:')}" in msg


def test_the_parties_names_in_reports_and_calendar_files_come_from_the_folder():
    """The other unit's folder (tests/other_unit) names its own parties in the printed grievance summary, the grievance
    calendar file and the contract calendar file: none says Local 12."""
    import datetime as dt

    from lmcore.bargaining.contract_calendar import contract_calendar
    from lmcore.grievance import Grievance, timeline
    from lmcore.grievance.report import ics, summary_html

    other = load_contract(Path(__file__).parent / "other_unit")
    t = timeline(Grievance(learned=dt.date(2026, 11, 18)), other, dt.date(2026, 11, 23))
    page = summary_html(t, other)
    assert "Department of Examples – Local 2000 agreement, Article 43." in page and "Local 12" not in page
    cal = ics(t, other).decode().replace("\r\n ", "")  # RFC 5545 folds long lines
    assert "PRODID:-//lmcore//Department of Examples – Local 2000 contract handbook//EN" in cal and "Local 12" not in cal
    ccal = contract_calendar(dt.date(2026, 11, 2), other, years=1).to_ics().decode().replace("\r\n ", "")
    assert "X-WR-CALNAME:Department of Examples – Local 2000 contract calendar" in ccal and "Local 12" not in ccal
    bundled = summary_html(timeline(Grievance(learned=dt.date(2026, 11, 18)), load_contract(), dt.date(2026, 11, 23)),
                           load_contract())
    assert "Department of Labor – AFGE Local 12 agreement, Article 43." in bundled
