/*===- bench/accel/accel_probe_dump.c - probe features of a bitcode file ---===*
 *
 *   accel_probe_dump FILE.bc
 *
 * Prints, per defined function, its name and the CLARA_ACCEL_NUM_PROBE
 * behavioural features of core/accel_probe.h (tab-separated, "nan" when not
 * measured).
 *
 *===----------------------------------------------------------------------===*/
#include "accel_probe.h"
#include "error.h"

#include <llvm-c/BitReader.h>
#include <llvm-c/Core.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: accel_probe_dump FILE.bc\n");
    return 2;
  }
  LLVMMemoryBufferRef buf;
  char *message = NULL;
  if (LLVMCreateMemoryBufferWithContentsOfFile(argv[1], &buf, &message)) {
    fprintf(stderr, "accel_probe_dump: %s: %s\n", argv[1], message);
    return 1;
  }
  LLVMModuleRef m;
  if (LLVMParseBitcode2(buf, &m)) {
    fprintf(stderr, "accel_probe_dump: %s: not bitcode\n", argv[1]);
    return 1;
  }
  size_t n = 0;
  for (LLVMValueRef f = LLVMGetFirstFunction(m); f; f = LLVMGetNextFunction(f))
    n += !LLVMIsDeclaration(f);
  LLVMValueRef *fns = calloc(n ? n : 1, sizeof *fns);
  double *v = calloc(n ? n * CLARA_ACCEL_NUM_PROBE : 1, sizeof *v);
  size_t i = 0;
  for (LLVMValueRef f = LLVMGetFirstFunction(m); f; f = LLVMGetNextFunction(f))
    if (!LLVMIsDeclaration(f))
      fns[i++] = f;
  if (clara_accel_probe(m, fns, n, v, &message) != CLARA_OK) {
    fprintf(stderr, "accel_probe_dump: %s\n", message);
    return 1;
  }
  for (i = 0; i < n; ++i) {
    printf("%s", LLVMGetValueName(fns[i]));
    for (size_t k = 0; k < CLARA_ACCEL_NUM_PROBE; ++k)
      printf("\t%.3f", v[i * CLARA_ACCEL_NUM_PROBE + k]);
    printf("\n");
  }
  free(fns);
  free(v);
  LLVMDisposeModule(m);
  return 0;
}
