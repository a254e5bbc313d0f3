"""The databases the bot can use, and their URLs as people write them.

SQLite and PostgreSQL only; PostgreSQL through psycopg 3, the driver the project ships
(SQLAlchemy would take psycopg2 for a bare `postgresql://`, which is not installed), so
`postgres://` (as hosting platforms hand it out) and `postgresql://` are given that
driver. The config package stands below the database library: the check reads the URL as a
URL; `bot.cli.loading` then has SQLAlchemy read it too.
"""

import re
from urllib.parse import urlsplit

# A database URL as SQLAlchemy reads them: dialect[+driver]://…
DATABASE_URL = re.compile(r"^[A-Za-z][A-Za-z0-9_]*(\+[A-Za-z0-9_]+)?://")
# The schemes people write, and the dialect and driver SQLAlchemy is to use for each.
POSTGRESQL = "postgresql+psycopg"
DATABASE_SCHEMES = {
    "sqlite": "sqlite",
    "sqlite+pysqlite": "sqlite+pysqlite",
    "postgres": POSTGRESQL,
    "postgresql": POSTGRESQL,
    POSTGRESQL: POSTGRESQL,
}


def usable_database_url(url: str) -> str:
    """`url` as SQLAlchemy is to read it (`postgres://` and `postgresql://` with the driver
    we ship); a ValueError says what is wrong with it without repeating it, for a URL
    may hold a password."""
    example = "such as 'sqlite:///data/bot.sqlite3' or 'postgresql://bot@db.gemeente.nl/bot'"
    if not DATABASE_URL.match(url):
        raise ValueError(f"is not a database URL {example}")
    scheme, _, rest = url.partition("://")
    if scheme.lower() not in DATABASE_SCHEMES:
        raise ValueError(f"names a database this bot cannot use ({scheme}://); give one {example}")
    usable = f"{DATABASE_SCHEMES[scheme.lower()]}://{rest}"
    try:
        parts = urlsplit(usable)
        parts.port  # noqa: B018 -- reading it checks it
    except ValueError:
        raise ValueError("has a server address or port that cannot be read") from None
    if parts.netloc.endswith(":"):
        raise ValueError("has a ':' without a port number after the server name")
    if usable.startswith("sqlite") and parts.netloc:
        raise ValueError(
            "an SQLite URL names no server: three slashes, then the file, "
            "such as 'sqlite:///data/bot.sqlite3'"
        )
    return usable
