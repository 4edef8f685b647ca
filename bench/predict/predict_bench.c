/*===- bench/predict/predict_bench.c - Instruction-model accuracy ---------===*
 *
 *   predict_bench --nic NAME --model-dir DIR --corpus CORPUS.tsv
 *                 TRAIN-PAIRS.tsv...
 *
 * Scores the shipped model of core/predict.h on the NF corpus's own-code
 * blocks (CORPUS.tsv: clara-label --functions nf on the test/nf sources, never
 *used in training): WMAPE per block and summed per function, per NF and pooled;
 * memory-access accuracy of the IR's state+packet accesses against the
 * backend's non-stack loads/stores; and two baselines fitted on the same
 * training pairs: the IR instruction count scaled by one least-squares
 * factor, and a non-negative per-opcode linear regression. First checks
 * that no corpus (function, tokens) occurs in the training pairs.
 *
 *===----------------------------------------------------------------------===*/
#include "error.h"
#include "pairs.h"
#include "predict.h"
#include "vocab.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_OPS 128

typedef struct {
  char names[MAX_OPS][32];
  size_t count;
} opcodes;

static size_t opcode_of(opcodes *ops, const char *word, size_t len) {
  size_t n = strcspn(word, " ");
  if (n > len)
    n = len;
  if (n > 31)
    n = 31;
  for (size_t i = 0; i < ops->count; ++i)
    if (strlen(ops->names[i]) == n && strncmp(ops->names[i], word, n) == 0)
      return i;
  if (ops->count == MAX_OPS)
    return MAX_OPS - 1;
  memcpy(ops->names[ops->count], word, n);
  ops->names[ops->count][n] = '\0';
  return ops->count++;
}

/* Opcode histogram of a token string; returns the word count. */
static size_t histogram(opcodes *ops, const char *tokens, double *h,
                        double *mem_ir) {
  memset(h, 0, MAX_OPS * sizeof *h);
  *mem_ir = 0;
  size_t words = 0;
  const char *p = tokens;
  const size_t sep = strlen(CLARA_VOCAB_SEPARATOR);
  while (p && *p) {
    const char *next = strstr(p, CLARA_VOCAB_SEPARATOR);
    size_t len = next ? (size_t)(next - p) : strlen(p);
    h[opcode_of(ops, p, len)] += 1;
    ++words;
    int is_mem = strncmp(p, "load ", 5) == 0 || strncmp(p, "store ", 6) == 0 ||
                 strncmp(p, "atomicrmw ", 10) == 0 ||
                 strncmp(p, "cmpxchg ", 8) == 0;
    if (is_mem && len > 6 &&
        ((len >= 6 && strncmp(p + len - 6, " state", 6) == 0) ||
         (len >= 7 && strncmp(p + len - 7, " packet", 7) == 0)))
      *mem_ir += 1;
    p = next ? next + sep : NULL;
  }
  return words;
}

/* Non-negative least squares by cyclic coordinate descent. */
static void nnls(const double *x, const double *y, size_t n, size_t d,
                 double *w) {
  double *r = malloc(n * sizeof *r), *col = calloc(d, sizeof *col);
  memset(w, 0, d * sizeof *w);
  for (size_t i = 0; i < n; ++i)
    r[i] = y[i];
  for (size_t j = 0; j < d; ++j)
    for (size_t i = 0; i < n; ++i)
      col[j] += x[i * d + j] * x[i * d + j];
  for (int it = 0; it < 200; ++it)
    for (size_t j = 0; j < d; ++j) {
      if (col[j] == 0)
        continue;
      double g = 0;
      for (size_t i = 0; i < n; ++i)
        g += x[i * d + j] * r[i];
      double nw = w[j] + g / col[j];
      if (nw < 0)
        nw = 0;
      double delta = nw - w[j];
      if (delta != 0)
        for (size_t i = 0; i < n; ++i)
          r[i] -= delta * x[i * d + j];
      w[j] = nw;
    }
  free(r);
  free(col);
}

typedef struct {
  double err_model, err_count, err_ops, actual;
  double ferr_model, ferr_count, ferr_ops;
  double mem_err, mem_actual;
  double fmem_ir, fmem_actual, fmem_err; /* per function */
  size_t blocks;
} score;

static void add_function(score *s, double pm, double pc, double po, double a) {
  s->ferr_model += fabs(pm - a);
  s->ferr_count += fabs(pc - a);
  s->ferr_ops += fabs(po - a);
}

static const char *nf_of(const char *source, char *buf, size_t size) {
  const char *base = strrchr(source, '/');
  snprintf(buf, size, "%s", base ? base + 1 : source);
  char *dot = strrchr(buf, '.');
  if (dot)
    *dot = '\0';
  return buf;
}

int main(int argc, char **argv) {
  const char *nic = NULL, *dir = NULL, *corpus_path = NULL, *dump_path = NULL;
  clara_pairs *train = clara_pairs_create(), *corpus = clara_pairs_create();
  char *msg = NULL;
  for (int i = 1; i < argc; ++i) {
    if (strcmp(argv[i], "--nic") == 0 && i + 1 < argc)
      nic = argv[++i];
    else if (strcmp(argv[i], "--model-dir") == 0 && i + 1 < argc)
      dir = argv[++i];
    else if (strcmp(argv[i], "--corpus") == 0 && i + 1 < argc)
      corpus_path = argv[++i];
    else if (strcmp(argv[i], "--dump") == 0 && i + 1 < argc)
      dump_path = argv[++i];
    else if (strcmp(argv[i], "--help") == 0) {
      printf("usage: predict_bench --nic NAME --model-dir DIR --corpus "
             "CORPUS.tsv [--dump BLOCKS.tsv] TRAIN-PAIRS.tsv...\n"
             "  --dump  also write every corpus block's actual and predicted "
             "counts (model, IR count, per-opcode) for error analysis\n");
      return 0;
    } else if (clara_pairs_read(argv[i], train, &msg) != CLARA_OK) {
      fprintf(stderr, "predict_bench: %s\n", msg);
      return 1;
    }
  }
  if (!nic || !dir || !corpus_path || train->count == 0) {
    fprintf(stderr, "usage: predict_bench --nic NAME --model-dir DIR --corpus "
                    "CORPUS.tsv [--dump BLOCKS.tsv] TRAIN-PAIRS.tsv...\n");
    return 2;
  }
  if (clara_pairs_read(corpus_path, corpus, &msg) != CLARA_OK) {
    fprintf(stderr, "predict_bench: %s\n", msg);
    return 1;
  }
  clara_predict_model *model = NULL;
  if (clara_predict_model_load(dir, nic, &model, &msg) != CLARA_OK) {
    fprintf(stderr, "predict_bench: %s\n", msg);
    return 1;
  }
  /* The API cost table beside the model: its memory-intrinsic rows cost
   * fixed-length copies as the pass does. */
  clara_api_costs *api = NULL;
  {
    char path[4096];
    snprintf(path, sizeof path, "%s/api-%s.tsv", dir, nic);
    if (clara_api_costs_load(path, &api, &msg) != CLARA_OK) {
      fprintf(stderr, "predict_bench: %s\n", msg);
      return 1;
    }
  }

  /* Leak check: (function, tokens) of the corpus against training rows. */
  size_t leaks = 0;
  {
    /* sort-free check with a simple hash set */
    size_t cap = 1;
    while (cap < train->count * 2)
      cap <<= 1;
    unsigned long long *set = calloc(cap, sizeof *set);
    for (size_t i = 0; i < train->count; ++i) {
      unsigned long long h = 1469598103934665603ULL;
      for (const char *p = train->rows[i].function; *p; ++p)
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
      h = (h ^ 9) * 1099511628211ULL;
      for (const char *p = train->rows[i].tokens; *p; ++p)
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
      h |= 1;
      size_t k = h & (cap - 1);
      while (set[k] && set[k] != h)
        k = (k + 1) & (cap - 1);
      set[k] = h;
    }
    for (size_t i = 0; i < corpus->count; ++i) {
      unsigned long long h = 1469598103934665603ULL;
      for (const char *p = corpus->rows[i].function; *p; ++p)
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
      h = (h ^ 9) * 1099511628211ULL;
      for (const char *p = corpus->rows[i].tokens; *p; ++p)
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
      h |= 1;
      size_t k = h & (cap - 1);
      while (set[k] && set[k] != h)
        k = (k + 1) & (cap - 1);
      if (set[k] == h)
        ++leaks;
    }
    free(set);
  }

  /* Baselines fitted on the training rows of this NIC. */
  opcodes ops = {.count = 0};
  size_t n = 0;
  for (size_t i = 0; i < train->count; ++i)
    n += strcmp(train->rows[i].nic, nic) == 0;
  double *x = calloc(n * MAX_OPS, sizeof *x), *y = calloc(n, sizeof *y);
  double sxy = 0, sxx = 0, mem_ir;
  size_t k = 0;
  for (size_t i = 0; i < train->count; ++i) {
    if (strcmp(train->rows[i].nic, nic) != 0)
      continue;
    size_t words =
        histogram(&ops, train->rows[i].tokens, x + k * MAX_OPS, &mem_ir);
    y[k] = train->rows[i].compute;
    sxy += words * y[k];
    sxx += (double)words * words;
    ++k;
  }
  double scale = sxx > 0 ? sxy / sxx : 1;
  double w[MAX_OPS];
  nnls(x, y, n, MAX_OPS, w);
  free(x);
  free(y);

  /* Score the corpus. */
  clara_block_input *inputs = calloc(corpus->count + 1, sizeof *inputs);
  double *pred = calloc(corpus->count + 1, sizeof *pred);
  clara_predict_inputs_from_pairs(corpus, inputs);
  clock_t t0 = clock();
  if (clara_predict_model_compute(model, inputs, corpus->count, pred, &msg) !=
      CLARA_OK) {
    fprintf(stderr, "predict_bench: %s\n", msg);
    return 1;
  }
  double predict_ms = 1000.0 * (clock() - t0) / CLOCKS_PER_SEC;
  size_t unknown_words = 0, total_words = 0;
  score all = {0};
  FILE *dump = NULL;
  if (dump_path) {
    dump = fopen(dump_path, "w");
    if (!dump) {
      fprintf(stderr, "predict_bench: %s: cannot write\n", dump_path);
      return 1;
    }
    fprintf(dump, "source\tfunction\tblock\tactual\tmodel\tir_count\t"
                  "per_opcode\tmemory\tmemory_ir\ttokens\n");
  }
  printf("| NF | blocks | block WMAPE model | IR count | per-opcode | function "
         "WMAPE model | IR count | per-opcode | memory accuracy block | "
         "function |\n");
  printf("|---|---|---|---|---|---|---|---|---|---|\n");
  size_t i = 0;
  while (i < corpus->count) {
    char nf[256];
    nf_of(corpus->rows[i].source, nf, sizeof nf);
    score s = {0};
    size_t j = i;
    while (j < corpus->count &&
           strcmp(corpus->rows[j].source, corpus->rows[i].source) == 0) {
      /* one function */
      size_t f = j;
      double fm = 0, fc = 0, fo = 0, fa = 0;
      while (f < corpus->count &&
             strcmp(corpus->rows[f].source, corpus->rows[j].source) == 0 &&
             strcmp(corpus->rows[f].function, corpus->rows[j].function) == 0) {
        double h[MAX_OPS];
        size_t words = histogram(&ops, corpus->rows[f].tokens, h, &mem_ir);
        double po = 0;
        for (size_t o = 0; o < MAX_OPS; ++o)
          po += w[o] * h[o];
        double pc = scale * words;
        double a = corpus->rows[f].compute;
        s.err_model += fabs(pred[f] - a);
        s.err_count += fabs(pc - a);
        s.err_ops += fabs(po - a);
        s.actual += a;
        if (corpus->rows[f].ported) {
          /* what the pass counts: state/packet accesses that survive the
           * porting pipeline (kinds carried from the host IR) */
          unsigned st, pk;
          clara_vocab_count_memory(corpus->rows[f].ported,
                                   clara_api_costs_expansion, api, &st, &pk);
          mem_ir = st + pk;
        }
        if (dump)
          fprintf(dump, "%s\t%s\t%s\t%u\t%.3f\t%.3f\t%.3f\t%u\t%.0f\t%s\n",
                  corpus->rows[f].source, corpus->rows[f].function,
                  corpus->rows[f].block, corpus->rows[f].compute, pred[f], pc,
                  po, corpus->rows[f].memory, mem_ir, corpus->rows[f].tokens);
        s.mem_err += fabs(mem_ir - corpus->rows[f].memory);
        s.fmem_ir += mem_ir;
        s.fmem_actual += corpus->rows[f].memory;
        s.mem_actual += corpus->rows[f].memory;
        s.blocks++;
        fm += pred[f];
        fc += pc;
        fo += po;
        fa += a;
        size_t u, t;
        clara_predict_model_unknown_words(model, corpus->rows[f].tokens, &u,
                                          &t);
        unknown_words += u;
        total_words += t;
        ++f;
      }
      add_function(&s, fm, fc, fo, fa);
      s.fmem_err += fabs(s.fmem_ir - s.fmem_actual);
      s.fmem_ir = s.fmem_actual = 0;
      j = f;
    }
    printf("| %s | %zu | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% | "
           "%.1f%% | %.1f%% |\n",
           nf, s.blocks, 100 * s.err_model / s.actual,
           100 * s.err_count / s.actual, 100 * s.err_ops / s.actual,
           100 * s.ferr_model / s.actual, 100 * s.ferr_count / s.actual,
           100 * s.ferr_ops / s.actual,
           s.mem_actual > 0 ? 100 * (1 - s.mem_err / s.mem_actual) : 100.0,
           s.mem_actual > 0 ? 100 * (1 - s.fmem_err / s.mem_actual) : 100.0);
    all.err_model += s.err_model;
    all.err_count += s.err_count;
    all.err_ops += s.err_ops;
    all.ferr_model += s.ferr_model;
    all.ferr_count += s.ferr_count;
    all.ferr_ops += s.ferr_ops;
    all.actual += s.actual;
    all.mem_err += s.mem_err;
    all.mem_actual += s.mem_actual;
    all.fmem_err += s.fmem_err;
    all.blocks += s.blocks;
    i = j;
  }
  printf(
      "| **all (pooled)** | %zu | **%.1f%%** | %.1f%% | %.1f%% | **%.1f%%** | "
      "%.1f%% | %.1f%% | **%.1f%%** | **%.1f%%** |\n",
      all.blocks, 100 * all.err_model / all.actual,
      100 * all.err_count / all.actual, 100 * all.err_ops / all.actual,
      100 * all.ferr_model / all.actual, 100 * all.ferr_count / all.actual,
      100 * all.ferr_ops / all.actual,
      all.mem_actual > 0 ? 100 * (1 - all.mem_err / all.mem_actual) : 100.0,
      all.mem_actual > 0 ? 100 * (1 - all.fmem_err / all.mem_actual) : 100.0);
  printf("\n%s: %zu training rows; corpus blocks whose (function, tokens) "
         "occur in training: %zu; unknown words on the corpus: %zu of %zu "
         "(%.2f%%); dictionary features: see .features; prediction of %zu "
         "blocks: %.1f ms\n",
         nic, n, leaks, unknown_words, total_words,
         total_words ? 100.0 * unknown_words / total_words : 0.0, corpus->count,
         predict_ms);
  if (dump && fclose(dump) != 0) {
    fprintf(stderr, "predict_bench: %s: write failed\n", dump_path);
    return 1;
  }
  clara_predict_model_dispose(model);
  clara_api_costs_dispose(api);
  clara_pairs_dispose(train);
  clara_pairs_dispose(corpus);
  free(inputs);
  free(pred);
  return leaks ? 3 : 0;
}
