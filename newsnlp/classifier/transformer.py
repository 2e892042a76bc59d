"""The ``transformers`` backend of the theme classifier: fine-tune a local checkpoint.

:class:`TransformerClassifier` fine-tunes any Hugging Face checkpoint *folder*
on disk (a BERT-like encoder with a sequence-classification head) and then
answers like :class:`~newsnlp.Classifier`: ``predict``, ``predict_proba``,
``classify`` and ``classify_batch`` returning
:class:`~newsnlp.Classification` objects.

- Hub names are refused: the checkpoint must be an existing folder, and
  transformers is called with ``local_files_only=True``, so nothing is ever
  downloaded.
- Only safetensors weights are read (``use_safetensors=True``): loading a
  model never unpickles anything.
- Long articles are cut into windows of ``max_length`` tokens overlapping by
  ``stride``; the logits of an article's windows are averaged, in training as
  in prediction.
- The primary distribution is a softmax over all classes, temperature-scaled
  on a held-out slice of the training data. ``scores`` are the theme columns
  of that same calibrated distribution (not independent per-theme heads as in
  the linear :class:`~newsnlp.Classifier`), and ``labels`` are the themes whose
  score passes their threshold, plus the primary label. ``evidence`` is always
  empty for this backend.

torch and transformers are an optional extra
(``pip install 'newsnlp[transformers]'``); they are imported on first use.

A saved folder is a normal transformers checkpoint (``config.json``,
``model.safetensors``, tokenizer files) plus ``newsnlp.json`` (classes,
calibration, thresholds and the SHA-256 of every checkpoint file) and a
``README.md`` model card.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy.special import softmax

from .._validate import ensure_choice, ensure_positive_int, ensure_text
from ..errors import BackendUnavailableError, InputTypeError, InputValueError, ModelError, NewsNLPError
from .._chars import _RADICALS
from ..hant import model_text
from ..results import Classification
from . import calibration, checksums
from .batching import BatchClassifier

FORMAT = "newsnlp-transformer-classifier"
FORMAT_VERSION = 1
CONFIG_FILE = "newsnlp.json"


def _require_torch():
    """torch and transformers, or a BackendUnavailableError saying which extra to install."""
    try:
        import torch
        import transformers
    except ImportError as exc:
        raise BackendUnavailableError(
            f"TransformerClassifier needs torch and transformers ({exc}); "
            "install them with: pip install 'newsnlp[transformers]'"
        ) from exc
    return torch, transformers


def _checkpoint_folder(path: str | Path) -> Path:
    """*path* as a local folder holding safetensors weights; refuses hub names and pickle-only folders."""
    if not isinstance(path, (str, Path)):
        raise InputTypeError(f"checkpoint must be a folder path (str or Path), got {type(path).__name__}")
    folder = Path(path)
    if not folder.is_dir():
        raise ModelError(
            f"{path}: not an existing folder. TransformerClassifier only reads local checkpoint folders "
            "(it never downloads a hub name): save the model to disk first and pass its folder"
        )
    if not any(folder.glob("*.safetensors")):
        found = ", ".join(sorted(p.name for p in folder.glob("*.bin"))) or "no weights file"
        raise ModelError(
            f"{folder}: no *.safetensors weights ({found}); newsnlp never loads pickled weights. "
            "Convert once with model.save_pretrained(folder, safe_serialization=True) in a trusted environment"
        )
    return folder


class TransformerClassifier(BatchClassifier):
    """A fine-tuned transformer theme classifier with calibrated primary probabilities.

    Parameters
    ----------
    checkpoint:
        A local Hugging Face checkpoint folder (tokenizer files plus
        safetensors weights) to fine-tune. Not needed to :meth:`load` a saved model.
    other_label:
        The class meaning "none of the themes"; it is never in ``labels``.
    max_length, stride:
        Window size in tokens (special tokens included) and the overlap of
        consecutive windows of a long text.
    max_windows:
        Use at most this many leading windows of a text (``None``: all), to
        bound the cost of very long inputs.
    threshold:
        Default probability a secondary theme needs to be listed in ``labels``
        (replaced per theme by a value fitted on held-out data when *label_sets* allow).
    calibration_fraction:
        Share of the training data held out to fit the temperature and the
        thresholds (0 to train on everything, uncalibrated).
    device:
        ``"cpu"`` (default), ``"cuda"`` or any ``torch.device`` string.
    """

    default_batch_size = 16  # windows of up to max_length tokens each

    def __init__(
        self,
        checkpoint: str | Path | None = None,
        *,
        other_label: str | None = "other",
        max_length: int = 256,
        stride: int = 64,
        max_windows: int | None = None,
        threshold: float = 0.5,
        calibration_fraction: float = 0.2,
        device: str = "cpu",
        name: str = "transformer",
        version: str = "0",
    ):
        self.checkpoint = checkpoint
        self.other_label = other_label
        self._set_windows(max_length, stride)
        self.max_windows = ensure_positive_int(max_windows, "max_windows", allow_none=True)
        self.threshold = float(threshold)
        if not 0.0 <= calibration_fraction < 1.0:
            raise InputValueError(f"calibration_fraction must be in [0, 1), got {calibration_fraction}")
        self.calibration_fraction = float(calibration_fraction)
        self.device = device
        self.name = name
        self.version = version
        self.card: dict[str, Any] = {}
        self._fitted = False

    def _set_windows(self, max_length: int, stride: int) -> None:
        self.max_length = ensure_positive_int(max_length, "max_length")
        if self.max_length < 8:
            raise InputValueError(f"max_length must be at least 8 tokens, got {max_length}")
        if isinstance(stride, bool) or not isinstance(stride, int) or not 0 <= stride < self.max_length // 2:
            raise InputValueError(f"stride must be an int in [0, max_length // 2), got {stride!r}")
        self.stride = stride

    # ------------------------------------------------------------------ fitting
    def fit(
        self,
        texts: Iterable[str],
        y: Iterable[Any],
        *,
        label_sets: Iterable[Iterable[str]] | None = None,
        sample_weight: Iterable[float] | None = None,
        epochs: int = 3,
        batch_size: int = 16,
        learning_rate: float = 5e-5,
        max_length: int | None = None,
        class_weight: str | None = "balanced",
        seed: int = 0,
        progress: bool = False,
    ) -> "TransformerClassifier":
        """Fine-tune the checkpoint on *texts* and their labels.

        *y* and *label_sets* follow :meth:`newsnlp.Classifier.fit`: one primary
        label per text, or one list of labels per text (first = primary, empty =
        ``other_label``). Only the primary labels train the network; the label
        sets choose each theme's threshold on the held-out slice.
        *sample_weight* weighs each text's loss and its say in the temperature,
        as in :meth:`newsnlp.Classifier.fit`.
        ``class_weight="balanced"`` weights the loss by inverse class frequency;
        the temperature then corrects the probabilities it inflates.
        The same *seed* gives the same model (on the same hardware and versions).
        """
        from .model import Classifier, _sample_weights

        torch, transformers = _require_torch()
        if self.checkpoint is None:
            raise InputValueError("fit needs a checkpoint folder: TransformerClassifier(checkpoint=path)")
        folder = _checkpoint_folder(self.checkpoint)
        if isinstance(texts, str):
            raise InputTypeError("texts must be an iterable of str, not a single str")
        texts = [model_text(ensure_text(t, f"texts[{i}]")) for i, t in enumerate(texts)]
        # the label conventions are the linear Classifier's: share its parser rather than copy it
        primary, sets = Classifier._parse_labels(self, list(y), None if label_sets is None else list(label_sets))
        if len(primary) != len(texts):
            raise InputValueError(f"got {len(texts)} texts but {len(primary)} labels")
        if len(set(primary)) < 2:
            raise InputValueError("fit needs at least two different labels")
        sample_weights = _sample_weights(sample_weight, len(texts))
        epochs = ensure_positive_int(epochs, "epochs")
        batch_size = ensure_positive_int(batch_size, "batch_size")
        if max_length is not None:
            self._set_windows(max_length, self.stride)
        ensure_choice(class_weight, "class_weight", ("balanced", None))  # type: ignore[arg-type]

        self.classes_ = sorted(set(primary) | {label for s in sets for label in s})
        self.themes_ = [c for c in self.classes_ if c != self.other_label]
        y_index = np.array([self.classes_.index(p) for p in primary])
        train, held = self._split(y_index, seed)
        device = self._torch_device(torch)

        self.tokenizer_ = transformers.AutoTokenizer.from_pretrained(
            folder, local_files_only=True, trust_remote_code=False
        )
        with torch.random.fork_rng(devices=[device] if device.type == "cuda" else []):
            # a private RNG stream: the seed fixes the new head and dropout without touching the caller's RNG
            torch.manual_seed(seed)
            self.model_ = transformers.AutoModelForSequenceClassification.from_pretrained(
                folder,
                num_labels=len(self.classes_),
                id2label=dict(enumerate(self.classes_)),
                label2id={c: i for i, c in enumerate(self.classes_)},
                ignore_mismatched_sizes=True,  # a checkpoint may come with a head for other classes
                local_files_only=True,
                use_safetensors=True,
                trust_remote_code=False,
            ).float().to(device)
            counts = np.bincount(y_index[train], minlength=len(self.classes_))
            weights = None
            if class_weight == "balanced":
                weights = torch.tensor(len(train) / (len(self.classes_) * np.maximum(counts, 1)), dtype=torch.float32)
            losses = self._train(
                [texts[i] for i in train], y_index[train], sample_weights[train], weights, epochs, batch_size,
                learning_rate, seed, progress,
            )
        self.model_.eval()
        self._fitted = True
        self._calibrate([texts[i] for i in held], y_index[held], [sets[i] for i in held], sample_weights[held],
                        batch_size)
        self.card.setdefault("training", {}).update(
            {
                "base_checkpoint": folder.resolve().name,
                "n_items": len(texts),
                "n_trained": len(train),
                "class_counts": {c: int((y_index == i).sum()) for i, c in enumerate(self.classes_)},
                "epochs": epochs,
                "batch_size": batch_size,
                "learning_rate": learning_rate,
                "max_length": self.max_length,
                "stride": self.stride,
                "seed": seed,
                "final_epoch_loss": round(losses[-1], 6),
            }
        )
        return self

    def _split(self, y: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
        """Stratified train / held-out indices; nothing held out when a class is too small to split."""
        everything = np.arange(len(y))
        n_held = int(round(self.calibration_fraction * len(y)))
        n_classes = int(y.max()) + 1
        if n_held < n_classes or np.bincount(y).min() < 2 or len(y) - n_held < n_classes:
            return everything, everything[:0]
        from sklearn.model_selection import train_test_split

        train, held = train_test_split(everything, test_size=n_held, stratify=y, random_state=seed)
        return np.sort(train), np.sort(held)

    def _torch_device(self, torch):
        try:
            device = torch.device(self.device)
        except (RuntimeError, TypeError) as exc:
            raise InputValueError(f"device {self.device!r} is not a torch device ({exc})") from exc
        if device.type == "cuda" and not torch.cuda.is_available():
            raise InputValueError(f"device {self.device!r} was asked for but torch sees no CUDA GPU")
        return device

    def _train(self, texts, y, sample_weights, weights, epochs, batch_size, learning_rate, seed, progress
               ) -> list[float]:
        torch, transformers = _require_torch()
        steps = epochs * -(-len(texts) // batch_size)
        optimizer = torch.optim.AdamW(self.model_.parameters(), lr=learning_rate, weight_decay=0.01)
        schedule = transformers.get_linear_schedule_with_warmup(optimizer, max(1, steps // 10), steps)
        class_weights = torch.ones(len(self.classes_)) if weights is None else weights
        class_weights = class_weights.to(self.model_.device)
        # per text: its class weight times its sample weight; a batch's loss is their weighted mean
        # (with every sample weight 1, exactly CrossEntropyLoss(weight=class_weights))
        loss_fn = torch.nn.CrossEntropyLoss(weight=class_weights, reduction="none")
        order_rng = np.random.default_rng(seed)
        bar = None
        if progress:
            from tqdm.auto import tqdm

            bar = tqdm(total=steps, desc="fine-tune", unit="batch")
        self.model_.train()
        losses = []
        for _ in range(epochs):
            order = order_rng.permutation(len(texts))
            total = 0.0
            for start in range(0, len(texts), batch_size):
                rows = order[start : start + batch_size]
                logits = self._article_logits([texts[i] for i in rows])
                target = torch.as_tensor(y[rows], device=logits.device)
                w = torch.as_tensor(sample_weights[rows], dtype=torch.float32, device=logits.device)
                loss = (loss_fn(logits, target) * w).sum() / (class_weights[target] * w).sum().clamp_min(1e-12)
                optimizer.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(self.model_.parameters(), 1.0)
                optimizer.step()
                schedule.step()
                total += loss.item() * len(rows)
                if bar is not None:
                    bar.update(1)
            losses.append(total / len(texts))
        if bar is not None:
            bar.close()
        return losses

    def _calibrate(
        self, texts: list[str], y: np.ndarray, sets: list[set[str]], weights: np.ndarray, batch_size: int
    ) -> None:
        """Temperature and theme thresholds from the held-out slice (defaults when there is none)."""
        self.temperature_ = 1.0
        self.thresholds_ = np.full(len(self.themes_), self.threshold)
        if not texts:
            self.card["heldout"] = None
            return
        logits = self._logits(texts, batch_size)
        self.temperature_ = calibration.fit_temperature(logits, y, weights)
        probs = softmax(logits / self.temperature_, axis=1)
        for j, theme in enumerate(self.themes_):
            truth = np.array([theme in s for s in sets], dtype=int)
            if truth.sum():  # a theme absent from the held-out slice keeps the default
                self.thresholds_[j] = calibration.best_threshold(probs[:, self.classes_.index(theme)], truth, weights)
        from sklearn.metrics import accuracy_score, f1_score

        predicted = probs.argmax(axis=1)
        self.card["heldout"] = {
            "n_items": len(texts),
            "accuracy": round(float(accuracy_score(y, predicted)), 4),
            "macro_f1": round(float(f1_score(y, predicted, average="macro", labels=range(len(self.classes_)))), 4),
            "temperature": round(self.temperature_, 4),
        }

    # --------------------------------------------------------------- windows
    def _windows(self, texts: Sequence[str]):
        """Token windows of *texts* (tensors on the model's device) and the text index of each window."""
        torch, _ = _require_torch()
        encoded = self.tokenizer_(
            list(texts),
            truncation=True,
            max_length=self.max_length,
            stride=self.stride,
            return_overflowing_tokens=True,
            padding=True,
            return_tensors="pt",
        )
        if "overflow_to_sample_mapping" not in encoded:
            raise ModelError("the checkpoint's tokenizer cannot cut long texts into windows (it must be a fast one)")
        owner = encoded.pop("overflow_to_sample_mapping")
        if self.max_windows is not None:
            # windows come grouped by text, in order: keep each text's first max_windows
            first = torch.searchsorted(owner, owner)
            keep = (torch.arange(len(owner)) - first) < self.max_windows
            encoded = {k: v[keep] for k, v in encoded.items()}
            owner = owner[keep]
        device = self.model_.device
        return {k: v.to(device) for k, v in encoded.items()}, owner.to(device)

    def _article_logits(self, texts: Sequence[str], chunk: int | None = None):
        """One row of logits per text: the mean over the text's windows, run *chunk* windows at a time."""
        torch, _ = _require_torch()
        inputs, owner = self._windows(texts)
        chunk = chunk or len(owner)
        window_logits = torch.cat(
            [
                self.model_(**{k: v[start : start + chunk] for k, v in inputs.items()}).logits
                for start in range(0, len(owner), chunk)
            ]
        )
        sums = torch.zeros(len(texts), window_logits.shape[1], device=window_logits.device, dtype=window_logits.dtype)
        sums.index_add_(0, owner, window_logits)
        counts = torch.bincount(owner, minlength=len(texts)).clamp(min=1).unsqueeze(1)
        return sums / counts

    def _logits(self, texts: Sequence[str], batch_size: int = 16) -> np.ndarray:
        torch, _ = _require_torch()
        rows = []
        with torch.inference_mode():
            for start in range(0, len(texts), batch_size):
                # chunks bound memory: one huge input must not become thousands of windows in one forward pass
                logits = self._article_logits(texts[start : start + batch_size], chunk=4 * batch_size)
                rows.append(logits.float().cpu().numpy())
        return np.concatenate(rows) if rows else np.zeros((0, len(self.classes_)), np.float32)

    # -------------------------------------------------------------- predicting
    def _check_fitted(self) -> None:
        if not self._fitted:
            raise NewsNLPError("this TransformerClassifier is not fitted: call fit() or TransformerClassifier.load()")

    def _texts(self, texts: Iterable[str]) -> list[str]:
        if isinstance(texts, (str, bytes)):
            raise InputTypeError("expected an iterable of texts, got a single text: wrap it in a list")
        return [model_text(ensure_text(t, f"texts[{i}]")).translate(_RADICALS) for i, t in enumerate(texts)]

    def _proba(self, texts: list[str], batch_size: int = 16) -> np.ndarray:
        """Calibrated primary probabilities; a blank text is ``other_label`` with probability 1."""
        probs = np.zeros((len(texts), len(self.classes_)))
        filled = [i for i, t in enumerate(texts) if t.strip()]
        if filled:
            probs[filled] = softmax(self._logits([texts[i] for i in filled], batch_size) / self.temperature_, axis=1)
        blank = [i for i, t in enumerate(texts) if not t.strip()]
        if blank and self.other_label in self.classes_:
            probs[blank, self.classes_.index(self.other_label)] = 1.0
        return probs

    def predict_proba(self, texts: Iterable[str], *, batch_size: int = 16) -> np.ndarray:
        """Calibrated primary-label probabilities, shape (n_texts, n_classes), columns in ``classes_`` order."""
        self._check_fitted()
        return self._proba(self._texts(texts), batch_size)

    def predict(self, texts: Iterable[str], *, batch_size: int = 16) -> list[str]:
        """The primary label of each text."""
        return [self.classes_[i] for i in self.predict_proba(texts, batch_size=batch_size).argmax(axis=1)]

    def predict_themes(self, texts: Iterable[str], *, batch_size: int = 16) -> np.ndarray:
        """The theme columns of :meth:`predict_proba`, shape (n_texts, n_themes), in ``themes_`` order."""
        probs = self.predict_proba(texts, batch_size=batch_size)
        return probs[:, [self.classes_.index(t) for t in self.themes_]]

    def _classify_simplified(self, texts: list[str], n_evidence: int) -> list[Classification]:
        # this backend gives no evidence: n_evidence is accepted for the shared batch code
        return [self._result(text, row) for text, row in zip(texts, self._proba(texts))]

    def _result(self, text: str, primary: np.ndarray) -> Classification:
        label = self.classes_[int(primary.argmax())] if text.strip() else self.other_label
        themes = {t: float(primary[self.classes_.index(t)]) for t in self.themes_}
        chosen = tuple(
            t for j, t in enumerate(self.themes_) if t == label or (text.strip() and themes[t] >= self.thresholds_[j])
        )
        return Classification(
            label=label,
            labels=chosen,
            scores={t: round(p, 6) for t, p in themes.items()},
            evidence={},
            primary_scores={c: round(float(primary[i]), 6) for i, c in enumerate(self.classes_)},
            model=self.model_name,
            document=text,
        )

    # -------------------------------------------------------------- persistence
    def save(self, path: str | Path) -> Path:
        """Write a transformers checkpoint (safetensors) plus ``newsnlp.json`` and ``README.md`` to *path*."""
        self._check_fitted()
        from .. import __version__

        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        self.model_.save_pretrained(folder, safe_serialization=True)
        self.tokenizer_.save_pretrained(folder)
        written = sorted(p for p in folder.iterdir() if p.is_file() and p.name not in (CONFIG_FILE, "README.md"))
        config = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "newsnlp_version": __version__,
            "name": self.name,
            "version": self.version,
            "classes": self.classes_,
            "themes": self.themes_,
            "other_label": self.other_label,
            "max_length": self.max_length,
            "stride": self.stride,
            "max_windows": self.max_windows,
            "threshold": self.threshold,
            "temperature": self.temperature_,
            "thresholds": [float(t) for t in self.thresholds_],
            "card": self.card,
            "sha256": {p.name: checksums.sha256(p) for p in written},
        }
        (folder / CONFIG_FILE).write_text(json.dumps(config, ensure_ascii=False, indent=1), "utf-8")
        (folder / "README.md").write_text(_model_card(config), "utf-8")
        return folder

    @classmethod
    def load(cls, path: str | Path, *, device: str = "cpu") -> "TransformerClassifier":
        """Load a folder written by :meth:`save`, checking every file's SHA-256; raises :class:`ModelError`."""
        if not isinstance(path, (str, Path)) or not Path(path).is_dir():
            raise ModelError(f"{path}: not an existing model folder")
        config_path = Path(path) / CONFIG_FILE
        if not config_path.is_file():
            raise ModelError(f"{config_path}: not found; a newsnlp transformer model folder holds {CONFIG_FILE}")
        try:
            config = json.loads(config_path.read_text("utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise ModelError(f"{config_path}: not valid JSON ({exc})") from exc
        if not isinstance(config, dict) or config.get("format") != FORMAT:
            raise ModelError(f"{config_path}: not a newsnlp transformer classifier")
        if config.get("format_version") != FORMAT_VERSION:
            raise ModelError(
                f"{config_path}: format_version {config.get('format_version')!r}, "
                f"this newsnlp reads version {FORMAT_VERSION}"
            )
        digests = config.get("sha256")
        if not isinstance(digests, dict) or not any(name.endswith(".safetensors") for name in digests):
            raise ModelError(f"{config_path}: lists no safetensors weights to verify")
        checksums.verify(Path(path), digests)
        torch, transformers = _require_torch()
        folder = _checkpoint_folder(path)
        try:
            self = cls(
                other_label=config["other_label"],
                max_length=config["max_length"],
                stride=config["stride"],
                max_windows=config["max_windows"],
                threshold=config["threshold"],
                device=device,
                name=config["name"],
                version=config["version"],
            )
            self.classes_ = list(config["classes"])
            self.themes_ = list(config["themes"])
            self.temperature_ = float(config["temperature"])
            self.thresholds_ = np.array(config["thresholds"], dtype=np.float64)
            self.card = config.get("card", {})
            self.tokenizer_ = transformers.AutoTokenizer.from_pretrained(
                folder, local_files_only=True, trust_remote_code=False
            )
            self.model_ = transformers.AutoModelForSequenceClassification.from_pretrained(
                folder, local_files_only=True, use_safetensors=True, trust_remote_code=False
            ).float()
        except (KeyError, TypeError, ValueError, OSError) as exc:
            raise ModelError(f"{folder}: incomplete or inconsistent model files ({type(exc).__name__}: {exc})") from exc
        id2label = [self.model_.config.id2label.get(i) for i in range(self.model_.config.num_labels)]
        if id2label != self.classes_ or len(self.thresholds_) != len(self.themes_):
            raise ModelError(f"{folder / 'config.json'}: labels {id2label} differ from {CONFIG_FILE}'s {self.classes_}")
        self.model_.to(self._torch_device(torch)).eval()
        self._fitted = True
        return self

    def __repr__(self) -> str:
        state = f"classes={self.classes_}" if self._fitted else f"unfitted, checkpoint={str(self.checkpoint)!r}"
        return f"TransformerClassifier(name={self.name!r}, {state})"


def _model_card(config: dict) -> str:
    card = config.get("card", {})
    lines = [
        f"# {config['name']} {config['version']}",
        "",
        card.get("description", "A newsnlp theme classifier fine-tuned from a transformers checkpoint."),
        "",
        f"- base checkpoint: `{card.get('training', {}).get('base_checkpoint', '?')}`",
        f"- classes: {', '.join(config['classes'])}",
        f"- other label: {config['other_label']}",
        f"- windows: {config['max_length']} tokens, stride {config['stride']}, logits averaged per text",
        f"- calibration: temperature {config['temperature']:.3f}; theme thresholds "
        + ", ".join(f"{t} {v:.2f}" for t, v in zip(config["themes"], config["thresholds"])),
        "- evidence: none (this backend does not explain its scores)",
        "",
        "Load with `newsnlp.classifier.TransformerClassifier.load(folder)`; it verifies every file's SHA-256.",
        "",
    ]
    for key, title in (("training", "Training"), ("heldout", "Held-out slice"), ("metrics", "Metrics")):
        if card.get(key):
            lines += [f"## {title}", "", "```json", json.dumps(card[key], ensure_ascii=False, indent=1), "```", ""]
    lines += ["## Files", ""] + [f"- `{k}` sha256 `{v}`" for k, v in config["sha256"].items()]
    return "\n".join(lines) + "\n"
