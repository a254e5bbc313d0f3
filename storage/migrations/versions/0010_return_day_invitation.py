"""Return days say what they are: a purpose and a programme, for the invitation.

Both are texts by language, as JSON, and empty for the days planned before: their
invitation says what a return day is in general words.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("return_days") as table:
        table.add_column(sa.Column("purpose", sa.JSON(), nullable=True))
        table.add_column(sa.Column("programme", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("return_days") as table:
        table.drop_column("programme")
        table.drop_column("purpose")
