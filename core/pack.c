/*===- core/pack.c - clara-pack-vars: variable packing and coalescing -----===*
 *
 * See pack.h for the access vectors, the transaction model and the four
 * layouts. Every ordering decision has an explicit tie-break, so the answer
 * depends only on the input and the k-means seed.
 *
 *===----------------------------------------------------------------------===*/
#include "pack.h"

#include "error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void clara_pack_default_options(clara_pack_options *options) {
  clara_kmeans_default_options(&options->kmeans);
  options->k_rule = CLARA_PACK_K_TRANSACTIONS;
  options->refine_layout = 1;
  options->hot_blocks = 3;
  options->expert_max_variables = 9;
}

static const char *variable_name(const clara_pack_variable *v) {
  return v->name ? v->name : "(unnamed)";
}

static uint64_t variable_align(const clara_pack_variable *v) {
  if (v->align)
    return v->align;
  uint64_t a = 1;
  while (a * 2 <= v->bytes && a < 8)
    a *= 2;
  return a;
}

static uint64_t align_up(uint64_t x, uint64_t a) { return (x + a - 1) / a * a; }

static uint64_t gcd(uint64_t a, uint64_t b) {
  while (b) {
    uint64_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}

static uint64_t lcm(uint64_t a, uint64_t b) { return a / gcd(a, b) * b; }

static int non_negative(double x) { return isfinite(x) && x >= 0; }

static int validate_input(const clara_pack_input *in, char **out_message) {
  if (!in || (in->num_variables && !in->variables) ||
      (in->num_blocks && !in->blocks))
    return clara_error(out_message, "variable packing: no input given");
  for (size_t v = 0; v < in->num_variables; ++v) {
    const clara_pack_variable *var = &in->variables[v];
    if (var->bytes == 0 || var->bytes > (UINT64_C(1) << 40))
      return clara_error(out_message,
                         "variable packing: variable %s has %llu bytes",
                         variable_name(var), (unsigned long long)var->bytes);
    if (var->reach != CLARA_PACK_WHOLE && var->reach != CLARA_PACK_ARRAY &&
        var->reach != CLARA_PACK_CONTAINER)
      return clara_error(out_message,
                         "variable packing: variable %s has an unknown reach "
                         "(%d)",
                         variable_name(var), (int)var->reach);
    if (var->align & (var->align - 1) || var->align > (UINT64_C(1) << 20))
      return clara_error(out_message,
                         "variable packing: variable %s has alignment %llu, "
                         "not a power of two",
                         variable_name(var), (unsigned long long)var->align);
  }
  for (size_t b = 0; b < in->num_blocks; ++b) {
    const clara_pack_block *block = &in->blocks[b];
    const char *name = block->name ? block->name : "(unnamed)";
    if (!non_negative(block->executions_per_packet))
      return clara_error(out_message,
                         "variable packing: block %s (%zu) has a negative or "
                         "non-finite execution count",
                         name, b);
    if (block->num_accesses && !block->accesses)
      return clara_error(out_message,
                         "variable packing: block %s (%zu) has no access list",
                         name, b);
    for (size_t a = 0; a < block->num_accesses; ++a) {
      const clara_pack_access *access = &block->accesses[a];
      if (access->variable >= in->num_variables)
        return clara_error(out_message,
                           "variable packing: block %s (%zu) accesses "
                           "variable %zu of %zu",
                           name, b, access->variable, in->num_variables);
      if (!non_negative(access->loads) || !non_negative(access->stores))
        return clara_error(out_message,
                           "variable packing: block %s (%zu) has a negative "
                           "or non-finite access count",
                           name, b);
    }
  }
  return CLARA_OK;
}

static int validate_level(const clara_nic_level *level, char **out_message) {
  if (!level || level->num_transaction_sizes == 0 || !level->transaction_bytes)
    return clara_error(out_message, "variable packing: the memory level has no "
                                    "transaction sizes");
  unsigned w = level->transaction_bytes[level->num_transaction_sizes - 1];
  for (size_t t = 0; t < level->num_transaction_sizes; ++t) {
    unsigned size = level->transaction_bytes[t];
    if (size == 0 || w % size != 0 ||
        (t && size <= level->transaction_bytes[t - 1]))
      return clara_error(out_message,
                         "variable packing: transaction sizes of level %s "
                         "must increase and divide the largest (%u)",
                         level->name ? level->name : "(unnamed)", w);
  }
  if (!non_negative(level->read_cycles) || !non_negative(level->write_cycles))
    return clara_error(out_message,
                       "variable packing: level %s has a negative or "
                       "non-finite cycle figure",
                       level->name ? level->name : "(unnamed)");
  return CLARA_OK;
}

int clara_pack_access_vectors(const clara_pack_input *in, double *out,
                              char **out_message) {
  if (validate_input(in, out_message))
    return CLARA_ERROR;
  size_t n = in->num_variables, B = in->num_blocks;
  memset(out, 0, n * B * sizeof(double));
  for (size_t b = 0; b < B; ++b) {
    const clara_pack_block *block = &in->blocks[b];
    for (size_t a = 0; a < block->num_accesses; ++a) {
      const clara_pack_access *access = &block->accesses[a];
      out[access->variable * B + b] +=
          block->executions_per_packet * (access->loads + access->stores);
    }
  }
  /* The paper's §4.4: p_b = c_b / sum of c. */
  for (size_t v = 0; v < n; ++v) {
    double total = 0;
    for (size_t b = 0; b < B; ++b)
      total += out[v * B + b];
    if (total > 0)
      for (size_t b = 0; b < B; ++b)
        out[v * B + b] /= total;
  }
  return CLARA_OK;
}

/*===-- The transaction model
 * ----------------------------------------------===*/

typedef struct {
  uint64_t first, last; /* window indices, inclusive */
} window_range;

typedef struct {
  const clara_pack_input *in;
  const clara_nic_level *level;
  uint64_t W;
  window_range *ranges; /* scratch: one per access of the largest block */
  /* Per variable: transactions of one element access if it is priced per
   * element, 0 if by its windows. */
  double *element_transactions;
} evaluator;

/* Whether `v` is priced per element on a level whose largest transaction
 * is W bytes (see pack.h). */
static int is_per_element(const clara_pack_variable *v, uint64_t W) {
  return v->reach == CLARA_PACK_CONTAINER ||
         (v->reach == CLARA_PACK_ARRAY && v->bytes > W);
}

/* Transactions of one element access of a per-element variable. */
static uint64_t element_transactions(const clara_pack_variable *v, uint64_t W) {
  return v->element_bytes > W ? (v->element_bytes + W - 1) / W : 1;
}

static int evaluator_init(evaluator *e, const clara_pack_input *in,
                          const clara_nic_level *level) {
  e->in = in;
  e->level = level;
  e->W = level->transaction_bytes[level->num_transaction_sizes - 1];
  size_t most = 1;
  for (size_t b = 0; b < in->num_blocks; ++b)
    if (in->blocks[b].num_accesses > most)
      most = in->blocks[b].num_accesses;
  e->ranges = malloc(most * sizeof(window_range));
  e->element_transactions = malloc((in->num_variables + 1) * sizeof(double));
  if (!e->ranges || !e->element_transactions)
    return CLARA_ERROR;
  for (size_t v = 0; v < in->num_variables; ++v)
    e->element_transactions[v] =
        is_per_element(&in->variables[v], e->W)
            ? (double)element_transactions(&in->variables[v], e->W)
            : 0;
  return CLARA_OK;
}

static void evaluator_free(evaluator *e) {
  free(e->ranges);
  free(e->element_transactions);
}

/* The number of distinct windows covered by `count` ranges (sorted here). */
static uint64_t count_windows(window_range *r, size_t count) {
  for (size_t a = 1; a < count; ++a) {
    window_range x = r[a];
    size_t b = a;
    while (b > 0 && r[b - 1].first > x.first) {
      r[b] = r[b - 1];
      --b;
    }
    r[b] = x;
  }
  uint64_t windows = 0, covered_to = 0; /* windows < covered_to counted */
  for (size_t a = 0; a < count; ++a) {
    uint64_t first = r[a].first > covered_to ? r[a].first : covered_to;
    if (r[a].last + 1 > first) {
      windows += r[a].last + 1 - first;
      covered_to = r[a].last + 1;
    }
  }
  return windows;
}

/* Read and write transactions of one execution of `block`, counting only
 * variables with include[v] (all when include is NULL): the windows of the
 * variables priced by windows, plus each element access of the others. */
static void block_transactions(const evaluator *e,
                               const clara_pack_block *block,
                               const uint64_t *offsets,
                               const unsigned char *include, int coalesce,
                               double *reads, double *writes) {
  for (int pass = 0; pass < 2; ++pass) {
    size_t count = 0;
    double elements = 0;
    for (size_t a = 0; a < block->num_accesses; ++a) {
      const clara_pack_access *access = &block->accesses[a];
      double amount = pass == 0 ? access->loads : access->stores;
      if (amount <= 0 || (include && !include[access->variable]))
        continue;
      double per_element = e->element_transactions[access->variable];
      if (per_element > 0) {
        elements += amount * per_element;
        continue;
      }
      uint64_t o = offsets[access->variable];
      uint64_t bytes = e->in->variables[access->variable].bytes;
      window_range range = {o / e->W, (o + bytes - 1) / e->W};
      if (coalesce)
        e->ranges[count++] = range;
      else
        elements += (double)(range.last - range.first + 1);
    }
    double windows = (double)count_windows(e->ranges, count) + elements;
    if (pass == 0)
      *reads = windows;
    else
      *writes = windows;
  }
}

static void evaluate_as(const evaluator *e, const uint64_t *offsets,
                        int coalesce, clara_pack_layout *out) {
  const clara_pack_input *in = e->in;
  double reads = 0, writes = 0;
  uint64_t end = 0;
  for (size_t b = 0; b < in->num_blocks; ++b) {
    double r, w;
    block_transactions(e, &in->blocks[b], offsets, NULL, coalesce, &r, &w);
    reads += in->blocks[b].executions_per_packet * r;
    writes += in->blocks[b].executions_per_packet * w;
  }
  for (size_t v = 0; v < in->num_variables; ++v)
    if (offsets[v] + in->variables[v].bytes > end)
      end = offsets[v] + in->variables[v].bytes;
  out->total_bytes = end;
  out->read_transactions_per_packet = reads;
  out->write_transactions_per_packet = writes;
  out->transactions_per_packet = reads + writes;
  out->cycles_per_packet =
      reads * e->level->read_cycles + writes * e->level->write_cycles;
}

/* The floor of clara_packing (see pack.h): no layout costs less. */
static double floor_transactions(const evaluator *e) {
  const clara_pack_input *in = e->in;
  double total = 0;
  for (size_t b = 0; b < in->num_blocks; ++b) {
    const clara_pack_block *block = &in->blocks[b];
    for (int pass = 0; pass < 2; ++pass) {
      uint64_t bytes = 0;
      double elements = 0;
      for (size_t a = 0; a < block->num_accesses; ++a) {
        const clara_pack_access *access = &block->accesses[a];
        double amount = pass == 0 ? access->loads : access->stores;
        if (amount <= 0)
          continue;
        double per_element = e->element_transactions[access->variable];
        if (per_element > 0) {
          elements += amount * per_element;
          continue;
        }
        int counted = 0; /* a variable listed twice covers its bytes once */
        for (size_t earlier = 0; earlier < a && !counted; ++earlier) {
          const clara_pack_access *e2 = &block->accesses[earlier];
          counted = e2->variable == access->variable &&
                    (pass == 0 ? e2->loads : e2->stores) > 0;
        }
        if (!counted)
          bytes += in->variables[access->variable].bytes;
      }
      double windows = (double)((bytes + e->W - 1) / e->W);
      total += block->executions_per_packet * (windows + elements);
    }
  }
  return total;
}

/* Under the transaction model (reads of one window coalesced). */
static void evaluate(const evaluator *e, const uint64_t *offsets,
                     clara_pack_layout *out) {
  evaluate_as(e, offsets, 1, out);
}

int clara_pack_evaluate(const clara_pack_input *in,
                        const clara_nic_level *level, const uint64_t *offsets,
                        clara_pack_layout *out, char **out_message) {
  memset(out, 0, sizeof *out);
  if (validate_input(in, out_message) || validate_level(level, out_message))
    return CLARA_ERROR;
  if (in->num_variables && !offsets)
    return clara_error(out_message, "variable packing: no offsets given");
  evaluator e = {0};
  if (evaluator_init(&e, in, level)) {
    evaluator_free(&e);
    return clara_error(out_message, "variable packing: out of memory");
  }
  evaluate(&e, offsets, out);
  evaluator_free(&e);
  return CLARA_OK;
}

/*===-- Layouts
 * ------------------------------------------------------------===*/

/* Lays out `order` contiguously from `start`, each variable at a multiple
 * of its alignment; returns the end. */
static uint64_t lay_out(const clara_pack_input *in, const size_t *order,
                        size_t count, uint64_t start, uint64_t *offsets) {
  uint64_t cursor = start;
  for (size_t a = 0; a < count; ++a) {
    const clara_pack_variable *v = &in->variables[order[a]];
    cursor = align_up(cursor, variable_align(v));
    offsets[order[a]] = cursor;
    cursor += v->bytes;
  }
  return cursor;
}

/* Stable insertion sort of `order` by a comparison on variable indices. */
typedef int (*variable_less)(const clara_pack_input *, const double *, size_t,
                             size_t);

static void sort_variables(size_t *order, size_t count, variable_less less,
                           const clara_pack_input *in, const double *hotness) {
  for (size_t a = 1; a < count; ++a) {
    size_t x = order[a], b = a;
    while (b > 0 && less(in, hotness, x, order[b - 1])) {
      order[b] = order[b - 1];
      --b;
    }
    order[b] = x;
  }
}

static int declared_before(const clara_pack_input *in, const double *hotness,
                           size_t x, size_t y) {
  (void)hotness;
  size_t dx = in->variables[x].declaration_index;
  size_t dy = in->variables[y].declaration_index;
  return dx != dy ? dx < dy : x < y;
}

static int larger_first(const clara_pack_input *in, const double *hotness,
                        size_t x, size_t y) {
  const clara_pack_variable *a = &in->variables[x], *b = &in->variables[y];
  if (a->bytes != b->bytes)
    return a->bytes > b->bytes;
  if (variable_align(a) != variable_align(b))
    return variable_align(a) > variable_align(b);
  return declared_before(in, hotness, x, y);
}

static int hotter_first(const clara_pack_input *in, const double *hotness,
                        size_t x, size_t y) {
  if (hotness[x] != hotness[y])
    return hotness[x] > hotness[y];
  return declared_before(in, hotness, x, y);
}

static double distance(const double *a, const double *b, size_t dim) {
  double sum = 0;
  for (size_t d = 0; d < dim; ++d)
    sum += (a[d] - b[d]) * (a[d] - b[d]);
  return sqrt(sum);
}

/* Places packs in order from `start`. A pack starts at a multiple of its
 * members' alignments; one that fits in a W-window never straddles two (it
 * moves to the next window instead) and is aligned to its width if that
 * keeps it in the window, and a larger one starts at a window.
 * Each pack's offset, bytes, access width and heat are filled in from where
 * it lands. Returns the end. */
static uint64_t lay_out_packs(const clara_pack_input *in,
                              const clara_nic_level *level,
                              const double *hotness, clara_pack *packs,
                              size_t num_packs, uint64_t start,
                              uint64_t *offsets) {
  size_t T = level->num_transaction_sizes;
  uint64_t W = level->transaction_bytes[T - 1];
  uint64_t cursor = start;
  for (size_t p = 0; p < num_packs; ++p) {
    clara_pack *pack = &packs[p];
    if (pack->num_members == 0)
      continue;
    uint64_t align = 1;
    pack->accesses_per_packet = 0;
    for (size_t m = 0; m < pack->num_members; ++m) {
      align = lcm(align, variable_align(&in->variables[pack->members[m]]));
      pack->accesses_per_packet += hotness[pack->members[m]];
    }
    pack->bytes = lay_out(in, pack->members, pack->num_members, 0, offsets);
    uint64_t at = align_up(cursor, align);
    if (pack->bytes > W || at / W != (at + pack->bytes - 1) / W)
      at = align_up(align_up(at, W), align);
    /* Aligned to its own width when that stays in the same window, so the
     * pack is read with the narrowest access. */
    for (size_t t = 0; t < T && pack->bytes <= W; ++t) {
      uint64_t size = level->transaction_bytes[t];
      if (size < pack->bytes)
        continue;
      uint64_t aligned = align_up(align_up(at, size), align);
      if (aligned / W == at / W &&
          aligned / W == (aligned + pack->bytes - 1) / W &&
          aligned / size == (aligned + pack->bytes - 1) / size)
        at = aligned;
      break;
    }
    pack->offset = at;
    lay_out(in, pack->members, pack->num_members, at, offsets);
    cursor = at + pack->bytes;
    if (pack->per_element) {
      /* One element per access, wherever it lies. */
      const clara_pack_variable *v = &in->variables[pack->members[0]];
      pack->access_bytes = (unsigned)W;
      pack->num_accesses = (unsigned)element_transactions(v, W);
      for (size_t t = 0; t < T && v->element_bytes; ++t)
        if (level->transaction_bytes[t] >= v->element_bytes) {
          pack->access_bytes = level->transaction_bytes[t];
          break;
        }
      continue;
    }
    /* The coalesced access: the smallest aligned transaction holding the
     * whole pack, else one largest transaction per window it covers. */
    uint64_t last = at + pack->bytes - 1;
    pack->access_bytes = (unsigned)W;
    pack->num_accesses = (unsigned)(last / W - at / W + 1);
    for (size_t t = 0; t < T; ++t) {
      uint64_t size = level->transaction_bytes[t];
      if (at / size == last / size) {
        pack->access_bytes = (unsigned)size;
        pack->num_accesses = 1;
        break;
      }
    }
  }
  return cursor;
}

/* Orders `members` as a chain: the hottest first, then each next the one
 * nearest (by access vector) to the previous; ties: larger alignment,
 * larger size, declaration order. */
static void chain_members(const clara_pack_input *in, const double *vectors,
                          size_t dim, const double *hotness, size_t *members,
                          size_t count) {
  sort_variables(members, count, hotter_first, in, hotness);
  for (size_t a = 1; a < count; ++a) {
    const double *previous = vectors + members[a - 1] * dim;
    size_t best = a;
    double best_distance = INFINITY;
    for (size_t c = a; c < count; ++c) {
      size_t v = members[c], w = members[best];
      double d = distance(previous, vectors + v * dim, dim);
      int better = d < best_distance;
      if (d == best_distance && c != best) {
        const clara_pack_variable *x = &in->variables[v],
                                  *y = &in->variables[w];
        if (variable_align(x) != variable_align(y))
          better = variable_align(x) > variable_align(y);
        else if (x->bytes != y->bytes)
          better = x->bytes > y->bytes;
        else
          better = declared_before(in, hotness, v, w);
      }
      if (better) {
        best = c;
        best_distance = d;
      }
    }
    size_t chosen = members[best];
    memmove(members + a + 1, members + a, (best - a) * sizeof(size_t));
    members[a] = chosen;
  }
}

/* A pack's member order: if the members fit in one W-window largest first
 * (the order that wastes least to padding), the order inside the window
 * does not change any transaction count, so largest first; otherwise the
 * similarity chain, so that members cut off into another window are the
 * ones least used with the rest. */
static void order_members(const clara_pack_input *in, const double *vectors,
                          size_t dim, const double *hotness, uint64_t W,
                          size_t *members, size_t count, uint64_t *scratch) {
  sort_variables(members, count, larger_first, in, hotness);
  if (lay_out(in, members, count, 0, scratch) <= W)
    return;
  chain_members(in, vectors, dim, hotness, members, count);
}

static void free_packs(clara_pack *packs, size_t num_packs) {
  if (!packs)
    return;
  for (size_t p = 0; p < num_packs; ++p)
    free(packs[p].members);
  free(packs);
}

void clara_packing_dispose(clara_packing *packing) {
  if (!packing)
    return;
  free(packing->access_vectors);
  free_packs(packing->packs, packing->num_packs);
  free(packing->declaration.offsets);
  free(packing->by_size.offsets);
  free(packing->clara.offsets);
  free(packing->expert.offsets);
  free(packing);
}

/* Turns a clustering of the accessed packing candidates into packs in
 * layout order (see pack.h), followed by one pack per accessed per-element
 * variable and the cold pack if some variable is never accessed. */
static int packs_from_clusters(const clara_pack_input *in, uint64_t W,
                               uint64_t *scratch, const double *vectors,
                               const double *hotness, const size_t *accessed,
                               size_t num_accessed,
                               const clara_kmeans_result *clusters,
                               clara_pack **out_packs, size_t *out_num_packs) {
  size_t n = in->num_variables, B = in->num_blocks;
  size_t k = clusters ? clusters->k : 0, dim = clusters ? clusters->dim : 0;
  size_t num_cold = 0, num_per_element = 0;
  for (size_t v = 0; v < n; ++v) {
    if (hotness[v] == 0)
      ++num_cold;
    else if (is_per_element(&in->variables[v], W))
      ++num_per_element;
  }
  int has_cold = num_cold > 0;
  clara_pack *packs =
      calloc(k + num_per_element + (size_t)has_cold + 1, sizeof(clara_pack));
  size_t *order = malloc((k + 1) * sizeof(size_t));
  unsigned char *placed = calloc(k + 1, 1);
  double *heat = calloc(k + 1, sizeof(double));
  size_t *sizes = calloc(k + 1, sizeof(size_t));
  size_t num_packs = 0;
  int status = CLARA_ERROR;
  if (!packs || !order || !placed || !heat || !sizes)
    goto done;
  for (size_t a = 0; a < num_accessed; ++a) {
    heat[clusters->assignment[a]] += hotness[accessed[a]];
    ++sizes[clusters->assignment[a]];
  }
  /* The hottest cluster first, then each next the one whose centroid is
   * nearest the previous one's (ties: hotter, then lower number). */
  for (size_t p = 0; p < k; ++p) {
    size_t best = SIZE_MAX;
    double best_key = INFINITY;
    for (size_t c = 0; c < k; ++c) {
      if (placed[c])
        continue;
      double key =
          p == 0 ? -heat[c]
                 : distance(clusters->centroids + c * dim,
                            clusters->centroids + order[p - 1] * dim, dim);
      if (best == SIZE_MAX || key < best_key ||
          (key == best_key && heat[c] > heat[best])) {
        best = c;
        best_key = key;
      }
    }
    placed[best] = 1;
    order[p] = best;
  }
  for (size_t p = 0; p < k; ++p) {
    size_t c = order[p];
    clara_pack *pack = &packs[num_packs++];
    pack->members = malloc(sizes[c] * sizeof(size_t));
    if (!pack->members)
      goto done;
    for (size_t a = 0; a < num_accessed; ++a)
      if (clusters->assignment[a] == c)
        pack->members[pack->num_members++] = accessed[a];
    order_members(in, vectors, B, hotness, W, pack->members, pack->num_members,
                  scratch);
  }
  for (size_t v = 0; v < n; ++v) {
    if (hotness[v] == 0 || !is_per_element(&in->variables[v], W))
      continue;
    clara_pack *pack = &packs[num_packs++];
    pack->members = malloc(sizeof(size_t));
    if (!pack->members)
      goto done;
    pack->members[0] = v;
    pack->num_members = 1;
    pack->per_element = 1;
  }
  if (has_cold) {
    clara_pack *pack = &packs[num_packs++];
    pack->members = malloc(num_cold * sizeof(size_t));
    if (!pack->members)
      goto done;
    for (size_t v = 0; v < n; ++v)
      if (hotness[v] == 0)
        pack->members[pack->num_members++] = v;
    sort_variables(pack->members, pack->num_members, larger_first, in, hotness);
  }
  status = CLARA_OK;
done:
  free(order);
  free(placed);
  free(heat);
  free(sizes);
  if (status != CLARA_OK) {
    free_packs(packs, num_packs);
    return CLARA_ERROR;
  }
  *out_packs = packs;
  *out_num_packs = num_packs;
  return CLARA_OK;
}

static int better(const clara_pack_layout *a, const clara_pack_layout *b) {
  return a->transactions_per_packet < b->transactions_per_packet ||
         (a->transactions_per_packet == b->transactions_per_packet &&
          a->cycles_per_packet < b->cycles_per_packet);
}

/* Orders the first `movable` packs (the cold pack stays last): starting
 * from the chain order, moves one pack to another place whenever that
 * lowers the transactions (then the cycles), until no move does. This
 * places related clusters next to each other, which the paper's packs
 * lacked (§5.8). Leaves the best layout in `offsets` and its cost in
 * *out_cost. */
#define MAX_ORDER_PASSES 20
static void improve_pack_order(const clara_pack_input *in, const evaluator *e,
                               const double *hotness, clara_pack *packs,
                               size_t movable, size_t num_packs,
                               uint64_t *offsets, clara_pack_layout *out_cost) {
  lay_out_packs(in, e->level, hotness, packs, num_packs, 0, offsets);
  evaluate(e, offsets, out_cost);
  for (int pass = 0, improved = 1; improved && pass < MAX_ORDER_PASSES;
       ++pass) {
    improved = 0;
    for (size_t from = 0; from < movable; ++from)
      for (size_t to = 0; to < movable; ++to) {
        if (to == from)
          continue;
        clara_pack moving = packs[from];
        if (to < from)
          memmove(packs + to + 1, packs + to, (from - to) * sizeof *packs);
        else
          memmove(packs + from, packs + from + 1, (to - from) * sizeof *packs);
        packs[to] = moving;
        clara_pack_layout cost;
        lay_out_packs(in, e->level, hotness, packs, num_packs, 0, offsets);
        evaluate(e, offsets, &cost);
        if (better(&cost, out_cost)) {
          *out_cost = cost;
          improved = 1;
          from = to; /* keep moving the same pack from its new place */
          continue;
        }
        /* Undo. */
        if (to < from)
          memmove(packs + to, packs + to + 1, (from - to) * sizeof *packs);
        else
          memmove(packs + from + 1, packs + from, (to - from) * sizeof *packs);
        packs[from] = moving;
      }
  }
  /* Members of packs wider than a window: the same moves inside the pack,
   * since which members share a window now matters. */
  for (int pass = 0, improved = 1; improved && pass < MAX_ORDER_PASSES;
       ++pass) {
    improved = 0;
    for (size_t p = 0; p < movable; ++p) {
      size_t count = packs[p].num_members;
      size_t *members = packs[p].members;
      if (packs[p].bytes <= e->W &&
          packs[p].offset / e->W ==
              (packs[p].offset + packs[p].bytes - 1) / e->W)
        continue;
      for (size_t from = 0; from < count; ++from)
        for (size_t to = 0; to < count; ++to) {
          if (to == from)
            continue;
          size_t moving = members[from];
          if (to < from)
            memmove(members + to + 1, members + to,
                    (from - to) * sizeof *members);
          else
            memmove(members + from, members + from + 1,
                    (to - from) * sizeof *members);
          members[to] = moving;
          clara_pack_layout cost;
          lay_out_packs(in, e->level, hotness, packs, num_packs, 0, offsets);
          evaluate(e, offsets, &cost);
          if (better(&cost, out_cost)) {
            *out_cost = cost;
            improved = 1;
            from = to;
            continue;
          }
          if (to < from)
            memmove(members + to, members + to + 1,
                    (from - to) * sizeof *members);
          else
            memmove(members + from + 1, members + from,
                    (to - from) * sizeof *members);
          members[from] = moving;
        }
    }
  }
  /* Leave offsets and pack fields matching the kept order. */
  lay_out_packs(in, e->level, hotness, packs, num_packs, 0, offsets);
}

/* Clusters the accessed variables and lays out Clara's packs into
 * packing->packs and packing->clara (offsets and costs). */
static int make_packs(const clara_pack_input *in, const evaluator *e,
                      const clara_pack_options *options, const double *hotness,
                      clara_packing *packing, char **out_message) {
  size_t n = in->num_variables, B = in->num_blocks;
  const double *vectors = packing->access_vectors;
  size_t *accessed = malloc((n + 1) * sizeof(size_t));
  size_t *used_blocks = malloc((B + 1) * sizeof(size_t));
  uint64_t *offsets = malloc((n + 1) * sizeof(uint64_t));
  size_t num_accessed = 0, dim = 0;
  double *points = NULL;
  clara_pack *packs = NULL;
  size_t num_packs = 0;
  int status = CLARA_OK;
  if (!accessed || !used_blocks || !offsets) {
    status = clara_error(out_message, "variable packing: out of memory");
    goto done;
  }
  for (size_t v = 0; v < n; ++v)
    if (hotness[v] > 0 && !is_per_element(&in->variables[v], e->W))
      accessed[num_accessed++] = v;
  /* Blocks no accessed variable uses add nothing to any distance. */
  for (size_t b = 0; b < B; ++b) {
    int used = 0;
    for (size_t a = 0; a < num_accessed && !used; ++a)
      used = vectors[accessed[a] * B + b] > 0;
    if (used)
      used_blocks[dim++] = b;
  }
  points = malloc((num_accessed * dim + 1) * sizeof(double));
  if (!points) {
    status = clara_error(out_message, "variable packing: out of memory");
    goto done;
  }
  for (size_t a = 0; a < num_accessed; ++a)
    for (size_t d = 0; d < dim; ++d)
      points[a * dim + d] = vectors[accessed[a] * B + used_blocks[d]];

  /* Candidate clusterings: the silhouette's choice, or one per k. */
  clara_kmeans_options kmeans = options->kmeans;
  size_t k_lo = kmeans.k_min < 1 ? 1 : kmeans.k_min;
  size_t k_hi =
      kmeans.k_max && kmeans.k_max < num_accessed ? kmeans.k_max : num_accessed;
  int by_silhouette = options->k_rule == CLARA_PACK_K_SILHOUETTE ||
                      kmeans.k_min == kmeans.k_max || num_accessed == 0;
  if (by_silhouette)
    k_lo = k_hi = 0; /* one pass with the caller's range */
  int have_best = 0;
  for (size_t k = k_lo; k <= k_hi; ++k) {
    if (!by_silhouette)
      kmeans.k_min = kmeans.k_max = k;
    clara_kmeans_result *candidate = NULL;
    if (num_accessed) {
      char *message = NULL;
      if (clara_kmeans_cluster(points, num_accessed, dim, &kmeans, &candidate,
                               &message)) {
        status = clara_error(out_message, "variable packing: %s",
                             message ? message : "k-means failed");
        clara_dispose_message(message);
        goto done;
      }
      /* k is clamped to the distinct vectors: larger k repeat this one. */
      if (!by_silhouette && candidate->k < k) {
        clara_kmeans_dispose(candidate);
        break;
      }
    }
    if (packs_from_clusters(in, e->W, offsets, vectors, hotness, accessed,
                            num_accessed, candidate, &packs, &num_packs)) {
      clara_kmeans_dispose(candidate);
      status = clara_error(out_message, "variable packing: out of memory");
      goto done;
    }
    clara_pack_layout cost;
    if (options->refine_layout) {
      /* Only the clusters move: per-element and cold packs cost the same
       * anywhere. */
      improve_pack_order(in, e, hotness, packs, candidate ? candidate->k : 0,
                         num_packs, offsets, &cost);
    } else {
      lay_out_packs(in, e->level, hotness, packs, num_packs, 0, offsets);
      evaluate(e, offsets, &cost);
    }
    /* Fewest transactions, then fewest cycles, then the better silhouette
     * (the clearer packs), then the smaller k. */
    double silhouette = candidate ? candidate->silhouette : 0;
    double t = cost.transactions_per_packet;
    double best_t = packing->clara.transactions_per_packet;
    double c = cost.cycles_per_packet,
           best_c = packing->clara.cycles_per_packet;
    if (!have_best || t < best_t ||
        (t == best_t &&
         (c < best_c || (c == best_c && silhouette > packing->silhouette)))) {
      have_best = 1;
      free_packs(packing->packs, packing->num_packs);
      packing->packs = packs;
      packing->num_packs = num_packs;
      uint64_t *kept = packing->clara.offsets;
      packing->clara = cost;
      packing->clara.offsets = kept;
      memcpy(packing->clara.offsets, offsets, n * sizeof(uint64_t));
      packing->k = candidate ? candidate->k : 0;
      packing->silhouette = candidate ? candidate->silhouette : 0;
    } else {
      free_packs(packs, num_packs);
    }
    packs = NULL;
    clara_kmeans_dispose(candidate);
  }
done:
  free(accessed);
  free(used_blocks);
  free(offsets);
  free(points);
  return status;
}

/*===-- Expert emulation
 * ---------------------------------------------------===*/

/* The paper's §5.8 expert: every order of the hot variables at the start,
 * the rest in Clara's layout from the next W boundary. The rest's windows
 * never meet the hot ones, so each block's cost splits into a fixed rest
 * part and a hot part that depends on the order; only blocks that touch a
 * permuted variable are re-evaluated. */
static int make_expert(const clara_pack_input *in, const evaluator *e,
                       const clara_pack_options *options, const double *hotness,
                       clara_packing *packing, char **out_message) {
  size_t n = in->num_variables, B = in->num_blocks;
  uint64_t W = e->W;
  size_t *blocks_by_heat = malloc((B + 1) * sizeof(size_t));
  unsigned char *hot = calloc(n + 1, 1);
  size_t *hot_vars = malloc((n + 1) * sizeof(size_t));
  size_t *perm = malloc((n + 1) * sizeof(size_t));
  size_t *best_perm = malloc((n + 1) * sizeof(size_t));
  size_t *heap_counter = calloc(n + 1, sizeof(size_t));
  size_t *touching = malloc((B + 1) * sizeof(size_t));
  uint64_t *offsets = malloc((n + 1) * sizeof(uint64_t));
  clara_pack *rest = calloc(packing->num_packs + 1, sizeof(clara_pack));
  int status = CLARA_OK;
  if (!blocks_by_heat || !hot || !hot_vars || !perm || !best_perm ||
      !heap_counter || !touching || !offsets || !rest) {
    status = clara_error(out_message, "variable packing: out of memory");
    goto done;
  }
  /* The most executed blocks that access a variable (ties: index). */
  size_t num_candidates = 0;
  for (size_t b = 0; b < B; ++b) {
    if (in->blocks[b].num_accesses == 0)
      continue;
    size_t c = num_candidates++;
    while (c > 0 && in->blocks[blocks_by_heat[c - 1]].executions_per_packet <
                        in->blocks[b].executions_per_packet) {
      blocks_by_heat[c] = blocks_by_heat[c - 1];
      --c;
    }
    blocks_by_heat[c] = b;
  }
  size_t num_hot = 0;
  for (size_t h = 0; h < options->hot_blocks && h < num_candidates; ++h) {
    const clara_pack_block *block = &in->blocks[blocks_by_heat[h]];
    for (size_t a = 0; a < block->num_accesses; ++a) {
      size_t v = block->accesses[a].variable;
      if (!hot[v] && !is_per_element(&in->variables[v], W)) {
        hot[v] = 1;
        hot_vars[num_hot++] = v;
      }
    }
  }
  if (num_hot == 0) {
    /* Nothing to order: the expert keeps Clara's layout. */
    packing->has_expert = 1;
    packing->expert_variables = 0;
    packing->expert_orders = 1;
    packing->expert = packing->clara;
    packing->expert.offsets = offsets;
    offsets = NULL;
    memcpy(packing->expert.offsets, packing->clara.offsets,
           n * sizeof(uint64_t));
    goto done;
  }
  sort_variables(hot_vars, num_hot, hotter_first, in, hotness);
  size_t h = num_hot < options->expert_max_variables
                 ? num_hot
                 : options->expert_max_variables;
  memset(hot, 0, n);
  uint64_t hot_bound = 0;
  for (size_t a = 0; a < h; ++a) {
    hot[hot_vars[a]] = 1;
    perm[a] = hot_vars[a];
    const clara_pack_variable *v = &in->variables[hot_vars[a]];
    hot_bound += v->bytes + variable_align(v) - 1;
  }
  /* The rest: Clara's packs without the permuted variables, from a W
   * boundary past any order's end. */
  size_t num_rest = 0;
  for (size_t p = 0; p < packing->num_packs; ++p) {
    const clara_pack *from = &packing->packs[p];
    clara_pack *to = &rest[num_rest];
    to->members = malloc((from->num_members + 1) * sizeof(size_t));
    if (!to->members) {
      status = clara_error(out_message, "variable packing: out of memory");
      goto done;
    }
    ++num_rest;
    for (size_t m = 0; m < from->num_members; ++m)
      if (!hot[from->members[m]])
        to->members[to->num_members++] = from->members[m];
  }
  lay_out_packs(in, e->level, hotness, rest, num_rest, align_up(hot_bound, W),
                offsets);
  /* Fixed part: every block's cost with the permuted variables left out;
   * the blocks that touch a permuted variable are re-evaluated per order. */
  double fixed = 0, fixed_cycles = 0;
  size_t num_touching = 0;
  unsigned char *others = malloc(n + 1);
  if (!others) {
    status = clara_error(out_message, "variable packing: out of memory");
    goto done;
  }
  for (size_t v = 0; v < n; ++v)
    others[v] = !hot[v];
  for (size_t b = 0; b < B; ++b) {
    const clara_pack_block *block = &in->blocks[b];
    double r, w;
    block_transactions(e, block, offsets, others, 1, &r, &w);
    fixed += block->executions_per_packet * (r + w);
    fixed_cycles += block->executions_per_packet *
                    (r * e->level->read_cycles + w * e->level->write_cycles);
    for (size_t a = 0; a < block->num_accesses; ++a)
      if (hot[block->accesses[a].variable]) {
        touching[num_touching++] = b;
        break;
      }
  }
  free(others);
  /* Heap's algorithm over perm[0..h). */
  double best = INFINITY, best_cycles = INFINITY, orders = 0;
  size_t i = 0;
  for (int first = 1;; first = 0) {
    if (!first) {
      while (i < h && heap_counter[i] >= i)
        heap_counter[i++] = 0;
      if (i >= h)
        break;
      size_t j = i % 2 ? heap_counter[i] : 0;
      size_t t = perm[j];
      perm[j] = perm[i];
      perm[i] = t;
      ++heap_counter[i];
      i = 0;
    }
    lay_out(in, perm, h, 0, offsets);
    double total = fixed, cycles = fixed_cycles;
    for (size_t a = 0; a < num_touching; ++a) {
      const clara_pack_block *block = &in->blocks[touching[a]];
      double r, w;
      block_transactions(e, block, offsets, hot, 1, &r, &w);
      total += block->executions_per_packet * (r + w);
      cycles += block->executions_per_packet *
                (r * e->level->read_cycles + w * e->level->write_cycles);
    }
    ++orders;
    if (total < best || (total == best && cycles < best_cycles)) {
      best = total;
      best_cycles = cycles;
      memcpy(best_perm, perm, h * sizeof(size_t));
    }
  }
  lay_out(in, best_perm, h, 0, offsets);
  packing->has_expert = 1;
  packing->expert_variables = h;
  packing->expert_orders = orders;
  packing->expert.offsets = offsets;
  offsets = NULL;
  evaluate(e, packing->expert.offsets, &packing->expert);
done:
  free(blocks_by_heat);
  free(hot);
  free(hot_vars);
  free(perm);
  free(best_perm);
  free(heap_counter);
  free(touching);
  free(offsets);
  if (rest)
    for (size_t p = 0; p < packing->num_packs; ++p)
      free(rest[p].members);
  free(rest);
  return status;
}

int clara_pack_variables(const clara_pack_input *in,
                         const clara_nic_level *level,
                         const clara_pack_options *options,
                         clara_packing **out_packing, char **out_message) {
  *out_packing = NULL;
  if (validate_input(in, out_message) || validate_level(level, out_message))
    return CLARA_ERROR;
  if (!options)
    return clara_error(out_message, "variable packing: no options given");
  size_t n = in->num_variables, B = in->num_blocks;
  clara_packing *packing = calloc(1, sizeof *packing);
  double *hotness = calloc(n + 1, sizeof(double));
  size_t *order = malloc((n + 1) * sizeof(size_t));
  evaluator e = {0};
  int status = CLARA_OK;
  if (!packing || !hotness || !order || evaluator_init(&e, in, level)) {
    status = clara_error(out_message, "variable packing: out of memory");
    goto done;
  }
  packing->num_variables = n;
  packing->num_blocks = B;
  packing->access_vectors = malloc((n * B + 1) * sizeof(double));
  packing->declaration.offsets = malloc((n + 1) * sizeof(uint64_t));
  packing->by_size.offsets = malloc((n + 1) * sizeof(uint64_t));
  packing->clara.offsets = malloc((n + 1) * sizeof(uint64_t));
  if (!packing->access_vectors || !packing->declaration.offsets ||
      !packing->by_size.offsets || !packing->clara.offsets) {
    status = clara_error(out_message, "variable packing: out of memory");
    goto done;
  }
  clara_pack_access_vectors(in, packing->access_vectors, NULL);
  for (size_t b = 0; b < B; ++b) {
    const clara_pack_block *block = &in->blocks[b];
    for (size_t a = 0; a < block->num_accesses; ++a)
      hotness[block->accesses[a].variable] +=
          block->executions_per_packet *
          (block->accesses[a].loads + block->accesses[a].stores);
  }

  for (size_t v = 0; v < n; ++v)
    order[v] = v;
  sort_variables(order, n, declared_before, in, hotness);
  lay_out(in, order, n, 0, packing->declaration.offsets);
  evaluate(&e, packing->declaration.offsets, &packing->declaration);
  evaluate_as(&e, packing->declaration.offsets, 0, &packing->as_written);
  packing->floor_transactions_per_packet = floor_transactions(&e);
  sort_variables(order, n, larger_first, in, hotness);
  lay_out(in, order, n, 0, packing->by_size.offsets);
  evaluate(&e, packing->by_size.offsets, &packing->by_size);

  status = make_packs(in, &e, options, hotness, packing, out_message);
  if (status != CLARA_OK)
    goto done;
  if (options->expert_max_variables > 0)
    status = make_expert(in, &e, options, hotness, packing, out_message);
done:
  free(hotness);
  free(order);
  evaluator_free(&e);
  if (status != CLARA_OK) {
    clara_packing_dispose(packing);
    return status;
  }
  *out_packing = packing;
  return CLARA_OK;
}
