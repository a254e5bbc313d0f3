"""Residents put in touch with another initiative's initiator, or joining it.

`connections` holds each wish to meet or to join, while its initiator is asked, and
a yes to join for as long as the initiative is there (co-initiators).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "connections",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("initiative_id", sa.Integer(), sa.ForeignKey("initiatives.id"), nullable=False),
        sa.Column("asker_initiative_id", sa.Integer(), sa.ForeignKey("initiatives.id")),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("chat_id", sa.String(255), nullable=False),
        sa.Column("sender_id", sa.String(255), nullable=False),
        sa.Column("locale", sa.String(8), nullable=False),
        sa.Column("asker_name", sa.String(255)),
        sa.Column("asker_shares", sa.String(8), nullable=False),
        sa.Column("answer_shares", sa.String(8)),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_connections_initiative_id", "connections", ["initiative_id"])
    op.create_index("ix_connections_asker_initiative_id", "connections", ["asker_initiative_id"])
    op.create_index("ix_connections_sender_id", "connections", ["sender_id"])


def downgrade() -> None:
    op.drop_index("ix_connections_sender_id", "connections")
    op.drop_index("ix_connections_asker_initiative_id", "connections")
    op.drop_index("ix_connections_initiative_id", "connections")
    op.drop_table("connections")
