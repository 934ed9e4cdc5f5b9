#!/usr/bin/env bats
# Failures: usage errors, a missing or locked index, bad queries and bad
# input files. Each gives a one-line message and a defined exit code, and
# nothing already indexed is lost.

load helpers

setup() {
    DB="$BATS_TEST_TMPDIR/db"
}

@test "--help for both programs exits 0" {
    run indexer --help
    [ "$status" -eq 0 ]
    [[ "$output" == *"Usage: indexer"* ]]
    run searcher --help
    [ "$status" -eq 0 ]
    [[ "$output" == *"--highlight"* ]]
    [[ "$output" == *"brackets elsewhere"* ]]
}

@test "usage errors exit 2" {
    run indexer "$CORPUS"
    [ "$status" -eq 2 ]
    run searcher الرقة
    [ "$status" -eq 2 ]
    run searcher --db "$DB"
    [ "$status" -eq 2 ]
    run searcher --db "$DB" --limit abc الرقة
    [ "$status" -eq 2 ]
    run indexer --db "$DB" --format xml "$CORPUS"
    [ "$status" -eq 2 ]
}

@test "a missing index exits 2 with a message" {
    run searcher --db "$BATS_TEST_TMPDIR/nothing-here" الرقة
    [ "$status" -eq 2 ]
    [ "${#lines[@]}" -eq 1 ]
    [[ "$output" == "searcher: $BATS_TEST_TMPDIR/nothing-here: "* ]]
    # the path is named once, and the reason follows it
    [[ "$output" != *"nothing-here: $BATS_TEST_TMPDIR/nothing-here"* ]]
    [[ "$output" == *"no index there"* ]]
    mkdir "$BATS_TEST_TMPDIR/empty"
    run searcher --db "$BATS_TEST_TMPDIR/empty" الرقة
    [ "$status" -eq 2 ]
    [[ "$output" == "searcher: $BATS_TEST_TMPDIR/empty: no index there: "* ]]
    run indexer --db "$BATS_TEST_TMPDIR/empty" --stats
    [ "$status" -eq 2 ]
    [[ "$output" == "indexer: $BATS_TEST_TMPDIR/empty: no index there: "* ]]
}

@test "an unbalanced quote exits 2 with a message" {
    indexer -q --db "$DB" "$CORPUS"
    run searcher --db "$DB" '"الرقة قسد'
    [ "$status" -eq 2 ]
    [[ "$output" == *"unbalanced quote"* ]]
}

@test "a query that is not UTF-8 exits 2" {
    indexer -q --db "$DB" "$CORPUS"
    run searcher --db "$DB" $'\xc7\xe1\xd1\xde\xc9'
    [ "$status" -eq 2 ]
    [[ "$output" == *"not valid UTF-8"* ]]
}

@test "a query of punctuation only exits 2" {
    indexer -q --db "$DB" "$CORPUS"
    run searcher --db "$DB" '«»،!'
    [ "$status" -eq 2 ]
}

@test "indexing corpus/ twice leaves five documents; the second run reads nothing" {
    run indexer --db "$DB" "$CORPUS"
    [ "$status" -eq 0 ]
    [[ "$output" == "indexed: 5 added, 0 replaced, 0 deleted, 0 skipped; 5 files read"* ]]
    run indexer --db "$DB" "$CORPUS"
    [ "$status" -eq 0 ]
    [[ "$output" == "indexed: 0 added, 0 replaced, 0 deleted, 0 skipped; 0 files read, 5 unchanged"*"(5 documents"* ]]
    run searcher --db "$DB" -f ids الرقة
    [ "${#lines[@]}" -eq 5 ]
}

@test "bad files are reported, skipped and counted; the rest is indexed" {
    d="$BATS_TEST_TMPDIR/in"
    mkdir -p "$d"
    cp "$CORPUS"/000_* "$d/"
    : > "$d/empty.txt"
    printf 'PK\003\004\000\000binary' > "$d/blob.bin"
    printf '<DOC><DOCNO>A</DOCNO><TEXT>نص عن الرقة</TEXT></DOC>\n<DOC><TEXT>بلا رقم</TEXT></DOC>\n<DOC><DOCNO>C' > "$d/bad.trec"
    printf '{"id":"j1","body":"الرقة"}\n{"id": broken\n' > "$d/bad.jsonl"
    run indexer --db "$DB" "$d"
    [ "$status" -eq 1 ]
    [[ "$output" == *"empty.txt: empty file"* ]]
    [[ "$output" == *"blob.bin: binary"* ]]
    [[ "$output" == *"bad.trec:2: record without DOCNO"* ]]
    [[ "$output" == *"bad.trec:3: byte 99: <DOC> without </DOC>"* ]]
    [[ "$output" == *"bad.jsonl:2: malformed JSON"* ]]
    [[ "$output" == *"indexed: 3 added, 0 replaced, 0 deleted, 5 skipped"* ]]
    run searcher --db "$DB" --count الرقة
    [ "$output" = "3" ]
}

@test "Windows-1256 and ISO-8859-6 files are decoded" {
    d="$BATS_TEST_TMPDIR/legacy"
    mkdir -p "$d"
    # الرقة مدينة سورية كبيرة, in both legacy encodings
    printf 'خبر\n\xc7\xe1\xd1\xde\xc9 \xe3\xcf\xed\xe4\xc9 \xd3\xe6\xd1\xed\xc9 \xdf\xc8\xed\xd1\xc9 \xcc\xcf\xc7\n' > "$d/cp1256.txt"
    printf 'خبر\n\xc7\xe4\xd1\xe2\xc9 \xe5\xcf\xea\xe6\xc9 \xd3\xe8\xd1\xea\xc9 \xe3\xc8\xea\xd1\xc9 \xcc\xcf\xc7\n' > "$d/iso.txt"
    iconv -f UTF-8 -t CP1256 <<< "$(cat "$CORPUS"/001_*)" > "$d/seed001-cp1256.txt"
    run indexer --db "$DB" "$d"
    [ "$status" -eq 0 ]
    run searcher --db "$DB" --count مدينة
    [ "$output" = "2" ]
    run searcher --db "$DB" --count قسد
    [ "$output" = "1" ]
}

@test "invalid UTF-8 inside a JSON string is repaired and reported with its offset, the rest kept" {
    printf '{"id":"a","body":"\xff\xfe قسد"}\n{"id":"b","body":"الرقة"}\n' > "$BATS_TEST_TMPDIR/x.jsonl"
    run indexer --db "$DB" "$BATS_TEST_TMPDIR/x.jsonl"
    [ "$status" -eq 1 ]
    [[ "$output" == *"x.jsonl:1: byte 18: 2 damaged bytes"*"U+FFFD"* ]]
    run searcher --db "$DB" --count الرقة
    [ "$output" = "1" ]
    run searcher --db "$DB" -f ids قسد
    [ "$output" = "a" ]
}

@test "a huge single line and standard input are indexed" {
    python3 -c 'print("عنوان الخبر الطويل جدا هنا\n" + "الرقة " * 300000)' > "$BATS_TEST_TMPDIR/huge.txt"
    run indexer --db "$DB" "$BATS_TEST_TMPDIR/huge.txt"
    [ "$status" -eq 0 ]
    printf '{"id":"s1","body":"خبر عن قسد"}\n' | indexer -q --db "$DB" --format jsonl -
    run searcher --db "$DB" --count قسد
    [ "$output" = "1" ]
    run searcher --db "$DB" -f json الرقة
    [ "$status" -eq 0 ]
}

@test "a locked index makes a second indexer exit 2 and loses nothing" {
    indexer -q --db "$DB" "$CORPUS"
    # Another writer holds the lock until it is killed.
    hold_lock "$DB" 60
    run indexer --db "$DB" "$CORPUS"
    kill "$holder"; wait "$holder" || true
    [ "$status" -eq 2 ]
    [ "${#lines[@]}" -eq 1 ]
    [[ "$output" == "indexer: $DB: index is locked by another writer"* ]]
    run searcher --db "$DB" --count قسد
    [ "$output" -eq 4 ]
    run indexer --db "$DB" "$CORPUS"
    [ "$status" -eq 0 ]
}

@test "an index from another analyzer version is refused" {
    indexer -q --db "$DB" "$CORPUS"
    /usr/bin/python3 -c '
import sys, xapian
db = xapian.WritableDatabase(sys.argv[1], xapian.DB_OPEN)
db.set_metadata("fahras.analyzer", "fahras-ar-0")
db.commit()' "$DB"
    run searcher --db "$DB" الرقة
    [ "$status" -eq 2 ]
    [[ "$output" == *"reindex"* ]]
    run indexer --db "$DB" "$CORPUS"
    [ "$status" -eq 2 ]
}

@test "a corrupt index exits 2 with a message" {
    indexer -q --db "$DB" "$CORPUS"
    for f in "$DB"/*.glass; do head -c 65536 /dev/urandom > "$f"; done
    run searcher --db "$DB" الرقة
    [ "$status" -eq 2 ]
    [[ "$output" == "searcher: "* ]]
}

@test "searching while an indexer commits never fails" {
    indexer -q --db "$DB" "$CORPUS"
    python3 -c 'print("\n".join("{\"id\":\"m%d\",\"body\":\"خبر عن الرقة رقم %d\"}" % (i, i) for i in range(30000)))' > "$BATS_TEST_TMPDIR/more.jsonl"
    indexer -q --commit-every 500 --db "$DB" "$BATS_TEST_TMPDIR/more.jsonl" & pid=$!
    fails=0
    while kill -0 "$pid" 2>/dev/null; do
        searcher --db "$DB" --limit 20 -f json الرقة > /dev/null || fails=$((fails + 1))
    done
    wait "$pid"
    [ "$fails" -eq 0 ]
    run searcher --db "$DB" --count الرقة
    [ "$output" -eq 30005 ]
}

@test "make install puts fahras-index and fahras-search in PREFIX/bin, with their man pages" {
    d="$BATS_TEST_TMPDIR/root"
    run make -C "$ROOT" --no-print-directory install BUILD="$BIN" DESTDIR="$d" PREFIX=/usr
    [ "$status" -eq 0 ]
    [ -x "$d/usr/bin/fahras-index" ]
    [ -x "$d/usr/bin/fahras-search" ]
    [ ! -e "$d/usr/bin/indexer" ] && [ ! -e "$d/usr/bin/searcher" ]
    [ -f "$d/usr/share/man/man1/fahras-index.1" ]
    [ -f "$d/usr/share/man/man1/fahras-search.1" ]
    run "$d/usr/bin/fahras-search" --version
    [ "$status" -eq 0 ]
}
