"""Feature extractors of the classifier, each saved as plain arrays (no pickle).

``CharNgrams``: TF-IDF over character n-grams. Chinese words are mostly one to
three characters, so n-grams recover them without a segmenter, with no
dependence on a dictionary that misses new terms, and at several times
jieba's speed.
``Embeddings``: a frozen sentence encoder (see :mod:`newsnlp.encoders`).
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from scipy import sparse


class CharNgrams:
    def __init__(self, ngram_range: tuple[int, int] = (1, 3), min_df: int = 2, max_features: int = 60_000):
        self.ngram_range = tuple(ngram_range)
        self.min_df = min_df
        self.max_features = max_features
        self._vectorizer = None

    def _new_vectorizer(self, vocabulary=None):
        from sklearn.feature_extraction.text import TfidfVectorizer

        return TfidfVectorizer(
            analyzer="char",
            ngram_range=self.ngram_range,
            lowercase=True,
            sublinear_tf=True,
            min_df=self.min_df,
            max_features=self.max_features,
            vocabulary=vocabulary,
            dtype=np.float32,
        )

    def fit_transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        self._vectorizer = self._new_vectorizer()
        return self._vectorizer.fit_transform(texts)

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        return self._vectorizer.transform(texts)

    @property
    def vocabulary(self) -> list[str]:
        vocab = self._vectorizer.vocabulary_
        terms = [""] * len(vocab)
        for term, column in vocab.items():
            terms[column] = term
        return terms

    def config(self) -> dict:
        return {"ngram_range": list(self.ngram_range), "min_df": self.min_df, "max_features": self.max_features}

    def arrays(self) -> dict[str, np.ndarray]:
        return {"idf": self._vectorizer.idf_.astype(np.float32)}

    @classmethod
    def restore(cls, config: dict, vocabulary: list[str], idf: np.ndarray) -> "CharNgrams":
        self = cls(tuple(config["ngram_range"]), config["min_df"], config["max_features"])
        self._vectorizer = self._new_vectorizer(vocabulary={t: i for i, t in enumerate(vocabulary)})
        self._vectorizer.idf_ = idf.astype(np.float64)
        return self


class Embeddings:
    """Frozen sentence embeddings of the first ``max_chars`` characters, scaled by ``weight``.

    The cap keeps a 10 MB input from costing minutes: the themes of a news
    article are set long before its 4,000th character.
    """

    def __init__(self, encoder: str = "use", weight: float = 1.0, max_chars: int = 4000):
        self.encoder = encoder
        self.weight = weight
        self.max_chars = max_chars

    def transform(self, texts: Sequence[str]) -> np.ndarray:
        from ..encoders import get_encoder

        vectors = get_encoder(self.encoder).encode([t[: self.max_chars] for t in texts])
        return vectors * np.float32(self.weight)

    def config(self) -> dict:
        return {"encoder": self.encoder, "weight": self.weight, "max_chars": self.max_chars}
