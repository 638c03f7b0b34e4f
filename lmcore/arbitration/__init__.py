"""Arbitration (Art. 44): the track a case takes (kinds), its dated steps (hearings), who pays (costs), the panel
of arbitrators (panel), and the scheduling simulator (caseload → simulator → results, capacity)."""
from .capacity import ON_TIME_TARGET, CapacityAnswer, Caseload, capacity, compare_policies, on_time_curve
from .caseload import Invocations, SimConfig, invocations_from, synthetic_invocations
from .costs import split_costs
from .hearings import MILESTONES, milestones
from .kinds import KINDS, SUBJECTS, check_kind, classify
from .panel import EXAMPLE_NAMES, Panel, alternate_strikes, example_names, make_panel, notice_window
from .results import SimResult
from .simulator import meeting_dates, reserved_dates, simulate

__all__ = ["EXAMPLE_NAMES", "KINDS", "MILESTONES", "ON_TIME_TARGET", "SUBJECTS", "CapacityAnswer", "Caseload", "Invocations", "Panel", "SimConfig",
           "SimResult", "alternate_strikes", "capacity", "check_kind", "classify", "compare_policies", "example_names",
           "invocations_from", "make_panel", "meeting_dates", "milestones", "notice_window", "on_time_curve", "reserved_dates", "simulate",
           "split_costs", "synthetic_invocations"]
