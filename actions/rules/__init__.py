"""Pure rules core: entitlement rules as functions over plain data.

Nothing in this package imports Rasa or renders text. Every result carries its inputs, its numbers
and the legal references behind each number, so the Norwegian explanation can be rendered from the
result alone (see actions.lang.render).
"""
