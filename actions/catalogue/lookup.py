"""List a municipality's offers (SQLAlchemy), and find a municipality from what a user typed.

``find_municipality`` runs the pure matcher (actions.lang.municipality_names) over the 357
municipalities; the name matching itself lives there, without a database.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.engine import Engine

from actions.rules.intro_programme import OfferKind

from actions.lang.municipality_names import (  # noqa: F401 (re-exported for the importer and tests)
    Candidate,
    MatchStatus,
    MunicipalityMatch,
    MunicipalityMatcher,
    fold,
)

from .municipalities import by_number, municipalities  # noqa: F401 (by_number re-exported)


@lru_cache(maxsize=1)
def _matcher() -> MunicipalityMatcher:
    return MunicipalityMatcher(municipalities())


def find_municipality(text: str) -> MunicipalityMatch:
    """Resolve free text to one of the 357 municipalities (see actions.lang.municipality_names)."""
    return _matcher().find(text)


# --- offers ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class OfferView:
    """A catalogue offer detached from the database session."""

    municipality_number: str
    municipality_name: str
    key: str
    offer_type: OfferKind
    name: str
    place: str
    when: str
    language_support: tuple[str, ...]
    childcare: bool
    contact: str
    counts_in_nir: bool
    description: str | None
    url: str | None
    example_data: bool


_default_engine: Engine | None = None


def _engine(engine: Engine | None) -> Engine:
    global _default_engine
    if engine is not None:
        return engine
    if _default_engine is None:
        from .db import create_tables, make_engine
        _default_engine = make_engine()
        create_tables(_default_engine)
    return _default_engine


def offers_for(municipality_number: str, engine: Engine | None = None,
               kinds: tuple[OfferKind, ...] | None = None) -> tuple[OfferView, ...]:
    """The catalogue's offers in one municipality, ordered by kind and name (empty when none).
    ``kinds`` filters by offer kind. Uses ``FAMILIEVEILEDER_DB_URL`` when no engine is given."""
    from sqlalchemy.orm import Session

    from .models import Municipality, Offer

    number = str(municipality_number).strip()
    if number.isdigit():
        number = number.zfill(4)
    stmt = (select(Offer, Municipality.name)
            .join(Municipality, Offer.municipality_number == Municipality.number)
            .where(Offer.municipality_number == number))
    if kinds:
        stmt = stmt.where(Offer.offer_type.in_(list(kinds)))
    order = {k: i for i, k in enumerate(OfferKind)}
    with Session(_engine(engine), future=True) as session:
        rows = session.execute(stmt).all()
        views = [OfferView(o.municipality_number, mname, o.key, o.offer_type, o.name, o.place, o.when,
                           tuple(o.language_support or ()), o.childcare, o.contact, o.counts_in_nir,
                           o.description, o.url, o.example_data) for o, mname in rows]
    return tuple(sorted(views, key=lambda v: (order[v.offer_type], v.name.casefold(), v.key)))
