"""Validate and import the local offer catalogue from YAML files.

Usage::

    python -m actions.catalogue.importer data/catalogue/*.yml [--db URL] [--replace] [--check]

* Every file is validated in full first (schema, known municipality number, known offer types,
  required fields, lengths). Errors name the file, the entry and the field; all are reported.
* All files are imported in ONE transaction: on any error nothing is written.
* Re-importing is idempotent: a file replaces all offers of its municipality.
* ``--replace`` replaces the whole catalogue: offers of municipalities not in the given files are
  deleted too.
* ``--check`` validates only.

File format (one municipality per file)::

    municipality: "3301"          # kommunenummer (required)
    municipality_name: Drammen    # optional; must match the number
    example_data: true            # optional; eksempeldata, not real offers
    offers:
      - id: drammen-norsk-med-barnepass   # slug, unique in the file
        type: norskopplaering             # an OfferKind code or its Norwegian term
        name: ...
        place: ...
        when: ...
        contact: ...
        childcare: true                   # barnepass parallelt
        language_support: [arabisk]       # optional
        counts_in_nir: true               # optional; only norskopplæring can count in NIR
        description: ...                  # optional
        url: https://...                  # optional
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

import yaml
from sqlalchemy import delete, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from actions.rules.intro_programme import OfferKind

from . import models as m
from .db import create_tables, database_url, make_engine
from .lookup import fold
from .municipalities import NUMBER_RE, MunicipalityInfo, by_number, municipalities

MAX_OFFERS_PER_FILE = 200
MAX_LANGUAGES = 20
KEY_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-")

TOP_KEYS = {"municipality", "municipality_name", "example_data", "offers"}
# field -> (required, min length, max length) for text fields
TEXT_FIELDS: dict[str, tuple[bool, int, int]] = {
    "name": (True, 3, m.LEN_NAME),
    "place": (True, 2, m.LEN_PLACE),
    "when": (True, 2, m.LEN_WHEN),
    "contact": (True, 3, m.LEN_CONTACT),
    "description": (False, 1, m.LEN_DESCRIPTION),
    "url": (False, 10, m.LEN_URL),
}
OFFER_KEYS = {"id", "type", "childcare", "language_support", "counts_in_nir", *TEXT_FIELDS}
MULTILINE_OK = {"description"}


@dataclass(frozen=True)
class Issue:
    """One validation error: which file, which entry (offer), which field, what is wrong."""

    file: str
    message: str
    entry: str | None = None  # e.g. "tilbud nr. 2 (drammen-barselgruppe)"
    field: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.entry:
            where.append(self.entry)
        if self.field:
            where.append(f"felt «{self.field}»")
        return f"{': '.join(where)}: {self.message}"


class CatalogueValidationError(Exception):
    def __init__(self, issues: Sequence[Issue]):
        self.issues = tuple(issues)
        lines = "\n".join(f"  - {i}" for i in self.issues)
        super().__init__(f"{len(self.issues)} feil i katalogfilene; ingenting ble importert:\n{lines}")


@dataclass(frozen=True)
class OfferData:
    key: str
    offer_type: OfferKind
    name: str
    place: str
    when: str
    contact: str
    childcare: bool
    language_support: tuple[str, ...] = ()
    counts_in_nir: bool = False
    description: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class CatalogueFile:
    path: str
    municipality: MunicipalityInfo
    example_data: bool
    offers: tuple[OfferData, ...]


@dataclass(frozen=True)
class ImportSummary:
    files: int
    municipalities: tuple[str, ...]  # numbers imported
    offers: int
    deleted: int  # offers removed before inserting (replaced)
    db_url: str = field(default="", compare=False)


# --- validation -----------------------------------------------------------------------------------
def _entry_label(index: int, raw: Any) -> str:
    label = f"tilbud nr. {index + 1}"
    if isinstance(raw, dict) and isinstance(raw.get("id"), str) and raw["id"].strip():
        label += f" ({raw['id'].strip()})"
    return label


def _validate_offer(path: str, index: int, raw: Any, issues: list[Issue]) -> OfferData | None:
    entry = _entry_label(index, raw)
    start = len(issues)

    def bad(fld: str | None, msg: str) -> None:
        issues.append(Issue(path, msg, entry, fld))

    if not isinstance(raw, dict):
        bad(None, "hvert tilbud må være en tabell (nøkkel: verdi)")
        return None
    for extra in sorted(set(map(str, raw)) - OFFER_KEYS):
        bad(extra, f"ukjent felt (tillatte felt: {', '.join(sorted(OFFER_KEYS))})")

    key = raw.get("id")
    if key is None:
        bad("id", "mangler (påkrevd)")
    elif not isinstance(key, str):
        bad("id", "må være tekst")
    else:
        key = key.strip()
        if not 2 <= len(key) <= m.LEN_KEY or not set(key) <= KEY_CHARS or key[0] == "-":
            bad("id", f"må være 2-{m.LEN_KEY} tegn med bare a-z, 0-9 og bindestrek")

    kind = None
    raw_type = raw.get("type")
    if raw_type is None:
        bad("type", "mangler (påkrevd)")
    else:
        try:
            kind = OfferKind.parse(str(raw_type))
        except ValueError:
            bad("type", f"ukjent tilbudstype {raw_type!r} (kjente: "
                        f"{', '.join(k.value for k in OfferKind)})")

    texts: dict[str, str | None] = {}
    for fld, (required, lo, hi) in TEXT_FIELDS.items():
        value = raw.get(fld)
        if value is None:
            if required:
                bad(fld, "mangler (påkrevd)")
            texts[fld] = None
            continue
        if not isinstance(value, str):
            bad(fld, "må være tekst")
            continue
        value = value.strip()
        if not lo <= len(value) <= hi:
            bad(fld, f"lengden må være {lo}-{hi} tegn (er {len(value)})")
        if fld not in MULTILINE_OK and "\n" in value:
            bad(fld, "må stå på én linje")
        texts[fld] = value
    if texts.get("url") and not texts["url"].startswith("https://"):
        bad("url", "må begynne med https://")

    childcare = raw.get("childcare")
    if childcare is None:
        bad("childcare", "mangler (påkrevd): true eller false")
    elif not isinstance(childcare, bool):
        bad("childcare", "må være true eller false")

    nir = raw.get("counts_in_nir")
    if nir is not None and not isinstance(nir, bool):
        bad("counts_in_nir", "må være true eller false")
        nir = None
    if nir and kind is not None and not kind.counts_in_nir:
        bad("counts_in_nir", f"bare norskopplæring kan gi tellende timer i NIR, ikke «{kind.term}»")

    langs = raw.get("language_support", [])
    languages: list[str] = []
    if langs is None:
        langs = []
    if not isinstance(langs, list):
        bad("language_support", "må være en liste med språk, f.eks. [arabisk, tigrinja]")
    else:
        if len(langs) > MAX_LANGUAGES:
            bad("language_support", f"høyst {MAX_LANGUAGES} språk")
        for lang in langs:
            if not isinstance(lang, str) or not 2 <= len(lang.strip()) <= m.LEN_LANGUAGE:
                bad("language_support", f"hvert språk må være tekst på 2-{m.LEN_LANGUAGE} tegn: {lang!r}")
            else:
                languages.append(lang.strip())

    if len(issues) > start:
        return None
    return OfferData(key, kind, texts["name"], texts["place"], texts["when"], texts["contact"],
                     childcare, tuple(languages), bool(nir), texts["description"], texts["url"])


def _validate_municipality(path: str, data: dict, issues: list[Issue]) -> MunicipalityInfo | None:
    number = data.get("municipality")
    if number is None:
        issues.append(Issue(path, "mangler (påkrevd): kommunenummer med fire sifre", field="municipality"))
        return None
    if isinstance(number, int) and not isinstance(number, bool):
        number = str(number).zfill(4)
    if not isinstance(number, str) or not NUMBER_RE.match(number.strip()):
        issues.append(Issue(path, f"må være et kommunenummer med fire sifre, f.eks. \"3301\": {number!r}",
                            field="municipality"))
        return None
    info = by_number().get(number.strip())
    if info is None:
        issues.append(Issue(path, f"ukjent kommunenummer {number} (ikke blant de 357 kommunene fra 2024)",
                            field="municipality"))
        return None
    name = data.get("municipality_name")
    if name is not None:
        if not isinstance(name, str) or fold(name) not in {fold(n) for n in info.all_names}:
            issues.append(Issue(path, f"{name!r} passer ikke med kommunenummer {info.number} "
                                      f"({info.name})", field="municipality_name"))
    return info


def validate_data(path: str, data: Any) -> tuple[CatalogueFile | None, list[Issue]]:
    """Validate one parsed YAML document. Returns the file (or None) and its issues."""
    issues: list[Issue] = []
    if not isinstance(data, dict):
        issues.append(Issue(path, "filen må være en tabell med «municipality» og «offers»"))
        return None, issues
    for extra in sorted(set(map(str, data)) - TOP_KEYS):
        issues.append(Issue(path, f"ukjent felt (tillatte felt: {', '.join(sorted(TOP_KEYS))})",
                            field=extra))
    info = _validate_municipality(path, data, issues)
    example = data.get("example_data", False)
    if not isinstance(example, bool):
        issues.append(Issue(path, "må være true eller false", field="example_data"))
    offers_raw = data.get("offers")
    offers: list[OfferData] = []
    if offers_raw is None:
        issues.append(Issue(path, "mangler (påkrevd): liste med tilbud", field="offers"))
    elif not isinstance(offers_raw, list):
        issues.append(Issue(path, "må være en liste med tilbud", field="offers"))
    elif not 1 <= len(offers_raw) <= MAX_OFFERS_PER_FILE:
        issues.append(Issue(path, f"må ha 1-{MAX_OFFERS_PER_FILE} tilbud (har {len(offers_raw)})",
                            field="offers"))
    else:
        seen: dict[str, int] = {}
        for i, raw in enumerate(offers_raw):
            offer = _validate_offer(path, i, raw, issues)
            if offer is None:
                continue
            if offer.key in seen:
                issues.append(Issue(path, f"samme id som tilbud nr. {seen[offer.key] + 1}",
                                    _entry_label(i, raw), "id"))
                continue
            seen[offer.key] = i
            offers.append(offer)
    if issues or info is None:
        return None, issues
    return CatalogueFile(path, info, bool(example), tuple(offers)), issues


def load_file(path: Path) -> tuple[CatalogueFile | None, list[Issue]]:
    label = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Issue(label, "filen finnes ikke")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Issue(label, f"kan ikke leses som UTF-8: {exc}")]
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (linje {mark.line + 1}, kolonne {mark.column + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        return None, [Issue(label, f"ugyldig YAML{where}: {problem}")]
    return validate_data(label, data)


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; a directory stands for its *.yml and *.yaml files."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted([*p.glob("*.yml"), *p.glob("*.yaml")]))
        else:
            out.append(p)
    return out


def validate_files(paths: Iterable[str | Path]) -> list[CatalogueFile]:
    """Validate all files; raise `CatalogueValidationError` listing every issue."""
    files: list[CatalogueFile] = []
    issues: list[Issue] = []
    owner: dict[str, str] = {}
    expanded = expand_paths(paths)
    if not expanded:
        raise CatalogueValidationError([Issue("(ingen filer)", "fant ingen katalogfiler å importere")])
    for path in expanded:
        cat, found = load_file(path)
        issues.extend(found)
        if cat is None:
            continue
        number = cat.municipality.number
        if number in owner:
            issues.append(Issue(cat.path, f"kommune {number} ({cat.municipality.name}) finnes også i "
                                          f"{owner[number]}; bruk én fil per kommune",
                                field="municipality"))
            continue
        owner[number] = cat.path
        files.append(cat)
    if issues:
        raise CatalogueValidationError(issues)
    return files


# --- import ---------------------------------------------------------------------------------------
def sync_municipalities(session: Session) -> int:
    """Make the municipality table match data/municipalities.yml (insert or update). Rows for
    numbers no longer in the list are kept (offers may point at them); returns rows changed."""
    existing = {row.number: row for row in session.execute(select(m.Municipality)).scalars()}
    changed = 0
    for info in municipalities():
        row = existing.get(info.number)
        if row is None:
            session.add(m.Municipality(number=info.number, name=info.name, county=info.county,
                                       official_name=info.official_name))
            changed += 1
        elif (row.name, row.county, row.official_name) != (info.name, info.county, info.official_name):
            row.name, row.county, row.official_name = info.name, info.county, info.official_name
            changed += 1
    session.flush()
    return changed


def _offer_rows(cat: CatalogueFile) -> list[m.Offer]:
    return [m.Offer(municipality_number=cat.municipality.number, key=o.key, offer_type=o.offer_type,
                    name=o.name, place=o.place, when=o.when, language_support=list(o.language_support),
                    childcare=o.childcare, contact=o.contact, counts_in_nir=o.counts_in_nir,
                    description=o.description, url=o.url, example_data=cat.example_data,
                    source_file=Path(cat.path).name[:m.LEN_SOURCE])
            for o in cat.offers]


def import_files(files: Sequence[CatalogueFile], engine: Engine, *, replace_all: bool = False
                 ) -> ImportSummary:
    """Write validated files in one transaction (all or nothing)."""
    create_tables(engine)
    deleted = 0
    with Session(engine, future=True) as session:
        with session.begin():
            sync_municipalities(session)
            if replace_all:
                deleted += session.execute(delete(m.Offer)).rowcount or 0
            for cat in files:
                if not replace_all:
                    deleted += session.execute(
                        delete(m.Offer).where(m.Offer.municipality_number == cat.municipality.number)
                    ).rowcount or 0
                session.add_all(_offer_rows(cat))
                session.flush()
    return ImportSummary(len(files), tuple(c.municipality.number for c in files),
                         sum(len(c.offers) for c in files), deleted,
                         engine.url.render_as_string(hide_password=True))


def import_catalogue(paths: Iterable[str | Path], engine: Engine | None = None, *,
                     replace_all: bool = False) -> ImportSummary:
    """Validate every file, then import them all in one transaction."""
    files = validate_files(paths)
    return import_files(files, engine or make_engine(), replace_all=replace_all)


def count_offers(engine: Engine) -> int:
    with Session(engine, future=True) as session:
        return session.execute(select(func.count()).select_from(m.Offer)).scalar_one()


# --- CLI ------------------------------------------------------------------------------------------
def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m actions.catalogue.importer",
        description="Valider og importer lokale tilbud (YAML) til tilbudskatalogen.")
    parser.add_argument("files", nargs="+", help="YAML-filer (eller mapper) med tilbud")
    parser.add_argument("--db", help="database-URL (ellers $FAMILIEVEILEDER_DB_URL eller SQLite i var/)")
    parser.add_argument("--replace", action="store_true",
                        help="erstatt hele katalogen (sletter tilbud i kommuner som ikke er med)")
    parser.add_argument("--check", action="store_true", help="bare valider, ikke importer")
    args = parser.parse_args(argv)
    try:
        files = validate_files(args.files)
    except CatalogueValidationError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    if args.check:
        print(f"OK: {len(files)} filer, {sum(len(f.offers) for f in files)} tilbud er gyldige.")
        return 0
    url = database_url(args.db)
    try:
        summary = import_files(files, make_engine(url), replace_all=args.replace)
    except Exception as exc:  # noqa: BLE001 - report any database error, nothing was committed
        print(f"Importen feilet, ingenting ble importert: {exc}", file=sys.stderr)
        return 1
    names = ", ".join(by_number()[n].name for n in summary.municipalities)
    print(f"Importerte {summary.offers} tilbud for {len(summary.municipalities)} kommuner ({names}); "
          f"erstattet {summary.deleted} tidligere tilbud.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
