"""Extensions loaded by the Rasa server (not the action server): privacy-aware tracker store and
the privacy channel (delete a conversation, anonymous feedback, health)."""
