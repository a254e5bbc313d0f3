"""Initiatives done that residents may learn from: `examples`, one per initiative, with
the story its contact wrote and its initiator's answer.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "examples",
        sa.Column("initiative_id", sa.Integer(), sa.ForeignKey("initiatives.id"), primary_key=True),
        sa.Column("story", sa.Text(), nullable=False),
        sa.Column("marked_by", sa.String(255), nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True)),
    )


def downgrade() -> None:
    op.drop_table("examples")
