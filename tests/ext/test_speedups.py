"""The speed-ups keep Rasa's behaviour: action-server responses are still validated, SQLite
still stores and deletes, event types still resolve."""
from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event, SlotSet, UserUttered

from rasa_ext import speedups


from rasa.core.policies.rule_policy import RulePolicy  # noqa: E402

ORIGINAL_POSSIBLE_KEYS = RulePolicy._get_possible_keys


@pytest.fixture(scope="module", autouse=True)
def patched():
    speedups.apply()


def test_valid_action_response_passes_and_invalid_is_still_rejected():
    action = RemoteAction("action_x", None)
    assert action._validate_action_result({"events": [{"event": "slot", "name": "a", "value": 1}],
                                           "responses": [{"text": "hei"}]}) is True
    with pytest.raises(ValidationError) as err:
        action._validate_action_result({"events": "not a list"})
    assert "Failed to validate Action server response" in err.value.message


def test_event_types_still_resolve():
    assert Event.resolve_by_type("slot") is SlotSet
    assert Event.resolve_by_type("user") is UserUttered
    assert Event.resolve_by_type("no_such_event", default=SlotSet) is SlotSet
    with pytest.raises(ValueError):  # as in Rasa
        Event.resolve_by_type("no_such_event")


def test_apply_is_idempotent():
    assert speedups.apply() == []


def test_another_rasa_version_runs_plain_rasa(caplog, monkeypatch):
    monkeypatch.setattr(speedups, "_applied", set())
    calls = []
    monkeypatch.setattr(speedups, "PATCHES", {"p": lambda: calls.append("p")})
    monkeypatch.setattr(speedups, "RESILIENCE", {"r": lambda: calls.append("r")})
    with caplog.at_level("WARNING"):
        assert speedups.apply(version="3.6.20") == ["r"]
    assert calls == ["r"] and "plain Rasa" in caplog.text
    assert speedups.apply(version=speedups.RASA_VERSION) == ["p"]


def test_fast_validator_gives_jsonschema_verdict_on_many_responses():
    import random

    from jsonschema import validators

    schema = RemoteAction.action_response_format_spec()
    fast = speedups.build_action_result_validator(schema)
    reference = validators.validator_for(schema)(schema)
    ok_events = [{"event": "slot", "name": "a", "value": 1}, {"event": "bot", "text": "hei", "data": {}},
                 {"event": "active_loop", "name": "f"}, {"event": "followup", "name": "x"},
                 {"event": "user", "text": "hei", "parse_data": {"intent": {"name": "x", "confidence": 1.0}}},
                 {"event": "reset_slots"}, {"event": "action", "name": "a", "policy": None, "confidence": 1}]
    bad_events = [{"event": "slot"}, {"event": "nonsense"}, {"name": "x"}, "slot",
                  {"event": "user", "parse_data": {"entities": [{"start": "x"}]}},
                  {"event": "active_loop", "name": 3}, {"event": "bot", "timestamp": "yesterday"}]
    rnd = random.Random(7)
    cases = [{"events": "not a list"}, {"responses": {}}, [], {"events": [], "responses": [1]}]
    for _ in range(300):
        pool = ok_events + (bad_events if rnd.random() < 0.4 else [])
        cases.append({"events": rnd.sample(pool, rnd.randint(0, 4)), "responses": [{"text": "x"}]})
    for case in cases:
        assert fast(case) == reference.is_valid(case), case


def test_rule_memo_finds_the_same_rules_as_rasa():
    import json
    import random

    rnd = random.Random(3)
    intents, actions, slots = ["a", "b", "c"], ["action_listen", "f", "g"], [(1.0,), (0.0,), None]

    def state(start=False):
        st = {"user": {"intent": rnd.choice(intents)}}
        if not start:
            st["prev_action"] = {"action_name": rnd.choice(actions)}
        if rnd.random() < 0.5:
            v = rnd.choice(slots)
            st["slots"] = {"s": v if v is not None else "should_not_be_set"}
        if rnd.random() < 0.3:
            st["active_loop"] = {"name": rnd.choice(["f", "should_not_be_set"])}
        return st

    lookup = {json.dumps([state(i == 0 and rnd.random() < 0.3) for i in range(rnd.randint(1, 3))]): "x"
              for _ in range(150)}
    policy = RulePolicy.__new__(RulePolicy)
    assert RulePolicy._get_possible_keys is not ORIGINAL_POSSIBLE_KEYS
    for _ in range(400):
        states = [state(i == 0) for i in range(rnd.randint(1, 4))]
        for s_ in states:  # conversation states hold tuples, as Rasa's featurizer makes them
            if "slots" in s_ and isinstance(s_["slots"]["s"], list):
                s_["slots"]["s"] = tuple(s_["slots"]["s"])
        assert RulePolicy._get_possible_keys(policy, lookup, states) == \
            ORIGINAL_POSSIBLE_KEYS(policy, lookup, states)


def test_action_call_json_is_the_same_json():
    import json

    from rasa_ext.speedups import fast_json_dumps

    samples = [
        {"tracker": {"events": [{"event": "user", "text": "Jeg får tvillinger i mars – æøå ÆØÅ «»/\\\"",
                                 "parse_data": {"intent": {"name": "inform", "confidence": 0.987654321012345}},
                                 "timestamp": 1796182179.792243}], "slots": {"cd_children": 2.0, "x": None,
                                                                              "y": True, "z": [1, 2.5e-9]}}},
        {"big": 10 ** 30, "neg": -0.0, "nested": [[{"a": "\u0000\u2028"}]]},
    ]
    for sample in samples:
        assert json.loads(fast_json_dumps(sample)) == json.loads(json.dumps(sample))

    class Odd:
        pass

    import pytest
    with pytest.raises(TypeError):  # what json.dumps refuses is refused too, not written differently
        fast_json_dumps({"x": Odd()})


def test_slot_copies_are_the_copies_copy_makes():
    import copy

    from rasa.shared.core.domain import Domain

    from rasa_ext.speedups import shallow_copy

    domain = Domain.load("domain")
    assert domain.slots
    for slot in domain.slots:
        ours, theirs = shallow_copy(slot), copy.copy(slot)
        assert type(ours) is type(theirs) and ours is not slot
        assert ours.__dict__ == theirs.__dict__
        ours.value = "endret"
        assert slot.value != "endret", "a copy, not the same slot"

    class WithCopy:
        def __copy__(self):
            return "own"

    assert shallow_copy(WithCopy()) == "own"
    from rasa_ext.speedups import _PLAIN

    assert all(_PLAIN[type(slot)] for slot in domain.slots), "Rasa's slots take the fast path"

    class WithSlots:
        __slots__ = ("a",)

        def __init__(self):
            self.a = 1

    assert shallow_copy(WithSlots()).a == 1 and not _PLAIN[WithSlots]


def test_logistic_regression_input_is_the_matrix_rasa_builds():
    import numpy as np
    import scipy.sparse
    from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
    from rasa.shared.nlu.constants import TEXT
    from rasa.shared.nlu.training_data.features import Features
    from rasa.shared.nlu.training_data.message import Message

    from rasa_ext import speedups

    rng = np.random.default_rng(7)

    def message(dense: bool = False) -> Message:
        m = Message(data={TEXT: "to barn"})
        seq = scipy.sparse.random(2, 50, density=0.2, format="coo", random_state=rng.integers(1 << 30))
        sent = scipy.sparse.random(1, 50, density=0.2, format="coo", random_state=rng.integers(1 << 30))
        m.add_features(Features(seq, "sequence", TEXT, "cv"))
        m.add_features(Features(sent, "sentence", TEXT, "cv"))
        words = scipy.sparse.random(1, 30, density=0.3, format="coo", random_state=rng.integers(1 << 30))
        m.add_features(Features(words, "sentence", TEXT, "cv_char"))
        m.add_features(Features(scipy.sparse.random(2, 30, density=0.3, format="coo"), "sequence", TEXT, "cv_char"))
        if dense:
            m.add_features(Features(rng.random((1, 3)), "sentence", TEXT, "dense"))
        return m

    speedups.apply(["lrmatrix"])
    assert LogisticRegressionClassifier._create_X.__module__ == "rasa_ext.speedups"
    for batch in ([message()], [message(), message(), message()], [message(dense=True)]):
        expected = speedups_original_create_X(batch)
        got = LogisticRegressionClassifier._create_X(None, batch)
        assert got.shape == expected.shape and got.dtype == expected.dtype
        assert np.array_equal(got.toarray(), expected.toarray())


def speedups_original_create_X(messages):
    """Rasa 3.6.21's _create_X, as written there (hstack of sparse and dense, then vstack)."""
    from rasa.shared.nlu.constants import TEXT
    from scipy.sparse import csr_matrix, hstack, vstack

    X = []
    for e in messages:
        sparse_feats = e.get_sparse_features(attribute=TEXT)[1]
        dense_feats = e.get_dense_features(attribute=TEXT)[1]
        X.append(hstack([csr_matrix(sparse_feats.features if sparse_feats else []),
                         csr_matrix(dense_feats.features if dense_feats else [])]))
    return vstack(X)


def test_logistic_regression_gives_the_same_ranking_with_fortran_weights():
    import numpy as np
    import scipy.sparse
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(3)
    X = scipy.sparse.random(200, 300, density=0.05, format="csr", random_state=4)
    y = rng.integers(0, 5, 200)
    clf = LogisticRegression(max_iter=200).fit(X, y)
    rows = scipy.sparse.random(20, 300, density=0.05, format="csr", random_state=5)
    before = clf.predict_proba(rows)
    clf.coef_ = np.asfortranarray(clf.coef_)
    assert clf.coef_.T.flags.c_contiguous
    assert np.array_equal(clf.predict_proba(rows), before)


def test_domain_emptiness_is_rasas_answer():
    from rasa.shared.core.domain import Domain

    from rasa_ext import speedups

    speedups.apply(["domainempty"])
    assert Domain.is_empty.__module__ == "rasa_ext.speedups"
    assert Domain.empty().is_empty() and Domain.from_dict({}).is_empty()
    assert not Domain.load("domain").is_empty()
    assert not Domain.from_yaml("version: '3.1'\nintents: [greet]").is_empty()
