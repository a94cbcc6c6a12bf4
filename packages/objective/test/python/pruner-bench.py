"""Python Optuna side of `pnpm bench:pruners` (bench/pruners.ts runs it).

Usage: pruner-bench.py N_TRIALS N_STEPS REPEATS -> one JSON line {pruner: ms per should_prune}

The study mirrors bench/pruners.ts exactly: N_TRIALS complete trials whose intermediate
values are i + 1/(s + 1) at steps 0..N_STEPS-1, then one running trial that reports
1000 + sin(s) at every step and asks should_prune after each report.
"""
import json
import math
import sys
import time
import warnings

import optuna

optuna.logging.set_verbosity(optuna.logging.ERROR)
warnings.filterwarnings("ignore")

PRUNERS = {
    "median": lambda: optuna.pruners.MedianPruner(),
    "percentile": lambda: optuna.pruners.PercentilePruner(25.0),
    "successiveHalving": lambda: optuna.pruners.SuccessiveHalvingPruner(min_resource=1, reduction_factor=3),
    "hyperband": lambda: optuna.pruners.HyperbandPruner(min_resource=1, max_resource=100),
    "threshold": lambda: optuna.pruners.ThresholdPruner(upper=1e9),
    "patient": lambda: optuna.pruners.PatientPruner(optuna.pruners.MedianPruner(), patience=3),
}


def main():
    n_trials, n_steps, repeats = (int(a) for a in sys.argv[1:4])
    out = {}
    for name, make in PRUNERS.items():
        best = math.inf
        for _ in range(repeats):
            study = optuna.create_study(study_name="bench-" + name, pruner=make())
            study.add_trials([
                optuna.trial.create_trial(value=float(i), intermediate_values={s: i + 1 / (s + 1) for s in range(n_steps)})
                for i in range(n_trials)
            ])
            trial = study.ask()
            t0 = time.perf_counter()
            for s in range(n_steps):
                trial.report(1000 + math.sin(s), s)
                trial.should_prune()
            best = min(best, (time.perf_counter() - t0) * 1000 / n_steps)
        out[name] = round(best, 4)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
