/*===- core/state_access.c - Accesses per packet to each state object -----===*/
#include "state_access.h"

#include <string.h>

size_t clara_instruction_state_access(const clara_annotation *a,
                                      LLVMValueRef inst, int *objects,
                                      size_t max_objects,
                                      clara_state_access *share) {
  memset(share, 0, sizeof *share);
  size_t n = clara_annotation_objects(a, inst, objects, max_objects);
  if (!n)
    return 0;
  double each = 1.0 / (double)n;
  int writes = clara_annotation_writes(a, inst);
  if (clara_annotation_kind(a, inst) == CLARA_KIND_API_STATE) {
    share->reads = each;
    share->writes = writes ? each : 0;
  } else if (clara_annotation_is_atomic(a, inst)) {
    share->atomics = each;
  } else if (writes) {
    share->writes = each;
  } else {
    share->reads = each;
  }
  return n;
}

void clara_state_accesses(const clara_annotation *a,
                          clara_block_frequency_fn frequency, void *context,
                          clara_state_access *out) {
  size_t num_objects = clara_annotation_num_state_objects(a);
  memset(out, 0, num_objects * sizeof *out);
  for (size_t i = 0, n = clara_annotation_num_functions(a); i < n; ++i) {
    LLVMValueRef fn = clara_annotation_function(a, i);
    for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(fn); b;
         b = LLVMGetNextBasicBlock(b)) {
      double per_packet = -1;
      for (LLVMValueRef inst = LLVMGetFirstInstruction(b); inst;
           inst = LLVMGetNextInstruction(inst)) {
        int objects[16];
        clara_state_access share;
        size_t n = clara_instruction_state_access(a, inst, objects, 16, &share);
        if (!n)
          continue;
        if (per_packet < 0)
          per_packet = frequency(context, b);
        for (size_t k = 0; k < n && k < 16; ++k) {
          if (objects[k] < 0 || (size_t)objects[k] >= num_objects)
            continue;
          clara_state_access *o = &out[objects[k]];
          o->reads += share.reads * per_packet;
          o->writes += share.writes * per_packet;
          o->atomics += share.atomics * per_packet;
        }
      }
    }
  }
}
