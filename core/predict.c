/*===- core/predict.c - clara-predict-instrs: the per-block compute model -===*
 *
 * See predict.h. Training: deduplicate rows, split sources by hash, build
 * the coarse/word/bigram/neighbour dictionary on the training rows, fit a
 * non-negative least-squares base on the coarse features (coordinate
 * descent), then boost trees with Huber loss on top of it (the base's output
 * is the trees' base margin).
 *
 *===----------------------------------------------------------------------===*/
#include "predict.h"

#include "atomic_file.h"
#include "error.h"
#include "ir.h"
#include "vocab.h"

#include <xgboost/c_api.h>

#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define NUM_DENSE 8
static const char *const DENSE_NAMES[NUM_DENSE] = {
    "#words", "#entry",    "#function_blocks", "#unknown",
    "#ret",   "#fn_calls", "#entry_nonleaf",   "#ret_nonleaf"};
/* Which dense features the linear base reads (the others: trees only). */
static const unsigned char DENSE_LINEAR[NUM_DENSE] = {0, 1, 0, 0, 1, 0, 1, 1};

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
  if (m->keys && m->values)
    return 0;
  free(m->keys);
  free(m->values);
  m->keys = NULL;
  m->values = NULL;
  return -1;
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

/* Returns a pointer to the value for key, inserting it with `initial`; NULL
 * when out of memory (the map is then unchanged). */
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

/* Splits tokens into words (pointers into tokens) and stores their number
 * in *count. Caller frees *out. -1 when out of memory. */
static int split_words(const char *tokens, span **out, size_t *count) {
  size_t n = clara_vocab_count_words(tokens), k = 0;
  span *words = malloc((n ? n : 1) * sizeof *words);
  *out = words;
  *count = 0;
  if (!words)
    return -1;
  const char *p = tokens;
  const size_t sep = strlen(CLARA_VOCAB_SEPARATOR);
  while (p && *p) {
    const char *next = strstr(p, CLARA_VOCAB_SEPARATOR);
    size_t len = next ? (size_t)(next - p) : strlen(p);
    words[k].start = p;
    words[k].len = clara_vocab_word_length(p, len); /* without a note */
    ++k;
    p = next ? next + sep : NULL;
  }
  *count = k;
  return 0;
}

static int bigram_key(const span *a, const span *b, char *buf, size_t size) {
  int n = snprintf(buf, size, "%.*s" CLARA_VOCAB_SEPARATOR "%.*s", (int)a->len,
                   a->start, (int)b->len, b->start);
  return n > 0 && (size_t)n < size ? n : -1;
}

/* ---- The model ----------------------------------------------------------- */

struct clara_predict_model {
  char **names; /* feature names: dense, words, bigrams */
  size_t num_features;
  size_t num_words; /* coarse (linear) features after the dense ones */
  double *ridge;    /* linear weights over the first NUM_DENSE + num_words */
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
  int out_of_memory; /* an add failed: the row is incomplete */
} sparse_row;

static void row_add(sparse_row *r, unsigned index, float value) {
  for (size_t i = 0; i < r->count; ++i)
    if (r->index[i] == index) {
      r->value[i] += value;
      return;
    }
  if (r->count == r->capacity) {
    size_t capacity = r->capacity ? r->capacity * 2 : 32;
    unsigned *index_grown = realloc(r->index, capacity * sizeof *r->index);
    if (index_grown)
      r->index = index_grown;
    float *value_grown =
        index_grown ? realloc(r->value, capacity * sizeof *r->value) : NULL;
    if (!value_grown) {
      r->out_of_memory = 1;
      return;
    }
    r->value = value_grown;
    r->capacity = capacity;
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

/* The coarse, linear-base features of one word (host or "p:"-prefixed
 * ported): host words give "c:h:OPCODE", ported words "c:p:OPCODE" (+ the
 * type for loads, stores, calls, branches, compares, GEPs and casts; none
 * for the context words `cfg.*`, loops.h); host
 * calls also give "c:calls:KIND", "c:args:KIND" (weighted by the argument
 * count) and "c:callret" for a non-void result. Writes up to 4 keys into
 * keys[] (each of size 64) with their values; returns how many. */
static size_t coarse_keys(const char *w, size_t len, char keys[4][64],
                          float values[4]) {
  int ported = len > 2 && w[0] == 'p' && w[1] == ':';
  if (ported) {
    w += 2;
    len -= 2;
    /* context words (loops.h) are for the trees: no cost of their own */
    if (len >= 4 && memcmp(w, "cfg.", 4) == 0)
      return 0;
  }
  const char *t[4] = {0};
  size_t tl[4] = {0}, nt = 0;
  for (size_t i = 0; i < len && nt < 4;) {
    size_t j = i;
    while (j < len && w[j] != ' ')
      ++j;
    t[nt] = w + i;
    tl[nt++] = j - i;
    i = j + 1;
  }
  /* the last token of the word (call arity aN) */
  const char *last = w + len;
  while (last > w && last[-1] != ' ')
    --last;
  size_t lastlen = (size_t)(w + len - last);
  if (nt == 0)
    return 0;
  size_t k = 0;
#define IS(i, lit) (tl[i] == sizeof(lit) - 1 && memcmp(t[i], lit, tl[i]) == 0)
  if (ported) {
    int typed = IS(0, "load") || IS(0, "store") || IS(0, "call") ||
                IS(0, "br") || IS(0, "icmp") || IS(0, "getelementptr") ||
                IS(0, "zext") || IS(0, "sext") || IS(0, "trunc");
    if (typed && nt > 1)
      snprintf(keys[k], 64, "c:p:%.*s %.*s", (int)tl[0], t[0], (int)tl[1],
               t[1]);
    else
      snprintf(keys[k], 64, "c:p:%.*s", (int)tl[0], t[0]);
    values[k++] = 1.0f;
    return k;
  }
  snprintf(keys[k], 64, "c:h:%.*s", (int)tl[0], t[0]);
  values[k++] = 1.0f;
  if ((IS(0, "call") || IS(0, "invoke")) && nt > 2 && lastlen >= 2 &&
      last[0] == 'a' && last[1] >= '0' && last[1] <= '9') {
    snprintf(keys[k], 64, "c:calls:%.*s", (int)tl[2], t[2]);
    values[k++] = 1.0f;
    snprintf(keys[k], 64, "c:args:%.*s", (int)tl[2], t[2]);
    values[k++] = (float)atoi(last + 1);
    if (!IS(1, "void")) {
      snprintf(keys[k], 64, "c:callret");
      values[k++] = 1.0f;
    }
  }
#undef IS
  return k;
}

/* Calls in a host token string that need a real call on the NIC (the
 * function then has a frame: prologue and epilogue). */
static unsigned count_calls(const char *tokens) {
  unsigned n = 0;
  for (const char *p = tokens; p && *p;) {
    const char *next = strstr(p, CLARA_VOCAB_SEPARATOR);
    if (strncmp(p, "call ", 5) == 0 || strncmp(p, "invoke ", 7) == 0) {
      const char *kind = strchr(p, ' ');
      kind = kind ? strchr(kind + 1, ' ') : NULL;
      if (kind && (!next || kind < next) &&
          (strncmp(kind + 1, "internal", 8) == 0 ||
           strncmp(kind + 1, "external", 8) == 0 ||
           strncmp(kind + 1, "api.", 4) == 0 ||
           strncmp(kind + 1, "direct", 6) == 0 ||
           strncmp(kind + 1, "indirect", 8) == 0))
        ++n;
    }
    p = next ? next + strlen(CLARA_VOCAB_SEPARATOR) : NULL;
  }
  return n;
}

/* Calls fn(context, key, value) for the context features of a neighbouring
 * block's words (its ported words when known): its coarse keys, prefixed
 * with `tag` ("v:" the block before, "n:" the block after, in layout order;
 * "v:none"/"n:none" at the function's ends). Codegen moves instructions
 * between neighbours (short-circuit chains, fall-throughs): the trees see
 * these, the linear base does not. */
static int neighbour_keys(const char *words, const char *tag,
                          int (*fn)(void *, const char *, float),
                          void *context) {
  char key[80];
  if (!words) {
    snprintf(key, sizeof key, "%snone", tag);
    return fn(context, key, 1.0f);
  }
  span *w;
  size_t n;
  if (split_words(words, &w, &n) != 0)
    return -1;
  int status = 0;
  for (size_t i = 0; i < n && status == 0; ++i) {
    char ck[4][64];
    float cv[4];
    /* the ported form of a word: coarse "c:p:" keys */
    char buf[160];
    int len = snprintf(buf, sizeof buf, "p:%.*s", (int)w[i].len, w[i].start);
    if (len <= 0 || (size_t)len >= sizeof buf)
      continue;
    size_t nc = coarse_keys(buf, (size_t)len, ck, cv);
    for (size_t c = 0; c < nc && status == 0; ++c) {
      snprintf(key, sizeof key, "%s%s", tag, ck[c] + 2);
      status = fn(context, key, cv[c]);
    }
  }
  free(w);
  return status;
}

typedef struct {
  const clara_predict_model *m;
  sparse_row *r;
} row_context;

static int add_known(void *context, const char *key, float value) {
  row_context *rc = context;
  int f = strmap_get(&rc->m->index, key, strlen(key));
  if (f >= 0)
    row_add(rc->r, (unsigned)f, value);
  return rc->r->out_of_memory ? -1 : 0;
}

/* The feature row of one block; -1 when out of memory. */
static int features_of(const clara_predict_model *m, const clara_block_input *b,
                       sparse_row *r) {
  r->count = 0;
  span *words;
  size_t n;
  char *text = input_words(b);
  if (!text || split_words(text, &words, &n) != 0) {
    free(text);
    return -1;
  }
  size_t unknown = 0;
  int has_ret = 0;
  char key[600];
  for (size_t i = 0; i < n; ++i) {
    if (words[i].len >= 3 && strncmp(words[i].start, "ret", 3) == 0)
      has_ret = 1;
    {
      char ck[4][64];
      float cv[4];
      size_t nc = coarse_keys(words[i].start, words[i].len, ck, cv);
      for (size_t c = 0; c < nc; ++c) {
        int cf = strmap_get(&m->index, ck[c], strlen(ck[c]));
        if (cf >= 0)
          row_add(r, (unsigned)cf, cv[c]);
      }
    }
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
  {
    row_context rc = {m, r};
    if (neighbour_keys(b->prev, "v:", add_known, &rc) != 0 ||
        neighbour_keys(b->next, "n:", add_known, &rc) != 0)
      return -1;
  }
  if (b->function_calls) {
    row_add(r, 5, (float)b->function_calls);
    if (b->is_entry)
      row_add(r, 6, 1.0f);
    if (has_ret)
      row_add(r, 7, 1.0f);
  }
  if (r->out_of_memory)
    return -1;
  row_sort(r);
  return 0;
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
  size_t n, u = 0;
  if (split_words(tokens, &words, &n) != 0)
    n = 0; /* out of memory: nothing counted */
  for (size_t i = 0; i < n; ++i)
    if (strmap_get(&m->index, words[i].start, words[i].len) < 0)
      ++u;
  free(words);
  *unknown = u;
  *total = n;
}

/* Builds a DMatrix over rows (CSR) with base margins from the ridge. */
static int make_dmatrix(const clara_predict_model *m, sparse_row *rows,
                        size_t n, const float *labels, const float *weights,
                        DMatrixHandle *out, char **msg) {
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
  if (rc == 0 && weights)
    rc = XGDMatrixSetFloatInfo(*out, "weight", weights, n);
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
  if (make_dmatrix(m, rows, n, NULL, NULL, &dm, msg) != CLARA_OK)
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
  int status = CLARA_OK;
  for (size_t i = 0; i < count && status == CLARA_OK; ++i)
    if (features_of(m, &blocks[i], &rows[i]) != 0)
      status = clara_error(msg, "predict: out of memory");
  if (status == CLARA_OK)
    status = predict_rows(m, rows, count, out, msg);
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
  o->rounds = 400;
  o->parallel_trees = 3;
  o->max_depth = 7;
  o->eta = 0.08;
  o->objective = "reg:pseudohubererror";
  o->huber_slope = 2.0;
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
    unsigned calls = 0;
    for (size_t k = i; k < j; ++k)
      calls += count_calls(pairs->rows[k].tokens);
    for (size_t k = i; k < j; ++k) {
      const clara_pair *pv = k > i ? &pairs->rows[k - 1] : NULL;
      const clara_pair *nx = k + 1 < j ? &pairs->rows[k + 1] : NULL;
      inputs[k].prev = pv ? (pv->ported ? pv->ported : pv->tokens) : NULL;
      inputs[k].next = nx ? (nx->ported ? nx->ported : nx->tokens) : NULL;
      inputs[k].function_calls = calls;
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

/* The linear base: non-negative least squares (with an L2 term `lambda`)
 * by cyclic coordinate descent over the linear features (the dense ones the
 * base reads and the coarse words); the intercept is free. Non-negative
 * per-operation costs extrapolate to the larger blocks of real code, which
 * a free ridge over fine words does not (models/README.md). */
static int fit_ridge(clara_predict_model *m, sparse_row *rows, size_t n,
                     const float *y, const float *weight, double lambda) {
  size_t d = NUM_DENSE + m->num_words;
  size_t *count = calloc(d + 1, sizeof *count);
  double *w = calloc(d, sizeof *w), *res = malloc((n ? n : 1) * sizeof *res);
  double *norm = calloc(d, sizeof *norm);
  if (!count || !w || !res || !norm) {
    free(count);
    free(w);
    free(res);
    free(norm);
    return -1;
  }
  /* column-wise copy (CSC) of the linear features */
  for (size_t r = 0; r < n; ++r)
    for (size_t i = 0; i < rows[r].count; ++i)
      if (rows[r].index[i] < d)
        count[rows[r].index[i] + 1]++;
  for (size_t j = 0; j < d; ++j)
    count[j + 1] += count[j];
  size_t nnz = count[d];
  unsigned *crow = malloc((nnz ? nnz : 1) * sizeof *crow);
  float *cval = malloc((nnz ? nnz : 1) * sizeof *cval);
  size_t *fill = malloc((d ? d : 1) * sizeof *fill);
  if (!crow || !cval || !fill) {
    free(count);
    free(w);
    free(res);
    free(norm);
    free(crow);
    free(cval);
    free(fill);
    return -1;
  }
  memcpy(fill, count, d * sizeof *fill);
  for (size_t r = 0; r < n; ++r)
    for (size_t i = 0; i < rows[r].count; ++i) {
      unsigned j = rows[r].index[i];
      if (j < d && (j >= NUM_DENSE || DENSE_LINEAR[j])) {
        crow[fill[j]] = (unsigned)r;
        cval[fill[j]++] = rows[r].value[i];
        norm[j] += (double)weight[r] * rows[r].value[i] * rows[r].value[i];
      }
    }
  double mean = 0, total = 0;
  for (size_t r = 0; r < n; ++r) {
    mean += (double)weight[r] * y[r];
    total += weight[r];
  }
  double b0 = total > 0 ? mean / total : 0;
  for (size_t r = 0; r < n; ++r)
    res[r] = y[r] - b0;
  for (int it = 0; it < 100; ++it) {
    for (size_t j = 0; j < d; ++j) {
      if (norm[j] == 0)
        continue;
      double g = 0;
      for (size_t k = count[j]; k < fill[j]; ++k)
        g += (double)weight[crow[k]] * cval[k] * res[crow[k]];
      double nw = (w[j] * norm[j] + g) / (norm[j] + lambda);
      if (nw < 0)
        nw = 0;
      double delta = nw - w[j];
      if (delta != 0)
        for (size_t k = count[j]; k < fill[j]; ++k)
          res[crow[k]] -= delta * cval[k];
      w[j] = nw;
    }
    double shift = 0;
    for (size_t r = 0; r < n; ++r)
      shift += (double)weight[r] * res[r];
    shift = total > 0 ? shift / total : 0;
    b0 += shift;
    for (size_t r = 0; r < n; ++r)
      res[r] -= shift;
  }
  m->ridge = w;
  m->intercept = b0;
  free(count);
  free(res);
  free(norm);
  free(crow);
  free(cval);
  free(fill);
  return 0;
}

/* The split hashes the source's last two path components ("batch-3/x.cc"),
 * so that it does not depend on where the training data lives. */
static uint64_t source_hash(const char *source, uint64_t seed) {
  const char *tail = source + strlen(source);
  int slashes = 0;
  while (tail > source && !(tail[-1] == '/' && ++slashes == 2))
    --tail;
  return hash_bytes(tail, strlen(tail), seed * 0x9E3779B97F4A7C15ULL);
}

static double wmape(const double *pred, const float *actual, size_t n) {
  double err = 0, sum = 0;
  for (size_t i = 0; i < n; ++i) {
    err += fabs(pred[i] - actual[i]);
    sum += actual[i];
  }
  return sum > 0 ? err / sum : 0;
}

/* Adds one to the count of key[0..len) in `counts`; -1 when out of memory. */
static int strmap_count(strmap *counts, const char *key, size_t len) {
  int *slot = strmap_put(counts, key, len, 0);
  if (!slot)
    return -1;
  ++*slot;
  return 0;
}

/* neighbour_keys' callback for counting: one more of key in `context`. */
static int count_key(void *context, const char *key, float value) {
  (void)value;
  return strmap_count(context, key, strlen(key));
}

/* The distinct rows of the training set, in first-seen order. */
typedef struct {
  size_t *keep;     /* index into pairs->rows of each distinct row */
  float *weight_of; /* its training weight */
  size_t count;
} distinct_rows;

/* Deduplicate: same tokens, context and label count once. The distinct rows
 * of one input (the same key without the label) keep their total weight,
 * the number of its distinct labels, but share it by the square root of how
 * often each label occurs: an input seen 5,000 times with label 0 and 30
 * times with 2 weighs 1.86 at 0 and 0.14 at 2, not 1 and 1 (the labels'
 * frequencies, softened; bench/predict/README.md, session 11). Source
 * weights multiply. -1 when out of memory (nothing to free in `out`). */
static int dedup_rows(const clara_pairs *pairs, const char *nic,
                      const clara_block_input *inputs,
                      const clara_predict_train_options *o,
                      clara_predict_metrics *metrics, distinct_rows *out) {
  strmap seen = {0}, sequences = {0}, groups = {0};
  size_t n = pairs->count + 1, num_keep = 0;
  size_t *keep = malloc(n * sizeof *keep);
  float *weight_of = malloc(n * sizeof *weight_of);
  unsigned *occurrences = calloc(n, sizeof *occurrences);
  unsigned *group_of = malloc(n * sizeof *group_of);
  unsigned *group_labels = calloc(n, sizeof *group_labels);
  double *group_sqrt = calloc(n, sizeof *group_sqrt);
  int status = keep && weight_of && occurrences && group_of && group_labels &&
                       group_sqrt && strmap_init(&seen, n + 16) == 0 &&
                       strmap_init(&sequences, n + 16) == 0 &&
                       strmap_init(&groups, n + 16) == 0
                   ? 0
                   : -1;
  for (size_t i = 0; i < pairs->count && status == 0; ++i) {
    const clara_pair *p = &pairs->rows[i];
    if (strcmp(p->nic, nic) != 0)
      continue;
    metrics->rows++;
    size_t len = strlen(p->tokens) + 64;
    char *key = malloc(len);
    if (!key || !strmap_put(&sequences, p->tokens, strlen(p->tokens), 0)) {
      free(key);
      status = -1;
      break;
    }
    int kl = snprintf(key, len, "%s\t%d\t%u\t%u", p->tokens, inputs[i].is_entry,
                      inputs[i].function_blocks, p->compute);
    int before = (int)seen.count;
    int *slot = strmap_put(&seen, key, (size_t)kl, 0);
    /* the input group: the key without its last field, the label */
    int *group =
        slot ? strmap_put(&groups, key, (size_t)(strrchr(key, '\t') - key),
                          (int)groups.count)
             : NULL;
    free(key);
    if (!group) {
      status = -1;
      break;
    }
    /* A distinct row weighs the largest weight of its sources. */
    float w = 1.0f;
    for (size_t k = 0; k < o->num_source_weights; ++k)
      if (strstr(p->source, o->source_weight_match[k]) &&
          (float)o->source_weight[k] > w)
        w = (float)o->source_weight[k];
    if ((int)seen.count > before) {
      *slot = (int)num_keep;
      weight_of[num_keep] = w;
      occurrences[num_keep] = 1;
      group_of[num_keep] = (unsigned)*group;
      group_labels[*group]++;
      keep[num_keep++] = i;
    } else {
      occurrences[*slot]++;
      if (w > weight_of[*slot])
        weight_of[*slot] = w;
    }
  }
  if (status == 0) {
    for (size_t k = 0; k < num_keep; ++k)
      group_sqrt[group_of[k]] += sqrt((double)occurrences[k]);
    for (size_t k = 0; k < num_keep; ++k) {
      unsigned g = group_of[k];
      if (group_sqrt[g] > 0)
        weight_of[k] *= (float)((double)group_labels[g] *
                                sqrt((double)occurrences[k]) / group_sqrt[g]);
    }
    metrics->distinct_rows = num_keep;
    metrics->distinct_token_sequences = sequences.count;
    out->keep = keep;
    out->weight_of = weight_of;
    out->count = num_keep;
  } else {
    free(keep);
    free(weight_of);
  }
  free(occurrences);
  free(group_of);
  free(group_labels);
  free(group_sqrt);
  strmap_free(&seen);
  strmap_free(&sequences);
  strmap_free(&groups);
  return status;
}

/* Split by source: is_holdout[k] for each distinct row, by a hash of its
 * source and the seed. -1 when out of memory. */
static int split_sources(const clara_pairs *pairs, const distinct_rows *d,
                         const clara_predict_train_options *o,
                         unsigned char *is_holdout,
                         clara_predict_metrics *metrics) {
  strmap sources;
  if (strmap_init(&sources, 1024) != 0)
    return -1;
  int status = 0;
  for (size_t k = 0; k < d->count; ++k) {
    const char *src = pairs->rows[d->keep[k]].source;
    uint64_t h = source_hash(src, o->seed);
    is_holdout[k] = (double)(h % 10000) / 10000.0 < o->holdout_share;
    int before = (int)sources.count;
    if (!strmap_put(&sources, src, strlen(src), is_holdout[k])) {
      status = -1;
      break;
    }
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
  return status;
}

/* Counts the dictionary's candidates over the training rows: coarse keys,
 * words, word bigrams and neighbour keys. -1 when out of memory. */
static int count_candidates(const clara_block_input *inputs,
                            const distinct_rows *d,
                            const unsigned char *is_holdout, strmap *coarse,
                            strmap *words, strmap *bigrams, strmap *context) {
  char key[600];
  for (size_t k = 0; k < d->count; ++k) {
    if (is_holdout[k])
      continue;
    span *w;
    size_t n;
    char *text = input_words(&inputs[d->keep[k]]);
    if (!text || split_words(text, &w, &n) != 0) {
      free(text);
      return -1;
    }
    int status = 0;
    for (size_t i = 0; i < n && status == 0; ++i) {
      char ck[4][64];
      float cv[4];
      size_t nc = coarse_keys(w[i].start, w[i].len, ck, cv);
      for (size_t c = 0; c < nc && status == 0; ++c)
        status = count_key(coarse, ck[c], 1.0f);
      if (status == 0)
        status = strmap_count(words, w[i].start, w[i].len);
      if (status == 0 && i + 1 < n) {
        int len = bigram_key(&w[i], &w[i + 1], key, sizeof key);
        if (len > 0)
          status = strmap_count(bigrams, key, (size_t)len);
      }
    }
    free(w);
    free(text);
    if (status != 0 ||
        neighbour_keys(inputs[d->keep[k]].prev, "v:", count_key, context) !=
            0 ||
        neighbour_keys(inputs[d->keep[k]].next, "n:", count_key, context) != 0)
      return -1;
  }
  return 0;
}

/* Appends the entries of `map` counted at least `min` times to list[*n]. */
static void collect_counted(const strmap *map, unsigned min, counted_name *list,
                            size_t *n) {
  for (size_t i = 0; i < map->capacity; ++i)
    if (map->keys[i] && (unsigned)map->values[i] >= min) {
      list[*n].name = map->keys[i];
      list[*n].count = (size_t)map->values[i];
      ++*n;
    }
}

/* The dictionary from the training rows, as a new model without weights:
 * the dense features, then coarse keys, words, bigrams and neighbour keys,
 * each group by descending count; counts[] gets the sizes of the last four
 * groups. NULL when out of memory. */
static clara_predict_model *
build_dictionary(const clara_block_input *inputs, const distinct_rows *d,
                 const unsigned char *is_holdout,
                 const clara_predict_train_options *o, size_t counts[4]) {
  strmap words = {0}, bigrams = {0}, coarse = {0}, context = {0};
  clara_predict_model *m = NULL;
  counted_name *list = NULL;
  if (strmap_init(&context, 256) != 0 || strmap_init(&words, 1024) != 0 ||
      strmap_init(&bigrams, 4096) != 0 || strmap_init(&coarse, 256) != 0 ||
      count_candidates(inputs, d, is_holdout, &coarse, &words, &bigrams,
                       &context) != 0)
    goto done;
  m = calloc(1, sizeof *m);
  list =
      malloc((coarse.count + words.count + bigrams.count + context.count + 1) *
             sizeof *list);
  if (!m || !list) {
    free(m);
    m = NULL;
    goto done;
  }
  size_t nc = 0, nw = 0, nb = 0, nx = 0;
  collect_counted(&coarse, o->min_word_count, list, &nc);
  qsort(list, nc, sizeof *list, cmp_counted);
  counted_name *wlist = list + nc;
  collect_counted(&words, o->min_word_count, wlist, &nw);
  qsort(wlist, nw, sizeof *wlist, cmp_counted);
  if (nw > o->max_features)
    nw = o->max_features;
  size_t max_bigrams = o->max_features > nw ? o->max_features - nw : 0;
  counted_name *blist = wlist + nw;
  collect_counted(&bigrams, o->min_bigram_count, blist, &nb);
  qsort(blist, nb, sizeof *blist, cmp_counted);
  if (nb > max_bigrams)
    nb = max_bigrams;
  memmove(wlist + nw, blist, nb * sizeof *blist);
  counted_name *xlist = wlist + nw + nb;
  collect_counted(&context, o->min_word_count, xlist, &nx);
  qsort(xlist, nx, sizeof *xlist, cmp_counted);
  m->num_words = nc;
  m->names = calloc(NUM_DENSE + nc + nw + nb + nx, sizeof *m->names);
  if (!m->names ||
      strmap_init(&m->index, NUM_DENSE + nc + nw + nb + nx + 16) != 0)
    goto fail;
  for (size_t i = 0; i < NUM_DENSE + nc + nw + nb + nx; ++i) {
    const char *name =
        i < NUM_DENSE ? DENSE_NAMES[i] : list[i - NUM_DENSE].name;
    m->names[i] = strdup(name);
    m->num_features = i + 1; /* names[0..i] are disposed with the model */
    int *slot =
        m->names[i] ? strmap_put(&m->index, name, strlen(name), (int)i) : NULL;
    if (!slot)
      goto fail;
    *slot = (int)i;
  }
  counts[0] = nc;
  counts[1] = nw;
  counts[2] = nb;
  counts[3] = nx;
  goto done;
fail:
  clara_predict_model_dispose(m);
  m = NULL;
done:
  free(list);
  strmap_free(&words);
  strmap_free(&bigrams);
  strmap_free(&coarse);
  strmap_free(&context);
  return m;
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

  distinct_rows d = {0};
  if (dedup_rows(pairs, nic, inputs, o, metrics, &d) != 0) {
    free(inputs);
    return clara_error(msg, "predict: out of memory");
  }
  if (d.count < 10) {
    free(d.keep);
    free(d.weight_of);
    free(inputs);
    return clara_error(msg, "too few rows for NIC '%s' to train on (%zu)", nic,
                       d.count);
  }

  clara_predict_model *m = NULL;
  sparse_row *rows = NULL;
  float *labels = NULL, *weights = NULL;
  size_t *order = NULL;
  size_t num_rows = 0, ntrain = 0, nhold = 0;
  DMatrixHandle dtrain = NULL;
  int status = CLARA_OK;
  unsigned char *is_holdout = calloc(d.count, 1);
  if (!is_holdout || split_sources(pairs, &d, o, is_holdout, metrics) != 0) {
    status = clara_error(msg, "predict: out of memory");
    goto done;
  }
  progress(o,
           "%zu rows, %zu distinct, %zu distinct token sequences; train "
           "%zu rows (%zu sources), holdout %zu rows (%zu sources)",
           metrics->rows, metrics->distinct_rows,
           metrics->distinct_token_sequences, metrics->train_rows,
           metrics->train_sources, metrics->holdout_rows,
           metrics->holdout_sources);

  size_t counts[4];
  m = build_dictionary(inputs, &d, is_holdout, o, counts);
  if (!m) {
    status = clara_error(msg, "predict: out of memory");
    goto done;
  }
  metrics->features = m->num_features;
  progress(o,
           "dictionary: %zu coarse features, %zu words, %zu bigrams, %zu "
           "neighbour features",
           counts[0], counts[1], counts[2], counts[3]);

  /* Feature rows: the training rows first, then the held-out ones. */
  rows = calloc(d.count, sizeof *rows);
  labels = malloc(d.count * sizeof *labels);
  order = malloc(d.count * sizeof *order);
  weights = malloc(d.count * sizeof *weights);
  if (!rows || !labels || !order || !weights) {
    status = clara_error(msg, "predict: out of memory");
    goto done;
  }
  for (size_t k = 0; k < d.count; ++k)
    if (!is_holdout[k])
      order[ntrain++] = k;
  for (size_t k = 0; k < d.count; ++k)
    if (is_holdout[k])
      order[ntrain + nhold++] = k;
  for (num_rows = 0; num_rows < d.count; ++num_rows) {
    size_t k = order[num_rows];
    if (features_of(m, &inputs[d.keep[k]], &rows[num_rows]) != 0) {
      ++num_rows; /* its partial arrays are freed below */
      status = clara_error(msg, "predict: out of memory");
      goto done;
    }
    labels[num_rows] = (float)pairs->rows[d.keep[k]].compute;
    weights[num_rows] = d.weight_of[k];
  }

  if (fit_ridge(m, rows, ntrain, labels, weights, o->ridge_lambda) != 0) {
    status = clara_error(msg, "predict: out of memory");
    goto done;
  }
  progress(o, "non-negative linear base fitted on %zu features",
           NUM_DENSE + m->num_words);

  status = make_dmatrix(m, rows, ntrain, labels, weights, &dtrain, msg);
  if (status == CLARA_OK) {
    int rc = XGBoosterCreate(&dtrain, 1, &m->booster);
    struct {
      const char *k;
      char v[32];
    } params[] = {{"objective", ""},
                  {"huber_slope", ""},
                  {"tree_method", "hist"},
                  {"max_depth", ""},
                  {"eta", ""},
                  {"subsample", "0.8"},
                  {"colsample_bytree", "0.8"},
                  {"min_child_weight", "2"},
                  {"lambda", "1.0"},
                  {"seed", ""},
                  {"nthread", ""},
                  {"num_parallel_tree", ""},
                  {"verbosity", "0"}};
    snprintf(params[0].v, 32, "%s", o->objective);
    snprintf(params[1].v, 32, "%g", o->huber_slope);
    snprintf(params[3].v, 32, "%u", o->max_depth);
    snprintf(params[4].v, 32, "%g", o->eta);
    snprintf(params[9].v, 32, "%llu", (unsigned long long)o->seed);
    snprintf(params[10].v, 32, "%u", o->threads ? o->threads : 1);
    snprintf(params[11].v, 32, "%u", o->parallel_trees ? o->parallel_trees : 1);
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
  }
  if (dtrain)
    XGDMatrixFree(dtrain);

  /* Held-out metrics. */
  if (status == CLARA_OK && nhold > 0) {
    double *pred = malloc(nhold * sizeof *pred);
    double *ridge_pred = malloc(nhold * sizeof *ridge_pred);
    status = pred && ridge_pred
                 ? predict_rows(m, rows + ntrain, nhold, pred, msg)
                 : clara_error(msg, "predict: out of memory");
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
        const clara_pair *first = &pairs->rows[d.keep[order[ntrain + i]]];
        double p = 0, a = 0;
        size_t j = i;
        while (j < nhold) {
          const clara_pair *r = &pairs->rows[d.keep[order[ntrain + j]]];
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
done:
  for (size_t i = 0; i < num_rows; ++i) {
    free(rows[i].index);
    free(rows[i].value);
  }
  free(rows);
  free(labels);
  free(weights);
  free(order);
  free(is_holdout);
  free(d.keep);
  free(d.weight_of);
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
            "# clara-predict 2\nfeatures\t%zu\nlinear\t%zu\nintercept\t%.17g\n",
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
  FILE *in = NULL;
  char *line = NULL;
  size_t cap = 0;
  if (!m || !fpath || !xpath) {
    status = clara_error(msg, "predict: out of memory");
    goto done;
  }
  in = fopen(fpath, "r");
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
      if (strcmp(line, "# clara-predict 1") == 0) {
        status = clara_error(msg,
                             "%s:1: instruction model format 1 is out of "
                             "date (this Clara reads format 2): retrain it "
                             "(models/README.md)",
                             fpath);
        goto done;
      }
      if (strcmp(line, "# clara-predict 2") != 0) {
        status = clara_error(msg,
                             "%s:1: not a Clara instruction model "
                             "(expected '# clara-predict 2')",
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
      if (*end || m->names || declared < NUM_DENSE || declared > 10000000) {
        status = clara_error(msg, "%s:%lu: bad or repeated feature count",
                             fpath, lineno);
        goto done;
      }
      m->names = calloc(declared, sizeof *m->names);
      if (!m->names || strmap_init(&m->index, declared + 16) != 0) {
        status = clara_error(msg, "%s: out of memory", fpath);
        goto done;
      }
    } else if (strcmp(line, "linear") == 0) {
      m->num_words = strtoul(rest, &end, 10);
      if (*end || !m->names || m->ridge ||
          NUM_DENSE + m->num_words > declared) {
        status = clara_error(
            msg, "%s:%lu: bad or repeated linear feature count", fpath, lineno);
        goto done;
      }
      m->ridge = calloc(NUM_DENSE + m->num_words + 1, sizeof *m->ridge);
      if (!m->ridge) {
        status = clara_error(msg, "%s: out of memory", fpath);
        goto done;
      }
    } else if (strcmp(line, "intercept") == 0) {
      m->intercept = strtod(rest, &end);
      if (*end || !isfinite(m->intercept)) {
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
      if (*end || !t2[1] || !isfinite(w)) {
        status = clara_error(msg, "%s:%lu: bad feature weight", fpath, lineno);
        goto done;
      }
      if (next < NUM_DENSE + m->num_words)
        m->ridge[next] = w;
      m->names[next] = strdup(t2 + 1);
      m->num_features = next + 1; /* disposed with the model from now on */
      int *slot = m->names[next]
                      ? strmap_put(&m->index, t2 + 1, strlen(t2 + 1), (int)next)
                      : NULL;
      if (!slot) {
        status = clara_error(msg, "%s: out of memory", fpath);
        goto done;
      }
      *slot = (int)next;
      ++next;
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

/* Adds a row (the first definition of a name wins); -1 when out of memory,
 * and the table must then be disposed. */
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
    size_t capacity = t->capacity ? t->capacity * 2 : 64;
    char **names = realloc(t->names, capacity * sizeof *t->names);
    if (names)
      t->names = names;
    double *compute =
        names ? realloc(t->compute, capacity * sizeof *t->compute) : NULL;
    if (compute)
      t->compute = compute;
    double *memory =
        compute ? realloc(t->memory, capacity * sizeof *t->memory) : NULL;
    if (!memory)
      return -1; /* the index now names a row that does not exist */
    t->memory = memory;
    t->capacity = capacity;
  }
  t->names[t->count] = strdup(name);
  if (!t->names[t->count])
    return -1;
  t->compute[t->count] = c;
  t->memory[t->count] = mem;
  t->count++;
  return 0;
}

static clara_api_costs *api_create(void) {
  clara_api_costs *t = calloc(1, sizeof *t);
  if (t && strmap_init(&t->index, 256) != 0) {
    free(t);
    return NULL;
  }
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
    if (api_add(t, pairs->rows[i].function, c, mem) != 0) {
      clara_api_costs_dispose(t);
      return clara_error(msg, "out of memory");
    }
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
  int status = t ? CLARA_OK : clara_error(msg, "%s: out of memory", path);
  while (status == CLARA_OK && (len = getline(&line, &cap, in)) >= 0) {
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
    if (sscanf(line, "%4095[^\t]\t%lf\t%lf", name, &c, &mem) != 3 ||
        !(c >= 0 && c <= DBL_MAX) || !(mem >= 0 && mem <= DBL_MAX)) {
      status = clara_error(msg,
                           "%s:%lu: expected 'function<TAB>compute<TAB>"
                           "memory'",
                           path, lineno);
      break;
    }
    if (api_add(t, name, c, mem) != 0) {
      status = clara_error(msg, "%s: out of memory", path);
      break;
    }
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
  clara_atomic_file out;
  if (clara_atomic_file_open(&out, path, "w", msg) != CLARA_OK)
    return CLARA_ERROR;
  fprintf(out.file, "# clara-api-costs 1\n");
  for (size_t i = 0; i < t->count; ++i)
    fprintf(out.file, "%s\t%g\t%g\n", t->names[i], t->compute[i], t->memory[i]);
  return clara_atomic_file_commit(&out, msg);
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

unsigned clara_api_costs_expansion(void *table, const char *op,
                                   unsigned long long bytes, unsigned align) {
  const clara_api_costs *t = table;
  if (!t || bytes == 0)
    return 0;
  int is_set = strcmp(op, "memset") == 0;
  unsigned a = 1;
  while (a * 2 <= align && a * 2 <= CLARA_MEMOPS_MAX_ALIGN)
    a *= 2;
  unsigned long long n =
      bytes < CLARA_MEMOPS_MAX_BYTES ? bytes : CLARA_MEMOPS_MAX_BYTES;
  char name[64];
  snprintf(name, sizeof name, "clara_%s_%llu_%u", is_set ? "memset" : "memcpy",
           n, a);
  double compute = 0, memory = 0;
  if (!clara_api_costs_find(t, name, &compute, &memory))
    return 0;
  /* A copy's row counts its loads and its stores; a set's only stores. */
  double side = is_set ? memory : memory / 2;
  if (bytes > n)
    side = side * (double)bytes / (double)n;
  return (unsigned)ceil(side);
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
      clara_vocab_count_memory(inputs[b].ported, clara_api_costs_expansion,
                               (void *)api, &out[b].state_memory,
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
        const char *name = clara_ir_callee_name(i);
        double c = 0, m = 0;
        if (!name)
          name = "";
        if (clara_api_costs_find(api, name, &c, &m)) {
          out[b].api_compute += c;
          out[b].api_memory += m;
        } else if (out_unknown_api) {
          ++*out_unknown_api;
        }
      }
    }
  }
  if (status == CLARA_OK) {
    unsigned calls = 0;
    for (b = 0; b < n; ++b)
      calls += count_calls(tokens[b]);
    for (b = 0; b < n; ++b) {
      inputs[b].function_calls = calls;
      const char *const *src = (const char *const *)tokens;
      inputs[b].prev =
          b > 0 ? (ported && ported[b - 1] ? ported[b - 1] : src[b - 1]) : NULL;
      inputs[b].next =
          b + 1 < n ? (ported && ported[b + 1] ? ported[b + 1] : src[b + 1])
                    : NULL;
    }
    status = clara_predict_model_compute(model, inputs, n, compute, msg);
  }
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
