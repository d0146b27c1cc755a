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


def add_months(d: date, months: int) -> date:
    """Calendar months with dateutil: 31 January + 1 month = 28/29 February."""
    return d + relativedelta(months=months)
