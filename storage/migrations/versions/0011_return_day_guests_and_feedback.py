"""Answers to return days hold the guests someone brings, and how the day was.

A typed "ik kom met z'n tweeën" or "+1" brings a guest, whom the organiser counts;
the answers given before brought none. After the day, those who came answer "hoe
was het?": empty until they do.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("return_day_answers") as table:
        table.add_column(sa.Column("guests", sa.Integer(), nullable=False, server_default="0"))
        table.add_column(sa.Column("feedback", sa.String(length=8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("return_day_answers") as table:
        table.drop_column("feedback")
        table.drop_column("guests")
