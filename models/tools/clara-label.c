/*===- models/tools/clara-label.c - Label IR blocks with NIC backend counts =*
 *
 *   clara-label --nic NAME [-o pairs.tsv] [--] <clang++ args...> SOURCE...
 *
 * For each source: the host IR at -O0 (x86-64, optnone disabled, value
 * names kept) is the model's input; every block becomes a sentence of
 * compact words (core/vocab.h). The same IR is retargeted in place to the
 * profile's backend (triple, datalayout, target-cpu/target-features, optnone
 * and frame-pointer removed), every instruction gets a unique debug line (our
 * own debugify: opt's skips linkonce_odr functions, i.e. every in-class
 * method), the profile's porting pipeline runs (`opt -passes=...`), then
 * `llc` with verbose assembly. Each target instruction is attributed to the
 * IR block of its `.loc` line, or, for line-0 code, to the block named by
 * the assembler's block comment, else to the block before it; code on split
 * edges to the dropped IR block it stands for (flush_function). Blocks join
 * by function and block name (identical by construction: same module).
 * Functions the backend rejects are skipped and counted with the reason.
 * Writes the pairs file of DESIGN.md's Contracts atomically.
 *
 *===----------------------------------------------------------------------===*/
#include "annotate.h"
#include "error.h"
#include "framework.h"
#include "nic.h"
#include "pairs.h"
#include "ptrmap.h"
#include "vocab.h"

#include <llvm-c/BitReader.h>
#include <llvm-c/BitWriter.h>
#include <llvm-c/Core.h>
#include <llvm-c/DebugInfo.h>
#include <llvm-c/IRReader.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef CLARA_LLVM_BIN
#define CLARA_LLVM_BIN "/usr/lib/llvm-19/bin"
#endif

char *__cxa_demangle(const char *mangled, char *buf, size_t *len, int *status);

static const char *const usage =
    "usage: clara-label --nic NAME|PATH [-o PAIRS.tsv] [--functions "
    "nf|framework|all]\n"
    "                   [--keep-temps DIR] [-q] [--] <clang++ args...> "
    "SOURCE...\n"
    "\n"
    "Compiles each SOURCE (.cc/.cpp/.cxx/.c, or host IR .bc/.ll) to host IR "
    "at\n"
    "-O0 (the model's input) and through the NIC profile's backend (porting\n"
    "pipeline, llc -O2), attributes every target instruction to its IR block\n"
    "and writes one row per block: nic source function block tokens compute\n"
    "memory (DESIGN.md, Contracts). Arguments that are not sources pass\n"
    "through to clang++ (to clang for .c sources, which are compiled as C,\n"
    "without -std=c++*/gnu++* arguments).\n"
    "\n"
    "  --nic NAME|PATH    NIC profile (name in share/clara/nic, or a YAML "
    "path)\n"
    "  -o FILE            pairs file to write (default: stdout)\n"
    "  --functions WHICH  nf (default): the NF's own per-packet code, as\n"
    "                     clara-annotate finds it; framework: Click framework\n"
    "                     functions (for the API cost table); all: every\n"
    "                     function with a body\n"
    "  --keep-temps DIR   keep the intermediate files in DIR\n"
    "  -q                 no progress output\n";

typedef enum { SELECT_NF, SELECT_FRAMEWORK, SELECT_ALL } selection;

typedef struct {
  const clara_nic *nic;
  selection which;
  const char *keep_temps;
  int quiet;
  char **clang_args;
  size_t num_clang_args;
  /* totals */
  size_t host_blocks, joined_blocks, attributed_blocks, functions,
      skipped_functions, skipped_blocks, failed_sources;
  size_t skip_reasons_count;
  char *skip_reasons[64];
  size_t skip_reason_counts[64];
} label_options;

/* ---- Small utilities --------------------------------------------------- */

static void note_skip(label_options *o, const char *reason, size_t functions) {
  char key[160];
  snprintf(key, sizeof key, "%.159s", reason); /* long reasons: cut */
  /* keep the reason short: up to the first ':' after the message start */
  for (size_t i = 0; i < o->skip_reasons_count; ++i)
    if (strcmp(o->skip_reasons[i], key) == 0) {
      o->skip_reason_counts[i] += functions;
      return;
    }
  if (o->skip_reasons_count < 64) {
    o->skip_reasons[o->skip_reasons_count] = strdup(key);
    o->skip_reason_counts[o->skip_reasons_count++] = functions;
  }
}

/* Runs argv with stdout/stderr redirected to files (NULL: /dev/null).
 * Returns the exit status, or -1 when it could not run or was killed. */
static int run(char *const argv[], const char *out_path, const char *err_path) {
  pid_t pid = fork();
  if (pid < 0)
    return -1;
  if (pid == 0) {
    int out = open(out_path ? out_path : "/dev/null",
                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open(err_path ? err_path : "/dev/null",
                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0 || err < 0)
      _exit(127);
    dup2(out, 1);
    dup2(err, 2);
    execv(argv[0], argv);
    _exit(127);
  }
  int status;
  if (waitpid(pid, &status, 0) < 0)
    return -1;
  if (!WIFEXITED(status))
    return -1;
  return WEXITSTATUS(status);
}

static char *read_file(const char *path, size_t *out_len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)(n > 0 ? n : 0) + 1);
  if (!buf) {
    fclose(f);
    return NULL;
  }
  size_t got = fread(buf, 1, (size_t)(n > 0 ? n : 0), f);
  buf[got] = '\0';
  fclose(f);
  if (out_len)
    *out_len = got;
  return buf;
}

static int ends_with(const char *s, const char *suffix) {
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && strcmp(s + a - b, suffix) == 0;
}

static int is_source(const char *arg) {
  return arg[0] != '-' && (ends_with(arg, ".cc") || ends_with(arg, ".cpp") ||
                           ends_with(arg, ".cxx") || ends_with(arg, ".c") ||
                           ends_with(arg, ".C") || ends_with(arg, ".bc") ||
                           ends_with(arg, ".ll"));
}

static char *demangle_cb(void *context, const char *mangled) {
  (void)context;
  int status = 0;
  char *d = __cxa_demangle(mangled, NULL, NULL, &status);
  return status == 0 ? d : NULL;
}

static const char *fn_name(LLVMValueRef fn) {
  size_t len;
  return LLVMGetValueName2(fn, &len);
}

/* ---- The target side: how the assembly reads ---------------------------- */

typedef enum { ARCH_AARCH64, ARCH_RISCV, ARCH_MIPS, ARCH_BPF, ARCH_OTHER } arch;

static arch arch_of(const char *triple) {
  if (strncmp(triple, "aarch64", 7) == 0 || strncmp(triple, "arm64", 5) == 0)
    return ARCH_AARCH64;
  if (strncmp(triple, "riscv", 5) == 0)
    return ARCH_RISCV;
  if (strncmp(triple, "mips", 4) == 0)
    return ARCH_MIPS;
  if (strncmp(triple, "bpf", 3) == 0)
    return ARCH_BPF;
  return ARCH_OTHER;
}

static int in_list(const char *word, const char *const *list) {
  for (; *list; ++list)
    if (strcmp(word, *list) == 0)
      return 1;
  return 0;
}

static const char *const RISCV_LOADS[] = {"lb",   "lh",   "lw",  "ld",  "lbu",
                                          "lhu",  "lwu",  "flw", "fld", "flh",
                                          "lr.w", "lr.d", NULL};
static const char *const RISCV_STORES[] = {"sb",  "sh",  "sw",   "sd",   "fsw",
                                           "fsd", "fsh", "sc.w", "sc.d", NULL};
static const char *const MIPS_MEM[] = {
    "lb",   "lbu", "lh",   "lhu",  "lw",   "lwu",  "ld",   "ll",  "lld",  "lwl",
    "lwr",  "ldl", "ldr",  "lwc1", "ldc1", "sb",   "sh",   "sw",  "sd",   "sc",
    "scd",  "swl", "swr",  "sdl",  "sdr",  "swc1", "sdc1", "lbx", "lbux", "lhx",
    "lhux", "lwx", "lwux", "ldx",  "saa",  "saad", NULL};

/* Whether one assembly instruction makes the frame pointer (x29, s0, $fp)
 * point into the frame: only then are accesses through it stack accesses;
 * without a frame pointer the register is an ordinary callee-saved one
 * (riscv's s0 and mips's $fp hold e.g. `this` in most functions). */
static int sets_frame_pointer(arch a, const char *text) {
  char op[16], dst[16], src[16];
  if (sscanf(text, "%15s %15[^, \t], %15[^, \t]", op, dst, src) != 3)
    return 0;
  switch (a) {
  case ARCH_AARCH64:
    return strcmp(dst, "x29") == 0 && strcmp(src, "sp") == 0;
  case ARCH_RISCV:
    return (strcmp(dst, "s0") == 0 || strcmp(dst, "fp") == 0) &&
           strcmp(src, "sp") == 0;
  case ARCH_MIPS:
    return (strcmp(dst, "$fp") == 0 || strcmp(dst, "$30") == 0) &&
           (strcmp(src, "$sp") == 0 || strcmp(src, "$29") == 0);
  default:
    return 0;
  }
}

/* Classifies one assembly instruction (comment stripped, trimmed):
 * 0 = compute, 1 = memory access through the stack pointer (or the frame
 * pointer when `fp` says the function has one), 2 = other memory access. */
static int classify_asm(arch a, const char *text, int fp) {
  char mnemonic[32];
  size_t n = strcspn(text, " \t");
  if (n >= sizeof mnemonic)
    n = sizeof mnemonic - 1;
  memcpy(mnemonic, text, n);
  mnemonic[n] = '\0';
  const char *operands = text + n;
  switch (a) {
  case ARCH_AARCH64: {
    int mem =
        (strncmp(mnemonic, "ld", 2) == 0 || strncmp(mnemonic, "st", 2) == 0 ||
         strncmp(mnemonic, "cas", 3) == 0 ||
         strncmp(mnemonic, "swp", 3) == 0) &&
        strchr(operands, '[');
    if (!mem)
      return 0;
    const char *base = strchr(operands, '[') + 1;
    return strncmp(base, "sp", 2) == 0 || (fp && strncmp(base, "x29", 3) == 0)
               ? 1
               : 2;
  }
  case ARCH_RISCV: {
    const char *m = strncmp(mnemonic, "c.", 2) == 0 ? mnemonic + 2 : mnemonic;
    int mem = in_list(m, RISCV_LOADS) || in_list(m, RISCV_STORES) ||
              strncmp(m, "amo", 3) == 0;
    if (!mem)
      return 0;
    return strstr(operands, "(sp)") || (fp && (strstr(operands, "(s0)") ||
                                               strstr(operands, "(fp)")))
               ? 1
               : 2;
  }
  case ARCH_MIPS: {
    if (!in_list(mnemonic, MIPS_MEM))
      return 0;
    return strstr(operands, "($sp)") || strstr(operands, "($29)") ||
                   (fp &&
                    (strstr(operands, "($fp)") || strstr(operands, "($30)")))
               ? 1
               : 2;
  }
  case ARCH_BPF: {
    const char *paren = strstr(text, "*(");
    int mem = paren != NULL || strstr(text, "atomic_") != NULL ||
              strncmp(text, "lock ", 5) == 0;
    if (!mem)
      return 0;
    return strstr(text, "(r10 ") || strstr(text, "(r10)") ? 1 : 2;
  }
  default: {
    return 0;
  }
  }
}

/* ---- Per-source labelling ------------------------------------------------ */

/* How many state/packet-load arguments of one call are remembered. */
#define CALL_ARG_LOADS 4

typedef struct {
  int function;     /* index into the selected-function table */
  char *block;      /* the block's Contracts name */
  long block_index; /* its position in the function */
  int memory;       /* what a non-stack target access from this line is */
  int kind;         /* the clara_kind of the host instruction */
  /* A call's arguments that are state or packet loads: their lines. */
  unsigned long arg_lines[CALL_ARG_LOADS];
  unsigned num_arg_lines;
} line_target;

/* What a target load/store attributed to an IR instruction counts as
 * (models/README.md, "memory"): in the NF's own code only accesses that come
 * from a state or packet access of the IR (loads, stores, atomics, memory
 * intrinsics annotated mem.state/mem.packet) are memory; the others (through
 * references to a caller's locals, jump tables, constant pools) are neither
 * memory nor compute. Outside the NF's code every non-stack access counts. */
enum { MEM_ORIGIN_OTHER = 0, MEM_ORIGIN_COUNTED = 1, MEM_ORIGIN_ANY = 2 };

typedef struct {
  LLVMValueRef fn;
  char *name;
  int selected, skipped;
  size_t num_blocks;
  char **block_names;
  char **tokens;
  char **ported; /* the block's words after the porting pipeline */
  unsigned *compute, *memory;
  int *attributed;
  unsigned char *origin; /* per instruction, in order: MEM_ORIGIN_* */
  unsigned char *kind;   /* per instruction, in order: clara_kind */
  size_t num_insts;
  size_t first_line, num_lines; /* its debug lines: first_line, ... */
} fn_record;

/* Marks `fn` skipped; a selected function is counted with `reason`. */
static void skip_function(label_options *o, fn_record *fn, const char *reason) {
  fn->skipped = 1;
  if (!fn->selected)
    return;
  note_skip(o, reason, 1);
  o->skipped_functions++;
  o->skipped_blocks += fn->num_blocks;
}

static int block_index(const fn_record *f, const char *name) {
  for (size_t i = 0; i < f->num_blocks; ++i)
    if (strcmp(f->block_names[i], name) == 0)
      return (int)i;
  return -1;
}

static int has_inline_asm(LLVMValueRef fn) {
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb;
       bb = LLVMGetNextBasicBlock(bb))
    for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i;
         i = LLVMGetNextInstruction(i))
      if ((LLVMIsACallInst(i) || LLVMIsAInvokeInst(i)) &&
          LLVMIsAInlineAsm(LLVMGetCalledValue(i)))
        return 1;
  return 0;
}

/* The first call in `fn` of an intrinsic that belongs to one architecture
 * ("llvm.x86.sse42.crc32.32.32": the host's, since host IR is built for
 * x86-64), or NULL. No NIC backend can select it. */
static const char *host_intrinsic(LLVMValueRef fn) {
  static const char *const Prefixes[] = {
      "llvm.x86.",  "llvm.aarch64.", "llvm.arm.", "llvm.riscv.",
      "llvm.mips.", "llvm.bpf.",     "llvm.ppc.", "llvm.wasm."};
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb;
       bb = LLVMGetNextBasicBlock(bb))
    for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i;
         i = LLVMGetNextInstruction(i)) {
      if (!LLVMIsACallInst(i) && !LLVMIsAInvokeInst(i))
        continue;
      LLVMValueRef callee = LLVMGetCalledValue(i);
      if (!LLVMIsAFunction(callee) || !LLVMGetIntrinsicID(callee))
        continue;
      size_t len;
      const char *name = LLVMGetValueName2(callee, &len);
      for (size_t k = 0; k < sizeof Prefixes / sizeof *Prefixes; ++k)
        if (strncmp(name, Prefixes[k], strlen(Prefixes[k])) == 0)
          return name;
    }
  return NULL;
}

/* llvm.dbg.* calls: LLVMStripModuleDebugInfo removes them. */
/* Whether `v` assembles a value from state or packet loads through the
 * or/shift/extend/truncate/byte-swap trees that backends combine into one
 * wider load (DAGCombiner's load combining: two byte loads of a packet
 * field, shifted and or-ed, become one `ldrh`). Such a combined load carries
 * the root instruction's debug line, not a load's, and is memory all the
 * same. */
static int combines_loads(const clara_annotation *ann, LLVMValueRef v,
                          int depth) {
  if (!v || !LLVMIsAInstruction(v) || depth > 6)
    return 0;
  if (LLVMIsALoadInst(v)) {
    clara_kind k = clara_annotation_kind(ann, v);
    return depth > 0 &&
           (k == CLARA_KIND_MEM_STATE || k == CLARA_KIND_MEM_PACKET);
  }
  int through = 0;
  switch (LLVMGetInstructionOpcode(v)) {
  case LLVMOr:
  case LLVMShl:
  case LLVMLShr:
  case LLVMZExt:
  case LLVMTrunc:
    through = 1;
    break;
  case LLVMCall: {
    LLVMValueRef callee = LLVMGetCalledValue(v);
    size_t len = 0;
    const char *name = callee && LLVMIsAFunction(callee)
                           ? LLVMGetValueName2(callee, &len)
                           : "";
    through = strncmp(name, "llvm.bswap", 10) == 0;
    break;
  }
  default:
    break;
  }
  if (!through)
    return 0;
  int args = LLVMIsACallInst(v) ? (int)LLVMGetNumArgOperands(v)
                                : LLVMGetNumOperands(v);
  for (int a = 0; a < args; ++a)
    if (combines_loads(ann, LLVMGetOperand(v, (unsigned)a), depth + 1))
      return 1;
  return 0;
}

static int is_debug_intrinsic(LLVMValueRef i) {
  if (!LLVMIsACallInst(i))
    return 0;
  LLVMValueRef callee = LLVMGetCalledValue(i);
  if (!LLVMIsAFunction(callee))
    return 0;
  size_t len;
  const char *name = LLVMGetValueName2(callee, &len);
  return strncmp(name, "llvm.dbg.", 9) == 0;
}

/* Turns a definition into a declaration (LLVM-C has no deleteBody). */
static void delete_body(LLVMValueRef fn) {
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb;
       bb = LLVMGetNextBasicBlock(bb))
    for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i;
         i = LLVMGetNextInstruction(i))
      if (LLVMGetTypeKind(LLVMTypeOf(i)) != LLVMVoidTypeKind)
        LLVMReplaceAllUsesWith(i, LLVMGetPoison(LLVMTypeOf(i)));
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb;
       bb = LLVMGetNextBasicBlock(bb)) {
    LLVMValueRef i = LLVMGetFirstInstruction(bb);
    while (i) {
      LLVMValueRef next = LLVMGetNextInstruction(i);
      LLVMInstructionEraseFromParent(i);
      i = next;
    }
  }
  LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn);
  while (bb) {
    LLVMBasicBlockRef next = LLVMGetNextBasicBlock(bb);
    LLVMDeleteBasicBlock(bb);
    bb = next;
  }
  LLVMSetLinkage(fn, LLVMExternalLinkage);
  LLVMSetVisibility(fn, LLVMDefaultVisibility);
  if (LLVMHasPersonalityFn(fn))
    LLVMSetPersonalityFn(fn, NULL);
}

static void remove_fn_attr(LLVMValueRef fn, const char *name) {
  LLVMRemoveStringAttributeAtIndex(fn, LLVMAttributeFunctionIndex, name,
                                   (unsigned)strlen(name));
}

static void set_fn_attr(LLVMValueRef fn, const char *name, const char *value) {
  LLVMContextRef ctx = LLVMGetModuleContext(LLVMGetGlobalParent(fn));
  remove_fn_attr(fn, name);
  if (!value || !*value)
    return;
  LLVMAddAttributeAtIndex(
      fn, LLVMAttributeFunctionIndex,
      LLVMCreateStringAttribute(ctx, name, (unsigned)strlen(name), value,
                                (unsigned)strlen(value)));
}

static void remove_enum_attr(LLVMValueRef fn, const char *name) {
  unsigned kind = LLVMGetEnumAttributeKindForName(name, strlen(name));
  if (kind)
    LLVMRemoveEnumAttributeAtIndex(fn, LLVMAttributeFunctionIndex, kind);
}

/* Retargets the module to the profile's backend. */
static int retarget(LLVMModuleRef m, const clara_nic *nic, char **msg) {
  char *error = NULL;
  LLVMTargetRef target;
  if (LLVMGetTargetFromTriple(nic->backend.triple, &target, &error)) {
    int s = clara_error(msg, "no LLVM target for '%s': %s", nic->backend.triple,
                        error ? error : "");
    LLVMDisposeMessage(error);
    return s;
  }
  LLVMTargetMachineRef tm = LLVMCreateTargetMachine(
      target, nic->backend.triple, nic->backend.cpu, nic->backend.features,
      LLVMCodeGenLevelDefault, LLVMRelocDefault, LLVMCodeModelDefault);
  if (!tm)
    return clara_error(msg, "cannot create a target machine for '%s'",
                       nic->backend.triple);
  LLVMTargetDataRef dl = LLVMCreateTargetDataLayout(tm);
  char *dl_string = LLVMCopyStringRepOfTargetData(dl);
  LLVMSetTarget(m, nic->backend.triple);
  LLVMSetDataLayout(m, dl_string);
  LLVMDisposeMessage(dl_string);
  LLVMDisposeTargetData(dl);
  LLVMDisposeTargetMachine(tm);
  for (LLVMValueRef fn = LLVMGetFirstFunction(m); fn;
       fn = LLVMGetNextFunction(fn)) {
    set_fn_attr(fn, "target-cpu", nic->backend.cpu);
    set_fn_attr(fn, "target-features", nic->backend.features);
    remove_fn_attr(fn, "tune-cpu");
    remove_fn_attr(fn, "frame-pointer");
    remove_fn_attr(fn, "min-legal-vector-width");
    remove_enum_attr(fn, "optnone");
  }
  return CLARA_OK;
}

/* For a call of the NF's code: the lines of its arguments that are state
 * or packet loads (`ntohl(tcph->th_seq)`). Some backends (RISC-V) load such
 * an argument straight into its argument register with the call's line, so
 * the access would otherwise count as nothing (flush_function). */
static void note_argument_loads(line_target *t, LLVMValueRef call,
                                const clara_ptrmap *line_of,
                                const line_target *lines) {
  t->num_arg_lines = 0;
  LLVMOpcode op = LLVMGetInstructionOpcode(call);
  if (op != LLVMCall && op != LLVMInvoke)
    return;
  unsigned args = LLVMGetNumArgOperands(call);
  for (unsigned k = 0; k < args && t->num_arg_lines < CALL_ARG_LOADS; ++k) {
    LLVMValueRef arg = LLVMGetOperand(call, k);
    size_t line;
    if (!LLVMIsALoadInst(arg) || !clara_ptrmap_get(line_of, arg, &line))
      continue;
    int kind = lines[line - 1].kind;
    if (kind == CLARA_KIND_MEM_STATE || kind == CLARA_KIND_MEM_PACKET)
      t->arg_lines[t->num_arg_lines++] = line;
  }
}

/* Gives every instruction of every defined function a unique line number
 * (like opt's debugify, which skips linkonce_odr functions). Returns the
 * line -> block table; line L is entry L-1. */
static line_target *add_debug_lines(LLVMModuleRef m, fn_record *fns,
                                    size_t num_fns, size_t *out_count) {
  LLVMStripModuleDebugInfo(m);
  LLVMContextRef ctx = LLVMGetModuleContext(m);
  LLVMDIBuilderRef dib = LLVMCreateDIBuilder(m);
  LLVMMetadataRef file =
      LLVMDIBuilderCreateFile(dib, "clara-label.ll", 14, "/", 1);
  LLVMMetadataRef cu = LLVMDIBuilderCreateCompileUnit(
      dib, LLVMDWARFSourceLanguageC_plus_plus, file, "clara-label", 11, 0, "",
      0, 0, "", 0, LLVMDWARFEmissionLineTablesOnly, 0, 0, 0, "", 0, "", 0);
  (void)cu;
  LLVMMetadataRef sub_type =
      LLVMDIBuilderCreateSubroutineType(dib, file, NULL, 0, LLVMDIFlagZero);
  size_t cap = 1024, count = 0;
  line_target *lines = malloc(cap * sizeof *lines);
  for (size_t f = 0; f < num_fns; ++f) {
    LLVMValueRef fn = fns[f].fn;
    if (!LLVMGetFirstBasicBlock(fn))
      continue;
    const char *name = fn_name(fn);
    LLVMMetadataRef sp = LLVMDIBuilderCreateFunction(
        dib, file, name, strlen(name), name, strlen(name), file,
        (unsigned)count + 1, sub_type, 0, 1, (unsigned)count + 1,
        LLVMDIFlagZero, 0);
    LLVMSetSubprogram(fn, sp);
    size_t b = 0, ordinal = 0;
    fns[f].first_line = count + 1;
    clara_ptrmap line_of; /* this function's instructions -> their lines */
    clara_ptrmap_init(&line_of);
    for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb;
         bb = LLVMGetNextBasicBlock(bb), ++b)
      for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i;
           i = LLVMGetNextInstruction(i)) {
        if (count == cap) {
          cap *= 2;
          lines = realloc(lines, cap * sizeof *lines);
        }
        clara_ptrmap_put(&line_of, i, count + 1);
        note_argument_loads(&lines[count], i, &line_of, lines);
        lines[count].function = (int)f;
        lines[count].block = fns[f].block_names[b];
        lines[count].block_index = (long)b;
        lines[count].memory = fns[f].origin && ordinal < fns[f].num_insts
                                  ? fns[f].origin[ordinal]
                                  : MEM_ORIGIN_ANY;
        lines[count].kind = fns[f].kind && ordinal < fns[f].num_insts
                                ? fns[f].kind[ordinal]
                                : CLARA_KIND_NONE;
        ++ordinal;
        ++count;
        LLVMMetadataRef loc =
            LLVMDIBuilderCreateDebugLocation(ctx, (unsigned)count, 1, sp, NULL);
        LLVMInstructionSetDebugLoc(i, loc);
      }
    clara_ptrmap_clear(&line_of);
    fns[f].num_lines = count + 1 - fns[f].first_line;
  }
  LLVMDIBuilderFinalize(dib);
  LLVMDisposeDIBuilder(dib);
  LLVMAddModuleFlag(
      m, LLVMModuleFlagBehaviorWarning, "Debug Info Version", 18,
      LLVMValueAsMetadata(LLVMConstInt(LLVMInt32TypeInContext(ctx),
                                       LLVMDebugMetadataVersion(), 0)));
  LLVMAddModuleFlag(
      m, LLVMModuleFlagBehaviorWarning, "Dwarf Version", 13,
      LLVMValueAsMetadata(LLVMConstInt(LLVMInt32TypeInContext(ctx), 4, 0)));
  *out_count = count;
  return lines;
}

/* Collects "in function NAME" from llc's errors; marks those functions
 * skipped with the error text as reason. Returns the number of errors that
 * named no known function. */
static size_t note_rejections(label_options *o, const char *errors,
                              fn_record *fns, size_t num_fns) {
  size_t unattributed = 0;
  const char *line = errors;
  while (line && *line) {
    const char *end = strchr(line, '\n');
    size_t len = end ? (size_t)(end - line) : strlen(line);
    char buf[1024];
    snprintf(buf, sizeof buf, "%.*s", (int)(len < 1023 ? len : 1023), line);
    if (strstr(buf, "error:")) {
      const char *in = strstr(buf, "in function ");
      int found = 0;
      if (in) {
        in += 12;
        size_t nl = strcspn(in, " \t");
        for (size_t f = 0; f < num_fns; ++f)
          if (strlen(fns[f].name) == nl && strncmp(fns[f].name, in, nl) == 0) {
            found = 1;
            if (!fns[f].skipped) {
              const char *why = strrchr(buf, ':');
              char reason[1100];
              snprintf(reason, sizeof reason, "backend: %s",
                       why ? why + 2 : buf);
              skip_function(o, &fns[f], reason);
            }
          }
      }
      if (!found)
        ++unattributed;
    }
    line = end ? end + 1 : NULL;
  }
  return unattributed;
}

static int function_index_by_name(fn_record *fns, size_t num_fns,
                                  const char *name, size_t len) {
  for (size_t f = 0; f < num_fns; ++f)
    if (strlen(fns[f].name) == len && strncmp(fns[f].name, name, len) == 0)
      return (int)f;
  return -1;
}

/* ---- Machine blocks of one function ------------------------------------ */

/* One assembled instruction, buffered until its function ends. */
typedef struct {
  int block; /* IR block by line, block comment or the block before */
  int kind;  /* classify_asm */
  int origin;
  unsigned long line; /* its debug line, 0 if none */
  int writeback;      /* AArch64 pre-/post-index: `[x21, #14]!`, `[x1], #8` */
} asm_inst;

/* One machine basic block: a `.LBB`/`LBB`/`$BB` label or a `%bb.N` block
 * comment starts one. */
typedef struct {
  char label[64]; /* "" for a block that only has a comment */
  int ir_block;   /* the IR block its comment names, or -1 */
  size_t first, count;
  size_t last_jump; /* position + 1 of its last jump/return, 0 if none */
  char **targets;   /* block labels its branches name */
  size_t num_targets;
} asm_mbb;

typedef struct {
  asm_inst *insts;
  size_t num_insts, cap_insts;
  asm_mbb *mbbs;
  size_t num_mbbs, cap_mbbs;
  int failed; /* out of memory: the counts are incomplete */
} asm_function;

static void asm_function_reset(asm_function *af) {
  for (size_t m = 0; m < af->num_mbbs; ++m) {
    for (size_t t = 0; t < af->mbbs[m].num_targets; ++t)
      free(af->mbbs[m].targets[t]);
    free(af->mbbs[m].targets);
  }
  af->num_insts = af->num_mbbs = 0;
}

static void asm_function_free(asm_function *af) {
  asm_function_reset(af);
  free(af->insts);
  free(af->mbbs);
}

/* Makes room for `need` elements of `size` bytes in *p; 0 (and af->failed
 * set) when out of memory. */
static int reserve(asm_function *af, void **p, size_t *cap, size_t need,
                   size_t size) {
  if (need <= *cap)
    return 1;
  size_t n = *cap ? *cap * 2 : 64;
  while (n < need)
    n *= 2;
  void *q = realloc(*p, n * size);
  if (!q) {
    af->failed = 1;
    return 0;
  }
  *p = q;
  *cap = n;
  return 1;
}

static void asm_new_mbb(asm_function *af, const char *label, int ir_block) {
  if (!reserve(af, (void **)&af->mbbs, &af->cap_mbbs, af->num_mbbs + 1,
               sizeof *af->mbbs))
    return;
  asm_mbb *b = &af->mbbs[af->num_mbbs++];
  memset(b, 0, sizeof *b);
  snprintf(b->label, sizeof b->label, "%s", label);
  b->ir_block = ir_block;
  b->first = af->num_insts;
}

/* Whether an instruction transfers control unconditionally (a jump or a
 * return): then its block does not fall through. */
static int is_unconditional(arch a, const char *text) {
  char op[16];
  if (sscanf(text, "%15s", op) != 1)
    return 0;
  switch (a) {
  case ARCH_AARCH64:
    return !strcmp(op, "b") || !strcmp(op, "br") || !strcmp(op, "ret");
  case ARCH_RISCV:
    return !strcmp(op, "j") || !strcmp(op, "jr") || !strcmp(op, "ret") ||
           !strcmp(op, "tail");
  case ARCH_MIPS:
    return !strcmp(op, "j") || !strcmp(op, "jr") || !strcmp(op, "b");
  case ARCH_BPF:
    return !strcmp(op, "goto") || !strcmp(op, "exit");
  default:
    return 0;
  }
}

/* Whether a mips instruction is a branch or jump, whose delay slot (the
 * next instruction) the delay-slot filler may fill with an instruction from
 * before it: the filled instruction is printed without a `.loc` of its own
 * (it carries the branch's line), so its origin is unknown. */
static int mips_has_delay_slot(const char *text) {
  char op[16];
  if (sscanf(text, "%15s", op) != 1)
    return 0;
  return op[0] == 'j' || (op[0] == 'b' && strcmp(op, "break") != 0);
}

/* Records the block labels (`.LBB4_6`, `LBB4_6`, `$BB4_6`) an instruction
 * names as branch targets of the current machine block. */
static void note_targets(asm_function *af, const char *text) {
  asm_mbb *b = &af->mbbs[af->num_mbbs - 1];
  for (const char *p = text; *p; ++p) {
    const char *q = p;
    if (*q == '.' || *q == '$')
      ++q;
    if (strncmp(q, "LBB", 3) != 0 && strncmp(q, "BB", 2) != 0)
      continue;
    if (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
      continue;
    size_t n = strcspn(p, " \t,()");
    char **t = realloc(b->targets, (b->num_targets + 1) * sizeof *t);
    char *copy = t ? strndup(p, n) : NULL;
    if (!copy) {
      af->failed = 1;
      if (t)
        b->targets = t;
      return;
    }
    b->targets = t;
    b->targets[b->num_targets++] = copy;
    p += n - 1;
  }
}

/* Whether a machine block ends in a jump or return (mips: or one whose
 * delay slot follows), i.e. does not fall through. */
static int ends_unconditionally(arch a, const asm_mbb *b) {
  return b->last_jump && (b->last_jump == b->count ||
                          (a == ARCH_MIPS && b->last_jump + 1 == b->count));
}

static int mbb_by_label(const asm_function *af, const char *label) {
  for (size_t m = 0; m < af->num_mbbs; ++m)
    if (af->mbbs[m].label[0] && strcmp(af->mbbs[m].label, label) == 0)
      return (int)m;
  return -1;
}

/* The position of `bb` among the function's blocks `bbs` (n of them). */
static int ir_block_index(LLVMBasicBlockRef *bbs, int n, LLVMBasicBlockRef bb) {
  for (int i = 0; i < n; ++i)
    if (bbs[i] == bb)
      return i;
  return -1;
}

/* The IR block a machine block without a name of its own stands for, or -1.
 * Codegen drops IR blocks that only branch on (CodeGenPrepare merges them
 * into their successor) and puts their phi copies and the jump on split
 * edges: a machine block entered only from the IR block `p` and leaving
 * only to `s`, where `p` has an IR successor X that no machine block names
 * and whose chain of single successors (through more such blocks) reaches
 * `s`, is X's code on that path. Unique X or nothing. `bbs` holds the
 * function's n blocks in order. */
static int edge_block_owner(LLVMBasicBlockRef *bbs, int n, const int *named,
                            int p, int s) {
  if (p < 0 || s < 0 || p >= n || s >= n)
    return -1;
  int owner = -1, found = 0;
  LLVMValueRef term = LLVMGetBasicBlockTerminator(bbs[p]);
  unsigned num_succ = term ? LLVMGetNumSuccessors(term) : 0;
  for (unsigned i = 0; i < num_succ; ++i) {
    int x = ir_block_index(bbs, n, LLVMGetSuccessor(term, i));
    if (x < 0 || x == s || named[x] || x == owner)
      continue;
    int y = x, steps = 0;
    while (y >= 0 && y != s && !named[y] && steps++ < n) {
      LLVMValueRef t = LLVMGetBasicBlockTerminator(bbs[y]);
      y = t && LLVMGetNumSuccessors(t) == 1
              ? ir_block_index(bbs, n, LLVMGetSuccessor(t, 0))
              : -1;
    }
    if (y == s) {
      owner = x;
      ++found;
    }
  }
  return found == 1 ? owner : -1;
}

/* Adds a finished function's buffered instructions to its blocks' counts.
 * Machine blocks that stand for a dropped IR block (edge_block_owner) count
 * for that block; when codegen made several copies of it (one per incoming
 * edge), the block's label is the mean copy, rounded: what one path through
 * it executes. */
/* Whether a non-stack access attributed to a call's line (origin "other")
 * stands for one of the call's state/packet-load arguments: those whose own
 * lines got no non-stack access are loaded with the call's line, one access
 * each. `accesses` counts non-stack accesses per line, `used` per call line
 * those already taken. */
static int loads_call_argument(const asm_inst *in, const line_target *lines,
                               size_t num_lines, const clara_ptrmap *accesses,
                               clara_ptrmap *used) {
  if (in->line == 0 || in->line > num_lines)
    return 0;
  const line_target *t = &lines[in->line - 1];
  size_t budget = 0, n = 0, taken = 0;
  for (unsigned k = 0; k < t->num_arg_lines; ++k)
    budget += !clara_ptrmap_get(accesses, (void *)t->arg_lines[k], &n);
  clara_ptrmap_get(used, (void *)in->line, &taken);
  if (taken >= budget)
    return 0;
  clara_ptrmap_put(used, (void *)in->line, taken + 1);
  return 1;
}

/* Whether the non-stack access `in` (origin "other") with writeback
 * addressing stands for a state or packet access of the IR whose own line
 * got no target access (an orphan of its block): the backend folded the
 * address increment into the access, which then carries a neighbouring
 * line (WebGenReceiver `check_ip`: `ldrb w23, [x21, #14]!` with the line
 * of the `length()` call before it). The orphan is taken. */
static int writeback_orphan(const asm_inst *in, const line_target *lines,
                            size_t num_lines, size_t num_blocks,
                            unsigned *orphans) {
  if (!in->writeback || in->line == 0 || in->line > num_lines)
    return 0;
  const line_target *t = &lines[in->line - 1];
  if (clara_kind_is_memory((clara_kind)t->kind) || t->block_index < 0 ||
      (size_t)t->block_index >= num_blocks || !orphans[t->block_index])
    return 0;
  --orphans[t->block_index];
  return 1;
}

static void flush_function(arch a, asm_function *af, fn_record *f,
                           const line_target *lines, size_t num_lines) {
  size_t nb = f->num_blocks;
  int *named = calloc(nb + 1, sizeof *named);
  int *owner = malloc((af->num_mbbs + 1) * sizeof *owner);
  unsigned *copies = calloc(nb + 1, sizeof *copies);
  unsigned *orphans = calloc(nb + 1, sizeof *orphans);
  unsigned *copy_compute = calloc(nb + 1, sizeof *copy_compute);
  unsigned *copy_memory = calloc(nb + 1, sizeof *copy_memory);
  LLVMBasicBlockRef *bbs = malloc((nb + 1) * sizeof *bbs);
  if (!named || !owner || !copies || !orphans || !copy_compute ||
      !copy_memory || !bbs) {
    af->failed = 1;
    goto done;
  }
  size_t n = 0;
  for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(f->fn); b && n < nb;
       b = LLVMGetNextBasicBlock(b))
    bbs[n++] = b;
  for (size_t m = 0; m < af->num_mbbs; ++m) {
    owner[m] = -1;
    if (af->mbbs[m].ir_block >= 0)
      named[af->mbbs[m].ir_block] = 1;
  }
  for (size_t m = 0; m < af->num_mbbs; ++m) {
    const asm_mbb *u = &af->mbbs[m];
    if (u->ir_block >= 0 || u->count == 0 || m == 0)
      continue;
    /* predecessors: blocks that name u's label, and the block before u when
     * it falls through */
    int preds = 0, pred = -1;
    for (size_t q = 0; q < af->num_mbbs; ++q)
      for (size_t t = 0; t < af->mbbs[q].num_targets; ++t)
        if (u->label[0] && strcmp(af->mbbs[q].targets[t], u->label) == 0) {
          if (pred != (int)q)
            ++preds;
          pred = (int)q;
        }
    if (!ends_unconditionally(a, &af->mbbs[m - 1]) && pred != (int)m - 1) {
      ++preds;
      pred = (int)m - 1;
    }
    /* successors: named targets, and the next block when u falls through */
    int succs = 0, succ = -1;
    for (size_t t = 0; t < u->num_targets; ++t) {
      int q = mbb_by_label(af, u->targets[t]);
      if (q != succ) {
        ++succs;
        succ = q;
      }
    }
    if (!ends_unconditionally(a, u) && m + 1 < af->num_mbbs &&
        (int)m + 1 != succ) {
      ++succs;
      succ = (int)m + 1;
    }
    if (preds != 1 || succs != 1 || succ < 0)
      continue;
    const asm_mbb *pb = &af->mbbs[pred];
    int p =
        pb->count ? af->insts[pb->first + pb->count - 1].block : pb->ir_block;
    int s = af->mbbs[succ].ir_block;
    owner[m] = edge_block_owner(bbs, (int)n, named, p, s);
  }
  clara_ptrmap accesses, used; /* per line: non-stack accesses; taken */
  clara_ptrmap_init(&accesses);
  clara_ptrmap_init(&used);
  for (size_t i = 0; i < af->num_insts; ++i) {
    size_t k = 0;
    const asm_inst *in = &af->insts[i];
    if (in->kind == 2 && in->line > 0) {
      clara_ptrmap_get(&accesses, (void *)in->line, &k);
      clara_ptrmap_put(&accesses, (void *)in->line, k + 1);
    }
  }
  /* Orphans: per IR block, its state/packet accesses whose lines got no
   * non-stack target access. Only writeback accesses take them, and only
   * AArch64 has those. */
  for (size_t l = f->first_line;
       a == ARCH_AARCH64 && l < f->first_line + f->num_lines; ++l) {
    size_t k;
    const line_target *t = l >= 1 && l <= num_lines ? &lines[l - 1] : NULL;
    if (t && t->memory == MEM_ORIGIN_COUNTED &&
        (t->kind == CLARA_KIND_MEM_STATE || t->kind == CLARA_KIND_MEM_PACKET) &&
        t->block_index >= 0 && (size_t)t->block_index < nb &&
        !clara_ptrmap_get(&accesses, (void *)l, &k))
      orphans[t->block_index]++;
  }
  for (size_t m = 0; m < af->num_mbbs; ++m) {
    const asm_mbb *b = &af->mbbs[m];
    int x = owner[m];
    if (x >= 0)
      copies[x]++;
    for (size_t i = b->first; i < b->first + b->count; ++i) {
      const asm_inst *in = &af->insts[i];
      int block = x >= 0 ? x : in->block;
      unsigned *compute = x >= 0 ? copy_compute : f->compute;
      unsigned *memory = x >= 0 ? copy_memory : f->memory;
      f->attributed[block] = 1;
      if (in->kind == 0)
        compute[block]++;
      else if (in->kind == 2 &&
               (in->origin != MEM_ORIGIN_OTHER ||
                loads_call_argument(in, lines, num_lines, &accesses, &used) ||
                writeback_orphan(in, lines, num_lines, nb, orphans)))
        memory[block]++;
    }
  }
  clara_ptrmap_clear(&accesses);
  clara_ptrmap_clear(&used);
  for (size_t x = 0; x < nb; ++x)
    if (copies[x]) {
      f->compute[x] += (copy_compute[x] + copies[x] / 2) / copies[x];
      f->memory[x] += (copy_memory[x] + copies[x] / 2) / copies[x];
    }
done:
  free(bbs);
  free(named);
  free(owner);
  free(copies);
  free(orphans);
  free(copy_compute);
  free(copy_memory);
  asm_function_reset(af);
}

/* The IR block an assembler block comment names (`// %if.then`: the first
 * `%NAME` in `comment`), or -1 (no comment, no name, or not a block of f). */
static int commented_block(const fn_record *f, const char *comment) {
  const char *pct = comment ? strchr(comment, '%') : NULL;
  if (!pct)
    return -1;
  char name[256];
  size_t nl = strcspn(pct + 1, " \t\r");
  snprintf(name, sizeof name, "%.*s", (int)nl, pct + 1);
  return block_index(f, name);
}

/* Walks the assembly and adds every instruction of a defined function to
 * its IR block's counts (flush_function, at the function's end). Returns 0,
 * or -1 when out of memory (the counts are then incomplete). */
static int attribute_assembly(arch a, char *text, fn_record *fns,
                              size_t num_fns, const line_target *lines,
                              size_t num_lines) {
  const char *comment = a == ARCH_AARCH64 ? "//" : "#";
  int cur_fn = -1, cur_block = -1, mbb_block = -1, fp_active = 0;
  int delay_slot = 0; /* mips: the previous instruction was a branch */
  unsigned long cur_line = 0;
  asm_function af = {0};
  char *save = NULL;
  for (char *raw = strtok_r(text, "\n", &save); raw;
       raw = strtok_r(NULL, "\n", &save)) {
    char *c = strstr(raw, comment);
    char *comment_text = NULL;
    if (c) {
      *c = '\0';
      comment_text = c + strlen(comment);
    }
    char *s = raw;
    while (isspace((unsigned char)*s))
      ++s;
    size_t len = strlen(s);
    while (len && isspace((unsigned char)s[len - 1]))
      s[--len] = '\0';
    if (len == 0) {
      /* "// %bb.0:  // %entry" block comment without a label */
      if (cur_fn >= 0 && comment_text && strstr(comment_text, "%bb.")) {
        mbb_block =
            commented_block(&fns[cur_fn], strstr(comment_text + 1, comment));
        if (af.num_mbbs && af.num_insts == af.mbbs[af.num_mbbs - 1].first &&
            af.mbbs[af.num_mbbs - 1].label[0] == '\0')
          af.mbbs[af.num_mbbs - 1].ir_block = mbb_block; /* entry: %bb.0 */
        else
          asm_new_mbb(&af, "", mbb_block);
        cur_line = 0;
      }
      continue;
    }
    if (s[len - 1] == ':') {
      s[len - 1] = '\0';
      int f = function_index_by_name(fns, num_fns, s, len - 1);
      if (f >= 0 && !fns[f].skipped && LLVMGetFirstBasicBlock(fns[f].fn)) {
        if (cur_fn >= 0)
          flush_function(a, &af, &fns[cur_fn], lines, num_lines);
        cur_fn = f;
        fp_active = 0;
        delay_slot = 0;
        cur_block = 0; /* prologue belongs to the entry block */
        mbb_block = 0;
        cur_line = 0;
        asm_new_mbb(&af, "", 0);
      } else if (strncmp(s, ".Lfunc_end", 10) == 0 ||
                 strncmp(s, "$func_end", 9) == 0 || f >= 0) {
        if (cur_fn >= 0)
          flush_function(a, &af, &fns[cur_fn], lines, num_lines);
        cur_fn = -1;
      } else if (cur_fn >= 0 && strncmp(s, ".LBB", 4) != 0 &&
                 strncmp(s, "LBB", 3) != 0 && strncmp(s, "$BB", 3) != 0) {
        /* .Ltmp, .Lfunc_begin, exception tables: not a block */
      } else if (cur_fn >= 0) {
        /* a machine block label: its comment names the IR block */
        mbb_block = commented_block(&fns[cur_fn], comment_text);
        asm_new_mbb(&af, s, mbb_block);
        cur_line = 0;
      }
      continue;
    }
    if (cur_fn < 0)
      continue;
    if (s[0] == '.') {
      if (strncmp(s, ".loc", 4) == 0 && isspace((unsigned char)s[4])) {
        unsigned long file_no = 0, line_no = 0;
        if (sscanf(s + 5, "%lu %lu", &file_no, &line_no) == 2)
          cur_line = line_no;
      } else if (strncmp(s, ".Lfunc_end", 10) == 0) {
        flush_function(a, &af, &fns[cur_fn], lines, num_lines);
        cur_fn = -1;
      }
      continue;
    }
    /* an instruction */
    int block = -1;
    if (cur_line > 0 && cur_line <= num_lines &&
        lines[cur_line - 1].function == cur_fn)
      block = block_index(&fns[cur_fn], lines[cur_line - 1].block);
    if (block < 0)
      block = mbb_block >= 0 ? mbb_block : cur_block;
    if (block < 0)
      block = 0;
    cur_block = block;
    if (sets_frame_pointer(a, s))
      fp_active = 1;
    if (af.num_mbbs == 0 || !reserve(&af, (void **)&af.insts, &af.cap_insts,
                                     af.num_insts + 1, sizeof *af.insts))
      continue; /* out of memory: reported at the end */
    asm_inst *in = &af.insts[af.num_insts++];
    in->block = block;
    in->kind = classify_asm(a, s, fp_active);
    in->line = cur_line;
    in->writeback = a == ARCH_AARCH64 && (strstr(s, "]!") || strstr(s, "], #"));
    in->origin = cur_line > 0 && cur_line <= num_lines &&
                         lines[cur_line - 1].function == cur_fn && !delay_slot
                     ? lines[cur_line - 1].memory
                     : MEM_ORIGIN_ANY;
    delay_slot = a == ARCH_MIPS && mips_has_delay_slot(s);
    asm_mbb *mb = &af.mbbs[af.num_mbbs - 1];
    mb->count++;
    if (is_unconditional(a, s))
      mb->last_jump = mb->count;
    note_targets(&af, s);
  }
  if (cur_fn >= 0)
    flush_function(a, &af, &fns[cur_fn], lines, num_lines);
  int failed = af.failed;
  asm_function_free(&af);
  return failed ? -1 : 0;
}

static void free_fns(fn_record *fns, size_t n) {
  for (size_t f = 0; f < n; ++f) {
    for (size_t b = 0; b < fns[f].num_blocks; ++b) {
      free(fns[f].block_names[b]);
      free(fns[f].tokens[b]);
      free(fns[f].ported[b]);
    }
    free(fns[f].ported);
    free(fns[f].block_names);
    free(fns[f].tokens);
    free(fns[f].compute);
    free(fns[f].memory);
    free(fns[f].attributed);
    free(fns[f].origin);
    free(fns[f].kind);
    free(fns[f].name);
  }
  free(fns);
}

/* The kind of a ported instruction: its host instruction's (found by the
 * unique debug line every host instruction got), none for new code. */
typedef struct {
  const line_target *lines;
  size_t num_lines;
  int function; /* the function being tokenised */
} line_kinds;

static clara_kind kind_by_line(void *context, LLVMValueRef inst) {
  const line_kinds *k = context;
  LLVMMetadataRef loc = LLVMInstructionGetDebugLoc(inst);
  if (!loc)
    return CLARA_KIND_NONE;
  unsigned line = LLVMDILocationGetLine(loc);
  if (line == 0 || line > k->num_lines)
    return CLARA_KIND_NONE;
  return (clara_kind)k->lines[line - 1].kind;
}

/* The host block a ported instruction came from (by its debug line), -1
 * for code the pipeline made. */
static long block_by_line(void *context, LLVMValueRef inst,
                          unsigned long *order) {
  const line_kinds *k = context;
  LLVMMetadataRef loc = LLVMInstructionGetDebugLoc(inst);
  if (!loc)
    return -1;
  unsigned line = LLVMDILocationGetLine(loc);
  if (line == 0 || line > k->num_lines ||
      k->lines[line - 1].function != k->function)
    return -1;
  *order = line;
  return k->lines[line - 1].block_index;
}

/* The words of every selected block after the porting pipeline: the
 * pipeline keeps the CFG, so blocks are found by function name and
 * position; kinds are the host instructions' (by debug line). A block that
 * cannot be found keeps NULL (the host words are used instead). */
static void ported_tokens(const char *ported_bc,
                          const clara_nic_backend *backend, fn_record *fns,
                          size_t num_fns, const line_target *lines,
                          size_t num_lines) {
  LLVMContextRef ctx = LLVMContextCreate();
  LLVMMemoryBufferRef buffer = NULL;
  char *error = NULL;
  LLVMModuleRef m = NULL;
  if (LLVMCreateMemoryBufferWithContentsOfFile(ported_bc, &buffer, &error)) {
    LLVMDisposeMessage(error);
    LLVMContextDispose(ctx);
    return;
  }
  if (LLVMParseBitcodeInContext2(ctx, buffer, &m)) {
    LLVMDisposeMemoryBuffer(buffer);
    LLVMContextDispose(ctx);
    return;
  }
  LLVMDisposeMemoryBuffer(buffer);
  line_kinds k = {lines, num_lines, -1};
  for (size_t f = 0; f < num_fns; ++f) {
    if (!fns[f].selected || fns[f].skipped)
      continue;
    LLVMValueRef fn = LLVMGetNamedFunction(m, fns[f].name);
    if (!fn)
      continue;
    /* Blocks correspond by position (unnamed blocks' slot numbers change
     * when the pipeline removes unnamed instructions). */
    if (LLVMCountBasicBlocks(fn) != fns[f].num_blocks)
      continue;
    k.function = (int)f;
    clara_vocab_function_ported_tokens(fn, fns[f].num_blocks, backend,
                                       kind_by_line, block_by_line, &k,
                                       fns[f].ported);
  }
  LLVMDisposeModule(m);
  LLVMContextDispose(ctx);
}

static int selected_by(label_options *o, const clara_annotation *ann,
                       LLVMValueRef fn) {
  if (!LLVMGetFirstBasicBlock(fn))
    return 0;
  switch (o->which) {
  case SELECT_ALL:
    return 1;
  case SELECT_NF:
    return ann && clara_annotation_is_nf_function(ann, fn);
  case SELECT_FRAMEWORK: {
    if (ann && clara_annotation_is_nf_function(ann, fn))
      return 0;
    char *d = demangle_cb(NULL, fn_name(fn));
    clara_framework_class c = clara_framework_classify(d ? d : fn_name(fn));
    free(d);
    return c == CLARA_FRAMEWORK_HEADER || c == CLARA_FRAMEWORK_STATE;
  }
  }
  return 0;
}

static int label_source(label_options *o, const char *source, const char *dir,
                        clara_pairs *pairs, char **msg) {
  char host_bc[PATH_MAX], target_bc[PATH_MAX], ported_bc[PATH_MAX],
      asm_path[PATH_MAX], err_path[PATH_MAX];
  snprintf(host_bc, sizeof host_bc, "%s/host.bc", dir);
  snprintf(target_bc, sizeof target_bc, "%s/target.bc", dir);
  snprintf(ported_bc, sizeof ported_bc, "%s/ported.bc", dir);
  snprintf(asm_path, sizeof asm_path, "%s/target.s", dir);
  snprintf(err_path, sizeof err_path, "%s/errors.txt", dir);

  const char *input = source;
  if (!ends_with(source, ".bc") && !ends_with(source, ".ll")) {
    /* C sources are compiled as C (clang++ would take them for C++: other
     * rules, mangled names), without the pass-through C++ standard. */
    int is_c = ends_with(source, ".c");
    const char *fixed[] = {is_c ? CLARA_LLVM_BIN "/clang"
                                : CLARA_LLVM_BIN "/clang++",
                           "-O0",
                           "-Xclang",
                           "-disable-O0-optnone",
                           "-fno-discard-value-names",
                           "--target=x86_64-unknown-linux-gnu",
                           "-emit-llvm",
                           "-c"};
    size_t nf = sizeof fixed / sizeof *fixed;
    char **argv = calloc(nf + o->num_clang_args + 4, sizeof *argv);
    size_t k = 0;
    for (size_t i = 0; i < nf; ++i)
      argv[k++] = (char *)fixed[i];
    for (size_t i = 0; i < o->num_clang_args; ++i)
      if (!is_c || (strncmp(o->clang_args[i], "-std=c++", 8) != 0 &&
                    strncmp(o->clang_args[i], "-std=gnu++", 10) != 0))
        argv[k++] = o->clang_args[i];
    argv[k++] = (char *)source;
    argv[k++] = "-o";
    argv[k++] = host_bc;
    int rc = run(argv, NULL, err_path);
    free(argv);
    if (rc != 0) {
      char *errors = read_file(err_path, NULL);
      int s = clara_error(msg, "%s: %s failed (exit %d): %.400s", source,
                          is_c ? "clang" : "clang++", rc, errors ? errors : "");
      free(errors);
      return s;
    }
    input = host_bc;
  }

  LLVMContextRef ctx = LLVMContextCreate();
  LLVMMemoryBufferRef buffer = NULL;
  char *error = NULL;
  if (LLVMCreateMemoryBufferWithContentsOfFile(input, &buffer, &error)) {
    int s = clara_error(msg, "%s: cannot read: %s", input, error);
    LLVMDisposeMessage(error);
    LLVMContextDispose(ctx);
    return s;
  }
  LLVMModuleRef m = NULL;
  if (ends_with(input, ".ll")) {
    if (LLVMParseIRInContext(ctx, buffer, &m, &error)) {
      int s = clara_error(msg, "%s: not valid IR: %s", input, error);
      LLVMDisposeMessage(error);
      LLVMContextDispose(ctx);
      return s;
    }
  } else {
    if (LLVMParseBitcodeInContext2(ctx, buffer, &m)) {
      LLVMDisposeMemoryBuffer(buffer);
      LLVMContextDispose(ctx);
      return clara_error(msg, "%s: not valid bitcode", input);
    }
    LLVMDisposeMemoryBuffer(buffer);
  }

  clara_host host = {NULL, demangle_cb, NULL, NULL};
  clara_annotation *ann = NULL;
  char *amsg = NULL;
  if (clara_annotate_module(m, &host, &ann, &amsg) != CLARA_OK) {
    if (o->which == SELECT_NF) {
      int s = clara_error(msg, "%s: %s", source, amsg ? amsg : "annotate");
      clara_dispose_message(amsg);
      LLVMDisposeModule(m);
      LLVMContextDispose(ctx);
      return s;
    }
    clara_dispose_message(amsg);
    ann = NULL;
  }

  /* Host side: tokens per block of every defined function. */
  size_t num_fns = 0;
  for (LLVMValueRef fn = LLVMGetFirstFunction(m); fn;
       fn = LLVMGetNextFunction(fn))
    ++num_fns;
  fn_record *fns = calloc(num_fns ? num_fns : 1, sizeof *fns);
  size_t f = 0;
  for (LLVMValueRef fn = LLVMGetFirstFunction(m); fn;
       fn = LLVMGetNextFunction(fn), ++f) {
    fn_record *r = &fns[f];
    r->fn = fn;
    r->name = strdup(fn_name(fn));
    r->selected = selected_by(o, ann, fn);
    r->num_blocks = LLVMCountBasicBlocks(fn);
    r->block_names = calloc(r->num_blocks + 1, sizeof(char *));
    r->tokens = calloc(r->num_blocks + 1, sizeof(char *));
    r->ported = calloc(r->num_blocks + 1, sizeof(char *));
    r->compute = calloc(r->num_blocks + 1, sizeof(unsigned));
    r->memory = calloc(r->num_blocks + 1, sizeof(unsigned));
    r->attributed = calloc(r->num_blocks + 1, sizeof(int));
    size_t b = 0;
    for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb;
         bb = LLVMGetNextBasicBlock(bb), ++b) {
      char name[512];
      clara_vocab_block_name(bb, name, sizeof name);
      r->block_names[b] = strdup(name);
      if (r->selected)
        r->tokens[b] = clara_vocab_block_tokens(bb, ann);
    }
    if (ann && clara_annotation_is_nf_function(ann, fn)) {
      size_t n = 0;
      for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb;
           bb = LLVMGetNextBasicBlock(bb))
        for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i;
             i = LLVMGetNextInstruction(i))
          n += !is_debug_intrinsic(i);
      r->origin = calloc(n + 1, 1);
      r->kind = calloc(n + 1, 1);
      r->num_insts = n;
      n = 0;
      for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb;
           bb = LLVMGetNextBasicBlock(bb))
        for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i;
             i = LLVMGetNextInstruction(i)) {
          if (is_debug_intrinsic(i)) /* stripped before the lines */
            continue;
          clara_kind k = clara_annotation_kind(ann, i);
          r->kind[n] = (unsigned char)k;
          r->origin[n++] = k == CLARA_KIND_MEM_STATE ||
                                   k == CLARA_KIND_MEM_PACKET ||
                                   combines_loads(ann, i, 0)
                               ? MEM_ORIGIN_COUNTED
                               : MEM_ORIGIN_OTHER;
        }
    }
  }
  clara_annotation_dispose(ann);

  /* Target side. */
  size_t selected_fns = 0, selected_blocks = 0;
  for (f = 0; f < num_fns; ++f)
    if (fns[f].selected) {
      ++selected_fns;
      selected_blocks += fns[f].num_blocks;
    }
  o->functions += selected_fns;
  o->host_blocks += selected_blocks;
  /* Host-only code no NIC backend can compile: the function is skipped
   * with the reason, the rest of the source is labelled. */
  for (f = 0; f < num_fns; ++f) {
    if (!fns[f].num_blocks)
      continue;
    char reason[300];
    const char *intrinsic = NULL;
    if (has_inline_asm(fns[f].fn))
      snprintf(reason, sizeof reason, "host inline assembly");
    else if ((intrinsic = host_intrinsic(fns[f].fn)))
      snprintf(reason, sizeof reason, "host intrinsic %.250s", intrinsic);
    else
      continue;
    skip_function(o, &fns[f], reason);
    delete_body(fns[f].fn);
  }
  int status = retarget(m, o->nic, msg);
  size_t num_lines = 0;
  line_target *lines = NULL;
  if (status == CLARA_OK) {
    lines = add_debug_lines(m, fns, num_fns, &num_lines);
    if (LLVMWriteBitcodeToFile(m, target_bc) != 0)
      status = clara_error(msg, "%s: cannot write", target_bc);
  }
  if (status == CLARA_OK) {
    char pipeline[1024];
    snprintf(pipeline, sizeof pipeline, "-passes=%s", o->nic->backend.pipeline);
    char *argv[] = {
        CLARA_LLVM_BIN "/opt", pipeline, target_bc, "-o", ported_bc, NULL};
    int rc = run(argv, NULL, err_path);
    if (rc != 0) {
      char *errors = read_file(err_path, NULL);
      status = clara_error(msg, "%s: opt -passes=%s failed (exit %d): %.400s",
                           source, o->nic->backend.pipeline, rc,
                           errors ? errors : "");
      free(errors);
    }
  }
  if (status == CLARA_OK)
    ported_tokens(ported_bc, &o->nic->backend, fns, num_fns, lines, num_lines);
  char *assembly = NULL;
  if (status == CLARA_OK) {
    char triple[256], cpu[256], attr[512];
    snprintf(triple, sizeof triple, "-mtriple=%s", o->nic->backend.triple);
    snprintf(cpu, sizeof cpu, "-mcpu=%s", o->nic->backend.cpu);
    snprintf(attr, sizeof attr, "-mattr=%s", o->nic->backend.features);
    char **argv = calloc(o->nic->backend.num_llc_flags + 10, sizeof *argv);
    size_t k = 0;
    argv[k++] = CLARA_LLVM_BIN "/llc";
    argv[k++] = triple;
    argv[k++] = cpu;
    if (*o->nic->backend.features)
      argv[k++] = attr;
    for (size_t i = 0; i < o->nic->backend.num_llc_flags; ++i)
      argv[k++] = o->nic->backend.llc_flags[i];
    argv[k++] = "-asm-verbose";
    argv[k++] = ported_bc;
    argv[k++] = "-o";
    argv[k++] = "-";
    int rc = run(argv, asm_path, err_path);
    free(argv);
    char *errors = read_file(err_path, NULL);
    if (errors && strstr(errors, "is not a recognized processor"))
      status = clara_error(msg, "llc: unknown -mcpu=%s for %s",
                           o->nic->backend.cpu, o->nic->backend.triple);
    else if (rc != 0) {
      size_t unattributed =
          note_rejections(o, errors ? errors : "", fns, num_fns);
      if (rc < 0 || unattributed > 0)
        status = clara_error(msg, "%s: llc failed (exit %d): %.400s", source,
                             rc, errors ? errors : "");
    }
    free(errors);
    if (status == CLARA_OK) {
      assembly = read_file(asm_path, NULL);
      if (!assembly)
        status = clara_error(msg, "%s: llc wrote no assembly", source);
    }
  }
  if (status == CLARA_OK) {
    if (attribute_assembly(arch_of(o->nic->backend.triple), assembly, fns,
                           num_fns, lines, num_lines) != 0)
      status = clara_error(msg, "%s: out of memory while reading the assembly",
                           source);
    size_t rows = 0;
    for (f = 0; f < num_fns && status == CLARA_OK; ++f) {
      if (!fns[f].selected || fns[f].skipped)
        continue;
      for (size_t b = 0; b < fns[f].num_blocks; ++b) {
        o->joined_blocks++;
        o->attributed_blocks += fns[f].attributed[b] != 0;
        status = clara_pairs_add_ported(
            pairs, o->nic->name, source, fns[f].name, fns[f].block_names[b],
            fns[f].tokens[b], fns[f].compute[b], fns[f].memory[b],
            fns[f].ported[b] ? fns[f].ported[b] : fns[f].tokens[b], msg);
        if (status != CLARA_OK)
          break;
        ++rows;
      }
    }
    if (!o->quiet)
      fprintf(stderr, "clara-label: %s: %zu functions, %zu blocks labelled\n",
              source, selected_fns, rows);
  }
  free(assembly);
  free(lines);
  free_fns(fns, num_fns);
  LLVMDisposeModule(m);
  LLVMContextDispose(ctx);
  return status;
}

static char *default_nic_dir(const char *argv0) {
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0)
    snprintf(exe, sizeof exe, "%s", argv0);
  else
    exe[n] = '\0';
  char *d1 = dirname(exe); /* .../bin */
  char tmp[PATH_MAX];
  snprintf(tmp, sizeof tmp, "%s", d1);
  char *d2 = dirname(tmp); /* prefix */
  char *out = malloc(PATH_MAX);
  snprintf(out, PATH_MAX, "%s/share/clara/nic", d2);
  return out;
}

int main(int argc, char **argv) {
  label_options o;
  memset(&o, 0, sizeof o);
  o.which = SELECT_NF;
  const char *nic_arg = NULL, *out_path = NULL;
  char **sources = calloc((size_t)argc, sizeof *sources);
  size_t num_sources = 0;
  o.clang_args = calloc((size_t)argc, sizeof *o.clang_args);
  int passthrough = 0;
  for (int i = 1; i < argc; ++i) {
    const char *a = argv[i];
    if (!passthrough && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
      fputs(usage, stdout);
      return 0;
    }
    if (!passthrough && strcmp(a, "--") == 0) {
      passthrough = 1;
      continue;
    }
    if (!passthrough && strcmp(a, "--nic") == 0 && i + 1 < argc) {
      nic_arg = argv[++i];
      continue;
    }
    if (!passthrough && strncmp(a, "--nic=", 6) == 0) {
      nic_arg = a + 6;
      continue;
    }
    if (!passthrough && strcmp(a, "-o") == 0 && i + 1 < argc) {
      out_path = argv[++i];
      continue;
    }
    if (!passthrough && strcmp(a, "--keep-temps") == 0 && i + 1 < argc) {
      o.keep_temps = argv[++i];
      continue;
    }
    if (!passthrough && strcmp(a, "-q") == 0) {
      o.quiet = 1;
      continue;
    }
    if (!passthrough && strcmp(a, "--functions") == 0 && i + 1 < argc) {
      const char *w = argv[++i];
      if (strcmp(w, "nf") == 0)
        o.which = SELECT_NF;
      else if (strcmp(w, "framework") == 0)
        o.which = SELECT_FRAMEWORK;
      else if (strcmp(w, "all") == 0)
        o.which = SELECT_ALL;
      else {
        fprintf(stderr,
                "clara-label: --functions must be nf, framework or "
                "all, not '%s'\n",
                w);
        return 2;
      }
      continue;
    }
    if (is_source(a))
      sources[num_sources++] = argv[i];
    else
      o.clang_args[o.num_clang_args++] = argv[i];
  }
  if (!nic_arg) {
    fprintf(stderr, "clara-label: --nic NAME|PATH is required\n%s", usage);
    return 2;
  }
  if (num_sources == 0) {
    fprintf(stderr, "clara-label: no SOURCE given\n%s", usage);
    return 2;
  }
  char *nic_dir = default_nic_dir(argv[0]);
  char *nic_path = NULL, *msg = NULL;
  clara_nic *nic = NULL;
  if (clara_nic_resolve(nic_arg, nic_dir, &nic_path, &msg) != CLARA_OK ||
      clara_nic_load_file(nic_path, &nic, &msg) != CLARA_OK) {
    fprintf(stderr, "clara-label: %s\n", msg);
    return 1;
  }
  o.nic = nic;
  LLVMInitializeAllTargetInfos();
  LLVMInitializeAllTargets();
  LLVMInitializeAllTargetMCs();

  clara_pairs *pairs = clara_pairs_create();
  char tmpl[] = "/tmp/clara-label.XXXXXX";
  char *dir = o.keep_temps ? (char *)o.keep_temps : mkdtemp(tmpl);
  if (o.keep_temps)
    mkdir(o.keep_temps, 0755);
  if (!dir) {
    fprintf(stderr, "clara-label: cannot create a temporary directory\n");
    return 1;
  }
  int exit_code = 0;
  for (size_t i = 0; i < num_sources; ++i) {
    char *smsg = NULL;
    if (label_source(&o, sources[i], dir, pairs, &smsg) != CLARA_OK) {
      fprintf(stderr, "clara-label: skipped %s\n", smsg ? smsg : sources[i]);
      clara_dispose_message(smsg);
      o.failed_sources++;
    }
  }
  if (!o.keep_temps) {
    const char *names[] = {"host.bc", "target.bc", "ported.bc", "target.s",
                           "errors.txt"};
    for (size_t i = 0; i < 5; ++i) {
      char p[PATH_MAX];
      snprintf(p, sizeof p, "%s/%s", dir, names[i]);
      unlink(p);
    }
    rmdir(dir);
  }
  if (!o.quiet) {
    fprintf(stderr,
            "clara-label: %s: %zu sources (%zu failed), %zu functions, %zu "
            "skipped (%zu blocks); host blocks %zu, joined %zu (%.1f%%), with "
            "target code %zu (%.1f%%)\n",
            nic->name, num_sources, o.failed_sources, o.functions,
            o.skipped_functions, o.skipped_blocks, o.host_blocks,
            o.joined_blocks,
            o.host_blocks ? 100.0 * o.joined_blocks / o.host_blocks : 0.0,
            o.attributed_blocks,
            o.host_blocks ? 100.0 * o.attributed_blocks / o.host_blocks : 0.0);
    for (size_t i = 0; i < o.skip_reasons_count; ++i)
      fprintf(stderr, "clara-label:   skipped %zu functions: %s\n",
              o.skip_reason_counts[i], o.skip_reasons[i]);
  }
  if (clara_pairs_write(out_path ? out_path : "-", pairs, &msg) != CLARA_OK) {
    fprintf(stderr, "clara-label: %s\n", msg);
    exit_code = 1;
  }
  if (o.failed_sources == num_sources)
    exit_code = 1;
  for (size_t i = 0; i < o.skip_reasons_count; ++i)
    free(o.skip_reasons[i]);
  clara_pairs_dispose(pairs);
  clara_nic_dispose(nic);
  free(nic_path);
  free(nic_dir);
  free(sources);
  free(o.clang_args);
  return exit_code;
}
