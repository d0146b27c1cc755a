"""Reading dates as people write them in Norwegian."""
from __future__ import annotations

from datetime import date

import pytest

from actions.lang.dates import InvalidDate, ParsedDate, format_date, parse_date

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize("text,expected", [
    ("3. mars 2027", ParsedDate(date(2027, 3, 3))), ("3 mars", ParsedDate(date(2027, 3, 3))),
    ("03.03.2027", ParsedDate(date(2027, 3, 3))), ("3/3-27", ParsedDate(date(2027, 3, 3))),
    ("2027-03-03", ParsedDate(date(2027, 3, 3))), ("termin 14. februar", ParsedDate(date(2027, 2, 14))),
    ("født 1. desember 2025", ParsedDate(date(2025, 12, 1))), ("i dag", ParsedDate(TODAY)),
    ("i morgen", ParsedDate(date(2026, 11, 23))), ("om 3 uker", ParsedDate(date(2026, 12, 13))),
    ("om to måneder", ParsedDate(date(2027, 1, 22), "month")), ("neste måned", ParsedDate(date(2026, 12, 1), "month")),
    ("uke 33", ParsedDate(date(2027, 8, 16), "week")), ("uke 2 2027", ParsedDate(date(2027, 1, 11), "week")),
    ("jeg skal ha baby i mars", ParsedDate(date(2027, 3, 1), "month")),
    ("mars 2027", ParsedDate(date(2027, 3, 1), "month")), ("desember", ParsedDate(date(2026, 12, 1), "month")),
    ("Jan har to barn", None), ("hei", None), ("", None),
])
def test_parse_date(text, expected):
    assert parse_date(text, TODAY) == expected


def test_past_preference():
    assert parse_date("3. mars", TODAY, prefer_future=False) == ParsedDate(date(2026, 3, 3))


@pytest.mark.parametrize("text", ["31. februar 2027", "30.02.2027", "29.02.2027", "uke 60", "12.13.2027"])
def test_dates_that_do_not_exist(text):
    with pytest.raises(InvalidDate):
        parse_date(text, TODAY)


def test_leap_day_and_month_ends():
    assert parse_date("29.02.2028", TODAY) == ParsedDate(date(2028, 2, 29))
    assert format_date(date(2027, 3, 1), weekday=True) == "mandag 1. mars 2027"
