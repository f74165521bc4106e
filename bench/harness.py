"""Timing helpers: repeat, report medians (these machines are shared and noisy)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    label: str
    runs: int
    median_ms: float
    p90_ms: float

    def row(self) -> str:
        return (
            f"  {self.label:<48} median {self.median_ms:9.3f} ms"
            f"   p90 {self.p90_ms:9.3f} ms   (n={self.runs})"
        )


def measure(label: str, action: Callable[[], object], *, runs: int = 30, warmup: int = 3) -> Timing:
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p90 = samples[min(len(samples) - 1, round(0.9 * (len(samples) - 1)))]
    return Timing(label, runs, statistics.median(samples), p90)


def ratio(label: str, numerator: Timing, denominator: Timing) -> str:
    return f"  ratio {label:<42} {numerator.median_ms / denominator.median_ms:9.2f} x (medians)"
