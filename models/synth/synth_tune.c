/*===- models/synth/synth_tune.c - fit the guided weights -------*- C -*-===*\
 *
 * The offline fitting loop behind synth_weights.h. Each round:
 *  1. generates N NFs, each with the current weights perturbed at random
 *     (factors e^U(-0.7,0.7)), so that choice counts vary independently;
 *  2. compiles them (-O0, Clara's analysis form) and counts each file's
 *     entry-point opcodes;
 *  3. fits, by ridge least squares over the files, the opcodes each choice
 *     contributes (plus per-entry, per-push-entry and per-writable-entry
 *     constants), clamped at zero;
 *  4. predicts the entry-point opcode mix for any weights (expected choice
 *     counts = the round's draws per group, shared in proportion to the
 *     weights, scaled by the statement count) and searches the weights
 *     (coordinate-wise multiplicative steps, each weight in [0.2, 8], so that
every construct keeps appearing) for
 *     the smallest Jensen-Shannon divergence to the real mix.
 * The next round re-measures at the new weights, correcting the model.
 *
\*===----------------------------------------------------------------------===*/
#include "synth_gen.h"
#include "synth_measure.h"
#include "synth_weights_io.h"

#include "error.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int syn_tune(const syn_measure_options *o, clara_histogram *real,
             const char *out, int rounds, int samples, int quiet);

enum { NREG = SYN_CHOICE_COUNT + 3 }; /* choices, entries, push, writable */

/* Solves A x = b (n x n, row-major) by Gaussian elimination with partial
 * pivoting; A and b are destroyed. 0 or -1 when singular. */
static int solve(double *A, double *b, int n) {
  for (int c = 0; c < n; c++) {
    int p = c;
    for (int r = c + 1; r < n; r++)
      if (fabs(A[r * n + c]) > fabs(A[p * n + c]))
        p = r;
    if (fabs(A[p * n + c]) < 1e-12)
      return -1;
    if (p != c) {
      for (int k = 0; k < n; k++) {
        double t = A[c * n + k];
        A[c * n + k] = A[p * n + k];
        A[p * n + k] = t;
      }
      double t = b[c];
      b[c] = b[p];
      b[p] = t;
    }
    for (int r = c + 1; r < n; r++) {
      double f = A[r * n + c] / A[c * n + c];
      for (int k = c; k < n; k++)
        A[r * n + k] -= f * A[c * n + k];
      b[r] -= f * b[c];
    }
  }
  for (int c = n - 1; c >= 0; c--) {
    double s = b[c];
    for (int k = c + 1; k < n; k++)
      s -= A[c * n + k] * b[k];
    b[c] = s / A[c * n + c];
  }
  return 0;
}

typedef struct {
  int nops;
  double *coef;                  /* NREG x nops: opcodes per regressor unit */
  double draws[SYN_GROUP_COUNT]; /* draws per entry, per group */
  double stmts_ref;              /* entry_stmts the draws were measured at */
  double push, writable;         /* share of entries */
  const double *real;            /* nops probabilities */
} model_t;

static double js_of(const model_t *m, const syn_weights *w) {
  double gsum[SYN_GROUP_COUNT] = {0};
  for (int c = 0; c < SYN_CHOICE_COUNT; c++)
    gsum[syn_choice_group((syn_choice)c)] += w->w[c];
  double scale = w->entry_stmts / m->stmts_ref;
  double pred[128] = {0}, total = 0;
  for (int o = 0; o < m->nops; o++) {
    double v = m->coef[SYN_CHOICE_COUNT * m->nops + o] +
               m->push * m->coef[(SYN_CHOICE_COUNT + 1) * m->nops + o] +
               m->writable * m->coef[(SYN_CHOICE_COUNT + 2) * m->nops + o];
    for (int c = 0; c < SYN_CHOICE_COUNT; c++) {
      int g = syn_choice_group((syn_choice)c);
      v += m->draws[g] * scale * w->w[c] / gsum[g] * m->coef[c * m->nops + o];
    }
    pred[o] = v > 0 ? v : 0;
    total += pred[o];
  }
  double js = 0;
  for (int o = 0; o < m->nops; o++) {
    double a = m->real[o], b = total > 0 ? pred[o] / total : 0,
           mid = 0.5 * (a + b);
    if (a > 0)
      js += 0.5 * a * log2(a / mid);
    if (b > 0)
      js += 0.5 * b * log2(b / mid);
  }
  return js;
}

static double urand(uint64_t *x) {
  uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  z ^= z >> 31;
  return (double)(z >> 11) / 9007199254740992.0;
}

int syn_tune(const syn_measure_options *o, clara_histogram *real,
             const char *out, int rounds, int samples, int quiet) {
  int nops = (int)clara_histogram_size(real);
  if (nops > 128)
    nops = 128;
  double realp[128], rt = clara_histogram_total(real);
  for (int k = 0; k < nops; k++)
    realp[k] = clara_histogram_count_at(real, (size_t)k) / rt;
  syn_weights w;
  syn_weights_guided(&w);
  uint64_t rs = 12345;
  int status = 0;
  double *X = calloc((size_t)samples * NREG, sizeof *X);
  double *Y = calloc((size_t)samples * (size_t)nops, sizeof *Y);
  double *coef = calloc((size_t)NREG * (size_t)nops, sizeof *coef);
  double *A = calloc((size_t)NREG * NREG, sizeof *A);
  double *b = calloc(NREG, sizeof *b);
  char **paths = calloc((size_t)samples, sizeof *paths);
  clara_histogram **per = calloc((size_t)samples, sizeof *per);
  if (!X || !Y || !coef || !A || !b || !paths || !per)
    status = -1;
  char dir[] = "/tmp/clara-synth-tune-XXXXXX";
  if (!status && !mkdtemp(dir))
    status = -1;
  for (int r = 0; r < rounds && !status; r++) {
    double draws[SYN_GROUP_COUNT] = {0}, nent = 0, npush = 0, nwr = 0,
           stmts_sum = 0;
    for (int i = 0; i < samples && !status; i++) {
      syn_weights wi = w;
      for (int c = 0; c < SYN_CHOICE_COUNT; c++)
        wi.w[c] = w.w[c] * exp(1.4 * urand(&rs) - 0.7);
      wi.entry_stmts = w.entry_stmts * exp(0.6 * urand(&rs) - 0.3);
      if (wi.entry_stmts < 1.5)
        wi.entry_stmts = 1.5;
      stmts_sum += wi.entry_stmts;
      syn_text t = {0, 0, 0};
      syn_stats st;
      char tag[64];
      snprintf(tag, sizeof tag, "T%d_%d", r, i);
      if (syn_generate(9000 + (uint64_t)r, (uint64_t)i, &wi, tag, &t, &st)) {
        status = -1;
        break;
      }
      char path[4200];
      snprintf(path, sizeof path, "%s/t%d.cc", dir, i);
      FILE *f = fopen(path, "w");
      if (!f || fwrite(t.buf, 1, t.len, f) != t.len)
        status = -1;
      if (f)
        fclose(f);
      free(t.buf);
      free(paths[i]);
      paths[i] = strdup(path);
      clara_histogram_dispose(per[i]);
      per[i] = clara_histogram_create();
      for (int c = 0; c < SYN_CHOICE_COUNT; c++) {
        X[i * NREG + c] = st.choices[c];
        draws[syn_choice_group((syn_choice)c)] += st.choices[c];
      }
      X[i * NREG + SYN_CHOICE_COUNT] = st.entries;
      X[i * NREG + SYN_CHOICE_COUNT + 1] = st.push_entries;
      X[i * NREG + SYN_CHOICE_COUNT + 2] = st.writable_entries;
      nent += st.entries;
      npush += st.push_entries;
      nwr += st.writable_entries;
    }
    if (status)
      break;
    syn_measurement m;
    char *msg = 0;
    if (syn_measurement_init(&m)) {
      status = -1;
      break;
    }
    m.per_file = per;
    syn_measure_options oq = *o;
    oq.quiet = 1;
    if (syn_measure_files(&oq, paths, samples, &m, &msg)) {
      fprintf(stderr, "clara-synth-fidelity: %s\n", msg);
      free(msg);
      syn_measurement_dispose(&m);
      status = -1;
      break;
    }
    clara_distribution_metrics met;
    int have = clara_distribution_compare(real, m.entry_ops, 0.5, &met, &msg) ==
               CLARA_OK;
    clara_dispose_message(msg);
    unsigned compiled = m.compiled;
    syn_measurement_dispose(&m);
    for (int i = 0; i < samples; i++)
      for (int k = 0; k < nops; k++)
        Y[i * nops + k] =
            clara_histogram_get(per[i], clara_histogram_key(real, (size_t)k));
    /* Ridge least squares, one right-hand side per opcode. */
    for (int k = 0; k < nops && !status; k++) {
      for (int p = 0; p < NREG; p++) {
        b[p] = 0;
        for (int q = 0; q < NREG; q++)
          A[p * NREG + q] = p == q ? 1.0 : 0.0; /* ridge lambda = 1 */
      }
      for (int i = 0; i < samples; i++)
        for (int p = 0; p < NREG; p++) {
          double xp = X[i * NREG + p];
          if (xp == 0)
            continue;
          b[p] += xp * Y[i * nops + k];
          for (int q = 0; q < NREG; q++)
            A[p * NREG + q] += xp * X[i * NREG + q];
        }
      if (solve(A, b, NREG))
        status = -1;
      for (int p = 0; p < NREG; p++)
        coef[p * nops + k] = b[p] > 0 ? b[p] : 0;
    }
    if (status)
      break;
    model_t mod = {nops,         coef,       {0},  stmts_sum / samples,
                   npush / nent, nwr / nent, realp};
    for (int g = 0; g < SYN_GROUP_COUNT; g++)
      mod.draws[g] = draws[g] / nent;
    double before = js_of(&mod, &w);
    /* Coordinate search in log space. */
    static const double steps[] = {2.0, 0.5, 1.25, 0.8, 1.1, 0.9};
    double best = before;
    for (int sweep = 0; sweep < 30; sweep++) {
      int improved = 0;
      for (int c = -1; c < SYN_CHOICE_COUNT; c++)
        for (size_t s = 0; s < sizeof steps / sizeof steps[0]; s++) {
          syn_weights t = w;
          if (c < 0) {
            t.entry_stmts *= steps[s];
            if (t.entry_stmts < 2 || t.entry_stmts > 12)
              continue;
          } else {
            t.w[c] *= steps[s];
            if (t.w[c] < 0.2 || t.w[c] > 8)
              continue;
          }
          double v = js_of(&mod, &t);
          if (v < best - 1e-7) {
            best = v;
            w = t;
            improved = 1;
          }
        }
      if (!improved)
        break;
    }
    if (!quiet)
      fprintf(stderr,
              "clara-synth-fidelity: tune round %d/%d: measured JS %.4f "
              "(perturbed sample, %u files compiled); model JS %.4f -> %.4f, "
              "entry_stmts %.2f\n",
              r + 1, rounds, have ? met.jensen_shannon : -1.0, compiled, before,
              best, w.entry_stmts);
  }
  if (!status) {
    char *msg = 0;
    char hdr[4200];
    snprintf(hdr, sizeof hdr, "%s.h", out);
    if (syn_weights_write(out, &w, 0, &msg) ||
        syn_weights_write(hdr, &w, 1, &msg)) {
      fprintf(stderr, "clara-synth-fidelity: %s\n", msg);
      free(msg);
      status = -1;
    } else if (!quiet)
      fprintf(stderr, "clara-synth-fidelity: wrote %s and %s\n", out, hdr);
  }
  for (int i = 0; i < samples; i++) {
    if (paths && paths[i]) {
      unlink(paths[i]);
      free(paths[i]);
    }
    if (per)
      clara_histogram_dispose(per[i]);
  }
  rmdir(dir);
  free(X);
  free(Y);
  free(coef);
  free(A);
  free(b);
  free(paths);
  free(per);
  return status;
}
