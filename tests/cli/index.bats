#!/usr/bin/env bats
# The indexer as a daily cron job would run it: incremental runs, stable ids,
# deletions, crash safety, bad input of every kind, and its statistics.

load helpers

setup() {
    DB="$BATS_TEST_TMPDIR/db"
    A="$BATS_TEST_TMPDIR/archive"
    mkdir -p "$A/2017" "$A/2018"
    cp "$CORPUS"/000_* "$CORPUS"/001_* "$A/2017/"
    cp "$CORPUS"/002_* "$CORPUS"/003_* "$CORPUS"/004_* "$A/2018/"
}

stat_of() { indexer --db "$DB" --stats | sed -n "s/^$1\t//p"; }
ids() { searcher --db "$DB" --all --format ids | sort; }

@test "an unchanged tree is not read again, and the index revision stays the same" {
    run indexer --db "$DB" "$A"
    [ "$status" -eq 0 ]
    rev=$(stat_of revision)
    run indexer --db "$DB" "$A"
    [ "$status" -eq 0 ]
    [[ "$output" == *"0 files read, 5 unchanged"* ]]
    [ "$(stat_of revision)" = "$rev" ]
    # Touched but not changed: the hash says so; the documents stay.
    touch "$A"/2017/*
    run indexer --db "$DB" "$A"
    [[ "$output" == *"0 added, 0 replaced, 0 deleted"*"2 files read, 5 unchanged"* ]]
    [ "$(searcher --db "$DB" --count قسد)" = 4 ]
}

@test "a changed file is replaced; a record gone from a changed file is deleted" {
    printf '<DOC><DOCNO>T1</DOCNO><TEXT>خبر أول عن الرقة</TEXT></DOC>\n<DOC><DOCNO>T2</DOCNO><TEXT>خبر ثان عن قسد</TEXT></DOC>\n' > "$A/feed.trec"
    indexer -q --db "$DB" "$A"
    [ "$(stat_of documents)" = 7 ]
    printf '<DOC><DOCNO>T1</DOCNO><TEXT>خبر معدل عن دمشق</TEXT></DOC>\n' > "$A/feed.trec"
    run indexer --db "$DB" "$A"
    [ "$status" -eq 0 ]
    [[ "$output" == *"0 added, 1 replaced, 1 deleted"*"1 files read, 5 unchanged"* ]]
    [ "$(stat_of documents)" = 6 ]
    [ "$(searcher --db "$DB" -f ids دمشق | grep -c T1)" = 1 ]
    run searcher --db "$DB" -f ids '"خبر ثان"'
    [ "$status" -eq 1 ]
}

@test "--delete-missing removes the documents of deleted files, and only with every root present" {
    indexer -q --db "$DB" "$A"
    rm "$A"/2018/004_*
    run indexer --db "$DB" "$A"
    [ "$(stat_of documents)" = 5 ]
    run indexer --db "$DB" --delete-missing "$A"
    [ "$status" -eq 0 ]
    [[ "$output" == *"1 deleted"* ]]
    [ "$(stat_of documents)" = 4 ]
    # A root that is not there deletes nothing.
    run indexer --db "$DB" --delete-missing "$A" "$BATS_TEST_TMPDIR/not-mounted"
    [ "$status" -eq 2 ]
    [[ "$output" == *"nothing was indexed or deleted"* ]]
    [ "$(stat_of documents)" = 4 ]
}

@test "a moved archive keeps its ids: nothing is duplicated" {
    indexer -q --db "$DB" "$A"
    before=$(ids)
    [[ "$before" == "archive/2017/000_"* ]]
    mkdir "$BATS_TEST_TMPDIR/mnt"
    cp -r "$A" "$BATS_TEST_TMPDIR/mnt/archive"   # new mtimes, same content
    run indexer --db "$DB" "$BATS_TEST_TMPDIR/mnt/archive"
    [ "$status" -eq 0 ]
    [[ "$output" == *"0 added, 0 replaced"* ]]
    [ "$(stat_of documents)" = 5 ]
    [ "$(ids)" = "$before" ]
}

@test "--include and --exclude choose the files; a README is left out" {
    echo "هذا ملف التعليمات وليس خبرا" > "$A/README"
    echo "نص" > "$A/2018/notes.md"
    run indexer --db "$DB" --include '*.txt' "$A"
    [ "$status" -eq 0 ]
    [ "$(stat_of documents)" = 5 ]
    run searcher --db "$DB" --count التعليمات
    [ "$output" = 0 ]
    rm -rf "$DB"
    run indexer --db "$DB" --exclude 2018 --exclude README "$A"
    [ "$(stat_of documents)" = 2 ]
    [ "$(ids | grep -c 2018)" = 0 ]
}

@test "--stats prints documents, terms, size, last update, versions and stemmer" {
    indexer -q --db "$DB" --stemmer snowball "$A"
    run indexer --db "$DB" --stats
    [ "$status" -eq 0 ]
    [[ "${lines[0]}" == $'documents\t5' ]]
    terms=$(stat_of terms)
    [ "$terms" -gt 1000 ]
    size=$(stat_of size | cut -d' ' -f1)
    [ "$size" -eq "$(find "$DB" -type f -printf '%s\n' | awk '{s += $1} END {print s}')" ]
    [[ "$(stat_of updated)" =~ ^20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]T ]]
    [ "$(stat_of format)" = "$("$BIN/indexer" --version | sed 's/.*index format //')" ]
    [[ "$(stat_of analyzer)" == fahras-ar-* ]]
    [ "$(stat_of stemmer)" = snowball ]
    run indexer --db "$BATS_TEST_TMPDIR/none" --stats
    [ "$status" -eq 2 ]
}

@test "kill -9 at random moments: the index opens, holds whole documents, and a re-run completes it" {
    python3 -c '
import json
for i in range(12000):
    print(json.dumps({"id": "k%d" % i, "title": "خبر رقم %d" % i,
                      "body": "نص الخبر عن الرقة وقسد رقم %d " % i * 20}, ensure_ascii=False))' > "$BATS_TEST_TMPDIR/k.jsonl"
    split -l 1000 -d "$BATS_TEST_TMPDIR/k.jsonl" "$A/part-" --additional-suffix=.jsonl
    clean="$BATS_TEST_TMPDIR/clean"
    indexer -q --db "$clean" "$A"
    want=$(searcher --db "$clean" --all --format ids | sort)
    [ "$(echo "$want" | wc -l)" = 12005 ]
    kills=0
    # The binary itself goes to the background, so that $! is the indexer:
    # "indexer ... &" would fork a subshell for the helper function, and the
    # kill would hit the subshell while the indexer ran on, orphaned.
    for i in $(seq 8); do
        "$BIN/indexer" -q --commit-every 300 --db "$DB" "$A" & pid=$!
        sleep "0.$((RANDOM % 9 + 1))"
        kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
        wait "$pid" || true
        # Whatever the moment, there is no index yet or one that opens, and
        # every document in it is whole.
        if [ -e "$DB" ]; then
            run searcher --db "$DB" --all --count   # 1 when still empty
            [ "$status" -le 1 ]
            n=$output
            [[ "$n" =~ ^[0-9]+$ ]]
            [ "$(searcher --db "$DB" --count الرقة || true)" -ge "$((n - 5))" ]
        fi
    done
    [ "$kills" -gt 0 ]
    [ -e "$DB" ]
    run indexer --db "$DB" "$A"
    [ "$status" -eq 0 ]
    [ "$(ids)" = "$want" ]
    [ "$(searcher --db "$DB" --all --count)" = "$(echo "$want" | wc -l)" ]
}

@test "kill -9 in the first milliseconds of a new index: no index, or one that opens" {
    for i in $(seq 10); do
        rm -rf "$DB" "$DB.new"
        "$BIN/indexer" -q --db "$DB" "$CORPUS" & pid=$!
        sleep "0.00$((RANDOM % 9 + 1))"
        kill -9 "$pid" 2>/dev/null || true
        wait "$pid" || true
        if [ -e "$DB" ]; then
            run searcher --db "$DB" --all --count
            [ "$status" -le 1 ]
            [[ "$output" =~ ^[0-9]+$ ]]
        fi
        # whatever was left, the next run builds the index
        run indexer -q --db "$DB" "$CORPUS"
        [ "$status" -eq 0 ]
        [ "$(searcher --db "$DB" --all --count)" -eq 5 ]
    done
}

@test "symbolic links inside the tree are not followed: no loop, nothing from outside" {
    ln -s .. "$A/2017/up"
    ln -s ../.. "$A/2018/upup"
    ln -s /usr/share/doc "$A/doc"
    ln -s "$A/2017/000_"* "$A/dup.txt"
    run indexer --db "$DB" "$A"
    [ "$status" -eq 1 ]
    [[ "$output" == *"2017/up: symbolic link to "*"not followed"* ]]
    [[ "$output" == *"doc: symbolic link to /usr/share/doc, not followed"* ]]
    [[ "$output" == *"dup.txt: symbolic link"* ]]
    [ "$(stat_of documents)" = 5 ]
    # A loop of links.
    ln -s loop2 "$A/loop1"; ln -s loop1 "$A/loop2"
    run indexer --db "$DB" "$A"
    [[ "$output" == *"loop1: symbolic link loop, not followed"* ]]
    [ "$(stat_of documents)" = 5 ]
}

@test "one damaged byte does not drop the article: it is indexed, with the offset reported" {
    f="$A/2018/damaged.txt"
    { printf 'خبر عن دير الزور اليوم\nالقوات تتقدم في '; printf '\xff'; printf ' دير الزور\n'; } > "$f"
    run indexer --db "$DB" "$A"
    [ "$status" -eq 1 ]
    off=$(( $(printf 'خبر عن دير الزور اليوم\nالقوات تتقدم في ' | wc -c) ))
    [[ "$output" == *"damaged.txt: byte $off: 1 damaged byte"*"U+FFFD"* ]]
    [ "$(searcher --db "$DB" -f ids 'تتقدم' | grep -c damaged)" = 1 ]
}

@test "UTF-16 with a byte order mark is decoded, both byte orders" {
    printf 'خبر عن قسد في الشمال\nقوات سوريا الديمقراطية\n' | iconv -f UTF-8 -t UTF-16LE | { printf '\xff\xfe'; cat; } > "$A/le.txt"
    printf '{"id":"be1","body":"خبر عن قسد"}\n' | iconv -f UTF-8 -t UTF-16BE | { printf '\xfe\xff'; cat; } > "$A/be.jsonl"
    run indexer --db "$DB" "$A"
    [ "$status" -eq 0 ]
    run searcher --db "$DB" -f ids قسد
    [[ "$output" == *"archive/le.txt"* ]]
    [[ "$output" == *"be1"* ]]
}

@test "a .json file holding an array or pretty-printed records is read" {
    printf '[\n  {\n    "id": "arr1",\n    "body": "خبر عن الرقة"\n  },\n  {"id": "arr2", "body": "خبر آخر"}\n]\n' > "$A/list.json"
    printf '{\n  "id": "pp1",\n  "body": "خبر عن دمشق"\n}\n' > "$A/one.json"
    printf '[{"id": "x1", "body": "نص"},\n {"id": ' > "$A/broken.json"
    run indexer --db "$DB" "$A"
    [ "$status" -eq 1 ]
    [[ "$output" == *"broken.json: line 2: malformed JSON"*"JSON array of objects"* ]]
    [ "$(echo "$output" | grep -c broken.json)" = 1 ]
    [ "$(stat_of documents)" = 9 ]
}

@test "plain text from standard input needs --id, and --id names it" {
    run indexer --db "$DB" - <<< "خبر عن قسد"
    [ "$status" -eq 2 ]
    [[ "$output" == *"needs --id"* ]]
    indexer -q --db "$DB" --id note-1 - <<< "خبر عن قسد"
    indexer -q --db "$DB" --id note-2 - <<< "خبر آخر عن قسد"
    [ "$(ids)" = "$(printf 'note-1\nnote-2')" ]
}

@test "disk full: exit 2, the message says what the index really holds, and nothing is lost" {
    indexer -q --db "$DB" "$A"
    python3 -c 'print("\n".join("{\"id\":\"m%d\",\"body\":\"خبر عن الرقة رقم %d\"}" % (i, i) for i in range(3000)))' > "$BATS_TEST_TMPDIR/more.jsonl"
    run env FAHRAS_ENOSPC_DIR="$DB" FAHRAS_ENOSPC_AFTER=20000 LD_PRELOAD="$BIN/tests/enospc.so" \
        ASAN_OPTIONS=verify_asan_link_order=0:detect_leaks=0 \
        "$BIN/indexer" --db "$DB" --commit-every 1000 "$BATS_TEST_TMPDIR/more.jsonl"
    [ "$status" -eq 2 ]
    [[ "$output" == *"the index holds 5 documents, as of its last commit"* ]]
    [[ "$output" != *"added"* ]]
    [ "$(searcher --db "$DB" --count قسد)" = 4 ]
    run indexer --db "$DB" "$BATS_TEST_TMPDIR/more.jsonl"
    [ "$status" -eq 0 ]
    [ "$(stat_of documents)" = 3005 ]
}

# As root, permissions are not enforced: run the indexer as nobody, in a
# directory nobody can reach (bats keeps its own temporary tree private).
as_user() {
    if [ "$(id -u)" = 0 ]; then
        setpriv --reuid=nobody --regid=nogroup --clear-groups "$BIN/indexer" "$@"
    else
        "$BIN/indexer" "$@"
    fi
}

open_dir() {
    O=$(mktemp -d /tmp/fahras-perm.XXXXXX)
    chmod 0755 "$O"
    cp -r "$A" "$O/archive"
    chmod -R a+rX "$O"
    [ "$(id -u)" = 0 ] && chown -R nobody "$O/archive"
    return 0
}

@test "a read-only index, a permission error and a --db that is a file are named as such" {
    touch "$BATS_TEST_TMPDIR/afile"
    run indexer --db "$BATS_TEST_TMPDIR/afile" "$A"
    [ "$status" -eq 2 ]
    [[ "$output" == *"afile: not a directory"* ]]
    open_dir
    indexer -q --db "$O/db" "$O/archive"
    chmod -R a+rX,a-w "$O/db"
    run as_user --db "$O/db" "$O/archive"
    chmod -R u+w "$O/db"
    n=$(searcher --db "$O/db" --all --count)
    rm -rf "$O"
    [ "$status" -eq 2 ]
    [[ "$output" == *"Permission denied (the index cannot be written)"* ]]
    [[ "$output" != *"locked"* ]]
    [ "$n" = 5 ]
}

@test "an unreadable file is reported and the others are indexed" {
    open_dir
    chmod 000 "$O/archive/2017/000_"*
    mkdir "$O/db" && chmod 0777 "$O/db"
    run as_user --db "$O/db" "$O/archive"
    n=$(searcher --db "$O/db" --all --count)
    rm -rf "$O"
    [ "$status" -eq 1 ]
    [[ "$output" == *"000_"*"Permission denied"* ]]
    [ "$n" = 4 ]
}

@test "big and strange inputs: bounded memory, clear limits, the rest indexed" {
    # 50 MB without a newline: over the 16 MiB limit for one article.
    head -c 50000000 /dev/zero | tr '\0' 'a' > "$A/long.txt"
    # A 10,000-letter word: longer than any Xapian term.
    python3 -c 'print("خبر فيه كلمة طويلة " + "ب" * 10000 + " ثم الرقة")' > "$A/word.txt"
    # NUL bytes in a text.
    printf 'خبر عن حلب\000 والرقة اليوم\n' > "$A/nul.txt"
    run indexer --db "$DB" "$A" /dev/zero
    [ "$status" -eq 1 ]
    [[ "$output" == *"long.txt: 47 MiB: over the 16 MiB limit for one article, skipped"* ]]
    [[ "$output" == *"/dev/zero: binary data, skipped"* ]]
    [[ "$output" == *"nul.txt: byte "*"replaced by U+FFFD"* ]]
    [ "$(stat_of documents)" = 7 ]
    [ "$(searcher --db "$DB" -f ids 'الرقة' | grep -c word.txt)" = 1 ]
    [ "$(searcher --db "$DB" -f ids 'حلب' | grep -c nul.txt)" = 1 ]
}

@test "bad numbers for options are refused" {
    run indexer --db "$DB" --commit-every -5 "$A"
    [ "$status" -eq 2 ]
    [[ "$output" == *"--commit-every needs a whole number"* ]]
    run indexer --db "$DB" --commit-every 99999999999999999999 "$A"
    [ "$status" -eq 2 ]
    run indexer --db "$DB" --threads 0 "$A"
    [ "$status" -eq 2 ]
    run indexer --db "$DB" --wait=soon "$A"
    [ "$status" -eq 2 ]
    [ ! -e "$DB" ]
}

@test "the same input gives the same index with one thread or three" {
    python3 -c '
import json
for i in range(600):
    print(json.dumps({"id": "t%d" % i, "title": "عنوان %d" % i, "date": "2018-01-%02d" % (i % 28 + 1),
                      "body": "نص الخبر عن الرقة وقسد ودمشق رقم %d " % i * (i % 7 + 1)}, ensure_ascii=False))' > "$A/t.jsonl"
    indexer -q --threads 1 --db "$BATS_TEST_TMPDIR/one" "$A"
    indexer -q --threads 3 --db "$BATS_TEST_TMPDIR/three" "$A"
    dump() {
        /usr/bin/python3 -c '
import sys, xapian
db = xapian.Database(sys.argv[1])
for d in range(1, db.get_lastdocid() + 1):
    doc = db.get_document(d)
    print(d, repr(doc.get_data()))
    for t in doc.termlist():
        print(" ", t.term, t.wdf, list(db.positionlist(d, t.term)))
    for v in doc.values():
        print(" v", v.num, v.value)' "$1"
    }
    dump "$BATS_TEST_TMPDIR/one" > "$BATS_TEST_TMPDIR/one.txt"
    dump "$BATS_TEST_TMPDIR/three" > "$BATS_TEST_TMPDIR/three.txt"
    [ "$(grep -c '^[0-9]' "$BATS_TEST_TMPDIR/one.txt")" = 605 ]
    cmp "$BATS_TEST_TMPDIR/one.txt" "$BATS_TEST_TMPDIR/three.txt"
}

@test "--wait waits for another indexer's lock, then indexes" {
    indexer -q --db "$DB" "$CORPUS"
    hold_lock "$DB" 2
    run indexer --db "$DB" --wait=1 "$A"
    [ "$status" -eq 2 ]
    [[ "$output" == *"locked by another writer"* ]]
    run indexer --db "$DB" --wait=30 "$A"
    wait "$holder" || true
    [ "$status" -eq 0 ]
    [[ "$output" == *"5 added"* ]]
}

@test "on a terminal a progress line shows files, documents, MB, rate and ETA; --quiet hides it" {
    command -v script > /dev/null || skip "no script(1) to give the indexer a terminal"
    run timeout 60 script -qc "'$BIN/indexer' --db '$DB' '$A'" /dev/null
    [ "$status" -eq 0 ]
    [[ "$output" == *"indexer: "*"/5 files, "*" documents, "*" MB, "*" docs/s, ETA "* ]]
    [[ "$output" == *"indexed: 5 added"* ]]
    rm -rf "$DB"
    run timeout 60 script -qc "'$BIN/indexer' --quiet --db '$DB' '$A'" /dev/null
    [ "$status" -eq 0 ]
    [[ "$output" != *"docs/s"* ]]
    [[ "$output" != *"indexed:"* ]]
    [ "$(stat_of documents)" = 5 ]
}

@test "two directories with one name are refused: their files would share ids" {
    mkdir -p "$BATS_TEST_TMPDIR/x/news" "$BATS_TEST_TMPDIR/y/news"
    cp "$CORPUS"/000_* "$BATS_TEST_TMPDIR/x/news/a.txt"
    cp "$CORPUS"/001_* "$BATS_TEST_TMPDIR/y/news/a.txt"
    run indexer --db "$DB" "$BATS_TEST_TMPDIR/x/news" "$BATS_TEST_TMPDIR/y/news"
    [ "$status" -eq 2 ]
    [[ "$output" == *"both named 'news'"* ]]
    [ ! -e "$DB" ]
    run indexer --db "$DB" "$BATS_TEST_TMPDIR/x" "$BATS_TEST_TMPDIR/y"
    [ "$status" -eq 0 ]
    [ "$(ids)" = "$(printf 'x/news/a.txt\ny/news/a.txt')" ]
}
