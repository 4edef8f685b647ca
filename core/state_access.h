/*===- core/state_access.h - Accesses per packet to each state object -----===*
 *
 * Turns clara-annotate's per-instruction view (which state object an
 * instruction touches, whether it writes) and a block frequency (static
 * estimates or a run-time profile) into reads, writes and atomics per
 * packet for every state object: the input of state placement (§4.3).
 * With a run-time profile the block frequencies are measured, which makes
 * these the profile's own access counts per packet.
 *
 * A state-container call (api.state) counts as one read, plus one write when
 * it changes the container: the cost of its internal accesses belongs to the
 * container's implementation, not to the NF.
 *
 *===----------------------------------------------------------------------===*/
#ifndef CLARA_CORE_STATE_ACCESS_H
#define CLARA_CORE_STATE_ACCESS_H

#include "annotate.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Executions per packet of `block`. */
typedef double (*clara_block_frequency_fn)(void *context,
                                           LLVMBasicBlockRef block);

typedef struct {
  double reads, writes, atomics; /* per packet */
} clara_state_access;

/* The state objects one instruction may access (at most max_objects
 * written to `objects`; the count is returned) and, in *share, what each
 * execution does to each of them under the rules above: a container call
 * is a read, plus a write when it changes the container; otherwise an
 * atomic, a write or a read; through a pointer into n objects, 1/n each. */
size_t clara_instruction_state_access(const clara_annotation *annotation,
                                      LLVMValueRef instruction, int *objects,
                                      size_t max_objects,
                                      clara_state_access *share);

/* Fills out[i] for every state object i of `annotation`
 * (clara_annotation_num_state_objects entries). */
void clara_state_accesses(const clara_annotation *annotation,
                          clara_block_frequency_fn frequency, void *context,
                          clara_state_access *out);

#ifdef __cplusplus
}
#endif

#endif
