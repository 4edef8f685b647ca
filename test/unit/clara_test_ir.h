/*===- test/unit/clara_test_ir.h - Parsing test IR for unit tests ---------===*
 *
 * For the unit tests that run an analysis over a module written inline as
 * LLVM assembly.
 *
 *===----------------------------------------------------------------------===*/
#ifndef CLARA_TEST_IR_H
#define CLARA_TEST_IR_H

#include <llvm-c/Core.h>
#include <llvm-c/IRReader.h>
#include <stdio.h>
#include <string.h>

/* Parses `ir` (named `name` in messages) into a module of `ctx`, or prints
 * the parser's message and returns NULL. */
static LLVMModuleRef clara_test_parse_ir(LLVMContextRef ctx, const char *ir,
                                         const char *name) {
  LLVMMemoryBufferRef buf =
      LLVMCreateMemoryBufferWithMemoryRangeCopy(ir, strlen(ir), name);
  LLVMModuleRef m = NULL;
  char *err = NULL;
  if (LLVMParseIRInContext(ctx, buf, &m, &err)) {
    fprintf(stderr, "%s: %s\n", name, err);
    LLVMDisposeMessage(err);
    return NULL;
  }
  return m;
}

#endif
