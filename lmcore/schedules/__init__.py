"""Work schedules and credit hours (Art. 4, Art. 5 §10, Art. 10 §6.A): the numbers of Art. 4 and the law (terms),
the schedule types and layouts (kinds), an employee's tour (tours), timesheets (timesheet, sources), the basic work
requirement after holidays (requirement), hours and credit hours (hours, credit_hours), the findings of one pay
period (findings, pay_period) and office coverage (coverage)."""
from .kinds import (COMPRESSED, FLEXIBLE, KINDS, LABELS, Pattern, Schedule, allowed_patterns, default_pattern, describe,
                    parse_core_days, parse_core_hours, parse_kind)
from .pay_period import PayPeriodResult, compare, evaluate, evaluate_many, evaluate_periods
from .requirement import HolidayNote, Requirement, holidays_near, infer_layout, nominal_minutes, requirement, usual_entries
from .terms import Terms
from .timesheet import (PERIOD_DAYS, DayEntry, Timesheet, TimesheetError, blank_timesheet, check_period_start, pay_period_start,
                        read_timesheet)
from .tours import Tour, parse_tour

__all__ = ["COMPRESSED", "FLEXIBLE", "KINDS", "LABELS", "PERIOD_DAYS", "DayEntry", "HolidayNote", "Pattern", "PayPeriodResult",
           "Requirement", "Schedule", "Terms", "Timesheet", "TimesheetError", "Tour", "allowed_patterns", "blank_timesheet",
           "check_period_start", "compare", "default_pattern", "describe", "evaluate", "evaluate_many", "evaluate_periods",
           "holidays_near", "infer_layout", "nominal_minutes", "parse_core_days", "parse_core_hours", "parse_kind", "parse_tour",
           "pay_period_start", "read_timesheet", "requirement", "usual_entries"]
