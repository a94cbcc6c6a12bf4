"""Python Optuna side of `pnpm bench:samplers` (bench/samplers.ts runs it).

Usage: sampler-bench.py quality SAMPLER SEEDS N_TRIALS   -> one JSON line per (problem, seed)
       sampler-bench.py overhead SAMPLER N_TRIALS        -> one JSON line with per-trial ms (wall and CPU)

The problem definitions mirror bench/samplers.ts exactly.
"""
import json
import math
import sys
import time
import warnings

import optuna

optuna.logging.set_verbosity(optuna.logging.ERROR)
warnings.filterwarnings("ignore")


def branin(t):
    x1 = t.suggest_float("x1", -5.0, 10.0)
    x2 = t.suggest_float("x2", 0.0, 15.0)
    b = 5.1 / (4 * math.pi ** 2)
    c = 5 / math.pi
    tt = 1 / (8 * math.pi)
    return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - tt) * math.cos(x1) + 10


def rosenbrock(t):
    x = [t.suggest_float(f"x{i}", -5.0, 10.0) for i in range(5)]
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(4))


def styblinski_tang(t):
    x = [t.suggest_float(f"x{i}", -5.0, 5.0) for i in range(5)]
    return 0.5 * sum(v ** 4 - 16 * v ** 2 + 5 * v for v in x)


def mixed(t):
    lr = t.suggest_float("lr", 1e-4, 1.0, log=True)
    n = t.suggest_int("n", 1, 32)
    q = t.suggest_float("q", 0.0, 1.0, step=0.05)
    kind = t.suggest_categorical("kind", ["a", "b", "c", "d"])
    penalty = {"a": 0.6, "b": 0.0, "c": 0.3, "d": 1.0}[kind]
    return (math.log10(lr) + 2) ** 2 + ((n - 11) / 4) ** 2 + 4 * (q - 0.35) ** 2 + penalty


PROBLEMS = {"branin": branin, "rosenbrock": rosenbrock, "styblinski_tang": styblinski_tang, "mixed": mixed}


def make_sampler(name, seed):
    if name == "tpe":
        return optuna.samplers.TPESampler(seed=seed)
    if name == "tpe_multivariate":
        return optuna.samplers.TPESampler(seed=seed, multivariate=True)
    if name == "cmaes":
        return optuna.samplers.CmaEsSampler(seed=seed, warn_independent_sampling=False)
    if name == "random":
        return optuna.samplers.RandomSampler(seed=seed)
    if name == "qmc_sobol":
        return optuna.samplers.QMCSampler(seed=seed, qmc_type="sobol", scramble=True, warn_independent_sampling=False)
    if name == "qmc_halton":
        return optuna.samplers.QMCSampler(seed=seed, qmc_type="halton", scramble=True, warn_independent_sampling=False)
    raise SystemExit(f"unknown sampler {name!r}")


def quality(sampler_name, seeds, n_trials):
    for problem, fn in PROBLEMS.items():
        for seed in seeds:
            study = optuna.create_study(sampler=make_sampler(sampler_name, seed))
            study.optimize(fn, n_trials=n_trials)
            print(json.dumps({"problem": problem, "sampler": sampler_name, "seed": seed, "best": study.best_value}), flush=True)


def overhead(sampler_name, n_trials):
    study = optuna.create_study(sampler=make_sampler(sampler_name, 0))
    wall = []
    cpu = []
    for _ in range(n_trials):
        c0 = time.process_time()
        t0 = time.perf_counter()
        trial = study.ask()
        value = sum(trial.suggest_float(f"x{i}", -5.0, 5.0) ** 2 for i in range(5))
        study.tell(trial, value)
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    print(json.dumps({"sampler": sampler_name, "wallMs": wall, "cpuMs": cpu}), flush=True)


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "quality":
        quality(sys.argv[2], [int(s) for s in sys.argv[3].split(",")], int(sys.argv[4]))
    elif mode == "overhead":
        overhead(sys.argv[2], int(sys.argv[3]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")
