/*===- test/unit/distribution_test.c - core/distribution.c ----------------===*
 *
 * The fidelity metrics against values computed by hand (in the comments),
 * the TSV reader, block-length bins and opcode counting of a small module.
 *
 *===----------------------------------------------------------------------===*/
#include "clara_test.h"
#include "clara_test_ir.h"

#include "distribution.h"
#include "error.h"

#include <llvm-c/Core.h>
#include <llvm-c/IRReader.h>
#include <stdlib.h>

static clara_histogram *hist2(const char *k1, double c1, const char *k2,
                              double c2) {
  clara_histogram *h = clara_histogram_create();
  clara_histogram_add(h, k1, c1, NULL);
  if (k2)
    clara_histogram_add(h, k2, c2, NULL);
  return h;
}

/* P = (a 0.5, b 0.5, c 0), Q = (a 0.75, b 0, c 0.25); M = (0.625, .25, .125).
 * JS = .5[.5 log2(.8) + .5 log2 2] + .5[.75 log2 1.2 + .25 log2 2]
 *    = .5(-.16096405 + .5) + .5(.19727581 + .25) = 0.39315588
 * sum sqrt(pq) = sqrt(.375) = 0.61237244
 * Renyi(1/2) = -2 log2 0.61237244 = 1.41503750; Bhattacharyya = 0.49041463
 * cosine = .375 / (sqrt(.5) sqrt(.625)) = 0.67082039
 * Euclidean = sqrt(.0625 + .25 + .0625) = 0.61237244; variational = 1. */
static void test_hand_computed(void) {
  clara_histogram *p = hist2("a", 1, "b", 1), *q = hist2("a", 3, "c", 1);
  clara_distribution_metrics m;
  char *msg = NULL;
  CLARA_CHECK_EQ_INT(clara_distribution_compare(p, q, 0.5, &m, &msg), CLARA_OK);
  CLARA_CHECK_NEAR(m.jensen_shannon, 0.39315588, 1e-7);
  CLARA_CHECK_NEAR(m.renyi, 1.41503750, 1e-7);
  CLARA_CHECK_NEAR(m.bhattacharyya, 0.49041463, 1e-7);
  CLARA_CHECK_NEAR(m.cosine, 0.67082039, 1e-7);
  CLARA_CHECK_NEAR(m.euclidean, 0.61237244, 1e-7);
  CLARA_CHECK_NEAR(m.variational, 1.0, 1e-12);
  CLARA_CHECK_EQ_INT(m.keys, 3);
  /* Jensen-Shannon is symmetric. */
  clara_distribution_metrics r;
  CLARA_CHECK_EQ_INT(clara_distribution_compare(q, p, 0.5, &r, &msg), CLARA_OK);
  CLARA_CHECK_NEAR(r.jensen_shannon, m.jensen_shannon, 1e-12);
  /* Renyi of order 2 is infinite when Q lacks a key of P: an error. */
  CLARA_CHECK_EQ_INT(clara_distribution_compare(p, q, 2.0, &r, &msg),
                     CLARA_ERROR);
  clara_dispose_message(msg);
  clara_histogram_dispose(p);
  clara_histogram_dispose(q);
}

/* Identical shapes (different totals) are at distance 0; disjoint ones at
 * JS 1 (log base 2). */
static void test_extremes(void) {
  clara_histogram *p = hist2("x", 1, "y", 3), *q = hist2("y", 30, "x", 10);
  clara_distribution_metrics m;
  char *msg = NULL;
  CLARA_CHECK_EQ_INT(clara_distribution_compare(p, q, 0.5, &m, &msg), CLARA_OK);
  CLARA_CHECK_NEAR(m.jensen_shannon, 0, 1e-12);
  CLARA_CHECK_NEAR(m.renyi, 0, 1e-12);
  CLARA_CHECK_NEAR(m.cosine, 1, 1e-12);
  CLARA_CHECK_NEAR(m.variational, 0, 1e-12);
  clara_histogram *d = hist2("z", 5, NULL, 0);
  /* Disjoint: no shared mass, so Renyi/Bhattacharyya are infinite. */
  CLARA_CHECK_EQ_INT(clara_distribution_compare(p, d, 0.5, &m, &msg),
                     CLARA_ERROR);
  clara_dispose_message(msg);
  msg = NULL;
  clara_histogram *e = clara_histogram_create();
  CLARA_CHECK_EQ_INT(clara_distribution_compare(p, e, 0.5, &m, &msg),
                     CLARA_ERROR);
  CLARA_CHECK(msg && strstr(msg, "empty"));
  clara_dispose_message(msg);
  clara_histogram_dispose(p);
  clara_histogram_dispose(q);
  clara_histogram_dispose(d);
  clara_histogram_dispose(e);
}

static void test_histogram_basics(void) {
  clara_histogram *h = clara_histogram_create();
  char *msg = NULL;
  CLARA_CHECK_EQ_INT(clara_histogram_add(h, "load", 2, &msg), CLARA_OK);
  CLARA_CHECK_EQ_INT(clara_histogram_add(h, "store", 1, &msg), CLARA_OK);
  CLARA_CHECK_EQ_INT(clara_histogram_add(h, "load", 3, &msg), CLARA_OK);
  CLARA_CHECK_EQ_INT(clara_histogram_add(h, "x", -1, &msg), CLARA_ERROR);
  clara_dispose_message(msg);
  CLARA_CHECK_EQ_INT(clara_histogram_size(h), 2);
  CLARA_CHECK_STR(clara_histogram_key(h, 1), "store");
  CLARA_CHECK_NEAR(clara_histogram_get(h, "load"), 5, 0);
  CLARA_CHECK_NEAR(clara_histogram_get(h, "absent"), 0, 0);
  CLARA_CHECK_NEAR(clara_histogram_total(h), 6, 0);
  clara_histogram_dispose(h);
  CLARA_CHECK_STR(clara_block_length_bin(0), "0");
  CLARA_CHECK_STR(clara_block_length_bin(7), "7");
  CLARA_CHECK_STR(clara_block_length_bin(20), "20");
  CLARA_CHECK_STR(clara_block_length_bin(21), "21-30");
  CLARA_CHECK_STR(clara_block_length_bin(50), "31-50");
  CLARA_CHECK_STR(clara_block_length_bin(51), "51+");
  CLARA_CHECK_STR(clara_opcode_name(LLVMGetElementPtr), "getelementptr");
  CLARA_CHECK_STR(clara_opcode_name(LLVMLandingPad), "landingpad");
}

static void test_read_tsv(void) {
  const char *path = "/tmp/clara_distribution_test.tsv";
  FILE *f = fopen(path, "w");
  fprintf(f, "opcode\tcount_all\tcount_pkt\nload\t10\t4\nbr\t5\t2\n");
  fclose(f);
  clara_histogram *h = NULL;
  char *msg = NULL;
  CLARA_CHECK_EQ_INT(
      clara_histogram_read_tsv(path, "opcode", "count_pkt", &h, &msg),
      CLARA_OK);
  CLARA_CHECK(h && clara_histogram_get(h, "load") == 4);
  CLARA_CHECK(h && clara_histogram_total(h) == 6);
  clara_histogram_dispose(h);
  h = NULL;
  CLARA_CHECK_EQ_INT(
      clara_histogram_read_tsv(path, "opcode", "count_x", &h, &msg),
      CLARA_ERROR);
  CLARA_CHECK(msg && strstr(msg, "count_x") && strstr(msg, path));
  CLARA_CHECK(h == NULL);
  clara_dispose_message(msg);
  msg = NULL;
  f = fopen(path, "w");
  fprintf(f, "opcode\tcount_pkt\nload\tmany\n");
  fclose(f);
  CLARA_CHECK_EQ_INT(
      clara_histogram_read_tsv(path, "opcode", "count_pkt", &h, &msg),
      CLARA_ERROR);
  CLARA_CHECK(msg && strstr(msg, ":2:"));
  clara_dispose_message(msg);
  remove(path);
}

static void test_count_function(void) {
  const char *ir = "define i32 @f(i32 %x) {\n"
                   "entry:\n"
                   "  %a = alloca i32\n"
                   "  store i32 %x, ptr %a\n"
                   "  %v = load i32, ptr %a\n"
                   "  %c = icmp eq i32 %v, 0\n"
                   "  br i1 %c, label %t, label %e\n"
                   "t:\n"
                   "  ret i32 1\n"
                   "e:\n"
                   "  %s = add i32 %v, 1\n"
                   "  ret i32 %s\n"
                   "}\n";
  LLVMContextRef ctx = LLVMContextCreate();
  LLVMModuleRef mod = clara_test_parse_ir(ctx, ir, "t.ll");
  CLARA_CHECK(mod != NULL);
  if (!mod) {
    LLVMContextDispose(ctx);
    return;
  }
  clara_histogram *ops = clara_histogram_create(),
                  *len = clara_histogram_create();
  char *msg = NULL;
  CLARA_CHECK_EQ_INT(clara_histogram_add_function(
                         ops, len, LLVMGetNamedFunction(mod, "f"), &msg),
                     CLARA_OK);
  CLARA_CHECK_NEAR(clara_histogram_total(ops), 8, 0);
  CLARA_CHECK_NEAR(clara_histogram_get(ops, "ret"), 2, 0);
  CLARA_CHECK_NEAR(clara_histogram_get(ops, "alloca"), 1, 0);
  CLARA_CHECK_NEAR(clara_histogram_get(len, "5"), 1, 0); /* entry */
  CLARA_CHECK_NEAR(clara_histogram_get(len, "1"), 1, 0); /* t */
  CLARA_CHECK_NEAR(clara_histogram_get(len, "2"), 1, 0); /* e */
  clara_histogram_dispose(ops);
  clara_histogram_dispose(len);
  LLVMDisposeModule(mod);
  LLVMContextDispose(ctx);
}

int main(void) {
  CLARA_RUN(test_hand_computed);
  CLARA_RUN(test_extremes);
  CLARA_RUN(test_histogram_basics);
  CLARA_RUN(test_read_tsv);
  CLARA_RUN(test_count_function);
  CLARA_TEST_EXIT();
}
