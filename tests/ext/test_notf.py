"""rasa_ext.notf: the real model serves a conversation with TensorFlow never imported, in less
memory; a component that needs TensorFlow fails loudly; the guards (Rasa version, pipeline)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rasa_ext import notf, serve

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "familieveileder.tar.gz"

PROBE = r"""
import asyncio, json, os, sys
sys.path.insert(0, os.getcwd())
from rasa_ext import notf
notf.install()
from rasa.core.agent import load_agent
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.utils import AvailableEndpoints

async def main():
    agent = await load_agent(model_path="models/familieveileder.tar.gz",
                             endpoints=AvailableEndpoints.read_endpoints("endpoints.yml"))
    out = CollectingOutputChannel()
    await agent.handle_message(UserMessage("Hvor mange omsorgsdager har jeg?", out, "notf-probe"))
    return [m.get("text") for m in out.messages]

texts = asyncio.run(main())
from rasa.utils.tensorflow.callback import RasaTrainingLogger
try:
    RasaTrainingLogger(1, False)
    loud = False
except notf.TensorFlowUnavailable:
    loud = True
rss = int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) // 1024
real = "tensorflow" in sys.modules and not getattr(sys.modules["tensorflow"], "_fv_stub", False)
print(json.dumps({"texts": texts, "real_tf": real, "rss_mb": rss, "loud": loud}))
"""


@pytest.mark.skipif(not MODEL.exists(), reason="needs the trained model (scripts/train_if_needed.py)")
def test_the_model_serves_without_tensorflow(tmp_path):
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {"TRACKER_DB_URL": f"sqlite:///{tmp_path / 't.db'}", "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{port}/webhook",
           "PATH": "/usr/bin:/bin", "RASA_TELEMETRY_ENABLED": "false", "HOME": str(tmp_path),
           "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}
    actions = subprocess.Popen([sys.executable, "-m", "rasa_sdk", "--actions", "actions.glue",
                                "--port", str(port)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2)
                break
            except OSError:
                assert time.monotonic() < deadline and actions.poll() is None, "action server did not start"
                time.sleep(0.5)
        out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
                             timeout=300)
    finally:
        actions.terminate()
        actions.wait(timeout=20)
    assert out.returncode == 0, out.stderr[-2000:]
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["real_tf"] is False
    assert any("barn" in (t or "") for t in got["texts"]), got["texts"]
    assert got["loud"] is True  # a TensorFlow class cannot be used by accident
    assert got["rss_mb"] < 450, got["rss_mb"]


def test_stand_ins_behave_as_documented():
    stub = notf._stub("tf.Tensor")
    assert not isinstance(1, stub) and stub[int] is stub

    @stub.function
    def f():
        return 3
    assert f() == 3

    class Real(stub):
        pass
    with pytest.raises(notf.TensorFlowUnavailable):
        Real()


def test_guards(tmp_path, monkeypatch):
    cfg = tmp_path / "config.yml"
    cfg.write_text("pipeline:\n  - name: WhitespaceTokenizer\n  - name: DIETClassifier\npolicies:\n  - name: RulePolicy\n")
    assert notf.pipeline_needs_tensorflow(cfg)
    assert not notf.pipeline_needs_tensorflow(ROOT / "config.yml")
    monkeypatch.setenv("FV_CONFIG", str(cfg))
    assert serve.want_notf()[0] is False
    monkeypatch.setenv("FV_CONFIG", str(ROOT / "config.yml"))
    assert serve.want_notf()[0] is True
    monkeypatch.setattr(serve.importlib.metadata, "version", lambda name: "3.6.20")
    assert serve.want_notf() == (False, "Rasa 3.6.20 is not 3.6.21")
    monkeypatch.setenv("FV_TENSORFLOW", "real")
    assert serve.want_notf()[0] is False
