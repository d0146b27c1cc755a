"""Masking of identifiers and health facts in stored and logged text (no Rasa imports).

Users are told not to type names, identity numbers or health details; when they do anyway, what
looks like a fødselsnummer or D-nummer (with or without separators), a phone number, an e-mail
address, another long digit string or a common diagnosis is replaced by "[skjult]" before anything
is written to the tracker store or a log.

Every pattern is linear in the length of the text: no nested quantifiers, every repetition bounded
or guarded by a look-behind so a match can only start at the edge of a run. `mask()` also stops
at MAX_MASKED characters (the rest is cut), so the work per call is bounded whatever a client sends.
"""
from __future__ import annotations

import re

MASK = "[skjult]"
MAX_MASKED = 20_000  # longer texts are cut (user text is capped at 2 000 characters before NLU)
_CUT = " [… forkortet]"

# E-mail: the look-behind makes a match start only at the beginning of a run of address
# characters, so a long run without "@" costs one pass, not one pass per start position.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}\.[\w.-]{1,190}")
# Fødselsnummer / D-nummer (D-nummer: first digit + 4, same shape): 6 date digits, optionally
# grouped dd.mm.yy / dd mm yy / dd-mm-yy, then 5 digits (optionally 3 + 2), with a space, dot or
# dash in between: 01019912345, 010199 12345, 01.01.99 12345, 010199-12345, 41019912345.
_FNR = re.compile(r"(?<![\d.,])\d\d[ ./-]?\d\d[ ./-]?\d\d[ .-]{0,3}\d{3}[ .]?\d\d(?!\d)")
# Norwegian phone numbers: optional +47 / 0047, then 8 digits as 40000000, 400 00 000 or
# 40 00 00 00 (not 4 + 4, which is how two birth years are typed: "2014 2016").
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00) ?47[ .-]?)?"
    r"(?:\d{8}|\d{3}[ .]\d\d[ .]\d{3}|\d\d[ .]\d\d[ .]\d\d[ .]\d\d)(?!\d)")
# Any other long number (account, case number), but not the parts of a decimal number (the
# confidences and timestamps in logs). One run, matched once: linear.
_LONG_NUMBER = re.compile(r"(?<![\d.])\d{6,}(?!\d|\.\d)")

# Common diagnoses and health conditions, as typed in free text. A word is masked when it
# contains one of the STEMS (so inflections and compounds are caught: astmatiker, barnekreft,
# epilepsien, diabetiker) or equals one of the WORDS (short names that would be ambiguous inside
# other words). PHRASES are several words.
_STEMS = (
    "astma", "epilep", "diabet", "sukkersyk", "kreft", "cancer", "leukemi", "lymfom", "svulst",
    "tumor", "autis", "asperger", "adhd", "downs", "syndrom", "cystisk", "fibrose", "parese",
    "depresj", "deprimert", "angstlidelse", "tvangslidelse", "schizofren", "bipolar", "psykose",
    "psykotisk", "anoreksi", "bulimi", "spiseforstyrr", "tourette", "dysleksi", "migrene",
    "leddgikt", "revmati", "muskeldystrofi", "sklerose", "spina", "bifida", "hjertefeil",
    "hjertesyk", "nyresvikt", "nyresyk", "lungesyk", "cøliaki", "crohn", "kolitt", "allergi",
    "eksem", "tuberkulose", "hepatitt", "hemofili", "sigdcelle", "talassemi", "hydrocefal",
    "hjerneskade", "hørselshem", "synshem", "utviklingshem", "funksjonshem", "handikap",
    "cerebral", "ptsd",
)
_WORDS = ("cp", "ms", "hiv", "aids", "kols", "ocd", "angst", "døv", "døve", "blind", "blinde", "cfs")
_STEM_RE = re.compile("|".join(map(re.escape, _STEMS)))
_WORDS_RE = re.compile(r"\b(?:" + "|".join(map(re.escape, _WORDS)) + r")\b", re.IGNORECASE)
_WORD = re.compile(r"\w{2,60}")
_DIGIT = re.compile(r"\d")
_PHRASES = re.compile(
    r"\b(?:kronisk|langvarig)e? {1,3}syk\w{0,8}"
    r"|\bdown {0,3}-? {0,3}syndrom\w{0,4}"
    r"|\bpsykisk {1,3}(?:syk|lidelse|utviklingshem)\w{0,8}", re.IGNORECASE)


def _mask_word(match: re.Match) -> str:
    return MASK if _STEM_RE.search(match.group(0).lower()) else match.group(0)


def mask(text: str | None) -> str | None:
    """The text with identifiers and diagnoses replaced by MASK (idempotent)."""
    if not text or not isinstance(text, str):
        return text
    if len(text) > MAX_MASKED:
        text = text[:MAX_MASKED] + _CUT
    if "@" in text:
        text = _EMAIL.sub(MASK, text)
    if _DIGIT.search(text):
        text = _FNR.sub(MASK, text)
        text = _PHONE.sub(MASK, text)
        text = _LONG_NUMBER.sub(MASK, text)
    text = _WORDS_RE.sub(MASK, _PHRASES.sub(MASK, text))
    if _STEM_RE.search(text.lower()):  # word by word only when a stem occurs at all
        text = _WORD.sub(_mask_word, text)
    return text


PATTERNS = (_EMAIL, _FNR, _PHONE, _LONG_NUMBER, _STEM_RE, _WORDS_RE, _WORD, _PHRASES)  # for the speed tests


def _mask_entities(entities) -> None:
    for entity in entities if isinstance(entities, list) else ():
        if isinstance(entity, dict) and isinstance(entity.get("value"), str):
            entity["value"] = mask(entity["value"])


def mask_event(data: dict) -> dict:
    """Mask the user's text in a serialised Rasa event (in place) and return it."""
    if data.get("event") == "user":
        data["text"] = mask(data.get("text"))
        parse = data.get("parse_data")
        if isinstance(parse, dict):
            parse["text"] = mask(parse.get("text"))
            _mask_entities(parse.get("entities"))
    return data
