#!/usr/bin/python3
"""Prepare the ANT corpus for the relevance benchmarks.

Usage: ant_prepare.py ANT_DIR OUT_DIR

Writes to OUT_DIR:
  bodies.trec    every article as <DOC><DOCNO>..</DOCNO><TEXT>body</TEXT></DOC>:
                 the body only (no TITLE, no ABSTRACT), for the known-item task
  headlines.tsv  qid<TAB>docno<TAB>headline, for headlines that occur once
                 in the corpus and whose article has a body
"""
import collections
import os
import re
import sys

TAG = {t: re.compile(r"<%s>(.*?)</%s>" % (t, t), re.S) for t in ("DOCNO", "TITLE", "TEXT")}


def field(tag, doc):
    m = TAG[tag].search(doc)
    return m.group(1).strip() if m else ""


def main():
    ant, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    docs = []
    for root, _, files in os.walk(ant):
        for name in sorted(files):
            if not name.endswith(".txt") or name == "README.md":
                continue
            with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                raw = f.read()
            docno, title, text = field("DOCNO", raw), field("TITLE", raw), field("TEXT", raw)
            if docno and text:
                docs.append((docno, title, text))
    docs.sort()
    with open(os.path.join(out, "bodies.trec"), "w", encoding="utf-8") as f:
        for docno, _, text in docs:
            f.write("<DOC>\n<DOCNO>%s</DOCNO>\n<TEXT>\n%s\n</TEXT>\n</DOC>\n" % (docno, text))
    count = collections.Counter(" ".join(t.split()) for _, t, _ in docs)
    n = 0
    with open(os.path.join(out, "headlines.tsv"), "w", encoding="utf-8") as f:
        for docno, title, _ in docs:
            t = " ".join(title.split())
            if t and count[t] == 1:
                n += 1
                f.write("%d\t%s\t%s\n" % (n, docno, t.replace("\t", " ")))
    print("ant_prepare: %d articles with a body, %d unique headlines" % (len(docs), n),
          file=sys.stderr)


if __name__ == "__main__":
    main()
