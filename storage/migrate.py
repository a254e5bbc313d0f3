"""Running the Alembic migrations shipped in `storage/migrations`.

Alembic, with the template and highlighting libraries it brings, takes some 10 MB
of memory for the life of the process. So a start whose schema is already the
newest looks at the schema's version itself and never loads Alembic; only a schema
that is behind (or new) is brought up to date by it.
"""

from importlib.resources import files
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

# The newest migration's revision; tests/storage/test_schema.py holds it to Alembic's.
HEAD = "0015"
# Where Alembic keeps the revision a schema is at.
VERSION_TABLE = "alembic_version"


def alembic_config(engine: Engine) -> "Config":
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(files("storage").joinpath("migrations")))
    config.attributes["engine"] = engine
    return config


def current_revision(engine: Engine) -> str | None:
    """The revision the schema is at; None for a database without one."""
    with engine.connect() as connection:
        if not inspect(connection).has_table(VERSION_TABLE):
            return None
        found: str | None = connection.execute(
            text(f"SELECT version_num FROM {VERSION_TABLE}")
        ).scalar()
        return found


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision; does nothing when it is there."""
    if current_revision(engine) == HEAD:
        return
    from alembic import command

    command.upgrade(alembic_config(engine), "head")
