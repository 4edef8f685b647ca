/*===- core/accel_model.c - Pattern mining and the XGBoost classifier -----===*
 *
 * Sequential pattern extraction as the paper's §4.1: an instruction n-gram
 * becomes a feature when it occurs in at least `min_support` of one class's
 * training functions (support) and at least `min_confidence` of the training
 * functions containing it belong to that class (confidence). The feature
 * vector is the structural features followed by one 0/1 column per mined
 * pattern; a multi:softprob XGBoost model (one thread, fixed seed, exact
 * tree method: deterministic) classifies it.
 *
 *===----------------------------------------------------------------------===*/
#include "accel.h"

#include "error.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <xgboost/c_api.h>

#define META_MAGIC "clara-accel-meta 1"

struct clara_accel_model {
  BoosterHandle booster;
  clara_accel_pattern *patterns; /* sorted by ngram */
  size_t num_patterns;
  double thresholds[CLARA_ACCEL_NUM_CLASSES];
};

static clara_accel_model *new_model(void) {
  clara_accel_model *m = calloc(1, sizeof *m);
  if (m)
    for (int c = 0; c < CLARA_ACCEL_NUM_CLASSES; ++c)
      m->thresholds[c] = CLARA_ACCEL_DEFAULT_THRESHOLD;
  return m;
}

const double *clara_accel_model_thresholds(const clara_accel_model *m) {
  return m->thresholds;
}

void clara_accel_model_set_thresholds(clara_accel_model *m, const double *t) {
  memcpy(m->thresholds, t, sizeof m->thresholds);
}

int clara_accel_decide(const double *p, const double *t, double floor,
                       double *out_confidence) {
  int best = CLARA_ACCEL_NONE;
  double bp = -1;
  for (int c = 0; c < CLARA_ACCEL_NUM_CLASSES; ++c)
    if (p[c] > bp) {
      bp = p[c];
      best = c;
    }
  if (out_confidence)
    *out_confidence = bp;
  double need = t && t[best] > floor ? t[best] : floor;
  if (best != CLARA_ACCEL_NONE && bp < need)
    best = CLARA_ACCEL_NONE;
  return best;
}

static int cmp_pattern(const void *a, const void *b) {
  return strcmp(((const clara_accel_pattern *)a)->ngram,
                ((const clara_accel_pattern *)b)->ngram);
}

void clara_accel_model_dispose(clara_accel_model *m) {
  if (!m)
    return;
  if (m->booster)
    XGBoosterFree(m->booster);
  for (size_t i = 0; i < m->num_patterns; ++i)
    free(m->patterns[i].ngram);
  free(m->patterns);
  free(m);
}

const clara_accel_pattern *
clara_accel_model_patterns(const clara_accel_model *m, size_t *out_count) {
  *out_count = m->num_patterns;
  return m->patterns;
}

static size_t num_columns(const clara_accel_model *m) {
  return CLARA_ACCEL_NUM_STRUCTURAL + m->num_patterns;
}

static int has_ngram(const clara_accel_features *f, const char *g) {
  size_t lo = 0, hi = f->num_ngrams;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int c = strcmp(f->ngrams[mid], g);
    if (!c)
      return 1;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return 0;
}

static void fill_row(const clara_accel_model *m, const clara_accel_features *f,
                     float *row) {
  for (size_t i = 0; i < CLARA_ACCEL_NUM_STRUCTURAL; ++i)
    row[i] = (float)f->structural[i];
  for (size_t p = 0; p < m->num_patterns; ++p)
    row[CLARA_ACCEL_NUM_STRUCTURAL + p] =
        (float)has_ngram(f, m->patterns[p].ngram);
}

static int xgb_error(char **out_message, const char *what) {
  return clara_error(out_message, "accel: %s: %s", what, XGBGetLastError());
}

int clara_accel_model_predict(const clara_accel_model *m,
                              const clara_accel_features *f, double *probs,
                              char **out_message) {
  size_t cols = num_columns(m);
  float *row = malloc(cols * sizeof *row);
  if (!row)
    return clara_error(out_message, "accel: out of memory");
  fill_row(m, f, row);
  DMatrixHandle d;
  if (XGDMatrixCreateFromMat(row, 1, (bst_ulong)cols, NAN, &d)) {
    free(row);
    return xgb_error(out_message, "prediction input");
  }
  bst_ulong len = 0;
  const float *out = NULL;
  int rc = XGBoosterPredict(m->booster, d, 0, 0, 0, &len, &out);
  if (rc || len != CLARA_ACCEL_NUM_CLASSES) {
    XGDMatrixFree(d);
    free(row);
    return rc ? xgb_error(out_message, "prediction")
              : clara_error(out_message,
                            "accel: model predicts %lu classes, expected %d",
                            (unsigned long)len, CLARA_ACCEL_NUM_CLASSES);
  }
  for (int c = 0; c < CLARA_ACCEL_NUM_CLASSES; ++c)
    probs[c] = out[c];
  XGDMatrixFree(d);
  free(row);
  return CLARA_OK;
}

/* --- Loading ---------------------------------------------------------------*/

static char *join_path(const char *dir, const char *file) {
  size_t n = strlen(dir) + strlen(file) + 2;
  char *p = malloc(n);
  if (p)
    snprintf(p, n, "%s/%s", dir, file);
  return p;
}

static int read_meta(const char *path, clara_accel_model *m,
                     char **out_message) {
  FILE *in = fopen(path, "r");
  if (!in)
    return clara_error(out_message, "%s: cannot open: %s", path,
                       strerror(errno));
  char line[4096];
  size_t lineno = 0, cap = 0;
  int status = CLARA_OK, seen_magic = 0, seen_features = 0;
  while (status == CLARA_OK && fgets(line, sizeof line, in)) {
    lineno++;
    size_t len = strlen(line);
    if (len && line[len - 1] != '\n' && !feof(in)) {
      status = clara_error(out_message, "%s:%zu: line too long", path, lineno);
      break;
    }
    while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
      line[--len] = 0;
    if (lineno == 1) {
      if (strcmp(line, META_MAGIC) != 0)
        status = clara_error(out_message,
                             "%s:1: not a Clara accelerator model metadata "
                             "file (expected '%s')",
                             path, META_MAGIC);
      seen_magic = 1;
      continue;
    }
    if (!len || line[0] == '#')
      continue;
    if (strncmp(line, "features ", 9) == 0) {
      if (atoi(line + 9) != CLARA_ACCEL_NUM_STRUCTURAL)
        status = clara_error(out_message,
                             "%s:%zu: model uses %d structural features, this "
                             "Clara computes %d: retrain the model",
                             path, lineno, atoi(line + 9),
                             CLARA_ACCEL_NUM_STRUCTURAL);
      seen_features = 1;
      continue;
    }
    if (strncmp(line, "pattern ", 8) == 0) {
      char cls[16];
      double sup, conf;
      int off = 0;
      if (sscanf(line + 8, "%15s %lf %lf %n", cls, &sup, &conf, &off) != 3 ||
          !off || !line[8 + off] ||
          clara_accel_class_from_name(cls) == CLARA_ACCEL_NUM_CLASSES) {
        status = clara_error(out_message, "%s:%zu: malformed pattern line",
                             path, lineno);
        break;
      }
      if (m->num_patterns == cap) {
        cap = cap ? 2 * cap : 64;
        clara_accel_pattern *p = realloc(m->patterns, cap * sizeof *p);
        if (!p) {
          status = clara_error(out_message, "accel: out of memory");
          break;
        }
        m->patterns = p;
      }
      clara_accel_pattern *p = &m->patterns[m->num_patterns];
      p->ngram = strdup(line + 8 + off);
      p->cls = clara_accel_class_from_name(cls);
      p->support = sup;
      p->confidence = conf;
      if (!p->ngram) {
        status = clara_error(out_message, "accel: out of memory");
        break;
      }
      m->num_patterns++;
      continue;
    }
    if (strncmp(line, "threshold ", 10) == 0) {
      char cls[16];
      double t;
      int off = 0;
      clara_accel_class k = CLARA_ACCEL_NUM_CLASSES;
      if (sscanf(line + 10, "%15s %lf %n", cls, &t, &off) != 2 ||
          line[10 + off] ||
          (k = clara_accel_class_from_name(cls)) == CLARA_ACCEL_NUM_CLASSES ||
          !(t >= 0 && t <= 1)) {
        status = clara_error(out_message,
                             "%s:%zu: malformed threshold line (expected "
                             "'threshold CLASS P', 0 <= P <= 1)",
                             path, lineno);
        break;
      }
      m->thresholds[k] = t;
      continue;
    }
    if (strncmp(line, "classes ", 8) == 0 || strncmp(line, "data ", 5) == 0 ||
        strncmp(line, "split ", 6) == 0 || strncmp(line, "metric ", 7) == 0 ||
        strncmp(line, "train ", 6) == 0)
      continue;
    status = clara_error(out_message, "%s:%zu: unknown line '%.40s'", path,
                         lineno, line);
  }
  if (status == CLARA_OK && ferror(in))
    status = clara_error(out_message, "%s: read error", path);
  if (status == CLARA_OK && !seen_magic)
    status = clara_error(out_message, "%s: empty file", path);
  if (status == CLARA_OK && !seen_features)
    status = clara_error(out_message, "%s: no 'features' line", path);
  fclose(in);
  if (status == CLARA_OK && m->num_patterns)
    qsort(m->patterns, m->num_patterns, sizeof *m->patterns, cmp_pattern);
  return status;
}

int clara_accel_model_load(const char *dir, clara_accel_model **out,
                           char **out_message) {
  *out = NULL;
  clara_accel_model *m = new_model();
  char *meta = join_path(dir, "accel.meta");
  char *ubj = join_path(dir, "accel.ubj");
  int status = CLARA_ERROR;
  if (!m || !meta || !ubj) {
    clara_error(out_message, "accel: out of memory");
    goto done;
  }
  if (read_meta(meta, m, out_message) != CLARA_OK)
    goto done;
  FILE *probe = fopen(ubj, "rb");
  if (!probe) {
    clara_error(out_message, "%s: cannot open: %s", ubj, strerror(errno));
    goto done;
  }
  fclose(probe);
  if (XGBoosterCreate(NULL, 0, &m->booster)) {
    xgb_error(out_message, ubj);
    goto done;
  }
  if (XGBoosterLoadModel(m->booster, ubj)) {
    clara_error(out_message, "%s: not a readable XGBoost model: %s", ubj,
                XGBGetLastError());
    goto done;
  }
  bst_ulong nf = 0;
  if (XGBoosterGetNumFeature(m->booster, &nf) || nf != num_columns(m)) {
    clara_error(out_message,
                "%s: model has %lu input columns but %s describes %zu", ubj,
                (unsigned long)nf, meta, num_columns(m));
    goto done;
  }
  XGBoosterSetParam(m->booster, "nthread", "1");
  *out = m;
  m = NULL;
  status = CLARA_OK;
done:
  clara_accel_model_dispose(m);
  free(meta);
  free(ubj);
  return status;
}

/* --- Training --------------------------------------------------------------*/

void clara_accel_train_defaults(clara_accel_train_options *o) {
  o->min_support = 0.3;
  o->min_confidence = 0.8;
  o->max_patterns_per_class = 25;
  o->rounds = 80;
  o->max_depth = 4;
  o->eta = 0.2;
  o->seed = 7;
  o->threshold_repeats = 5;
  o->precision_floor = 0;
  o->verbose = 0;
  o->progress = NULL;
}

int clara_accel_is_train_option(const char *name) {
  return !strcmp(name, "--support") || !strcmp(name, "--confidence") ||
         !strcmp(name, "--patterns") || !strcmp(name, "--precision-floor");
}

int clara_accel_set_train_option(clara_accel_train_options *o, const char *name,
                                 const char *value, char **out_message) {
  if (!clara_accel_is_train_option(name))
    return clara_error(out_message, "'%s' is not a training option", name);
  char *end = NULL;
  errno = 0;
  if (!strcmp(name, "--patterns")) {
    unsigned long n = strtoul(value, &end, 10);
    if (value[0] == '-' || end == value || *end || errno || n < 1)
      return clara_error(out_message,
                         "--patterns needs an integer >= 1, got '%s'", value);
    o->max_patterns_per_class = (size_t)n;
    return CLARA_OK;
  }
  double x = strtod(value, &end);
  if (end == value || *end || errno || !(x > 0 && x <= 1))
    return clara_error(out_message, "%s needs a number in (0, 1], got '%s'",
                       name, value);
  if (!strcmp(name, "--support"))
    o->min_support = x;
  else if (!strcmp(name, "--precision-floor"))
    o->precision_floor = x;
  else
    o->min_confidence = x;
  return CLARA_OK;
}

typedef struct {
  const char *ngram;
  int cls;
  double weight;
} gram_ref;

static int cmp_gram_ref(const void *a, const void *b) {
  const gram_ref *x = a, *y = b;
  int c = strcmp(x->ngram, y->ngram);
  return c ? c : x->cls - y->cls;
}

typedef struct {
  const char *ngram;
  int cls;
  double support, confidence, score;
} candidate;

static int cmp_candidate(const void *a, const void *b) {
  const candidate *x = a, *y = b;
  if (x->cls != y->cls)
    return x->cls - y->cls;
  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return strcmp(x->ngram, y->ngram);
}

/* Sample weights: every class weighs the same, and within a class every
 * family weighs the same (a family of ten variants does not outvote one of
 * two). Scaled to a mean of 1. Stores n weights in `w`. */
static int balanced_weights(const clara_accel_sample *samples, size_t n,
                            float *w) {
  int max_family = 0;
  for (size_t i = 0; i < n; ++i)
    if (samples[i].family > max_family)
      max_family = samples[i].family;
  size_t nf = (size_t)max_family + 1;
  size_t *fam_size = calloc(nf * CLARA_ACCEL_NUM_CLASSES, sizeof *fam_size);
  if (!fam_size)
    return CLARA_ERROR;
  size_t fams_in_class[CLARA_ACCEL_NUM_CLASSES] = {0};
  int classes = 0;
  for (size_t i = 0; i < n; ++i) {
    size_t k =
        (size_t)samples[i].family * CLARA_ACCEL_NUM_CLASSES + samples[i].cls;
    if (fam_size[k]++ == 0 && fams_in_class[samples[i].cls]++ == 0)
      classes++;
  }
  double sum = 0;
  for (size_t i = 0; i < n; ++i) {
    size_t k =
        (size_t)samples[i].family * CLARA_ACCEL_NUM_CLASSES + samples[i].cls;
    w[i] =
        (float)(1.0 / ((double)classes * (double)fams_in_class[samples[i].cls] *
                       (double)fam_size[k]));
    sum += w[i];
  }
  for (size_t i = 0; i < n; ++i)
    w[i] = (float)(w[i] * (double)n / sum);
  free(fam_size);
  return CLARA_OK;
}

static int mine(const clara_accel_sample *samples, const float *weights,
                size_t n, const clara_accel_train_options *o,
                clara_accel_model *m, char **out_message) {
  size_t total = 0;
  double per_class[CLARA_ACCEL_NUM_CLASSES] = {0};
  for (size_t i = 0; i < n; ++i) {
    total += samples[i].features->num_ngrams;
    per_class[samples[i].cls] += weights[i];
  }
  gram_ref *refs = malloc((total ? total : 1) * sizeof *refs);
  candidate *cands = malloc((total ? total : 1) * sizeof *cands);
  if (!refs || !cands) {
    free(refs);
    free(cands);
    return clara_error(out_message, "accel: out of memory");
  }
  size_t k = 0;
  for (size_t i = 0; i < n; ++i)
    for (size_t g = 0; g < samples[i].features->num_ngrams; ++g) {
      refs[k].ngram = samples[i].features->ngrams[g];
      refs[k].cls = (int)samples[i].cls;
      refs[k].weight = weights[i];
      k++;
    }
  qsort(refs, total, sizeof *refs, cmp_gram_ref);
  size_t nc = 0;
  for (size_t i = 0; i < total;) {
    /* Weighted counts (ngrams are distinct within a sample). */
    size_t j = i;
    double count[CLARA_ACCEL_NUM_CLASSES] = {0}, all = 0;
    while (j < total && strcmp(refs[j].ngram, refs[i].ngram) == 0) {
      count[refs[j].cls] += refs[j].weight;
      all += refs[j].weight;
      j++;
    }
    for (int c = 0; c < CLARA_ACCEL_NUM_CLASSES; ++c) {
      if (per_class[c] <= 0 || count[c] <= 0)
        continue;
      double sup = count[c] / per_class[c];
      double conf = count[c] / all;
      if (sup >= o->min_support && conf >= o->min_confidence) {
        cands[nc].ngram = refs[i].ngram;
        cands[nc].cls = c;
        cands[nc].support = sup;
        cands[nc].confidence = conf;
        cands[nc].score = sup * conf;
        nc++;
      }
    }
    i = j;
  }
  qsort(cands, nc, sizeof *cands, cmp_candidate);
  m->patterns = calloc(nc ? nc : 1, sizeof *m->patterns);
  if (!m->patterns) {
    free(refs);
    free(cands);
    return clara_error(out_message, "accel: out of memory");
  }
  size_t taken[CLARA_ACCEL_NUM_CLASSES] = {0};
  for (size_t i = 0; i < nc; ++i) {
    if (taken[cands[i].cls] >= o->max_patterns_per_class)
      continue;
    taken[cands[i].cls]++;
    clara_accel_pattern *p = &m->patterns[m->num_patterns++];
    p->ngram = strdup(cands[i].ngram);
    p->cls = (clara_accel_class)cands[i].cls;
    p->support = cands[i].support;
    p->confidence = cands[i].confidence;
  }
  free(refs);
  free(cands);
  for (size_t i = 0; i < m->num_patterns; ++i)
    if (!m->patterns[i].ngram)
      return clara_error(out_message, "accel: out of memory");
  qsort(m->patterns, m->num_patterns, sizeof *m->patterns, cmp_pattern);
  return CLARA_OK;
}

int clara_accel_train(const clara_accel_sample *samples, size_t n,
                      const clara_accel_train_options *o,
                      clara_accel_model **out, char **out_message) {
  *out = NULL;
  if (!n)
    return clara_error(out_message, "accel: no training samples");
  clara_accel_model *m = new_model();
  float *weights = malloc(n * sizeof *weights);
  if (!m || !weights || balanced_weights(samples, n, weights) != CLARA_OK) {
    free(m);
    free(weights);
    return clara_error(out_message, "accel: out of memory");
  }
  if (mine(samples, weights, n, o, m, out_message) != CLARA_OK) {
    clara_accel_model_dispose(m);
    free(weights);
    return CLARA_ERROR;
  }
  if (o->verbose && o->progress)
    fprintf(o->progress, "clara-accel: %zu samples, %zu patterns mined\n", n,
            m->num_patterns);
  size_t cols = num_columns(m);
  float *mat = malloc(n * cols * sizeof *mat);
  float *labels = malloc(n * sizeof *labels);
  DMatrixHandle d = NULL;
  int status = CLARA_ERROR;
  if (!mat || !labels) {
    clara_error(out_message, "accel: out of memory");
    goto done;
  }
  for (size_t i = 0; i < n; ++i) {
    fill_row(m, samples[i].features, mat + i * cols);
    labels[i] = (float)samples[i].cls;
  }
  if (XGDMatrixCreateFromMat(mat, (bst_ulong)n, (bst_ulong)cols, NAN, &d) ||
      XGDMatrixSetFloatInfo(d, "label", labels, (bst_ulong)n) ||
      XGDMatrixSetFloatInfo(d, "weight", weights, (bst_ulong)n)) {
    xgb_error(out_message, "training matrix");
    goto done;
  }
  if (XGBoosterCreate(&d, 1, &m->booster)) {
    xgb_error(out_message, "booster");
    goto done;
  }
  char buf[64];
  int bad = 0;
  bad |= XGBoosterSetParam(m->booster, "objective", "multi:softprob");
  snprintf(buf, sizeof buf, "%d", CLARA_ACCEL_NUM_CLASSES);
  bad |= XGBoosterSetParam(m->booster, "num_class", buf);
  snprintf(buf, sizeof buf, "%u", o->max_depth);
  bad |= XGBoosterSetParam(m->booster, "max_depth", buf);
  snprintf(buf, sizeof buf, "%g", o->eta);
  bad |= XGBoosterSetParam(m->booster, "eta", buf);
  snprintf(buf, sizeof buf, "%u", o->seed);
  bad |= XGBoosterSetParam(m->booster, "seed", buf);
  bad |= XGBoosterSetParam(m->booster, "nthread", "1");
  bad |= XGBoosterSetParam(m->booster, "tree_method", "exact");
  bad |= XGBoosterSetParam(m->booster, "verbosity", "0");
  if (bad) {
    xgb_error(out_message, "parameters");
    goto done;
  }
  for (unsigned r = 0; r < o->rounds; ++r) {
    if (XGBoosterUpdateOneIter(m->booster, (int)r, d)) {
      xgb_error(out_message, "training");
      goto done;
    }
    if (o->verbose && o->progress && ((r + 1) % 20 == 0 || r + 1 == o->rounds))
      fprintf(o->progress, "clara-accel: round %u/%u\n", r + 1, o->rounds);
  }
  *out = m;
  m = NULL;
  status = CLARA_OK;
done:
  if (d)
    XGDMatrixFree(d);
  free(mat);
  free(labels);
  free(weights);
  clara_accel_model_dispose(m);
  return status;
}

int clara_accel_model_save(const clara_accel_model *m, const char *dir,
                           const char *provenance, char **out_message) {
  char *meta = join_path(dir, "accel.meta");
  char *meta_tmp = join_path(dir, ".accel.meta.tmp");
  char *ubj = join_path(dir, "accel.ubj");
  char *ubj_tmp = join_path(dir, ".accel.tmp.ubj");
  int status = CLARA_ERROR;
  if (!meta || !meta_tmp || !ubj || !ubj_tmp) {
    clara_error(out_message, "accel: out of memory");
    goto done;
  }
  FILE *o = fopen(meta_tmp, "w");
  if (!o) {
    clara_error(out_message, "%s: cannot write: %s", meta_tmp, strerror(errno));
    goto done;
  }
  fprintf(o, "%s\n", META_MAGIC);
  if (provenance) {
    const char *p = provenance;
    while (*p) {
      const char *nl = strchr(p, '\n');
      size_t len = nl ? (size_t)(nl - p) : strlen(p);
      fprintf(o, "# %.*s\n", (int)len, p);
      p += len + (nl ? 1 : 0);
    }
  }
  fprintf(o, "features %d\nclasses", CLARA_ACCEL_NUM_STRUCTURAL);
  for (int c = 0; c < CLARA_ACCEL_NUM_CLASSES; ++c)
    fprintf(o, " %s", clara_accel_class_name((clara_accel_class)c));
  fputc('\n', o);
  for (int c = 0; c < CLARA_ACCEL_NONE; ++c)
    fprintf(o, "threshold %s %.2f\n",
            clara_accel_class_name((clara_accel_class)c), m->thresholds[c]);
  for (size_t i = 0; i < m->num_patterns; ++i)
    fprintf(o, "pattern %s %.4f %.4f %s\n",
            clara_accel_class_name(m->patterns[i].cls), m->patterns[i].support,
            m->patterns[i].confidence, m->patterns[i].ngram);
  if (fclose(o) != 0) {
    remove(meta_tmp);
    clara_error(out_message, "%s: write error", meta_tmp);
    goto done;
  }
  if (XGBoosterSaveModel(m->booster, ubj_tmp)) {
    remove(meta_tmp);
    xgb_error(out_message, ubj_tmp);
    goto done;
  }
  if (rename(ubj_tmp, ubj) != 0 || rename(meta_tmp, meta) != 0) {
    clara_error(out_message, "%s: cannot rename into place: %s", dir,
                strerror(errno));
    remove(ubj_tmp);
    remove(meta_tmp);
    goto done;
  }
  status = CLARA_OK;
done:
  free(meta);
  free(meta_tmp);
  free(ubj);
  free(ubj_tmp);
  return status;
}
