"""Thin Rasa glue: the only modules that import rasa_sdk.

They read slots and the latest message, call actions.lang.parse and the rules core, and send what
actions.lang.render produces. No rule and no Norwegian answer text lives here.
"""
