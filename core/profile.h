/*===- core/profile.h - the run-time profile (clara-profile: 1) -----------===*
 *
 * The one reader and writer of Clara's run-time profile, the YAML file that
 * libclara_rt dumps after an instrumented NF ran over a trace and that the
 * placement, packing and scale-out passes read (-clara-profile=FILE):
 *
 *   clara-profile: 1
 *   module: "0123456789abcdef"   # clara_module_id() of the NF's code
 *   packets: 1000                # packets the driver handed to the NF
 *   blocks:   [{function, block, index, count}]
 *   objects:  [{name, bytes, peak_entries}]
 *   accesses: [{function, index, object, loads, stores, atomics}]
 *
 * Blocks are keyed by (function, index): `block` is the IR name (or %N) for
 * people only. Files are written to a temporary name and renamed. Reading
 * validates every key, type and reference (runtime-profiler/README.md).
 *
 *===----------------------------------------------------------------------===*/
#ifndef CLARA_CORE_PROFILE_H
#define CLARA_CORE_PROFILE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum { CLARA_PROFILE_FORMAT_VERSION = 1 };

/* How often one basic block ran. */
typedef struct {
  char *function; /* mangled IR name */
  char *block;    /* IR block name, or "%N" when unnamed */
  uint32_t index; /* position of the block in the function, from 0 */
  uint64_t count;
} clara_profile_block;

/* A state object and the largest number of entries its container held. */
typedef struct {
  char *name;
  uint64_t bytes;
  uint64_t peak_entries; /* 0 for plain fields and when not reported */
} clara_profile_object;

/* Executed accesses of one block to one state object. A framework container
 * call counts as one load (lookup) or one store (insert/erase/...). */
typedef struct {
  char *function;
  uint32_t index;
  char *object;
  uint64_t loads, stores, atomics;
} clara_profile_access;

/* A run-time profile. All strings and arrays are owned by the profile. */
typedef struct {
  char *module; /* 16 lower-case hex digits */
  uint64_t packets;
  size_t num_blocks, num_objects, num_accesses;
  clara_profile_block *blocks;
  clara_profile_object *objects;
  clara_profile_access *accesses;
  size_t cap_blocks, cap_objects, cap_accesses;
} clara_profile;

/* A new empty profile of module `module` (copied), or NULL when out of
 * memory. The caller frees it with clara_profile_dispose(). */
clara_profile *clara_profile_create(const char *module);

/* Frees a profile. NULL is fine. */
void clara_profile_dispose(clara_profile *profile);

/* Appends an entry (strings are copied). */
int clara_profile_add_block(clara_profile *profile, const char *function,
                            const char *block, uint32_t index, uint64_t count,
                            char **out_message);
int clara_profile_add_object(clara_profile *profile, const char *name,
                             uint64_t bytes, uint64_t peak_entries,
                             char **out_message);
int clara_profile_add_access(clara_profile *profile, const char *function,
                             uint32_t index, const char *object, uint64_t loads,
                             uint64_t stores, uint64_t atomics,
                             char **out_message);

/* Reads and validates the profile in file `path`. On success the caller
 * owns *out (clara_profile_dispose()); on failure the message names the file,
 * the line and what is wrong. */
int clara_profile_read(const char *path, clara_profile **out,
                       char **out_message);

/* The same from a buffer; `name_for_messages` names it in errors. */
int clara_profile_read_buffer(const char *data, size_t size,
                              const char *name_for_messages,
                              clara_profile **out, char **out_message);

/* Writes `profile` to `path` atomically (a temporary file in the same
 * directory, then rename): on failure the previous file is left intact. */
int clara_profile_write(const clara_profile *profile, const char *path,
                        char **out_message);

/* Adds `other` into `into`: packets, block counts and accesses are summed,
 * peak_entries is the maximum. Fails (leaving `into` unchanged) when the
 * modules differ or an object's size differs. */
int clara_profile_merge(clara_profile *into, const clara_profile *other,
                        char **out_message);

/* Checks that `profile` (read from `path`, for messages) was collected from
 * the module whose id is `module_id` (clara_module_id()); a profile of
 * another version of the code is rejected with a message naming both ids. */
int clara_profile_check_module(const clara_profile *profile,
                               const char *module_id, const char *path,
                               char **out_message);

/* The count of block (function, index), or 0 when absent. */
uint64_t clara_profile_block_count(const clara_profile *profile,
                                   const char *function, uint32_t index);

#ifdef __cplusplus
}
#endif

#endif
