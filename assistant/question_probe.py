"""Questions plans leave unanswered, read from their meaning: a linear probe over the question's vector.

Some questions no plan answers, whatever its topic: how to cook 红烧肉, what a ticket or a fee costs,
where to get a phone repaired, the papers one's own case needs, a figure the plan names but never
states (总投资是多少亿元 of a plan that never budgets). Their words vary from plan to plan; what they
ask does not, and the sentence encoder carries it. ``probe`` is the logit of one logistic model over
the question's query vector (the vector dense retrieval searches with), fitted by
``eval/calibrate.py`` on the dev split's single-turn questions of the plan corpus (out of scope
against in scope, every plan weighing the same) and stored as data
(``assistant/data/question_probe.json``: the encoder it belongs to, the weights, the bias, the
centre, and the grouped cross-validation figures its regularisation was chosen with).

A second head of the same form, ``expected_cosine`` (``assistant/data/expected_cosine.json``), is a
ridge regression over the same vector: the best cosine with a plan's clauses that questions like it
get from the plans that answer them. A formal question that repeats the plan's wording meets its
clause closely; a colloquial one meets even the clause that answers it loosely. The abstention
model reads the best cosine less this expectation (``cos_resid``): low where a question meets the
plan much less well than an answered question like it would.

Neither decides anything alone: the abstention model (``assistant/evidence.py``) reads each as one
more feature, the probe with its products with the others (a question that asks for a figure is
declined when the plan's clauses hold little of it, not because it asks for one), ``cos_resid``
beside them. The calibration fits that model on
out-of-fold values, each question scored by a head fitted without its plan. With another
encoder, or no data file, there is no probe (or no expected cosine) and the assistant decides with
the models fitted without it.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parent / "data" / "question_probe.json"
EXPECTED_COSINE = DATA.with_name("expected_cosine.json")


@dataclass(frozen=True)
class QuestionProbe:
    """``score(vector)`` = (vector - centre) . weights + bias: a linear read of a question's vector.
    The probe: above 0, the question reads more like one plans leave unanswered than like one they
    answer. The expected cosine: the best clause cosine an answered question like it gets."""

    encoder: str
    weights: np.ndarray
    bias: float
    centre: np.ndarray
    meta: dict = field(default_factory=dict, compare=False)

    def score(self, vector) -> float:
        v = np.asarray(vector, dtype=np.float32).reshape(-1)
        if v.shape != self.weights.shape:
            raise ValueError(f"a {v.shape[0]}-d vector for a {self.weights.shape[0]}-d probe")
        return float((v - self.centre) @ self.weights + self.bias)

    def score_many(self, vectors) -> np.ndarray:
        """``score`` of each row of a [n, dim] array."""
        return (np.asarray(vectors, dtype=np.float32) - self.centre) @ self.weights + self.bias

    def to_dict(self) -> dict:
        return {"encoder": self.encoder, "bias": self.bias, "weights": [round(float(w), 6) for w in self.weights],
                "centre": [round(float(c), 6) for c in self.centre], **self.meta}

    @classmethod
    def from_dict(cls, d: dict) -> "QuestionProbe":
        known = ("encoder", "bias", "weights", "centre")
        weights = np.asarray(d["weights"], dtype=np.float32)
        centre = np.asarray(d["centre"], dtype=np.float32)
        if weights.ndim != 1 or weights.shape != centre.shape:
            raise ValueError("weights and centre must be vectors of one length")
        return cls(str(d["encoder"]), weights, float(d["bias"]), centre,
                   {k: v for k, v in d.items() if k not in known})


@functools.lru_cache(maxsize=4)
def _read(path: str) -> QuestionProbe:
    return QuestionProbe.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def load(encoder: str | None, path: str | Path = DATA) -> QuestionProbe | None:
    """The stored head (the probe, or at ``path`` another, e.g. ``EXPECTED_COSINE``) when it was
    fitted on ``encoder``'s vectors, else None (also when the file is missing or unreadable: the
    feature is then absent)."""
    if not encoder:
        return None
    try:
        probe = _read(str(path))
    except (OSError, KeyError, TypeError, ValueError):
        return None
    return probe if probe.encoder == encoder else None


def write(path: str | Path, probe: QuestionProbe) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(probe.to_dict(), ensure_ascii=False) + "\n", encoding="utf-8")
    _read.cache_clear()
    return path
