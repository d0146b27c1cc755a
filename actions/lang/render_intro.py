"""Plain-Norwegian answers about the introduction programme: leave at birth or adoption, the
municipality's offers during the leave, and the kindergarten right.

Everything is built from rules-core results (actions.rules.intro_programme, .kindergarten) and
catalogue offers. Short sentences; every term explained the first time; each message ends with its
source; the last message says it is guidance and names the programme adviser. LIX target <= 30.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from actions.rules import intro_programme as ip
from actions.rules import kindergarten as kg
from actions.rules.legal import LegalRef

from .dates import format_date, format_month
from .figures import ordinal
from .numbers import in_words
from .render import UNCONFIRMED_HINT, Reply, sources_line

DISCLAIMER_INTRO = ("Dette er veiledning, ikke et vedtak. Det er kommunen som bestemmer. "
                    "Snakk med programrådgiveren din. Det er den som følger deg opp i programmet.")
DISCLAIMER_KG = "Dette er veiledning, ikke et vedtak. Det er kommunen som bestemmer."
LAW_TEXT = {
    ip.IntroLaw.INTEGRATION_ACT: ("integreringsloven", "Det er den nye loven om programmet fra 2021."),
    ip.IntroLaw.INTRODUCTION_ACT: ("introduksjonsloven", "Det er den gamle loven om programmet."),
}
GENERAL_KINDS = ("norskkurs", "språkkafé", "åpen barnehage", "barselgruppe")
BUTTON_SIMPLER = ("Forklar enklere", "/explain_simpler")
BUTTON_PERSON = ("Snakk med et menneske", "/human_handover")
BUTTON_RESTART = ("Start på nytt", "/restart")


def _when(d: date, precision: str) -> str:
    return f"i {format_month(d)}" if precision == "month" else format_date(d, weekday=True)


def _src(*refs: LegalRef) -> str:
    return sources_line(tuple(dict.fromkeys(refs)))


# =================================================================================================
# Leave in the introduction programme
# =================================================================================================
@dataclass(frozen=True)
class LeaveAnswer:
    """What the glue knows, already run through the rules core."""

    law: ip.LawResult
    event: ip.FamilyEvent | None = None
    event_date: date | None = None
    date_precision: str = "day"
    both_in_programme: bool | None = None
    leave: ip.LeaveResult | None = None
    leave_start_assumed: bool = True  # True: the leave start is the event date (we say so)
    municipality_name: str | None = None  # None: not told
    offers: tuple = ()  # actions.catalogue.lookup.OfferView
    reminder: kg.ApplicationReminder | None = None
    today: date | None = None
    permit_assumed: bool = False  # "vet ikke": integreringsloven assumed
    permit_not_needed: bool = False  # arrival from 2021: the law is the same for every permit year
    arrival_assumed: bool = False  # "vet ikke": arrival before 2021 assumed
    child_age_assumed: bool = False  # "vet ikke": under the age limit assumed
    both_case: ip.LeaveResult | None = None  # both in the programme not known: that case too


def law_message(a: LeaveAnswer) -> str:
    inp = a.law.input
    said = []
    if a.permit_assumed:
        said.append("Du vet ikke når du fikk oppholdstillatelse.")
    elif a.permit_not_needed:
        pass  # the arrival year decides: said below
    elif isinstance(inp.permit, date):
        said.append(f"Du fikk oppholdstillatelse i {format_month(inp.permit)}.")
    else:
        said.append(f"Du fikk oppholdstillatelse i {inp.permit}.")
    if a.arrival_assumed:
        said.append("Du vet ikke året du kom til Norge.")
    elif inp.arrival is not None:
        said.append(f"Du kom til Norge i {inp.arrival}.")
    if a.event is ip.FamilyEvent.ADOPTION and a.child_age_assumed:
        said.append("Dere skal adoptere et barn.")
    elif a.event is ip.FamilyEvent.ADOPTION and a.leave is not None:
        said.append(f"Dere skal adoptere et barn på {a.leave.input.child_age_at_adoption} år.")
    elif a.event is ip.FamilyEvent.BIRTH and a.event_date is not None:
        if a.today is not None and a.event_date <= a.today:
            said.append(f"Barnet ble født {_when(a.event_date, a.date_precision)}.")
        else:
            said.append(f"Dere venter barn {_when(a.event_date, a.date_precision)}.")
    if a.both_in_programme is True:
        said.append("Dere er begge i programmet.")
    elif a.both_in_programme is False:
        said.append("Bare én av dere er i programmet.")
    elif a.both_case is not None:
        said.append("Du vet ikke om dere begge er i programmet.")
    text = "Dette har du fortalt meg: " + " ".join(said)
    law = a.law.law
    if law is None:
        if a.law.outcome is ip.LawOutcome.NOT_COVERED:
            text += (" Da gjelder ikke reglene om introduksjonsprogrammet for deg. De gjelder for "
                     "dem som fikk oppholdstillatelse fra 1. september 2005.")
        return text + " " + _src(a.law.ref)
    name, explain = LAW_TEXT[law]
    if a.permit_not_needed:
        text += f" Da gjelder {name} for deg, uansett når du fikk tillatelse. {explain}"
    elif a.permit_assumed:
        text += (f" Jeg regner med at {name} gjelder for deg. Den gjelder hvis du fikk tillatelse "
                 "fra 2021. Spør programrådgiveren om det stemmer.")
    elif a.arrival_assumed:
        text += (f" Jeg regner med at du kom før 2021. Da gjelder {name} for deg. {explain} "
                 "Spør programrådgiveren om det stemmer.")
    else:
        text += f" Da gjelder {name} for deg. {explain}"
    refs = list(a.law.refs)
    if any(n.ref.unconfirmed for n in a.law.notes):
        text += " Året du kom, avgjør. " + UNCONFIRMED_HINT.replace("NAV", "programrådgiveren")
    return text + " " + _src(*[r for r in refs if not r.unconfirmed] or refs)


def length_message(a: LeaveAnswer) -> str:
    leave = a.leave
    assert leave is not None
    start = leave.input.leave_start
    parts = [f"Du kan ha permisjon i opptil {leave.max_months} måneder. "
             "Permisjon betyr at du har fri fra programmet."]
    if leave.input.event is ip.FamilyEvent.BIRTH:
        parts.append("Du må ta den i barnets første leveår.")
    parts.append("Du får ikke introduksjonsstønad i permisjonen. "
                 "Introduksjonsstønad er pengene du får i programmet.")
    if start is not None:
        if a.leave_start_assumed:
            what = "fødselen" if leave.input.event is ip.FamilyEvent.BIRTH else "dagen dere får barnet"
            parts.append(f"Jeg regner fra {what}, {_when(start, a.date_precision)}.")
            if a.date_precision == "month":
                parts.append(f"Du skrev bare måneden. Derfor regner jeg fra {format_date(start)}.")
        else:
            parts.append(f"Permisjonen starter {format_date(start, weekday=True)}.")
        if leave.latest_end is not None:
            parts.append(f"Da kan den vare til og med {format_date(leave.latest_end, weekday=True)}.")
        if leave.note("leave_start_after_first_year"):
            parts.append("Barnets første leveår er over. Da er det for sent å ta permisjon.")
    if a.child_age_assumed:
        limit = leave.note("adoption_under_limit")
        if limit is not None:
            parts.append(f"Jeg regner med at barnet er under {limit.get('age_below')} år. "
                         "Da har du rett til fri.")
    if leave.note("adoption_window_unconfirmed"):
        parts.append("Ved adopsjon vet jeg ikke sikkert hvor lenge du kan vente med å ta fri. "
                     "Spør den som følger deg opp.")
    return " ".join(parts) + " " + _src(leave.ref)


def reserved_message(a: LeaveAnswer) -> str:
    leave = a.leave
    assert leave is not None
    father = leave.reserved_for(ip.ParentRole.FATHER)
    mother = leave.reserved_for(ip.ParentRole.MOTHER)
    refs = [leave.ref]
    both_father = a.both_case.reserved_for(ip.ParentRole.FATHER) if a.both_case is not None else None
    if father is None and both_father is not None:
        both_mother = a.both_case.reserved_for(ip.ParentRole.MOTHER)
        refs.append(both_father.ref)
        text = (f"Går dere begge i programmet? Da har far {both_father.days} dager som bare han kan ta.")
        if both_mother is not None and both_mother.days is not None:
            text += f" Mor har {both_mother.days} dager som bare hun kan ta."
        text += (" Det er virkedager. Dager som ikke blir brukt, faller bort. "
                 "Går bare én av dere, er ingen dager satt av. Da kan den ene ta hele permisjonen.")
    elif father is None:
        text = ("Når bare én av dere er i programmet, er ingen dager satt av til far eller mor. "
                "Den som er i programmet, kan ta hele permisjonen.")
    else:
        refs.append(father.ref)
        text = f"Far har {father.days} dager av permisjonen som bare han kan ta."
        if mother is not None and mother.days is not None:
            text += f" Mor har også {mother.days} dager som bare hun kan ta."
        else:
            text += " Om mor også har egne dager, er ikke sikkert. Spør programrådgiveren."
        text += (" Det er virkedager, altså vanlige arbeidsdager. "
                 "Dager som ikke blir brukt, faller bort. "
                 "Er far syk eller skadet og trenger mye hjelp, kan kommunen gjøre unntak. "
                 "Da trenger dere en erklæring fra legen.")
    off = {d.parent: d for d in leave.days_off_with_benefit}
    if off:
        m, f = off.get(ip.ParentRole.MOTHER), off.get(ip.ParentRole.FATHER)
        text += (f" I tillegg har mor {m.days} dager fri med stønad etter fødselen. "
                 f"Far kan få {f.days} dager fri med stønad.")
        refs.append(m.ref)
    return text + " " + _src(*refs)


def offer_lines(offers) -> list[str]:
    """One short line per catalogue offer: name, place, when, language support, childcare."""
    lines = []
    for o in offers:
        line = f"• {o.name}. Sted: {o.place}. Når: {o.when}."
        if o.language_support:
            line += " Hjelp på " + ", ".join(o.language_support) + "."
        line += " Barnepass: ja." if o.childcare else " Barnepass: nei."
        if o.counts_in_nir:
            line += " Timene teller."
        lines.append(line)
    return lines


def local_offers_message(municipality_name: str | None, offers) -> str:
    if municipality_name is None:
        return ("Jeg vet ikke hvor du bor. Spør programrådgiveren hva som finnes der. Vanlige tilbud er "
                + ", ".join(GENERAL_KINDS[:-1]) + f" og {GENERAL_KINDS[-1]}. Ofte kan barnet være med.")
    if not offers:
        return ("Kommunen din har ikke lagt inn tilbud her ennå. Det kan være kurs i norsk eller "
                "språkkafé. Det kan også være åpen barnehage eller barselgruppe. "
                f"Spør kommunen i {municipality_name} hva som finnes der.")
    head = f"Dette finnes i {municipality_name}:"
    if any(o.example_data for o in offers):
        head += " (Det er eksempler. Sjekk med kommunen.)"
    return "\n".join([head, *offer_lines(offers)])


def _offer_month(duty: ip.OfferDutyResult | None) -> int | None:
    """The month of the leave from which the offer is owed, from the rules result."""
    note = duty.note("offer_from") if duty is not None else None
    return note.get("month") if note is not None else None


def offer_message(a: LeaveAnswer) -> str:
    leave = a.leave
    assert leave is not None
    duty = leave.offer
    month = _offer_month(duty) or leave.offer_from_month
    if duty is None:
        text = (f"Fra den {ordinal(month)} måneden av permisjonen skal kommunen gi deg et tilbud. "
                if month else "Etter en tid i permisjonen skal kommunen gi deg et tilbud. ")
        refs = [leave.ref]
    elif not duty.offer_period_arises:
        text = (f"Permisjonen din er kortere enn {in_words(month - 1)} måneder. "
                "Da har ikke kommunen plikt til å gi et tilbud. ")
        refs = [duty.ref]
    else:
        text = (f"Fra {format_date(duty.offer_from, weekday=True)} skal kommunen gi deg et tilbud. "
                f"Det er den {ordinal(month)} måneden av permisjonen. ")
        refs = [duty.ref]
    text += ("Du får hjelp og kan lære norsk. Du velger selv om du vil være med. "
             + local_offers_message(a.municipality_name, a.offers))
    return text + "\n" + _src(*refs)


def kindergarten_reminder_text(r: kg.ApplicationReminder) -> str:
    right = r.right
    parts = [f"Barnet har rett til barnehageplass fra {format_month(right.right_from)}."]
    if right.may_offer_august:
        parts.append(f"Kommunen kan også tilby plass i august {right.right_year}. Da velger dere.")
    if r.return_before_right:
        parts.append("Permisjonen slutter før det. Før det får barnet bare plass hvis det er ledig.")
    if r.deadline_passed:
        parts.append(f"Fristen for å søke var {format_date(r.deadline, weekday=True)}. "
                     "Søk likevel så fort du kan. Da kommer barnet på venteliste.")
        if r.next_deadline:
            parts.append(f"Neste frist er {format_date(r.next_deadline, weekday=True)}.")
    else:
        parts.append(f"Du må søke innen {format_date(r.deadline, weekday=True)}. "
                     "Det er søknadsfristen, altså siste dag du kan søke.")
    if r.deadline_is_default:
        parts.append("Mange kommuner har frist 1. mars. Sjekk fristen i kommunen din.")
    return " ".join(parts)


def kindergarten_message(a: LeaveAnswer) -> str:
    r = a.reminder
    if r is None:
        return ("Trenger barnet barnehage når du skal tilbake til programmet? Søk i god tid. "
                "Mange kommuner har frist 1. mars. Det er siste dag du kan søke. "
                + _src(kg.REF_DEADLINE))
    return ("Når du skal tilbake til programmet, trenger barnet kanskje barnehage. "
            + kindergarten_reminder_text(r) + " " + _src(r.right.ref, kg.REF_DEADLINE))


def closing_message() -> str:
    return DISCLAIMER_INTRO + " Vil du vite mer?"


def intro_leave(a: LeaveAnswer) -> Reply:
    """The answer, at most six messages: law, length, reserved days, the municipality's offer,
    kindergarten, guidance and who to talk to."""
    reply = Reply()
    reply.add(law_message(a))
    if a.leave is not None and a.leave.entitled:
        reply.add(length_message(a))
        reply.add(reserved_message(a))
        reply.add(offer_message(a))
        reply.add(kindergarten_message(a))
    elif a.leave is not None:  # adopted child too old
        limit = a.leave.note("adopted_child_too_old").get("age_below")
        reply.add(f"Barnet er {limit} år eller eldre. Da gir ikke reglene permisjon fra programmet. "
                  "Snakk med programrådgiveren om hva du kan gjøre. " + _src(a.leave.ref))
    elif a.law.outcome is ip.LawOutcome.NOT_COVERED:
        reply.add("Er du i et program likevel? Da kan andre regler gjelde. Snakk med programrådgiveren om det.")
    reply.add(closing_message())
    reply.buttons += [BUTTON_SIMPLER, ("Tilbud i kommunen", "/ask_leave_offers"),
                      ("Barnehageplass", "/ask_kindergarten"), BUTTON_PERSON, BUTTON_RESTART]
    return reply


def intro_follow_up(kind: str, a: LeaveAnswer) -> Reply | None:
    """A follow-up question answered from the same result, with its source: 'until' (when the
    leave ends), 'offer' (when the municipality's offer starts), 'earlier' (the child comes earlier
    or later than the due date). None: answer in full."""
    leave = a.leave
    if leave is None or not leave.entitled:
        return None
    reply = Reply()
    if kind == "until":
        reply.add(length_message(a))
    elif kind == "offer":
        reply.add(offer_message(a))
    elif kind == "earlier":
        what = "fødselen" if leave.input.event is ip.FamilyEvent.BIRTH else "adopsjonen"
        text = (f"Permisjonen regnes fra {what}, ikke fra termin. Kommer barnet tidligere, "
                "starter permisjonen tidligere. Da slutter den også tidligere. "
                f"Du kan ha permisjon i opptil {leave.max_months} måneder fra {what}. ")
        if leave.input.event is ip.FamilyEvent.BIRTH:
            text += "Den må tas i barnets første leveår. "
        month = _offer_month(leave.offer) or leave.offer_from_month
        if month:
            text += f"Tilbudet fra kommunen kommer fra den {ordinal(month)} måneden av permisjonen. "
        text += "Skriv den nye datoen når barnet er født. Da regner jeg ut datoene på nytt. "
        reply.add(text + _src(leave.ref))
    else:
        return None
    reply.buttons += [BUTTON_SIMPLER, ("Barnehageplass", "/ask_kindergarten"), BUTTON_PERSON, BUTTON_RESTART]
    return reply


def intro_leave_simple(a: LeaveAnswer) -> list[str]:
    """'Forklar enklere': very short sentences for learners."""
    if a.leave is None or not a.leave.entitled:
        return ["Kort sagt: Reglene om fri fra programmet gjelder ikke for deg. "
                "Snakk med den som følger deg opp i programmet. Hun eller han kan hjelpe deg."]
    out = [f"Kort sagt: Du kan ha fri fra programmet i {a.leave.max_months} måneder. "
           "Du får ikke penger fra programmet da."]
    later = []
    duty = a.leave.offer
    if duty is not None and duty.offer_period_arises:
        later.append(f"Fra {format_date(duty.offer_from)} kan du lære norsk igjen. Du velger selv.")
    if a.reminder is not None:
        later.append(f"Søk barnehage før {format_date(a.reminder.deadline)}.")
    later.append("Spør den som følger deg opp i programmet hvis du lurer på noe.")
    out.append(" ".join(later))
    return out


# =================================================================================================
# The municipality's offers during the leave
# =================================================================================================
def leave_offers(duty: ip.OfferDutyResult, municipality_name: str | None, offers,
                 leave_start_known: bool) -> Reply:
    reply = Reply()
    nth = ordinal(_offer_month(duty) or 0)
    if leave_start_known and duty.offer_period_arises:
        first = (f"Har du permisjon fra programmet, skal kommunen gi deg et tilbud fra "
                 f"{format_date(duty.offer_from, weekday=True)}. Det er den {nth} måneden av permisjonen.")
    else:
        first = ("Har du permisjon fra programmet, skal kommunen gi deg et tilbud. "
                 f"Det gjelder fra den {nth} måneden av permisjonen.")
    first += (" Du velger selv om du vil være med. Tilbudet skal passe for deg. "
              "Ofte er det i grupper.")
    reply.add(first + " " + _src(duty.ref))
    reply.add("Det er to slags norsk. Norskopplæring er undervisning med lærer etter en plan. "
              "Timene blir registrert og teller i programmet. "
              "Norsktrening er å øve, for eksempel på språkkafé. Den teller ikke. "
              "Ofte kan barnet få pass mens du er der. " + _src(ip.REF_OFFER_GUIDANCE))
    reply.add("Kommunen skal si fra om tilbudet før du får fri. Mot slutten av fritiden bør dere "
              "ha et møte. Der snakker dere om norsken din, planen videre, pass av barnet og "
              "barnehage.")
    reply.add(local_offers_message(municipality_name, offers))
    reply.add(closing_message())
    reply.buttons += [BUTTON_SIMPLER, ("Permisjon i programmet", "/ask_intro_leave"), BUTTON_PERSON]
    return reply


LEAVE_OFFERS_SIMPLE = ["Kort sagt: Kommunen skal gi deg et tilbud når du har fri med barnet. "
                       "Det starter noen måneder etter at permisjonen begynner.",
                       "Du kan lære norsk. Du velger selv. Spør den som følger deg opp i programmet."]


# =================================================================================================
# Kindergarten
# =================================================================================================
def application_text(c: kg.ApplicationCheck, precision: str = "day") -> str:
    """When the family applied, against the deadline of the place (kg.application_check)."""
    r = c.reminder
    deadline = format_date(r.deadline, weekday=True)
    place = (f"innen utgangen av {format_month(r.right.right_from)}"
             if r.right.group is kg.RightGroup.END_OF_BIRTH_MONTH else f"fra {format_month(r.right.right_from)}")
    nxt = ""
    if c.next_deadline is not None and c.right_from_next_intake is not None:
        nxt = (f" Neste frist er {format_date(c.next_deadline, weekday=True)}. Søker dere innen da, "
               f"har barnet rett til plass fra {format_month(c.right_from_next_intake)}.")
    if not c.known:
        return (f"Søkte dere innen {deadline}? Da har barnet rett til plass {place}. "
                "Søkte dere senere, kommer barnet på venteliste." + nxt)
    if c.applied_on is None:
        return (f"Fristen for den plassen var {deadline}. Dere har ikke søkt ennå. "
                "Søk så fort du kan. Da kommer barnet på venteliste." + nxt)
    sent = f"i {format_month(c.applied_on)}" if precision == "month" else format_date(c.applied_on)
    if c.in_time:
        return (f"Dere søkte {sent}. Det er før fristen {deadline}. "
                f"Da har barnet rett til plass {place}.")
    return (f"Dere søkte {sent}. Det er etter fristen {deadline}. "
            f"Da har ikke barnet rett til plass {place}. Barnet står på venteliste. "
            "Det kan få plass hvis en plass blir ledig." + nxt + " Spør kommunen om søknaden gjelder da.")


def kindergarten_before_right(reminder: kg.ApplicationReminder) -> Reply:
    """'Can we get a place before the child is one?': the right starts in its month; before that
    only a free place (løpende opptak)."""
    right = reminder.right
    reply = Reply()
    reply.add(f"Barnet har rett til plass fra {format_month(right.right_from)}. "
              "Før det har barnet ikke rett til plass. Det kan likevel få plass hvis en plass er ledig. "
              "Mange kommuner tar inn barn gjennom året. Spør kommunen. " + _src(right.ref))
    reply.add(DISCLAIMER_KG)
    reply.buttons += [BUTTON_SIMPLER, ("Permisjon i programmet", "/ask_intro_leave"), BUTTON_PERSON,
                      BUTTON_RESTART]
    return reply


def kindergarten(reminder: kg.ApplicationReminder, precision: str = "day",
                 check: kg.ApplicationCheck | None = None, applied_precision: str = "day") -> Reply:
    right = reminder.right
    reply = Reply()
    born = ("Barnet er født" if right.birth_date <= reminder.today else "Barnet skal etter planen bli født")
    when = (f"i {format_month(right.birth_date)}" if precision == "month"
            else format_date(right.birth_date))
    age = in_words(relativedelta(right.turns_one, right.birth_date).years)
    first = f"{born} {when}. Det fyller {age} år i {format_month(right.turns_one)}."
    if right.group is kg.RightGroup.BY_AUGUST:
        first += (f" Barn som fyller {age} år innen utgangen av august, har rett til plass fra august. "
                  f"Barnet ditt har rett til plass fra {format_month(right.right_from)}.")
    elif right.group is kg.RightGroup.END_OF_BIRTH_MONTH:
        first += (f" Da har barnet rett til plass innen utgangen av {format_month(right.right_from)}. "
                  f"Kommunen kan også tilby plass i august {right.right_year}. Da velger dere.")
    else:
        first += (f" Barn som fyller {age} år i desember, får plass fra august året etter. "
                  f"Barnet ditt har rett til plass fra {format_month(right.right_from)}.")
    reply.add(first + " " + _src(right.ref))
    if check is not None and reminder.deadline_passed:
        second = application_text(check, applied_precision)
    elif reminder.deadline_passed:
        second = (f"Søknadsfristen for den plassen var {format_date(reminder.deadline, weekday=True)}. "
                  "Søknadsfrist er siste dag du kan søke. Søk likevel så fort du kan. "
                  "Da kommer barnet på venteliste.")
        if reminder.next_deadline:
            second += f" Neste frist er {format_date(reminder.next_deadline, weekday=True)}."
    else:
        second = (f"Du må søke innen {format_date(reminder.deadline, weekday=True)}. "
                  "Søknadsfrist er siste dag du kan søke.")
    second += (" Mange kommuner har frist 1. mars. Sjekk fristen i kommunen din. "
               "Retten gjelder plass i kommunen der dere bor, ikke i en bestemt barnehage.")
    reply.add(second + " " + _src(kg.REF_DEADLINE))
    reply.add(DISCLAIMER_KG + " Vil du vite mer?")
    reply.buttons += [BUTTON_SIMPLER, ("Permisjon i programmet", "/ask_intro_leave"), BUTTON_PERSON,
                      BUTTON_RESTART]
    return reply


def kindergarten_simple(reminder: kg.ApplicationReminder) -> list[str]:
    first = (f"Kort sagt: Barnet får plass fra {format_month(reminder.right.right_from)}. "
             "Da kan det gå i barnehage.")
    if reminder.deadline_passed:
        second = "Fristen har gått ut. Søk nå likevel. Spør kommunen når du kan få plass."
    else:
        second = f"Søk før {format_date(reminder.deadline)}. Spør kommunen om fristen er den samme der."
    return [first, second]


def kindergarten_too_old(nxt: date) -> Reply:
    """A child born so long ago that the rule's modelled period does not cover its first birthday:
    it already has a right; `nxt` is the next main-intake deadline
    (actions.rules.facts.kindergarten.next_application_deadline)."""
    reply = Reply()
    reply.add("Barnet er så gammelt at det har rett til barnehageplass hvis dere søker innen "
              f"fristen. Neste vanlige frist er {format_date(nxt, weekday=True)}. "
              "Sjekk fristen i kommunen din. " + _src(kg.REF_RIGHT, kg.REF_DEADLINE))
    reply.add(DISCLAIMER_KG)
    reply.buttons += [BUTTON_PERSON, BUTTON_RESTART]
    return reply
