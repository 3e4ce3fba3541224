#!/usr/bin/env bash
# A fuzz campaign: every cargo-fuzz target in turn, on stable (`--sanitizer none`), one core,
# at the lowest CPU priority; at the end a table of executions, exec/s, coverage, corpus and
# findings per target. Logs go to fuzz/target/campaign/<target>.log; libFuzzer's new corpus
# entries stay untracked (fuzz/.gitignore keeps only seed* and *.json in fuzz/corpus/).
set -euo pipefail

usage() {
    cat >&2 <<'EOF'
usage: fuzz/campaign.sh [SECONDS]
  SECONDS (or FUZZ_TIME, default 60): how long each target runs.
  FUZZ_TIME_<target>=SECONDS overrides it for one target, e.g. FUZZ_TIME_catalogue=1800.
  FUZZ_TARGETS="a b ..." runs only those targets (default: all, from `cargo fuzz list`).
EOF
    exit 2
}

case "${1:-}" in
    -h | --help) usage ;;
esac
[ $# -le 1 ] || usage
default_time="${1:-${FUZZ_TIME:-60}}"
case "$default_time" in
    '' | *[!0-9]*) usage ;;
esac

cd "$(dirname "$0")"
command -v cargo-fuzz >/dev/null || { echo "cargo-fuzz not found: cargo install cargo-fuzz --locked" >&2; exit 1; }

targets="${FUZZ_TARGETS:-$(cargo fuzz list)}"
logs=target/campaign
mkdir -p "$logs"

echo "building the targets (release, --sanitizer none)" >&2
nice -n 19 cargo fuzz build --sanitizer none >&2

stamp="$logs/.started"
touch "$stamp"
started="$(date -u '+%Y-%m-%d %H:%M UTC')"

for t in $targets; do
    var="FUZZ_TIME_$t"
    secs="${!var:-$default_time}"
    echo "$(date -u +%H:%M:%S) $t: ${secs} s" >&2
    mkdir -p "corpus/$t" "artifacts/$t"
    # libFuzzer exits non-zero on a finding; that ends this target's run, not the campaign.
    if nice -n 19 cargo fuzz run "$t" --sanitizer none -- \
        -max_total_time="$secs" -print_final_stats=1 >"$logs/$t.log" 2>&1; then
        echo 0 >"$logs/$t.status"
    else
        echo $? >"$logs/$t.status"
    fi
done

# The figures, from each log's final stats and its last status line (`#N DONE cov: … ft: … corp: …`).
final_stat() { sed -n "s/^stat::$1: *//p" "$2" | tail -n 1; }
field() { sed -n "s/.* $1: \([^ ]*\).*/\1/p" "$2" | tail -n 1; }

echo
echo "campaign started $started, $(nproc) cores, each target ${default_time} s unless overridden"
printf '%-18s %8s %12s %8s %8s %8s %16s %8s  %s\n' \
    target seconds execs exec/s cov ft corpus files findings
for t in $targets; do
    log="$logs/$t.log"
    var="FUZZ_TIME_$t"
    found="$(find "artifacts/$t" -type f -newer "$stamp" 2>/dev/null | sort | tr '\n' ' ')"
    [ "$(cat "$logs/$t.status")" = 0 ] || found="${found:-exit $(cat "$logs/$t.status"), see $log}"
    printf '%-18s %8s %12s %8s %8s %8s %16s %8s  %s\n' "$t" "${!var:-$default_time}" \
        "$(final_stat number_of_executed_units "$log")" "$(final_stat average_exec_per_sec "$log")" \
        "$(field cov "$log")" "$(field ft "$log")" "$(field corp "$log")" \
        "$(find "corpus/$t" -type f | wc -l)" "${found:-none}"
done
