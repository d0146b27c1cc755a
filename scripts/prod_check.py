"""Check what the production profile needs before it starts, and create the database if missing.

PostgreSQL at TRACKER_DB_URL (the database is created when the server is reachable but the database
is not there yet) and Redis at REDIS_HOST:REDIS_PORT. Exits 1 with a clear message otherwise.
"""
from __future__ import annotations

import os
import sys

from sqlalchemy.engine import make_url


def check_postgres(url_text: str) -> str | None:
    import psycopg2

    url = make_url(url_text)
    if not url.drivername.startswith("postgresql"):
        return f"TRACKER_DB_URL must be a PostgreSQL URL for REPLICAS (got {url.drivername})"
    params = dict(host=url.host or "127.0.0.1", port=url.port or 5432, user=url.username or "postgres",
                  password=url.password, connect_timeout=5)
    try:
        psycopg2.connect(dbname=url.database, **params).close()
        return None
    except psycopg2.OperationalError as e:
        if "does not exist" not in str(e):
            return f"PostgreSQL is not reachable at {url.host}:{url.port or 5432}: {str(e).strip()}"
    conn = psycopg2.connect(dbname="postgres", **params)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{url.database}"')
    conn.close()
    print(f"Created the PostgreSQL database {url.database}.")
    return None


def check_redis(host: str, port: int) -> str | None:
    import redis

    try:
        redis.Redis(host=host, port=port, socket_connect_timeout=5).ping()
        return None
    except redis.RedisError as e:
        return f"Redis is not reachable at {host}:{port}: {e}"


def main() -> int:
    problems = [p for p in (check_postgres(os.environ["TRACKER_DB_URL"]),
                            check_redis(os.environ.get("REDIS_HOST", "127.0.0.1"),
                                        int(os.environ.get("REDIS_PORT", "6379")))) if p]
    for p in problems:
        print(f"ERROR: {p}", file=sys.stderr)
    if problems:
        print("The production profile (REPLICAS=N) needs PostgreSQL and Redis; see deploy/README.md.",
              file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
