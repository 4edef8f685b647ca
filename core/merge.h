/*===- core/merge.h - Which IR memory accesses the backend merges ---------===*
 *
 * llc turns some groups of adjacent IR loads and stores into one target
 * access, so counting one target access per IR load or store over-counts
 * them (bench/predict/README.md, "What remains"). Which merges a backend
 * makes is a property of the NIC profile (backend.access_merging in
 * models/nic/README.md):
 *
 *  - CLARA_NIC_MERGE_CONSTANT_STORES: the SelectionDAG merges consecutive
 *    stores of constants to adjacent, ascending offsets of one base into
 *    one store of up to 8 bytes, when the first store's alignment covers
 *    the merged width (`store i8 2`, `store i8 0`, `store i16 500` at
 *    offsets 0, 1, 2 of a 4-aligned base: one 4-byte store);
 *  - CLARA_NIC_MERGE_MISALIGNED: the same without the alignment condition
 *    (targets with fast misaligned accesses, e.g. AArch64);
 *  - CLARA_NIC_MERGE_PAIRS: two loads (or two stores) of the same size, 4 or 8
 *    bytes, at adjacent offsets of one base become one paired access
 *    (AArch64 `ldp`/`stp`), unless a call, or between two loads a store,
 *    or between two stores a load of that base, lies between them; the
 *    partner is looked for among the next 20 accesses (the AArch64
 *    load/store optimiser's scan limit).
 *
 * The model works per block on IR after the porting pipeline. An address is
 * a base pointer plus a constant byte offset (`getelementptr i8, ptr %b,
 * i64 N`, the form instcombine gives constant offsets, or %b itself).
 * Volatile and atomic accesses and calls end every group. Loads that
 * MachineSink moves out of the block (core/sink.h) take no part.
 *
 * Every merged access but the first of its group is marked: its word gets
 * the suffix ` merged` (core/vocab.h) and it is not counted as a memory
 * access, since the group is one target access.
 *
 *===----------------------------------------------------------------------===*/
#ifndef CLARA_CORE_MERGE_H
#define CLARA_CORE_MERGE_H

#include "nic.h"
#include "ptrmap.h"

#include <llvm-c/Core.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Predicts which accesses of `function` the backend merges under `rules`
 * (CLARA_NIC_MERGE_* bits):
 * sets (*merged)[access] = 1 for every access that joins an earlier one of
 * its group. `moved` (may be NULL) holds the instructions MachineSink moves
 * (clara_sink_predict), which are left out. `merged` must be initialised by
 * the caller. Returns CLARA_OK, or CLARA_ERROR when memory runs out (the map
 * is then incomplete). */
int clara_merge_predict(LLVMValueRef function, unsigned rules,
                        const clara_ptrmap *moved, clara_ptrmap *merged);

#ifdef __cplusplus
}
#endif

#endif
