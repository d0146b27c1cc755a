"""Familieveileder action server package.

Layers (a message travels one way, top to bottom):
  actions.glue   - thin Rasa glue: the interview engine and the actions (the only place that imports
                   rasa_sdk); actions.interview loads the specs (data/interview) it runs
  actions.lang   - Norwegian language helpers: parsing numbers/dates/yes-no, rendering plain Norwegian
  actions.rules  - the pure rules core: entitlement rules over plain data, dated parameters with
                   legal references. No Rasa imports, no language rendering.
"""
