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
 *    (AArch64 `ldp`/`stp`): the second moves up to the first, past loads
 *    (for a load) and past accesses of the same base that do not touch its
 *    bytes, or a first store moves down to the second likewise (WebGen's
 *    `store @16; load @20; store @20` is one `ldr` and one `stp`), but not
 *    past a call or an access of another base (which may alias); the
 *    partner is looked for among the next 20 accesses (the
 *    AArch64 load/store optimiser's scan limit); the lower offset must be
 *    a multiple of the size within the pair's 7-bit signed scaled
 *    immediate (-64..63 times the size: -256..252 for words, so
 *    `this + 268` and `this + 272` stay two `ldr`), unless it is beyond a
 *    single access's 12-bit immediate (4095 times the size), where the
 *    backend makes a new base register for them (`this + 32900` and
 *    `this + 32904` are one `ldp`). AggregateCounter's
 *    `load; add; store` of adjacent counters is one `ldp` and one `stp`;
 *  - CLARA_NIC_MERGE_COMBINED_LOADS: an or/shl/zext tree of 2, 4 or 8 byte
 *    loads of adjacent offsets of one base, each byte shifted to its place
 *    in little- or big-endian order (`p[0] << 8 | p[1]`), is one load (the
 *    SelectionDAG's load combining; AArch64 `ldrh` + `rev16`);
 *  - CLARA_NIC_MERGE_COMBINED_LOADS_SPLIT: the same for 4 and 8 bytes as
 *    two loads (MIPS `lwl`/`lwr`); two bytes stay two loads;
 *  - CLARA_NIC_MERGE_LOADED_VALUES: two 2-byte stores at adjacent ascending
 *    offsets of one base whose values are two 2-byte loads of adjacent
 *    offsets of one base (a copy or a swap, TCPResponder's ports) become
 *    one 4-byte load and one 4-byte store, when both sides are 4-aligned or
 *    CLARA_NIC_MERGE_MISALIGNED is set.
 *
 * The model works per block on IR after the porting pipeline. An address is
 * a base pointer plus a constant byte offset (`getelementptr i8, ptr %b,
 * i64 N`, the form instcombine gives constant offsets, or %b itself).
 * Volatile and atomic accesses and calls end every group. Loads that
 * MachineSink moves out of the block (core/sink.h) take no part.
 *
 * Each rule was checked with LLVM 19's llc on small functions for every
 * shipped backend (test/unit/merge_test.c holds them); BPF and RISC-V
 * without fast misaligned accesses make only the first. Not modelled: they
 * also merge an aligned in-order copy of two 2-byte fields (but not a
 * swap, so their profiles do not list loaded-value-stores).
 *
 * Every merged access but the first of its group is marked: its word gets
 * the note ` [merged]` (core/vocab.h) and it is not counted as a memory
 * access, since the group is one target access. Like the memcpy expansion
 * note, the mark is not part of the word: the instruction model's
 * features drop it.
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

/* How many target accesses the load or store `access` becomes under
 * `misaligned` when its alignment is below its size: size / alignment for
 * CLARA_NIC_MISALIGNED_SPLIT (BPF and RISC-V: a 4-byte load aligned to 1 is
 * four byte loads), 2 for CLARA_NIC_MISALIGNED_PAIR (MIPS lwl/lwr). 1 for
 * aligned accesses, CLARA_NIC_MISALIGNED_NATIVE, types other than integers,
 * pointers and floating point, and other instructions. */
unsigned clara_merge_access_count(LLVMValueRef access,
                                  clara_nic_misaligned misaligned);

#ifdef __cplusplus
}
#endif

#endif
