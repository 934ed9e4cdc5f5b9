#!/usr/bin/env bats
# The query language (operators, fields, dates, exact forms, prefixes,
# Unicode spaces), its errors, the output formats and output safety, on
# corpus/ and on the ANT fixture (tests/fixture/ant).

load helpers

setup_file() {
    export DB="$BATS_FILE_TMPDIR/db" FX="$BATS_FILE_TMPDIR/fx"
    "$FAHRAS_BIN/indexer" --quiet --db "$DB" "$BATS_TEST_DIRNAME/../../corpus"
    "$FAHRAS_BIN/indexer" --quiet --db "$FX" "$BATS_TEST_DIRNAME/../fixture/ant"
}

ids() { searcher --db "$DB" -f ids --limit 100 "$@" | seeds; }
count() { searcher --db "$1" --count "${@:2}"; }

# ---- operators ----

@test "OR and | give the union; OR binds tighter than the default AND" {
    [ "$(ids قسد)" = "000 001 003 004" ]
    [ "$(ids لافروف)" = "000 001 002 004" ]
    [ "$(ids البوكمال)" = "000 001 004" ]
    [ "$(ids قسد OR لافروف)" = "000 001 002 003 004" ]
    [ "$(ids 'قسد | لافروف')" = "000 001 002 003 004" ]
    # البوكمال AND (لافروف OR قسد)
    [ "$(ids البوكمال لافروف OR قسد)" = "000 001 004" ]
    [ "$(ids '(البوكمال لافروف) OR قسد')" = "000 001 003 004" ]
}

@test "NOT, -word and --: documents without the word" {
    [ "$(ids الرقة NOT قسد)" = "002" ]
    [ "$(ids الرقة -قسد)" = "002" ]
    # -word first: taken as a query, with or without --
    run searcher --db "$DB" -f ids -قسد
    [ "$status" -eq 0 ]
    [ "$(echo "$output" | seeds)" = "002" ]
    run searcher --db "$DB" -f ids -- -قسد
    [ "$(echo "$output" | seeds)" = "002" ]
    [ "$(ids 'الرقة -(قسد OR البوكمال)')" = "002" ]
    [ "$(ids '"قوات سورية الديمقراطية"')" = "000 003" ]
    [ "$(ids 'الرقة NOT "قوات سورية الديمقراطية"')" = "001 002 004" ]
}

@test "+word must match even with --any" {
    [ "$(ids --any البوكمال لافروف)" = "000 001 002 004" ]
    [ "$(ids --any +البوكمال لافروف)" = "000 001 004" ]
}

@test "an explicit AND is the default operator" {
    [ "$(ids قسد AND البوكمال)" = "$(ids قسد البوكمال)" ]
    [ "$(ids قسد AND البوكمال)" = "000 001 004" ]
}

@test "NEAR/n: words within n of each other, in any order" {
    run count "$DB" 'داعش NEAR/1 قسد'
    near1=$output
    run count "$DB" 'قسد NEAR/1 داعش'
    [ "$output" = "$near1" ]
    run count "$DB" 'داعش NEAR/30 قسد'
    [ "$output" -ge "$near1" ]
    [ "$output" -ge 1 ]
    run count "$DB" 'داعش قسد'
    [ "$output" -ge "$(count "$DB" 'داعش NEAR/30 قسد')" ]
}

@test "=word is the exact normalized form: no stemming, no clitics" {
    [ "$(ids الرقة)" = "000 001 002 003 004" ]
    [ "$(ids =والرقة)" = "004" ]
    # diacritics and tatweel still fold
    [ "$(ids =والرَّقّـة)" = "004" ]
    run searcher --db "$DB" -f json =والرقة
    echo "$output" | python3 -c '
import json, sys
o = json.loads(sys.stdin.readline())
words = {o["snippet"][a:b] for a, b in o["highlights"]}
assert words == {"والرقة"}, words'
}

@test "=\"a phrase\" is its words in their exact forms, in order, checked where they stand" {
    jsonl_db exph <<'JSON'
{"id":"lit","body":"قال وزير الخارجية إن حماية المدنيين أولوية"}
{"id":"clit","body":"طالب المجلس بحماية المدنيين في الريف"}
{"id":"apart","body":"حماية الحدود مهمة، والمدنيين أولا"}
{"id":"both","body":"حماية المدنيين واجب، وحماية المدنيين حق"}
{"id":"fold","body":"إن حمايةَ المدنيّين واجبة"}
JSON
    # stemmed, the phrase finds its clitic form; exact, only the very words
    [ "$(fids '"حماية المدنيين"')" = "both clit fold lit " ]
    [ "$(fids '="حماية المدنيين"')" = "both fold lit " ]
    [ "$(searcher --db "$FDB" --count '="حماية المدنيين"')" -eq 3 ]
    [ "$(fids '="بحماية المدنيين"')" = "clit " ]
    [ "$(fids -- 'المدنيين -="حماية المدنيين"')" = "apart clit " ]
    # pages count the checked hits only
    a=$(searcher --db "$FDB" -f ids --limit 2 '="حماية المدنيين"' | tr '\n' ' ')
    b=$(searcher --db "$FDB" -f ids --offset 2 --limit 2 '="حماية المدنيين"')
    [ "$(echo $a $b | tr ' ' '\n' | sort | tr '\n' ' ')" = "both fold lit " ]
    run searcher --db "$FDB" -f tsv --offset 2 '="حماية المدنيين"'
    [[ "${lines[1]}" == "3"$'\t'* ]]
    run searcher --db "$FDB" --highlight brackets '="حماية المدنيين"'
    # وحماية is not the form typed
    [[ "$output" == *"[حماية] [المدنيين] واجب، وحماية المدنيين حق"* ]]
    printf '="حماية المدنيين"\n' > "$BATS_TEST_TMPDIR/kw"
    [ "$(searcher --db "$FDB" --audit "$BATS_TEST_TMPDIR/kw" | awk -F'\t' 'NR == 2 { print $2, $3 }')" = "3 3" ]
}

@test "word* is a prefix of stems (clitics and article off), bounded: a one-letter prefix says so" {
    run count "$DB" 'البوكما*'
    [ "$status" -eq 0 ]
    [ "$output" = "3" ]
    [ "$(ids 'والبوكم*')" = "$(ids البوكمال)" ]
    run searcher --db "$FX" 'ا*'
    [ "$status" -eq 2 ]
    [ "${#lines[@]}" -eq 1 ]
    [[ "$output" == *"character 1: prefix matches more than 500 words"* ]]
}

@test "word* also reaches a word whose stem its beginning does not start: كورون* finds كورونا" {
    jsonl_db pfx <<'JSON'
{"id":"c1","body":"انتشار فيروس كورونا في المدينة"}
{"id":"c2","body":"إصابات جديدة بكورونا اليوم"}
{"id":"c3","body":"نشرت الحكومة أرقاما"}
JSON
    # كورونا is indexed as كورو (the stemmer takes نا for "our").
    [ "$(fids 'كورون*')" = "c1 c2 " ]
    [ "$(fids 'بكورون*')" = "c1 c2 " ]
    run searcher --db "$FDB" --highlight brackets 'كورون*'
    [[ "$output" == *"[كورونا]"* ]]
    [[ "$output" == *"[بكورونا]"* ]]
    [ "$(fids 'حكوم*')" = "c3 " ]
}

@test "fields: title:, source:, category:, id:" {
    run count "$FX" source:bbc
    bbc=$output
    [ "$bbc" -gt 0 ]
    [ "$(count "$FX" source:BBC)" = "$bbc" ]
    [ "$(count "$FX" source:bbc OR source:cnn)" -gt "$bbc" ]
    [ "$(count "$FX" --all)" -eq 156 ]
    # every source together is every document
    total=0
    for s in alarabia bbc cnn france24 skynews; do
        total=$((total + $(count "$FX" "source:$s")))
    done
    [ "$total" -eq 156 ]
    [ "$(count "$FX" category:sport)" -gt 0 ]
    [ "$(count "$FX" category:sport source:bbc)" -eq 6 ]
    run searcher --db "$FX" -f ids id:BB-middleEast-94-20180226
    [ "$output" = "BB-middleEast-94-20180226" ]
    # title: looks at titles only
    run searcher --db "$FX" -f json --limit 100 title:سوريا
    [ "$status" -eq 0 ]
    echo "$output" | python3 -c '
import json, sys
for l in sys.stdin:
    t = json.loads(l)["title"]
    assert "سوري" in t, t'
    [ "$(count "$FX" title:سوريا)" -lt "$(count "$FX" سوريا)" ]
}

@test "dates: --since, --until and date: use the extracted date; undated never pass" {
    all=$(count "$FX" --all)
    jun=$(count "$FX" date:2018-06)
    [ "$jun" -gt 0 ]
    [ "$(count "$FX" --since 2018-06-01 --until 2018-06-30)" = "$jun" ]
    [ "$(count "$FX" 'date:2018-06-01..2018-06-30')" = "$jun" ]
    before=$(count "$FX" --until 2018-05-31)
    after=$(count "$FX" --since 2018-06-01)
    [ $((before + after)) -eq "$all" ]
    [ "$(count "$FX" 'date:2018-03..2018-04')" = "$(( $(count "$FX" date:2018-03) + $(count "$FX" date:2018-04) ))" ]
    [ "$(count "$FX" 'date:..2018-05')" = "$before" ]
    [ "$(count "$FX" 'date:2018-06..')" = "$after" ]
    # corpus/ has two undated seeds: a filter drops them
    [ "$(count "$DB" الرقة)" = "5" ]
    [ "$(count "$DB" الرقة date:2000..2100)" = "3" ]
    [ "$(count "$DB" --since 2000-01-01 الرقة)" = "3" ]
    run searcher --db "$DB" --since 2018-02-30 الرقة
    [ "$status" -eq 2 ]
    [[ "$output" == *"malformed date"* ]]
}

@test "an empty query with filters is every document that passes them; --all is every document" {
    run searcher --db "$FX" --count --since 2018-06-01
    [ "$status" -eq 0 ]
    [ "$output" = "$(count "$FX" 'date:2018-06..')" ]
    run searcher --db "$DB" --all --count
    [ "$output" = "5" ]
    run searcher --db "$DB" --all -f ids
    [ "$(echo "$output" | seeds)" = "000 001 002 003 004" ]
    run searcher --db "$DB" --all قسد
    [ "$status" -eq 2 ]
}

@test "every Unicode space separates words; a no-break space is not part of a phrase" {
    two=$(count "$DB" 'قسد البوكمال')
    [ "$(count "$DB" $'قسد\u00a0البوكمال')" = "$two" ]
    [ "$(count "$DB" $'قسد\u202fالبوكمال')" = "$two" ]
    [ "$(count "$DB" $'قسد\u2003البوكمال')" = "$two" ]
    # the words are far apart: as a phrase they would not match
    run count "$DB" '"قسد البوكمال"'
    [ "$output" = "0" ]
}

@test "a query of stopwords still searches for them" {
    run searcher --db "$DB" --count في من
    [ "$status" -eq 0 ]
    [ "$output" = "5" ]
}

@test "ranking boosts and highlights come from positive leaves only" {
    # The NOT branch matches nothing, so قسد's documents stay, unhighlighted.
    run searcher --db "$DB" -f json --limit 10 'الرقة NOT (قسد كلمةغيرموجودة)'
    [ "$status" -eq 0 ]
    [ "${#lines[@]}" -eq 5 ]
    python3 -c '
import json, sys
for l in sys.argv[1].splitlines():
    o = json.loads(l)
    words = {o["snippet"][a:b] for a, b in o["highlights"]}
    assert words and all("رقة" in w for w in words), words' "$output"
    # NOT never adds weight: scores equal those of the bare word
    a=$(searcher --db "$DB" -f trec الرقة | awk '{print $3, $5}')
    b=$(searcher --db "$DB" -f trec 'الرقة NOT (قسد كلمةغيرموجودة)' | awk '{print $3, $5}')
    [ "$a" = "$b" ]
}

@test "a phrase is highlighted only where the whole phrase stands" {
    run searcher --db "$DB" -f json --limit 10 '"وزارة الدفاع"'
    [ "$status" -eq 0 ]
    python3 -c '
import json, sys
for l in sys.argv[1].splitlines():
    o = json.loads(l)
    s, h = o["snippet"], o["highlights"]
    assert h
    for (a, b), (c, d) in zip(h[::2], h[1::2]):
        assert s[a:b].endswith("وزارة") and s[c:d] == "الدفاع", (s[a:b], s[c:d])' "$output"
}

# ---- errors: one line on stderr with the position, exit 2 ----

query_error() {
    run searcher --db "$DB" "$1"
    echo "$output"
    [ "$status" -eq 2 ]
    [ "${#lines[@]}" -eq 1 ]
    [[ "$output" == "searcher: $2"* ]]
}

@test "error: unbalanced quote" { query_error 'قسد "الرقة' 'character 5: unbalanced quote'; }
@test "error: unbalanced parenthesis" {
    query_error '(قسد الرقة' 'character 1: unbalanced parenthesis'
    query_error 'قسد) الرقة' 'character 4: unbalanced parenthesis'
}
@test "error: an operator with no operand" {
    query_error 'قسد OR' 'character 5: operator has no operand'
    query_error 'NOT' 'character 1: operator has no operand'
    query_error 'قسد NEAR/3' 'character 5: operator has no operand'
}
@test "error: an empty query with no filter" {
    run searcher --db "$DB" ''
    [ "$status" -eq 2 ]
    [[ "$output" == "searcher: empty query"* ]]
}
@test "error: only punctuation, or only diacritics" {
    query_error '«» ،' 'character 1: query has no searchable word'
    query_error $'\u064e\u0651' 'character 1: query has no searchable word'
}
@test "error: a malformed date" { query_error 'قسد date:2018-3' 'character 10: malformed date'; }
@test "error: invalid UTF-8, at its position" { query_error $'قسد \xff' 'character 5: query is not valid UTF-8'; }

@test "--queries: a failing line is reported with its qid, the others run; JSON carries the qid" {
    printf 'a\tقسد\nb\t"قسد\nc\tالبوكمال\n' > "$BATS_TEST_TMPDIR/q"
    run searcher --db "$DB" -f json --queries "$BATS_TEST_TMPDIR/q"
    [ "$status" -eq 2 ]
    [[ "$output" == *"searcher: $BATS_TEST_TMPDIR/q:2: query b: character 1: unbalanced quote"* ]]
    echo "$output" | grep '^{' | python3 -c '
import json, sys
qids = [json.loads(l)["qid"] for l in sys.stdin]
assert qids == ["a"] * 4 + ["c"] * 3, qids'
}

# ---- formats ----

@test "--format tsv: a header, then rank, id, score, date, source, title" {
    run searcher --db "$FX" -f tsv --limit 3 سوريا
    [ "$status" -eq 0 ]
    [ "${lines[0]}" = $'rank\tid\tscore\tdate\tsource\ttitle' ]
    [ "${#lines[@]}" -eq 4 ]
    echo "${lines[1]}" | awk -F'\t' 'NF == 6 && $1 == 1 && $4 ~ /^2018-/ { ok = 1 } END { exit !ok }'
    printf 'x\tسوريا\n' | searcher --db "$FX" -f tsv --limit 1 --queries - > "$BATS_TEST_TMPDIR/t"
    [ "$(head -1 "$BATS_TEST_TMPDIR/t")" = $'qid\trank\tid\tscore\tdate\tsource\ttitle' ]
    [[ "$(sed -n 2p "$BATS_TEST_TMPDIR/t")" == $'x\t1\t'* ]]
}

@test "every format lists the same hits" {
    ids=$(searcher --db "$FX" -f ids --limit 5 ترامب)
    [ -n "$ids" ]
    [ "$(searcher --db "$FX" -f tsv --limit 5 ترامب | tail -n +2 | cut -f2)" = "$ids" ]
    [ "$(searcher --db "$FX" -f trec --limit 5 ترامب | cut -d' ' -f3)" = "$ids" ]
    [ "$(searcher --db "$FX" -f json --limit 5 ترامب | python3 -c 'import json,sys; print("\n".join(json.loads(l)["id"] for l in sys.stdin))')" = "$ids" ]
    [ "$(searcher --db "$FX" --limit 5 ترامب | sed -n 's/^   \([A-Z][A-Z]-[^ ]*\) .*/\1/p')" = "$ids" ]
}

# ---- output safety and the defects found by a new user ----

@test "a document cannot control the terminal: controls are shown, JSON escapes them" {
    d="$BATS_TEST_TMPDIR/esc"
    mkdir -p "$d"
    printf '{"id":"esc1","title":"عنوان \\u001b]0;pwned\\u0007 \\u001b[2J خبيث","body":"نص \\u001b[2J قسد \\u009b31m هنا"}\n' > "$d/a.jsonl"
    indexer --quiet --db "$d/db" "$d/a.jsonl"
    run searcher --db "$d/db" --highlight brackets قسد
    [ "$status" -eq 0 ]
    ! printf '%s' "$output" | grep -q $'\x1b'
    ! printf '%s' "$output" | grep -q $'\xc2\x9b'
    [[ "$output" == *"␛]0;pwned␇"* ]]
    run searcher --db "$d/db" -f json قسد
    [[ "$output" == *'\u001b[2J'* ]]
    [[ "$output" == *'\u009b31m'* ]]
    echo "$output" | python3 -c 'import json,sys; json.loads(sys.stdin.read())'
}

@test "file names that are not UTF-8 still give valid JSON" {
    d="$BATS_TEST_TMPDIR/names"
    mkdir -p "$d/in"
    cp "$CORPUS/003_a02f0cbe5edb8c4f.txt" "$d/in/$(printf 'bad\xff\xfe name.txt')"
    indexer --quiet --db "$d/db" "$d/in"
    searcher --db "$d/db" -f json قسد > "$d/out"
    python3 -c '
import json, sys
raw = open(sys.argv[1], "rb").read()
o = json.loads(raw.decode("utf-8"))
assert "\ufffd" in o["id"] and "\ufffd" in o["path"], o["id"]' "$d/out"
}

@test "a query starting with - is not an option; a bad option never prints half a character" {
    run searcher --db "$DB" --count -قسد
    [ "$status" -eq 0 ]
    [ "$output" = "1" ]
    run searcher --db "$DB" --قسد
    [ "$status" -eq 2 ]
    printf '%s' "$output" | iconv -f UTF-8 -t UTF-8 > /dev/null
    [[ "$output" == *"unknown option '--قسد'"* ]]
}

@test "the same index given twice is searched once" {
    run searcher --db "$DB" --db "$DB" --count قسد
    [ "$output" = "4" ]
    run searcher --db "$DB" --db "$DB/" -f ids الرقة
    [ "${#lines[@]}" -eq 5 ]
}

@test "--bm25 refuses values that would overflow the scores; JSON scores are numbers" {
    run searcher --db "$DB" --bm25 1e308,1 الرقة
    [ "$status" -eq 2 ]
    [[ "$output" == *"K1 <= 1000"* ]]
    run searcher --db "$DB" --bm25 1000,1 -f json الرقة
    [ "$status" -eq 0 ]
    echo "$output" | python3 -c '
import json, sys
for l in sys.stdin:
    s = json.loads(l, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))["score"]
    assert isinstance(s, float)'
}

@test "--queries on a directory is an error, not silence" {
    run searcher --db "$DB" --queries "$CORPUS"
    [ "$status" -eq 2 ]
    [[ "$output" == *"is a directory"* ]]
}

@test "--limit past the bound states the bound" {
    run searcher --db "$DB" --limit 1000000000 قسد
    [ "$status" -eq 2 ]
    [[ "$output" == *"--limit 1000000000 is too large (at most 100000000)"* ]]
    run searcher --db "$DB" --limit 100000000 --count قسد
    [ "$status" -eq 0 ]
}

@test "the snippet of a short document is the whole text, without a leading ellipsis" {
    d="$BATS_TEST_TMPDIR/short"
    mkdir -p "$d"
    printf '{"id":"s1","title":"خبر","body":"بدأ الخبر هنا ثم ذكر قسد في آخر سطر منه."}\n' > "$d/a.jsonl"
    indexer --quiet --db "$d/db" "$d/a.jsonl"
    run searcher --db "$d/db" -f json قسد
    echo "$output" | python3 -c '
import json, sys
o = json.loads(sys.stdin.read())
assert o["snippet"] == "بدأ الخبر هنا ثم ذكر قسد في آخر سطر منه.", o["snippet"]'
}

@test "the man page keeps the harakat of its example, on a terminal as a reader sees it" {
    command -v script > /dev/null || skip "no script(1) to give man a terminal"
    run timeout 20 script -qc "MANPAGER=cat MANWIDTH=80 man -l '$ROOT/docs/fahras-search.1'" /dev/null
    [ "$status" -eq 0 ]
    [[ "$output" == *"الرَّقَّة"* ]]
}

@test "--timings writes each batch query's qid and milliseconds; it needs --queries" {
    printf 'a\tالرقة\nb\tقسد\nc\t"وزارة الدفاع"\n' > "$BATS_TEST_TMPDIR/q"
    run searcher --db "$DB" --queries "$BATS_TEST_TMPDIR/q" --timings "$BATS_TEST_TMPDIR/t" -f ids
    [ "$status" -eq 0 ]
    [ "$(cut -f1 "$BATS_TEST_TMPDIR/t" | tr '\n' ' ')" = "a b c " ]
    [ "$(awk -F'\t' '$2 ~ /^[0-9]+\.[0-9]+$/ && $2 > 0' "$BATS_TEST_TMPDIR/t" | wc -l)" = 3 ]
    run searcher --db "$DB" --timings "$BATS_TEST_TMPDIR/t" الرقة
    [ "$status" -eq 2 ]
    [[ "$output" == *"--timings goes with --queries"* ]]
}

# The --any queries of the next test: a fixture headline's first four plain
# words, the last two quoted ("w1 w2 \"w3 w4\" rest"), one per headline.
phrase_headlines() {
    /usr/bin/python3 - "$BATS_TEST_DIRNAME/../fixture/ant" <<'PY'
import os, re, sys
titles = []
for root, _, files in os.walk(sys.argv[1]):
    for name in sorted(files):
        raw = open(os.path.join(root, name), encoding="utf-8", errors="replace").read()
        t = re.search(r"<TITLE>(.*?)</TITLE>", raw, re.S)
        if t:
            titles.append(t.group(1).split())
n = 0
for t in sorted(titles):
    w = [x for x in t if re.fullmatch("[\u0621-\u064a]+", x)]
    if len(w) >= 4:
        print('%d\t%s %s "%s %s" %s' % (n, w[0], w[1], w[2], w[3], " ".join(w[4:])))
        n += 1
PY
}

# "qid|id<TAB>weight" of every hit of the queries in file $1, sorted; the
# rest of the arguments go to the searcher.
qid_weights() {
    searcher --db "$FX" --any -f trec --queries "$1" "${@:2}" | awk '{ print $1 "|" $3 "\t" $5 }' | sort
}

@test "a filter or a required word keeps the weights of the documents it keeps (a phrase in an --any query)" {
    # Xapian 1.4.22 gave some documents the weight of a quoted phrase they
    # lack when the query was filtered (by a date or a label) or one of its
    # words was required: their rank then changed with --since.
    phrase_headlines > "$BATS_TEST_TMPDIR/q"
    [ "$(wc -l < "$BATS_TEST_TMPDIR/q")" -gt 100 ]
    qid_weights "$BATS_TEST_TMPDIR/q" --limit 1000 > "$BATS_TEST_TMPDIR/all"
    awk -F'\t' '{ print $1 "\t" $2 " source:bbc" }' "$BATS_TEST_TMPDIR/q" > "$BATS_TEST_TMPDIR/q-bbc"
    awk -F'\t' '{ print $1 "\t+" $2 }' "$BATS_TEST_TMPDIR/q" > "$BATS_TEST_TMPDIR/q-must"
    for run in "q --since 2018-06-01" "q --until 2018-06-01" "q-bbc" "q-must"; do
        set -- $run
        qid_weights "$BATS_TEST_TMPDIR/$1" --limit 10 "${@:2}" > "$BATS_TEST_TMPDIR/kept"
        joined=$(join -t$'\t' "$BATS_TEST_TMPDIR/kept" "$BATS_TEST_TMPDIR/all")
        echo "$run: $(echo "$joined" | wc -l) hits compared"
        # Every kept hit is also a hit of the unfiltered query ...
        [ "$(echo "$joined" | wc -l)" -eq "$(wc -l < "$BATS_TEST_TMPDIR/kept")" ]
        [ "$(wc -l < "$BATS_TEST_TMPDIR/kept")" -gt 300 ]
        # ... with the same weight.
        echo "$joined" | awk -F'\t' '$2 != $3 { print "differs: " $0; bad = 1 } END { exit bad }'
    done
}
