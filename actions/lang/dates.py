"""Dates in Norwegian: written out for people ("mandag 3. mars 2027"), read from free text."""
from __future__ import annotations

import re
from datetime import date

from dateutil.relativedelta import relativedelta

MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "desember"]
WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
_MONTH_LOOKUP = {m: i + 1 for i, m in enumerate(MONTHS)}
_MONTH_LOOKUP.update({m[:3]: i + 1 for i, m in enumerate(MONTHS)})
_MONTH_LOOKUP.update({"januari": 1, "februari": 2, "march": 3, "may": 5, "june": 6, "july": 7,
                      "juli": 7, "october": 10, "okt": 10, "desember": 12, "december": 12,
                      "des": 12, "sept": 9})

YEAR_RE = re.compile(r"(?<![\d-])(-?\d{4})(?!\d)")


def format_date(d: date, weekday: bool = False) -> str:
    """'3. mars 2027', or 'onsdag 3. mars 2027'."""
    text = f"{d.day}. {MONTHS[d.month - 1]} {d.year}"
    return f"{WEEKDAYS[d.weekday()]} {text}" if weekday else text


def format_month(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.year}"


def years_in(text: str) -> list[int]:
    """All four-digit numbers in the text, in order ('2015, 2018 og 2020' -> [2015, 2018, 2020]).
    Negative and out-of-range values are kept so the caller can explain what is wrong."""
    return [int(y) for y in YEAR_RE.findall(text)]


def relative_year(text: str, today: date) -> int | None:
    """'i år' -> this year, 'neste år' / 'til neste år' -> next year, 'i fjor' -> last year."""
    t = text.lower()
    if re.search(r"\bneste år\b|\bnæste år\b|\bnesteår\b", t):
        return today.year + 1
    if re.search(r"\bi fjor\b|\bforrige år\b", t):
        return today.year - 1
    if re.search(r"\bi år\b|\bdette året\b|\bi år\b", t):
        return today.year
    return None


# --- reading dates people write -------------------------------------------------------------
class InvalidDate(ValueError):
    """A date that does not exist ('31. februar'): the caller explains it to the user."""


class ParsedDate:
    """A date and how precise the user was: 'day', 'week' (uke 33 -> its Monday) or 'month'
    (i mars -> the 1st)."""

    __slots__ = ("date", "precision", "explicit")

    def __init__(self, value: date, precision: str = "day", explicit: bool = False):
        self.date = value
        self.precision = precision
        # True when the user wrote the whole date (day, month and year); False when the year was
        # guessed or the date is relative to today ("i går", "om 10 uker"): then say it back.
        self.explicit = explicit

    def __repr__(self) -> str:
        return f"ParsedDate({self.date.isoformat()}, {self.precision})"

    def __eq__(self, other) -> bool:
        return isinstance(other, ParsedDate) and (self.date, self.precision) == (other.date, other.precision)


_MONTH_WORD = "|".join(sorted(_MONTH_LOOKUP, key=len, reverse=True))
_NUM_WORDS = {"en": 1, "ett": 1, "ein": 1, "eitt": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6,
              "sju": 7, "syv": 7, "åtte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12}
_DMY_WORDS = re.compile(rf"(?<!\d)(\d{{1,2}})\.?\s*({_MONTH_WORD})\.?(?:\s+(\d{{4}}|\d{{2}}))?(?!\w)", re.I)
_DMY_NUM = re.compile(r"(?<![\d.])(\d{1,2})[./-](\d{1,2})(?:[./-](\d{4}|\d{2}))?(?![\d])")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_FULL_MONTH = "|".join(MONTHS)
_MONTH_YEAR = re.compile(rf"(?:^\s*|\b(?:i|fra|til|innen|rundt|slutten av|starten av|begynnelsen av)\s+)"
                         rf"({_FULL_MONTH})(?:\s+(\d{{4}}))?\b|\b({_FULL_MONTH})\s+(\d{{4}})\b", re.I)
_WEEK = re.compile(r"\b(?:uke|veke|week|svangerskapsuke)\s*(\d{1,2})(?:\s+(\d{4}))?\b", re.I)
_AGO_N = re.compile(r"\bfor\s+(\d{1,2}|" + "|".join(_NUM_WORDS) + r")\s+(dag|dager|dagar|uke|uker|veke|veker|"
                    r"måned|måneder|månad|månader|år)\s+(siden|sidan)\b", re.I)
_IN_N = re.compile(r"\bom\s+(\d{1,2}|" + "|".join(_NUM_WORDS) + r")\s+(dag|dager|dagar|uke|uker|veke|veker|"
                   r"måned|måneder|månad|månader|år)\b", re.I)


def _year(raw: str | None, month: int, day: int, today: date, prefer_future: bool,
          prefer_past: bool = False) -> int:
    if raw:
        y = int(raw)
        return y + 2000 if y < 100 else y
    guess = today.year
    if prefer_future and (month, day) < (today.month, today.day):
        guess += 1
    elif prefer_past and (month, day) > (today.month, today.day):
        guess -= 1
    return guess


def _make(y: int, m: int, d: int, text: str) -> date:
    try:
        return date(y, m, d)
    except ValueError as exc:
        raise InvalidDate(text) from exc



def _shifted(today: date, m: re.Match, sign: int) -> ParsedDate:
    """'for 2 uker siden' (sign -1) or 'om 10 uker' (+1): today moved by the amount; months and
    years keep only the month."""
    raw = m.group(1)
    n = sign * (int(raw) if raw.isdigit() else _NUM_WORDS[raw])
    unit = m.group(2)
    if unit.startswith("dag"):
        return ParsedDate(today + relativedelta(days=n))
    if unit.startswith(("uke", "veke")):
        return ParsedDate(today + relativedelta(weeks=n))
    if unit.startswith(("måned", "månad")):
        return ParsedDate(today + relativedelta(months=n), "month")
    return ParsedDate(today + relativedelta(years=n), "month")


def parse_date(text: str, today: date, prefer_future: bool = True,
               prefer_past: bool = False) -> ParsedDate | None:
    """Read one date from free Norwegian text. Returns None when there is none; raises InvalidDate
    for a date that does not exist. Without a year, the next such date is meant (prefer_future)
    or this year's, or the last one that has been (prefer_past, e.g. a birth).

    '3. mars 2027', '3 mars', '03.03.2027', '3/3-27', '2027-03-03', 'i dag', 'i morgen',
    'om 3 uker', 'om to måneder', 'neste måned', 'uke 33', 'i mars', 'mars 2027'.
    """
    t = text.lower()
    if re.search(r"\bi\s*dag\b", t):
        return ParsedDate(today)
    if re.search(r"\bi\s*morgen\b", t):
        return ParsedDate(today + relativedelta(days=1))
    if re.search(r"\bi\s*går\b", t):
        return ParsedDate(today - relativedelta(days=1))
    for pattern, sign in ((_AGO_N, -1), (_IN_N, 1)):
        m = pattern.search(t)
        if m:
            return _shifted(today, m, sign)
    if re.search(r"\bneste uke\b|\bneste veke\b|\bi neste uke\b", t):
        nxt = today + relativedelta(weeks=1)
        return ParsedDate(nxt - relativedelta(days=nxt.weekday()), "week")
    if re.search(r"\bneste måned\b|\bneste månad\b", t):
        nxt = today + relativedelta(months=1)
        return ParsedDate(nxt.replace(day=1), "month")
    m = _ISO.search(t)
    if m:
        return ParsedDate(_make(int(m.group(1)), int(m.group(2)), int(m.group(3)), text), explicit=True)
    m = _DMY_WORDS.search(t)
    if m:
        d, mon = int(m.group(1)), _MONTH_LOOKUP[m.group(2).lower()]
        year = _year(m.group(3), mon, d, today, prefer_future and not prefer_past, prefer_past)
        if not m.group(3) and relative_year(t, today) is not None:
            year = relative_year(t, today)  # "1. mars neste år", "i fjor"
        return ParsedDate(_make(year, mon, d, text), explicit=bool(m.group(3)))
    m = _DMY_NUM.search(t)
    if m:
        d, mon = int(m.group(1)), int(m.group(2))
        if not 1 <= mon <= 12:
            raise InvalidDate(text)
        year = _year(m.group(3), mon, d, today, prefer_future and not prefer_past, prefer_past)
        return ParsedDate(_make(year, mon, d, text), explicit=bool(m.group(3)))
    m = _WEEK.search(t)
    if m:
        week = int(m.group(1))
        if not 1 <= week <= 53:
            raise InvalidDate(text)
        year = int(m.group(2)) if m.group(2) else today.year
        if not m.group(2) and prefer_future and week < today.isocalendar()[1]:
            year += 1
        try:
            return ParsedDate(date.fromisocalendar(year, week, 1), "week")
        except ValueError as exc:
            raise InvalidDate(text) from exc
    m = _MONTH_YEAR.search(t)
    if m:
        name, raw_year = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        mon = _MONTH_LOOKUP[name.lower()]
        year = int(raw_year) if raw_year else _year(None, mon, 1, today.replace(day=1), prefer_future)
        return ParsedDate(date(year, mon, 1), "month")
    return None
