"""Dump every study of an Optuna journal as JSON, for comparison with @hyperopt/objective.

Usage: /usr/bin/python3 dump_journal.py JOURNAL_PATH
Datetimes are truncated to milliseconds (JavaScript's precision).
"""
import json
import sys

import optuna
from optuna.distributions import distribution_to_json

optuna.logging.set_verbosity(optuna.logging.ERROR)


def dt(value):
    return None if value is None else value.isoformat(timespec="milliseconds")


def main(path):
    storage = optuna.storages.JournalStorage(optuna.storages.JournalFileStorage(path))
    studies = []
    for study in storage.get_all_studies():
        trials = []
        for t in storage.get_all_trials(study._study_id, deepcopy=False):
            trials.append({
                "number": t.number,
                "trial_id": t._trial_id,
                "state": t.state.name,
                "values": t.values,
                "params": t.params,
                "distributions": {k: distribution_to_json(d) for k, d in t.distributions.items()},
                "intermediate_values": sorted([k, v] for k, v in t.intermediate_values.items()),
                "user_attrs": t.user_attrs,
                "system_attrs": t.system_attrs,
                "datetime_start": dt(t.datetime_start),
                "datetime_complete": dt(t.datetime_complete),
            })
        studies.append({
            "study_name": study.study_name,
            "directions": [d.name.lower() for d in study.directions],
            "user_attrs": study.user_attrs,
            "system_attrs": study.system_attrs,
            "trials": trials,
        })
    json.dump({"studies": studies}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
