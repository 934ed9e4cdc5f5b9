#!/usr/bin/env bash
# Run the unit tests (cmocka) and the CLI tests (bats) of one build directory,
# then print one line "BUILD: N passed, N failed". Exit 1 if anything failed.
# Usage: tests/run.sh BUILD_DIR
set -u
build=${1:?usage: tests/run.sh BUILD_DIR}
cd "$(dirname "$0")/.."
passed=0 failed=0
for t in "$build"/tests/test_*; do
    echo "== $t"
    out=$(FAHRAS_GOLDEN=tests/golden FAHRAS_CORPUS=corpus FAHRAS_FUZZ_CORPUS=tests/fuzz-corpus "$t" 2>&1)
    rc=$?
    echo "$out"
    p=$(echo "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
    f=$(echo "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
    passed=$((passed + ${p:-0})) failed=$((failed + ${f:-0}))
    # A crash (sanitizer abort) prints no summary: count it as a failure.
    if [ "$rc" -ne 0 ] && [ -z "$f" ]; then failed=$((failed + 1)); fi
done
echo "== bats tests/cli"
out=$(FAHRAS_BIN="$PWD/$build" bats --tap tests/cli 2>&1)
echo "$out"
p=$(echo "$out" | grep -c '^ok ')
f=$(echo "$out" | grep -c '^not ok ')
passed=$((passed + p)) failed=$((failed + f))
plan=$(echo "$out" | sed -n 's/^1\.\.\([0-9]*\)$/\1/p')
if [ -z "$plan" ] || [ "$((p + f))" -ne "$plan" ]; then failed=$((failed + 1)); fi
echo "$build: $passed passed, $failed failed"
echo "$passed $failed" > "$build/test-counts"
[ "$failed" -eq 0 ]
