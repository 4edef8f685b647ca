/* Unit tests of core/accel*.c: features, cost model, row format, training
 * determinism and model-loading errors. */
#include "accel.h"
#include "clara_test.h"
#include "clara_test_ir.h"
#include "error.h"

#include <llvm-c/Core.h>
#include <llvm-c/IRReader.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *IR =
    "@tab = internal constant [256 x i32] zeroinitializer\n"
    "define i32 @lookup(ptr %p, i32 %n) {\n"
    "entry:\n"
    "  br label %loop\n"
    "loop:\n"
    "  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]\n"
    "  %c = phi i32 [ -1, %entry ], [ %c1, %loop ]\n"
    "  %q = getelementptr i8, ptr %p, i32 %i\n"
    "  %b = load i8, ptr %q\n"
    "  %bz = zext i8 %b to i32\n"
    "  %x = xor i32 %c, %bz\n"
    "  %m = and i32 %x, 255\n"
    "  %mz = zext i32 %m to i64\n"
    "  %t = getelementptr [256 x i32], ptr @tab, i64 0, i64 %mz\n"
    "  %v = load i32, ptr %t\n"
    "  %s = lshr i32 %c, 8\n"
    "  %c1 = xor i32 %v, %s\n"
    "  %i1 = add i32 %i, 1\n"
    "  %d = icmp slt i32 %i1, %n\n"
    "  br i1 %d, label %loop, label %exit\n"
    "exit:\n"
    "  ret i32 %c1\n"
    "}\n"
    "define i32 @entry(ptr %p, i1 %f) {\n"
    "a:\n"
    "  br i1 %f, label %b, label %c\n"
    "b:\n"
    "  %r = call i32 @lookup(ptr %p, i32 20)\n"
    "  br label %c\n"
    "c:\n"
    "  %x = call i32 @lookup(ptr %p, i32 4)\n"
    "  ret i32 %x\n"
    "}\n";

static LLVMModuleRef parse(LLVMContextRef ctx) {
  return clara_test_parse_ir(ctx, IR, "accel");
}

static const unsigned LoopBlocks[] = {1};

static clara_accel_function lookup_fn(LLVMModuleRef m, clara_accel_loop *l) {
  memset(l, 0, sizeof *l);
  l->header = 1;
  l->blocks = LoopBlocks;
  l->num_blocks = 1;
  l->depth = 1;
  l->parent = -1;
  l->num_latches = 1;
  l->num_exits = 1;
  clara_accel_function f = {
      LLVMGetNamedFunction(m, "lookup"), l, 1, NULL, NULL, 0};
  return f;
}

static void test_features(void) {
  LLVMContextRef ctx = LLVMContextCreate();
  LLVMModuleRef m = parse(ctx);
  CLARA_CHECK(m != NULL);
  clara_accel_loop l;
  clara_accel_function f = lookup_fn(m, &l);
  clara_accel_features *ft = NULL;
  char *msg = NULL;
  CLARA_CHECK_EQ_INT(clara_accel_extract(&f, &ft, &msg), CLARA_OK);
  size_t table = 0, ltable = 0, global = 0;
  for (size_t i = 0; i < CLARA_ACCEL_NUM_STRUCTURAL; ++i) {
    const char *n = clara_accel_feature_name(i);
    if (!strcmp(n, "table_lookup"))
      table = i;
    if (!strcmp(n, "loop.table_lookup"))
      ltable = i;
    if (!strcmp(n, "table_lookup_global"))
      global = i;
  }
  /* One load indexed by (crc ^ byte) & 255 from a global table, in the loop;
   * the byte load's index is the induction variable, not bit arithmetic.
   * Counts are densities per counted instruction. */
  double per = 1.0 / (double)ft->instructions;
  CLARA_CHECK_NEAR(ft->structural[table], per, 1e-9);
  CLARA_CHECK_NEAR(ft->structural[ltable], per, 1e-9);
  CLARA_CHECK_NEAR(ft->structural[global], per, 1e-9);
  CLARA_CHECK_EQ_INT(ft->dominant_loop, 0);
  CLARA_CHECK(ft->instructions >= 14);

  /* Renaming everything changes nothing. */
  LLVMSetValueName2(f.function, "zzz", 3);
  LLVMSetValueName2(LLVMGetNamedGlobal(m, "tab"), "q", 1);
  clara_accel_features *ft2 = NULL;
  CLARA_CHECK_EQ_INT(clara_accel_extract(&f, &ft2, &msg), CLARA_OK);
  CLARA_CHECK(!memcmp(ft->structural, ft2->structural, sizeof ft->structural));
  CLARA_CHECK_EQ_INT(ft->num_ngrams, ft2->num_ngrams);

  /* Row format round trip. */
  char *buf = NULL;
  size_t len = 0;
  FILE *mem = open_memstream(&buf, &len);
  CLARA_CHECK_EQ_INT(clara_accel_features_write(ft, "lookup", mem, &msg),
                     CLARA_OK);
  fclose(mem);
  char *label = NULL;
  clara_accel_features *back = NULL;
  CLARA_CHECK_EQ_INT(clara_accel_features_parse(buf, &label, &back, &msg),
                     CLARA_OK);
  CLARA_CHECK_STR(label, "lookup");
  CLARA_CHECK_EQ_INT(back->num_ngrams, ft->num_ngrams);
  CLARA_CHECK_NEAR(back->structural[table], per, 1e-6);
  CLARA_CHECK_EQ_INT(
      clara_accel_features_parse("x\t1\t2\n", &label, &back, &msg) == CLARA_OK
          ? 1
          : 0,
      0);
  clara_dispose_message(msg);
  free(buf);
  clara_accel_features_dispose(ft);
  clara_accel_features_dispose(ft2);
  LLVMDisposeModule(m);
  LLVMContextDispose(ctx);
}

/* A hash whose rotates live in a small helper (as CMSketch::hash_row and
 * rotl32 in test/nf/cmsketch.cc): the caller's features include the
 * helper's rotate only when the helper is analysed as if inlined. */
static const char *HelperIR = "define internal i32 @rotl(i32 %x, i32 %k) {\n"
                              "  %a = shl i32 %x, %k\n"
                              "  %s = sub i32 32, %k\n"
                              "  %b = lshr i32 %x, %s\n"
                              "  %r = or i32 %a, %b\n"
                              "  ret i32 %r\n"
                              "}\n"
                              "define i32 @mix(i32 %a, i32 %b, i32 %c) {\n"
                              "  %1 = sub i32 %a, %c\n"
                              "  %2 = call i32 @rotl(i32 %c, i32 4)\n"
                              "  %3 = xor i32 %1, %2\n"
                              "  %4 = add i32 %c, %b\n"
                              "  %5 = sub i32 %b, %3\n"
                              "  %6 = call i32 @rotl(i32 %3, i32 6)\n"
                              "  %7 = xor i32 %5, %6\n"
                              "  %8 = add i32 %3, %4\n"
                              "  %9 = sub i32 %4, %7\n"
                              "  %10 = call i32 @rotl(i32 %7, i32 8)\n"
                              "  %11 = xor i32 %9, %10\n"
                              "  %12 = add i32 %7, %8\n"
                              "  %13 = sub i32 %8, %11\n"
                              "  %14 = xor i32 %13, %12\n"
                              "  ret i32 %14\n"
                              "}\n"
                              "define i32 @spin(i32 %n) {\n"
                              "e:\n"
                              "  br label %l\n"
                              "l:\n"
                              "  %i = phi i32 [ 0, %e ], [ %j, %l ]\n"
                              "  %j = add i32 %i, 1\n"
                              "  %c = icmp slt i32 %j, %n\n"
                              "  br i1 %c, label %l, label %x\n"
                              "x:\n"
                              "  ret i32 %j\n"
                              "}\n";

static void test_inlined_helpers(void) {
  LLVMContextRef ctx = LLVMContextCreate();
  LLVMModuleRef m = clara_test_parse_ir(ctx, HelperIR, "helpers");
  CLARA_CHECK(m != NULL);
  if (!m) {
    LLVMContextDispose(ctx);
    return;
  }
  LLVMValueRef rotl = LLVMGetNamedFunction(m, "rotl");
  LLVMValueRef mix = LLVMGetNamedFunction(m, "mix");
  CLARA_CHECK(clara_accel_is_inline_helper(rotl));
  CLARA_CHECK(!clara_accel_is_inline_helper(mix)); /* calls a function */
  CLARA_CHECK(!clara_accel_is_inline_helper(LLVMGetNamedFunction(m, "spin")));
  size_t rotate = 0, inlined = 0;
  for (size_t i = 0; i < CLARA_ACCEL_NUM_STRUCTURAL; ++i) {
    if (!strcmp(clara_accel_feature_name(i), "rotate"))
      rotate = i;
    if (!strcmp(clara_accel_feature_name(i), "inlined_helpers"))
      inlined = i;
  }
  /* Any defined function may be inlined: three rotates, 3 x 3 helper
   * instructions in place of three calls. */
  clara_accel_function f = {mix, NULL, 0, NULL, NULL, 0};
  clara_accel_features *ft = NULL;
  char *msg = NULL;
  CLARA_CHECK_EQ_INT(clara_accel_extract(&f, &ft, &msg), CLARA_OK);
  CLARA_CHECK_EQ_INT(ft->instructions, 11 + 12 + 1);
  CLARA_CHECK_NEAR(ft->structural[rotate], 3.0 / 24.0, 1e-9);
  CLARA_CHECK_NEAR(ft->structural[inlined], 2.0, 1e-9); /* log2(1 + 3) */
  clara_accel_features_dispose(ft);
  /* Only the listed own functions may be: rotl is not one of them. */
  LLVMValueRef own[1] = {mix};
  f.own_functions = own;
  f.num_own_functions = 1;
  CLARA_CHECK_EQ_INT(clara_accel_extract(&f, &ft, &msg), CLARA_OK);
  CLARA_CHECK_NEAR(ft->structural[rotate], 0.0, 1e-9);
  CLARA_CHECK_EQ_INT(ft->instructions, 11 + 3 + 1);
  clara_accel_features_dispose(ft);
  LLVMDisposeModule(m);
  LLVMContextDispose(ctx);
}

static void test_costs(void) {
  LLVMContextRef ctx = LLVMContextCreate();
  LLVMModuleRef m = parse(ctx);
  clara_accel_loop l;
  clara_accel_function fs[2];
  fs[0] = lookup_fn(m, &l);
  /* entry: block b runs a quarter of the time, c always. */
  static const double freq[3] = {1.0, 0.25, 1.0};
  clara_accel_function e = {
      LLVMGetNamedFunction(m, "entry"), NULL, 0, freq, NULL, 0};
  fs[1] = e;
  int entry[2] = {0, 1};
  double uses[2];
  clara_accel_uses_per_packet(fs, 2, entry, uses);
  CLARA_CHECK_NEAR(uses[1], 1.0, 1e-9);
  CLARA_CHECK_NEAR(uses[0], 1.25, 1e-9);
  /* entry block 1 + loop 15 x 20 trips + exit 1. */
  CLARA_CHECK_NEAR(clara_accel_cycles_per_call(&fs[0]),
                   1 + 15.0 * CLARA_ACCEL_DEFAULT_TRIPS + 1, 1e-9);
  l.max_trip_count = 8;
  CLARA_CHECK_NEAR(clara_accel_cycles_per_call(&fs[0]), 1 + 15.0 * 8 + 1, 1e-9);
  LLVMDisposeModule(m);
  LLVMContextDispose(ctx);
}

static void test_training_is_deterministic(void) {
  /* Two separable synthetic classes. */
  enum { N = 40 };
  clara_accel_features *fts[N];
  clara_accel_sample samples[N];
  for (int i = 0; i < N; ++i) {
    fts[i] = calloc(1, sizeof *fts[i]);
    fts[i]->structural[3] = (i % 2) ? 0.5 + 0.01 * i : 0.01 * i;
    fts[i]->ngrams = calloc(1, sizeof(char *));
    fts[i]->ngrams[0] = strdup((i % 2) ? "L:xor" : "L:add");
    fts[i]->num_ngrams = 1;
    samples[i].features = fts[i];
    samples[i].cls = (i % 2) ? CLARA_ACCEL_CRC : CLARA_ACCEL_NONE;
    samples[i].family = i;
  }
  clara_accel_train_options o;
  clara_accel_train_defaults(&o);
  o.rounds = 10;
  clara_accel_model *a = NULL, *b = NULL;
  char *msg = NULL;
  CLARA_CHECK_EQ_INT(clara_accel_train(samples, N, &o, &a, &msg), CLARA_OK);
  CLARA_CHECK_EQ_INT(clara_accel_train(samples, N, &o, &b, &msg), CLARA_OK);
  size_t np;
  clara_accel_model_patterns(a, &np);
  CLARA_CHECK_EQ_INT(np, 2); /* L:xor for crc, L:add for none */
  double pa[CLARA_ACCEL_NUM_CLASSES], pb[CLARA_ACCEL_NUM_CLASSES];
  CLARA_CHECK_EQ_INT(clara_accel_model_predict(a, fts[1], pa, &msg), CLARA_OK);
  CLARA_CHECK_EQ_INT(clara_accel_model_predict(b, fts[1], pb, &msg), CLARA_OK);
  CLARA_CHECK(!memcmp(pa, pb, sizeof pa));
  CLARA_CHECK(pa[CLARA_ACCEL_CRC] > 0.5);
  clara_accel_model_dispose(a);
  clara_accel_model_dispose(b);
  for (int i = 0; i < N; ++i)
    clara_accel_features_dispose(fts[i]);
}

/* Training-only variant rows join the training folds of their family only:
 * crc family 4 looks like `none` except for a marker feature that only its
 * samples and its variants have. Cross-validated, family 4 is tested
 * without its variants in training, so the marker is unknown and its
 * samples are called none; a model that did see the variants (trained
 * directly) calls them crc, so a leak would show. */
static void test_variants_train_only(void) {
  enum { FAMILIES = 10, PER = 4, N = FAMILIES * PER, V = 12 };
  clara_accel_features *fts[N + V];
  clara_accel_sample samples[N], variants[V];
  for (int i = 0; i < N + V; ++i) {
    int family = i < N ? i / PER : 4;
    fts[i] = calloc(1, sizeof *fts[i]);
    int crc = family < 5;
    /* class feature: crc ~1, none 0.2..0.39, family 4 in the middle of
     * none's range, so that only the marker tells it apart */
    fts[i]->structural[3] = family == 4 ? 0.3 : crc ? 1.0 + 0.01 * i : 0.01 * i;
    fts[i]->structural[7] = family == 4 ? 1.0 : 0.0;
    clara_accel_sample *s = i < N ? &samples[i] : &variants[i - N];
    s->features = fts[i];
    s->cls = crc ? CLARA_ACCEL_CRC : CLARA_ACCEL_NONE;
    s->family = family;
  }
  char *families[FAMILIES];
  for (int f = 0; f < FAMILIES; ++f) {
    families[f] = malloc(16);
    snprintf(families[f], 16, "%s/f%d", f < 5 ? "crc" : "none", f);
  }
  clara_accel_corpus corpus = {0};
  corpus.samples = samples;
  corpus.num_samples = N;
  corpus.families = families;
  corpus.num_families = FAMILIES;
  corpus.variants = variants;
  corpus.num_variants = V;
  clara_accel_train_options o;
  clara_accel_train_defaults(&o);
  o.rounds = 20;
  int predicted[N];
  double confidence[N];
  char *msg = NULL;
  CLARA_CHECK_EQ_INT(clara_accel_cross_validate(&corpus, 5, 0, &o, 0.5,
                                                predicted, confidence, NULL,
                                                &msg),
                     CLARA_OK);
  for (int i = 4 * PER; i < 5 * PER; ++i)
    CLARA_CHECK_EQ_INT(predicted[i], CLARA_ACCEL_NONE);
  for (int i = 0; i < N; ++i)
    if (i / PER != 4)
      CLARA_CHECK_EQ_INT(predicted[i], samples[i].cls);
  /* Trained with the variants, the marker means crc. */
  clara_accel_sample train[N + V];
  size_t n = 0;
  for (int i = 0; i < N; ++i)
    if (i / PER != 4)
      train[n++] = samples[i];
  for (int v = 0; v < V; ++v)
    train[n++] = variants[v];
  clara_accel_model *m = NULL;
  CLARA_CHECK_EQ_INT(clara_accel_train(train, n, &o, &m, &msg), CLARA_OK);
  double p[CLARA_ACCEL_NUM_CLASSES];
  if (m) {
    CLARA_CHECK_EQ_INT(clara_accel_model_predict(m, fts[4 * PER], p, &msg),
                       CLARA_OK);
    CLARA_CHECK(p[CLARA_ACCEL_CRC] > 0.5);
    clara_accel_model_dispose(m);
  }
  for (int i = 0; i < N + V; ++i)
    clara_accel_features_dispose(fts[i]);
  for (int f = 0; f < FAMILIES; ++f)
    free(families[f]);
}

/* Per-class thresholds: a class is reported only at or above its threshold
 * (else abstain = none); thresholds maximise F0.5 on out-of-fold
 * probabilities and survive a save/load round trip. */
static void test_thresholds(void) {
  double t[CLARA_ACCEL_NUM_CLASSES] = {0.9, 0.5, 0.5, 0.5, 0.5};
  double p[CLARA_ACCEL_NUM_CLASSES] = {0.8, 0.1, 0.05, 0.05, 0.0};
  double conf = 0;
  CLARA_CHECK_EQ_INT(clara_accel_decide(p, t, 0.5, &conf), CLARA_ACCEL_NONE);
  CLARA_CHECK_NEAR(conf, 0.8, 1e-12);
  CLARA_CHECK_EQ_INT(clara_accel_decide(p, NULL, 0.5, NULL), CLARA_ACCEL_CRC);
  t[CLARA_ACCEL_CRC] = 0.8;
  CLARA_CHECK_EQ_INT(clara_accel_decide(p, t, 0.5, NULL), CLARA_ACCEL_CRC);
  CLARA_CHECK_EQ_INT(clara_accel_decide(p, t, 0.85, NULL), CLARA_ACCEL_NONE);

  /* Four crc rows: truths crc at 0.95 and 0.9, none at 0.7 and 0.6. Any
   * threshold in (0.7, 0.9] gives precision = recall = 1; ties go up. */
  clara_accel_class truth[4] = {CLARA_ACCEL_CRC, CLARA_ACCEL_CRC,
                                CLARA_ACCEL_NONE, CLARA_ACCEL_NONE};
  double probs[4 * CLARA_ACCEL_NUM_CLASSES] = {0};
  const double crc[4] = {0.95, 0.9, 0.7, 0.6};
  for (int i = 0; i < 4; ++i) {
    probs[i * CLARA_ACCEL_NUM_CLASSES + CLARA_ACCEL_CRC] = crc[i];
    probs[i * CLARA_ACCEL_NUM_CLASSES + CLARA_ACCEL_NONE] = 1 - crc[i];
  }
  double chosen[CLARA_ACCEL_NUM_CLASSES];
  clara_accel_choose_thresholds(truth, probs, NULL, 4, 0.5, 0, chosen);
  CLARA_CHECK_NEAR(chosen[CLARA_ACCEL_CRC], 0.9, 1e-9);
  CLARA_CHECK_NEAR(chosen[CLARA_ACCEL_LPM], 0.95, 1e-9); /* no lpm: tie */
  /* Masked out, the two crc rows no longer count: every threshold scores 0
   * and the highest wins. */
  int mask[4] = {0, 0, 1, 1};
  clara_accel_choose_thresholds(truth, probs, mask, 4, 0.5, 0, chosen);
  CLARA_CHECK_NEAR(chosen[CLARA_ACCEL_CRC], CLARA_ACCEL_MAX_THRESHOLD, 1e-9);

  /* A precision floor takes the lowest threshold that reaches it: crc's
   * precision is 2/4 up to 0.6, 2/3 at 0.65 and 0.7, 1 from 0.75. Two hash
   * rows (truths hash at 0.8, none at 0.99) never reach 0.97: precision
   * 1/2 up to 0.8, 0 above, so the most precise threshold, 0.8 (ties go
   * up), is taken. No lpm row: the highest. */
  clara_accel_class truth6[6] = {CLARA_ACCEL_CRC,  CLARA_ACCEL_CRC,
                                 CLARA_ACCEL_NONE, CLARA_ACCEL_NONE,
                                 CLARA_ACCEL_HASH, CLARA_ACCEL_NONE};
  double probs6[6 * CLARA_ACCEL_NUM_CLASSES] = {0};
  memcpy(probs6, probs, sizeof probs);
  probs6[4 * CLARA_ACCEL_NUM_CLASSES + CLARA_ACCEL_HASH] = 0.8;
  probs6[4 * CLARA_ACCEL_NUM_CLASSES + CLARA_ACCEL_NONE] = 0.2;
  probs6[5 * CLARA_ACCEL_NUM_CLASSES + CLARA_ACCEL_HASH] = 0.99;
  probs6[5 * CLARA_ACCEL_NUM_CLASSES + CLARA_ACCEL_NONE] = 0.01;
  clara_accel_choose_thresholds(truth6, probs6, NULL, 6, 0.5, 0.97, chosen);
  CLARA_CHECK_NEAR(chosen[CLARA_ACCEL_CRC], 0.75, 1e-9);
  CLARA_CHECK_NEAR(chosen[CLARA_ACCEL_HASH], 0.8, 1e-9);
  CLARA_CHECK_NEAR(chosen[CLARA_ACCEL_LPM], CLARA_ACCEL_MAX_THRESHOLD, 1e-9);
  clara_accel_choose_thresholds(truth6, probs6, NULL, 6, 0.5, 0.6, chosen);
  CLARA_CHECK_NEAR(chosen[CLARA_ACCEL_CRC], 0.65, 1e-9);
  /* Without the floor, the same rows: crc as before, hash's F0.5 is
   * highest (1/2 precision, recall 1) up to 0.8. */
  clara_accel_choose_thresholds(truth6, probs6, NULL, 6, 0.5, 0, chosen);
  CLARA_CHECK_NEAR(chosen[CLARA_ACCEL_CRC], 0.9, 1e-9);
  CLARA_CHECK_NEAR(chosen[CLARA_ACCEL_HASH], 0.8, 1e-9);
  /* The rule's description, as the reports print it. */
  char rule[64];
  clara_accel_threshold_rule(0, rule, sizeof rule);
  CLARA_CHECK_STR(rule, "max F0.5");
  clara_accel_threshold_rule(0.97, rule, sizeof rule);
  CLARA_CHECK_STR(rule, "the lowest with precision >= 0.97");
  clara_accel_threshold_rule(0.97, rule, 9);
  CLARA_CHECK_STR(rule, "the lowe");

  /* Round trip through accel.meta. */
  clara_accel_model *m = NULL;
  char *msg = NULL;
  CLARA_CHECK_EQ_INT(
      clara_accel_model_load(CLARA_SOURCE_DIR "/models/trained", &m, &msg),
      CLARA_OK);
  if (!m)
    return;
  double mine[CLARA_ACCEL_NUM_CLASSES] = {0.55, 0.6, 0.65, 0.7, 0.5};
  clara_accel_model_set_thresholds(m, mine);
  char dir[] = "/tmp/clara_accel_test_XXXXXX";
  CLARA_CHECK(mkdtemp(dir) != NULL);
  CLARA_CHECK_EQ_INT(clara_accel_model_save(m, dir, "test", &msg), CLARA_OK);
  clara_accel_model_dispose(m);
  m = NULL;
  CLARA_CHECK_EQ_INT(clara_accel_model_load(dir, &m, &msg), CLARA_OK);
  if (m) {
    const double *back = clara_accel_model_thresholds(m);
    for (int c = 0; c < CLARA_ACCEL_NONE; ++c)
      CLARA_CHECK_NEAR(back[c], mine[c], 1e-9);
    clara_accel_model_dispose(m);
  }
  char path[256];
  snprintf(path, sizeof path, "%s/accel.meta", dir);
  remove(path);
  snprintf(path, sizeof path, "%s/accel.ubj", dir);
  remove(path);
  rmdir(dir);
}

static void test_missing_model(void) {
  clara_accel_model *m = NULL;
  char *msg = NULL;
  CLARA_CHECK_EQ_INT(clara_accel_model_load("/nonexistent/dir", &m, &msg),
                     CLARA_ERROR);
  CLARA_CHECK(m == NULL);
  CLARA_CHECK(msg && strstr(msg, "/nonexistent/dir/accel.meta"));
  clara_dispose_message(msg);
  msg = NULL;
  CLARA_CHECK_EQ_INT(
      clara_accel_model_load(CLARA_SOURCE_DIR "/models/trained", &m, &msg),
      CLARA_OK);
  clara_accel_model_dispose(m);
}

/* The mining settings from the command line: in range or one error. */
static void test_mining_options(void) {
  clara_accel_train_options o;
  clara_accel_train_defaults(&o);
  char *msg = NULL;
  CLARA_CHECK(clara_accel_is_train_option("--support"));
  CLARA_CHECK(!clara_accel_is_train_option("--rounds"));
  CLARA_CHECK_EQ_INT(
      clara_accel_set_train_option(&o, "--support", "0.15", &msg), CLARA_OK);
  CLARA_CHECK_EQ_INT(
      clara_accel_set_train_option(&o, "--confidence", "1", &msg), CLARA_OK);
  CLARA_CHECK_EQ_INT(clara_accel_set_train_option(&o, "--patterns", "60", &msg),
                     CLARA_OK);
  CLARA_CHECK_NEAR(o.min_support, 0.15, 1e-12);
  CLARA_CHECK_NEAR(o.min_confidence, 1.0, 1e-12);
  CLARA_CHECK_EQ_INT((int)o.max_patterns_per_class, 60);
  CLARA_CHECK(clara_accel_is_train_option("--precision-floor"));
  CLARA_CHECK_NEAR(o.precision_floor, 0.0, 1e-12); /* default: F0.5 */
  CLARA_CHECK_EQ_INT(
      clara_accel_set_train_option(&o, "--precision-floor", "0.97", &msg),
      CLARA_OK);
  CLARA_CHECK_NEAR(o.precision_floor, 0.97, 1e-12);
  const char *bad[][2] = {
      {"--precision-floor", "0"}, {"--precision-floor", "1.01"},
      {"--support", "0"},         {"--support", "0.2x"},
      {"--confidence", "1.5"},    {"--confidence", ""},
      {"--patterns", "0"},        {"--patterns", "-3"},
      {"--rounds", "5"}};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
    CLARA_CHECK_EQ_INT(
        clara_accel_set_train_option(&o, bad[i][0], bad[i][1], &msg),
        CLARA_ERROR);
    CLARA_CHECK(msg && strstr(msg, bad[i][0]));
    clara_dispose_message(msg);
    msg = NULL;
  }
  /* a rejected value leaves the setting as it was */
  CLARA_CHECK_NEAR(o.precision_floor, 0.97, 1e-12);
  CLARA_CHECK_NEAR(o.min_support, 0.15, 1e-12);
  CLARA_CHECK_EQ_INT((int)o.max_patterns_per_class, 60);
}

/* A malformed manifest row is one error naming the file and line. */
static void test_manifest_errors(void) {
  char dir[] = "/tmp/clara_accel_manifest_XXXXXX";
  CLARA_CHECK(mkdtemp(dir) != NULL);
  char path[256];
  snprintf(path, sizeof path, "%s/manifest.tsv", dir);
  const char *bad[][2] = {
      {"# comment\ncrc/a.c\tbogus\tfam\n", ":2: unknown class 'bogus'"},
      {"crc/a.c\tcrc\n", ":1: expected 'path<TAB>class<TAB>family'"},
      {"\ncrc/a.c\tcrc\tfam\thelpers=f\n", ":2: the fourth column"},
      {"# nothing but comments\n\n", "no samples"}};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
    FILE *f = fopen(path, "w");
    CLARA_CHECK(f != NULL);
    if (!f)
      break;
    fputs(bad[i][0], f);
    fclose(f);
    clara_accel_corpus *c = NULL;
    char *msg = NULL;
    CLARA_CHECK_EQ_INT(clara_accel_corpus_load(path, dir, ".tsv", &c, &msg),
                       CLARA_ERROR);
    CLARA_CHECK(c == NULL);
    CLARA_CHECK(msg && strstr(msg, bad[i][1]) && strstr(msg, "manifest.tsv"));
    clara_dispose_message(msg);
  }
  clara_accel_corpus *c = NULL;
  char *msg = NULL;
  CLARA_CHECK_EQ_INT(
      clara_accel_corpus_load("/nonexistent/m.tsv", dir, ".tsv", &c, &msg),
      CLARA_ERROR);
  CLARA_CHECK(msg && strstr(msg, "/nonexistent/m.tsv: cannot open"));
  clara_dispose_message(msg);
  remove(path);
  rmdir(dir);
}

/* Call-graph context: each row gets the maximum of a few features over the
 * rows of the functions it calls or that call it; NAN values are skipped.
 * top calls a and b; a calls c; lone calls nothing and nobody calls it. */
static void test_call_context(void) {
  static const char *ContextIR =
      "define void @c() {\n  ret void\n}\n"
      "define void @a() {\n  call void @c()\n  ret void\n}\n"
      "define void @b() {\n  ret void\n}\n"
      "define void @top() {\n  call void @a()\n  call void @b()\n"
      "  ret void\n}\n"
      "define void @lone() {\n  ret void\n}\n";
  LLVMContextRef ctx = LLVMContextCreate();
  LLVMModuleRef m = clara_test_parse_ir(ctx, ContextIR, "context");
  CLARA_CHECK(m != NULL);
  if (!m) {
    LLVMContextDispose(ctx);
    return;
  }
  size_t xor_i = 0, aff_i = 0, ctx_xor = 0, ctx_aff = 0;
  for (size_t i = 0; i < CLARA_ACCEL_NUM_STRUCTURAL; ++i) {
    const char *name = clara_accel_feature_name(i);
    xor_i = strcmp(name, "xor_bigconst") ? xor_i : i;
    aff_i = strcmp(name, "probe.affine") ? aff_i : i;
    ctx_xor = strcmp(name, "ctx.xor_bigconst") ? ctx_xor : i;
    ctx_aff = strcmp(name, "ctx.probe.affine") ? ctx_aff : i;
  }
  CLARA_CHECK(xor_i && aff_i && ctx_xor && ctx_aff);
  CLARA_CHECK_EQ_INT((int)ctx_xor, CLARA_ACCEL_FIRST_CONTEXT + 2);
  enum { TOP, A, B, C, LONE, N };
  const char *names[N] = {"top", "a", "b", "c", "lone"};
  const double xors[N] = {1, 3, 5, 7, 9}, affs[N] = {NAN, 0.5, NAN, NAN, 1};
  clara_accel_features rows[N];
  clara_accel_features *ptrs[N];
  LLVMValueRef fns[N];
  memset(rows, 0, sizeof rows);
  for (int i = 0; i < N; ++i) {
    rows[i].structural[xor_i] = xors[i];
    rows[i].structural[aff_i] = affs[i];
    ptrs[i] = &rows[i];
    fns[i] = LLVMGetNamedFunction(m, names[i]);
  }
  char *msg = NULL;
  CLARA_CHECK_EQ_INT(clara_accel_call_context(ptrs, fns, N, &msg), CLARA_OK);
  CLARA_CHECK_NEAR(rows[TOP].structural[ctx_xor], 5, 1e-12);   /* a, b */
  CLARA_CHECK_NEAR(rows[A].structural[ctx_xor], 7, 1e-12);     /* top, c */
  CLARA_CHECK_NEAR(rows[B].structural[ctx_xor], 1, 1e-12);     /* top */
  CLARA_CHECK_NEAR(rows[C].structural[ctx_xor], 3, 1e-12);     /* a */
  CLARA_CHECK_NEAR(rows[LONE].structural[ctx_xor], 0, 1e-12);  /* none */
  CLARA_CHECK_NEAR(rows[TOP].structural[ctx_aff], 0.5, 1e-12); /* b: NAN */
  CLARA_CHECK(isnan(rows[B].structural[ctx_aff]));             /* top: NAN */
  CLARA_CHECK_NEAR(rows[LONE].structural[ctx_aff], 0, 1e-12);
  LLVMDisposeModule(m);
  LLVMContextDispose(ctx);
}

int main(void) {
  CLARA_RUN(test_features);
  CLARA_RUN(test_manifest_errors);
  CLARA_RUN(test_mining_options);
  CLARA_RUN(test_inlined_helpers);
  CLARA_RUN(test_costs);
  CLARA_RUN(test_training_is_deterministic);
  CLARA_RUN(test_variants_train_only);
  CLARA_RUN(test_thresholds);
  CLARA_RUN(test_missing_model);
  CLARA_RUN(test_call_context);
  CLARA_TEST_EXIT();
}
