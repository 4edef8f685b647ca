/*===- core/state_access.c - Accesses per packet to each state object -----===*/
#include "state_access.h"

#include <string.h>

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
        size_t n = clara_annotation_objects(a, inst, objects, 16);
        if (!n)
          continue;
        if (per_packet < 0)
          per_packet = frequency(context, b);
        /* An access through a pointer into one of n objects: 1/n each. */
        double share = per_packet / (double)n;
        int writes = clara_annotation_writes(a, inst);
        int container = clara_annotation_kind(a, inst) == CLARA_KIND_API_STATE;
        int atomic = clara_annotation_is_atomic(a, inst);
        for (size_t k = 0; k < n; ++k) {
          if (objects[k] < 0 || (size_t)objects[k] >= num_objects)
            continue;
          clara_state_access *o = &out[objects[k]];
          if (container) {
            o->reads += share;
            if (writes)
              o->writes += share;
          } else if (atomic) {
            o->atomics += share;
          } else if (writes) {
            o->writes += share;
          } else {
            o->reads += share;
          }
        }
      }
    }
  }
}
