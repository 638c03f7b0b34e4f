"""Work schedules and credit hours (Art. 4, Art. 5 §10, Art. 10 §6.A): the schedule types and their basic work
requirement (kinds), timesheets (timesheet), hours and credit hours (hours, credit_hours), the findings of one pay
period (findings, pay_period) and office coverage (coverage)."""
from .kinds import (COMPRESSED, FLEXIBLE, KINDS, LABELS, HolidayNote, Pattern, Requirement, Schedule, allowed_patterns,
                    default_pattern, describe, holidays_near, infer_layout, nominal_minutes, parse_core_days, parse_kind,
                    requirement, usual_entries)
from .pay_period import PayPeriodResult, compare, evaluate, evaluate_many, evaluate_periods
from .timesheet import PERIOD_DAYS, DayEntry, Timesheet, TimesheetError, blank_timesheet, pay_period_start, read_timesheet

__all__ = ["COMPRESSED", "FLEXIBLE", "KINDS", "LABELS", "PERIOD_DAYS", "DayEntry", "HolidayNote", "Pattern", "PayPeriodResult",
           "Requirement", "Schedule", "Timesheet", "TimesheetError", "allowed_patterns", "blank_timesheet", "compare",
           "default_pattern", "describe", "evaluate", "evaluate_many", "evaluate_periods", "holidays_near", "infer_layout",
           "nominal_minutes", "parse_core_days", "parse_kind", "pay_period_start", "read_timesheet", "requirement",
           "usual_entries"]
