"""Every legal reference in the rules core is checked against the copied sources
(docs/sources/rules.md, the seeds, docs/sources/paragraphs.md), and the references issue 10
found wrong stay right."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from actions.rules import care_days as cd
from actions.rules import intro_programme as ip
from actions.rules import kindergarten, work_leave
from actions.rules import parental_benefit as pb
from actions.rules.legal import LegalRef
from actions.rules.params import ParameterTable

SOURCES = Path(__file__).resolve().parents[2] / "docs" / "sources"
MODULES = (cd, ip, kindergarten, pb, work_leave)


def _norm(text: str) -> str:
    return text.replace("–", "-").replace("\u00a0", " ").lower()


RULES_MD = _norm((SOURCES / "rules.md").read_text(encoding="utf-8"))
PARAGRAPHS_MD = _norm((SOURCES / "paragraphs.md").read_text(encoding="utf-8"))
_CITE = re.compile(r"^(?P<law>[a-zæøå]+)\s+(?:§§?\s*(?P<para>\d+(?:-\d+)?(?: [a-z]\b)?)|"
                   r"kap(?:ittel|\.)\s*(?P<chap>\d+[a-z]?)\b)")


def all_refs() -> list[tuple[str, LegalRef]]:
    refs: dict[LegalRef, str] = {}
    for mod in MODULES:
        for name, value in vars(mod).items():
            if isinstance(value, LegalRef):
                refs.setdefault(value, f"{mod.__name__}.{name}")
            elif isinstance(value, ParameterTable):
                for key in value.keys():
                    for row in value.versions(key):
                        refs.setdefault(row.ref, f"{mod.__name__}.{name}[{key!r}]")
    return [(where, ref) for ref, where in refs.items()]


def _found(ref: LegalRef) -> bool:
    law = _norm(ref.law)
    m = _CITE.match(law)
    if not m:
        return True  # not a paragraph (an agreement, an IMDi page): checked by the page below
    name = m.group("law")
    cited = f"{name} {m.group(0)[len(name):].strip()}"
    if cited in PARAGRAPHS_MD:
        return True
    text = RULES_MD
    if ref.seed:
        text += _norm((SOURCES / "seeds" / ref.seed).read_text(encoding="utf-8"))
    if name not in text and name[:6] not in text:  # "folketrygdloven" is "ftrl." in places
        return False
    if m.group("chap"):
        return bool(re.search(rf"(kap\.?|kapittel|chapter|ch\.)\s*{m.group('chap')}\b", text))
    para = m.group("para")
    if "-" in para:
        return bool(re.search(rf"(?<![\d-]){re.escape(para)}(?![\d])", text))
    return bool(re.search(rf"§§?\s*{re.escape(para)}(?![\d])", text))


@pytest.mark.parametrize("where,ref", all_refs(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_reference_is_found_in_the_copied_sources(where, ref):
    assert ref.page, where
    assert _found(ref), f"{where}: '{ref.law}' is not in docs/sources (rules.md, seed, paragraphs.md)"
    if ref.seed:
        assert (SOURCES / "seeds" / ref.seed).exists(), where


def test_no_vague_chapter_reference_for_a_single_rule():
    # Issue 10.5: the 3-year limit and the adoption age limit cite their paragraphs.
    on = date(2026, 1, 1)
    assert pb.PARENTAL_BENEFIT.get("deadline_years", on).ref.law.startswith("folketrygdloven § 14-10 tredje ledd")
    assert pb.PARENTAL_BENEFIT.get("adoption_age_limit", on).ref.law.startswith("folketrygdloven § 14-5 første ledd")
    deadline = pb.compute(pb.ParentalBenefitInput.for_birth(birth_date=date(2026, 3, 2))).note("deadline")
    assert "§ 14-10 tredje ledd" in deadline.ref.law
    adoption = pb.compute(pb.ParentalBenefitInput.for_adoption(date(2026, 3, 2))).note("adoption_age_limit")
    assert "§ 14-5 første ledd" in adoption.ref.law


def test_days_off_after_birth_cite_the_participants_own_regulation():
    # Issue 10.5: the 20 / 7 days off with benefit under introduksjonsloven cite its own
    # regulation (introduksjonsforskriften), not integreringsforskriften.
    old = ip.leave_rights(ip.LeaveInput(ip.IntroLaw.INTRODUCTION_ACT, ip.FamilyEvent.BIRTH, date(2019, 5, 1)))
    new = ip.leave_rights(ip.LeaveInput(ip.IntroLaw.INTEGRATION_ACT, ip.FamilyEvent.BIRTH, date(2026, 1, 5)))
    for res, regulation, other in ((old, "introduksjonsforskriften", "integreringsforskriften"),
                                   (new, "integreringsforskriften", "introduksjonsforskriften")):
        assert sorted(d.days for d in res.days_off_with_benefit) == [7, 20]
        assert all(d.ref.law.startswith(regulation) for d in res.days_off_with_benefit)
        assert not any(other in r.law for r in res.refs)


def test_self_certification_is_documentation_9_7():
    assert cd.REF_SELF_CERT.law == "folketrygdloven § 9-7"


@pytest.mark.parametrize("law", list(ip.IntroLaw))
@pytest.mark.parametrize("event", list(ip.FamilyEvent))
@pytest.mark.parametrize("both", [True, False])
def test_each_law_cites_only_its_own_regulation(law, event, both):
    on = date(2019, 5, 1) if law is ip.IntroLaw.INTRODUCTION_ACT else date(2026, 1, 5)
    res = ip.leave_rights(ip.LeaveInput(law, event, on, both_parents_in_programme=both, leave_start=on,
                                        child_age_at_adoption=3 if event is ip.FamilyEvent.ADOPTION else None))
    other = "introduksjonsforskriften" if law is ip.IntroLaw.INTEGRATION_ACT else "integreringsforskriften §"
    assert res.refs and not any(other in r.law for r in res.refs), [r.law for r in res.refs]
