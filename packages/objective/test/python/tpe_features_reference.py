"""Whole studies of Optuna 3.1's TPESampler with the features tpe_stream_reference.py leaves
out, for test/tpe-features-vs-optuna.slow.test.ts.

Usage: tpe_features_reference.py N_TRIALS SEEDS
  SEEDS: comma-separated integers.

Prints one JSON object: {"optuna", "numpy", "runs": [{case, seed, trials: [{number, state,
params, values, constraints}], nearTies}]} (constraints: the trial's stored constraint values,
or null). Each case (CASES below) is a sampler configuration, a problem
and a way of driving the study:
  - "sequential": ask, evaluate, tell, one trial at a time;
  - "batch3": ask 3 trials, evaluate them in order, then tell them in order (so RUNNING
    trials exist while the others sample: constant liar);
  - "pruned": the objective reports a learning curve to a MedianPruner and the trial is told
    PRUNED when the pruner says so.
Problems come from sampler-bench.py (through tpe_stream_reference.py, which also brings its
tie notes: `nearTies` as documented there) and the four below; the test defines the same
four in TypeScript, with the same suggestion order.
"""
import importlib.util
import json
import math
import os
import sys

import numpy as np
import optuna
from optuna.trial import TrialState

_spec = importlib.util.spec_from_file_location("tpe_stream_reference", os.path.join(os.path.dirname(__file__), "tpe_stream_reference.py"))
_ref = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_ref)


def conditional(t):
    """A categorical choosing which of two subspaces is suggested (for `group`)."""
    kind = t.suggest_categorical("kind", ["a", "b"])
    if kind == "a":
        x = t.suggest_float("xa", -5.0, 5.0)
        y = t.suggest_float("ya", -5.0, 5.0)
        return (x - 1) ** 2 + (y + 2) ** 2 + 0.5
    lr = t.suggest_float("lr", 1e-3, 10.0, log=True)
    n = t.suggest_int("n", 0, 12)
    return (math.log10(lr) - 0.5) ** 2 + ((n - 4) / 3) ** 2


def curve(t):
    """A synthetic learning curve: reports 8 steps, returns None when the pruner stops it."""
    lr = t.suggest_float("lr", 1e-4, 1.0, log=True)
    width = t.suggest_int("width", 1, 16)
    drop = t.suggest_float("drop", 0.0, 0.5)
    final = (math.log10(lr) + 2) ** 2 + (width - 9) ** 2 / 20 + 4 * (drop - 0.2) ** 2
    for step in range(8):
        t.report(final + (2 + drop) / (step + 1), step)
        if t.should_prune():
            return None
    return final


def zdt(t):
    """ZDT1 on 3 variables, second objective negated and maximised."""
    x = [t.suggest_float(f"x{i}", 0.0, 1.0) for i in range(3)]
    g = 1 + 9 * (x[1] + x[2]) / 2
    return [x[0], -g * (1 - math.sqrt(x[0] / g))]


def branin_constraints(trial):
    """Constraints of the `constraints` cases (≤ 0 feasible): two, so violations add up."""
    return [trial.params["x1"] + trial.params["x2"] - 8, 2 - trial.params["x2"]]


def dtlz2(t):
    """DTLZ2 with 3 objectives on 4 variables (a spherical front)."""
    x = [t.suggest_float(f"x{i}", 0.0, 1.0) for i in range(4)]
    g = sum((v - 0.5) ** 2 for v in x[2:])
    a, b = x[0] * math.pi / 2, x[1] * math.pi / 2
    return [(1 + g) * math.cos(a) * math.cos(b), (1 + g) * math.cos(a) * math.sin(b), (1 + g) * math.sin(a)]


def zdt_mixed(t):
    """Two objectives over a float, a log-scaled float, an int and a categorical."""
    x0 = t.suggest_float("x0", 0.0, 1.0)
    lr = t.suggest_float("lr", 1e-3, 1.0, log=True)
    n = t.suggest_int("n", 0, 10)
    kind = t.suggest_categorical("kind", ["a", "b", "c"])
    g = 1 + 9 * ((math.log10(lr) + 3) / 3 + n / 10) / 2 + {"a": 0.0, "b": 0.5, "c": 1.0}[kind]
    return [x0, g * (1 - math.sqrt(x0 / g))]


def zdt_constraints(trial):
    """Constraints of the `mo-constraints` case: x1 + x2 ≤ 0.6 and x0 ≥ 0.1."""
    return [trial.params["x1"] + trial.params["x2"] - 0.6, 0.1 - trial.params["x0"]]


PROBLEMS = {**_ref.PROBLEMS, "conditional": conditional, "curve": curve, "zdt": zdt, "dtlz2": dtlz2, "zdt_mixed": zdt_mixed}


def custom_gamma(n):
    return min(int(np.ceil(0.25 * n)), 25)


OPTIONS = dict(consider_endpoints=True, prior_weight=2.0, n_ei_candidates=10, gamma=custom_gamma)

# name: (TPESampler arguments, problem, drive, directions)
CASES = {
    "group/conditional": (dict(multivariate=True, group=True), "conditional", "sequential", None),
    "liar/mixed": (dict(constant_liar=True), "mixed", "sequential", None),
    "liar-batch3/mixed": (dict(constant_liar=True), "mixed", "batch3", None),
    "liar-batch3-multivariate/branin": (dict(constant_liar=True, multivariate=True), "branin", "batch3", None),
    "pruned/curve": (dict(), "curve", "pruned", None),
    "pruned-multivariate/curve": (dict(multivariate=True), "curve", "pruned", None),
    "constraints/branin": (dict(constraints_func=branin_constraints), "branin", "sequential", None),
    "constraints-multivariate/branin": (dict(constraints_func=branin_constraints, multivariate=True), "branin", "sequential", None),
    "mo/zdt": (dict(), "zdt", "sequential", ["minimize", "maximize"]),
    "mo-multivariate/zdt": (dict(multivariate=True), "zdt", "sequential", ["minimize", "maximize"]),
    "mo-constraints/zdt": (dict(constraints_func=zdt_constraints), "zdt", "sequential", ["minimize", "maximize"]),
    "mo3/dtlz2": (dict(), "dtlz2", "sequential", ["minimize", "minimize", "minimize"]),
    "mo-discrete/zdt_mixed": (dict(), "zdt_mixed", "sequential", ["minimize", "minimize"]),
    "mo-discrete-multivariate/zdt_mixed": (dict(multivariate=True), "zdt_mixed", "sequential", ["minimize", "minimize"]),
    "options/mixed": (OPTIONS, "mixed", "sequential", None),
    "options-multivariate/branin": (dict(OPTIONS, multivariate=True), "branin", "sequential", None),
}


def run(case, seed, n_trials):
    kwargs, problem, drive, directions = CASES[case]
    fn = PROBLEMS[problem]
    pruner = optuna.pruners.MedianPruner(n_startup_trials=5, n_warmup_steps=1) if drive == "pruned" else optuna.pruners.NopPruner()
    study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=seed, **kwargs), pruner=pruner, directions=directions)
    _ref._state["ties"] = []
    batch = 3 if drive == "batch3" else 1
    while len(study.trials) < n_trials:
        asked = []
        for _ in range(min(batch, n_trials - len(study.trials))):
            _ref._state["trial"] = len(study.trials)
            asked.append(study.ask())
        results = []
        for trial in asked:
            _ref._state["trial"] = trial.number
            results.append(fn(trial))
        for trial, result in zip(asked, results):
            if result is None:
                study.tell(trial, state=TrialState.PRUNED)
            else:
                study.tell(trial, result)
    trials = [{"number": t.number, "state": t.state.name, "params": t.params, "values": t.values, "constraints": t.system_attrs.get("constraints")} for t in study.trials]
    return {"case": case, "seed": seed, "trials": trials, "nearTies": _ref._state["ties"]}


def main():
    n_trials = int(sys.argv[1])
    seeds = [int(s) for s in sys.argv[2].split(",")]
    runs = [run(case, seed, n_trials) for case in CASES for seed in seeds]
    print(json.dumps({"optuna": optuna.__version__, "numpy": np.__version__, "runs": runs}))


if __name__ == "__main__":
    main()
