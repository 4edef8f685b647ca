/* Per-length open-addressing tables plus a 64K hint map.
 *
 * Every prefix of length L lives in table L, keyed by its masked value.
 * hint[a >> 16] is a 33-bit set (bit L) of the lengths that can match any
 * address whose upper 16 bits are a >> 16, so a lookup only probes the
 * tables whose bit is set, longest first, and stops at the first hit.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define HL_EMPTY 0xffffffffu
#define HL_TOMB  0xfffffffeu

struct hl_slot {
	uint32_t key;
	uint32_t val;
};

struct hl_table {
	struct hl_slot *slot;
	uint32_t cap;   /* power of two */
	uint32_t used;  /* live + tombstones */
	uint32_t live;
};

struct hl_fib {
	struct hl_table tab[33];
	uint64_t hint[65536];
	uint32_t *deep_count; /* [65536][16], prefixes of len 17..32 per /16 */
};

static inline uint32_t hl_mask(unsigned len)
{
	return len ? ~0u << (32 - len) : 0u;
}

static inline uint32_t hl_mix(uint32_t k, unsigned len)
{
	k ^= len * 0x9e3779b9u;
	k ^= k >> 16;
	k *= 0x7feb352du;
	k ^= k >> 15;
	k *= 0x846ca68bu;
	k ^= k >> 16;
	return k;
}

static int hl_table_grow(struct hl_table *t, unsigned len)
{
	uint32_t ncap = t->cap ? t->cap * 2 : 16;
	struct hl_slot *ns = malloc(sizeof(*ns) * ncap);
	uint32_t i;
	if (!ns)
		return -1;
	for (i = 0; i < ncap; i++)
		ns[i].key = HL_EMPTY;
	for (i = 0; i < t->cap; i++) {
		uint32_t k = t->slot[i].key, h;
		if (k == HL_EMPTY || k == HL_TOMB)
			continue;
		h = hl_mix(k, len) & (ncap - 1);
		while (ns[h].key != HL_EMPTY)
			h = (h + 1) & (ncap - 1);
		ns[h] = t->slot[i];
	}
	free(t->slot);
	t->slot = ns;
	t->cap = ncap;
	t->used = t->live;
	return 0;
}

/* Returns the slot index holding key in table len, or -1. */
static long hl_find(const struct hl_table *t, uint32_t key, unsigned len)
{
	uint32_t h, n;
	if (!t->cap)
		return -1;
	h = hl_mix(key, len) & (t->cap - 1);
	for (n = 0; n < t->cap; n++) {
		uint32_t k = t->slot[h].key;
		if (k == key)
			return (long)h;
		if (k == HL_EMPTY)
			return -1;
		h = (h + 1) & (t->cap - 1);
	}
	return -1;
}

struct hl_fib *hl_create(void)
{
	struct hl_fib *f = calloc(1, sizeof(*f));
	if (!f)
		return NULL;
	f->deep_count = calloc((size_t)65536 * 16, sizeof(uint32_t));
	if (!f->deep_count) {
		free(f);
		return NULL;
	}
	return f;
}

void hl_destroy(struct hl_fib *f)
{
	unsigned l;
	if (!f)
		return;
	for (l = 0; l <= 32; l++)
		free(f->tab[l].slot);
	free(f->deep_count);
	free(f);
}

int hl_insert(struct hl_fib *f, uint32_t pfx, unsigned len, uint32_t nh)
{
	struct hl_table *t = &f->tab[len];
	uint32_t key = pfx & hl_mask(len), h;
	long at = hl_find(t, key, len);
	if (at >= 0) {
		t->slot[at].val = nh;
		return 0;
	}
	if ((t->used + 1) * 4 > t->cap * 3 && hl_table_grow(t, len))
		return -1;
	h = hl_mix(key, len) & (t->cap - 1);
	while (t->slot[h].key != HL_EMPTY && t->slot[h].key != HL_TOMB)
		h = (h + 1) & (t->cap - 1);
	if (t->slot[h].key == HL_EMPTY)
		t->used++;
	t->slot[h].key = key;
	t->slot[h].val = nh;
	t->live++;

	if (len <= 16) {
		uint32_t lo = key >> 16, n = 1u << (16 - len), i;
		for (i = 0; i < n; i++)
			f->hint[lo + i] |= (uint64_t)1 << len;
	} else {
		uint32_t top = key >> 16;
		if (f->deep_count[top * 16 + (len - 17)]++ == 0)
			f->hint[top] |= (uint64_t)1 << len;
	}
	return 1;
}

int hl_remove(struct hl_fib *f, uint32_t pfx, unsigned len)
{
	struct hl_table *t = &f->tab[len];
	uint32_t key = pfx & hl_mask(len);
	long at = hl_find(t, key, len);
	if (at < 0)
		return 0;
	t->slot[at].key = HL_TOMB;
	t->live--;
	if (len <= 16) {
		/* same-length prefixes are disjoint: this was the only one */
		uint32_t lo = key >> 16, n = 1u << (16 - len), i;
		for (i = 0; i < n; i++)
			f->hint[lo + i] &= ~((uint64_t)1 << len);
	} else {
		uint32_t top = key >> 16;
		if (--f->deep_count[top * 16 + (len - 17)] == 0)
			f->hint[top] &= ~((uint64_t)1 << len);
	}
	return 1;
}

int hl_lookup(const struct hl_fib *f, uint32_t addr, uint32_t *nh)
{
	uint64_t cand = f->hint[addr >> 16];
	while (cand) {
		unsigned len = 63 - (unsigned)__builtin_clzll(cand);
		const struct hl_table *t = &f->tab[len];
		long at = hl_find(t, addr & hl_mask(len), len);
		if (at >= 0) {
			*nh = t->slot[at].val;
			return (int)len;
		}
		cand &= ~((uint64_t)1 << len);
	}
	return -1;
}
