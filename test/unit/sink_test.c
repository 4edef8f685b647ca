/*===- test/unit/sink_test.c - The MachineSink model (core/sink.c) --------===*
 *
 * Each case names the instructions (by value name) that must move and where
 * to; every other instruction must stay.
 *
 *===----------------------------------------------------------------------===*/
#include "clara_test.h"
#include "clara_test_ir.h"
#include "error.h"
#include "sink.h"

#include <llvm-c/Core.h>
#include <llvm-c/IRReader.h>
#include <stdio.h>
#include <string.h>

/* entry has two successors. %v (a load with no store after it) is used in
 * then, a and b, all dominated by then, whose only predecessor is entry: it
 * moves to then (block 1). %late is a load with a store after it: stays;
 * %g feeds it, so %g stays too. %t is used in entry: stays. %both is used
 * in then and in join (not dominated by then): stays. %x is used by a phi
 * in join for the edge from entry: stays. %y, used only in a, sinks into
 * then and, scanned again there, on into a (block 2): sinking repeats. %q
 * (used in then and in a) moves to then and stays there. In then, %use
 * (used only in b) moves to b (block 3). single has one successor: its %s
 * stays though only next uses it. */
static const char *const IR =
    "define i32 @f(ptr %p, i32 %k) {\n"
    "entry:\n"
    "  %g = getelementptr i8, ptr %p, i64 4\n"
    "  %late = load i32, ptr %g\n"
    "  store i32 %k, ptr %p\n"
    "  %v = load i32, ptr %g\n"
    "  %t = load i32, ptr %p\n"
    "  %both = add i32 %k, 1\n"
    "  %x = mul i32 %k, 3\n"
    "  %y = xor i32 %k, 5\n"
    "  %q = sub i32 %k, 9\n"
    "  %c = icmp eq i32 %t, 0\n"
    "  br i1 %c, label %then, label %join\n"
    "then:\n"
    "  %use = add i32 %late, %both\n"
    "  %c2 = icmp eq i32 %v, %q\n"
    "  br i1 %c2, label %a, label %b\n"
    "a:\n"
    "  %r = add i32 %v, %y\n"
    "  %r2 = add i32 %r, %q\n"
    "  br label %join\n"
    "b:\n"
    "  %r3 = sub i32 %v, %use\n"
    "  br label %join\n"
    "join:\n"
    "  %phi = phi i32 [ %x, %entry ], [ %r2, %a ], [ %r3, %b ]\n"
    "  %out = add i32 %phi, %both\n"
    "  br label %single\n"
    "single:\n"
    "  %s = add i32 %out, 1\n"
    "  br label %next\n"
    "next:\n"
    "  ret i32 %s\n"
    "}\n";

static size_t moved_to(const clara_ptrmap *moved, LLVMValueRef fn,
                       const char *name) {
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb;
       bb = LLVMGetNextBasicBlock(bb))
    for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i;
         i = LLVMGetNextInstruction(i)) {
      size_t len = 0;
      const char *n = LLVMGetValueName2(i, &len);
      size_t where;
      if (strcmp(n, name) == 0)
        return clara_ptrmap_get(moved, i, &where) ? where : (size_t)-1;
    }
  fprintf(stderr, "no instruction %s\n", name);
  return (size_t)-2;
}

static void test_rules(void) {
  LLVMContextRef ctx = LLVMContextCreate();
  LLVMModuleRef m = clara_test_parse_ir(ctx, IR, "sink");
  CLARA_CHECK(m != NULL);
  if (!m) {
    LLVMContextDispose(ctx);
    return;
  }
  LLVMValueRef fn = LLVMGetNamedFunction(m, "f");
  clara_ptrmap moved;
  clara_ptrmap_init(&moved);
  clara_cfg cfg;
  CLARA_CHECK_EQ_INT(clara_cfg_init(&cfg, fn), CLARA_OK);
  CLARA_CHECK_EQ_INT(clara_sink_predict(&cfg, &moved), CLARA_OK);
  clara_cfg_free(&cfg);
  const size_t stay = (size_t)-1;
  CLARA_CHECK_EQ_INT(moved_to(&moved, fn, "v"), 1);
  CLARA_CHECK_EQ_INT(moved_to(&moved, fn, "use"), 3);
  CLARA_CHECK_EQ_INT(moved_to(&moved, fn, "g"), stay);
  CLARA_CHECK_EQ_INT(moved_to(&moved, fn, "y"), 2);
  CLARA_CHECK_EQ_INT(moved_to(&moved, fn, "q"), 1);
  CLARA_CHECK_EQ_INT(moved_to(&moved, fn, "t"), stay);
  CLARA_CHECK_EQ_INT(moved_to(&moved, fn, "late"), stay);
  CLARA_CHECK_EQ_INT(moved_to(&moved, fn, "both"), stay);
  CLARA_CHECK_EQ_INT(moved_to(&moved, fn, "x"), stay);
  CLARA_CHECK_EQ_INT(moved_to(&moved, fn, "c"), stay);
  CLARA_CHECK_EQ_INT(moved_to(&moved, fn, "c2"), stay);
  CLARA_CHECK_EQ_INT(moved_to(&moved, fn, "r"), stay);
  CLARA_CHECK_EQ_INT(moved_to(&moved, fn, "s"), stay);
  CLARA_CHECK_EQ_INT(moved.count, 4);
  clara_ptrmap_clear(&moved);
  LLVMDisposeModule(m);
  LLVMContextDispose(ctx);
}

int main(void) {
  CLARA_RUN(test_rules);
  CLARA_TEST_EXIT();
}
