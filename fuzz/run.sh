#!/usr/bin/env bash
# Runs fuzz targets one after another, each for SECONDS, and says how each went.
#
#   fuzz/run.sh SECONDS [TARGET...]     (default: every target)
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). Only the stable toolchain is needed:
# RUSTC_BOOTSTRAP=1 lets it take the sanitizer flags libFuzzer builds use. Set SANITIZER=none to
# build without AddressSanitizer (faster, but no leak detection). Seeds come from fuzz/seed.py
# (run here each time); the corpus grows in fuzz/corpus/<target>/ and crashing inputs land in
# fuzz/artifacts/<target>/. Keep each one as tests/fuzz-regressions/<target>/<name> once fixed.
set -uo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 1 ] || ! [[ $1 =~ ^[0-9]+$ ]]; then
    echo "usage: fuzz/run.sh SECONDS [TARGET...]" >&2
    exit 2
fi
seconds=$1
shift
all=(text yaml_plan config rule_file docx pdf pipeline)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")
sanitizer=${SANITIZER:-address}

# The largest input each target tries: Word and PDF files need room for a package.
max_len() {
    case $1 in
        docx | pdf | pipeline) echo 262144 ;;
        *) echo 65536 ;;
    esac
}

export RUSTC_BOOTSTRAP=1
python3 fuzz/seed.py >/dev/null || { echo "fuzz/seed.py failed" >&2; exit 2; }
# -a: debug assertions and overflow checks on, as in `cargo test`.
cargo fuzz build -a -s "$sanitizer" || exit 2
bin=fuzz/target/$(rustc -vV | sed -n 's/^host: //p')/release

status=0
for target in "${targets[@]}"; do
    log=fuzz/logs/$target.log
    mkdir -p fuzz/logs "fuzz/artifacts/$target"
    echo "== $target: ${seconds}s (sanitizer $sanitizer, max_len $(max_len "$target"))"
    start=$(date +%s)
    # The binary built above, run directly: editing src/ during a long run changes nothing.
    "$bin/$target" "fuzz/corpus/$target" -artifact_prefix="fuzz/artifacts/$target/" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len="$(max_len "$target")" -print_final_stats=1 >"$log" 2>&1
    code=$?
    elapsed=$(($(date +%s) - start))
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    corpus=$(find "fuzz/corpus/$target" -type f | wc -l)
    crashes=$(find "fuzz/artifacts/$target" -type f | wc -l)
    if [ $code -eq 0 ]; then
        echo "   ok: ${runs:-?} executions in ${elapsed}s, corpus $corpus files, artifacts $crashes"
    else
        status=1
        echo "   FAILED (exit $code) after ${elapsed}s, ${runs:-?} executions; see $log"
        grep -m3 -E 'panicked|ERROR: libFuzzer|SUMMARY|Test unit written' "$log" | sed 's/^/   /'
    fi
done
exit $status
