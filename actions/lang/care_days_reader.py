"""Reading care-days answers: one user message -> slot candidates and problems.

Pure (no Rasa): the glue passes the text, the question asked (`requested`), what is known so far
and today's date. Problems are codes; the glue sends the matching `utter_invalid_<code>` response.
"""
from __future__ import annotations

import re
from datetime import date

from actions.rules.care_days import FIRST_YEAR

from . import duration, parse
from .dates import InvalidDate, parse_date, relative_year, years_in
from .numbers import parse_number
from .reading import Reading

MAX_CHILDREN = 20
ALL_YOUNG = "all_young"
OLDEST_BIRTH_YEAR_GAP = 30
# Words that mark a correction of an earlier answer ("nei, fire barn", "jeg har egentlig 3 barn").
CORRECTION = re.compile(r"^\s*(nei|nei,|feil|egentlig|rettelse|unnskyld)|\b(egentlig|jeg har|vi har|"
                        r"eg har|me har|det er)\b", re.IGNORECASE)  # a birth year more than 30 years back is not a child in scope


# The follow-up the user asks (care_question), first match wins: "can I transfer", "what if I use
# them all", "how long / until when", "who pays", "how many are left".
_PARTNER_WORDS = (r"samboer\w*|sambuar\w*|kjæreste\w*|ektefelle\w*|ektemann\w*|mann\w*|kona|kone\w*|"
                  r"partner\w*|han|henne|ham|stefar\w*|stemor\w*")
_FOLLOW_UPS = [
    ("transfer", re.compile(
        r"\b(overf[øo]r\w*|få overført|"
        rf"(gi|gje|dele|få|få)\b[^.?!]{{0,40}}\b(omsorgs)?dag\w*[^.?!]{{0,30}}\b({_PARTNER_WORDS})\b|"
        rf"\b({_PARTNER_WORDS})\b[^.?!]{{0,30}}\b(få|overta|ta over|bruke)\b[^.?!]{{0,25}}\b(dag\w*|omsorgsdag\w*)\b.*\bmine\b)")),
    ("use_all", re.compile(
        r"\b(bruke[rt]? opp|brukt opp|bruka opp|oppbrukt|brukt alle|bruker alle|bruke alle|brukar alle|"
        r"ikke flere dager|ingen dager igjen|ingen fleire dagar|tom for dager|slutt på dagene|"
        r"dagene er brukt|alle dagene er brukt|har ikke mer dager|ikke mer dager)\b")),
    ("how_long", re.compile(
        r"\b(hvor lenge (varer|gjelder|har jeg rett|har eg rett|har jeg omsorgsdager|får jeg omsorgsdager)|"
        r"kor lenge (varer|gjeld)|til når|til kva tid|når (slutter|stopper|går ut|utløper|sluttar)|"
        r"varer (omsorgs)?dag\w*|gjelder (omsorgs)?dag\w*|hvor gammel kan barnet|hvor gammelt kan barnet|"
        r"til hvilken alder|hvilken alder|hvor lenge har jeg dem|går dagene ut|hvor lenge kan jeg bruke)\b")),
    ("payer", re.compile(
        r"\b(hvem betaler|kven betaler|kven betalar|hvem skal betale|hvem gir meg (lønn|penger)|"
        r"får jeg (lønn|betalt|penger)|får eg (løn|betalt|pengar)|betaler (nav|arbeidsgiver\w*|sjefen)|"
        r"who pays)\b")),
    ("left", re.compile(
        r"\b(igjen|igjæn|gjenstår|att igjen|resten av dagene|har jeg flere|har eg fleire|flere dager igjen|"
        r"dager til gode|dagar att)\b")),
]
# A follow-up that names the care days (not only "hvem betaler?", which may be about another topic).
_CARE_WORDS = re.compile(r"(omsorgsdag|omsorgspeng|sykt barn|sjukt barn|syk unge|sjuk unge|\bdag(?:er|ar|ene|ane)\b)")
_DAYS_USED = re.compile(
    r"\b(?:brukt|bruka|tatt|tatt ut|teke|vært hjemme|vore heime|vært borte|hatt|brukte|tok)\s+"
    r"(?:ut\s+|allerede\s+|alt\s+|bare\s+|berre\s+)?(?P<n>\d{1,3}|[a-zæøå]+)\s+"
    r"(?:omsorgs|sykt? ?barn-?|sjukt? ?barn-?|sykedag|fri)?dag(?:er|ar|en|ane|ene)?\b"
    r"|\b(?P<m>\d{1,3}|[a-zæøå]+)\s+(?:omsorgs)?dag(?:er|ar)?\s+(?:er\s+|har\s+(?:jeg|eg)\s+)?"
    r"(?:allerede\s+|alt\s+)?(?:brukt|oppbrukt|tatt)\b", re.IGNORECASE)
_NO_DAYS = re.compile(r"^\W*(ingen|ingen dager|ingen dagar|null|ikke noen|ikkje nokon|ingen enda|ingen ennå|"
                      r"ingen så langt|nei,? ingen|0)\b", re.IGNORECASE)
_DONT_KNOW = re.compile(r"\b(vet ikke|vet ikkje|veit ikke|veit ikkje|usikker|aner ikke|husker ikke|"
                        r"husker ikkje|hugser ikkje|minnes ikke|ikke sikker|vet ik|veit ik|idk|dunno)\b",
                        re.IGNORECASE)
_DISABILITY = re.compile(r"\b(uføretrygd\w*|uføre\w*|ufør|uførepensjon|uføretrygda)\b", re.IGNORECASE)
_SPOUSE = re.compile(r"\b(gift|giftet|gifta|ektefelle\w*|ektemann\w*|kona|kone|kona mi|bryllup|husband|wife)\b")
_COHABITANT = re.compile(r"\b(samboer\w*|sambuar\w*|bor sammen|bur saman|flyttet sammen|flytta saman|bodd sammen)\b")
_NOT_PARTNER = re.compile(r"\b(bor ikke sammen|bur ikkje saman|ikke samboer\w*|ikkje sambuar\w*|bor hver for oss|"
                          r"bor ikke med|ikke gift og bor ikke)\b")
# One child: a named long-term illness or disability in the first message counts as one ill child.
_STRONG_CHRONIC = re.compile(r"(kronisk|kronsik|langvarig syk|langvarig sjuk|funksjonshem|funksjonsnedsett|"
                             r"diabetes|epilepsi|cerebral parese|autis|downs|cystisk fibrose|kreft|"
                             r"utviklingshem|handikap|adhd|add\b|tourette|astma|allergi|cøliaki|leddgikt|revmatisk|hjertefeil)",
                             re.IGNORECASE)
_ONE_CHILD = re.compile(r"\b(en|ei|ein|ett|eitt|eit|one) (jente|gutt|gut|sønn|datter|dotter|baby|jenta|gutten)\b")
_ONE_WORDS = frozenset({"en", "ett", "ei", "ein", "eitt", "eit", "et"})
_SOME_OF_THEM = re.compile(r"\b(\d{1,2}|en|ett|ei|ein|eitt|eit|et|to|tre|fire|fem)\s+av\s+(?:dem|barna|ungene|borna|"
                           r"ungane|dei)(?:\s+mine|\s+våre|\s+mi|\s+våra)?\s+(?:er|har|blir|med)\b")
_ONE_OF_THEM = re.compile(r"\b(det ene|den ene|den eldste|den yngste|den minste|den store|den lille|sønnen|sønn|"
                          r"datteren|dattera|dottera|gutten|jenta|eldstemann|minstemann|yngstemann|"
                          r"storebror|lillebror|storesøster|lillesøster)\b")
_OTHER_PARENT_ELSEWHERE = re.compile(
    r"\b(faren|moren|mora|pappaen|mammaen|pappa|mamma|eksen|eksmannen|ekskona|barnefaren|barnemoren|barnemora|"
    r"far|mor)(?: til barna| til barnet| deres| hans| hennes)? (?:bor|bur) (?:i|på) (?!samme\b|same\b|hjemme\b|lag\b)\w+"
    r"|\b(ikke i bildet|ikkje i biletet|har ingen kontakt med (faren|moren|mora)|ingen kontakt med (faren|moren|mora))\b")
_BOTH = re.compile(r"\bbegge (barna|ungene|borna|ungane|jentene|guttene|to)\b")
_AGE_TOKEN = re.compile(r"-?\d+|\w+|\S")
_AGE_LEAD_NOT = frozenset({"i", "for", "siden", "om", "etter", "brukt", "hatt", "tatt", "bodd", "sammen"})
_CHILD_MENTION = re.compile(rf"\b({parse.CHILD_NOUNS}|sønn\w*|datter|døtre|dotter|jent\w*|gutt\w*|baby|"
                            r"tvillinger|dei|de|han|hun|ho)\b")


def _ages_up_front(t: str) -> list[int]:
    """'to barn på 3 og 7 år', '3-åring og 7-åring': ages of children told outside the question.
    A list led by 'i'/'for'/'siden' ('samboer i 2 år') is a duration, not an age."""
    low = re.sub(r"(\d)\s*-\s*(åring)", r"\1 \2", t.lower())
    if not _CHILD_MENTION.search(low):
        return []
    tokens = _AGE_TOKEN.findall(low)
    numbers: list[int] = []
    separated, lead, start = False, None, 0
    for i, tok in enumerate(tokens + ["."]):
        digits = tok.lstrip("-")
        if digits.isdigit() and len(digits) <= 2:
            if not numbers:
                lead, start = (tokens[i - 1] if i else None), i
            numbers.append(int(tok))
            separated = False
        elif tok in (",", "og", "and", "&") and numbers and not separated:
            separated = True
        elif tok in ("år", "åring", "åringen", "åringer", "years", "year") and numbers:
            if lead not in _AGE_LEAD_NOT:
                return numbers
            numbers, separated = [], False
        elif numbers and _told_as_age(tokens, start, lead):
            # "barna er 4 og 11", "to barn på 4 og 11": a list after a child and "er"/"på";
            # "to måneder gammel" is a baby (0 years).
            if re.match(r"(måned|mnd|uke|veke)", tok):
                return [0] * len(numbers) if len(numbers) == 1 else []
            if not re.match(r"(dag|time|prosent|kr|%|gang|stk|barn|unge|voksne)", tok):
                return numbers
            numbers, separated = [], False
        else:
            numbers, separated = [], False
    return []


def _told_as_age(tokens: list[str], start: int, lead: str | None) -> bool:
    if lead not in ("på", "er", "blir"):
        return False
    before = tokens[max(0, start - 4):start - 1]
    return any(re.fullmatch(rf"({parse.CHILD_NOUNS}|sønn\w*|datter|døtre|dotter|jent\w*|gutt\w*|baby)", w)
               for w in before)


def _follow_up(low: str) -> str | None:
    for code, pattern in _FOLLOW_UPS:
        if pattern.search(low):
            return code
    return None


_DAYS_USED_BARE = re.compile(r"\b(?:brukt|tatt ut|tatt|brukte)\s+(?:allerede\s+|alt\s+)?(\d{1,3}|[a-zæøå]+)"
                             r"(?=\s*(?:$|[.,?!]|i år|så langt|til nå|allerede|av dem|av dagene))")


def _days_used(t: str, asked: bool) -> int | str | None:
    low = t.lower()
    for m in _DAYS_USED_BARE.finditer(low):
        value = int(m.group(1)) if m.group(1).isdigit() else parse_number(m.group(1))
        if value is not None:
            return value
    for m in _DAYS_USED.finditer(low):
        raw = m.group("n") or m.group("m")
        value = int(raw) if raw.isdigit() else parse_number(raw)
        if value is not None:
            return value
    if not asked:
        return None
    if _NO_DAYS.search(low):
        return 0
    if _DONT_KNOW.search(low):
        return "unknown"
    if re.search(r"\d{4}", low):
        return None
    value = parse_number(re.sub(r"\b(omsorgs)?dag(er|ar)?\b|\bi år\b|\bca\.?|\bcirka|\bomtrent|\bkanskje", " ", low))
    return value


def read(text: str, requested: str | None, known: dict, today: date, activating: bool = False) -> Reading:
    t = parse.clean(text)
    out = Reading()
    if parse.looks_like_markup(t):
        return out
    low = t.lower()
    year = int(known.get("care_year") or today.year)
    _read_follow_up(t, low, requested, known, out)

    # Year asked about ("neste år", "i 2027"): only when said explicitly, never from birth years.
    rel = relative_year(t, today)
    if rel is not None:
        _set_year(out, rel, today)
        year = out.slots.get("care_year", year)
    elif requested not in ("children_birth_years", "chronic_birth_years"):
        m = re.search(r"\b(?:i|for|år|året)\s+(\d{4})\b", t.lower())
        if m and "født" not in t.lower():
            _set_year(out, int(m.group(1)), today)
            year = out.slots.get("care_year", year)

    # Number of children.
    count = parse.children_count(t, asked=requested == "children_count" and not _has_date(t, today))
    if count is None and known.get("children_count") is None:
        if _BOTH.search(low):
            count = 2
        elif _ONE_CHILD.search(low):
            count = 1
    other_question = requested in ("children_birth_years", "chronic_any", "chronic_count",
                                   "chronic_birth_years")
    if count is not None and (not other_question or CORRECTION.search(t)):
        if count < 1:
            out.problems.append("children_count_low")
        elif count > MAX_CHILDREN:
            out.problems.append("children_count_high")
        else:
            # A correction clears what depends on the number (the spec's dependents, in the engine).
            out.slots["children_count"] = count

    if requested == "children_count" and count is None and _DONT_KNOW.search(low):
        out.problems.append("children_count_dont_know")

    n = out.slots.get("children_count", known.get("children_count"))
    n = int(n) if n is not None else None

    # Birth years (or ages: years relative to today, "3 år" on 22 November 2026 is born in 2023).
    ages = [] if requested in ("children_birth_years", "months_together") else _ages_up_front(t)
    young = (requested != "children_birth_years" and parse.says_all_young(t) and n is not None
             and not re.search(r"under (12|tolv) (måneder|mnd|uker)", low))
    # "1 barn 2019": a year next to the children, not a year asked about or a date of something else.
    bare_years = (requested not in ("children_birth_years", "chronic_birth_years", "months_together")
                  and bool(years_in(t)) and bool(_CHILD_MENTION.search(low))
                  and not re.search(r"\b(i|for|år|året|siden|fra|til|innen|før|etter)\s+\d{4}\b", low)
                  and not _transfer_context(out, known, requested))
    if requested == "children_birth_years" or "født" in low or "fødd" in low or ages or young or bare_years:
        _read_birth_years(t, n, year, today, out, requested == "children_birth_years", ages)
        if (requested == "children_birth_years" and "children_birth_years" not in out.slots
                and not out.problems and _DONT_KNOW.search(low)):
            if known.get("birth_years_dont_know"):
                # The second "vet ikke": the common case, said out loud (the answer can be corrected).
                out.slots["children_birth_years"] = ALL_YOUNG
                out.notices.append(("care_days_assumed_all_young", {}))
            else:
                out.slots["birth_years_dont_know"] = True
                out.problems.append("birth_years_dont_know")

    # Care situation. In a question about giving days to a partner, "samboer", "kjæreste" or
    # "mannen min" name the partner, not how the children live.
    situation = parse.care_situation(t)
    if situation == "together" and _transfer_context(out, known, requested):
        situation = None
    if situation in (None, "together") and _OTHER_PARENT_ELSEWHERE.search(low):
        situation = "alone"  # "faren bor i Polen": the child lives with you, the other parent does not
    if situation:
        out.slots["care_situation"] = situation
    elif requested == "care_situation" and _DONT_KNOW.search(low):
        out.slots["care_situation"] = "together"
        out.notices.append(("care_days_assumed_together", {}))
    elif requested == "care_situation":
        if not out.slots and parse.yes_no(t) is not None:
            out.problems.append("care_situation_unclear")

    # How long the other parent cannot have tilsyn (asked only when that is the situation).
    if requested == "absence_months" or out.slots.get("care_situation", known.get("care_situation")) \
            == "temporarily_alone":
        months = duration.absence_months(t, asked=requested == "absence_months")
        if months is not None:
            out.slots["absence_months"] = months

    # Chronic illness.
    asked_chronic = requested in ("chronic_any", "chronic_count")
    chronic = parse.chronic_count(t, n, asked=asked_chronic)
    if chronic and not asked_chronic and not _STRONG_CHRONIC.search(low):
        chronic = None  # "alle er under 12 ... når barn syk": sick now, not a long-term illness
    if chronic is not None:
        if chronic < 0 or (n is not None and chronic > n):
            out.problems.append("chronic_count_range")
        else:
            out.slots["chronic_count"] = chronic
            out.slots["chronic_any"] = chronic > 0
    elif asked_chronic and requested == "chronic_any":
        if _DONT_KNOW.search(low) and parse.yes_no(t) is not True:
            # "vet ikke": computed without illness, and the answer says how to get more days.
            out.slots["chronic_count"] = 0
            out.slots["chronic_any"] = False
            out.notices.append(("care_days_chronic_unknown", {}))
        elif parse.mentions_chronic_yes_without_count(t):
            out.slots["chronic_any"] = True
    elif (not asked_chronic and known.get("chronic_any") is None and _STRONG_CHRONIC.search(low)
          and not re.search(r"\b(ikke|ikkje|ingen)\b", low)):
        # "sønnen min har epilepsi", "det ene barnet har diabetes", "to av barna mine er funksjonshemmet"
        m = _SOME_OF_THEM.search(low)
        some = (parse_number(m.group(1)) if m.group(1) not in _ONE_WORDS else 1) if m else None
        if some is None and (n == 1 or _ONE_OF_THEM.search(low)):
            some = 1
        if some is not None and (n is None or 0 < some <= n):
            out.slots["chronic_count"] = some
            out.slots["chronic_any"] = True
            years = out.slots.get("children_birth_years", known.get("children_birth_years"))
            which = re.search(r"\b(den eldste|eldstemann|storebror|storesøster|den store)\b|"
                              r"\b(den yngste|den minste|minstemann|yngstemann|lillebror|lillesøster|den lille)\b", low)
            if some == 1 and which and isinstance(years, list) and years:
                out.slots["chronic_birth_years"] = [min(years) if which.group(1) else max(years)]
    if requested == "chronic_birth_years" and _DONT_KNOW.search(low) and not years_in(t):
        out.slots["chronic_birth_years"] = []  # the youngest children are counted as ill
        out.notices.append(("care_days_assumed_youngest_ill", {}))
    elif requested == "chronic_birth_years":
        ys = years_in(t)
        chosen = [y for y in ys if isinstance(known.get("children_birth_years"), list)
                  and y in known["children_birth_years"]]
        if ys and len(chosen) == len(ys):
            out.slots["chronic_birth_years"] = chosen
        elif ys:
            out.problems.append("chronic_birth_years_unknown")

    # Work.
    work = parse.work_type(t)
    if work and (requested == "work_type" or work != "unknown"):
        out.slots["work_type"] = work

    # Days used this year (asked when the user wants to know how many are left).
    used = _days_used(t, asked=requested == "days_used")
    if used is not None and "days_used" not in out.slots:
        if isinstance(used, int) and not 0 <= used <= 366:
            out.problems.append("days_used_range")
        else:
            out.slots["days_used"] = used

    # The other parent receives uføretrygd (the answer says what that means for the days).
    if _DISABILITY.search(low):
        out.slots["other_parent_disability"] = True

    # What the user still has to answer: say that the other fact was taken, then ask again.
    if requested and requested not in out.slots and not out.problems and not activating:
        if "care_question" in out.slots:
            out.notices.append(("care_days_question_noted", {}))
        elif any(s != "care_question" for s in out.slots):
            out.notices.append(("care_days_noted", {}))
    return out


def _transfer_context(out: Reading, known: dict, requested: str | None) -> bool:
    return (out.slots.get("care_question") == "transfer" or requested in ("partner_kind", "months_together")
            or (known.get("care_question") == "transfer" and known.get("partner_kind") is None))


def _read_follow_up(t: str, low: str, requested: str | None, known: dict, out: Reading) -> None:
    """The follow-up question (care_question) and, for a transfer, who would get the days."""
    question = _follow_up(low)
    if question is not None:
        out.slots["care_question"] = question
        if not _CARE_WORDS.search(low):
            out.weak.add("care_question")  # "hvem betaler?" inside another topic's question
    if not _transfer_context(out, known, requested):
        return
    partner = None
    if _NOT_PARTNER.search(low):
        partner = "none"
    elif _SPOUSE.search(low):
        partner = "spouse"
    elif _COHABITANT.search(low):
        partner = "cohabitant"
    if partner is None and requested == "partner_kind" and _DONT_KNOW.search(low):
        partner = "unknown"  # the answer gives both conditions
    if partner is not None:
        out.slots["partner_kind"] = partner
    elif requested == "partner_kind" and re.search(r"\bkjæreste\w*\b", low):
        out.slots["partner_kind"] = "none"
    cohabitant = out.slots.get("partner_kind", known.get("partner_kind")) == "cohabitant"
    if cohabitant and (requested == "months_together" or re.search(r"\b(i|på|siden)\s+\S+\s+(år|måned\w*|mnd)", low)):
        months = duration.absence_months(t, asked=requested == "months_together")
        if isinstance(months, float):
            out.slots["months_together"] = months
        elif requested == "months_together" and (months == duration.UNKNOWN or _DONT_KNOW.search(low)):
            out.slots["months_together"] = "unknown"  # the answer gives the 12-month condition


def _has_date(text: str, today: date) -> bool:
    """'31. februar' or '03.03.2027' is a date, not a number of children."""
    try:
        return parse_date(text, today) is not None
    except InvalidDate:
        return True


def _set_year(out: Reading, year: int, today: date) -> None:
    if FIRST_YEAR <= year <= today.year + 1:
        out.slots["care_year"] = year
    else:
        out.problems.append("care_year_range")


def _read_birth_years(t: str, n: int | None, year: int, today: date, out: Reading, asked: bool,
                      ages: list[int] | None = None) -> None:
    if parse.says_all_young(t) and not ages:
        out.slots["children_birth_years"] = ALL_YOUNG
        return
    ys = years_in(t)
    if not ys:
        ages = (parse.ages_in(t) if asked else []) or ages or []
        if ages and len(ages) == 1 and n and n > 1 and re.search(r"\b(tvilling\w*|trilling\w*|begge er|alle er)\b",
                                                               t.lower()):
            ages = ages * n  # "tvillinger på 4 år"
        if ages:
            if any(a < 0 or a > OLDEST_BIRTH_YEAR_GAP for a in ages):
                out.problems.append("birth_year_range")
                return
            # An age is told today: the child was born this many years before today's year.
            ys = [today.year - a for a in ages]
        elif asked:
            return
    if not ys:
        return
    if any(y > today.year + 1 or y < today.year - OLDEST_BIRTH_YEAR_GAP for y in ys):
        out.problems.append("birth_year_future" if any(y > today.year + 1 for y in ys) else "birth_year_range")
        return
    if any(y > year for y in ys):
        out.problems.append("birth_year_after_care_year")
        return
    if n is not None and len(ys) != n:
        if len(ys) == 1 and n > 1 and asked:
            # "2015" for three children: not enough to know each child's age.
            out.problems.append("birth_years_count")
            return
        if len(ys) > n:
            out.problems.append("birth_years_count")
            return
        if len(ys) < n:
            out.problems.append("birth_years_count")
            return
    out.slots["children_birth_years"] = sorted(ys)
    if n is None:
        out.slots["children_count"] = len(ys)
