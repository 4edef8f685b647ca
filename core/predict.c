/*===- core/predict.c - clara-predict-instrs: the per-block compute model -===*
 *
 * See predict.h. Training: deduplicate rows, split sources by hash, build
 * the word/bigram dictionary on the training rows, fit a ridge regression on
 * the dense and word features (normal equations, Cholesky), then boost trees
 * with Huber loss on top of it (the ridge output is the trees' base margin).
 *
 *===----------------------------------------------------------------------===*/
#include "predict.h"

#include "error.h"
#include "vocab.h"

#include <xgboost/c_api.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define NUM_DENSE 5 /* #words, #entry, #function_blocks, #unknown, #ret */
static const char *const DENSE_NAMES[NUM_DENSE] = {
    "#words", "#entry", "#function_blocks", "#unknown", "#ret"};

/* ---- A string -> index hash map ------------------------------------------ */

typedef struct {
  char **keys;
  int *values;
  size_t capacity, count;
} strmap;

static uint64_t hash_bytes(const char *s, size_t n, uint64_t seed) {
  uint64_t h = 1469598103934665603ULL ^ seed;
  for (size_t i = 0; i < n; ++i) {
    h ^= (unsigned char)s[i];
    h *= 1099511628211ULL;
  }
  return h;
}

static int strmap_init(strmap *m, size_t capacity) {
  m->capacity = 16;
  while (m->capacity < capacity * 2)
    m->capacity *= 2;
  m->count = 0;
  m->keys = calloc(m->capacity, sizeof *m->keys);
  m->values = calloc(m->capacity, sizeof *m->values);
  return m->keys && m->values ? 0 : -1;
}

static void strmap_free(strmap *m) {
  if (m->keys)
    for (size_t i = 0; i < m->capacity; ++i)
      free(m->keys[i]);
  free(m->keys);
  free(m->values);
  m->keys = NULL;
  m->values = NULL;
}

static size_t strmap_slot(const strmap *m, const char *key, size_t len) {
  size_t i = hash_bytes(key, len, 0) & (m->capacity - 1);
  while (m->keys[i] &&
         !(strlen(m->keys[i]) == len && memcmp(m->keys[i], key, len) == 0))
    i = (i + 1) & (m->capacity - 1);
  return i;
}

static int strmap_get(const strmap *m, const char *key, size_t len) {
  size_t i = strmap_slot(m, key, len);
  return m->keys[i] ? m->values[i] : -1;
}

/* Returns a pointer to the value for key, inserting it with `initial`. */
static int *strmap_put(strmap *m, const char *key, size_t len, int initial) {
  if ((m->count + 1) * 2 > m->capacity) {
    strmap bigger;
    if (strmap_init(&bigger, m->capacity) != 0)
      return NULL;
    for (size_t i = 0; i < m->capacity; ++i)
      if (m->keys[i]) {
        size_t s = strmap_slot(&bigger, m->keys[i], strlen(m->keys[i]));
        bigger.keys[s] = m->keys[i];
        bigger.values[s] = m->values[i];
        bigger.count++;
      }
    free(m->keys);
    free(m->values);
    *m = bigger;
  }
  size_t i = strmap_slot(m, key, len);
  if (!m->keys[i]) {
    m->keys[i] = malloc(len + 1);
    if (!m->keys[i])
      return NULL;
    memcpy(m->keys[i], key, len);
    m->keys[i][len] = '\0';
    m->values[i] = initial;
    m->count++;
  }
  return &m->values[i];
}

/* ---- Words of a token string ------------------------------------------- */

typedef struct {
  const char *start;
  size_t len;
} span;

/* Splits tokens into words (pointers into tokens). Caller frees *out. */
static size_t split_words(const char *tokens, span **out) {
  size_t n = clara_vocab_count_words(tokens), k = 0;
  span *words = malloc((n ? n : 1) * sizeof *words);
  const char *p = tokens;
  const size_t sep = strlen(CLARA_VOCAB_SEPARATOR);
  while (words && p && *p) {
    const char *next = strstr(p, CLARA_VOCAB_SEPARATOR);
    size_t len = next ? (size_t)(next - p) : strlen(p);
    words[k].start = p;
    words[k].len = len;
    ++k;
    p = next ? next + sep : NULL;
  }
  *out = words;
  return k;
}

static int bigram_key(const span *a, const span *b, char *buf, size_t size) {
  int n = snprintf(buf, size, "%.*s" CLARA_VOCAB_SEPARATOR "%.*s", (int)a->len,
                   a->start, (int)b->len, b->start);
  return n > 0 && (size_t)n < size ? n : -1;
}

/* ---- The model ----------------------------------------------------------- */

struct clara_predict_model {
  char **names; /* feature names: dense, words, bigrams */
  size_t num_features, num_words;
  double *ridge; /* weights over the first NUM_DENSE + num_words features */
  double intercept;
  strmap index; /* name -> feature index */
  BoosterHandle booster;
};

void clara_predict_model_dispose(clara_predict_model *m) {
  if (!m)
    return;
  for (size_t i = 0; i < m->num_features; ++i)
    free(m->names[i]);
  free(m->names);
  free(m->ridge);
  strmap_free(&m->index);
  if (m->booster)
    XGBoosterFree(m->booster);
  free(m);
}

/* Sparse features of one block: (index, value) pairs, sorted by index. */
typedef struct {
  unsigned *index;
  float *value;
  size_t count, capacity;
} sparse_row;

static void row_add(sparse_row *r, unsigned index, float value) {
  for (size_t i = 0; i < r->count; ++i)
    if (r->index[i] == index) {
      r->value[i] += value;
      return;
    }
  if (r->count == r->capacity) {
    r->capacity = r->capacity ? r->capacity * 2 : 32;
    r->index = realloc(r->index, r->capacity * sizeof *r->index);
    r->value = realloc(r->value, r->capacity * sizeof *r->value);
  }
  r->index[r->count] = index;
  r->value[r->count++] = value;
}

static int cmp_unsigned_pair(const void *a, const void *b, void *ctx) {
  (void)ctx;
  unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
  return x < y ? -1 : x > y;
}

static void row_sort(sparse_row *r) {
  /* insertion sort of (index, value) pairs: rows are short */
  for (size_t i = 1; i < r->count; ++i) {
    unsigned ki = r->index[i];
    float vi = r->value[i];
    size_t j = i;
    while (j > 0 && r->index[j - 1] > ki) {
      r->index[j] = r->index[j - 1];
      r->value[j] = r->value[j - 1];
      --j;
    }
    r->index[j] = ki;
    r->value[j] = vi;
  }
  (void)cmp_unsigned_pair;
}

/* The words the model reads: the block's host words, then its words after
 * the porting pipeline each prefixed with "p:" (malloc'd). */
static char *input_words(const clara_block_input *b) {
  if (!b->ported)
    return strdup(b->tokens);
  size_t n = clara_vocab_count_words(b->ported);
  size_t len = strlen(b->tokens) + strlen(b->ported) + 2 * n + 8;
  char *out = malloc(len), *q = out;
  if (!out)
    return NULL;
  q += sprintf(q, "%s", b->tokens);
  const char *p = b->ported;
  const size_t sep = strlen(CLARA_VOCAB_SEPARATOR);
  while (p && *p) {
    const char *next = strstr(p, CLARA_VOCAB_SEPARATOR);
    size_t wl = next ? (size_t)(next - p) : strlen(p);
    q += sprintf(q, "%sp:%.*s", q == out ? "" : CLARA_VOCAB_SEPARATOR, (int)wl,
                 p);
    p = next ? next + sep : NULL;
  }
  return out;
}

static void features_of(const clara_predict_model *m,
                        const clara_block_input *b, sparse_row *r) {
  r->count = 0;
  span *words;
  char *text = input_words(b);
  size_t n = split_words(text ? text : "", &words);
  size_t unknown = 0;
  int has_ret = 0;
  char key[600];
  for (size_t i = 0; i < n; ++i) {
    if (words[i].len >= 3 && strncmp(words[i].start, "ret", 3) == 0)
      has_ret = 1;
    int f = strmap_get(&m->index, words[i].start, words[i].len);
    if (f >= 0)
      row_add(r, (unsigned)f, 1.0f);
    else
      ++unknown;
    if (i + 1 < n) {
      int len = bigram_key(&words[i], &words[i + 1], key, sizeof key);
      if (len > 0) {
        f = strmap_get(&m->index, key, (size_t)len);
        if (f >= 0)
          row_add(r, (unsigned)f, 1.0f);
      }
    }
  }
  free(words);
  free(text);
  row_add(r, 0, (float)n);
  if (b->is_entry)
    row_add(r, 1, 1.0f);
  row_add(r, 2, (float)b->function_blocks);
  if (unknown)
    row_add(r, 3, (float)unknown);
  if (has_ret)
    row_add(r, 4, 1.0f);
  row_sort(r);
}

static double ridge_of(const clara_predict_model *m, const sparse_row *r) {
  double y = m->intercept;
  for (size_t i = 0; i < r->count; ++i)
    if (r->index[i] < NUM_DENSE + m->num_words)
      y += m->ridge[r->index[i]] * r->value[i];
  return y;
}

void clara_predict_model_unknown_words(const clara_predict_model *m,
                                       const char *tokens, size_t *unknown,
                                       size_t *total) {
  span *words;
  size_t n = split_words(tokens, &words);
  size_t u = 0;
  for (size_t i = 0; i < n; ++i)
    if (strmap_get(&m->index, words[i].start, words[i].len) < 0)
      ++u;
  free(words);
  *unknown = u;
  *total = n;
}

/* Builds a DMatrix over rows (CSR) with base margins from the ridge. */
static int make_dmatrix(const clara_predict_model *m, sparse_row *rows,
                        size_t n, const float *labels, DMatrixHandle *out,
                        char **msg) {
  size_t nnz = 0;
  for (size_t i = 0; i < n; ++i)
    nnz += rows[i].count;
  size_t *indptr = malloc((n + 1) * sizeof *indptr);
  unsigned *indices = malloc((nnz ? nnz : 1) * sizeof *indices);
  float *data = malloc((nnz ? nnz : 1) * sizeof *data);
  float *margin = malloc((n ? n : 1) * sizeof *margin);
  if (!indptr || !indices || !data || !margin) {
    free(indptr);
    free(indices);
    free(data);
    free(margin);
    return clara_error(msg, "predict: out of memory");
  }
  size_t k = 0;
  for (size_t i = 0; i < n; ++i) {
    indptr[i] = k;
    memcpy(indices + k, rows[i].index, rows[i].count * sizeof *indices);
    memcpy(data + k, rows[i].value, rows[i].count * sizeof *data);
    k += rows[i].count;
    margin[i] = (float)ridge_of(m, &rows[i]);
  }
  indptr[n] = k;
  int rc = XGDMatrixCreateFromCSREx(indptr, indices, data, n + 1, nnz,
                                    m->num_features, out);
  if (rc == 0)
    rc = XGDMatrixSetFloatInfo(*out, "base_margin", margin, n);
  if (rc == 0 && labels)
    rc = XGDMatrixSetFloatInfo(*out, "label", labels, n);
  free(indptr);
  free(indices);
  free(data);
  free(margin);
  if (rc != 0)
    return clara_error(msg, "XGBoost: %s", XGBGetLastError());
  return CLARA_OK;
}

static int predict_rows(const clara_predict_model *m, sparse_row *rows,
                        size_t n, double *out, char **msg) {
  if (n == 0)
    return CLARA_OK;
  DMatrixHandle dm;
  if (make_dmatrix(m, rows, n, NULL, &dm, msg) != CLARA_OK)
    return CLARA_ERROR;
  bst_ulong len = 0;
  const float *result = NULL;
  int rc = XGBoosterPredict(m->booster, dm, 0, 0, 0, &len, &result);
  if (rc != 0 || len != n) {
    XGDMatrixFree(dm);
    return clara_error(msg, "XGBoost prediction failed: %s",
                       rc ? XGBGetLastError() : "wrong result size");
  }
  for (size_t i = 0; i < n; ++i)
    out[i] = result[i] > 0 ? result[i] : 0.0;
  XGDMatrixFree(dm);
  return CLARA_OK;
}

int clara_predict_model_compute(const clara_predict_model *m,
                                const clara_block_input *blocks, size_t count,
                                double *out, char **msg) {
  sparse_row *rows = calloc(count ? count : 1, sizeof *rows);
  if (!rows)
    return clara_error(msg, "predict: out of memory");
  for (size_t i = 0; i < count; ++i)
    features_of(m, &blocks[i], &rows[i]);
  int status = predict_rows(m, rows, count, out, msg);
  for (size_t i = 0; i < count; ++i) {
    free(rows[i].index);
    free(rows[i].value);
  }
  free(rows);
  return status;
}

/* ---- Training ------------------------------------------------------------ */

void clara_predict_train_defaults(clara_predict_train_options *o) {
  memset(o, 0, sizeof *o);
  o->seed = 1;
  o->rounds = 300;
  o->max_depth = 7;
  o->eta = 0.08;
  o->ridge_lambda = 1.0;
  o->min_word_count = 2;
  o->min_bigram_count = 5;
  o->max_features = 4000;
  o->threads = 2;
  o->holdout_share = 0.1;
}

void clara_predict_inputs_from_pairs(const clara_pairs *pairs,
                                     clara_block_input *inputs) {
  size_t i = 0;
  while (i < pairs->count) {
    size_t j = i + 1;
    while (j < pairs->count &&
           strcmp(pairs->rows[j].function, pairs->rows[i].function) == 0 &&
           strcmp(pairs->rows[j].source, pairs->rows[i].source) == 0)
      ++j;
    for (size_t k = i; k < j; ++k) {
      inputs[k].tokens = pairs->rows[k].tokens;
      inputs[k].ported = pairs->rows[k].ported;
      inputs[k].is_entry = k == i;
      inputs[k].function_blocks = (unsigned)(j - i);
    }
    i = j;
  }
}

typedef struct {
  char *name;
  size_t count;
} counted_name;

static int cmp_counted(const void *a, const void *b) {
  const counted_name *x = a, *y = b;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return strcmp(x->name, y->name);
}

static void progress(const clara_predict_train_options *o, const char *format,
                     ...) __attribute__((format(printf, 2, 3)));

#include <stdarg.h>
static void progress(const clara_predict_train_options *o, const char *format,
                     ...) {
  if (!o->progress)
    return;
  char line[512];
  va_list args;
  va_start(args, format);
  vsnprintf(line, sizeof line, format, args);
  va_end(args);
  o->progress(o->progress_context, line);
}

/* Solves (A) x = b for symmetric positive definite A (n x n), in place. */
static int cholesky_solve(double *a, double *b, size_t n) {
  for (size_t j = 0; j < n; ++j) {
    double d = a[j * n + j];
    for (size_t k = 0; k < j; ++k)
      d -= a[j * n + k] * a[j * n + k];
    if (d <= 0)
      return -1;
    d = sqrt(d);
    a[j * n + j] = d;
    for (size_t i = j + 1; i < n; ++i) {
      double s = a[i * n + j];
      for (size_t k = 0; k < j; ++k)
        s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / d;
    }
  }
  for (size_t i = 0; i < n; ++i) {
    double s = b[i];
    for (size_t k = 0; k < i; ++k)
      s -= a[i * n + k] * b[k];
    b[i] = s / a[i * n + i];
  }
  for (size_t i = n; i-- > 0;) {
    double s = b[i];
    for (size_t k = i + 1; k < n; ++k)
      s -= a[k * n + i] * b[k];
    b[i] = s / a[i * n + i];
  }
  return 0;
}

static int fit_ridge(clara_predict_model *m, sparse_row *rows, size_t n,
                     const float *y, double lambda) {
  size_t d = NUM_DENSE + m->num_words + 1; /* + intercept (last) */
  double *a = calloc(d * d, sizeof *a), *b = calloc(d, sizeof *b);
  if (!a || !b) {
    free(a);
    free(b);
    return -1;
  }
  for (size_t r = 0; r < n; ++r) {
    size_t cnt = 0;
    unsigned idx[512];
    double val[512];
    for (size_t i = 0; i < rows[r].count && cnt < 511; ++i)
      if (rows[r].index[i] < d - 1) {
        idx[cnt] = rows[r].index[i];
        val[cnt++] = rows[r].value[i];
      }
    idx[cnt] = (unsigned)(d - 1);
    val[cnt++] = 1.0;
    for (size_t i = 0; i < cnt; ++i) {
      b[idx[i]] += val[i] * y[r];
      for (size_t j = 0; j < cnt; ++j)
        a[idx[i] * d + idx[j]] += val[i] * val[j];
    }
  }
  for (size_t i = 0; i + 1 < d; ++i)
    a[i * d + i] += lambda;
  a[(d - 1) * d + (d - 1)] += 1e-6;
  int rc = cholesky_solve(a, b, d);
  if (rc == 0) {
    m->ridge = calloc(d - 1, sizeof *m->ridge);
    memcpy(m->ridge, b, (d - 1) * sizeof *b);
    m->intercept = b[d - 1];
  }
  free(a);
  free(b);
  return rc;
}

static uint64_t source_hash(const char *source, uint64_t seed) {
  return hash_bytes(source, strlen(source), seed * 0x9E3779B97F4A7C15ULL);
}

static double wmape(const double *pred, const float *actual, size_t n) {
  double err = 0, sum = 0;
  for (size_t i = 0; i < n; ++i) {
    err += fabs(pred[i] - actual[i]);
    sum += actual[i];
  }
  return sum > 0 ? err / sum : 0;
}

int clara_predict_train(const clara_pairs *pairs, const char *nic,
                        const clara_predict_train_options *o,
                        clara_predict_model **out_model,
                        clara_predict_metrics *metrics, char **msg) {
  clock_t start = clock();
  memset(metrics, 0, sizeof *metrics);
  *out_model = NULL;
  clara_block_input *inputs = calloc(pairs->count + 1, sizeof *inputs);
  if (!inputs)
    return clara_error(msg, "predict: out of memory");
  clara_predict_inputs_from_pairs(pairs, inputs);

  /* Deduplicate: same tokens, context and label count once. */
  strmap seen, sequences;
  strmap_init(&seen, pairs->count + 16);
  strmap_init(&sequences, pairs->count + 16);
  size_t *keep = malloc((pairs->count + 1) * sizeof *keep);
  size_t num_keep = 0;
  for (size_t i = 0; i < pairs->count; ++i) {
    const clara_pair *p = &pairs->rows[i];
    if (strcmp(p->nic, nic) != 0)
      continue;
    metrics->rows++;
    strmap_put(&sequences, p->tokens, strlen(p->tokens), 0);
    size_t len = strlen(p->tokens) + 64;
    char *key = malloc(len);
    int kl = snprintf(key, len, "%s\t%d\t%u\t%u", p->tokens, inputs[i].is_entry,
                      inputs[i].function_blocks, p->compute);
    int before = (int)seen.count;
    strmap_put(&seen, key, (size_t)kl, 0);
    free(key);
    if ((int)seen.count > before)
      keep[num_keep++] = i;
  }
  metrics->distinct_rows = num_keep;
  metrics->distinct_token_sequences = sequences.count;
  strmap_free(&seen);
  strmap_free(&sequences);
  if (num_keep < 10) {
    free(keep);
    free(inputs);
    return clara_error(msg, "too few rows for NIC '%s' to train on (%zu)", nic,
                       num_keep);
  }

  /* Split by source. */
  unsigned char *is_holdout = calloc(num_keep, 1);
  strmap sources;
  strmap_init(&sources, 1024);
  for (size_t k = 0; k < num_keep; ++k) {
    const char *src = pairs->rows[keep[k]].source;
    uint64_t h = source_hash(src, o->seed);
    is_holdout[k] = (double)(h % 10000) / 10000.0 < o->holdout_share;
    int before = (int)sources.count;
    strmap_put(&sources, src, strlen(src), is_holdout[k]);
    if ((int)sources.count > before) {
      if (is_holdout[k])
        metrics->holdout_sources++;
      else
        metrics->train_sources++;
    }
    if (is_holdout[k])
      metrics->holdout_rows++;
    else
      metrics->train_rows++;
  }
  strmap_free(&sources);
  progress(o,
           "%zu rows, %zu distinct, %zu distinct token sequences; train "
           "%zu rows (%zu sources), holdout %zu rows (%zu sources)",
           metrics->rows, metrics->distinct_rows,
           metrics->distinct_token_sequences, metrics->train_rows,
           metrics->train_sources, metrics->holdout_rows,
           metrics->holdout_sources);

  /* Dictionary from the training rows. */
  strmap words, bigrams;
  strmap_init(&words, 1024);
  strmap_init(&bigrams, 4096);
  char key[600];
  for (size_t k = 0; k < num_keep; ++k) {
    if (is_holdout[k])
      continue;
    span *w;
    char *text = input_words(&inputs[keep[k]]);
    size_t n = split_words(text ? text : "", &w);
    for (size_t i = 0; i < n; ++i) {
      (*strmap_put(&words, w[i].start, w[i].len, 0))++;
      if (i + 1 < n) {
        int len = bigram_key(&w[i], &w[i + 1], key, sizeof key);
        if (len > 0)
          (*strmap_put(&bigrams, key, (size_t)len, 0))++;
      }
    }
    free(w);
    free(text);
  }
  clara_predict_model *m = calloc(1, sizeof *m);
  counted_name *list = malloc((words.count + bigrams.count + 1) * sizeof *list);
  size_t nw = 0, nb = 0;
  for (size_t i = 0; i < words.capacity; ++i)
    if (words.keys[i] && (unsigned)words.values[i] >= o->min_word_count) {
      list[nw].name = words.keys[i];
      list[nw++].count = (size_t)words.values[i];
    }
  qsort(list, nw, sizeof *list, cmp_counted);
  if (nw > o->max_features)
    nw = o->max_features;
  size_t max_bigrams = o->max_features > nw ? o->max_features - nw : 0;
  counted_name *blist = list + nw;
  for (size_t i = 0; i < bigrams.capacity; ++i)
    if (bigrams.keys[i] && (unsigned)bigrams.values[i] >= o->min_bigram_count) {
      blist[nb].name = bigrams.keys[i];
      blist[nb++].count = (size_t)bigrams.values[i];
    }
  qsort(blist, nb, sizeof *blist, cmp_counted);
  if (nb > max_bigrams)
    nb = max_bigrams;
  m->num_words = nw;
  m->num_features = NUM_DENSE + nw + nb;
  m->names = calloc(m->num_features, sizeof *m->names);
  strmap_init(&m->index, m->num_features + 16);
  for (size_t i = 0; i < NUM_DENSE; ++i)
    m->names[i] = strdup(DENSE_NAMES[i]);
  for (size_t i = 0; i < nw + nb; ++i)
    m->names[NUM_DENSE + i] = strdup(list[i].name);
  for (size_t i = 0; i < m->num_features; ++i)
    *strmap_put(&m->index, m->names[i], strlen(m->names[i]), (int)i) = (int)i;
  free(list);
  strmap_free(&words);
  strmap_free(&bigrams);
  metrics->features = m->num_features;
  progress(o, "dictionary: %zu words, %zu bigrams", nw, nb);

  /* Feature rows. */
  sparse_row *rows = calloc(num_keep, sizeof *rows);
  float *labels = malloc(num_keep * sizeof *labels);
  size_t *order = malloc(num_keep * sizeof *order);
  size_t ntrain = 0, nhold = 0;
  for (size_t k = 0; k < num_keep; ++k)
    if (!is_holdout[k])
      order[ntrain++] = k;
  for (size_t k = 0; k < num_keep; ++k)
    if (is_holdout[k])
      order[ntrain + nhold++] = k;
  for (size_t i = 0; i < num_keep; ++i) {
    size_t k = order[i];
    features_of(m, &inputs[keep[k]], &rows[i]);
    labels[i] = (float)pairs->rows[keep[k]].compute;
  }

  int status = CLARA_OK;
  if (fit_ridge(m, rows, ntrain, labels, o->ridge_lambda) != 0)
    status = clara_error(msg, "ridge regression failed (singular system)");
  progress(o, "ridge base fitted on %zu features", NUM_DENSE + m->num_words);

  DMatrixHandle dtrain = NULL;
  if (status == CLARA_OK)
    status = make_dmatrix(m, rows, ntrain, labels, &dtrain, msg);
  if (status == CLARA_OK) {
    char buf[64];
    int rc = XGBoosterCreate(&dtrain, 1, &m->booster);
    struct {
      const char *k;
      char v[32];
    } params[] = {{"objective", "reg:pseudohubererror"},
                  {"huber_slope", "2.0"},
                  {"tree_method", "hist"},
                  {"max_depth", ""},
                  {"eta", ""},
                  {"subsample", "0.8"},
                  {"colsample_bytree", "0.8"},
                  {"min_child_weight", "2"},
                  {"lambda", "1.0"},
                  {"seed", ""},
                  {"nthread", ""},
                  {"verbosity", "0"}};
    snprintf(params[3].v, 32, "%u", o->max_depth);
    snprintf(params[4].v, 32, "%g", o->eta);
    snprintf(params[9].v, 32, "%llu", (unsigned long long)o->seed);
    snprintf(params[10].v, 32, "%u", o->threads ? o->threads : 1);
    for (size_t i = 0; rc == 0 && i < sizeof params / sizeof *params; ++i)
      rc = XGBoosterSetParam(m->booster, params[i].k, params[i].v);
    for (unsigned it = 0; rc == 0 && it < o->rounds; ++it) {
      rc = XGBoosterUpdateOneIter(m->booster, (int)it, dtrain);
      if ((it + 1) % 50 == 0)
        progress(o, "boosting round %u/%u", it + 1, o->rounds);
    }
    if (rc != 0)
      status =
          clara_error(msg, "XGBoost training failed: %s", XGBGetLastError());
    (void)buf;
  }
  if (dtrain)
    XGDMatrixFree(dtrain);

  /* Held-out metrics. */
  if (status == CLARA_OK && nhold > 0) {
    double *pred = malloc(nhold * sizeof *pred);
    double *ridge_pred = malloc(nhold * sizeof *ridge_pred);
    status = predict_rows(m, rows + ntrain, nhold, pred, msg);
    if (status == CLARA_OK) {
      for (size_t i = 0; i < nhold; ++i) {
        double r = ridge_of(m, &rows[ntrain + i]);
        ridge_pred[i] = r > 0 ? r : 0;
      }
      metrics->holdout_wmape_block = wmape(pred, labels + ntrain, nhold);
      metrics->holdout_wmape_ridge_only =
          wmape(ridge_pred, labels + ntrain, nhold);
      /* per function: consecutive rows of one (source, function) */
      double err = 0, sum = 0;
      size_t i = 0;
      while (i < nhold) {
        const clara_pair *first = &pairs->rows[keep[order[ntrain + i]]];
        double p = 0, a = 0;
        size_t j = i;
        while (j < nhold) {
          const clara_pair *r = &pairs->rows[keep[order[ntrain + j]]];
          if (strcmp(r->source, first->source) != 0 ||
              strcmp(r->function, first->function) != 0)
            break;
          p += pred[j];
          a += labels[ntrain + j];
          ++j;
        }
        err += fabs(p - a);
        sum += a;
        i = j;
      }
      metrics->holdout_wmape_function = sum > 0 ? err / sum : 0;
    }
    free(pred);
    free(ridge_pred);
  }
  for (size_t i = 0; i < num_keep; ++i) {
    free(rows[i].index);
    free(rows[i].value);
  }
  free(rows);
  free(labels);
  free(order);
  free(is_holdout);
  free(keep);
  free(inputs);
  metrics->train_seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
  if (status != CLARA_OK) {
    clara_predict_model_dispose(m);
    return status;
  }
  *out_model = m;
  return CLARA_OK;
}

/* ---- Files --------------------------------------------------------------- */

static char *path_in(const char *dir, const char *prefix, const char *nic,
                     const char *suffix) {
  size_t len = strlen(dir) + strlen(prefix) + strlen(nic) + strlen(suffix) + 4;
  char *p = malloc(len);
  if (p)
    snprintf(p, len, "%s/%s%s%s", dir, prefix, nic, suffix);
  return p;
}

int clara_predict_model_save(const clara_predict_model *m, const char *dir,
                             const char *nic, char **msg) {
  char *fpath = path_in(dir, "predict-", nic, ".features");
  char *xpath = path_in(dir, "predict-", nic, ".xgb.json");
  char *ftmp = path_in(dir, "predict-", nic, ".features.tmp");
  char *xtmp = path_in(dir, ".predict-", nic, ".tmp.json");
  int status = CLARA_OK;
  FILE *out = fopen(ftmp, "w");
  if (!out) {
    status = clara_error(msg, "%s: cannot write: %s", ftmp, strerror(errno));
  } else {
    fprintf(out,
            "# clara-predict 1\nfeatures\t%zu\nwords\t%zu\nintercept\t%.17g\n",
            m->num_features, m->num_words, m->intercept);
    for (size_t i = 0; i < m->num_features; ++i)
      fprintf(out, "f\t%.17g\t%s\n",
              i < NUM_DENSE + m->num_words ? m->ridge[i] : 0.0, m->names[i]);
    int failed = ferror(out);
    failed |= fclose(out) != 0;
    if (failed)
      status = clara_error(msg, "%s: write failed", ftmp);
  }
  if (status == CLARA_OK && XGBoosterSaveModel(m->booster, xtmp) != 0)
    status = clara_error(msg, "%s: %s", xtmp, XGBGetLastError());
  if (status == CLARA_OK &&
      (rename(xtmp, xpath) != 0 || rename(ftmp, fpath) != 0))
    status = clara_error(msg, "%s: cannot rename: %s", fpath, strerror(errno));
  if (status != CLARA_OK) {
    unlink(ftmp);
    unlink(xtmp);
  }
  free(fpath);
  free(xpath);
  free(ftmp);
  free(xtmp);
  return status;
}

int clara_predict_model_load(const char *dir, const char *nic,
                             clara_predict_model **out, char **msg) {
  *out = NULL;
  char *fpath = path_in(dir, "predict-", nic, ".features");
  char *xpath = path_in(dir, "predict-", nic, ".xgb.json");
  int status = CLARA_OK;
  clara_predict_model *m = calloc(1, sizeof *m);
  FILE *in = fopen(fpath, "r");
  char *line = NULL;
  size_t cap = 0;
  if (!in) {
    status = clara_error(msg,
                         "%s: cannot open the instruction model for NIC "
                         "'%s': %s (train it: models/README.md)",
                         fpath, nic, strerror(errno));
    goto done;
  }
  unsigned long lineno = 0;
  size_t declared = 0, next = 0;
  ssize_t len;
  while ((len = getline(&line, &cap, in)) >= 0) {
    ++lineno;
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
      line[--len] = '\0';
    if (lineno == 1) {
      if (strcmp(line, "# clara-predict 1") != 0) {
        status = clara_error(msg,
                             "%s:1: not a Clara instruction model "
                             "(expected '# clara-predict 1')",
                             fpath);
        goto done;
      }
      continue;
    }
    char *tab = strchr(line, '\t');
    if (!tab) {
      status = clara_error(msg, "%s:%lu: malformed line", fpath, lineno);
      goto done;
    }
    *tab = '\0';
    char *rest = tab + 1, *end = NULL;
    if (strcmp(line, "features") == 0) {
      declared = strtoul(rest, &end, 10);
      if (*end || declared < NUM_DENSE || declared > 10000000) {
        status = clara_error(msg, "%s:%lu: bad feature count", fpath, lineno);
        goto done;
      }
      m->names = calloc(declared, sizeof *m->names);
      strmap_init(&m->index, declared + 16);
    } else if (strcmp(line, "words") == 0) {
      m->num_words = strtoul(rest, &end, 10);
      if (*end || !m->names || NUM_DENSE + m->num_words > declared) {
        status = clara_error(msg, "%s:%lu: bad word count", fpath, lineno);
        goto done;
      }
      m->ridge = calloc(NUM_DENSE + m->num_words + 1, sizeof *m->ridge);
    } else if (strcmp(line, "intercept") == 0) {
      m->intercept = strtod(rest, &end);
      if (*end) {
        status = clara_error(msg, "%s:%lu: bad intercept", fpath, lineno);
        goto done;
      }
    } else if (strcmp(line, "f") == 0) {
      char *t2 = strchr(rest, '\t');
      if (!m->ridge || !t2 || next >= declared) {
        status = clara_error(msg, "%s:%lu: feature line out of place", fpath,
                             lineno);
        goto done;
      }
      *t2 = '\0';
      double w = strtod(rest, &end);
      if (*end || !t2[1]) {
        status = clara_error(msg, "%s:%lu: bad feature weight", fpath, lineno);
        goto done;
      }
      if (next < NUM_DENSE + m->num_words)
        m->ridge[next] = w;
      m->names[next] = strdup(t2 + 1);
      *strmap_put(&m->index, t2 + 1, strlen(t2 + 1), (int)next) = (int)next;
      ++next;
      m->num_features = next;
    } else {
      status =
          clara_error(msg, "%s:%lu: unknown key '%s'", fpath, lineno, line);
      goto done;
    }
  }
  if (declared == 0 || next != declared) {
    status = clara_error(msg, "%s: truncated model (%zu of %zu features)",
                         fpath, next, declared);
    goto done;
  }
  if (access(xpath, R_OK) != 0) {
    status = clara_error(msg,
                         "%s: cannot open the instruction model's trees: "
                         "%s",
                         xpath, strerror(errno));
    goto done;
  }
  if (XGBoosterCreate(NULL, 0, &m->booster) != 0 ||
      XGBoosterLoadModel(m->booster, xpath) != 0) {
    status =
        clara_error(msg, "%s: corrupt model: %s", xpath, XGBGetLastError());
    goto done;
  }
  {
    bst_ulong nf = 0;
    if (XGBoosterGetNumFeature(m->booster, &nf) != 0 || nf > m->num_features) {
      status =
          clara_error(msg,
                      "%s: the trees use %llu features, the "
                      "dictionary %s has %zu",
                      xpath, (unsigned long long)nf, fpath, m->num_features);
      goto done;
    }
  }
  XGBoosterSetParam(m->booster, "nthread", "1");
done:
  free(line);
  if (in)
    fclose(in);
  free(fpath);
  free(xpath);
  if (status != CLARA_OK) {
    clara_predict_model_dispose(m);
    return status;
  }
  *out = m;
  return CLARA_OK;
}

/* ---- API cost table ------------------------------------------------------ */

struct clara_api_costs {
  strmap index;
  char **names;
  double *compute, *memory;
  size_t count, capacity;
};

static int api_add(clara_api_costs *t, const char *name, double c, double mem) {
  int before = (int)t->index.count;
  int *slot = strmap_put(&t->index, name, strlen(name), (int)t->count);
  if (!slot)
    return -1;
  if ((int)t->index.count == before) {
    t->compute[*slot] += 0; /* first definition wins (same function) */
    return 0;
  }
  if (t->count == t->capacity) {
    t->capacity = t->capacity ? t->capacity * 2 : 64;
    t->names = realloc(t->names, t->capacity * sizeof *t->names);
    t->compute = realloc(t->compute, t->capacity * sizeof *t->compute);
    t->memory = realloc(t->memory, t->capacity * sizeof *t->memory);
  }
  t->names[t->count] = strdup(name);
  t->compute[t->count] = c;
  t->memory[t->count] = mem;
  t->count++;
  return 0;
}

static clara_api_costs *api_create(void) {
  clara_api_costs *t = calloc(1, sizeof *t);
  if (t)
    strmap_init(&t->index, 256);
  return t;
}

int clara_api_costs_from_pairs(const clara_pairs *pairs, clara_api_costs **out,
                               char **msg) {
  clara_api_costs *t = api_create();
  if (!t)
    return clara_error(msg, "out of memory");
  size_t i = 0;
  while (i < pairs->count) {
    double c = 0, mem = 0;
    size_t j = i;
    while (j < pairs->count &&
           strcmp(pairs->rows[j].function, pairs->rows[i].function) == 0 &&
           strcmp(pairs->rows[j].source, pairs->rows[i].source) == 0) {
      c += pairs->rows[j].compute;
      mem += pairs->rows[j].memory;
      ++j;
    }
    api_add(t, pairs->rows[i].function, c, mem);
    i = j;
  }
  *out = t;
  return CLARA_OK;
}

int clara_api_costs_load(const char *path, clara_api_costs **out, char **msg) {
  *out = NULL;
  FILE *in = fopen(path, "r");
  if (!in)
    return clara_error(msg, "%s: cannot open the API cost table: %s", path,
                       strerror(errno));
  clara_api_costs *t = api_create();
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  unsigned long lineno = 0;
  int status = CLARA_OK;
  while ((len = getline(&line, &cap, in)) >= 0) {
    ++lineno;
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
      line[--len] = '\0';
    if (lineno == 1) {
      if (strcmp(line, "# clara-api-costs 1") != 0) {
        status = clara_error(msg,
                             "%s:1: not an API cost table (expected '# "
                             "clara-api-costs 1')",
                             path);
        break;
      }
      continue;
    }
    if (len == 0)
      continue;
    char name[4096];
    double c, mem;
    if (sscanf(line, "%4095[^\t]\t%lf\t%lf", name, &c, &mem) != 3 || c < 0 ||
        mem < 0) {
      status = clara_error(msg,
                           "%s:%lu: expected 'function<TAB>compute<TAB>"
                           "memory'",
                           path, lineno);
      break;
    }
    api_add(t, name, c, mem);
  }
  if (status == CLARA_OK && lineno == 0)
    status = clara_error(msg, "%s: empty API cost table", path);
  free(line);
  fclose(in);
  if (status != CLARA_OK) {
    clara_api_costs_dispose(t);
    return status;
  }
  *out = t;
  return CLARA_OK;
}

int clara_api_costs_save(const clara_api_costs *t, const char *path,
                         char **msg) {
  size_t len = strlen(path) + 16;
  char *tmp = malloc(len);
  snprintf(tmp, len, "%s.tmp", path);
  FILE *out = fopen(tmp, "w");
  if (!out) {
    int s = clara_error(msg, "%s: cannot write: %s", tmp, strerror(errno));
    free(tmp);
    return s;
  }
  fprintf(out, "# clara-api-costs 1\n");
  for (size_t i = 0; i < t->count; ++i)
    fprintf(out, "%s\t%g\t%g\n", t->names[i], t->compute[i], t->memory[i]);
  int failed = ferror(out);
  failed |= fclose(out) != 0;
  if (failed || rename(tmp, path) != 0) {
    unlink(tmp);
    free(tmp);
    return clara_error(msg, "%s: write failed", path);
  }
  free(tmp);
  return CLARA_OK;
}

int clara_api_costs_find(const clara_api_costs *t, const char *function,
                         double *compute, double *memory) {
  if (!t)
    return 0;
  int i = strmap_get(&t->index, function, strlen(function));
  if (i < 0)
    return 0;
  *compute = t->compute[i];
  *memory = t->memory[i];
  return 1;
}

void clara_api_costs_dispose(clara_api_costs *t) {
  if (!t)
    return;
  for (size_t i = 0; i < t->count; ++i)
    free(t->names[i]);
  free(t->names);
  free(t->compute);
  free(t->memory);
  strmap_free(&t->index);
  free(t);
}

/* ---- Per-block predictions ---------------------------------------------- */

int clara_predict_function(const clara_predict_model *model,
                           const clara_api_costs *api,
                           const clara_annotation *annotation,
                           LLVMValueRef function, const char *const *ported,
                           clara_block_prediction *out, size_t *out_unknown_api,
                           char **msg) {
  size_t n = LLVMCountBasicBlocks(function);
  if (n == 0)
    return CLARA_OK;
  clara_block_input *inputs = calloc(n, sizeof *inputs);
  char **tokens = calloc(n, sizeof *tokens);
  double *compute = calloc(n, sizeof *compute);
  int status = inputs && tokens && compute
                   ? CLARA_OK
                   : clara_error(msg, "predict: out of memory");
  size_t b = 0;
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(function);
       bb && status == CLARA_OK; bb = LLVMGetNextBasicBlock(bb), ++b) {
    memset(&out[b], 0, sizeof out[b]);
    tokens[b] = clara_vocab_block_tokens(bb, annotation);
    if (!tokens[b]) {
      status = clara_error(msg, "predict: out of memory");
      break;
    }
    inputs[b].tokens = tokens[b];
    inputs[b].ported = ported ? ported[b] : NULL;
    inputs[b].is_entry = b == 0;
    inputs[b].function_blocks = (unsigned)n;
    if (inputs[b].ported)
      clara_vocab_count_memory(inputs[b].ported, &out[b].state_memory,
                               &out[b].packet_memory);
    for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i;
         i = LLVMGetNextInstruction(i)) {
      clara_kind kind = clara_annotation_kind(annotation, i);
      if (kind == CLARA_KIND_MEM_STATE && !inputs[b].ported)
        out[b].state_memory++;
      else if (kind == CLARA_KIND_MEM_PACKET && !inputs[b].ported)
        out[b].packet_memory++;
      else if (kind == CLARA_KIND_API_HEADER || kind == CLARA_KIND_API_STATE) {
        out[b].api_calls++;
        LLVMValueRef callee = LLVMGetCalledValue(i);
        size_t len = 0;
        const char *name = callee && LLVMIsAFunction(callee)
                               ? LLVMGetValueName2(callee, &len)
                               : "";
        double c = 0, m = 0;
        if (clara_api_costs_find(api, name, &c, &m)) {
          out[b].api_compute += c;
          out[b].api_memory += m;
        } else if (out_unknown_api) {
          ++*out_unknown_api;
        }
      }
    }
  }
  if (status == CLARA_OK)
    status = clara_predict_model_compute(model, inputs, n, compute, msg);
  for (b = 0; b < n; ++b) {
    if (status == CLARA_OK)
      out[b].compute = compute[b];
    if (tokens)
      free(tokens[b]);
  }
  free(inputs);
  free(tokens);
  free(compute);
  return status;
}

/* ---- Summaries ----------------------------------------------------------- */

static void summarize(const clara_summary_function *fns, size_t n, size_t f,
                      unsigned char *active, double out[3]) {
  out[0] = out[1] = out[2] = 0;
  active[f] = 1;
  for (size_t b = 0; b < fns[f].num_blocks; ++b) {
    const clara_summary_block *blk = &fns[f].blocks[b];
    double c = blk->compute, s = blk->state_memory, p = blk->packet_memory;
    for (size_t k = 0; k < blk->num_callees; ++k) {
      size_t g = blk->callees[k];
      if (g >= n || active[g])
        continue;
      double sub[3];
      summarize(fns, n, g, active, sub);
      c += sub[0];
      s += sub[1];
      p += sub[2];
    }
    out[0] += blk->frequency * c;
    out[1] += blk->frequency * s;
    out[2] += blk->frequency * p;
  }
  active[f] = 0;
}

void clara_predict_summarize(const clara_summary_function *functions,
                             size_t num_functions, size_t root, double out[3]) {
  unsigned char *active = calloc(num_functions ? num_functions : 1, 1);
  out[0] = out[1] = out[2] = 0;
  if (active && root < num_functions)
    summarize(functions, num_functions, root, active, out);
  free(active);
}
