"""Continue a journal study written by @hyperopt/objective with Python Optuna's pruner.

Usage: /usr/bin/python3 pruner-journal-probe.py JOURNAL STUDY_NAME SETTING_JSON PROBE_JSON

Loads the study from the journal file with the pruner described by SETTING_JSON
({"kind": "successiveHalving" | "hyperband" | "median", "options": {camelCase}}),
asks one new trial, reports PROBE_JSON's values at steps 0, 1, … asking `should_prune`
after each, and tells it PRUNED on the first prune, else COMPLETE with the last value.
Prints one JSON line: the decisions ("0"/"1" per report) and the `completed_rung_*`
system attributes Optuna sees on every trial (after the probe).
"""
import json
import sys
import warnings

import optuna
from optuna.storages import JournalFileStorage, JournalStorage
from optuna.trial import TrialState

optuna.logging.set_verbosity(optuna.logging.ERROR)
warnings.filterwarnings("ignore")

SNAKE = {"nStartupTrials": "n_startup_trials", "nWarmupSteps": "n_warmup_steps", "minResource": "min_resource",
         "maxResource": "max_resource", "reductionFactor": "reduction_factor", "bootstrapCount": "bootstrap_count",
         "minEarlyStoppingRate": "min_early_stopping_rate"}


def main():
    journal, study_name, setting, probe = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), json.loads(sys.argv[4])
    kwargs = {SNAKE[k]: v for k, v in setting.get("options", {}).items()}
    pruner = {"successiveHalving": optuna.pruners.SuccessiveHalvingPruner, "hyperband": optuna.pruners.HyperbandPruner,
              "median": optuna.pruners.MedianPruner}[setting["kind"]](**kwargs)
    storage = JournalStorage(JournalFileStorage(journal))
    study = optuna.load_study(study_name=study_name, storage=storage, pruner=pruner)
    trial = study.ask()
    decisions = ""
    for step, value in enumerate(probe):
        trial.report(value, step)
        pruned = trial.should_prune()
        decisions += "1" if pruned else "0"
        if pruned:
            break
    if decisions.endswith("1"):
        study.tell(trial, state=TrialState.PRUNED)
    else:
        study.tell(trial, probe[-1])
    rungs = {
        str(t.number): {k: v for k, v in t.system_attrs.items() if k.startswith("completed_rung_")}
        for t in study.get_trials(deepcopy=False)
    }
    print(json.dumps({"decisions": decisions, "rungs": {k: v for k, v in rungs.items() if v}}))


if __name__ == "__main__":
    main()
