/*
 * pipe.c - worker threads and one writer thread (see pipe.h).
 *
 * Jobs carry a sequence number. Workers take them in any order; the writer
 * takes them from a ring indexed by sequence number, so it stores them in
 * the order they were queued. At most RING jobs are in flight, which bounds
 * the memory whatever the speed of the index.
 */
#include "pipe.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../schema/schema.h"
#include "docbuild.h"

#define RING 64
#define MAX_WORKERS 64

typedef enum { JOB_DOC, JOB_FILE_END } job_kind;

typedef struct job {
    job_kind kind;
    uint64_t seq;
    const char *file;
    ix_article art; /* strings point into buf */
    char *buf;
    char *key, *state; /* JOB_FILE_END */
    uint64_t bytes;
    int prune;
    /* the worker's result */
    xs_doc *doc;
    ix_status st;
    char idterm[FX_IDTERM_SIZE];
    char msg[256];
    int ready;
    struct job *next; /* input queue */
} job;

struct ix_pipe {
    pthread_mutex_t mu;   /* the queues and counters */
    pthread_mutex_t dbmu; /* the xs_writer */
    pthread_cond_t work, done, room;
    job *head, *tail; /* jobs waiting for a worker */
    job *ring[RING];  /* jobs by seq % RING, from queueing to storing */
    uint64_t next_seq, write_seq;
    int closing, failed;
    char errmsg[512];
    ix_shards *sh;
    unsigned long commit_every, since_commit;
    ix_pipe_stats stats;
    /* (shard << 32 | docid) of the documents stored since the last file end */
    uint64_t *written;
    size_t nwritten, capwritten;
    unsigned nworkers;
    pthread_t workers[MAX_WORKERS], writer;
    ar_analyzer *an[MAX_WORKERS];
    int writer_started;
};

static void job_free(job *j)
{
    if (!j)
        return;
    xs_doc_free(j->doc);
    free(j->buf);
    free(j->key);
    free(j->state);
    free(j);
}

/* Record the first fatal error; the caller holds p->mu. */
static void fail_locked(ix_pipe *p, const char *msg)
{
    if (!p->failed) {
        p->failed = 1;
        snprintf(p->errmsg, sizeof p->errmsg, "%s", msg);
    }
    pthread_cond_broadcast(&p->room);
    pthread_cond_broadcast(&p->work);
    pthread_cond_broadcast(&p->done);
}

static void fail(ix_pipe *p, const char *msg)
{
    pthread_mutex_lock(&p->mu);
    fail_locked(p, msg);
    pthread_mutex_unlock(&p->mu);
}

static void *worker_main(void *arg)
{
    void **a = arg;
    ix_pipe *p = a[0];
    ar_analyzer *an = a[1];
    free(arg);
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (!p->head && !p->closing && !p->failed)
            pthread_cond_wait(&p->work, &p->mu);
        if (!p->head) {
            pthread_mutex_unlock(&p->mu);
            return NULL;
        }
        job *j = p->head;
        p->head = j->next;
        if (!p->head)
            p->tail = NULL;
        int failed = p->failed;
        pthread_mutex_unlock(&p->mu);

        if (j->kind == JOB_DOC && !failed)
            j->st = ix_build_doc(an, &j->art, &j->doc, j->idterm, j->msg, sizeof j->msg);

        pthread_mutex_lock(&p->mu);
        j->ready = 1;
        pthread_cond_broadcast(&p->done);
        pthread_mutex_unlock(&p->mu);
    }
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Store one job; called by the writer thread without p->mu. Returns 0 or -1
 * (fatal, message in msg). */
static int store(ix_pipe *p, job *j, char *msg, size_t msglen)
{
    if (j->kind == JOB_DOC) {
        if (j->st == IX_BAD_INPUT) {
            fprintf(stderr, "indexer: %s:%zu: %s, skipped\n", j->file, j->art.record, j->msg);
            pthread_mutex_lock(&p->mu);
            p->stats.skipped++;
            pthread_mutex_unlock(&p->mu);
            return 0;
        }
        if (j->st != IX_OK) {
            snprintf(msg, msglen, "%s:%zu: %s", j->file, j->art.record,
                     j->st == IX_ENOMEM ? "out of memory" : j->msg);
            return -1;
        }
        int replaced = 0;
        xs_docid id = 0;
        size_t shard = ix_shard_of(p->sh, j->idterm);
        pthread_mutex_lock(&p->dbmu);
        int rc = xs_writer_replace(p->sh->w[shard], j->idterm, j->doc, &replaced, &id);
        if (rc != XS_OK)
            snprintf(msg, msglen, "%s:%zu: cannot store the document: %s", j->file,
                     j->art.record, xs_errmsg());
        pthread_mutex_unlock(&p->dbmu);
        if (rc != XS_OK)
            return -1;
        if (p->nwritten == p->capwritten) {
            size_t cap = p->capwritten ? p->capwritten * 2 : 256;
            uint64_t *v = realloc(p->written, cap * sizeof *v);
            if (!v) {
                snprintf(msg, msglen, "out of memory");
                return -1;
            }
            p->written = v;
            p->capwritten = cap;
        }
        p->written[p->nwritten++] = (uint64_t)shard << 32 | id;
        pthread_mutex_lock(&p->mu);
        if (replaced)
            p->stats.replaced++;
        else
            p->stats.added++;
        pthread_mutex_unlock(&p->mu);
        if (++p->since_commit >= p->commit_every) {
            pthread_mutex_lock(&p->dbmu);
            rc = ix_shards_commit(p->sh);
            if (rc != XS_OK)
                snprintf(msg, msglen, "commit failed: %s", xs_errmsg());
            pthread_mutex_unlock(&p->dbmu);
            if (rc != XS_OK)
                return -1;
            p->since_commit = 0;
            pthread_mutex_lock(&p->mu);
            p->stats.commits++;
            pthread_mutex_unlock(&p->mu);
        }
        return 0;
    }
    /* The end of a file: the documents it no longer holds go, and what was
     * read is recorded. */
    unsigned long deleted = 0, states = 0;
    int rc = XS_OK;
    if (j->key) {
        char term[FX_IDTERM_SIZE], mkey[FX_IDTERM_SIZE + 32];
        if (p->nwritten)
            qsort(p->written, p->nwritten, sizeof *p->written, cmp_u64);
        ix_file_term(j->key, term);
        pthread_mutex_lock(&p->dbmu);
        for (size_t sh = 0; j->prune && rc == XS_OK && sh < p->sh->n; sh++) {
            xs_docid *ids = NULL;
            size_t n = 0;
            rc = xs_writer_term_docids(p->sh->w[sh], term, &ids, &n);
            for (size_t i = 0; rc == XS_OK && i < n; i++) {
                uint64_t k = (uint64_t)sh << 32 | ids[i];
                if (p->nwritten && bsearch(&k, p->written, p->nwritten, sizeof k, cmp_u64))
                    continue;
                rc = xs_writer_delete_docid(p->sh->w[sh], ids[i]);
                deleted++;
            }
            free(ids);
        }
        if (rc == XS_OK && j->state) {
            snprintf(mkey, sizeof mkey, "%s%s", FX_META_FILE, j->key);
            rc = xs_writer_set_metadata(p->sh->w[0], mkey, j->state);
            states = 1;
        }
        if (rc != XS_OK)
            snprintf(msg, msglen, "%s: cannot update the index: %s", j->file, xs_errmsg());
        pthread_mutex_unlock(&p->dbmu);
    }
    p->nwritten = 0;
    pthread_mutex_lock(&p->mu);
    p->stats.deleted += deleted;
    p->stats.states += states;
    p->stats.files_done++;
    p->stats.bytes_done += j->bytes;
    pthread_mutex_unlock(&p->mu);
    return rc == XS_OK ? 0 : -1;
}

static void *writer_main(void *arg)
{
    ix_pipe *p = arg;
    char msg[512];
    for (;;) {
        pthread_mutex_lock(&p->mu);
        job *j;
        while (!((j = p->ring[p->write_seq % RING]) && j->seq == p->write_seq && j->ready) &&
               !(p->closing && p->write_seq == p->next_seq))
            pthread_cond_wait(&p->done, &p->mu);
        if (!j || j->seq != p->write_seq || !j->ready) {
            pthread_mutex_unlock(&p->mu);
            return NULL; /* closing, and everything is stored */
        }
        int failed = p->failed;
        pthread_mutex_unlock(&p->mu);

        int rc = failed ? 0 : store(p, j, msg, sizeof msg);

        pthread_mutex_lock(&p->mu);
        if (rc)
            fail_locked(p, msg);
        p->ring[p->write_seq % RING] = NULL;
        p->write_seq++;
        pthread_cond_broadcast(&p->room);
        pthread_mutex_unlock(&p->mu);
        job_free(j);
    }
}

/* Queue j (numbered here); blocks while RING jobs are in flight. */
static int enqueue(ix_pipe *p, job *j)
{
    pthread_mutex_lock(&p->mu);
    while (p->next_seq - p->write_seq >= RING && !p->failed)
        pthread_cond_wait(&p->room, &p->mu);
    if (p->failed) {
        pthread_mutex_unlock(&p->mu);
        job_free(j);
        return -1;
    }
    j->seq = p->next_seq++;
    p->ring[j->seq % RING] = j;
    if (p->tail)
        p->tail->next = j;
    else
        p->head = j;
    p->tail = j;
    pthread_cond_signal(&p->work);
    pthread_mutex_unlock(&p->mu);
    return 0;
}

/* Copy s (n bytes) into the job's buffer at *o; returns the copy. */
static const char *put(char *buf, size_t *o, const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *d = buf + *o;
    memcpy(d, s, n);
    d[n] = '\0';
    *o += n + 1;
    return d;
}

static size_t slen(const char *s)
{
    return s ? strlen(s) : 0;
}

int ix_pipe_article(ix_pipe *p, const char *file, const ix_article *a)
{
    job *j = calloc(1, sizeof *j);
    if (!j) {
        fail(p, "out of memory");
        return -1;
    }
    const char *strs[] = {a->id, a->source, a->category, a->url, a->author, a->path,
                          a->file_key, file};
    size_t total = a->title_len + a->text_len + a->abstract_len + 3;
    for (size_t i = 0; i < sizeof strs / sizeof *strs; i++)
        total += slen(strs[i]) + 1;
    if (!(j->buf = malloc(total))) {
        free(j);
        fail(p, "out of memory");
        return -1;
    }
    size_t o = 0;
    j->kind = JOB_DOC;
    j->art = *a;
    j->art.title = put(j->buf, &o, a->title, a->title_len);
    j->art.text = put(j->buf, &o, a->text, a->text_len);
    j->art.abstract = put(j->buf, &o, a->abstract, a->abstract_len);
    j->art.id = put(j->buf, &o, a->id, slen(a->id));
    j->art.source = put(j->buf, &o, a->source, slen(a->source));
    j->art.category = put(j->buf, &o, a->category, slen(a->category));
    j->art.url = put(j->buf, &o, a->url, slen(a->url));
    j->art.author = put(j->buf, &o, a->author, slen(a->author));
    j->art.path = put(j->buf, &o, a->path, slen(a->path));
    j->art.file_key = put(j->buf, &o, a->file_key, slen(a->file_key));
    j->file = put(j->buf, &o, file, slen(file));
    return enqueue(p, j);
}

int ix_pipe_file_end(ix_pipe *p, const char *key, const char *state, uint64_t bytes, int prune)
{
    job *j = calloc(1, sizeof *j);
    if (!j || (key && !(j->key = strdup(key))) || (state && !(j->state = strdup(state)))) {
        job_free(j);
        fail(p, "out of memory");
        return -1;
    }
    j->kind = JOB_FILE_END;
    j->file = j->key ? j->key : "(stdin)";
    j->bytes = bytes;
    j->prune = prune;
    return enqueue(p, j);
}

void ix_pipe_lock(ix_pipe *p)
{
    pthread_mutex_lock(&p->dbmu);
}

void ix_pipe_unlock(ix_pipe *p)
{
    pthread_mutex_unlock(&p->dbmu);
}

void ix_pipe_get_stats(ix_pipe *p, ix_pipe_stats *s)
{
    pthread_mutex_lock(&p->mu);
    *s = p->stats;
    pthread_mutex_unlock(&p->mu);
}

int ix_pipe_failed(ix_pipe *p, char *msg, size_t msglen)
{
    pthread_mutex_lock(&p->mu);
    int f = p->failed;
    if (f && msg)
        snprintf(msg, msglen, "%s", p->errmsg);
    pthread_mutex_unlock(&p->mu);
    return f;
}

static void pipe_free(ix_pipe *p)
{
    for (unsigned i = 0; i < MAX_WORKERS; i++)
        ar_analyzer_free(p->an[i]);
    for (size_t i = 0; i < RING; i++)
        job_free(p->ring[i]);
    pthread_mutex_destroy(&p->mu);
    pthread_mutex_destroy(&p->dbmu);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->done);
    pthread_cond_destroy(&p->room);
    free(p->written);
    free(p);
}

static void stop_threads(ix_pipe *p)
{
    pthread_mutex_lock(&p->mu);
    p->closing = 1;
    pthread_cond_broadcast(&p->work);
    pthread_cond_broadcast(&p->done);
    pthread_mutex_unlock(&p->mu);
    for (unsigned i = 0; i < p->nworkers; i++)
        pthread_join(p->workers[i], NULL);
    if (p->writer_started)
        pthread_join(p->writer, NULL);
}

int ix_pipe_start(ix_pipe **out, ix_shards *sh, unsigned threads, ar_stemmer st,
                  unsigned long commit_every, char *msg, size_t msglen)
{
    *out = NULL;
    if (threads < 1)
        threads = 1;
    if (threads > MAX_WORKERS)
        threads = MAX_WORKERS;
    ix_pipe *p = calloc(1, sizeof *p);
    if (!p) {
        snprintf(msg, msglen, "out of memory");
        return -1;
    }
    pthread_mutex_init(&p->mu, NULL);
    pthread_mutex_init(&p->dbmu, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->done, NULL);
    pthread_cond_init(&p->room, NULL);
    p->sh = sh;
    p->commit_every = commit_every ? commit_every : 1;
    for (unsigned i = 0; i < threads; i++) {
        if (ar_analyzer_new_stemmer(&p->an[i], st) != AR_OK) {
            snprintf(msg, msglen, "cannot start the Arabic analyzer (ICU or libstemmer)");
            pipe_free(p);
            return -1;
        }
    }
    for (unsigned i = 0; i < threads; i++) {
        void **arg = malloc(2 * sizeof *arg);
        if (!arg || (arg[0] = p, arg[1] = p->an[i],
                     pthread_create(&p->workers[i], NULL, worker_main, arg)) != 0) {
            free(arg);
            snprintf(msg, msglen, "cannot start a worker thread");
            stop_threads(p);
            pipe_free(p);
            return -1;
        }
        p->nworkers++;
    }
    if (pthread_create(&p->writer, NULL, writer_main, p) != 0) {
        snprintf(msg, msglen, "cannot start the writer thread");
        stop_threads(p);
        pipe_free(p);
        return -1;
    }
    p->writer_started = 1;
    *out = p;
    return 0;
}

int ix_pipe_finish(ix_pipe *p, ix_pipe_stats *s, char *msg, size_t msglen)
{
    stop_threads(p);
    int failed = p->failed;
    if (failed && msg)
        snprintf(msg, msglen, "%s", p->errmsg);
    if (s)
        *s = p->stats;
    pipe_free(p);
    return failed ? -1 : 0;
}
