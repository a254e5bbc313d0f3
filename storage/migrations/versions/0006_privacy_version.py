"""The version of the privacy statement each consent was given to.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("initiatives") as batch_op:
        # Consents from before were not stored with a version: left empty.
        batch_op.add_column(sa.Column("privacy_version", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("initiatives") as batch_op:
        batch_op.drop_column("privacy_version")
