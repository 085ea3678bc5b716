#!/usr/bin/env bash
# Checks that two builds of outcome-lint find exactly the same things: the check every engine
# change in docs/PERFORMANCE.md passed before it was kept.
#
#   bench/same-findings.sh OLD NEW      # two outcome-lint binaries
#
# It compares, byte for byte, what the two print (and their exit statuses) for: `eval` on the
# labelled statements and on the holdout, and `check --format json` on the corpus plans, the
# examples and 1,110 generated plans (written under BENCH_SCRATCH, default
# /tmp/outcome-lint-bench, by the gen-corpus example, as bench/run.sh writes them). Prints
# "same findings" and exits 0, or shows the first differences and exits 1.
set -euo pipefail

if [ $# -ne 2 ]; then
    sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 2
fi
OLD="$(realpath "$1")"
NEW="$(realpath "$2")"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCRATCH="${BENCH_SCRATCH:-/tmp/outcome-lint-bench}"

GEN="${CARGO_TARGET_DIR:-$ROOT/target}/release/examples/gen-corpus"
for n in 10 100 1000; do
    if [ ! -d "$SCRATCH/corpus-$n" ]; then
        (cd "$ROOT" && cargo build --release --quiet --example gen-corpus)
        "$GEN" "$n" "$SCRATCH/corpus-$n"
    fi
done

OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
run() { # LABEL ARGS...: both binaries' output and exit status, in the repository
    local label="$1"
    shift
    local binary which status
    for which in old new; do
        if [ "$which" = old ]; then binary="$OLD"; else binary="$NEW"; fi
        status=0
        (cd "$ROOT" && "$binary" "$@") >"$OUT/$label.$which" 2>&1 || status=$?
        echo "exit $status" >>"$OUT/$label.$which"
    done
}
run statements eval corpus/statements.tsv
run holdout eval corpus/holdout.tsv
run plans check --format json --threads 2 corpus/plans examples
run generated check --format json --threads 2 \
    "$SCRATCH/corpus-10" "$SCRATCH/corpus-100" "$SCRATCH/corpus-1000"

status=0
for old in "$OUT"/*.old; do
    label="$(basename "$old" .old)"
    if ! cmp -s "$old" "$OUT/$label.new"; then
        echo "different: $label"
        diff "$old" "$OUT/$label.new" | head -20 || true
        status=1
    fi
done
if [ "$status" = 0 ]; then
    echo "same findings"
fi
exit "$status"
