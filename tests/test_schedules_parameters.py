"""Every Art. 4 number comes from the contract folder or the law file (issue 13 §1): change one in a copied folder and
the answer that depends on it changes. Each row of PARAMETERS names the parameter, the value tried and the answer it
changes; `test_every_schedules_parameter_is_listed` fails on a parameter of the group left out (or not marked
informational in the file). The copy rewrites the quote and the contract text with the new number where the quote
writes it ("eighty (80)" → "seventy-two (72)"), as another unit's own contract would read.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml
from schedule_sheets import EIGHT, NINE, TEN, WEEK1, WEEK2, days, row, sheet

from lmcore import load_contract
from lmcore.contract.law import BUNDLED_LAW, load_law
from lmcore.errors import LmcoreError
from lmcore.schedules import Schedule, allowed_patterns, evaluate, parse_tour
from lmcore.schedules.coverage import coverage, team_from_text
from lmcore.schedules.terms import Terms

PP = dt.date(2026, 11, 15)  # Thanksgiving Thu 11-26
_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
         "eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def spelled(n: int) -> str:
    """24 → 'twenty-four', the contract's way of writing a number before its figure."""
    return _ONES[n] if n < 20 else _TENS[n // 10] + (f"-{_ONES[n % 10]}" if n % 10 else "")


def copy_with(tmp: Path, key: str, value: Any) -> Path:
    """A copy of the bundled contract folder with one parameter changed (its quote and the text too, where they say it)."""
    from modified_contract import copy_folder

    return copy_folder(tmp, {key: value})


def law_with(tmp: Path, key: str, value: Any) -> Path:
    """A copy of the law file with one value changed."""
    data = yaml.safe_load(BUNDLED_LAW.read_text(encoding="utf-8"))
    group, name = key.split(".")
    data["parameters"][group][name]["value"] = value
    out = tmp / "law.yaml"
    out.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")
    return out


# -- the answers: each a JSON text of what lmcore says (or the one-line error) --------------------------------------------
def _answer(fn: Callable[[], Any]) -> str:
    try:
        value = fn()
    except LmcoreError as exc:
        return f"error: {exc}"
    return json.dumps(value.to_dict() if hasattr(value, "to_dict") else value, default=str, sort_keys=True)


VW_SHEET = sheet(
    row("2026-11-16", ("05:45", "15:00", "10:30", "11:00")),               # before the band; lunch before 11:00
    row("2026-11-17", ("07:00", "19:30", "13:45", "14:15"), ordered="2"),   # past 7 p.m. and 6 p.m.; 2 h ordered; lunch past 2
    row("2026-11-18", ("10:30", "19:00", "13:00", "13:30")),               # away from core 10:00–10:30
    *days(WEEK1[3:], EIGHT),
    row("2026-11-21", ("09:00", "13:00"), ordered="4"),                     # Saturday, ordered: past 40 in the week
    row("2026-11-23", ("07:00", "16:40", "12:00", "12:30")),               # 9 h 10
    *days(WEEK2[1:], EIGHT),
)
MAXI = Schedule("maxiflex", core_days=(2, 3, 4, 9, 10, 11))  # Tue, Wed, Thu of both weeks: 6 core days
PT_TOUR = parse_tour("Mon=5,Tue=5,Wed=5,Thu=5")
PT_SHEET = sheet(*days(WEEK1[:4], ("08:00", "13:30")), *days(WEEK2[:3], ("08:00", "13:30")))  # 7 × 5 h 30
FIVE_FOUR_NINE = sheet(*days(WEEK1[:4], NINE), row("2026-11-20", EIGHT), *days(WEEK2[:3], NINE))
FOUR_TEN = sheet(*days(WEEK1[:4], TEN), *days(WEEK2[:3], TEN))
PT_COMPRESSED = parse_tour("W1:Mon=8,Tue=8,Wed=8,Thu=8,Fri=8;W2:Mon=8,Tue=8,Wed=8,Thu=8")  # 72 h on 9 days
STANDARD = sheet(*days(WEEK1 + WEEK2, ("08:00", "16:30", "12:00", "12:30")))
HOLIDAY_WORK = sheet(*days(WEEK1 + WEEK2, EIGHT), row("2026-11-26", TEN, ordered="10"))
PT_HOLIDAY_WORK = sheet(*days(WEEK1[:4], ("08:00", "13:00")), *days(WEEK2[:3], ("08:00", "13:00")),
                        row("2026-11-26", ("08:00", "15:00"), ordered="7"))  # 7 h ordered on a 5-hour tour day
HOLIDAY_HOUR = sheet(*days(WEEK1 + WEEK2, EIGHT), row("2026-11-26", ("09:00", "10:00"), ordered="1"))
LONG_TOUR = parse_tour("Mon=10,Thu=10")


def scenarios(c: Any, law: Any = None) -> dict[str, Callable[[], Any]]:
    """Named answers of lmcore's public API that the Art. 4 numbers feed."""
    return {
        "variable week": lambda: evaluate(VW_SHEET, "variable-week", c, carry_in=23.5, law=law),
        "maxi-flex": lambda: evaluate(VW_SHEET, MAXI, c, law=law),
        "part-time tour": lambda: evaluate(PT_SHEET, Schedule("variable-week", tour=PT_TOUR), c, carry_in=9, law=law),
        "part-time long days": lambda: evaluate(PT_SHEET, Schedule("variable-week", tour=LONG_TOUR), c, law=law),
        "core hours moved": lambda: evaluate(VW_SHEET, Schedule("variable-week", core_hours=(540, 840)), c, law=law),
        "5-4/9": lambda: evaluate(FIVE_FOUR_NINE, "compressed-5-4-9", c, law=law),
        "5-4/9 layouts": lambda: [p.label for p in allowed_patterns("compressed-5-4-9", Terms.of(c, law))],
        "4-10": lambda: evaluate(FOUR_TEN, "compressed-4-10", c, law=law),
        "4-10 layouts": lambda: [p.label for p in allowed_patterns("compressed-4-10", Terms.of(c, law))],
        "part-time compressed": lambda: evaluate(FIVE_FOUR_NINE, Schedule("compressed-5-4-9", tour=PT_COMPRESSED), c, law=law),
        "standard": lambda: evaluate(STANDARD, "standard", c, law=law),
        "part-time standard": lambda: evaluate(STANDARD, Schedule("standard", tour=parse_tour("Mon=8,Tue=8")), c, law=law),
        "flexiplace": lambda: evaluate(STANDARD, "flexiplace-opt-out", c, law=law),
        "holiday work": lambda: evaluate(HOLIDAY_WORK, "variable-week", c, law=law),
        "part-time holiday work": lambda: evaluate(PT_HOLIDAY_WORK, Schedule("variable-week", tour=PT_TOUR), c, law=law),
        "an hour of holiday work": lambda: evaluate(HOLIDAY_HOUR, "variable-week", c, law=law),
        "coverage": lambda: coverage(team_from_text("Ana, 07:00, 15:30, 11:30, 12:00", PP), c).explain(),
    }


# key: (value tried, the answer it changes). The value is another unit's: a number a contract could say.
PARAMETERS = {
    "schedules.flexible_schedule_workdays": (6, "maxi-flex"),               # 6 core days no longer "fewer than" → refused
    "schedules.basic_work_requirement": (72, "maxi-flex"),                  # maxi-flex requirement 72 − 8 = 64 h
    "schedules.variable_week_basic_work_requirement": (72, "variable week"),  # 72 − 8 = 64 h, more credit hours
    "schedules.credit_carryover_full_time": (20, "variable week"),          # carry-over cap 20 h: more forfeited
    "schedules.credit_carryover_part_time_fraction": (0.5, "part-time tour"),  # cap 40 × ½ = 20 h
    "schedules.credit_increment": (30, "variable week"),                    # credit in half hours
    "schedules.core_hours_per_day": (4, "core hours moved"),                # a 5-hour band of the office refused
    "schedules.core_start": ("10:30", "variable week"),                     # core hours 10:30–3:00 (with core_hours_per_day: refused)
    "schedules.core_end": ("14:30", "variable week"),
    "schedules.overtime_daily": (9, "variable week"),                       # Tue: ordered time past 9 h, not 8
    "schedules.overtime_weekly": (44, "variable week"),                     # Saturday's ordered 4 h no longer past the week's hours
    "schedules.compressed_full_time_hours": (72, "5-4/9"),                  # 72 h against the 80 of the 5-4/9 and the four-day week: refused (ContractFileError)
    "schedules.compressed_full_time_workdays_under": (9, "5-4/9"),          # 9 workdays is not "less than nine"
    "schedules.compressed_part_time_hours_under": (70, "part-time compressed"),  # a 72-hour tour is not part-time compressed
    "schedules.compressed_part_time_workdays_under": (9, "part-time compressed"),
    "schedules.compressed_5_4_9_hours": (72, "5-4/9 layouts"),              # 72 h against the 80 h of §2.c(1)(a): refused, naming both
    "schedules.compressed_days_week1": (4, "5-4/9 layouts"),                # 4 + 4 days: 10-hour days
    "schedules.compressed_days_week2": (3, "5-4/9 layouts"),
    "schedules.four_day_week_days": (3, "4-10 layouts"),                    # three days a week
    "schedules.four_day_week_hours": (36, "4-10 layouts"),                  # 72 h a pay period against 80: refused (tests/other_unit changes both: 9-hour days)
    "schedules.band_start": ("06:30", "variable week"),                     # Mon's 5:45 start: 45 min outside, not 15
    "schedules.band_end": ("20:00", "variable week"),                       # Tue until 7:30 p.m. inside the band
    "schedules.premium_pay_after": ("17:00", "variable week"),              # more time past the premium-pay hour
    "schedules.notify_supervisor_over_hours": (10, "variable week"),        # no notice for a 9-hour day
    "schedules.office_day_hours": (8, "coverage"),                          # an 8-hour office day
    "schedules.lunch_earliest_start": ("10:00", "variable week"),           # Mon's 10:30 lunch inside the window
    "schedules.lunch_latest_end": ("15:00", "variable week"),               # Tue's lunch to 2:15 inside the window
    "schedules.flexiplace_tour_hours": (9, "flexiplace"),                   # an 8½-hour day is not the tour
}
# The same rows as (value, answer of the public API) for tests/test_every_parameter_is_read.py.
PROBES: dict[str, tuple[Any, Callable[[Any], str]]] = {
    key: (value, lambda c, name=name: _answer(scenarios(c)[name])) for key, (value, name) in PARAMETERS.items()}
LAW = {
    "hours_of_work.basic_workweek_hours": (35, "standard"),                 # a 35-hour standard week
    "hours_of_work.basic_workday_hours": (7, "part-time standard"),         # an 8-hour tour day refused
    "holidays.flexible_full_time_hours": (7, "variable week"),              # Thanksgiving worth 7 h
    "holidays.part_time_flexible_max_hours": (9, "part-time long days"),    # a 10-hour tour day's holiday worth 9 h
    "holiday_work.premium_max_hours": (6, "part-time holiday work"),        # premium for 6 of the 7 ordered hours, not 7
    "holiday_work.minimum_hours": (3, "an hour of holiday work"),           # at least 3 h of premium
}


@pytest.fixture(scope="module")
def bundled(contract):
    return {name: _answer(fn) for name, fn in scenarios(contract).items()}


def test_bundled_answers_are_answers(bundled):
    """The scenarios answer under the bundled contract (none is an error), so a change shows as a different answer."""
    assert not [name for name, text in bundled.items() if text.startswith("error")]


@pytest.mark.parametrize("key", sorted(PARAMETERS))
def test_changing_a_parameter_changes_its_answer(tmp_path, bundled, key):
    value, name = PARAMETERS[key]
    copy = load_contract(copy_with(tmp_path, key, value))
    assert copy.value(key) == value
    changed = _answer(scenarios(copy)[name])
    assert changed != bundled[name], f"{key} = {value!r} did not change the answer '{name}'"


@pytest.mark.parametrize("key", sorted(LAW))
def test_changing_a_law_number_changes_its_answer(tmp_path, contract, bundled, key):
    value, name = LAW[key]
    law = load_law(law_with(tmp_path, key, value))
    assert _answer(scenarios(contract, law)[name]) != bundled[name], f"{key} = {value!r} did not change '{name}'"


def test_every_schedules_parameter_is_listed(contract):
    """No parameter of the group left unread: each is in PARAMETERS, or the file marks it informational with the reason."""
    group = {k: p for k, p in contract.parameters.items() if k.startswith("schedules.")}
    unlisted = [k for k, p in group.items() if k not in PARAMETERS and not p.informational]
    assert not unlisted and set(PARAMETERS) <= set(group)


def test_another_units_numbers_reach_the_messages(tmp_path):
    """A 72-hour variable week and a 30-minute increment show in the findings' words, not the bundled 80 and 15."""
    folder = copy_with(tmp_path, "schedules.variable_week_basic_work_requirement", 72)
    res = evaluate(VW_SHEET, "variable-week", load_contract(folder))
    # 72 h a pay period over ten weekdays, less Thanksgiving's 8 h (5 U.S.C. 6124) = 64 h
    assert res.basic_requirement == 64
    assert any("Basic work requirement 72 h less Thanksgiving Day 8 h = 64 h" in f.message for f in res.findings)
    inc = load_contract(copy_with(tmp_path / "b", "schedules.credit_increment", 30))
    words = " ".join(f.message for f in evaluate(VW_SHEET, "variable-week", inc).findings)
    assert "thirty (30) minute increments" in words and "fifteen (15)" not in words


@pytest.mark.parametrize("key, value, words", [
    ("schedules.compressed_days_week1", 6, "1 to 5 of its weekdays"),
    ("schedules.four_day_week_days", 7, "1 to 5 of its weekdays"),
    ("schedules.office_day_hours", 14, "does not fit the day shift's band"),
    ("schedules.band_start", "20:00", "band_start is not before its end"),
    ("schedules.credit_increment", 7, "does not divide an hour"),
    # §2.c(1)(c) against (a): a 36-hour four-day week is 72 hours a pay period, a full-time compressed schedule 80
    ("schedules.four_day_week_hours", 36, "four-day week's 36 hours each week make 72 hours a pay period, not the 80"),
    ("schedules.compressed_5_4_9_hours", 72, "the hours of the 5-4/9 make 72 hours a pay period, not the 80"),
])
def test_a_contract_number_no_schedule_can_have_is_a_contract_file_error(tmp_path, key, value, words):
    from lmcore.errors import ContractFileError

    copy = load_contract(copy_with(tmp_path, key, value))
    with pytest.raises(ContractFileError, match=words):
        evaluate(FIVE_FOUR_NINE, "compressed-5-4-9", copy)
