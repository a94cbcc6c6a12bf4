"""Python Optuna 3.1 side of `pnpm bench:storage`.

  append PATH STUDY N START_AT   wait until START_AT (epoch ms), set N trial user attrs;
                                 print {"start", "end", "records"}
  replay PATH REPEATS            replay the journal from byte 0; print {"best_ms", "trials"}
"""
import json
import sys
import time

import optuna

optuna.logging.set_verbosity(optuna.logging.ERROR)
import warnings  # noqa: E402

warnings.simplefilter("ignore")


def append(path, study_name, n, start_at):
    storage = optuna.storages.JournalStorage(optuna.storages.JournalFileStorage(path))
    study = optuna.load_study(study_name=study_name, storage=storage)
    trial = study.ask()
    while time.time() * 1000 < start_at:
        time.sleep(0.005)
    start = time.time() * 1000
    for i in range(n):
        storage.set_trial_user_attr(trial._trial_id, f"k{i}", i)
    end = time.time() * 1000
    print(json.dumps({"start": start, "end": end, "records": n}))


def replay(path, repeats):
    best = float("inf")
    best_cpu = float("inf")
    trials = 0
    for _ in range(repeats):
        t0 = time.perf_counter()
        c0 = time.process_time()
        storage = optuna.storages.JournalStorage(optuna.storages.JournalFileStorage(path))
        trials = len(storage.get_all_trials(0, deepcopy=False))
        best_cpu = min(best_cpu, (time.process_time() - c0) * 1000)
        best = min(best, (time.perf_counter() - t0) * 1000)
    print(json.dumps({"best_ms": best, "best_cpu_ms": best_cpu, "trials": trials}))


if __name__ == "__main__":
    mode, path, *rest = sys.argv[1:]
    if mode == "append":
        append(path, rest[0], int(rest[1]), float(rest[2]))
    elif mode == "replay":
        replay(path, int(rest[0]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")
