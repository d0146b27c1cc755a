"""Run a walkthrough against the running bot through the caseworker channel, answering from a
file, and write the transcript and the summary (HTML, PDF, .ics, JSON) to a folder. For training
caseworkers and for regression tests.

  .venv/bin/python -m actions.walkthroughs.run --script "Før permisjonen" --answers answers.yml \\
      --url http://localhost:5005 --token "$TOKEN" --out out/

The answers file (YAML) is either a list of messages, sent in order, or a mapping:

  answers:            # step id (see data/walkthroughs/<script>.yml) -> what the caseworker types
    permit: "2022"
    child: "3. mars 2027"
  review: ["endre kommune", "Bergen"]   # optional: typed in order once the review is shown
                                        # (also answers a step the review asks again), then "ferdig"
  sender: "training-1"                  # optional conversation id (default: a random one)

A step the file has no answer for is skipped ("hopp over"). Exit status 0 when the summary was
written, 1 otherwise (with the reason).
"""
from __future__ import annotations

import argparse
import json
import sys
import uuid
from pathlib import Path

import requests
import yaml

MAX_TURNS = 80


class RunError(RuntimeError):
    pass


class Client:
    def __init__(self, url: str, token: str, sender: str, timeout: float = 120):
        self.base = url.rstrip("/") + "/webhooks/caseworker"
        self.headers = {"Authorization": f"Bearer {token}"}
        self.sender, self.timeout = sender, timeout
        self.transcript: list[dict] = []

    def say(self, text: str) -> list[dict]:
        r = requests.post(f"{self.base}/webhook", json={"sender": self.sender, "message": text},
                          headers=self.headers, timeout=self.timeout)
        if r.status_code == 401:
            raise RunError("the token was refused (401)")
        if r.status_code != 200:
            raise RunError(f"the bot answered {r.status_code}: {r.text[:200]}")
        replies = r.json()
        self.transcript.append({"from": "veileder", "text": text})
        for m in replies:
            entry = {"from": "familieveileder", "text": m.get("text") or ""}
            if m.get("buttons"):
                entry["buttons"] = [b.get("title") for b in m["buttons"]]
            if m.get("custom"):
                entry["custom"] = m["custom"]
            self.transcript.append(entry)
        return replies

    def download(self, fmt: str) -> bytes:
        r = requests.get(f"{self.base}/summary/{self.sender}.{fmt}", headers=self.headers, timeout=self.timeout)
        if r.status_code != 200:
            raise RunError(f"summary .{fmt}: {r.status_code}")
        return r.content


def _asked_step(replies: list[dict]) -> str | None:
    for m in replies:
        custom = m.get("custom") or {}
        if isinstance(custom, dict) and isinstance(custom.get("walkthrough"), dict):
            return custom["walkthrough"].get("step")
    return None


def _in_review(replies) -> bool:
    return any((m.get("text") or "").startswith("Dette har dere fortalt meg") for m in replies)


def _finished(replies) -> bool:
    return any(isinstance(m.get("custom"), dict) and "walkthrough_summary" in m["custom"] for m in replies)


def run(script: str, answers, url: str, token: str, out: Path, sender: str | None = None) -> dict:
    if isinstance(answers, dict):
        by_step = {str(k): str(v) for k, v in (answers.get("answers") or {}).items()}
        review = [str(x) for x in answers.get("review") or []]
        sender = sender or answers.get("sender")
        ordered = None
    else:
        by_step, review, ordered = {}, [], [str(x) for x in (answers or [])]
    client = Client(url, token, sender or f"run-{uuid.uuid4().hex[:12]}")
    replies = client.say(f"start {script}")
    if ordered is not None:
        for text in ordered:
            replies = client.say(text)
        if not _finished(replies):
            replies = client.say("ferdig")
    else:
        reviewing = False  # after the first review, the review list answers what is asked
        for _ in range(MAX_TURNS):
            if _finished(replies):
                break
            step = _asked_step(replies)
            if step is not None:
                answer = review.pop(0) if reviewing and review else by_step.pop(step, "hopp over")
                replies = client.say(answer)
            elif _in_review(replies):
                reviewing = True
                replies = client.say(review.pop(0) if review else "ferdig")
            else:
                raise RunError("the bot neither asked a step nor showed the review: "
                               + " | ".join(m.get("text") or "" for m in replies)[:300])
    if not _finished(replies):
        raise RunError("the walkthrough did not finish")
    out.mkdir(parents=True, exist_ok=True)
    files = {}
    for fmt in ("html", "pdf", "ics", "json"):
        path = out / f"summary.{fmt}"
        path.write_bytes(client.download(fmt))
        files[fmt] = str(path)
    (out / "transcript.json").write_text(json.dumps(client.transcript, ensure_ascii=False, indent=1),
                                         encoding="utf-8")
    lines = []
    for entry in client.transcript:
        who = "Veileder" if entry["from"] == "veileder" else "Familieveileder"
        if entry["text"]:
            lines.append(f"{who}: {entry['text']}")
        if entry.get("buttons"):
            lines.append("    [" + "] [".join(entry["buttons"]) + "]")
    (out / "transcript.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"sender": client.sender, "turns": sum(1 for e in client.transcript if e["from"] == "veileder"),
            "files": files}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Run a caseworker walkthrough from an answers file.")
    p.add_argument("--script", required=True, help='the script name or id, e.g. "Før permisjonen"')
    p.add_argument("--answers", required=True, type=Path, help="YAML answers file")
    p.add_argument("--url", required=True, help="the Rasa server, e.g. http://localhost:5005")
    p.add_argument("--token", required=True, help="the caseworker's token")
    p.add_argument("--out", required=True, type=Path, help="folder for the transcript and summary")
    p.add_argument("--sender", help="conversation id (default: random)")
    args = p.parse_args(argv)
    try:
        answers = yaml.safe_load(args.answers.read_text(encoding="utf-8"))
        result = run(args.script, answers, args.url, args.token, args.out, args.sender)
    except (OSError, yaml.YAMLError, RunError, requests.RequestException) as exc:
        print(f"ERROR: {exc}", file=sys.stderr)
        return 1
    print(f"Done in {result['turns']} messages. Conversation {result['sender']}; files in {args.out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
