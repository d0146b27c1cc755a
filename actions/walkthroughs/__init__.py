"""Caseworker walkthroughs (issue 9): scripted conversations a programme adviser goes through
with a participant, a summary to keep, and the key dates in a calendar.

  script.py   the walkthrough scripts (data/walkthroughs/*.yml): loading and validation
  facts.py    which facts (slots) exist, who reads them and which topic needs them
  flow.py     the step runner: next step, roadmap, "tilbake", "hopp over", "endre <svar>"
  summary.py  facts -> the rules core -> a Summary (rendered by actions/lang/summary_*.py)
  store.py    stored summaries in the database (retention, deletion, access log)
  access.py   caseworker tokens (hashed) and the mark the caseworker channel puts on a message
  run.py      the command-line runner (python -m actions.walkthroughs.run)

No Rasa imports here except through the topic glue's pure helpers; actions/glue/walkthrough.py
is the thin Rasa layer.
"""
