"""Write a journal with Python Optuna 3.1 that uses every feature the format has.

Usage: /usr/bin/python3 write_journal.py JOURNAL_PATH
"""
import math
import sys

import optuna
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution

optuna.logging.set_verbosity(optuna.logging.ERROR)


def main(path):
    storage = optuna.storages.JournalStorage(optuna.storages.JournalFileStorage(path))
    doomed = optuna.create_study(study_name="doomed", storage=storage)
    doomed.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=1)
    optuna.delete_study(study_name="doomed", storage=storage)

    study = optuna.create_study(
        study_name="py", storage=storage, direction="maximize",
        sampler=optuna.samplers.RandomSampler(seed=3),
    )
    study.set_user_attr("nan", float("nan"))
    study.set_user_attr("unicode", "héllo ✓")
    study.set_system_attr("list", [1, 2.5, None, True])
    study.enqueue_trial({"f": 0.5, "c": None, "i": 4}, user_attrs={"enq": 1})

    def objective(trial):
        f = trial.suggest_float("f", -1.0, 1.0)
        fl = trial.suggest_float("fl", 1e-6, 1.0, log=True)
        fs = trial.suggest_float("fs", 0.0, 1.0, step=0.1)
        i = trial.suggest_int("i", 0, 10, step=2)
        il = trial.suggest_int("il", 1, 1024, log=True)
        c = trial.suggest_categorical("c", ["a", None, 1.5, True, 2])
        trial.set_user_attr("n", trial.number)
        trial.report(float("nan") if trial.number == 2 else f, 0)
        trial.report(float("inf"), 1)
        if trial.number == 3:
            raise optuna.TrialPruned()
        if trial.number == 4:
            raise ValueError("boom")
        if trial.number == 5:
            return float("-inf")
        return f + fl + fs + i + il

    study.optimize(objective, n_trials=7, catch=(ValueError,))
    study.add_trial(optuna.trial.create_trial(
        params={"f": 0.25, "c": "a"},
        distributions={"f": FloatDistribution(-1.0, 1.0), "c": CategoricalDistribution(["a", None, 1.5, True, 2])},
        value=1.0, intermediate_values={0: 2.0, 3: float("nan")}, user_attrs={"added": True},
        system_attrs={"sys": "x"},
    ))
    study.enqueue_trial({"f": 0.75})
    running = study.ask()
    running.suggest_int("i", 0, 10, step=2)

    multi = optuna.create_study(study_name="multi", storage=storage, directions=["minimize", "maximize"])
    multi.optimize(lambda t: (t.suggest_float("a", 0, 1), t.suggest_float("b", 0, 1)), n_trials=3)
    multi.add_trial(optuna.trial.create_trial(
        params={"a": 0.5}, distributions={"a": FloatDistribution(0, 1)}, values=[0.5, math.inf],
    ))


if __name__ == "__main__":
    main(sys.argv[1])
