"""'Forklar enklere': the shortest true version of an answer, for language learners."""
from __future__ import annotations

from actions.rules.care_days import CareDaysResult, WorkType


def care_days_simple(result: CareDaysResult) -> list[str]:
    year = result.input.year
    if not result.in_scope:
        return [f"Kort sagt: Du har ingen dager i {year}.", "Barna er for gamle."]
    if result.input.work_type in (WorkType.SELF_EMPLOYED, WorkType.FREELANCER):
        pay = "De 10 første dagene betaler du selv. Så betaler NAV."
    else:
        pay = "Du får lønn. Du må si fra til jobben."
    return [f"Kort sagt: Du kan være hjemme med sykt barn i {result.total} dager i {year}.",
            pay, "Spør NAV hvis du er usikker."]
