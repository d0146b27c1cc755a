"""Tables of the local offer catalogue.

``Offer.offer_type`` is `actions.rules.intro_programme.OfferKind`, stored as its code (a VARCHAR with
a CHECK constraint, not a native PostgreSQL enum, so schema changes stay simple).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (JSON, Boolean, CheckConstraint, Column, DateTime, Enum, ForeignKey, Integer,
                        String, Text, UniqueConstraint, func)
from sqlalchemy.orm import Mapped, declarative_base, relationship

from actions.rules.intro_programme import OfferKind

Base = declarative_base()

# Field lengths; the importer validates against the same numbers.
LEN_KEY = 64
LEN_NAME = 120
LEN_PLACE = 200
LEN_WHEN = 200
LEN_CONTACT = 200
LEN_URL = 300
LEN_DESCRIPTION = 1000
LEN_LANGUAGE = 40
LEN_SOURCE = 200


class Municipality(Base):
    """Kommune. Filled from data/municipalities.yml by the importer."""

    __tablename__ = "municipality"

    number: Mapped[str] = Column(String(4), primary_key=True)  # kommunenummer
    name: Mapped[str] = Column(String(100), nullable=False)
    county: Mapped[str] = Column(String(100), nullable=False)
    official_name: Mapped[str] = Column(String(150), nullable=False)

    offers: Mapped[list["Offer"]] = relationship(
        "Offer", back_populates="municipality", cascade="all, delete-orphan",
        order_by="Offer.key")

    def __repr__(self) -> str:
        return f"Municipality({self.number!r}, {self.name!r})"


class Offer(Base):
    """Et lokalt tilbud i omsorgspermisjonen (norskopplæring, norsktrening, møteplass ...)."""

    __tablename__ = "offer"
    __table_args__ = (
        UniqueConstraint("municipality_number", "key", name="uq_offer_municipality_key"),
        CheckConstraint("NOT (counts_in_nir AND offer_type <> 'norskopplaering')",
                        name="ck_offer_nir_only_tuition"),
    )

    id: Mapped[int] = Column(Integer, primary_key=True, autoincrement=True)
    municipality_number: Mapped[str] = Column(
        String(4), ForeignKey("municipality.number", ondelete="CASCADE"), nullable=False, index=True)
    key: Mapped[str] = Column(String(LEN_KEY), nullable=False)  # stable slug from the YAML file
    offer_type: Mapped[OfferKind] = Column(
        Enum(OfferKind, name="offer_kind", native_enum=False, create_constraint=True,
             values_callable=lambda kinds: [k.value for k in kinds], length=32,
             validate_strings=True),
        nullable=False)
    name: Mapped[str] = Column(String(LEN_NAME), nullable=False)
    place: Mapped[str] = Column(String(LEN_PLACE), nullable=False)
    when: Mapped[str] = Column("schedule", String(LEN_WHEN), nullable=False)  # "when" is SQL
    language_support: Mapped[list] = Column(JSON, nullable=False, default=list)  # e.g. ["arabisk"]
    childcare: Mapped[bool] = Column(Boolean, nullable=False)  # barnepass parallelt
    contact: Mapped[str] = Column(String(LEN_CONTACT), nullable=False)
    counts_in_nir: Mapped[bool] = Column(Boolean, nullable=False, default=False)
    description: Mapped[str | None] = Column(Text, nullable=True)
    url: Mapped[str | None] = Column(String(LEN_URL), nullable=True)
    example_data: Mapped[bool] = Column(Boolean, nullable=False, default=False)  # eksempeldata
    source_file: Mapped[str] = Column(String(LEN_SOURCE), nullable=False)
    imported_at: Mapped[datetime] = Column(DateTime, nullable=False, server_default=func.now())

    municipality: Mapped[Municipality] = relationship("Municipality", back_populates="offers")

    def __repr__(self) -> str:
        return f"Offer({self.municipality_number!r}, {self.key!r}, {self.offer_type.value!r})"
