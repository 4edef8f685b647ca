/* Request-path multiplexer: handlers are mounted on path prefixes made of
 * '/'-separated components ("/api/v1" serves "/api/v1/users" but not
 * "/api/v10"). Mounts live in a component trie with first-child /
 * next-sibling links; the most specific mount along the walk wins. */
#include <stdlib.h>
#include <string.h>

struct mux_node {
    char *seg;
    size_t seglen;
    int handler;               /* -1: no mount here */
    struct mux_node *child;
    struct mux_node *sibling;
};

struct mux {
    struct mux_node root;
};

static const char *next_component(const char *p, size_t *len)
{
    while (*p == '/')
        p++;
    const char *e = p;
    while (*e && *e != '/' && *e != '?' && *e != '#')
        e++;
    *len = (size_t)(e - p);
    return p;
}

int mux_mount(struct mux *m, const char *path, int handler)
{
    struct mux_node *at = &m->root;
    size_t len;
    const char *c = next_component(path, &len);
    while (len) {
        struct mux_node **link = &at->child;
        while (*link && !((*link)->seglen == len &&
                          memcmp((*link)->seg, c, len) == 0))
            link = &(*link)->sibling;
        if (!*link) {
            struct mux_node *n = calloc(1, sizeof(*n));
            if (!n)
                return -1;
            n->seg = malloc(len);
            if (!n->seg) {
                free(n);
                return -1;
            }
            memcpy(n->seg, c, len);
            n->seglen = len;
            n->handler = -1;
            *link = n;
        }
        at = *link;
        c = next_component(c + len, &len);
    }
    at->handler = handler;
    return 0;
}

int mux_resolve(const struct mux *m, const char *path)
{
    const struct mux_node *at = &m->root;
    int best = at->handler;
    size_t len;
    const char *c = next_component(path, &len);
    while (len) {
        const struct mux_node *k = at->child;
        while (k && !(k->seglen == len && memcmp(k->seg, c, len) == 0))
            k = k->sibling;
        if (!k)
            break;
        if (k->handler >= 0)
            best = k->handler;
        at = k;
        c = next_component(c + len, &len);
    }
    return best;
}

int mux_unmount(struct mux *m, const char *path)
{
    struct mux_node **trail[128];
    int depth = 0;
    struct mux_node *at = &m->root;
    size_t len;
    const char *c = next_component(path, &len);
    while (len) {
        if (depth == 128)
            return -1;
        struct mux_node **link = &at->child;
        while (*link && !((*link)->seglen == len &&
                          memcmp((*link)->seg, c, len) == 0))
            link = &(*link)->sibling;
        if (!*link)
            return -1;
        trail[depth++] = link;
        at = *link;
        c = next_component(c + len, &len);
    }
    if (at->handler < 0)
        return -1;
    at->handler = -1;
    while (depth > 0) {
        struct mux_node **link = trail[--depth];
        struct mux_node *n = *link;
        if (n->handler >= 0 || n->child)
            break;
        *link = n->sibling;
        free(n->seg);
        free(n);
    }
    return 0;
}
