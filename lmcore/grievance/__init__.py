"""The grievance procedure (Art. 43): can it be grieved and where (screening), the steps of each path, and the
timeline of one grievance (record → engine → milestones), in bulk too (bulk) and as a printable report (report)."""
from .engine import add_months, timeline
from .milestones import STATUSES, Milestone, Timeline
from .record import DATE_FIELDS, Extension, Grievance, Waiver
from .screening import Situation, screen
from .steps import CONSOLIDATIONS, PATHS

__all__ = ["CONSOLIDATIONS", "DATE_FIELDS", "PATHS", "STATUSES", "Extension", "Grievance", "Milestone", "Situation",
           "Timeline", "Waiver", "add_months", "screen", "timeline"]
