"""Flexiplace (Art. 10): eligibility, arrangements and grievability (arrangements), the time frames of requests and
notices (time_frames), and the safety checklist and work agreement forms (forms)."""
from .arrangements import Criterion, Eligibility, arrangement_type, criteria, eligibility, grievability, missing_items
from .forms import checklist_questions, safety_checklist, work_agreement
from .time_frames import (
                          Clocks,
                          NoticeCheck,
                          TerminationNotice,
                          clocks,
                          equipment_notice,
                          inability_shown_from,
                          inspection_notice,
                          recall_notice,
                          termination_grounds,
                          termination_notice,
                          to_datetime,
)

__all__ = ["Clocks", "Criterion", "Eligibility", "NoticeCheck", "TerminationNotice", "arrangement_type", "checklist_questions",
           "clocks", "criteria", "eligibility", "equipment_notice", "grievability", "inability_shown_from", "inspection_notice",
           "missing_items", "recall_notice", "safety_checklist", "termination_grounds", "termination_notice", "to_datetime",
           "work_agreement"]
