"""The follow-ups' jobs are planned again: the function they name moved.

Each row of the job store names the function APScheduler runs for it. That
function moved (bot.scheduler:run_follow_up became
bot.schedule.scheduler:follow_up_due), and APScheduler drops a row whose
function it cannot find. The trail is the truth and the job store only its
alarm clocks: the next start plans every job again from the trail, those
missed while the bot was down included, so the old rows can simply go.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(sa.text("DELETE FROM apscheduler_jobs"))


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM apscheduler_jobs"))
