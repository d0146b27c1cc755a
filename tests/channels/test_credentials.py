"""scripts/credentials.py: channels with secrets are added only when their variables are set,
and the file holds ${VAR} placeholders that Rasa fills in (no token on disk)."""
from __future__ import annotations

import subprocess
import sys

import pytest
import rasa.shared.utils.io

from scripts.credentials import ROOT, ConfigError, channels

TELEGRAM = {"TELEGRAM_TOKEN": "123:abc", "TELEGRAM_VERIFY": "fv_bot",
            "TELEGRAM_WEBHOOK_URL": "https://fv.example/webhooks/telegram/webhook",
            "TELEGRAM_SECRET_TOKEN": "s3cret-0123456789"}
CALLBACK = {"CALLBACK_URL": "http://gw/cb", "CALLBACK_SECRET": "gateway-secret-0123"}


def test_without_variables_only_the_always_on_channels():
    assert list(channels({})) == ["rasa_ext.channels.RestInput", "rasa_ext.socketio.SocketIOInput",
                                  "rasa_ext.privacy.PrivacyInput"]


def test_callback_url_adds_the_text_only_callback_channel():
    config = channels(CALLBACK)
    assert config["rasa_ext.messaging.TextCallbackInput"] == {"url": "${CALLBACK_URL}",
                                                             "secret": "${CALLBACK_SECRET}"}
    config = channels({**CALLBACK, "CALLBACK_TOKEN": "t"})
    assert config["rasa_ext.messaging.TextCallbackInput"]["headers"] == {
        "Authorization": "Bearer ${CALLBACK_TOKEN}"}
    assert "rasa_ext.telegram.TelegramInput" not in config


def test_telegram_needs_all_four_variables_secret_token_included():
    assert channels(TELEGRAM)["rasa_ext.telegram.TelegramInput"] == {
        "access_token": "${TELEGRAM_TOKEN}", "verify": "${TELEGRAM_VERIFY}",
        "webhook_url": "${TELEGRAM_WEBHOOK_URL}", "secret_token": "${TELEGRAM_SECRET_TOKEN}"}
    for missing in TELEGRAM:
        with pytest.raises(ConfigError, match=missing):
            channels({k: v for k, v in TELEGRAM.items() if k != missing})
    for weak in ("short", "has space in it 0123", "x" * 257):
        with pytest.raises(ConfigError, match="TELEGRAM_SECRET_TOKEN"):
            channels({**TELEGRAM, "TELEGRAM_SECRET_TOKEN": weak})


def test_callback_channel_needs_a_signing_secret():
    for secret in (None, "", "too-short"):
        env = {"CALLBACK_URL": "http://gw/cb", **({"CALLBACK_SECRET": secret} if secret is not None else {})}
        with pytest.raises(ConfigError, match="CALLBACK_SECRET"):
            channels(env)


def test_channel_classes_refuse_to_start_without_their_secret():
    """Also when someone writes the credentials file by hand."""
    from rasa_ext.messaging import TextCallbackInput
    from rasa_ext.telegram import TelegramInput

    with pytest.raises(ValueError, match="CALLBACK_SECRET"):
        TextCallbackInput.from_credentials({"url": "http://gw/cb"})
    with pytest.raises(ValueError, match="TELEGRAM_SECRET_TOKEN"):
        TelegramInput.from_credentials({"access_token": "1:a", "verify": "b", "webhook_url": "https://x"})
    assert TextCallbackInput.from_credentials({"url": "http://gw/cb", "secret": CALLBACK["CALLBACK_SECRET"]})


def test_written_file_has_no_secret_and_rasa_reads_the_values(tmp_path, monkeypatch):
    env = {**TELEGRAM, "TELEGRAM_API_URL": "http://127.0.0.1:1", **CALLBACK}
    out = tmp_path / "credentials.yml"
    run = subprocess.run([sys.executable, "scripts/credentials.py", "--out", str(out)], cwd=ROOT,
                         env={"PATH": "/usr/bin:/bin", **env}, capture_output=True, text=True, check=True)
    assert run.stdout.strip() == str(out)
    written = out.read_text()
    assert "123:abc" not in written and "s3cret" not in written and "gateway-secret" not in written
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    read = rasa.shared.utils.io.read_config_file(out)
    assert read["rasa_ext.telegram.TelegramInput"] == {
        "access_token": "123:abc", "verify": "fv_bot", "webhook_url": TELEGRAM["TELEGRAM_WEBHOOK_URL"],
        "api_url": "http://127.0.0.1:1", "secret_token": TELEGRAM["TELEGRAM_SECRET_TOKEN"]}
    assert read["rasa_ext.messaging.TextCallbackInput"] == {"url": "http://gw/cb",
                                                           "secret": CALLBACK["CALLBACK_SECRET"]}


def test_half_configured_telegram_stops_the_start_with_a_message(tmp_path):
    run = subprocess.run([sys.executable, "scripts/credentials.py", "--out", str(tmp_path / "c.yml")],
                         cwd=ROOT, env={"PATH": "/usr/bin:/bin", "TELEGRAM_TOKEN": "1:a"},
                         capture_output=True, text=True)
    assert run.returncode != 0 and "TELEGRAM_VERIFY" in run.stderr and not (tmp_path / "c.yml").exists()
