#!/usr/bin/python3
"""Xapian 1.4.22 (Debian's python3-xapian): a document can get the weight of a
phrase it does not hold when the phrase sits inside an OR that the matcher
tests document by document (under OP_FILTER, on the right of OP_AND_MAYBE).

Usage: bench/xapian_phrase_defect.py [TRIALS]   (default 100)

Each trial builds a small glass index of random documents (300 documents of
5 to 40 words from 30, each dated 2017 or 2018, half of them labelled) and
runs one query in several shapes. A shape is wrong in a trial when some
document it returns weighs otherwise than the reference, computed without
the shape's restriction. Fahras builds its queries in the last shape
(searcher/query.c, restrict_to), which should print 0.
"""
import random
import shutil
import sys
import tempfile

import xapian

Q = xapian.Query


def build(seed, path):
    rnd = random.Random(seed)
    db = xapian.WritableDatabase(path, xapian.DB_CREATE_OR_OVERWRITE)
    vocab = ["w%d" % i for i in range(30)]
    for _ in range(300):
        doc = xapian.Document()
        for pos in range(1, rnd.randint(5, 40) + 1):
            doc.add_posting(rnd.choice(vocab), pos)
        doc.add_value(0, "2017" if rnd.random() < 0.3 else "2018")
        if rnd.random() < 0.5:
            doc.add_boolean_term("Sx")
        db.add_document(doc)
    db.commit()
    return db, rnd.sample(vocab, 5)


def weights(db, query):
    enq = xapian.Enquire(db)
    enq.set_query(query)
    return {m.docid: m.weight for m in enq.get_mset(0, db.get_doccount())}


def differs(got, want):
    return any(d not in want or abs(w - want[d]) > 1e-9 for d, w in got.items())


def main():
    trials = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    date = Q(Q.OP_VALUE_RANGE, 0, "2018", "2018")
    wrong = {"filter by a value range": 0, "filter by a term": 0,
             "right of AND_MAYBE": 0, "AND_NOT of the complement": 0}
    for seed in range(trials):
        path = tempfile.mkdtemp(prefix="xapian-phrase-")
        try:
            db, w = build(seed, path)
            phrase = Q(Q.OP_SCALE_WEIGHT, Q(Q.OP_PHRASE, [Q(w[2]), Q(w[3])], 2), 0.2)
            q = Q(Q.OP_OR, [Q(w[0]), Q(w[1]), phrase])
            alone = weights(db, q)
            shapes = {
                "filter by a value range": Q(Q.OP_FILTER, q, date),
                "filter by a term": Q(Q.OP_FILTER, q, Q("Sx")),
                "AND_NOT of the complement": Q(Q.OP_AND_NOT, q, Q(Q.OP_AND_NOT, Q.MatchAll, date)),
            }
            for name, shape in shapes.items():
                wrong[name] += differs(weights(db, shape), alone)
            # a AND_MAYBE q weighs a document of a as a's weight plus q's.
            a = weights(db, Q(w[4]))
            got = weights(db, Q(Q.OP_AND_MAYBE, Q(w[4]), q))
            want = {d: a[d] + alone.get(d, 0.0) for d in a}
            wrong["right of AND_MAYBE"] += differs(got, want)
        finally:
            shutil.rmtree(path)
    print("Xapian %s, %d trials" % (xapian.version_string(), trials))
    for name, n in wrong.items():
        print("%-26s wrong weights in %d" % (name, n))


if __name__ == "__main__":
    main()
