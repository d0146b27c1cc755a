"""Who is a caseworker: tokens from the environment, hashed at rest, one per caseworker.

  CASEWORKER_TOKENS="anne:<sha256 of Anne's token>,bjorn:<sha256 of Bjørn's token>"

The server never holds a token in clear text, only its SHA-256 (tokens are 32 random bytes, so a
plain hash is enough; comparison is constant-time). Make a token with

  .venv/bin/python -m actions.walkthroughs.access new-token anne

The caseworker channel marks each message it lets through with an HMAC over the caseworker id and
the conversation id (key: CASEWORKER_SECRET, or derived from CASEWORKER_TOKENS), so an action can
tell a caseworker's message from a citizen's even when a citizen channel copies the metadata.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import sys

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,39}$")
PREFIX = "cw"


class TokenConfigError(ValueError):
    pass


def hash_token(token: str) -> str:
    # surrogateescape: a header with stray non-UTF-8 bytes is just a wrong token, never a crash
    return hashlib.sha256(token.encode("utf-8", "surrogateescape")).hexdigest()


def configured(env=None) -> dict[str, str]:
    """caseworker id -> token hash, from CASEWORKER_TOKENS."""
    env = os.environ if env is None else env
    raw = env.get("CASEWORKER_TOKENS", "") or ""
    out: dict[str, str] = {}
    for item in filter(None, (x.strip() for x in raw.split(","))):
        cw, _, digest = item.partition(":")
        cw, digest = cw.strip().lower(), digest.strip().lower()
        if not ID_RE.match(cw) or not re.fullmatch(r"[0-9a-f]{64}", digest):
            raise TokenConfigError("CASEWORKER_TOKENS: each entry is <id>:<sha256 hex of the token>")
        if cw in out:
            raise TokenConfigError(f"CASEWORKER_TOKENS: '{cw}' is listed twice")
        out[cw] = digest
    return out


def caseworker_for(token: str | None, tokens: dict[str, str]) -> str | None:
    """The caseworker a bearer token belongs to, or None."""
    if not token:
        return None
    digest = hash_token(token)
    found = None
    for cw, expected in tokens.items():  # check all: no early exit on a match
        if hmac.compare_digest(digest, expected):
            found = cw
    return found


def bearer(header: str | None) -> str | None:
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    return value.strip() or None if scheme.lower() == "bearer" else None


def conversation_id(caseworker: str, sender: str) -> str:
    """The caseworker channel's own namespace: cw:<caseworker>:<sender>."""
    return f"{PREFIX}:{caseworker}:{sender}"


def owner(conversation: str) -> str | None:
    parts = conversation.split(":", 2)
    return parts[1] if len(parts) == 3 and parts[0] == PREFIX else None


def _key(env=None) -> bytes:
    env = os.environ if env is None else env
    secret = env.get("CASEWORKER_SECRET") or ("derived|" + (env.get("CASEWORKER_TOKENS") or ""))
    return hashlib.sha256(("familieveileder-caseworker-mark|" + secret).encode()).digest()


def mark(caseworker: str, conversation: str, env=None) -> dict:
    sig = hmac.new(_key(env), f"{caseworker}|{conversation}".encode(), hashlib.sha256).hexdigest()
    return {"id": caseworker, "sig": sig}


def marked_caseworker(metadata, conversation: str, env=None) -> str | None:
    """The caseworker id if this message came through the caseworker channel, else None."""
    env = os.environ if env is None else env
    if not env.get("CASEWORKER_TOKENS") and not env.get("CASEWORKER_SECRET"):
        return None  # the mode is off
    data = (metadata or {}).get("caseworker") if isinstance(metadata, dict) else None
    if not isinstance(data, dict) or not isinstance(data.get("id"), str) or not isinstance(data.get("sig"), str):
        return None
    cw = data["id"]
    if owner(conversation) != cw:
        return None
    expected = mark(cw, conversation, env)["sig"]
    return cw if hmac.compare_digest(expected, data["sig"]) else None


def main(argv: list[str]) -> None:
    if len(argv) == 2 and argv[0] == "new-token" and ID_RE.match(argv[1]):
        token = secrets.token_urlsafe(32)
        print(f"Token for {argv[1]} (give it to the caseworker; it is not stored): {token}")
        print(f"Add to CASEWORKER_TOKENS: {argv[1]}:{hash_token(token)}")
        return
    if len(argv) == 1 and argv[0] == "hash":
        print(hash_token(sys.stdin.readline().strip()))
        return
    sys.exit("usage: python -m actions.walkthroughs.access new-token <id>   (id: a-z, 0-9, _ . -)\n"
             "       echo TOKEN | python -m actions.walkthroughs.access hash")


if __name__ == "__main__":
    main(sys.argv[1:])
