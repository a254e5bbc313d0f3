"""The terms of each initiative's words, for finding similar initiatives.

`similar_terms` holds, per initiative, the stems and word families of its title and
description (`bot.alike.terms`), filed by area, with their weight; `similar_counts`
how many initiatives of each area have each term. The initiatives handed in before
are filed at the next start (`bot.alike.filing`).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "similar_terms",
        sa.Column("term", sa.String(64), primary_key=True),
        sa.Column("area", sa.String(64), primary_key=True),
        sa.Column("initiative_id", sa.Integer(), sa.ForeignKey("initiatives.id"), primary_key=True),
        sa.Column("weight", sa.Float(), nullable=False),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_similar_terms_initiative_id", "similar_terms", ["initiative_id"])
    op.create_table(
        "similar_counts",
        sa.Column("term", sa.String(64), primary_key=True),
        sa.Column("area", sa.String(64), primary_key=True),
        sa.Column("initiatives", sa.Integer(), nullable=False),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("similar_counts")
    op.drop_index("ix_similar_terms_initiative_id", "similar_terms")
    op.drop_table("similar_terms")
