"""Whole studies of Optuna 3.1's TPESampler (univariate and multivariate) and RandomSampler
on the benchmark problems, for test/tpe-stream-vs-optuna.slow.test.ts.

Usage: tpe_stream_reference.py N_TRIALS SEEDS [stable]
  SEEDS: comma-separated integers. With `stable`, parzen_estimator.py sorts centres with a
  stable argsort (ties in trial order) instead of numpy's default quicksort.

Prints one JSON object: {"runs": [{sampler, problem, seed, params: [...], values: [...],
firstTieReorder, firstPriorBeforeEqual, nearTies}]}. `firstTieReorder` is the first trial in
which numpy's default argsort (as shipped) ordered tied Parzen centres differently from a
stable sort, or null; `firstPriorBeforeEqual` the first in which it put the prior's centre
before an observed centre equal to it. Problems: sampler-bench.py's, and `ints` (below).
`nearTies` lists every choice among TPE's candidates where a candidate with other values
than the winner scored within 1e-12 of it: the trial, the parameter names, the winner's and
those candidates' values, and, for a lone categorical parameter, whether the scores are
equal in exact rational arithmetic on the estimators' own float weights (`exactTie`).
"""
import importlib.util
import json
import os
import sys
import warnings

import numpy as np
import optuna
from fractions import Fraction

from optuna import distributions
from optuna.samplers import TPESampler
from optuna.samplers._tpe import parzen_estimator as _pe_module

optuna.logging.set_verbosity(optuna.logging.ERROR)
warnings.filterwarnings("ignore")

_spec = importlib.util.spec_from_file_location("sampler_bench", os.path.join(os.path.dirname(__file__), "sampler-bench.py"))
_bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_bench)

_state = {"trial": None, "first": None, "prior": None, "stable": False, "ties": [], "exact": []}


class _Numpy:
    """numpy, except that argsort notes (or, with `stable`, removes) reordered ties."""

    def __getattr__(self, name):
        return getattr(np, name)

    @staticmethod
    def argsort(a, axis=-1, kind=None, order=None):
        shipped = np.argsort(a, axis=axis, kind=kind, order=order)
        stable = np.argsort(a, axis=axis, kind="stable", order=order)
        if _state["first"] is None and not np.array_equal(shipped, stable):
            _state["first"] = _state["trial"]
        # The prior's centre is the last one: did numpy put it before a centre equal to it?
        prior = len(a) - 1
        at = int(np.nonzero(shipped == prior)[0][0])
        if _state["prior"] is None and at + 1 < len(a) and a[shipped[at + 1]] == a[prior]:
            _state["prior"] = _state["trial"]
        return stable if _state["stable"] else shipped


_pe_module.np = _Numpy()

_log_pdf = _pe_module._ParzenEstimator.log_pdf


def _log_pdf_noting_exact(self, samples_dict):
    """Keeps, for a lone categorical parameter, each choice's probability in exact arithmetic.

    The estimator's model with exact rationals: an observed row puts v = prior_weight/(n+1)
    on every choice and 1 more on the observed one, normalised; the prior row is uniform;
    the component weights are the estimator's own (float) weights taken exactly. Float
    rounding of the normalised rows (which depends on the observed column) is left out, so
    choices seen equally often tie exactly.
    """
    space = list(self._search_space.items())
    if len(space) == 1 and isinstance(space[0][1], distributions.CategoricalDistribution):
        rows = self._categorical_weights[space[0][0]]
        n_rows, k = rows.shape
        prior = self._parameters.consider_prior or self._n_observations == 0
        v = Fraction(self._parameters.prior_weight) / (self._n_observations + 1 if prior else self._n_observations)
        weights = [Fraction(float(w)) for w in self._weights]

        def exact_row(i):
            if np.all(rows[i] == rows[i][0]):
                return [Fraction(1, k)] * k
            observed = int(np.argmax(rows[i]))
            return [(v + (1 if c == observed else 0)) / (k * v + 1) for c in range(k)]

        exact_rows = [exact_row(i) for i in range(n_rows)]
        _state["exact"].append([sum(w * exact_rows[i][c] for i, w in enumerate(weights)) for c in range(k)])
    return _log_pdf(self, samples_dict)


_pe_module._ParzenEstimator.log_pdf = _log_pdf_noting_exact
_compare = TPESampler._compare.__func__


def _compare_noting_ties(cls, samples, log_l, log_g):
    exact = _state["exact"][-2:] if len(_state["exact"]) >= 2 else None
    _state["exact"] = []
    score = log_l - log_g
    best = int(np.argmax(score))
    names = list(samples.keys())
    values = lambda i: [float(samples[k][i]) for k in names]
    near = [
        i
        for i in range(len(score))
        if abs(score[i] - score[best]) <= 1e-12 * max(1.0, abs(score[best])) and values(i) != values(best)
    ]
    if near:
        tie = {"trial": _state["trial"], "names": names, "winner": values(best), "tied": [values(i) for i in near], "exactTie": None}
        if exact is not None and len(names) == 1:
            below, above = exact
            ratio = lambda c: below[int(c)] / above[int(c)]
            tie["exactTie"] = all(ratio(values(i)[0]) == ratio(values(best)[0]) for i in near)
        _state["ties"].append(tie)
    return _compare(cls, samples, log_l, log_g)


TPESampler._compare = classmethod(_compare_noting_ties)


def ints(t):
    """Integer parameters whose Parzen prior centre is a grid value (odd counts), and a float."""
    k = t.suggest_int("k", 0, 10)
    m = t.suggest_int("m", -20, 20, step=2)
    x = t.suggest_float("x", -1.0, 1.0)
    return (k - 7) ** 2 + (m - 6) ** 2 / 10 + x * x


PROBLEMS = {**_bench.PROBLEMS, "ints": ints}


# tpe, tpe_multivariate and random exactly as the benchmark builds them.
make_sampler = _bench.make_sampler


def run(sampler_name, problem, seed, n_trials):
    fn = PROBLEMS[problem]
    study = optuna.create_study(sampler=make_sampler(sampler_name, seed))
    _state["first"] = None
    _state["prior"] = None
    _state["ties"] = []
    params = []
    values = []
    for number in range(n_trials):
        _state["trial"] = number
        trial = study.ask()
        value = fn(trial)
        study.tell(trial, value)
        params.append(trial.params)
        values.append(value)
    return {"sampler": sampler_name, "problem": problem, "seed": seed, "params": params, "values": values, "firstTieReorder": _state["first"], "firstPriorBeforeEqual": _state["prior"], "nearTies": _state["ties"]}


def main():
    n_trials = int(sys.argv[1])
    seeds = [int(s) for s in sys.argv[2].split(",")]
    _state["stable"] = len(sys.argv) > 3 and sys.argv[3] == "stable"
    runs = []
    for sampler_name in ("tpe", "tpe_multivariate", "random"):
        for problem in PROBLEMS:
            for seed in seeds:
                runs.append(run(sampler_name, problem, seed, n_trials))
    print(json.dumps({"optuna": optuna.__version__, "numpy": np.__version__, "runs": runs}))


if __name__ == "__main__":
    main()
