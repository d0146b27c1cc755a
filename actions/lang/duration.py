"""Reading how long the other parent cannot have tilsyn with the child, from free text.

'i fengsel i fire måneder' -> 4.0, 'innlagt en uke' -> 0.23, 'et halvt år' -> 6.0,
'for alltid' -> PERMANENT, 'vet ikke' -> UNKNOWN, 'Under 6 måneder' -> just under 6.
Returns months as a float, PERMANENT, UNKNOWN or None (nothing about a duration said). Pure: the
rules core decides what the months mean (the 6-month threshold lives in its table).
"""
from __future__ import annotations

import re

from .numbers import word_value

PERMANENT = "permanent"
UNKNOWN = "unknown"

DAYS_PER_MONTH = 30.44
WEEKS_PER_MONTH = DAYS_PER_MONTH / 7
# "Under 6 måneder": strictly less than the bound; stored just under it.
JUST_UNDER = 0.01

_UNIT_MONTHS = (
    (r"dag(?:er|ar|en|ene)?|døgn", 1 / DAYS_PER_MONTH),
    (r"uke(?:r|n|ne)?|veke(?:r|a|ne)?|uka", 1 / WEEKS_PER_MONTH),
    (r"måned(?:er|en|ene)?|månad(?:er|en|ene)?|mnd\.?|mån", 1.0),
    (r"år(?:et|a)?", 12.0),
)
_UNITS = "|".join(f"(?:{u})" for u, _ in _UNIT_MONTHS)
_NUM = (r"\d+(?:[.,]\d+)?|en|ett|et|ei|ein|eitt|eit|én|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|"
        r"elleve|tolv|femten|atten|tjue|tjuefire|noen|noen få|et par|par|flere|mange")
_AMOUNT = re.compile(
    # Each optional part carries its own trailing space, so a run of spaces is tried once, not split
    # three ways (the old `\s*(num)?\s*(half)?\s*` was cubic on 2,000 spaces: issue 12).
    rf"(?<![\w-])(?:(?P<bound>under|mindre enn|kortere enn|over|mer enn|lengre enn|minst|opptil|"
    rf"inntil|i overkant av|cirka|ca\.?|omtrent|rundt)\s*)?"
    rf"(?:(?P<num>{_NUM})\s*)?(?:(?P<half>halvt|halv|halvannet|halvanna|og en halv|og et halvt)\s*)?"
    rf"(?P<unit>{_UNITS})(?![\wæøå])", re.IGNORECASE)

_PERMANENT = re.compile(
    r"\b(for alltid|permanent\w*|varig\w*|resten av livet|livsvarig|livstid|aldri mer|aldri|"
    r"for godt|kommer ikke tilbake|på ubestemt tid|ubestemt tid)\b", re.IGNORECASE)
_YEARS = re.compile(r"\b(mange år|flere år|mange, mange år)\b", re.IGNORECASE)
_UNKNOWN = re.compile(r"\b(vet ikke|vet ikkje|veit ikke|veit ikkje|usikker|aner ikke|uvisst|"
                      r"ikke sikkert|ikke sikker|vanskelig å si|kommer an på|uklart|hopp over|"
                      r"lenge|lang tid|en stund|en periode|flere måneder|mange måneder|noen måneder)\b",
                      re.IGNORECASE)
# Short illnesses that never last six months: the absence is short even without a number.
_SHORT_ILLNESS = re.compile(r"\b(influensa|forkjøl\w*|omgangssyk\w*|feber|magesyk\w*|covid|korona|"
                            r"halsbetennelse|noen dager|et par dager|kort tid|en kort periode|"
                            r"kortvarig\w*|snart frisk|snart tilbake)\b", re.IGNORECASE)
# Outside the question, only durations that read as one: 'i fire måneder', 'innlagt en uke',
# 'et halvt år', 'minst to år' - not an age ('barna er 3 og 5 år') or 'i år'.
_LEAD_IN = re.compile(r"(?:\bi|\bfor|\bom|\binnlagt|\bborte|\binne|\bdom på|\bsoner|\btjeneste)\s*$",
                      re.IGNORECASE)
SHORT_ILLNESS_MONTHS = round(2 / WEEKS_PER_MONTH, 2)  # 'influensa': about two weeks
SEVERAL_YEARS_MONTHS = 24.0  # 'flere år'


def _number(token: str | None) -> float | None:
    t = (token or "").lower().strip()
    if re.fullmatch(r"\d+(?:[.,]\d+)?", t):
        return float(t.replace(",", "."))
    if t in ("noen", "noen få", "et par", "par"):
        return 2.0
    if t == "tjuefire":
        return 24.0
    value = word_value(t)
    return float(value) if value is not None else None


def _unit_months(unit: str) -> float:
    for pattern, months in _UNIT_MONTHS:
        if re.fullmatch(pattern, unit, re.IGNORECASE):
            return months
    return 1.0


def _amount(m: re.Match) -> float | None:
    num, half = m.group("num"), (m.group("half") or "").lower()
    if not num and not half:
        return None  # 'i år', 'måneden': no amount
    if num and num.lower() in ("flere", "mange"):
        return None
    if half.startswith("halvann") or half.startswith("og"):
        number = (_number(num) if num else 1.0)
        if number is None:
            return None
        number += 0.5
    elif half:  # 'et halvt år', 'halvt år', 'en halv måned'
        number = 0.5
    else:
        number = _number(num)
        if number is None:
            return None
    months = number * _unit_months(m.group("unit"))
    bound = (m.group("bound") or "").lower()
    if bound in ("under", "mindre enn", "kortere enn"):
        months = max(0.0, months - JUST_UNDER)
    return round(months, 2)


def _reads_as_duration(m: re.Match, low: str) -> bool:
    """Outside the question: a bound, a half, a lead-in ('i', 'innlagt'), or days/weeks/months
    not told as an age ('barna er 3 og 5 år', 'hun er fire måneder gammel')."""
    before, after = low[:m.start()], low[m.end():]
    if re.match(r"(gammel|gamle|gamal|gamalt|gammelt)\b", after.lstrip()):
        return False
    if m.group("bound") or m.group("half") or _LEAD_IN.search(before):
        return True
    if re.fullmatch(r"år(?:et|a)?", m.group("unit")):
        return False
    return not re.search(r"(\ber|\bpå|\bog|,)\s*$", before)


def absence_months(text: str, asked: bool = True) -> float | str | None:
    """Months, PERMANENT, UNKNOWN or None. `asked`: the message answers the duration question
    (then a bare '4 måneder' or 'usikker' counts); otherwise only a clear duration phrase does."""
    low = text.lower()
    if _PERMANENT.search(low):
        return PERMANENT
    if _YEARS.search(low):
        return SEVERAL_YEARS_MONTHS
    for m in _AMOUNT.finditer(low):
        if not asked and not _reads_as_duration(m, low):
            continue
        value = _amount(m)
        if value is not None:
            return value
    if _SHORT_ILLNESS.search(low):
        return SHORT_ILLNESS_MONTHS
    if asked and _UNKNOWN.search(low):
        return UNKNOWN
    if re.search(r"\b(lenge|lang tid|flere måneder|mange måneder)\b", low):
        return UNKNOWN
    return None
