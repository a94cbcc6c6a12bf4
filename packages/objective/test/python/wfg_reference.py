"""Hypervolumes and greedy subset selections by Optuna 3.1's own code, for
test/hypervolume-vs-optuna.slow.test.ts.

Prints one JSON object: {"cases": [{points, ref, hv, size, picked}]}: random point sets of
3 and 4 objectives (some with equal first objectives, some on a DTLZ2-like sphere), the
reference point TPE would use (each worst value moved 10 % outwards), Optuna's WFG
hypervolume, and the indices `_solve_hssp` picks for a subset of `size` points.
"""
import json

import numpy as np
from optuna._hypervolume import WFG
from optuna._hypervolume.hssp import _solve_hssp


def main():
    rng = np.random.RandomState(7)
    cases = []
    for k in range(60):
        d = 3 if k % 3 else 4
        n = 1 + k % 13
        if k % 4 == 0:
            points = np.round(rng.rand(n, d) * 4) / 4 + rng.rand(n, d) * 1e-3
            points[:, 0] = np.round(points[:, 0] * 2) / 2
        elif k % 4 == 1:
            u = rng.rand(n, d - 1) * np.pi / 2
            points = np.ones((n, d))
            for o in range(d - 1):
                points[:, o] *= np.cos(u[:, o])
                points[:, o + 1 :] *= np.sin(u[:, o])[:, None]
        else:
            points = rng.rand(n, d) * 10 - 3
        worst = points.max(axis=0)
        ref = np.maximum(1.1 * worst, 0.9 * worst)
        ref[ref == 0] = 1e-12
        size = max(1, n // 2)
        picked = _solve_hssp(points, np.arange(n), size, ref)
        cases.append({"points": points.tolist(), "ref": ref.tolist(), "hv": float(WFG().compute(points, ref)), "size": size, "picked": [int(i) for i in picked]})
    print(json.dumps({"cases": cases}))


if __name__ == "__main__":
    main()
