"""Reference pruning decisions from Python Optuna for @hyperopt/objective's pruners.

Usage: /usr/bin/python3 pruner-reference.py OUT.json

Builds several recorded studies (seeded): each is an event stream in which trials
start, report intermediate values and finish (COMPLETE, FAIL, or PRUNED by the
objective), several at a time, some never finishing. The stream is replayed through
a real Optuna study (in-memory storage, ask/tell) once per pruner setting: after every
report the trial asks `should_prune()`, and a trial the pruner prunes is told PRUNED and
skips the rest of its events. The JSON output holds the events, every decision, the
final states and the `completed_rung_*` system attributes SuccessiveHalving leaves.

Optuna 3.1 has no WilcoxonPruner (added in 3.6); the `ReferenceWilcoxonPruner` below
is our own reading of its later design (compare the current trial's values with the
best trial's values at the same steps; one-sided signed-rank test, zero-split; never
prune while the trial's average is at least as good as the best trial's average), on
top of scipy.stats.wilcoxon as current scipy computes it (see pruner-wilcoxon-scipy.py).

Non-finite floats are written as the strings "NaN", "Infinity", "-Infinity" so the
file is plain JSON.
"""
import importlib.util
import json
import math
import os
import sys
import warnings

import numpy as np
import optuna
import scipy
import scipy.stats
from optuna.pruners import BasePruner
from optuna.study import StudyDirection
from optuna.trial import TrialState

optuna.logging.set_verbosity(optuna.logging.ERROR)
warnings.filterwarnings("ignore")

_spec = importlib.util.spec_from_file_location(
    "pruner_wilcoxon_scipy", os.path.join(os.path.dirname(os.path.abspath(__file__)), "pruner-wilcoxon-scipy.py"))
_wilcoxon_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_wilcoxon_module)
current_scipy_wilcoxon = _wilcoxon_module.current_scipy_wilcoxon


# --------------------------------------------------------------------------- studies


def curve_values(rng, kind, direction, n):
    """Intermediate values for one trial of the given curve kind."""
    if n == 0:
        return []
    sign = 1.0 if direction == "minimize" else -1.0
    steps = np.arange(n, dtype=float)
    if kind == "random":
        vals = rng.uniform(0.0, 1.0, n)
    elif kind == "noisy":
        a, b, c = rng.uniform(0.2, 1.0), rng.uniform(0.05, 0.4), rng.uniform(0.0, 0.5)
        vals = c + sign * a * np.exp(-b * steps) + rng.normal(0.0, 0.05, n)
        if direction == "maximize":
            vals = 1.0 + vals
    elif kind == "plateau":
        # Improves for a while, then stalls or degrades (PatientPruner's case).
        turn = int(rng.integers(1, max(2, n)))
        slope = rng.uniform(0.01, 0.1)
        vals = np.where(steps < turn, -slope * steps, -slope * turn + rng.uniform(-0.01, 0.03) * (steps - turn))
        vals = 0.5 + sign * vals + rng.normal(0.0, 0.005, n)
    elif kind == "instances":
        # One evaluation per problem instance (WilcoxonPruner's case): quality + instance difficulty.
        quality = rng.uniform(0.0, 1.0)
        vals = quality + np.sin(steps) * 0.5 + rng.normal(0.0, 0.2, n)
    elif kind == "ties":
        # Few distinct values: exercises ties in percentiles and ranks.
        vals = rng.integers(0, 4, n).astype(float) / 4.0
    else:
        raise ValueError(kind)
    return [float(v) for v in vals]


def trial_steps(rng, pattern, n):
    if pattern == "dense":
        return list(range(n))
    if pattern == "strided":
        start = int(rng.choice([0, 1, 3, 5]))
        stride = int(rng.choice([1, 2, 3]))
        return [start + i * stride for i in range(n)]
    if pattern == "gappy":
        return sorted(int(s) for s in rng.choice(np.arange(3 * n + 1), size=n, replace=False))
    if pattern == "shuffled":
        return [int(s) for s in rng.permutation(n)]
    raise ValueError(pattern)


def make_plans(spec):
    rng = np.random.default_rng(spec["seed"])
    plans = []
    for i in range(spec["nTrials"]):
        n = int(rng.integers(spec["minSteps"], spec["maxSteps"] + 1))
        if rng.uniform() < spec.get("pEmpty", 0.0):
            n = 0
        kind = spec["curves"][int(rng.integers(0, len(spec["curves"])))]
        values = curve_values(rng, kind, spec["direction"], n)
        for j in range(n):
            u = rng.uniform()
            if u < spec.get("pNan", 0.0):
                values[j] = math.nan
            elif u < spec.get("pNan", 0.0) + spec.get("pInf", 0.0):
                values[j] = math.inf if rng.uniform() < 0.5 else -math.inf
        if rng.uniform() < spec.get("pAllNan", 0.0):
            values = [math.nan] * n
        steps = trial_steps(rng, spec["steps"], n)
        u = rng.uniform()
        if i >= spec["nTrials"] - spec.get("nLeftRunning", 0):
            end = {"state": "RUNNING"}
        elif u < spec.get("pFail", 0.0):
            end = {"state": "FAIL"}
        elif u < spec.get("pFail", 0.0) + spec.get("pPrunedByObjective", 0.0):
            end = {"state": "PRUNED"}
        else:
            finite = [v for v in values if math.isfinite(v)]
            value = finite[-1] if finite else float(rng.uniform())
            end = {"state": "COMPLETE", "value": value}
        plans.append({"steps": steps, "values": values, "end": end})
    return plans, rng


def make_events(spec):
    plans, rng = make_plans(spec)
    events = []
    active = []  # [number, next event index]
    next_plan = 0
    while next_plan < len(plans) or active:
        while len(active) < spec["concurrency"] and next_plan < len(plans):
            events.append({"op": "start", "trial": next_plan})
            active.append([next_plan, 0])
            next_plan += 1
        k = int(rng.integers(0, len(active)))
        number, idx = active[k]
        plan = plans[number]
        if idx < len(plan["steps"]):
            events.append({"op": "report", "trial": number, "step": plan["steps"][idx], "value": plan["values"][idx]})
            active[k][1] += 1
        else:
            if plan["end"]["state"] != "RUNNING":
                events.append({"op": "finish", "trial": number, **plan["end"]})
            active.pop(k)
    return events


SCENARIOS = [
    {"name": "noisy-minimize", "direction": "minimize", "seed": 1, "nTrials": 30, "concurrency": 1,
     "minSteps": 8, "maxSteps": 20, "curves": ["noisy"], "steps": "dense", "pFail": 0.05},
    {"name": "noisy-maximize-parallel", "direction": "maximize", "seed": 2, "nTrials": 30, "concurrency": 3,
     "minSteps": 5, "maxSteps": 20, "curves": ["noisy", "random"], "steps": "dense",
     "pFail": 0.05, "pPrunedByObjective": 0.05, "nLeftRunning": 2},
    {"name": "random-nan-inf", "direction": "minimize", "seed": 3, "nTrials": 28, "concurrency": 2,
     "minSteps": 3, "maxSteps": 16, "curves": ["random"], "steps": "dense",
     "pNan": 0.08, "pInf": 0.03, "pAllNan": 0.07, "pEmpty": 0.07, "pFail": 0.05, "nLeftRunning": 1},
    {"name": "strided-steps-maximize", "direction": "maximize", "seed": 4, "nTrials": 28, "concurrency": 2,
     "minSteps": 4, "maxSteps": 18, "curves": ["noisy", "plateau"], "steps": "strided",
     "pFail": 0.05, "pPrunedByObjective": 0.05, "nLeftRunning": 2},
    {"name": "gappy-ties-minimize", "direction": "minimize", "seed": 5, "nTrials": 28, "concurrency": 4,
     "minSteps": 3, "maxSteps": 14, "curves": ["ties", "random"], "steps": "gappy",
     "pNan": 0.04, "pFail": 0.05, "nLeftRunning": 3},
    {"name": "long-plateau-minimize", "direction": "minimize", "seed": 6, "nTrials": 24, "concurrency": 2,
     "minSteps": 20, "maxSteps": 40, "curves": ["plateau", "noisy"], "steps": "dense", "pFail": 0.04},
    {"name": "instances-minimize", "direction": "minimize", "seed": 7, "nTrials": 24, "concurrency": 2,
     "minSteps": 12, "maxSteps": 30, "curves": ["instances"], "steps": "shuffled", "pFail": 0.04,
     "nLeftRunning": 1},
    {"name": "instances-maximize", "direction": "maximize", "seed": 8, "nTrials": 24, "concurrency": 1,
     "minSteps": 12, "maxSteps": 30, "curves": ["instances", "ties"], "steps": "shuffled",
     "pNan": 0.02},
]


# --------------------------------------------------------------------------- pruners


class ReferenceWilcoxonPruner(BasePruner):
    def __init__(self, p_threshold=0.1, n_startup_steps=0):
        self.p_threshold = p_threshold
        self.n_startup_steps = n_startup_steps

    def prune(self, study, trial):
        if len(trial.intermediate_values) == 0:
            return False
        mine = trial.intermediate_values
        if not all(math.isfinite(v) for v in mine.values()):
            return False
        try:
            best = study.best_trial
        except ValueError:
            return False
        theirs = best.intermediate_values
        if len(theirs) == 0 or not all(math.isfinite(v) for v in theirs.values()):
            return False
        common = sorted(set(mine) & set(theirs))
        diffs = np.array([mine[s] - theirs[s] for s in common], dtype=float)
        if len(diffs) < self.n_startup_steps:
            return False
        my_mean = sum(mine.values()) / len(mine)
        best_mean = sum(theirs.values()) / len(theirs)
        if study.direction == StudyDirection.MAXIMIZE:
            alternative = "less"
            average_is_best = best_mean <= my_mean
        else:
            alternative = "greater"
            average_is_best = best_mean >= my_mean
        _, p, _ = current_scipy_wilcoxon(diffs, alternative)
        return bool(p < self.p_threshold and not average_is_best)


SNAKE = {
    "nStartupTrials": "n_startup_trials", "nWarmupSteps": "n_warmup_steps",
    "intervalSteps": "interval_steps", "nMinTrials": "n_min_trials",
    "minResource": "min_resource", "maxResource": "max_resource",
    "reductionFactor": "reduction_factor", "minEarlyStoppingRate": "min_early_stopping_rate",
    "bootstrapCount": "bootstrap_count", "minDelta": "min_delta", "patience": "patience",
    "percentile": "percentile", "lower": "lower", "upper": "upper",
    "pThreshold": "p_threshold", "nStartupSteps": "n_startup_steps",
}


def build_pruner(setting):
    kind, options = setting["kind"], dict(setting.get("options", {}))
    if kind == "patient":
        wrapped = options.pop("wrapped", None)
        kwargs = {SNAKE[k]: v for k, v in options.items()}
        return optuna.pruners.PatientPruner(build_pruner(wrapped) if wrapped else None, **kwargs)
    kwargs = {SNAKE[k]: v for k, v in options.items()}
    return {
        "nop": optuna.pruners.NopPruner,
        "median": optuna.pruners.MedianPruner,
        "percentile": optuna.pruners.PercentilePruner,
        "successiveHalving": optuna.pruners.SuccessiveHalvingPruner,
        "hyperband": optuna.pruners.HyperbandPruner,
        "threshold": optuna.pruners.ThresholdPruner,
        "wilcoxon": ReferenceWilcoxonPruner,
    }[kind](**kwargs)


MEDIAN_DEFAULT = {"kind": "median", "options": {}}
SETTINGS = [
    {"kind": "nop"},
    {"kind": "median"},
    {"kind": "median", "options": {"nStartupTrials": 2, "nWarmupSteps": 3, "intervalSteps": 2}},
    {"kind": "median", "options": {"nStartupTrials": 0, "nMinTrials": 3}},
    {"kind": "percentile", "options": {"percentile": 25.0}},
    {"kind": "percentile", "options": {"percentile": 75.0, "nStartupTrials": 3, "nWarmupSteps": 1,
                                       "intervalSteps": 3, "nMinTrials": 2}},
    {"kind": "percentile", "options": {"percentile": 0.0, "nStartupTrials": 1}},
    {"kind": "percentile", "options": {"percentile": 100.0, "nStartupTrials": 1}},
    {"kind": "percentile", "options": {"percentile": 33.3, "nStartupTrials": 2, "nWarmupSteps": 2}},
    {"kind": "successiveHalving"},
    {"kind": "successiveHalving", "options": {"minResource": 1, "reductionFactor": 2}},
    {"kind": "successiveHalving", "options": {"minResource": 2, "reductionFactor": 3, "minEarlyStoppingRate": 1}},
    {"kind": "successiveHalving", "options": {"minResource": 1, "reductionFactor": 2, "bootstrapCount": 2}},
    {"kind": "hyperband"},
    {"kind": "hyperband", "options": {"minResource": 1, "maxResource": 20, "reductionFactor": 2}},
    {"kind": "hyperband", "options": {"minResource": 2, "maxResource": 30, "reductionFactor": 3, "bootstrapCount": 1}},
    {"kind": "threshold", "options": {"lower": 0.2}},
    {"kind": "threshold", "options": {"upper": 0.8, "nWarmupSteps": 2, "intervalSteps": 2}},
    {"kind": "threshold", "options": {"lower": 0.1, "upper": 0.9}},
    {"kind": "patient", "options": {"wrapped": None, "patience": 2}},
    {"kind": "patient", "options": {"wrapped": MEDIAN_DEFAULT, "patience": 1, "minDelta": 0.01}},
    {"kind": "patient", "options": {"wrapped": {"kind": "percentile", "options": {"percentile": 40.0, "nStartupTrials": 2}},
                                    "patience": 0}},
    {"kind": "patient", "options": {"wrapped": None, "patience": 3, "minDelta": 0.02}},
    {"kind": "wilcoxon"},
    {"kind": "wilcoxon", "options": {"pThreshold": 0.3, "nStartupSteps": 5}},
    {"kind": "wilcoxon", "options": {"pThreshold": 0.05}},
]


# --------------------------------------------------------------------------- replay


def replay(scenario, events, setting):
    study = optuna.create_study(
        study_name=scenario["name"],
        direction=scenario["direction"],
        pruner=build_pruner(setting),
        sampler=optuna.samplers.RandomSampler(seed=0),
    )
    live, pruned, decisions = {}, set(), []
    for ev in events:
        number = ev["trial"]
        if ev["op"] == "start":
            live[number] = study.ask()
            assert live[number].number == number
            continue
        if number in pruned:
            continue
        trial = live[number]
        if ev["op"] == "report":
            trial.report(ev["value"], ev["step"])
            decision = bool(trial.should_prune())
            decisions.append("1" if decision else "0")
            if decision:
                study.tell(trial, state=TrialState.PRUNED)
                pruned.add(number)
        elif ev["state"] == "COMPLETE":
            study.tell(trial, ev["value"])
        else:
            study.tell(trial, state=TrialState[ev["state"]])
    trials = study.get_trials(deepcopy=False)
    return {
        "decisions": "".join(decisions),
        "states": [t.state.name for t in trials],
        "values": [t.value for t in trials],
        "rungs": {
            str(t.number): {k: v for k, v in sorted(t.system_attrs.items()) if k.startswith("completed_rung_")}
            for t in trials
            if any(k.startswith("completed_rung_") for k in t.system_attrs)
        },
    }


def hyperband_brackets():
    """Bracket counts, budgets and bracket ids (crc32 of study name and number)."""
    out = []
    grid = [(1, 2, 2), (1, 9, 3), (1, 27, 3), (1, 81, 3), (1, 243, 3), (1, 100, 3), (3, 81, 3),
            (1, 1, 3), (2, 1000, 4), (1, 64, 2), (1, 125, 5), (5, 3125, 5), (1, 1000, 10), (7, 50, 2)]
    for min_resource, max_resource, eta in grid:
        pruner = optuna.pruners.HyperbandPruner(min_resource=min_resource, max_resource=max_resource,
                                                reduction_factor=eta)
        study = optuna.create_study(study_name="brackets-%d-%d-%d" % (min_resource, max_resource, eta),
                                    pruner=pruner)
        pruner._try_initialization(study)
        ids = []
        for number in range(40):
            frozen = optuna.trial.create_trial(value=0.0)
            frozen.number = number
            ids.append(pruner._get_bracket_id(study, frozen))
        out.append({"studyName": study.study_name, "minResource": min_resource, "maxResource": max_resource,
                    "reductionFactor": eta, "nBrackets": pruner._n_brackets,
                    "budgets": list(pruner._trial_allocation_budgets), "bracketIds": ids})
    return out


def python_logs():
    """math.log on the ratios Hyperband takes logs of (libm's log, as Python computes it)."""
    rng = np.random.default_rng(9)
    xs = [float(n) for n in range(2, 2001)]
    xs += [a / b for a, b in zip(rng.integers(1, 5000, 500), rng.integers(1, 50, 500))]
    xs += [float(v) for v in rng.uniform(0.01, 1e6, 300)] + [1e-300, 5e-324, 1e300, 0.5, 0.7071067811865476]
    return [[x, math.log(x)] for x in xs]


def encode(value):
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    return value


def main():
    out_path = sys.argv[1]
    scenarios = []
    for scenario in SCENARIOS:
        events = make_events(scenario)
        results = [{"setting": setting, **replay(scenario, events, setting)} for setting in SETTINGS]
        scenarios.append({"name": scenario["name"], "direction": scenario["direction"],
                          "spec": scenario, "events": events, "results": results})
    doc = {
        "generator": "packages/objective/test/python/pruner-reference.py",
        "optunaVersion": optuna.__version__,
        "scipyVersion": scipy.__version__,
        "numpyVersion": np.__version__,
        "scenarios": scenarios,
        "hyperbandBrackets": hyperband_brackets(),
        "logs": python_logs(),
    }
    with open(out_path, "w") as f:
        json.dump(encode(doc), f, allow_nan=False, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
