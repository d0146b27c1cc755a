"""Write the channel configuration Rasa starts with (var/credentials.yml) and print its path.

credentials.yml holds the channels that are always on. Channels that need secrets are added only
when their environment variables are set, so they stay disabled unless configured:

  CALLBACK_URL                 text-only callback channel (SMS/chat gateways): replies are POSTed
                               there; input at /webhooks/textcallback/webhook
    CALLBACK_SECRET            required: the gateway signs every request with it (HMAC-SHA256,
                               docs/channels.md); at least 16 characters
    CALLBACK_TOKEN             optional: sent as "Authorization: Bearer <token>" with each reply
  TELEGRAM_TOKEN, TELEGRAM_VERIFY (the bot's username), TELEGRAM_WEBHOOK_URL (public https URL
  ending in /webhooks/telegram/webhook), TELEGRAM_SECRET_TOKEN (16-256 of A-Z a-z 0-9 _ -;
  Telegram sends it with every update): the Telegram connector; all four or none
    TELEGRAM_API_URL           optional: Bot API base URL (self-hosted server or a stand-in)
  CASEWORKER_TOKENS            <id>:<sha256 of token>,...: the caseworker channel
                               (/webhooks/caseworker/..., docs/caseworker.md); read by the channel

Secrets are written as ${VAR} placeholders, which Rasa fills in from the environment when it reads
the file, so the file on disk holds no token. Usage: credentials.py [--out PATH]
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import Mapping

import yaml

ROOT = Path(__file__).resolve().parent.parent
TELEGRAM_REQUIRED = ("TELEGRAM_TOKEN", "TELEGRAM_VERIFY", "TELEGRAM_WEBHOOK_URL", "TELEGRAM_SECRET_TOKEN")
MIN_SECRET_CHARS = 16
TELEGRAM_SECRET_RE = re.compile(r"[A-Za-z0-9_-]{16,256}")


class ConfigError(ValueError):
    pass


def channels(env: Mapping[str, str] | None = None) -> dict:
    env = os.environ if env is None else env
    config = yaml.safe_load((ROOT / "credentials.yml").read_text(encoding="utf-8")) or {}

    if env.get("CALLBACK_URL"):
        if len(env.get("CALLBACK_SECRET") or "") < MIN_SECRET_CHARS:
            raise ConfigError("The text callback channel (CALLBACK_URL) needs CALLBACK_SECRET, at least "
                              f"{MIN_SECRET_CHARS} characters: the gateway signs every request with it "
                              "(docs/channels.md). Without it anyone could write as any phone number.")
        callback: dict = {"url": "${CALLBACK_URL}", "secret": "${CALLBACK_SECRET}"}
        if env.get("CALLBACK_TOKEN"):
            callback["headers"] = {"Authorization": "Bearer ${CALLBACK_TOKEN}"}
        config["rasa_ext.messaging.TextCallbackInput"] = callback

    telegram_set = [v for v in TELEGRAM_REQUIRED if env.get(v)]
    if telegram_set:
        missing = [v for v in TELEGRAM_REQUIRED if not env.get(v)]
        if missing:
            raise ConfigError(f"Telegram is half configured: set {', '.join(missing)} too "
                              f"(or unset {', '.join(telegram_set)})")
        if not TELEGRAM_SECRET_RE.fullmatch(env["TELEGRAM_SECRET_TOKEN"]):
            raise ConfigError("TELEGRAM_SECRET_TOKEN must be 16 to 256 characters A-Z a-z 0-9 _ -")
        telegram = {"access_token": "${TELEGRAM_TOKEN}", "verify": "${TELEGRAM_VERIFY}",
                    "webhook_url": "${TELEGRAM_WEBHOOK_URL}", "secret_token": "${TELEGRAM_SECRET_TOKEN}"}
        if env.get("TELEGRAM_API_URL"):
            telegram["api_url"] = "${TELEGRAM_API_URL}"
        config["rasa_ext.telegram.TelegramInput"] = telegram
    if env.get("CASEWORKER_TOKENS"):
        config["rasa_ext.caseworker.CaseworkerInput"] = None
    return config


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "credentials.yml")
    args = parser.parse_args(argv)
    try:
        config = channels()
    except ConfigError as e:
        sys.exit(f"ERROR: {e}")
    out = args.out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    print(out.relative_to(ROOT) if out.is_relative_to(ROOT) else out)


if __name__ == "__main__":
    main()
