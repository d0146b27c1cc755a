"""From a topic's facts (slot values: plain JSON) to the rules core's input, and the named
predicates the interview specs (data/interview/*.yml) use in their conditions.

Every public function here takes (facts, today): `facts` maps slot names to plain values, `today`
is the date the conversation is about (FAMILIEVEILEDER_TODAY in tests). No Rasa, no text.
"""
