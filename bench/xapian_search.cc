// bench/xapian_search.cc - the stock Xapian searcher that bench/search times
// Fahras against: QueryParser with Stem("arabic") (STEM_SOME), 10 hits, and
// MSet::snippet over each hit's stored text, as a user of Xapian's own
// tools gets them. Reads QID<TAB>KIND<TAB>QUERY lines on standard input;
// KIND "or" parses with OR as the default operator, any other with AND.
// Writes QID<TAB>milliseconds for each query to standard output.
//
// Build: c++ -O2 bench/xapian_search.cc $(xapian-config --cxxflags --libs)
// Usage: xapian_search DB < queries.tsv > timings.tsv
#include <xapian.h>

#include <chrono>
#include <iostream>
#include <string>

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::cerr << "usage: xapian_search DB < queries.tsv\n";
        return 2;
    }
    try {
        Xapian::Database db(argv[1]);
        Xapian::Enquire enquire(db);
        Xapian::Stem stem("arabic");
        Xapian::QueryParser qp;
        qp.set_database(db);
        qp.set_stemmer(stem);
        qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        std::string line;
        size_t out_bytes = 0;
        while (std::getline(std::cin, line)) {
            size_t a = line.find('\t'), b = line.find('\t', a + 1);
            if (a == std::string::npos || b == std::string::npos)
                continue;
            std::string qid = line.substr(0, a), kind = line.substr(a + 1, b - a - 1);
            std::string text = line.substr(b + 1);
            auto t0 = std::chrono::steady_clock::now();
            qp.set_default_op(kind == "or" ? Xapian::Query::OP_OR : Xapian::Query::OP_AND);
            Xapian::Query q;
            try {
                q = qp.parse_query(text, Xapian::QueryParser::FLAG_DEFAULT |
                                             Xapian::QueryParser::FLAG_PHRASE);
            } catch (const Xapian::QueryParserError &) {
                q = qp.parse_query(text, 0);
            }
            enquire.set_query(q);
            Xapian::MSet mset = enquire.get_mset(0, 10);
            for (auto it = mset.begin(); it != mset.end(); ++it) {
                std::string data = it.get_document().get_data();
                out_bytes += mset.snippet(data, 200, stem).size();
            }
            auto t1 = std::chrono::steady_clock::now();
            std::cout << qid << "\t"
                      << std::chrono::duration<double, std::milli>(t1 - t0).count() << "\n";
        }
        std::cerr << "xapian_search: " << out_bytes << " bytes of snippets\n";
    } catch (const Xapian::Error &e) {
        std::cerr << "xapian_search: " << e.get_description() << "\n";
        return 2;
    }
    return 0;
}
