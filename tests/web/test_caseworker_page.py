"""The caseworker page (web/caseworker.html) in headless Chromium against the REAL running bot:
sign-in, a walkthrough with the summary growing beside it, "Endre", downloads; axe-core with no
WCAG 2.1 A/AA violation in every state; keyboard only. Screenshots go to tests/web/artifacts/."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from fvweb import RASA_URL, check_state, page_url

pytestmark = [pytest.mark.web, pytest.mark.server, pytest.mark.usefixtures("rasa_up")]
ANNE = "anne-test-token-0001"  # tests/walkthroughs/tokens.py; scripts/test.sh configures its hash
ROADMAP = "#cw-roadmap"


def open_page(page):
    page.goto(page_url(RASA_URL, "/caseworker.html"))
    page.wait_for_selector("#cw-signin-form")


def sign_in(page, token=ANNE):
    page.fill("#cw-token", token)
    page.click("#cw-signin-form button[type=submit]")


def wait_idle(page, n_before):
    page.wait_for_function(
        "n => document.querySelector('#cw-log').getAttribute('aria-busy') === 'false'"
        " && document.querySelectorAll('#cw-log .cw-msg--bot').length > n", arg=n_before, timeout=90_000)


def bots(page):
    return page.locator("#cw-log .cw-msg--bot").count()


def say(page, text):
    n = bots(page)
    page.fill("#cw-input", text)
    page.press("#cw-input", "Enter")
    wait_idle(page, n)


def click(page, selector):
    n = bots(page)
    page.click(selector)
    wait_idle(page, n)


def test_sign_in_states_are_accessible(page, artifacts_dir):
    open_page(page)
    check_state(page, "cw-signin", artifacts_dir)
    sign_in(page, "feil-nøkkel")
    page.wait_for_selector("#cw-signin-error:has-text('stemmer ikke')")
    assert page.get_attribute("#cw-token", "aria-invalid") == "true"
    check_state(page, "cw-signin-error", artifacts_dir)
    sign_in(page)
    page.wait_for_selector("#cw-work", state="visible")
    assert page.inner_text("#cw-name") == "anne"
    check_state(page, "cw-signed-in", artifacts_dir)


def test_walkthrough_with_growing_summary_change_and_downloads(page, artifacts_dir):
    open_page(page)
    sign_in(page)
    page.wait_for_selector("#cw-work", state="visible")
    click(page, ".cw-start-btn[data-script=for_leave]")
    assert page.inner_text(ROADMAP).startswith("Steg 1 av 6: Oppholdstillatelse")
    check_state(page, "cw-step-1", artifacts_dir)
    say(page, "2022")
    assert page.inner_text(ROADMAP).startswith("Steg 2 av 6")
    page.wait_for_selector("#cw-answers li:has-text('Oppholdstillatelse: 2022')")
    click(page, "#cw-replies button:has-text('Vi skal få barn')")
    say(page, "3. mars 2027")
    assert page.inner_text(ROADMAP).startswith("Steg 4 av 6")
    page.wait_for_selector("#cw-dates li:has-text('Frist for å søke barnehageplass')")
    check_state(page, "cw-summary-growing", artifacts_dir)
    say(page, "Ja, begge")
    say(page, "Drammen")
    say(page, "Norskkurs")
    assert page.inner_text(ROADMAP) == "Gjennomgang av svarene"
    check_state(page, "cw-review", artifacts_dir)
    # "Endre" beside an answer in the summary asks that step again
    click(page, "#cw-answers button[aria-label='Endre kommune']")
    assert page.inner_text(ROADMAP).startswith("Steg 5 av 6: Kommune")
    say(page, "Bergen")
    page.wait_for_selector("#cw-answers li:has-text('Kommune: Bergen')")
    click(page, "#cw-replies button:has-text('Lag oppsummeringen')")
    assert page.inner_text(ROADMAP).startswith("Ferdig")
    page.wait_for_selector("#cw-summary-title:not(:has-text('ikke ferdig'))")
    check_state(page, "cw-finished", artifacts_dir)
    with page.expect_download() as dl:
        page.click(".cw-download[data-format=pdf]")
    assert Path(dl.value.path()).read_bytes()[:5] == b"%PDF-"
    with page.expect_download() as dl:
        page.click(".cw-download[data-format=ics]")
    assert b"BEGIN:VCALENDAR" in Path(dl.value.path()).read_bytes()
    page.click("#cw-print")  # the print dialog is headless: the page must not break
    page.wait_for_timeout(500)
    assert page.console_errors == []
    # the printable document itself, on screen and as printed
    with page.expect_download() as dl:
        page.click(".cw-download[data-format=html]")
    html = Path(dl.value.path()).read_text(encoding="utf-8")
    page.set_content(html)
    check_state(page, "cw-summary-document", artifacts_dir)
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.participant')).breakBefore") == "page"
    page.screenshot(path=str(artifacts_dir / "cw-summary-print.png"), full_page=True)


def test_keyboard_only(page, artifacts_dir):
    open_page(page)
    page.keyboard.press("Tab")  # skip link
    assert page.evaluate("document.activeElement.className") == "cw-skip"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "cw-token"
    page.keyboard.type(ANNE)
    page.keyboard.press("Enter")
    page.wait_for_selector("#cw-work", state="visible")
    assert page.evaluate("document.activeElement.id") == "cw-input"
    # Shift+Tab back to the start buttons, Enter starts "Omsorgsdager"
    for _ in range(10):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.dataset.script") == "care_days":
            break
    n = bots(page)
    page.keyboard.press("Enter")
    wait_idle(page, n)
    assert "Steg 1 av" in page.inner_text(ROADMAP)
    assert page.evaluate("document.activeElement.id") == "cw-input"
    n = bots(page)
    page.keyboard.type("2 barn")
    page.keyboard.press("Enter")
    wait_idle(page, n)
    assert re.match(r"Steg 2 av \d+: Fødselsår", page.inner_text(ROADMAP))
    # Shift+Tab back from the input to the last reply button and press it with Space
    for _ in range(10):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.classList.contains('cw-reply')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('cw-reply')")
    focus_ring = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focus_ring != "none"
    n = bots(page)
    page.keyboard.press("Space")
    wait_idle(page, n)
    check_state(page, "cw-keyboard", artifacts_dir)
