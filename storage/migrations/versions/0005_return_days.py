"""Return days (terugkomdagen) and the answers of those invited.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "return_days",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(64), nullable=True, unique=True),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("place", sa.String(255), nullable=False),
        sa.Column("audience", sa.JSON(), nullable=False),
        sa.Column("organiser", sa.String(255), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reminded", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "return_day_answers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("return_day_id", sa.Integer(), sa.ForeignKey("return_days.id"), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("chat_id", sa.String(255), nullable=False),
        sa.Column("sender_id", sa.String(255), nullable=False),
        sa.Column("answer", sa.String(8), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("return_day_id", "channel", "sender_id"),
    )
    op.create_index("ix_return_day_answers_return_day_id", "return_day_answers", ["return_day_id"])


def downgrade() -> None:
    op.drop_index("ix_return_day_answers_return_day_id", "return_day_answers")
    op.drop_table("return_day_answers")
    op.drop_table("return_days")
