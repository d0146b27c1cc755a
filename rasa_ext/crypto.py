"""Encryption at rest for tracker events (Fernet from `cryptography`; no Rasa imports).

Keys, first one found wins:
  FV_TRACKER_KEY       one or more Fernet keys, separated by commas or spaces. The first key
                       encrypts; every key decrypts (MultiFernet), so a key can be rotated.
  FV_TRACKER_KEY_FILE  a file with one key per line (same order); default var/tracker.key.
When neither gives a key, a random key is written to the key file with mode 0600 (scripts/run.sh
does this at start, and says so). Several replicas must share the same key.

Conversation ids (a phone number for SMS, a chat id for Telegram) are not stored either: the
database holds "p1:" + HMAC-SHA256(id key, id). The id key:
  FV_TRACKER_ID_KEY       any secret string, or
  FV_TRACKER_ID_KEY_FILE  default var/tracker.idkey, made like the key file when missing.
It is not rotated with the Fernet keys; a new id key orphans the stored conversations, which
retention then deletes.

Rotation (docs in README, "Privacy"):
  python -m rasa_ext.crypto new-key     prints a fresh key
  python -m rasa_ext.crypto rotate      puts a new key first in the key file and re-encrypts
                                        every stored event with it (run with the bot stopped, or
                                        set FV_TRACKER_KEY="new,old" on every replica first)
Then remove the old key. A Fernet token is AES-128-CBC with an HMAC-SHA256: a changed row does
not decrypt, it is not read as something else.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import sys
from functools import lru_cache
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

REPO = Path(__file__).resolve().parent.parent
PREFIX = "fv1:"  # marks an encrypted row; a row without it is legacy clear JSON
ID_PREFIX = "p1:"  # marks a pseudonymous conversation id
__all__ = ["ID_PREFIX", "PREFIX", "InvalidToken", "decrypt", "encrypt", "ensure_key", "key_file", "keys",
           "load_row", "stored_id"]


def key_file() -> Path:
    return Path(os.environ.get("FV_TRACKER_KEY_FILE") or REPO / "var" / "tracker.key")


def _split(text: str) -> list[str]:
    return [k for k in re.split(r"[\s,]+", text) if k and not k.startswith("#")]


def ensure_key(path: Path | None = None) -> tuple[Path, bool]:
    """Create the key file with a random key (mode 0600) unless it exists. Returns (path, created)."""
    path = path or key_file()
    if path.exists():
        return path, False
    return path, _make_file(path, Fernet.generate_key().decode())


def id_key_file() -> Path:
    return Path(os.environ.get("FV_TRACKER_ID_KEY_FILE") or REPO / "var" / "tracker.idkey")


def _make_file(path: Path, content: str) -> bool:
    """Write a 0600 file unless it exists, atomically (a reader never sees it half written)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(content + "\n")
    try:
        os.link(tmp, path)  # fails if another process made it meanwhile
        return True
    except FileExistsError:
        return False
    finally:
        tmp.unlink()


def id_key() -> bytes:
    env = os.environ.get("FV_TRACKER_ID_KEY", "").strip()
    if env:
        return env.encode()
    path = id_key_file()
    if not path.exists():
        _make_file(path, secrets.token_hex(32))
    key = path.read_text().strip()
    if not key:
        raise RuntimeError(f"{path} is empty")
    return key.encode()


@lru_cache(maxsize=4096)
def _pseudonym(key: bytes, sender_id: str) -> str:
    return ID_PREFIX + hmac.new(key, sender_id.encode(), hashlib.sha256).hexdigest()[:48]


def stored_id(sender_id: str, key: bytes | None = None) -> str:
    """The value of the sender_id column for a conversation id."""
    return _pseudonym(key or id_key(), sender_id)


def keys() -> list[str]:
    env = os.environ.get("FV_TRACKER_KEY", "").strip()
    if env:
        return _split(env)
    path, _ = ensure_key()
    found = _split(path.read_text())
    if not found:
        raise RuntimeError(f"{path} holds no key")
    return found


@lru_cache(maxsize=4)
def _fernet(key_list: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(k.encode()) for k in key_list])


def fernet() -> MultiFernet:
    return _fernet(tuple(keys()))


def encrypt(text: str, f: MultiFernet | None = None) -> str:
    return PREFIX + (f or fernet()).encrypt(text.encode()).decode()


def decrypt(stored: str, f: MultiFernet | None = None) -> str:
    """Clear text of a stored row (legacy rows without the prefix are returned as they are)."""
    if not stored.startswith(PREFIX):
        return stored
    return (f or fernet()).decrypt(stored[len(PREFIX):].encode()).decode()


def load_row(raw: str) -> dict:
    """The event dict of one stored `data` value (for tools and tests reading the raw table)."""
    return json.loads(decrypt(raw))


def _rotate_file(path: Path) -> str:
    new = Fernet.generate_key().decode()
    old = _split(path.read_text()) if path.exists() else []
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write("\n".join([new, *old]) + "\n")
    os.replace(tmp, path)
    return new


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "ensure"
    if command == "new-key":
        print(Fernet.generate_key().decode())
    elif command == "ensure":
        id_key()
        if os.environ.get("FV_TRACKER_KEY", "").strip():
            return 0
        path, created = ensure_key()
        if created:
            print(f"FV_TRACKER_KEY is not set: made a random tracker key in {path} (mode 0600). "
                  "Keep it safe; without it the stored conversations cannot be read.")
    elif command == "rotate":
        if os.environ.get("FV_TRACKER_KEY", "").strip():
            print("FV_TRACKER_KEY is set: put a new key first in it yourself "
                  "(python -m rasa_ext.crypto new-key), then run `reencrypt`.")
            return 2
        _rotate_file(key_file())
        _fernet.cache_clear()
        return main(["reencrypt"])
    elif command == "reencrypt":
        from rasa_ext.tracker_store import reencrypt_all
        print(f"Re-encrypted {reencrypt_all()} events with the first key.")
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
