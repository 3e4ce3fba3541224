"""Where the embedcheck executable is, for the Python examples and the bench scripts.

    from embedcheck_exe import embedcheck
    subprocess.run([embedcheck(), "eval", "--net", ..., "--json"])

$EMBEDCHECK when it is set (an installed binary, say); else the release build of this checkout,
built if needed, at the path cargo itself reports. cargo puts the build under
target/<host triple>/release/ (the project builds for the host as a named target:
.cargo/config.toml), so asking cargo is also what keeps a stale binary from an older layout out.
"""
import functools
import json
import os
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]


@functools.lru_cache(maxsize=None)
def cargo_executable(*selection):
    """Path of the release executable that `cargo build --release <selection>` makes (e.g.
    `"--bin", "embedcheck"` or `"--example", "exact_timing"`), building it if needed; asked of
    cargo once per process."""
    # Cargo's messages on stdout as JSON; compiler errors rendered for people on stderr.
    out = subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--message-format=json-render-diagnostics", *selection],
        cwd=ROOT, stdout=subprocess.PIPE, text=True, check=True,
    ).stdout
    paths = [m["executable"] for m in map(json.loads, out.splitlines())
             if m.get("reason") == "compiler-artifact" and m.get("executable")]
    if len(paths) != 1:
        raise RuntimeError(f"cargo build --release {' '.join(selection)} made {len(paths)} executables")
    return paths[0]


def embedcheck():
    """The embedcheck executable: $EMBEDCHECK, else this checkout's release build."""
    return os.environ.get("EMBEDCHECK") or cargo_executable("--bin", "embedcheck")
