#!/usr/bin/python3
"""Score a TREC run on the known-item task: each headline's own article.

Usage: known_item.py HEADLINES.TSV RUN [RUN...]
Prints, per run and per part (all headlines; the tuning half, articles with
an even document number; the held-out half, odd numbers): MRR@10, Recall@1,
Recall@10 (a headline whose article is not in the top 10 counts as 0) and
the number of headlines.
"""
import sys


def half(docno):
    """'even' or 'odd': the parity of the article number (AL-culture-590-...)."""
    return "odd" if int(docno.split("-")[-2]) % 2 else "even"


def score(qrels, run):
    rank = {}
    with open(run, encoding="utf-8") as f:
        for line in f:
            qid, _, docno, r, _, _ = line.split()
            if qrels.get(qid) == docno and int(r) <= 10:
                rank[qid] = min(rank.get(qid, 99), int(r))
    n = len(qrels)
    if n == 0:
        return 0.0, 0.0, 0.0
    mrr = sum(1.0 / r for r in rank.values()) / n
    r1 = sum(1 for r in rank.values() if r == 1) / n
    r10 = len(rank) / n
    return mrr, r1, r10


def main():
    qrels = {}
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            qid, docno, _ = line.rstrip("\n").split("\t", 2)
            qrels[qid] = docno
    parts = {"all": qrels}
    for name in ("even", "odd"):
        parts[name] = {q: d for q, d in qrels.items() if half(d) == name}
    for run in sys.argv[2:]:
        for name, part in parts.items():
            mrr, r1, r10 = score(part, run)
            print("%s\t%s\t%.4f\t%.4f\t%.4f\t%d" % (run, name, mrr, r1, r10, len(part)))


if __name__ == "__main__":
    main()
