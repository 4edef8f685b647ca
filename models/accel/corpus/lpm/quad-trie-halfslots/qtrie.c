/*
 * Four-way trie on 32-bit keys: each level eats two bits.
 * A node at depth d owns the prefixes of length 2d (slot `here`) and the two
 * prefixes of length 2d+1 (slots `half[0]`, `half[1]`, picked by the next
 * bit), so odd lengths need no expansion and removal stays local.
 * Routines are written recursively on purpose.
 */
#include <stdint.h>
#include <stdlib.h>

#define NO_HOP (-1)

typedef struct QNode {
	struct QNode *kid[4];
	int here;
	int half[2];
	int population; /* routes stored in this subtree */
} QNode;

typedef struct {
	QNode *root;
	unsigned routes;
} QTrie;

static QNode *QNodeNew(void)
{
	QNode *n = calloc(1, sizeof *n);
	if (n) {
		n->here = NO_HOP;
		n->half[0] = n->half[1] = NO_HOP;
	}
	return n;
}

static void QNodeFree(QNode *n)
{
	int i;
	if (!n)
		return;
	for (i = 0; i < 4; i++)
		QNodeFree(n->kid[i]);
	free(n);
}

void QTrieInit(QTrie *t)
{
	t->root = NULL;
	t->routes = 0;
}

void QTrieClear(QTrie *t)
{
	QNodeFree(t->root);
	t->root = NULL;
	t->routes = 0;
}

/* bits [pos, pos+2) of key counted from the most significant end */
#define PAIR_AT(key, pos) (((key) >> (30 - (pos))) & 3u)
#define BIT_AT(key, pos)  (((key) >> (31 - (pos))) & 1u)

/* returns 1 if a new route was created, 0 if replaced, -1 on OOM */
static int QPut(QNode **slot, uint32_t key, unsigned len, unsigned pos, int hop)
{
	QNode *n = *slot;
	int r;
	if (!n) {
		n = QNodeNew();
		if (!n)
			return -1;
		*slot = n;
	}
	if (len == pos) {
		r = n->here == NO_HOP;
		n->here = hop;
	} else if (len == pos + 1) {
		unsigned b = BIT_AT(key, pos);
		r = n->half[b] == NO_HOP;
		n->half[b] = hop;
	} else {
		r = QPut(&n->kid[PAIR_AT(key, pos)], key, len, pos + 2, hop);
		if (r < 0)
			return r;
	}
	n->population += r;
	return r;
}

int QTrieAdd(QTrie *t, uint32_t key, unsigned len, int hop)
{
	int r;
	if (len > 32 || hop < 0)
		return -1;
	r = QPut(&t->root, key, len, 0, hop);
	if (r > 0)
		t->routes++;
	return r;
}

/* returns 1 when something was removed; prunes empty nodes on the way up */
static int QDrop(QNode **slot, uint32_t key, unsigned len, unsigned pos)
{
	QNode *n = *slot;
	int gone = 0;
	if (!n)
		return 0;
	if (len == pos) {
		if (n->here != NO_HOP) {
			n->here = NO_HOP;
			gone = 1;
		}
	} else if (len == pos + 1) {
		unsigned b = BIT_AT(key, pos);
		if (n->half[b] != NO_HOP) {
			n->half[b] = NO_HOP;
			gone = 1;
		}
	} else {
		gone = QDrop(&n->kid[PAIR_AT(key, pos)], key, len, pos + 2);
	}
	if (gone) {
		n->population--;
		if (n->population == 0) {
			free(n);
			*slot = NULL;
		}
	}
	return gone;
}

int QTrieDel(QTrie *t, uint32_t key, unsigned len)
{
	int r;
	if (len > 32)
		return 0;
	r = QDrop(&t->root, key, len, 0);
	t->routes -= (unsigned)r;
	return r;
}

/* deepest match at or below n; *depth receives the matched length */
static int QFind(const QNode *n, uint32_t key, unsigned pos, int best, int *depth)
{
	int h;
	if (!n)
		return best;
	if (n->here != NO_HOP) {
		best = n->here;
		*depth = (int)pos;
	}
	if (pos == 32)
		return best;
	h = n->half[BIT_AT(key, pos)];
	if (h != NO_HOP) {
		best = h;
		*depth = (int)pos + 1;
	}
	return QFind(n->kid[PAIR_AT(key, pos)], key, pos + 2, best, depth);
}

int QTrieMatch(const QTrie *t, uint32_t key, int *depth)
{
	*depth = -1;
	return QFind(t->root, key, 0, NO_HOP, depth);
}
