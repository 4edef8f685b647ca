/*===- test/unit/predict_alloc_test.c - Out of memory in core/predict.c ---===*
 *
 * Every allocation that core/predict.c makes may fail: training, loading a
 * model, predicting and loading an API cost table must then return one
 * clear error ("out of memory"), never crash or return a half-built model.
 * The test compiles core/predict.c into itself with malloc, calloc,
 * realloc and strdup replaced by wrappers that fail the N-th call, and runs
 * each operation once for every N below the number of allocations the
 * operation makes when nothing fails. Only predict.c's own calls fail (not
 * XGBoost's, libc's or the rest of core/'s).
 *
 *===----------------------------------------------------------------------===*/
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The call that fails: counts down to 0 (-1: none fails). */
static long fail_countdown = -1;
static long allocations;

static int this_one_fails(void) {
  ++allocations;
  return fail_countdown >= 0 && fail_countdown-- == 0;
}
static void *test_malloc(size_t n) {
  return this_one_fails() ? NULL : malloc(n);
}
static void *test_calloc(size_t n, size_t size) {
  return this_one_fails() ? NULL : calloc(n, size);
}
static void *test_realloc(void *p, size_t n) {
  return this_one_fails() ? NULL : realloc(p, n);
}
static char *test_strdup(const char *s) {
  return this_one_fails() ? NULL : strdup(s);
}

#define malloc(n) test_malloc(n)
#define calloc(n, size) test_calloc(n, size)
#define realloc(p, n) test_realloc(p, n)
#define strdup(s) test_strdup(s)
#include "../../core/predict.c"
#undef malloc
#undef calloc
#undef realloc
#undef strdup

#include "clara_test.h"

/* Arms the N-th allocation from now to fail (-1: none). */
static void fail_at(long n) {
  fail_countdown = n;
  allocations = 0;
}

static clara_pairs *training_pairs(void) {
  static const char *const words[] = {
      "load i32 state ; add i32 reg const ; store i32 reg state ; br",
      "load ptr stack.reg ; call ptr api.header a1 ; br cond",
      "getelementptr click_ip.ip_dst ; load i32 packet ; icmp eq i32 reg "
      "const ; br cond",
      "store i1 const stack.reg ; br",
      "load i16 packet ; zext i16 i32 ; xor i32 reg reg ; ret i32"};
  clara_pairs *p = clara_pairs_create();
  for (unsigned i = 0; p && i < 40; ++i) {
    char source[32], function[32];
    snprintf(source, sizeof source, "batch-%u/e%u.cc", i % 7, i);
    snprintf(function, sizeof function, "f%u", i / 3);
    const char *w = words[i % 5];
    if (clara_pairs_add_ported(p, "bluefield2", source, function, "b", w,
                               1 + i % 5 + i % 3, i % 2, w, NULL) != CLARA_OK)
      return NULL;
  }
  return p;
}

static void train_options(clara_predict_train_options *o) {
  clara_predict_train_defaults(o);
  o->rounds = 3;
  o->threads = 1;
  o->min_bigram_count = 1;
  o->holdout_share = 0.3;
}

/* Whether an operation that returned `status` failed as it should. */
static int failed_cleanly(int status, const void *result, char *msg) {
  int ok = status != CLARA_OK && !result && msg &&
           strstr(msg, "out of memory") != NULL;
  if (!ok)
    fprintf(stderr, "  status %d, result %p, message '%s'\n", status, result,
            msg ? msg : "(none)");
  free(msg);
  return ok;
}

/* Trains the small model with no allocation failing; *total gets the
 * number of allocations that took. */
static clara_predict_model *train_small(const clara_pairs *pairs, long *total) {
  clara_predict_train_options o;
  train_options(&o);
  clara_predict_model *m = NULL;
  clara_predict_metrics metrics;
  char *msg = NULL;
  fail_at(-1);
  int status = clara_predict_train(pairs, "bluefield2", &o, &m, &metrics, &msg);
  *total = allocations;
  CLARA_CHECK_EQ_INT(status, CLARA_OK);
  CLARA_CHECK(m != NULL && metrics.holdout_rows > 0);
  free(msg);
  return m;
}

static void test_train(void) {
  clara_pairs *pairs = training_pairs();
  CLARA_CHECK(pairs != NULL);
  long total;
  clara_predict_model_dispose(train_small(pairs, &total));
  CLARA_CHECK(total > 100);
  printf("training: %ld allocations, each failed once\n", total);
  clara_predict_train_options o;
  train_options(&o);
  clara_predict_model *m = NULL;
  clara_predict_metrics metrics;
  for (long n = 0; n < total; ++n) {
    char *msg = NULL;
    fail_at(n);
    int status =
        clara_predict_train(pairs, "bluefield2", &o, &m, &metrics, &msg);
    if (!failed_cleanly(status, m, msg)) {
      fprintf(stderr, "  training, allocation %ld of %ld\n", n, total);
      CLARA_CHECK(0);
      clara_predict_model_dispose(m);
      break;
    }
  }
  fail_at(-1);
  clara_pairs_dispose(pairs);
}

static void test_load_and_predict(void) {
  char dir[] = "/tmp/clara-predict-alloc-XXXXXX";
  CLARA_CHECK(mkdtemp(dir) != NULL);
  clara_pairs *pairs = training_pairs();
  long total;
  clara_predict_model *m = train_small(pairs, &total);
  char *msg = NULL;
  CLARA_CHECK_EQ_INT(clara_predict_model_save(m, dir, "bluefield2", &msg),
                     CLARA_OK);
  clara_predict_model_dispose(m);

  /* loading */
  fail_at(-1);
  CLARA_CHECK_EQ_INT(clara_predict_model_load(dir, "bluefield2", &m, &msg),
                     CLARA_OK);
  total = allocations;
  CLARA_CHECK(m != NULL && total > 10);
  printf("loading: %ld allocations, each failed once\n", total);
  for (long n = 0; n < total; ++n) {
    clara_predict_model *broken = NULL;
    fail_at(n);
    msg = NULL;
    int status = clara_predict_model_load(dir, "bluefield2", &broken, &msg);
    if (!failed_cleanly(status, broken, msg)) {
      fprintf(stderr, "  loading, allocation %ld of %ld\n", n, total);
      CLARA_CHECK(0);
      clara_predict_model_dispose(broken);
      break;
    }
  }

  /* predicting: rows long enough that the feature rows grow */
  clara_block_input in[3];
  char *ported = NULL;
  size_t len = 0;
  FILE *s = open_memstream(&ported, &len);
  for (int i = 0; i < 40; ++i)
    fprintf(s, "%sload i32 state ; add i32 reg const", i ? " ; " : "");
  fclose(s);
  for (int i = 0; i < 3; ++i) {
    memset(&in[i], 0, sizeof in[i]);
    in[i].tokens = pairs->rows[i].tokens;
    in[i].ported = i == 2 ? ported : pairs->rows[i].tokens;
    in[i].is_entry = i == 0;
    in[i].function_blocks = 3;
    in[i].prev = i ? pairs->rows[i - 1].tokens : NULL;
    in[i].next = i < 2 ? pairs->rows[i + 1].tokens : NULL;
  }
  double out[3];
  fail_at(-1);
  CLARA_CHECK_EQ_INT(clara_predict_model_compute(m, in, 3, out, &msg),
                     CLARA_OK);
  total = allocations;
  CLARA_CHECK(total > 5);
  printf("predicting: %ld allocations, each failed once\n", total);
  for (long n = 0; n < total; ++n) {
    fail_at(n);
    msg = NULL;
    int status = clara_predict_model_compute(m, in, 3, out, &msg);
    if (!failed_cleanly(status, NULL, msg)) {
      fprintf(stderr, "  predicting, allocation %ld of %ld\n", n, total);
      CLARA_CHECK(0);
      break;
    }
  }
  fail_at(-1);
  free(ported);
  clara_predict_model_dispose(m);
  clara_pairs_dispose(pairs);
  char path[128];
  snprintf(path, sizeof path, "%s/predict-bluefield2.features", dir);
  unlink(path);
  snprintf(path, sizeof path, "%s/predict-bluefield2.xgb.json", dir);
  unlink(path);
  rmdir(dir);
}

static void test_api_costs(void) {
  char path[] = "/tmp/clara-api-alloc-XXXXXX";
  int fd = mkstemp(path);
  CLARA_CHECK(fd >= 0);
  FILE *f = fdopen(fd, "w");
  fprintf(f, "# clara-api-costs 1\n");
  for (int i = 0; i < 100; ++i) /* more rows than the first capacity */
    fprintf(f, "api_%d\t%d\t%d\n", i, i % 7, i % 3);
  fclose(f);
  clara_api_costs *t = NULL;
  char *msg = NULL;
  fail_at(-1);
  CLARA_CHECK_EQ_INT(clara_api_costs_load(path, &t, &msg), CLARA_OK);
  long total = allocations;
  double c = 0, mem = 0;
  CLARA_CHECK(t && clara_api_costs_find(t, "api_99", &c, &mem) && c == 1 &&
              mem == 0);
  clara_api_costs_dispose(t);
  printf("API costs: %ld allocations, each failed once\n", total);
  for (long n = 0; n < total; ++n) {
    fail_at(n);
    msg = NULL;
    t = NULL;
    int status = clara_api_costs_load(path, &t, &msg);
    if (!failed_cleanly(status, t, msg)) {
      fprintf(stderr, "  API costs, allocation %ld of %ld\n", n, total);
      CLARA_CHECK(0);
      clara_api_costs_dispose(t);
      break;
    }
  }
  fail_at(-1);
  unlink(path);
}

int main(void) {
  CLARA_RUN(test_train);
  CLARA_RUN(test_load_and_predict);
  CLARA_RUN(test_api_costs);
  CLARA_TEST_EXIT();
}
