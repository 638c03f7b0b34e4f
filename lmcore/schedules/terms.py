"""The numbers and words of Art. 4, and of the law it is administered under (§1.b), that the schedule rules use.

Every number a work-schedule answer depends on is read here from the contract folder (parameters.yaml, group
`schedules`) or the law file (us_federal.yaml: hours of work, holidays, holiday work), in minutes; nothing else in
lmcore.schedules types a day length, a requirement or a limit. `Terms.of(contract, law)` reads them once per
answer. `words()` takes a rule's own sentence from the contract text, so a message quotes the loaded contract.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import ContractFileError, LmcoreError

if TYPE_CHECKING:
    from ..contract.book import Contract
    from ..contract.law import Law

WEEK = 7
PERIOD_WEEKS = 2  # a biweekly pay period (5 U.S.C. 6302(a); the law file's pay_period_days is 14, checked on load)


_CACHE: dict[tuple[int, int], tuple[Any, Any, Terms]] = {}


def _minutes_of_hours(value: Any) -> int:
    return int(round(float(value) * 60))


def _clock(value: Any) -> int:
    h, m = str(value).split(":")
    return int(h) * 60 + int(m)


@dataclass(frozen=True)
class Terms:
    """Art. 4's numbers in minutes (and counts), each from the contract or the law file; see `Terms.of`."""

    maxiflex_requirement: int          # §2.a(1) eighty (80) hours
    variable_week_requirement: int     # §2.a(2) eighty (80) hours
    maxiflex_core_days_under: int      # §2.a(1) "fewer than ten (10) workdays"
    core: tuple[int, int]              # §2.b(2) 10 a.m. until 3 p.m.
    core_length: int                   # §2.b(2) "five (5) hours a day"
    compressed_full_time: int          # §2.c(1)(a) eighty (80) hours
    compressed_full_time_days_under: int   # §2.c(1)(a) less than ten (10) workdays
    compressed_part_time_under: int    # §2.c(1)(b) less than eighty (80) hours
    compressed_part_time_days_under: int   # §2.c(1)(b) less than ten (10) workdays
    five_four_nine_hours: int          # §2.c(1)(c) eighty (80) hours for the pay period
    five_four_nine_days: tuple[int, int]   # §2.c(1)(c) five (5) days in one week and four (4) the next
    four_day_week_days: int            # §2.c(1)(c) four (4) days each week
    four_day_week_hours: int           # §2.c(1)(c) forty (40) hours each week
    band: tuple[int, int]              # §5 6:00 a.m. – 7:00 p.m.
    premium_after: int                 # §5 6:00 p.m.
    notify_over: int                   # §5 more than eight (8) hours
    ot_daily: int                      # §2.b(3) eight (8) hours in a day
    ot_weekly: int                     # §2.b(3) forty (40) hours in a week
    increment: int                     # §2.b(1) fifteen (15) minute increments
    carry_full_time: int               # §2.b(1) twenty-four (24) credit hours
    carry_part_time_fraction: float    # §2.b(1) one-fourth
    lunch: tuple[int, int]             # Art. 5 §10 11:00 a.m. – 2:00 p.m.
    flexiplace_tour: int               # Art. 10 §6.A an 8 1/2 hour tour
    office_day: int                    # §10.b an 8 1/2 hour day
    workweek: int                      # law: 5 CFR 610.111(a)(1), 40 hours
    workday: int                       # law: 5 U.S.C. 6101(a)(3), 8 hours
    holiday_flexible: int              # law: 5 U.S.C. 6124, 8 hours
    holiday_part_time_max: int         # law: 5 CFR 610.405, not to exceed 8 hours
    holiday_premium_max: int           # law: 5 U.S.C. 5546(b), not in excess of 8 hours
    holiday_minimum: int               # law: 5 U.S.C. 5546(c), at least 2 hours
    quotes: tuple[tuple[str, str], ...] = ()   # (key, words) of every schedules parameter and law entry, for messages

    def quote(self, key: str) -> str:
        """The words a number comes from ('schedules.core_hours_per_day', 'law:holidays.flexible_full_time_hours')."""
        return dict(self.quotes)[key]

    @classmethod
    def of(cls, contract: Contract, law: Law | None = None) -> Terms:
        """Read every number from the contract's `schedules` parameters and the law file (the bundled one by default);
        read once per contract folder and law file (a contract's copies share their parameters)."""
        from ..contract.law import load_law

        law = law or load_law()
        key = (id(contract.parameters), id(law))
        hit = _CACHE.get(key)
        if hit is not None and hit[0] is contract.parameters and hit[1] is law:
            return hit[2]
        terms = cls._read(contract, law)
        _CACHE[key] = (contract.parameters, law, terms)
        return terms

    @classmethod
    def _read(cls, contract: Contract, law: Law) -> Terms:
        v = contract.value
        h = lambda key: _minutes_of_hours(v(f"schedules.{key}"))  # noqa: E731
        n = lambda key: int(v(f"schedules.{key}"))  # noqa: E731
        lh = lambda key: _minutes_of_hours(law.value(key))  # noqa: E731
        terms = cls(
            maxiflex_requirement=h("basic_work_requirement"), variable_week_requirement=h("variable_week_basic_work_requirement"),
            maxiflex_core_days_under=n("flexible_schedule_workdays"),
            core=(_clock(v("schedules.core_start")), _clock(v("schedules.core_end"))), core_length=h("core_hours_per_day"),
            compressed_full_time=h("compressed_full_time_hours"), compressed_full_time_days_under=n("compressed_full_time_workdays_under"),
            compressed_part_time_under=h("compressed_part_time_hours_under"),
            compressed_part_time_days_under=n("compressed_part_time_workdays_under"),
            five_four_nine_hours=h("compressed_5_4_9_hours"), five_four_nine_days=(n("compressed_days_week1"), n("compressed_days_week2")),
            four_day_week_days=n("four_day_week_days"), four_day_week_hours=h("four_day_week_hours"),
            band=(_clock(v("schedules.band_start")), _clock(v("schedules.band_end"))), premium_after=_clock(v("schedules.premium_pay_after")),
            notify_over=h("notify_supervisor_over_hours"), ot_daily=h("overtime_daily"), ot_weekly=h("overtime_weekly"),
            increment=n("credit_increment"), carry_full_time=h("credit_carryover_full_time"),
            carry_part_time_fraction=float(v("schedules.credit_carryover_part_time_fraction")),
            lunch=(_clock(v("schedules.lunch_earliest_start")), _clock(v("schedules.lunch_latest_end"))),
            flexiplace_tour=h("flexiplace_tour_hours"), office_day=h("office_day_hours"),
            workweek=lh("hours_of_work.basic_workweek_hours"), workday=lh("hours_of_work.basic_workday_hours"),
            holiday_flexible=lh("holidays.flexible_full_time_hours"), holiday_part_time_max=lh("holidays.part_time_flexible_max_hours"),
            holiday_premium_max=lh("holiday_work.premium_max_hours"), holiday_minimum=lh("holiday_work.minimum_hours"),
            quotes=tuple((k, p.quote) for k, p in contract.parameters.items() if k.startswith("schedules."))
            + tuple((f"law:{k}", p.quote) for k, p in law.parameters.items()),
        )
        terms._check(contract)
        return terms

    def _check(self, contract: Contract) -> None:
        """The contract's own numbers must agree where two of them describe the same hours (§2.b(2), §2.c(1))."""
        c0, c1 = self.core
        if c1 - c0 != self.core_length:
            raise ContractFileError(f"the contract's core hours {c0 // 60:02d}:{c0 % 60:02d}–{c1 // 60:02d}:{c1 % 60:02d} are "
                                    f"{(c1 - c0) / 60:g} hours, not the {self.core_length / 60:g} hours a day of core_hours_per_day",
                                    cite=contract.param("schedules.core_hours_per_day").cite,
                                    fix="Make schedules.core_start, core_end and core_hours_per_day agree in parameters.yaml")
        week_days = 5  # Monday through Friday (§5; 5 CFR 610.111: the basic workweek on 5 days)
        for key, n in (("compressed_days_week1", self.five_four_nine_days[0]), ("compressed_days_week2", self.five_four_nine_days[1]),
                       ("four_day_week_days", self.four_day_week_days)):
            if not 1 <= n <= week_days:
                raise ContractFileError(f"{key} is {n}: a compressed week works 1 to {week_days} of its weekdays",
                                        cite=contract.param(f"schedules.{key}").cite, fix=f"Correct schedules.{key} in parameters.yaml")
        for key, what, total in (("four_day_week_hours", f"the four-day week's {self.four_day_week_hours / 60:g} hours each week",
                                  self.four_day_week_hours * PERIOD_WEEKS),
                                 ("compressed_5_4_9_hours", "the hours of the 5-4/9", self.five_four_nine_hours)):
            if total != self.compressed_full_time:  # §2.c(1)(c)'s schedules are the full-time compressed schedule of (a)
                raise ContractFileError(f"{what} make {total / 60:g} hours a pay period, not the {self.compressed_full_time / 60:g} "
                                        "hours of a full-time compressed schedule (compressed_full_time_hours)",
                                        cite=contract.param(f"schedules.{key}").cite,
                                        fix=f"Make schedules.{key} agree with schedules.compressed_full_time_hours in parameters.yaml")
        for key, (a, b) in (("band_start", self.band), ("core_start", self.core), ("lunch_earliest_start", self.lunch)):
            if not a < b:
                raise ContractFileError(f"{key} is not before its end", cite=contract.param(f"schedules.{key}").cite,
                                        fix="Correct the times in parameters.yaml")
        if self.office_day <= 0 or self.office_day > self.band[1] - self.band[0]:
            raise ContractFileError(f"an office day of {self.office_day / 60:g} hours does not fit the day shift's band",
                                    cite=contract.param("schedules.office_day_hours").cite,
                                    fix="Correct schedules.office_day_hours in parameters.yaml")
        if self.increment <= 0 or 60 % self.increment:
            raise ContractFileError(f"a credit-hour increment of {self.increment} minutes does not divide an hour",
                                    cite=contract.param("schedules.credit_increment").cite,
                                    fix="Give schedules.credit_increment as 5, 10, 15, 20, 30 or 60 minutes")

    def full_time(self, kind: str) -> int:
        """A full-time employee's biweekly basic work requirement on this schedule type (§2.a, §2.c(1)(a); law)."""
        return {"maxiflex": self.maxiflex_requirement, "variable-week": self.variable_week_requirement,
                "compressed-5-4-9": self.compressed_full_time, "compressed-4-10": self.compressed_full_time,
                }.get(kind, self.workweek * PERIOD_WEEKS)

    def part_time_under(self, kind: str) -> int:
        """A part-time requirement is less than this (§2.c(1)(b) for compressed; the full-time requirement otherwise)."""
        return self.compressed_part_time_under if kind.startswith("compressed") else self.full_time(kind)

    @property
    def flexiplace_lunch(self) -> int:
        """The unpaid break inside the 8½-hour tour: the tour less the 8-hour basic workday (Art. 10 §6.A; law)."""
        return self.flexiplace_tour - self.workday


_MARKER = re.compile(r"^(?:\(\w{1,3}\)|\w{1,3}[.)])\s+")


def words(contract: Contract, cite: str, *marks: str) -> str:
    """The sentence of the contract's `cite` that holds every mark (case-insensitive), as printed; '' when it has none."""
    try:
        section = contract.section(cite)
    except LmcoreError:  # another unit's text may not have that section: the message then cites it without a quote
        return ""
    lines = [ln.strip() for ln in section.text.splitlines()]
    body = " ".join(_MARKER.sub("", ln) for ln in lines if ln and not ln.startswith("Section "))
    for sentence in re.split(r"(?<=[.;])\s+(?=[A-Z(\"])", " ".join(body.split())):
        if all(m.lower() in sentence.lower() for m in marks):
            return sentence.strip()
    return ""


def quoted(text: str) -> str:
    """A sentence of the contract in quotation marks, or nothing when the loaded contract does not have it."""
    return f"\"{text.rstrip('.;')}\"" if text else ""


__all__ = ["PERIOD_WEEKS", "Terms", "WEEK", "quoted", "words"]
