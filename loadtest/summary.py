"""From the requests of a load test to its table and verdicts (pure functions).

A mix's run yields one ``Sample`` per request made while it was measured. The
summary gives per mix the requests per second, median, p95 and p99 and the
errors; the verdicts compare each mix with the minimal page at the same number
of users against the goals of the issue:

- no errors in any mix (a 409 from two users saving the same record at once is
  the portal refusing a stale save, as it should: counted apart, not an error);
- the read mix at least 40 % and the write mix at least 30 % of the minimal
  page's throughput;
- the p95 of each mix within 3 × the minimal page's p95.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

OK, ERROR, CONFLICT = "ok", "error", "conflict"
MINIMAL, READ, WRITE = "minimal", "read", "write"
# Least share of the minimal page's throughput per mix.
THROUGHPUT_GOALS = {READ: 0.40, WRITE: 0.30}
# Most a mix's p95 may be, as a multiple of the minimal page's p95.
P95_FACTOR = 3.0


@dataclass(frozen=True)
class Sample:
    name: str  # what was requested, e.g. "dashboard"
    ms: float
    outcome: str = OK  # OK, ERROR or CONFLICT
    write: bool = False


@dataclass(frozen=True)
class MixResult:
    mix: str
    users: int
    seconds: float
    requests: int
    errors: int
    conflicts: int
    writes: int
    rps: float
    median: float
    p95: float
    p99: float


@dataclass(frozen=True)
class Verdict:
    result: MixResult
    throughput_ratio: float | None  # rps / minimal page's rps at the same users
    p95_ratio: float | None  # p95 / minimal page's p95 at the same users
    failures: tuple[str, ...]  # the goals this mix misses, in words

    @property
    def met(self) -> bool:
        return not self.failures


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile: the smallest value with at least
    ``fraction`` of all values at or below it (0 for no values)."""
    if not values:
        return 0.0
    if not 0 < fraction <= 1:
        raise ValueError("fraction must be in (0, 1]")
    ordered = sorted(values)
    rank = math.ceil(fraction * len(ordered))
    return ordered[rank - 1]


def summarise(mix: str, users: int, seconds: float, samples: Iterable[Sample]) -> MixResult:
    samples = list(samples)
    times = [s.ms for s in samples]
    return MixResult(
        mix=mix,
        users=users,
        seconds=seconds,
        requests=len(samples),
        errors=sum(s.outcome == ERROR for s in samples),
        conflicts=sum(s.outcome == CONFLICT for s in samples),
        writes=sum(s.write for s in samples),
        rps=len(samples) / seconds if seconds > 0 else 0.0,
        median=percentile(times, 0.5),
        p95=percentile(times, 0.95),
        p99=percentile(times, 0.99),
    )


def _ratio(value: float, base: float) -> float | None:
    return value / base if base > 0 else None


def verdicts(results: Iterable[MixResult]) -> list[Verdict]:
    """Each result with its ratios to the minimal page at the same number of
    users and the goals it misses. A mix without a minimal page to compare
    with misses the ratio goals (they cannot be shown to hold)."""
    results = list(results)
    minimal = {r.users: r for r in results if r.mix == MINIMAL}
    out = []
    for r in results:
        failures = []
        if r.errors:
            failures.append(f"{r.errors} errors")
        if r.requests == 0:
            failures.append("no requests measured")
        base = minimal.get(r.users)
        throughput = p95 = None
        if r.mix != MINIMAL:
            throughput = _ratio(r.rps, base.rps) if base else None
            p95 = _ratio(r.p95, base.p95) if base else None
            goal = THROUGHPUT_GOALS.get(r.mix)
            if goal is not None and (throughput is None or throughput < goal):
                failures.append(f"throughput below {goal:.0%} of the minimal page's")
            if p95 is None or p95 > P95_FACTOR:
                failures.append(f"p95 above {P95_FACTOR:g} × the minimal page's")
        out.append(Verdict(r, throughput, p95, tuple(failures)))
    return out


HEADER = (
    "| users | mix | requests | req/s | median ms | p95 ms | p99 ms | errors | 409 | writes "
    "| × req/s | × p95 | goal |"
)
RULE = "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"


def _x(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def table_row(v: Verdict) -> str:
    r = v.result
    goal = "met" if v.met else "MISSED: " + "; ".join(v.failures)
    return (
        f"| {r.users} | {r.mix} | {r.requests} | {r.rps:.1f} | {r.median:.0f} | {r.p95:.0f} "
        f"| {r.p99:.0f} | {r.errors} | {r.conflicts} | {r.writes} | {_x(v.throughput_ratio)} "
        f"| {_x(v.p95_ratio)} | {goal} |"
    )


def table(results: Iterable[MixResult]) -> str:
    """The results as a Markdown table, one line per mix with its verdict."""
    return "\n".join([HEADER, RULE, *(table_row(v) for v in verdicts(results))])


def by_name(samples: Iterable[Sample]) -> list[tuple[str, int, float, float]]:
    """Per kind of request: (name, count, median ms, p95 ms), the most time
    first: what dominates a mix."""
    times: dict[str, list[float]] = {}
    for sample in samples:
        times.setdefault(sample.name, []).append(sample.ms)
    rows = [(n, len(t), percentile(t, 0.5), percentile(t, 0.95)) for n, t in times.items()]
    return sorted(rows, key=lambda row: -sum(times[row[0]]))
