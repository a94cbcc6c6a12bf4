"""What Optuna 3.1's multivariate TPESampler suggests next, over many seeds, for one history.

test/parzen-vs-optuna.slow.test.ts compares the distribution of these suggestions with
our TPESampler's on the same trials: the whole step (observation pairs, split, both
estimators, sampling, the l/g argmax) rather than the estimator alone.

Usage: tpe_next_reference.py N_TRIALS N_SEEDS   -> one JSON document on stdout
The history is N_TRIALS of the benchmark problem `mixed` (sampler-bench.py) run by
multivariate TPE with seed 5; `samples` holds sample_relative's answer for seeds 0..N_SEEDS-1.
"""
import importlib.util
import json
import sys
import warnings
from pathlib import Path

import optuna

optuna.logging.set_verbosity(optuna.logging.ERROR)
warnings.filterwarnings("ignore")

_spec = importlib.util.spec_from_file_location("sampler_bench", Path(__file__).with_name("sampler-bench.py"))
_bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_bench)


def main():
    n_trials, n_seeds = int(sys.argv[1]), int(sys.argv[2])
    study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=5, multivariate=True))
    study.optimize(_bench.mixed, n_trials=n_trials)
    samples = []
    for seed in range(n_seeds):
        sampler = optuna.samplers.TPESampler(seed=seed, multivariate=True)
        space = sampler.infer_relative_search_space(study, None)
        samples.append(sampler.sample_relative(study, None, space))
    print(json.dumps({"trials": [{"params": t.params, "value": t.value} for t in study.trials], "samples": samples}))


if __name__ == "__main__":
    main()
