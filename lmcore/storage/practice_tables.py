"""The tables of training results (prefix `training_`) and of the partnership chapter's records (prefix
`partnership_`), SQLAlchemy Core on the shared METADATA. The schema itself is made by migration 0002
(lmcore/storage/migrations/versions/0002_training_partnership.py); these objects describe it for queries and must
match it. Dates are ISO text (YYYY-MM-DD), times ISO text in UTC, as in the case log's tables."""
from __future__ import annotations

from sqlalchemy import Boolean, Column, Integer, String, Table, Text, UniqueConstraint

from .database import METADATA


def _stamp(prefix: str) -> list[Column]:
    return [Column(f"{prefix}_at", String(32), nullable=False), Column(f"{prefix}_by", Text, nullable=False)]


attempts = Table(  # one graded answer of one trainee
    "training_attempts", METADATA,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("trainee", Text, nullable=False, index=True),
    Column("set_id", String(80), nullable=False),
    Column("scenario", String(120), nullable=False, index=True),
    Column("title", Text, nullable=False),
    Column("track", String(10), nullable=False),  # the track the trainee chose (the scenario's when none)
    Column("article", Text, nullable=False),
    Column("answer_type", String(10), nullable=False),  # date, number, yes/no, choice
    Column("answer", Text, nullable=False),  # the plain value: ISO date, number, yes/no, choice id
    Column("expected", Text),  # lmcore's answer (none where no date applies)
    Column("correct", Boolean, nullable=False),
    Column("slip_kind", String(40)),
    Column("slip", Text),
    Column("at", String(32), nullable=False),
)

meetings = Table(  # a meeting of one of the contract's forums, held on a day (once a day per forum)
    "partnership_meetings", METADATA,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("forum", String(60), nullable=False),
    Column("held", String(10), nullable=False),
    Column("note", Text, nullable=False),
    *_stamp("recorded"),
    UniqueConstraint("forum", "held"),
)

pdi = Table(  # the pre-decisional involvement log: an issue from the information given to the decision
    "partnership_pdi", METADATA,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("version", Integer, nullable=False),
    Column("issue", Text, nullable=False),
    Column("information_given", String(10), nullable=False),
    Column("input_received", String(10)),
    Column("decision", String(10)),
    Column("decision_summary", Text, nullable=False),
    Column("forum", Text),
    Column("notes", Text, nullable=False),
    *_stamp("recorded"),
    *_stamp("updated"),
)

report_entries = Table(  # one improvement achieved through partnership, for a year's report
    "partnership_report_entries", METADATA,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("year", Integer, nullable=False, index=True),
    Column("category", String(40), nullable=False),
    Column("improvement", Text, nullable=False),
    Column("forum", Text),
    Column("date", String(10)),
    Column("measure", Text),
    *_stamp("recorded"),
)

reports = Table(  # a year's report text: the parties, the efforts made, the union's involvement
    "partnership_reports", METADATA,
    Column("year", Integer, primary_key=True, autoincrement=False),
    Column("parties", Text, nullable=False),
    Column("efforts", Text, nullable=False),
    Column("union_involvement", Text, nullable=False),
    *_stamp("updated"),
)
