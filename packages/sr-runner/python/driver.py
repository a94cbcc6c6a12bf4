"""hyperopt sr-runner driver for PySR.

Speaks line-delimited JSON on stdin/stdout with @hyperopt/sr-runner's PySR backend.
One PySRRegressor is created per `init` request and reused for every `fit`.
Anything PySR or Julia print goes to stderr (the runner's log file): the protocol
owns the original stdout.
"""

import json
import os
import sys
import threading
import time
import traceback

PROTOCOL_VERSION = 1

# Keep the real stdout for protocol messages; send fd 1 (prints from Python, Julia, C) to stderr.
_protocol = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
os.dup2(2, 1)
sys.stdout = sys.stderr


def send(message):
    _protocol.write(json.dumps(message, allow_nan=False) + "\n")
    _protocol.flush()


def watch_parent():
    """Exit with our whole process group (Julia workers included) if the runner dies."""
    parent = os.getppid()
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            try:
                os.killpg(0, 9)
            finally:
                os._exit(1)


def finite_list(values):
    out = []
    for value in values:
        value = float(value)
        out.append(value if value == value and value not in (float("inf"), float("-inf")) else None)
    return out


def number_or_none(value):
    try:
        value = float(value)
    except (TypeError, ValueError):
        return None
    return value if value == value and abs(value) != float("inf") else None


def records_of(equations):
    if hasattr(equations, "to_dict"):
        return equations.to_dict(orient="records")
    return list(equations)


def main():
    try:
        import numpy as np
    except Exception as error:  # noqa: BLE001
        send({"type": "fatal", "code": "SR_RUNNER_PYSR_MISSING", "missing": "numpy", "message": repr(error), "python": sys.executable})
        return 3
    try:
        import pysr
        from pysr import PySRRegressor
    except Exception as error:  # noqa: BLE001
        send({"type": "fatal", "code": "SR_RUNNER_PYSR_MISSING", "missing": "pysr", "message": repr(error), "python": sys.executable})
        return 3

    threading.Thread(target=watch_parent, daemon=True).start()
    send({
        "type": "hello",
        "protocolVersion": PROTOCOL_VERSION,
        "python": sys.version.split()[0],
        "executable": sys.executable,
        "pysrVersion": str(getattr(pysr, "__version__", "unknown")),
        "pid": os.getpid(),
    })

    model = None
    constructed = 0
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        request = json.loads(line)
        rid = request.get("id")
        kind = request.get("type")
        try:
            if kind == "shutdown":
                send({"id": rid, "type": "ok", "constructed": constructed})
                return 0
            if kind == "init":
                model = PySRRegressor(**request["params"])
                constructed += 1
                send({"id": rid, "type": "ok", "constructed": constructed})
                continue
            if kind == "fit":
                if model is None:
                    raise RuntimeError("fit before init")
                started = time.perf_counter()
                updates = {"random_state": request["seed"]}
                if request.get("timeoutSeconds") is not None:
                    updates["timeout_in_seconds"] = request["timeoutSeconds"]
                model.set_params(**updates)
                X = np.asarray(request["X"], dtype=float).T
                y = np.asarray(request["y"], dtype=float)
                Xtest = np.asarray(request["Xtest"], dtype=float).T
                model.fit(X, y, variable_names=request["variableNames"])
                front = []
                for row in records_of(model.equations_):
                    front.append({
                        "expression": str(row.get("sympy_format", row.get("equation"))),
                        "complexity": number_or_none(row.get("complexity")) or 0,
                        "loss": number_or_none(row.get("loss")),
                    })
                best = model.get_best()
                best = best if isinstance(best, dict) else dict(best)
                send({
                    "id": rid,
                    "type": "fit-result",
                    "best": {
                        "expression": str(best.get("sympy_format", best.get("equation"))),
                        "complexity": number_or_none(best.get("complexity")) or 0,
                        "loss": number_or_none(best.get("loss")),
                    },
                    "paretoFront": front,
                    "trainPred": finite_list(model.predict(X)),
                    "testPred": finite_list(model.predict(Xtest)),
                    "elapsedS": time.perf_counter() - started,
                    "constructed": constructed,
                })
                continue
            raise ValueError("unknown request type %r" % (kind,))
        except Exception as error:  # noqa: BLE001
            traceback.print_exc()
            send({"id": rid, "type": "error", "code": "SR_RUNNER_FIT_FAILED", "message": "%s: %s" % (type(error).__name__, error)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
