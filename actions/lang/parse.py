"""Reading a family situation from free text.

Each function returns a plain value or None ("not said"). They never raise on odd input: the
glue layer decides what to ask next. Patterns cover bokmål, some nynorsk and learner spellings.
"""
from __future__ import annotations

import re
import unicodedata

from .numbers import number_before, parse_number

MAX_TEXT = 2000  # longer messages are cut before parsing (a 20 000-character paste is not a situation)

CHILD_NOUNS = (r"barn|barna|born|borna|unger|ungene|unge|ungar|ungane|små|gutter|jenter|"
               r"guttar|jenter|barnet|children|kids|kid|child|barm|bran|bar")

# Yes/no: the whole answer is one of the words (trailing . ! and spaces allowed), or it starts with
# "ja"/"jo"/"nei" and a separator ("ja, to av dem", "nei takk, ingen"). Each pattern is a plain
# alternation used with fullmatch or match at the start, so the time is linear in the length
# (the earlier `ja\W.*\s*[.!]*\s*$` took 11 s on "ja" + 1990 spaces + "\nx").
_YES = re.compile(r"ja+|jo|jepp|japp|jupp|yes|yep|ok|okei|stemmer|riktig|korrekt|det stemmer|"
                  r"gjerne|sant|ja takk", re.IGNORECASE)
_NO = re.compile(r"nei+|nei takk|no|nope|ikke|ingen|neppe|ingen av dem|ingen av barna|ikkje|nej",
                 re.IGNORECASE)
_YES_LEAD = re.compile(r"j[ao]\W", re.IGNORECASE)
_NO_LEAD = re.compile(r"nei\W", re.IGNORECASE)
_ANSWER_END = ".! \t\n\r\f\v"


def clean(text: str | None) -> str:
    """Normalise: NFC, cut to MAX_TEXT, strip control characters."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text))[:MAX_TEXT]
    return "".join(ch for ch in text if ch.isprintable() or ch in "\n\t").strip()


MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^<>]*>")  # [^<>]: linear on "<a<a<a…"


def looks_like_markup(text: str) -> bool:
    """HTML or script pasted into the chat is never an answer to a question."""
    return bool(MARKUP.search(text))


def yes_no(text: str) -> bool | None:
    t = clean(text)
    core = t.rstrip(_ANSWER_END)
    if _NO.fullmatch(core) or _NO_LEAD.match(t):
        return False
    if _YES.fullmatch(core) or _YES_LEAD.match(t):
        return True
    return None


def children_count(text: str, asked: bool = False) -> int | None:
    """'tre barn' -> 3; a bare '3' only when the question was asked. May be negative or huge:
    range checks belong to validation, which explains the problem to the user."""
    t = clean(text)
    n = number_before(t, CHILD_NOUNS)
    if n is not None:
        return n
    low = t.lower()
    if re.search(r"\b(enebarn|ett barn|et barn|ei jente|en gutt|ein gut|eitt barn|eit barn)\b", low):
        return 1
    if re.search(r"\btvillinger|tvillingar\b", low) and not re.search(r"\bog\b", low):
        return 2
    if asked:
        return parse_number(t)
    return None


_SITUATION_PATTERNS = [
    ("temporarily_alone", r"\b(kan ikke passe|kan ikkje passe|klarer ikke å passe|i fengsel|"
                          r"fengsel|innlagt|sykehus|langvarig syk|militær|førstegangstjeneste|"
                          r"verneplikt|midlertidig alene|den andre forelderen er syk|"
                          r"andre forelder(en)? (er )?syk|mor er syk|far er syk|pappa er syk|"
                          r"mamma er syk|faren er syk|moren er syk)\b"),
    ("shared", r"\b(delt (fast )?bosted|delt bustad|annenhver uke|annakvar veke|"
               r"annenhver|50 ?/ ?50|halve tiden|like mye hos|bor hos begge|delt omsorg)\b"),
    ("alone", r"\b(alene|aleine|åleine|aleneforelder|alenemor|alenefar|alenemamma|alenepappa|"
              r"eneomsorg|enslig|singel|skilt|separert|einsleg|alene om omsorgen|"
              r"bor ikke med (den andre|faren|moren|mor|far)|enke|enkemann|"
              r"(far|mor|faren|moren|pappa|mamma) (er )?død)\b"),
    ("together", r"\b(sammen|gift|samboer\w*|sambuar\w*|bor med (mannen|kona|partneren|faren|moren|"
                 r"barnefaren|barnemoren)|vi bor sammen|begge foreldrene|bur saman|saman|"
                 r"kjæreste|ektefelle|mannen min|kona mi|kona min|min kone|min mann|min samboer|"
                 r"min ektefelle|kona|mannen og jeg|kona og jeg|faren og jeg|moren og jeg)\b"),
]


def care_situation(text: str) -> str | None:
    """together | alone | shared | temporarily_alone, or None. The most specific pattern wins."""
    low = clean(text).lower()
    for code, pattern in _SITUATION_PATTERNS:
        if re.search(pattern, low):
            if code == "together" and re.search(r"\bikke sammen|ikkje saman|ikke lenger sammen\b", low):
                return "alone"
            return code
    return None


_CHRONIC = re.compile(r"(kronisk|kronsik|kroniks|langvarig syk|langvarig sjuk|funksjonshem|"
                      r"funksjonsnedsett|handikap|handicap|diabetes|epilepsi|cerebral parese|"
                      r"autis|adhd|downs|cystisk fibrose|kreft|utviklingshem|alvorlig syk|"
                      r"ekstra omsorgsdager|utvidet rett|sjukdom|sykdom|sjuk|syk)", re.IGNORECASE)
_NONE_CHRONIC = re.compile(r"\b(ingen (av dem |av barna |av ungene )?(er |har |e )?(kronisk|syk|sjuk)(?!e ?dag|t barn)\w*|ikke syke|ikkje sjuke|"
                           r"ingen er syk|ikke kronisk|ingen kronisk|ingen sykdom|ingen av dem|"
                           r"alle er friske|friske|frisk)\b|\bingen (av dem |av barna )?er (syk|sjuk)\w*", re.IGNORECASE)


def chronic_count(text: str, children: int | None, asked: bool = False) -> int | None:
    """How many children are chronically or long-term ill or disabled.

    'ett er kronisk sykt' -> 1, 'to av dem har diabetes' -> 2, 'begge' -> 2, 'alle' -> children,
    'nei' -> 0 (only when asked), 'ja' -> 1 when there is one child, otherwise None (ask how many).
    """
    t = clean(text)
    low = t.lower()
    if _NONE_CHRONIC.search(low):
        return 0
    mentions = bool(_CHRONIC.search(low))
    if asked or mentions:
        if re.search(r"\balle\b|\balle sammen\b", low) and children:
            return children
        if re.search(r"\bbegge\b", low):
            return 2
        m = re.search(r"(?<![\w-])(-?\d+|en|ett|ei|eitt|ein|eit|to|tre|fire|fem|seks)\s+"
                      r"(?:av (?:dem|barna|ungene)\s+|barn(?:et|a)?\s+)?(?:er|har|med|sjuk|syk|kronisk)\b",
                      low)
        if m:
            value = parse_number(m.group(1)) if m.group(1) not in ("en", "ett", "ei", "eitt", "ein", "eit") else 1
            if value is not None:
                return value
    if asked:
        yn = yes_no(t)
        if yn is False:
            return 0
        n = parse_number(t)
        if n is not None and not re.search(r"\d{4}", t):
            return n
        if yn is True or mentions:
            return 1 if children == 1 else None
    elif mentions and re.search(r"\b(et|ett|ei|en|ein|eitt|eit) (av (dem|barna)|barn)?\s*(er|har)\b", low):
        return 1
    return None


def mentions_chronic_yes_without_count(text: str) -> bool:
    t = clean(text)
    return yes_no(t) is True or bool(_CHRONIC.search(t))


_WORK = [
    ("freelancer", r"\b(frilans\w*|freelan\w*|oppdragstaker)\b"),
    ("self_employed", r"\b(selvstendig\w*|sjølvstendig\w*|næringsdrivende|eget firma|eget foretak|"
                      r"egen bedrift|enkeltpersonforetak|enk|driver eget|eier(en)? av|egen business|"
                      r"eget selskap|selvstending|selvstendig næringsdrivande|eget as|eige firma|"
                      r"enkeltmannsforetak|har firma|driv eige)\b"),
    ("employee", r"\b(ansatt|ansat|tilsett|arbeidstaker|arbeidstakar|jobber (i|på|som|hos)|jobbar|fast jobb|"
                 r"fast stilling|lønnsmottaker|arbeidsgiver|arbeidsgjevar|jobb|deltid|heltid|"
                 r"vikar|i jobb|jobber)\b"),
]


def work_type(text: str) -> str | None:
    low = clean(text).lower()
    for code, pattern in _WORK:
        if re.search(pattern, low):
            return code
    if re.search(r"\b(vet ikke|usikker|vet ikkje|aner ikke|hopp over)\b", low):
        return "unknown"
    return None


ALL_YOUNG = re.compile(r"\b(alle (er )?(under|12 år eller yngre|yngre|små)|begge (er )?(under|små)|"
                       r"alle er små|under 12|under tolv|12 år eller yngre|små barn|"
                       r"(er|han er|hun er|barnet er) (under|yngre enn) 1[23]|"
                       r"(går|gå) i barnehage\w*|barnehagebarn|i barnehagealder)\b", re.IGNORECASE)


def says_all_young(text: str) -> bool:
    return bool(ALL_YOUNG.search(clean(text)))


AGES_RE = re.compile(r"(?<![\w-])(-?\d{1,2})\s*(?:år|åringen|åring|years?)\b", re.IGNORECASE)


_AGE_TOKEN = re.compile(r"-?\d+|\w+|\S")
_AGE_WORDS = frozenset({"år", "åringer", "year", "years"})
_AGE_SEPARATORS = frozenset({",", "og", "and", "&"})


def ages_in(text: str) -> list[int]:
    """'3 og 7 år' -> [3, 7] (each number in a list that ends with 'år').

    One pass over the words (the earlier nested-repeat regex took seconds on "2 2 2 …"):
    numbers of one or two digits, each with at most one separator (',', 'og', 'and', '&')
    after it, directly followed by 'år'; the first such list counts."""
    numbers: list[int] = []
    separated = False
    for token in _AGE_TOKEN.findall(clean(text).lower()):
        digits = token.lstrip("-")
        if digits.isdigit() and len(digits) <= 2:
            numbers.append(int(token))
            separated = False
        elif token in _AGE_SEPARATORS and numbers and not separated:
            separated = True
        elif token in _AGE_WORDS and numbers:
            return numbers
        else:
            numbers, separated = [], False
    return []


WHY = re.compile(r"\b(hvorfor|kvifor|why|hvorfo|hvofor|vorfor)\b", re.IGNORECASE)
