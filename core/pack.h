/*===- core/pack.h - clara-pack-vars: variable packing and coalescing -----===*
 *
 * Suggests which state variables to lay out together and how wide to read
 * them (the paper's §4.4). Each variable gets an access vector: for every
 * block b, its accesses from b (executions per packet x loads and stores per
 * execution) over its accesses from all blocks. Variables with similar
 * vectors are used by the same code, so k-means (core/kmeans.h) clusters
 * them into packs; each pack is laid out contiguously and read with one
 * coalesced access of its width.
 *
 * Transaction model. Layouts are compared by the memory transactions one
 * packet needs, under these rules:
 *  - The state block starts at an address aligned to W, the level's largest
 *    transaction size; every transaction size must divide W. A variable at
 *    byte offset o with b bytes occupies [o, o + b) and touches the W-aligned
 *    windows floor(o / W) .. floor((o + b - 1) / W).
 *  - One execution of a block reads each variable it loads once and writes
 *    each variable it stores once (values stay in registers inside a block),
 *    and coalesces: all its reads that fall in one W-window are one read
 *    transaction (of the smallest allowed size that covers them), all its
 *    writes in one window one write transaction. So a block execution costs
 *    R = |union of the windows of the variables it loads| reads and
 *    S = |union of the windows of the variables it stores| writes.
 *  - Per packet: transactions = sum over blocks of executions x (R + S);
 *    cycles = sum over blocks of executions x (R x read_cycles + S x
 *    write_cycles), since a profile's cycle costs are per access of up to one
 *    transaction. Blocks are independent: nothing stays in registers from
 *    one block to the next.
 *  - Per-element variables. A variable whose accesses each touch one element
 *    at a run-time index is priced per element, not by its windows, when it
 *    is a container (reach CLARA_PACK_CONTAINER: hash tables, vectors; an
 *    access is one entry, wherever the entry lies), or an array (reach
 *    CLARA_PACK_ARRAY) wider than W. Each of its loads in a block execution
 *    is t read transactions and each store t write transactions, with
 *    t = ceil(element_bytes / W) (1 when element_bytes <= W or is 0,
 *    unknown; elements are taken as aligned to their access), of the
 *    smallest size that holds one element. Loads are counted one by one,
 *    not once per block: two loads of an array in one block are in general
 *    two elements. The cost does not depend on where the variable lies, so
 *    it is not a packing candidate: it is not clustered and not permuted by
 *    the expert, and every layout pays the same for it. Example: a 24 KiB
 *    array of 4-byte counters read and written once per packet costs 1 read
 *    and 1 write per packet, not 384 + 384 windows.
 *  - An array no wider than W keeps the window rule above: it fits one
 *    window when laid out so, and then any element access is that window's
 *    transaction, so its layout matters as a whole variable's does (charging
 *    all its windows is exact when it lies in one window and an upper bound
 *    otherwise). Scalars (reach CLARA_PACK_WHOLE) always keep it; so do
 *    structs no wider than W, which core/pack_input.c marks as arrays of
 *    fields (a wider struct is reached one field per access).
 * The rule is the same for every layout, so the declaration-order baseline
 * already gets every coalescing its layout allows and the comparison
 * isolates the effect of the layout. One more figure, `as_written`, prices
 * the declaration order without coalescing: every variable a block execution
 * reads (writes) costs its own windows, as a port that keeps the source's
 * one access per variable issues them (the paper's "naive porting"; §5.6
 * compares its packing against that). Per-element accesses cost the same in
 * both. Atomics are not part of it: each is one
 * command whatever the layout.
 *
 * Layouts compared (every variable at a multiple of its alignment):
 *  - declaration: the source's order, as a C compiler lays out a struct;
 *  - by_size: largest first (ties: larger alignment, then declaration),
 *    the usual hand fix for padding;
 *  - clara: the k-means packs laid out one after the other; a pack that fits
 *    in a W-window never straddles two (it moves to the next window) and is
 *    aligned to its own width when that keeps it in the same window, a
 *    wider one starts at a window. Order: the hottest pack first, then each
 *    next the one whose centroid is nearest the previous pack's, so packs
 *    sharing a window are related (the paper's §5.8 notes its packs were
 *    placed independently of each other); then, with refine_layout, single
 *    pack moves while they lower the transactions. Inside a pack: largest
 *    first when the pack fits one window that way (any order inside a
 *    window costs the same, and this one pads least), else a similarity
 *    chain (the hottest member, then each next the one whose access vector
 *    is nearest the previous one's; ties: larger alignment, larger size,
 *    declaration order), refined by single member moves. k is chosen by
 *    k_rule. Only accessed whole variables (and arrays that fit in W) are
 *    clustered; each accessed per-element variable follows the clusters as
 *    a pack of its own (per_element), in declaration order, and
 *    never-accessed variables form a last, cold pack, largest first. A
 *    pack's access width is the smallest transaction size whose aligned
 *    window holds it where it lands;
 *  - expert (the paper's §5.8 emulation): the variables used by the
 *    `hot_blocks` most executed blocks are packed together at offset 0 and
 *    every order of them is tried; the other variables follow from the next
 *    W boundary in Clara's layout. At most `expert_max_variables` (default
 *    9, 9! = 362,880 orders) are permuted, the hottest by accesses; further
 *    hot variables join the rest. Per-element variables are never
 *    permuted (no order changes their cost); when the hot blocks touch no
 *    other variable the expert layout is Clara's (0 variables, 1 order).
 *
 *===----------------------------------------------------------------------===*/
#ifndef CLARA_CORE_PACK_H
#define CLARA_CORE_PACK_H

#include "kmeans.h"
#include "nic.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* How the code reaches a variable (see the transaction model). */
typedef enum {
  CLARA_PACK_WHOLE = 0, /* scalars and structs: the variable's own bytes */
  CLARA_PACK_ARRAY,     /* one element of an array (or one field of a
                           struct) per access */
  CLARA_PACK_CONTAINER  /* one entry of a hash table or vector per access */
} clara_pack_reach;

/* A state variable. Zero-filled trailing fields mean a whole variable. */
typedef struct {
  const char *name; /* for reports; may be NULL */
  uint64_t bytes;   /* >= 1 */
  /* A power of two; 0 means the largest power of two <= min(bytes, 8). */
  uint64_t align;
  size_t declaration_index; /* position in the source (ties: input order) */
  clara_pack_reach reach;
  /* ARRAY, CONTAINER: bytes of one element (an array's innermost scalar or
   * struct, a container's entry); 0: unknown, taken as one transaction. */
  uint64_t element_bytes;
} clara_pack_variable;

/* What one execution of a block does to one variable. */
typedef struct {
  size_t variable; /* index into the input's variables */
  double loads, stores;
} clara_pack_access;

/* A basic block that touches state variables. */
typedef struct {
  const char *name; /* for reports; may be NULL */
  double executions_per_packet;
  const clara_pack_access *accesses;
  size_t num_accesses;
} clara_pack_block;

typedef struct {
  const clara_pack_variable *variables;
  size_t num_variables;
  const clara_pack_block *blocks;
  size_t num_blocks;
} clara_pack_input;

/* How the number of packs is chosen among k in [k_min, k_max] of the
 * k-means options (k_min == k_max fixes it). */
typedef enum {
  /* Cluster for every k and keep the layout with the fewest transactions
   * under the model (ties: fewer cycles, then the better silhouette, then
   * the smaller k). */
  CLARA_PACK_K_TRANSACTIONS,
  /* The k of the best mean silhouette (core/kmeans.h): the clustering
   * criterion alone, blind to sizes and windows. */
  CLARA_PACK_K_SILHOUETTE
} clara_pack_k_rule;

/* How to pack. Fill with clara_pack_default_options() first. */
typedef struct {
  clara_kmeans_options kmeans; /* seed, restarts, k range */
  clara_pack_k_rule k_rule;
  /* 1: after the chain order, move packs (and members of packs wider than
   * a window) while that lowers the transactions; 0: the chain order. */
  int refine_layout;
  size_t hot_blocks;           /* expert: most executed blocks (3) */
  size_t expert_max_variables; /* expert: permuted at most (9); 0: none */
} clara_pack_options;

/* One pack of the suggested layout. */
typedef struct {
  size_t *members; /* variable indices, in layout order */
  size_t num_members;
  uint64_t offset; /* from the start of the state block */
  uint64_t bytes;  /* from the first member's start to the last one's end */
  /* Coalesced access: the smallest transaction size whose aligned window
   * holds the whole pack where it lies (num_accesses 1), else the largest
   * size, once per W-window the pack covers. */
  unsigned access_bytes, num_accesses;
  double accesses_per_packet; /* loads + stores of its members; 0: cold */
  /* 1: a per-element variable alone (not a cluster; see the model): its
   * access is one element, access_bytes the smallest transaction size that
   * holds an element (the largest when unknown or wider), num_accesses the
   * transactions one element access costs. */
  int per_element;
} clara_pack;

/* A layout and what it costs under the transaction model. */
typedef struct {
  uint64_t *offsets; /* per variable */
  uint64_t total_bytes;
  double read_transactions_per_packet, write_transactions_per_packet;
  double transactions_per_packet; /* reads + writes */
  double cycles_per_packet;
} clara_pack_layout;

/* The answer. Owned by the caller, freed with clara_packing_dispose(). */
typedef struct {
  size_t num_variables, num_blocks;
  double *access_vectors; /* num_variables rows of num_blocks values */
  clara_pack *packs;
  size_t num_packs;
  size_t k;          /* clusters of accessed packing candidates */
  double silhouette; /* of that clustering */
  clara_pack_layout declaration, by_size, clara;
  /* The declaration order without coalescing (see the model); its offsets
   * are NULL: they are declaration.offsets. */
  clara_pack_layout as_written;
  /* The expert layout; has_expert is 0 (and expert empty) when
   * expert_max_variables is 0. */
  int has_expert;
  clara_pack_layout expert;
  size_t expert_variables; /* how many were permuted */
  double expert_orders;    /* how many orders were tried */
  /* A lower bound on transactions_per_packet for every layout of these
   * variables on this level: per block execution, the variables priced by
   * windows that it loads cover at least ceil(their bytes / W) windows
   * (variables do not overlap), likewise for stores, plus its per-element
   * transactions, which no layout changes. No layout beats it; when it is
   * close to the declaration order's cost, no packing can save much. */
  double floor_transactions_per_packet;
} clara_packing;

/* Fills `options` with the defaults: k-means defaults, k by transactions,
 * refined layout, 3 hot blocks, 9 permuted variables. */
void clara_pack_default_options(clara_pack_options *options);

/* Computes the access vectors of `input` into `out_vectors`
 * (num_variables x num_blocks, row-major; a variable never accessed gets a
 * zero row). Fails on invalid input. */
int clara_pack_access_vectors(const clara_pack_input *input,
                              double *out_vectors, char **out_message);

/* Evaluates a layout (`offsets`, one per variable) on `level` under the
 * transaction model, filling every field of *out_layout except offsets,
 * which is left NULL. Fails on invalid input or memory exhaustion. */
int clara_pack_evaluate(const clara_pack_input *input,
                        const clara_nic_level *level, const uint64_t *offsets,
                        clara_pack_layout *out_layout, char **out_message);

/* Packs the variables of `input` for `level` and evaluates the four
 * layouts and the uncoalesced declaration order (as_written). On success stores
 * a new packing in *out_packing; fails on invalid input (bad alignment or
 * reach, unknown variable index, negative or non-finite counts, transaction
 * sizes that do not divide the largest) or memory exhaustion. */
int clara_pack_variables(const clara_pack_input *input,
                         const clara_nic_level *level,
                         const clara_pack_options *options,
                         clara_packing **out_packing, char **out_message);

/* Frees a packing. NULL is fine. */
void clara_packing_dispose(clara_packing *packing);

#ifdef __cplusplus
}
#endif

#endif
