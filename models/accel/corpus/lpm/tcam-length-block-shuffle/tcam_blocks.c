/* Ternary-CAM emulation for IPv4 longest-prefix match.
 *
 * The "TCAM" is an array of value/mask rows searched top to bottom; the
 * first matching row wins, exactly as a priority encoder on the match lines
 * of a real TCAM would report it.  To make first-match equal to
 * longest-match, rows are kept in blocks by prefix length: all /32 rows on
 * top, then /31, ... down to /0, with the free rows at the bottom.
 *
 * Updates follow the prefix-length ordering scheme of Shah and Gupta: a new
 * /L row needs one free row at the end of block L.  The free row at the
 * bottom is pulled upward by moving the FIRST row of every shorter-length
 * block to just past that block's end, which costs at most one row move per
 * length block below L.  Deletion is the mirror image: the hole left in
 * block L is filled with the block's last row, and the hole then sinks down
 * through every shorter block (each donates its last row) to the free pool.
 */
#include <stdint.h>
#include <string.h>

#define TCAM_ROWS 4096
#define TCAM_LENGTHS 33

typedef struct {
    uint32_t value;   /* prefix bits, already masked */
    uint32_t care;    /* 1 = bit compared, 0 = "don't care" */
    int32_t action;   /* next hop / result word */
} tcam_row;

typedef struct {
    tcam_row row[TCAM_ROWS];
    int top[TCAM_LENGTHS];    /* first row of block for each length */
    int size[TCAM_LENGTHS];   /* rows used by each length */
    int used;                 /* rows in use; free rows are [used, TCAM_ROWS) */
    unsigned long row_moves;  /* statistics: rows written by updates */
} tcam_table;

static uint32_t care_bits(int len)
{
    return len == 0 ? 0u : (uint32_t)(0xffffffffu << (32 - len));
}

void tcam_reset(tcam_table *t)
{
    int l;
    t->used = 0;
    t->row_moves = 0;
    for (l = 0; l < TCAM_LENGTHS; l++) {
        t->top[l] = 0;
        t->size[l] = 0;
    }
}

/* Search one length block for an exact (value, care) row; -1 if absent. */
static int tcam_find_in_block(const tcam_table *t, uint32_t value, int len)
{
    int r = t->top[len];
    int end = r + t->size[len];
    for (; r < end; r++)
        if (t->row[r].value == value)
            return r;
    return -1;
}

/* Parallel compare, serialised: every row's match line is evaluated and the
 * priority encoder picks the lowest matching row index. */
int tcam_search(const tcam_table *t, uint32_t key, int miss)
{
    int r;
    const tcam_row *row = t->row;
    for (r = 0; r < t->used; r++) {
        if (((key ^ row[r].value) & row[r].care) == 0)
            return row[r].action;
    }
    return miss;
}

/* Returns 1 when added, 0 when an existing row was rewritten, -1 if full. */
int tcam_insert(tcam_table *t, uint32_t addr, int len, int32_t action)
{
    uint32_t care = care_bits(len);
    uint32_t value = addr & care;
    int hole, l, r;

    if (len < 0 || len > 32)
        return -1;
    r = tcam_find_in_block(t, value, len);
    if (r >= 0) {
        t->row[r].action = action;
        return 0;
    }
    if (t->used == TCAM_ROWS)
        return -1;

    /* Ripple the free row up from the bottom to the end of block `len`. */
    hole = t->used;
    for (l = 0; l < len; l++) {
        if (t->size[l] > 0) {
            t->row[hole] = t->row[t->top[l]];
            t->row_moves++;
            hole = t->top[l];
        }
        t->top[l]++;
    }
    t->row[hole].value = value;
    t->row[hole].care = care;
    t->row[hole].action = action;
    t->row_moves++;
    t->size[len]++;
    t->used++;
    return 1;
}

/* Returns 1 when removed, 0 when no such row exists. */
int tcam_erase(tcam_table *t, uint32_t addr, int len)
{
    uint32_t value;
    int hole, last, l;

    if (len < 0 || len > 32)
        return 0;
    value = addr & care_bits(len);
    hole = tcam_find_in_block(t, value, len);
    if (hole < 0)
        return 0;

    /* Close the gap inside block `len` with its last row. */
    last = t->top[len] + t->size[len] - 1;
    if (last != hole) {
        t->row[hole] = t->row[last];
        t->row_moves++;
    }
    hole = last;
    t->size[len]--;

    /* Let the hole sink through the shorter blocks to the free pool. */
    for (l = len - 1; l >= 0; l--) {
        t->top[l]--;
        if (t->size[l] > 0) {
            last = t->top[l] + t->size[l];
            t->row[hole] = t->row[last];
            t->row_moves++;
            hole = last;
        }
    }
    t->used--;
    memset(&t->row[t->used], 0, sizeof(tcam_row));
    return 1;
}
