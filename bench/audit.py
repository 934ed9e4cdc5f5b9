#!/usr/bin/python3
"""Keyword-audit accuracy: the documents a system returns for a bare keyword
against the documents a careful reader would mark (bench/keywords.tsv).

Usage: audit.py KEYWORDS.TSV BODIES.TREC SYSTEM=COMMAND [SYSTEM=COMMAND...]
COMMAND is run with the keyword appended as one argument (a two-word keyword
is passed as a quoted phrase "w1 w2") and prints one matching docno per line.
Prints precision, recall and F1 per keyword and system, then the macro
averages; writes nothing else.
"""
import re
import subprocess
import sys
import unicodedata

DOC = re.compile(r"<DOC>(.*?)</DOC>", re.S)
DOCNO = re.compile(r"<DOCNO>(.*?)</DOCNO>", re.S)
TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)

# Orthography only (what a reader does not see as a different word):
# harakat, dagger alef, Quranic marks, tatweel, invisible controls; hamza-alef
# forms and Persian letters folded.
DROP = dict.fromkeys(list(range(0x064B, 0x0660)) + [0x0670, 0x0640] + list(range(0x06D6, 0x06EE))
                     + list(range(0x200B, 0x2010)) + list(range(0x202A, 0x202F))
                     + list(range(0x2066, 0x206A)) + [0xFEFF, 0x061C])
FOLD = {0x0622: "ا", 0x0623: "ا", 0x0625: "ا", 0x0671: "ا", 0x06A9: "ك", 0x06CC: "ي"}
WORD = re.compile(r"[\u0621-\u064A\u066E-\u06D3]+")


def normalize(text):
    return unicodedata.normalize("NFKC", text).translate(DROP).translate(FOLD)


def with_clitics(form):
    """A form with the proclitics و ف ب ل ك and their combinations."""
    out = {form}
    if form.startswith("ال"):
        for p in ("و", "ف", "ب", "ك", "وب", "فب", "وك", "فك"):
            out.add(p + form)
        for p in ("", "و", "ف"):
            out.add(p + "لل" + form[2:])
    else:
        for p in ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"):
            out.add(p + form)
    return out


def load_keywords(path):
    """Keywords and their forms. A file with the line "#! hand-forms" lists
    every form, proclitics included, by hand: no generator adds any."""
    kws = []
    hand = False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#! hand-forms"):
                hand = True
            if not line.strip() or line.startswith("#"):
                continue
            query, forms = line.rstrip("\n").split("\t")
            firsts, second = set(), None
            for form in forms.split():
                if "+" in form:
                    form, second = form.split("+")
                firsts |= {form} if hand else with_clitics(form)
            kws.append((query, firsts, second))
    return kws


def gold(kws, trec):
    with open(trec, encoding="utf-8") as f:
        data = f.read()
    sets = [set() for _ in kws]
    for m in DOC.finditer(data):
        docno = DOCNO.search(m.group(1)).group(1).strip()
        words = WORD.findall(normalize(TEXT.search(m.group(1)).group(1)))
        vocab = set(words)
        pairs = None
        for i, (_, firsts, second) in enumerate(kws):
            if second is None:
                if vocab & firsts:
                    sets[i].add(docno)
            elif second in vocab and vocab & firsts:
                if pairs is None:
                    pairs = set(zip(words, words[1:]))
                if any((w, second) in pairs for w in firsts):
                    sets[i].add(docno)
    return sets


def prf(got, want):
    tp = len(got & want)
    p = tp / len(got) if got else (1.0 if not want else 0.0)
    r = tp / len(want) if want else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    kws = load_keywords(sys.argv[1])
    want = gold(kws, sys.argv[2])
    systems = [a.split("=", 1) for a in sys.argv[3:]]
    macro = {name: [0.0, 0.0, 0.0] for name, _ in systems}
    low = {name: [] for name, _ in systems}
    print("keyword\tgold\t" + "\t".join("%s P\t%s R\t%s F1" % (n, n, n) for n, _ in systems))
    for i, (query, _, second) in enumerate(kws):
        arg = '"%s"' % query if second else query
        row = [query, str(len(want[i]))]
        for name, cmd in systems:
            res = subprocess.run(cmd.split() + [arg], capture_output=True, text=True)
            got = set(res.stdout.split())
            p, r, f = prf(got, want[i])
            macro[name][0] += p
            macro[name][1] += r
            macro[name][2] += f
            if f < 0.85:
                low[name].append(query)
            row += ["%.3f" % p, "%.3f" % r, "%.3f" % f]
        print("\t".join(row))
    n = len(kws)
    print("MACRO\t%d keywords\t" % n + "\t".join("%.3f\t%.3f\t%.3f" % tuple(v / n for v in macro[name])
                                              for name, _ in systems))
    for name, _ in systems:
        print("%s: %d keywords below F1 0.85: %s" % (name, len(low[name]), " ".join(low[name]) or "-"))


if __name__ == "__main__":
    main()
