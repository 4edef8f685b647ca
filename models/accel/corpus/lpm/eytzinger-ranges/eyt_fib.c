/*
 * Static IPv4 forwarding table flattened into elementary address ranges.
 *
 * Building: the route set (nested or disjoint blocks) is swept in address
 * order with an explicit stack of open blocks; every range boundary gets the
 * next hop in force just before it.  The boundaries are then laid out in
 * breadth-first (Eytzinger) order so that the search touches one cache line
 * per level and has no data-dependent branch.
 */
#include <stdint.h>
#include <stdlib.h>

typedef struct {
	uint32_t net;
	uint8_t bits;
	int32_t port;
} route_in;

typedef struct {
	uint32_t *edge;    /* 1-based Eytzinger array of range starts */
	int32_t *below;    /* port for the addresses just below edge[k] */
	uint32_t count;
	int32_t tail_port; /* port for addresses above the greatest edge */
} range_fib;

static int route_order(const void *a, const void *b)
{
	const route_in *x = a, *y = b;
	uint32_t xs = x->bits ? x->net & (~0u << (32 - x->bits)) : 0;
	uint32_t ys = y->bits ? y->net & (~0u << (32 - y->bits)) : 0;
	if (xs != ys)
		return xs < ys ? -1 : 1;
	return (int)x->bits - (int)y->bits;
}

static uint32_t eyt_fill(range_fib *f, const uint32_t *sorted_edge,
			 const int32_t *sorted_below, uint32_t pos, uint32_t k)
{
	if (k > f->count)
		return pos;
	pos = eyt_fill(f, sorted_edge, sorted_below, pos, 2 * k);
	f->edge[k] = sorted_edge[pos];
	f->below[k] = sorted_below[pos];
	pos++;
	return eyt_fill(f, sorted_edge, sorted_below, pos, 2 * k + 1);
}

/* routes[] must hold distinct (net, bits) pairs; it is reordered. */
int range_fib_build(range_fib *f, route_in *routes, uint32_t n)
{
	uint64_t *stop = malloc(sizeof(uint64_t) * (n + 1));  /* open block ends */
	int32_t *sport = malloc(sizeof(int32_t) * (n + 1));
	uint32_t *e = malloc(sizeof(uint32_t) * (2 * n + 2));
	int32_t *v = malloc(sizeof(int32_t) * (2 * n + 2));   /* port from e[i] on */
	uint32_t *se = NULL;
	int32_t *sb = NULL;
	uint32_t sp = 0, ne = 0, i = 0, m = 0, j;
	uint64_t cur = 0;

	f->edge = NULL;
	f->below = NULL;
	f->count = 0;
	if (!stop || !sport || !e || !v)
		goto fail;
	qsort(routes, n, sizeof *routes, route_order);

	/* sweep: cur walks over every block start and every block end+1 */
	while (cur <= 0xffffffffull) {
		uint64_t next = 0x100000000ull;
		while (sp && stop[sp - 1] < cur)
			sp--;
		while (i < n) {
			uint32_t msk = routes[i].bits ? ~0u << (32 - routes[i].bits) : 0;
			uint64_t s = routes[i].net & msk;
			if (s != cur)
				break;
			stop[sp] = s + (~msk & 0xffffffffull);
			sport[sp] = routes[i].port;
			sp++;
			i++;
		}
		if (ne == 0 || v[ne - 1] != (sp ? sport[sp - 1] : -1)) {
			e[ne] = (uint32_t)cur;
			v[ne] = sp ? sport[sp - 1] : -1;
			ne++;
		}
		if (sp && stop[sp - 1] + 1 < next)
			next = stop[sp - 1] + 1;
		if (i < n) {
			uint32_t msk = routes[i].bits ? ~0u << (32 - routes[i].bits) : 0;
			if ((uint64_t)(routes[i].net & msk) < next)
				next = routes[i].net & msk;
		}
		cur = next;
	}

	/* edge k keeps the port of the range that ends right before it */
	m = ne - 1;
	se = malloc(sizeof(uint32_t) * (m + 1));
	sb = malloc(sizeof(int32_t) * (m + 1));
	f->edge = malloc(sizeof(uint32_t) * (m + 1));
	f->below = malloc(sizeof(int32_t) * (m + 1));
	if (!se || !sb || !f->edge || !f->below)
		goto fail;
	for (j = 0; j < m; j++) {
		se[j] = e[j + 1];
		sb[j] = v[j];
	}
	f->count = m;
	f->tail_port = v[ne - 1];
	eyt_fill(f, se, sb, 0, 1);
	free(se); free(sb); free(stop); free(sport); free(e); free(v);
	return 0;
fail:
	free(se); free(sb); free(stop); free(sport); free(e); free(v);
	free(f->edge); free(f->below);
	f->edge = NULL;
	f->below = NULL;
	f->count = 0;
	return -1;
}

int32_t range_fib_find(const range_fib *f, uint32_t addr)
{
	uint32_t k = 1;
	while (k <= f->count)
		k = 2 * k + (f->edge[k] <= addr);
	/* strip the trailing "went right" steps: k becomes the first edge > addr */
	k >>= __builtin_ffs((int)~k);
	return k ? f->below[k] : f->tail_port;
}

void range_fib_find_many(const range_fib *f, const uint32_t *addr,
			 int32_t *out, uint32_t n)
{
	uint32_t i, k;
	for (i = 0; i < n; i++) {
		k = 1;
		while (k <= f->count) {
			if (k * 16 <= f->count)
				__builtin_prefetch(&f->edge[k * 16]);
			k = 2 * k + (f->edge[k] <= addr[i]);
		}
		k >>= __builtin_ffs((int)~k);
		out[i] = k ? f->below[k] : f->tail_port;
	}
}

void range_fib_free(range_fib *f)
{
	free(f->edge);
	free(f->below);
	f->edge = NULL;
	f->below = NULL;
	f->count = 0;
}
