"""Reference Wilcoxon signed-rank results from scipy.stats.wilcoxon, for WilcoxonPruner's test.

Usage: /usr/bin/python3 pruner-wilcoxon-scipy.py OUT.json

Seeded samples of differences: sizes 1..60 (both sides of scipy's exact/normal switch at
50), continuous values, ties (rounded values), zeros, all zeros, one sign only; every
alternative, with the zero-split and Wilcoxon ways of treating zeros. Records the
statistic and p-value scipy reports (method "auto", no continuity correction).
Non-finite floats are written as the strings "NaN", "Infinity", "-Infinity".
"""
import json
import math
import sys
import warnings

import numpy as np
import scipy
import scipy.stats

warnings.filterwarnings("ignore")


def samples(rng):
    out = []
    for n in list(range(1, 31)) + [35, 40, 45, 49, 50, 51, 52, 55, 60]:
        out.append(("continuous", rng.normal(0.3, 1.0, n)))
        out.append(("ties", np.round(rng.normal(0.2, 1.0, n) * 2) / 2 + 0.25))
        d = np.round(rng.normal(0.0, 1.0, n), 1)
        out.append(("zeros", d))
    for n in [1, 2, 5, 12]:
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
        for zero_method in ["zsplit", "wilcox"]:
            if zero_method == "wilcox" and np.all(d == 0):
                continue  # scipy raises for this combination
            for alternative in ["two-sided", "greater", "less"]:
                res = scipy.stats.wilcoxon(d, zero_method=zero_method, alternative=alternative)
                cases.append({
                    "kind": kind,
                    "d": [float(x) for x in d],
                    "zeroMethod": zero_method,
                    "alternative": alternative,
                    "statistic": encode(res.statistic),
                    "pvalue": encode(res.pvalue),
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
