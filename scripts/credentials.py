"""Write the channel configuration Rasa starts with (var/credentials.yml) and print its path.

credentials.yml holds the channels that are always on. Channels that need secrets are added only
when their environment variables are set, so they stay disabled unless configured.
"""
from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def channels() -> dict:
    config = yaml.safe_load((ROOT / "credentials.yml").read_text(encoding="utf-8")) or {}
    return config


def main() -> None:
    out = ROOT / "var" / "credentials.yml"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(yaml.safe_dump(channels(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    print(out.relative_to(ROOT))


if __name__ == "__main__":
    main()
