#!/usr/bin/python3
"""Stock Xapian, for comparison: TermGenerator + QueryParser with
Stem("arabic") and BM25 defaults, as a Xapian user would set it up.

Usage:
  xapian_baseline.py index BODIES.TREC DB
  xapian_baseline.py run DB QUERIES.TSV LIMIT   (qid<TAB>...<TAB>query; OR queries)
      prints a TREC run: qid Q0 docno rank score xapian
  xapian_baseline.py ids DB QUERY              (AND query; every matching docno)
"""
import re
import sys

import xapian

DOC = re.compile(r"<DOC>(.*?)</DOC>", re.S)
DOCNO = re.compile(r"<DOCNO>(.*?)</DOCNO>", re.S)
TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)


def index(trec, path):
    db = xapian.WritableDatabase(path, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_stemmer(xapian.Stem("arabic"))
    with open(trec, encoding="utf-8") as f:
        data = f.read()
    for m in DOC.finditer(data):
        docno = DOCNO.search(m.group(1)).group(1).strip()
        text = TEXT.search(m.group(1)).group(1)
        doc = xapian.Document()
        tg.set_document(doc)
        tg.index_text(text)
        doc.set_data(docno)
        doc.add_boolean_term("Q" + docno)
        db.replace_document("Q" + docno, doc)
    db.commit()


def parser(db, op):
    qp = xapian.QueryParser()
    qp.set_stemmer(xapian.Stem("arabic"))
    qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    qp.set_database(db)
    qp.set_default_op(op)
    return qp


def parse(qp, text):
    try:
        return qp.parse_query(text)
    except xapian.QueryParserError:
        # Stray punctuation: retry as plain words.
        return qp.parse_query(" ".join(re.findall(r"\w+", text)))


def run(path, queries, limit):
    db = xapian.Database(path)
    qp = parser(db, xapian.Query.OP_OR)
    enq = xapian.Enquire(db)
    out = sys.stdout
    with open(queries, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            qid, text = parts[0], parts[-1]
            enq.set_query(parse(qp, text))
            for m in enq.get_mset(0, int(limit)):
                out.write("%s Q0 %s %d %.6f xapian\n" % (qid, m.document.get_data().decode(),
                                                         m.rank + 1, m.weight))


def ids(path, text):
    db = xapian.Database(path)
    enq = xapian.Enquire(db)
    enq.set_query(parse(parser(db, xapian.Query.OP_AND), text))
    for m in enq.get_mset(0, db.get_doccount()):
        print(m.document.get_data().decode())


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "index":
        index(sys.argv[2], sys.argv[3])
    elif cmd == "run":
        run(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == "ids":
        ids(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
