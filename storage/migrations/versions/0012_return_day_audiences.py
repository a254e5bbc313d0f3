"""Return days for named people, with a sign-up link and a limit on places.

A day may invite people by name (a masterclass's participants, listed in the config
or by a coordinator) and whoever signs up through its link; they are kept per day
in `return_day_people`. `capacity` limits the places (None: no limit, as for the
days planned before); `signup_code` is the code of the day's sign-up link (None:
closed, as before).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("return_days") as table:
        table.add_column(sa.Column("capacity", sa.Integer(), nullable=True))
        table.add_column(sa.Column("signup_code", sa.String(16), nullable=True))
        table.create_unique_constraint("uq_return_days_signup_code", ["signup_code"])
    op.create_table(
        "return_day_people",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("return_day_id", sa.Integer(), sa.ForeignKey("return_days.id"), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("chat_id", sa.String(255), nullable=False),
        sa.Column("sender_id", sa.String(255), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("locale", sa.String(8), nullable=False),
        sa.Column("source", sa.String(8), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("return_day_id", "channel", "sender_id"),
    )
    op.create_index("ix_return_day_people_return_day_id", "return_day_people", ["return_day_id"])


def downgrade() -> None:
    op.drop_index("ix_return_day_people_return_day_id", "return_day_people")
    op.drop_table("return_day_people")
    with op.batch_alter_table("return_days") as table:
        table.drop_constraint("uq_return_days_signup_code", type_="unique")
        table.drop_column("signup_code")
        table.drop_column("capacity")
