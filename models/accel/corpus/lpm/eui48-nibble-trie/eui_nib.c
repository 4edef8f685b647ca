/* 48-bit station-address classifier (OUI / MA-M / MA-S style blocks and
 * any other bit length 0..48).  A 16-way trie stored in a growable node
 * pool; each node keeps the raw routes that end inside its nibble in a small
 * heap-ordered array (index 1..31: 1 = length 0 inside the node is unused,
 * 2..3 = one bit, 4..7 = two bits, 8..15 = three, 16..31 = four) and a
 * pre-expanded copy of them per nibble value for the lookup.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define EUI_BITS     48
#define EUI_LEVELS   (EUI_BITS / 4)
#define EUI_NIL      0u
#define NIB(k, lvl)  ((unsigned)(((k) >> (EUI_BITS - 4 * ((lvl) + 1))) & 0xf))
#define LEN_MASK(l)  ((l) ? ((~0ULL << (EUI_BITS - (l))) & 0xffffffffffffULL) : 0ULL)

typedef struct {
	uint32_t next[16];
	int16_t raw[32];      /* class id per in-node route, -1 = none */
	int16_t fast[16];     /* expanded: best raw route per nibble */
	uint8_t fast_len[16]; /* its in-node length 1..4, 0 = none */
} eui_node_t;

typedef struct {
	eui_node_t *pool;
	uint32_t used, cap;
	int16_t root_class; /* length-0 route */
	uint32_t nroutes;
} eui_tab_t;

static uint32_t eui_alloc(eui_tab_t *t)
{
	eui_node_t *n;
	if (t->used == t->cap) {
		uint32_t nc = t->cap ? t->cap * 2 : 64;
		eui_node_t *np = realloc(t->pool, sizeof(eui_node_t) * nc);
		if (!np)
			return EUI_NIL;
		t->pool = np;
		t->cap = nc;
	}
	n = &t->pool[t->used];
	memset(n->next, 0, sizeof n->next);
	memset(n->raw, 0xff, sizeof n->raw);
	memset(n->fast, 0xff, sizeof n->fast);
	memset(n->fast_len, 0, sizeof n->fast_len);
	return t->used++;
}

int eui_tab_init(eui_tab_t *t)
{
	memset(t, 0, sizeof *t);
	t->root_class = -1;
	/* slot 0 is the nil sentinel, slot 1 the root */
	if (eui_alloc(t) != 0 || eui_alloc(t) != 1)
		return -1;
	return 0;
}

void eui_tab_fini(eui_tab_t *t)
{
	free(t->pool);
	memset(t, 0, sizeof *t);
}

/* re-derive the 16 expanded entries of a node from its raw heap */
static void eui_refresh(eui_node_t *n)
{
	unsigned v, b;
	for (v = 0; v < 16; v++) {
		n->fast[v] = -1;
		n->fast_len[v] = 0;
		for (b = 4; b >= 1; b--) {
			unsigned h = (1u << b) | (v >> (4 - b));
			if (n->raw[h] >= 0) {
				n->fast[v] = n->raw[h];
				n->fast_len[v] = (uint8_t)b;
				break;
			}
		}
	}
}

/* walk (creating if asked) to the node whose nibble holds a route of
 * length len (1..48); returns its pool index or EUI_NIL */
static uint32_t eui_home(eui_tab_t *t, uint64_t key, unsigned len, int create)
{
	uint32_t cur = 1;
	unsigned lvl, last = (len - 1) / 4;
	for (lvl = 0; lvl < last; lvl++) {
		unsigned nib = NIB(key, lvl);
		uint32_t nx = t->pool[cur].next[nib];
		if (nx == EUI_NIL) {
			if (!create)
				return EUI_NIL;
			nx = eui_alloc(t); /* may move the pool */
			if (nx == EUI_NIL)
				return EUI_NIL;
			t->pool[cur].next[nib] = nx;
		}
		cur = nx;
	}
	return cur;
}

int eui_tab_set(eui_tab_t *t, uint64_t key, unsigned len, int16_t cls)
{
	uint32_t at;
	unsigned r, h;
	int fresh;
	if (len > EUI_BITS || cls < 0)
		return -1;
	key &= LEN_MASK(len);
	if (len == 0) {
		fresh = t->root_class < 0;
		t->root_class = cls;
		t->nroutes += (unsigned)fresh;
		return fresh;
	}
	at = eui_home(t, key, len, 1);
	if (at == EUI_NIL)
		return -1;
	r = len - 4 * ((len - 1) / 4);         /* 1..4 bits inside node */
	h = (1u << r) | (NIB(key, (len - 1) / 4) >> (4 - r));
	fresh = t->pool[at].raw[h] < 0;
	t->pool[at].raw[h] = cls;
	eui_refresh(&t->pool[at]);
	t->nroutes += (unsigned)fresh;
	return fresh;
}

int eui_tab_unset(eui_tab_t *t, uint64_t key, unsigned len)
{
	uint32_t at;
	unsigned r, h;
	if (len > EUI_BITS)
		return 0;
	key &= LEN_MASK(len);
	if (len == 0) {
		if (t->root_class < 0)
			return 0;
		t->root_class = -1;
		t->nroutes--;
		return 1;
	}
	at = eui_home(t, key, len, 0);
	if (at == EUI_NIL)
		return 0;
	r = len - 4 * ((len - 1) / 4);
	h = (1u << r) | (NIB(key, (len - 1) / 4) >> (4 - r));
	if (t->pool[at].raw[h] < 0)
		return 0;
	t->pool[at].raw[h] = -1;
	eui_refresh(&t->pool[at]);
	t->nroutes--;
	return 1;
}

int eui_tab_classify(const eui_tab_t *t, uint64_t mac, unsigned *matched)
{
	int best = t->root_class;
	unsigned best_len = 0, lvl;
	uint32_t cur = 1;
	for (lvl = 0; lvl < EUI_LEVELS && cur != EUI_NIL; lvl++) {
		const eui_node_t *n = &t->pool[cur];
		unsigned nib = NIB(mac, lvl);
		if (n->fast_len[nib]) {
			best = n->fast[nib];
			best_len = 4 * lvl + n->fast_len[nib];
		}
		cur = n->next[nib];
	}
	if (matched)
		*matched = best < 0 ? 0 : best_len;
	return best;
}

/* six address bytes as they appear on the wire, most significant first */
uint64_t eui_from_bytes(const uint8_t *b)
{
	uint64_t k = 0;
	int i;
	for (i = 0; i < 6; i++)
		k = (k << 8) | b[i];
	return k;
}
