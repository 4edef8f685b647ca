/*===- bench/place/place_bench.c - clara-place-state speed and optimality ==*
 *
 * Measures the placement ILP (core/place.c) on
 *  1-2. random instances of 200 state objects, NF-like (mostly small
 *     fields, a few tables) and "stress" (every size log-uniform 4 B-8 MiB,
 *     so a hundred objects compete for the MiB-sized memories), on 5
 *     synthetic levels shaped like the agilio-cx ones and on the shipped
 *     agilio-cx profile, without and with a 150 Mpps packet rate (IMEM's
 *     bandwidth limit then binds); each solved 5 times, median CPU time;
 *  3. small instances (14 objects) on agilio-cx, ILP against exhaustive.
 *
 *   build/bin/place_bench [models/nic/agilio-cx.yaml]
 *
 *===----------------------------------------------------------------------===*/
#include "error.h"
#include "nic.h"
#include "place.h"

#include <glpk.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t next_random(uint64_t *state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static double unit(uint64_t *state) {
  return (double)(next_random(state) >> 11) * 0x1.0p-53;
}

static double log_uniform(uint64_t *rng, double lo, double hi) {
  return exp(log(lo) + unit(rng) * (log(hi) - log(lo)));
}

/* NF-like objects. Sizes: 75 % scalars and small structs (1 B - 256 B),
 * 20 % arrays and small tables (256 B - 64 KiB), 5 % flow tables (64 KiB -
 * 16 MiB), each log-uniform; `stress` instead draws every size log-uniform
 * from 4 B to 8 MiB, so a hundred objects compete for the MiB-sized
 * memories. Access counts are heavy-tailed (most objects touched rarely, a
 * few up to 20 times per packet), as counts over a 100,000-packet profile.
 * Scopes: 45 % shared (chip), 15 % island-owned, 40 % per-core; read-only
 * objects may replicate. */
static void random_objects(uint64_t *rng, clara_place_object *objects, size_t n,
                           int stress) {
  for (size_t i = 0; i < n; ++i) {
    clara_place_object *o = &objects[i];
    o->name = NULL;
    double kind = unit(rng);
    if (stress)
      o->bytes = (uint64_t)log_uniform(rng, 4, 8 << 20);
    else if (kind < 0.75)
      o->bytes = (uint64_t)log_uniform(rng, 1, 256);
    else if (kind < 0.95)
      o->bytes = (uint64_t)log_uniform(rng, 256, 64 << 10);
    else
      o->bytes = (uint64_t)log_uniform(rng, 64 << 10, 16 << 20);
    /* Counts over a 100,000-packet profile, divided by the packets. */
    double hot = pow(unit(rng), 3) * 20;
    o->reads_per_packet = round(hot * 1e5) / 1e5;
    o->writes_per_packet = round(hot * unit(rng) * 1e5) / 1e5;
    o->atomics_per_packet =
        unit(rng) < 0.2 ? round(unit(rng) * 2 * 1e5) / 1e5 : 0;
    double s = unit(rng);
    o->narrowest_scope = s < 0.45   ? CLARA_SCOPE_CHIP
                         : s < 0.60 ? CLARA_SCOPE_ISLAND
                                    : CLARA_SCOPE_CORE;
    if (o->writes_per_packet == 0 && o->atomics_per_packet == 0 &&
        o->narrowest_scope != CLARA_SCOPE_CORE)
      o->narrowest_scope = CLARA_SCOPE_CORE; /* read-only: may replicate */
  }
}

static int compare_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double cpu_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* Median wall (the placement's solve_ms) and CPU time over `runs` runs;
 * returns 0 on failure. The last placement is stored in *out. */
static int time_solve(const clara_nic *nic, const clara_place_object *objects,
                      size_t n, const clara_place_options *options, int runs,
                      double *wall_ms, double *cpu_median_ms,
                      clara_placement **out) {
  double wall[16], cpu[16];
  *out = NULL;
  for (int r = 0; r < runs; ++r) {
    clara_placement *p = NULL;
    char *message = NULL;
    double start = cpu_ms();
    if (clara_place_state_solve(nic, objects, n, options, &p, &message)) {
      fprintf(stderr, "place_bench: %s\n", message);
      clara_dispose_message(message);
      return 0;
    }
    cpu[r] = cpu_ms() - start;
    wall[r] = p->solve_ms;
    if (r + 1 < runs)
      clara_placement_dispose(p);
    else
      *out = p;
  }
  qsort(wall, (size_t)runs, sizeof(double), compare_double);
  qsort(cpu, (size_t)runs, sizeof(double), compare_double);
  *wall_ms = wall[runs / 2];
  *cpu_median_ms = cpu[runs / 2];
  return 1;
}

static void synthetic_levels(clara_nic_level *levels, unsigned *sizes) {
  static const char *names[] = {"L0", "L1", "L2", "L3", "L4"};
  static const clara_scope scopes[] = {CLARA_SCOPE_CORE, CLARA_SCOPE_ISLAND,
                                       CLARA_SCOPE_ISLAND, CLARA_SCOPE_CHIP,
                                       CLARA_SCOPE_CHIP};
  static const uint64_t capacity[] = {4096, 65536, 262144, 4194304,
                                      2147483648u};
  static const double read[] = {3, 35, 70, 122, 336};
  static const double write[] = {3, 35, 80, 122, 290};
  static const double atomic[] = {6, 50, 160, 220, 210};
  for (int j = 0; j < 5; ++j) {
    memset(&levels[j], 0, sizeof levels[j]);
    levels[j].name = (char *)names[j];
    levels[j].scope = scopes[j];
    levels[j].capacity_bytes = capacity[j];
    levels[j].read_cycles = read[j];
    levels[j].write_cycles = write[j];
    levels[j].atomic_cycles = atomic[j];
    levels[j].transaction_bytes = sizes;
    levels[j].num_transaction_sizes = 5;
  }
  levels[3].bandwidth_accesses_per_sec = 1.1e9;
  levels[4].cache_bytes = 3u << 20;
  levels[4].cache_read_cycles = levels[4].cache_write_cycles = 200;
}

int main(int argc, char **argv) {
  const char *profile = argc > 1 ? argv[1] : "models/nic/agilio-cx.yaml";
  clara_nic *agilio = NULL;
  char *message = NULL;
  if (clara_nic_load_file(profile, &agilio, &message)) {
    fprintf(stderr, "place_bench: %s\n", message);
    clara_dispose_message(message);
    return 1;
  }
  unsigned sizes[] = {4, 8, 16, 32, 64};
  clara_nic_level levels[5];
  synthetic_levels(levels, sizes);
  clara_nic synthetic = *agilio;
  synthetic.name = "synthetic-5";
  synthetic.levels = levels;
  synthetic.num_levels = 5;

  enum { N = 200, INSTANCES = 10, RUNS = 5 };
  clara_place_object objects[N];
  printf("## 200 objects x 5 levels: %d instances per row, each solved %d "
         "times\n\n",
         INSTANCES, RUNS);
  printf("| objects | NIC | rate (Mpps) | CPU ms, median instance | CPU ms, "
         "worst instance | wall ms, worst instance | optimal | cycles/packet "
         "/ baseline |\n|---|---|---|---|---|---|---|---|\n");
  const clara_nic *nics[] = {&synthetic, agilio};
  const double rates[] = {0, 150e6};
  int failures = 0;
  for (int stress = 0; stress < 2; ++stress)
    for (int which = 0; which < 2; ++which)
      for (int rate = 0; rate < 2; ++rate) {
        double cpu[INSTANCES], worst_wall = 0, ratio_sum = 0;
        int optimal = 0;
        uint64_t rng = 1000 + (uint64_t)(2 * stress + which);
        for (int t = 0; t < INSTANCES; ++t) {
          random_objects(&rng, objects, N, stress);
          clara_place_options options;
          clara_place_default_options(&options);
          options.packets_per_sec = rates[rate];
          clara_placement *p = NULL;
          double wall;
          cpu[t] = NAN;
          if (!time_solve(nics[which], objects, N, &options, RUNS, &wall,
                          &cpu[t], &p)) {
            ++failures;
            continue;
          }
          if (wall > worst_wall)
            worst_wall = wall;
          optimal += p->optimal;
          ratio_sum += p->cycles_per_packet / p->baseline_cycles_per_packet;
          clara_placement_dispose(p);
        }
        qsort(cpu, INSTANCES, sizeof(double), compare_double);
        printf("| %s | %s | %g | %.1f | %.1f | %.1f | %d/%d | %.3f |\n",
               stress ? "stress" : "NF-like", nics[which]->name,
               rates[rate] / 1e6, cpu[INSTANCES / 2], cpu[INSTANCES - 1],
               worst_wall, optimal, INSTANCES, ratio_sum / INSTANCES);
        fflush(stdout);
      }

  enum { SMALL = 14, SMALL_INSTANCES = 200 };
  printf("\n## 3. ILP vs exhaustive on agilio-cx, %d instances per row\n\n",
         SMALL_INSTANCES);
  printf("| objects | sizes | rate (Mpps) | ILP = exhaustive (1e-6) | a limit "
         "binds | "
         "infeasible (both) | worst ILP gap | mean ILP ms | mean exhaustive "
         "ms |\n|---|---|---|---|---|---|---|---|---|\n");
  for (int stress = 0; stress < 2; ++stress)
    for (int rate = 0; rate < 2; ++rate) {
      uint64_t rng = 77 + (uint64_t)(2 * stress + rate);
      int equal = 0, infeasible = 0, binds = 0, solved = 0;
      double worst_gap = 0, ilp_ms = 0, ex_ms = 0;
      for (int t = 0; t < SMALL_INSTANCES; ++t) {
        random_objects(&rng, objects, SMALL, stress);
        clara_place_options options;
        clara_place_default_options(&options);
        options.packets_per_sec = rate ? 300e6 : 0;
        clara_placement *a = NULL, *b = NULL;
        int sa =
            clara_place_state_solve(agilio, objects, SMALL, &options, &a, NULL);
        int sb = clara_place_state_exhaustive(agilio, objects, SMALL, &options,
                                              &b, NULL);
        if (sa != sb) {
          ++failures;
        } else if (sa != CLARA_OK) {
          ++infeasible;
          ++equal;
        } else {
          double gap = (a->cycles_per_packet - b->cycles_per_packet) /
                       fmax(b->cycles_per_packet, 1e-300);
          /* GLPK prunes nodes within its 1e-7 relative objective
           * tolerance; the unit tests compare to 1e-6 as well. */
          if (fabs(gap) < 1e-6)
            ++equal;
          if (gap > worst_gap)
            worst_gap = gap;
          /* Did any limit change the answer? Compare with every object's
           * cheapest option on its own. */
          double free_cost = 0;
          for (size_t i = 0; i < SMALL; ++i) {
            double best = INFINITY;
            for (size_t j = 0; j < agilio->num_levels; ++j) {
              const clara_nic_level *l = &agilio->levels[j];
              if (l->scope < objects[i].narrowest_scope ||
                  objects[i].bytes > l->capacity_bytes)
                continue;
              best = fmin(best, clara_place_object_cycles(l, &objects[i], 0));
              if (l->cache_bytes && objects[i].bytes <= l->cache_bytes)
                best = fmin(best, clara_place_object_cycles(l, &objects[i], 1));
            }
            free_cost += best;
          }
          binds += b->cycles_per_packet > free_cost * (1 + 1e-9);
          ilp_ms += a->solve_ms;
          ex_ms += b->solve_ms;
          ++solved;
        }
        clara_placement_dispose(a);
        clara_placement_dispose(b);
      }
      printf("| %d | %s | %g | %d/%d | %d | %d | %.2g %% | %.2f | %.2f |\n",
             SMALL, stress ? "stress" : "NF-like", rate ? 300.0 : 0.0, equal,
             SMALL_INSTANCES, binds, infeasible, 100 * worst_gap,
             solved ? ilp_ms / solved : 0, solved ? ex_ms / solved : 0);
      fflush(stdout);
    }
  clara_nic_dispose(agilio);
  glp_free_env();
  return failures ? 1 : 0;
}
