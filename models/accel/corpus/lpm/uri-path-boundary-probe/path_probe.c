/* Longest path-prefix match for request routing ("/api/v2/users/17" is
 * served by the most specific mount point among "/", "/api", "/api/v2",
 * "/api/v2/users", ...).  A mount point matches a path when it equals the
 * path or is followed in the path by a '/' -- "/api" matches "/api/x" but
 * not "/apix".
 *
 * All mount points sit in one open-addressing table keyed by the exact
 * normalised string.  A lookup makes one forward pass over the path, and at
 * every component boundary it snapshots the running FNV-1a state, so the key
 * value of every candidate prefix is known without rescanning.  It then
 * probes the candidates from the longest down to "/"; the first present one
 * is the answer.  Deletion uses backward-shift so no tombstones are left.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MP_SLOTS 2048          /* power of two */
#define MP_MAXLEN 120
#define MP_MAXDEPTH 64

typedef struct {
    uint32_t key;              /* FNV-1a of the mount string, 0 = empty */
    uint16_t len;
    int16_t handler;
    char text[MP_MAXLEN + 1];
} mp_slot;

typedef struct {
    mp_slot slot[MP_SLOTS];
    int count;
} mp_table;

/* Strip trailing '/' (except for the root); returns normalised length. */
static int mp_trimmed_length(const char *s, int n)
{
    while (n > 1 && s[n - 1] == '/')
        n--;
    return n;
}

static uint32_t mp_key_of(const char *s, int n)
{
    uint32_t h = 2166136261u;
    int i;
    for (i = 0; i < n; i++) {
        h ^= (uint8_t)s[i];
        h *= 16777619u;
    }
    return h ? h : 1u;
}

void mp_init(mp_table *t)
{
    memset(t, 0, sizeof(*t));
}

static int mp_find(const mp_table *t, uint32_t key, const char *s, int n)
{
    uint32_t i = key & (MP_SLOTS - 1);
    for (;;) {
        const mp_slot *e = &t->slot[i];
        if (e->key == 0)
            return -1;
        if (e->key == key && e->len == n && memcmp(e->text, s, (size_t)n) == 0)
            return (int)i;
        i = (i + 1) & (MP_SLOTS - 1);
    }
}

int mp_mount(mp_table *t, const char *path, int handler)
{
    int n = mp_trimmed_length(path, (int)strlen(path));
    if (n == 0 || path[0] != '/' || n > MP_MAXLEN)
        return -1;
    uint32_t key = mp_key_of(path, n);
    int at = mp_find(t, key, path, n);
    if (at >= 0) {
        t->slot[at].handler = (int16_t)handler;
        return 0;
    }
    if (t->count >= MP_SLOTS * 3 / 4)
        return -1;
    uint32_t i = key & (MP_SLOTS - 1);
    while (t->slot[i].key != 0)
        i = (i + 1) & (MP_SLOTS - 1);
    mp_slot *e = &t->slot[i];
    e->key = key;
    e->len = (uint16_t)n;
    e->handler = (int16_t)handler;
    memcpy(e->text, path, (size_t)n);
    e->text[n] = 0;
    t->count++;
    return 1;
}

int mp_unmount(mp_table *t, const char *path)
{
    int n = mp_trimmed_length(path, (int)strlen(path));
    if (n == 0 || path[0] != '/' || n > MP_MAXLEN)
        return 0;
    int at = mp_find(t, mp_key_of(path, n), path, n);
    if (at < 0)
        return 0;
    uint32_t hole = (uint32_t)at;
    uint32_t j = hole;
    for (;;) {
        j = (j + 1) & (MP_SLOTS - 1);
        mp_slot *e = &t->slot[j];
        if (e->key == 0)
            break;
        uint32_t home = e->key & (MP_SLOTS - 1);
        /* e may move into the hole if its home is not in (hole, j] */
        uint32_t d_home = (j - home) & (MP_SLOTS - 1);
        uint32_t d_hole = (j - hole) & (MP_SLOTS - 1);
        if (d_home >= d_hole) {
            t->slot[hole] = *e;
            hole = j;
        }
    }
    memset(&t->slot[hole], 0, sizeof(mp_slot));
    t->count--;
    return 1;
}

/* Returns the handler of the longest mount point covering `path`, or
 * `fallback`.  The path may contain a query ('?') which is ignored. */
int mp_route(const mp_table *t, const char *path, int fallback)
{
    uint32_t cut_key[MP_MAXDEPTH + 2];
    int cut_len[MP_MAXDEPTH + 2];
    int ncut = 0;
    uint32_t h = 2166136261u;
    int i = 0;

    if (path[0] != '/')
        return fallback;
    /* root candidate */
    cut_key[ncut] = 0;
    cut_len[ncut++] = 1;
    while (path[i] && path[i] != '?' && i < MP_MAXLEN) {
        if (path[i] == '/' && i > 0 && path[i - 1] != '/' &&
            ncut < MP_MAXDEPTH) {
            cut_key[ncut] = h;
            cut_len[ncut++] = i;
        }
        h ^= (uint8_t)path[i];
        h *= 16777619u;
        i++;
    }
    if (path[i] && path[i] != '?')
        i = 0; /* longer than any mount: the whole path cannot match */
    if (i > 1 && path[i - 1] != '/' && ncut <= MP_MAXDEPTH) {
        cut_key[ncut] = h;
        cut_len[ncut++] = i;
    }
    cut_key[0] = mp_key_of("/", 1);

    while (ncut-- > 0) {
        uint32_t k = cut_key[ncut] ? cut_key[ncut] : 1u;
        int at = mp_find(t, k, path, cut_len[ncut]);
        if (at >= 0)
            return t->slot[at].handler;
    }
    return fallback;
}
