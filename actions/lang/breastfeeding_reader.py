"""Reading answers about breastfeeding time (ammefri): one user message -> slot candidates,
problems and notices.

Pure (no Rasa, no parameter tables): the glue passes the text, the question asked (`requested`),
what is known so far, today's date and the hours of a full state working day (for "heltid").
Slots: bf_child_birth (ISO), bf_hours (hours per working day), bf_employer
(state | municipal | private | self_employed | unknown: "vet ikke", the law is applied). The questions and their conditions are in
data/interview/breastfeeding.yml.
"""
from __future__ import annotations

import re
from datetime import date

from dateutil.relativedelta import relativedelta

from . import parse
from .dates import InvalidDate, format_date, parse_date
from .numbers import parse_number
from .reading import Reading

BF_CHILD_MAX_YEARS = 4
BF_MAX_HOURS = 16.0


_EMPLOYER = [
    ("self_employed", r"\b(selvstendig\w*|sjølvstendig\w*|næringsdrivende|eget firma|enkeltpersonforetak)\b"),
    ("municipal", r"\b(kommun\w*|fylkeskommun\w*|fylket)\b"),
    ("state", r"\b(stat|staten|statlig\w*|statens|direktorat\w*|universitet\w*|høgskole\w*|nav)\b"),
    ("private", r"\b(privat\w*|bedrift\w*|firma\w*|butikk|as|aksjeselskap)\b"),
]
_MONTHS_OLD = re.compile(r"(?<![\w-])(-?\d{1,2}|en|ein|ett|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|"
                         r"tolv)\s*(måned\w*|månad\w*|mnd)", re.I)
_WEEKS_OLD = re.compile(r"(?<![\w-])(-?\d{1,2}|en|ei|ein|to|tre|fire|fem|seks)\s*(uker|uke|veker|veke)\s*"
                        r"(gammel|gamal|gml)?", re.I)
_YEARS_OLD = re.compile(r"(?<![\w-])(-?\d{1,2}|ett|eitt|et|to|tre|fire|fem)\s*(år|åring)\b", re.I)
_HOURS = re.compile(r"(?<![\w-])(-?\d{1,2}(?:[.,]\d{1,2})?)\s*(t\b|timer|time|tima|timar|h\b|hours?)?", re.I)


def _small_number(raw: str) -> int | None:
    raw = raw.lower()
    if raw in ("en", "ein", "ett", "eitt", "et", "ei"):
        return 1
    return parse_number(raw)


def read_breastfeeding(text: str, requested: str | None, known: dict, today: date,
                       activating: bool = False, full_day_hours: float | None = None) -> Reading:
    t = parse.clean(text)
    out = Reading()
    if not t or parse.looks_like_markup(t):
        return out
    low = t.lower()

    # The child's birth date or age.
    if requested == "bf_child_birth" or re.search(r"\b(født|fødd|gammel|gamal|måned|måneder|mnd)\b", low):
        _read_child(low, today, out, asked=requested == "bf_child_birth")

    # Hours per working day.
    if requested == "bf_hours" or re.search(r"\btime|timer|heltid|deltid|full tid|fulltid|full stilling\b", low) or (
            re.search(r"\b(jobber|jobbar|arbeider)\b", low) and _PERCENT.search(low)):
        _read_hours(low, requested, out, full_day_hours)

    # Employer.
    if requested == "bf_employer" or activating or re.search(r"\bjobber|jobbar|arbeider|ansatt\b", low):
        for code, pattern in _EMPLOYER:
            if re.search(pattern, low):
                out.slots["bf_employer"] = code
                break
        else:
            if requested == "bf_employer" and _DONT_KNOW.search(low):
                # Without a known agreement the law applies; said back so that it can be corrected.
                out.slots["bf_employer"] = "unknown"
                out.notices.append(("bf_employer_assumed", {}))
    return out


_DONT_KNOW = re.compile(r"\b(vet ikke|veit ikkje|vet ikkje|veit ikke|usikker|aner ikke|ikke sikker|husker ikke)\b",
                        re.I)
_PERCENT = re.compile(r"(?<![\d,.])(\d{1,3})\s*(%|prosent)", re.I)


def _read_child(low: str, today: date, out: Reading, asked: bool) -> None:
    birth = None
    m = _MONTHS_OLD.search(low)
    w = _WEEKS_OLD.search(low)
    y = _YEARS_OLD.search(low)
    try:
        parsed = parse_date(low, today, prefer_future=False, prefer_past=True)
    except InvalidDate:
        out.problems.append("bf_child_invalid")
        return
    if m:
        n = _small_number(m.group(1))
        if n is None or n < 0:
            out.problems.append("bf_child_invalid")
            return
        years = _small_number(y.group(1)) if y and y.start() < m.start() else None  # "1 år og 3 måneder"
        birth = today - relativedelta(years=years or 0, months=n)
    elif w and (asked or w.group(3)):
        n = _small_number(w.group(1))
        if n is None or n < 0:
            out.problems.append("bf_child_invalid")
            return
        birth = today - relativedelta(weeks=n)
    elif parsed is not None and parsed.precision != "week":
        if parsed.precision == "month":
            out.problems.append("bf_child_month")
            return
        birth = parsed.date
    elif y:
        n = _small_number(y.group(1))
        if n is None or n < 0:
            out.problems.append("bf_child_invalid")
            return
        birth = today - relativedelta(years=n)
    if birth is None:
        return
    if birth > today:
        out.problems.append("bf_child_future")
        return
    estimated = (parsed is None or not parsed.explicit  # a year guessed is said back, to correct it
                 or bool(m or (w and (asked or w.group(3)))))
    if birth <= today - relativedelta(years=BF_CHILD_MAX_YEARS):
        out.problems.append("bf_child_old")
    else:
        out.slots["bf_child_birth"] = birth.isoformat()
        if estimated:
            out.notices.append(("bf_child_estimated", {"date": format_date(birth)}))
    return


def _read_hours(low: str, requested: str | None, out: Reading, full_day_hours: float | None) -> None:
    share = _PERCENT.search(low)
    if share and full_day_hours is not None and not re.search(r"\b(heltid|full tid|fulltid)\b", low):
        percent = int(share.group(1))
        if 0 < percent < 100:  # "jeg jobber 80 prosent": that share of a full day
            hours = round(full_day_hours * percent / 100, 2)
            out.slots["bf_hours"] = hours
            out.notices.append(("bf_hours_read", {"hours": f"{hours:g}".replace(".", ",")}))
            return
    if requested == "bf_hours" and _DONT_KNOW.search(low) and full_day_hours is not None:
        out.slots["bf_hours"] = float(full_day_hours)  # the common case, said back
        out.notices.append(("bf_hours_read", {"hours": f"{full_day_hours:g}".replace(".", ",")}))
        return
    if re.search(r"\b(heltid|full tid|fulltid|full stilling|100 ?%|100 prosent)\b", low):
        if full_day_hours is not None:
            out.slots["bf_hours"] = float(full_day_hours)
        elif requested == "bf_hours":
            out.problems.append("bf_hours_part_time")  # ask for the hours as a number
        return
    for m in _HOURS.finditer(low):
        if not m.group(2) and requested != "bf_hours":
            continue
        value = float(m.group(1).replace(",", "."))
        if re.search(r"\b(i uka|i uken|per uke|pr uke|i veka|uke|veke)\b", low[m.end():m.end() + 12]):
            value = value / 5
        if value <= 0 or value > BF_MAX_HOURS:
            out.problems.append("bf_hours_range")
        else:
            out.slots["bf_hours"] = round(value, 2)
        return
    if requested == "bf_hours" and re.search(r"\bdeltid\b", low):
        out.problems.append("bf_hours_part_time")
