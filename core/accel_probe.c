/*===- core/accel_probe.c - behavioural features: run functions on inputs --===*
 *
 * See accel_probe.h. Process layout: the caller forks a child that
 * JIT-compiles a copy of the module and forks one grandchild per function;
 * each grandchild writes its results, one record per phase, straight into
 * the caller's pipe.
 *
 *===----------------------------------------------------------------------===*/

#include "accel_probe.h"
#include "error.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <llvm-c/BitReader.h>
#include <llvm-c/BitWriter.h>
#include <llvm-c/Comdat.h>
#include <llvm-c/Error.h>
#include <llvm-c/LLJIT.h>
#include <llvm-c/Orc.h>
#include <llvm-c/OrcEE.h>
#include <llvm-c/Target.h>
#include <malloc.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *const probe_names[CLARA_ACCEL_NUM_PROBE] = {
    "probe.dep",     "probe.affine",     "probe.aval",    "probe.bits",
    "probe.int.dep", "probe.int.affine", "probe.int.aval"};

const char *clara_accel_probe_feature_name(size_t i) {
  return i < CLARA_ACCEL_NUM_PROBE ? probe_names[i] : NULL;
}

enum {
  MAX_PARAMS = 8,
  WINDOW = 1024,  /* bytes of each pointer argument that vary */
  FLIP_SPAN = 64, /* single-bit flips fall in a window's first bytes */
  FLIPS = 8,      /* single-bit flips per phase */
  TRIPLES = 4,    /* affinity checks per phase */
  OUT_BYTES = 8 + MAX_PARAMS * WINDOW,
  TIME_LIMIT_US = 500000 /* CPU time per function, all runs */
};
#define ARENA_BASE ((uintptr_t)0x100000000000ull)
#define ARENA_SIZE ((size_t)4 << 20)
/* The probed code's heap (heap_malloc below): */
#define HEAP_BASE ((uintptr_t)0x200000000000ull)
#define HEAP_SIZE ((size_t)64 << 20)
#define HEAP_HEADER 16 /* a block's size, kept in front of it */
/* The probed code's stack (call_on_stack below): its top STACK_CLEAR bytes
 * are zeroed before every run, and it starts STACK_HEADROOM below its end,
 * so that code reading past its own frame (an out-of-bounds local) reads
 * zeros, as it read the caller's frames on the process stack. */
#define STACK_BASE ((uintptr_t)0x300000000000ull)
#define STACK_SIZE ((size_t)8 << 20)
#define STACK_CLEAR ((size_t)1 << 20)
#define STACK_HEADROOM ((size_t)256 << 10)
/* The stack's lowest bytes: the caller's registers during a run. */
#define STACK_SAVE ((uint64_t *)STACK_BASE)
/* The copy of clara_accel_probe_call_on_stack the runs are called from. */
#define TRAMPOLINE_BASE ((uintptr_t)0x300001000000ull)
#define TRAMPOLINE_SIZE ((size_t)4096)
/* The JIT-compiled code and data (jit_memory below): code in the first
 * half, data in the second. */
#define JIT_BASE ((uintptr_t)0x300002000000ull)
#define JIT_SIZE ((size_t)64 << 20)
#define POINTER_SPAN                                                           \
  0xFFFF8u /* pointer-like words: ARENA_BASE + (r & this)                      \
            */

/* One result record: a phase's four values for one function. */
typedef struct {
  uint32_t index, phase;
  double values[4];
} record;

static uint64_t next_random(uint64_t *state) { /* splitmix64 */
  uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static uint64_t pointer_word(uint64_t *state) {
  return ARENA_BASE + (next_random(state) & POINTER_SPAN);
}

/* --- What a function looks like ------------------------------------------ */

typedef struct {
  unsigned num_params;
  int is_pointer[MAX_PARAMS];
  unsigned width[MAX_PARAMS]; /* integer bits; 64 for pointers */
  unsigned ret_width;         /* 0 = void */
  int ret_pointer;
} signature;

static int has_attr(LLVMValueRef fn, unsigned idx, const char *name) {
  unsigned kind = LLVMGetEnumAttributeKindForName(name, strlen(name));
  return kind && LLVMGetEnumAttributeAtIndex(fn, idx, kind) != NULL;
}

/* Fills *sig; 0 when `fn` cannot be called with integer registers. */
static int supported(LLVMValueRef fn, signature *sig) {
  LLVMTypeRef type = LLVMGlobalGetValueType(fn);
  if (LLVMIsFunctionVarArg(type))
    return 0;
  unsigned n = LLVMCountParamTypes(type);
  if (n > MAX_PARAMS)
    return 0;
  LLVMTypeRef params[MAX_PARAMS];
  LLVMGetParamTypes(type, params);
  memset(sig, 0, sizeof *sig);
  sig->num_params = n;
  for (unsigned i = 0; i < n; ++i) {
    LLVMTypeKind k = LLVMGetTypeKind(params[i]);
    if (k == LLVMPointerTypeKind) {
      if (has_attr(fn, i + 1, "byval") || has_attr(fn, i + 1, "inalloca") ||
          has_attr(fn, i + 1, "preallocated"))
        return 0;
      sig->is_pointer[i] = 1;
      sig->width[i] = 64;
    } else if (k == LLVMIntegerTypeKind &&
               LLVMGetIntTypeWidth(params[i]) <= 64) {
      sig->width[i] = LLVMGetIntTypeWidth(params[i]);
    } else {
      return 0;
    }
  }
  LLVMTypeRef ret = LLVMGetReturnType(type);
  LLVMTypeKind rk = LLVMGetTypeKind(ret);
  if (rk == LLVMVoidTypeKind)
    sig->ret_width = 0;
  else if (rk == LLVMPointerTypeKind)
    sig->ret_width = 64, sig->ret_pointer = 1;
  else if (rk == LLVMIntegerTypeKind && LLVMGetIntTypeWidth(ret) <= 64)
    sig->ret_width = LLVMGetIntTypeWidth(ret);
  else
    return 0;
  return 1;
}

/* --- One function's runs (in the grandchild) ---------------------------- */

typedef uint64_t (*callee8)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t,
                            uint64_t, uint64_t, uint64_t);

/* Calls fn(args[0], ..., args[7]) with the stack pointer at `top` (16-byte
 * aligned) and returns its result; `save` (7 words) keeps the caller's stack
 * pointer and callee-saved registers meanwhile, which start at zero for fn.
 * The probed code runs on a stack at a fixed address, zeroed before each
 * run, instead of the process's, and is called from a copy of this function
 * at a fixed address (TRAMPOLINE_BASE): what a function reads from slots it
 * never wrote (an uninitialised or out-of-bounds local) would otherwise be
 * what earlier frames left there, return addresses, saved registers and
 * pointers that ASLR moves from run to run, and its features would change
 * with them. Position-independent, so the copy runs as the original. */
uint64_t clara_accel_probe_call_on_stack(callee8 fn, const uint64_t *args,
                                         void *top, uint64_t *save);
extern const char clara_accel_probe_call_on_stack_end[];
#ifdef __x86_64__
__asm__(".text\n"
        ".p2align 4\n"
        ".globl clara_accel_probe_call_on_stack\n"
        ".hidden clara_accel_probe_call_on_stack\n"
        ".type clara_accel_probe_call_on_stack, @function\n"
        "clara_accel_probe_call_on_stack:\n"
        "  movq %rsp, 0(%rcx)\n"
        "  movq %rbx, 8(%rcx)\n"
        "  movq %rbp, 16(%rcx)\n"
        "  movq %r12, 24(%rcx)\n"
        "  movq %r13, 32(%rcx)\n"
        "  movq %r14, 40(%rcx)\n"
        "  movq %r15, 48(%rcx)\n"
        "  movq %rcx, %rbx\n" /* save: a fixed address, kept by fn */
        "  movq %rdi, %rax\n"
        "  movq %rsi, %r10\n"
        "  movq %rdx, %rsp\n"
        "  xorl %ebp, %ebp\n"
        "  xorl %r12d, %r12d\n"
        "  xorl %r13d, %r13d\n"
        "  xorl %r14d, %r14d\n"
        "  xorl %r15d, %r15d\n"
        "  pushq 56(%r10)\n" /* args 7 and 8 on the stack; rsp stays */
        "  pushq 48(%r10)\n" /* 16-byte aligned at the call */
        "  movq (%r10), %rdi\n"
        "  movq 8(%r10), %rsi\n"
        "  movq 16(%r10), %rdx\n"
        "  movq 24(%r10), %rcx\n"
        "  movq 32(%r10), %r8\n"
        "  movq 40(%r10), %r9\n"
        "  xorl %r10d, %r10d\n"
        "  callq *%rax\n"
        "  movq %rbx, %rcx\n"
        "  movq 0(%rcx), %rsp\n"
        "  movq 8(%rcx), %rbx\n"
        "  movq 16(%rcx), %rbp\n"
        "  movq 24(%rcx), %r12\n"
        "  movq 32(%rcx), %r13\n"
        "  movq 40(%rcx), %r14\n"
        "  movq 48(%rcx), %r15\n"
        "  retq\n"
        ".globl clara_accel_probe_call_on_stack_end\n"
        ".hidden clara_accel_probe_call_on_stack_end\n"
        "clara_accel_probe_call_on_stack_end:\n"
        ".size clara_accel_probe_call_on_stack, "
        ".-clara_accel_probe_call_on_stack\n");
#else
uint64_t clara_accel_probe_call_on_stack(callee8 fn, const uint64_t *args,
                                         void *top, uint64_t *save) {
  (void)top; /* probing runs on x86-64 hosts only */
  (void)save;
  return fn(args[0], args[1], args[2], args[3], args[4], args[5], args[6],
            args[7]);
}
const char clara_accel_probe_call_on_stack_end[1];
#endif
typedef uint64_t (*trampoline)(callee8, const uint64_t *, void *, uint64_t *);

typedef struct {
  callee8 fn;
  const signature *sig;
  uint8_t *arena;          /* at ARENA_BASE */
  const uint8_t *pristine; /* the arena before each run */
  unsigned num_windows;
  uint8_t *window[MAX_PARAMS]; /* in the arena, one per pointer argument */
  size_t out_bytes;
  uint64_t heap_top; /* the heap's top before each run */
} runner;

/* Input of one run: the windows' contents and the integer arguments. */
typedef struct {
  uint8_t data[MAX_PARAMS][WINDOW];
  uint64_t ints[MAX_PARAMS];
} input;

static uint64_t mask_of(unsigned width) {
  return width >= 64 ? ~0ull : (1ull << width) - 1;
}

static void run(const runner *r, const input *in, uint8_t *out) {
  memcpy(r->arena, r->pristine, ARENA_SIZE);
  *(uint64_t *)HEAP_BASE = r->heap_top; /* same allocations every run */
  uint64_t args[MAX_PARAMS] = {0};
  unsigned w = 0;
  for (unsigned i = 0; i < r->sig->num_params; ++i) {
    if (r->sig->is_pointer[i]) {
      memcpy(r->window[w], in->data[w], WINDOW);
      args[i] = (uint64_t)(uintptr_t)r->window[w];
      ++w;
    } else {
      args[i] = in->ints[i] & mask_of(r->sig->width[i]);
    }
  }
  memset((void *)(STACK_BASE + STACK_SIZE - STACK_CLEAR), 0, STACK_CLEAR);
  uint64_t ret = ((trampoline)TRAMPOLINE_BASE)(
      r->fn, args, (void *)(STACK_BASE + STACK_SIZE - STACK_HEADROOM),
      STACK_SAVE);
  if (r->sig->ret_pointer)
    ret = (ret >= ARENA_BASE && ret < ARENA_BASE + ARENA_SIZE)
              ? ret - ARENA_BASE
              : (ret != 0);
  else
    ret &= mask_of(r->sig->ret_width);
  memcpy(out, &ret, 8);
  for (unsigned k = 0; k < r->num_windows; ++k)
    for (size_t b = 0; b < WINDOW; ++b)
      out[8 + k * WINDOW + b] = r->window[k][b] ^ in->data[k][b];
}

static size_t popcount_xor(const uint8_t *a, const uint8_t *b, size_t n) {
  size_t c = 0;
  for (size_t i = 0; i < n; ++i)
    c += (size_t)__builtin_popcount((unsigned)(a[i] ^ b[i]));
  return c;
}

static void random_input(const runner *r, uint64_t *seed, input *in,
                         int vary_data, const input *fixed) {
  *in = *fixed;
  if (vary_data) {
    for (unsigned k = 0; k < r->num_windows; ++k)
      for (size_t b = 0; b < WINDOW; b += 8) {
        uint64_t word = pointer_word(seed);
        memcpy(&in->data[k][b], &word, 8);
      }
  } else {
    for (unsigned i = 0; i < r->sig->num_params; ++i)
      if (!r->sig->is_pointer[i] && r->sig->width[i] >= 8)
        in->ints[i] =
            next_random(seed) &
            mask_of(r->sig->width[i] < 17 ? r->sig->width[i] - 1 : 16);
  }
}

/* Flips one varying bit of `in`: a pointer-like word's low bits (data) or
 * an integer argument's low bits. */
static void flip_bit(const runner *r, uint64_t *seed, input *in,
                     int vary_data) {
  uint64_t x = next_random(seed);
  if (vary_data) {
    unsigned k = (unsigned)(x % r->num_windows);
    unsigned word = (unsigned)((x >> 8) % (FLIP_SPAN / 8));
    unsigned bit = 3 + (unsigned)((x >> 16) % 17); /* bits 3..19 */
    uint64_t v;
    memcpy(&v, &in->data[k][word * 8], 8);
    v ^= 1ull << bit;
    memcpy(&in->data[k][word * 8], &v, 8);
  } else {
    unsigned candidates[MAX_PARAMS], n = 0;
    for (unsigned i = 0; i < r->sig->num_params; ++i)
      if (!r->sig->is_pointer[i] && r->sig->width[i] >= 8)
        candidates[n++] = i;
    unsigned i = candidates[x % n];
    unsigned span = r->sig->width[i] < 17 ? r->sig->width[i] - 1 : 16;
    in->ints[i] ^= 1ull << ((x >> 8) % span);
  }
}

/* A grandchild's inputs and outputs, allocated before it is confined (it
 * cannot map memory afterwards). */
typedef struct {
  input fixed, base, x, a, b, c, d;
  uint8_t o0[OUT_BYTES], o1[OUT_BYTES], oa[OUT_BYTES], ob[OUT_BYTES],
      oc[OUT_BYTES], od[OUT_BYTES], active[OUT_BYTES];
} scratch;

/* One phase: returns dep, affine, aval, bits in v[0..3] (NAN when the
 * output never varies, for affine and aval). */
static void phase(const runner *r, uint64_t seed, int vary_data, scratch *s,
                  double v[4]) {
  input *base = &s->base, *x = &s->x, *a = &s->a, *b = &s->b, *c = &s->c,
        *d = &s->d;
  const input *fixed = &s->fixed;
  uint8_t *o0 = s->o0, *o1 = s->o1, *oa = s->oa, *ob = s->ob, *oc = s->oc,
          *od = s->od, *active = s->active;
  size_t n = r->out_bytes;
  memset(active, 0, n);
  random_input(r, &seed, base, vary_data, fixed);
  run(r, base, o0);
  unsigned changed = 0;
  double flipped = 0;
  for (int f = 0; f < FLIPS; ++f) {
    *x = *base;
    flip_bit(r, &seed, x, vary_data);
    run(r, x, o1);
    size_t bits = popcount_xor(o0, o1, n);
    changed += bits != 0;
    flipped += (double)bits;
    for (size_t i = 0; i < n; ++i)
      active[i] |= o0[i] ^ o1[i];
  }
  unsigned affine = 0;
  for (int t = 0; t < TRIPLES; ++t) {
    random_input(r, &seed, a, vary_data, fixed);
    random_input(r, &seed, b, vary_data, fixed);
    random_input(r, &seed, c, vary_data, fixed);
    *d = *a;
    for (unsigned k = 0; k < MAX_PARAMS; ++k) {
      for (size_t i = 0; i < WINDOW; ++i)
        d->data[k][i] = a->data[k][i] ^ b->data[k][i] ^ c->data[k][i];
      d->ints[k] = a->ints[k] ^ b->ints[k] ^ c->ints[k];
    }
    run(r, a, oa);
    run(r, b, ob);
    run(r, c, oc);
    run(r, d, od);
    int same = 1;
    for (size_t i = 0; i < n; ++i) {
      same &= (oa[i] ^ ob[i] ^ oc[i]) == od[i];
      active[i] |=
          (oa[i] ^ o0[i]) | (ob[i] ^ o0[i]) | (oc[i] ^ o0[i]) | (od[i] ^ o0[i]);
    }
    affine += same;
  }
  size_t num_active = 0;
  for (size_t i = 0; i < n; ++i)
    num_active += (size_t)__builtin_popcount(active[i]);
  v[0] = changed / (double)FLIPS;
  v[1] = num_active ? affine / (double)TRIPLES : NAN;
  v[2] = num_active ? flipped / FLIPS / (double)num_active : NAN;
  v[3] = log2(1.0 + (double)num_active);
}

/* From here on: stdio on /dev/null, no other file descriptor but the result
 * pipe (3), a time limit, and a seccomp filter that lets read, write, fstat,
 * clocks and exit through and fails every other system call with EPERM (no
 * file, process or network side effect; no new memory). */
#define ALLOW(nr)                                                              \
  BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 1),                             \
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)
static int confine(int result_fd) {
  int null = open("/dev/null", O_RDWR);
  if (null < 0 || dup2(null, 0) < 0 || dup2(null, 1) < 0 || dup2(null, 2) < 0 ||
      dup2(result_fd, 3) < 0)
    return -1;
  if (syscall(SYS_close_range, 4u, ~0u, 0u) != 0)
    return -1;
  /* CPU time, not wall-clock time: whether a slow function finishes must not
   * depend on how busy the machine is (the features would change with the
   * load; a confined function cannot block, so CPU time always runs out). */
  struct itimerval limit = {{0, 0}, {0, TIME_LIMIT_US}};
  if (setitimer(ITIMER_PROF, &limit, NULL) != 0)
    return -1;
  struct sock_filter filter[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
      ALLOW(__NR_read),
      ALLOW(__NR_write),
      ALLOW(__NR_fstat),
      ALLOW(__NR_newfstatat),
      ALLOW(__NR_lseek),
      ALLOW(__NR_clock_gettime),
      ALLOW(__NR_gettimeofday),
      ALLOW(__NR_rt_sigreturn),
      ALLOW(__NR_exit),
      ALLOW(__NR_exit_group),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
  };
  struct sock_fprog program = {sizeof filter / sizeof *filter, filter};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
    return -1;
  return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program, 0, 0);
}
#undef ALLOW

static void leave(int status) { _exit(status); }

static void probe_function(uint32_t index, callee8 fn, const signature *sig,
                           uint8_t *arena, const uint8_t *pristine,
                           int result_fd) {
  runner r = {fn, sig, arena, pristine, 0, {0}, 0, *(uint64_t *)HEAP_BASE};
  for (unsigned i = 0; i < sig->num_params; ++i)
    if (sig->is_pointer[i]) {
      r.window[r.num_windows] = arena + 0x10000 * (r.num_windows + 1);
      ++r.num_windows;
    }
  r.out_bytes = 8 + r.num_windows * (size_t)WINDOW;
  scratch *s = calloc(1, sizeof *s);
  if (!s)
    leave(1);
  for (unsigned k = 0; k < r.num_windows; ++k)
    memcpy(s->fixed.data[k], pristine + (r.window[k] - arena), WINDOW);
  for (unsigned i = 0; i < sig->num_params; ++i)
    s->fixed.ints[i] = sig->width[i] == 1 ? 1 : 64;
  int ints = 0;
  for (unsigned i = 0; i < sig->num_params; ++i)
    ints += !sig->is_pointer[i] && sig->width[i] >= 8;
  if (confine(result_fd) != 0)
    leave(1);
  record rec = {index, 0, {0}};
  if (r.num_windows) {
    phase(&r, 0xC1A4A0 + index, 1, s, rec.values);
    if (write(3, &rec, sizeof rec) != (ssize_t)sizeof rec)
      leave(1);
  }
  if (ints) {
    rec.phase = 1;
    phase(&r, 0xC1A4A1 + index, 0, s, rec.values);
    if (write(3, &rec, sizeof rec) != (ssize_t)sizeof rec)
      leave(1);
  }
  rec.phase = 2; /* completed */
  if (write(3, &rec, sizeof rec) != (ssize_t)sizeof rec)
    leave(1);
  leave(0);
}

/* Runs `fn` in a confined grandchild: argument-less set-up code (the result
 * is whether it completed). */
static int trial_void(void (*fn)(void)) {
  pid_t pid = fork();
  if (pid < 0)
    return 0;
  if (pid == 0) {
    int fds[2];
    if (pipe(fds) != 0 || confine(fds[1]) != 0)
      leave(1);
    fn();
    leave(0);
  }
  int status;
  pid_t waited;
  while ((waited = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
    ;
  return waited == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* --- A heap at a fixed address for the probed code ---------------------- *
 * The probed code's malloc, calloc, realloc, new and their frees come here
 * instead of the C library's, whose addresses change from run to run
 * (ASLR, the host's heap state): a function that stores a pointer it
 * allocated would otherwise have different features on every run. A bump
 * allocator whose top is kept in the region itself (no global state); free
 * is a no-op; every run of a probed function starts from the top the
 * set-up code left (run()), so it gets the same addresses each time. */

static void *heap_malloc(size_t n) {
  uint64_t *top = (uint64_t *)HEAP_BASE;
  size_t need = ((n + 15) & ~(size_t)15) + HEAP_HEADER;
  if (n > HEAP_SIZE || *top + need > HEAP_BASE + HEAP_SIZE)
    return NULL;
  uint8_t *block = (uint8_t *)(uintptr_t)*top;
  *top += need;
  memcpy(block, &n, sizeof n);
  return block + HEAP_HEADER;
}

static void *heap_calloc(size_t count, size_t size) {
  if (size && count > HEAP_SIZE / size)
    return NULL;
  void *p = heap_malloc(count * size);
  if (p)
    memset(p, 0, count * size);
  return p;
}

static void *heap_realloc(void *old, size_t n) {
  void *p = heap_malloc(n);
  if (p && old) {
    size_t had;
    memcpy(&had, (uint8_t *)old - HEAP_HEADER, sizeof had);
    memcpy(p, old, had < n ? had : n);
  }
  return p;
}

static void heap_free(void *p) { (void)p; }

/* Maps the heap (before any code runs); 0 on success. */
static int heap_map(void) {
  void *h = mmap(
      (void *)HEAP_BASE, HEAP_SIZE, PROT_READ | PROT_WRITE,
      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE | MAP_NORESERVE, -1, 0);
  if (h != (void *)HEAP_BASE)
    return -1;
  *(uint64_t *)HEAP_BASE = HEAP_BASE + 64;
  return 0;
}

/* The allocation functions a module may declare, and their replacements. */
static const struct {
  const char *name;
  void *replacement;
} HeapFunctions[] = {
    {"malloc", (void *)heap_malloc},   {"calloc", (void *)heap_calloc},
    {"realloc", (void *)heap_realloc}, {"free", (void *)heap_free},
    {"_Znwm", (void *)heap_malloc},    {"_Znam", (void *)heap_malloc},
    {"_ZdlPv", (void *)heap_free},     {"_ZdaPv", (void *)heap_free},
    {"_ZdlPvm", (void *)heap_free},    {"_ZdaPvm", (void *)heap_free},
};

/* The replacement of declaration `name`, or NULL. */
static void *heap_replacement(const char *name, size_t len) {
  for (size_t i = 0; i < sizeof HeapFunctions / sizeof *HeapFunctions; ++i)
    if (strlen(HeapFunctions[i].name) == len &&
        !memcmp(HeapFunctions[i].name, name, len))
      return HeapFunctions[i].replacement;
  return NULL;
}

/* --- JIT memory at a fixed address -------------------------------------- *
 * ORC's default linker takes its memory wherever mmap puts it, which ASLR
 * moves: code that hashes the address of a global, stores one, or reads
 * past a global array into its neighbours would get different features on
 * every run. The module's sections are instead laid out by a bump
 * allocator in a region at a fixed address, in the order the linker asks
 * for them, which is the same on every run. Its state lives in a struct of
 * the child's stack frame (the callbacks' context). */

typedef struct {
  uintptr_t code_top, data_top;
} jit_memory;

static uint8_t *jit_bump(uintptr_t *top, uintptr_t limit, uintptr_t size,
                         unsigned alignment) {
  uintptr_t align = alignment ? alignment : 16;
  uintptr_t start = (*top + align - 1) & ~(align - 1);
  if (start > limit || size > limit - start)
    return NULL;
  *top = start + size;
  return (uint8_t *)start;
}

static uint8_t *jit_code(void *ctx, uintptr_t size, unsigned alignment,
                         unsigned section, const char *name) {
  (void)section, (void)name;
  jit_memory *m = ctx;
  return jit_bump(&m->code_top, JIT_BASE + JIT_SIZE / 2, size, alignment);
}

static uint8_t *jit_data(void *ctx, uintptr_t size, unsigned alignment,
                         unsigned section, const char *name,
                         LLVMBool read_only) {
  (void)section, (void)name, (void)read_only;
  jit_memory *m = ctx;
  return jit_bump(&m->data_top, JIT_BASE + JIT_SIZE, size, alignment);
}

/* Makes the code written so far executable; later code starts on a fresh
 * page. */
static LLVMBool jit_finalize(void *ctx, char **error) {
  jit_memory *m = ctx;
  uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
  uintptr_t end = (m->code_top + page - 1) & ~(page - 1);
  if (end > JIT_BASE &&
      mprotect((void *)JIT_BASE, end - JIT_BASE, PROT_READ | PROT_EXEC) != 0) {
    *error = strdup("cannot make JIT code executable");
    return 1;
  }
  m->code_top = end;
  return 0;
}

static void *jit_context(void *ctx) { return ctx; }
static void jit_ignore(void *ctx) { (void)ctx; }

static LLVMOrcObjectLayerRef jit_layer(void *ctx, LLVMOrcExecutionSessionRef es,
                                       const char *triple) {
  (void)triple;
  return LLVMOrcCreateRTDyldObjectLinkingLayerWithMCJITMemoryManagerLikeCallbacks(
      es, ctx, jit_context, jit_ignore, jit_code, jit_data, jit_finalize,
      jit_ignore);
}

/* --- The child: JIT the module, run set-up code, probe each function ---- */

/* Allocation functions are called at the fixed-address heap; other
 * declarations the process cannot resolve trap; external globals it cannot
 * resolve become zero; definitions become external so that lookups find
 * them. */
static void prepare(LLVMModuleRef m) {
  LLVMValueRef trap = NULL;
  LLVMTypeRef i64 = LLVMInt64TypeInContext(LLVMGetModuleContext(m));
  for (LLVMValueRef f = LLVMGetFirstFunction(m); f;
       f = LLVMGetNextFunction(f)) {
    size_t len;
    const char *name = LLVMGetValueName2(f, &len);
    if (!LLVMIsDeclaration(f)) {
      LLVMSetLinkage(f, LLVMExternalLinkage);
      LLVMSetVisibility(f, LLVMDefaultVisibility);
      LLVMSetComdat(f, NULL);
      continue;
    }
    void *heap = heap_replacement(name, len);
    if (heap) {
      LLVMReplaceAllUsesWith(
          f, LLVMConstIntToPtr(LLVMConstInt(i64, (uintptr_t)heap, 0),
                               LLVMTypeOf(f)));
      continue;
    }
    if (LLVMGetIntrinsicID(f) != 0 || (len && dlsym(RTLD_DEFAULT, name)))
      continue;
    if (!trap) {
      unsigned id = LLVMLookupIntrinsicID("llvm.trap", 9);
      trap = LLVMGetIntrinsicDeclaration(m, id, NULL, 0);
    }
    LLVMContextRef ctx = LLVMGetModuleContext(m);
    LLVMBasicBlockRef bb = LLVMAppendBasicBlockInContext(ctx, f, "trap");
    LLVMBuilderRef b = LLVMCreateBuilderInContext(ctx);
    LLVMPositionBuilderAtEnd(b, bb);
    LLVMBuildCall2(b, LLVMGlobalGetValueType(trap), trap, NULL, 0, "");
    LLVMBuildUnreachable(b);
    LLVMDisposeBuilder(b);
    LLVMSetLinkage(f, LLVMInternalLinkage);
  }
  for (LLVMValueRef g = LLVMGetFirstGlobal(m); g; g = LLVMGetNextGlobal(g)) {
    if (!LLVMIsDeclaration(g))
      continue;
    size_t len;
    const char *name = LLVMGetValueName2(g, &len);
    LLVMTypeRef t = LLVMGlobalGetValueType(g);
    if ((len && dlsym(RTLD_DEFAULT, name)) || !LLVMTypeIsSized(t))
      continue;
    LLVMSetInitializer(g, LLVMConstNull(t));
    LLVMSetLinkage(g, LLVMInternalLinkage);
  }
}

static uint64_t lookup(LLVMOrcLLJITRef jit, const char *name) {
  LLVMOrcExecutorAddress addr = 0;
  LLVMErrorRef err = LLVMOrcLLJITLookup(jit, &addr, name);
  if (err) {
    LLVMConsumeError(err);
    return 0;
  }
  return addr;
}

static void child_main(LLVMModuleRef original, char **names, size_t n,
                       int result_fd) {
  int null = open("/dev/null", O_RDWR);
  if (null < 0 || dup2(null, 0) < 0 || dup2(null, 1) < 0 || dup2(null, 2) < 0)
    _exit(1);
  /* A backstop only (the grandchildren have CPU-time limits): generous, so
   * that a loaded machine does not cut probing short. */
  alarm(120 + 2 * (unsigned)n);
  LLVMMemoryBufferRef bits = LLVMWriteBitcodeToMemoryBuffer(original);
  LLVMOrcThreadSafeContextRef tsc = LLVMOrcCreateNewThreadSafeContext();
  LLVMModuleRef m;
  if (LLVMParseBitcodeInContext2(LLVMOrcThreadSafeContextGetContext(tsc), bits,
                                 &m))
    _exit(1);
  /* Set-up code: the constructors, then every function of type void(). */
  char **setup = calloc(1, sizeof *setup);
  size_t num_setup = 0;
  LLVMValueRef ctors = LLVMGetNamedGlobal(m, "llvm.global_ctors");
  if (ctors && LLVMGetInitializer(ctors)) {
    LLVMValueRef list = LLVMGetInitializer(ctors);
    unsigned count = (unsigned)LLVMGetArrayLength2(LLVMTypeOf(list));
    for (unsigned i = 0; i < count; ++i) {
      LLVMValueRef entry = LLVMGetAggregateElement(list, i);
      LLVMValueRef fn = entry ? LLVMGetAggregateElement(entry, 1) : NULL;
      if (!fn || !LLVMIsAFunction(fn))
        continue;
      setup = realloc(setup, (num_setup + 1) * sizeof *setup);
      setup[num_setup++] = strdup(LLVMGetValueName(fn));
    }
    LLVMDeleteGlobal(ctors);
  }
  for (LLVMValueRef f = LLVMGetFirstFunction(m); f;
       f = LLVMGetNextFunction(f)) {
    LLVMTypeRef t = LLVMGlobalGetValueType(f);
    if (LLVMIsDeclaration(f) || LLVMCountParamTypes(t) != 0 ||
        LLVMGetTypeKind(LLVMGetReturnType(t)) != LLVMVoidTypeKind ||
        !*LLVMGetValueName(f))
      continue;
    setup = realloc(setup, (num_setup + 1) * sizeof *setup);
    setup[num_setup++] = strdup(LLVMGetValueName(f));
  }
  if (heap_map() != 0)
    _exit(1);
  signature *sigs = calloc(n ? n : 1, sizeof *sigs);
  int *ok = calloc(n ? n : 1, sizeof *ok);
  for (size_t i = 0; i < n; ++i) {
    LLVMValueRef f = names[i] ? LLVMGetNamedFunction(m, names[i]) : NULL;
    ok[i] = f && !LLVMIsDeclaration(f) && supported(f, &sigs[i]);
  }
  prepare(m);

  LLVMInitializeNativeTarget();
  LLVMInitializeNativeAsmPrinter();
  void *jit_region = mmap(
      (void *)JIT_BASE, JIT_SIZE, PROT_READ | PROT_WRITE,
      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE | MAP_NORESERVE, -1, 0);
  if (jit_region != (void *)JIT_BASE)
    _exit(1);
  jit_memory jit_mem = {JIT_BASE, JIT_BASE + JIT_SIZE / 2};
  LLVMOrcLLJITBuilderRef builder = LLVMOrcCreateLLJITBuilder();
  LLVMOrcLLJITBuilderSetObjectLinkingLayerCreator(builder, jit_layer, &jit_mem);
  LLVMOrcLLJITRef jit;
  if (LLVMOrcCreateLLJIT(&jit, builder))
    _exit(1);
  LLVMOrcJITDylibRef jd = LLVMOrcLLJITGetMainJITDylib(jit);
  LLVMOrcDefinitionGeneratorRef gen;
  if (LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess(
          &gen, LLVMOrcLLJITGetGlobalPrefix(jit), NULL, NULL))
    _exit(1);
  LLVMOrcJITDylibAddGenerator(jd, gen);
  LLVMOrcThreadSafeModuleRef tsm = LLVMOrcCreateNewThreadSafeModule(m, tsc);
  LLVMOrcDisposeThreadSafeContext(tsc);
  if (LLVMOrcLLJITAddLLVMIRModule(jit, jd, tsm))
    _exit(1);

  /* Memory for the runs, before any set-up code: the confined runs cannot
   * map more (seccomp), so the heap is grown once here. */
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
  void *warm = malloc((size_t)64 << 20);
  if (warm)
    memset(warm, 0, (size_t)64 << 20);
  free(warm);
  uint8_t *arena =
      mmap((void *)ARENA_BASE, ARENA_SIZE, PROT_READ | PROT_WRITE,
           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  uint8_t *pristine = malloc(ARENA_SIZE);
  void *stack = mmap(
      (void *)STACK_BASE, STACK_SIZE, PROT_READ | PROT_WRITE,
      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE | MAP_NORESERVE, -1, 0);
  const char *code = (const char *)(uintptr_t)&clara_accel_probe_call_on_stack;
  size_t code_size = (size_t)(clara_accel_probe_call_on_stack_end - code);
  void *tramp =
      mmap((void *)TRAMPOLINE_BASE, TRAMPOLINE_SIZE, PROT_READ | PROT_WRITE,
           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  if (arena != (uint8_t *)ARENA_BASE || !pristine ||
      stack != (void *)STACK_BASE || tramp != (void *)TRAMPOLINE_BASE ||
      code_size > TRAMPOLINE_SIZE)
    _exit(1);
  memcpy(tramp, code, code_size);
  if (mprotect(tramp, TRAMPOLINE_SIZE, PROT_READ | PROT_EXEC) != 0)
    _exit(1);
  uint64_t seed = 0xC1A4A;
  for (size_t b = 0; b < ARENA_SIZE; b += 8) {
    uint64_t word = pointer_word(&seed);
    memcpy(pristine + b, &word, 8);
  }

  for (size_t s = 0; s < num_setup; ++s) {
    uint64_t addr = lookup(jit, setup[s]);
    void (*fn)(void) = (void (*)(void))(uintptr_t)addr;
    if (fn && trial_void(fn))
      fn();
  }
  for (size_t i = 0; i < n; ++i) {
    if (!ok[i])
      continue;
    uint64_t addr = lookup(jit, names[i]);
    if (!addr)
      continue;
    pid_t pid = fork();
    if (pid < 0)
      break;
    if (pid == 0)
      probe_function((uint32_t)i, (callee8)(uintptr_t)addr, &sigs[i], arena,
                     pristine, result_fd);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
      ;
  }
  _exit(0);
}

#ifdef __x86_64__
static void nothing(void) {}
#endif

int clara_accel_probe_available(char **out_message) {
#ifndef __x86_64__
  clara_error(out_message, "the behavioural probes run on x86-64 hosts only");
  return 0;
#else
  /* The same confinement every probed function gets, around no code. */
  if (!trial_void(nothing)) {
    clara_error(out_message, "a child process cannot be started or confined "
                             "(seccomp filter refused)");
    return 0;
  }
  return 1;
#endif
}

int clara_accel_probe(LLVMModuleRef m, const LLVMValueRef *functions, size_t n,
                      double *out, char **out_message) {
  for (size_t i = 0; i < n * CLARA_ACCEL_NUM_PROBE; ++i)
    out[i] = NAN;
#ifndef __x86_64__
  return CLARA_OK; /* the arena, the calls and the filter are x86-64's */
#endif
  if (n == 0)
    return CLARA_OK;
  char **names = calloc(n, sizeof *names);
  if (!names)
    return clara_error(out_message, "out of memory");
  for (size_t i = 0; i < n; ++i) {
    size_t len;
    const char *name = LLVMGetValueName2(functions[i], &len);
    names[i] = len && !memchr(name, 0, len) ? strdup(name) : NULL;
  }
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    free(names);
    return clara_error(out_message, "cannot create a pipe: %s",
                       strerror(errno));
  }
  fflush(NULL);
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    for (size_t i = 0; i < n; ++i)
      free(names[i]);
    free(names);
    return clara_error(out_message, "cannot start a process: %s",
                       strerror(errno));
  }
  if (pid == 0) {
    close(fds[0]);
    child_main(m, names, n, fds[1]);
  }
  close(fds[1]);
  record rec;
  record *pending = calloc(n, sizeof *pending);
  record *pending_int = calloc(n, sizeof *pending_int);
  unsigned char *have = calloc(n, 1);
  for (;;) {
    ssize_t got = read(fds[0], &rec, sizeof rec);
    if (got < 0 && errno == EINTR)
      continue;
    if (got != (ssize_t)sizeof rec)
      break;
    if (rec.index >= n || !pending || !pending_int || !have)
      continue;
    if (rec.phase == 0) {
      pending[rec.index] = rec;
      have[rec.index] |= 1;
    } else if (rec.phase == 1) {
      pending_int[rec.index] = rec;
      have[rec.index] |= 2;
    } else {
      have[rec.index] |= 4; /* every run completed */
    }
  }
  close(fds[0]);
  int status;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
    ;
  /* Only a function whose runs all completed has results: a crash or a
   * time-out says more about random pointers than about the algorithm. */
  for (size_t i = 0; have && pending && pending_int && i < n; ++i) {
    double *v = &out[i * CLARA_ACCEL_NUM_PROBE];
    if (!(have[i] & 4))
      continue;
    if (have[i] & 1)
      for (int k = 0; k < 4; ++k)
        v[k] = pending[i].values[k];
    if (have[i] & 2)
      for (int k = 0; k < 3; ++k)
        v[4 + k] = pending_int[i].values[k];
  }
  free(pending);
  free(pending_int);
  free(have);
  for (size_t i = 0; i < n; ++i)
    free(names[i]);
  free(names);
  return CLARA_OK;
}
