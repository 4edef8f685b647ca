/*
 * Zobrist hashing of a board position (Zobrist, 1970).  Every
 * (piece, square) feature gets an independent random 64-bit key; the hash
 * of a position is the XOR of the keys of the features present, plus keys
 * for side to move, castling rights and the en-passant file.  Because XOR
 * is its own inverse, making or unmaking a move updates the hash in O(1)
 * by toggling the keys that changed.
 *
 * Keys come from a xorshift64* generator so the table is reproducible from
 * a single seed.
 */
#include <stdint.h>

#define ZB_SQUARES 64
#define ZB_KINDS 12      /* 6 piece types x 2 colours */
#define ZB_EMPTY (-1)

typedef struct {
    uint64_t piece_sq[ZB_KINDS][ZB_SQUARES];
    uint64_t black_to_move;
    uint64_t castle[4];
    uint64_t ep_file[8];
} zb_keys;

typedef struct {
    signed char sq[ZB_SQUARES];  /* ZB_EMPTY or 0..11 */
    int black;                   /* side to move */
    unsigned castling;           /* 4 bits */
    int ep;                      /* -1 or file 0..7 */
} zb_board;

static uint64_t zb_next(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545F4914F6CDD1DULL;
}

void zb_keys_init(zb_keys *k, uint64_t seed)
{
    uint64_t st = seed ? seed : 0x9E3779B97F4A7C15ULL;
    int p, s;
    for (p = 0; p < ZB_KINDS; p++)
        for (s = 0; s < ZB_SQUARES; s++)
            k->piece_sq[p][s] = zb_next(&st);
    k->black_to_move = zb_next(&st);
    for (s = 0; s < 4; s++)
        k->castle[s] = zb_next(&st);
    for (s = 0; s < 8; s++)
        k->ep_file[s] = zb_next(&st);
}

/* Hash of a whole position from scratch. */
uint64_t zb_position_key(const zb_keys *k, const zb_board *b)
{
    uint64_t h = 0;
    int s;
    for (s = 0; s < ZB_SQUARES; s++)
        if (b->sq[s] != ZB_EMPTY)
            h ^= k->piece_sq[(int)b->sq[s]][s];
    if (b->black)
        h ^= k->black_to_move;
    for (s = 0; s < 4; s++)
        if (b->castling >> s & 1u)
            h ^= k->castle[s];
    if (b->ep >= 0)
        h ^= k->ep_file[b->ep];
    return h;
}

/*
 * Move the piece on `from` to `to` (capturing whatever is there), flip the
 * side to move, replace castling rights and en-passant file, and return
 * the updated hash computed incrementally from `h`.
 */
uint64_t zb_make_move(const zb_keys *k, zb_board *b, uint64_t h,
                      int from, int to, unsigned new_castling, int new_ep)
{
    int mover = b->sq[from];
    int victim = b->sq[to];
    int i;

    if (mover == ZB_EMPTY)
        return h;
    h ^= k->piece_sq[mover][from];
    if (victim != ZB_EMPTY)
        h ^= k->piece_sq[victim][to];
    h ^= k->piece_sq[mover][to];
    b->sq[from] = ZB_EMPTY;
    b->sq[to] = (signed char)mover;

    h ^= k->black_to_move;
    b->black = !b->black;

    for (i = 0; i < 4; i++)
        if ((b->castling ^ new_castling) >> i & 1u)
            h ^= k->castle[i];
    b->castling = new_castling & 15u;

    if (b->ep >= 0)
        h ^= k->ep_file[b->ep];
    if (new_ep >= 0)
        h ^= k->ep_file[new_ep];
    b->ep = new_ep;
    return h;
}

/* Transposition-table slot for a key (table size a power of two). */
uint32_t zb_tt_slot(uint64_t key, unsigned log2_size)
{
    return (uint32_t)(key >> (64 - log2_size));
}
