"""Routing and claims: which team has an initiative and which contact took it up.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("initiatives") as batch_op:
        batch_op.add_column(sa.Column("team", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("claimed_by", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("claimed_by_name", sa.String(length=255), nullable=True))
        batch_op.create_index("ix_initiatives_team_status", ["team", "status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("initiatives") as batch_op:
        batch_op.drop_index("ix_initiatives_team_status")
        batch_op.drop_column("claimed_by_name")
        batch_op.drop_column("claimed_by")
        batch_op.drop_column("team")
