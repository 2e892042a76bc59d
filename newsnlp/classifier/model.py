"""The theme classifier: ``fit`` / ``predict`` / ``predict_proba`` / ``classify``, saved as a folder.

Two heads share one feature matrix (character n-gram TF-IDF and/or frozen
sentence embeddings):
- the *primary* head, a multinomial logistic regression over all classes
  (``other`` included), temperature-scaled on out-of-fold logits;
- one *theme* head per label except ``other``: a binary logistic regression
  saying whether the theme is a substantial subject, Platt-scaled on
  out-of-fold scores, with its decision threshold chosen on those scores.

A model folder holds ``config.json`` (settings, calibration, thresholds and
the SHA-256 of every other file), ``weights.npz`` (arrays only, loaded with
``allow_pickle=False``), ``vocabulary.json`` and a ``README.md`` model card.
Loading never executes code from the folder.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterable, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from scipy.special import softmax

from .._validate import ensure_choice, ensure_positive_int, ensure_text, ensure_weight
from ..errors import InputTypeError, InputValueError, ModelError, NewsNLPError
from .._chars import _RADICALS
from ..hant import model_text
from ..results import Classification, Evidence
from . import calibration, checksums
from .batching import BatchClassifier
from .features import CharNgrams, Embeddings, TermShares

FORMAT = "newsnlp-classifier"
FORMAT_VERSION = 1
BACKENDS = ("lexical", "embedding", "stacked")
_WHITESPACE = re.compile(r"\s+")
# A news article's themes are settled long before this; the cap keeps the
# memory of one pathological 10 MB "article" to a few tens of MB.
MAX_CHARS = 100_000


def _normalise(text: str) -> str:
    # OCR pages break words across lines and sprinkle spaces; n-grams and
    # embeddings should see the same string whatever the layout was (and a PDF's
    # Kangxi radicals, ⼤⼩, as the characters they stand for).
    return _WHITESPACE.sub("", text[: 2 * MAX_CHARS])[:MAX_CHARS].translate(_RADICALS)


class Classifier(BatchClassifier):
    """A trainable theme classifier with calibrated, multi-label output.

    Texts are read without their whitespace (OCR line breaks do not matter)
    and only up to their first ``MAX_CHARS`` (100,000) characters.

    Parameters
    ----------
    backend:
        ``"lexical"`` (character n-gram TF-IDF: fastest), ``"embedding"``
        (frozen sentence encoder) or ``"stacked"`` (both in one linear model).
    encoder:
        Sentence encoder for the embedding part: ``"use"`` or ``"e5"``.
    embedding_chars:
        How many leading characters the encoder reads (its cost is linear in
        them). 300 keeps the headline and lede, enough next to the n-grams of
        the whole text; an ``"embedding"``-only model reads better with more
        (5-fold CV macro-F1 0.852 at 300, 0.869 at 1,000, see ``benchmarks/``).
    other_label:
        The class meaning "none of the themes". It gets a primary head but no
        theme head. ``None`` when every class is a theme.
    C:
        Inverse regularisation strength of the logistic regressions.
    short_view_weight:
        Weight of a short view of every training text (its first
        ``short_view_chars`` characters: a headline and lede, as in a post),
        added as an extra training row with the same labels. Models trained on
        whole articles alone read headlines and short posts worse; the default
        model uses 0.3 (see ``benchmarks/``). 0 adds nothing.
    short_view_chars:
        Length of that short view; texts no longer than it get no extra row.
    terms:
        Optional theme lexicon, ``{theme: {"core": [...], "support": [...]}}``:
        adds the share of sentences naming each theme's terms to the features
        (see :class:`newsnlp.classifier.features.TermShares`). The default
        model carries one written from the labelling guidelines.
    """

    def __init__(
        self,
        *,
        backend: str = "stacked",
        encoder: str = "use",
        embedding_weight: float = 1.0,
        embedding_chars: int = 300,
        C: float = 10.0,
        short_view_weight: float = 0.0,
        short_view_chars: int = 120,
        terms: dict[str, dict[str, list[str]]] | None = None,
        term_weight: float = 1.0,
        other_label: str | None = "other",
        ngram_range: tuple[int, int] = (1, 3),
        max_features: int = 60_000,
        min_df: int = 2,
        calibration_folds: int = 5,
        seed: int = 0,
        name: str = "custom",
        version: str = "0",
    ):
        self.backend = ensure_choice(backend, "backend", BACKENDS)
        self.encoder = encoder
        self.embedding_weight = embedding_weight
        self.embedding_chars = ensure_positive_int(embedding_chars, "embedding_chars")
        self.C = C
        self.short_view_weight = ensure_weight(short_view_weight, "short_view_weight")
        self.short_view_chars = ensure_positive_int(short_view_chars, "short_view_chars")
        self.terms = TermShares(terms, term_weight).terms if terms is not None else None
        self.term_weight = term_weight
        self.other_label = other_label
        self.ngram_range = tuple(ngram_range)
        self.max_features = max_features
        self.min_df = min_df
        self.calibration_folds = calibration_folds
        self.seed = seed
        self.name = name
        self.version = version
        self.card: dict[str, Any] = {}
        self._fitted = False

    # ------------------------------------------------------------------ fitting
    def fit(
        self,
        texts: Iterable[str],
        y: Iterable[Any],
        *,
        label_sets: Iterable[Iterable[str]] | None = None,
        sample_weight: Iterable[float] | None = None,
        progress: bool = False,
    ) -> "Classifier":
        """Train on *texts* and their labels.

        *y* is either one primary label per text (``"party_building"``) or one
        collection of labels per text (``["party_building", "elderly_care"]``;
        empty means ``other_label``; the first label is taken as the primary).
        *label_sets* optionally gives every substantial label of each text when
        *y* holds primaries, as in the default model's training data.
        *sample_weight* optionally weighs each text in every head and in the
        calibration (weakly labelled texts, say, at less than 1). Class
        balancing still counts texts, as scikit-learn's
        ``class_weight="balanced"`` does, before the weights apply.
        *progress* shows a bar while the sentence encoder reads the texts
        (most of the time of fitting an ``embedding`` or ``stacked`` model).
        """
        texts = [ensure_text(t, f"texts[{i}]") for i, t in enumerate(texts)]
        primary, sets = self._parse_labels(list(y), None if label_sets is None else list(label_sets))
        if len(primary) != len(texts):
            raise InputValueError(f"got {len(texts)} texts but {len(primary)} labels")
        classes = sorted(set(primary) | {label for s in sets for label in s})
        if len(set(primary)) < 2:
            raise InputValueError("fit needs at least two different labels")
        weights = _sample_weights(sample_weight, len(texts))
        self.classes_ = classes
        self.themes_ = [c for c in classes if c != self.other_label]
        docs = [_normalise(model_text(t)) for t in texts]

        self.__dict__.pop("_vocabulary", None)
        self._lexical = CharNgrams(self.ngram_range, self.min_df, self.max_features) if self._uses_lexical else None
        self._embedding = (
            Embeddings(self.encoder, self.embedding_weight, self.embedding_chars) if self._uses_embedding else None
        )
        self._terms = TermShares(self.terms, self.term_weight) if self.terms else None
        X = self._features(docs, fit=True, progress=progress)
        y_primary = np.array([classes.index(p) for p in primary])
        Y_themes = np.array([[t in s for t in self.themes_] for s in sets], dtype=int).reshape(len(docs), -1)
        # rows = the texts, then the short views; owner[r] is the text a row comes from
        owner = np.arange(len(docs))
        if self.short_view_weight > 0:
            viewed = np.array([i for i, d in enumerate(docs) if len(d) > self.short_view_chars], dtype=int)
            if len(viewed):
                views = self._features([docs[i][: self.short_view_chars] for i in viewed], progress=progress)
                X = sparse.vstack([X, views], format="csr")
                owner = np.concatenate([owner, viewed])
                weights = np.concatenate([weights, weights[viewed] * self.short_view_weight])
        y_rows, Y_rows = y_primary[owner], Y_themes[owner]

        self._calibrate(X, y_rows, Y_rows, weights, owner)
        primary_lr = self._logreg().fit(X, y_rows, sample_weight=weights)
        self.primary_coef_ = primary_lr.coef_.astype(np.float32)
        self.primary_intercept_ = primary_lr.intercept_.astype(np.float32)
        if len(classes) == 2:  # sklearn keeps one row for two classes; store both for one code path
            self.primary_coef_ = np.vstack([-self.primary_coef_ / 2, self.primary_coef_ / 2])
            self.primary_intercept_ = np.array([-1, 1], np.float32) * self.primary_intercept_ / 2
        theme_coef, theme_intercept = [], []
        for j in range(len(self.themes_)):
            w, b = self._fit_binary(X, Y_rows[:, j], weights)
            theme_coef.append(w)
            theme_intercept.append(b)
        self.theme_coef_ = np.array(theme_coef, dtype=np.float32).reshape(len(self.themes_), X.shape[1])
        self.theme_intercept_ = np.array(theme_intercept, dtype=np.float32)
        self._fitted = True
        self.card.setdefault("training", {})["n_items"] = len(docs)
        self.card["training"]["class_counts"] = {c: int((y_primary == i).sum()) for i, c in enumerate(classes)}
        return self

    def _parse_labels(self, y: list[Any], label_sets: list[Any] | None) -> tuple[list[str], list[set[str]]]:
        if not y:
            raise InputValueError("fit needs at least one labelled text")
        if all(isinstance(v, str) for v in y):
            primary = list(y)
            if label_sets is None:
                sets = [set() if p == self.other_label else {p} for p in primary]
            else:
                sets = [set(s) for s in label_sets]
                if len(sets) != len(primary):
                    raise InputValueError(f"got {len(primary)} labels but {len(sets)} label_sets")
                # the primary theme is substantial by definition
                sets = [s | ({p} if p != self.other_label else set()) for p, s in zip(primary, sets)]
            return primary, sets
        if all(isinstance(v, (list, tuple, set, frozenset)) for v in y):
            sets, primary = [], []
            for i, labels in enumerate(y):
                labels = list(labels)
                if not all(isinstance(v, str) for v in labels):
                    raise InputTypeError(f"labels[{i}] must hold str labels, got {labels!r}")
                if not labels and self.other_label is None:
                    raise InputValueError(f"labels[{i}] is empty and the classifier has no other_label")
                primary.append(labels[0] if labels else self.other_label)
                sets.append(set(labels) - {self.other_label})
            return primary, sets
        raise InputTypeError("y must hold one str label per text, or one list of str labels per text")

    @property
    def _uses_lexical(self) -> bool:
        return self.backend in ("lexical", "stacked")

    @property
    def _uses_embedding(self) -> bool:
        return self.backend in ("embedding", "stacked")

    def _logreg(self, C: float | None = None):
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(C=C or self.C, max_iter=3000, class_weight="balanced", random_state=self.seed)

    def _fit_binary(self, X, y: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, float]:
        if y.min() == y.max():  # a theme never (or always) present: a constant head
            return np.zeros(X.shape[1], np.float32), (-10.0 if y.max() == 0 else 10.0)
        lr = self._logreg().fit(X, y, sample_weight=weights)
        return lr.coef_[0], float(lr.intercept_[0])

    def _calibrate(self, X, y_primary: np.ndarray, Y_themes: np.ndarray, weights: np.ndarray, owner: np.ndarray
                   ) -> None:
        """Fit the temperature, Platt parameters and thresholds on out-of-fold scores.

        Folds split the texts: a text's short view trains with it, never
        against it, and only whole texts are scored.
        """
        from sklearn.model_selection import StratifiedKFold

        n = int(owner.max()) + 1  # the texts come first, their views after them
        smallest = np.bincount(y_primary[:n]).min()
        folds = min(self.calibration_folds, int(smallest))
        n_themes = len(self.themes_)
        if folds < 2:
            self.temperature_ = 1.0
            self.platt_ = np.tile([1.0, 0.0], (n_themes, 1))
            self.thresholds_ = np.full(n_themes, 0.5)
            return
        logits = np.zeros((n, len(self.classes_)))
        theme_scores = np.zeros((n, n_themes))
        splitter = StratifiedKFold(folds, shuffle=True, random_state=self.seed)
        for train_texts, test in splitter.split(np.zeros(n), y_primary[:n]):
            train = np.flatnonzero(np.isin(owner, train_texts))
            lr = self._logreg().fit(X[train], y_primary[train], sample_weight=weights[train])
            fold_logits = np.full((len(test), len(self.classes_)), -1e4)
            decision = lr.decision_function(X[test])
            if decision.ndim == 1:
                decision = np.column_stack([-decision / 2, decision / 2])
            fold_logits[:, lr.classes_] = decision
            logits[test] = fold_logits
            for j in range(n_themes):
                w, b = self._fit_binary(X[train], Y_themes[train, j], weights[train])
                theme_scores[test, j] = X[test] @ w + b
        y, Y, w = y_primary[:n], Y_themes[:n], weights[:n]
        self.temperature_ = calibration.fit_temperature(logits, y, w)
        self.platt_ = np.array([calibration.fit_platt(theme_scores[:, j], Y[:, j], w) for j in range(n_themes)])
        self.platt_ = self.platt_.reshape(n_themes, 2)
        probs = np.column_stack(
            [calibration.platt(theme_scores[:, j], *self.platt_[j]) for j in range(n_themes)]
        ).reshape(n, n_themes)
        self.thresholds_ = np.array([calibration.best_threshold(probs[:, j], Y[:, j], w) for j in range(n_themes)])
        self.oof_ = {"primary_proba": softmax(logits / self.temperature_, axis=1), "theme_proba": probs}

    # --------------------------------------------------------------- features
    def _features(self, docs: Sequence[str], *, fit: bool = False, progress: bool = False):
        parts = []
        if self._lexical is not None:
            parts.append(self._lexical.fit_transform(docs) if fit else self._lexical.transform(docs))
        if self._embedding is not None:
            parts.append(sparse.csr_matrix(self._embedding.transform(docs, progress=progress)))
        if self._terms is not None:
            parts.append(sparse.csr_matrix(self._terms.transform(docs)))
        return sparse.hstack(parts, format="csr") if len(parts) > 1 else sparse.csr_matrix(parts[0])

    # -------------------------------------------------------------- predicting
    def _check_fitted(self) -> None:
        if not self._fitted:
            raise NewsNLPError("this Classifier is not fitted yet: call fit() or Classifier.load(path)")

    def _scores(self, docs: Sequence[str]):
        X = self._features(docs)
        primary = softmax((X @ self.primary_coef_.T + self.primary_intercept_) / self.temperature_, axis=1)
        raw = X @ self.theme_coef_.T + self.theme_intercept_
        themes = calibration.platt(raw, self.platt_[:, 0], self.platt_[:, 1]) if len(self.themes_) else raw
        return X, np.asarray(primary), np.asarray(themes)

    def _texts(self, texts: Iterable[str]) -> list[str]:
        if isinstance(texts, str):
            raise InputTypeError("expected an iterable of texts, got a single str: wrap it in a list")
        return [_normalise(model_text(ensure_text(t, f"texts[{i}]"))) for i, t in enumerate(texts)]

    def predict_proba(self, texts: Iterable[str]) -> np.ndarray:
        """Calibrated primary-label probabilities, shape (n_texts, n_classes), columns in ``classes_`` order."""
        self._check_fitted()
        docs = self._texts(texts)
        return self._scores(docs)[1] if docs else np.zeros((0, len(self.classes_)))

    def predict(self, texts: Iterable[str]) -> list[str]:
        """The primary label of each text."""
        return [self.classes_[i] for i in self.predict_proba(texts).argmax(axis=1)]

    def predict_themes(self, texts: Iterable[str]) -> np.ndarray:
        """Calibrated probability that each theme is a substantial subject, shape (n_texts, n_themes)."""
        self._check_fitted()
        docs = self._texts(texts)
        return self._scores(docs)[2] if docs else np.zeros((0, len(self.themes_)))

    def _classify_simplified(self, texts: list[str], n_evidence: int) -> list[Classification]:
        results: list[Classification | None] = [None] * len(texts)
        docs, positions = [], []
        for i, text in enumerate(texts):
            doc = _normalise(text)
            if doc:
                docs.append(doc)
                positions.append(i)
            else:
                results[i] = self._empty_result(text)
        if docs:
            X, primary, themes = self._scores(docs)
            for row, i in enumerate(positions):
                results[i] = self._result(texts[i], X, row, primary[row], themes[row], n_evidence)
        return results  # type: ignore[return-value]

    def _empty_result(self, text: str) -> Classification:
        """Empty or whitespace-only text has no theme: ``other`` with probability 1."""
        label = self.other_label
        return Classification(
            label=label,
            labels=(),
            scores={t: 0.0 for t in self.themes_},
            primary_scores={c: float(c == label) for c in self.classes_},
            model=self.model_name,
            document=text,
        )

    def _result(self, text: str, X, row: int, primary: np.ndarray, themes: np.ndarray, n_evidence: int
                ) -> Classification:
        label = self.classes_[int(primary.argmax())]
        chosen = [t for j, t in enumerate(self.themes_) if themes[j] >= self.thresholds_[j] or t == label]
        evidence: dict[str, tuple[Evidence, ...]] = {t: () for t in chosen}
        if chosen and n_evidence > 0 and self._lexical is not None:
            from ..tokenize import tokenize_spans

            head = text[: 2 * MAX_CHARS]
            words, columns = tokenize_spans(head), self._lexical.columns_at(head)
            evidence = {t: self._evidence(head, words, columns, X[row], self.themes_.index(t), n_evidence)
                        for t in chosen}
        return Classification(
            label=label,
            labels=tuple(chosen),
            scores={t: round(float(themes[j]), 6) for j, t in enumerate(self.themes_)},
            evidence=evidence,
            primary_scores={c: round(float(primary[i]), 6) for i, c in enumerate(self.classes_)},
            model=self.model_name,
            document=text,
        )

    def _evidence(
        self, text: str, words: list[tuple[str, int, int]], columns: np.ndarray, x, theme: int, n_terms: int
    ) -> tuple[Evidence, ...]:
        """The words of *text* whose character n-grams raised the theme's score most.

        Each n-gram's contribution is its TF-IDF value times the theme head's
        weight; a jieba word collects the contributions of the n-grams inside
        it, so evidence reads as words (``社区治理``) rather than n-grams.
        *columns* gives the vocabulary column of the n-gram at each position,
        one row per n (``CharNgrams.columns_at``): a word's sum is a difference
        of prefix sums.
        """
        x = x.tocsr()
        keep = x.indices < len(self._vocabulary)
        contribution = np.zeros(len(self._vocabulary) + 1)  # the last cell: n-grams outside the vocabulary
        contribution[x.indices[keep]] = x.data[keep] * self.theme_coef_[theme, x.indices[keep]]
        starts = np.array([start for _, start, _ in words], np.int64)
        ends = np.array([end for _, _, end in words], np.int64)
        weight = np.zeros(len(words))
        for n, cols in enumerate(columns, start=self._lexical.ngram_range[0]):
            prefix = np.concatenate([[0.0], np.cumsum(contribution[cols])])
            weight += prefix[np.maximum(ends - n + 1, starts)] - prefix[starts]  # n-grams starting in [start, end - n]
        # every occurrence of a word weighs the same, so the words with weight > 0 hold all their spans
        word_weight: dict[str, float] = {}
        spans: dict[str, list[tuple[int, int]]] = {}
        for i in np.flatnonzero((weight > 0) & (ends - starts >= 2)).tolist():
            word, start, end = words[i]
            if word not in word_weight:
                if not any(ch.isalnum() for ch in word):
                    continue
                word_weight[word] = float(weight[i])
            spans.setdefault(word, []).append((start, end))
        best = sorted(word_weight, key=lambda w: (-word_weight[w], spans[w][0]))
        return tuple(
            Evidence(text[s:e], s, e, round(word_weight[w], 6)) for w in best[:n_terms] for s, e in spans[w][:3]
        )

    @cached_property
    def _vocabulary(self) -> list[str]:
        return self._lexical.vocabulary if self._lexical is not None else []

    # -------------------------------------------------------------- persistence
    def save(self, path: str | Path) -> Path:
        """Write the model to the folder *path* (created if needed): JSON and npz only."""
        self._check_fitted()
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        arrays = {
            "primary_coef": self.primary_coef_,
            "primary_intercept": self.primary_intercept_,
            "theme_coef": self.theme_coef_,
            "theme_intercept": self.theme_intercept_,
        }
        files = {"weights.npz": folder / "weights.npz"}
        if self._lexical is not None:
            arrays.update(self._lexical.arrays())
            (folder / "vocabulary.json").write_text(json.dumps(self._vocabulary, ensure_ascii=False), "utf-8")
            files["vocabulary.json"] = folder / "vocabulary.json"
        np.savez_compressed(folder / "weights.npz", **arrays)
        config = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "name": self.name,
            "version": self.version,
            "backend": self.backend,
            "classes": self.classes_,
            "themes": self.themes_,
            "other_label": self.other_label,
            "C": self.C,
            "short_view": {"weight": self.short_view_weight, "chars": self.short_view_chars},
            "seed": self.seed,
            "calibration_folds": self.calibration_folds,
            "lexical": self._lexical.config() if self._lexical is not None else None,
            "embedding": self._embedding.config() if self._embedding is not None else None,
            "terms": self._terms.config() if self._terms is not None else None,
            "temperature": self.temperature_,
            "platt": self.platt_.tolist(),
            "thresholds": [float(t) for t in self.thresholds_],
            "card": self.card,
            "sha256": {name: checksums.sha256(p) for name, p in files.items()},
        }
        (folder / "config.json").write_text(json.dumps(config, ensure_ascii=False, indent=1), "utf-8")
        (folder / "README.md").write_text(_model_card(config), "utf-8")
        return folder

    @classmethod
    def load(cls, path: str | Path) -> "Classifier":
        """Load a model folder written by :meth:`save`; raises :class:`ModelError` naming what is wrong."""
        if not isinstance(path, (str, Path)):
            raise InputTypeError(f"path must be a str or Path, got {type(path).__name__}")
        folder = Path(path)
        config_path = folder / "config.json"
        if not config_path.is_file():
            raise ModelError(f"{config_path}: not found; a newsnlp model folder holds config.json and weights.npz")
        try:
            config = json.loads(config_path.read_text("utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise ModelError(f"{config_path}: not valid JSON ({exc})") from exc
        if not isinstance(config, dict):
            raise ModelError(f"{config_path}: not a newsnlp classifier (a JSON {type(config).__name__}, not an object)")
        if config.get("format") != FORMAT:
            raise ModelError(f"{config_path}: not a newsnlp classifier (format {config.get('format')!r})")
        if config.get("format_version") != FORMAT_VERSION:
            raise ModelError(
                f"{config_path}: format_version {config.get('format_version')!r}, "
                f"this newsnlp reads version {FORMAT_VERSION}"
            )
        digests = config.get("sha256")
        # every file is verified: a config without checksums (or naming files outside the folder) is refused
        required = ("weights.npz", "vocabulary.json") if config.get("lexical") is not None else ("weights.npz",)
        if not isinstance(digests, dict) or any(name not in digests for name in required) or any(
            not isinstance(name, str) or Path(name).name != name for name in digests
        ):
            raise ModelError(f"{config_path}: sha256 must map every model file name ({', '.join(required)}) to its digest")
        checksums.verify(folder, digests)
        try:
            with np.load(folder / "weights.npz", allow_pickle=False) as npz:
                arrays = {k: npz[k] for k in npz.files}
            vocabulary = (
                json.loads((folder / "vocabulary.json").read_text("utf-8")) if config["lexical"] is not None else None
            )
            self = cls(
                backend=config["backend"],
                other_label=config["other_label"],
                C=config["C"],
                short_view_weight=config.get("short_view", {}).get("weight", 0.0),
                short_view_chars=config.get("short_view", {}).get("chars", 120),
                seed=config["seed"],
                calibration_folds=config["calibration_folds"],
                name=config["name"],
                version=config["version"],
                **(
                    {
                        "encoder": config["embedding"]["encoder"],
                        "embedding_weight": config["embedding"]["weight"],
                        "embedding_chars": config["embedding"]["max_chars"],
                    }
                    if config["embedding"]
                    else {}
                ),
                **(
                    {"terms": config["terms"]["terms"], "term_weight": config["terms"]["weight"]}
                    if config.get("terms")
                    else {}
                ),
            )
            self.classes_ = list(config["classes"])
            self.themes_ = list(config["themes"])
            self._lexical = (
                CharNgrams.restore(config["lexical"], vocabulary, arrays["idf"]) if vocabulary is not None else None
            )
            self._embedding = Embeddings(**config["embedding"]) if config["embedding"] else None
            self._terms = TermShares(self.terms, self.term_weight) if self.terms else None
            self.primary_coef_ = arrays["primary_coef"]
            self.primary_intercept_ = arrays["primary_intercept"]
            self.theme_coef_ = arrays["theme_coef"]
            self.theme_intercept_ = arrays["theme_intercept"]
            self.temperature_ = float(config["temperature"])
            self.platt_ = np.array(config["platt"], dtype=np.float64).reshape(len(self.themes_), 2)
            self.thresholds_ = np.array(config["thresholds"], dtype=np.float64)
            self.card = config.get("card", {})
        except ModelError:
            raise
        except (KeyError, TypeError, ValueError, OSError, EOFError, zipfile.BadZipFile) as exc:
            raise ModelError(f"{folder}: incomplete or inconsistent model files ({type(exc).__name__}: {exc})") from exc
        n_features = (len(vocabulary) if vocabulary is not None else 0) + (
            _encoder_dim(self._embedding.encoder) if self._embedding else 0
        ) + (self._terms.dim if self._terms else 0)
        expected = {
            "primary_coef": (len(self.classes_), n_features),
            "theme_coef": (len(self.themes_), n_features),
            "primary_intercept": (len(self.classes_),),
            "theme_intercept": (len(self.themes_),),
        }
        for key, shape in expected.items():
            if arrays[key].shape != shape:
                raise ModelError(f"{folder / 'weights.npz'}: {key} has shape {arrays[key].shape}, expected {shape}")
        self._fitted = True
        return self

    def __repr__(self) -> str:
        state = f"classes={self.classes_}" if self._fitted else "unfitted"
        return f"Classifier(name={self.name!r}, backend={self.backend!r}, {state})"


def _sample_weights(sample_weight: Iterable[float] | None, n: int) -> np.ndarray:
    if sample_weight is None:
        return np.ones(n)
    if isinstance(sample_weight, (str, bytes)):
        raise InputTypeError("sample_weight must be numbers, one per text, not a str")
    weights = [ensure_weight(w, f"sample_weight[{i}]") for i, w in enumerate(sample_weight)]
    if len(weights) != n:
        raise InputValueError(f"got {n} texts but {len(weights)} sample weights")
    if not any(weights):
        raise InputValueError("sample_weight is zero for every text: nothing to learn from")
    return np.array(weights)


def _encoder_dim(name: str) -> int:
    from ..encoders import _FACTORIES

    return _FACTORIES[name].dim if name in _FACTORIES else 0


def _model_card(config: dict) -> str:
    card = config.get("card", {})
    lines = [
        f"# {config['name']} {config['version']}",
        "",
        card.get("description", "A newsnlp theme classifier."),
        "",
        f"- backend: `{config['backend']}`"
        + (
            f" (encoder `{config['embedding']['encoder']}`, first {config['embedding']['max_chars']:,} characters)"
            if config.get("embedding")
            else ""
        ),
        f"- classes: {', '.join(config['classes'])}",
        *(
            [f"- term shares (lexicon features) for: {', '.join(config['terms']['terms'])}"]
            if config.get("terms")
            else []
        ),
        f"- other label: {config['other_label']}",
        f"- calibration: temperature {config['temperature']:.3f}; theme thresholds "
        + ", ".join(f"{t} {v:.2f}" for t, v in zip(config["themes"], config["thresholds"])),
        "",
    ]
    if card.get("training"):
        lines += ["## Training data", "", "```json", json.dumps(card["training"], ensure_ascii=False, indent=1), "```", ""]
    if card.get("metrics"):
        lines += ["## Metrics", "", "```json", json.dumps(card["metrics"], ensure_ascii=False, indent=1), "```", ""]
    lines += ["## Files", ""] + [f"- `{k}` sha256 `{v}`" for k, v in config["sha256"].items()]
    return "\n".join(lines) + "\n"
