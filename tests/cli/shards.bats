#!/usr/bin/env bats
# Indexes in shards: --shards N, stub files, remote shards served by
# xapian-tcpsrv, and every shard checked.

load helpers

setup() {
    ONE="$BATS_TEST_TMPDIR/one"
    SH="$BATS_TEST_TMPDIR/sharded"
    indexer -q --db "$ONE" "$CORPUS"
}

teardown() {
    for p in ${servers:-}; do kill "$p" 2>/dev/null || true; done
}

# Hits as id and score (9 significant digits: scores travel as text over
# the network), for a query on an index.
hits() { searcher --db "$1" -f json --limit 20 "$2" | python3 -c '
import json, sys
for l in sys.stdin:
    h = json.loads(l)
    print(h["rank"], h["id"], "%.9g" % h["score"], h["snippet"], h["highlights"])'; }

QUERIES=(الرقة قسد '"وزارة الدفاع"' 'داعش OR حلب' 'الرقة -قسد')

@test "--shards 3: a stub lists the shards, and --db DIR searches them as one index" {
    run indexer --shards 3 --db "$SH" "$CORPUS"
    [ "$status" -eq 0 ]
    [ -f "$SH/XAPIANDB" ]
    [ "$(grep -c '^auto shard-0[0-2]$' "$SH/XAPIANDB")" = 3 ]
    # Documents are spread: no shard holds them all.
    for s in "$SH"/shard-*; do
        n=$(/usr/bin/python3 -c 'import sys, xapian; print(xapian.Database(sys.argv[1]).get_doccount())' "$s")
        [ "$n" -lt 5 ]
    done
    for q in "${QUERIES[@]}"; do
        [ "$(hits "$SH" "$q")" = "$(hits "$ONE" "$q")" ]
        [ "$(searcher --db "$SH" --count "$q")" = "$(searcher --db "$ONE" --count "$q")" ]
    done
    printf 'قسد\n"وزارة الدفاع"\nالرقة\n' > "$BATS_TEST_TMPDIR/kw"
    [ "$(searcher --db "$SH" --audit "$BATS_TEST_TMPDIR/kw" --by source)" = \
      "$(searcher --db "$ONE" --audit "$BATS_TEST_TMPDIR/kw" --by source)" ]
    # The stub file itself, and the shards given one by one, work too.
    [ "$(hits "$SH/XAPIANDB" قسد)" = "$(hits "$ONE" قسد)" ]
    [ "$(hits "$SH" قسد)" = "$(searcher --db "$SH/shard-00" --db "$SH/shard-01" --db "$SH/shard-02" -f json --limit 20 قسد | python3 -c '
import json, sys
for l in sys.stdin:
    h = json.loads(l)
    print(h["rank"], h["id"], "%.9g" % h["score"], h["snippet"], h["highlights"])')" ]
}

@test "sharded runs stay incremental: a document keeps its shard; changes and deletions work" {
    A="$BATS_TEST_TMPDIR/archive"
    mkdir -p "$A"
    cp "$CORPUS"/* "$A/"
    printf '<DOC><DOCNO>T1</DOCNO><TEXT>خبر عن الرقة</TEXT></DOC>\n<DOC><DOCNO>T2</DOCNO><TEXT>خبر عن قسد</TEXT></DOC>\n' > "$A/feed.trec"
    indexer -q --shards 2 --db "$SH" "$A"
    where() { for s in "$SH"/shard-*; do
        /usr/bin/python3 -c 'import sys, xapian; db = xapian.Database(sys.argv[1]); print(db.get_termfreq("Q" + sys.argv[2]))' "$s" "$1"; done | tr '\n' ' '; }
    before=$(where T1)
    run indexer --db "$SH" "$A"
    [[ "$output" == *"0 files read, 6 unchanged"* ]]
    printf '<DOC><DOCNO>T1</DOCNO><TEXT>خبر معدل عن دمشق</TEXT></DOC>\n' > "$A/feed.trec"
    run indexer --db "$SH" "$A"
    [ "$status" -eq 0 ]
    [[ "$output" == *"0 added, 1 replaced, 1 deleted"* ]]
    [ "$(where T1)" = "$before" ]
    [ "$(searcher --db "$SH" -f ids '"خبر معدل"')" = T1 ]
    rm "$A"/004_*
    run indexer --db "$SH" --delete-missing "$A"
    [[ "$output" == *"1 deleted"* ]]
    [ "$(indexer --db "$SH" --stats | sed -n 's/^documents\t//p')" = 5 ]
    run indexer --shards 3 --db "$SH" "$A"
    [ "$status" -eq 2 ]
    [[ "$output" == *"has 2 shards, not 3"* ]]
    run indexer --shards 2 --db "$ONE" "$A"
    [ "$status" -eq 2 ]
    [[ "$output" == *"index of one shard"* ]]
}

@test "every shard is checked: one from another analyzer version, listed in a stub, is refused by name" {
    indexer -q --shards 2 --db "$SH" "$CORPUS"
    /usr/bin/python3 -c '
import sys, xapian
db = xapian.WritableDatabase(sys.argv[1], xapian.DB_OPEN)
db.set_metadata("fahras.analyzer", "fahras-ar-0")
db.commit()' "$SH/shard-01"
    run searcher --db "$SH" قسد
    [ "$status" -eq 2 ]
    [[ "$output" == *"shard-01"*"analyzer fahras-ar-0"*"reindex"* ]]
    printf 'auto %s\nauto %s\n' "$ONE" "$SH/shard-01" > "$BATS_TEST_TMPDIR/mixed.stub"
    run searcher --db "$BATS_TEST_TMPDIR/mixed.stub" قسد
    [ "$status" -eq 2 ]
    [[ "$output" == *"shard-01"* ]]
    run indexer --db "$SH" "$CORPUS"
    [ "$status" -eq 2 ]
}

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# serve SHARD: xapian-tcpsrv on 127.0.0.1, in its own session (it signals
# its whole process group when stopped); sets $port, adds to $servers.
serve() {
    command -v xapian-tcpsrv > /dev/null || skip "xapian-tcpsrv is not installed (make deps)"
    port=$(free_port)
    setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$port" "$1" > /dev/null 2>&1 &
    servers="${servers:-} $!"
    for _ in $(seq 100); do
        python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' "$port" 2>/dev/null && return 0
        sleep 0.05
    done
    return 1
}

@test "remote shards through xapian-tcpsrv give the hits, counts, audits and snippets of one local index" {
    indexer -q --shards 2 --db "$SH" "$CORPUS"
    serve "$SH/shard-00"; p0=$port
    serve "$SH/shard-01"; p1=$port
    printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "$p0" "$p1" > "$BATS_TEST_TMPDIR/remote.stub"
    R="$BATS_TEST_TMPDIR/remote.stub"
    for q in "${QUERIES[@]}"; do
        [ "$(hits "$R" "$q")" = "$(hits "$ONE" "$q")" ]
        [ "$(searcher --db "$R" --count "$q")" = "$(searcher --db "$ONE" --count "$q")" ]
    done
    printf 'قسد\n"وزارة الدفاع"\nالرقة\n' > "$BATS_TEST_TMPDIR/kw"
    [ "$(searcher --db "$R" --audit "$BATS_TEST_TMPDIR/kw")" = "$(searcher --db "$ONE" --audit "$BATS_TEST_TMPDIR/kw")" ]
    # A shard goes down: exit 2 naming it, or answer from the others.
    kill "${servers##* }"; wait "${servers##* }" 2>/dev/null || true
    run searcher --db "$R" قسد
    [ "$status" -eq 2 ]
    [[ "$output" == *"remote 127.0.0.1:$p1"*"network error"* ]]
    run searcher --db "$R" --allow-partial --count قسد
    [ "$status" -eq 0 ]
    [[ "$output" == *"shard remote 127.0.0.1:$p1 cannot be reached"* ]]
    [ "${lines[-1]}" -ge 1 ]
    [ "${lines[-1]}" -lt 4 ]
}

@test "--compact merges the shards into one compacted index that searches and updates like the original" {
    indexer -q --shards 3 --db "$SH" "$CORPUS"
    run indexer --db "$SH" --compact "$BATS_TEST_TMPDIR/merged"
    [ "$status" -eq 0 ]
    [[ "$output" == "compacted: 5 documents from 3 shards of $SH into $BATS_TEST_TMPDIR/merged"* ]]
    M="$BATS_TEST_TMPDIR/merged"
    [ ! -e "$M/XAPIANDB" ]
    for q in "${QUERIES[@]}"; do
        [ "$(hits "$M" "$q")" = "$(hits "$ONE" "$q")" ]
    done
    # The file states came along: nothing to read again.
    run indexer --db "$M" "$CORPUS"
    [[ "$output" == *"0 files read, 5 unchanged"* ]]
    # It never overwrites.
    run indexer --db "$SH" --compact "$M"
    [ "$status" -eq 2 ]
    [[ "$output" == *"already exists"* ]]
}
