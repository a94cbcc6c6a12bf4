"""Append trials to a shared journal from a Python Optuna 3.1 process.

Usage: /usr/bin/python3 append_trials.py JOURNAL_PATH STUDY_NAME N_TRIALS TAG [open]
"""
import sys

import optuna

optuna.logging.set_verbosity(optuna.logging.ERROR)


def main(path, study_name, n_trials, tag, lock=None):
    lock_obj = optuna.storages.JournalFileOpenLock(path) if lock == "open" else None
    storage = optuna.storages.JournalStorage(optuna.storages.JournalFileStorage(path, lock_obj=lock_obj))
    study = optuna.create_study(study_name=study_name, storage=storage, load_if_exists=True,
                                sampler=optuna.samplers.RandomSampler())

    def objective(trial):
        x = trial.suggest_float("x", -1.0, 1.0)
        n = trial.suggest_int("n", 0, 9)
        trial.set_user_attr("writer", tag)
        trial.report(x, 0)
        return x * x + n

    study.optimize(objective, n_trials=int(n_trials))


if __name__ == "__main__":
    main(*sys.argv[1:])
