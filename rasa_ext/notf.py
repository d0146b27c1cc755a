"""Serve without importing TensorFlow when the trained pipeline uses none of it.

Rasa 3.6.21 imports TensorFlow (and with it Keras, JAX, ~250 MB of memory and seconds of start-up)
on the way to loading any model: rasa.core.agent -> policy -> featurizers ->
rasa.utils.train_utils -> rasa.utils.tensorflow.callback, whose classes subclass Keras classes at
import time. Our pipeline (config.yml: count vectors, logistic regression, rules) never runs a
TensorFlow operation. install() puts stand-in modules for tensorflow, keras, tensorflow_addons,
tensorflow_hub and tensorflow_text in sys.modules before Rasa is imported: any attribute is a
stand-in class that can be subclassed, used in type hints, `isinstance` checks (always False)
and as a decorator; creating an instance of anything built on it raises TensorFlowUnavailable,
so a component that really needs TensorFlow fails loudly instead of misbehaving.

Used by rasa_ext.serve only when Rasa is exactly SUPPORTED_RASA and config.yml names no
component that needs TensorFlow (TF_COMPONENTS); FV_TENSORFLOW=real turns it off.
"""
from __future__ import annotations

import importlib.abc
import importlib.machinery
import logging
import sys
import types
from pathlib import Path

logger = logging.getLogger(__name__)

SUPPORTED_RASA = "3.6.21"
STUBBED = ("tensorflow", "keras", "tensorflow_addons", "tensorflow_hub", "tensorflow_text",
           "tensorflow_probability", "tensorflow_estimator", "tf_keras")
TF_COMPONENTS = {"DIETClassifier", "TEDPolicy", "UnexpecTEDIntentPolicy", "ResponseSelector",
                 "ConveRTFeaturizer", "LanguageModelFeaturizer", "LanguageModelTokenizer",
                 "ConveRTTokenizer", "HFTransformersNLP", "EmbeddingIntentClassifier"}


class TensorFlowUnavailable(RuntimeError):
    pass


class _StubMeta(type):
    def __getattr__(cls, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return _stub(f"{cls.__qualname__}.{name}")

    def __call__(cls, *args, **kwargs):
        if "_fv_stub" not in cls.__dict__:  # a real class built on a stand-in: TF would run
            raise TensorFlowUnavailable(
                f"{cls.__qualname__} needs TensorFlow, which rasa_ext.notf replaced; "
                f"start with FV_TENSORFLOW=real")
        if len(args) == 1 and not kwargs and callable(args[0]):
            return args[0]  # used as a decorator (@tf.function, @tf.keras.utils.register_...)
        return _stub(f"{cls.__qualname__}()")

    def __instancecheck__(cls, obj):
        return False

    def __subclasscheck__(cls, sub):
        return sub is cls

    def __getitem__(cls, item):  # tf.Tensor[...] in hints
        return cls

    def __or__(cls, other):
        return cls

    __ror__ = __or__

    def __iter__(cls):
        return iter(())

    def __bool__(cls):
        return False


def _stub(name: str) -> type:
    return _StubMeta(name.rsplit(".", 1)[-1], (), {"_fv_stub": True, "__qualname__": name,
                                                   "__module__": "rasa_ext.notf"})


class _StubModule(types.ModuleType):
    def __init__(self, name: str):
        super().__init__(name)
        self.__path__ = []  # a package: submodules come from the finder too
        self.__version__ = "0.0+notf"
        self.__file__ = __file__
        self._fv_stub = True

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        value = _stub(f"{self.__name__}.{name}")
        setattr(self, name, value)
        return value


class _Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, fullname, path=None, target=None):
        if fullname.split(".", 1)[0] in STUBBED:
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        return None

    def create_module(self, spec):
        return _StubModule(spec.name)

    def exec_module(self, module):
        parent, _, child = module.__name__.rpartition(".")
        if parent and parent in sys.modules:
            setattr(sys.modules[parent], child, module)


_FINDER = _Finder()


def pipeline_needs_tensorflow(config_path: Path) -> bool:
    import yaml

    try:
        cfg = yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}
    except OSError:
        return True
    names = {str(c.get("name", "")).rsplit(".", 1)[-1] for c in (cfg.get("pipeline") or []) + (cfg.get("policies") or [])
             if isinstance(c, dict)}
    return bool(names & TF_COMPONENTS) or not cfg.get("pipeline") or not cfg.get("policies")


def install() -> bool:
    """Put the stand-ins in place (before Rasa is imported). Returns False if TF is already loaded."""
    if any(m in sys.modules and not getattr(sys.modules[m], "_fv_stub", False) for m in STUBBED):
        return False
    if _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)
    return True


def installed() -> bool:
    return _FINDER in sys.meta_path
