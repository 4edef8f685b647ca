/*===- test/unit/ir_test.c - Small questions about IR (core/ir.c) ---------===*
 *
 * Each instruction of the function below is asked every question of
 * core/ir.h; the instructions are found by their position in the block.
 *
 *===----------------------------------------------------------------------===*/
#include "clara_test.h"
#include "clara_test_ir.h"
#include "ir.h"

#include <llvm-c/Core.h>
#include <stdio.h>
#include <string.h>

static const char *const IR =
    "declare void @llvm.dbg.value(metadata, metadata, metadata)\n"
    "declare void @llvm.lifetime.start.p0(i64, ptr)\n"
    "declare i32 @llvm.fshl.i32(i32, i32, i32)\n"
    "declare void @f(ptr)\n"
    "define void @g(ptr %fp, i32 %x) {\n"
    "entry:\n"
    "  %a = alloca i32\n"                                  /* 0 */
    "  call void @llvm.lifetime.start.p0(i64 4, ptr %a)\n" /* 1 */
    "  call void @llvm.dbg.value(metadata i32 %x, metadata !1, "
    "metadata !DIExpression()), !dbg !6\n"                    /* 2 */
    "  %r = call i32 @llvm.fshl.i32(i32 %x, i32 %x, i32 3)\n" /* 3 */
    "  call void @f(ptr %a)\n"                                /* 4 */
    "  call void %fp(ptr %a)\n"                               /* 5 */
    "  switch i32 %r, label %next [ i32 1, label %next\n"
    "                                i32 2, label %other ]\n" /* 6 */
    "next:\n"
    "  ret void\n"
    "other:\n"
    "  ret void\n"
    "}\n"
    "!llvm.dbg.cu = !{!0}\n"
    "!llvm.module.flags = !{!5}\n"
    "!0 = distinct !DICompileUnit(language: DW_LANG_C99, file: !2, "
    "emissionKind: FullDebug)\n"
    "!1 = !DILocalVariable(name: \"x\", scope: !3, file: !2, line: 1, "
    "type: !4)\n"
    "!2 = !DIFile(filename: \"t.c\", directory: \"/\")\n"
    "!3 = distinct !DISubprogram(name: \"g\", scope: !2, file: !2, line: 1, "
    "unit: !0, spFlags: DISPFlagDefinition)\n"
    "!4 = !DIBasicType(name: \"int\", size: 32, encoding: DW_ATE_signed)\n"
    "!5 = !{i32 2, !\"Debug Info Version\", i32 3}\n"
    "!6 = !DILocation(line: 1, scope: !3)\n";

static LLVMValueRef nth(LLVMValueRef fn, unsigned n) {
  LLVMValueRef i = LLVMGetFirstInstruction(LLVMGetFirstBasicBlock(fn));
  while (i && n--)
    i = LLVMGetNextInstruction(i);
  return i;
}

static void test_calls(void) {
  LLVMContextRef ctx = LLVMContextCreate();
  LLVMModuleRef m = clara_test_parse_ir(ctx, IR, "ir");
  CLARA_CHECK(m != NULL);
  if (m) {
    /* LLVM 19 reads llvm.dbg.value as a debug record; the old format makes
     * it a call again, as the pass plugin sees it in older bitcode. */
    LLVMSetIsNewDbgInfoFormat(m, 0);
    LLVMValueRef g = LLVMGetNamedFunction(m, "g");
    /* the alloca: no call */
    CLARA_CHECK(clara_ir_callee_name(nth(g, 0)) == NULL);
    CLARA_CHECK_EQ_INT(clara_ir_intrinsic_id(nth(g, 0)), 0);
    CLARA_CHECK_EQ_INT(clara_ir_is_marker_call(nth(g, 0)), 0);
    /* lifetime: a marker, not a debug call */
    CLARA_CHECK_STR(clara_ir_callee_name(nth(g, 1)), "llvm.lifetime.start.p0");
    CLARA_CHECK(clara_ir_intrinsic_id(nth(g, 1)) != 0);
    CLARA_CHECK_EQ_INT(clara_ir_is_marker_call(nth(g, 1)), 1);
    CLARA_CHECK_EQ_INT(clara_ir_is_debug_call(nth(g, 1)), 0);
    /* llvm.dbg.value: both */
    CLARA_CHECK_EQ_INT(clara_ir_is_marker_call(nth(g, 2)), 1);
    CLARA_CHECK_EQ_INT(clara_ir_is_debug_call(nth(g, 2)), 1);
    /* a funnel shift: an intrinsic that generates code */
    CLARA_CHECK(clara_ir_intrinsic_id(nth(g, 3)) != 0);
    CLARA_CHECK_EQ_INT(clara_ir_is_marker_call(nth(g, 3)), 0);
    /* a direct call of an ordinary function */
    CLARA_CHECK_STR(clara_ir_callee_name(nth(g, 4)), "f");
    CLARA_CHECK_EQ_INT(clara_ir_intrinsic_id(nth(g, 4)), 0);
    CLARA_CHECK(clara_ir_called_function(nth(g, 4)) ==
                LLVMGetNamedFunction(m, "f"));
    CLARA_CHECK(clara_ir_called_function(nth(g, 0)) == NULL); /* alloca */
    /* an indirect call: no name, no intrinsic, no function */
    CLARA_CHECK(clara_ir_callee_name(nth(g, 5)) == NULL);
    CLARA_CHECK(clara_ir_called_function(nth(g, 5)) == NULL);
    CLARA_CHECK_EQ_INT(clara_ir_intrinsic_id(nth(g, 5)), 0);
    CLARA_CHECK_EQ_INT(clara_ir_is_marker_call(nth(g, 5)), 0);
    LLVMDisposeModule(m);
  }
  LLVMContextDispose(ctx);
}

static void test_repeated_successors(void) {
  LLVMContextRef ctx = LLVMContextCreate();
  LLVMModuleRef m = clara_test_parse_ir(ctx, IR, "ir");
  CLARA_CHECK(m != NULL);
  if (m) {
    LLVMValueRef sw = LLVMGetBasicBlockTerminator(
        LLVMGetFirstBasicBlock(LLVMGetNamedFunction(m, "g")));
    CLARA_CHECK(sw && LLVMGetInstructionOpcode(sw) == LLVMSwitch);
    if (sw && LLVMGetInstructionOpcode(sw) == LLVMSwitch) {
      /* successors: next (default), next (case 1), other (case 2) */
      CLARA_CHECK_EQ_INT(clara_ir_repeats_successor(sw, 0), 0);
      CLARA_CHECK_EQ_INT(clara_ir_repeats_successor(sw, 1), 1);
      CLARA_CHECK_EQ_INT(clara_ir_repeats_successor(sw, 2), 0);
    }
    LLVMDisposeModule(m);
  }
  LLVMContextDispose(ctx);
}

int main(void) {
  CLARA_RUN(test_calls);
  CLARA_RUN(test_repeated_successors);
  CLARA_TEST_EXIT();
}
