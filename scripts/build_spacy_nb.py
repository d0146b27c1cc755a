"""Build the spaCy pipeline the NLU uses: a blank Norwegian (`nb`) pipeline with the lookup
lemmatizer, its table taken from the spacy-lookups-data package (PyPI). Nothing is downloaded:
the table ships inside that package. The result goes to var/spacy/nb_lookup (SpacyNLP loads it
by path). Rebuilt only when missing or when spaCy / spacy-lookups-data change version.

    .venv/bin/python scripts/build_spacy_nb.py [--force] [OUT_DIR]
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "var" / "spacy" / "nb_lookup"


def stamp() -> str:
    from importlib.metadata import version
    return f"spacy {version('spacy')}, spacy-lookups-data {version('spacy-lookups-data')}\n"


def lookup_table() -> dict[str, str]:
    """One form -> lemma table for a lemmatizer without a tagger. spacy-lookups-data's own
    nb_lemma_lookup has only ~1,600 entries; its nb_lemma_exc tables hold Norsk Ordbank's
    inflected forms per part of speech (~600,000). A form listed under several parts of speech
    takes the noun lemma first, then verb, adjective, adverb (the questions are about nouns:
    "barna" -> "barn", "dagene" -> "dag", "permisjonen" -> "permisjon")."""
    import gzip
    import json
    from importlib.resources import files

    data = files("spacy_lookups_data") / "data"
    table: dict[str, str] = {}
    exc = json.loads(gzip.decompress((data / "nb_lemma_exc.json.gz").read_bytes()))
    for pos in ("noun", "verb", "adj", "adv"):
        for form, lemmas in exc.get(pos, {}).items():
            if " " in form or not lemmas:
                continue
            form = form.lower()
            if form not in table:
                table[form] = lemmas[0].lower()
    for form, lemma in json.loads(gzip.decompress((data / "nb_lemma_lookup.json.gz").read_bytes())).items():
        table.setdefault(form.lower(), lemma.lower())
    return {form: lemma for form, lemma in table.items() if form != lemma}


def build(out: Path = DEFAULT_OUT, force: bool = False) -> Path:
    marker = out / "BUILT_WITH"
    if not force and marker.exists() and marker.read_text() == stamp():
        return out
    import spacy

    from spacy.lookups import Lookups

    nlp = spacy.blank("nb")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    lookups = Lookups()
    lookups.add_table("lemma_lookup", lookup_table())
    lemmatizer.initialize(lookups=lookups)
    doc = nlp("barna barnet")
    assert [t.lemma_ for t in doc] == ["barn", "barn"], [t.lemma_ for t in doc]  # the whole point
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    marker.write_text(stamp())
    return out


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    path = build(Path(args[0]) if args else DEFAULT_OUT, force="--force" in sys.argv)
    print(f"spaCy nb pipeline with lookup lemmatizer: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
