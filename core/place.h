/*===- core/place.h - clara-place-state: state placement ILP --------------===*
 *
 * Places each state object of an NF in one memory level of a NIC profile
 * (the paper's §4.3), minimising the memory cycles per packet
 *
 *   sum_i sum_o p_io * (reads_i * R_o + writes_i * W_o + atomics_i * A_j(o))
 *
 * over the placement options o of object i, subject to:
 *
 *  - assignment: every object takes exactly one option;
 *  - scope: an object may use level j only if scope_j >= its narrowest_scope
 *    (core < island < chip). State written by several cores needs CHIP;
 *    read-only or per-core-owned state may go down to CORE, where every core
 *    gets its own copy (replication is the point of a per-core level);
 *  - capacity: sum of bytes_i over the objects in level j <= capacity_j. The
 *    capacity is that of one instance (one core's LMEM, one island's CLS), and
 *    each object counts once against it;
 *  - bandwidth (beyond the paper, whose own evaluation found it missing): with
 *    a target packet rate P, sum_i (reads + writes + atomics)_i * P / n_j <=
 *    bandwidth_j, where n_j is the number of instances of level j (cores for
 *    core scope, islands for island scope, 1 for chip): the packet rate is
 *    the whole NIC's, spread evenly over the instances;
 *  - cache (also beyond the paper): a level with an SRAM cache offers a
 *    second option per object, "in the cache", whose reads and writes cost
 *    the cache's read/write cycles. The cache is a knapsack: the bytes of
 *    the objects placed there in-cache are at most cache_bytes. Atomics keep
 *    the level's atomic cycles, because a profile has one atomic figure per
 *    level (the agilio-cx one for EMEM is already measured in the cache
 *    engine) and no cache-atomic field. The cached option is offered only
 *    where it is strictly cheaper, since otherwise the uncached option is as
 *    cheap and uses no cache.
 *
 * Options an object cannot use on its own (wrong scope, larger than the level
 * or its cache, more traffic than the level's bandwidth) are never offered.
 * The programme is a 0-1 ILP over the options solved with GLPK's
 * branch-and-cut (glp_intopt, presolver on, pseudo-cost branching, no
 * terminal output). Before GLPK, an exact reduction drops every option that
 * costs at least as much as a "free" option of the same object (one on no
 * limit that can bind), repeated to a fixpoint. Every input is validated
 * before GLPK sees it, because GLPK aborts the process on invalid calls; only
 * GLPK running out of memory can still abort. GLPK is deterministic, so
 * equal inputs give equal placements unless a time limit cuts the search.
 * "Optimal" is GLPK's: within its 1e-7 relative objective tolerance, and
 * capacities are then re-checked exactly in bytes (a row GLPK's tolerance
 * let through is tightened and the programme solved again).
 *
 * clara_place_state_exhaustive() answers the same question by enumerating
 * every object's options depth-first, pruning only branches that already
 * break a limit or whose cost plus every remaining object's cheapest option
 * cannot beat the best found; it is exact, exponential, and used by the unit
 * tests and bench/place to check the ILP.
 *
 *===----------------------------------------------------------------------===*/
#ifndef CLARA_CORE_PLACE_H
#define CLARA_CORE_PLACE_H

#include "nic.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One state object to place. Access counts are per packet (profiled or
 * statically estimated), each access moving up to one transaction. */
typedef struct {
  const char *name; /* for messages; may be NULL */
  uint64_t bytes;
  double reads_per_packet, writes_per_packet, atomics_per_packet;
  /* The narrowest level scope the object may live in: CLARA_SCOPE_CHIP for
   * state written by several cores, CLARA_SCOPE_ISLAND for state shared
   * only inside one island, CLARA_SCOPE_CORE for read-only or per-core
   * state. */
  clara_scope narrowest_scope;
} clara_place_object;

/* How to solve. Fill with clara_place_default_options() first. */
typedef struct {
  double packets_per_sec; /* target rate of the whole NIC; 0: no bandwidth */
  double time_limit_ms;   /* GLPK's search limit; 0: none */
} clara_place_options;

/* A placement. Owned by the caller, freed with clara_placement_dispose(). */
typedef struct {
  size_t num_objects, num_levels;
  size_t *level_of_object;          /* index into nic->levels */
  unsigned char *cached;            /* 1: costed at the level's cache */
  double *object_cycles_per_packet; /* each object's share of the cost */
  double cycles_per_packet;         /* the objective at this placement */
  double *accesses_per_packet;      /* per level: reads+writes+atomics */
  uint64_t *bytes_per_level;        /* per level instance */
  /* The baseline of the paper's §5.5, a naive port: every object in the
   * largest-capacity level (the first on ties), whose cache, if any, takes
   * objects greedily by cycles saved per byte (ties: input order) while
   * they fit, as a hardware cache keeps the hot small state. */
  size_t baseline_level;
  double baseline_cycles_per_packet;
  /* 0 when the baseline itself breaks a capacity, scope or bandwidth
   * limit; its cycles are still reported. */
  int baseline_feasible;
  /* "optimal", "feasible (time limit)" or "exhaustive". */
  const char *solver_status;
  int optimal; /* 1 unless a time limit stopped the search early */
  double solve_ms;
} clara_placement;

/* Fills `options` with the defaults: no bandwidth limit, no time limit. */
void clara_place_default_options(clara_place_options *options);

/* Solves the placement ILP for `num_objects` objects on the levels of
 * `nic` with GLPK. On success stores a new placement in *out_placement; on
 * invalid input, or when no placement satisfies the limits ("state larger
 * than all memory"), stores NULL and one message naming the problem. */
int clara_place_state_solve(const clara_nic *nic,
                            const clara_place_object *objects,
                            size_t num_objects,
                            const clara_place_options *options,
                            clara_placement **out_placement,
                            char **out_message);

/* Like clara_place_state_solve(), by exhaustive enumeration of each
 * object's (level, cached) options. Exponential: refuses more than
 * CLARA_PLACE_EXHAUSTIVE_MAX_OBJECTS objects; the time limit is ignored. */
int clara_place_state_exhaustive(const clara_nic *nic,
                                 const clara_place_object *objects,
                                 size_t num_objects,
                                 const clara_place_options *options,
                                 clara_placement **out_placement,
                                 char **out_message);

#define CLARA_PLACE_EXHAUSTIVE_MAX_OBJECTS 24

/* The cycles per packet of `object` in `level`, at the cache's read/write
 * cycles when `cached` is non-zero. */
double clara_place_object_cycles(const clara_nic_level *level,
                                 const clara_place_object *object, int cached);

/* Checks a given placement (level and cached flag per object) against every
 * limit above. Returns CLARA_OK if it satisfies them all, otherwise
 * CLARA_ERROR with a message naming the first broken one. */
int clara_place_state_check(const clara_nic *nic,
                            const clara_place_object *objects,
                            size_t num_objects,
                            const clara_place_options *options,
                            const size_t *level_of_object,
                            const unsigned char *cached, char **out_message);

/* Frees a placement. NULL is fine. */
void clara_placement_dispose(clara_placement *placement);

#ifdef __cplusplus
}
#endif

#endif
