"""The partnership chapter (issue 18): the history of Federal labor-management partnership (history), the Six
Elements, Three Pillars and seven lessons as a team's self-assessment (assessment), the contract's own forums and a
tracker of their meetings (forums), the annual report in the 1999 memorandum's categories (report) and the
pre-decisional involvement log (pdi). Data: contracts/partnership/partnership.yaml, quotes checked against sources."""
from .assessment import Assessment, Lesson, assess, elements, lessons, pillars
from .data import load
from .forums import Forum, ForumStatus, forum, forum_requirements, forum_status, forum_statuses
from .history import Document, timeline, timeline_rows
from .pdi import PdiRecord
from .report import PartnershipReport, ReportEntry, annual_report, categories

__all__ = ["Assessment", "Document", "Forum", "ForumStatus", "Lesson", "PartnershipReport", "PdiRecord", "ReportEntry",
           "annual_report", "assess", "categories", "elements", "forum", "forum_requirements", "forum_status", "forum_statuses",
           "lessons", "load", "pillars", "timeline", "timeline_rows"]
