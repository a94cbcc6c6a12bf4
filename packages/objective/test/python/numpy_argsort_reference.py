"""Writes numpy's default argsort of tie-heavy float64 arrays, for src/samplers/tpe/numpy-argsort.test.ts.

Usage: /usr/bin/python3 numpy_argsort_reference.py > ../fixtures/numpy-argsort-reference.json
"""
import json

import numpy as np

rs = np.random.RandomState(2024)
cases = []
for size in list(range(1, 40)) + [47, 64, 65, 100, 128, 257]:
    levels = int(rs.randint(1, 8))
    values = rs.randint(0, levels, size).astype(float) * 0.25
    cases.append({"values": values.tolist(), "order": np.argsort(values).tolist()})
# Sorted and reversed runs, distinct values, and NaN (sorted last).
for values in (np.arange(40.0), np.arange(40.0)[::-1], np.repeat([3.0, 1.0, 2.0], 20), rs.random_sample(90)):
    cases.append({"values": values.tolist(), "order": np.argsort(values).tolist()})
with_nan = rs.randint(0, 3, 50).astype(float)
with_nan[[3, 17, 30]] = np.nan
cases.append({"values": [None if np.isnan(v) else v for v in with_nan], "order": np.argsort(with_nan).tolist()})
print(json.dumps({"numpy": np.__version__, "cases": cases}))
