# Shared set-up for the CLI tests: the binaries under test and a corpus index.
BIN=${FAHRAS_BIN:?set FAHRAS_BIN to the build directory}
ROOT=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
CORPUS=$ROOT/corpus
indexer() { "$BIN/indexer" "$@"; }
searcher() { "$BIN/searcher" "$@"; }

# Seed numbers (000..004) of the ids printed by `searcher -f ids`, sorted.
seeds() { sed -E 's|.*/([0-9]{3})_[^/]*$|\1|' | sort | tr '\n' ' ' | sed 's/ $//'; }
