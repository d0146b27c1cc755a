"""Anonymous answer feedback ("Var dette nyttig?"): a yes/no and the response name, nothing else.
Stored in the same database as the tracker store (TRACKER_DB_URL)."""
from __future__ import annotations

import time
from functools import lru_cache

from sqlalchemy import Boolean, Column, Float, Integer, String, create_engine, insert
from sqlalchemy.orm import declarative_base

from .tracker_store import default_db_url

Base = declarative_base()


class Feedback(Base):
    __tablename__ = "answer_feedback"
    id = Column(Integer, primary_key=True)
    created = Column(Float, nullable=False)
    helpful = Column(Boolean, nullable=False)
    topic = Column(String(60), nullable=True)


@lru_cache(maxsize=1)
def _engine():
    engine = create_engine(default_db_url(), future=True)
    Base.metadata.create_all(engine)
    return engine


def store_feedback(helpful: bool, topic: str | None) -> None:
    with _engine().begin() as conn:
        conn.execute(insert(Feedback).values(created=round(time.time(), -2), helpful=helpful, topic=topic))
