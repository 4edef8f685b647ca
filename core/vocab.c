/*===- core/vocab.c - Compact vocabulary: one word per IR instruction -----===*
 *
 * See vocab.h; the rules are listed in models/README.md ("Vocabulary").
 * Everything here reads the instruction alone (plus its operands' origins
 * through casts and GEPs), so a word is the same in every module.
 *
 *===----------------------------------------------------------------------===*/
#include "vocab.h"

#include "error.h"
#include "ir.h"
#include "loops.h"
#include "merge.h"
#include "sink.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Click header structs ---------------------------------------------- */

/* IR field index -> field name for the clicknet header structs, as clang
 * lays them out (bitfields share one IR field; its name lists them). */
typedef struct {
  const char *name; /* without the "struct." prefix */
  const char *fields[12];
} header_struct;

static const header_struct HEADER_STRUCTS[] = {
    {"click_ether", {"ether_dhost", "ether_shost", "ether_type"}},
    {"click_ether_vlan",
     {"ether_dhost", "ether_shost", "ether_vlan_proto", "ether_vlan_tci",
      "ether_vlan_encap_proto"}},
    {"click_arp", {"ar_hrd", "ar_pro", "ar_hln", "ar_pln", "ar_op"}},
    {"click_ether_arp", {"ea_hdr", "arp_sha", "arp_spa", "arp_tha", "arp_tpa"}},
    {"click_ip",
     {"ip_v_hl", "ip_tos", "ip_len", "ip_id", "ip_off", "ip_ttl", "ip_p",
      "ip_sum", "ip_src", "ip_dst"}},
    {"click_ip6", {"ip6_ctlun", "ip6_src", "ip6_dst"}},
    {"click_tcp",
     {"th_sport", "th_dport", "th_seq", "th_ack", "th_off_flags2", "th_flags",
      "th_win", "th_sum", "th_urp"}},
    {"click_udp", {"uh_sport", "uh_dport", "uh_ulen", "uh_sum"}},
    {"click_icmp", {"icmp_type", "icmp_code", "icmp_cksum", "padding"}},
    {"click_icmp_echo",
     {"icmp_type", "icmp_code", "icmp_cksum", "icmp_identifier",
      "icmp_sequence"}},
    {"in_addr", {"s_addr"}},
};

/* The header struct `type` is (its IR name "struct.click_ip" or
 * "struct.click_ip.12"), or NULL. */
static const header_struct *header_struct_of(LLVMTypeRef type) {
  if (LLVMGetTypeKind(type) != LLVMStructTypeKind)
    return NULL;
  const char *name = LLVMGetStructName(type);
  if (!name || strncmp(name, "struct.", 7) != 0)
    return NULL;
  name += 7;
  size_t len = strlen(name);
  /* strip a ".N" suffix that linking adds to duplicate type names */
  const char *dot = strrchr(name, '.');
  if (dot && dot[1] && strspn(dot + 1, "0123456789") == strlen(dot + 1))
    len = (size_t)(dot - name);
  for (size_t i = 0; i < sizeof HEADER_STRUCTS / sizeof *HEADER_STRUCTS; ++i)
    if (strlen(HEADER_STRUCTS[i].name) == len &&
        strncmp(HEADER_STRUCTS[i].name, name, len) == 0)
      return &HEADER_STRUCTS[i];
  return NULL;
}

/* ---- A small string builder -------------------------------------------- */

typedef struct {
  char *buf;
  size_t size, len;
  int const_classes; /* integer constants as zero / const / bigconst /
                        hugeconst (ported words) */
} word_builder;

static void put(word_builder *w, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

static void put(word_builder *w, const char *format, ...) {
  if (w->len + 1 >= w->size)
    return;
  va_list args;
  va_start(args, format);
  int n = vsnprintf(w->buf + w->len, w->size - w->len, format, args);
  va_end(args);
  if (n > 0)
    w->len += (size_t)n < w->size - w->len ? (size_t)n : w->size - w->len - 1;
}

/* ---- Types and operand kinds ------------------------------------------- */

static void put_type(word_builder *w, LLVMTypeRef type) {
  switch (LLVMGetTypeKind(type)) {
  case LLVMVoidTypeKind:
    put(w, " void");
    return;
  case LLVMIntegerTypeKind:
    put(w, " i%u", LLVMGetIntTypeWidth(type));
    return;
  case LLVMHalfTypeKind:
    put(w, " f16");
    return;
  case LLVMFloatTypeKind:
    put(w, " f32");
    return;
  case LLVMDoubleTypeKind:
    put(w, " f64");
    return;
  case LLVMPointerTypeKind:
    put(w, " ptr");
    return;
  case LLVMStructTypeKind:
    put(w, " struct");
    return;
  case LLVMArrayTypeKind:
    put(w, " array");
    return;
  case LLVMVectorTypeKind:
  case LLVMScalableVectorTypeKind:
    put(w, " vec");
    return;
  default:
    put(w, " other");
    return;
  }
}

/* reg (an instruction or argument), const, null, undef, global, fn, cexpr;
 * with w->const_classes an integer constant is zero (the backends' zero
 * register), const (fits a 12-bit signed immediate), bigconst (32 bits:
 * built by extra instructions) or hugeconst (wider). */
static const char *operand_kind(const word_builder *w, LLVMValueRef v) {
  if (LLVMIsAInstruction(v) || LLVMIsAArgument(v))
    return "reg";
  if (w && w->const_classes && LLVMIsAConstantInt(v)) {
    if (LLVMGetIntTypeWidth(LLVMTypeOf(v)) > 64)
      return "hugeconst";
    long long x = LLVMConstIntGetSExtValue(v);
    if (x == 0)
      return "zero";
    if (x >= -2048 && x < 2048)
      return "const";
    /* beyond 32 bits: eBPF's ld_imm64, up to four moves on AArch64 */
    unsigned long long u = LLVMConstIntGetZExtValue(v);
    return (x >= INT32_MIN && x <= INT32_MAX) || u <= UINT32_MAX ? "bigconst"
                                                                 : "hugeconst";
  }
  if (LLVMIsAConstantInt(v) || LLVMIsAConstantFP(v))
    return "const";
  if (LLVMIsAConstantPointerNull(v))
    return "null";
  if (LLVMIsAUndefValue(v) || LLVMIsAPoisonValue(v))
    return "undef";
  if (LLVMIsAFunction(v))
    return "fn";
  if (LLVMIsAGlobalValue(v))
    return "global";
  if (LLVMIsAConstantExpr(v))
    return "cexpr";
  if (LLVMIsAConstant(v))
    return "const";
  return "reg";
}

static LLVMValueRef strip_casts_and_geps(LLVMValueRef v) {
  for (int depth = 0; depth < 16 && v; ++depth) {
    if (LLVMIsAGetElementPtrInst(v) || LLVMIsABitCastInst(v) ||
        LLVMIsAAddrSpaceCastInst(v))
      v = LLVMGetOperand(v, 0);
    else if (LLVMIsAConstantExpr(v) &&
             (LLVMGetConstOpcode(v) == LLVMGetElementPtr ||
              LLVMGetConstOpcode(v) == LLVMBitCast))
      v = LLVMGetOperand(v, 0);
    else
      break;
  }
  return v;
}

static int is_simple_access_of(LLVMValueRef user, LLVMValueRef address) {
  if (LLVMIsALoadInst(user))
    return !LLVMGetVolatile(user);
  if (LLVMIsAStoreInst(user))
    return !LLVMGetVolatile(user) && LLVMGetOperand(user, 0) != address;
  return 0;
}

static int all_constant_indices(LLVMValueRef gep) {
  for (int i = 1, n = LLVMGetNumOperands(gep); i < n; ++i)
    if (!LLVMIsAConstantInt(LLVMGetOperand(gep, i)))
      return 0;
  return 1;
}

/* 1 if SROA can turn alloca `a` into registers: every use is a plain load or
 * a store into it, directly or through constant-index GEPs. */
static int alloca_is_promotable(LLVMValueRef a) {
  for (LLVMUseRef u = LLVMGetFirstUse(a); u; u = LLVMGetNextUse(u)) {
    LLVMValueRef user = LLVMGetUser(u);
    if (is_simple_access_of(user, a))
      continue;
    if (LLVMIsAGetElementPtrInst(user) && all_constant_indices(user)) {
      for (LLVMUseRef g = LLVMGetFirstUse(user); g; g = LLVMGetNextUse(g))
        if (!is_simple_access_of(LLVMGetUser(g), user))
          return 0;
      continue;
    }
    if (LLVMIsACallInst(user)) {
      const char *name = clara_ir_callee_name(user);
      if (name && (strncmp(name, "llvm.lifetime.", 14) == 0 ||
                   strncmp(name, "llvm.dbg.", 9) == 0))
        continue;
    }
    return 0;
  }
  return 1;
}

/* Where an address points: stack.reg (a promotable alloca), stack (any other
 * alloca), else the annotation's kind (state, packet, stack) or "mem". */
static const char *memory_kind(LLVMValueRef address, clara_kind kind) {
  LLVMValueRef root = strip_casts_and_geps(address);
  if (root && LLVMIsAAllocaInst(root))
    return alloca_is_promotable(root) ? "stack.reg" : "stack";
  switch (kind) {
  case CLARA_KIND_MEM_STATE:
    return "state";
  case CLARA_KIND_MEM_PACKET:
    return "packet";
  case CLARA_KIND_MEM_STACK:
    return "stack";
  default:
    return LLVMIsAGlobalValue(root) ? "global" : "mem";
  }
}

/* ---- Opcodes ------------------------------------------------------------ */

static const char *opcode_name(LLVMOpcode op) {
  switch (op) {
  case LLVMRet:
    return "ret";
  case LLVMBr:
    return "br";
  case LLVMSwitch:
    return "switch";
  case LLVMIndirectBr:
    return "indirectbr";
  case LLVMInvoke:
    return "invoke";
  case LLVMUnreachable:
    return "unreachable";
  case LLVMCallBr:
    return "callbr";
  case LLVMFNeg:
    return "fneg";
  case LLVMAdd:
    return "add";
  case LLVMFAdd:
    return "fadd";
  case LLVMSub:
    return "sub";
  case LLVMFSub:
    return "fsub";
  case LLVMMul:
    return "mul";
  case LLVMFMul:
    return "fmul";
  case LLVMUDiv:
    return "udiv";
  case LLVMSDiv:
    return "sdiv";
  case LLVMFDiv:
    return "fdiv";
  case LLVMURem:
    return "urem";
  case LLVMSRem:
    return "srem";
  case LLVMFRem:
    return "frem";
  case LLVMShl:
    return "shl";
  case LLVMLShr:
    return "lshr";
  case LLVMAShr:
    return "ashr";
  case LLVMAnd:
    return "and";
  case LLVMOr:
    return "or";
  case LLVMXor:
    return "xor";
  case LLVMAlloca:
    return "alloca";
  case LLVMLoad:
    return "load";
  case LLVMStore:
    return "store";
  case LLVMGetElementPtr:
    return "getelementptr";
  case LLVMTrunc:
    return "trunc";
  case LLVMZExt:
    return "zext";
  case LLVMSExt:
    return "sext";
  case LLVMFPToUI:
    return "fptoui";
  case LLVMFPToSI:
    return "fptosi";
  case LLVMUIToFP:
    return "uitofp";
  case LLVMSIToFP:
    return "sitofp";
  case LLVMFPTrunc:
    return "fptrunc";
  case LLVMFPExt:
    return "fpext";
  case LLVMPtrToInt:
    return "ptrtoint";
  case LLVMIntToPtr:
    return "inttoptr";
  case LLVMBitCast:
    return "bitcast";
  case LLVMAddrSpaceCast:
    return "addrspacecast";
  case LLVMICmp:
    return "icmp";
  case LLVMFCmp:
    return "fcmp";
  case LLVMPHI:
    return "phi";
  case LLVMCall:
    return "call";
  case LLVMSelect:
    return "select";
  case LLVMUserOp1:
    return "userop1";
  case LLVMUserOp2:
    return "userop2";
  case LLVMVAArg:
    return "va_arg";
  case LLVMExtractElement:
    return "extractelement";
  case LLVMInsertElement:
    return "insertelement";
  case LLVMShuffleVector:
    return "shufflevector";
  case LLVMExtractValue:
    return "extractvalue";
  case LLVMInsertValue:
    return "insertvalue";
  case LLVMFreeze:
    return "freeze";
  case LLVMFence:
    return "fence";
  case LLVMAtomicCmpXchg:
    return "cmpxchg";
  case LLVMAtomicRMW:
    return "atomicrmw";
  case LLVMResume:
    return "resume";
  case LLVMLandingPad:
    return "landingpad";
  case LLVMCleanupRet:
    return "cleanupret";
  case LLVMCatchRet:
    return "catchret";
  case LLVMCatchPad:
    return "catchpad";
  case LLVMCleanupPad:
    return "cleanuppad";
  case LLVMCatchSwitch:
    return "catchswitch";
  }
  return "unknown";
}

static const char *icmp_name(LLVMIntPredicate p) {
  switch (p) {
  case LLVMIntEQ:
    return "eq";
  case LLVMIntNE:
    return "ne";
  case LLVMIntUGT:
    return "ugt";
  case LLVMIntUGE:
    return "uge";
  case LLVMIntULT:
    return "ult";
  case LLVMIntULE:
    return "ule";
  case LLVMIntSGT:
    return "sgt";
  case LLVMIntSGE:
    return "sge";
  case LLVMIntSLT:
    return "slt";
  case LLVMIntSLE:
    return "sle";
  }
  return "?";
}

/* "llvm.memcpy.p0.p0.i64" -> "llvm.memcpy": drop the overload suffixes
 * (components that spell a type). */
static void put_intrinsic_name(word_builder *w, const char *name) {
  char copy[128];
  snprintf(copy, sizeof copy, "%s", name);
  char *out = copy;
  char *save = NULL;
  int first = 1;
  for (char *part = strtok_r(copy, ".", &save); part;
       part = strtok_r(NULL, ".", &save)) {
    int is_type = (part[0] == 'i' || part[0] == 'p' || part[0] == 'f' ||
                   part[0] == 'v') &&
                  part[1] && strspn(part + 1, "0123456789") > 0 && !first;
    if (is_type || strcmp(part, "isVoid") == 0)
      break;
    put(w, "%s%s", first ? " " : ".", part);
    first = 0;
  }
  (void)out;
}

static const char *size_class(LLVMValueRef length) {
  if (!LLVMIsAConstantInt(length))
    return "var";
  unsigned long long n = LLVMConstIntGetZExtValue(length);
  return n <= 4    ? "len4"
         : n <= 8  ? "len8"
         : n <= 16 ? "len16"
         : n <= 32 ? "len32"
         : n <= 64 ? "len64"
                   : "big";
}

static int is_byte_order_helper(const char *name) {
  return strcmp(name, "htons") == 0 || strcmp(name, "ntohs") == 0 ||
         strcmp(name, "htonl") == 0 || strcmp(name, "ntohl") == 0;
}

/* Whether a memory intrinsic's pointer operand is the function's stack: an
 * alloca, through GEPs and casts. */
static int is_stack_pointer(LLVMValueRef v) {
  v = strip_casts_and_geps(v);
  return v && LLVMIsAAllocaInst(v);
}

/* The `align` attribute of call argument `arg` (0-based), 1 if none. */
static unsigned argument_align(LLVMValueRef call, unsigned arg) {
  unsigned kind = LLVMGetEnumAttributeKindForName("align", 5);
  LLVMAttributeRef a =
      LLVMGetCallSiteEnumAttribute(call, (LLVMAttributeIndex)(arg + 1), kind);
  uint64_t value = a ? LLVMGetEnumAttributeValue(a) : 1;
  return value ? (unsigned)(value > 4096 ? 4096 : value) : 1;
}

/* The expansion note of a fixed-length memcpy/memmove/memset that touches
 * state or packet memory: ` [KIND n=BYTES a=ALIGN dst src]` (`dst`, `src`
 * present when that side is not the stack; `a` the smaller alignment of the
 * two sides). Not part of the word (the model drops it, see
 * clara_vocab_word_length): it tells clara_vocab_count_memory how
 * many target accesses the backend makes of the call. */
static void put_expansion(word_builder *w, LLVMValueRef inst, const char *name,
                          clara_kind kind) {
  if (kind != CLARA_KIND_MEM_STATE && kind != CLARA_KIND_MEM_PACKET)
    return;
  LLVMValueRef length = LLVMGetOperand(inst, 2);
  if (!LLVMIsAConstantInt(length))
    return;
  int is_set = strncmp(name, "llvm.memset", 11) == 0;
  int dst = !is_stack_pointer(LLVMGetOperand(inst, 0));
  int src = !is_set && !is_stack_pointer(LLVMGetOperand(inst, 1));
  unsigned align = argument_align(inst, 0);
  if (!is_set) {
    unsigned source_align = argument_align(inst, 1);
    align = source_align < align ? source_align : align;
  }
  put(w, " [%s n=%llu a=%u%s%s]",
      kind == CLARA_KIND_MEM_STATE ? "state" : "packet",
      LLVMConstIntGetZExtValue(length), align, dst ? " dst" : "",
      src ? " src" : "");
}

static void put_call(word_builder *w, LLVMValueRef inst, clara_kind kind) {
  unsigned args = LLVMGetNumArgOperands(inst);
  put(w, "%s",
      LLVMGetInstructionOpcode(inst) == LLVMInvoke ? "invoke" : "call");
  put_type(w, LLVMTypeOf(inst));
  const char *name = clara_ir_callee_name(inst);
  if (name && strncmp(name, "llvm.", 5) == 0) {
    put(w, " intrinsic");
    put_intrinsic_name(w, name);
    if ((strncmp(name, "llvm.memcpy", 11) == 0 ||
         strncmp(name, "llvm.memmove", 12) == 0 ||
         strncmp(name, "llvm.memset", 11) == 0) &&
        args >= 3) {
      put(w, " %s", size_class(LLVMGetOperand(inst, 2)));
      put_expansion(w, inst, name, kind);
    }
    return;
  }
  if (name && is_byte_order_helper(name)) {
    put(w, " byteorder");
    return;
  }
  switch (kind) {
  case CLARA_KIND_API_HEADER:
    put(w, " api.header");
    break;
  case CLARA_KIND_API_STATE:
    put(w, " api.state");
    break;
  case CLARA_KIND_CALL_INTERNAL:
    put(w, " internal");
    break;
  case CLARA_KIND_CALL_EXTERNAL:
    put(w, " external");
    break;
  default:
    put(w, name ? " direct" : " indirect");
    break;
  }
  put(w, " a%u", args < 8 ? args : 8);
}

static void put_gep(word_builder *w, LLVMValueRef inst) {
  put(w, "getelementptr");
  LLVMTypeRef source = LLVMGetGEPSourceElementType(inst);
  int n = LLVMGetNumOperands(inst);
  const header_struct *header = header_struct_of(source);
  if (header && n >= 3 && LLVMIsAConstantInt(LLVMGetOperand(inst, 2))) {
    unsigned long long field =
        LLVMConstIntGetZExtValue(LLVMGetOperand(inst, 2));
    const char *field_name = field < 12 ? header->fields[field] : NULL;
    if (field_name) {
      put(w, " %s.%s", header->name, field_name);
      return;
    }
  }
  put_type(w, source);
  for (int i = 1; i < n; ++i) {
    LLVMValueRef index = LLVMGetOperand(inst, i);
    if (LLVMIsAConstantInt(index))
      put(w, LLVMConstIntGetZExtValue(index) == 0 ? " zero" : " const");
    else
      put(w, " %s", operand_kind(w, index));
  }
  LLVMValueRef root = strip_casts_and_geps(LLVMGetOperand(inst, 0));
  if (root && LLVMIsAAllocaInst(root))
    put(w, " stack");
}

static int word_of(LLVMValueRef inst, clara_kind kind, int const_classes,
                   char *buf, size_t size) {
  word_builder w = {buf, size, 0, const_classes};
  if (size)
    buf[0] = '\0';
  LLVMOpcode op = LLVMGetInstructionOpcode(inst);
  if (op == LLVMCall && clara_ir_is_debug_call(inst))
    return 0;
  switch (op) {
  case LLVMCall:
  case LLVMInvoke:
    put_call(&w, inst, kind);
    break;
  case LLVMGetElementPtr:
    put_gep(&w, inst);
    break;
  case LLVMLoad:
    put(&w, "load");
    put_type(&w, LLVMTypeOf(inst));
    put(&w, " %s", memory_kind(LLVMGetOperand(inst, 0), kind));
    break;
  case LLVMStore:
    put(&w, "store");
    put_type(&w, LLVMTypeOf(LLVMGetOperand(inst, 0)));
    put(&w, " %s %s", operand_kind(&w, LLVMGetOperand(inst, 0)),
        memory_kind(LLVMGetOperand(inst, 1), kind));
    break;
  case LLVMAtomicRMW:
  case LLVMAtomicCmpXchg:
    put(&w, "%s", opcode_name(op));
    put_type(&w, LLVMTypeOf(LLVMGetOperand(inst, 1)));
    put(&w, " %s", memory_kind(LLVMGetOperand(inst, 0), kind));
    break;
  case LLVMAlloca:
    put(&w, "alloca");
    put_type(&w, LLVMGetAllocatedType(inst));
    break;
  case LLVMICmp:
    put(&w, "icmp %s", icmp_name(LLVMGetICmpPredicate(inst)));
    put_type(&w, LLVMTypeOf(LLVMGetOperand(inst, 0)));
    put(&w, " %s %s", operand_kind(&w, LLVMGetOperand(inst, 0)),
        operand_kind(&w, LLVMGetOperand(inst, 1)));
    break;
  case LLVMFCmp:
    put(&w, "fcmp");
    put_type(&w, LLVMTypeOf(LLVMGetOperand(inst, 0)));
    break;
  case LLVMBr:
    put(&w, LLVMIsConditional(inst) ? "br cond" : "br");
    break;
  case LLVMSwitch: {
    unsigned cases = LLVMGetNumSuccessors(inst) - 1;
    put(&w, "switch");
    put_type(&w, LLVMTypeOf(LLVMGetOperand(inst, 0)));
    put(&w, " n%u", cases < 16 ? cases : 16);
    break;
  }
  case LLVMRet:
    put(&w, "ret");
    if (LLVMGetNumOperands(inst) > 0)
      put_type(&w, LLVMTypeOf(LLVMGetOperand(inst, 0)));
    else
      put(&w, " void");
    break;
  case LLVMSelect:
    put(&w, "select");
    put_type(&w, LLVMTypeOf(inst));
    put(&w, " %s %s", operand_kind(&w, LLVMGetOperand(inst, 1)),
        operand_kind(&w, LLVMGetOperand(inst, 2)));
    break;
  case LLVMTrunc:
  case LLVMZExt:
  case LLVMSExt:
  case LLVMFPToUI:
  case LLVMFPToSI:
  case LLVMUIToFP:
  case LLVMSIToFP:
  case LLVMFPTrunc:
  case LLVMFPExt:
  case LLVMPtrToInt:
  case LLVMIntToPtr:
  case LLVMBitCast:
  case LLVMAddrSpaceCast:
    put(&w, "%s", opcode_name(op));
    put_type(&w, LLVMTypeOf(LLVMGetOperand(inst, 0)));
    put_type(&w, LLVMTypeOf(inst));
    break;
  case LLVMAdd:
  case LLVMFAdd:
  case LLVMSub:
  case LLVMFSub:
  case LLVMMul:
  case LLVMFMul:
  case LLVMUDiv:
  case LLVMSDiv:
  case LLVMFDiv:
  case LLVMURem:
  case LLVMSRem:
  case LLVMFRem:
  case LLVMShl:
  case LLVMLShr:
  case LLVMAShr:
  case LLVMAnd:
  case LLVMOr:
  case LLVMXor:
    put(&w, "%s", opcode_name(op));
    put_type(&w, LLVMTypeOf(inst));
    put(&w, " %s %s", operand_kind(&w, LLVMGetOperand(inst, 0)),
        operand_kind(&w, LLVMGetOperand(inst, 1)));
    break;
  case LLVMUnreachable:
  case LLVMResume:
  case LLVMLandingPad:
  case LLVMFence:
    put(&w, "%s", opcode_name(op));
    break;
  default:
    put(&w, "%s", opcode_name(op));
    put_type(&w, LLVMTypeOf(inst));
    break;
  }
  return 1;
}

int clara_vocab_word(LLVMValueRef inst, clara_kind kind, char *buf,
                     size_t size) {
  return word_of(inst, kind, 0, buf, size);
}

/* ---- Blocks ------------------------------------------------------------- */

static clara_kind kind_from_annotation(void *context, LLVMValueRef inst) {
  const clara_annotation *annotation = context;
  return annotation ? clara_annotation_kind(annotation, inst) : CLARA_KIND_NONE;
}

char *clara_vocab_block_tokens(LLVMBasicBlockRef block,
                               const clara_annotation *annotation) {
  return clara_vocab_block_tokens_with(block, kind_from_annotation,
                                       (void *)annotation);
}

/* A token string under construction: words joined by the separator. */
typedef struct {
  char *buf;
  size_t len, cap;
} token_string;

/* Starts an empty token string; 0 when out of memory. */
static int tokens_start(token_string *t) {
  t->len = 0;
  t->cap = 256;
  t->buf = malloc(t->cap);
  if (t->buf)
    t->buf[0] = '\0';
  return t->buf != NULL;
}

/* Appends `word`; 0 when out of memory (the string is then freed). */
static int tokens_append(token_string *t, const char *word) {
  size_t wl = strlen(word);
  size_t need = t->len + wl + sizeof CLARA_VOCAB_SEPARATOR + 1;
  if (need > t->cap) {
    while (t->cap < need)
      t->cap *= 2;
    char *grown = realloc(t->buf, t->cap);
    if (!grown) {
      free(t->buf);
      t->buf = NULL;
      return 0;
    }
    t->buf = grown;
  }
  if (t->len) {
    memcpy(t->buf + t->len, CLARA_VOCAB_SEPARATOR,
           sizeof CLARA_VOCAB_SEPARATOR - 1);
    t->len += sizeof CLARA_VOCAB_SEPARATOR - 1;
  }
  memcpy(t->buf + t->len, word, wl + 1);
  t->len += wl;
  return 1;
}

/* Appends the word of every instruction of `block`; 0 when out of memory. */
static int tokens_append_block(token_string *t, LLVMBasicBlockRef block,
                               clara_kind (*kind_of)(void *context,
                                                     LLVMValueRef inst),
                               void *context) {
  char word[256];
  for (LLVMValueRef inst = LLVMGetFirstInstruction(block); inst;
       inst = LLVMGetNextInstruction(inst))
    if (clara_vocab_word(inst, kind_of(context, inst), word, sizeof word) &&
        !tokens_append(t, word))
      return 0;
  return 1;
}

/* Appends `phiin TYPE KIND` for each phi of each successor of `block` (each
 * successor once) that takes a value from `block`; 0 when out of memory. */
static int tokens_append_phi_inputs(token_string *t, LLVMBasicBlockRef block) {
  LLVMValueRef term = LLVMGetBasicBlockTerminator(block);
  unsigned num_succ = term ? LLVMGetNumSuccessors(term) : 0;
  for (unsigned i = 0; i < num_succ; ++i) {
    LLVMBasicBlockRef succ = LLVMGetSuccessor(term, i);
    if (clara_ir_repeats_successor(term, i))
      continue;
    for (LLVMValueRef phi = LLVMGetFirstInstruction(succ);
         phi && LLVMIsAPHINode(phi); phi = LLVMGetNextInstruction(phi)) {
      unsigned n = LLVMCountIncoming(phi);
      for (unsigned k = 0; k < n; ++k) {
        if (LLVMGetIncomingBlock(phi, k) != block)
          continue;
        char word[64];
        word_builder w = {word, sizeof word, 0, 1}; /* ported words only */
        put(&w, "phiin");
        put_type(&w, LLVMTypeOf(phi));
        put(&w, " %s", operand_kind(&w, LLVMGetIncomingValue(phi, k)));
        if (!tokens_append(t, word))
          return 0;
        break; /* one word per phi, even if the edge appears twice */
      }
    }
  }
  return 1;
}

char *clara_vocab_block_tokens_with(LLVMBasicBlockRef block,
                                    clara_kind (*kind_of)(void *context,
                                                          LLVMValueRef inst),
                                    void *context) {
  token_string t;
  if (!tokens_start(&t) || !tokens_append_block(&t, block, kind_of, context))
    return NULL;
  return t.buf;
}

/* One ported word on its way to its block: sorted by the host position of
 * its instruction, ties (code the pipeline made) by the ported order. */
typedef struct {
  size_t block;
  unsigned long order, seq;
  char *word;
} ported_word;

static int compare_ported_words(const void *a, const void *b) {
  const ported_word *x = a, *y = b;
  if (x->block != y->block)
    return x->block < y->block ? -1 : 1;
  if (x->order != y->order)
    return x->order < y->order ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Whether the branch `inst` ending `bb` goes (on one of its edges) to the
 * next block in function order, which codegen reaches without a jump. */
static int falls_through(LLVMValueRef inst, LLVMBasicBlockRef bb) {
  if (LLVMGetInstructionOpcode(inst) != LLVMBr)
    return 0;
  LLVMBasicBlockRef next = LLVMGetNextBasicBlock(bb);
  unsigned n = LLVMGetNumSuccessors(inst);
  for (unsigned i = 0; next && i < n; ++i)
    if (LLVMGetSuccessor(inst, i) == next)
      return 1;
  return 0;
}

/* A load's or store's address, or NULL. */
static LLVMValueRef access_address(LLVMValueRef inst) {
  if (LLVMIsALoadInst(inst))
    return LLVMGetOperand(inst, 0);
  if (LLVMIsAStoreInst(inst))
    return LLVMGetOperand(inst, 1);
  return NULL;
}

/* The memory kinds of `function`'s accesses by address (kind + 1), the
 * first access of each address that has one. Returns CLARA_OK or
 * CLARA_ERROR (out of memory). */
static int kinds_by_address(LLVMValueRef function,
                            clara_kind (*kind_of)(void *context,
                                                  LLVMValueRef inst),
                            void *context, clara_ptrmap *out) {
  size_t known;
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(function); bb;
       bb = LLVMGetNextBasicBlock(bb))
    for (LLVMValueRef inst = LLVMGetFirstInstruction(bb); inst;
         inst = LLVMGetNextInstruction(inst)) {
      LLVMValueRef address = access_address(inst);
      clara_kind kind = address ? kind_of(context, inst) : CLARA_KIND_NONE;
      if (clara_kind_is_memory(kind) &&
          !clara_ptrmap_get(out, address, &known) &&
          clara_ptrmap_put(out, address, (size_t)kind + 1))
        return CLARA_ERROR;
    }
  return CLARA_OK;
}

/* An instruction's kind in the ported code: a load or store the pipeline
 * made has none of its own (instcombine's merge of two stores into their
 * successor, TCPGen `process_ack`'s `store %storemerge, ptr %_cwnd`) and
 * takes that of another access of the same address. */
static clara_kind ported_kind(LLVMValueRef inst, clara_kind kind,
                              const clara_ptrmap *by_address) {
  LLVMValueRef address = access_address(inst);
  size_t known;
  if (address && !clara_kind_is_memory(kind) &&
      clara_ptrmap_get(by_address, address, &known))
    return (clara_kind)(known - 1);
  return kind;
}

int clara_vocab_function_ported_tokens(
    LLVMValueRef function, size_t num_blocks, const clara_nic_backend *backend,
    clara_kind (*kind_of)(void *context, LLVMValueRef inst),
    long (*origin_of)(void *context, LLVMValueRef inst, unsigned long *order),
    void *context, char **out) {
  size_t n = 0, cap = 64, b = 0;
  ported_word *words = malloc(cap * sizeof *words);
  int ok = words != NULL;
  char word[256];
  /* The control-flow graph, for MachineSink's moves and the loop words. */
  clara_cfg cfg;
  int have_cfg = ok;
  ok = ok && clara_cfg_init(&cfg, function) == CLARA_OK;
  /* Code llc's MachineSink moves counts where it lands (sink.h). */
  clara_ptrmap moved;
  clara_ptrmap_init(&moved);
  ok = ok && clara_sink_predict(&cfg, &moved) == CLARA_OK;
  /* Accesses the backend merges into an earlier one count once (merge.h);
   * the mark is a note, which the model's features drop. */
  clara_ptrmap merged;
  clara_ptrmap_init(&merged);
  ok =
      ok && clara_merge_predict(function, backend ? backend->access_merging : 0,
                                &moved, &merged) == CLARA_OK;
  clara_ptrmap by_address;
  clara_ptrmap_init(&by_address);
  ok = ok &&
       kinds_by_address(function, kind_of, context, &by_address) == CLARA_OK;
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(function);
       ok && bb && b < num_blocks; bb = LLVMGetNextBasicBlock(bb), ++b) {
    unsigned long last = 0; /* made code follows what precedes it */
    for (LLVMValueRef inst = LLVMGetFirstInstruction(bb); ok && inst;
         inst = LLVMGetNextInstruction(inst)) {
      if (!word_of(inst, ported_kind(inst, kind_of(context, inst), &by_address),
                   1, word, sizeof word))
        continue;
      size_t flag;
      unsigned accesses =
          backend ? clara_merge_access_count(inst, backend->misaligned_accesses)
                  : 1;
      if (falls_through(inst, bb))
        strncat(word, " next", sizeof word - strlen(word) - 1);
      if (clara_ptrmap_get(&merged, inst, &flag))
        strncat(word, " [merged]", sizeof word - strlen(word) - 1);
      else if (accesses > 1) {
        size_t used = strlen(word);
        snprintf(word + used, sizeof word - used, " [accesses=%u]", accesses);
      }
      unsigned long order = last;
      long origin = origin_of(context, inst, &order);
      int found = origin >= 0 && (size_t)origin < num_blocks;
      if (found)
        last = order;
      size_t sunk_to;
      if (clara_ptrmap_get(&moved, inst, &sunk_to) && sunk_to < num_blocks) {
        found = 1; /* at the top of the block it sinks into */
        origin = (long)sunk_to;
        order = 0;
      }
      if (n == cap) {
        ported_word *grown = realloc(words, 2 * cap * sizeof *words);
        if (!grown) {
          ok = 0;
          break;
        }
        words = grown;
        cap *= 2;
      }
      words[n] = (ported_word){found ? (size_t)origin : b, found ? order : last,
                               n, strdup(word)};
      ok = words[n++].word != NULL;
    }
  }
  if (ok)
    qsort(words, n, sizeof *words, compare_ported_words);
  token_string *t = ok ? calloc(num_blocks ? num_blocks : 1, sizeof *t) : NULL;
  ok = t != NULL;
  for (size_t i = 0; ok && i < num_blocks; ++i)
    ok = tokens_start(&t[i]);
  for (size_t i = 0; ok && i < n; ++i)
    ok = tokens_append(&t[words[i].block], words[i].word);
  b = 0;
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(function);
       ok && bb && b < num_blocks; bb = LLVMGetNextBasicBlock(bb), ++b)
    ok = tokens_append_phi_inputs(&t[b], bb);
  /* the loop context words (loops.h), last */
  clara_block_context *context_of = NULL;
  if (ok) {
    context_of = malloc((cfg.num_blocks + 1) * sizeof *context_of);
    ok = context_of && clara_loops_block_contexts(&cfg, context_of) == CLARA_OK;
  }
  for (size_t i = 0; ok && i < num_blocks && i < cfg.num_blocks; ++i) {
    clara_loops_context_words(&context_of[i], word, sizeof word);
    if (word[0])
      ok = tokens_append(&t[i], word);
  }
  free(context_of);
  if (have_cfg)
    clara_cfg_free(&cfg);
  for (size_t i = 0; i < num_blocks; ++i) {
    out[i] = ok ? t[i].buf : NULL;
    if (!ok && t)
      free(t[i].buf);
  }
  for (size_t i = 0; words && i < n; ++i)
    free(words[i].word);
  free(words);
  free(t);
  clara_ptrmap_clear(&moved);
  clara_ptrmap_clear(&merged);
  clara_ptrmap_clear(&by_address);
  return ok;
}

static int is_unnamed(LLVMValueRef v) {
  size_t len = 0;
  LLVMGetValueName2(v, &len);
  return len == 0;
}

void clara_vocab_block_name(LLVMBasicBlockRef block, char *buf, size_t size) {
  LLVMValueRef as_value = LLVMBasicBlockAsValue(block);
  if (!is_unnamed(as_value)) {
    size_t len = 0;
    snprintf(buf, size, "%s", LLVMGetValueName2(as_value, &len));
    return;
  }
  /* LLVM's SlotTracker: unnamed arguments, then per block the block (if
   * unnamed) and its unnamed non-void instructions. */
  LLVMValueRef fn = LLVMGetBasicBlockParent(block);
  unsigned slot = 0;
  for (LLVMValueRef arg = LLVMGetFirstParam(fn); arg;
       arg = LLVMGetNextParam(arg))
    if (is_unnamed(arg))
      ++slot;
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb;
       bb = LLVMGetNextBasicBlock(bb)) {
    if (is_unnamed(LLVMBasicBlockAsValue(bb))) {
      if (bb == block)
        break;
      ++slot;
    }
    for (LLVMValueRef inst = LLVMGetFirstInstruction(bb); inst;
         inst = LLVMGetNextInstruction(inst))
      if (LLVMGetTypeKind(LLVMTypeOf(inst)) != LLVMVoidTypeKind &&
          is_unnamed(inst))
        ++slot;
  }
  snprintf(buf, size, "%%%u", slot);
}

size_t clara_vocab_count_words(const char *tokens) {
  if (!tokens || !*tokens)
    return 0;
  size_t n = 1;
  for (const char *p = strstr(tokens, CLARA_VOCAB_SEPARATOR); p;
       p = strstr(p + 1, CLARA_VOCAB_SEPARATOR))
    ++n;
  return n;
}

size_t clara_vocab_word_length(const char *word, size_t len) {
  for (size_t i = 0; i + 1 < len; ++i)
    if (word[i] == ' ' && word[i + 1] == '[')
      return i;
  return len;
}

/* Parses a word's expansion note (see put_expansion). */
static int parse_expansion(const char *word, size_t len, char *op,
                           size_t op_size, int *is_state,
                           unsigned long long *bytes, unsigned *align, int *dst,
                           int *src) {
  size_t base = clara_vocab_word_length(word, len);
  if (base == len)
    return 0;
  const char *intrinsic = NULL;
  for (size_t i = 0; i + 10 <= base; ++i)
    if (memcmp(word + i, "llvm.mem", 8) == 0) {
      intrinsic = word + i + 5;
      break;
    }
  if (!intrinsic)
    return 0;
  size_t n = 0;
  while (intrinsic + n < word + base && intrinsic[n] != ' ' && n + 1 < op_size)
    ++n;
  memcpy(op, intrinsic, n);
  op[n] = 0;
  char note[128];
  size_t note_len = len - base - 2; /* after " [" */
  if (note_len >= sizeof note)
    return 0;
  memcpy(note, word + base + 2, note_len);
  note[note_len] = 0;
  char kind[16];
  int used = 0;
  if (sscanf(note, "%15s n=%llu a=%u%n", kind, bytes, align, &used) != 3)
    return 0;
  *is_state = strcmp(kind, "state") == 0;
  *dst = strstr(note + used, "dst") != NULL;
  *src = strstr(note + used, "src") != NULL;
  return 1;
}

void clara_vocab_count_memory(const char *tokens, clara_vocab_expansion expand,
                              void *context, unsigned *state,
                              unsigned *packet) {
  *state = *packet = 0;
  const char *p = tokens;
  const size_t sep = strlen(CLARA_VOCAB_SEPARATOR);
  while (p && *p) {
    const char *next = strstr(p, CLARA_VOCAB_SEPARATOR);
    size_t len = next ? (size_t)(next - p) : strlen(p);
    int is_mem = strncmp(p, "load ", 5) == 0 || strncmp(p, "store ", 6) == 0 ||
                 strncmp(p, "atomicrmw ", 10) == 0 ||
                 strncmp(p, "cmpxchg ", 8) == 0;
    char op[16];
    int is_state, dst, src;
    unsigned long long bytes;
    unsigned align;
    /* An access's note (merge.h): merged into another, or split in K. */
    size_t base = clara_vocab_word_length(p, len);
    unsigned times = 1;
    if (is_mem && base < len) {
      unsigned k = 0;
      if (len - base == 9 && strncmp(p + base, " [merged]", 9) == 0)
        times = 0;
      else if (sscanf(p + base, " [accesses=%u]", &k) == 1 && k > 0)
        times = k;
    }
    if (is_mem && base >= 6 && strncmp(p + base - 6, " state", 6) == 0)
      *state += times;
    else if (is_mem && base >= 7 && strncmp(p + base - 7, " packet", 7) == 0)
      *packet += times;
    else if (expand && parse_expansion(p, len, op, sizeof op, &is_state, &bytes,
                                       &align, &dst, &src)) {
      unsigned side = expand(context, op, bytes, align);
      unsigned n = side * (unsigned)(dst + src);
      *(is_state ? state : packet) += n;
    }
    p = next ? next + sep : NULL;
  }
}
