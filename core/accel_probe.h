/*===- core/accel_probe.h - behavioural features: run functions on inputs --===*
 *
 * Static features see how code is written; two CRCs in unlike styles can
 * share few of them. What they share is what they compute: a CRC is affine
 * over GF(2) in its data (crc(a) ^ crc(b) ^ crc(c) == crc(a ^ b ^ c)), a
 * hash or a cipher flips about half of its output bits when one input bit
 * flips, a checksum only a few. clara_accel_probe() JIT-compiles a host
 * module and runs each of its functions on generated inputs to measure
 * that, in a child process, so that nothing the code does reaches the
 * caller:
 *
 *  - the module is compiled once per call by ORC's LLJIT in a forked
 *    child; declarations the process cannot resolve become traps;
 *  - every function runs in its own grandchild with all file descriptors
 *    but a result pipe closed, stdio on /dev/null, a 0.5 s CPU-time limit
 *    and a seccomp filter: read, write, fstat, lseek, clocks and exit pass,
 *    every other system call fails with EPERM (no file, process or network
 *    side effect, no new memory); x86-64 hosts only;
 *  - pointer arguments point into a fixed-address 4 MiB arena whose 8-byte
 *    words are themselves pointers into it, so a struct's pointer fields
 *    can be followed; the data that varies is their low 20 bits;
 *  - integer arguments are 64 while the data varies (phase A) and vary over
 *    16 bits while the arena stays fixed (phase B);
 *  - the function runs on a stack at a fixed address, zeroed before every
 *    run, called from a trampoline at a fixed address with zeroed
 *    callee-saved registers, its malloc/new come from a bump heap at a
 *    fixed address, and the JIT-compiled code and globals are laid out at a
 *    fixed address: what it reads from memory it never wrote, or from a
 *    global's neighbours, and the addresses it computes do not depend on
 *    ASLR.
 *
 * Functions that take no argument and return nothing run first, in module
 * order, as do the module's constructors (table set-up code). Inputs come
 * from a fixed seed: the features are deterministic unless a function's
 * runs take close to the time limit (CPU time: one run may finish where
 * another does not). No feature reads a name.
 *
 *===----------------------------------------------------------------------===*/
#ifndef CLARA_CORE_ACCEL_PROBE_H
#define CLARA_CORE_ACCEL_PROBE_H

#include <llvm-c/Core.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Values per function; a value not measured is NAN. */
#define CLARA_ACCEL_NUM_PROBE 7

/* The short name of probe feature `i` ("probe.dep", ...). */
const char *clara_accel_probe_feature_name(size_t i);

/* Whether clara_accel_probe() can measure anything on this host: it needs
 * an x86-64 host on which a child process may install a seccomp filter
 * (some containers forbid it). Returns 1 if so; otherwise 0, and
 * *out_message (free with clara_dispose_message) says why. Costs one
 * short-lived child process. */
int clara_accel_probe_available(char **out_message);

/* Measures the probe features of `n` definitions of `m` (a host module),
 * CLARA_ACCEL_NUM_PROBE values per function into out[i *
 * CLARA_ACCEL_NUM_PROBE ...]. A function that is not a supported signature
 * (at most 8 integer or pointer parameters, no byval, an integer, pointer
 * or void result), or a module the JIT cannot compile, gets NAN. Fails
 * only when no child process can be started. */
int clara_accel_probe(LLVMModuleRef m, const LLVMValueRef *functions, size_t n,
                      double *out, char **out_message);

#ifdef __cplusplus
}
#endif

#endif
