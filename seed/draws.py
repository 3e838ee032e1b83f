"""Seeded random streams. Each generation step asks for its own stream by name, so adding a
step never shifts the numbers another step draws (the content stays the same across edits)."""

from __future__ import annotations

import zlib

import numpy as np


def rng_for(seed: int, chunk: int, step: str) -> np.random.Generator:
    """A generator that depends only on (seed, chunk, step)."""
    return np.random.default_rng(np.random.SeedSequence([seed, chunk, zlib.crc32(step.encode())]))


def categorical(
    rng: np.random.Generator, n: int, labels: tuple[str, ...], p: tuple[float, ...]
) -> np.ndarray:
    """`n` labels drawn with probabilities `p` (normalised)."""
    w = np.asarray(p, dtype=np.float64)
    return np.asarray(labels, dtype=object)[rng.choice(len(labels), size=n, p=w / w.sum())]


def exact_pick(
    rng: np.random.Generator, n: int, k: int, weights: np.ndarray | None = None
) -> np.ndarray:
    """Boolean mask of length `n` with exactly `k` True, drawn without replacement."""
    mask = np.zeros(n, dtype=bool)
    if k <= 0 or n == 0:
        return mask
    p = None if weights is None else np.asarray(weights, dtype=np.float64) / np.sum(weights)
    mask[rng.choice(n, size=min(k, n), replace=False, p=p)] = True
    return mask
