"""Dated parameter tables.

A law change is a data change: each value has a validity period and a legal reference, and a rule
asks the table for the value that was in force on a given date (for care days: 1 January of the
year asked about; for parental benefit: the date of birth or adoption). Modelled on
navikt/fp-stonadskonto's `Konfigurasjon.leggTilParameter(type, fom, tom, value)`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Hashable, Iterable

from .legal import LegalRef

FAR_FUTURE = date(9999, 12, 31)


class ParameterNotInForce(LookupError):
    """No version of the parameter covers the requested date (outside what the tool knows)."""

    def __init__(self, key: Hashable, on: date | None):
        when = on.isoformat() if isinstance(on, date) else f"{on!r} (not a date)"
        super().__init__(f"no value for {key!r} on {when}")
        self.key = key
        self.on = on


@dataclass(frozen=True)
class Parameter:
    key: Hashable
    value: Any
    valid_from: date
    valid_to: date  # inclusive
    ref: LegalRef

    def covers(self, on: date | None) -> bool:
        """Whether this version is in force on `on`; never for a missing date (None) or a
        non-date (comparing would raise TypeError); a datetime counts as its day."""
        on = _day(on)
        return on is not None and self.valid_from <= on <= self.valid_to


def _day(on: Any) -> date | None:
    if isinstance(on, datetime):
        return on.date()
    return on if isinstance(on, date) else None


@dataclass
class ParameterTable:
    """Versioned values keyed by (name, qualifiers...)."""

    name: str
    _rows: dict[Hashable, list[Parameter]] = field(default_factory=dict)

    def add(self, key: Hashable, value: Any, valid_from: date, valid_to: date | None,
            ref: LegalRef) -> "ParameterTable":
        rows = self._rows.setdefault(key, [])
        new = Parameter(key, value, valid_from, valid_to or FAR_FUTURE, ref)
        if new.valid_to < new.valid_from:
            raise ValueError(f"{self.name}: {key!r} ends before it starts")
        for old in rows:
            if old.valid_from <= new.valid_to and new.valid_from <= old.valid_to:
                raise ValueError(f"{self.name}: overlapping periods for {key!r}")
        rows.append(new)
        rows.sort(key=lambda p: p.valid_from)
        return self

    def get(self, key: Hashable, on: date | None) -> Parameter:
        """The version in force on `on`; ParameterNotInForce (a LookupError) when none is, also
        for a missing date (None), so callers that handle "not in force" never see a TypeError."""
        for row in self._rows.get(key, ()):
            if row.covers(on):
                return row
        raise ParameterNotInForce(key, on)

    def value(self, key: Hashable, on: date | None) -> Any:
        return self.get(key, on).value

    def keys(self) -> Iterable[Hashable]:
        return self._rows.keys()

    def versions(self, key: Hashable) -> list[Parameter]:
        return list(self._rows.get(key, ()))

    def starts(self, key: Hashable) -> list[date]:
        """The dates from which a new version of `key` applies, oldest first."""
        return [row.valid_from for row in self._rows.get(key, ())]

    def earliest(self) -> date:
        return min(r.valid_from for rows in self._rows.values() for r in rows)
