"""Writes the reference values of numpy's legacy RandomState that src/random/mt19937.test.ts checks.

Usage: /usr/bin/python3 mt19937_reference.py > ../fixtures/mt19937-reference.json
"""
import json

import numpy as np


def case(seed):
    rs = np.random.RandomState(seed)
    key = rs.get_state()[1]
    out = {"seed": seed, "key": [int(key[i]) for i in (0, 1, 2, 623)]}
    out["randomSample"] = [float(v) for v in rs.random_sample(7)]
    # Cross the first regeneration of the 624-word state (2 words per double).
    rs.random_sample(300)
    out["afterTwist"] = [float(v) for v in rs.random_sample(4)]
    out["uniform"] = [float(v) for v in rs.uniform(-3.5, 7.25, 5)]
    out["uniformArray"] = [float(v) for v in rs.uniform(np.array([0.0, -1.0, 2.0]), np.array([1.0, 3.0, 2.5]))]
    p = np.array([0.1, 0.0, 0.35, 0.05, 0.5])
    out["choiceP"] = [float(v) for v in p]
    out["choice"] = [int(v) for v in rs.choice(len(p), 25, p=p)]
    out["rand"] = [float(v) for v in rs.rand(3)]
    out["randint"] = [int(v) for v in rs.randint(3, 18, 12)]
    out["randintWide"] = [int(v) for v in rs.randint(0, 1000, 6)]
    out["normal"] = [float(v) for v in rs.standard_normal(5)]
    out["afterNormal"] = [float(v) for v in rs.random_sample(2)]
    out["uint32"] = [int(v) for v in rs.randint(0, 2**32, 4, dtype=np.uint64)]
    return out


print(json.dumps({"numpy": np.__version__, "cases": [case(s) for s in (0, 1, 2, 42, 12345, 4294967295)]}, indent=1))
