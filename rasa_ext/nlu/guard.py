"""After the intent classifier: three cheap checks on every message (issue 13).

1. **Other languages.** A message in a non-Latin script (Cyrillic, Arabic, Ethiopic) or, when the
   classifier is unsure, a Latin-script message that lingua-language-detector (offline, low
   accuracy mode, a handful of languages: ~20 MB, well under a millisecond a message) finds to be
   English, Polish or Somali becomes `out_of_scope` with the entity `oos_topic` = `lang_<code>`.
   The domain then answers in that language (domain/oos.yml). Danish and Swedish count as
   Norwegian: they are in the detector only so that Norwegian is never mistaken for a foreign
   language because of them.
2. **Other services.** A question about barnetrygd, kontantstøtte, sykepenger, dagpenger, skatt,
   bostøtte, the status of one's own case (and a few more) becomes `out_of_scope` with
   `oos_topic` = the service, so the reply names where to go (data in services.py).
3. **High-stakes replies.** The safety reply (forced marriage, violence, "ring 112") needs its own
   confidence AND a word from the safety lexicon; otherwise the next intent in the ranking is used
   (or nlu_fallback, so the bot asks what was meant). A plain alarm phrase ("han låser meg inne",
   "jeg er i fare") gets the reply even when the classifier missed it, unless the message is a
   clear question about a topic.

Every `out_of_scope` message carries `oos_topic` (`annet` when no service or language is known),
so the slot read by utter_out_of_scope is always fresh.
"""
from __future__ import annotations

import logging
import re
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from rasa_ext.nlu import services

logger = logging.getLogger(__name__)

OOS = "out_of_scope"
FALLBACK = "nlu_fallback"
ENTITY = "oos_topic"
# A sure topic question written in English, Polish or Somali keeps its topic (the held-out splits
# count it in scope) and carries this entity, so the bot says first, in that language, that it
# answers in Norwegian (actions/glue/engine.py, responses utter_language_note_<code>).
LANGUAGE_ENTITY = "msg_language"

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_ETHIOPIC = re.compile(r"[\u1200-\u139F\u2D80-\u2DDF\uAB00-\uAB2F]")
_LATIN_LETTER = re.compile(r"[A-Za-zÀ-ÿĀ-ſ]")
_PERSIAN_LETTERS = re.compile(r"[پچژگ]")
_UKRAINIAN_LETTERS = re.compile(r"[іїєґІЇЄҐ]")


class LanguageDetector:
    """lingua-language-detector, restricted to the languages that matter here, low accuracy mode
    (trigram models only: ~20 MB instead of ~230 MB, builds in under a second)."""

    FOREIGN_LATIN = {"ENGLISH": "en", "POLISH": "pl", "SOMALI": "so"}
    SCANDINAVIAN = {"BOKMAL", "NYNORSK", "DANISH", "SWEDISH"}

    def __init__(self) -> None:
        from lingua import Language, LanguageDetectorBuilder

        self._latin = (LanguageDetectorBuilder.from_languages(
            Language.BOKMAL, Language.NYNORSK, Language.DANISH, Language.SWEDISH, Language.ENGLISH,
            Language.POLISH, Language.SOMALI).with_low_accuracy_mode().build())
        self._arabic = (LanguageDetectorBuilder.from_languages(Language.ARABIC, Language.PERSIAN)
                        .with_low_accuracy_mode().build())

    def script_language(self, text: str) -> Optional[str]:
        """The language of a message written mostly in a non-Latin script, else None."""
        latin = len(_LATIN_LETTER.findall(text))
        counts = {"uk": len(_CYRILLIC.findall(text)), "ar": len(_ARABIC.findall(text)),
                  "ti": len(_ETHIOPIC.findall(text))}
        script, n = max(counts.items(), key=lambda kv: kv[1])
        if n == 0 or n < latin:
            return None
        if script == "ar":
            if _PERSIAN_LETTERS.search(text):
                return "prs"
            best = self._arabic.detect_language_of(text)
            return "prs" if best is not None and best.name == "PERSIAN" else "ar"
        return script  # Cyrillic: Ukrainian (the reply also reads for Russian speakers); Ethiopic: Tigrinya

    def latin_language(self, text: str, min_confidence: float) -> Optional[str]:
        """English, Polish or Somali when the detector is sure enough; None for Norwegian (and for
        Danish or Swedish, which read as Norwegian) and for anything unsure."""
        if len(re.findall(r"\w+", text)) < 2:
            return None  # one word ("ok", "hei", "ja") is never enough to tell
        values = self._latin.compute_language_confidence_values(text)
        if not values:
            return None
        top = values[0]
        code = self.FOREIGN_LATIN.get(top.language.name)
        scandinavian = sum(v.value for v in values if v.language.name in self.SCANDINAVIAN)
        return code if code and top.value >= min_confidence and top.value > scandinavian else None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class MessageGuard(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "safety_intents": ["pressure_from_others"],
            "safety_threshold": 0.4,        # the safety reply needs this much AND a lexicon word
            "fallback_threshold": 0.25,     # as the FallbackClassifier: below it a demoted message asks back
            "language_check_below": 0.5,    # Latin-script detection only when the classifier is this unsure
            "language_min_confidence": 0.5,
            "topic_language_min_confidence": 0.8,  # a sure topic question: only a clear other language
            "topic_overrides_alarm": 0.8,      # a strong-alarm phrase inside a clear topic question stays the topic
        }

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.config = {**self.get_default_config(), **config}
        self._detector: Optional[LanguageDetector] = None

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "MessageGuard":
        return cls(config)

    @property
    def detector(self) -> LanguageDetector:
        if self._detector is None:
            self._detector = LanguageDetector()
        return self._detector

    def process_training_data(self, training_data: Any) -> Any:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            try:
                self._process(message)
            except Exception:  # never lose a message because of a check
                logger.exception("MessageGuard failed; the classifier's intent is kept")
        return messages

    def _process(self, message: Message) -> None:
        text = (message.get(TEXT) or "").strip()
        intent = message.get(INTENT) or {}
        name, confidence = intent.get("name"), float(intent.get("confidence") or 0.0)
        if not text or text.startswith("/"):
            return
        if (name not in self.config["safety_intents"] and services.strong_alarm(text)
                and not (confidence >= self.config["topic_overrides_alarm"] and name not in (OOS, FALLBACK, "inform"))):
            self._set_intent(message, self.config["safety_intents"][0], max(confidence, 0.9))
            return  # a plain alarm the classifier missed
        if name in self.config["safety_intents"]:
            if self._safety_holds(text, confidence):
                return  # a real alarm keeps its reply, in any language
            self._demote(message)
            name = (message.get(INTENT) or {}).get("name")
            confidence = float((message.get(INTENT) or {}).get("confidence") or 0.0)
        topic = self._other_language(text, name, confidence)
        if topic is None:
            topic = services.service_for(text, strong_only=name != OOS)
        if topic is not None:
            self._set_intent(message, OOS, max(confidence, 0.9) if name == OOS else 1.0)
            self._add_topic(message, topic)
            return
        if name == OOS:
            self._add_topic(message, services.service_for(text, strong_only=False) or "annet")
        elif name and name.startswith("ask_") and len(re.findall(r"\w+", text)) >= 4:
            code = self.detector.latin_language(text, self.config["topic_language_min_confidence"])
            if code:
                entities = list(message.get(ENTITIES) or [])
                entities.append({"entity": LANGUAGE_ENTITY, "value": code, "start": 0, "end": len(text),
                                 "confidence": 1.0, "extractor": "MessageGuard"})
                message.set(ENTITIES, entities, add_to_output=True)

    # -- checks -------------------------------------------------------------------------------
    def _other_language(self, text: str, name: Optional[str], confidence: float) -> Optional[str]:
        if _CYRILLIC.search(text) or _ARABIC.search(text) or _ETHIOPIC.search(text):
            code = self.detector.script_language(text)
            if code:
                return f"lang_{code}"
        asks_for_language = bool(services.LANGUAGE_REQUEST.search(text))
        unsure = confidence < self.config["language_check_below"] or name in (OOS, FALLBACK)
        if not (unsure or asks_for_language):
            # A topic question in English ("my child is sick, can I stay home") keeps its topic:
            # the held-out splits count it in scope (measured: overriding it by the detector costs
            # macro-F1 0.97 -> 0.96 on both splits).
            return None
        code = self.detector.latin_language(
            text, 0.3 if asks_for_language else self.config["language_min_confidence"])
        return f"lang_{code}" if code else None

    def _safety_holds(self, text: str, confidence: float) -> bool:
        return confidence >= self.config["safety_threshold"] and (
            services.safety_words(text) or services.strong_alarm(text))

    # -- edits ----------------------------------------------------------------------------------
    def _demote(self, message: Message) -> None:
        ranking = [r for r in (message.get(INTENT_RANKING_KEY) or [])
                   if r.get("name") not in self.config["safety_intents"] and r.get("name") != FALLBACK]
        if ranking and ranking[0].get("confidence", 0.0) >= self.config["fallback_threshold"]:
            self._set_intent(message, ranking[0]["name"], ranking[0]["confidence"])
        else:
            self._set_intent(message, FALLBACK, 1.0)

    @staticmethod
    def _set_intent(message: Message, name: str, confidence: float) -> None:
        message.set(INTENT, {"name": name, "confidence": float(confidence)}, add_to_output=True)

    @staticmethod
    def _add_topic(message: Message, topic: str) -> None:
        text = message.get(TEXT) or ""
        entities = [e for e in (message.get(ENTITIES) or []) if e.get("entity") != ENTITY]
        entities.append({"entity": ENTITY, "value": topic, "start": 0, "end": len(text),
                         "confidence": 1.0, "extractor": "MessageGuard"})
        message.set(ENTITIES, entities, add_to_output=True)
