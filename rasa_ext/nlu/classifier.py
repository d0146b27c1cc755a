"""LogisticRegressionClassifier with `C` and `class_weight` taken from the config.

Rasa 3.6's own component accepts `C` in config.yml but never passes it to scikit-learn (it always
uses C=1 and class_weight="balanced"); this one passes both, so they can be measured.
"""
from __future__ import annotations

from typing import Any, Dict, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from sklearn.linear_model import LogisticRegression


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class TunedLogisticRegression(LogisticRegressionClassifier):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {**LogisticRegressionClassifier.get_default_config(), "C": 1.0, "class_weight": "balanced"}

    def __init__(self, config: Dict[Text, Any], name: Text, model_storage: ModelStorage,
                 resource: Resource) -> None:
        super().__init__(config, name, model_storage, resource)
        weight = self.config["class_weight"]
        self.clf = LogisticRegression(
            solver=self.config["solver"], max_iter=self.config["max_iter"], C=float(self.config["C"]),
            class_weight=None if weight in (None, "none") else weight, tol=self.config["tol"],
            random_state=self.config["random_state"], dual=False, fit_intercept=True, intercept_scaling=1)
