"""Where the standard benchmark workloads W1-W4 and embedcheck's executables are, for the scripts
in this folder."""

import os
import sys

# The executables: $EMBEDCHECK, else this checkout's release build, at the path cargo reports.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "examples", "python"))
from embedcheck_exe import cargo_executable, embedcheck  # noqa: E402,F401


def find_workloads():
    """$EMBEDCHECK_WORKLOADS, else the nearest ancestor's shared/bench/workloads (as the Rust
    benches do); exits with a message when neither exists."""
    if os.environ.get("EMBEDCHECK_WORKLOADS"):
        return os.environ["EMBEDCHECK_WORKLOADS"]
    d = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    while True:
        cand = os.path.join(os.path.dirname(d), "shared", "bench", "workloads")
        if os.path.isdir(cand):
            return cand
        if os.path.dirname(d) == d:
            sys.exit("workloads not found: set EMBEDCHECK_WORKLOADS")
        d = os.path.dirname(d)


def fmpq_of(text):
    """A contract rational ("p/q" or "p") as a python-flint fmpq."""
    from flint import fmpq

    num, _, den = str(text).partition("/")
    return fmpq(int(num), int(den or 1))


def exact_hessian(embedcheck, net, data):
    """`embedcheck hessian --json --matrix` on the files: the JSON report, and the Hessian as
    rows of python-flint fmpq."""
    import json
    import subprocess

    out = subprocess.run([embedcheck, "hessian", "--net", net, "--data", data, "--json", "--matrix"],
                         capture_output=True, text=True, check=True)
    report = json.loads(out.stdout)
    return report, [[fmpq_of(x) for x in row] for row in report["matrix"]]
