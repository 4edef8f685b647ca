/*===- core/place_expert.h - exhaustive placement of the accessed state ---===*
 *
 * The expert of the paper's §5.8 for clara-place-state: the exhaustive
 * search of clara_place_state_exhaustive() run on the objects that have
 * accesses (hot objects) only, the cold ones (no reads, writes or atomics)
 * then put wherever they fit. This is exact whenever the completion
 * succeeds: dropping objects only loosens every limit (capacity, cache and
 * bandwidth are sums over objects, scope is per object) and cold objects
 * cost 0 in any level, so the hot-only optimum is a lower bound on the full
 * optimum, and a feasible completion reaches it. When no completion is
 * found the answer is refused rather than guessed.
 *
 *===----------------------------------------------------------------------===*/
#ifndef CLARA_CORE_PLACE_EXPERT_H
#define CLARA_CORE_PLACE_EXPERT_H

#include "place.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Exhaustive placement of `num_objects` objects on `nic` as above. On
 * success fills the caller's arrays `level_of_object` and `cached` (each of
 * num_objects entries), stores the cycles per packet in *out_cycles and the
 * number of objects with accesses in *out_num_hot. Fails with one message
 * when more than CLARA_PLACE_EXHAUSTIVE_MAX_OBJECTS objects have accesses,
 * when no placement satisfies the limits, or when the cold objects cannot
 * be completed greedily next to the hot objects' optimum. */
int clara_place_state_expert(const clara_nic *nic,
                             const clara_place_object *objects,
                             size_t num_objects,
                             const clara_place_options *options,
                             size_t *level_of_object, unsigned char *cached,
                             double *out_cycles, size_t *out_num_hot,
                             char **out_message);

#ifdef __cplusplus
}
#endif

#endif
