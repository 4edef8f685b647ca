/*===- core/framework.h - Recognising Click framework code by name --------===*
 *
 * Clara tells the NF's own code from Click's framework by the demangled class
 * or function name, never by linkage: at -O0 the NF's own in-class methods
 * are linkonce_odr exactly like the framework's inline copies (DESIGN.md,
 * Contracts: "Entry points, framework, state").
 *
 *===----------------------------------------------------------------------===*/
#ifndef CLARA_CORE_FRAMEWORK_H
#define CLARA_CORE_FRAMEWORK_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What a call into the framework stands for on the NIC. */
typedef enum {
  CLARA_FRAMEWORK_NONE = 0, /* not framework code: the NF's own, or libc */
  CLARA_FRAMEWORK_HEADER,   /* stateless packet/port/annotation/address API */
  CLARA_FRAMEWORK_STATE,    /* a state container: HashTable, HashMap, Vector */
  CLARA_FRAMEWORK_DROPPED   /* logging, strings, errors, configuration: a NIC
                               port drops these (counted as call.external) */
} clara_framework_class;

/* Reduces a demangled function name to its qualified name without return
 * type, template arguments, parameters and qualifiers, e.g.
 * "HashTable<IPFlowID, int>::find(IPFlowID const&) const" ->
 * "HashTable::find". Writes at most out_size bytes (always terminated) and
 * returns the length of the full result. */
size_t clara_qualified_name(const char *demangled, char *out, size_t out_size);

/* Classifies a function by its demangled name (as __cxa_demangle or
 * llvm::demangle prints it); a name that does not demangle may be passed
 * as is (C functions such as click_chatter). */
clara_framework_class clara_framework_classify(const char *demangled);

/* The per-packet entry-point method names of the Contracts: simple_action,
 * push, pull, smaction. Returns 1 if `method` (unqualified) is one. */
int clara_is_entry_method(const char *method);

#ifdef __cplusplus
}
#endif

#endif
