/*===- bench/accel/accel_bench.c - clara-detect-accel accuracy ------------===*
 *
 *   build/bin/accel_bench models/accel/manifest.tsv build/models/accel/features
 *
 * Nested grouped cross-validation over families of the labelled corpus (5
 * outer folds; per-class thresholds chosen by a 4-fold grouped CV inside
 * each outer training set), on the IR as written (<path>.tsv) and on
 * name-stripped IR (metarenamer, <path>.stripped.tsv), then plain grouped CV
 * with the fixed threshold 0.5: precision and recall per class, the
 * confusion matrix, and every misclassified function. --support,
 * --confidence and --patterns override the pattern mining settings. Results:
 * bench/accel/README.md.
 *
 *===----------------------------------------------------------------------===*/
#include "accel.h"
#include "error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USAGE                                                                  \
  "usage: accel_bench [--variants SUFFIX,...] [--support S]\n"                 \
  "                   [--confidence C] [--patterns N]\n"                       \
  "                   [--precision-floor P]\n"                                 \
  "                   MANIFEST FEATURES_DIR [FOLDS [INNER_FOLDS]]\n"           \
  "       accel_bench --model DIR [--probabilities FILE] MANIFEST "            \
  "FEATURES_DIR\n"

/* Adds the training-only variant rows of every comma-separated suffix of
 * `variants` (NULL or "": none). */
static int add_variants(clara_accel_corpus *c, const char *manifest,
                        const char *dir, const char *variants, char **msg) {
  for (const char *v = variants; v && *v;) {
    size_t n = strcspn(v, ",");
    char suffix[256];
    snprintf(suffix, sizeof suffix, "%.*s", (int)n, v);
    if (n && clara_accel_corpus_add_variants(c, manifest, dir, suffix, msg))
      return 1;
    v += n + (v[n] == ',');
  }
  return 0;
}

/* Says so when the mining settings differ from the shipped ones (with the
 * defaults the output is unchanged). */
static void print_mining(const clara_accel_train_options *o) {
  clara_accel_train_options d;
  clara_accel_train_defaults(&d);
  if (o->min_support != d.min_support ||
      o->min_confidence != d.min_confidence ||
      o->max_patterns_per_class != d.max_patterns_per_class)
    printf("Pattern mining: support >= %g, confidence >= %g, <= %zu "
           "patterns per class (not the defaults).\n\n",
           o->min_support, o->min_confidence, o->max_patterns_per_class);
}

/* Per-class precision and recall, the confusion matrix and every
 * misclassified sample, for the decisions pred[] (confidences conf[]). */
static void print_results(const clara_accel_corpus *c, const int *pred,
                          const double *conf) {
  printf("| class | samples | precision | recall |\n|---|---|---|---|\n");
  size_t cm[CLARA_ACCEL_NUM_CLASSES][CLARA_ACCEL_NUM_CLASSES] = {{0}};
  for (size_t i = 0; i < c->num_samples; ++i)
    cm[c->samples[i].cls][pred[i]]++;
  for (int k = 0; k < CLARA_ACCEL_NUM_CLASSES; ++k) {
    size_t tp = cm[k][k], fp = 0, fn = 0, n = 0;
    for (int j = 0; j < CLARA_ACCEL_NUM_CLASSES; ++j) {
      n += cm[k][j];
      if (j != k) {
        fp += cm[j][k];
        fn += cm[k][j];
      }
    }
    printf("| %s | %zu | %.1f %% (%zu/%zu) | %.1f %% (%zu/%zu) |\n",
           clara_accel_class_name((clara_accel_class)k), n,
           tp + fp ? 100.0 * (double)tp / (double)(tp + fp) : 100.0, tp,
           tp + fp, n ? 100.0 * (double)tp / (double)n : 100.0, tp, n);
  }
  printf("\nConfusion matrix (rows: truth, columns: predicted)\n\n| |");
  for (int j = 0; j < CLARA_ACCEL_NUM_CLASSES; ++j)
    printf(" %s |", clara_accel_class_name((clara_accel_class)j));
  printf("\n|---|---|---|---|---|---|\n");
  for (int k = 0; k < CLARA_ACCEL_NUM_CLASSES; ++k) {
    printf("| %s |", clara_accel_class_name((clara_accel_class)k));
    for (int j = 0; j < CLARA_ACCEL_NUM_CLASSES; ++j)
      printf(" %zu |", cm[k][j]);
    printf("\n");
  }
  printf("\nMisclassified:\n\n");
  for (size_t i = 0; i < c->num_samples; ++i)
    if (pred[i] != (int)c->samples[i].cls)
      printf("- %s: %s predicted %s (%.2f)\n", c->names[i],
             clara_accel_class_name(c->samples[i].cls),
             clara_accel_class_name((clara_accel_class)pred[i]), conf[i]);
  printf("\n");
}

static int run(const char *manifest, const char *dir, const char *suffix,
               const char *variants, const char *title, unsigned folds,
               unsigned inner, const clara_accel_train_options *mining) {
  clara_accel_train_options o = *mining;
  o.verbose = 1;
  o.progress = stderr;
  char *msg = NULL;
  clara_accel_corpus *c = NULL;
  if (clara_accel_corpus_load(manifest, dir, suffix, &c, &msg) ||
      add_variants(c, manifest, dir, variants, &msg)) {
    fprintf(stderr, "accel_bench: %s\n", msg);
    clara_dispose_message(msg);
    return 1;
  }
  int *pred = calloc(c->num_samples, sizeof *pred);
  double *conf = calloc(c->num_samples, sizeof *conf);
  double *thr = calloc((size_t)folds * CLARA_ACCEL_NUM_CLASSES, sizeof *thr);
  if (!pred || !conf || !thr ||
      clara_accel_cross_validate(c, folds, inner, &o,
                                 CLARA_ACCEL_DEFAULT_THRESHOLD, pred, conf, thr,
                                 &msg)) {
    fprintf(stderr, "accel_bench: %s\n", msg ? msg : "out of memory");
    return 1;
  }
  if (inner) {
    char rule[64];
    clara_accel_threshold_rule(o.precision_floor, rule, sizeof rule);
    printf("## %s: %zu functions, %zu families, nested grouped CV: %u outer "
           "folds, per-class thresholds (%s, from %.2f to %.2f) chosen "
           "by %u-fold grouped CV inside each outer training set\n\n",
           title, c->num_samples, c->num_families, folds, rule,
           CLARA_ACCEL_DEFAULT_THRESHOLD, CLARA_ACCEL_MAX_THRESHOLD, inner);
    if (c->num_variants)
      printf("Training folds also hold %zu variant rows (%s), never "
             "evaluated.\n\n",
             c->num_variants, variants);
    print_mining(&o);
    printf("Thresholds chosen per outer fold (crc lpm hash crypto):");
    for (unsigned f = 0; f < folds; ++f)
      printf("%s %.2f %.2f %.2f %.2f", f ? ";" : "",
             thr[f * CLARA_ACCEL_NUM_CLASSES + 0],
             thr[f * CLARA_ACCEL_NUM_CLASSES + 1],
             thr[f * CLARA_ACCEL_NUM_CLASSES + 2],
             thr[f * CLARA_ACCEL_NUM_CLASSES + 3]);
    printf("\n\n");
  } else {
    printf("## %s: %zu functions, %zu families, grouped %u-fold CV, fixed "
           "threshold %.2f for every class\n\n",
           title, c->num_samples, c->num_families, folds,
           CLARA_ACCEL_DEFAULT_THRESHOLD);
    print_mining(&o);
  }
  print_results(c, pred, conf);
  free(thr);
  free(pred);
  free(conf);
  clara_accel_corpus_dispose(c);
  return 0;
}

/* Writes one line per sample (name, truth, the five class probabilities,
 * the decision) to `path` through a temporary file; 0 on success. */
static int write_dump(const char *path, const clara_accel_corpus *c,
                      const double *probs, const int *pred) {
  size_t n = strlen(path) + 5;
  char *tmp = malloc(n);
  if (!tmp) {
    fprintf(stderr, "accel_bench: out of memory\n");
    return -1;
  }
  snprintf(tmp, n, "%s.tmp", path);
  FILE *out = fopen(tmp, "w");
  if (!out) {
    fprintf(stderr, "accel_bench: %s: cannot write: %s\n", tmp,
            strerror(errno));
    free(tmp);
    return -1;
  }
  fprintf(out, "# clara-accel-probabilities 1\nsample\ttruth");
  for (int k = 0; k < CLARA_ACCEL_NUM_CLASSES; ++k)
    fprintf(out, "\tp_%s", clara_accel_class_name((clara_accel_class)k));
  fprintf(out, "\tdecided\n");
  for (size_t i = 0; i < c->num_samples; ++i) {
    fprintf(out, "%s\t%s", c->names[i],
            clara_accel_class_name(c->samples[i].cls));
    for (int k = 0; k < CLARA_ACCEL_NUM_CLASSES; ++k)
      fprintf(out, "\t%.6f", probs[i * CLARA_ACCEL_NUM_CLASSES + k]);
    fprintf(out, "\t%s\n", clara_accel_class_name((clara_accel_class)pred[i]));
  }
  int bad = ferror(out);
  bad |= fclose(out) != 0;
  if (bad || rename(tmp, path) != 0) {
    fprintf(stderr, "accel_bench: %s: write error\n", path);
    remove(tmp);
    free(tmp);
    return -1;
  }
  free(tmp);
  return 0;
}

/* Scores every function of MANIFEST with the model in `model_dir` and its
 * own thresholds: a held-out evaluation (e.g. families written after the
 * model was trained). */
static int evaluate(const char *model_dir, const char *manifest,
                    const char *dir, const char *suffix, const char *title,
                    const char *dump_path) {
  char *msg = NULL;
  clara_accel_corpus *c = NULL;
  clara_accel_model *m = NULL;
  if (clara_accel_model_load(model_dir, &m, &msg) ||
      clara_accel_corpus_load(manifest, dir, suffix, &c, &msg)) {
    fprintf(stderr, "accel_bench: %s\n", msg);
    clara_dispose_message(msg);
    clara_accel_model_dispose(m);
    return 1;
  }
  int *pred = calloc(c->num_samples ? c->num_samples : 1, sizeof *pred);
  double *conf = calloc(c->num_samples ? c->num_samples : 1, sizeof *conf);
  double *probs = calloc(c->num_samples ? c->num_samples : 1,
                         CLARA_ACCEL_NUM_CLASSES * sizeof *probs);
  int failed = !pred || !conf || !probs;
  for (size_t i = 0; !failed && i < c->num_samples; ++i) {
    double *p = probs + i * CLARA_ACCEL_NUM_CLASSES;
    failed = clara_accel_model_predict(m, c->samples[i].features, p, &msg);
    if (!failed)
      pred[i] = clara_accel_decide(p, clara_accel_model_thresholds(m),
                                   CLARA_ACCEL_DEFAULT_THRESHOLD, &conf[i]);
  }
  if (!failed && dump_path && write_dump(dump_path, c, probs, pred) != 0)
    failed = -1;
  if (failed > 0) {
    fprintf(stderr, "accel_bench: %s\n", msg ? msg : "out of memory");
    clara_dispose_message(msg);
  } else if (!failed) {
    const double *t = clara_accel_model_thresholds(m);
    printf("## %s: model %s on %zu functions, %zu families (its thresholds "
           "crc %.2f, lpm %.2f, hash %.2f, crypto %.2f)\n\n",
           title, model_dir, c->num_samples, c->num_families, t[0], t[1], t[2],
           t[3]);
    print_results(c, pred, conf);
  }
  free(pred);
  free(conf);
  free(probs);
  clara_accel_model_dispose(m);
  clara_accel_corpus_dispose(c);
  return failed;
}

int main(int argc, char **argv) {
  const char *variants = NULL, *model = NULL, *dump = NULL;
  clara_accel_train_options mining;
  clara_accel_train_defaults(&mining);
  while (argc > 2 &&
         (!strcmp(argv[1], "--variants") || !strcmp(argv[1], "--model") ||
          !strcmp(argv[1], "--probabilities") ||
          clara_accel_is_train_option(argv[1]))) {
    char *msg = NULL;
    if (!strcmp(argv[1], "--variants"))
      variants = argv[2];
    else if (!strcmp(argv[1], "--model"))
      model = argv[2];
    else if (!strcmp(argv[1], "--probabilities"))
      dump = argv[2];
    else if (clara_accel_set_train_option(&mining, argv[1], argv[2], &msg)) {
      fprintf(stderr, "accel_bench: %s\n", msg);
      clara_dispose_message(msg);
      return 2;
    }
    argv += 2;
    argc -= 2;
  }
  if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
    printf(USAGE
           "Nested grouped cross-validation of clara-detect-accel (FOLDS\n"
           "outer, default 5; per-class thresholds from INNER_FOLDS inner\n"
           "folds, default 4) on the IR as written and on name-stripped IR,\n"
           "then plain grouped CV with the fixed threshold 0.5 for\n"
           "comparison; Markdown on stdout, progress on stderr.\n"
           "--variants adds the rows of FEATURES_DIR/<path>SUFFIX (e.g.\n"
           ".o1.tsv) to the training folds only.\n"
           "--support S, --confidence C (both in (0, 1]; defaults 0.3, 0.8)\n"
           "and --patterns N (>= 1; default 25) set the pattern mining: an\n"
           "instruction n-gram becomes a feature when it occurs in at least\n"
           "S of one class's training functions and C of its occurrences are\n"
           "in that class; at most N per class.\n"
           "--precision-floor P (in (0, 1]) chooses each class's threshold\n"
           "as the lowest whose inner-CV precision reaches P (the most\n"
           "precise one if none does) instead of maximising F0.5.\n"
           "--model DIR instead scores every function of MANIFEST with the\n"
           "trained model in DIR (accel.ubj, accel.meta) and its thresholds:\n"
           "a held-out evaluation, on the IR as written and name-stripped.\n"
           "--probabilities FILE (with --model) also writes each function's\n"
           "class probabilities and decision on the IR as written to FILE\n"
           "(TSV, first line '# clara-accel-probabilities 1').\n");
    return 0;
  }
  if (argc < 3) {
    fprintf(stderr, USAGE);
    return 2;
  }
  if (dump && !model) {
    fprintf(stderr, "accel_bench: --probabilities needs --model\n");
    return 2;
  }
  if (model)
    return evaluate(model, argv[1], argv[2], ".tsv", "IR as written", dump) ||
           evaluate(model, argv[1], argv[2], ".stripped.tsv",
                    "name-stripped IR (metarenamer)", NULL);
  unsigned folds = argc > 3 ? (unsigned)atoi(argv[3]) : 5;
  if (folds < 2) {
    fprintf(stderr, "accel_bench: FOLDS must be at least 2\n");
    return 2;
  }
  unsigned inner = argc > 4 ? (unsigned)atoi(argv[4]) : 4;
  if (inner == 1) {
    fprintf(stderr, "accel_bench: INNER_FOLDS must be 0 (no nesting) or at "
                    "least 2\n");
    return 2;
  }
  return run(argv[1], argv[2], ".tsv", variants, "IR as written", folds, inner,
             &mining) ||
         run(argv[1], argv[2], ".stripped.tsv", variants,
             "name-stripped IR (metarenamer)", folds, inner, &mining) ||
         run(argv[1], argv[2], ".tsv", variants, "IR as written", folds, 0,
             &mining);
}
