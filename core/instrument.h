/*===- core/instrument.h - clara-instrument: counters for a profile -------===*
 *
 * The module id that ties a run-time profile to the code it was collected
 * from, and the IR transformation behind the clara-instrument pass: a
 * counter increment at the top of every basic block of the NF's own code
 * (clara_annotate_module's NF functions) and a descriptor that tells
 * libclara_rt (runtime-profiler/rt/clara_rt.h) which block each counter
 * belongs to and how many loads, stores and atomics each block makes to each
 * state object, registered from a module constructor. Executed accesses are
 * block count x static accesses of the block, which is exact for every block
 * that runs to its end (an exception unwinding out of the middle of a block
 * still counts the whole block).
 *
 *===----------------------------------------------------------------------===*/
#ifndef CLARA_CORE_INSTRUMENT_H
#define CLARA_CORE_INSTRUMENT_H

#include "annotate.h"

#include <llvm-c/Core.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The id of a module's NF code: a 64-bit FNV-1a hash, as 16 lower-case hex
 * digits plus NUL in out[17], over the NF functions in name order: their
 * names, and per block, per instruction its opcode, types, predicates,
 * flags that change meaning (volatile, orderings) and operands (other
 * instructions and blocks by position, globals by name, constants by
 * value). It ignores value and block names, metadata (debug info, TBAA),
 * attributes (optnone, noinline, noundef...), and debug, lifetime and
 * other marker intrinsics, so -O0 and -O2 front-end output of the same
 * source, with or without -g, get the same id when their code is the same
 * (runtime-profiler/README.md says which builds match). */
int clara_module_id(const clara_annotation *annotation, char out[17],
                    char **out_message);

/* How counters are kept. */
typedef enum {
  /* One counter array per thread (thread_local), plain increments; the
   * runtime sums the threads' arrays. The default: as cheap as an
   * uninstrumented increment, exact under any number of threads. */
  CLARA_COUNTERS_PER_THREAD = 0,
  /* One array for the process, `atomicrmw add monotonic` increments. */
  CLARA_COUNTERS_ATOMIC
} clara_counter_mode;

/* Instruments `module` (annotated as `annotation`, computed before this
 * call): block counters in every NF function, the descriptor, the module
 * constructor calling clara_rt_register(), and before each state-container
 * call a clara_rt_bind_container() call that tells the runtime which object
 * the container is (for peak occupancy). Fails without changing the module
 * when the module already carries Clara instrumentation. */
int clara_instrument_module(LLVMModuleRef module,
                            const clara_annotation *annotation,
                            clara_counter_mode mode, char **out_message);

/* The number of counters (instrumented blocks) the last successful
 * instrumentation of `module` added, or 0 when the module is not
 * instrumented. */
unsigned clara_instrumented_blocks(LLVMModuleRef module);

#ifdef __cplusplus
}
#endif

#endif
