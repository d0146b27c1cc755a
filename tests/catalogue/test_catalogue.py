"""The local offer catalogue: municipality list, YAML validation, import (SQLite file and the real
PostgreSQL server), fuzzy municipality look-up.

PostgreSQL: 127.0.0.1:5432, trust auth, database ``test``, user ``postgres`` or ``root`` (or
``$FAMILIEVEILEDER_TEST_PG_URL``). Each test run uses its own schema and drops it afterwards.
When the server is unreachable the PostgreSQL tests FAIL if ``$CI`` is set (e.g. CI=true) and are
skipped with a reason only when ``$CI`` is unset.
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import uuid
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from actions.catalogue import db, importer, lookup
from actions.catalogue.importer import CatalogueValidationError
from actions.catalogue.lookup import MatchStatus, find_municipality, offers_for
from actions.catalogue.models import Municipality, Offer
from actions.catalogue.municipalities import EXPECTED_COUNT, by_number, load_municipalities
from actions.rules.intro_programme import OfferKind

REPO = Path(__file__).resolve().parents[2]
CATALOGUE_DIR = REPO / "data" / "catalogue"
EXAMPLE_FILES = sorted(CATALOGUE_DIR.glob("*.yml"))
PG_CANDIDATES = ("postgresql://postgres@127.0.0.1:5432/test", "postgresql://root@127.0.0.1:5432/test")


def _ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


# --- engines --------------------------------------------------------------------------------------
def _pg_url() -> tuple[str | None, str]:
    urls = [os.environ["FAMILIEVEILEDER_TEST_PG_URL"]] if os.environ.get("FAMILIEVEILEDER_TEST_PG_URL") \
        else list(PG_CANDIDATES)
    errors = []
    for url in urls:
        try:
            engine = db.make_engine(url)
            with engine.connect() as conn:
                conn.execute(text("select 1"))
            engine.dispose()
            return url, ""
        except OperationalError as exc:
            errors.append(f"{url}: {str(exc.orig).strip().splitlines()[0]}")
    return None, "; ".join(errors)


@pytest.fixture(scope="session")
def pg_url() -> str:
    url, why = _pg_url()
    if url is None:
        message = f"PostgreSQL test server is unreachable ({why})"
        if _ci():
            pytest.fail(f"{message}. CI is set, so this is an error, not a skip: start the server "
                        f"(trust auth, database 'test').", pytrace=False)
        pytest.skip(f"{message}; skipped because CI is unset (set CI=true to make this fail)")
    return url


@pytest.fixture
def sqlite_engine(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'catalogue.db'}")
    yield engine
    engine.dispose()


@pytest.fixture
def pg_engine(pg_url):
    schema = f"fv_test_{uuid.uuid4().hex[:12]}"
    engine = db.make_engine(pg_url, schema=schema)
    try:
        yield engine
    finally:
        engine.dispose()
        admin = db.make_engine(pg_url)
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request):
    return request.getfixturevalue("sqlite_engine" if request.param == "sqlite" else "pg_engine")


def _count(engine, model=Offer, **where) -> int:
    stmt = select(func.count()).select_from(model)
    for col, val in where.items():
        stmt = stmt.where(getattr(model, col) == val)
    with Session(engine, future=True) as s:
        return s.execute(stmt).scalar_one()


def _snapshot(engine) -> list[tuple]:
    with Session(engine, future=True) as s:
        rows = s.execute(select(Offer).order_by(Offer.municipality_number, Offer.key)).scalars().all()
        return [(o.municipality_number, o.key, o.offer_type, o.name, o.when) for o in rows]


def _write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


GOOD = """\
municipality: "0301"
municipality_name: Oslo
offers:
  - id: oslo-norsk
    type: norskopplaering
    name: Norsk i permisjon
    place: Et sted i Oslo
    when: Mandager kl. 10
    contact: Kontakt (eksempel)
    childcare: true
    counts_in_nir: true
"""


# --- the municipality list -------------------------------------------------------------------------
def test_municipality_list_is_the_357_from_2024():
    munis = load_municipalities()
    assert len(munis) == EXPECTED_COUNT == 357
    assert len({m.number for m in munis}) == 357
    counties = Counter(m.county for m in munis)
    assert counties == {"Oslo": 1, "Rogaland": 23, "Møre og Romsdal": 27, "Nordland": 41, "Østfold": 12,
                        "Akershus": 21, "Buskerud": 18, "Innlandet": 46, "Vestfold": 6, "Telemark": 17,
                        "Agder": 25, "Vestland": 43, "Trøndelag": 38, "Troms": 21, "Finnmark": 18}
    prefix = {"Oslo": "03", "Rogaland": "11", "Møre og Romsdal": "15", "Nordland": "18", "Østfold": "31",
              "Akershus": "32", "Buskerud": "33", "Innlandet": "34", "Vestfold": "39", "Telemark": "40",
              "Agder": "42", "Vestland": "46", "Trøndelag": "50", "Troms": "55", "Finnmark": "56"}
    assert all(m.number[:2] == prefix[m.county] for m in munis)
    known = {"0301": "Oslo", "1508": "Ålesund", "1580": "Haram", "3201": "Bærum", "3301": "Drammen",
             "4204": "Kristiansand", "4601": "Bergen", "5001": "Trondheim", "5501": "Tromsø",
             "5612": "Kautokeino", "5610": "Karasjok", "1826": "Hattfjelldal"}
    for number, name in known.items():
        assert by_number()[number].name == name
    assert "Guovdageaidnu" in by_number()["5612"].aliases
    assert by_number()["5612"].official_name == "Guovdageaidnu - Kautokeino"
    assert "9999" not in by_number() and "1507" not in by_number() and "3005" not in by_number()


# --- fuzzy look-up ----------------------------------------------------------------------------------
@pytest.mark.parametrize("query, number", [
    ("Bærum", "3201"), ("Barum", "3201"), ("baerum", "3201"), ("BÆRUM KOMMUNE", "3201"),
    ("trondhiem", "5001"), ("Trondheim", "5001"), ("Tråante", "5001"),
    ("Tromso", "5501"), ("tromsoe", "5501"), ("Tromsø", "5501"),
    ("oslo kommune", "0301"), ("Oslo", "0301"), ("Oslove", "0301"),
    ("Kautokeino", "5612"), ("Guovdageaidnu", "5612"), ("guovdageaidnu - kautokeino", "5612"),
    ("Karasjok", "5610"), ("Karasjohka", "5610"),
    ("Aalesund", "1508"), ("alesund", "1508"), ("Haram", "1580"),
    ("kristiansan", "4204"), ("Kristiansund", "1505"), ("drammn", "3301"), ("Lillestrom", "3205"),
    ("Hattfjeldal", "1826"), ("Herøy i Nordland", "1818"), ("Herøy (Møre og Romsdal)", "1515"),
    ("Våler Østfold", "3114"), ("Valer Innlandet", "3419"),
    ("jeg bor i trondhiem", "5001"), ("vi bor i Bærum kommune", "3201"),
    ("3301", "3301"), ("301", "0301"),
])
def test_find_municipality(query, number):
    match = find_municipality(query)
    assert match.found, (query, match)
    assert match.municipality.number == number
    assert match.status in (MatchStatus.EXACT, MatchStatus.FUZZY)


@pytest.mark.parametrize("sentence, number", [
    ("vi skal bo i Oslo", "0301"),  # "bo" is not Bø
    ("vi har flyttet til Nord-Fron", "3436"),
    ("jeg bor i Evje og Hornnes kommune", "4219"),
    ("hvilke tilbud har Kristiansand", "4204"),
])
def test_find_municipality_in_a_sentence(sentence, number):
    match = find_municipality(sentence)
    assert match.found and match.municipality.number == number, match


def test_single_short_names_still_work():
    assert find_municipality("Bø").municipality.number == "1867"
    assert find_municipality("Ål").municipality.number == "3328"
    assert find_municipality("Os").municipality.number == "3430"
    assert lookup.by_number() is not None


def test_typo_is_fuzzy_and_exact_is_exact():
    assert find_municipality("trondhiem").status is MatchStatus.FUZZY
    assert find_municipality("Tromso").status is MatchStatus.EXACT


@pytest.mark.parametrize("query, numbers", [("Herøy", {"1515", "1818"}), ("Valer", {"3114", "3419"})])
def test_ambiguous_names_return_candidates(query, numbers):
    match = find_municipality(query)
    assert match.status is MatchStatus.AMBIGUOUS and match.municipality is None
    assert {c.municipality.number for c in match.candidates} == numbers


@pytest.mark.parametrize("query", ["", "   ", "xyzzy", "Stockholm", "9999", "kommune"])
def test_not_found(query):
    match = find_municipality(query)
    assert match.status is MatchStatus.NOT_FOUND and match.municipality is None


def test_fold():
    assert lookup.fold("Bærum") == "baerum"
    assert lookup.fold("Bærum", ae="a") == "barum"
    assert lookup.fold("Tromsø") == "tromso"
    assert lookup.fold("Ålesund") == lookup.fold("Aalesund") == "alesund"
    assert lookup.fold("Kárášjohka") == "karasjohka"


# --- validation -----------------------------------------------------------------------------------
def test_example_files_are_valid_and_marked_as_examples():
    assert len(EXAMPLE_FILES) >= 3
    files = importer.validate_files(EXAMPLE_FILES)
    for cat, path in zip(files, EXAMPLE_FILES):
        assert 4 <= len(cat.offers) <= 7
        assert cat.example_data
        assert "eksempeldata" in path.read_text(encoding="utf-8").splitlines()[0].lower()


def _offer(**overrides) -> str:
    base = {"id": "oslo-x", "type": "norsktrening", "name": "Språkkafé", "place": "Biblioteket",
            "when": "Onsdager", "contact": "Biblioteket", "childcare": "false"}
    base.update(overrides)
    lines = []
    for k, v in base.items():
        if v is None:
            continue
        lines.append(f"    {k}: {v}")
    return "  - " + "\n".join(lines).lstrip()


def _file(offers: list[str] | None = None, head: str = 'municipality: "0301"\n') -> str:
    body = head + "offers:\n" + "\n".join(offers if offers is not None else [_offer()]) + "\n"
    return body


@pytest.mark.parametrize("body, entry, field, words", [
    ('offers:\n' + _offer() + '\n', None, "municipality", "mangler"),
    (_file(head='municipality: "33O1"\n'), None, "municipality", "fire sifre"),
    (_file(head='municipality: "9998"\n'), None, "municipality", "ukjent kommunenummer"),
    (_file(head='municipality: "0301"\nmunicipality_name: Bergen\n'), None, "municipality_name",
     "passer ikke"),
    (_file(head='municipality: "0301"\ncolour: red\n'), None, "colour", "ukjent felt"),
    (_file(head='municipality: "0301"\nexample_data: kanskje\n'), None, "example_data", "true eller false"),
    ('municipality: "0301"\n', None, "offers", "mangler"),
    ('municipality: "0301"\noffers: nei\n', None, "offers", "liste"),
    ('municipality: "0301"\noffers: []\n', None, "offers", "1-200"),
    ('municipality: "0301"\noffers:\n  - bare tekst\n', "tilbud nr. 1", None, "tabell"),
    (_file([_offer(colour="red")]), "tilbud nr. 1 (oslo-x)", "colour", "ukjent felt"),
    (_file([_offer(id=None)]), "tilbud nr. 1", "id", "mangler"),
    (_file([_offer(id="Oslo X!")]), "tilbud nr. 1 (Oslo X!)", "id", "a-z"),
    (_file([_offer(), _offer()]), "tilbud nr. 2 (oslo-x)", "id", "samme id"),
    (_file([_offer(type=None)]), "tilbud nr. 1 (oslo-x)", "type", "mangler"),
    (_file([_offer(type="yoga")]), "tilbud nr. 1 (oslo-x)", "type", "ukjent tilbudstype"),
    (_file([_offer(name=None)]), "tilbud nr. 1 (oslo-x)", "name", "mangler"),
    (_file([_offer(name="x" * 121)]), "tilbud nr. 1 (oslo-x)", "name", "lengden"),
    (_file([_offer(name="ab")]), "tilbud nr. 1 (oslo-x)", "name", "lengden"),
    (_file([_offer(place=12345)]), "tilbud nr. 1 (oslo-x)", "place", "tekst"),
    (_file([_offer(when='"Mandag\\nTirsdag"')]), "tilbud nr. 1 (oslo-x)", "when", "én linje"),
    (_file([_offer(contact=None)]), "tilbud nr. 1 (oslo-x)", "contact", "mangler"),
    (_file([_offer(childcare=None)]), "tilbud nr. 1 (oslo-x)", "childcare", "mangler"),
    (_file([_offer(childcare='"ja"')]), "tilbud nr. 1 (oslo-x)", "childcare", "true eller false"),
    (_file([_offer(counts_in_nir="true")]), "tilbud nr. 1 (oslo-x)", "counts_in_nir", "NIR"),
    (_file([_offer(counts_in_nir='"ja"')]), "tilbud nr. 1 (oslo-x)", "counts_in_nir", "true eller false"),
    (_file([_offer(language_support="arabisk")]), "tilbud nr. 1 (oslo-x)", "language_support", "liste"),
    (_file([_offer(language_support="[a]")]), "tilbud nr. 1 (oslo-x)", "language_support", "2-40"),
    (_file([_offer(url="http://example.org/x")]), "tilbud nr. 1 (oslo-x)", "url", "https://"),
    (_file([_offer(description="x" * 1001)]), "tilbud nr. 1 (oslo-x)", "description", "lengden"),
    ("municipality: [\n", None, None, "ugyldig YAML"),
    ("- a\n- b\n", None, None, "tabell"),
])
def test_each_validation_error_names_file_entry_and_field(tmp_path, body, entry, field, words):
    path = _write(tmp_path, "bad.yml", body)
    with pytest.raises(CatalogueValidationError) as err:
        importer.validate_files([path])
    issues = err.value.issues
    assert issues, body
    hit = [i for i in issues if i.field == field and i.entry == entry]
    assert hit, [str(i) for i in issues]
    assert all(i.file == str(path) for i in issues)
    assert any(words in i.message for i in hit), [str(i) for i in hit]
    text_ = str(err.value)
    assert str(path) in text_ and "ingenting ble importert" in text_
    if field:
        assert f"felt «{field}»" in text_
    if entry:
        assert entry in text_


def test_valid_minimal_file_and_term_as_type(tmp_path):
    path = _write(tmp_path, "ok.yml", _file([_offer(type='"åpen barnehage"')]))
    (cat,) = importer.validate_files([path])
    assert cat.offers[0].offer_type is OfferKind.OPEN_KINDERGARTEN
    assert cat.offers[0].childcare is False and cat.example_data is False


def test_missing_file_and_duplicate_municipality(tmp_path):
    a = _write(tmp_path, "a.yml", GOOD)
    b = _write(tmp_path, "b.yml", GOOD)
    with pytest.raises(CatalogueValidationError) as err:
        importer.validate_files([a, b, tmp_path / "nope.yml"])
    msgs = [str(i) for i in err.value.issues]
    assert any("b.yml" in m and "finnes også i" in m and "a.yml" in m for m in msgs)
    assert any("nope.yml" in m and "finnes ikke" in m for m in msgs)
    with pytest.raises(CatalogueValidationError):
        importer.validate_files([tmp_path / "empty-dir-does-not-exist"])


def test_all_issues_are_reported_not_just_the_first(tmp_path):
    offers = [_offer(type="yoga", childcare=None), _offer(id="b", name=None)]
    path = _write(tmp_path, "bad.yml", _file(offers))
    with pytest.raises(CatalogueValidationError) as err:
        importer.validate_files([path])
    fields = {(i.entry, i.field) for i in err.value.issues}
    assert {("tilbud nr. 1 (oslo-x)", "type"), ("tilbud nr. 1 (oslo-x)", "childcare"),
            ("tilbud nr. 2 (b)", "name")} <= fields


# --- import (SQLite file and PostgreSQL) --------------------------------------------------------------
def test_import_example_catalogue(engine):
    summary = importer.import_catalogue(EXAMPLE_FILES, engine)
    expected = sum(len(c.offers) for c in importer.validate_files(EXAMPLE_FILES))
    assert summary.offers == expected == _count(engine)
    assert summary.deleted == 0
    assert _count(engine, Municipality) == 357
    drammen = offers_for("3301", engine)
    assert 4 <= len(drammen) <= 7
    assert drammen[0].offer_type is OfferKind.NORWEGIAN_TUITION  # ordered by kind
    assert all(o.municipality_name == "Drammen" and o.example_data for o in drammen)
    tuition = [o for o in drammen if o.offer_type is OfferKind.NORWEGIAN_TUITION][0]
    assert tuition.counts_in_nir and tuition.childcare and "arabisk" in tuition.language_support
    assert offers_for("5501", engine, kinds=(OfferKind.OPEN_KINDERGARTEN,))[0].name == "Åpen barnehage"
    assert offers_for("4601", engine) == ()  # Bergen: no offers
    assert offers_for(3301, engine) == drammen


def test_reimport_is_idempotent(engine):
    importer.import_catalogue(EXAMPLE_FILES, engine)
    before = _snapshot(engine)
    again = importer.import_catalogue(EXAMPLE_FILES, engine)
    assert again.deleted == again.offers == len(before)
    assert _snapshot(engine) == before
    assert _count(engine, Municipality) == 357


def test_reimport_replaces_only_that_municipality(engine, tmp_path):
    importer.import_catalogue(EXAMPLE_FILES, engine)
    kristiansand = _count(engine, municipality_number="4204")
    tromso = _count(engine, municipality_number="5501")
    one = _write(tmp_path, "drammen.yml", _file([_offer(id="drammen-ny")], head='municipality: "3301"\n'))
    summary = importer.import_catalogue([one], engine)
    assert summary.offers == 1
    assert [o.key for o in offers_for("3301", engine)] == ["drammen-ny"]
    assert _count(engine, municipality_number="4204") == kristiansand
    assert _count(engine, municipality_number="5501") == tromso


def test_replace_all_removes_other_municipalities(engine, tmp_path):
    importer.import_catalogue(EXAMPLE_FILES, engine)
    one = _write(tmp_path, "oslo.yml", GOOD)
    importer.import_catalogue([one], engine, replace_all=True)
    assert _count(engine) == 1
    assert offers_for("3301", engine) == ()
    assert offers_for("0301", engine)[0].counts_in_nir


def test_bad_file_among_good_ones_imports_nothing(engine, tmp_path):
    # fresh database: nothing at all is written
    bad = _write(tmp_path, "zz-bad.yml", _file([_offer(type="yoga")]))
    with pytest.raises(CatalogueValidationError):
        importer.import_catalogue([*EXAMPLE_FILES, bad], engine)
    with Session(engine, future=True) as s:
        tables = engine.dialect.get_table_names(s.connection())
    assert "offer" not in tables or _count(engine) == 0
    # existing catalogue: unchanged after a failed re-import with changed good files
    importer.import_catalogue(EXAMPLE_FILES, engine)
    before = _snapshot(engine)
    changed = _write(tmp_path, "drammen.yml", _file([_offer(id="drammen-ny")], head='municipality: "3301"\n'))
    with pytest.raises(CatalogueValidationError):
        importer.import_catalogue([changed, bad], engine)
    assert _snapshot(engine) == before


def test_database_error_mid_import_rolls_back_everything(engine, tmp_path, monkeypatch):
    importer.import_catalogue(EXAMPLE_FILES, engine)
    before = _snapshot(engine)
    real = importer._offer_rows
    calls = []

    def failing(cat):
        calls.append(cat.municipality.number)
        if len(calls) == 2:
            raise RuntimeError("simulated failure while writing the second file")
        return real(cat)

    monkeypatch.setattr(importer, "_offer_rows", failing)
    with pytest.raises(RuntimeError):
        importer.import_catalogue(EXAMPLE_FILES, engine, replace_all=True)
    assert len(calls) == 2
    assert _snapshot(engine) == before


def test_database_enforces_constraints(engine):
    importer.import_catalogue(EXAMPLE_FILES[:1], engine)
    base = dict(municipality_number="0301", name="N", place="P", when="W", childcare=False,
                contact="C", language_support=[], source_file="t.yml")
    with Session(engine, future=True) as s:
        s.add(Offer(key="a", offer_type=OfferKind.NORWEGIAN_PRACTICE, counts_in_nir=True, **base))
        with pytest.raises(IntegrityError):
            s.commit()
    with Session(engine, future=True) as s:
        s.add(Offer(key="b", offer_type=OfferKind.NORWEGIAN_TUITION, counts_in_nir=True,
                    **{**base, "municipality_number": "0000"}))
        with pytest.raises(IntegrityError):
            s.commit()
    with Session(engine, future=True) as s:
        s.add(Offer(key="c", offer_type=OfferKind.NORWEGIAN_TUITION, counts_in_nir=True, **base))
        s.add(Offer(key="c", offer_type=OfferKind.NORWEGIAN_TUITION, counts_in_nir=False, **base))
        with pytest.raises(IntegrityError):
            s.commit()


def test_postgres_really_is_postgres(pg_engine):
    importer.import_catalogue(EXAMPLE_FILES, pg_engine)
    with pg_engine.connect() as conn:
        assert conn.execute(text("select version()")).scalar_one().startswith("PostgreSQL")
        schema = conn.execute(text("select current_schema()")).scalar_one()
    assert schema.startswith("fv_test_")
    assert _count(pg_engine) > 0


# --- CLI ------------------------------------------------------------------------------------------
def test_cli_import_check_and_errors(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    files = [str(p) for p in EXAMPLE_FILES]
    assert importer.main([*files, "--db", url]) == 0
    out = capsys.readouterr().out
    assert "Importerte" in out and "Drammen" in out
    assert importer.main([*files, "--db", url]) == 0  # idempotent
    engine = db.make_engine(url)
    assert _count(engine) == sum(len(c.offers) for c in importer.validate_files(EXAMPLE_FILES))

    assert importer.main([*files, "--check"]) == 0
    assert "gyldige" in capsys.readouterr().out

    bad = _write(tmp_path, "bad.yml", _file([_offer(childcare='"ja"')]))
    before = _snapshot(engine)
    assert importer.main([*files, str(bad), "--db", url]) == 1
    err = capsys.readouterr().err
    assert "bad.yml" in err and "tilbud nr. 1 (oslo-x)" in err and "felt «childcare»" in err
    assert _snapshot(engine) == before

    assert importer.main([str(tmp_path / "oslo.yml"), "--db", url]) == 1  # missing file
    only_oslo = _write(tmp_path, "oslo.yml", GOOD)
    assert importer.main([str(only_oslo), "--db", url, "--replace"]) == 0
    assert _count(engine) == 1
    engine.dispose()


def test_cli_as_module_uses_env_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'env.db'}"
    env = {**os.environ, db.ENV_DB_URL: url}
    proc = subprocess.run([sys.executable, "-m", "actions.catalogue.importer",
                           *[str(p) for p in EXAMPLE_FILES]],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "env.db").exists()


def test_default_url_is_sqlite_in_var(monkeypatch):
    monkeypatch.delenv(db.ENV_DB_URL, raising=False)
    assert db.database_url() == f"sqlite:///{REPO / 'var' / 'catalogue.db'}"
    monkeypatch.setenv(db.ENV_DB_URL, "postgresql://x@y/z")
    assert db.database_url() == "postgresql://x@y/z"
    assert db.database_url("sqlite://") == "sqlite://"
    with pytest.raises(ValueError):
        db.make_engine("postgresql://x@127.0.0.1/z", schema="bad; drop")
