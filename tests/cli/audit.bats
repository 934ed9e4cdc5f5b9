#!/usr/bin/env bats
# Keyword audits: documents and occurrences per keyword, checked against
# counts made by hand on corpus/; groups, ids, formats, filters, the
# sparkline and the SVG chart; reproducibility when documents are added.

load helpers

setup_file() {
    export DB="$BATS_FILE_TMPDIR/db" FX="$BATS_FILE_TMPDIR/fx"
    "$FAHRAS_BIN/indexer" --quiet --db "$DB" "$BATS_TEST_DIRNAME/../../corpus"
    "$FAHRAS_BIN/indexer" --quiet --db "$FX" "$BATS_TEST_DIRNAME/../fixture/ant"
}

@test "occurrences equal a count made by hand on corpus/" {
    # By hand (grep -o over corpus/, every token holding the word):
    #   قسد: «قسد» ×2 قسد» ×1 in 000; "قسد" in 001; 14 in 003; "قسد" in 004 = 19
    #   "وزارة الدفاع": 4 in 000, 4 in 001, 2 in 004 = 10
    #   الرقة: الرقة ×31, والرقة, للرقة = 33 over the five seeds
    printf 'قسد\n# a comment\n\n"وزارة الدفاع"\nالرقة\n' > "$BATS_TEST_TMPDIR/kw"
    run searcher --db "$DB" --audit "$BATS_TEST_TMPDIR/kw"
    [ "$status" -eq 0 ]
    [ "${lines[0]}" = $'keyword\tdocuments\toccurrences' ]
    [ "${lines[1]}" = $'قسد\t4\t19' ]
    [ "${lines[2]}" = $'"وزارة الدفاع"\t3\t10' ]
    [ "${lines[3]}" = $'الرقة\t5\t33' ]
    [ "${#lines[@]}" -eq 4 ]
}

@test "the documents of an audit are what --count prints for the same keyword" {
    printf 'سوريا\nترامب OR بوتين\n"كأس العالم"\nالنفط -السعودية\n' > "$BATS_TEST_TMPDIR/kw"
    searcher --db "$FX" --audit "$BATS_TEST_TMPDIR/kw" | tail -n +2 > "$BATS_TEST_TMPDIR/out"
    [ "$(wc -l < "$BATS_TEST_TMPDIR/out")" -eq 4 ]
    while IFS=$'\t' read -r kw docs occ; do
        [ "$docs" = "$(searcher --db "$FX" --count "$kw")" ] || { echo "$kw: $docs"; return 1; }
        [ "$occ" -ge "$docs" ]
    done < "$BATS_TEST_TMPDIR/out"
    # --any applies to audits as to searches
    printf 'سوريا ترامب\n' > "$BATS_TEST_TMPDIR/kw2"
    any=$(searcher --db "$FX" --any --audit "$BATS_TEST_TMPDIR/kw2" | tail -1 | cut -f2)
    [ "$any" = "$(searcher --db "$FX" --any --count سوريا ترامب)" ]
    [ "$any" -gt "$(searcher --db "$FX" --count سوريا ترامب)" ]
}

@test "a title that opens the body counts once; a separate title counts on its own" {
    d="$BATS_TEST_TMPDIR/t"
    mkdir -p "$d"
    {
        printf '{"id":"rep","title":"قسد تتقدم","body":"قسد تتقدم نحو المدينة اليوم."}\n'
        printf '{"id":"sep","title":"قسد تتقدم","body":"تقدمت قوات قسد نحو المدينة اليوم."}\n'
    } > "$d/a.jsonl"
    indexer --quiet --db "$d/db" "$d/a.jsonl"
    echo قسد > "$d/kw"
    run searcher --db "$d/db" --audit "$d/kw" --ids
    [ "$status" -eq 0 ]
    [ "${lines[0]}" = $'keyword\tdocuments\toccurrences\tid' ]
    [[ "$output" == *$'قسد\t1\t1\trep'* ]]
    [[ "$output" == *$'قسد\t1\t2\tsep'* ]]
}

@test "--ids: one row per document; the rows add up to the totals" {
    echo سوريا > "$BATS_TEST_TMPDIR/kw"
    total=$(searcher --db "$FX" --audit "$BATS_TEST_TMPDIR/kw" | tail -1)
    run searcher --db "$FX" --audit "$BATS_TEST_TMPDIR/kw" --ids
    [ "$status" -eq 0 ]
    sums=$(echo "$output" | tail -n +2 | awk -F'\t' '{ d += $2; o += $3 } END { print d "\t" o }')
    [ "سوريا	$sums" = "$total" ]
    # every id is a real hit
    [ "$(echo "$output" | tail -n +2 | cut -f4 | sort)" = "$(searcher --db "$FX" -f ids --limit 1000 سوريا | sort)" ]
}

@test "--by source|year|month splits both numbers; the groups add up to the totals" {
    printf 'سوريا\nترامب\n' > "$BATS_TEST_TMPDIR/kw"
    totals=$(searcher --db "$FX" --audit "$BATS_TEST_TMPDIR/kw" | tail -n +2)
    for by in source year month; do
        run searcher --db "$FX" --audit "$BATS_TEST_TMPDIR/kw" --by "$by"
        [ "$status" -eq 0 ]
        [ "${lines[0]}" = "keyword	documents	occurrences	$by" ]
        sums=$(echo "$output" | tail -n +2 | awk -F'\t' '{ d[$1] += $2; o[$1] += $3; if (!($1 in seen)) { seen[$1] = 1; order[n++] = $1 } }
            END { for (i = 0; i < n; i++) print order[i] "\t" d[order[i]] "\t" o[order[i]] }')
        [ "$sums" = "$totals" ] || { echo "$by: $sums vs $totals"; return 1; }
    done
    # a month group is what date: counts
    run searcher --db "$FX" --audit "$BATS_TEST_TMPDIR/kw" --by month
    line=$(echo "$output" | grep -m1 $'^سوريا\t')
    month=$(echo "$line" | cut -f4)
    [ "$(echo "$line" | cut -f2)" = "$(searcher --db "$FX" --count "سوريا date:$month")" ]
    run searcher --db "$FX" --audit "$BATS_TEST_TMPDIR/kw" --by source
    [[ "$output" == *$'\tbbc'* || "$output" == *$'\tBBC'* ]]
}

@test "filters apply to audits: --since, --until and source:" {
    printf 'سوريا\nسوريا source:bbc\n' > "$BATS_TEST_TMPDIR/kw"
    run searcher --db "$FX" --audit "$BATS_TEST_TMPDIR/kw" --since 2018-06-01 --until 2018-08-31
    [ "$status" -eq 0 ]
    [ "$(echo "${lines[1]}" | cut -f2)" = "$(searcher --db "$FX" --count سوريا date:2018-06..2018-08)" ]
    [ "$(echo "${lines[2]}" | cut -f2)" = "$(searcher --db "$FX" --count سوريا source:bbc date:2018-06..2018-08)" ]
}

@test "--format json: one object per keyword with groups and ids" {
    printf 'سوريا\n' > "$BATS_TEST_TMPDIR/kw"
    run searcher --db "$FX" --audit "$BATS_TEST_TMPDIR/kw" --format json --by year --ids
    [ "$status" -eq 0 ]
    [ "${#lines[@]}" -eq 1 ]
    python3 -c '
import json, sys
o = json.loads(sys.argv[1])
assert o["keyword"] == "سوريا" and o["documents"] > 0 and o["occurrences"] >= o["documents"]
assert sum(g["documents"] for g in o["groups"]) == o["documents"]
assert [g["key"] for g in o["groups"]] == ["2018"], o["groups"]
assert len(o["ids"]) == o["documents"]
assert sum(i["occurrences"] for i in o["ids"]) == o["occurrences"]' "$output"
}

@test "a bad keyword line is reported with its line number; the others run" {
    printf 'قسد\n"الرقة\nالرقة\n' > "$BATS_TEST_TMPDIR/kw"
    run searcher --db "$DB" --audit "$BATS_TEST_TMPDIR/kw"
    [ "$status" -eq 2 ]
    [[ "$output" == *"searcher: $BATS_TEST_TMPDIR/kw:2: character 1: unbalanced quote"* ]]
    [[ "$output" == *$'قسد\t4\t19'* ]]
    [[ "$output" == *$'الرقة\t5\t33'* ]]
    run searcher --db "$DB" --audit "$BATS_TEST_TMPDIR"
    [ "$status" -eq 2 ]
    [[ "$output" == *"is a directory"* ]]
    run searcher --db "$DB" --audit "$BATS_TEST_TMPDIR/kw" قسد
    [ "$status" -eq 2 ]
}

@test "audits are reproducible: documents without the keyword change nothing elsewhere" {
    d="$BATS_TEST_TMPDIR/r"
    mkdir -p "$d"
    # d1 holds الرقة and ورقة ("paper", read as و + رقة by the expansion);
    # a rule that weighs a clitic reading by its document frequency keeps
    # ورقة while it is rare and drops it once many documents hold it.
    {
        printf '{"id":"d1","title":"خبر","body":"وصلت القوات إلى الرقة، وقدم الوفد ورقة عمل."}\n'
        printf '{"id":"d2","title":"خبر","body":"الرقة مدينة على الفرات، وفيها وزير."}\n'
    } > "$d/base.jsonl"
    printf 'الرقة\nوزير\n"القوات إلى"\n' > "$d/kw"
    indexer --quiet --db "$d/db" "$d/base.jsonl"
    searcher --db "$d/db" --audit "$d/kw" --ids > "$d/before"
    # Thirty new articles with none of the keywords, and ورقة in each.
    for i in $(seq 1 30); do
        printf '{"id":"new%d","title":"عمل","body":"قدمت اللجنة ورقة عمل ثانية."}\n' "$i"
    done > "$d/new.jsonl"
    indexer --quiet --db "$d/db" "$d/new.jsonl"
    searcher --db "$d/db" --audit "$d/kw" --ids > "$d/after"
    # The old documents' rows are the same; rows of new ids may be added.
    grep -v $'\tnew[0-9]*$' "$d/after" > "$d/after-old"
    diff -u "$d/before" "$d/after-old"
    grep -q $'^الرقة\t1\t[0-9]*\td1$' "$d/before"
    [ "$(wc -l < "$d/before")" -eq 5 ]
}

@test "human format on a terminal ends --by month rows with a sparkline" {
    command -v script > /dev/null || skip "no script(1) to give the searcher a terminal"
    printf 'سوريا\nترامب\n' > "$BATS_TEST_TMPDIR/kw"
    run timeout 20 script -qc "'$BIN/searcher' --db '$FX' --audit '$BATS_TEST_TMPDIR/kw' --by month --format human" /dev/null
    [ "$status" -eq 0 ]
    row=$(echo "$output" | grep -m1 '^سوريا')
    [[ "$row" =~ [▁▂▃▄▅▆▇█]{6,} ]]
    # off a terminal: no sparkline
    run searcher --db "$FX" --audit "$BATS_TEST_TMPDIR/kw" --by month --format human
    ! echo "$output" | grep -q '[▁▂▃▄▅▆▇█]'
}

@test "--plot writes an SVG chart whose series equal --count per month" {
    printf 'سوريا\nترامب\n"كأس العالم"\n' > "$BATS_TEST_TMPDIR/kw"
    run searcher --db "$FX" --audit "$BATS_TEST_TMPDIR/kw" --plot "$BATS_TEST_TMPDIR/a.svg"
    [ "$status" -eq 0 ]
    python3 - "$BATS_TEST_TMPDIR/a.svg" > "$BATS_TEST_TMPDIR/points" <<'PY'
import sys
import xml.etree.ElementTree as ET
ns = {"s": "http://www.w3.org/2000/svg"}
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "{http://www.w3.org/2000/svg}svg"
months = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text") if t.get("class") == "month"]
assert months and months == sorted(months), months
series = root.findall(".//s:g[@class='series']", ns)
assert [g.get("data-keyword") for g in series] == ["سوريا", "ترامب", '"كأس العالم"']
for g in series:
    assert g.find("s:polyline", ns) is not None
    legend = g.find("s:text[@class='legend']", ns)
    assert legend.get("direction") == "rtl" and legend.text == g.get("data-keyword")
    for c in g.findall("s:circle", ns):
        print("%s\t%s\t%s" % (g.get("data-keyword"), c.get("data-month"), c.get("data-documents")))
PY
    [ "$(wc -l < "$BATS_TEST_TMPDIR/points")" -ge 12 ]
    while IFS=$'\t' read -r kw month docs; do
        [ "$docs" = "$(searcher --db "$FX" --count "$kw date:$month")" ] || { echo "$kw $month $docs"; return 1; }
    done < "$BATS_TEST_TMPDIR/points"
}
