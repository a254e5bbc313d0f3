"""Retention and erasure: when personal data went or was announced to go, and the
deletion log.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("initiatives") as table:
        table.add_column(sa.Column("erased_at", sa.DateTime(timezone=True), nullable=True))
        table.add_column(sa.Column("erasure_warned_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("conversations") as table:
        table.add_column(sa.Column("erasure_warned_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "deletion_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cause", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("deletion_log")
    with op.batch_alter_table("conversations") as table:
        table.drop_column("erasure_warned_at")
    with op.batch_alter_table("initiatives") as table:
        table.drop_column("erasure_warned_at")
        table.drop_column("erased_at")
