#!/usr/bin/env bats
# Arabic matching behaviour end to end (issue 3): phrases across clitics,
# derived words kept apart, digits, spelling variants, broken plurals.

load helpers

setup_file() {
    export DB="$BATS_FILE_TMPDIR/db"
    cat > "$BATS_FILE_TMPDIR/news.jsonl" <<'JSON'
{"id":"d1","body":"أعلنت وزارة الدفاع الروسية اليوم"}
{"id":"d2","body":"قال متحدث باسم بوزارة الدفاع"}
{"id":"d3","body":"اجتمع وزير الخارجية ووزارة الدفاع"}
{"id":"d4","body":"بيان لوزارة الدفاع عن العملية"}
{"id":"d5","body":"وزارة الخارجية تنفي والدفاع المدني يعمل"}
{"id":"d6","body":"الاتحاد الدولي لكرة القدم يجتمع"}
{"id":"d7","body":"كرة القدم لعبة شعبية في مصر"}
{"id":"d8","body":"الرقي بالتعليم هدف الحكومة المصري"}
{"id":"d9","body":"معارك في الرقة عام ٢٠١٨"}
{"id":"d10","body":"نقل المصابين إلى المستشفي في 2018"}
{"id":"d11","body":"المسئول عن الملف وصل إلى المستشفى"}
{"id":"d12","body":"إصابة ثلاثة أطفال في القصف"}
{"id":"d13","body":"الطفل الصغير نجا"}
{"id":"d14","body":"اجتماع الرئيس مع الوفد"}
{"id":"d15","body":"الطريق الرئيسية مغلقة"}
JSON
    "$FAHRAS_BIN/indexer" --quiet --db "$DB" "$BATS_FILE_TMPDIR/news.jsonl"
}

ids() { searcher --db "$DB" -f ids "$@" | sort | tr '\n' ' ' | sed 's/ $//'; }

@test "\"وزارة الدفاع\" as a phrase matches بوزارة, ووزارة and لوزارة الدفاع, in order only" {
    [ "$(ids '"وزارة الدفاع"')" = "d1 d2 d3 d4" ]
}

@test "\"كرة القدم\" matches لكرة القدم" {
    [ "$(ids '"كرة القدم"')" = "d6 d7" ]
}

@test "الرقة does not match الرقي; مصر does not match المصري" {
    [ "$(ids الرقة)" = "d9" ]
    [ "$(ids مصر)" = "d7" ]
}

@test "الرئيس does not match الرئيسية" {
    [ "$(ids الرئيس)" = "d14" ]
}

@test "2018 and ٢٠١٨ find each other" {
    [ "$(ids 2018)" = "d10 d9" ]
    [ "$(ids ٢٠١٨)" = "d10 d9" ]
}

@test "spelling variants meet: مستشفى/مستشفي, مسؤول/مسئول" {
    [ "$(ids مستشفى)" = "d10 d11" ]
    [ "$(ids مسؤول)" = "d11" ]
}

@test "a broken plural finds its singular and back, and is highlighted" {
    [ "$(ids الطفل)" = "d12 d13" ]
    [ "$(ids أطفال)" = "d12 d13" ]
    run searcher --db "$DB" --format json الطفل
    [[ "$output" == *'"snippet":"إصابة ثلاثة أطفال في القصف","highlights":[[12,17]]'* ]]
}
