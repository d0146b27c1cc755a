"""Plain-Norwegian rendering of leave results: foreldrepenger (a small plan) and ammefri.

Everything is built from the rules-core results (numbers, dates, legal references); nothing here
decides a right. Short sentences, each term explained the first time, at most 6 messages.
"""
from __future__ import annotations

from datetime import date

from actions.rules import parental_benefit as pb
from actions.rules import work_leave as wl
from actions.rules.facts.parental_leave import EarlyCase, PlanDetails
from actions.rules.legal import LegalRef

from . import note_texts as note_registry
from .dates import format_date
from .figures import weeks_and_days
from .render import DISCLAIMER, Reply, note_texts, sources_line

PLANNER = "nav.no/foreldrepenger/planlegger"
APPLY_WEEKS_BEFORE = 4  # NAV's advice: apply at least 4 weeks before the leave starts
REF_APPLY = LegalRef("folketrygdloven kapittel 14 (søknad)", pb.PAGE_NAV_FORELDREPENGER)
DISCLAIMER_EMPLOYER = "Dette er veiledning, ikke et vedtak. Spør arbeidsgiveren din hvis du er usikker."

ROLE_TEXT = {"mother": "Du er mor.", "father": "Du er far.", "co_mother": "Du er medmor.",
             "adoptive": "Du skal adoptere."}
RIGHTS_TEXT = {
    pb.Rights.BOTH: "Dere har begge rett på foreldrepenger.",
    pb.Rights.ONLY_MOTHER: "Bare mor har rett på foreldrepenger.",
    pb.Rights.ONLY_FATHER: "Bare far eller medmor har rett på foreldrepenger.",
    pb.Rights.MOTHER_ALONE: "Mor er alene om omsorgen.",
    pb.Rights.FATHER_ALONE: "Far eller medmor er alene om omsorgen.",
}
SIMPLE_DETAIL = '/parental_leave_detail{"pl_detail":"coverage"}'
FULL, REDUCED = int(pb.Coverage.FULL), int(pb.Coverage.REDUCED)  # dekningsgrad in percent


def weeks_text(days: int) -> str:
    """Stønadsdager as weeks and days: 306 -> '61 uker og 1 dag', 3 -> '3 dager'."""
    return weeks_and_days(days, pb.DAYS_PER_WEEK)


def _day(d: date) -> str:
    return format_date(d, weekday=True)


def _children_text(n: int) -> str:
    return {1: "Det er ett barn.", 2: "Det er tvillinger."}.get(n, "Det er tre barn eller flere.")


def _version_text(result: pb.ParentalBenefitResult) -> str:
    starts = format_date(result.version.starts)
    later = [c for c in pb.CUT_OVERS if c > result.version.starts]
    what = "adopsjoner" if result.input.event is pb.FamilyEvent.ADOPTION else "barn som er født eller har termin"
    if not later:
        return f"Reglene som gjelder nå, kom {starts}. De gjelder for {what} fra den datoen."
    return (f"Dere følger eldre regler fra {starts}. De gjelder for {what} før "
            f"{format_date(later[0])}.")


def _situation(result: pb.ParentalBenefitResult, role: str | None) -> str:
    inp = result.input
    lines = [ROLE_TEXT.get(role or "", "")]
    if inp.event is pb.FamilyEvent.ADOPTION:
        lines.append(f"Dere får omsorgen for barnet {_day(inp.event_date)}.")
    elif inp.born:
        lines.append(f"Barnet ble født {_day(inp.event_date)}.")
        if inp.due_date:
            lines.append(f"Termin var {_day(inp.due_date)}.")
    else:
        lines.append(f"Barnet har termin {_day(inp.event_date)}.")
    if inp.adopted_child_age is not None:
        lines.append(f"Barnet er {inp.adopted_child_age} år.")
    if result.eligible:
        lines.append(_children_text(inp.children))
        who = "Dere" if inp.rights is pb.Rights.BOTH else "Du"
        lines.append(f"{who} har valgt {int(inp.coverage)} prosent.")
        lines.append(RIGHTS_TEXT[inp.rights])
    return "Dette har du fortalt meg: " + " ".join(x for x in lines if x) + " " + _version_text(result)


def _parts(result: pb.ParentalBenefitResult) -> str:
    both = result.input.rights is pb.Rights.BOTH
    total = weeks_text(result.total)
    first = (f"Dere får {total} med foreldrepenger til sammen." if both
             else f"Du får {total} med foreldrepenger." if result.input.rights in (
                 pb.Rights.MOTHER_ALONE, pb.Rights.FATHER_ALONE)
             else f"Dere får {total} med foreldrepenger.")
    lines = [first, "Foreldrepenger er penger fra NAV mens du er hjemme med barnet."]
    for part in result.accounts:
        days = weeks_text(part.days)
        if part.account is pb.Account.BEFORE_BIRTH:
            lines.append(f"{days} før fødselen er for mor.")
        elif part.account is pb.Account.MOTHER_QUOTA:
            lines.append(f"Mødrekvoten er {days}. Det er ukene som er satt av til mor.")
        elif part.account is pb.Account.FATHER_QUOTA:
            lines.append(f"Fedrekvoten er {days}. Det er ukene som er satt av til far eller medmor.")
        elif part.account is pb.Account.SHARED:
            lines.append(f"Fellesperioden er {days}. Den kan dere dele som dere vil.")
        elif part.account is pb.Account.PARENTAL_BENEFIT and len(result.accounts) > 1:
            lines.append(f"Resten er {days} med foreldrepenger.")
        elif part.account is pb.Account.MULTIPLE_BIRTHS:
            who = "tvillinger" if result.input.children == 2 else "flere barn"
            lines.append(f"Dere får {days} ekstra fordi det er {who}.")
        elif part.account is pb.Account.PREMATURE:
            lines.append(f"Dere får {days} ekstra fordi barnet kom for tidlig.")
    refs = [p.ref for p in result.accounts]
    free = result.allowance(pb.Allowance.ACTIVITY_FREE)
    if free is not None:
        lines.append(f"Av disse kan far eller medmor ta {weeks_text(free.days)} uten krav til hva mor gjør.")
        refs.append(free.ref)
    return " ".join(lines) + " " + sources_line(refs)


def _dates(result: pb.ParentalBenefitResult, today: date, details: PlanDetails) -> str:
    inp = result.input
    lines: list[str] = []
    refs: list[LegalRef] = []
    birth = inp.event is pb.FamilyEvent.BIRTH
    windows = details.mother_windows
    if windows is not None:
        if not inp.born:
            lines.append(f"Mor kan tidligst starte {_day(windows.earliest_start)}. "
                         f"Det er {result.note('before_birth_reserved').get('earliest_weeks')} uker før termin.")
            if windows.reserved_before_birth is not None:
                lines.append(f"De {result.note('before_birth_reserved').get('weeks')} siste ukene før termin er "
                             f"for mor. De starter {_day(windows.reserved_before_birth.start)}.")
        after = windows.reserved_after_birth
        weeks = result.note("mother_six_weeks").get("weeks")
        lines.append(f"Mor skal være hjemme de første {weeks} ukene etter fødselen."
                     + (f" Det er til og med {_day(after.end)}." if inp.born else ""))
        refs.append(windows.ref)
    around = result.allowance(pb.Allowance.FATHER_AROUND_BIRTH)
    if around is not None:
        window = details.father_window
        if window is not None:
            lines.append(f"Far eller medmor kan ta {weeks_text(around.days)} samtidig med mor rundt fødselen. "
                         f"Det kan være fra {_day(window.start)} til {_day(window.end)}.")
            refs.append(window.ref)
    deadline = result.note("deadline")
    if deadline is not None:
        end = deadline.get("last_day")
        if birth:
            lines.append(f"Alle ukene må være brukt før barnet fyller {deadline.get('years')} år. "
                         f"Siste dag er {_day(end)}.")
        else:
            lines.append(f"Alle ukene må være brukt innen {deadline.get('years')} år etter at dere fikk "
                         f"omsorgen. Siste dag er {_day(end)}.")
        refs.append(deadline.ref)
    return "Viktige datoer: " + " ".join(lines) + " " + sources_line(refs)


def _deadline_text(result: pb.ParentalBenefitResult, details: PlanDetails, passed: bool = False) -> str:
    deadline = result.note("deadline")
    years = deadline.get("years") if deadline is not None else None
    end = details.last_day
    if end is None or years is None:
        return ""
    if result.input.event is pb.FamilyEvent.BIRTH:
        rule = (f"Alle ukene måtte være brukt før barnet fylte {years} år." if passed
                else f"Alle ukene må være brukt før barnet fyller {years} år.")
    else:
        rule = (f"Alle ukene måtte være brukt innen {years} år etter at dere fikk omsorgen." if passed
                else f"Alle ukene må være brukt innen {years} år etter at dere fikk omsorgen.")
    return rule + (f" Siste dag var {_day(end)}." if passed else f" Siste dag er {_day(end)}.")


def _passed(result: pb.ParentalBenefitResult, details: PlanDetails) -> str:
    """The weeks could have been used until a day that has passed (a birth or adoption long ago)."""
    return (f"Fristen er ute. {_deadline_text(result, details, passed=True)} "
            "Tiden for å ta ut foreldrepenger for dette barnet gikk ut da. "
            "Har du spørsmål om en sak fra den gangen, ring NAV. " + sources_line([result.note("deadline").ref]))


def early_case(role: str | None, event: str | None, day: date, case: EarlyCase) -> Reply:
    """A birth or adoption before the first rule version in the tables: no weeks computed, the time
    to use them has passed, and who can tell more."""
    reply = Reply()
    what = ("Dere fikk omsorgen for barnet" if event == "adoption" else "Barnet ble født")
    reply.add("Dette har du fortalt meg: " + " ".join(x for x in (ROLE_TEXT.get(role or "", ""),
                                                                  f"{what} {_day(day)}.") if x))
    reply.add(f"Jeg kjenner reglene for barn som er født eller adoptert fra {format_date(case.earliest)}. "
              "For eldre barn kan jeg ikke regne ut ukene. "
              f"Ukene måtte uansett være brukt innen {case.years} år. Siste dag var {_day(case.last_day)}. "
              "Den fristen gikk ut for lenge siden. " + sources_line([pb.REF_DEADLINE]))
    reply.add("Har du spørsmål om en sak fra den gangen, ring NAV. " + DISCLAIMER)
    reply.buttons += [("Snakk med et menneske", "/human_handover"), ("Start på nytt", "/restart")]
    return reply


def follow_up(kind: str, result: pb.ParentalBenefitResult, today: date, details: PlanDetails) -> list[str]:
    """The answer to a follow-up question about the plan just given (how long, until when, can we
    share the weeks, when must the mother start, the father's days around the birth)."""
    inp = result.input
    both = inp.rights is pb.Rights.BOTH
    total = weeks_text(result.total)
    passed = details.last_day is not None and details.last_day < today
    continuous = ""
    if details.continuous is not None and not passed:
        start, end = details.continuous
        continuous = (f"Tar dere alle ukene etter hverandre fra {_day(start)}, er siste dag {_day(end)}. "
                      "Dere kan også ta pauser. Da blir permisjonen lengre.")
    if kind == "split":
        if not both:
            return [f"Bare én av dere har rett. Den som har rett, får alle de {total}. "
                    "Det er ingen kvoter å dele.", continuous]
        mother = weeks_text(result.days(pb.Account.BEFORE_BIRTH) + result.days(pb.Account.MOTHER_QUOTA))
        before = result.days(pb.Account.BEFORE_BIRTH)
        return [(f"Mor har {mother}. Det er {weeks_text(before)} før fødselen og mødrekvoten på "
                 f"{weeks_text(result.days(pb.Account.MOTHER_QUOTA))}. " if before and inp.event is pb.FamilyEvent.BIRTH
                 else f"Mor har mødrekvoten på {weeks_text(result.days(pb.Account.MOTHER_QUOTA))}. ")
                + f"Far eller medmor har fedrekvoten på {weeks_text(result.days(pb.Account.FATHER_QUOTA))}. "
                f"Fellesperioden på {weeks_text(result.account_total(pb.Account.SHARED))} kan dere dele som dere vil. "
                f"Til sammen er det {total}. " + sources_line([pb.REF_QUOTA, pb.REF_PERIOD])]
    if kind == "how_long":
        return [f"{'Dere' if both else 'Du'} får {total} med foreldrepenger til sammen. {continuous}".strip(),
                _deadline_text(result, details, passed)]
    if kind == "until_when":
        return [_deadline_text(result, details, passed), continuous or
                f"{'Dere' if both else 'Du'} får {total} med foreldrepenger til sammen."]
    if kind == "transfer":
        if not both:
            return [f"Bare én av dere har rett på foreldrepenger. Da er alle de {total} samlet. "
                    "Det er ingen kvoter å dele.", "Spør NAV hvis situasjonen endrer seg."]
        shared = weeks_text(result.account_total(pb.Account.SHARED))
        quota = weeks_text(result.days(pb.Account.FATHER_QUOTA))
        return [f"Fellesperioden er {shared}. Den kan dere dele som dere vil. "
                "Tar far eller medmor fellesperioden, må mor jobbe eller studere.",
                f"Mødrekvoten og fedrekvoten er {quota} hver. En kvote er satt av til den ene av dere. "
                "Dere kan ikke gi den til hverandre.",
                "Er den ene av dere syk eller kan ikke ta seg av barnet, kan det finnes unntak. Spør NAV om det. "
                + sources_line([result.accounts[0].ref, pb.REF_QUOTA])]
    if kind == "mother_start" and details.mother_windows is not None:
        w = details.mother_windows
        before = result.note("before_birth_reserved")
        six = result.note("mother_six_weeks")
        lines = []
        if not inp.born:
            lines.append(f"Mor kan tidligst starte {_day(w.earliest_start)}. "
                         f"Det er {before.get('earliest_weeks')} uker før termin.")
            if w.reserved_before_birth is not None:
                lines.append(f"De {before.get('weeks')} siste ukene før termin er for mor. "
                             f"Hun bør starte senest {_day(w.reserved_before_birth.start)}. "
                             "Ukene hun ikke tar før fødselen, mister hun.")
        lines.append(f"Etter fødselen skal mor være hjemme de første {six.get('weeks')} ukene."
                     + (f" Det er til og med {_day(w.reserved_after_birth.end)}." if inp.born else ""))
        return [" ".join(lines) + " " + sources_line([w.ref])]
    if kind == "father_window":
        around = result.allowance(pb.Allowance.FATHER_AROUND_BIRTH)
        lines = []
        if around is not None and details.father_window is not None:
            window = details.father_window
            lines.append(f"Far eller medmor kan ta {weeks_text(around.days)} samtidig med mor rundt fødselen. "
                         f"Det kan være fra {_day(window.start)} til {_day(window.end)}. "
                         "Dagene er en del av fedrekvoten. " + sources_line([window.ref]))
        if details.care is not None:
            lines.append(f"Ved fødselen har du også rett på {details.care.weeks} uker fri fra jobb. Det heter "
                         "omsorgspermisjon. Loven gir ikke lønn for dem, men mange avtaler gjør det. "
                         + sources_line([details.care.ref]))
        if lines:
            return lines
    return []


def _apply(result: pb.ParentalBenefitResult, details: PlanDetails) -> str:
    own, notice, care = details.own_days, details.notice, details.care
    lines = ["Loven gir deg rett til permisjon fra jobben. Den gir også rett til foreldrepenger fra NAV.",
             "Får du mer enn det, er det fordi du har en avtale med arbeidsgiveren. "
             "Sjekk arbeidsavtalen eller tariffavtalen din."]
    refs: list[LegalRef] = [wl.REF_PARENTAL]
    if care is not None:
        lines.append(f"Ved fødselen har du rett på {care.weeks} uker fri fra jobb. Det heter omsorgspermisjon. "
                     "Loven gir ikke lønn for dem, men mange avtaler gjør det.")
        refs.append(care.ref)
    lines.append(f"Slik søker du: Søk på {pb.PAGE_NAV_FORELDREPENGER} minst {APPLY_WEEKS_BEFORE} uker "
                 "før du vil starte.")
    if notice.notice_weeks:
        lines.append(f"Skal du ha {weeks_text(own)} permisjon, må du si fra til arbeidsgiveren minst "
                     f"{notice.notice_weeks} {'uke' if notice.notice_weeks == 1 else 'uker'} før.")
    else:
        lines.append("Si fra til arbeidsgiveren så tidlig som du kan.")
    refs.append(notice.ref)
    lines.append(f"Vil du planlegge ukene? Bruk NAVs planlegger: {PLANNER}")
    refs.append(REF_APPLY)
    return " ".join(lines) + ". " + sources_line(refs)


def _note_text(note, result: pb.ParentalBenefitResult) -> str:
    code = note.code
    if code == "activity_requirement":
        what = "fellesperioden" if result.input.rights is pb.Rights.BOTH else "foreldrepengene"
        return (f"Tar far eller medmor {what}, må mor jobbe eller studere. "
                "Det heter aktivitetskrav.")
    if code == "estimated_from_due_date":
        return "Datoene bygger på termin. Kommer barnet en annen dag, flytter datoene seg."
    if code == "premature_extension":
        return (f"Barnet kom for tidlig. Derfor får dere {note.get('days')} dager ekstra. "
                f"Det er dagene fra fødselen til termin.")
    if code == "premature_pleiepenger_deduction":
        return "Har dere fått pleiepenger for barnet, kan de ekstra dagene bli færre."
    if code == "premature_not_in_force":
        return f"Ekstra dager for barn som kommer for tidlig, gjelder fra {format_date(note.get('from'))}."
    if code == "father_around_birth_not_in_force":
        return (f"Far eller medmor har rett på {weeks_text(note.get('days'))} rundt fødselen fra "
                f"{format_date(note.get('from'))}.")
    if code == "no_requirements_on_father":
        return "Når bare mor har rett, stiller ikke NAV krav til far."
    if code == "edge_2019":
        return (f"Reglene endret seg {format_date(note.get('change_date'))}. "
                "Startet dere før det, kan ukene bli andre.")
    if code == "due_and_birth_under_different_rules":
        return (f"Reglene endret seg {format_date(note.get('change_date'))}. "
                "Termin og fødsel er på hver sin side av den datoen. Jeg har brukt datoen barnet ble født.")
    if code == "adoption_age_limit":
        return f"Barnet må være under {note.get('age_limit')} år."
    if code == "adopted_child_too_old":
        return f"Det gis ikke foreldrepenger når barnet er {note.get('age_limit')} år eller eldre."
    if code == "step_child_adoption":
        return "Adopterer du barnet til ektefellen eller samboeren din, får du ikke foreldrepenger."
    if code == "coverage_choice":
        return (f"Valget av {FULL} eller {REDUCED} prosent gjelder for begge. Dere kan ikke endre det senere."
                if result.input.rights is pb.Rights.BOTH else "Du kan ikke endre valget senere.")
    return note_registry.text(note)  # told elsewhere (source-only) or a registered text; unknown raises


def parental_leave(result: pb.ParentalBenefitResult, role: str | None, today: date,
                   details: PlanDetails) -> Reply:
    """The plan: situation and rule version, the weeks, key dates, how to apply, notes. <= 6 messages.
    `details` (actions.rules.facts.parental_leave.plan_details) holds what the rules core computed
    besides the quotas: the asker's own days, notice, care leave and the windows around the birth."""
    reply = Reply()
    reply.add(_situation(result, role))
    if not result.eligible:
        texts = [_note_text(n, result) for n in result.notes]
        reply.add(" ".join(t for t in texts if t) + " " + sources_line(result.refs))
        reply.add(DISCLAIMER)
        reply.buttons += [("Snakk med et menneske", "/human_handover"), ("Start på nytt", "/restart")]
        return reply
    reply.add(_parts(result))
    if details.last_day is not None and details.last_day < today:
        reply.add(_passed(result, details))
    else:
        reply.add(_dates(result, today, details))
        reply.add(_apply(result, details))
    important = [text for _, text in note_texts(result.notes, lambda n: _note_text(n, result))]
    reply.add(("Viktig å vite: " + " ".join(important) + " " if important else "") + DISCLAIMER)
    reply.buttons += [(f"Hva er forskjellen på {FULL} og {REDUCED} prosent?", SIMPLE_DETAIL),
                      ("Forklar enklere", "/explain_simpler"),
                      ("Fri for å amme", "/ask_breastfeeding"),
                      ("Start på nytt", "/restart")]
    return reply


def coverage_difference(result_100: pb.ParentalBenefitResult, result_80: pb.ParentalBenefitResult) -> list[str]:
    """'Hva er forskjellen på 100 og 80 prosent?' for this family (both results computed)."""
    note = result_100.note("coverage_choice")
    refs = (note.ref,) if note is not None else (pb.REF_COVERAGE,)
    full, reduced = int(result_100.input.coverage), int(result_80.input.coverage)
    return [f"Med {full} prosent får dere {weeks_text(result_100.total)}. Da får dere full sats hver måned.",
            f"Med {reduced} prosent får dere {weeks_text(result_80.total)}. "
            f"Da får dere {reduced} prosent hver måned. "
            "Til sammen blir pengene omtrent like.",
            "Mor velger i søknaden sin. Valget gjelder for begge, og dere kan ikke endre det senere. "
            + sources_line(refs)]


def parental_leave_simple(result: pb.ParentalBenefitResult) -> list[str]:
    """'Forklar enklere': the shortest true version."""
    out = [f"Kort sagt: Dere får penger fra NAV i {weeks_text(result.total)}."]
    if result.input.rights is pb.Rights.BOTH:
        mother = result.days(pb.Account.BEFORE_BIRTH) + result.days(pb.Account.MOTHER_QUOTA)
        out.append(f"Mor har {weeks_text(mother)}. Far eller medmor har "
                   f"{weeks_text(result.days(pb.Account.FATHER_QUOTA))}. "
                   f"Resten kan dere dele.")
    out.append(f"Søk på {pb.PAGE_NAV_FORELDREPENGER} minst {APPLY_WEEKS_BEFORE} uker før. "
               "Spør NAV hvis du er usikker.")
    return out


# --- ammefri ------------------------------------------------------------------------------------
EMPLOYER_TEXT = {wl.EmployerType.STATE: "Du jobber i staten.",
                 wl.EmployerType.MUNICIPAL: "Du jobber i en kommune.",
                 wl.EmployerType.PRIVATE: "Du jobber i en privat bedrift.",
                 wl.EmployerType.SELF_EMPLOYED: "Du har eget firma."}


def _hours(h: float) -> str:
    text = f"{h:g}".replace(".", ",")
    return f"{text} time" if h == 1 else f"{text} timer"


def breastfeeding(result: wl.BreastfeedingResult, employer_asked: bool) -> Reply:
    reply = Reply()
    situation = [f"Barnet er født {format_date(result.child_birth_date)}.",
                 f"Du jobber {_hours(result.hours_per_day)} om dagen."]
    if employer_asked:
        situation.append(EMPLOYER_TEXT[result.employer])
    reply.add("Dette har du fortalt meg: " + " ".join(situation))
    if not result.time_off:
        reply.add("Har du eget firma, har du ingen arbeidsgiver. Da gjelder ikke reglene om ammefri. "
                  + sources_line((result.ref,)))
        reply.add(DISCLAIMER_EMPLOYER)
        reply.buttons += [("Start på nytt", "/restart")]
        return reply
    law = ["Ammefri betyr fri fra jobben for å amme. Du har rett på den tiden du trenger. "
           "For eksempel en halv time to ganger om dagen. Det står i loven."]
    refs: list[LegalRef] = [wl.REF_BREASTFEEDING]
    if result.statutory_paid_hours:
        law.append(f"Loven gir deg lønn for opptil {_hours(result.statutory_paid_hours)} hver arbeidsdag "
                   "det første året.")
        refs.append(wl.REF_BREASTFEEDING_PAID)
    unpaid = result.note("breastfeeding_unpaid_after_first_year")
    if unpaid is not None:
        law.append(f"Loven gir lønn bare det første året. Det varte til og med {format_date(unpaid.get('paid_until'))}. "
                   "Nå har du rett på fri, men uten lønn.")
        refs.append(unpaid.ref)
    short = result.note("breastfeeding_short_day")
    if short is not None:
        law.append(f"Loven gir lønn bare når arbeidsdagen er {_hours(float(short.get('min_day_hours')))} "
                   "eller mer. Da har du rett på fri, men uten lønn.")
        refs.append(short.ref)
    reply.add(" ".join(law) + " " + sources_line(refs))
    state = result.note("breastfeeding_state_agreement")
    if state is not None:
        text = (f"I staten gir en avtale opptil {_hours(float(state.get('hours')))} med lønn hver dag. "
                f"Det gjelder til og med {format_date(state.get('paid_until'))}. "
                "Det står i en avtale, ikke i loven.")
        if result.agreement_paid_hours:
            text += f" Du kan få {_hours(result.agreement_paid_hours)} med lønn hver dag."
        else:
            text += " Du fyller ikke kravene nå. Avtalen krever en hel arbeidsdag."
        reply.add(text + " " + sources_line((state.ref,)))
    elif result.note("agreement_may_give_more") is not None:
        reply.add("En avtale på jobben kan gi deg mer enn loven. Sjekk arbeidsavtalen eller tariffavtalen din.")
    reply.add(DISCLAIMER_EMPLOYER)
    reply.buttons += [("Forklar enklere", "/explain_simpler"),
                      ("Foreldrepermisjon", "/ask_parental_leave"),
                      ("Start på nytt", "/restart")]
    return reply


def breastfeeding_simple(result: wl.BreastfeedingResult) -> list[str]:
    if not result.time_off:
        return ["Kort sagt: Med eget firma har du ikke rett på ammefri."]
    out = ["Kort sagt: Du kan ta fri fra jobben for å amme."]
    if result.paid:
        out.append(f"Du får lønn for opptil {_hours(result.paid_hours)} hver dag.")
    else:
        out.append("Du får ikke lønn for den tiden nå.")
    out.append("Spør arbeidsgiveren hvis du er usikker.")
    return out
