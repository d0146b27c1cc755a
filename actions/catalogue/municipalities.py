"""The 357 Norwegian municipalities from 1 January 2024, read from data/municipalities.yml.

Shipped with the repository; nothing is fetched at run time. The file header names the source.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
MUNICIPALITIES_FILE = REPO_ROOT / "data" / "municipalities.yml"
EXPECTED_COUNT = 357
NUMBER_RE = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class MunicipalityInfo:
    number: str  # kommunenummer, 4 digits
    name: str  # Norwegian short name ("Kautokeino", "Herøy")
    county: str  # fylke (2024)
    official_name: str  # as SSB writes it ("Guovdageaidnu - Kautokeino", "Herøy (Nordland)")
    aliases: tuple[str, ...] = ()  # other official names (Sámi, Kven) accepted in look-ups

    @property
    def all_names(self) -> tuple[str, ...]:
        names = [self.name, self.official_name, *self.aliases]
        return tuple(dict.fromkeys(names))


class MunicipalityDataError(ValueError):
    pass


def load_municipalities(path: Path = MUNICIPALITIES_FILE) -> tuple[MunicipalityInfo, ...]:
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    rows = data.get("municipalities") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise MunicipalityDataError(f"{path}: expected a 'municipalities' list")
    out: list[MunicipalityInfo] = []
    for i, row in enumerate(rows):
        number = str(row.get("number", ""))
        if not NUMBER_RE.match(number) or not row.get("name") or not row.get("county"):
            raise MunicipalityDataError(f"{path}: entry {i} is incomplete: {row!r}")
        out.append(MunicipalityInfo(number, row["name"], row["county"],
                                    row.get("official_name") or row["name"],
                                    tuple(row.get("aliases") or ())))
    if len({m.number for m in out}) != len(out):
        raise MunicipalityDataError(f"{path}: duplicate municipality numbers")
    return tuple(out)


@lru_cache(maxsize=1)
def municipalities() -> tuple[MunicipalityInfo, ...]:
    """All municipalities (cached)."""
    return load_municipalities()


@lru_cache(maxsize=1)
def by_number() -> dict[str, MunicipalityInfo]:
    return {m.number: m for m in municipalities()}


def get(number: str | int) -> MunicipalityInfo | None:
    """The municipality with this number ("301", 301 and "0301" all give Oslo), or None."""
    text = str(number).strip()
    return by_number().get(text.zfill(4) if text.isdigit() else text)
