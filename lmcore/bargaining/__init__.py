"""Bargaining and the life of the Agreement (Arts. 29, 35, 36, 46, 47): space and facilities (facilities), negotiation
time frames (negotiations), the joint committees and their meetings (committees), the term and reopeners (duration),
and every recurring date on one page (contract_calendar)."""
from .facilities import RoomRequest, meeting_room_request_due
from .negotiations import (KIND_WORDS, WAIVER_CITE, Agreement, BargainingPlan, Kind, Level, PlanItem, agency_negotiations_start_by,
                           agenda_meeting_due, agenda_notice_due, plan, request_due, session_last_day)

__all__ = ["KIND_WORDS", "WAIVER_CITE", "Agreement", "BargainingPlan", "Kind", "Level", "PlanItem", "RoomRequest",
           "agency_negotiations_start_by", "agenda_meeting_due", "agenda_notice_due", "meeting_room_request_due", "plan",
           "request_due", "session_last_day"]
