/*===- test/unit/loops_test.c - Loop context of blocks (core/loops.c) -----===*
 *
 * Known answers on small functions: a two-deep loop nest with branches
 * after it, and an irreducible cycle (no natural loop).
 *
 *===----------------------------------------------------------------------===*/
#include "cfg.h"
#include "clara_test.h"
#include "clara_test_ir.h"
#include "error.h"
#include "loops.h"

#include <llvm-c/Core.h>
#include <stdlib.h>
#include <string.h>

static const char *const IR =
    "define void @f(i32 %n, i1 %c) {\n"
    "entry:\n" /* 0 */
    "  br label %outer\n"
    "outer:\n" /* 1 */
    "  %i = phi i32 [ 0, %entry ], [ %i1, %outer.latch ]\n"
    "  br label %inner\n"
    "inner:\n" /* 2 */
    "  %j = phi i32 [ 0, %outer ], [ %j1, %inner ]\n"
    "  %j1 = add i32 %j, 1\n"
    "  %d = icmp ult i32 %j1, %n\n"
    "  br i1 %d, label %inner, label %outer.latch\n"
    "outer.latch:\n" /* 3 */
    "  %i1 = add i32 %i, 1\n"
    "  %e = icmp ult i32 %i1, %n\n"
    "  br i1 %e, label %outer, label %tri\n"
    "tri:\n" /* 4 */
    "  br i1 %c, label %arm, label %join\n"
    "arm:\n" /* 5 */
    "  br label %join\n"
    "join:\n" /* 6 */
    "  br i1 %c, label %left, label %right\n"
    "left:\n" /* 7 */
    "  br label %end\n"
    "right:\n" /* 8 */
    "  br label %end\n"
    "end:\n" /* 9 */
    "  ret void\n"
    "}\n"
    "define void @g(i1 %c) {\n"
    "entry:\n"
    "  br i1 %c, label %a, label %b\n"
    "a:\n"
    "  br i1 %c, label %b, label %exit\n"
    "b:\n"
    "  br i1 %c, label %a, label %exit\n"
    "exit:\n"
    "  ret void\n"
    "}\n";

typedef struct {
  unsigned depth;
  int header, latch, exiting, preheader;
  const char *words;
} expected;

static void check_function(LLVMValueRef fn, const expected *want, size_t n) {
  clara_cfg cfg;
  CLARA_CHECK(clara_cfg_init(&cfg, fn) == CLARA_OK);
  CLARA_CHECK_EQ_INT(cfg.num_blocks, n);
  clara_block_context *got = calloc(n, sizeof *got);
  CLARA_CHECK(got && clara_loops_block_contexts(&cfg, got) == CLARA_OK);
  for (size_t b = 0; got && b < n && b < cfg.num_blocks; ++b) {
    CLARA_CHECK_EQ_INT(got[b].depth, want[b].depth);
    CLARA_CHECK_EQ_INT(got[b].header, want[b].header);
    CLARA_CHECK_EQ_INT(got[b].latch, want[b].latch);
    CLARA_CHECK_EQ_INT(got[b].exiting, want[b].exiting);
    CLARA_CHECK_EQ_INT(got[b].preheader, want[b].preheader);
    char words[256];
    clara_loops_context_words(&got[b], words, sizeof words);
    CLARA_CHECK_STR(words, want[b].words);
  }
  free(got);
  clara_cfg_free(&cfg);
}

static void test_nest(void) {
  LLVMContextRef ctx = LLVMContextCreate();
  LLVMModuleRef m = clara_test_parse_ir(ctx, IR, "loops_test");
  CLARA_CHECK(m != NULL);
  if (!m) {
    LLVMContextDispose(ctx);
    return;
  }
  static const expected f[] = {
      {0, 0, 0, 0, 1, "cfg.preheader"},
      /* the outer header is also the inner loop's preheader */
      {1, 1, 0, 0, 1, "cfg.loop 1 ; cfg.header ; cfg.preheader"},
      {2, 1, 1, 1, 0, "cfg.loop 2 ; cfg.header ; cfg.latch ; cfg.exiting"},
      {1, 0, 1, 1, 0, "cfg.loop 1 ; cfg.latch ; cfg.exiting"},
      /* after the nest, no loop: no words */
      {0, 0, 0, 0, 0, ""},
      {0, 0, 0, 0, 0, ""},
      {0, 0, 0, 0, 0, ""},
      {0, 0, 0, 0, 0, ""},
      {0, 0, 0, 0, 0, ""},
      {0, 0, 0, 0, 0, ""},
  };
  check_function(LLVMGetNamedFunction(m, "f"), f, sizeof f / sizeof *f);
  /* a <-> b: neither dominates the other, so no natural loop */
  static const expected g[] = {{0, 0, 0, 0, 0, ""},
                               {0, 0, 0, 0, 0, ""},
                               {0, 0, 0, 0, 0, ""},
                               {0, 0, 0, 0, 0, ""}};
  check_function(LLVMGetNamedFunction(m, "g"), g, sizeof g / sizeof *g);
  LLVMDisposeModule(m);
  LLVMContextDispose(ctx);
}

static void test_words(void) {
  clara_block_context deep = {5, 0, 1, 0, 0};
  char words[64];
  clara_loops_context_words(&deep, words, sizeof words);
  CLARA_CHECK_STR(words, "cfg.loop 3 ; cfg.latch"); /* depth capped */
  char small[8];
  clara_loops_context_words(&deep, small, sizeof small);
  CLARA_CHECK(strlen(small) < sizeof small); /* truncated, terminated */
}

int main(void) {
  CLARA_RUN(test_nest);
  CLARA_RUN(test_words);
  CLARA_TEST_EXIT();
}
