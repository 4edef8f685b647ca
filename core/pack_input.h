/*===- core/pack_input.h - The packing problem of an NF's state -----------===*
 *
 * Builds the input of variable packing (core/pack.h) from clara-annotate's
 * view of the NF: for a set of state objects (e.g. those placed in one
 * memory level), every block of the NF's own code that accesses them, how
 * often it runs per packet, and its loads and stores per object (a
 * container call is one load, plus one store when it changes the container;
 * an access through a pointer into one of n objects counts 1/n for each).
 * Arrays (container kind array) and containers (hash table, vector) are
 * marked as reached one element at a time (clara_pack_reach), with the
 * element's DataLayout size: an array's innermost element, a container's
 * slot (the element of the largest array inside it; unknown when that is
 * raw bytes), so the model prices them per element where pack.h says so.
 *
 *===----------------------------------------------------------------------===*/
#ifndef CLARA_CORE_PACK_INPUT_H
#define CLARA_CORE_PACK_INPUT_H

#include "annotate.h"
#include "pack.h"
#include "state_access.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct clara_pack_problem clara_pack_problem;

/* Builds the problem for state objects `objects[0..num_objects)` (indices
 * of clara_annotation_state_object), which become the variables in that
 * order; declaration order is the objects' order in the annotation. The
 * caller frees *out with clara_pack_problem_dispose(). */
int clara_pack_problem_build(const clara_annotation *annotation,
                             clara_block_frequency_fn frequency, void *context,
                             const size_t *objects, size_t num_objects,
                             clara_pack_problem **out, char **out_message);

/* The input to hand to clara_pack_variables(); owned by the problem. */
const clara_pack_input *
clara_pack_problem_input(const clara_pack_problem *problem);

/* Frees a problem. NULL is fine. */
void clara_pack_problem_dispose(clara_pack_problem *problem);

#ifdef __cplusplus
}
#endif

#endif
