#!/usr/bin/env bats
# The searcher on the seed corpus: matching, clitics, diacritics, output
# formats, snippets and highlights, exit codes.

load helpers

setup_file() {
    export DB="$BATS_FILE_TMPDIR/db"
    "$FAHRAS_BIN/indexer" --quiet --db "$DB" "$BATS_TEST_DIRNAME/../../corpus"
}

@test "الرقة matches all five seeds" {
    run searcher --db "$DB" -f ids الرقة
    [ "$status" -eq 0 ]
    [ "$(echo "$output" | seeds)" = "000 001 002 003 004" ]
}

@test "قسد matches exactly seeds 000 001 003 004" {
    run searcher --db "$DB" -f ids قسد
    [ "$status" -eq 0 ]
    [ "$(echo "$output" | seeds)" = "000 001 003 004" ]
}

@test "«قسد» with guillemets matches the same four" {
    run searcher --db "$DB" -f ids «قسد»
    [ "$status" -eq 0 ]
    [ "$(echo "$output" | seeds)" = "000 001 003 004" ]
}

@test "والرقة, بالرقة, للرقة and الرَّقَّة match what الرقة matches" {
    want=$(searcher --db "$DB" -f ids الرقة | seeds)
    for q in والرقة بالرقة للرقة فالرقة الرَّقَّة الرقـــة; do
        got=$(searcher --db "$DB" -f ids "$q" | seeds)
        [ "$got" = "$want" ] || { echo "$q: $got vs $want"; return 1; }
    done
}

@test "--count prints the exact number of matches" {
    run searcher --db "$DB" --count قسد
    [ "$status" -eq 0 ]
    [ "$output" = "4" ]
    run searcher --db "$DB" --count الرقة قسد
    [ "$output" = "4" ]
    run searcher --db "$DB" --count --any قسد لافروف
    [ "$output" -ge 4 ]
}

@test "the JSON snippet for الرقة on seed 004 highlights والرقة" {
    run searcher --db "$DB" -f json الرقة
    [ "$status" -eq 0 ]
    line=$(echo "$output" | grep '004_0cc4af94058731b6')
    [ -n "$line" ]
    # Cut every highlight out of the snippet, counting code points.
    words=$(python3 -c '
import json, sys
o = json.loads(sys.argv[1])
s = o["snippet"]
print(" ".join(s[a:b] for a, b in o["highlights"]))' "$line")
    echo "$words"
    [[ " $words " == *" والرقة "* ]]
    [[ " $words " == *" الرقة "* ]]
}

@test "JSON hits carry every documented field" {
    run searcher --db "$DB" -f json --limit 1 قسد
    [ "$status" -eq 0 ]
    [ "$(echo "$output" | wc -l)" -eq 1 ]
    python3 -c '
import json, sys
o = json.loads(sys.argv[1])
for k in ("rank", "id", "score", "title", "date", "source", "path", "snippet", "highlights"):
    assert k in o, k
assert o["rank"] == 1 and o["score"] > 0 and o["title"]
s = o["snippet"]
assert o["highlights"], "no highlights"
for a, b in o["highlights"]:
    assert s[a:b].endswith("قسد"), s[a:b]' "$output"
}

@test "dates found in plain text are shown" {
    run searcher --db "$DB" -f json الرقة
    echo "$output" | grep '001_aa6ce62c0d37df24' | grep -q '"date":"2017-06-08"'
    echo "$output" | grep '002_bdbef2564a4e5721' | grep -q '"date":"2017-12-08"'
}

@test "human output shows rank, title, id and a bracketed highlight off a terminal" {
    run searcher --db "$DB" --limit 1 قسد
    [ "$status" -eq 0 ]
    [[ "${lines[0]}" == "1. "* ]]
    [[ "${lines[1]}" == *"corpus/0"* ]]
    [[ "$output" == *"[قسد]"* ]]
    run searcher --db "$DB" --limit 1 --highlight=none قسد
    [[ "$output" != *"[قسد]"* ]]
    run searcher --db "$DB" --limit 1 --highlight=ansi قسد
    [[ "$output" == *$'\033[1;31m'* ]]
}

@test "trec and ids formats, limit and offset" {
    run searcher --db "$DB" -f trec --qid 7 الرقة
    [ "$status" -eq 0 ]
    [ "${#lines[@]}" -eq 5 ]
    [[ "${lines[0]}" =~ ^7\ Q0\ corpus/0.*\ 1\ [0-9.]+\ fahras$ ]]
    all=$(searcher --db "$DB" -f ids الرقة)
    run searcher --db "$DB" -f ids --limit 2 --offset 1 الرقة
    [ "$output" = "$(echo "$all" | sed -n 2,3p)" ]
}

@test "a phrase matches words in order only" {
    run searcher --db "$DB" --count '"قوات سورية الديمقراطية"'
    [ "$status" -eq 0 ]
    [ "$output" -ge 2 ]
    run searcher --db "$DB" --count '"الديمقراطية سورية قوات"'
    [ "$status" -eq 1 ]
    [ "$output" = "0" ]
}

@test "--any finds documents with either word" {
    run searcher --db "$DB" -f ids --any قسد كلمةغيرموجودة
    [ "$(echo "$output" | seeds)" = "000 001 003 004" ]
    run searcher --db "$DB" -f ids قسد كلمةغيرموجودة
    [ "$status" -eq 1 ]
}

@test "a word absent from the corpus exits 1 with no output" {
    run searcher --db "$DB" كلمةغيرموجودة
    [ "$status" -eq 1 ]
    [ -z "$output" ]
}

@test "--sort date puts the newest first, --sort date-asc the oldest; undated last in both" {
    for order in date date-asc; do
        run searcher --db "$DB" -f json --sort "$order" الرقة
        [ "$status" -eq 0 ]
        [ "${#lines[@]}" -eq 5 ]
        echo "$output" | python3 -c '
import json, sys
dates = [json.loads(l)["date"] for l in sys.stdin]
dated = [d for d in dates if d]
assert len(dated) == 3, dates
# every dated hit comes before every undated one
assert dates[:len(dated)] == dated, dates
assert dated == sorted(dated, reverse=sys.argv[1] == "date"), dates' "$order"
    done
}

@test "--queries runs a batch: ids from QID<TAB>QUERY, line numbers otherwise" {
    printf 'r1\tالرقة\n# a comment\n\nقسد\n' > "$BATS_TEST_TMPDIR/q.tsv"
    run searcher --db "$DB" -f trec --queries "$BATS_TEST_TMPDIR/q.tsv"
    [ "$status" -eq 0 ]
    [ "$(echo "$output" | grep -c '^r1 Q0 ')" -eq 5 ]
    [ "$(echo "$output" | grep -c '^4 Q0 ')" -eq 4 ]
    run searcher --db "$DB" --count --queries "$BATS_TEST_TMPDIR/q.tsv"
    [ "${lines[0]}" = "r1	5" ]
    [ "${lines[1]}" = "4	4" ]
}

@test "a bad line in a batch is reported with its line number; the rest runs" {
    printf 'الرقة\n"قسد\nقسد\n' | searcher --db "$DB" --count --queries - > "$BATS_TEST_TMPDIR/out" 2> "$BATS_TEST_TMPDIR/err" && st=0 || st=$?
    [ "$st" -eq 2 ]
    grep -q '^searcher: -:2: query 2: character 1: unbalanced quote' "$BATS_TEST_TMPDIR/err"
    [ "$(cat "$BATS_TEST_TMPDIR/out")" = "$(printf '1\t5\n3\t4')" ]
}

@test "--bm25 takes K1,B and refuses nonsense" {
    run searcher --db "$DB" --bm25 1.2,0.75 -f ids الرقة
    [ "$status" -eq 0 ]
    [ "${#lines[@]}" -eq 5 ]
    run searcher --db "$DB" --bm25 1.2 الرقة
    [ "$status" -eq 2 ]
    run searcher --db "$DB" --bm25 1,2 الرقة
    [ "$status" -eq 2 ]
}

@test "clitic forms are highlighted: searching الرقة marks الرقة, للرقة and والرقة alike" {
    run searcher --db "$DB" -f json --limit 5 الرقة
    [ "$status" -eq 0 ]
    python3 -c '
import json, sys
forms = set()
for line in sys.argv[1].splitlines():
    o = json.loads(line)
    forms |= {o["snippet"][a:b] for a, b in o["highlights"]}
print(sorted(forms))
assert {"الرقة", "للرقة", "والرقة"} <= forms, forms' "$output"
}

@test "clitic forms are highlighted: searching قسد marks «قسد» and \"قسد\" in every hit" {
    run searcher --db "$DB" -f json --limit 5 قسد
    [ "$status" -eq 0 ]
    [ "${#lines[@]}" -eq 4 ]
    python3 -c '
import json, sys
for line in sys.argv[1].splitlines():
    o = json.loads(line)
    words = [o["snippet"][a:b] for a, b in o["highlights"]]
    assert words and all(w == "قسد" for w in words), (o["id"], words)
    # the highlight is the word alone, its quotes left out
    assert any(o["snippet"][b] in "»\"" for a, b in o["highlights"]), o["snippet"]' "$output"
}
