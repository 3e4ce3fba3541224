"""Where the standard benchmark workloads W1-W3 are, for the scripts in this folder."""

import os
import sys


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
