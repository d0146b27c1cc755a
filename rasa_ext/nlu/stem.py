"""Whitespace tokens whose lemma is the Norwegian Snowball stem (snowballstemmer, PyPI).

CountVectorsFeaturizer counts `token.lemma` (use_lemma, on by default), so "barna", "barnet",
"barns" all count as "barn" and "permisjonen" as "permisjon". Cheap: a few microseconds a token.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, List, Text

import snowballstemmer
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message

_STEMMER = snowballstemmer.stemmer("norwegian")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    return _STEMMER.stemWord(word.lower())


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class SnowballTokenizer(WhitespaceTokenizer):
    """WhitespaceTokenizer plus `lemma` = Snowball stem of the lower-cased token."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {**WhitespaceTokenizer.get_default_config()}

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        tokens = super().tokenize(message, attribute)
        for token in tokens:
            token.lemma = stem(token.text)
        return tokens
