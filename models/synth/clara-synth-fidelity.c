/*===- models/synth/clara-synth-fidelity.c - synthesis fidelity -*- C -*-===*\
 *
 * clara-synth-fidelity [options] SET...
 *
 * Each SET is a directory of NF sources (*.cc, e.g. clara-synth's output) or
 * bitcode (*.bc), or a single file. Compiles each source to -O0 IR
 * (clang++ -std=c++17 -O0 -Xclang -disable-O0-optnone
 * -fno-discard-value-names -emit-llvm, against runtime-profiler/include),
 * counts the opcodes of the per-packet functions and prints the paper's
 * Table 1 metrics against the real Click per-packet distribution, one
 * column per SET: first over the entry points only (the real statistics'
 * definition), then over the entry points plus the own helpers they call.
 * Below, the block-length distribution of each SET against a reference SET
 * (--blocks-ref, default the project's NF corpus, the .bc files of build/nf:
the real
 * Click statistics have no block lengths).
 *
 * --tune OUT fits the guided generator's weights (see README.md).
 *
\*===----------------------------------------------------------------------===*/
#include "synth_gen.h"
#include "synth_measure.h"
#include "synth_weights_io.h"

#include "error.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef CLARA_SOURCE_DIR
#define CLARA_SOURCE_DIR "."
#endif
#ifndef CLARA_BINARY_DIR
#define CLARA_BINARY_DIR "build"
#endif
#ifndef CLARA_CLANGXX
#define CLARA_CLANGXX "clang++-19"
#endif

static void usage(FILE *f) {
  fprintf(f,
          "usage: clara-synth-fidelity [options] SET...\n"
          "       clara-synth-fidelity --tune OUT.tsv [--rounds R] "
          "[--samples N] [options]\n"
          "\n"
          "Opcode-distribution fidelity of NF sources (directories of .cc or\n"
          ".bc files) against real Click's per-packet functions, with the\n"
          "metrics of the paper's Table 1, and their block-length distance\n"
          "against a reference set.\n"
          "\n"
          "  --real TSV       real statistics (default\n"
          "                   /work/shared/data/click-stats/opcode_hist.tsv)\n"
          "  --column NAME    count column of TSV (default count_pkt)\n"
          "  --blocks-ref SET reference for block lengths (default the NF\n"
          "                   corpus, " CLARA_BINARY_DIR "/nf/*.bc)\n"
          "  --renyi ALPHA    Renyi divergence order (default 0.5)\n"
          "  --jobs N         parallel compiles (default 2)\n"
          "  --opcodes        also print the per-opcode shares\n"
          "  --include DIR    Click-compatible headers (default\n"
          "                   " CLARA_SOURCE_DIR "/runtime-profiler/include)\n"
          "  --clangxx PATH   compiler (default " CLARA_CLANGXX ")\n"
          "  --tune OUT       fit guided weights; writes OUT (TSV) and\n"
          "                   OUT.h (synth_weights.h form)\n"
          "  --rounds R       tuning rounds (default 4)\n"
          "  --samples N      NFs generated per tuning round (default 300)\n"
          "  --quiet          no progress output\n");
}

typedef struct {
  const char *name;
  syn_measurement m;
} set_t;

static const char *real_default =
    "/work/shared/data/click-stats/opcode_hist.tsv";

static void print_metric_rows(set_t *sets, int nsets, clara_histogram *real,
                              int helpers, double alpha) {
  clara_distribution_metrics met[64];
  int ok[64];
  for (int s = 0; s < nsets; s++) {
    char *msg = 0;
    const clara_histogram *h =
        helpers ? sets[s].m.helper_ops : sets[s].m.entry_ops;
    ok[s] =
        clara_distribution_compare(real, h, alpha, &met[s], &msg) == CLARA_OK;
    clara_dispose_message(msg);
  }
  struct {
    const char *label;
    size_t off;
  } rows[] = {
      {"Jensen-Shannon divergence (log2)",
       offsetof(clara_distribution_metrics, jensen_shannon)},
      {"Renyi divergence D(real||set) (log2)",
       offsetof(clara_distribution_metrics, renyi)},
      {"Bhattacharyya distance (ln)",
       offsetof(clara_distribution_metrics, bhattacharyya)},
      {"Cosine similarity", offsetof(clara_distribution_metrics, cosine)},
      {"Euclidean distance", offsetof(clara_distribution_metrics, euclidean)},
      {"Variational distance (sum |p-q|)",
       offsetof(clara_distribution_metrics, variational)}};
  for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
    if (r == 1)
      printf("%-40s", "Renyi divergence order alpha");
    if (r == 1) {
      for (int s = 0; s < nsets; s++)
        printf(" %14g", alpha);
      printf("\n");
    }
    printf("%-40s", rows[r].label);
    for (int s = 0; s < nsets; s++) {
      if (ok[s])
        printf(" %14.4f", *(double *)((char *)&met[s] + rows[r].off));
      else
        printf(" %14s", "n/a");
    }
    printf("\n");
  }
  printf("%-40s", "Cosine distance (1 - similarity)");
  for (int s = 0; s < nsets; s++)
    ok[s] ? printf(" %14.4f", 1 - met[s].cosine) : printf(" %14s", "n/a");
  printf("\n");
}

static void print_header(set_t *sets, int nsets, const char *title) {
  printf("\n%-40s", title);
  for (int s = 0; s < nsets; s++) {
    const char *n = strrchr(sets[s].name, '/');
    n = n && n[1] ? n + 1 : sets[s].name;
    printf(" %14.14s", n);
  }
  printf("\n");
}

static int measure_set(const char *path, const syn_measure_options *o,
                       syn_measurement *m) {
  char **paths = 0;
  int n = 0;
  char *msg = 0;
  int rc = syn_list_sources(path, &paths, &n, &msg);
  if (!rc && syn_measurement_init(m))
    rc = -1, msg = strdup("out of memory");
  if (!rc)
    rc = syn_measure_files(o, paths, n, m, &msg);
  for (int i = 0; i < n; i++)
    free(paths[i]);
  free(paths);
  if (rc) {
    fprintf(stderr, "clara-synth-fidelity: %s\n", msg ? msg : "error");
    free(msg);
  }
  return rc;
}

/* --- tuning --------------------------------------------------------------- */
int syn_tune(const syn_measure_options *o, clara_histogram *real,
             const char *out, int rounds, int samples, int quiet);

int main(int argc, char **argv) {
  const char *real_path = real_default, *column = "count_pkt";
  const char *blocks_ref = 0, *tune_out = 0;
  double alpha = 0.5;
  int rounds = 4, samples = 300, show_opcodes = 0;
  syn_measure_options o = {CLARA_CLANGXX,
                           CLARA_SOURCE_DIR "/runtime-profiler/include", 2, 0};
  const char *set_paths[64];
  int nsets = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int has = i + 1 < argc;
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      usage(stdout);
      return 0;
    } else if (!strcmp(a, "--quiet"))
      o.quiet = 1;
    else if (!strcmp(a, "--opcodes"))
      show_opcodes = 1;
    else if (!strcmp(a, "--real") && has)
      real_path = argv[++i];
    else if (!strcmp(a, "--column") && has)
      column = argv[++i];
    else if (!strcmp(a, "--blocks-ref") && has)
      blocks_ref = argv[++i];
    else if (!strcmp(a, "--include") && has)
      o.include = argv[++i];
    else if (!strcmp(a, "--clangxx") && has)
      o.clangxx = argv[++i];
    else if (!strcmp(a, "--tune") && has)
      tune_out = argv[++i];
    else if ((!strcmp(a, "--renyi") || !strcmp(a, "--jobs") ||
              !strcmp(a, "--rounds") || !strcmp(a, "--samples")) &&
             has) {
      char *end;
      double v = strtod(argv[++i], &end);
      if (*end || !(v > 0)) {
        fprintf(stderr,
                "clara-synth-fidelity: %s needs a positive number, "
                "got '%s'\n",
                a, argv[i]);
        return 2;
      }
      if (!strcmp(a, "--renyi"))
        alpha = v;
      else if (!strcmp(a, "--jobs"))
        o.jobs = (int)v;
      else if (!strcmp(a, "--rounds"))
        rounds = (int)v;
      else
        samples = (int)v;
    } else if (a[0] == '-') {
      fprintf(stderr,
              "clara-synth-fidelity: unknown or incomplete option "
              "'%s' (see --help)\n",
              a);
      return 2;
    } else if (nsets < 60)
      set_paths[nsets++] = a;
    else {
      fprintf(stderr, "clara-synth-fidelity: at most 60 sets\n");
      return 2;
    }
  }
  if (alpha == 1) {
    fprintf(stderr, "clara-synth-fidelity: --renyi must not be 1\n");
    return 2;
  }
  clara_histogram *real = 0;
  char *msg = 0;
  if (clara_histogram_read_tsv(real_path, "opcode", column, &real, &msg)) {
    fprintf(stderr, "clara-synth-fidelity: %s\n", msg);
    clara_dispose_message(msg);
    return 1;
  }
  if (tune_out) {
    int rc = syn_tune(&o, real, tune_out, rounds, samples, o.quiet);
    clara_histogram_dispose(real);
    return rc ? 1 : 0;
  }
  if (!nsets) {
    fprintf(stderr, "clara-synth-fidelity: no SET given (see --help)\n");
    clara_histogram_dispose(real);
    return 2;
  }

  set_t sets[64];
  int status = 0;
  for (int s = 0; s < nsets && !status; s++) {
    sets[s].name = set_paths[s];
    if (!o.quiet)
      fprintf(stderr, "clara-synth-fidelity: measuring %s\n", set_paths[s]);
    status = measure_set(set_paths[s], &o, &sets[s].m);
    if (status)
      nsets = s;
  }
  set_t ref;
  char ref_default[4200];
  snprintf(ref_default, sizeof ref_default, "%s/nf", CLARA_BINARY_DIR);
  const char *ref_path = blocks_ref ? blocks_ref : ref_default;
  int have_ref = 0;
  if (!status) {
    ref.name = ref_path;
    have_ref = measure_set(ref_path, &o, &ref.m) == 0;
    if (!have_ref && blocks_ref)
      status = 1;
  }
  if (!status) {
    printf("clara-synth-fidelity: real per-packet distribution %s (column "
           "%s, %.0f instructions)\n",
           real_path, column, clara_histogram_total(real));
    print_header(sets, nsets, "set");
    printf("%-40s", "files / compiled / with warnings");
    for (int s = 0; s < nsets; s++) {
      char b[64];
      snprintf(b, sizeof b, "%u/%u/%u", sets[s].m.files, sets[s].m.compiled,
               sets[s].m.warned);
      printf(" %14s", b);
    }
    printf("\n%-40s", "entry functions / own helpers");
    for (int s = 0; s < nsets; s++) {
      char b[64];
      snprintf(b, sizeof b, "%u/%u", sets[s].m.entries, sets[s].m.helpers);
      printf(" %14s", b);
    }
    printf("\n%-40s", "instructions entry / entry+helpers");
    for (int s = 0; s < nsets; s++) {
      char b[64];
      snprintf(b, sizeof b, "%.0f/%.0f",
               clara_histogram_total(sets[s].m.entry_ops),
               clara_histogram_total(sets[s].m.helper_ops));
      printf(" %14s", b);
    }
    printf("\n");
    print_header(sets, nsets, "opcodes: entry points vs real (Table 1)");
    print_metric_rows(sets, nsets, real, 0, alpha);
    print_header(sets, nsets, "opcodes: entry + helpers vs real");
    print_metric_rows(sets, nsets, real, 1, alpha);
    if (have_ref) {
      char title[300];
      snprintf(title, sizeof title, "block lengths (entry) vs %.20s", ref_path);
      set_t tmp[64];
      for (int s = 0; s < nsets; s++) {
        tmp[s] = sets[s];
        tmp[s].m.entry_ops = sets[s].m.entry_blocks;
        tmp[s].m.helper_ops = sets[s].m.all_blocks;
      }
      print_header(tmp, nsets, title);
      print_metric_rows(tmp, nsets, ref.m.entry_blocks, 0, alpha);
      snprintf(title, sizeof title, "block lengths (all) vs %.20s", ref_path);
      print_header(tmp, nsets, title);
      print_metric_rows(tmp, nsets, ref.m.all_blocks, 1, alpha);
      printf("%-40s", "mean instructions per block (entry)");
      for (int s = 0; s < nsets; s++)
        printf(" %14.2f", clara_histogram_total(sets[s].m.entry_ops) /
                              clara_histogram_total(sets[s].m.entry_blocks));
      printf("\n%-40s %14.2f (%s: %u entry functions, %u files)\n",
             "  reference",
             clara_histogram_total(ref.m.entry_ops) /
                 clara_histogram_total(ref.m.entry_blocks),
             ref_path, ref.m.entries, ref.m.files);
    } else
      printf("\n(no block-length reference: %s not readable)\n", ref_path);
    if (show_opcodes) {
      print_header(sets, nsets, "opcode share (entry)      real");
      for (size_t k = 0; k < clara_histogram_size(real); k++) {
        const char *key = clara_histogram_key(real, k);
        printf("%-24s %15.4f", key,
               clara_histogram_count_at(real, k) / clara_histogram_total(real));
        for (int s = 0; s < nsets; s++)
          printf(" %14.4f", clara_histogram_get(sets[s].m.entry_ops, key) /
                                clara_histogram_total(sets[s].m.entry_ops));
        printf("\n");
      }
      for (int s = 0; s < nsets; s++)
        for (size_t k = 0; k < clara_histogram_size(sets[s].m.entry_ops); k++)
          if (clara_histogram_get(
                  real, clara_histogram_key(sets[s].m.entry_ops, k)) == 0)
            printf("(set %d has opcode %s absent from the real data)\n", s,
                   clara_histogram_key(sets[s].m.entry_ops, k));
    }
    for (int s = 0; s < nsets; s++)
      if (sets[s].m.first_failure[0])
        printf("note: %s: first compiler message: %s\n", sets[s].name,
               sets[s].m.first_failure);
  }
  for (int s = 0; s < nsets; s++)
    syn_measurement_dispose(&sets[s].m);
  if (have_ref)
    syn_measurement_dispose(&ref.m);
  clara_histogram_dispose(real);
  return status ? 1 : 0;
}
