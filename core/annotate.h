/*===- core/annotate.h - clara-annotate: what every instruction is --------===*
 *
 * Classifies every instruction of an NF's own per-packet code (the paper's
 * §3.1 annotation step): compute, stack/state/packet memory, stateless
 * framework calls, state-container calls, the NF's own subroutines and
 * external calls. Finds the per-packet entry points and the NF's state
 * objects (globals and element fields) with their sizes, following the
 * Contracts in DESIGN.md. Pointer origins are traced through -O0 alloca
 * spills by a flow-insensitive fixpoint over the NF's functions.
 *
 *===----------------------------------------------------------------------===*/
#ifndef CLARA_CORE_ANNOTATE_H
#define CLARA_CORE_ANNOTATE_H

#include <llvm-c/Core.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What an instruction of the NF's own code is. */
typedef enum {
  CLARA_KIND_NONE = 0,      /* not classified: debug/lifetime markers */
  CLARA_KIND_COMPUTE,       /* neither memory access nor call */
  CLARA_KIND_MEM_STACK,     /* access to function-local memory */
  CLARA_KIND_MEM_STATE,     /* access to memory that outlives the packet */
  CLARA_KIND_MEM_PACKET,    /* access to packet data or metadata */
  CLARA_KIND_API_HEADER,    /* stateless framework call (Packet::ip_header) */
  CLARA_KIND_API_STATE,     /* state container call (HashTable::find) */
  CLARA_KIND_CALL_INTERNAL, /* the NF's own subroutine (analysed inline) */
  CLARA_KIND_CALL_EXTERNAL, /* libc, unresolved or dropped framework calls */
  CLARA_NUM_KINDS
} clara_kind;

/* The metadata spelling of a kind: "compute", "mem.state", ... */
const char *clara_kind_name(clara_kind kind);

/* Whether a kind is a memory access (stack, state or packet). */
int clara_kind_is_memory(clara_kind kind);

/* The remark argument spelling of a kind: "Compute", "MemState", ... */
const char *clara_kind_remark_name(clara_kind kind);

/* How a state object stores its data. */
typedef enum {
  CLARA_CONTAINER_NONE = 0,
  CLARA_CONTAINER_HASHTABLE,
  CLARA_CONTAINER_VECTOR,
  CLARA_CONTAINER_ARRAY
} clara_container;

/* "none", "hashtable", "vector" or "array". */
const char *clara_container_name(clara_container container);

/* A state object: a global the NF's code touches, or a top-level field of an
 * element class. Counts are static (instructions, not executions). */
typedef struct {
  const char *name; /* "Class::field" (debug info), "Class.N", or global */
  uint64_t bytes;   /* DataLayout size (containers are stored inline) */
  clara_container container;
  int shared;             /* written from code of two or more entry points */
  LLVMValueRef global;    /* the global, or NULL for a field */
  LLVMTypeRef class_type; /* the element's struct type, or NULL */
  unsigned field_index;   /* index in class_type */
  unsigned loads, stores, atomics, api_calls;
} clara_state_object;

/* Services of the host (the pass shim) that the LLVM-C API lacks. */
typedef struct {
  void *context;
  /* Returns the demangled form of `mangled` (malloc'd), or NULL if it does
   * not demangle. Required. */
  char *(*demangle)(void *context, const char *mangled);
  /* Returns the source name of field `field_index` of the struct type named
   * `struct_name` (e.g. "class.IPRewriter"), which starts at byte_offset,
   * from debug info (malloc'd), or NULL. Optional. */
  char *(*field_name)(void *context, const char *struct_name,
                      unsigned field_index, uint64_t byte_offset);
  /* Returns 1 if debug info describes the struct type named `struct_name`
   * (then a field without a source name is compiler padding). Optional. */
  int (*has_debug_info)(void *context, const char *struct_name);
} clara_host;

typedef struct clara_annotation clara_annotation;

/* Analyses module `module`. Fails with a message when the module has no
 * Click entry point. On success the caller owns *out and frees it with
 * clara_annotation_dispose(). The module must outlive the annotation. */
int clara_annotate_module(LLVMModuleRef module, const clara_host *host,
                          clara_annotation **out, char **out_message);

/* Frees an annotation. NULL is fine. */
void clara_annotation_dispose(clara_annotation *annotation);

/* The per-packet entry points, in module order. */
size_t clara_annotation_num_entry_points(const clara_annotation *annotation);
LLVMValueRef clara_annotation_entry_point(const clara_annotation *annotation,
                                          size_t index);

/* The NF's own functions (entry points and what they reach, framework
 * excluded), in module order. */
size_t clara_annotation_num_functions(const clara_annotation *annotation);
LLVMValueRef clara_annotation_function(const clara_annotation *annotation,
                                       size_t index);

/* The instruction counts per kind of NF function `index`
 * (CLARA_NUM_KINDS entries, indexed by clara_kind). */
const unsigned *clara_annotation_mix(const clara_annotation *annotation,
                                     size_t index);

/* The demangled name of a function of the module (owned by the annotation;
 * the mangled name when it does not demangle). */
const char *clara_annotation_demangled(const clara_annotation *annotation,
                                       LLVMValueRef function);

/* 1 if `function` is part of the NF's own per-packet code. */
int clara_annotation_is_nf_function(const clara_annotation *annotation,
                                    LLVMValueRef function);

/* The state objects: element fields (classes in entry-point order, fields in
 * index order), then globals in module order. */
size_t clara_annotation_num_state_objects(const clara_annotation *annotation);
const clara_state_object *
clara_annotation_state_object(const clara_annotation *annotation, size_t index);

/* The kind of an instruction of the NF's own code (CLARA_KIND_NONE for
 * anything else). */
clara_kind clara_annotation_kind(const clara_annotation *annotation,
                                 LLVMValueRef instruction);

/* The state object an instruction accesses (mem.state, api.state), or -1
 * when none is known. */
int clara_annotation_object(const clara_annotation *annotation,
                            LLVMValueRef instruction);

/* Every state object the instruction may access (a pointer that may point
 * into several, e.g. `tcp ? &_tcp_map : &_udp_map`); writes at most
 * max_objects and returns how many it wrote. clara_annotation_object() is
 * the first of them. */
size_t clara_annotation_objects(const clara_annotation *annotation,
                                LLVMValueRef instruction, int *objects,
                                size_t max_objects);

/* 1 if the instruction writes the memory it accesses: a store, an
 * atomic, a memcpy/memset into state, or a mutating container call
 * (insert, erase, HashTable::operator[], ...). */
int clara_annotation_writes(const clara_annotation *annotation,
                            LLVMValueRef instruction);

/* 1 if the instruction is an atomicrmw or cmpxchg. */
int clara_annotation_is_atomic(const clara_annotation *annotation,
                               LLVMValueRef instruction);

/* The NF functions a call instruction may reach (a direct callee, or the
 * targets of a resolved virtual call); writes at most max_targets and
 * returns how many there are in all. 0 for calls out of the NF's code. */
size_t clara_annotation_call_targets(const clara_annotation *annotation,
                                     LLVMValueRef call, LLVMValueRef *targets,
                                     size_t max_targets);

#ifdef __cplusplus
}
#endif

#endif
