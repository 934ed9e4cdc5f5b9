// bench/xapian_index.cc - the stock Xapian indexer that bench/index measures
// Fahras against: TermGenerator with Stem("arabic") and positions, over the
// same files. TREC-style files (<DOC> blocks with DOCNO, TITLE, TEXT) give
// one document per block; any other file is one document, its path the id.
// The document data is the title and the text, as Fahras keeps them for
// snippets. Files are read in the order given on standard input (one path
// per line).
//
// Build: c++ -O2 bench/xapian_index.cc $(xapian-config --cxxflags --libs)
// Usage: find DIR -type f | sort | xapian_index DBDIR
#include <xapian.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

static std::string tag(const std::string &doc, const char *name)
{
    std::string open = std::string("<") + name + ">", close = std::string("</") + name + ">";
    size_t a = doc.find(open);
    if (a == std::string::npos)
        return "";
    a += open.size();
    size_t b = doc.find(close, a);
    return doc.substr(a, b == std::string::npos ? std::string::npos : b - a);
}

static void add(Xapian::WritableDatabase &db, Xapian::TermGenerator &tg, const std::string &id,
                const std::string &title, const std::string &text)
{
    Xapian::Document doc;
    tg.set_document(doc);
    tg.index_text(title);
    tg.increase_termpos(100);
    tg.index_text(text);
    doc.set_data(title + "\n" + text);
    std::string idterm = "Q" + id.substr(0, 200);
    doc.add_boolean_term(idterm);
    db.replace_document(idterm, doc);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::cerr << "usage: xapian_index DBDIR < list-of-files\n";
        return 2;
    }
    try {
        Xapian::WritableDatabase db(argv[1], Xapian::DB_CREATE_OR_OVERWRITE);
        Xapian::TermGenerator tg;
        tg.set_stemmer(Xapian::Stem("arabic"));
        std::string path;
        unsigned long n = 0;
        while (std::getline(std::cin, path)) {
            std::ifstream f(path, std::ios::binary);
            std::stringstream ss;
            ss << f.rdbuf();
            const std::string all = ss.str();
            size_t p = all.find("<DOC>");
            if (p == std::string::npos) {
                add(db, tg, path, "", all);
                n++;
                continue;
            }
            while (p != std::string::npos) {
                size_t e = all.find("</DOC>", p);
                std::string doc = all.substr(p, e == std::string::npos ? std::string::npos : e - p);
                std::string id = tag(doc, "DOCNO");
                if (!id.empty()) {
                    add(db, tg, id, tag(doc, "TITLE"), tag(doc, "TEXT"));
                    n++;
                }
                p = e == std::string::npos ? e : all.find("<DOC>", e);
            }
        }
        db.commit();
        std::cerr << "xapian_index: " << n << " documents\n";
    } catch (const Xapian::Error &e) {
        std::cerr << "xapian_index: " << e.get_description() << "\n";
        return 2;
    }
    return 0;
}
