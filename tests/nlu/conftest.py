"""One trained model for every NLU test (models/familieveileder.tar.gz, trained by scripts/test.sh)."""
from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
MODEL = ROOT / os.environ.get("MODEL_PATH", "models/familieveileder.tar.gz")


class Parser:
    def __init__(self, model: Path):
        from rasa.core.agent import Agent
        os.chdir(ROOT)  # the pipeline names var/spacy/... and data relative to the repository
        self.agent = Agent.load(str(model))
        self.loop = asyncio.new_event_loop()
        self.cache: dict[str, dict] = {}

    def __call__(self, text: str) -> dict:
        if text not in self.cache:
            self.cache[text] = self.loop.run_until_complete(self.agent.parse_message(text))
        return self.cache[text]

    def intent(self, text: str) -> str:
        return self(text)["intent"]["name"]

    def topic(self, text: str) -> str | None:
        return next((e["value"] for e in self(text).get("entities", []) if e["entity"] == "oos_topic"), None)


@pytest.fixture(scope="session")
def parse() -> Parser:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: scripts/test.sh trains it before pytest", pytrace=False)
    parser = Parser(MODEL)
    yield parser
    parser.loop.close()
