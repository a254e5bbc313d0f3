"""A database that fails the core: away for a while, or refusing every write.

Away (no connection, a lock, a server restarting) passes by itself: the platform
delivers the event again, and meanwhile the resident hears that the answer takes
a moment. A database that answers but will not write (a read-only SQLite file or
folder, a PostgreSQL standby or read-only transaction) does not pass by waiting:
someone must put it right, and the resident hears that something is wrong.
"""

import sqlite3

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from bot.messages import CoreUnavailable
from bot.texts.i18n import translations

SQLITE_READONLY = 8  # the primary result code; its extended codes share the low byte
READ_ONLY_SQL_TRANSACTION = "25006"  # PostgreSQL's SQLSTATE


def _driver_error(error: BaseException) -> BaseException | None:
    """The database driver's own error: inside SQLAlchemy's, or raw where a statement
    went to the driver straight (SQLite's BEGIN, storage/db.py)."""
    if isinstance(error, DBAPIError):
        return error.orig
    return error if isinstance(error, sqlite3.Error) else None


def refuses_writes(error: BaseException) -> bool:
    """The database answered that it cannot be written."""
    driver = _driver_error(error)
    if isinstance(driver, sqlite3.Error):  # (an error of the module itself has no code)
        return getattr(driver, "sqlite_errorcode", 0) & 0xFF == SQLITE_READONLY
    return getattr(driver, "sqlstate", None) == READ_ONLY_SQL_TRANSACTION


def failed_the_core(error: BaseException) -> bool:
    """The database, not the event, failed: trying the event again on its own (or the
    events beside it) cannot help now."""
    away = (OperationalError, InterfaceError, sqlite3.OperationalError, sqlite3.InterfaceError)
    return isinstance(error, away) or refuses_writes(error)


class CannotWrite(CoreUnavailable):
    """The database answers, but will not write: the event is not confirmed, but
    waiting will not help; someone must put the database right."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"the database cannot be written ({reason})")
        self.reason = reason


def as_unavailable(error: Exception) -> Exception:
    """A database that failed the core, as the adapters know it: CoreUnavailable (the
    event is not confirmed); any other error as it is."""
    if refuses_writes(error):
        unavailable: CoreUnavailable = CannotWrite(reason(error))
    elif failed_the_core(error):
        unavailable = CoreUnavailable(f"the database did not answer ({type(error).__name__})")
    else:
        return error
    unavailable.__cause__ = error
    return unavailable


def reason(error: BaseException) -> str:
    """The database's own words, in one line; they name no resident (statement
    parameters are kept out of errors)."""
    words = str(_driver_error(error) or error).strip()
    return words.splitlines()[0] if words else type(error).__name__


def cannot_write(locale: str) -> str:
    _ = translations(locale).gettext
    return _(
        "Something is wrong on our side: I cannot take your message now. The people "
        "who run this bot have been told."
    )
