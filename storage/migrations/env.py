"""Alembic environment: migrations run on the engine the application hands over."""

from alembic import context

from storage.models import Base

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    if connection.dialect.name == "postgresql":
        # Rewriting a large table may take minutes: the timeout meant for the bot's own
        # statements (storage.db.STATEMENT_TIMEOUT_MS) does not hold a migration.
        connection.exec_driver_sql("SET LOCAL statement_timeout = 0")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite can only alter tables by copying them
    )
    context.run_migrations()
