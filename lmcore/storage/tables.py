"""The case log's tables (SQLAlchemy Core, on the shared METADATA; prefix `caselog_`). Dates are ISO text
(YYYY-MM-DD) on every database: one malformed value, typed in by hand or left by an old file, never stops a
query — the case that holds it shows its problem. The schema itself is made by the migrations
(lmcore/storage/migrations/versions/); these objects describe it for queries and must match the newest one."""
from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Integer, String, Table, Text

from .database import METADATA

DATE_COLUMNS = ("learned", "occurred", "filed", "form_completed", "step1_meeting", "step1_decision", "step1_oelmr_notice",
                "step2_appeal", "step2_form_completed", "step2_meeting", "step2_decision", "step2_oelmr_notice",
                "consolidated", "resolved", "invoked", "arbitrability_notice", "hearing", "award")

cases = Table(
    "caselog_cases", METADATA,
    Column("case_id", String(80), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("status", String(20), nullable=False),  # open, settled, withdrawn, closed
    Column("title", Text, nullable=False),
    Column("path", String(40), nullable=False),
    Column("steward", Text, nullable=False),
    Column("official", Text, nullable=False),  # the supervisor or agency official
    Column("agency", Text, nullable=False),
    Column("subject", Text, nullable=False),
    *(Column(name, String(10)) for name in DATE_COLUMNS),
    Column("continuing", Boolean, nullable=False),
    Column("agencies", String(10), nullable=False),
    Column("consolidation", String(40)),
    Column("expedited", Boolean, nullable=False),
    Column("legacy", Text),  # an old file's record that could not be read: kept whole, shown as the case's problem
    Column("created_at", String(32), nullable=False),
    Column("created_by", Text, nullable=False),
    Column("updated_at", String(32), nullable=False),
    Column("updated_by", Text, nullable=False),
)

grievants = Table(
    "caselog_grievants", METADATA,
    Column("case_id", String(80), ForeignKey("caselog_cases.case_id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("name", Text, nullable=False),
)

articles = Table(
    "caselog_articles", METADATA,
    Column("case_id", String(80), ForeignKey("caselog_cases.case_id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("cite", Text, nullable=False),
)

agreements = Table(  # Art. 43 §13: waivers (§13.b) and extensions (§13.a) by mutual written agreement
    "caselog_agreements", METADATA,
    Column("case_id", String(80), ForeignKey("caselog_cases.case_id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("kind", String(10), nullable=False),  # waiver or extension
    Column("target", String(40), nullable=False),  # the step waived or the milestone extended
    Column("workdays", Integer),
    Column("until", String(10)),
    Column("agreed_on", String(10)),
    Column("union_signatory", Text, nullable=False),
    Column("agency_signatory", Text, nullable=False),
)

arbitrations = Table(  # Art. 44: the arbitration case of an invoked grievance (its dates are the grievance's)
    "caselog_arbitrations", METADATA,
    Column("case_id", String(80), ForeignKey("caselog_cases.case_id", ondelete="CASCADE"), primary_key=True),
    Column("kind", String(10), nullable=False),  # regular, expedited, stayed
    Column("arbitrator", Text, nullable=False),
    Column("record_closed", String(10)),
)

history = Table(  # the audit trail: kept after a case is removed
    "caselog_history", METADATA,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", String(80), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("field", Text, nullable=False),
    Column("old", Text),
    Column("new", Text),
    Column("at", String(32), nullable=False),
    Column("by", Text, nullable=False),
)

board_cache = Table(  # each case's due-board row, as computed for one contract, reading set and day
    "caselog_board_cache", METADATA,
    Column("case_id", String(80), ForeignKey("caselog_cases.case_id", ondelete="CASCADE"), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("basis", String(64), nullable=False),
    Column("row", Text, nullable=False),
)

CHILDREN = (grievants, articles, agreements, arbitrations)
