/*===- core/sink.h - Where llc's MachineSink moves IR instructions --------===*
 *
 * llc -O2 runs MachineSink, which moves an instruction out of a block with
 * two or more successors into the successor that alone uses its result, so
 * that paths which do not need the value do not compute it. The moved
 * instruction gets line 0, so the pair labeller charges it to the block it
 * lands in (models/README.md), where it really executes. The ported words
 * and the memory counts of clara-predict-instrs follow the same rule so that
 * the pass counts each instruction where the labels do.
 *
 * The model, on IR after the porting pipeline (a simplification of
 * LLVM 19's MachineSink: no critical-edge splitting, no loop or register
 * pressure heuristics):
 *  - only blocks with two or more distinct successors give up code;
 *  - stores, atomics, fences and calls (other than pure intrinsics such as
 *    llvm.bswap) never move; phis, allocas and terminators neither;
 *  - a load moves only if no store, atomic or call follows it in its block;
 *  - an instruction moves to successor S when S's only predecessor is the
 *    block and S dominates every use of its result (a phi's use lies in the
 *    phi's incoming block);
 *  - blocks are scanned bottom-up, so chains of instructions feeding a moved
 *    one move with it; repeated until nothing moves, so code can sink
 *    through several blocks.
 *
 *===----------------------------------------------------------------------===*/
#ifndef CLARA_CORE_SINK_H
#define CLARA_CORE_SINK_H

#include "cfg.h"
#include "ptrmap.h"

#include <llvm-c/Core.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Predicts MachineSink's moves in the function of `cfg` (cfg.h): for every
 * instruction that moves, sets (*moved)[instruction] = index of its final
 * block (blocks numbered in function order, from 0). `moved` must be
 * initialised by the caller; instructions that stay are not entered.
 * Returns CLARA_OK, or CLARA_ERROR when memory runs out (the map is then
 * incomplete). */
int clara_sink_predict(const clara_cfg *cfg, clara_ptrmap *moved);

#ifdef __cplusplus
}
#endif

#endif
