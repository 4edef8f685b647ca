/*===- bench/pack/pack_bench.c - clara-pack-vars against its baselines ----===*
 *
 * Synthetic NF-like instances with 10-40 state variables: code paths that
 * each own a group of variables, blocks that touch most of their path's
 * group (and sometimes a shared counter), Zipf-skewed path frequencies, and
 * a declaration order that keeps only part of the grouping. Reports the
 * transactions per packet of the declaration order, sort-by-size, Clara's
 * packs and the paper's expert emulation (every order of the variables of
 * the three hottest blocks), under the transaction model of core/pack.h.
 *
 *   build/bin/pack_bench [models/nic/agilio-cx.yaml [LEVEL]]
 *
 *===----------------------------------------------------------------------===*/
#include "error.h"
#include "nic.h"
#include "pack.h"

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

static size_t uniform(uint64_t *state, size_t lo, size_t hi) {
  return lo + (size_t)(next_random(state) % (hi - lo + 1));
}

enum { MAX_VARS = 40, MAX_BLOCKS = 64, MAX_ACCESSES = 8 };

typedef struct {
  clara_pack_variable vars[MAX_VARS];
  clara_pack_access accesses[MAX_BLOCKS][MAX_ACCESSES];
  clara_pack_block blocks[MAX_BLOCKS];
  clara_pack_input input;
} instance;

/* Click element fields: bools, ports, addresses and ints, counters and
 * pointers, timestamps and small structs. */
static uint64_t field_bytes(uint64_t *rng) {
  double u = unit(rng);
  return u < 0.10   ? 1
         : u < 0.25 ? 2
         : u < 0.60 ? 4
         : u < 0.90 ? 8
         : u < 0.95 ? 16
                    : 24;
}

/* `locality`: the share of variables whose declaration stays next to the
 * rest of their path's group (1: declared exactly by path; 0: random). */
static void make_instance(uint64_t *rng, size_t num_vars, double locality,
                          instance *x) {
  size_t group_of[MAX_VARS];
  /* Two shared counters, the rest in groups of 2-6 per path. */
  size_t shared = 2, num_groups = 0, v = shared;
  for (size_t i = 0; i < shared; ++i)
    group_of[i] = SIZE_MAX;
  while (v < num_vars) {
    size_t size = uniform(rng, 2, 6);
    for (size_t i = 0; i < size && v < num_vars; ++i)
      group_of[v++] = num_groups;
    ++num_groups;
  }
  /* Path frequencies: Zipf (s = 1.2) over a random ranking. */
  size_t rank[MAX_VARS];
  for (size_t g = 0; g < num_groups; ++g)
    rank[g] = g;
  for (size_t g = num_groups; g > 1; --g) {
    size_t j = uniform(rng, 0, g - 1), t = rank[g - 1];
    rank[g - 1] = rank[j];
    rank[j] = t;
  }
  size_t num_blocks = 0;
  for (size_t g = 0; g < num_groups && num_blocks < MAX_BLOCKS; ++g) {
    size_t members[MAX_VARS], count = 0;
    for (size_t i = 0; i < num_vars; ++i)
      if (group_of[i] == g)
        members[count++] = i;
    double frequency = 1 / pow((double)(rank[g] + 1), 1.2);
    size_t blocks = uniform(rng, 1, 3);
    for (size_t b = 0; b < blocks && num_blocks < MAX_BLOCKS; ++b) {
      clara_pack_access *a = x->accesses[num_blocks];
      size_t n = 0;
      for (size_t m = 0; m < count && n < MAX_ACCESSES - 1; ++m)
        if (b == 0 || unit(rng) < 0.7)
          a[n++] =
              (clara_pack_access){members[m], 1, unit(rng) < 0.4 ? 1.0 : 0.0};
      if (unit(rng) < 0.3)
        a[n++] = (clara_pack_access){uniform(rng, 0, shared - 1), 1, 1};
      x->blocks[num_blocks] = (clara_pack_block){
          NULL, b == 0 ? frequency : frequency * (0.3 + 0.7 * unit(rng)), a, n};
      ++num_blocks;
    }
  }
  /* Declaration order: by group, then a `1 - locality` share of the
   * variables moved to random places. */
  double key[MAX_VARS];
  for (size_t i = 0; i < num_vars; ++i)
    key[i] = unit(rng) < locality
                 ? (group_of[i] == SIZE_MAX ? -1.0 : (double)group_of[i]) +
                       0.001 * (double)i
                 : unit(rng) * (double)num_groups;
  for (size_t i = 0; i < num_vars; ++i) {
    size_t before = 0;
    for (size_t j = 0; j < num_vars; ++j)
      if (key[j] < key[i] || (key[j] == key[i] && j < i))
        ++before;
    x->vars[i] = (clara_pack_variable){NULL,   field_bytes(rng), 0,
                                       before, CLARA_PACK_WHOLE, 0};
  }
  x->input = (clara_pack_input){x->vars, num_vars, x->blocks, num_blocks};
}

static double cpu_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

int main(int argc, char **argv) {
  const char *profile = argc > 1 ? argv[1] : "models/nic/agilio-cx.yaml";
  const char *level_name = argc > 2 ? argv[2] : "IMEM";
  clara_nic *nic = NULL;
  char *message = NULL;
  if (clara_nic_load_file(profile, &nic, &message)) {
    fprintf(stderr, "pack_bench: %s\n", message);
    clara_dispose_message(message);
    return 1;
  }
  const clara_nic_level *level = clara_nic_find_level(nic, level_name);
  if (!level) {
    fprintf(stderr, "pack_bench: %s has no level %s\n", profile, level_name);
    clara_nic_dispose(nic);
    return 1;
  }
  printf("## %s %s (transactions up to %u bytes), 60 instances per row\n\n",
         nic->name, level->name,
         level->transaction_bytes[level->num_transaction_sizes - 1]);
  printf("Transactions per packet, means over the instances. floor: no "
         "layout does better (core/pack.h: each block execution reads at "
         "least ceil(bytes read / W) windows, likewise writes).\n\n");
  printf("| variables | locality | floor | declaration | by size | Clara, "
         "silhouette k | Clara | expert | Clara vs declaration | Clara < / = "
         "by size | Clara vs expert: mean / worst | within 5 %% of expert | "
         "CPU ms: Clara / with expert |\n"
         "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  const size_t ranges[][2] = {{10, 20}, {20, 30}, {30, 40}};
  const double localities[] = {0.0, 0.5, 0.8};
  int failures = 0;
  for (size_t r = 0; r < 3; ++r)
    for (size_t l = 0; l < 3; ++l) {
      enum { INSTANCES = 60 };
      uint64_t rng = 42 + 10 * r + l;
      double floor = 0, decl = 0, size = 0, silhouette = 0, clara = 0;
      double expert = 0, mean_gap = 0, worst_gap = -INFINITY, ms = 0;
      double expert_ms = 0;
      int below_size = 0, equal_size = 0, within = 0, done = 0;
      for (int t = 0; t < INSTANCES; ++t) {
        instance x;
        make_instance(&rng, uniform(&rng, ranges[r][0], ranges[r][1]),
                      localities[l], &x);
        clara_pack_options options;
        clara_pack_default_options(&options);
        clara_packing *p = NULL, *q = NULL, *alone = NULL;
        double start = cpu_ms();
        int failed =
            clara_pack_variables(&x.input, level, &options, &p, &message);
        expert_ms += cpu_ms() - start;
        options.expert_max_variables = 0;
        start = cpu_ms();
        if (!failed)
          failed =
              clara_pack_variables(&x.input, level, &options, &alone, &message);
        ms += cpu_ms() - start;
        clara_packing_dispose(alone);
        options.k_rule = CLARA_PACK_K_SILHOUETTE;
        if (!failed)
          failed =
              clara_pack_variables(&x.input, level, &options, &q, &message);
        if (failed) {
          fprintf(stderr, "pack_bench: %s\n", message);
          clara_dispose_message(message);
          message = NULL;
          clara_packing_dispose(p);
          ++failures;
          continue;
        }
        floor += p->floor_transactions_per_packet;
        double c = p->clara.transactions_per_packet;
        decl += p->declaration.transactions_per_packet;
        size += p->by_size.transactions_per_packet;
        silhouette += q->clara.transactions_per_packet;
        clara += c;
        expert += p->expert.transactions_per_packet;
        below_size += c < p->by_size.transactions_per_packet;
        equal_size += c == p->by_size.transactions_per_packet;
        double gap = c / p->expert.transactions_per_packet - 1;
        mean_gap += gap;
        within += gap <= 0.05;
        if (gap > worst_gap)
          worst_gap = gap;
        ++done;
        clara_packing_dispose(p);
        clara_packing_dispose(q);
      }
      printf("| %zu-%zu | %.1f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | "
             "%+.1f %% | %d / %d of %d | %+.1f %% / %+.1f %% | %d/%d | %.1f / "
             "%.1f |\n",
             ranges[r][0], ranges[r][1], localities[l], floor / done,
             decl / done, size / done, silhouette / done, clara / done,
             expert / done, 100 * (clara / decl - 1), below_size, equal_size,
             done, 100 * mean_gap / done, 100 * worst_gap, within, done,
             ms / done, expert_ms / done);
      fflush(stdout);
    }

  /* One instance in full, as clara-pack-vars would report it. */
  uint64_t rng = 7;
  instance x;
  make_instance(&rng, 24, 0.5, &x);
  clara_pack_options options;
  clara_pack_default_options(&options);
  clara_packing *p = NULL;
  if (clara_pack_variables(&x.input, level, &options, &p, &message) == 0) {
    printf("\n## Example: 24 variables, locality 0.5: k = %zu (silhouette "
           "%.2f)\n\n| pack | members (declaration index) | bytes | access "
           "| accesses/packet |\n|---|---|---|---|---|\n",
           p->k, p->silhouette);
    for (size_t k = 0; k < p->num_packs; ++k) {
      const clara_pack *pack = &p->packs[k];
      printf("| %zu | ", k);
      for (size_t m = 0; m < pack->num_members; ++m)
        printf("%s%zu(%lluB)", m ? " " : "",
               x.vars[pack->members[m]].declaration_index,
               (unsigned long long)x.vars[pack->members[m]].bytes);
      printf(" | %llu | %u x %u B | %.3f |\n", (unsigned long long)pack->bytes,
             pack->num_accesses, pack->access_bytes, pack->accesses_per_packet);
    }
    printf("\ntransactions/packet: declaration %.3f, by size %.3f, Clara "
           "%.3f, expert %.3f (%zu variables, %.0f orders)\n",
           p->declaration.transactions_per_packet,
           p->by_size.transactions_per_packet, p->clara.transactions_per_packet,
           p->expert.transactions_per_packet, p->expert_variables,
           p->expert_orders);
    clara_packing_dispose(p);
  } else {
    clara_dispose_message(message);
    ++failures;
  }
  clara_nic_dispose(nic);
  return failures ? 1 : 0;
}
