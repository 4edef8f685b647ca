/*===- models/accel/clara-train-accel.c - Train the accelerator detector --===*
 *
 *   clara-train-accel --manifest models/accel/manifest.tsv
 *       --features build/models/accel/features --out models/trained
 *
 * Mines instruction patterns and trains the XGBoost classifier of
 * clara-detect-accel on the whole labelled corpus, measures it by grouped
 * cross-validation over families (reported and recorded in the metadata),
 * and writes OUT/accel.ubj and OUT/accel.meta (temporary names + rename).
 * models/accel/README.md has the reproducible command and the results.
 *
 *===----------------------------------------------------------------------===*/
#include "accel.h"
#include "error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void usage(FILE *out) {
  fprintf(out,
          "usage: clara-train-accel --manifest FILE --features DIR --out DIR\n"
          "                         [--suffix .tsv] [--folds K] [--seed N]\n"
          "                         [--rounds N] [--threshold P]\n"
          "                         [--inner-folds K] [--variants S,...]\n"
          "                         [--support S] [--confidence C]\n"
          "                         [--patterns N] [--threshold-repeats R]\n"
          "                         [--precision-floor P]\n"
          "Trains clara-detect-accel's model on the labelled corpus listed in\n"
          "FILE (path, class, family per line) whose feature rows are in\n"
          "DIR/<path><suffix> (written by opt -passes='print<clara-accel-\n"
          "features>'). Reports nested grouped K-fold cross-validation\n"
          "(default 5 outer folds; per-class thresholds chosen by an inner\n"
          "grouped --inner-folds CV (default 4) on each outer training set,\n"
          "between --threshold (default 0.5) and 0.95, maximising F0.5), then\n"
          "chooses the shipped model's thresholds the same way from a\n"
          "K-fold CV over the whole corpus, trains on all of it and writes\n"
          "DIR/accel.ubj and DIR/accel.meta (creating DIR). --variants adds\n"
          "the rows of DIR/<path>S for each suffix S (e.g. .o1.tsv) to\n"
          "training only: to the training folds of their family and to the\n"
          "final model.\n"
          "--support S, --confidence C (both in (0, 1]; defaults 0.3, 0.8)\n"
          "and --patterns N (>= 1; default 25) set the pattern mining: an\n"
          "instruction n-gram becomes a feature when it occurs in at least\n"
          "S of one class's training functions and C of its occurrences are\n"
          "in that class; at most N per class. --threshold-repeats R\n"
          "(default 5) chooses the shipped thresholds on the pooled\n"
          "out-of-fold predictions of R such CVs, each with its own folds\n"
          "(fold seeds --seed + 1 .. --seed + R).\n"
          "--precision-floor P (in (0, 1]) chooses each class's threshold,\n"
          "in the nested CV and for the shipped model, as the lowest whose\n"
          "out-of-fold precision reaches P (the most precise one if none\n"
          "does) instead of maximising F0.5.\n");
}

int main(int argc, char **argv) {
  const char *manifest = NULL, *features = NULL, *out = NULL, *suffix = ".tsv";
  const char *variants = NULL;
  unsigned folds = 5, inner = 4;
  double threshold = CLARA_ACCEL_DEFAULT_THRESHOLD;
  clara_accel_train_options o;
  clara_accel_train_defaults(&o);
  for (int i = 1; i < argc; ++i) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      usage(stdout);
      return 0;
    }
    if (!v) {
      fprintf(stderr, "clara-train-accel: %s needs a value\n", a);
      usage(stderr);
      return 2;
    }
    if (!strcmp(a, "--manifest"))
      manifest = v;
    else if (!strcmp(a, "--features"))
      features = v;
    else if (!strcmp(a, "--out"))
      out = v;
    else if (!strcmp(a, "--variants"))
      variants = v;
    else if (!strcmp(a, "--suffix"))
      suffix = v;
    else if (!strcmp(a, "--folds"))
      folds = (unsigned)atoi(v);
    else if (!strcmp(a, "--seed"))
      o.seed = (unsigned)atoi(v);
    else if (!strcmp(a, "--rounds"))
      o.rounds = (unsigned)atoi(v);
    else if (!strcmp(a, "--inner-folds"))
      inner = (unsigned)atoi(v);
    else if (!strcmp(a, "--threshold"))
      threshold = atof(v);
    else if (!strcmp(a, "--threshold-repeats"))
      o.threshold_repeats = (unsigned)atoi(v);
    else if (clara_accel_is_train_option(a)) {
      char *msg = NULL;
      if (clara_accel_set_train_option(&o, a, v, &msg)) {
        fprintf(stderr, "clara-train-accel: %s\n", msg);
        clara_dispose_message(msg);
        return 2;
      }
    } else {
      fprintf(stderr, "clara-train-accel: unknown option '%s'\n", a);
      usage(stderr);
      return 2;
    }
    ++i;
  }
  if (!manifest || !features || !out || folds < 2 || inner < 2 || !o.rounds ||
      o.threshold_repeats < 1 || o.threshold_repeats > 100 ||
      !(threshold >= 0 && threshold <= CLARA_ACCEL_MAX_THRESHOLD)) {
    fprintf(stderr, "clara-train-accel: --manifest, --features and --out are "
                    "required (--folds >= 2, --inner-folds >= 2, --rounds >= "
                    "1, 0 <= --threshold <= 0.95, 1 <= --threshold-repeats "
                    "<= 100)\n");
    usage(stderr);
    return 2;
  }
  /* The output directory, as clara-train does; checked before the long
   * training rather than after it. */
  if (mkdir(out, 0755) != 0 && errno != EEXIST) {
    fprintf(stderr, "clara-train-accel: cannot create %s: %s\n", out,
            strerror(errno));
    return 1;
  }
  o.verbose = 1;
  o.progress = stderr;
  char *msg = NULL;
  clara_accel_corpus *c = NULL;
  if (clara_accel_corpus_load(manifest, features, suffix, &c, &msg)) {
    fprintf(stderr, "clara-train-accel: %s\n", msg);
    clara_dispose_message(msg);
    return 1;
  }
  for (const char *v = variants; v && *v;) {
    size_t n = strcspn(v, ",");
    char vs[256];
    snprintf(vs, sizeof vs, "%.*s", (int)n, v);
    if (n && clara_accel_corpus_add_variants(c, manifest, features, vs, &msg)) {
      fprintf(stderr, "clara-train-accel: %s\n", msg);
      clara_dispose_message(msg);
      return 1;
    }
    v += n + (v[n] == ',');
  }
  size_t per[CLARA_ACCEL_NUM_CLASSES] = {0};
  for (size_t i = 0; i < c->num_samples; ++i)
    per[c->samples[i].cls]++;
  fprintf(stderr,
          "clara-train-accel: %zu samples in %zu families (crc %zu, "
          "lpm %zu, hash %zu, crypto %zu, none %zu)\n",
          c->num_samples, c->num_families, per[0], per[1], per[2], per[3],
          per[4]);
  if (c->num_variants)
    fprintf(stderr,
            "clara-train-accel: + %zu training-only variant rows (%s)\n",
            c->num_variants, variants);

  int *pred = calloc(c->num_samples, sizeof *pred);
  double *conf = calloc(c->num_samples, sizeof *conf);
  if (!pred || !conf ||
      clara_accel_cross_validate(c, folds, inner, &o, threshold, pred, conf,
                                 NULL, &msg)) {
    fprintf(stderr, "clara-train-accel: %s\n", msg ? msg : "out of memory");
    return 1;
  }
  char rule[64];
  clara_accel_threshold_rule(o.precision_floor, rule, sizeof rule);
  char provenance[4096];
  size_t used = 0;
  used += (size_t)snprintf(
      provenance + used, sizeof provenance - used,
      "trained by clara-train-accel on %s (%zu samples, "
      "%zu families, + %zu training-only variant rows%s%s), feature data "
      "FNV-1a 64 %016llx\n"
      "model: XGBoost multi:softprob, %u rounds, depth "
      "%u, eta %g, seed %u; patterns: support >= %g, "
      "confidence >= %g, <= %zu per class\n"
      "nested grouped cross-validation over families: %u "
      "outer folds, per-class thresholds (floor %.2f, %s) "
      "from %u inner folds of each outer training set:\n",
      manifest, c->num_samples, c->num_families, c->num_variants,
      variants ? " " : "", variants ? variants : "",
      (unsigned long long)c->data_hash, o.rounds, o.max_depth, o.eta, o.seed,
      o.min_support, o.min_confidence, o.max_patterns_per_class, folds,
      threshold, rule, inner);
  for (int k = 0; k < CLARA_ACCEL_NUM_CLASSES; ++k) {
    size_t tp = 0, fp = 0, fn = 0;
    for (size_t i = 0; i < c->num_samples; ++i) {
      int truth = (int)c->samples[i].cls;
      tp += truth == k && pred[i] == k;
      fp += truth != k && pred[i] == k;
      fn += truth == k && pred[i] != k;
    }
    double p = tp + fp ? (double)tp / (double)(tp + fp) : 1.0;
    double r = tp + fn ? (double)tp / (double)(tp + fn) : 1.0;
    fprintf(stderr, "  %-6s precision %5.1f %%  recall %5.1f %%\n",
            clara_accel_class_name((clara_accel_class)k), 100 * p, 100 * r);
    used +=
        (size_t)snprintf(provenance + used, sizeof provenance - used,
                         "  %s precision %.3f recall %.3f\n",
                         clara_accel_class_name((clara_accel_class)k), p, r);
  }
  provenance[sizeof provenance - 1] = 0;

  double thresholds[CLARA_ACCEL_NUM_CLASSES];
  if (clara_accel_cv_thresholds(c, folds, &o, threshold, thresholds, &msg)) {
    fprintf(stderr, "clara-train-accel: %s\n", msg);
    clara_dispose_message(msg);
    return 1;
  }
  fprintf(stderr,
          "clara-train-accel: thresholds crc %.2f lpm %.2f hash %.2f "
          "crypto %.2f (%u x %u-fold CV over the whole corpus)\n",
          thresholds[0], thresholds[1], thresholds[2], thresholds[3],
          o.threshold_repeats, folds);
  if (o.threshold_repeats == 1)
    used += (size_t)snprintf(provenance + used, sizeof provenance - used,
                             "shipped thresholds: %s on a %u-fold CV "
                             "over every family (seed %u)\n",
                             rule, folds, o.seed + 1);
  else
    used += (size_t)snprintf(provenance + used, sizeof provenance - used,
                             "shipped thresholds: %s on the pooled "
                             "predictions of %u %u-fold CVs over every family "
                             "(seeds %u-%u)\n",
                             rule, o.threshold_repeats, folds, o.seed + 1,
                             o.seed + o.threshold_repeats);
  provenance[sizeof provenance - 1] = 0;
  size_t num_all = c->num_samples + c->num_variants;
  clara_accel_sample *all = malloc(num_all * sizeof *all);
  if (!all) {
    fprintf(stderr, "clara-train-accel: out of memory\n");
    return 1;
  }
  memcpy(all, c->samples, c->num_samples * sizeof *all);
  if (c->num_variants)
    memcpy(all + c->num_samples, c->variants, c->num_variants * sizeof *all);
  clara_accel_model *m = NULL;
  if (clara_accel_train(all, num_all, &o, &m, &msg) ||
      (clara_accel_model_set_thresholds(m, thresholds), 0) ||
      clara_accel_model_save(m, out, provenance, &msg)) {
    fprintf(stderr, "clara-train-accel: %s\n", msg);
    clara_dispose_message(msg);
    return 1;
  }
  fprintf(stderr, "clara-train-accel: wrote %s/accel.ubj and %s/accel.meta\n",
          out, out);
  clara_accel_model_dispose(m);
  free(all);
  clara_accel_corpus_dispose(c);
  free(pred);
  free(conf);
  return 0;
}
