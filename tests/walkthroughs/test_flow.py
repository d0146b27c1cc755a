"""The step runner: order, roadmap, reuse of known facts, tilbake / hopp over / endre, review."""
from __future__ import annotations


from actions.walkthroughs import flow
from actions.walkthroughs.script import scripts

from .helpers import ON, blank


def run(script_id, messages, known=None):
    script = scripts()[script_id]
    known = known or blank()
    out = flow.start(script, known, ON)
    known.update(out.updates)
    state = out.state
    log = []
    for text in messages:
        asked = flow.prompt(script, state, known, ON)
        out = flow.handle(script, state, known, text, ON)
        known.update(out.updates)
        state = out.state
        log.append((asked[0]["text"], text, out))
    return script, state, known, log


def roadmap(script_id, state, known):
    return flow.prompt(scripts()[script_id], state, known, ON)[0]["text"]


def test_roadmap_counts_only_the_steps_this_family_needs():
    script, state, known, log = run("for_leave", ["2022", "Vi skal få barn"])
    assert log[0][0] == "Steg 1 av 6: Oppholdstillatelse"  # no arrival year (2022 settles the law)
    assert log[1][0] == "Steg 2 av 6: Fødsel eller adopsjon"
    assert roadmap("for_leave", state, known) == "Steg 3 av 6: Barn"


def test_an_old_permit_adds_the_arrival_step():
    script, state, known, log = run("for_leave", ["2019"])
    assert roadmap("for_leave", state, known).startswith("Steg 2 av 7: Ankomst")


def test_known_facts_are_reused_not_asked():
    known = blank(intro_permit_year=2022, intro_event="birth")
    script = scripts()["for_leave"]
    out = flow.start(script, known, ON)
    assert any("Dette vet jeg fra før" in m["text"] and "Oppholdstillatelse: 2022" in m["text"] for m in out.say)
    assert flow.prompt(script, out.state, known, ON)[0]["text"] == "Steg 3 av 6: Barn"


def test_back_skip_and_change_only_reask_what_depends_on_the_answer():
    msgs = ["2022", "Vi skal få barn", "3. mars 2027", "Ja, begge", "Drammen", "tilbake", "Bergen",
            "hopp over"]
    script, state, known, log = run("for_leave", msgs)
    assert log[5][0] == "Steg 6 av 6: Ønsker"
    assert known["intro_municipality"] == "4601"  # Bergen after 'tilbake'
    assert "wishes" in state["skipped"]
    review = flow.prompt(script, state, known, ON)
    assert review[0]["text"].startswith("Dette har dere fortalt meg:")
    assert "5. Kommune: Bergen" in review[0]["text"] and "6. Ønsker: Ikke svart" in review[0]["text"]
    assert {"title": "Endre kommune", "payload": "Endre Kommune"} in review[1]["buttons"]
    # change the event to adoption: the birth date and the age depend on it and are asked again,
    # the municipality does not
    out = flow.handle(script, state, known, "endre fødsel eller adopsjon", ON)
    state = out.state
    assert flow.prompt(script, state, known, ON)[0]["text"].startswith("Steg 2 av 6: Fødsel eller adopsjon")
    out = flow.handle(script, state, known, "Vi skal adoptere", ON)
    known.update(out.updates)
    assert known["intro_date"] is None and known["intro_municipality"] == "4601"
    assert flow.prompt(script, out.state, known, ON)[0]["text"] == "Steg 3 av 7: Alder ved adopsjon"


def test_change_with_a_value_in_the_same_message_moves_derived_dates():
    script, state, known, log = run("for_leave", ["2022", "Vi skal få barn", "3. mars 2027"])
    assert known["kg_birth_date"]["date"] == "2027-03-03"
    out = flow.handle(script, state, known, "endre barn til 5. mars 2027", ON)
    known.update(out.updates)
    assert known["intro_date"]["date"] == "2027-03-05" and known["kg_birth_date"]["date"] == "2027-03-05"


def test_bad_answer_gets_the_question_specific_help():
    script, state, known, log = run("for_leave", ["blå"])
    assert log[0][2].say == [{"response": "utter_invalid_intro_permit_year"}]
    assert known["intro_permit_year"] is None


def test_why_and_unknown_change_and_finish():
    script, state, known, log = run("care_days", ["hvorfor", "endre skostørrelse"])
    assert log[0][2].say == [{"response": "utter_why_children_count"}]
    assert "Jeg fant ikke det svaret" in log[1][2].say[0]["text"]
    script, state, known, log = run("care_days", ["2 barn", "2016 og 2019", "Vi bor sammen", "Nei",
                                                  "Jeg er ansatt", "ferdig"])
    assert log[-1][2].finished


def test_chronic_steps_follow_the_conditions():
    script, state, known, log = run("care_days", ["3 barn", "2012, 2015 og 2019", "Jeg er alene om omsorgen",
                                                  "Ja, ett barn er kronisk sykt"])
    assert roadmap("care_days", state, known).startswith("Steg 6 av 7: Fødselsår med sykdom")  # the count was in the answer


def test_the_second_walkthrough_reuses_the_first():
    """After "Før permisjonen", "Før permisjonen slutter" knows the birth date and the return
    date (the day after the leave's computed end) and starts at the Norwegian level."""
    from datetime import timedelta

    from actions.glue.intro import leave_answer
    script, state, known, log = run("for_leave", ["2022", "Vi skal få barn", "3. mars 2027", "Ja, begge",
                                                  "Drammen", "Norskkurs", "ferdig"])
    second = scripts()["leave_end"]
    out = flow.start(second, known, ON)
    known.update(out.updates)
    end = leave_answer(known, ON).leave.latest_end
    assert known["cw_return_date"]["date"] == (end + timedelta(days=1)).isoformat()
    said = " ".join(m["text"] for m in out.say)
    assert "Dette vet jeg fra før" in said and "Barn: 3. mars 2027" in said and "Kommune: Drammen" in said
    assert flow.prompt(second, out.state, known, ON)[0]["text"] == "Steg 3 av 6: Norsk"
