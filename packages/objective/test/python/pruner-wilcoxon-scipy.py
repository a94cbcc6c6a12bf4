"""Reference Wilcoxon signed-rank results from scipy, for WilcoxonPruner's test.

Usage: /usr/bin/python3 pruner-wilcoxon-scipy.py OUT.json

Optuna's WilcoxonPruner calls `scipy.stats.wilcoxon(d, alternative=..., zero_method="zsplit")`.
What that returns depends on the scipy version. Current scipy (>= 1.13) picks, with
method "auto": the exact null distribution for n <= 50 without ties or zeros; an exact
permutation test (all 2**n sign flips) for n <= 13 otherwise; the normal approximation
with the tie correction beyond. Debian 12 ships scipy 1.10, whose "auto" differs for
ties (it truncates r_plus into the exact distribution), so `current_scipy_wilcoxon`
rebuilds the current behaviour from scipy 1.10's own pieces (`wilcoxon(method="exact")`,
`permutation_test`, `wilcoxon(method="approx")`). The fixture records it, and also the
plain scipy 1.10 "auto" result for the cases where the two agree.

Samples (seeded): sizes 1..60 (both sides of the switches at 13 and 50), continuous
values, ties, zeros, all zeros, one sign only; every alternative.
"""
import json
import math
import sys
import warnings

import numpy as np
import scipy
import scipy.stats

warnings.filterwarnings("ignore")


def _r_plus(d, axis=-1):
    d = np.asarray(d, dtype=float)
    ranks = scipy.stats.rankdata(np.abs(d), axis=axis)
    return np.sum((d > 0) * ranks, axis=axis) + np.sum((d == 0) * ranks, axis=axis) / 2


def current_scipy_wilcoxon(d, alternative):
    """(statistic, pvalue, method) of scipy >= 1.13's wilcoxon(d, zero_method="zsplit", alternative)."""
    d = np.asarray(d, dtype=float)
    n = len(d)
    if n == 0:
        return math.nan, math.nan, "exact"
    has_zeros = bool(np.any(d == 0))
    has_ties = len(np.unique(np.abs(d))) < n
    r_plus = float(_r_plus(d))
    statistic = min(r_plus, n * (n + 1) / 2 - r_plus) if alternative == "two-sided" else r_plus
    if n <= 50 and not has_ties and not has_zeros:
        res = scipy.stats.wilcoxon(d, zero_method="zsplit", alternative=alternative, method="exact")
        return statistic, float(res.pvalue), "exact"
    if n == 1:
        # permutation_test wants two observations; the two sign flips by hand (same definition).
        null = [float(_r_plus(d)), float(_r_plus(-d))]
        gamma = max(1e-14, abs(1e-14 * r_plus))
        greater = sum(r >= r_plus - gamma for r in null) / 2
        less = sum(r <= r_plus + gamma for r in null) / 2
        p = {"greater": greater, "less": less, "two-sided": min(1.0, 2 * min(greater, less))}[alternative]
        return statistic, p, "permutation"
    if n <= 13:
        res = scipy.stats.permutation_test((d,), _r_plus, permutation_type="samples",
                                           alternative=alternative, n_resamples=9999)
        return statistic, float(res.pvalue), "permutation"
    res = scipy.stats.wilcoxon(d, zero_method="zsplit", alternative=alternative, method="approx")
    return statistic, float(res.pvalue), "asymptotic"


def samples(rng):
    out = []
    for n in list(range(1, 31)) + [35, 40, 45, 49, 50, 51, 52, 55, 60]:
        out.append(("continuous", rng.normal(0.3, 1.0, n)))
        out.append(("ties", np.round(rng.normal(0.2, 1.0, n) * 2) / 2 + 0.25))
        out.append(("zeros", np.round(rng.normal(0.0, 1.0, n), 1)))
    for n in [1, 2, 5, 12, 14]:
        out.append(("all-zero", np.zeros(n)))
    for n in [3, 8, 20, 51]:
        out.append(("positive", np.abs(rng.normal(0.0, 1.0, n)) + 0.01))
        out.append(("negative", -np.abs(rng.normal(0.0, 1.0, n)) - 0.01))
    return out


def encode(value):
    value = float(value)
    if math.isfinite(value):
        return value
    return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")


def main():
    rng = np.random.default_rng(20240601)
    cases = []
    for kind, d in samples(rng):
        for alternative in ["two-sided", "greater", "less"]:
            statistic, pvalue, method = current_scipy_wilcoxon(d, alternative)
            legacy = scipy.stats.wilcoxon(d, zero_method="zsplit", alternative=alternative)
            cases.append({
                "kind": kind,
                "d": [float(x) for x in d],
                "alternative": alternative,
                "method": method,
                "statistic": encode(statistic),
                "pvalue": encode(pvalue),
                "legacyStatistic": encode(legacy.statistic),
                "legacyPvalue": encode(legacy.pvalue),
            })
    doc = {
        "generator": "packages/objective/test/python/pruner-wilcoxon-scipy.py",
        "scipyVersion": scipy.__version__,
        "cases": cases,
    }
    with open(sys.argv[1], "w") as f:
        json.dump(doc, f, allow_nan=False, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
