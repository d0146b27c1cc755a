"""Find a municipality from what a user typed: a pure matcher over a given list of municipalities.

Tolerates typos and missing æøå: "Barum" -> Bærum, "trondhiem" -> Trondheim, "Tromso" -> Tromsø,
"oslo kommune" -> Oslo, "Guovdageaidnu" -> Kautokeino. It folds both sides (lower case, æ->ae/a,
ø->o/oe, å->a, aa->a, accents dropped), removes filler words ("kommune", "jeg bor i"), and falls
back to ``difflib`` similarity. When two municipalities fit about equally well (e.g. "Herøy",
"Våler") it returns the candidates instead of guessing.

No database and no file here: the glue builds one ``MunicipalityMatcher`` from the list in
actions.catalogue.municipalities and passes it to the reader. A municipality is anything with
``number``, ``name``, ``county``, ``official_name`` and ``all_names``.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from typing import Any, Iterable

FUZZY_CUTOFF = 0.78  # minimum difflib ratio for a candidate
CLEAR_WINNER_GAP = 0.05  # the best must beat the next municipality by this much
SUGGEST_CUTOFF = 0.6  # for "did you mean" suggestions when nothing matched
MAX_CANDIDATES = 5
FILLER = frozenset({"kommune", "kommunen", "kommuna", "kommunes", "herad", "municipality", "of",
                    "the", "i", "in", "pa", "bor", "jeg", "vi", "fra", "from", "live", "lives",
                    "we", "til"})
# Everyday words ignored when looking for a name inside a sentence (only there: "Bø" alone still
# finds Bø).
SENTENCE_WORDS = frozenset({"bo", "skal", "har", "en", "et", "ei", "og", "er", "med", "som", "det",
                            "den", "na", "min", "mitt", "mine", "kan", "vil", "ha", "hei", "hva",
                            "hvor", "hvilke", "tilbud", "flyttet", "flytter", "nettopp", "ny",
                            "nye", "sted", "by", "byen", "bydel", "nord", "sor", "ost", "vest"})


def fold(text: str, ae: str = "ae", oe: str = "o") -> str:
    """Fold a name for comparison: lower case, æ->``ae``, ø->``oe``, å->a, aa->a, accents dropped,
    punctuation to spaces."""
    t = unicodedata.normalize("NFKC", str(text)).casefold()
    t = t.replace("æ", ae).replace("ø", oe).replace("å", "a")
    t = t.replace("đ", "d").replace("ŋ", "n").replace("ŧ", "t")
    t = "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))
    t = t.replace("aa", "a")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", t).split())


def _variants(name: str) -> set[str]:
    return {fold(name), fold(name, ae="a"), fold(name, oe="oe"), fold(name, ae="a", oe="oe")}


def build_index(munis: Iterable[Any]) -> dict[str, tuple[Any, ...]]:
    idx: dict[str, list[Any]] = {}
    for m in munis:
        for name in m.all_names:
            for key in _variants(name):
                bucket = idx.setdefault(key, [])
                if m not in bucket:
                    bucket.append(m)
    return {k: tuple(v) for k, v in idx.items()}


def _clean(text: str) -> str:
    return " ".join(w for w in fold(text).split() if w not in FILLER)


class MatchStatus(str, Enum):
    EXACT = "exact"  # the folded text is a name of exactly one municipality
    FUZZY = "fuzzy"  # one municipality is clearly the closest
    AMBIGUOUS = "ambiguous"  # several fit: ask the user (see candidates)
    NOT_FOUND = "not_found"  # nothing close; candidates may hold weak suggestions


@dataclass(frozen=True)
class Candidate:
    municipality: Any
    score: float  # 1.0 for an exact (folded) match
    matched: str  # the folded name that matched


@dataclass(frozen=True)
class MunicipalityMatch:
    query: str
    status: MatchStatus
    municipality: Any | None
    candidates: tuple[Candidate, ...] = ()

    @property
    def found(self) -> bool:
        return self.municipality is not None


def _decide(query: str, cands: list[Candidate]) -> MunicipalityMatch:
    if not cands:
        return MunicipalityMatch(query, MatchStatus.NOT_FOUND, None)
    top = cands[0]
    second = cands[1].score if len(cands) > 1 else 0.0
    if top.score - second >= CLEAR_WINNER_GAP:
        return MunicipalityMatch(query, MatchStatus.FUZZY, top.municipality, (top,))
    return MunicipalityMatch(query, MatchStatus.AMBIGUOUS, None, tuple(cands[:MAX_CANDIDATES]))


def _exact_result(query: str, key: str, hits: tuple[Any, ...]) -> MunicipalityMatch:
    cands = tuple(Candidate(m, 1.0, key) for m in hits)
    if len(hits) == 1:
        return MunicipalityMatch(query, MatchStatus.EXACT, hits[0], cands)
    return MunicipalityMatch(query, MatchStatus.AMBIGUOUS, None, cands)


MAX_SENTENCE_WORDS = 12


def _ngrams(words: list[str], max_n: int = 4) -> list[str]:
    out = []
    for n in range(min(max_n, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            out.append(" ".join(words[i:i + n]))
    return out


class MunicipalityMatcher:
    """Matches free text against one list of municipalities (build it once; it indexes every name)."""

    def __init__(self, munis: Iterable[Any]):
        self.municipalities = tuple(munis)
        self.by_number = {m.number: m for m in self.municipalities}
        self.index = build_index(self.municipalities)
        self.counties = {fold(m.county) for m in self.municipalities}

    def _exact(self, key: str) -> tuple[Any, ...]:
        return self.index.get(key, ())


    def _scored(self, key: str, cutoff: float, pool: dict[str, tuple[Any, ...]] | None = None
                ) -> list[Candidate]:
        pool = pool if pool is not None else self.index
        best: dict[str, Candidate] = {}
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(key)
        for name, munis in pool.items():
            matcher.set_seq1(name)
            if matcher.real_quick_ratio() < cutoff or matcher.quick_ratio() < cutoff:
                continue
            score = matcher.ratio()
            if score < cutoff:
                continue
            for m in munis:
                if m.number not in best or best[m.number].score < score:
                    best[m.number] = Candidate(m, round(score, 4), name)
        return sorted(best.values(), key=lambda c: (-c.score, c.municipality.name, c.municipality.number))

    def find(self, text: str) -> MunicipalityMatch:
        """Resolve free text (a name, a misspelt name, a Sámi name, or a 4-digit number) to one
        municipality, or to candidates when it is ambiguous."""
        raw = str(text or "").strip()
        digits = re.sub(r"\D", "", raw)
        if digits and len(digits) <= 4 and re.fullmatch(r"[\s\d]+", raw):
            m = self.by_number.get(digits.zfill(4))
            if m:
                return MunicipalityMatch(raw, MatchStatus.EXACT, m, (Candidate(m, 1.0, m.number),))
            return MunicipalityMatch(raw, MatchStatus.NOT_FOUND, None)

        key = _clean(raw)
        if not key:
            return MunicipalityMatch(raw, MatchStatus.NOT_FOUND, None)
        hits = self._exact(key)
        if hits:
            return _exact_result(raw, key, hits)

        # a county named in the text narrows the search ("Våler i Hedmark" no, "Våler Innlandet" yes)
        counties = self.counties
        for county in sorted(counties, key=len, reverse=True):
            if re.search(rf"\b{re.escape(county)}\b", key) and key != county:
                rest = " ".join(re.sub(rf"\b{re.escape(county)}\b", " ", key).split())
                if not rest:
                    continue
                pool = {k: tuple(m for m in ms if fold(m.county) == county)
                        for k, ms in self.index.items()}
                pool = {k: v for k, v in pool.items() if v}
                if rest in pool:
                    return _exact_result(raw, rest, pool[rest])
                cands = self._scored(rest, FUZZY_CUTOFF, pool)
                if cands:
                    return _decide(raw, cands)

        cands = self._scored(key, FUZZY_CUTOFF)
        if cands:
            return _decide(raw, cands)

        # a sentence: try word groups ("vi skal bo i trondhiem"), ignoring everyday words such as
        # "bo" (which would otherwise match Bø); the longest matching group wins
        # bounded: the first MAX_SENTENCE_WORDS words, each word group once, so a pasted page costs
        # no more than a sentence (it took 15 s on 2000 characters)
        words = key.split()[:MAX_SENTENCE_WORDS]
        if len(words) > 1:
            grams = [g for g in dict.fromkeys(_ngrams(words)) if not set(g.split()) <= SENTENCE_WORDS]
            exact = [(g, self._exact(g)) for g in grams if self._exact(g)]
            if exact:
                longest = max(len(g) for g, _ in exact)
                top = [(g, hits) for g, hits in exact if len(g) == longest]
                munis = tuple(dict.fromkeys(m for _, hits in top for m in hits))
                return _exact_result(raw, top[0][0], munis)
            for gram in grams:
                if len(gram) < 4:
                    continue
                cands = self._scored(gram, 0.85)
                if cands:
                    return _decide(raw, cands)

        weak = self._scored(key, SUGGEST_CUTOFF)[:3]
        return MunicipalityMatch(raw, MatchStatus.NOT_FOUND, None, tuple(weak))
