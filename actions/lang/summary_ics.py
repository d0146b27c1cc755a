"""A walkthrough summary's key dates as an iCalendar file (RFC 5545, the `icalendar` library):
one all-day event per date, with a stable UID so a re-import updates instead of doubling."""
from __future__ import annotations

import hashlib
from datetime import datetime, time, timedelta, timezone

from icalendar import Calendar, Event

PRODID = "-//Familieveileder//Veiledning//NO"


def render(summary, conversation: str = "") -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", summary.title)
    stamp = datetime.combine(summary.made_on, time(0, 0), tzinfo=timezone.utc)
    for d in summary.dates:
        event = Event()
        key = f"{conversation}|{summary.script_id}|{d.code}".encode()
        event.add("uid", hashlib.sha256(key).hexdigest()[:32] + "@familieveileder")
        event.add("dtstamp", stamp)
        event.add("dtstart", d.day)
        event.add("dtend", d.day + timedelta(days=1))
        event.add("summary", d.label)
        event.add("description", " ".join(x for x in (d.text + ".", d.note, summary.title + ".") if x))
        event.add("categories", [d.code])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()
