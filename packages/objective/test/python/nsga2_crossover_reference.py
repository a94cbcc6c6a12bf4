"""Children of Optuna 3.1's SPX, UNDX and vSBX crossovers, for the differential test
test/nsga2-crossovers-vs-optuna.slow.test.ts.

Reads a JSON list of cases from argv[1]: {"op": "spx"|"undx"|"vsbx", "args": {...},
"parents": [[...], ...], "multiObjective": bool, "n": int, "seed": int}; prints, for each
case, the n children Optuna's operator draws (numpy RandomState(seed)), as JSON.
"""
import json
import sys
import warnings

import numpy as np

warnings.filterwarnings("ignore")

from optuna.samplers.nsgaii._crossovers._spx import SPXCrossover  # noqa: E402
from optuna.samplers.nsgaii._crossovers._undx import UNDXCrossover  # noqa: E402
from optuna.samplers.nsgaii._crossovers._vsbx import VSBXCrossover  # noqa: E402


class FakeStudy:
    def __init__(self, multi):
        self.multi = multi

    def _is_multi_objective(self):
        return self.multi


def make(op, args):
    if op == "spx":
        return SPXCrossover(epsilon=args.get("epsilon"))
    if op == "undx":
        return UNDXCrossover(sigma_xi=args.get("sigmaXi", 0.5), sigma_eta=args.get("sigmaEta"))
    if op == "vsbx":
        return VSBXCrossover(eta=args.get("eta"))
    raise ValueError(op)


def main():
    cases = json.loads(sys.argv[1])
    out = []
    for case in cases:
        crossover = make(case["op"], case["args"])
        parents = np.array(case["parents"], dtype=float)
        bounds = np.array([[0.0, 1.0]] * parents.shape[1])
        rng = np.random.RandomState(case["seed"])
        study = FakeStudy(case["multiObjective"])
        children = [crossover.crossover(parents, rng, study, bounds).tolist() for _ in range(case["n"])]
        out.append(children)
    json.dump(out, sys.stdout)


main()
