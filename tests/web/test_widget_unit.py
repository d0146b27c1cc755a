"""Widget logic against a route-intercepted fake Rasa (needs only the static web server).

These tests are deterministic and fast; tests/web/test_widget_e2e.py runs the same widget
against the real bot.
"""
from __future__ import annotations

import json
import re

import pytest

from fvweb import (BOT_MSGS, assert_reflows, FAKE_URL, INPUT, LAUNCHER, LOG, PANEL, QR_BUTTONS, USER_MSGS, FakeRasa,
                   check_state, page_url, send_text, stored_state, wait_turn_done)

pytestmark = [pytest.mark.web, pytest.mark.usefixtures("web_up")]

XSS = "<img src=x onerror=alert(1)>"

CARE_Q = [{"text": "Hvor mange barn har du som er 12 år eller yngre?",
           "buttons": [{"title": "1 barn", "payload": '/inform{"antall_barn": 1}'},
                       {"title": "2 barn", "payload": '/inform{"antall_barn": 2}'},
                       {"title": "3 eller flere", "payload": '/inform{"antall_barn": 3}'}]}]


def _answer(sender, msg):
    n = json.loads(msg.split("inform", 1)[1])["antall_barn"]
    days = 10 if n < 3 else 15
    return [{"text": f"Du har {days} omsorgsdager per kalenderår.\nDette er veiledning, ikke et vedtak."},
            {"text": "Les mer: nav.no/omsorgspenger"}]


REPLIES = {
    "/greet": [{"text": "Hei! Jeg er Familieveilederen, en chatbot. Hva lurer du på?",
                "buttons": [{"title": "Omsorgsdager", "payload": "/ask_care_days"},
                            {"title": "Foreldrepenger", "payload": "/ask_parental_benefit"}]}],
    "/ask_care_days": CARE_Q,
    "Hvor mange omsorgsdager har jeg?": CARE_Q,
    "/restart": [],
    "to meldinger": [{"text": "Første del av svaret."}, {"text": "Andre del av svaret."}],
    "lenker": [{"text": (
        "Se nav.no/omsorgspenger og https://lovdata.no/lov/2018-06-15-38/§12.\n"
        "Ikke disse: javascript:alert(1) http://evil.example/x minside.nav.no.evil.example "
        "post@nav.no (imdi.no/introduksjonsprogram).")}],
}


def _default(sender, msg):
    if msg.startswith("/inform"):
        return _answer(sender, msg)
    return [{"text": f"Du skrev: {msg}"}]


@pytest.fixture()
def fake(page):
    return FakeRasa(REPLIES, _default).install(page)


def _open(page):
    page.goto(page_url(FAKE_URL))
    page.click(LAUNCHER)
    wait_turn_done(page, 1)


def test_greets_silently_and_shows_notice(page, fake, artifacts_dir):
    page.goto(page_url(FAKE_URL))
    assert page.locator(PANEL).is_hidden()
    assert fake.requests == []  # nothing sent before the user opens the chat
    page.click(LAUNCHER)
    wait_turn_done(page, 1)
    assert fake.messages()[0]["message"] == "/greet"
    assert page.locator(USER_MSGS).count() == 0  # /greet is not echoed
    notice = page.locator("#fv-notice").inner_text()
    assert "chatbot, ikke et menneske" in notice
    assert "fødselsnummer" in notice and "navn" in notice
    assert page.evaluate("document.activeElement.id") == "fv-input"
    assert page.get_attribute(LAUNCHER, "aria-expanded") == "true"


def test_buttons_echo_title_and_send_payload(page, fake):
    _open(page)
    page.locator(QR_BUTTONS).filter(has_text="Omsorgsdager").click()
    wait_turn_done(page, 2)
    assert fake.messages()[-1]["message"] == "/ask_care_days"
    assert page.locator(f"{USER_MSGS} .fv-text").last.inner_text() == "Omsorgsdager"
    # the group is labelled and holds real buttons
    group = page.locator("#fv-panel .fv-qr[role=group]")
    assert group.get_attribute("aria-labelledby") == "fv-qr-label"
    assert page.locator("#fv-qr-label").inner_text() == "Velg et svar:"
    assert page.locator(QR_BUTTONS).evaluate_all("bs => bs.every(b => b.tagName === 'BUTTON')")
    # the options are also part of the announced bot message (for screen readers)
    last_bot = page.locator(f"{BOT_MSGS} .fv-bubble").last.inner_text()
    assert "Svaralternativer: 1 barn, 2 barn, 3 eller flere" in last_bot
    page.locator(QR_BUTTONS).filter(has_text="2 barn").click()
    wait_turn_done(page, 4)
    assert page.locator(QR_BUTTONS).count() == 0
    assert "10 omsorgsdager" in page.locator(LOG).inner_text()


def test_speaker_labels_and_single_live_region(page, fake):
    _open(page)
    page.evaluate("""() => {
        window.__adds = [];
        new MutationObserver(recs => recs.forEach(r => r.addedNodes.length && window.__adds.push(r.addedNodes.length)))
            .observe(document.querySelector('#fv-panel [role=log]'), {childList: true});
    }""")
    send_text(page, "to meldinger")
    page.wait_for_timeout(200)
    # one insertion for the echoed user message, ONE insertion holding both bot messages of the turn
    assert page.evaluate("window.__adds") == [1, 2]
    assert page.locator(f"{BOT_MSGS} .fv-sr").first.text_content() == "Chatboten sier: "
    assert page.locator(f"{USER_MSGS} .fv-sr").first.text_content() == "Du skrev: "
    roles = page.evaluate("""() => {
        const log = document.querySelector('#fv-panel [role=log]');
        const live = [...log.querySelectorAll('[aria-live],[role=log],[role=status],[role=alert]')];
        return {log: !!log, nested: live.length, status: document.querySelectorAll('#fv-panel [role=status]').length};
    }""")
    assert roles == {"log": True, "nested": 0, "status": 1}


def test_typing_status_while_waiting(page, fake):
    _open(page)
    page.evaluate("""() => {
        window.__seen = [];
        const st = document.querySelector('#fv-panel [role=status]');
        const log = document.querySelector('#fv-panel [role=log]');
        new MutationObserver(() => window.__seen.push([st.textContent, log.getAttribute('aria-busy')]))
            .observe(document.querySelector('#fv-panel'), {subtree: true, childList: true, attributes: true});
    }""")
    send_text(page, "vent litt")
    seen = page.evaluate("window.__seen")
    assert ["Chatboten skriver …", "true"] in seen
    assert page.locator("#fv-panel [role=status]").inner_text() == ""
    assert page.get_attribute(LOG, "aria-busy") == "false"
    assert page.evaluate("document.activeElement.id") == "fv-input"


def test_text_is_never_html_and_links_are_allow_listed(page, fake):
    _open(page)
    send_text(page, XSS)
    # the user's message shows the payload literally
    assert page.locator(f"{USER_MSGS} .fv-text").last.inner_text() == XSS
    assert page.locator("#familieveileder img").count() == 0
    # the bot echo ("Du skrev: <img …>") is also text only
    assert page.locator(f"{BOT_MSGS} .fv-text").last.inner_text() == f"Du skrev: {XSS}"
    send_text(page, "lenker")
    links = page.locator(f"{BOT_MSGS}").last.locator("a").evaluate_all(
        "as => as.map(a => ({href: a.href, text: a.firstChild.textContent, rel: a.rel, target: a.target}))")
    assert [lk["href"] for lk in links] == [
        "https://nav.no/omsorgspenger",
        "https://lovdata.no/lov/2018-06-15-38/%C2%A712",
        "https://imdi.no/introduksjonsprogram",
    ]
    assert [lk["text"] for lk in links] == [
        "nav.no/omsorgspenger", "https://lovdata.no/lov/2018-06-15-38/§12", "imdi.no/introduksjonsprogram"]
    assert all(lk["rel"] == "noopener noreferrer" and lk["target"] == "_blank" for lk in links)
    text = page.locator(f"{BOT_MSGS} .fv-text").last.inner_text()
    assert "\n" in text  # line breaks kept
    assert page.dialogs == []


def test_feedback_posts_no_personal_data(page, fake):
    _open(page)
    page.locator(QR_BUTTONS).filter(has_text="Omsorgsdager").click()
    wait_turn_done(page, 2)
    # a question with buttons gets no feedback prompt
    assert page.locator("#fv-panel .fv-feedback").count() == 0
    page.locator(QR_BUTTONS).filter(has_text="1 barn").click()
    wait_turn_done(page, 4)
    fb = page.locator("#fv-panel .fv-feedback-group")
    assert fb.count() == 1
    assert fb.get_attribute("role") == "group"
    fb.get_by_role("button", name="Nei").click()
    page.wait_for_selector("#fv-panel .fv-feedback-thanks")
    posted = [r for r in fake.requests if r["path"] == "/webhooks/privacy/feedback"]
    assert posted == [{"method": "POST", "path": "/webhooks/privacy/feedback", "body": {"helpful": False}}]
    assert page.locator("#fv-panel .fv-feedback-thanks").inner_text() == "Takk for tilbakemeldingen!"
    assert page.evaluate("document.activeElement.id") == "fv-input"


def test_reload_keeps_conversation(page, fake):
    _open(page)
    send_text(page, "første melding")
    sid = stored_state(page)["sessionId"]
    before = page.locator(LOG).inner_text()
    page.reload()
    page.wait_for_selector(PANEL, state="visible")
    assert page.locator(LOG).inner_text() == before
    assert stored_state(page)["sessionId"] == sid
    send_text(page, "andre melding")
    assert {m["sender"] for m in fake.messages()} == {sid}
    assert [m["message"] for m in fake.messages()].count("/greet") == 1


def test_restart_new_session(page, fake):
    _open(page)
    send_text(page, "noe")
    old = stored_state(page)["sessionId"]
    page.get_by_role("button", name="Start på nytt").click()
    page.wait_for_function("document.querySelectorAll('#fv-panel .fv-msg').length === 1")
    wait_turn_done(page, 1)
    new = stored_state(page)["sessionId"]
    assert new != old
    msgs = fake.messages()
    assert {"sender": old, "message": "/restart"} in msgs
    assert msgs[-1] == {"sender": new, "message": "/greet"}
    assert "noe" not in page.locator(LOG).inner_text()


def test_delete_calls_endpoint_and_clears_browser(page, fake, artifacts_dir):
    _open(page)
    send_text(page, "slett meg")
    sid = stored_state(page)["sessionId"]
    page.get_by_role("button", name="Slett samtalen").click()
    page.wait_for_function("document.querySelectorAll('#fv-panel .fv-msg').length === 0")
    deletes = [r for r in fake.requests if r["method"] == "DELETE"]
    assert deletes == [{"method": "DELETE", "path": f"/webhooks/privacy/conversations/{sid}", "body": None}]
    assert "Samtalen er slettet" in page.locator("#fv-panel [role=status]").inner_text()
    st = stored_state(page)
    assert st["messages"] == [] and st["sessionId"] != sid
    assert "slett meg" not in page.evaluate("JSON.stringify(sessionStorage)")
    check_state(page, "unit-after-delete", artifacts_dir)


def test_delete_failure_keeps_conversation(page, fake):
    _open(page)
    send_text(page, "behold meg")
    fake.up = False
    page.get_by_role("button", name="Slett samtalen").click()
    page.wait_for_selector("#fv-panel .fv-error", state="visible")
    assert "ikke slettet" in page.locator("#fv-panel .fv-error").inner_text()
    assert "behold meg" in page.locator(LOG).inner_text()


def test_download_transcript(page, fake):
    _open(page)
    send_text(page, "last ned dette")
    with page.expect_download() as dl:
        page.get_by_role("button", name="Last ned samtalen").click()
    d = dl.value
    assert re.fullmatch(r"samtale-familieveileder-\d{4}-\d{2}-\d{2}\.txt", d.suggested_filename)
    text = open(d.path(), encoding="utf-8-sig").read()
    assert "Du: last ned dette" in text
    assert "Chatboten: Hei! Jeg er Familieveilederen" in text
    assert "Svaralternativer: Omsorgsdager, Foreldrepenger" in text


def test_offline_error_and_retry(page, fake, artifacts_dir):
    fake.up = False
    page.goto(page_url(FAKE_URL))
    page.click(LAUNCHER)
    err = page.locator("#fv-panel .fv-error")
    err.wait_for(state="visible")
    assert err.get_attribute("role") == "alert"
    assert "får ikke kontakt" in err.inner_text()
    check_state(page, "unit-error-offline", artifacts_dir)
    fake.up = True
    page.get_by_role("button", name="Prøv igjen").click()
    wait_turn_done(page, 1)
    assert err.is_hidden()
    assert "Familieveilederen" in page.locator(LOG).inner_text()


def test_send_failure_then_retry_resends(page, fake):
    _open(page)
    fake.up = False
    page.fill(INPUT, "hallo?")
    page.press(INPUT, "Enter")
    page.wait_for_selector("#fv-panel .fv-error", state="visible")
    fake.up = True
    page.get_by_role("button", name="Prøv igjen").click()
    wait_turn_done(page, 2)
    assert page.locator(f"{BOT_MSGS} .fv-text").last.inner_text() == "Du skrev: hallo?"
    assert page.locator(USER_MSGS).count() == 1  # not echoed twice


def test_action_server_down_is_reported(page, fake):
    fake.actions_up = False
    page.goto(page_url(FAKE_URL))
    page.click(LAUNCHER)
    err = page.locator("#fv-panel .fv-error")
    err.wait_for(state="visible")
    assert "virker bare delvis" in err.inner_text()


def test_keyboard_only_flow(page, fake):
    page.goto(page_url(FAKE_URL))
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('fv-launcher')"):
            break
    else:
        pytest.fail("launcher not reachable with Tab")
    page.keyboard.press("Enter")
    wait_turn_done(page, 1)
    assert page.evaluate("document.activeElement.id") == "fv-input"
    page.keyboard.type("Hvor mange omsorgsdager har jeg?")
    page.keyboard.press("Enter")
    wait_turn_done(page, 2)
    assert page.evaluate("document.activeElement.id") == "fv-input"
    page.keyboard.press("Shift+Tab")  # quick replies sit just above the input
    assert page.evaluate("document.activeElement.textContent") == "3 eller flere"
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.textContent") == "2 barn"
    page.keyboard.press("Space")
    wait_turn_done(page, 4)
    assert page.evaluate("document.activeElement.id") == "fv-input"
    assert "10 omsorgsdager" in page.locator(LOG).inner_text()
    page.keyboard.press("Escape")
    assert page.locator(PANEL).is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('fv-launcher')")
    assert page.get_attribute(LAUNCHER, "aria-expanded") == "false"


@pytest.mark.parametrize("name,viewport", [
    ("320px", {"width": 320, "height": 640}),
    ("zoom200", {"width": 640, "height": 400}),   # 1280×800 window at 200 % zoom
])
def test_reflow_without_horizontal_scroll(page, fake, artifacts_dir, name, viewport):
    page.set_viewport_size(viewport)
    page.goto(page_url(FAKE_URL))
    page.click(LAUNCHER)
    wait_turn_done(page, 1)
    page.locator(QR_BUTTONS).filter(has_text="Omsorgsdager").click()
    wait_turn_done(page, 2)
    assert_reflows(page)
    # every control is reachable: the input and all quick replies are in the viewport or scrollable into it
    page.locator(INPUT).scroll_into_view_if_needed()
    assert page.locator(INPUT).is_visible()
    check_state(page, f"unit-reflow-{name}", artifacts_dir)


def test_axe_harness_detects_violations(page):
    """Guard against a vacuous axe check: a broken control must be reported."""
    from fvweb import axe_violations

    page.goto(page_url(FAKE_URL))
    page.evaluate("""() => {
        const b = document.createElement('button');          // no accessible name
        b.innerHTML = '<span></span>';
        const p = document.createElement('p');               // 1.3:1 contrast
        p.textContent = 'lite kontrast'; p.style.color = '#ddd';
        document.body.append(b, p);
    }""")
    ids = {v["id"] for v in axe_violations(page)}
    assert {"button-name", "color-contrast"} <= ids, ids
