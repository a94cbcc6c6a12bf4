"""Differential reference for hyperopt's ParzenEstimator: Optuna 3.1's _ParzenEstimator.

test/parzen-vs-optuna.slow.test.ts runs this with Debian's /usr/bin/python3 (python3-optuna
3.1) and compares, case by case, with our estimator built on the same observations.

Usage: parzen_reference.py [N_OPTUNA_SAMPLES]   -> one JSON document on stdout

For a mixed search space (log float, int, int with step, float with step, plain float,
categorical) and several sets of observations, each case holds:
  - `logpdf`: Optuna's log_pdf at fixed points (internal representation), with ties
    of univariate centres broken in trial order (see _StableNumpy), and
    `logpdfShipped`, Optuna's as shipped (numpy's unstable argsort);
  - `marginals`: per dimension, the exact probability of each outcome (discrete
    dimensions: each grid value or choice) or of each of BINS equal bins of the
    transformed range (continuous dimensions), computed from the estimator's own
    weights, centres and bandwidths, and Optuna's empirical frequencies from
    `sample` (N_OPTUNA_SAMPLES draws, default 2000: Optuna 3.1's truncnorm sampling is
    slow) as a check of those exact figures;
  - `joint`: the same for pairs of dimensions (the kernels of one component are
    shared across dimensions in the multivariate estimator).
`study` holds what Optuna's TPESampler feeds its estimators in a real study: the
below/above sets of internal values after `_get_observation_pairs` and
`_split_observation_pairs` with the default gamma.
"""
import json
import math
import sys

import numpy as np
from optuna import distributions as D
from optuna.samplers._tpe import _truncnorm
from optuna.samplers._tpe import parzen_estimator as _pe_module
from optuna.samplers._tpe.parzen_estimator import _ParzenEstimator, _ParzenEstimatorParameters
from optuna.samplers._tpe.sampler import (
    _get_observation_pairs,
    _split_observation_pairs,
    default_gamma,
    default_weights,
)

BINS = 10


class _StableNumpy:
    """numpy with a stable argsort, swapped into parzen_estimator.py for the reference model.

    Optuna 3.1 sorts the centres with np.argsort's default (unstable) quicksort to give each
    kernel its univariate bandwidth: tied centres (ints, steps, repeated values) share out
    their bandwidths in an order numpy's introsort happens to leave, and with unequal
    weights (n > 25) that order changes the density. hyperopt breaks ties by trial order.
    Every figure here is computed with the stable sort; `logpdfShipped` is Optuna as shipped.
    Multivariate estimators never sort, so the swap changes nothing for them.
    """

    def __getattr__(self, name):
        return getattr(np, name)

    @staticmethod
    def argsort(a, axis=-1, kind=None, order=None):
        return np.argsort(a, axis=axis, kind="stable", order=order)


def _estimator(obs, space, params, stable):
    _pe_module.np = _StableNumpy() if stable else np
    try:
        return _ParzenEstimator(obs, space, params)
    finally:
        _pe_module.np = np

# The benchmark problem `mixed` (lr, n, q, kind) plus an int with step, and a plain float.
SPACE = {
    "lr": D.FloatDistribution(1e-4, 1.0, log=True),
    "n": D.IntDistribution(1, 32),
    "m": D.IntDistribution(0, 30, step=3),
    "q": D.FloatDistribution(0.0, 1.0, step=0.05),
    "kind": D.CategoricalDistribution(["a", "b", "c", "d"]),
    "x": D.FloatDistribution(-5.0, 10.0),
    "il": D.IntDistribution(1, 1000, log=True),
}
MIXED = ["lr", "n", "q", "kind"]


def describe(dist):
    if isinstance(dist, D.CategoricalDistribution):
        return {"kind": "categorical", "choices": list(dist.choices)}
    if isinstance(dist, D.IntDistribution):
        return {"kind": "int", "low": dist.low, "high": dist.high, "log": dist.log, "step": dist.step}
    return {"kind": "float", "low": dist.low, "high": dist.high, "log": dist.log, "step": dist.step}


def random_internal(dist, rs, size):
    """Valid internal values, endpoints included."""
    if isinstance(dist, D.CategoricalDistribution):
        return rs.randint(0, len(dist.choices), size).astype(float)
    if isinstance(dist, D.IntDistribution):
        if dist.log:
            v = np.round(np.exp(rs.uniform(np.log(dist.low), np.log(dist.high), size)))
        else:
            v = dist.low + dist.step * rs.randint(0, (dist.high - dist.low) // dist.step + 1, size)
        v = v.astype(float)
    elif dist.log:
        v = np.exp(rs.uniform(np.log(dist.low), np.log(dist.high), size))
    elif dist.step is not None:
        k = int(round((dist.high - dist.low) / dist.step))
        v = dist.low + dist.step * rs.randint(0, k + 1, size)
    else:
        v = rs.uniform(dist.low, dist.high, size)
    if size >= 2:
        v[0], v[1] = dist.low, dist.high
    return np.clip(v, dist.low, dist.high)


def outcomes(name, dist, pe):
    """(labels, lower, upper) per outcome in the estimator's transformed space, or None for categoricals."""
    if isinstance(dist, D.CategoricalDistribution):
        return None
    low, high, q = pe._low[name], pe._high[name], pe._q[name]
    if q is not None:
        k = int(round((dist.high - dist.low) / q))
        grid = dist.low + q * np.arange(k + 1)
        return grid.tolist(), np.maximum(grid - q / 2, low), np.minimum(grid + q / 2, high)
    if isinstance(dist, D.IntDistribution):  # log int: each integer's cell [v-1/2, v+1/2] in log space
        grid = np.arange(dist.low, dist.high + 1, dtype=float)
        return grid.tolist(), np.log(np.maximum(grid - 0.5, dist.low - 0.5)), np.log(np.minimum(grid + 0.5, dist.high + 0.5))
    edges = np.linspace(low, high, BINS + 1)
    labels = np.exp(edges).tolist() if dist.log else edges.tolist()
    return labels, edges[:-1], edges[1:]


def component_masses(name, dist, pe):
    """(components x outcomes) probability of each outcome under each kernel."""
    if isinstance(dist, D.CategoricalDistribution):
        return pe._categorical_weights[name]
    _, lo, hi = outcomes(name, dist, pe)
    mus, sigmas = pe._mus[name][:, None], pe._sigmas[name][:, None]
    low, high = pe._low[name], pe._high[name]
    mass = np.exp(_truncnorm._log_gauss_mass((lo - mus) / sigmas, (hi - mus) / sigmas))
    z = np.exp(_truncnorm._log_gauss_mass((low - mus) / sigmas, (high - mus) / sigmas))
    return mass / z


def outcome_index(name, dist, pe, values):
    """Index of each sampled value (internal representation) among the outcomes."""
    if isinstance(dist, D.CategoricalDistribution):
        return values.astype(int)
    labels, lo, hi = outcomes(name, dist, pe)
    if pe._q[name] is not None or isinstance(dist, D.IntDistribution):
        return np.searchsorted(np.asarray(labels), values)
    t = np.log(values) if dist.log else values
    return np.clip(np.searchsorted(hi, t, side="left"), 0, len(hi) - 1)


def build_case(label, names, obs, params, xs, rs, n_samples):
    space = {k: SPACE[k] for k in names}
    columns = {k: np.asarray(obs[k], dtype=float) for k in names}
    pe = _estimator(columns, space, params, stable=True)
    points = {k: (np.asarray(xs[k], dtype=int) if isinstance(space[k], D.CategoricalDistribution) else np.asarray(xs[k], dtype=float)) for k in names}
    logpdf = pe.log_pdf(points)
    logpdf_shipped = _estimator(columns, space, params, stable=False).log_pdf(points)
    samples = pe.sample(rs, n_samples)
    w = pe._weights
    masses = {k: component_masses(k, space[k], pe) for k in names}
    idx = {k: outcome_index(k, space[k], pe, np.asarray(samples[k], dtype=float)) for k in names}
    marginals = {}
    for k in names:
        p = w @ masses[k]
        counts = np.bincount(idx[k], minlength=p.size)
        o = outcomes(k, space[k], pe)
        marginals[k] = {"labels": None if o is None else o[0], "p": p.tolist(), "optunaCounts": counts.tolist()}
    joint = []
    for a, b in zip(names, names[1:]):
        p = np.einsum("i,ij,ik->jk", w, masses[a], masses[b])
        counts = np.zeros_like(p)
        np.add.at(counts, (idx[a], idx[b]), 1)
        joint.append({"dims": [a, b], "p": p.ravel().tolist(), "optunaCounts": counts.ravel().astype(int).tolist()})
    return {
        "name": label,
        "names": names,
        "multivariate": params.multivariate,
        "obs": {k: np.asarray(obs[k], dtype=float).tolist() for k in names},
        "xs": {k: np.asarray(xs[k], dtype=float).tolist() for k in names},
        "logpdf": logpdf.tolist(),
        "logpdfShipped": logpdf_shipped.tolist(),
        "weights": w.tolist(),
        "sigmas": {k: (None if pe._sigmas[k] is None else pe._sigmas[k].tolist()) for k in names},
        "marginals": marginals,
        "joint": joint,
    }


def cases(n_samples):
    rs = np.random.RandomState(20261129)
    out = []
    for n_obs in [0, 1, 3, 10, 40]:
        obs = {k: random_internal(d, rs, n_obs) for k, d in SPACE.items()}
        xs = {k: random_internal(d, rs, 16) for k, d in SPACE.items()}
        for mv in [True, False]:
            params = _ParzenEstimatorParameters(True, 1.0, True, False, default_weights, mv)
            tag = "mv" if mv else "uni"
            if mv:
                out.append(build_case(f"all-{tag}-{n_obs}", list(SPACE), obs, params, xs, rs, n_samples))
                out.append(build_case(f"mixed-{tag}-{n_obs}", MIXED, obs, params, xs, rs, n_samples))
            else:
                for k in SPACE:
                    out.append(build_case(f"{k}-{tag}-{n_obs}", [k], obs, params, xs, rs, n_samples))
    # Observations piled at the ends and on one value (truncated kernels, ties).
    obs = {k: np.repeat(random_internal(d, np.random.RandomState(7), 2), 6) for k, d in SPACE.items()}
    xs = {k: random_internal(d, rs, 16) for k, d in SPACE.items()}
    params = _ParzenEstimatorParameters(True, 1.0, True, False, default_weights, True)
    out.append(build_case("all-mv-edges", list(SPACE), obs, params, xs, rs, n_samples))
    return out


def mixed_value(p):
    penalty = {"a": 0.6, "b": 0.0, "c": 0.3, "d": 1.0}[p["kind"]]
    return (math.log10(p["lr"]) + 2) ** 2 + ((p["n"] - 11) / 4) ** 2 + 4 * (p["q"] - 0.35) ** 2 + penalty


def study_split():
    """What TPE feeds its estimators after 37 trials of `mixed` (two of them pruned, values tied).

    The trials also carry the other parameters of SPACE (int with step, plain float, log int),
    which do not enter the value, so that every kind of distribution goes through
    to_internal_repr."""
    import optuna

    optuna.logging.set_verbosity(optuna.logging.ERROR)
    rs = np.random.RandomState(3)
    study = optuna.create_study()
    trials = []
    space = dict(SPACE)
    for i in range(37):
        params = {}
        for k, d in space.items():
            v = random_internal(d, rs, 1)[0]
            params[k] = d.to_external_repr(v)
        value = round(mixed_value(params), 1)  # rounded: ties in the ranking
        state = "PRUNED" if i in (5, 20) else "COMPLETE"
        inter = {"3": value} if i == 20 else {}
        study.add_trial(
            optuna.trial.create_trial(
                params=params,
                distributions=space,
                value=value if state == "COMPLETE" else None,
                state=getattr(optuna.trial.TrialState, state),
                intermediate_values={int(s): v for s, v in inter.items()},
            )
        )
        trials.append({"params": params, "value": value if state == "COMPLETE" else None, "state": state, "intermediate": inter})
    names = sorted(space)
    values, scores, violations = _get_observation_pairs(study, names, False, False)
    n = sum(s < float("inf") for s, v in scores)
    below, above = _split_observation_pairs(scores, default_gamma(n), violations)
    return {
        "space": {k: describe(d) for k, d in space.items()},
        "trials": trials,
        "below": {k: [values[k][i] for i in below] for k in names},
        "above": {k: [values[k][i] for i in above] for k in names},
    }


def main():
    n_samples = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    print(json.dumps({
        "nSamples": n_samples,
        "space": {k: describe(d) for k, d in SPACE.items()},
        "cases": cases(n_samples),
        "study": study_split(),
    }))


if __name__ == "__main__":
    main()
