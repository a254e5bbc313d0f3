"""Photos a resident sent with an initiative.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("initiatives") as batch_op:
        # Rows from before this revision had no way to send photos: an empty list.
        batch_op.add_column(
            sa.Column("photos", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )


def downgrade() -> None:
    with op.batch_alter_table("initiatives") as batch_op:
        batch_op.drop_column("photos")
