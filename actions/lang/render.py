"""Plain-Norwegian rendering of rules-core results.

Everything the bot says about a result is built here from the result object: the restated
situation, the number, the explanation part by part, the notes and the sources. Short sentences,
everyday words, each legal term explained the first time (LIX target: <= 30).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from datetime import date

from actions.rules.care_days import (
    REF_BASE,
    REF_EMPLOYER,
    REF_NAV_DIRECT,
    REF_SCOPE,
    REF_SELF_EMPLOYED,
    REF_TRANSFER,
    CareDaysResult,
    CareSituation,
    TransferResult,
    WorkType,
)
from actions.rules.legal import LegalRef

from .dates import format_date

from . import note_texts as note_registry
from .numbers import in_words

DISCLAIMER = ("Dette er veiledning, ikke et vedtak. Det er NAV som bestemmer. "
              "Ring NAV på 55 55 33 33 hvis du vil ha svar på din sak.")
UNCONFIRMED_HINT = "Dette punktet er ikke sikkert. Spør NAV for å være sikker."


@dataclass
class Reply:
    """What the glue sends: messages in order, then optional buttons under the last one."""

    messages: list[str] = field(default_factory=list)
    buttons: list[tuple[str, str]] = field(default_factory=list)  # (title, payload)

    def add(self, text: str) -> "Reply":
        if text:
            self.messages.append(text)
        return self


def note_texts(notes, text_for) -> list[tuple[object, str]]:
    """(note, text) for each note that has a text; an unconfirmed [U] rule always says so."""
    out = []
    for note in notes:
        text = text_for(note)
        if not text:
            continue
        if note.ref.unconfirmed:
            text += " " + UNCONFIRMED_HINT
        out.append((note, text))
    return out


def children_phrase(n: int) -> str:
    return f"{in_words(n)} barn"


_PARAGRAPH = re.compile(r"^(?P<law>[\wæøå-]+) (?P<sign>§+) (?P<para>\d+(?:-\d+)?(?: ?[a-z]\b)?)")


def sources_line(refs: tuple[LegalRef, ...] | list[LegalRef]) -> str:
    """'Kilde: folketrygdloven § 9-6 og § 9-8. Les mer: nav.no/omsorgspenger.' Paragraph parts
    (ledd) are folded into their paragraph so the line stays short."""
    laws: dict[str, dict[str, None]] = {}
    other: dict[str, None] = {}
    pages: dict[str, None] = {}
    for r in refs:
        pages.setdefault(r.page, None)
        m = _PARAGRAPH.match(r.law)
        if m:
            laws.setdefault(m.group("law"), {}).setdefault(f"{m.group('sign')} {m.group('para')}", None)
        else:
            other.setdefault(r.law, None)
    parts = [law + " " + " og ".join(paras) for law, paras in laws.items()]
    parts += list(other)
    return "Kilde: " + ", ".join(parts) + ". Les mer: " + ", ".join(pages) + "."


_SITUATION_TEXT = {
    CareSituation.TOGETHER: "Du bor sammen med den andre forelderen.",
    CareSituation.ALONE: "Du er alene om omsorgen.",
    CareSituation.SHARED_RESIDENCE: "Barna har delt fast bosted. Det betyr at de bor like mye hos begge.",
}


def _situation_text(result: CareDaysResult) -> str:
    inp = result.input
    if inp.situation is not CareSituation.TEMPORARILY_ALONE:
        return _SITUATION_TEXT[inp.situation]
    short, unknown = result.note("absence_too_short"), result.note("absence_unknown")
    long = result.note("temporarily_alone")
    if unknown is not None:
        return "Den andre forelderen kan ikke passe barna. Du vet ikke hvor lenge."
    if short is not None:
        return ("Den andre forelderen kan ikke passe barna en kortere tid, "
                f"under {short.get('min_months')} måneder.")
    if long is not None:
        return f"Den andre forelderen kan ikke passe barna i minst {long.get('min_months')} måneder."
    return "Den andre forelderen kan ikke passe barna."


def care_days(result: CareDaysResult, days_used_unknown: bool = False) -> Reply:
    inp = result.input
    year = inp.year
    reply = Reply()
    n_all = len(inp.children)
    n = len(result.in_scope)
    chronic = sum(1 for c in result.in_scope if c.chronic)

    # 1. The situation as we understood it.
    situation = [f"Du har {children_phrase(n_all)}."]
    if n != n_all:
        situation.append(f"{in_words(n).capitalize()} av dem teller med i {year}.")
    situation.append(_situation_text(result))
    if chronic:
        who = "Ett barn" if chronic == 1 else f"{in_words(chronic).capitalize()} barn"
        situation.append(f"{who} har en kronisk eller langvarig sykdom.")
    if inp.days_used is not None:
        situation.append(f"Du har brukt {inp.days_used} omsorgsdager i {year}.")
    if inp.other_parent_disability:
        situation.append("Den andre forelderen får uføretrygd.")
    reply.add("Dette har du fortalt meg: " + " ".join(situation))

    # 2. The number, with the term explained.
    if not n:
        reply.add(f"Du har ikke rett på omsorgsdager i {year}. "
                  "Omsorgsdager er dager du kan være hjemme fra jobb når barnet er sykt.")
    else:
        paid = (" Du får lønn de dagene." if inp.work_type in (WorkType.EMPLOYEE, WorkType.UNKNOWN)
                else "")
        reply.add(f"Du har rett på {result.total} omsorgsdager i {year}. "
                  "Omsorgsdager er dager du kan være hjemme fra jobb når barnet er sykt." + paid)
        left = days_left_text(result, days_used_unknown)
        if left:
            reply.add(left)
        # 3. How the number is made.
        lines = []
        for part in result.parts:
            if part.code == "base":
                lines.append(f"{part.days} dager fordi du har {children_phrase(part.children)} som teller med.")
            elif part.code == "alone_extra":
                why = ("fordi du er alene om omsorgen" if inp.situation is CareSituation.ALONE
                       else "fordi den andre forelderen ikke kan passe barna")
                lines.append(f"{part.days} dager ekstra {why}.")
            elif part.code == "chronic_extra":
                who = "barnet" if part.children == 1 else f"de {in_words(part.children)} barna"
                lines.append(f"{part.days} dager ekstra for {who} med sykdom.")
        reply.add("Slik regner vi: " + " ".join(f"{i}) {line}" for i, line in enumerate(lines, 1)))

    # 4. Notes: what to do and what is uncertain in one message, who pays in another.
    important, payer = [], []
    for note, text in note_texts(result.notes, lambda n: _note_text(n, year)):
        (payer if note.code.startswith("payer") or note.code == "self_certification"
         else important).append(text)
    if important:
        reply.add("Viktig å vite: " + " ".join(important))
    reply.add(" ".join(payer))

    # 5. Source and disclaimer.
    reply.add(sources_line(result.refs) + " " + DISCLAIMER)
    # 6. What the user may want next.
    _more(reply, result)
    return reply


def _more(reply: Reply, result: CareDaysResult) -> None:
    reply.add("Vil du vite noe mer?")
    if result.input.situation is CareSituation.ALONE and result.in_scope:
        reply.buttons.append(("Kan jeg gi dager til en ny partner?", _detail("transfer")))
    reply.buttons += [("Hva kan jeg ikke bruke dagene til?", _detail("not_covered")),
                      ("Hvem kan bruke omsorgsdager?", _detail("carers")),
                      ("Forklar enklere", "/explain_simpler"),
                      ("Start på nytt", "/restart")]


def days_left_text(result: CareDaysResult, days_used_unknown: bool = False) -> str:
    """'Du har brukt 4 dager. Da har du 16 omsorgsdager igjen i 2026.'"""
    year = result.input.year
    left = result.days_left
    if left is not None:
        text = (f"Du har brukt {result.input.days_used} dager. "
                f"Da har du {left} omsorgsdager igjen i {year}.")
        if not left:
            text += f" Du får nye dager 1. januar {year + 1}."
        return text
    if days_used_unknown:
        return ("Du vet ikke hvor mange dager du har brukt. Arbeidsgiveren din har oversikt over "
                "dagene du har brukt. Trekk dem fra tallet over.")
    return ""


def days_left_reply(result: CareDaysResult, days_used_unknown: bool = False) -> Reply:
    """The 'how many are left' follow-up."""
    reply = Reply()
    year = result.input.year
    reply.add(f"Du har rett på {result.total} omsorgsdager i {year}. "
              + days_left_text(result, days_used_unknown))
    reply.add(sources_line((REF_BASE,)) + " " + DISCLAIMER)
    _more(reply, result)
    return reply


def how_long_reply(result: CareDaysResult, until, years_known: bool) -> Reply:
    """'How long do the days last / until when': the calendar year, and the year the right ends
    (`until`: actions.rules.care_days.RightsUntil, § 9-5 third paragraph)."""
    reply = Reply()
    year = result.input.year
    reply.add(f"Omsorgsdagene gjelder for ett kalenderår om gangen. Dagene for {year} gjelder fra "
              f"1. januar til 31. desember {year}. Du får nye dager 1. januar {year + 1}.")
    if until.year is None:
        reply.add(f"Ingen av barna gir deg omsorgsdager i {year}.")
    elif years_known:
        reply.add(f"Du har rett på omsorgsdager til og med {until.year}. Det er året barnet fyller "
                  f"{until.age_limit} år. Retten slutter 31. desember {until.year}.")
    else:
        reply.add(f"Du har rett til og med året det yngste barnet fyller {until.age_limit} år. "
                  "Skriv året barnet er født, så regner jeg ut året.")
    if not until.chronic:
        reply.add("Har barnet en kronisk sykdom, gjelder retten til og med året barnet fyller "
                  f"{until.age_limit_chronic} år. Det krever et vedtak fra NAV.")
    reply.add(sources_line((REF_SCOPE, REF_BASE)) + " " + DISCLAIMER)
    _more(reply, result)
    return reply


def payer_reply(result: CareDaysResult) -> Reply:
    """'Who pays': § 9-8 (the employer) and § 9-9 (NAV; self-employed and freelancers)."""
    reply = Reply()
    year = result.input.year
    texts = [text for note, text in note_texts(result.notes, lambda n: _note_text(n, year))
             if note.code.startswith("payer") or note.code == "self_certification"]
    if not texts:
        texts = [f"Du har ikke rett på omsorgsdager i {year}. Da betaler verken arbeidsgiveren eller NAV."]
    reply.add(" ".join(texts))
    refs = ((REF_SELF_EMPLOYED,) if result.input.work_type in (WorkType.SELF_EMPLOYED, WorkType.FREELANCER)
            else (REF_EMPLOYER, REF_NAV_DIRECT))
    reply.add(sources_line(refs) + " " + DISCLAIMER)
    _more(reply, result)
    return reply


def use_all_reply(result: CareDaysResult) -> Reply:
    """'What if I use them all': no more care days this calendar year; new days on 1 January."""
    reply = Reply()
    year = result.input.year
    reply.add(f"Du har {result.total} omsorgsdager i {year}. Når du har brukt alle, får du ikke flere "
              f"omsorgsdager i {year}. Du får nye dager 1. januar {year + 1}.")
    reply.add("Har et barn en kronisk eller langvarig sykdom, kan du søke NAV om flere dager. "
              "Trenger du mer fri, må du snakke med arbeidsgiveren. Den fritiden er ikke omsorgsdager.")
    reply.add(sources_line((REF_BASE,)) + " " + DISCLAIMER)
    _more(reply, result)
    return reply


_PARTNER_TEXT = {"spouse": "ektefellen din", "cohabitant": "samboeren din"}


def transfer_reply(result: CareDaysResult, transferred: TransferResult | None, partner: str | None,
                   period: tuple[date, date] | None) -> Reply:
    """'Can I transfer days to my partner': the rules core's transfer result, with how long it lasts."""
    reply = Reply()
    if transferred is None:
        for text in transfer_text(result):
            reply.add(text)
        return reply
    if transferred.reason == "ok":
        reply.add(f"Du kan gi opptil {transferred.days} omsorgsdager til {_PARTNER_TEXT.get(partner, 'partneren din')}. "
                  "Du må gi NAV beskjed skriftlig. Dere må bo på samme adresse, og begge må jobbe i Norge.")
        if period is not None:
            reply.add(f"Dagene kan overføres fra du gir NAV beskjed. Det gjelder til og med "
                      f"{format_date(period[1])}. Da slutter retten for det yngste barnet.")
    elif transferred.reason == "not_partner":
        reply.add("Du kan bare gi dager til en ektefelle, eller til en samboer du har bodd med i minst "
                  f"{transferred.cohabitant_min_months} måneder. En kjæreste du ikke bor med, kan ikke få dager.")
    else:
        reply.add(transfer(transferred))
        if transferred.reason == "not_alone":
            reply.add("Bor dere sammen, har begge foreldrene sine egne omsorgsdager.")
    reply.add(sources_line((transferred.ref,)) + " " + DISCLAIMER)
    _more(reply, result)
    return reply


def _detail(code: str) -> str:
    return '/care_days_detail{"care_detail":"%s"}' % code


def _note_text(note, year: int) -> str:
    code = note.code
    if code == "too_old":
        count = note.get("count")
        who = "Ett av barna" if count == 1 else f"{in_words(count).capitalize()} av barna"
        return (f"{who} er for gammelt i {year}. Du har rett til og med året barnet fyller "
                f"{note.get('age_limit')} år. Har barnet en kronisk sykdom, gjelder det til og med året "
                f"barnet fyller {note.get('age_limit_chronic')} år.")
    if code == "chronic_needs_decision":
        return ("De ekstra dagene for sykdom krever et vedtak fra NAV. "
                "Et vedtak er en skriftlig beslutning. Du må søke NAV om det.")
    if code == "alone_must_apply":
        return "Er du alene, må du søke NAV om de ekstra dagene."
    if code == "temporarily_alone":
        return ("Du må søke NAV om dobbelt antall dager. Da gjelder dagene så lenge vedtaket varer. "
                "Du kan ikke gi bort dager til andre.")
    if code == "shared_residence":
        return ("Ved delt bosted er ingen av dere alene om omsorgen. "
                "Dere kan avtale hvordan dere deler dagene. Gi NAV beskjed skriftlig.")
    if code == "payer_employer":
        refund = (f" Er barnet over {note.get('age_limit')} år og kronisk sykt, får arbeidsgiveren "
                  "alt tilbake fra NAV."
                  if note.get("full_refund") else "")
        return ("Arbeidsgiveren betaler lønn for dagene. "
                f"Etter de {note.get('refund_after_days')} første dagene kan den få pengene "
                f"tilbake fra NAV.{refund}")
    if code == "payer_nav_if_employer_does_not":
        return ("Betaler ikke arbeidsgiveren, kan du søke NAV om pengene. "
                "Da må du ha papir fra legen.")
    if code == "self_certification":
        return (f"Du kan bruke egenmelding i opptil {note.get('days')} dager. "
                "Da sier du selv fra om fraværet.")
    if code == "disability_benefit":
        return ("Uføretrygd gir ikke i seg selv flere omsorgsdager. Du får dobbelt så mange dager hvis "
                f"den andre forelderen ikke kan passe barna i minst {note.get('min_months')} måneder. "
                "Det kan være på grunn av sykdom eller funksjonshemning. Da må du søke NAV.")
    if code == "absence_too_short":
        return (f"Du får dobbelt så mange dager bare når den andre forelderen er borte i minst "
                f"{note.get('min_months')} måneder. Slik gjør NAV det. Blir fraværet lengre, "
                "kan du søke NAV.")
    if code == "absence_unknown":
        return (f"Jeg har regnet som om fraværet varer under {note.get('min_months')} måneder. "
                f"Varer det {note.get('min_months')} måneder eller mer, kan du søke NAV om "
                f"{note.get('doubled_total')} dager. Det er NAV som avgjør.")
    if code == "payer_self_employed":
        waiting = note.get("waiting_days")
        if not waiting:
            return (f"Du får penger fra NAV fra første dag, fordi barnet er over {note.get('age_limit')} år "
                    "og har et vedtak.")
        return (f"Du dekker de {waiting} første dagene selv. NAV betaler fra dag {waiting + 1}. "
                "Du må søke NAV om pengene.")
    return note_registry.text(note)  # source-only codes give "", unknown ones raise


def transfer_text(result: CareDaysResult) -> list[str]:
    """Who may get days from a parent alone with the care (the 'ny partner' follow-up)."""
    note = result.note("transfer_possible")
    if note is None:
        return ["Bare den som er alene om omsorgen, kan gi dager til en ny partner.",
                sources_line((REF_TRANSFER,))]
    joint = result.note("new_joint_child")
    lines = [f"Du kan gi opptil {note.get('max_days')} av dagene til en ny ektefelle med en gang. "
             f"En samboer kan få dager når dere har bodd sammen i {note.get('cohabitant_months')} måneder. "
             "Du må gi NAV beskjed skriftlig."]
    if joint is not None:
        lines.append("Får du et nytt barn med partneren din, er du ikke lenger alene om omsorgen. "
                     + UNCONFIRMED_HINT)
    lines.append(sources_line((note.ref,)))
    return lines


def transfer(result: TransferResult) -> str:
    if result.reason == "ok":
        return f"Du kan gi {result.days} dager. Send melding til NAV skriftlig."
    if result.reason == "cohabitant_too_short":
        return (f"Dere må ha bodd sammen i minst {result.cohabitant_min_months} måneder før du kan gi "
                "dager til en samboer.")
    if result.reason == "temporarily_alone":
        return "Du kan ikke gi bort dager når den andre forelderen er midlertidig borte."
    if result.reason == "none_left":
        return "Du har ingen dager igjen som du kan gi bort i år."
    return "Bare den som er alene om omsorgen, kan gi dager til en ny partner."
