/*===- core/accel_eval.c - Labelled corpus and grouped cross-validation ---===*
 *
 * Reads the accelerator corpus (models/accel/manifest.tsv plus the feature
 * rows the build extracts) and evaluates the classifier by grouped k-fold
 * cross-validation: a family (variants written from one idea) is never split
 * between training and test, and pattern mining sees the training folds
 * only.
 *
 *===----------------------------------------------------------------------===*/
#include "accel.h"

#include "error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t fnv(uint64_t h, const void *data, size_t n) {
  const unsigned char *p = data;
  for (size_t i = 0; i < n; ++i) {
    h ^= p[i];
    h *= 0x100000001b3ULL;
  }
  return h;
}

void clara_accel_corpus_dispose(clara_accel_corpus *c) {
  if (!c)
    return;
  for (size_t i = 0; i < c->num_samples; ++i) {
    clara_accel_features_dispose(c->owned[i]);
    free(c->names[i]);
  }
  for (size_t i = 0; i < c->num_families; ++i)
    free(c->families[i]);
  for (size_t i = 0; i < c->num_variants; ++i)
    clara_accel_features_dispose(c->variants_owned[i]);
  free(c->variants);
  free(c->variants_owned);
  free(c->owned);
  free(c->names);
  free(c->families);
  free(c->samples);
  free(c);
}

static int grow(void **p, size_t *cap, size_t need, size_t size) {
  if (need <= *cap)
    return CLARA_OK;
  size_t n = *cap ? *cap : 64;
  while (n < need)
    n *= 2;
  void *q = realloc(*p, n * size);
  if (!q)
    return CLARA_ERROR;
  *p = q;
  *cap = n;
  return CLARA_OK;
}

static int add_sample(clara_accel_corpus *c, size_t *cap,
                      clara_accel_features *f, clara_accel_class cls,
                      int family, char *name) {
  size_t c1 = *cap, c2 = *cap, c3 = *cap;
  void *a = c->samples, *b = c->names, *d = c->owned;
  if (grow(&a, &c1, c->num_samples + 1, sizeof *c->samples) ||
      grow(&b, &c2, c->num_samples + 1, sizeof *c->names) ||
      grow(&d, &c3, c->num_samples + 1, sizeof *c->owned)) {
    c->samples = a;
    c->names = b;
    c->owned = d;
    return CLARA_ERROR;
  }
  c->samples = a;
  c->names = b;
  c->owned = d;
  *cap = c1;
  c->samples[c->num_samples].features = f;
  c->samples[c->num_samples].cls = cls;
  c->samples[c->num_samples].family = family;
  c->names[c->num_samples] = name;
  c->owned[c->num_samples] = f;
  c->num_samples++;
  return CLARA_OK;
}

static int family_id(clara_accel_corpus *c, size_t *cap, const char *name) {
  for (size_t i = 0; i < c->num_families; ++i)
    if (!strcmp(c->families[i], name))
      return (int)i;
  void *p = c->families;
  if (grow(&p, cap, c->num_families + 1, sizeof *c->families))
    return -1;
  c->families = p;
  if (!(c->families[c->num_families] = strdup(name)))
    return -1;
  return (int)c->num_families++;
}

/* Calls row(context, label, features) for every feature row of the file
 * `path` (the callback owns both; it returns CLARA_OK or an error, message
 * set), folding each row into the corpus's data hash. */
typedef int (*feature_row_fn)(void *context, char *label,
                              clara_accel_features *f, char **out_message);

static int for_each_feature_row(clara_accel_corpus *c, const char *path,
                                feature_row_fn row, void *context,
                                char **out_message) {
  FILE *in = fopen(path, "r");
  if (!in)
    return clara_error(out_message, "%s: cannot open: %s", path,
                       strerror(errno));
  char *line = NULL;
  size_t len = 0, lineno = 0;
  ssize_t got;
  int status = CLARA_OK;
  while (status == CLARA_OK && (got = getline(&line, &len, in)) > 0) {
    lineno++;
    c->data_hash = fnv(c->data_hash, line, (size_t)got);
    char *label = NULL, *msg = NULL;
    clara_accel_features *f = NULL;
    if (clara_accel_features_parse(line, &label, &f, &msg) != CLARA_OK) {
      status = clara_error(out_message, "%s:%zu: %s", path, lineno,
                           msg ? msg : "malformed row");
      clara_dispose_message(msg);
      break;
    }
    status = row(context, label, f, out_message);
  }
  free(line);
  fclose(in);
  return status;
}

typedef struct {
  clara_accel_corpus *corpus;
  size_t *cap;
  const char *rel;
  clara_accel_class cls;
  int family;
} sample_reader;

static int add_sample_row(void *context, char *label, clara_accel_features *f,
                          char **out_message) {
  sample_reader *r = context;
  size_t n = strlen(r->rel) + strlen(label) + 2;
  char *name = malloc(n);
  if (name)
    snprintf(name, n, "%s:%s", r->rel, label);
  free(label);
  if (!name ||
      add_sample(r->corpus, r->cap, f, r->cls, r->family, name) != CLARA_OK) {
    free(name);
    clara_accel_features_dispose(f);
    return clara_error(out_message, "accel: out of memory");
  }
  return CLARA_OK;
}

/* Adds the rows of feature file `path` (`rel` under the features
 * directory) as samples of class `cls` and `family`. */
static int read_features(clara_accel_corpus *c, size_t *cap, const char *path,
                         const char *rel, clara_accel_class cls, int family,
                         char **out_message) {
  sample_reader r = {c, cap, rel, cls, family};
  return for_each_feature_row(c, path, add_sample_row, &r, out_message);
}

/* The manifest's fourth column names functions of a file that are generic
 * helpers, not the file's algorithm (a popcount inside a trie, a PRNG that
 * shuffles a table): they are samples of `none`. Names are matched in the
 * as-written rows (FEATURES_DIR/path.tsv), whose order every form of the
 * file's rows shares, so that name-stripped rows get the same labels. */
static int relabel_helpers(clara_accel_corpus *c, size_t first,
                           const char *features_dir, const char *path,
                           const char *helpers, const char *manifest,
                           size_t lineno, char **out_message) {
  size_t n = strlen(features_dir) + strlen(path) + 6;
  char *named = malloc(n);
  if (!named)
    return clara_error(out_message, "accel: out of memory");
  snprintf(named, n, "%s/%s.tsv", features_dir, path);
  FILE *in = fopen(named, "r");
  if (!in) {
    int st =
        clara_error(out_message, "%s: cannot open: %s", named, strerror(errno));
    free(named);
    return st;
  }
  char *line = NULL;
  size_t len = 0, row = 0, found = 0, wanted = 1;
  for (const char *h = helpers; *h; ++h)
    wanted += *h == ',';
  while (getline(&line, &len, in) > 0) {
    size_t name_len = strcspn(line, "\t");
    for (const char *h = helpers; *h;) {
      size_t hl = strcspn(h, ",");
      if (hl == name_len && !strncmp(h, line, hl) &&
          first + row < c->num_samples) {
        c->samples[first + row].cls = CLARA_ACCEL_NONE;
        found++;
      }
      h += hl + (h[hl] == ',');
    }
    row++;
  }
  free(line);
  fclose(in);
  free(named);
  if (found != wanted)
    return clara_error(out_message,
                       "%s:%zu: %zu of the %zu helper functions named are "
                       "not in the file's feature rows",
                       manifest, lineno, wanted - found, wanted);
  return CLARA_OK;
}

/* Splits manifest line `line` (changed in place) into its path, class and
 * family and the helper list of its optional fourth column `none=F,G`
 * (NULL when absent). Returns 0 for a blank or comment line, 1 for a row,
 * -1 with a message naming the line for a malformed one. */
static int split_manifest_line(char *line, const char *manifest, size_t lineno,
                               char **path, char **cls, char **fam,
                               char **helpers, char **out_message) {
  size_t len = strlen(line);
  while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
    line[--len] = 0;
  if (!len || line[0] == '#')
    return 0;
  *path = line;
  *helpers = NULL;
  if (!(*cls = strchr(line, '\t')) || !(*fam = strchr(*cls + 1, '\t'))) {
    clara_error(out_message, "%s:%zu: expected 'path<TAB>class<TAB>family'",
                manifest, lineno);
    return -1;
  }
  *(*cls)++ = 0;
  *(*fam)++ = 0;
  if ((*helpers = strchr(*fam, '\t')) != NULL) {
    *(*helpers)++ = 0;
    if (strncmp(*helpers, "none=", 5) != 0) {
      clara_error(out_message,
                  "%s:%zu: the fourth column must be 'none=FUNCTION,...'",
                  manifest, lineno);
      return -1;
    }
    *helpers += 5;
  }
  return 1;
}

/* Calls row(context, ...) for every row of `manifest`, with the row's class,
 * its family key `class/family` and its helper list (NULL when none),
 * until one returns an error. Blank and comment lines are skipped. */
typedef int (*manifest_row_fn)(void *context, const char *manifest,
                               size_t lineno, const char *path,
                               clara_accel_class cls, const char *family_key,
                               const char *helpers, char **out_message);

static int for_each_manifest_row(const char *manifest, manifest_row_fn row,
                                 void *context, char **out_message) {
  FILE *in = fopen(manifest, "r");
  if (!in)
    return clara_error(out_message, "%s: cannot open: %s", manifest,
                       strerror(errno));
  size_t lineno = 0;
  char line[1024];
  int status = CLARA_OK;
  while (status == CLARA_OK && fgets(line, sizeof line, in)) {
    char *path, *cls, *fam, *helpers;
    int kind = split_manifest_line(line, manifest, ++lineno, &path, &cls, &fam,
                                   &helpers, out_message);
    if (kind < 0)
      status = CLARA_ERROR;
    if (kind <= 0)
      continue;
    clara_accel_class k = clara_accel_class_from_name(cls);
    if (k == CLARA_ACCEL_NUM_CLASSES) {
      status = clara_error(out_message,
                           "%s:%zu: unknown class '%s' (crc, lpm, hash, "
                           "crypto or none)",
                           manifest, lineno, cls);
      break;
    }
    char famkey[512];
    snprintf(famkey, sizeof famkey, "%s/%s", cls, fam);
    status =
        row(context, manifest, lineno, path, k, famkey, helpers, out_message);
  }
  fclose(in);
  return status;
}

typedef struct {
  clara_accel_corpus *corpus;
  const char *features_dir, *suffix;
  size_t cap, fam_cap;
} corpus_loader;

static int load_row(void *context, const char *manifest, size_t lineno,
                    const char *path, clara_accel_class k,
                    const char *family_key, const char *helpers,
                    char **out_message) {
  corpus_loader *l = context;
  clara_accel_corpus *c = l->corpus;
  int id = family_id(c, &l->fam_cap, family_key);
  size_t n = strlen(l->features_dir) + strlen(path) + strlen(l->suffix) + 2;
  char *fpath = malloc(n);
  if (id < 0 || !fpath) {
    free(fpath);
    return clara_error(out_message, "accel: out of memory");
  }
  snprintf(fpath, n, "%s/%s%s", l->features_dir, path, l->suffix);
  size_t first = c->num_samples;
  int status = read_features(c, &l->cap, fpath, path, k, id, out_message);
  free(fpath);
  if (status == CLARA_OK && helpers)
    status = relabel_helpers(c, first, l->features_dir, path, helpers, manifest,
                             lineno, out_message);
  return status;
}

int clara_accel_corpus_load(const char *manifest, const char *features_dir,
                            const char *suffix, clara_accel_corpus **out,
                            char **out_message) {
  *out = NULL;
  clara_accel_corpus *c = calloc(1, sizeof *c);
  if (!c)
    return clara_error(out_message, "accel: out of memory");
  c->data_hash = 0xcbf29ce484222325ULL;
  corpus_loader l = {c, features_dir, suffix, 0, 0};
  int status = for_each_manifest_row(manifest, load_row, &l, out_message);
  if (status == CLARA_OK && !c->num_samples)
    status = clara_error(out_message, "%s: no samples", manifest);
  if (status != CLARA_OK) {
    clara_accel_corpus_dispose(c);
    return CLARA_ERROR;
  }
  *out = c;
  return CLARA_OK;
}

/* Is `name` one of the comma-separated `helpers` (NULL: none)? */
static int is_named_helper(const char *helpers, const char *name) {
  size_t nl = strlen(name);
  for (const char *h = helpers; h && *h;) {
    size_t hl = strcspn(h, ",");
    if (hl == nl && !strncmp(h, name, hl))
      return 1;
    h += hl + (h[hl] == ',');
  }
  return 0;
}

static int add_variant(clara_accel_corpus *c, size_t *cap,
                       clara_accel_features *f, clara_accel_class cls,
                       int family) {
  if (c->num_variants == *cap) {
    size_t n = *cap ? 2 * *cap : 256;
    clara_accel_sample *s = realloc(c->variants, n * sizeof *s);
    if (!s)
      return CLARA_ERROR;
    c->variants = s;
    clara_accel_features **o = realloc(c->variants_owned, n * sizeof *o);
    if (!o)
      return CLARA_ERROR;
    c->variants_owned = o;
    *cap = n;
  }
  c->variants[c->num_variants].features = f;
  c->variants[c->num_variants].cls = cls;
  c->variants[c->num_variants].family = family;
  c->variants_owned[c->num_variants] = f;
  c->num_variants++;
  return CLARA_OK;
}

typedef struct {
  clara_accel_corpus *corpus;
  const char *features_dir, *suffix;
  size_t cap;
  const char *helpers; /* of the current manifest row */
  clara_accel_class cls;
  int family;
} variant_loader;

static int add_variant_row(void *context, char *label, clara_accel_features *f,
                           char **out_message) {
  variant_loader *l = context;
  clara_accel_class k =
      is_named_helper(l->helpers, label) ? CLARA_ACCEL_NONE : l->cls;
  free(label);
  if (add_variant(l->corpus, &l->cap, f, k, l->family) != CLARA_OK) {
    clara_accel_features_dispose(f);
    return clara_error(out_message, "accel: out of memory");
  }
  return CLARA_OK;
}

static int variant_row(void *context, const char *manifest, size_t lineno,
                       const char *path, clara_accel_class k,
                       const char *family_key, const char *helpers,
                       char **out_message) {
  variant_loader *l = context;
  clara_accel_corpus *c = l->corpus;
  int id = -1;
  for (size_t i = 0; i < c->num_families && id < 0; ++i)
    if (!strcmp(c->families[i], family_key))
      id = (int)i;
  if (id < 0)
    return clara_error(out_message,
                       "%s:%zu: class or family not in the loaded corpus",
                       manifest, lineno);
  char fpath[2048];
  snprintf(fpath, sizeof fpath, "%s/%s%s", l->features_dir, path, l->suffix);
  l->helpers = helpers;
  l->cls = k;
  l->family = id;
  return for_each_feature_row(c, fpath, add_variant_row, l, out_message);
}

int clara_accel_corpus_add_variants(clara_accel_corpus *c, const char *manifest,
                                    const char *features_dir,
                                    const char *suffix, char **out_message) {
  variant_loader l = {c,    features_dir,     suffix, c->num_variants,
                      NULL, CLARA_ACCEL_NONE, -1};
  return for_each_manifest_row(manifest, variant_row, &l, out_message);
}

typedef struct {
  size_t family;
  int cls;
  uint64_t key;
} fam_order;

static int cmp_fam(const void *a, const void *b) {
  const fam_order *x = a, *y = b;
  if (x->cls != y->cls)
    return x->cls - y->cls;
  return x->key < y->key ? -1 : x->key > y->key;
}

/* Folds for the families with include[family] != 0 (all when include is
 * NULL): ordered by class, then by an FNV hash of the name salted with
 * `seed`, dealt round-robin per class. Others get fold k (never tested). */
static void assign_subset(const clara_accel_corpus *c, const int *include,
                          unsigned k, unsigned seed, unsigned *fold) {
  fam_order *o = calloc(c->num_families ? c->num_families : 1, sizeof *o);
  if (!o) {
    for (size_t i = 0; i < c->num_families; ++i)
      fold[i] = (unsigned)(i % k);
    return;
  }
  size_t n = 0;
  for (size_t i = 0; i < c->num_families; ++i) {
    fold[i] = k;
    if (include && !include[i])
      continue;
    o[n].family = i;
    o[n].cls = CLARA_ACCEL_NONE;
    for (size_t s = 0; s < c->num_samples; ++s)
      if (c->samples[s].family == (int)i && (int)c->samples[s].cls < o[n].cls)
        o[n].cls = (int)c->samples[s].cls; /* a relabelled helper is none */
    uint64_t h = fnv(0xcbf29ce484222325ULL, &seed, sizeof seed);
    o[n].key = fnv(h, c->families[i], strlen(c->families[i]));
    n++;
  }
  qsort(o, n, sizeof *o, cmp_fam);
  unsigned next = 0;
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && o[i].cls != o[i - 1].cls)
      next = 0; /* each class starts dealing at fold 0 ... */
    fold[o[i].family] = (next + (unsigned)o[i].cls) % k; /* ... shifted */
    next++;
  }
  free(o);
}

void clara_accel_assign_folds(const clara_accel_corpus *c, unsigned k,
                              unsigned seed, unsigned *fold) {
  assign_subset(c, NULL, k, seed, fold);
}

/* Out-of-fold class probabilities by grouped k-fold CV over the families
 * with include[family] != 0 (NULL: all): for each fold, trains on the other
 * included families and predicts the fold's samples into
 * probs[sample * CLASSES ..]. Samples of excluded families are untouched. */
static int out_of_fold(const clara_accel_corpus *c, const int *include,
                       unsigned k, unsigned seed,
                       const clara_accel_train_options *options,
                       const char *what, double *probs, char **out_message) {
  unsigned *fold = calloc(c->num_families ? c->num_families : 1, sizeof *fold);
  clara_accel_sample *train =
      calloc(c->num_samples + c->num_variants, sizeof *train);
  if (!fold || !train) {
    free(fold);
    free(train);
    return clara_error(out_message, "accel: out of memory");
  }
  assign_subset(c, include, k, seed, fold);
  int status = CLARA_OK;
  for (unsigned f = 0; f < k && status == CLARA_OK; ++f) {
    size_t n = 0, tested = 0;
    for (size_t s = 0; s < c->num_samples; ++s) {
      unsigned sf = fold[c->samples[s].family];
      if (sf < k && sf != f)
        train[n++] = c->samples[s];
      tested += sf == f;
    }
    for (size_t s = 0; s < c->num_variants; ++s) {
      unsigned sf = fold[c->variants[s].family];
      if (sf < k && sf != f)
        train[n++] = c->variants[s]; /* training only, never tested */
    }
    if (!tested)
      continue;
    if (options->verbose && options->progress)
      fprintf(options->progress,
              "clara-accel: %sfold %u/%u: %zu training, %zu test samples\n",
              what, f + 1, k, n, tested);
    clara_accel_model *m = NULL;
    clara_accel_train_options quiet = *options;
    quiet.verbose = 0;
    if (clara_accel_train(train, n, &quiet, &m, out_message) != CLARA_OK) {
      status = CLARA_ERROR;
      break;
    }
    for (size_t s = 0; s < c->num_samples && status == CLARA_OK; ++s)
      if (fold[c->samples[s].family] == f)
        status = clara_accel_model_predict(m, c->samples[s].features,
                                           probs + s * CLARA_ACCEL_NUM_CLASSES,
                                           out_message);
    clara_accel_model_dispose(m);
  }
  free(fold);
  free(train);
  return status;
}

/* F-beta with beta = 0.5 (precision weighs twice as much as recall). */
static double f_half(size_t tp, size_t fp, size_t fn) {
  double d = 1.25 * (double)tp + 0.25 * (double)fn + (double)fp;
  return d > 0 ? 1.25 * (double)tp / d : 0.0;
}

void clara_accel_threshold_rule(double precision_floor, char *buf,
                                size_t size) {
  if (!size)
    return;
  if (precision_floor > 0)
    snprintf(buf, size, "the lowest with precision >= %.2f", precision_floor);
  else
    snprintf(buf, size, "max F0.5");
}

void clara_accel_choose_thresholds(const clara_accel_class *truth,
                                   const double *probs, const int *mask,
                                   size_t n, double floor,
                                   double precision_floor,
                                   double *out_thresholds) {
  for (int k = 0; k < CLARA_ACCEL_NUM_CLASSES; ++k)
    out_thresholds[k] = floor;
  for (int k = 0; k < CLARA_ACCEL_NONE; ++k) {
    double best = -1;
    for (int step = 0;; ++step) {
      double t = floor + 0.05 * step;
      if (t > CLARA_ACCEL_MAX_THRESHOLD + 1e-9)
        break;
      size_t tp = 0, fp = 0, fn = 0;
      for (size_t i = 0; i < n; ++i) {
        if (mask && !mask[i])
          continue;
        int pred = clara_accel_decide(probs + i * CLARA_ACCEL_NUM_CLASSES, NULL,
                                      0.0, NULL);
        if (pred == k && probs[i * CLARA_ACCEL_NUM_CLASSES + k] < t - 1e-12)
          pred = CLARA_ACCEL_NONE;
        tp += truth[i] == (clara_accel_class)k && pred == k;
        fp += truth[i] != (clara_accel_class)k && pred == k;
        fn += truth[i] == (clara_accel_class)k && pred != k;
      }
      if (precision_floor > 0) {
        /* The lowest threshold that reaches the floor; until one does, the
         * most precise so far (ties: the higher threshold). */
        double precision = tp + fp ? (double)tp / (double)(tp + fp) : -1;
        if (precision >= precision_floor - 1e-12) {
          out_thresholds[k] = t;
          break;
        }
        if (precision >= best - 1e-12) {
          best = precision;
          out_thresholds[k] = t;
        }
        continue;
      }
      double score = f_half(tp, fp, fn);
      if (score >= best - 1e-12) { /* ties: the higher threshold */
        best = score;
        out_thresholds[k] = t;
      }
    }
  }
}

int clara_accel_cross_validate(const clara_accel_corpus *c, unsigned k,
                               unsigned inner_k,
                               const clara_accel_train_options *options,
                               double threshold, int *predicted,
                               double *confidence, double *out_thresholds,
                               char **out_message) {
  size_t nc = CLARA_ACCEL_NUM_CLASSES;
  unsigned *fold = calloc(c->num_families ? c->num_families : 1, sizeof *fold);
  int *include = calloc(c->num_families ? c->num_families : 1, sizeof *include);
  int *mask = calloc(c->num_samples, sizeof *mask);
  double *outer = calloc(c->num_samples * nc, sizeof *outer);
  double *inner = calloc(c->num_samples * nc, sizeof *inner);
  clara_accel_class *truth = calloc(c->num_samples, sizeof *truth);
  int status = CLARA_OK;
  if (!fold || !include || !mask || !outer || !inner || !truth) {
    status = clara_error(out_message, "accel: out of memory");
    goto done;
  }
  for (size_t s = 0; s < c->num_samples; ++s)
    truth[s] = c->samples[s].cls;
  clara_accel_assign_folds(c, k, options->seed, fold);
  status =
      out_of_fold(c, NULL, k, options->seed, options, "", outer, out_message);
  for (unsigned f = 0; f < k && status == CLARA_OK; ++f) {
    double t[CLARA_ACCEL_NUM_CLASSES];
    for (size_t i = 0; i < nc; ++i)
      t[i] = threshold;
    if (inner_k >= 2) {
      /* Thresholds from the outer training folds only. */
      for (size_t i = 0; i < c->num_families; ++i)
        include[i] = fold[i] != f;
      for (size_t s = 0; s < c->num_samples; ++s)
        mask[s] = include[c->samples[s].family];
      char what[64];
      snprintf(what, sizeof what, "outer %u/%u, inner ", f + 1, k);
      status = out_of_fold(c, include, inner_k, options->seed + 1 + f, options,
                           what, inner, out_message);
      if (status != CLARA_OK)
        break;
      clara_accel_choose_thresholds(truth, inner, mask, c->num_samples,
                                    threshold, options->precision_floor, t);
    }
    if (out_thresholds)
      memcpy(out_thresholds + f * nc, t, sizeof t);
    for (size_t s = 0; s < c->num_samples; ++s) {
      if (fold[c->samples[s].family] != f)
        continue;
      predicted[s] =
          clara_accel_decide(outer + s * nc, t, threshold, &confidence[s]);
    }
  }
done:
  free(fold);
  free(include);
  free(mask);
  free(outer);
  free(inner);
  free(truth);
  return status;
}

int clara_accel_cv_thresholds(const clara_accel_corpus *c, unsigned k,
                              const clara_accel_train_options *options,
                              double floor, double *out_thresholds,
                              char **out_message) {
  unsigned repeats =
      options->threshold_repeats ? options->threshold_repeats : 1;
  size_t n = c->num_samples;
  double *probs = calloc(n * repeats * CLARA_ACCEL_NUM_CLASSES, sizeof *probs);
  clara_accel_class *truth = calloc(n * repeats, sizeof *truth);
  if (!probs || !truth) {
    free(probs);
    free(truth);
    return clara_error(out_message, "accel: out of memory");
  }
  int status = CLARA_OK;
  for (unsigned r = 0; r < repeats && status == CLARA_OK; ++r) {
    for (size_t s = 0; s < n; ++s)
      truth[r * n + s] = c->samples[s].cls;
    status =
        out_of_fold(c, NULL, k, options->seed + 1 + r, options, "thresholds, ",
                    probs + r * n * CLARA_ACCEL_NUM_CLASSES, out_message);
  }
  if (status == CLARA_OK)
    clara_accel_choose_thresholds(truth, probs, NULL, n * repeats, floor,
                                  options->precision_floor, out_thresholds);
  free(probs);
  free(truth);
  return status;
}
