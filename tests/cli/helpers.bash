# Shared set-up for the CLI tests: the binaries under test and a corpus index.
BIN=${FAHRAS_BIN:?set FAHRAS_BIN to the build directory}
ROOT=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
CORPUS=$ROOT/corpus
indexer() { "$BIN/indexer" "$@"; }
searcher() { "$BIN/searcher" "$@"; }

# Seed numbers (000..004) of the ids printed by `searcher -f ids`, sorted.
seeds() { sed -E 's|.*/([0-9]{3})_[^/]*$|\1|' | sort | tr '\n' ' ' | sed 's/ $//'; }

# Hold the write lock of index $1 for $2 seconds, from another process (in
# the background); returns once the lock is taken. Its pid is in $holder.
hold_lock() {
    /usr/bin/python3 -c '
import sys, time, xapian
db = xapian.WritableDatabase(sys.argv[1], xapian.DB_OPEN)
print("locked", flush=True)
time.sleep(float(sys.argv[2]))' "$1" "$2" > "$BATS_TEST_TMPDIR/holder.out" & holder=$!
    for _ in $(seq 200); do grep -q locked "$BATS_TEST_TMPDIR/holder.out" && break; sleep 0.05; done
}

# Index the JSON Lines on stdin into a fresh index under the test's own
# directory, $BATS_TEST_TMPDIR/$1/db, and set FDB to it.
jsonl_db() {
    local d="$BATS_TEST_TMPDIR/$1"
    mkdir -p "$d"
    cat > "$d/a.jsonl"
    indexer --quiet --db "$d/db" "$d/a.jsonl" && FDB=$d/db
}

# The ids a query finds in $FDB, sorted, each followed by a space.
fids() { searcher --db "$FDB" -f ids --limit 100 "$@" | sort | tr '\n' ' '; }
