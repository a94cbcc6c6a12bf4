"""Writes Optuna 3.1's truncated-normal quantiles (`_truncnorm.ppf`) for src/samplers/tpe/truncnorm-ppf.test.ts.

Usage: /usr/bin/python3 truncnorm_ppf_reference.py > ../fixtures/truncnorm-ppf-reference.json
"""
import json

import numpy as np
from optuna.samplers._tpe import _truncnorm

intervals = [(-1.0, 1.0), (-3.0, 0.5), (0.0, 2.0), (0.5, 4.0), (-8.0, -2.0), (2.0, 9.0), (-30.0, -25.0), (25.0, 40.0), (-0.2, 60.0), (-60.0, 0.3), (-1e-3, 1e-3)]
qs = [0.0, 1e-12, 1e-6, 0.01, 0.25, 0.5, 0.75, 0.99, 0.999999, 1 - 2**-40, 1.0]
cases = []
for a, b in intervals:
    out = _truncnorm.ppf(np.array(qs), a, b)
    cases.append({"a": a, "b": b, "q": qs, "x": [float(v) for v in out]})
print(json.dumps({"cases": cases}))
