"""Training results and the partnership chapter's records (issue 18, phase 2).

Revision 0002 (after 0001, the case log). Tables `training_attempts` (one graded answer each) and, for the
partnership chapter, `partnership_meetings` (forum meetings held), `partnership_pdi` (the pre-decisional involvement
log), `partnership_report_entries` and `partnership_reports` (the annual report's improvements and its text per year).
Dates are ISO text (YYYY-MM-DD) and times ISO text in UTC, as in the case log: a malformed value typed in by hand never
stops a query, the row that holds it is shown with its problem.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _stamp(prefix: str) -> list[sa.Column]:
    return [sa.Column(f"{prefix}_at", sa.String(32), nullable=False), sa.Column(f"{prefix}_by", sa.Text, nullable=False)]


def upgrade() -> None:
    op.create_table(
        "training_attempts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("trainee", sa.Text, nullable=False),
        sa.Column("set_id", sa.String(80), nullable=False),
        sa.Column("scenario", sa.String(120), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("track", sa.String(10), nullable=False),
        sa.Column("article", sa.Text, nullable=False),
        sa.Column("answer_type", sa.String(10), nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("expected", sa.Text),
        sa.Column("correct", sa.Boolean, nullable=False),
        sa.Column("slip_kind", sa.String(40)),
        sa.Column("slip", sa.Text),
        sa.Column("at", sa.String(32), nullable=False),
    )
    op.create_index("ix_training_attempts_trainee", "training_attempts", ["trainee"])
    op.create_index("ix_training_attempts_scenario", "training_attempts", ["scenario"])
    op.create_table(
        "partnership_meetings",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("forum", sa.String(60), nullable=False),
        sa.Column("held", sa.String(10), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        *_stamp("recorded"),
        sa.UniqueConstraint("forum", "held", name="uq_partnership_meetings_forum"),
    )
    op.create_table(
        "partnership_pdi",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("issue", sa.Text, nullable=False),
        sa.Column("information_given", sa.String(10), nullable=False),
        sa.Column("input_received", sa.String(10)),
        sa.Column("decision", sa.String(10)),
        sa.Column("decision_summary", sa.Text, nullable=False),
        sa.Column("forum", sa.Text),
        sa.Column("notes", sa.Text, nullable=False),
        *_stamp("recorded"),
        *_stamp("updated"),
    )
    op.create_table(
        "partnership_report_entries",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("category", sa.String(40), nullable=False),
        sa.Column("improvement", sa.Text, nullable=False),
        sa.Column("forum", sa.Text),
        sa.Column("date", sa.String(10)),
        sa.Column("measure", sa.Text),
        *_stamp("recorded"),
    )
    op.create_index("ix_partnership_report_entries_year", "partnership_report_entries", ["year"])
    op.create_table(
        "partnership_reports",
        sa.Column("year", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("parties", sa.Text, nullable=False),
        sa.Column("efforts", sa.Text, nullable=False),
        sa.Column("union_involvement", sa.Text, nullable=False),
        *_stamp("updated"),
    )


def downgrade() -> None:
    for name in ("partnership_reports", "partnership_report_entries", "partnership_pdi", "partnership_meetings",
                 "training_attempts"):
        op.drop_table(name)
