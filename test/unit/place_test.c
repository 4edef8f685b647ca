/*===- test/unit/place_test.c - state placement ILP -----------------------===*
 *
 * The ILP (GLPK) against exhaustive search on random small instances with
 * scopes, caches, bandwidth limits and infeasible cases; known answers on
 * hand-made NICs; the shipped agilio-cx profile; invalid input.
 *
 *===----------------------------------------------------------------------===*/
#include "clara_test.h"
#include "error.h"
#include "nic.h"
#include "place.h"

#include <glpk.h>
#include <stdint.h>
#include <stdlib.h>

/* splitmix64, so the random instances are the same on every machine. */
static uint64_t next_random(uint64_t *state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static unsigned uniform(uint64_t *state, unsigned lo, unsigned hi) {
  return lo + (unsigned)(next_random(state) % (hi - lo + 1));
}

static unsigned transaction_4[] = {4};

static clara_nic_level level(const char *name, clara_scope scope,
                             uint64_t capacity, double read, double write,
                             double atomic) {
  clara_nic_level l = {0};
  l.name = (char *)name;
  l.scope = scope;
  l.capacity_bytes = capacity;
  l.read_cycles = read;
  l.write_cycles = write;
  l.atomic_cycles = atomic;
  l.transaction_bytes = transaction_4;
  l.num_transaction_sizes = 1;
  return l;
}

static clara_nic make_nic(clara_nic_level *levels, size_t num_levels) {
  clara_nic nic = {0};
  nic.name = "test-nic";
  nic.cores = 4;
  nic.islands = 2;
  nic.levels = levels;
  nic.num_levels = num_levels;
  return nic;
}

static clara_place_object object(const char *name, uint64_t bytes, double reads,
                                 double writes, double atomics,
                                 clara_scope scope) {
  clara_place_object o = {name, bytes, reads, writes, atomics, scope};
  return o;
}

static double relative_difference(double a, double b) {
  double m = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
  return m > 0 ? fabs(a - b) / m : 0;
}

/* A random instance: up to 8 objects, up to 4 levels, small capacities so
 * that capacity, cache and bandwidth limits bind often and some instances
 * have no placement at all. Counts are multiples of 1/4, so sums are exact
 * and placements exactly at a bandwidth limit occur. */
static void random_instance(uint64_t *rng, clara_nic_level *levels,
                            size_t *num_levels, clara_nic *nic,
                            clara_place_object *objects, size_t *num_objects,
                            clara_place_options *options) {
  static const char *names[] = {"A", "B", "C", "D"};
  *num_levels = uniform(rng, 1, 4);
  for (size_t j = 0; j < *num_levels; ++j) {
    /* The last level is usually chip-wide, as on real NICs. */
    clara_scope scope = j + 1 == *num_levels && uniform(rng, 0, 9) < 8
                            ? CLARA_SCOPE_CHIP
                            : (clara_scope)uniform(rng, 0, 2);
    levels[j] =
        level(names[j], scope, uniform(rng, 8, 200), uniform(rng, 1, 400),
              uniform(rng, 1, 400), uniform(rng, 1, 500));
    if (uniform(rng, 0, 9) < 4) {
      levels[j].cache_bytes = uniform(rng, 4, 80);
      levels[j].cache_read_cycles = uniform(rng, 1, 400);
      levels[j].cache_write_cycles = uniform(rng, 1, 400);
    }
    if (uniform(rng, 0, 9) < 5)
      levels[j].bandwidth_accesses_per_sec = uniform(rng, 1, 40) * 0.5e6;
  }
  *nic = make_nic(levels, *num_levels);
  nic->cores = uniform(rng, 1, 4);
  nic->islands = uniform(rng, 0, 2);
  *num_objects = uniform(rng, 0, 8);
  for (size_t i = 0; i < *num_objects; ++i)
    objects[i] = object(NULL, uniform(rng, 0, 48), uniform(rng, 0, 40) * 0.25,
                        uniform(rng, 0, 20) * 0.25,
                        uniform(rng, 0, 4) ? 0 : uniform(rng, 0, 8) * 0.25,
                        (clara_scope)uniform(rng, 0, 2));
  clara_place_default_options(options);
  if (uniform(rng, 0, 1))
    options->packets_per_sec = 1e6;
}

static void test_ilp_equals_exhaustive(void) {
  uint64_t rng = 2021;
  int agree = 0, infeasible = 0, cache_used = 0, bandwidth_binds = 0;
  const int instances = 2000;
  for (int t = 0; t < instances; ++t) {
    clara_nic_level levels[4];
    size_t num_levels, n;
    clara_nic nic;
    clara_place_object objects[8];
    clara_place_options options;
    random_instance(&rng, levels, &num_levels, &nic, objects, &n, &options);
    clara_placement *ilp = NULL, *ex = NULL;
    char *ilp_message = NULL, *ex_message = NULL;
    int ilp_status =
        clara_place_state_solve(&nic, objects, n, &options, &ilp, &ilp_message);
    int ex_status = clara_place_state_exhaustive(&nic, objects, n, &options,
                                                 &ex, &ex_message);
    if (ilp_status != ex_status) {
      fprintf(stderr, "instance %d: ILP says %s, exhaustive says %s\n", t,
              ilp_message ? ilp_message : "ok", ex_message ? ex_message : "ok");
    } else if (ilp_status != CLARA_OK) {
      /* Both infeasible: the message says why. */
      CLARA_CHECK(strstr(ilp_message, "fits") != NULL);
      ++infeasible;
      ++agree;
    } else {
      int same = relative_difference(ilp->cycles_per_packet,
                                     ex->cycles_per_packet) < 1e-6;
      if (!same)
        fprintf(stderr, "instance %d: ILP %.9g, exhaustive %.9g\n", t,
                ilp->cycles_per_packet, ex->cycles_per_packet);
      CLARA_CHECK(same);
      CLARA_CHECK(ilp->optimal);
      CLARA_CHECK_STR(ilp->solver_status, "optimal");
      CLARA_CHECK_EQ_INT(clara_place_state_check(&nic, objects, n, &options,
                                                 ilp->level_of_object,
                                                 ilp->cached, NULL),
                         CLARA_OK);
      /* The reported objective is the placement's recomputed cost. */
      double sum = 0;
      for (size_t i = 0; i < n; ++i)
        sum += clara_place_object_cycles(&levels[ilp->level_of_object[i]],
                                         &objects[i], ilp->cached[i]);
      CLARA_CHECK(relative_difference(sum, ilp->cycles_per_packet) < 1e-12);
      if (same)
        ++agree;
      for (size_t i = 0; i < n; ++i)
        if (ex->cached[i]) {
          ++cache_used;
          break;
        }
      if (options.packets_per_sec > 0) {
        clara_place_options no_rate = options;
        no_rate.packets_per_sec = 0;
        clara_placement *free_run = NULL;
        if (clara_place_state_exhaustive(&nic, objects, n, &no_rate, &free_run,
                                         NULL) == CLARA_OK &&
            relative_difference(free_run->cycles_per_packet,
                                ex->cycles_per_packet) > 1e-9)
          ++bandwidth_binds;
        clara_placement_dispose(free_run);
      }
    }
    clara_placement_dispose(ilp);
    clara_placement_dispose(ex);
    clara_dispose_message(ilp_message);
    clara_dispose_message(ex_message);
  }
  printf("ILP = exhaustive on %d of %d random instances (%d infeasible, "
         "%d using a cache, %d where bandwidth changes the optimum)\n",
         agree, instances, infeasible, cache_used, bandwidth_binds);
  CLARA_CHECK_EQ_INT(agree, instances);
  /* The generator must exercise every term, or agreement proves little. */
  CLARA_CHECK(infeasible >= 100);
  CLARA_CHECK(cache_used >= 100);
  CLARA_CHECK(bandwidth_binds >= 50);
}

/* Hot small state goes to the fast small level, the rest to the big one;
 * the baseline is everything in the big one. */
static void test_known_capacity(void) {
  clara_nic_level levels[] = {
      level("FAST", CLARA_SCOPE_CHIP, 16, 10, 10, 20),
      level("SLOW", CLARA_SCOPE_CHIP, 1000, 100, 100, 200)};
  clara_nic nic = make_nic(levels, 2);
  clara_place_object objects[] = {object("cold", 8, 1, 0, 0, CLARA_SCOPE_CHIP),
                                  object("hot", 12, 5, 1, 0, CLARA_SCOPE_CHIP),
                                  object("warm", 8, 3, 0, 0, CLARA_SCOPE_CHIP)};
  clara_place_options options;
  clara_place_default_options(&options);
  clara_placement *r = NULL;
  CLARA_CHECK_EQ_INT(
      clara_place_state_solve(&nic, objects, 3, &options, &r, NULL), CLARA_OK);
  if (!r)
    return;
  /* hot (12 B) alone in FAST saves 540 cycles; cold + warm (16 B) save 360. */
  CLARA_CHECK_EQ_INT(r->level_of_object[0], 1);
  CLARA_CHECK_EQ_INT(r->level_of_object[1], 0);
  CLARA_CHECK_EQ_INT(r->level_of_object[2], 1);
  CLARA_CHECK_NEAR(r->cycles_per_packet, 100 + 60 + 300, 1e-9);
  CLARA_CHECK_NEAR(r->object_cycles_per_packet[1], 60, 1e-9);
  CLARA_CHECK_EQ_INT(r->baseline_level, 1);
  CLARA_CHECK_NEAR(r->baseline_cycles_per_packet, 1000, 1e-9);
  CLARA_CHECK(r->baseline_feasible);
  CLARA_CHECK_NEAR(r->accesses_per_packet[0], 6, 1e-12);
  CLARA_CHECK_NEAR(r->accesses_per_packet[1], 4, 1e-12);
  CLARA_CHECK_EQ_INT(r->bytes_per_level[0], 12);
  CLARA_CHECK_EQ_INT(r->bytes_per_level[1], 16);
  CLARA_CHECK(r->solve_ms >= 0);
  clara_placement_dispose(r);
}

/* The cache is a knapsack: only the object worth more per byte fits. */
static void test_known_cache(void) {
  clara_nic_level levels[] = {
      level("DRAM", CLARA_SCOPE_CHIP, 1 << 20, 300, 300, 250)};
  levels[0].cache_bytes = 16;
  levels[0].cache_read_cycles = 100;
  levels[0].cache_write_cycles = 120;
  clara_nic nic = make_nic(levels, 1);
  clara_place_object objects[] = {object("big", 12, 10, 0, 0, CLARA_SCOPE_CHIP),
                                  object("small", 8, 4, 1, 2, CLARA_SCOPE_CHIP),
                                  object("tiny", 4, 1, 0, 0, CLARA_SCOPE_CHIP)};
  clara_place_options options;
  clara_place_default_options(&options);
  clara_placement *r = NULL;
  CLARA_CHECK_EQ_INT(
      clara_place_state_solve(&nic, objects, 3, &options, &r, NULL), CLARA_OK);
  if (!r)
    return;
  /* big saves 2000 in 12 B (+ tiny's 200 in 4 B = 2200); small saves 980
   * in 8 B (+ tiny = 1180). Atomics stay at 250. */
  CLARA_CHECK_EQ_INT(r->cached[0], 1);
  CLARA_CHECK_EQ_INT(r->cached[1], 0);
  CLARA_CHECK_EQ_INT(r->cached[2], 1);
  CLARA_CHECK_NEAR(r->cycles_per_packet, 1000 + (1200 + 300 + 500) + 100, 1e-9);
  /* The baseline is the same level; its greedy cache rule takes big first
   * (2000/12 per byte), then small (122.5 per byte) no longer fits, tiny
   * (50 per byte) does: here the same as the optimum. */
  CLARA_CHECK_NEAR(r->baseline_cycles_per_packet, r->cycles_per_packet, 1e-9);
  clara_placement_dispose(r);
}

/* Greedy by density is not optimal for the ILP: the baseline can lose. */
static void test_baseline_cache_is_greedy(void) {
  clara_nic_level levels[] = {
      level("DRAM", CLARA_SCOPE_CHIP, 1 << 20, 300, 300, 300)};
  levels[0].cache_bytes = 10;
  levels[0].cache_read_cycles = 100;
  levels[0].cache_write_cycles = 100;
  clara_nic nic = make_nic(levels, 1);
  clara_place_object objects[] = {object("dense", 2, 1, 0, 0, CLARA_SCOPE_CHIP),
                                  object("big", 10, 4, 0, 0, CLARA_SCOPE_CHIP)};
  clara_place_options options;
  clara_place_default_options(&options);
  clara_placement *r = NULL;
  CLARA_CHECK_EQ_INT(
      clara_place_state_solve(&nic, objects, 2, &options, &r, NULL), CLARA_OK);
  if (!r)
    return;
  CLARA_CHECK_EQ_INT(r->cached[0], 0);
  CLARA_CHECK_EQ_INT(r->cached[1], 1);
  CLARA_CHECK_NEAR(r->cycles_per_packet, 300 + 400, 1e-9);
  /* Baseline: dense (100 per byte) is cached first, then big no longer
   * fits. */
  CLARA_CHECK_NEAR(r->baseline_cycles_per_packet, 100 + 1200, 1e-9);
  clara_placement_dispose(r);
}

/* Shared state may not go to a per-core level; read-only state may, and
 * every core's copy counts once against the per-core capacity. */
static void test_known_scope(void) {
  clara_nic_level levels[] = {
      level("LOCAL", CLARA_SCOPE_CORE, 64, 1, 1, 2),
      level("ISL", CLARA_SCOPE_ISLAND, 64, 10, 10, 20),
      level("MEM", CLARA_SCOPE_CHIP, 4096, 100, 100, 200)};
  clara_nic nic = make_nic(levels, 3);
  clara_place_object objects[] = {
      object("shared", 8, 10, 10, 0, CLARA_SCOPE_CHIP),
      object("island", 8, 10, 10, 0, CLARA_SCOPE_ISLAND),
      object("table", 64, 10, 0, 0, CLARA_SCOPE_CORE)};
  clara_place_options options;
  clara_place_default_options(&options);
  clara_placement *r = NULL;
  CLARA_CHECK_EQ_INT(
      clara_place_state_solve(&nic, objects, 3, &options, &r, NULL), CLARA_OK);
  if (!r)
    return;
  CLARA_CHECK_EQ_INT(r->level_of_object[0], 2);
  CLARA_CHECK_EQ_INT(r->level_of_object[1], 1);
  CLARA_CHECK_EQ_INT(r->level_of_object[2], 0);
  /* Putting the shared object into LOCAL is rejected by the checker. */
  size_t wrong[] = {0, 1, 2};
  char *message = NULL;
  CLARA_CHECK_EQ_INT(clara_place_state_check(&nic, objects, 3, &options, wrong,
                                             NULL, &message),
                     CLARA_ERROR);
  CLARA_CHECK(message && strstr(message, "shared") && strstr(message, "chip"));
  clara_dispose_message(message);
  clara_placement_dispose(r);
}

/* The paper's UDPCount lesson (§5.8): at a high packet rate, spreading state
 * over two memories beats putting everything in the faster one. */
static void test_known_bandwidth(void) {
  clara_nic_level levels[] = {
      level("SRAM", CLARA_SCOPE_CHIP, 1 << 20, 100, 100, 200),
      level("DRAM", CLARA_SCOPE_CHIP, 1 << 30, 300, 300, 300)};
  levels[0].bandwidth_accesses_per_sec = 1e9;
  clara_nic nic = make_nic(levels, 2);
  clara_place_object objects[] = {
      object("counter", 8, 6, 6, 0, CLARA_SCOPE_CHIP),
      object("classifier", 1024, 8, 0, 0, CLARA_SCOPE_CHIP)};
  clara_place_options options;
  clara_place_default_options(&options);
  clara_placement *r = NULL;
  CLARA_CHECK_EQ_INT(
      clara_place_state_solve(&nic, objects, 2, &options, &r, NULL), CLARA_OK);
  if (r) {
    CLARA_CHECK_EQ_INT(r->level_of_object[0], 0);
    CLARA_CHECK_EQ_INT(r->level_of_object[1], 0);
  }
  clara_placement_dispose(r);
  /* 50 Mpps: SRAM serves 20 accesses per packet; both need 20: fits,
   * exactly at the limit. */
  options.packets_per_sec = 50e6;
  CLARA_CHECK_EQ_INT(
      clara_place_state_solve(&nic, objects, 2, &options, &r, NULL), CLARA_OK);
  if (r) {
    CLARA_CHECK_EQ_INT(r->level_of_object[0], 0);
    CLARA_CHECK_EQ_INT(r->level_of_object[1], 0);
    CLARA_CHECK_NEAR(r->accesses_per_packet[0], 20, 1e-12);
  }
  clara_placement_dispose(r);
  /* 60 Mpps: 16.7 per packet; the counter (12) stays, the classifier goes. */
  options.packets_per_sec = 60e6;
  CLARA_CHECK_EQ_INT(
      clara_place_state_solve(&nic, objects, 2, &options, &r, NULL), CLARA_OK);
  if (r) {
    CLARA_CHECK_EQ_INT(r->level_of_object[0], 0);
    CLARA_CHECK_EQ_INT(r->level_of_object[1], 1);
    CLARA_CHECK_NEAR(r->cycles_per_packet, 1200 + 2400, 1e-9);
    CLARA_CHECK(r->baseline_feasible);
  }
  clara_placement_dispose(r);
  /* 200 Mpps: 5 per packet; the classifier (8) alone would not fit, the
   * counter (12) neither: both in DRAM. */
  options.packets_per_sec = 200e6;
  CLARA_CHECK_EQ_INT(
      clara_place_state_solve(&nic, objects, 2, &options, &r, NULL), CLARA_OK);
  if (r) {
    CLARA_CHECK_EQ_INT(r->level_of_object[0], 1);
    CLARA_CHECK_EQ_INT(r->level_of_object[1], 1);
  }
  clara_placement_dispose(r);
}

/* Per-core bandwidth: each of the 4 cores sees a quarter of the packets. */
static void test_bandwidth_per_instance(void) {
  clara_nic_level levels[] = {
      level("LOCAL", CLARA_SCOPE_CORE, 64, 1, 1, 2),
      level("MEM", CLARA_SCOPE_CHIP, 4096, 100, 100, 200)};
  levels[0].bandwidth_accesses_per_sec = 1e6;
  clara_nic nic = make_nic(levels, 2); /* 4 cores */
  clara_place_object objects[] = {
      object("table", 16, 4, 0, 0, CLARA_SCOPE_CORE)};
  clara_place_options options;
  clara_place_default_options(&options);
  options.packets_per_sec = 1e6; /* 0.25e6 per core: 4 accesses per packet */
  clara_placement *r = NULL;
  CLARA_CHECK_EQ_INT(
      clara_place_state_solve(&nic, objects, 1, &options, &r, NULL), CLARA_OK);
  if (r)
    CLARA_CHECK_EQ_INT(r->level_of_object[0], 0);
  clara_placement_dispose(r);
  options.packets_per_sec = 1.01e6;
  CLARA_CHECK_EQ_INT(
      clara_place_state_solve(&nic, objects, 1, &options, &r, NULL), CLARA_OK);
  if (r)
    CLARA_CHECK_EQ_INT(r->level_of_object[0], 1);
  clara_placement_dispose(r);
}

static void test_infeasible(void) {
  clara_nic_level levels[] = {level("SMALL", CLARA_SCOPE_CHIP, 100, 1, 1, 1),
                              level("LOCAL", CLARA_SCOPE_CORE, 1000, 1, 1, 1)};
  clara_nic nic = make_nic(levels, 2);
  clara_place_options options;
  clara_place_default_options(&options);
  /* Larger than every level it may use (LOCAL is per core). */
  clara_place_object huge[] = {
      object("flow_table", 500, 1, 1, 0, CLARA_SCOPE_CHIP)};
  clara_placement *r = (clara_placement *)&r;
  char *message = NULL;
  CLARA_CHECK_EQ_INT(
      clara_place_state_solve(&nic, huge, 1, &options, &r, &message),
      CLARA_ERROR);
  CLARA_CHECK(r == NULL);
  CLARA_CHECK(message && strstr(message, "flow_table") &&
              strstr(message, "500 bytes") && strstr(message, "test-nic"));
  clara_dispose_message(message);
  /* Each fits alone, not both together. */
  clara_place_object pair[] = {object("a", 60, 1, 1, 0, CLARA_SCOPE_CHIP),
                               object("b", 60, 1, 1, 0, CLARA_SCOPE_CHIP)};
  message = NULL;
  CLARA_CHECK_EQ_INT(
      clara_place_state_solve(&nic, pair, 2, &options, &r, &message),
      CLARA_ERROR);
  CLARA_CHECK(message && strstr(message, "no placement of the 2 state "
                                         "objects (120 bytes in total)"));
  clara_dispose_message(message);
  message = NULL;
  CLARA_CHECK_EQ_INT(
      clara_place_state_exhaustive(&nic, pair, 2, &options, &r, &message),
      CLARA_ERROR);
  CLARA_CHECK(message && strstr(message, "no placement"));
  clara_dispose_message(message);
}

static void test_invalid_input(void) {
  clara_nic_level levels[] = {level("M", CLARA_SCOPE_CHIP, 100, 1, 1, 1)};
  clara_nic nic = make_nic(levels, 1);
  clara_place_options options;
  clara_place_default_options(&options);
  clara_placement *r = NULL;
  char *message = NULL;
  clara_place_object bad[] = {object("x", 4, NAN, 0, 0, CLARA_SCOPE_CHIP)};
  CLARA_CHECK_EQ_INT(
      clara_place_state_solve(&nic, bad, 1, &options, &r, &message),
      CLARA_ERROR);
  CLARA_CHECK(message && strstr(message, "object x"));
  clara_dispose_message(message);
  bad[0] = object("y", 4, -1, 0, 0, CLARA_SCOPE_CHIP);
  CLARA_CHECK_EQ_INT(clara_place_state_solve(&nic, bad, 1, &options, &r, NULL),
                     CLARA_ERROR);
  bad[0] = object("z", 4, 1, 0, 0, (clara_scope)7);
  CLARA_CHECK_EQ_INT(clara_place_state_solve(&nic, bad, 1, &options, &r, NULL),
                     CLARA_ERROR);
  bad[0] = object("w", 4, 1, 0, 0, CLARA_SCOPE_CHIP);
  options.packets_per_sec = -5;
  CLARA_CHECK_EQ_INT(clara_place_state_solve(&nic, bad, 1, &options, &r, NULL),
                     CLARA_ERROR);
  clara_place_default_options(&options);
  levels[0].read_cycles = INFINITY;
  CLARA_CHECK_EQ_INT(clara_place_state_solve(&nic, bad, 1, &options, &r, NULL),
                     CLARA_ERROR);
  levels[0].read_cycles = 1;
  clara_nic empty = make_nic(levels, 0);
  CLARA_CHECK_EQ_INT(
      clara_place_state_solve(&empty, bad, 1, &options, &r, NULL), CLARA_ERROR);
  CLARA_CHECK(r == NULL);
  /* No objects is a valid, empty answer (and GLPK is not called). */
  CLARA_CHECK_EQ_INT(clara_place_state_solve(&nic, NULL, 0, &options, &r, NULL),
                     CLARA_OK);
  if (r)
    CLARA_CHECK_NEAR(r->cycles_per_packet, 0, 0);
  clara_placement_dispose(r);
  /* The exhaustive search refuses what it cannot finish. */
  clara_place_object many[CLARA_PLACE_EXHAUSTIVE_MAX_OBJECTS + 1];
  for (size_t i = 0; i < CLARA_PLACE_EXHAUSTIVE_MAX_OBJECTS + 1; ++i)
    many[i] = object("m", 1, 1, 0, 0, CLARA_SCOPE_CHIP);
  CLARA_CHECK_EQ_INT(clara_place_state_exhaustive(
                         &nic, many, CLARA_PLACE_EXHAUSTIVE_MAX_OBJECTS + 1,
                         &options, &r, NULL),
                     CLARA_ERROR);
}

/* A UDPCount-like NF on the shipped agilio-cx profile. */
static void test_agilio_cx(void) {
  clara_nic *nic = NULL;
  char *message = NULL;
  if (clara_nic_load_file(CLARA_SOURCE_DIR "/models/nic/agilio-cx.yaml", &nic,
                          &message) != CLARA_OK) {
    fprintf(stderr, "%s\n", message);
    clara_dispose_message(message);
    CLARA_CHECK(0);
    return;
  }
  const clara_nic_level *lmem = clara_nic_find_level(nic, "LMEM");
  const clara_nic_level *imem = clara_nic_find_level(nic, "IMEM");
  const clara_nic_level *emem = clara_nic_find_level(nic, "EMEM");
  CLARA_CHECK(lmem && imem && emem);
  if (!lmem || !imem || !emem) {
    clara_nic_dispose(nic);
    return;
  }
  size_t LMEM = (size_t)(lmem - nic->levels);
  size_t IMEM = (size_t)(imem - nic->levels);
  size_t EMEM = (size_t)(emem - nic->levels);
  clara_place_object objects[] = {
      /* packet and byte counters, atomically updated by every core */
      object("UDPCount::_count", 16, 0, 0, 2, CLARA_SCOPE_CHIP),
      /* flow table, written by every core */
      object("UDPCount::_flows", 6u << 20, 4, 1, 0, CLARA_SCOPE_CHIP),
      /* read-only classifier program, copied to every core */
      object("IPClassifier::_prog", 2048, 12, 0, 0, CLARA_SCOPE_CORE),
      /* a large read-only table that no per-core or island memory holds */
      object("Lookup::_table", 1u << 20, 2, 0, 0, CLARA_SCOPE_CORE)};
  clara_place_options options;
  clara_place_default_options(&options);
  clara_placement *ilp = NULL, *ex = NULL;
  CLARA_CHECK_EQ_INT(
      clara_place_state_solve(nic, objects, 4, &options, &ilp, NULL), CLARA_OK);
  CLARA_CHECK_EQ_INT(
      clara_place_state_exhaustive(nic, objects, 4, &options, &ex, NULL),
      CLARA_OK);
  if (ilp && ex) {
    /* EMEM's atomics (210, in its cache engine) beat IMEM's (220). */
    CLARA_CHECK_EQ_INT(ilp->level_of_object[0], EMEM);
    CLARA_CHECK_EQ_INT(ilp->level_of_object[1], EMEM); /* 6 MiB > IMEM */
    CLARA_CHECK_EQ_INT(ilp->cached[1], 0);             /* > 3 MiB cache */
    CLARA_CHECK_EQ_INT(ilp->level_of_object[2], LMEM); /* 12 x 3 */
    CLARA_CHECK_EQ_INT(ilp->level_of_object[3], IMEM);
    CLARA_CHECK_NEAR(ilp->cycles_per_packet,
                     420 + (4 * 336 + 290) + 36 + 2 * 122, 1e-9);
    CLARA_CHECK_NEAR(ilp->cycles_per_packet, ex->cycles_per_packet, 1e-9);
    /* Baseline: all in EMEM; the cache takes _prog, then _table, by cycles
     * saved per byte (_count's atomics save nothing, _flows is too big). */
    CLARA_CHECK_EQ_INT(ilp->baseline_level, EMEM);
    CLARA_CHECK_NEAR(ilp->baseline_cycles_per_packet,
                     420 + (4 * 336 + 290) + 12 * 200 + 2 * 200, 1e-9);
    CLARA_CHECK(ilp->cycles_per_packet < ilp->baseline_cycles_per_packet);
  }
  clara_placement_dispose(ilp);
  clara_placement_dispose(ex);
  /* At 600 Mpps IMEM serves 1.1e9 / 600e6 = 1.83 accesses per packet: the
   * table's 2 reads no longer fit there and it goes to EMEM's cache. */
  options.packets_per_sec = 600e6;
  CLARA_CHECK_EQ_INT(
      clara_place_state_solve(nic, objects, 4, &options, &ilp, NULL), CLARA_OK);
  if (ilp) {
    CLARA_CHECK_EQ_INT(ilp->level_of_object[3], EMEM);
    CLARA_CHECK_EQ_INT(ilp->cached[3], 1);
    CLARA_CHECK_EQ_INT(ilp->accesses_per_packet[IMEM], 0);
    CLARA_CHECK_NEAR(ilp->cycles_per_packet,
                     420 + (4 * 336 + 290) + 36 + 2 * 200, 1e-9);
  }
  clara_placement_dispose(ilp);
  clara_nic_dispose(nic);
}

static void test_deterministic(void) {
  uint64_t rng = 7;
  clara_nic_level levels[5];
  clara_place_object objects[60];
  for (size_t j = 0; j < 5; ++j) {
    levels[j] = level("L", (clara_scope)(j < 2 ? j : 2), 64u << (3 * j),
                      5.0 + 60 * j, 5.0 + 60 * j, 10.0 + 80 * j);
  }
  levels[4].cache_bytes = 4096;
  levels[4].cache_read_cycles = levels[4].cache_write_cycles = 150;
  clara_nic nic = make_nic(levels, 5);
  for (size_t i = 0; i < 60; ++i)
    objects[i] =
        object(NULL, uniform(&rng, 1, 2048), uniform(&rng, 0, 40),
               uniform(&rng, 0, 10), 0, (clara_scope)uniform(&rng, 0, 2));
  clara_place_options options;
  clara_place_default_options(&options);
  clara_placement *a = NULL, *b = NULL;
  CLARA_CHECK_EQ_INT(
      clara_place_state_solve(&nic, objects, 60, &options, &a, NULL), CLARA_OK);
  CLARA_CHECK_EQ_INT(
      clara_place_state_solve(&nic, objects, 60, &options, &b, NULL), CLARA_OK);
  if (a && b) {
    CLARA_CHECK(memcmp(a->level_of_object, b->level_of_object,
                       60 * sizeof(size_t)) == 0);
    CLARA_CHECK(memcmp(a->cached, b->cached, 60) == 0);
    CLARA_CHECK(a->cycles_per_packet == b->cycles_per_packet);
  }
  clara_placement_dispose(a);
  clara_placement_dispose(b);
}

int main(void) {
  CLARA_RUN(test_known_capacity);
  CLARA_RUN(test_known_cache);
  CLARA_RUN(test_baseline_cache_is_greedy);
  CLARA_RUN(test_known_scope);
  CLARA_RUN(test_known_bandwidth);
  CLARA_RUN(test_bandwidth_per_instance);
  CLARA_RUN(test_infeasible);
  CLARA_RUN(test_invalid_input);
  CLARA_RUN(test_agilio_cx);
  CLARA_RUN(test_deterministic);
  CLARA_RUN(test_ilp_equals_exhaustive);
  /* GLPK keeps an environment per thread; free it so leak checkers see a
   * clean exit. */
  glp_free_env();
  CLARA_TEST_EXIT();
}
