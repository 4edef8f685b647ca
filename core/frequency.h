/*===- core/frequency.h - How often each block runs per packet ------------===*
 *
 * Static estimates of executions per packet for every block of the NF's own
 * code: each entry point runs once per packet (every element of a chain sees
 * each packet once), a block runs its function's calls per packet times its
 * frequency relative to the function's entry (LLVM's BlockFrequencyInfo,
 * handed over by the shim), and an NF function is called as often as the
 * blocks of its call sites run. Run-time profiles replace these estimates
 * where given (the remarks say `Frequencies: profile|static`).
 *
 *===----------------------------------------------------------------------===*/
#ifndef CLARA_CORE_FREQUENCY_H
#define CLARA_CORE_FREQUENCY_H

#include "annotate.h"
#include "profile.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Returns how often `block` runs per entry of its function (1 for the entry
 * block), e.g. from BlockFrequencyInfo. */
typedef double (*clara_block_weight_fn)(void *context, LLVMBasicBlockRef block);

typedef struct clara_frequency clara_frequency;

/* Estimates per-packet frequencies for the NF functions of `annotation`.
 * Recursion is solved by fixed-point iteration with calls per packet capped
 * at 1e6. The caller frees *out with clara_frequency_dispose(). */
int clara_frequency_estimate(const clara_annotation *annotation,
                             clara_block_weight_fn weight, void *context,
                             clara_frequency **out, char **out_message);

/* Measured frequencies: each block's count in the run-time profile over the
 * profile's packets. The profile must be of this module (the caller checks
 * clara_profile_check_module) and count at least one packet. */
int clara_frequency_from_profile(const clara_annotation *annotation,
                                 const clara_profile *profile,
                                 clara_frequency **out, char **out_message);

/* Executions per packet of a block of an NF function (0 for other blocks). */
double clara_frequency_block(const clara_frequency *frequency,
                             LLVMBasicBlockRef block);

/* Calls per packet of an NF function (0 for other functions). */
double clara_frequency_function(const clara_frequency *frequency,
                                LLVMValueRef function);

/* Frees an estimate. NULL is fine. */
void clara_frequency_dispose(clara_frequency *frequency);

#ifdef __cplusplus
}
#endif

#endif
