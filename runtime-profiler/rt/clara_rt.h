/*===- runtime-profiler/rt/clara_rt.h - libclara_rt: run-time counters -----===*
 *
 * The runtime that code instrumented by clara-instrument calls, and the API
 * for programs that drive an instrumented NF (clara-replay, your own).
 * At exit, on clara_rt_dump() and on SIGUSR1 it writes the run-time profile
 * (core/profile.h) to $CLARA_PROFILE (default clara.profile.yaml),
 * atomically. See runtime-profiler/README.md.
 *
 *===----------------------------------------------------------------------===*/
#ifndef CLARA_RT_H
#define CLARA_RT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*--- Called by instrumented code (emitted by core/instrument.c) ----------*/

/* Registers an instrumented module from its constructor: `descriptor` is the
 * module's static description (core/instrument.c), `shared_counters` its
 * counter array in atomic mode, NULL in per-thread mode. Returns the module's
 * handle, or NULL (after a message on stderr) when the descriptor is
 * malformed. */
void *clara_rt_register(const char *descriptor, uint64_t *shared_counters);

/* Per-thread mode: the calling thread's counter array of module `handle`
 * (which lives until the thread exits), attached on first use; sets
 * *attached. NULL handle: nothing happens (retried on the next call). */
void clara_rt_attach_thread(void *handle, uint64_t *counters,
                            uint8_t *attached);

/* The container at `container` is state object `object` of module
 * `handle` (called before each container call of the NF). */
void clara_rt_bind_container(void *handle, uint32_t object,
                             const void *container);

/* The occupancy hook: the container at `container` now holds `entries`
 * entries (runtime-profiler/include/click/hashtable.hh, vector.hh, when
 * built with -DCLARA_RT_OCCUPANCY). */
void clara_rt_container_grow(const void *container, size_t entries);

/*--- Called by drivers ----------------------------------------------------*/

/* Counts `n` packets handed to the NF: the profile's `packets`. */
void clara_rt_add_packets(uint64_t n);

/* Writes the profile of every registered module now: the first module to
 * $CLARA_PROFILE (default clara.profile.yaml), any further one to
 * <that path>.<module id>.yaml. Returns 0, or -1 after a message on stderr.
 * Thread-safe; counters keep running. */
int clara_rt_dump(void);

/* The same to `path` for the first module. */
int clara_rt_dump_to(const char *path);

/* The number of registered modules. */
int clara_rt_num_modules(void);

#ifdef __cplusplus
}
#endif

#endif
