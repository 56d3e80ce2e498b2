"""What other plans say: a background of known plans' sentence windows for the abstention model.

A question a plan does not answer often fits some *other* plan better: 小公司想用大学的专利，一时
掏不出钱，有什么办法？ asked of the farm-machinery plan finds its best window there at cosine .868,
and one of an employment plan at .907. A paraphrase the plan does answer stands out from the
other plans as well as from its own clauses. ``bg_margin`` (the question's best cosine in the asked plan minus
its best cosine among the background's windows) says which of the two it is, on any plan,
without a word list.

The background ships as data (``assistant/data/background.npz``, written by
``python -m eval.background`` from the evaluation corpus's plans): the dense vectors of every
sentence window of those plans (float16), the plan each belongs to, and a 64-bit hash of its
clause's text. A plan that is itself loaded is left out of its own background: rows whose clause
text the loaded index holds, every background plan most of whose clauses it holds, and every
background plan most of whose windows have a near-copy among the loaded ones (another edition of
the same plan: a PDF, a scan). The vectors belong to one encoder; with another one the background is not used (the assistant then
decides with the model fitted without it).
"""
from __future__ import annotations

import functools
import hashlib
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable

import numpy as np

DATA = Path(__file__).resolve().parent / "data" / "background.npz"
PLAN_OVERLAP = 0.3       # a background plan sharing this share of its clauses with the loaded index is left out


def clause_key(text: str) -> int:
    """A stable 64-bit key of a clause's text."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


@dataclass(frozen=True)
class Background:
    """The background's windows (``vectors``: float32, unit length), their plans and clause keys,
    and ``keep``: which rows count (None: all)."""

    encoder: str
    plans: tuple
    vectors: np.ndarray
    plan_of: np.ndarray
    keys: np.ndarray
    keep: np.ndarray | None = None

    def __len__(self) -> int:
        return int(self.keep.sum()) if self.keep is not None else len(self.vectors)

    def _kept(self) -> np.ndarray:
        """A fresh mask of the rows that count now (all when ``keep`` is None)."""
        return np.ones(len(self.vectors), bool) if self.keep is None else self.keep.copy()

    def best(self, qvec) -> float | None:
        """The query's highest cosine with a kept window (None when none is kept)."""
        if not len(self):
            return None
        sims = self.vectors @ np.asarray(qvec, dtype=np.float32)
        return float(sims[self.keep].max() if self.keep is not None else sims.max())

    def excluding(self, texts: Iterable[str] = (), plans: Iterable[str] = ()) -> "Background":
        """The background without the clauses whose text is in ``texts`` (a loaded index's), without
        any plan that shares at least ``PLAN_OVERLAP`` of its clauses with them, and without ``plans``
        (ids, e.g. the plan a borrowed evaluation question was written for)."""
        keep = self._kept()
        loaded = np.fromiter((clause_key(t) for t in texts), dtype=np.uint64)
        if len(loaded):
            shared = np.isin(self.keys, loaded)
            keep &= ~shared
            for i in range(len(self.plans)):
                rows = self.plan_of == i
                ukeys = np.unique(self.keys[rows])
                if len(ukeys) and np.isin(ukeys, loaded).mean() >= PLAN_OVERLAP:
                    keep &= ~rows
        wanted = set(plans)
        drop = [i for i, p in enumerate(self.plans) if p in wanted]
        if drop:
            keep &= ~np.isin(self.plan_of, drop)
        return replace(self, keep=keep)

    def excluding_copies(self, vectors, sample: int = 16, min_cos: float = 0.98, share: float = 0.5) -> "Background":
        """The background without any plan most of whose windows (a sample of ``sample``) have a
        near-copy (cosine >= ``min_cos``) among ``vectors``: the loaded plan read from another
        edition of a corpus plan (a PDF or a scan of it), whose clause texts differ in a character
        here and there and so escape ``excluding``."""
        v = np.asarray(vectors, dtype=np.float32)
        if not len(v):
            return self
        keep = self._kept()
        picks, owners = [], []
        for i in range(len(self.plans)):
            rows = np.flatnonzero((self.plan_of == i) & keep)
            if len(rows):
                picks.append(rows[np.linspace(0, len(rows) - 1, min(sample, len(rows))).astype(int)])
                owners.append(np.full(len(picks[-1]), i))
        if not picks:
            return self
        # one product for all plans' samples: many small ones each wake the BLAS threads, which on
        # a busy two-core machine cost up to 1.5 s at a plan's first question instead of 0.01 s
        owner = np.concatenate(owners)
        near = (self.vectors[np.concatenate(picks)] @ v.T).max(axis=1) >= min_cos
        for i in np.unique(owner):
            if near[owner == i].mean() >= share:
                keep &= self.plan_of != i
        return replace(self, keep=keep)


_lock = threading.Lock()


@functools.lru_cache(maxsize=4)
def _read(path: str):
    with np.load(path, allow_pickle=False) as z:
        return (str(z["encoder"]), tuple(str(p) for p in z["plans"]),
                np.ascontiguousarray(z["vectors"], dtype=np.float32), z["plan_of"].astype(np.int32),
                z["keys"].astype(np.uint64))


def load(encoder: str, path: str | Path = DATA) -> Background | None:
    """The shipped background when its vectors are ``encoder``'s, else None (also when the file is
    missing or unreadable: the feature is then simply absent)."""
    try:
        with _lock:
            enc, plans, vectors, plan_of, keys = _read(str(path))
    except (OSError, KeyError, ValueError):
        return None
    if enc != encoder:
        return None
    return Background(enc, plans, vectors, plan_of, keys)


def write(path: str | Path, encoder: str, plans: dict) -> Path:
    """Write a background: ``plans`` maps a plan id to (window vectors [n, dim], the clause text of
    each window)."""
    ids = list(plans)
    vecs = np.concatenate([np.asarray(plans[p][0], dtype=np.float32) for p in ids]).astype(np.float16)
    plan_of = np.concatenate([np.full(len(plans[p][0]), i, dtype=np.int16) for i, p in enumerate(ids)])
    keys = np.array([clause_key(t) for p in ids for t in plans[p][1]], dtype=np.uint64)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        np.savez_compressed(fh, encoder=np.array(encoder), plans=np.array(ids), vectors=vecs, plan_of=plan_of,
                            keys=keys)
    _read.cache_clear()
    return path
