"""Introduksjonsprogrammet: which law applies, omsorgspermisjon at birth/adoption, the municipality's
duty to offer something during the leave, the full-time norm, and the work-oriented programme for
people with kollektiv beskyttelse.

Pure functions over plain data, no Rasa imports and no Norwegian answer text. Sources:
docs/sources/rules.md section 4 and the seeds

* ``000_890baa1009d03040.txt`` - IMDi «Tilbud i omsorgspermisjon» (integreringsforskriften § 16 and
  the old introduksjonsloven rule § 5-3 quoted side by side),
* ``002_df017d62dd9e7a2e.txt`` - IMDi on the programme (full time, 47 weeks, roles, phases),
* ``004_4b776989ff11b864.txt`` - IMDi «Arbeidsrettet introduksjonsprogram» (kollektiv beskyttelse).

Every number lives in ``INTRO`` (dated, with a `LegalRef` beside it). Glossary:

==============================================  ==========================================
Norwegian                                       identifier
==============================================  ==========================================
integreringsloven (2021)                        ``IntroLaw.INTEGRATION_ACT``
introduksjonsloven (2003)                       ``IntroLaw.INTRODUCTION_ACT``
oppholdstillatelse / ankomst                    ``permit`` / ``arrival``
omsorgspermisjon (uten introduksjonsstønad)     ``leave_rights`` / ``LeaveResult``
fødsel / adopsjon                               ``FamilyEvent.BIRTH`` / ``ADOPTION``
dager forbeholdt far / mor (virkedager)         ``ReservedDays`` (``working days``)
fri med stønad etter fødsel                     ``DaysOffWithBenefit``
oppfølging og norskopplæring eller språktrening ``offer_duty`` / ``OfferDutyResult``
fra og med den fjerde måneden av permisjonen    ``fourth_month_start``
norskopplæring (tellende i NIR) / norsktrening  ``OfferKind.NORWEGIAN_TUITION`` / ``NORWEGIAN_PRACTICE``
møteplass (åpen barnehage, barselgruppe, ...)   ``OfferCategory.MEETING_PLACE``
fulltid, helårsprogram (47 uker)                ``full_time_norm``
programrådgiver, voksenopplæring, NAV           ``ProgrammeRole``
individuell plan                                ``INDIVIDUAL_PLAN``
kollektiv beskyttelse, arbeidsrettet innhold    ``work_oriented_requirement``
midlertidige regler (kap. 6A)                   ``temporary_rules_status``
==============================================  ==========================================

The package has one module per subject: `law` (which law applies), `leave` (omsorgspermisjon),
`offer` (the municipality's duty), `programme` (full time, roles, phases), `collective`
(kollektiv beskyttelse); `tables` holds the references and the dated parameters. Everything is
re-exported here, so `from actions.rules.intro_programme import X` keeps working.
"""
from __future__ import annotations

from ..events import FamilyEvent  # noqa: F401
from .collective import *
from .law import *
from .leave import *
from .offer import *
from .programme import *
from .tables import *
