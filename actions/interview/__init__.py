"""The interview layer: each topic's questions, their conditions and order as data
(data/interview/<topic>.yml), loaded and checked by actions.interview.spec. Pure: no Rasa imports;
actions.glue.engine runs the specs as Rasa forms."""
