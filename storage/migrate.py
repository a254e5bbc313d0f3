"""Running the Alembic migrations shipped in `storage/migrations`."""

from importlib.resources import files

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(files("storage").joinpath("migrations")))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision; does nothing when it is there."""
    command.upgrade(alembic_config(engine), "head")
