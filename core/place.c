/*===- core/place.c - clara-place-state: state placement ILP --------------===*
 *
 * See place.h. Both solvers work on the same list of options per object
 * (level, cached), built once by build_problem(), so the ILP and the
 * exhaustive search answer exactly the same question.
 *
 *===----------------------------------------------------------------------===*/
#include "place.h"

#include "error.h"

#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Bandwidth limits are compared with this relative slack, GLPK's primal
 * feasibility tolerance, so that a placement exactly at a limit passes in
 * both solvers. Bytes are integers and compared exactly. */
#define BANDWIDTH_TOLERANCE 1e-7

typedef struct {
  size_t level;
  int cached;
  double cycles;
} option;

typedef struct {
  const clara_nic *nic;
  const clara_place_object *objects;
  size_t n, num_levels;
  double *accesses_limit; /* per level: accesses per packet; INFINITY */
  option *options;        /* options of object i: [first[i], first[i + 1]) */
  size_t *first;
} problem;

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

void clara_place_default_options(clara_place_options *options) {
  options->packets_per_sec = 0;
  options->time_limit_ms = 0;
}

double clara_place_object_cycles(const clara_nic_level *level,
                                 const clara_place_object *object, int cached) {
  double read = cached ? level->cache_read_cycles : level->read_cycles;
  double write = cached ? level->cache_write_cycles : level->write_cycles;
  return object->reads_per_packet * read + object->writes_per_packet * write +
         object->atomics_per_packet * level->atomic_cycles;
}

static double object_accesses(const clara_place_object *object) {
  return object->reads_per_packet + object->writes_per_packet +
         object->atomics_per_packet;
}

static const char *object_name(const clara_place_object *object) {
  return object->name ? object->name : "(unnamed)";
}

static const char *level_name(const clara_nic_level *level) {
  return level->name ? level->name : "(unnamed)";
}

/* a + b <= limit without overflowing. */
static int fits(uint64_t a, uint64_t b, uint64_t limit) {
  return a <= limit && b <= limit - a;
}

static const char *nic_name(const clara_nic *nic) {
  return nic->name ? nic->name : "the NIC";
}

static int valid_scope(clara_scope scope) {
  return scope == CLARA_SCOPE_CORE || scope == CLARA_SCOPE_ISLAND ||
         scope == CLARA_SCOPE_CHIP;
}

static int non_negative(double x) { return isfinite(x) && x >= 0; }

/* Everything GLPK would abort on, and everything that would make the model
 * meaningless, is rejected here. */
static int validate(const clara_nic *nic, const clara_place_object *objects,
                    size_t n, const clara_place_options *options,
                    char **out_message) {
  if (!nic || !nic->levels || nic->num_levels == 0)
    return clara_error(out_message,
                       "state placement: the NIC profile has no memory level");
  if (n && !objects)
    return clara_error(out_message, "state placement: no objects given");
  if (!options)
    return clara_error(out_message, "state placement: no options given");
  if (!non_negative(options->packets_per_sec))
    return clara_error(out_message,
                       "state placement: packets_per_sec must be a finite "
                       "number >= 0, not %g",
                       options->packets_per_sec);
  if (!non_negative(options->time_limit_ms))
    return clara_error(out_message,
                       "state placement: time_limit_ms must be a finite "
                       "number >= 0, not %g",
                       options->time_limit_ms);
  for (size_t j = 0; j < nic->num_levels; ++j) {
    const clara_nic_level *l = &nic->levels[j];
    const char *name = l->name ? l->name : "(unnamed)";
    if (!valid_scope(l->scope))
      return clara_error(out_message,
                         "state placement: level %s of %s has an invalid "
                         "scope",
                         name, nic_name(nic));
    if (!non_negative(l->read_cycles) || !non_negative(l->write_cycles) ||
        !non_negative(l->atomic_cycles) ||
        !non_negative(l->bandwidth_accesses_per_sec) ||
        (l->cache_bytes && (!non_negative(l->cache_read_cycles) ||
                            !non_negative(l->cache_write_cycles))))
      return clara_error(out_message,
                         "state placement: level %s of %s has a negative or "
                         "non-finite cycle or bandwidth figure",
                         name, nic_name(nic));
  }
  for (size_t i = 0; i < n; ++i) {
    const clara_place_object *o = &objects[i];
    if (!non_negative(o->reads_per_packet) ||
        !non_negative(o->writes_per_packet) ||
        !non_negative(o->atomics_per_packet))
      return clara_error(out_message,
                         "state placement: object %s has a negative or "
                         "non-finite access count",
                         object_name(o));
    if (!valid_scope(o->narrowest_scope))
      return clara_error(out_message,
                         "state placement: object %s has an invalid scope",
                         object_name(o));
  }
  /* GLPK indexes rows and columns with int: two options per level and
   * object, four matrix entries per option. */
  if (n > (size_t)INT_MAX / 8 / (nic->num_levels + 1))
    return clara_error(out_message,
                       "state placement: %zu objects on %zu levels is too "
                       "large a programme",
                       n, nic->num_levels);
  return CLARA_OK;
}

static size_t level_instances(const clara_nic *nic, clara_scope scope) {
  if (scope == CLARA_SCOPE_CORE)
    return nic->cores ? nic->cores : 1;
  if (scope == CLARA_SCOPE_ISLAND)
    return nic->islands ? nic->islands : 1;
  return 1;
}

static void problem_free(problem *p) {
  free(p->accesses_limit);
  free(p->options);
  free(p->first);
}

/* Lists the options every object can use on its own. */
static int build_problem(problem *p, const clara_nic *nic,
                         const clara_place_object *objects, size_t n,
                         const clara_place_options *options,
                         char **out_message) {
  memset(p, 0, sizeof *p);
  p->nic = nic;
  p->objects = objects;
  p->n = n;
  p->num_levels = nic->num_levels;
  size_t L = nic->num_levels;
  p->accesses_limit = malloc(L * sizeof(double));
  p->options = malloc((n * 2 * L + 1) * sizeof(option));
  p->first = malloc((n + 1) * sizeof(size_t));
  if (!p->accesses_limit || !p->options || !p->first) {
    problem_free(p);
    return clara_error(out_message, "state placement: out of memory");
  }
  for (size_t j = 0; j < L; ++j) {
    const clara_nic_level *l = &nic->levels[j];
    p->accesses_limit[j] = INFINITY;
    if (options->packets_per_sec > 0 && l->bandwidth_accesses_per_sec > 0)
      p->accesses_limit[j] = l->bandwidth_accesses_per_sec *
                             (double)level_instances(nic, l->scope) /
                             options->packets_per_sec;
  }
  size_t count = 0;
  for (size_t i = 0; i < n; ++i) {
    const clara_place_object *o = &objects[i];
    p->first[i] = count;
    for (size_t j = 0; j < L; ++j) {
      const clara_nic_level *l = &nic->levels[j];
      if (l->scope < o->narrowest_scope || o->bytes > l->capacity_bytes ||
          object_accesses(o) > p->accesses_limit[j] * (1 + BANDWIDTH_TOLERANCE))
        continue;
      double plain = clara_place_object_cycles(l, o, 0);
      p->options[count++] = (option){j, 0, plain};
      if (l->cache_bytes && o->bytes <= l->cache_bytes) {
        double in_cache = clara_place_object_cycles(l, o, 1);
        if (in_cache < plain)
          p->options[count++] = (option){j, 1, in_cache};
      }
    }
    if (count == p->first[i]) {
      int status = clara_error(
          out_message,
          "state placement: object %s (%llu bytes, %s scope or wider, %g "
          "accesses per packet) fits no memory level of %s",
          object_name(o), (unsigned long long)o->bytes,
          clara_nic_scope_name(o->narrowest_scope), object_accesses(o),
          nic_name(nic));
      problem_free(p);
      return status;
    }
  }
  p->first[n] = count;
  return CLARA_OK;
}

static int infeasible(const problem *p, char **out_message) {
  unsigned long long total = 0;
  for (size_t i = 0; i < p->n; ++i)
    total += p->objects[i].bytes;
  return clara_error(out_message,
                     "state placement: no placement of the %zu state objects "
                     "(%llu bytes in total) fits the memory levels of %s "
                     "within their capacity, scope and bandwidth limits",
                     p->n, total, nic_name(p->nic));
}

int clara_place_state_check(const clara_nic *nic,
                            const clara_place_object *objects, size_t n,
                            const clara_place_options *options,
                            const size_t *level_of_object,
                            const unsigned char *cached, char **out_message) {
  if (validate(nic, objects, n, options, out_message))
    return CLARA_ERROR;
  size_t L = nic->num_levels;
  uint64_t *bytes = calloc(L, sizeof(uint64_t));
  uint64_t *cache_bytes = calloc(L, sizeof(uint64_t));
  double *accesses = calloc(L, sizeof(double));
  int status = CLARA_OK;
  if (!bytes || !cache_bytes || !accesses) {
    status = clara_error(out_message, "state placement: out of memory");
    goto done;
  }
  for (size_t i = 0; i < n && status == CLARA_OK; ++i) {
    const clara_place_object *o = &objects[i];
    size_t j = level_of_object[i];
    if (j >= L) {
      status = clara_error(out_message, "object %s: no level %zu",
                           object_name(o), j);
      break;
    }
    const clara_nic_level *l = &nic->levels[j];
    if (l->scope < o->narrowest_scope)
      status =
          clara_error(out_message,
                      "object %s needs %s scope or wider but level %s "
                      "is per %s",
                      object_name(o), clara_nic_scope_name(o->narrowest_scope),
                      level_name(l), clara_nic_scope_name(l->scope));
    else if (cached && cached[i] && l->cache_bytes == 0)
      status = clara_error(out_message,
                           "object %s is cached in level %s, which has no "
                           "cache",
                           object_name(o), level_name(l));
    /* Saturating sums: an overflow is over any capacity anyway. */
    bytes[j] =
        fits(bytes[j], o->bytes, UINT64_MAX) ? bytes[j] + o->bytes : UINT64_MAX;
    if (cached && cached[i])
      cache_bytes[j] = fits(cache_bytes[j], o->bytes, UINT64_MAX)
                           ? cache_bytes[j] + o->bytes
                           : UINT64_MAX;
    accesses[j] += object_accesses(o);
  }
  for (size_t j = 0; j < L && status == CLARA_OK; ++j) {
    const clara_nic_level *l = &nic->levels[j];
    double limit = INFINITY;
    if (options->packets_per_sec > 0 && l->bandwidth_accesses_per_sec > 0)
      limit = l->bandwidth_accesses_per_sec *
              (double)level_instances(nic, l->scope) / options->packets_per_sec;
    if (bytes[j] > l->capacity_bytes)
      status = clara_error(out_message,
                           "level %s holds %llu bytes, more than its %llu",
                           level_name(l), (unsigned long long)bytes[j],
                           (unsigned long long)l->capacity_bytes);
    else if (cache_bytes[j] > l->cache_bytes)
      status = clara_error(out_message,
                           "the cache of level %s holds %llu bytes, more than "
                           "its %llu",
                           level_name(l), (unsigned long long)cache_bytes[j],
                           (unsigned long long)l->cache_bytes);
    else if (accesses[j] > limit * (1 + BANDWIDTH_TOLERANCE))
      status = clara_error(out_message,
                           "level %s gets %g accesses per packet, more than "
                           "its bandwidth allows (%g)",
                           level_name(l), accesses[j], limit);
  }
done:
  free(bytes);
  free(cache_bytes);
  free(accesses);
  return status;
}

void clara_placement_dispose(clara_placement *placement) {
  if (!placement)
    return;
  free(placement->level_of_object);
  free(placement->cached);
  free(placement->object_cycles_per_packet);
  free(placement->accesses_per_packet);
  free(placement->bytes_per_level);
  free(placement);
}

static clara_placement *placement_new(size_t n, size_t L) {
  clara_placement *r = calloc(1, sizeof *r);
  if (!r)
    return NULL;
  r->num_objects = n;
  r->num_levels = L;
  r->level_of_object = calloc(n + 1, sizeof(size_t));
  r->cached = calloc(n + 1, 1);
  r->object_cycles_per_packet = calloc(n + 1, sizeof(double));
  r->accesses_per_packet = calloc(L, sizeof(double));
  r->bytes_per_level = calloc(L, sizeof(uint64_t));
  if (!r->level_of_object || !r->cached || !r->object_cycles_per_packet ||
      !r->accesses_per_packet || !r->bytes_per_level) {
    clara_placement_dispose(r);
    return NULL;
  }
  return r;
}

/* Fills totals, per-object costs and the baseline from level_of_object and
 * cached. */
static int placement_finish(const problem *p,
                            const clara_place_options *options,
                            clara_placement *r, char **out_message) {
  const clara_nic *nic = p->nic;
  r->cycles_per_packet = 0;
  for (size_t i = 0; i < p->n; ++i) {
    const clara_place_object *o = &p->objects[i];
    size_t j = r->level_of_object[i];
    double c = clara_place_object_cycles(&nic->levels[j], o, r->cached[i]);
    r->object_cycles_per_packet[i] = c;
    r->cycles_per_packet += c;
    r->accesses_per_packet[j] += object_accesses(o);
    r->bytes_per_level[j] += o->bytes;
  }

  size_t largest = 0;
  for (size_t j = 1; j < p->num_levels; ++j)
    if (nic->levels[j].capacity_bytes > nic->levels[largest].capacity_bytes)
      largest = j;
  r->baseline_level = largest;
  const clara_nic_level *l = &nic->levels[largest];
  size_t *base_level = malloc((p->n + 1) * sizeof(size_t));
  unsigned char *base_cached = calloc(p->n + 1, 1);
  size_t *order = malloc((p->n + 1) * sizeof(size_t));
  double *density = malloc((p->n + 1) * sizeof(double));
  if (!base_level || !base_cached || !order || !density) {
    free(base_level);
    free(base_cached);
    free(order);
    free(density);
    return clara_error(out_message, "state placement: out of memory");
  }
  size_t num_candidates = 0;
  for (size_t i = 0; i < p->n; ++i) {
    const clara_place_object *o = &p->objects[i];
    base_level[i] = largest;
    double saved =
        clara_place_object_cycles(l, o, 0) - clara_place_object_cycles(l, o, 1);
    if (l->cache_bytes && saved > 0 && o->bytes <= l->cache_bytes) {
      density[i] = o->bytes ? saved / (double)o->bytes : INFINITY;
      order[num_candidates++] = i;
    }
  }
  /* Insertion sort by density, descending, stable: n is small and the
   * order must not depend on qsort's tie handling. */
  for (size_t a = 1; a < num_candidates; ++a) {
    size_t x = order[a], b = a;
    while (b > 0 && density[order[b - 1]] < density[x]) {
      order[b] = order[b - 1];
      --b;
    }
    order[b] = x;
  }
  uint64_t left = l->cache_bytes;
  for (size_t a = 0; a < num_candidates; ++a) {
    const clara_place_object *o = &p->objects[order[a]];
    if (o->bytes <= left) {
      left -= o->bytes;
      base_cached[order[a]] = 1;
    }
  }
  r->baseline_cycles_per_packet = 0;
  for (size_t i = 0; i < p->n; ++i)
    r->baseline_cycles_per_packet +=
        clara_place_object_cycles(l, &p->objects[i], base_cached[i]);
  r->baseline_feasible =
      clara_place_state_check(nic, p->objects, p->n, options, base_level,
                              base_cached, NULL) == CLARA_OK;
  free(base_level);
  free(base_cached);
  free(order);
  free(density);
  return CLARA_OK;
}

/*===-- GLPK
 * ---------------------------------------------------------------===*/

/* The matrix of the programme as GLPK wants it: 1-based triplets. */
typedef struct {
  int *ia, *ja;
  double *ar;
  size_t count, capacity;
} triplets;

static int triplets_push(triplets *t, int row, int col, double value) {
  if (t->count + 1 >= t->capacity) {
    size_t capacity = t->capacity ? 2 * t->capacity : 256;
    int *ia = realloc(t->ia, capacity * sizeof(int));
    if (ia)
      t->ia = ia;
    int *ja = realloc(t->ja, capacity * sizeof(int));
    if (ja)
      t->ja = ja;
    double *ar = realloc(t->ar, capacity * sizeof(double));
    if (ar)
      t->ar = ar;
    if (!ia || !ja || !ar)
      return CLARA_ERROR;
    t->capacity = capacity;
  }
  ++t->count;
  t->ia[t->count] = row;
  t->ja[t->count] = col;
  t->ar[t->count] = value;
  return CLARA_OK;
}

/* The three kinds of knapsack row a level can have. */
typedef enum { RESOURCE_BYTES, RESOURCE_CACHE, RESOURCE_ACCESSES } resource;
#define NUM_RESOURCES 3

static int option_uses(const option *op, resource kind) {
  return kind != RESOURCE_CACHE || op->cached;
}

static double object_weight(const clara_place_object *o, resource kind) {
  return kind == RESOURCE_ACCESSES ? object_accesses(o) : (double)o->bytes;
}

/* Which knapsack rows the programme needs: row (j, kind) exists when the
 * objects with an enabled option on it could together break its limit. */
static void needed_rows(const problem *p, const unsigned char *enabled,
                        const double *limit, unsigned char *needed) {
  size_t L = p->num_levels;
  for (size_t jr = 0; jr < L * NUM_RESOURCES; ++jr) {
    size_t j = jr / NUM_RESOURCES;
    resource kind = (resource)(jr % NUM_RESOURCES);
    double total = 0;
    for (size_t i = 0; i < p->n; ++i)
      for (size_t k = p->first[i]; k < p->first[i + 1]; ++k)
        if (enabled[k] && p->options[k].level == j &&
            option_uses(&p->options[k], kind)) {
          total += object_weight(&p->objects[i], kind);
          break; /* an object counts once per level */
        }
    needed[jr] = total > limit[jr];
  }
}

/* An option is free when it is on no knapsack row the programme needs:
 * taking it never makes another object's option infeasible. */
static int option_free(const problem *p, size_t i, const option *op,
                       const unsigned char *needed) {
  for (int kind = 0; kind < NUM_RESOURCES; ++kind)
    if (needed[op->level * NUM_RESOURCES + kind] &&
        option_uses(op, (resource)kind) &&
        object_weight(&p->objects[i], (resource)kind) > 0)
      return 0;
  return 1;
}

/* Exact reduction before the ILP: an option that costs at least as much as
 * a free option of the same object can be dropped, because swapping it for
 * the free one in any placement keeps every limit and does not raise the
 * cost. Dropping options can make rows unnecessary, which frees more
 * options; repeated to a fixpoint. Objects left with only free options keep
 * only their cheapest one. The exhaustive search does not use this, so the
 * unit tests check it. */
static void reduce_options(const problem *p, const double *limit,
                           unsigned char *enabled, unsigned char *needed) {
  size_t num_options = p->first[p->n];
  memset(enabled, 1, num_options);
  for (int changed = 1; changed;) {
    changed = 0;
    needed_rows(p, enabled, limit, needed);
    for (size_t i = 0; i < p->n; ++i) {
      double best_free = INFINITY;
      size_t best = SIZE_MAX;
      for (size_t k = p->first[i]; k < p->first[i + 1]; ++k)
        if (enabled[k] && option_free(p, i, &p->options[k], needed) &&
            p->options[k].cycles < best_free) {
          best_free = p->options[k].cycles;
          best = k;
        }
      if (best == SIZE_MAX)
        continue;
      for (size_t k = p->first[i]; k < p->first[i + 1]; ++k)
        if (enabled[k] && k != best && p->options[k].cycles >= best_free) {
          enabled[k] = 0;
          changed = 1;
        }
    }
  }
}

/* One ILP solve with the given limits of the capacity and bandwidth rows.
 * Returns CLARA_OK with r->level_of_object/cached filled, or CLARA_ERROR
 * (infeasible, time limit without a solution, GLPK failure). */
static int solve_once(const problem *p, const clara_place_options *options,
                      const double *capacity_ub, const double *accesses_ub,
                      clara_placement *r, char **out_message) {
  size_t n = p->n, L = p->num_levels;
  size_t num_options = p->first[n];
  const clara_nic *nic = p->nic;
  triplets t = {0};
  double *limit = malloc(L * NUM_RESOURCES * sizeof(double));
  unsigned char *needed = malloc(L * NUM_RESOURCES);
  int *row_of = calloc(L * NUM_RESOURCES, sizeof(int));
  unsigned char *enabled = malloc(num_options + 1);
  int *column = calloc(num_options + 1, sizeof(int));
  glp_prob *lp = glp_create_prob();
  int status = CLARA_OK;
  if (!limit || !needed || !row_of || !enabled || !column) {
    status = clara_error(out_message, "state placement: out of memory");
    goto done;
  }
  for (size_t j = 0; j < L; ++j) {
    limit[j * NUM_RESOURCES + RESOURCE_BYTES] = capacity_ub[j];
    limit[j * NUM_RESOURCES + RESOURCE_CACHE] =
        (double)nic->levels[j].cache_bytes;
    limit[j * NUM_RESOURCES + RESOURCE_ACCESSES] = accesses_ub[j];
  }
  reduce_options(p, limit, enabled, needed);

  glp_set_obj_dir(lp, GLP_MIN);
  /* Rows 1..n: every object takes exactly one option; then the knapsack
   * rows the programme needs. */
  glp_add_rows(lp, (int)n);
  int rows = (int)n, columns = 0;
  for (size_t jr = 0; jr < L * NUM_RESOURCES; ++jr)
    if (needed[jr]) {
      row_of[jr] = glp_add_rows(lp, 1);
      glp_set_row_bnds(lp, row_of[jr], GLP_UP, 0.0, limit[jr]);
      ++rows;
    }
  for (size_t k = 0; k < num_options; ++k)
    if (enabled[k])
      column[k] = ++columns;
  glp_add_cols(lp, columns);
  for (size_t i = 0; i < n; ++i) {
    const clara_place_object *o = &p->objects[i];
    glp_set_row_bnds(lp, (int)i + 1, GLP_FX, 1.0, 1.0);
    for (size_t k = p->first[i]; k < p->first[i + 1]; ++k) {
      if (!enabled[k])
        continue;
      const option *op = &p->options[k];
      glp_set_col_kind(lp, column[k], GLP_BV);
      glp_set_obj_coef(lp, column[k], op->cycles);
      int failed = triplets_push(&t, (int)i + 1, column[k], 1.0);
      for (int kind = 0; kind < NUM_RESOURCES && !failed; ++kind) {
        int row = row_of[op->level * NUM_RESOURCES + kind];
        double w = object_weight(o, (resource)kind);
        if (row && w > 0 && option_uses(op, (resource)kind))
          failed = triplets_push(&t, row, column[k], w);
      }
      if (failed) {
        status = clara_error(out_message, "state placement: out of memory");
        goto done;
      }
    }
  }
  glp_load_matrix(lp, (int)t.count, t.ia, t.ja, t.ar);

  glp_iocp parm;
  glp_init_iocp(&parm);
  parm.msg_lev = GLP_MSG_OFF;
  parm.presolve = GLP_ON;
  parm.mip_gap = 0.0;
  /* Pseudo-cost branching: several times fewer nodes than GLPK's default
   * on the 200-object instances of bench/place. No cut generators: they
   * did not pay off there, and GLPK 5.0's cover-cut setup (glp_cov_init)
   * calls glp_add_cols(0), which aborts, when the presolver leaves no
   * columns. */
  parm.br_tech = GLP_BR_PCH;
  if (options->time_limit_ms > 0)
    parm.tm_lim = options->time_limit_ms >= (double)INT_MAX
                      ? INT_MAX
                      : (int)ceil(options->time_limit_ms);
  int previous_output = glp_term_out(GLP_OFF);
  int ret = glp_intopt(lp, &parm);
  glp_term_out(previous_output);
  int mip = glp_mip_status(lp);
  r->optimal = ret == 0 && mip == GLP_OPT;
  if ((ret == 0 || ret == GLP_ETMLIM) && (mip == GLP_OPT || mip == GLP_FEAS)) {
    r->solver_status = r->optimal ? "optimal" : "feasible (time limit)";
  } else if (ret == GLP_ENOPFS || (ret == 0 && mip == GLP_NOFEAS)) {
    status = infeasible(p, out_message);
    goto done;
  } else if (ret == GLP_ETMLIM) {
    status = clara_error(out_message,
                         "state placement: GLPK found no placement within the "
                         "time limit of %g ms",
                         options->time_limit_ms);
    goto done;
  } else {
    status = clara_error(out_message,
                         "state placement: GLPK failed (glp_intopt returned "
                         "%d, MIP status %d)",
                         ret, mip);
    goto done;
  }
  for (size_t i = 0; i < n; ++i) {
    size_t chosen = SIZE_MAX;
    for (size_t k = p->first[i]; k < p->first[i + 1]; ++k)
      if (enabled[k] && glp_mip_col_val(lp, column[k]) > 0.5) {
        if (chosen != SIZE_MAX) {
          status = clara_error(out_message,
                               "state placement: GLPK chose two levels for "
                               "object %s",
                               object_name(&p->objects[i]));
          goto done;
        }
        chosen = k;
      }
    if (chosen == SIZE_MAX) {
      status = clara_error(out_message,
                           "state placement: GLPK chose no level for object "
                           "%s",
                           object_name(&p->objects[i]));
      goto done;
    }
    r->level_of_object[i] = p->options[chosen].level;
    r->cached[i] = (unsigned char)p->options[chosen].cached;
  }
done:
  glp_delete_prob(lp);
  free(t.ia);
  free(t.ja);
  free(t.ar);
  free(limit);
  free(needed);
  free(row_of);
  free(enabled);
  free(column);
  return status;
}

int clara_place_state_solve(const clara_nic *nic,
                            const clara_place_object *objects, size_t n,
                            const clara_place_options *options,
                            clara_placement **out_placement,
                            char **out_message) {
  *out_placement = NULL;
  double start = now_ms();
  if (validate(nic, objects, n, options, out_message))
    return CLARA_ERROR;
  problem p;
  if (build_problem(&p, nic, objects, n, options, out_message))
    return CLARA_ERROR;
  size_t L = nic->num_levels;
  clara_placement *r = placement_new(n, L);
  double *capacity_ub = malloc(L * sizeof(double));
  double *accesses_ub = malloc(L * sizeof(double));
  int status = CLARA_OK;
  if (!r || !capacity_ub || !accesses_ub) {
    status = clara_error(out_message, "state placement: out of memory");
    goto done;
  }
  for (size_t j = 0; j < L; ++j) {
    capacity_ub[j] = (double)nic->levels[j].capacity_bytes;
    accesses_ub[j] = p.accesses_limit[j];
  }
  if (n == 0) { /* GLPK rejects (aborts on) a programme with no rows */
    r->optimal = 1;
    r->solver_status = "optimal";
    status = placement_finish(&p, options, r, out_message);
    goto done;
  }
  /* GLPK accepts rows up to its relative tolerance (1e-7), which for a
   * capacity of many megabytes is more than a byte. The answer is checked
   * exactly; a row it breaks is tightened by the excess and the programme
   * solved again. */
  for (int attempt = 0;; ++attempt) {
    status = solve_once(&p, options, capacity_ub, accesses_ub, r, out_message);
    if (status != CLARA_OK)
      break;
    uint64_t *bytes = calloc(L, sizeof(uint64_t));
    double *accesses = calloc(L, sizeof(double));
    if (!bytes || !accesses) {
      free(bytes);
      free(accesses);
      status = clara_error(out_message, "state placement: out of memory");
      break;
    }
    for (size_t i = 0; i < n; ++i) {
      bytes[r->level_of_object[i]] += objects[i].bytes;
      accesses[r->level_of_object[i]] += object_accesses(&objects[i]);
    }
    int broken = 0;
    for (size_t j = 0; j < L; ++j) {
      if (bytes[j] > nic->levels[j].capacity_bytes) {
        capacity_ub[j] -= (double)(bytes[j] - nic->levels[j].capacity_bytes);
        broken = 1;
      }
      if (accesses[j] > p.accesses_limit[j] * (1 + BANDWIDTH_TOLERANCE)) {
        accesses_ub[j] -= accesses[j] - p.accesses_limit[j];
        broken = 1;
      }
    }
    free(bytes);
    free(accesses);
    /* The cache row cannot break: it is only reached by options whose
     * objects are counted exactly the same way. */
    if (!broken)
      break;
    if (attempt == 8) {
      status = clara_error(out_message,
                           "state placement: GLPK kept returning placements "
                           "that exceed a limit");
      break;
    }
  }
  if (status == CLARA_OK &&
      clara_place_state_check(nic, objects, n, options, r->level_of_object,
                              r->cached, out_message) != CLARA_OK)
    status = CLARA_ERROR;
  if (status == CLARA_OK)
    status = placement_finish(&p, options, r, out_message);
done:
  free(capacity_ub);
  free(accesses_ub);
  problem_free(&p);
  if (status != CLARA_OK) {
    clara_placement_dispose(r);
    return status;
  }
  r->solve_ms = now_ms() - start;
  *out_placement = r;
  return CLARA_OK;
}

/*===-- Exhaustive search
 * --------------------------------------------------===*/

typedef struct {
  const problem *p;
  const size_t *order; /* objects in search order */
  const double *bound; /* bound[d]: cheapest options of order[d..] */
  uint64_t *bytes, *cache_bytes;
  double *accesses;
  size_t *choice, *best_choice; /* option index per object */
  double best;
} search;

static void search_from(search *s, size_t depth, double cost) {
  const problem *p = s->p;
  if (cost + s->bound[depth] >= s->best)
    return;
  if (depth == p->n) {
    s->best = cost;
    memcpy(s->best_choice, s->choice, p->n * sizeof(size_t));
    return;
  }
  size_t i = s->order[depth];
  const clara_place_object *o = &p->objects[i];
  double a = object_accesses(o);
  for (size_t k = p->first[i]; k < p->first[i + 1]; ++k) {
    const option *op = &p->options[k];
    const clara_nic_level *l = &p->nic->levels[op->level];
    size_t j = op->level;
    if (!fits(s->bytes[j], o->bytes, l->capacity_bytes) ||
        (op->cached && !fits(s->cache_bytes[j], o->bytes, l->cache_bytes)) ||
        s->accesses[j] + a > p->accesses_limit[j] * (1 + BANDWIDTH_TOLERANCE))
      continue;
    s->bytes[j] += o->bytes;
    if (op->cached)
      s->cache_bytes[j] += o->bytes;
    double saved_accesses = s->accesses[j];
    s->accesses[j] += a;
    s->choice[i] = k;
    search_from(s, depth + 1, cost + op->cycles);
    s->accesses[j] = saved_accesses;
    if (op->cached)
      s->cache_bytes[j] -= o->bytes;
    s->bytes[j] -= o->bytes;
  }
}

int clara_place_state_exhaustive(const clara_nic *nic,
                                 const clara_place_object *objects, size_t n,
                                 const clara_place_options *options,
                                 clara_placement **out_placement,
                                 char **out_message) {
  *out_placement = NULL;
  double start = now_ms();
  if (validate(nic, objects, n, options, out_message))
    return CLARA_ERROR;
  if (n > CLARA_PLACE_EXHAUSTIVE_MAX_OBJECTS)
    return clara_error(out_message,
                       "state placement: exhaustive search refuses %zu "
                       "objects (at most %d)",
                       n, CLARA_PLACE_EXHAUSTIVE_MAX_OBJECTS);
  problem p;
  if (build_problem(&p, nic, objects, n, options, out_message))
    return CLARA_ERROR;
  size_t L = nic->num_levels;
  clara_placement *r = placement_new(n, L);
  size_t *order = malloc((n + 1) * sizeof(size_t));
  double *regret = malloc((n + 1) * sizeof(double));
  double *cheapest = malloc((n + 1) * sizeof(double));
  double *bound = malloc((n + 1) * sizeof(double));
  uint64_t *bytes = calloc(L, sizeof(uint64_t));
  uint64_t *cache_bytes = calloc(L, sizeof(uint64_t));
  double *accesses = calloc(L, sizeof(double));
  size_t *choice = calloc(n + 1, sizeof(size_t));
  size_t *best_choice = calloc(n + 1, sizeof(size_t));
  int status = CLARA_OK;
  if (!r || !order || !regret || !cheapest || !bound || !bytes ||
      !cache_bytes || !accesses || !choice || !best_choice) {
    status = clara_error(out_message, "state placement: out of memory");
    goto done;
  }
  /* Search the objects whose options differ most first: the bound then
   * prunes early. The order changes the work, not the answer's cost. */
  for (size_t i = 0; i < n; ++i) {
    double lo = INFINITY, hi = 0;
    for (size_t k = p.first[i]; k < p.first[i + 1]; ++k) {
      lo = fmin(lo, p.options[k].cycles);
      hi = fmax(hi, p.options[k].cycles);
    }
    cheapest[i] = lo;
    regret[i] = hi - lo;
    size_t b = i;
    while (b > 0 && regret[order[b - 1]] < regret[i]) {
      order[b] = order[b - 1];
      --b;
    }
    order[b] = i;
  }
  bound[n] = 0;
  for (size_t d = n; d-- > 0;)
    bound[d] = bound[d + 1] + cheapest[order[d]];
  search s = {&p,       order,  bound,       bytes,   cache_bytes,
              accesses, choice, best_choice, INFINITY};
  search_from(&s, 0, 0);
  if (n > 0 && s.best == INFINITY) {
    status = infeasible(&p, out_message);
    goto done;
  }
  for (size_t i = 0; i < n; ++i) {
    r->level_of_object[i] = p.options[best_choice[i]].level;
    r->cached[i] = (unsigned char)p.options[best_choice[i]].cached;
  }
  r->optimal = 1;
  r->solver_status = "exhaustive";
  status = placement_finish(&p, options, r, out_message);
done:
  free(order);
  free(regret);
  free(cheapest);
  free(bound);
  free(bytes);
  free(cache_bytes);
  free(accesses);
  free(choice);
  free(best_choice);
  problem_free(&p);
  if (status != CLARA_OK) {
    clara_placement_dispose(r);
    return status;
  }
  r->solve_ms = now_ms() - start;
  *out_placement = r;
  return CLARA_OK;
}
