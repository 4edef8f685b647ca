/*===- core/nic.h - NIC profiles: reader, writer, lookup ------------------===*
 *
 * A NIC profile (`clara-nic: 1`, YAML, one file per NIC in models/nic/)
 * describes one SmartNIC as the passes need it: cores and clock for
 * scale-out, memory levels with capacities and per-access cycle costs for
 * state placement and packing, accelerators with what to tell the developer,
 * and the LLVM backend that stands in for the NIC's compiler in instruction
 * prediction. The format is documented field by field in
 * models/nic/README.md.
 *
 * This is the one reader and writer of the format. Loading validates
 * everything the README promises; a bad profile gives one message of the form
 * `FILE:LINE: problem`.
 *
 *===----------------------------------------------------------------------===*/
#ifndef CLARA_CORE_NIC_H
#define CLARA_CORE_NIC_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The profile used when -clara-nic is not given. */
#define CLARA_DEFAULT_NIC "agilio-cx"

/* The format version this reader understands and the writer emits. */
#define CLARA_NIC_FORMAT_VERSION 1

/* Who shares one instance of a memory level: each core has its own, each
 * island (cluster of cores) has one, or the whole chip has one. State shared
 * by all cores may only be placed at chip scope. */
typedef enum {
  CLARA_SCOPE_CORE,
  CLARA_SCOPE_ISLAND,
  CLARA_SCOPE_CHIP
} clara_scope;

/* One memory level. Cycle costs are per access of up to one transaction, at
 * the profile's clock. */
typedef struct {
  char *name;
  clara_scope scope;
  uint64_t capacity_bytes; /* of one instance (per core/island/chip) */
  double read_cycles, write_cycles, atomic_cycles;
  unsigned *transaction_bytes; /* allowed access sizes, strictly increasing */
  size_t num_transaction_sizes;
  uint64_t cache_bytes; /* SRAM cache in front of the level; 0: no cache */
  double cache_read_cycles, cache_write_cycles; /* hits; 0 when no cache */
  double bandwidth_accesses_per_sec;            /* 0: not limited */
} clara_nic_level;

/* One hardware unit that replaces a software algorithm. `kind` is one of
 * crc, lpm, hash, crypto, checksum, flow-cache. */
typedef struct {
  char *kind;
  double cycles_per_use;
  char *suggestion; /* what to tell the developer, e.g. the API to call */
} clara_nic_accelerator;

/* Merges of adjacent memory accesses the backend makes
 * (backend.access_merging; modelled by core/merge.h). */
enum {
  CLARA_NIC_MERGE_CONSTANT_STORES = 1u << 0,      /* "constant-stores" */
  CLARA_NIC_MERGE_MISALIGNED = 1u << 1,           /* "misaligned-stores" */
  CLARA_NIC_MERGE_PAIRS = 1u << 2,                /* "pairs" */
  CLARA_NIC_MERGE_COMBINED_LOADS = 1u << 3,       /* "combined-loads" */
  CLARA_NIC_MERGE_COMBINED_LOADS_SPLIT = 1u << 4, /* "combined-loads-split" */
  CLARA_NIC_MERGE_LOADED_VALUES = 1u << 5         /* "loaded-value-stores" */
};

/* The bit of a backend.access_merging name, or 0 for an unknown name. */
unsigned clara_nic_merge_rule(const char *name);

/* What the backend makes of an access less aligned than its size
 * (backend.misaligned_accesses). */
typedef enum {
  CLARA_NIC_MISALIGNED_NATIVE, /* "native": one access (AArch64) */
  CLARA_NIC_MISALIGNED_SPLIT,  /* "split": size / alignment accesses */
  CLARA_NIC_MISALIGNED_PAIR    /* "pair": two accesses (MIPS lwl/lwr) */
} clara_nic_misaligned;

/* The LLVM backend that stands in for the NIC's compiler: `opt -passes=
 * pipeline` ports the host IR, then `llc -mtriple=triple -mcpu=cpu
 * -mattr=features llc_flags...` compiles it. `features` may be "". */
typedef struct {
  char *triple, *cpu, *features, *pipeline;
  char **llc_flags;
  size_t num_llc_flags;
  unsigned access_merging; /* CLARA_NIC_MERGE_* bits; 0: none */
  clara_nic_misaligned misaligned_accesses;
} clara_nic_backend;

/* A loaded profile. Every pointer in it is owned by the profile and freed by
 * clara_nic_dispose(); never NULL except `path` for a profile read from a
 * buffer without a name, and empty arrays. */
typedef struct {
  char *name, *description;
  char *path; /* where it was loaded from (the buffer's name for buffers) */
  unsigned cores, threads_per_core;
  unsigned islands; /* 0: the chip has no island level */
  double clock_mhz;
  clara_nic_level *levels; /* in profile order, at least one at chip scope */
  size_t num_levels;
  clara_nic_accelerator *accelerators;
  size_t num_accelerators;
  clara_nic_backend backend;
} clara_nic;

/* Reads and validates the profile at `path`. On success stores a new profile
 * in *out_nic, which the caller frees with clara_nic_dispose(); on failure
 * stores NULL and one message "PATH:LINE: problem" in *out_message. */
int clara_nic_load_file(const char *path, clara_nic **out_nic,
                        char **out_message);

/* Like clara_nic_load_file() for `size` bytes of YAML at `data` (no NUL
 * terminator needed). Messages name `name_for_messages` (or "<buffer>" when
 * NULL), which is also copied into the profile's `path`. */
int clara_nic_load_buffer(const char *data, size_t size,
                          const char *name_for_messages, clara_nic **out_nic,
                          char **out_message);

/* Turns a -clara-nic value into a file path: anything containing '/' or
 * ending in ".yaml"/".yml" is a path and is returned as is; any other value is
 * a profile name looked up as NIC_DIR/NAME.yaml. An unknown name fails with a
 * message listing the profiles in `nic_dir`. The caller frees *out_path with
 * clara_dispose_message(). */
int clara_nic_resolve(const char *name_or_path, const char *nic_dir,
                      char **out_path, char **out_message);

/* The level called `name`, or NULL. The pointer lives as long as `nic`. */
const clara_nic_level *clara_nic_find_level(const clara_nic *nic,
                                            const char *name);

/* The accelerator of kind `kind`, or NULL. The pointer lives as long as
 * `nic`. */
const clara_nic_accelerator *clara_nic_find_accelerator(const clara_nic *nic,
                                                        const char *kind);

/* The YAML spelling of a scope ("core", "island", "chip"); a static string. */
const char *clara_nic_scope_name(clara_scope scope);

/* Writes `nic` to `out` as a `clara-nic: 1` document that
 * clara_nic_load_buffer() reads back to an equal profile (comments are not
 * kept). Fails only on write errors. */
int clara_nic_write(const clara_nic *nic, FILE *out, char **out_message);

/* Frees a profile and everything it owns. NULL is fine. */
void clara_nic_dispose(clara_nic *nic);

#ifdef __cplusplus
}
#endif

#endif
