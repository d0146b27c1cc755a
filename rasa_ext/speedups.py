"""Speed-ups for Rasa 3.6.21 internals, measured with bench/latency.py (docs/benchmarks.md).

Each patch keeps Rasa's behaviour and removes work it repeats on every message:
  jsonschema     RemoteAction validated every action-server response with jsonschema.validate(),
                 which re-checks the schema itself each time and tries each event against all 23
                 event alternatives; now compiled once (fastjsonschema) and each event is checked
                 against the alternative its `event` names (the same verdict, see
                 build_action_result_validator); anything invalid still goes to Rasa's check.
  sqlite         SQLite: WAL journal and synchronous=NORMAL (durable across a process crash).
  sqlitepool     SQLite: a connection pool instead of opening a connection per session.
  actionsession  one kept-alive HTTP session per action endpoint instead of one per call (idle
                 connections dropped before the server drops them), its JSON written by ujson.
  eventtypes     event class lookup by type name cached (Rasa walks all subclasses per event).
  logcopy        deep copies made only for debug log lines are skipped unless DEBUG is on.
  graphrunner    the NLU and policy graphs run as a fixed sequence of node calls instead of through
                 dask's scheduler (same calls, same arguments, order computed once).
  rulecache      RulePolicy's check of every rule against the latest state is memoised (the
                 same rules for the same state; earlier turns checked as before).
  slotcopy       the slots of each new tracker copied without copy's reduce protocol (same copy).
  domaindigest   the domain goes to the action server once, then by its digest (a server that
                 does not know the digest says so and gets it again).
  lrmatrix       the logistic regression's input row built from the sentence features directly, and
                 its weights kept in the order the product needs (no 2 MB copy per message).
  domainempty    "is the domain empty?" compared with an empty domain built once, not per message.
  gcfreeze       after the model is loaded, gc.freeze(): full collections stop walking the model.
  admission      at most FV_CONCURRENT_MESSAGES messages handled at once, the others first come,
                 first served (rasa_ext.admission): the same work, fairer waiting under load.
Applied by rasa_ext.serve (the command scripts/run.sh starts Rasa with). Every patch reaches into
Rasa's internals, so they are applied only on the exact Rasa version they were written and tested
for (RASA_VERSION); on any other version apply() logs a warning and Rasa runs unpatched.
Resilience patches (RESILIENCE: reconnecting to PostgreSQL after a restart) use only public
SQLAlchemy options and apply on every version.
"""
from __future__ import annotations

import json
import logging

import ujson

logger = logging.getLogger(__name__)

RASA_VERSION = "3.6.21"  # the version these patches were measured and tested on

def build_action_result_validator(schema: dict):
    """A validator equivalent to `schema` (Rasa's action response format), or None.

    Rasa's schema says: each event is an object with `event`, and matches exactly one of 23
    alternatives (`oneOf`), each fixing `event` to a different constant. jsonschema checks an
    event against all 23 (a few ms per response). When every alternative has its own constant
    (checked here), "exactly one matches" is the same as "the alternative with this event's
    constant matches", so each event is checked against that one alternative only, with
    validators compiled once (fastjsonschema). Returns a function result -> bool.
    """
    import copy

    import fastjsonschema

    try:
        items = schema["properties"]["events"]["items"]
        alternatives = items["oneOf"]
        consts = [alt["properties"]["event"]["const"] for alt in alternatives]
    except (KeyError, TypeError):
        return None
    if len(set(consts)) != len(consts):
        return None
    base = {k: v for k, v in items.items() if k != "oneOf"}
    per_type = {c: fastjsonschema.compile({"allOf": [base, alt]}) for c, alt in zip(consts, alternatives)}
    outer = copy.deepcopy(schema)
    outer["properties"]["events"]["items"] = base
    check_outer = fastjsonschema.compile(outer)

    def valid(result) -> bool:
        try:
            check_outer(result)
            events = result.get("events") if isinstance(result, dict) else None
            for event in events if isinstance(events, list) else ():
                check = per_type.get(event.get("event"))
                if check is None:
                    return False
                check(event)
            return True
        except fastjsonschema.JsonSchemaException:
            return False

    return valid


def patch_jsonschema() -> None:
    from rasa.core.actions import action as rasa_action

    schema = rasa_action.RemoteAction.action_response_format_spec()
    valid = build_action_result_validator(schema)
    if valid is None:  # the schema changed shape: keep Rasa's validation
        logger.warning("rasa_ext.speedups: action response schema not as expected; jsonschema kept")
        return
    original = rasa_action.RemoteAction._validate_action_result

    def _validate_action_result(self, result):  # same verdict; Rasa's own check words the error
        if valid(result):
            return True
        return original(self, result)

    rasa_action.RemoteAction._validate_action_result = _validate_action_result


def patch_sqlite() -> None:
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    @event.listens_for(Engine, "connect")
    def _pragmas(dbapi_conn, _record):
        if type(dbapi_conn).__module__.startswith("sqlite3"):
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()


def patch_sqlitepool() -> None:
    from rasa.core import tracker_store
    from sqlalchemy.pool import QueuePool

    original = tracker_store.create_engine_kwargs

    def create_engine_kwargs(url):
        kwargs = original(url)
        if str(url).startswith("sqlite") and ":memory:" not in str(url):
            kwargs.update(poolclass=QueuePool, pool_size=5, max_overflow=10,
                          connect_args={"check_same_thread": False})
        return kwargs

    tracker_store.create_engine_kwargs = create_engine_kwargs


# A kept-alive connection to the action server is not reused after this many idle seconds: less
# than the action server's own keep-alive timeout (Sanic's KEEP_ALIVE_TIMEOUT, 5 s by default), so
# the client never writes to a connection the server is closing ("Can not write request body").
ACTION_KEEPALIVE_SECONDS = 2.0


def fast_json_dumps(obj) -> str:
    """ujson (a Rasa dependency) where it can, the standard library where it cannot: same JSON."""
    try:
        return ujson.dumps(obj, ensure_ascii=False, escape_forward_slashes=False)
    except (TypeError, OverflowError, ValueError):
        return json.dumps(obj)


def patch_actionsession() -> None:
    import asyncio

    import aiohttp
    from rasa.utils import endpoints

    cache: dict = {}

    class _Kept:
        def __init__(self, session):
            self.s = session

        async def __aenter__(self):
            return self.s

        async def __aexit__(self, *exc):
            return False

    def new_session(self):  # Rasa's EndpointConfig.session(), plus keep-alive and fast JSON
        auth = (aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"])
                if self.basic_auth else None)
        return aiohttp.ClientSession(
            headers=self.headers, auth=auth,
            timeout=aiohttp.ClientTimeout(total=endpoints.DEFAULT_REQUEST_TIMEOUT),
            connector=aiohttp.TCPConnector(keepalive_timeout=ACTION_KEEPALIVE_SECONDS),
            json_serialize=fast_json_dumps)

    def session(self):
        key = (id(self), id(asyncio.get_running_loop()))
        s = cache.get(key)
        if s is None or s.closed:
            s = cache[key] = new_session(self)
        return _Kept(s)

    endpoints.EndpointConfig.session = session


def patch_eventtypes() -> None:
    from rasa.shared.core import events
    from rasa.shared.utils.common import all_subclasses

    original = events.Event.resolve_by_type
    cache: dict = {}

    def resolve_by_type(type_name, default=None):
        cls = cache.get(type_name)
        if cls is None:
            cache.clear()
            for sub in all_subclasses(events.Event):  # first match wins, as in Rasa
                cache.setdefault(sub.type_name, sub)
            cls = cache.get(type_name)
        return cls if cls is not None else original(type_name, default)

    events.Event.resolve_by_type = staticmethod(resolve_by_type)


def patch_logcopy() -> None:
    import copy
    import types

    from rasa.core import processor
    from rasa.core.actions import forms
    from rasa.core.policies import rule_policy

    def deepcopy(x, memo=None):
        return copy.deepcopy(x, memo) if logging.getLogger("rasa").isEnabledFor(logging.DEBUG) else x

    shim = types.SimpleNamespace(deepcopy=deepcopy, copy=copy.copy)
    for module in (processor, forms, rule_policy):
        module.copy = shim


_PLAIN: dict = {}  # class -> True when shallow_copy may copy its __dict__ directly


def _slot_names(cls) -> list[str]:
    """The __slots__ attributes a class and its bases declare (abc.ABC declares none: `()`)."""
    names: list[str] = []
    for klass in cls.__mro__:
        declared = klass.__dict__.get("__slots__", ())
        names += [declared] if isinstance(declared, str) else list(declared)
    return [n for n in names if n not in ("__dict__", "__weakref__")]


def shallow_copy(obj):
    """copy.copy for a plain object (no __copy__, no __slots__ attributes, default reduce and state): a new instance of
    the same class with the same __dict__, without copy's reduce protocol; anything else: copy.copy."""
    cls = type(obj)
    plain = _PLAIN.get(cls)
    if plain is None:
        plain = _PLAIN[cls] = (getattr(cls, "__copy__", None) is None and not _slot_names(cls)
                               and cls.__reduce_ex__ is object.__reduce_ex__
                               and cls.__reduce__ is object.__reduce__ and hasattr(obj, "__dict__")
                               and getattr(cls, "__getstate__", None) is None
                               and getattr(cls, "__setstate__", None) is None)
    if plain:
        new = object.__new__(cls)
        new.__dict__.update(obj.__dict__)
        return new
    import copy

    return copy.copy(obj)


def patch_slotcopy() -> None:
    """Every tracker Rasa builds (from the store, for each action, for each prediction) copies each
    slot with copy.copy, which goes through the reduce protocol; shallow_copy gives the same copy."""
    import copy
    import types

    from rasa.shared.core import trackers

    trackers.copy = types.SimpleNamespace(copy=shallow_copy, deepcopy=copy.deepcopy)


def _freeze(value):
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return ("__seq__",) + tuple(_freeze(v) for v in value)
    return value


def patch_rulecache() -> None:
    """RulePolicy checks all its rules (here ~200) against the latest conversation state on every
    prediction, a pure function of (rule table, state). That first filter is memoised (bounded);
    the earlier turns are still checked one by one as in Rasa."""
    from collections import OrderedDict

    from rasa.core.policies.rule_policy import RulePolicy

    cache: OrderedDict = OrderedDict()
    limit = 4096

    def _get_possible_keys(self, lookup, states):
        if not states:
            return set(lookup.keys())
        reversed_states = list(reversed(states))
        try:
            key = (id(lookup), len(lookup), _freeze(reversed_states[0]))
            hash(key)
        except TypeError:  # an unhashable value: no memo for this state
            key = None
        first = cache.get(key) if key is not None else None
        if first is None:
            first = frozenset(k for k in lookup.keys() if self._is_rule_applicable(k, 0, reversed_states[0]))
            if key is not None:
                cache[key] = first
                if len(cache) > limit:
                    cache.popitem(last=False)
        elif key is not None:
            cache.move_to_end(key)
        possible_keys = set(first)
        for i, state in enumerate(reversed_states[1:], start=1):
            possible_keys = {k for k in possible_keys if self._is_rule_applicable(k, i, state)}
        return possible_keys

    RulePolicy._get_possible_keys = _get_possible_keys


def patch_graphrunner() -> None:
    """Rasa runs its NLU and policy graphs twice per message through dask's scheduler, recomputing
    the minimal sub-graph and formatting a debug line each time. The graphs are small chains, so the
    nodes are called here in a fixed topological order computed once per set of targets, with the
    same arguments dask would pass (each dependency's (name, value) result, inputs as
    (name, value), a need that is no node or input as the literal string)."""
    from rasa.engine.exceptions import GraphRunError
    from rasa.engine.runner import dask as rasa_dask

    plans: dict = {}

    def plan(self, run_targets):
        key = (id(self), tuple(run_targets))
        found = plans.get(key)
        if found is None:
            schema = self._graph_schema.minimal_graph_schema(run_targets)
            order, seen = [], set()

            def visit(name, path=()):
                if name in seen or name not in schema.nodes:
                    return
                if name in path:
                    raise GraphRunError(f"cycle in the graph at {name}")
                for need in schema.nodes[name].needs.values():
                    visit(need, path + (name,))
                seen.add(name)
                order.append(name)

            for target in run_targets:
                visit(target)
            found = plans[key] = [(n, list(schema.nodes[n].needs.values())) for n in order]
        return found

    def run(self, inputs=None, targets=None):
        run_targets = targets if targets else self._graph_schema.target_names
        steps = plan(self, run_targets)
        results: dict = {}
        for name, value in (inputs or {}).items():
            if isinstance(value, str) and any(name_ == value for name_, _ in steps):
                raise GraphRunError(f"Input value '{value}' clashes with a node name.")
            results[name] = (name, value)
        try:
            for name, needs in steps:
                results[name] = self._instantiated_nodes[name](*(results.get(n, n) for n in needs))
        except RuntimeError as e:
            raise GraphRunError("Error running runner.") from e
        return dict(results[t] for t in run_targets)

    rasa_dask.DaskGraphRunner.run = run


DOMAIN_UNKNOWN_STATUS = 409  # the action server's answer to a digest it has not been sent


def domain_digest(full: dict) -> str:
    import hashlib

    return hashlib.sha256(json.dumps(full, sort_keys=True, default=str).encode()).hexdigest()[:32]


def patch_domaindigest() -> None:
    """Rasa sends the whole domain (here 74 KB of JSON: every response text) with every call to the
    action server, which parses it every time. Here each call names the domain by a digest, the
    domain itself goes along until the action server has said it keeps it (rasa_ext.actions_server
    answers with the digest), and a server that does not know the digest (restarted, or another
    replica) answers 409, and the call is sent again with the domain. A server that does not take
    part never answers with the digest, so it always gets the domain, as with plain Rasa."""
    from rasa.core.actions.action import RemoteAction
    from rasa.utils import endpoints

    known: dict = {}      # id(domain) -> (domain, its dict, digest); the domain kept so the id stays its own
    acknowledged: set = set()   # (endpoint url, digest) the action server keeps
    format_call = RemoteAction._action_call_format
    request = endpoints.EndpointConfig.request

    def _action_call_format(self, tracker, domain):
        result = format_call(self, tracker, domain)
        full = result.get("domain")
        if full is None or self.action_endpoint is None:
            return result
        entry = known.get(id(domain))
        if entry is None or entry[0] is not domain:
            entry = known[id(domain)] = (domain, full, domain_digest(full))
        result["domain_digest"] = entry[2]
        if (self.action_endpoint.url, entry[2]) in acknowledged:
            del result["domain"]
        return result

    async def endpoint_request(self, method="post", subpath=None, content_type="application/json",
                               compress=False, **kwargs):
        body = kwargs.get("json")
        digest = body.get("domain_digest") if isinstance(body, dict) else None
        if digest is None:
            return await request(self, method, subpath, content_type, compress, **kwargs)
        try:
            response = await request(self, method, subpath, content_type, compress, **kwargs)
        except endpoints.ClientResponseError as e:
            full = next((f for _, f, d in known.values() if d == digest), None)
            if e.status != DOMAIN_UNKNOWN_STATUS or "domain" in body or full is None:
                raise
            acknowledged.discard((self.url, digest))
            kwargs["json"] = {**body, "domain": full}
            response = await request(self, method, subpath, content_type, compress, **kwargs)
        if isinstance(response, dict) and response.pop("domain_digest", None) == digest:
            acknowledged.add((self.url, digest))
        return response

    RemoteAction._action_call_format = _action_call_format
    endpoints.EndpointConfig.request = endpoint_request


def hstack_rows(matrices):
    """scipy.sparse.hstack(matrices) as CSR, built from the entries directly (hstack goes through
    bmat: most of the time of classifying one message). Same shape, dtype and entries."""
    import numpy as np
    from scipy.sparse import csr_matrix

    data, rows, cols, width = [], [], [], 0
    for m in matrices:
        c = m.tocoo(copy=False)
        data.append(c.data)
        rows.append(c.row)
        cols.append(c.col.astype(np.int64) + width)
        width += c.shape[1]
    return csr_matrix((np.concatenate(data), (np.concatenate(rows), np.concatenate(cols))),
                      shape=(matrices[0].shape[0], width))


def patch_lrmatrix() -> None:
    """LogisticRegressionClassifier's input row is the message's sparse sentence features side by
    side (Rasa: get_sparse_features deep-copies and hstacks the sequence and the sentence features
    of every featurizer, then hstack with an empty dense part, then vstack). Without dense
    features the row is built here from the sentence features' entries directly (the same
    matrix; with dense features, or rows of another height, Rasa's own code runs)."""
    from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
    from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
    from scipy.sparse import vstack

    original = LogisticRegressionClassifier._create_X

    def _create_X(self, messages):
        rows = []
        for e in messages:
            sentence = [f.features for f in e.features
                        if f.attribute == TEXT and f.type == FEATURE_TYPE_SENTENCE and f.is_sparse()]
            dense = any(f.attribute == TEXT and f.type == FEATURE_TYPE_SENTENCE and f.is_dense()
                        for f in e.features)
            if not sentence or dense or any(m.shape[0] != sentence[0].shape[0] for m in sentence):
                return original(self, messages)
            rows.append(hstack_rows(sentence))
        return rows[0] if len(rows) == 1 else vstack(rows, format="csr")

    process = LogisticRegressionClassifier.process

    def process_with_fortran_coef(self, messages):
        # sklearn computes X @ coef_.T; scipy needs that right side C-contiguous and copied the
        # 25 x 10,000 weights (2 MB) on every message. Kept in Fortran order, coef_.T is
        # C-contiguous: the same numbers, the same sums, no copy.
        import numpy as np

        coef = getattr(self.clf, "coef_", None)
        if isinstance(coef, np.ndarray) and not coef.flags.f_contiguous:
            self.clf.coef_ = np.asfortranarray(coef)
        return process(self, messages)

    LogisticRegressionClassifier._create_X = _create_X
    LogisticRegressionClassifier.process = process_with_fortran_coef


def patch_domainempty() -> None:
    """Rasa checks on every message whether the domain is empty by building an empty Domain from
    scratch (0.25 ms) and comparing; the empty Domain's dict is built once here."""
    from rasa.shared.core.domain import Domain

    empty: dict = {}

    def is_empty(self) -> bool:
        if "data" not in empty:
            empty["data"] = Domain.empty().as_dict()
        return self.as_dict() == empty["data"]

    Domain.is_empty = is_empty


def patch_gcfreeze() -> None:
    """After the model is loaded, everything alive then (Rasa, the model, the domain: ~2 million
    objects) is moved out of the garbage collector's sight with gc.freeze(). Every full collection
    otherwise walks all of it: 150-210 ms with every message in flight waiting (measured under
    load); frozen, a full collection took 5 ms. Nothing is freed that would otherwise be: these
    objects live as long as the model (a new model: the old one's objects are simply not collected
    by the cycle collector; reference counting still frees them)."""
    import gc

    from rasa.core.agent import Agent

    original = Agent.load_model

    def load_model(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        gc.collect()
        gc.freeze()
        return result

    Agent.load_model = load_model


def patch_admission() -> None:
    from rasa_ext import admission

    admission.install()


def patch_pgreconnect() -> None:
    """PostgreSQL: test a pooled connection before use (pool_pre_ping), so after a database restart
    the next message reconnects instead of failing on a dead connection."""
    from rasa.core import tracker_store

    original = tracker_store.create_engine_kwargs

    def create_engine_kwargs(url):
        kwargs = original(url)
        if tracker_store.is_postgresql_url(url):
            kwargs["pool_pre_ping"] = True
        return kwargs

    tracker_store.create_engine_kwargs = create_engine_kwargs


PATCHES = {"jsonschema": patch_jsonschema, "sqlite": patch_sqlite, "sqlitepool": patch_sqlitepool,
           "actionsession": patch_actionsession, "eventtypes": patch_eventtypes, "logcopy": patch_logcopy,
           "rulecache": patch_rulecache, "graphrunner": patch_graphrunner, "slotcopy": patch_slotcopy,
           "lrmatrix": patch_lrmatrix, "domainempty": patch_domainempty, "domaindigest": patch_domaindigest, "admission": patch_admission, "gcfreeze": patch_gcfreeze}
RESILIENCE = {"pgreconnect": patch_pgreconnect}
_applied: set[str] = set()


def rasa_version() -> str:
    import rasa

    return rasa.__version__


def apply(names=None, version: str | None = None) -> list[str]:
    """Apply the named patches (default: all) once per process; the speed-ups only on RASA_VERSION."""
    version = version or rasa_version()
    chosen = [n for n in RESILIENCE if n not in _applied and (names is None or n in names)]
    if version == RASA_VERSION:
        chosen += [n for n in (names or PATCHES) if n in PATCHES and n not in _applied]
    elif names is None or any(n in PATCHES for n in names):
        logger.warning("rasa_ext.speedups: written for Rasa %s, found %s: running plain Rasa "
                       "(no speed-ups)", RASA_VERSION, version)
    for name in chosen:
        (PATCHES.get(name) or RESILIENCE[name])()
        _applied.add(name)
    return chosen
