/*
 * xs.cc - the only C++ in Fahras: xs.h implemented over Xapian.
 *
 * Every exported function is noexcept and keeps its body inside
 * try { ... } catch (...) { return xs__map_exception(); }, so no exception
 * reaches C. Nothing allocated with new, and no std::string, leaves here:
 * strings handed to C are malloc'd copies or borrowed from an xs_ object.
 *
 * The stored record is the document data: "FXR1" followed by fields, each a
 * NUL-terminated name, a 4-byte little-endian length and the bytes.
 */
#include "xs.h"

#include <xapian.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <algorithm>
#include <vector>

#include <sys/stat.h>

namespace {

thread_local char errbuf[512] = "";

void set_msg(const char *msg)
{
    std::snprintf(errbuf, sizeof errbuf, "%s", msg);
}

int fail(int code, const char *msg)
{
    set_msg(msg);
    return code;
}

/* "<what>: <detail>" into errbuf with no allocation: this runs inside catch
 * handlers, where an allocation failure would end in std::terminate. */
void set_msg2(const char *what, const char *detail)
{
    std::snprintf(errbuf, sizeof errbuf, "%s: %s", what, detail ? detail : "");
}

/* Rethrow the exception in flight and map it by type to a status. Nothing
 * here allocates: Xapian's get_msg() and get_type() return what the
 * exception already holds. */
int xs__map_exception() noexcept
{
    try {
        throw;
    } catch (const Xapian::DatabaseLockError &e) {
        const char *m = e.get_msg().c_str();
        /* Xapian reports a lock file it cannot create (permissions, a
         * read-only file system) as a lock error too: name the real cause. */
        if (std::strstr(m, "Couldn't open lockfile") || std::strstr(m, "ermission")) {
            set_msg2("cannot lock the index for writing", m);
            return XS_EIO;
        }
        set_msg2("index is locked by another writer", m);
        return XS_ELOCKED;
    } catch (const Xapian::DatabaseNotFoundError &e) {
        set_msg2("no index there", e.get_msg().c_str());
        return XS_ENOTFOUND;
    } catch (const Xapian::DatabaseCorruptError &e) {
        set_msg2("index is corrupt", e.get_msg().c_str());
        return XS_ECORRUPT;
    } catch (const Xapian::DatabaseVersionError &e) {
        set_msg2("unsupported index format", e.get_msg().c_str());
        return XS_EVERSION;
    } catch (const Xapian::DatabaseOpeningError &e) {
        set_msg2("cannot open index", e.get_msg().c_str());
        return XS_ENOTFOUND;
    } catch (const Xapian::DocNotFoundError &e) {
        set_msg2("no such document", e.get_msg().c_str());
        return XS_ENOTFOUND;
    } catch (const Xapian::InvalidArgumentError &e) {
        set_msg2("invalid argument", e.get_msg().c_str());
        return XS_EINVAL;
    } catch (const Xapian::DatabaseError &e) {
        set_msg2("index error", e.get_msg().c_str());
        return XS_EIO;
    } catch (const Xapian::NetworkError &e) {
        set_msg2("network error", e.get_msg().c_str());
        return XS_ENET;
    } catch (const Xapian::Error &e) {
        set_msg2(e.get_type(), e.get_msg().c_str());
        return XS_EXAPIAN;
    } catch (const std::bad_alloc &) {
        set_msg("out of memory");
        return XS_ENOMEM;
    } catch (const std::exception &e) {
        set_msg(e.what());
        return XS_EXAPIAN;
    } catch (...) {
        set_msg("unknown C++ exception");
        return XS_EXAPIAN;
    }
}

char *dup_string(const std::string &s)
{
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (!p)
        throw std::bad_alloc();
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    return p;
}

/* A malloc'd copy of v (one spare element, so it is never NULL). */
template <typename T> T *copy_out(const std::vector<T> &v)
{
    T *a = static_cast<T *>(std::malloc((v.size() + 1) * sizeof(T)));
    if (!a)
        throw std::bad_alloc();
    if (!v.empty())
        std::memcpy(a, v.data(), v.size() * sizeof(T));
    return a;
}

const char record_magic[] = "FXR1";

/* Run f against a reader's database; when a writer committed meanwhile and
 * the revision being read is gone, reopen once and run it again. */
template <typename F> auto with_reopen(Xapian::Database &db, F f) -> decltype(f())
{
    try {
        return f();
    } catch (const Xapian::DatabaseModifiedError &) {
        db.reopen();
        return f();
    }
}

} // namespace

struct xs_writer {
    Xapian::WritableDatabase db;
};

struct xs_reader {
    Xapian::Database db;                 /* every shard, searched as one */
    std::vector<Xapian::Database> shards; /* each on its own, in order */
    std::vector<std::string> names;       /* a path, or "remote HOST:PORT" */
    std::vector<std::string> missing;     /* shards left out (XS_OPEN_PARTIAL) */
    Xapian::Database &first() { return shards.front(); }
};

struct xs_doc {
    Xapian::Document doc;
    std::vector<std::pair<std::string, std::string>> fields;
};

struct xs_query {
    Xapian::Query q;
};

struct xs_results {
    Xapian::MSet mset;
    uint32_t offset;
};

struct xs_record {
    std::string data;
    std::vector<std::pair<std::string, std::pair<size_t, size_t>>> fields;
};

extern "C" {

const char *xs_errmsg(void) noexcept
{
    return errbuf;
}

/* ---------- writing ---------- */

int xs_writer_open(xs_writer **out, const char *path, int create) noexcept
{
    try {
        if (!out || !path || !*path)
            return fail(XS_EINVAL, "no index path given");
        *out = nullptr;
        int flags = create ? Xapian::DB_CREATE_OR_OPEN : Xapian::DB_OPEN;
        *out = new xs_writer{Xapian::WritableDatabase(path, flags)};
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

void xs_writer_free(xs_writer *w) noexcept
{
    try {
        if (w)
            w->db.close();
    } catch (...) {
        (void)xs__map_exception();
    }
    delete w;
}

int xs_writer_replace(xs_writer *w, const char *idterm, const xs_doc *d, int *replaced,
                      xs_docid *docid) noexcept
{
    try {
        if (!w || !idterm || !*idterm || !d)
            return fail(XS_EINVAL, "replace needs a writer, an id term and a document");
        std::string data(record_magic, 4);
        for (const auto &f : d->fields) {
            data.append(f.first);
            data.push_back('\0');
            uint32_t n = static_cast<uint32_t>(f.second.size());
            for (int i = 0; i < 4; i++)
                data.push_back(static_cast<char>((n >> (8 * i)) & 0xFF));
            data.append(f.second);
        }
        /* A copy of a Xapian::Document shares its contents, so the id term
         * and the record are added to the caller's document for the call and
         * taken off again on every path out: the same xs_doc can be stored
         * under several ids, and each id lands on one document only. */
        Xapian::Document doc = d->doc;
        bool had_id = false;
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
            t.skip_to(idterm);
            had_id = t != doc.termlist_end() && *t == idterm;
            break;
        }
        struct restore {
            Xapian::Document &doc;
            const char *idterm;
            bool had_id;
            ~restore()
            {
                try {
                    doc.set_data(std::string());
                    if (!had_id)
                        doc.remove_term(idterm);
                } catch (...) {
                }
            }
        } guard{doc, idterm, had_id};
        doc.set_data(data);
        doc.add_boolean_term(idterm);
        bool existed = w->db.term_exists(idterm);
        Xapian::docid id = w->db.replace_document(idterm, doc);
        if (replaced)
            *replaced = existed ? 1 : 0;
        if (docid)
            *docid = id;
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

int xs_writer_term_docids(xs_writer *w, const char *term, xs_docid **ids, size_t *n) noexcept
{
    try {
        if (!w || !term || !*term || !ids || !n)
            return fail(XS_EINVAL, "term_docids needs a writer, a term and out pointers");
        *ids = nullptr;
        *n = 0;
        std::vector<xs_docid> v;
        for (auto p = w->db.postlist_begin(term); p != w->db.postlist_end(term); ++p)
            v.push_back(*p);
        *ids = copy_out(v);
        *n = v.size();
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

int xs_writer_delete_docid(xs_writer *w, xs_docid id) noexcept
{
    try {
        if (!w || id == 0)
            return fail(XS_EINVAL, "delete needs a writer and a document id");
        w->db.delete_document(id);
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

int xs_writer_metadata_keys(xs_writer *w, const char *prefix, char ***keys, size_t *n) noexcept
{
    try {
        if (!w || !prefix || !keys || !n)
            return fail(XS_EINVAL, "metadata_keys needs a writer, a prefix and out pointers");
        *keys = nullptr;
        *n = 0;
        std::vector<std::string> v;
        for (auto k = w->db.metadata_keys_begin(prefix); k != w->db.metadata_keys_end(prefix); ++k)
            v.push_back(*k);
        char **a = static_cast<char **>(std::calloc(v.size() + 1, sizeof(char *)));
        if (!a)
            throw std::bad_alloc();
        try {
            for (size_t i = 0; i < v.size(); i++)
                a[i] = dup_string(v[i]);
        } catch (...) {
            for (size_t i = 0; i < v.size(); i++)
                std::free(a[i]);
            std::free(a);
            throw;
        }
        *keys = a;
        *n = v.size();
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

int xs_writer_revision(xs_writer *w, uint64_t *rev) noexcept
{
    try {
        if (!w || !rev)
            return fail(XS_EINVAL, "no writer");
        *rev = w->db.get_revision();
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

int xs_writer_termcount(xs_writer *w, uint64_t *out) noexcept
{
    try {
        if (!w || !out)
            return fail(XS_EINVAL, "no writer");
        uint64_t n = 0;
        for (auto t = w->db.allterms_begin(); t != w->db.allterms_end(); ++t)
            ++n;
        *out = n;
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

int xs_writer_delete(xs_writer *w, const char *idterm, int *deleted) noexcept
{
    try {
        if (!w || !idterm || !*idterm)
            return fail(XS_EINVAL, "delete needs a writer and an id term");
        bool existed = w->db.term_exists(idterm);
        if (existed)
            w->db.delete_document(idterm);
        if (deleted)
            *deleted = existed ? 1 : 0;
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

int xs_writer_commit(xs_writer *w) noexcept
{
    try {
        if (!w)
            return fail(XS_EINVAL, "no writer");
        w->db.commit();
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

int xs_writer_set_metadata(xs_writer *w, const char *key, const char *value) noexcept
{
    try {
        if (!w || !key || !*key || !value)
            return fail(XS_EINVAL, "metadata needs a key and a value");
        w->db.set_metadata(key, value);
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

int xs_writer_get_metadata(xs_writer *w, const char *key, char **out) noexcept
{
    try {
        if (!w || !key || !*key || !out)
            return fail(XS_EINVAL, "metadata needs a key");
        *out = dup_string(w->db.get_metadata(key));
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

int xs_writer_doccount(xs_writer *w, uint32_t *out) noexcept
{
    try {
        if (!w || !out)
            return fail(XS_EINVAL, "no writer");
        *out = w->db.get_doccount();
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

/* ---------- documents ---------- */

int xs_doc_new(xs_doc **out) noexcept
{
    try {
        if (!out)
            return fail(XS_EINVAL, "no out pointer");
        *out = new xs_doc();
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

void xs_doc_free(xs_doc *d) noexcept
{
    delete d;
}

int xs_doc_add_posting(xs_doc *d, const char *term, uint32_t pos) noexcept
{
    try {
        if (!d || !term || !*term)
            return fail(XS_EINVAL, "empty term");
        d->doc.add_posting(term, pos);
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

int xs_doc_add_term(xs_doc *d, const char *term, uint32_t wdfinc) noexcept
{
    try {
        if (!d || !term || !*term)
            return fail(XS_EINVAL, "empty term");
        d->doc.add_term(term, wdfinc);
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

int xs_doc_set_value(xs_doc *d, unsigned slot, const char *val, size_t len) noexcept
{
    try {
        if (!d || (!val && len))
            return fail(XS_EINVAL, "no value");
        d->doc.add_value(slot, std::string(val ? val : "", len));
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

int xs_doc_set_field(xs_doc *d, const char *name, const char *val, size_t len) noexcept
{
    try {
        if (!d || !name || !*name || (!val && len))
            return fail(XS_EINVAL, "a field needs a name");
        if (len > 0xFFFFFFFFu)
            return fail(XS_EINVAL, "field longer than 4 GiB");
        std::string v(val ? val : "", len);
        for (auto &f : d->fields)
            if (f.first == name) {
                f.second.swap(v);
                return XS_OK;
            }
        d->fields.emplace_back(name, std::move(v));
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

/* ---------- reading ---------- */

} // extern "C"

namespace {

/* Prefix the message of the failure in flight with the shard's name. */
void name_failure(const std::string &name)
{
    char tmp[sizeof errbuf];
    std::snprintf(tmp, sizeof tmp, "%s", errbuf);
    /* A long message is cut: the shard's name comes first. */
    if (std::snprintf(errbuf, sizeof errbuf, "%s: %s", name.c_str(), tmp) < 0)
        errbuf[0] = '\0';
}

bool is_dir(const std::string &p)
{
    struct stat st;
    return ::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool is_file(const std::string &p)
{
    struct stat st;
    return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string dir_of(const std::string &p)
{
    size_t k = p.rfind('/');
    return k == std::string::npos ? std::string(".") : k == 0 ? std::string("/") : p.substr(0, k);
}

/* Open path as shards: a database directory is one shard; a stub file, or a
 * directory holding one (XAPIANDB), lists shards, one a line: "auto PATH"
 * (also glass, chert; relative to the stub), "remote HOST:PORT" or
 * "tcp HOST PORT" (Xapian's stub format). Each shard is opened on its own,
 * so that its metadata can be checked. With partial set, a shard that
 * cannot be reached is left out and named in r->missing. */
int add_shards(xs_reader *r, const std::string &path, bool partial, int depth)
{
    if (depth > 8)
        return fail(XS_EINVAL, "stub files nested too deep");
    std::string stub;
    if (is_dir(path) && is_file(path + "/XAPIANDB"))
        stub = path + "/XAPIANDB";
    else if (is_file(path))
        stub = path;
    if (stub.empty()) {
        try {
            r->shards.emplace_back(path);
        } catch (...) {
            int rc = xs__map_exception();
            if (depth > 0) /* a stub's shard; the caller names its own path */
                name_failure(path);
            return rc;
        }
        r->names.push_back(path);
        return XS_OK;
    }
    FILE *f = std::fopen(stub.c_str(), "r");
    if (!f) {
        std::snprintf(errbuf, sizeof errbuf, "%s: %s", stub.c_str(), std::strerror(errno));
        return XS_ENOTFOUND;
    }
    std::string base = stub == path + "/XAPIANDB" ? path : dir_of(stub);
    char line[4096];
    int rc = XS_OK, lineno = 0;
    while (rc == XS_OK && std::fgets(line, sizeof line, f)) {
        lineno++;
        char kind[32] = "", a[2048] = "", b[64] = "";
        int got = std::sscanf(line, "%31s %2047s %63s", kind, a, b);
        if (got <= 0 || kind[0] == '#')
            continue;
        std::string k(kind), name;
        try {
            if ((k == "auto" || k == "glass" || k == "chert") && got >= 2) {
                std::string p = a[0] == '/' ? std::string(a) : base + "/" + a;
                rc = add_shards(r, p, partial, depth + 1);
                continue;
            }
            std::string host;
            unsigned port = 0;
            if (k == "remote" && got >= 2 && std::strchr(a, ':')) {
                const char *c = std::strrchr(a, ':');
                host.assign(a, static_cast<size_t>(c - a));
                port = static_cast<unsigned>(std::strtoul(c + 1, nullptr, 10));
            } else if (k == "tcp" && got >= 3) {
                host = a;
                port = static_cast<unsigned>(std::strtoul(b, nullptr, 10));
            } else {
                std::snprintf(errbuf, sizeof errbuf,
                              "%s:%d: not a shard line (auto PATH, remote HOST:PORT)", stub.c_str(),
                              lineno);
                rc = XS_EINVAL;
                continue;
            }
            if (host.empty())
                host = "127.0.0.1";
            name = "remote " + host + ":" + std::to_string(port);
            if (port == 0 || port > 65535) {
                std::snprintf(errbuf, sizeof errbuf, "%s: no port", name.c_str());
                rc = XS_EINVAL;
                continue;
            }
            r->shards.push_back(Xapian::Remote::open(host, port, 10000, 3000));
            r->names.push_back(name);
        } catch (...) {
            rc = xs__map_exception();
            if (rc == XS_ENET && partial) {
                r->missing.push_back(name);
                rc = XS_OK;
                continue;
            }
            name_failure(name.empty() ? stub : name);
        }
    }
    std::fclose(f);
    return rc;
}

} // namespace

extern "C" {

int xs_reader_open(xs_reader **out, const char *const *paths, size_t n) noexcept
{
    return xs_reader_open_flags(out, paths, n, 0);
}

int xs_reader_open_flags(xs_reader **out, const char *const *paths, size_t n,
                         unsigned flags) noexcept
{
    try {
        if (!out || !paths || n == 0)
            return fail(XS_EINVAL, "no index path given");
        *out = nullptr;
        xs_reader *r = new xs_reader();
        int rc = XS_OK;
        try {
            for (size_t i = 0; i < n && rc == XS_OK; i++) {
                if (!paths[i] || !*paths[i])
                    throw Xapian::InvalidArgumentError("empty index path");
                rc = add_shards(r, paths[i], (flags & XS_OPEN_PARTIAL) != 0, 0);
            }
            if (rc == XS_OK && r->shards.empty())
                rc = fail(r->missing.empty() ? XS_EINVAL : XS_ENET,
                          r->missing.empty() ? "no shard listed" : "no shard can be reached");
            for (size_t i = 0; rc == XS_OK && i < r->shards.size(); i++)
                r->db.add_database(r->shards[i]);
        } catch (...) {
            delete r;
            throw;
        }
        if (rc != XS_OK) {
            delete r;
            return rc;
        }
        *out = r;
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

int xs_compact(const char *const *paths, size_t n, const char *out) noexcept
{
    try {
        if (!paths || n == 0 || !out || !*out)
            return fail(XS_EINVAL, "compact needs indexes and an output directory");
        xs_reader *r = nullptr;
        int rc = xs_reader_open(&r, paths, n);
        if (rc != XS_OK)
            return rc;
        try {
            r->db.compact(out);
        } catch (...) {
            delete r;
            throw;
        }
        delete r;
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

size_t xs_reader_shard_count(const xs_reader *r) noexcept
{
    return r ? r->shards.size() : 0;
}

const char *xs_reader_shard_name(const xs_reader *r, size_t i) noexcept
{
    return r && i < r->names.size() ? r->names[i].c_str() : nullptr;
}

size_t xs_reader_missing_count(const xs_reader *r) noexcept
{
    return r ? r->missing.size() : 0;
}

const char *xs_reader_missing_name(const xs_reader *r, size_t i) noexcept
{
    return r && i < r->missing.size() ? r->missing[i].c_str() : nullptr;
}

int xs_reader_shard_metadata(xs_reader *r, size_t i, const char *key, char **out) noexcept
{
    try {
        if (!r || i >= r->shards.size() || !key || !*key || !out)
            return fail(XS_EINVAL, "no such shard, or no key");
        *out = dup_string(r->shards[i].get_metadata(key));
        return XS_OK;
    } catch (...) {
        int rc = xs__map_exception();
        name_failure(r->names[i]);
        return rc;
    }
}

int xs_reader_shard_doccount(xs_reader *r, size_t i, uint32_t *out) noexcept
{
    try {
        if (!r || i >= r->shards.size() || !out)
            return fail(XS_EINVAL, "no such shard");
        *out = r->shards[i].get_doccount();
        return XS_OK;
    } catch (...) {
        int rc = xs__map_exception();
        name_failure(r->names[i]);
        return rc;
    }
}

void xs_reader_free(xs_reader *r) noexcept
{
    delete r;
}

int xs_reader_get_metadata(xs_reader *r, const char *key, char **out) noexcept
{
    try {
        if (!r || !key || !*key || !out)
            return fail(XS_EINVAL, "metadata needs a key");
        *out = dup_string(r->first().get_metadata(key));
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

int xs_reader_revision(xs_reader *r, uint64_t *rev) noexcept
{
    try {
        if (!r || !rev)
            return fail(XS_EINVAL, "no reader");
        *rev = r->first().get_revision();
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

int xs_reader_doccount(xs_reader *r, uint32_t *out) noexcept
{
    try {
        if (!r || !out)
            return fail(XS_EINVAL, "no reader");
        *out = r->db.get_doccount();
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

int xs_reader_termstats(xs_reader *r, const char *term, uint32_t *df, uint64_t *cf) noexcept
{
    try {
        if (!r || !term)
            return fail(XS_EINVAL, "no term");
        with_reopen(r->db, [&] {
            if (df)
                *df = r->db.get_termfreq(term);
            if (cf)
                *cf = r->db.get_collection_freq(term);
            return 0;
        });
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

int xs_reader_termfreqs(xs_reader *r, const char *const *terms, size_t n, uint32_t *df) noexcept
{
    try {
        if (!r || (n && (!terms || !df)))
            return fail(XS_EINVAL, "termfreqs needs a reader and arrays");
        bool remote = false;
        for (const auto &name : r->names)
            remote = remote || name.compare(0, 7, "remote ") == 0;
        with_reopen(r->db, [&] {
            if (!remote || n < 2) {
                for (size_t i = 0; i < n; i++)
                    df[i] = terms[i] ? r->db.get_termfreq(terms[i]) : 0;
                return 0;
            }
            /* Remote shards: one get_termfreq is one round trip per shard.
             * A match for no document over the OR of every term gathers
             * all their statistics in one exchange with each shard. */
            std::vector<Xapian::Query> qs;
            for (size_t i = 0; i < n; i++)
                if (terms[i] && *terms[i])
                    qs.emplace_back(terms[i]);
            Xapian::Enquire e(r->db);
            e.set_query(Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end()));
            Xapian::MSet m = e.get_mset(0, 0);
            for (size_t i = 0; i < n; i++)
                df[i] = terms[i] && *terms[i] ? m.get_termfreq(terms[i]) : 0;
            return 0;
        });
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

int xs_reader_termcount(xs_reader *r, const char *prefix, uint64_t max, uint64_t *out) noexcept
{
    try {
        if (!r || !prefix || !out)
            return fail(XS_EINVAL, "no prefix");
        uint64_t n = 0;
        for (auto t = r->db.allterms_begin(prefix); t != r->db.allterms_end(prefix); ++t) {
            ++n;
            if (max && n >= max)
                break;
        }
        *out = n;
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

int xs_reader_record(xs_reader *r, xs_docid id, xs_record **out) noexcept
{
    try {
        if (!r || !out || id == 0)
            return fail(XS_EINVAL, "no document id");
        *out = nullptr;
        xs_record *rec = new xs_record();
        try {
            rec->data = with_reopen(r->db, [&] { return r->db.get_document(id).get_data(); });
            const std::string &s = rec->data;
            if (s.size() < 4 || s.compare(0, 4, record_magic) != 0)
                throw Xapian::DatabaseCorruptError("document record has no FXR1 header");
            size_t i = 4;
            while (i < s.size()) {
                size_t z = s.find('\0', i);
                if (z == std::string::npos || z + 5 > s.size())
                    throw Xapian::DatabaseCorruptError("truncated document record");
                uint32_t n = 0;
                for (int k = 0; k < 4; k++)
                    n |= static_cast<uint32_t>(static_cast<unsigned char>(s[z + 1 + k])) << (8 * k);
                size_t start = z + 5;
                if (n > s.size() - start)
                    throw Xapian::DatabaseCorruptError("document record field overruns");
                rec->fields.emplace_back(s.substr(i, z - i), std::make_pair(start, size_t(n)));
                i = start + n;
            }
        } catch (...) {
            delete rec;
            throw;
        }
        *out = rec;
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

int xs_reader_value(xs_reader *r, xs_docid id, unsigned slot, char **out, size_t *len) noexcept
{
    try {
        if (!r || !out || id == 0)
            return fail(XS_EINVAL, "no document id");
        std::string v = r->db.get_document(id).get_value(slot);
        *out = dup_string(v);
        if (len)
            *len = v.size();
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

const char *xs_record_get(const xs_record *rec, const char *name, size_t *len) noexcept
{
    if (!rec || !name)
        return nullptr;
    for (const auto &f : rec->fields)
        if (f.first == name) {
            if (len)
                *len = f.second.second;
            return rec->data.data() + f.second.first;
        }
    return nullptr;
}

void xs_record_free(xs_record *rec) noexcept
{
    delete rec;
}

/* ---------- queries ---------- */

int xs_query_term(xs_query **out, const char *term, uint32_t wqf, uint32_t pos) noexcept
{
    try {
        if (!out || !term || !*term)
            return fail(XS_EINVAL, "empty query term");
        *out = new xs_query{Xapian::Query(term, wqf ? wqf : 1, pos)};
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

int xs_query_combine(xs_query **out, xs_op op, xs_query *const *subs, size_t n,
                     uint32_t window) noexcept
{
    try {
        if (!out || (!subs && n))
            return fail(XS_EINVAL, "no subqueries");
        *out = nullptr;
        std::vector<Xapian::Query> v;
        v.reserve(n);
        for (size_t i = 0; i < n; i++) {
            if (!subs[i])
                return fail(XS_EINVAL, "NULL subquery");
            v.push_back(subs[i]->q);
        }
        Xapian::Query::op xop;
        switch (op) {
        case XS_OP_AND: xop = Xapian::Query::OP_AND; break;
        case XS_OP_OR: xop = Xapian::Query::OP_OR; break;
        case XS_OP_AND_NOT: xop = Xapian::Query::OP_AND_NOT; break;
        case XS_OP_AND_MAYBE: xop = Xapian::Query::OP_AND_MAYBE; break;
        case XS_OP_FILTER: xop = Xapian::Query::OP_FILTER; break;
        case XS_OP_PHRASE: xop = Xapian::Query::OP_PHRASE; break;
        case XS_OP_NEAR: xop = Xapian::Query::OP_NEAR; break;
        case XS_OP_SYNONYM: xop = Xapian::Query::OP_SYNONYM; break;
        case XS_OP_ELITE_SET: xop = Xapian::Query::OP_ELITE_SET; break;
        default: return fail(XS_EINVAL, "unknown query operator");
        }
        if ((op == XS_OP_AND_NOT || op == XS_OP_AND_MAYBE || op == XS_OP_FILTER) && n < 1)
            return fail(XS_EINVAL, "operator needs a first subquery");
        *out = new xs_query{Xapian::Query(xop, v.begin(), v.end(), window)};
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

int xs_query_value_range(xs_query **out, unsigned slot, const char *lo, const char *hi) noexcept
{
    try {
        if (!out || (!lo && !hi))
            return fail(XS_EINVAL, "a range needs a bound");
        if (lo && hi)
            *out = new xs_query{Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi)};
        else if (lo)
            *out = new xs_query{Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo)};
        else
            *out = new xs_query{Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi)};
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

int xs_query_scale(xs_query **out, const xs_query *q, double factor) noexcept
{
    try {
        if (!out || !q || !(factor >= 0))
            return fail(XS_EINVAL, "scale needs a query and a factor >= 0");
        *out = new xs_query{Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->q, factor)};
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

int xs_query_all(xs_query **out) noexcept
{
    try {
        if (!out)
            return fail(XS_EINVAL, "no out pointer");
        *out = new xs_query{Xapian::Query::MatchAll};
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

int xs_query_is_positional(const xs_query *q) noexcept
{
    try {
        if (!q)
            return 0;
        std::vector<Xapian::Query> todo{q->q};
        while (!todo.empty()) {
            Xapian::Query x = todo.back();
            todo.pop_back();
            if (x.get_type() == Xapian::Query::OP_PHRASE || x.get_type() == Xapian::Query::OP_NEAR)
                return 1;
            for (size_t i = 0; i < x.get_num_subqueries(); i++)
                todo.push_back(x.get_subquery(i));
        }
        return 0;
    } catch (...) {
        xs__map_exception();
        return 1; /* unknown: the caller's safe side */
    }
}

int xs_query_describe(const xs_query *q, char **out) noexcept
{
    try {
        if (!q || !out)
            return fail(XS_EINVAL, "no query");
        *out = dup_string(q->q.get_description());
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

void xs_query_free(xs_query *q) noexcept
{
    delete q;
}

void xs_search_opts_init(xs_search_opts *o) noexcept
{
    if (!o)
        return;
    o->k1 = 1.0;
    o->k2 = 0.0;
    o->k3 = 1.0;
    o->b = 0.5;
    o->min_normlen = 0.5;
    o->offset = 0;
    o->limit = 10;
    o->sort_slot = -1;
    o->sort_descending = 1;
    o->sort_missing = nullptr;
    o->check_at_least = 0;
}

int xs_reader_search(xs_reader *r, const xs_query *q, const xs_search_opts *o,
                     xs_results **out) noexcept
{
    try {
        if (!r || !q || !out)
            return fail(XS_EINVAL, "search needs a reader and a query");
        *out = nullptr;
        xs_search_opts d;
        xs_search_opts_init(&d);
        if (!o)
            o = &d;
        Xapian::MSet m = with_reopen(r->db, [&] {
            Xapian::Enquire enq(r->db);
            enq.set_query(q->q);
            enq.set_weighting_scheme(
                Xapian::BM25Weight(o->k1, o->k2, o->k3, o->b, o->min_normlen));
            /* Held by the enquire only as a pointer: it must outlive get_mset. */
            Xapian::MultiValueKeyMaker keys;
            if (o->sort_slot >= 0) {
                keys.add_value(static_cast<Xapian::valueno>(o->sort_slot),
                               o->sort_descending != 0,
                               o->sort_missing ? std::string(o->sort_missing) : std::string());
                enq.set_sort_by_key_then_relevance(&keys, false);
            }
            return enq.get_mset(o->offset, o->limit, o->check_at_least);
        });
        *out = new xs_results{m, o->offset};
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

int xs_reader_count(xs_reader *r, const xs_query *q, uint32_t *out) noexcept
{
    try {
        if (!r || !q || !out)
            return fail(XS_EINVAL, "count needs a reader and a query");
        *out = with_reopen(r->db, [&] {
            Xapian::Enquire enq(r->db);
            enq.set_query(q->q);
            enq.set_weighting_scheme(Xapian::BoolWeight());
            return enq.get_mset(0, 0, r->db.get_doccount()).get_matches_estimated();
        });
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

size_t xs_results_size(const xs_results *res) noexcept
{
    return res ? res->mset.size() : 0;
}

int xs_results_hit(const xs_results *res, size_t i, xs_docid *id, uint32_t *rank,
                   double *weight) noexcept
{
    try {
        if (!res || i >= res->mset.size())
            return fail(XS_EINVAL, "hit index out of range");
        Xapian::MSetIterator it = res->mset[static_cast<Xapian::doccount>(i)];
        if (id)
            *id = *it;
        if (rank)
            *rank = res->offset + static_cast<uint32_t>(i) + 1;
        if (weight)
            *weight = it.get_weight();
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

void xs_results_estimate(const xs_results *res, uint32_t *est, uint32_t *lo, uint32_t *hi) noexcept
{
    if (!res)
        return;
    if (est)
        *est = res->mset.get_matches_estimated();
    if (lo)
        *lo = res->mset.get_matches_lower_bound();
    if (hi)
        *hi = res->mset.get_matches_upper_bound();
}

void xs_results_free(xs_results *res) noexcept
{
    delete res;
}

int xs_reader_match_ids(xs_reader *r, const xs_query *q, xs_docid **ids, size_t *n) noexcept
{
    try {
        if (!r || !q || !ids || !n)
            return fail(XS_EINVAL, "match_ids needs a reader, a query and outputs");
        *ids = nullptr;
        *n = 0;
        std::vector<xs_docid> v = with_reopen(r->db, [&] {
            Xapian::Enquire enq(r->db);
            enq.set_query(q->q);
            enq.set_weighting_scheme(Xapian::BoolWeight());
            enq.set_docid_order(Xapian::Enquire::ASCENDING);
            Xapian::MSet m = enq.get_mset(0, r->db.get_doccount());
            std::vector<xs_docid> out;
            out.reserve(m.size());
            for (auto it = m.begin(); it != m.end(); ++it)
                out.push_back(*it);
            return out;
        });
        std::sort(v.begin(), v.end());
        *ids = copy_out(v);
        *n = v.size();
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

int xs_reader_wdfs(xs_reader *r, const char *term, const xs_docid *ids, size_t n,
                   uint32_t *wdf) noexcept
{
    try {
        if (!r || !term || (n && (!ids || !wdf)))
            return fail(XS_EINVAL, "wdfs needs a reader, a term and arrays");
        for (size_t i = 0; i < n; i++)
            wdf[i] = 0;
        if (n == 0 || !*term)
            return XS_OK;
        with_reopen(r->db, [&] {
            Xapian::PostingIterator p = r->db.postlist_begin(term), e = r->db.postlist_end(term);
            for (size_t i = 0; i < n && p != e; i++) {
                if (i && ids[i] <= ids[i - 1])
                    throw Xapian::InvalidArgumentError("document ids are not ascending");
                p.skip_to(ids[i]);
                if (p == e)
                    break;
                wdf[i] = *p == ids[i] ? p.get_wdf() : 0;
            }
            return 0;
        });
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

int xs_reader_positions(xs_reader *r, xs_docid id, const char *term, uint32_t **pos,
                        size_t *n) noexcept
{
    try {
        if (!r || !term || !pos || !n || id == 0)
            return fail(XS_EINVAL, "positions needs a document id, a term and outputs");
        *pos = nullptr;
        *n = 0;
        std::vector<uint32_t> v = with_reopen(r->db, [&] {
            std::vector<uint32_t> out;
            for (auto it = r->db.positionlist_begin(id, term); it != r->db.positionlist_end(id, term);
                 ++it)
                out.push_back(*it);
            return out;
        });
        *pos = copy_out(v);
        *n = v.size();
        return XS_OK;
    } catch (...) {
        return xs__map_exception();
    }
}

int xs_reader_prefix_terms(xs_reader *r, const char *prefix, size_t max, char ***out,
                           size_t *n) noexcept
{
    char **a = nullptr;
    size_t k = 0;
    try {
        if (!r || !prefix || !out || !n)
            return fail(XS_EINVAL, "prefix_terms needs a reader, a prefix and outputs");
        *out = nullptr;
        *n = 0;
        std::vector<std::string> v = with_reopen(r->db, [&] {
            std::vector<std::string> terms;
            for (auto t = r->db.allterms_begin(prefix); t != r->db.allterms_end(prefix); ++t) {
                if (terms.size() > max)
                    break;
                terms.push_back(*t);
            }
            return terms;
        });
        a = static_cast<char **>(std::calloc(v.size() + 1, sizeof *a));
        if (!a)
            throw std::bad_alloc();
        for (k = 0; k < v.size(); k++)
            a[k] = dup_string(v[k]);
        *out = a;
        *n = v.size();
        return XS_OK;
    } catch (...) {
        for (size_t i = 0; a && i < k; i++)
            std::free(a[i]);
        std::free(a);
        return xs__map_exception();
    }
}

int xs_reader_values(xs_reader *r, unsigned slot, const xs_docid *ids, size_t n,
                     char **vals) noexcept
{
    try {
        if (!r || (n && (!ids || !vals)))
            return fail(XS_EINVAL, "values needs a reader and arrays");
        for (size_t i = 0; i < n; i++)
            vals[i] = nullptr;
        with_reopen(r->db, [&] {
            for (size_t i = 0; i < n; i++) {
                std::free(vals[i]);
                vals[i] = nullptr;
            }
            Xapian::ValueIterator v = r->db.valuestream_begin(slot), e = r->db.valuestream_end(slot);
            for (size_t i = 0; i < n && v != e; i++) {
                if (i && ids[i] <= ids[i - 1])
                    throw Xapian::InvalidArgumentError("document ids are not ascending");
                v.skip_to(ids[i]);
                if (v == e)
                    break;
                if (v.get_docid() == ids[i])
                    vals[i] = dup_string(*v);
            }
            return 0;
        });
        return XS_OK;
    } catch (...) {
        for (size_t i = 0; i < n && vals; i++) {
            std::free(vals[i]);
            vals[i] = nullptr;
        }
        return xs__map_exception();
    }
}

} /* extern "C" */
