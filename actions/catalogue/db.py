"""Database connection for the offer catalogue.

The URL comes from ``FAMILIEVEILEDER_DB_URL`` (e.g. ``postgresql://user@host/db`` in production);
the default is a SQLite file ``<repo>/var/catalogue.db``. Engines use the 2.0-style API
(``future=True``) on SQLAlchemy 1.4.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from sqlalchemy import event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.future import create_engine
from sqlalchemy.orm import Session, sessionmaker

from .models import Base

ENV_DB_URL = "FAMILIEVEILEDER_DB_URL"
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SQLITE_PATH = REPO_ROOT / "var" / "catalogue.db"
SCHEMA_RE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def default_url() -> str:
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"


def database_url(url: str | None = None) -> str:
    """The explicit ``url``, else ``$FAMILIEVEILEDER_DB_URL``, else the default SQLite file."""
    return url or os.environ.get(ENV_DB_URL) or default_url()


def _sqlite_foreign_keys(dbapi_connection, _record) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def make_engine(url: str | None = None, *, schema: str | None = None, echo: bool = False) -> Engine:
    """Create an engine. For SQLite files the parent folder is created and foreign keys are on.

    ``schema`` (PostgreSQL only) puts the tables in that schema via ``search_path``; it is created
    if missing. Tests use it to stay apart from other data in the same database.
    """
    resolved = make_url(database_url(url))
    kwargs: dict = {"echo": echo, "pool_pre_ping": True}
    if resolved.get_backend_name() == "sqlite":
        if resolved.database and resolved.database != ":memory:":
            Path(resolved.database).parent.mkdir(parents=True, exist_ok=True)
    elif schema is not None:
        if not SCHEMA_RE.match(schema):
            raise ValueError(f"unsafe schema name: {schema!r}")
        kwargs["connect_args"] = {"options": f"-csearch_path={schema}"}
    engine = create_engine(resolved, **kwargs)
    if resolved.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_foreign_keys)
    elif schema is not None:
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
    return engine


def create_tables(engine: Engine) -> None:
    Base.metadata.create_all(engine)


def session_factory(engine: Engine) -> sessionmaker:
    return sessionmaker(bind=engine, future=True, expire_on_commit=False)


def new_session(engine: Engine) -> Session:
    return session_factory(engine)()
