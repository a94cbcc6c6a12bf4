"""Runs N trials of a CMA-ES study on a journal file with Python Optuna (3.1) and exits.

Usage: cmaes_journal.py JOURNAL N SEED. Same objective as test/fixtures/cmaes-resume-child.ts.
"""
import math
import sys

import optuna

optuna.logging.set_verbosity(optuna.logging.ERROR)

path, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
storage = optuna.storages.JournalStorage(optuna.storages.JournalFileStorage(path))
study = optuna.create_study(storage=storage, study_name="cma", load_if_exists=True, sampler=optuna.samplers.CmaEsSampler(seed=seed))


def objective(trial):
    x = trial.suggest_float("x", -4, 4)
    lr = trial.suggest_float("lr", 1e-4, 1, log=True)
    k = trial.suggest_int("k", 1, 64)
    return (x - 1.5) ** 2 + (math.log10(lr) + 2) ** 2 + ((k - 20) / 8) ** 2


study.optimize(objective, n_trials=n)
print(len(study.trials))
