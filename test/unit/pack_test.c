/*===- test/unit/pack_test.c - variable packing and coalescing ------------===*
 *
 * Access vectors and transactions computed by hand on tiny layouts; the
 * paper's TCP example (§4.4) giving the obvious packs; the expert search
 * against a brute force written here; per-element pricing of arrays and
 * containers; determinism; invalid input.
 *
 *===----------------------------------------------------------------------===*/
#include "clara_test.h"
#include "error.h"
#include "pack.h"

#include <stdint.h>
#include <stdlib.h>

static clara_nic_level make_level(unsigned *sizes, size_t count) {
  clara_nic_level level = {0};
  level.name = "TEST";
  level.scope = CLARA_SCOPE_CHIP;
  level.capacity_bytes = 1 << 20;
  level.read_cycles = 100;
  level.write_cycles = 150;
  level.atomic_cycles = 200;
  level.transaction_bytes = sizes;
  level.num_transaction_sizes = count;
  return level;
}

/* a(4) b(4) c(8) d(2); B0 (1 per packet) loads a twice and c; B1 (0.5 per
 * packet) stores b and loads d. */
static const clara_pack_variable tiny_vars[] = {
    {"a", 4, 0, 0, CLARA_PACK_WHOLE, 0},
    {"b", 4, 0, 1, CLARA_PACK_WHOLE, 0},
    {"c", 8, 0, 2, CLARA_PACK_WHOLE, 0},
    {"d", 2, 0, 3, CLARA_PACK_WHOLE, 0}};
static const clara_pack_access tiny_b0[] = {{0, 2, 0}, {2, 1, 0}};
static const clara_pack_access tiny_b1[] = {{1, 0, 1}, {3, 1, 0}};
static const clara_pack_block tiny_blocks[] = {{"B0", 1, tiny_b0, 2},
                                               {"B1", 0.5, tiny_b1, 2}};
static const clara_pack_input tiny = {tiny_vars, 4, tiny_blocks, 2};

static void test_access_vectors_by_hand(void) {
  double v[4 * 2];
  CLARA_CHECK_EQ_INT(clara_pack_access_vectors(&tiny, v, NULL), CLARA_OK);
  /* a: B0 only (2 loads x 1); b: B1 only; c: B0 only; d: B1 only. */
  CLARA_CHECK_NEAR(v[0 * 2 + 0], 1, 0);
  CLARA_CHECK_NEAR(v[0 * 2 + 1], 0, 0);
  CLARA_CHECK_NEAR(v[1 * 2 + 1], 1, 0);
  CLARA_CHECK_NEAR(v[3 * 2 + 1], 1, 0);
  /* A variable shared by both: 1 x 1 access in B0, 0.5 x 3 in B1. */
  const clara_pack_access s0[] = {{0, 1, 0}};
  const clara_pack_access s1[] = {{0, 2, 1}};
  const clara_pack_block blocks[] = {{NULL, 1, s0, 1}, {NULL, 0.5, s1, 1}};
  const clara_pack_input shared = {tiny_vars, 1, blocks, 2};
  CLARA_CHECK_EQ_INT(clara_pack_access_vectors(&shared, v, NULL), CLARA_OK);
  CLARA_CHECK_NEAR(v[0], 1 / 2.5, 1e-15);
  CLARA_CHECK_NEAR(v[1], 1.5 / 2.5, 1e-15);
}

static void test_transactions_by_hand(void) {
  unsigned sizes[] = {4, 8, 16};
  clara_nic_level level = make_level(sizes, 3); /* W = 16 */
  clara_pack_layout l;
  /* a@0 b@4 c@8 d@16: B0 reads window 0 once (a and c coalesce); B1 writes
   * window 0 and reads window 1. Per packet: 1 + 0.5 x 1 reads, 0.5
   * writes. */
  const uint64_t packed[] = {0, 4, 8, 16};
  CLARA_CHECK_EQ_INT(clara_pack_evaluate(&tiny, &level, packed, &l, NULL),
                     CLARA_OK);
  CLARA_CHECK_NEAR(l.read_transactions_per_packet, 1.5, 1e-12);
  CLARA_CHECK_NEAR(l.write_transactions_per_packet, 0.5, 1e-12);
  CLARA_CHECK_NEAR(l.transactions_per_packet, 2, 1e-12);
  CLARA_CHECK_NEAR(l.cycles_per_packet, 1.5 * 100 + 0.5 * 150, 1e-9);
  CLARA_CHECK_EQ_INT(l.total_bytes, 18);
  CLARA_CHECK(l.offsets == NULL);
  /* a@0 d@4 c@16 b@24: B0 reads windows 0 and 1; B1 writes window 1 and
   * reads window 0: 2 + 0.5 x 2 = 3. */
  const uint64_t spread[] = {0, 24, 16, 4};
  CLARA_CHECK_EQ_INT(clara_pack_evaluate(&tiny, &level, spread, &l, NULL),
                     CLARA_OK);
  CLARA_CHECK_NEAR(l.transactions_per_packet, 3, 1e-12);
  /* c straddling two windows (@12) costs both: B0 reads windows 0 (a) and
   * 0-1 (c) = 2 windows. */
  const uint64_t straddle[] = {0, 4, 12, 20};
  CLARA_CHECK_EQ_INT(clara_pack_evaluate(&tiny, &level, straddle, &l, NULL),
                     CLARA_OK);
  CLARA_CHECK_NEAR(l.read_transactions_per_packet, 2 + 0.5 * 1, 1e-12);
  CLARA_CHECK_NEAR(l.write_transactions_per_packet, 0.5, 1e-12);
  /* With 4-byte transactions only, every touched word is one: B0 reads a
   * (1) and c (2), B1 writes b (1) and reads d (1): 3 + 0.5 x 2 = 4. */
  clara_nic_level words = make_level(sizes, 1);
  CLARA_CHECK_EQ_INT(clara_pack_evaluate(&tiny, &words, packed, &l, NULL),
                     CLARA_OK);
  CLARA_CHECK_NEAR(l.transactions_per_packet, 4, 1e-12);
}

/* The declaration order as written, without coalescing: on tiny (a@0 b@4
 * c@8 d@16, W = 16) B0 reads a and c from one window, one transaction when
 * coalesced but two as written; B1 writes b and reads d: 1 + 1 either way.
 * Coalesced 1 + 0.5 x 2 = 2, as written 2 + 0.5 x 2 = 3. */
static void test_as_written(void) {
  unsigned sizes[] = {4, 8, 16};
  clara_nic_level level = make_level(sizes, 3);
  clara_pack_options options;
  clara_pack_default_options(&options);
  clara_packing *p = NULL;
  CLARA_CHECK_EQ_INT(clara_pack_variables(&tiny, &level, &options, &p, NULL),
                     CLARA_OK);
  if (!p)
    return;
  CLARA_CHECK_EQ_INT(p->declaration.offsets[2], 8);
  CLARA_CHECK_NEAR(p->declaration.transactions_per_packet, 2, 1e-12);
  CLARA_CHECK_NEAR(p->as_written.read_transactions_per_packet, 2 + 0.5, 1e-12);
  CLARA_CHECK_NEAR(p->as_written.write_transactions_per_packet, 0.5, 1e-12);
  CLARA_CHECK_NEAR(p->as_written.transactions_per_packet, 3, 1e-12);
  CLARA_CHECK_NEAR(p->as_written.cycles_per_packet, 2.5 * 100 + 0.5 * 150,
                   1e-9);
  CLARA_CHECK_EQ_INT(p->as_written.total_bytes, p->declaration.total_bytes);
  CLARA_CHECK(p->as_written.offsets == NULL);
  clara_packing_dispose(p);
}

/* The paper's §4.4 TCP example. Declared interleaved; Clara should pack
 * sport with dport and iss with state, and leave the rarely used counters
 * and a never used variable out of them. */
enum { SPORT, ISS, GOOD, DPORT, STATE, BAD, UNUSED, NUM_TCP };
static const clara_pack_variable tcp_vars[] = {
    {"sport", 2, 0, 0, CLARA_PACK_WHOLE, 0},
    {"iss", 4, 0, 1, CLARA_PACK_WHOLE, 0},
    {"good_pkt", 4, 0, 2, CLARA_PACK_WHOLE, 0},
    {"dport", 2, 0, 3, CLARA_PACK_WHOLE, 0},
    {"state", 4, 0, 4, CLARA_PACK_WHOLE, 0},
    {"bad_pkt", 4, 0, 5, CLARA_PACK_WHOLE, 0},
    {"unused", 8, 0, 6, CLARA_PACK_WHOLE, 0}};
static const clara_pack_access tcp_index[] = {{SPORT, 1, 0}, {DPORT, 1, 0}};
static const clara_pack_access tcp_ack[] = {{ISS, 1, 0}, {STATE, 1, 1}};
static const clara_pack_access tcp_good[] = {{GOOD, 1, 1}};
static const clara_pack_access tcp_bad[] = {{BAD, 1, 1}};
static const clara_pack_block tcp_blocks[] = {{"index", 1, tcp_index, 2},
                                              {"ack", 0.8, tcp_ack, 2},
                                              {"good", 0.7, tcp_good, 1},
                                              {"bad", 0.1, tcp_bad, 1}};
static const clara_pack_input tcp = {tcp_vars, NUM_TCP, tcp_blocks, 4};

static const clara_pack *pack_of(const clara_packing *p, size_t variable) {
  for (size_t k = 0; k < p->num_packs; ++k)
    for (size_t m = 0; m < p->packs[k].num_members; ++m)
      if (p->packs[k].members[m] == variable)
        return &p->packs[k];
  return NULL;
}

static void test_tcp_example(void) {
  unsigned sizes[] = {4, 8};
  clara_nic_level level = make_level(sizes, 2); /* W = 8 */
  clara_pack_options options;
  clara_pack_default_options(&options);
  clara_packing *p = NULL;
  char *message = NULL;
  CLARA_CHECK_EQ_INT(clara_pack_variables(&tcp, &level, &options, &p, &message),
                     CLARA_OK);
  if (!p) {
    fprintf(stderr, "%s\n", message);
    clara_dispose_message(message);
    return;
  }
  CLARA_CHECK_EQ_INT(p->k, 4);
  CLARA_CHECK_EQ_INT(p->num_packs, 5); /* four clusters and the cold pack */
  const clara_pack *ports = pack_of(p, SPORT);
  const clara_pack *ack = pack_of(p, ISS);
  CLARA_CHECK(ports && ports == pack_of(p, DPORT));
  CLARA_CHECK(ack && ack == pack_of(p, STATE));
  CLARA_CHECK(pack_of(p, GOOD) != pack_of(p, BAD));
  CLARA_CHECK(pack_of(p, GOOD) != ports && pack_of(p, GOOD) != ack);
  if (ports && ack) {
    /* The hottest pack first (ack: 0.8 x 3 accesses; it fits one window,
     * so largest first, then declaration order: iss, state); then, all
     * centroids being equally far, the hotter packs: the ports (2 + 2
     * bytes, one 4-byte access). */
    CLARA_CHECK(ack == &p->packs[0]);
    CLARA_CHECK_EQ_INT(ack->members[0], ISS);
    CLARA_CHECK_EQ_INT(ack->offset, 0);
    CLARA_CHECK_EQ_INT(ack->bytes, 8);
    CLARA_CHECK_EQ_INT(ack->access_bytes, 8);
    CLARA_CHECK_NEAR(ack->accesses_per_packet, 0.8 * 3, 1e-12);
    CLARA_CHECK(ports == &p->packs[1]);
    CLARA_CHECK_EQ_INT(ports->num_members, 2);
    CLARA_CHECK_EQ_INT(ports->offset, 8);
    CLARA_CHECK_EQ_INT(ports->bytes, 4);
    CLARA_CHECK_EQ_INT(ports->access_bytes, 4);
    CLARA_CHECK_EQ_INT(ports->num_accesses, 1);
    CLARA_CHECK_NEAR(ports->accesses_per_packet, 2, 1e-12);
    CLARA_CHECK(pack_of(p, GOOD) == &p->packs[2]);
  }
  const clara_pack *cold = &p->packs[p->num_packs - 1];
  CLARA_CHECK_EQ_INT(cold->num_members, 1);
  CLARA_CHECK_EQ_INT(cold->members[0], UNUSED);
  CLARA_CHECK_NEAR(cold->accesses_per_packet, 0, 0);
  /* By hand, declaration order (sport@0 iss@4 good@8 dport@12 state@16
   * bad@20, W = 8): index reads windows 0 and 1 (2), ack reads 0 and 2 and
   * writes 2 (3), good 1 + 1, bad 1 + 1: 2 + 0.8 x 3 + 0.7 x 2 + 0.1 x 2. */
  CLARA_CHECK_NEAR(p->declaration.transactions_per_packet,
                   2 + 0.8 * 3 + 0.7 * 2 + 0.1 * 2, 1e-12);
  /* Clara: index 1, ack 1 + 1, good 1 + 1, bad 1 + 1. */
  CLARA_CHECK_NEAR(p->clara.transactions_per_packet,
                   1 + 0.8 * 2 + 0.7 * 2 + 0.1 * 2, 1e-12);
  CLARA_CHECK(p->clara.transactions_per_packet <
              p->by_size.transactions_per_packet);
  /* The expert permutes the variables of index, ack and good: 5! orders,
   * and cannot beat Clara here (Clara is at the floor of one window per
   * block and direction). */
  CLARA_CHECK(p->has_expert);
  CLARA_CHECK_EQ_INT(p->expert_variables, 5);
  CLARA_CHECK_NEAR(p->expert_orders, 120, 0);
  CLARA_CHECK_NEAR(p->expert.transactions_per_packet,
                   p->clara.transactions_per_packet, 1e-12);
  /* The layouts are consistent with clara_pack_evaluate. */
  clara_pack_layout again;
  CLARA_CHECK_EQ_INT(
      clara_pack_evaluate(&tcp, &level, p->clara.offsets, &again, NULL),
      CLARA_OK);
  CLARA_CHECK_NEAR(again.cycles_per_packet, p->clara.cycles_per_packet, 0);
  /* Every variable is aligned and no two overlap. */
  for (size_t v = 0; v < NUM_TCP; ++v) {
    CLARA_CHECK_EQ_INT(p->clara.offsets[v] %
                           (tcp_vars[v].bytes < 8 ? tcp_vars[v].bytes : 8),
                       0);
    for (size_t w = 0; w < v; ++w)
      CLARA_CHECK(
          p->clara.offsets[v] >= p->clara.offsets[w] + tcp_vars[w].bytes ||
          p->clara.offsets[w] >= p->clara.offsets[v] + tcp_vars[v].bytes);
  }
  clara_packing_dispose(p);
}

/* The expert search finds the best order: checked against a brute force
 * over all orders when every variable is hot (no rest to lay out). */
static int next_permutation(size_t *a, size_t n) {
  if (n < 2)
    return 0;
  size_t i = n - 1;
  while (i > 0 && a[i - 1] >= a[i])
    --i;
  if (i == 0)
    return 0;
  size_t j = n - 1;
  while (a[j] <= a[i - 1])
    --j;
  size_t t = a[i - 1];
  a[i - 1] = a[j];
  a[j] = t;
  for (size_t l = i, r = n - 1; l < r; ++l, --r) {
    t = a[l];
    a[l] = a[r];
    a[r] = t;
  }
  return 1;
}

static void test_expert_is_exhaustive(void) {
  /* Six variables of mixed sizes used by three blocks in overlapping
   * pairs, W = 8: no order puts every pair in one window. */
  const clara_pack_variable vars[] = {
      {"p", 4, 0, 0, CLARA_PACK_WHOLE, 0}, {"q", 2, 0, 1, CLARA_PACK_WHOLE, 0},
      {"r", 4, 0, 2, CLARA_PACK_WHOLE, 0}, {"s", 1, 0, 3, CLARA_PACK_WHOLE, 0},
      {"t", 2, 0, 4, CLARA_PACK_WHOLE, 0}, {"u", 4, 0, 5, CLARA_PACK_WHOLE, 0}};
  const clara_pack_access b0[] = {{0, 1, 0}, {2, 1, 0}, {4, 0, 1}};
  const clara_pack_access b1[] = {{2, 1, 0}, {5, 1, 1}, {1, 1, 0}};
  const clara_pack_access b2[] = {{0, 1, 1}, {3, 1, 0}, {5, 1, 0}};
  const clara_pack_block blocks[] = {
      {NULL, 1, b0, 3}, {NULL, 0.6, b1, 3}, {NULL, 0.3, b2, 3}};
  const clara_pack_input in = {vars, 6, blocks, 3};
  unsigned sizes[] = {2, 4, 8};
  clara_nic_level level = make_level(sizes, 3);
  double best = INFINITY;
  size_t order[] = {0, 1, 2, 3, 4, 5};
  int orders = 0;
  do {
    uint64_t offsets[6], cursor = 0;
    for (size_t a = 0; a < 6; ++a) {
      uint64_t align = vars[order[a]].bytes; /* 1, 2 and 4: natural */
      cursor = (cursor + align - 1) / align * align;
      offsets[order[a]] = cursor;
      cursor += vars[order[a]].bytes;
    }
    clara_pack_layout l;
    clara_pack_evaluate(&in, &level, offsets, &l, NULL);
    if (l.transactions_per_packet < best)
      best = l.transactions_per_packet;
    ++orders;
  } while (next_permutation(order, 6));
  CLARA_CHECK_EQ_INT(orders, 720);
  clara_pack_options options;
  clara_pack_default_options(&options);
  clara_packing *p = NULL;
  CLARA_CHECK_EQ_INT(clara_pack_variables(&in, &level, &options, &p, NULL),
                     CLARA_OK);
  if (!p)
    return;
  CLARA_CHECK(p->has_expert);
  CLARA_CHECK_EQ_INT(p->expert_variables, 6);
  CLARA_CHECK_NEAR(p->expert_orders, 720, 0);
  CLARA_CHECK_NEAR(p->expert.transactions_per_packet, best, 1e-12);
  CLARA_CHECK(p->expert.transactions_per_packet <=
              p->declaration.transactions_per_packet);
  clara_packing_dispose(p);
  /* Capped at 2 permuted variables: 2 orders, the rest laid out by Clara. */
  options.expert_max_variables = 2;
  CLARA_CHECK_EQ_INT(clara_pack_variables(&in, &level, &options, &p, NULL),
                     CLARA_OK);
  if (p) {
    CLARA_CHECK_EQ_INT(p->expert_variables, 2);
    CLARA_CHECK_NEAR(p->expert_orders, 2, 0);
  }
  clara_packing_dispose(p);
  options.expert_max_variables = 0;
  CLARA_CHECK_EQ_INT(clara_pack_variables(&in, &level, &options, &p, NULL),
                     CLARA_OK);
  if (p) {
    CLARA_CHECK(!p->has_expert);
    CLARA_CHECK(p->expert.offsets == NULL);
  }
  clara_packing_dispose(p);
}

static void test_baselines(void) {
  /* by_size: largest first; declaration: by declaration_index, not input
   * order. */
  const clara_pack_variable vars[] = {{"x", 1, 0, 2, CLARA_PACK_WHOLE, 0},
                                      {"y", 8, 0, 0, CLARA_PACK_WHOLE, 0},
                                      {"z", 2, 0, 1, CLARA_PACK_WHOLE, 0},
                                      {"w", 16, 8, 3, CLARA_PACK_WHOLE, 0}};
  const clara_pack_input in = {vars, 4, NULL, 0};
  unsigned sizes[] = {4, 8, 16, 32, 64};
  clara_nic_level level = make_level(sizes, 5);
  clara_pack_options options;
  clara_pack_default_options(&options);
  clara_packing *p = NULL;
  CLARA_CHECK_EQ_INT(clara_pack_variables(&in, &level, &options, &p, NULL),
                     CLARA_OK);
  if (!p)
    return;
  /* y@0 z@8 x@10 w@16 */
  CLARA_CHECK_EQ_INT(p->declaration.offsets[1], 0);
  CLARA_CHECK_EQ_INT(p->declaration.offsets[2], 8);
  CLARA_CHECK_EQ_INT(p->declaration.offsets[0], 10);
  CLARA_CHECK_EQ_INT(p->declaration.offsets[3], 16);
  CLARA_CHECK_EQ_INT(p->declaration.total_bytes, 32);
  /* w@0 y@16 z@24 x@26 */
  CLARA_CHECK_EQ_INT(p->by_size.offsets[3], 0);
  CLARA_CHECK_EQ_INT(p->by_size.offsets[1], 16);
  CLARA_CHECK_EQ_INT(p->by_size.offsets[2], 24);
  CLARA_CHECK_EQ_INT(p->by_size.offsets[0], 26);
  CLARA_CHECK_EQ_INT(p->by_size.total_bytes, 27);
  /* Nothing accessed: one cold pack, no clusters, no transactions; the
   * expert has nothing to order and keeps Clara's layout. */
  CLARA_CHECK_EQ_INT(p->k, 0);
  CLARA_CHECK_EQ_INT(p->num_packs, 1);
  CLARA_CHECK_EQ_INT(p->packs[0].num_members, 4);
  CLARA_CHECK_EQ_INT(p->packs[0].access_bytes, 32);
  CLARA_CHECK_NEAR(p->clara.transactions_per_packet, 0, 0);
  CLARA_CHECK(p->has_expert);
  CLARA_CHECK_EQ_INT(p->expert_variables, 0);
  CLARA_CHECK_NEAR(p->expert.transactions_per_packet, 0, 0);
  for (size_t v = 0; v < 4; ++v)
    CLARA_CHECK_EQ_INT(p->expert.offsets[v], p->clara.offsets[v]);
  clara_packing_dispose(p);
}

/* Arrays wider than W and containers are priced per element access,
 * wherever they lie; the old model charged every window they span (a
 * 24 KiB counter array read once per packet: 384 transactions, not 1). */
static void test_per_element_pricing(void) {
  unsigned sizes[] = {4, 8, 16, 32, 64};
  clara_nic_level level = make_level(sizes, 5); /* W = 64 */
  enum { COUNTS, SMALL, TABLE, WIDE, SCALAR, NUM };
  const clara_pack_variable vars[] = {
      {"counts", 24576, 0, 0, CLARA_PACK_ARRAY, 4},
      {"small", 32, 0, 1, CLARA_PACK_ARRAY, 4}, /* fits W: window rule */
      {"table", 48, 0, 2, CLARA_PACK_CONTAINER, 0},
      {"wide", 1000, 0, 3, CLARA_PACK_ARRAY, 100},
      {"scalar", 8, 0, 4, CLARA_PACK_WHOLE, 0}};
  /* read: one load of counts; rmw: counts[i]++; twice: two loads of counts
   * and of scalar in one block. */
  const clara_pack_access read[] = {{COUNTS, 1, 0}};
  const clara_pack_access rmw[] = {{COUNTS, 1, 1}};
  const clara_pack_access twice[] = {{COUNTS, 2, 0}, {SCALAR, 2, 0}};
  const clara_pack_access small[] = {{SMALL, 1, 0}};
  const clara_pack_access table[] = {{TABLE, 1, 1}};
  const clara_pack_access wide[] = {{WIDE, 1, 0}};
  const clara_pack_access *lists[] = {read, rmw, twice, small, table, wide};
  const size_t counts[] = {1, 1, 2, 1, 1, 1};
  const double reads[] = {1, 1, 3, 1, 1, 2}, writes[] = {0, 1, 0, 0, 1, 0};
  uint64_t offsets[NUM] = {0, 0, 0, 0, 0};
  for (size_t c = 0; c < 6; ++c) {
    clara_pack_block block = {"B", 1, lists[c], counts[c]};
    clara_pack_input in = {vars, NUM, &block, 1};
    clara_pack_layout l;
    for (uint64_t at = 0; at < 8; at += 4) { /* aligned and not */
      for (size_t v = 0; v < NUM; ++v)
        offsets[v] = at;
      CLARA_CHECK_EQ_INT(clara_pack_evaluate(&in, &level, offsets, &l, NULL),
                         CLARA_OK);
      CLARA_CHECK_NEAR(l.read_transactions_per_packet, reads[c], 1e-12);
      CLARA_CHECK_NEAR(l.write_transactions_per_packet, writes[c], 1e-12);
    }
  }
  /* The 32-byte array keeps the window rule: straddling costs two. */
  {
    clara_pack_block block = {"B", 1, small, 1};
    clara_pack_input in = {vars, NUM, &block, 1};
    clara_pack_layout l;
    offsets[SMALL] = 48;
    CLARA_CHECK_EQ_INT(clara_pack_evaluate(&in, &level, offsets, &l, NULL),
                       CLARA_OK);
    CLARA_CHECK_NEAR(l.transactions_per_packet, 2, 1e-12);
  }
  /* Fractional shares (a pointer into one of n objects) stay fractional. */
  {
    const clara_pack_access share[] = {{COUNTS, 0.5, 0.5}};
    clara_pack_block block = {"B", 3, share, 1};
    clara_pack_input in = {vars, NUM, &block, 1};
    clara_pack_layout l;
    CLARA_CHECK_EQ_INT(clara_pack_evaluate(&in, &level, offsets, &l, NULL),
                       CLARA_OK);
    CLARA_CHECK_NEAR(l.transactions_per_packet, 3, 1e-12);
  }
}

/* A per-element array declared between two scalars used with it: it is
 * not clustered or permuted, gets a pack of its own read with
 * element-wide accesses, and packing the scalars saves one transaction of
 * four (the old model charged the array's 385 windows in every layout). */
static void test_per_element_packing(void) {
  unsigned sizes[] = {4, 8, 16, 32, 64};
  clara_nic_level level = make_level(sizes, 5);
  const clara_pack_variable vars[] = {
      {"x", 8, 0, 0, CLARA_PACK_WHOLE, 0},
      {"counts", 24576, 0, 1, CLARA_PACK_ARRAY, 4},
      {"y", 8, 0, 2, CLARA_PACK_WHOLE, 0}};
  const clara_pack_access accesses[] = {{0, 1, 0}, {1, 1, 1}, {2, 1, 0}};
  const clara_pack_block block = {"B", 1, accesses, 3};
  const clara_pack_input in = {vars, 3, &block, 1};
  clara_pack_options options;
  clara_pack_default_options(&options);
  clara_packing *p = NULL;
  CLARA_CHECK_EQ_INT(clara_pack_variables(&in, &level, &options, &p, NULL),
                     CLARA_OK);
  if (!p)
    return;
  /* x@0 counts@8 y@24584: x and y in two windows, plus counts 1 + 1. */
  CLARA_CHECK_NEAR(p->declaration.transactions_per_packet, 4, 1e-12);
  CLARA_CHECK_NEAR(p->by_size.transactions_per_packet, 3, 1e-12);
  CLARA_CHECK_NEAR(p->clara.transactions_per_packet, 3, 1e-12);
  CLARA_CHECK(p->has_expert);
  CLARA_CHECK_NEAR(p->expert.transactions_per_packet, 3, 1e-12);
  CLARA_CHECK_EQ_INT(p->expert_variables, 2);
  CLARA_CHECK_EQ_INT(p->k, 1);
  CLARA_CHECK_EQ_INT(p->num_packs, 2);
  const clara_pack *array = pack_of(p, 1), *scalars = pack_of(p, 0);
  CLARA_CHECK(array && scalars && array != scalars && scalars == pack_of(p, 2));
  if (array) {
    CLARA_CHECK(array->per_element);
    CLARA_CHECK_EQ_INT(array->num_members, 1);
    CLARA_CHECK_EQ_INT(array->access_bytes, 4);
    CLARA_CHECK_EQ_INT(array->num_accesses, 1);
  }
  if (scalars)
    CLARA_CHECK(!scalars->per_element);
  clara_packing_dispose(p);
}

/* A pack larger than the largest transaction is read in several. */
static void test_wide_pack(void) {
  clara_pack_variable vars[10];
  clara_pack_access accesses[10];
  for (size_t v = 0; v < 10; ++v) {
    vars[v] = (clara_pack_variable){NULL, 8, 0, v, CLARA_PACK_WHOLE, 0};
    accesses[v] = (clara_pack_access){v, 1, 0};
  }
  const clara_pack_block blocks[] = {{NULL, 1, accesses, 10}};
  const clara_pack_input in = {vars, 10, blocks, 1};
  unsigned sizes[] = {4, 8, 16, 32};
  clara_nic_level level = make_level(sizes, 4);
  clara_pack_options options;
  clara_pack_default_options(&options);
  clara_packing *p = NULL;
  CLARA_CHECK_EQ_INT(clara_pack_variables(&in, &level, &options, &p, NULL),
                     CLARA_OK);
  if (!p)
    return;
  CLARA_CHECK_EQ_INT(p->num_packs, 1);
  CLARA_CHECK_EQ_INT(p->packs[0].bytes, 80);
  CLARA_CHECK_EQ_INT(p->packs[0].access_bytes, 32);
  CLARA_CHECK_EQ_INT(p->packs[0].num_accesses, 3);
  CLARA_CHECK_NEAR(p->clara.transactions_per_packet, 3, 0);
  clara_packing_dispose(p);
}

/* Where the chain order of the packs is not enough: with W = 8, v1, v2 and
 * v4 (6 bytes) fit one window with v3 (4 bytes) elsewhere, so only block 1
 * (0.3 per packet) pays two reads: 0.5 + 2 x 0.3 + 0.7 + 0.5 = 2.3, the
 * optimum (v3 v2 v1 together would make block 3 pay instead: 2.5). */
static void test_refined_layout(void) {
  const clara_pack_variable vars[] = {{"v0", 4, 0, 0, CLARA_PACK_WHOLE, 0},
                                      {"v1", 2, 0, 1, CLARA_PACK_WHOLE, 0},
                                      {"v2", 2, 0, 2, CLARA_PACK_WHOLE, 0},
                                      {"v3", 4, 0, 3, CLARA_PACK_WHOLE, 0},
                                      {"v4", 2, 0, 4, CLARA_PACK_WHOLE, 0}};
  const clara_pack_access b0[] = {{1, 1, 0}};
  const clara_pack_access b1[] = {{3, 1, 0}, {2, 1, 0}};
  const clara_pack_access b2[] = {{2, 1, 0}, {1, 1, 0}};
  const clara_pack_access b3[] = {{1, 1, 0}, {4, 1, 0}};
  const clara_pack_block blocks[] = {{NULL, 0.5, b0, 1},
                                     {NULL, 0.3, b1, 2},
                                     {NULL, 0.7, b2, 2},
                                     {NULL, 0.5, b3, 2}};
  const clara_pack_input in = {vars, 5, blocks, 4};
  unsigned sizes[] = {4, 8};
  clara_nic_level level = make_level(sizes, 2);
  clara_pack_options options;
  clara_pack_default_options(&options);
  clara_packing *refined = NULL, *chain = NULL;
  CLARA_CHECK_EQ_INT(
      clara_pack_variables(&in, &level, &options, &refined, NULL), CLARA_OK);
  options.refine_layout = 0;
  CLARA_CHECK_EQ_INT(clara_pack_variables(&in, &level, &options, &chain, NULL),
                     CLARA_OK);
  if (refined && chain) {
    CLARA_CHECK_NEAR(refined->clara.transactions_per_packet, 2.3, 1e-12);
    CLARA_CHECK(refined->clara.transactions_per_packet <
                chain->clara.transactions_per_packet);
    /* The expert (all four variables hot) reaches the same optimum. */
    CLARA_CHECK_NEAR(refined->expert.transactions_per_packet, 2.3, 1e-12);
  }
  clara_packing_dispose(refined);
  clara_packing_dispose(chain);

  /* Here a pack must move: v1, v0 (block 0) and v4, v0 (block 1) all fit
   * one window (4 + 2 + 2 bytes), which reaches the floor of one read per
   * block: 0.8 + 0.3 + 0.6 + 0.5 = 2.2. */
  const clara_pack_variable vars2[] = {{"v0", 2, 0, 0, CLARA_PACK_WHOLE, 0},
                                       {"v1", 4, 0, 1, CLARA_PACK_WHOLE, 0},
                                       {"v2", 2, 0, 2, CLARA_PACK_WHOLE, 0},
                                       {"v3", 4, 0, 3, CLARA_PACK_WHOLE, 0},
                                       {"v4", 2, 0, 4, CLARA_PACK_WHOLE, 0}};
  const clara_pack_access c0[] = {{1, 1, 0}, {0, 1, 0}};
  const clara_pack_access c1[] = {{4, 1, 0}, {0, 1, 0}};
  const clara_pack_access c2[] = {{2, 1, 0}, {2, 1, 0}};
  const clara_pack_access c3[] = {{2, 1, 0}};
  const clara_pack_block blocks2[] = {{NULL, 0.8, c0, 2},
                                      {NULL, 0.3, c1, 2},
                                      {NULL, 0.6, c2, 2},
                                      {NULL, 0.5, c3, 1}};
  const clara_pack_input in2 = {vars2, 5, blocks2, 4};
  options.refine_layout = 1;
  CLARA_CHECK_EQ_INT(
      clara_pack_variables(&in2, &level, &options, &refined, NULL), CLARA_OK);
  options.refine_layout = 0;
  CLARA_CHECK_EQ_INT(clara_pack_variables(&in2, &level, &options, &chain, NULL),
                     CLARA_OK);
  if (refined && chain) {
    CLARA_CHECK_NEAR(refined->clara.transactions_per_packet, 2.2, 1e-12);
    CLARA_CHECK(refined->clara.transactions_per_packet <
                chain->clara.transactions_per_packet);
  }
  clara_packing_dispose(refined);
  clara_packing_dispose(chain);
}

static void test_deterministic(void) {
  /* 24 variables over 8 blocks drawn from a fixed generator. */
  clara_pack_variable vars[24];
  clara_pack_access accesses[8][6];
  clara_pack_block blocks[8];
  uint64_t state = 5;
  for (size_t v = 0; v < 24; ++v) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    vars[v] = (clara_pack_variable){
        NULL, (uint64_t)1 << (state >> 62), 0, 23 - v, CLARA_PACK_WHOLE, 0};
  }
  for (size_t b = 0; b < 8; ++b) {
    for (size_t a = 0; a < 6; ++a) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      accesses[b][a] = (clara_pack_access){(state >> 33) % 24, 1,
                                           (double)((state >> 20) & 1)};
    }
    blocks[b] = (clara_pack_block){NULL, 1.0 / (double)(b + 1), accesses[b], 6};
  }
  const clara_pack_input in = {vars, 24, blocks, 8};
  unsigned sizes[] = {4, 8, 16, 32, 64};
  clara_nic_level level = make_level(sizes, 5);
  clara_pack_options options;
  clara_pack_default_options(&options);
  clara_packing *a = NULL, *b = NULL;
  CLARA_CHECK_EQ_INT(clara_pack_variables(&in, &level, &options, &a, NULL),
                     CLARA_OK);
  CLARA_CHECK_EQ_INT(clara_pack_variables(&in, &level, &options, &b, NULL),
                     CLARA_OK);
  if (a && b) {
    CLARA_CHECK_EQ_INT(a->num_packs, b->num_packs);
    CLARA_CHECK(
        memcmp(a->clara.offsets, b->clara.offsets, 24 * sizeof(uint64_t)) == 0);
    CLARA_CHECK(memcmp(a->expert.offsets, b->expert.offsets,
                       24 * sizeof(uint64_t)) == 0);
    CLARA_CHECK(a->clara.transactions_per_packet ==
                b->clara.transactions_per_packet);
    /* Every variable is in exactly one pack. */
    int seen[24] = {0};
    for (size_t k = 0; k < a->num_packs; ++k)
      for (size_t m = 0; m < a->packs[k].num_members; ++m)
        ++seen[a->packs[k].members[m]];
    for (size_t v = 0; v < 24; ++v)
      CLARA_CHECK_EQ_INT(seen[v], 1);
  }
  clara_packing_dispose(a);
  clara_packing_dispose(b);
}

/* The floor: by hand on tiny (W = 16: B0 loads a and c, 12 bytes, one
 * window; B1 writes b and reads d: 1 + 0.5 x 2 = 2, the declaration's cost;
 * W = 4: B0's 12 bytes need 3 windows: 3 + 0.5 x 2 = 4); per-element
 * accesses count in full; and on random inputs no layout goes below it:
 * neither the four layouts nor 200 random orders. */
static void test_floor(void) {
  unsigned sizes[] = {4, 8, 16}, words[] = {4};
  clara_nic_level level = make_level(sizes, 3), narrow = make_level(words, 1);
  clara_pack_options options;
  clara_pack_default_options(&options);
  clara_packing *p = NULL;
  CLARA_CHECK_EQ_INT(clara_pack_variables(&tiny, &level, &options, &p, NULL),
                     CLARA_OK);
  if (p)
    CLARA_CHECK_NEAR(p->floor_transactions_per_packet, 2, 1e-12);
  clara_packing_dispose(p);
  p = NULL;
  CLARA_CHECK_EQ_INT(clara_pack_variables(&tiny, &narrow, &options, &p, NULL),
                     CLARA_OK);
  if (p)
    CLARA_CHECK_NEAR(p->floor_transactions_per_packet, 4, 1e-12);
  clara_packing_dispose(p);
  p = NULL;
  {
    /* A container entry loaded twice and a scalar stored: 2 + 1. */
    const clara_pack_variable vars[] = {
        {"table", 4096, 0, 0, CLARA_PACK_CONTAINER, 16},
        {"hits", 8, 0, 1, CLARA_PACK_WHOLE, 0}};
    const clara_pack_access acc[] = {{0, 2, 0}, {1, 0, 1}};
    const clara_pack_block block = {"B", 1, acc, 2};
    const clara_pack_input in = {vars, 2, &block, 1};
    CLARA_CHECK_EQ_INT(clara_pack_variables(&in, &level, &options, &p, NULL),
                       CLARA_OK);
    if (p)
      CLARA_CHECK_NEAR(p->floor_transactions_per_packet, 3, 1e-12);
    clara_packing_dispose(p);
    p = NULL;
  }
  uint64_t state = 11;
  for (int instance = 0; instance < 20; ++instance) {
    enum { V = 12, B = 6, A = 4 };
    clara_pack_variable vars[V];
    clara_pack_access accesses[B][A];
    clara_pack_block blocks[B];
    for (size_t v = 0; v < V; ++v) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      vars[v] = (clara_pack_variable){
          NULL, (uint64_t)1 + (state >> 59), 0, v, CLARA_PACK_WHOLE, 0};
    }
    for (size_t b = 0; b < B; ++b) {
      for (size_t a = 0; a < A; ++a) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        accesses[b][a] =
            (clara_pack_access){(state >> 33) % V, (double)((state >> 21) & 1),
                                (double)((state >> 20) & 1)};
      }
      blocks[b] =
          (clara_pack_block){NULL, 1.0 / (double)(b + 1), accesses[b], A};
    }
    const clara_pack_input in = {vars, V, blocks, B};
    CLARA_CHECK_EQ_INT(clara_pack_variables(&in, &level, &options, &p, NULL),
                       CLARA_OK);
    if (!p)
      continue;
    double floor = p->floor_transactions_per_packet;
    CLARA_CHECK(floor > 0);
    CLARA_CHECK(floor <= p->declaration.transactions_per_packet + 1e-12);
    CLARA_CHECK(floor <= p->by_size.transactions_per_packet + 1e-12);
    CLARA_CHECK(floor <= p->clara.transactions_per_packet + 1e-12);
    CLARA_CHECK(floor <= p->expert.transactions_per_packet + 1e-12);
    for (int trial = 0; trial < 200; ++trial) {
      size_t order[V];
      for (size_t v = 0; v < V; ++v)
        order[v] = v;
      for (size_t v = V - 1; v > 0; --v) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        size_t w = (state >> 33) % (v + 1), x = order[v];
        order[v] = order[w];
        order[w] = x;
      }
      uint64_t offsets[V], cursor = 0;
      for (size_t v = 0; v < V; ++v) {
        offsets[order[v]] = cursor;
        cursor += vars[order[v]].bytes;
      }
      clara_pack_layout l;
      CLARA_CHECK_EQ_INT(clara_pack_evaluate(&in, &level, offsets, &l, NULL),
                         CLARA_OK);
      CLARA_CHECK(floor <= l.transactions_per_packet + 1e-12);
    }
    clara_packing_dispose(p);
    p = NULL;
  }
}

static void test_invalid(void) {
  unsigned sizes[] = {4, 8};
  clara_nic_level level = make_level(sizes, 2);
  clara_pack_options options;
  clara_pack_default_options(&options);
  clara_packing *p = (clara_packing *)&p;
  char *message = NULL;
  const clara_pack_variable bad_align[] = {{"v", 4, 3, 0, CLARA_PACK_WHOLE, 0}};
  const clara_pack_input in1 = {bad_align, 1, NULL, 0};
  CLARA_CHECK_EQ_INT(clara_pack_variables(&in1, &level, &options, &p, &message),
                     CLARA_ERROR);
  CLARA_CHECK(p == NULL);
  CLARA_CHECK(message && strstr(message, "alignment 3"));
  clara_dispose_message(message);
  const clara_pack_access out_of_range[] = {{5, 1, 0}};
  const clara_pack_block blocks[] = {{"entry", 1, out_of_range, 1}};
  const clara_pack_input in2 = {tiny_vars, 4, blocks, 1};
  message = NULL;
  CLARA_CHECK_EQ_INT(clara_pack_variables(&in2, &level, &options, &p, &message),
                     CLARA_ERROR);
  CLARA_CHECK(message && strstr(message, "entry") &&
              strstr(message, "variable 5 of 4"));
  clara_dispose_message(message);
  const clara_pack_access negative[] = {{0, -1, 0}};
  const clara_pack_block blocks3[] = {{NULL, 1, negative, 1}};
  const clara_pack_input in3 = {tiny_vars, 4, blocks3, 1};
  CLARA_CHECK_EQ_INT(clara_pack_variables(&in3, &level, &options, &p, NULL),
                     CLARA_ERROR);
  const clara_pack_variable bad_reach[] = {
      {"r", 4, 0, 0, (clara_pack_reach)7, 0}};
  const clara_pack_input in5 = {bad_reach, 1, NULL, 0};
  CLARA_CHECK_EQ_INT(clara_pack_variables(&in5, &level, &options, &p, NULL),
                     CLARA_ERROR);
  CLARA_CHECK(p == NULL);
  const clara_pack_variable zero[] = {{"z", 0, 0, 0, CLARA_PACK_WHOLE, 0}};
  const clara_pack_input in4 = {zero, 1, NULL, 0};
  CLARA_CHECK_EQ_INT(clara_pack_variables(&in4, &level, &options, &p, NULL),
                     CLARA_ERROR);
  unsigned odd[] = {4, 6};
  clara_nic_level odd_level = make_level(odd, 2);
  message = NULL;
  CLARA_CHECK_EQ_INT(
      clara_pack_variables(&tiny, &odd_level, &options, &p, &message),
      CLARA_ERROR);
  CLARA_CHECK(message && strstr(message, "divide"));
  clara_dispose_message(message);
  clara_nic_level none = make_level(odd, 0);
  CLARA_CHECK_EQ_INT(clara_pack_variables(&tiny, &none, &options, &p, NULL),
                     CLARA_ERROR);
}

int main(void) {
  CLARA_RUN(test_access_vectors_by_hand);
  CLARA_RUN(test_transactions_by_hand);
  CLARA_RUN(test_as_written);
  CLARA_RUN(test_tcp_example);
  CLARA_RUN(test_expert_is_exhaustive);
  CLARA_RUN(test_baselines);
  CLARA_RUN(test_per_element_pricing);
  CLARA_RUN(test_per_element_packing);
  CLARA_RUN(test_wide_pack);
  CLARA_RUN(test_refined_layout);
  CLARA_RUN(test_deterministic);
  CLARA_RUN(test_floor);
  CLARA_RUN(test_invalid);
  CLARA_TEST_EXIT();
}
