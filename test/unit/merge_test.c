/*===- test/unit/merge_test.c - Merged memory accesses (core/merge.c) -----===*
 *
 * Each function of the module below is one case; the test names the
 * accesses (by value name: loads by their result, stores by the name of
 * the pointer they store to) that must be marked under a rule set. Every
 * other access must stay unmarked.
 *
 *===----------------------------------------------------------------------===*/
#include "clara_test.h"
#include "clara_test_ir.h"
#include "error.h"
#include "merge.h"

#include <llvm-c/Core.h>
#include <llvm-c/IRReader.h>
#include <stdio.h>
#include <string.h>

static const char *const IR =
    "target datalayout = \"e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-"
    "S128\"\n"
    "%struct.click_ip = type { i8, i8, i16, i16, i16, i8, i8, i16, i32, i32 "
    "}\n"
    "declare void @g()\n"
    /* WebGen's receive_syn_ack: three constant stores fill 4 aligned
     * bytes (one store); the fourth would make 5 bytes of a group that
     * started 4-aligned: 5 > align 4, so it stays alone. */
    "define void @constant_stores(ptr %p) {\n"
    "  %s1 = getelementptr i8, ptr %p, i64 1\n"
    "  %s2 = getelementptr i8, ptr %p, i64 2\n"
    "  %s4 = getelementptr i8, ptr %p, i64 4\n"
    "  store i8 2, ptr %p, align 4\n"
    "  store i8 0, ptr %s1, align 1\n"
    "  store i16 500, ptr %s2, align 2\n"
    "  store i8 7, ptr %s4, align 4\n"
    "  ret void\n"
    "}\n"
    /* The same bytes with the first store 1-aligned: merged only where
     * misaligned stores are. */
    "define void @misaligned(ptr %p) {\n"
    "  %m1 = getelementptr i8, ptr %p, i64 1\n"
    "  %m2 = getelementptr i8, ptr %p, i64 2\n"
    "  store i8 2, ptr %p, align 1\n"
    "  store i8 0, ptr %m1, align 1\n"
    "  store i16 500, ptr %m2, align 1\n"
    "  ret void\n"
    "}\n"
    /* Groups end at 8 bytes, at a store of a register, at a load, at a
     * gap and at another base. */
    "define void @group_ends(ptr %p, ptr %q, i32 %v) {\n"
    "  %w4 = getelementptr i8, ptr %p, i64 4\n"
    "  %w8 = getelementptr i8, ptr %p, i64 8\n"
    "  %w12 = getelementptr i8, ptr %p, i64 12\n"
    "  %w16 = getelementptr i8, ptr %p, i64 16\n"
    "  %w20 = getelementptr i8, ptr %p, i64 20\n"
    "  %w28 = getelementptr i8, ptr %p, i64 28\n"
    "  %x4 = getelementptr i8, ptr %q, i64 4\n"
    "  store i32 1, ptr %p, align 8\n"
    "  store i32 2, ptr %w4, align 4\n"
    "  store i32 3, ptr %w8, align 8\n"
    "  store i32 %v, ptr %w12, align 4\n"
    "  store i32 4, ptr %w16, align 8\n"
    "  %l = load i32, ptr %q, align 4\n"
    "  store i32 5, ptr %w20, align 4\n"
    "  store i32 6, ptr %w28, align 4\n"
    "  store i32 7, ptr %x4, align 4\n"
    "  ret void\n"
    "}\n"
    /* TCPResponder's address swap: ip_src and ip_dst (struct GEPs, offsets
     * 12 and 16) are read as a pair and written as a pair. */
    "define void @pairs(ptr %ip) {\n"
    "  %src = getelementptr inbounds %struct.click_ip, ptr %ip, i32 0, i32 "
    "8\n"
    "  %dst = getelementptr inbounds %struct.click_ip, ptr %ip, i32 0, i32 "
    "9\n"
    "  %a = load i32, ptr %src, align 4\n"
    "  %b = load i32, ptr %dst, align 4\n"
    "  store i32 %b, ptr %src, align 4\n"
    "  store i32 %a, ptr %dst, align 4\n"
    "  ret void\n"
    "}\n"
    /* No pair across a call, across a store between two loads, across a
     * load of the base between two stores, for 2-byte accesses, or
     * across a gap; descending offsets pair. */
    "define i32 @no_pairs(ptr %p, ptr %q) {\n"
    "  %n4 = getelementptr i8, ptr %p, i64 4\n"
    "  %n8 = getelementptr i8, ptr %p, i64 8\n"
    "  %n16 = getelementptr i8, ptr %p, i64 16\n"
    "  %h2 = getelementptr i8, ptr %q, i64 2\n"
    "  %c0 = load i32, ptr %p, align 4\n"
    "  call void @g()\n"
    "  %c4 = load i32, ptr %n4, align 4\n"
    "  store i32 0, ptr %q, align 4\n"
    "  %c8 = load i32, ptr %n8, align 4\n"
    "  store i32 %c0, ptr %n16, align 4\n"
    "  %c16 = load i32, ptr %n16, align 4\n"
    "  store i32 %c4, ptr %n8, align 4\n"
    "  %h0 = load i16, ptr %q, align 2\n"
    "  %h = load i16, ptr %h2, align 2\n"
    "  %d8 = load i32, ptr %n8, align 4\n"
    "  %d4 = load i32, ptr %n4, align 4\n"
    "  %s = add i32 %c8, %c16\n"
    "  %t = add i32 %d8, %d4\n"
    "  %u = add i32 %s, %t\n"
    "  ret i32 %u\n"
    "}\n"
    /* The pair's lower offset is a 7-bit signed immediate scaled by the
     * size (llc 19, aarch64: ldp at 248 and at 504 (x); ldr, ldr at 268
     * and 272, at -260 and -256, at 512 and 520 (x), at 2 and 6, and at
     * 16380 and 16384 (the first fits ldr's immediate, the second gets a
     * new base); beyond ldr's immediate a new base register is made for
     * both and they pair: ldp at 32900 (w) and 57528 (x)). */
    "define i64 @pair_offsets(ptr %p) {\n"
    "  %w248 = getelementptr i8, ptr %p, i64 248\n"
    "  %w252 = getelementptr i8, ptr %p, i64 252\n"
    "  %w268 = getelementptr i8, ptr %p, i64 268\n"
    "  %w272 = getelementptr i8, ptr %p, i64 272\n"
    "  %wm260 = getelementptr i8, ptr %p, i64 -260\n"
    "  %wm256 = getelementptr i8, ptr %p, i64 -256\n"
    "  %x504 = getelementptr i8, ptr %p, i64 504\n"
    "  %x512 = getelementptr i8, ptr %p, i64 512\n"
    "  %a = load i32, ptr %w248, align 4\n"
    "  %b = load i32, ptr %w252, align 4\n"
    "  %c = load i32, ptr %w268, align 4\n"
    "  %d = load i32, ptr %w272, align 4\n"
    "  %e = load i32, ptr %wm260, align 4\n"
    "  %f = load i32, ptr %wm256, align 4\n"
    "  %g = load i64, ptr %x504, align 8\n"
    "  %h = load i64, ptr %x512, align 8\n"
    "  %s1 = add i32 %a, %b\n"
    "  %s2 = add i32 %c, %d\n"
    "  %s3 = add i32 %e, %f\n"
    "  %s4 = add i32 %s1, %s2\n"
    "  %s5 = add i32 %s4, %s3\n"
    "  %z = zext i32 %s5 to i64\n"
    "  %s6 = add i64 %g, %h\n"
    "  %r = add i64 %z, %s6\n"
    "  ret i64 %r\n"
    "}\n"
    /* The first store moves down past a load of the second's bytes (llc
     * 19: ldr, stp). */
    "define void @store_moves_down(ptr %p, i32 %x, i32 %n) {\n"
    "  %a16 = getelementptr i8, ptr %p, i64 16\n"
    "  %a20 = getelementptr i8, ptr %p, i64 20\n"
    "  store i32 %x, ptr %a16, align 4\n"
    "  %v = load i32, ptr %a20, align 4\n"
    "  %w = add i32 %v, %n\n"
    "  store i32 %w, ptr %a20, align 4\n"
    "  ret void\n"
    "}\n"
    "define i64 @pair_beyond(ptr %p) {\n"
    "  %w1 = getelementptr i8, ptr %p, i64 32900\n"
    "  %w2 = getelementptr i8, ptr %p, i64 32904\n"
    "  %x1 = getelementptr i8, ptr %p, i64 57528\n"
    "  %x2 = getelementptr i8, ptr %p, i64 57536\n"
    "  %c = load i32, ptr %w1, align 4\n"
    "  %d = load i32, ptr %w2, align 4\n"
    "  %a = load i64, ptr %x1, align 8\n"
    "  %b = load i64, ptr %x2, align 8\n"
    "  %s = add i32 %c, %d\n"
    "  %z = zext i32 %s to i64\n"
    "  %t = add i64 %a, %b\n"
    "  %r = add i64 %z, %t\n"
    "  ret i64 %r\n"
    "}\n"
    "define i64 @pair_far(ptr %p) {\n"
    "  %v1 = getelementptr i8, ptr %p, i64 16380\n"
    "  %v2 = getelementptr i8, ptr %p, i64 16384\n"
    "  %e = load i32, ptr %v1, align 4\n"
    "  %f = load i32, ptr %v2, align 4\n"
    "  %ef = add i32 %e, %f\n"
    "  %x512 = getelementptr i8, ptr %p, i64 512\n"
    "  %x520 = getelementptr i8, ptr %p, i64 520\n"
    "  %w2 = getelementptr i8, ptr %p, i64 2\n"
    "  %w6 = getelementptr i8, ptr %p, i64 6\n"
    "  %g = load i64, ptr %x512, align 8\n"
    "  %h = load i64, ptr %x520, align 8\n"
    "  %a = load i32, ptr %w2, align 2\n"
    "  %b = load i32, ptr %w6, align 2\n"
    "  %s0 = add i32 %a, %b\n"
    "  %s = add i32 %s0, %ef\n"
    "  %z = zext i32 %s to i64\n"
    "  %s6 = add i64 %g, %h\n"
    "  %r = add i64 %z, %s6\n"
    "  ret i64 %r\n"
    "}\n";

/* The later rules (combined loads, loaded-value stores, pairing past
 * other accesses), each as checked with llc 19 on the same functions. */
static const char *const IR2 =
    "target datalayout = \"e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-"
    "S128\"\n"
    /* AggregateCounter: four adjacent counters updated in turn. AArch64
     * pairs the loads and the stores (ldp + stp): a load moves up past a
     * store to other bytes of the same base. */
    "define void @counters(ptr %p, i64 %a) {\n"
    "  %p8 = getelementptr i8, ptr %p, i64 8\n"
    "  %x = load i64, ptr %p, align 8\n"
    "  %x2 = add i64 %x, %a\n"
    "  store i64 %x2, ptr %p, align 8\n"
    "  %y = load i64, ptr %p8, align 8\n"
    "  %y2 = add i64 %y, %a\n"
    "  store i64 %y2, ptr %p8, align 8\n"
    "  ret void\n"
    "}\n"
    /* A store to the partner's bytes, or to another base, stops pairing. */
    "define i64 @blocked(ptr %p, ptr %q) {\n"
    "  %b8 = getelementptr i8, ptr %p, i64 8\n"
    "  %u = load i64, ptr %p, align 8\n"
    "  store i64 1, ptr %b8, align 8\n"
    "  %v = load i64, ptr %b8, align 8\n"
    "  store i64 2, ptr %q, align 8\n"
    "  %w = load i64, ptr %p, align 8\n"
    "  %s = add i64 %u, %v\n"
    "  %t = add i64 %s, %w\n"
    "  ret i64 %t\n"
    "}\n"
    /* A little-endian 32-bit read (WepDecap's ICV): one `ldr` on AArch64,
     * lwl + lwr on MIPS. */
    "define i32 @le32(ptr %p) {\n"
    "  %p1 = getelementptr i8, ptr %p, i64 1\n"
    "  %p2 = getelementptr i8, ptr %p, i64 2\n"
    "  %p3 = getelementptr i8, ptr %p, i64 3\n"
    "  %l0 = load i8, ptr %p, align 1\n"
    "  %l1 = load i8, ptr %p1, align 1\n"
    "  %l2 = load i8, ptr %p2, align 1\n"
    "  %l3 = load i8, ptr %p3, align 1\n"
    "  %z0 = zext i8 %l0 to i32\n"
    "  %z1 = zext i8 %l1 to i32\n"
    "  %z2 = zext i8 %l2 to i32\n"
    "  %z3 = zext i8 %l3 to i32\n"
    "  %s1 = shl i32 %z1, 8\n"
    "  %s2 = shl i32 %z2, 16\n"
    "  %s3 = shl i32 %z3, 24\n"
    "  %o1 = or i32 %z0, %s1\n"
    "  %o2 = or i32 %o1, %s2\n"
    "  %o3 = or i32 %o2, %s3\n"
    "  ret i32 %o3\n"
    "}\n"
    /* A big-endian 16-bit read: `ldrh` + `rev16` on AArch64, two byte
     * loads on MIPS. A byte at the wrong shift is no such read. */
    "define i32 @be16(ptr %p, ptr %q) {\n"
    "  %h1 = getelementptr i8, ptr %p, i64 1\n"
    "  %g1 = getelementptr i8, ptr %q, i64 1\n"
    "  %b0 = load i8, ptr %p, align 1\n"
    "  %b1 = load i8, ptr %h1, align 1\n"
    "  %y0 = zext i8 %b0 to i32\n"
    "  %y1 = zext i8 %b1 to i32\n"
    "  %t0 = shl i32 %y0, 8\n"
    "  %w = or i32 %t0, %y1\n"
    "  %c0 = load i8, ptr %q, align 1\n"
    "  %c1 = load i8, ptr %g1, align 1\n"
    "  %x0 = zext i8 %c0 to i32\n"
    "  %x1 = zext i8 %c1 to i32\n"
    "  %r0 = shl i32 %x0, 16\n"
    "  %odd = or i32 %r0, %x1\n"
    "  %sum = add i32 %w, %odd\n"
    "  ret i32 %sum\n"
    "}\n"
    /* TCPResponder's port swap, 4-aligned: `ldr` + `ror` + `str` on
     * AArch64, `lw` + `sw` on MIPS; 2-aligned only on AArch64. */
    "define void @swap(ptr %t, ptr %u) {\n"
    "  %t2 = getelementptr i8, ptr %t, i64 2\n"
    "  %u2 = getelementptr i8, ptr %u, i64 2\n"
    "  %a = load i16, ptr %t, align 4\n"
    "  %b = load i16, ptr %t2, align 2\n"
    "  store i16 %b, ptr %t, align 4\n"
    "  store i16 %a, ptr %t2, align 2\n"
    "  %c = load i16, ptr %u, align 2\n"
    "  %d = load i16, ptr %u2, align 2\n"
    "  store i16 %d, ptr %u, align 2\n"
    "  store i16 %c, ptr %u2, align 2\n"
    "  ret void\n"
    "}\n";

/* The instruction that defines `name`, or the store to pointer `name`. */
static LLVMValueRef find(LLVMValueRef fn, const char *name) {
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb;
       bb = LLVMGetNextBasicBlock(bb))
    for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i;
         i = LLVMGetNextInstruction(i)) {
      size_t len = 0;
      LLVMOpcode op = LLVMGetInstructionOpcode(i);
      if (op != LLVMLoad && op != LLVMStore)
        continue;
      LLVMValueRef named = op == LLVMStore ? LLVMGetOperand(i, 1) : i;
      if (strcmp(LLVMGetValueName2(named, &len), name) == 0)
        return i;
    }
  fprintf(stderr, "no access %s\n", name);
  return NULL;
}

/* Checks that exactly the accesses named in `expected` (NULL-terminated)
 * are marked when `rules` apply to function `fn_name` (with `moved`, may be
 * NULL). */
static void expect_marked(LLVMModuleRef m, const char *fn_name, unsigned rules,
                          const clara_ptrmap *moved,
                          const char *const *expected) {
  LLVMValueRef fn = LLVMGetNamedFunction(m, fn_name);
  clara_ptrmap merged;
  clara_ptrmap_init(&merged);
  CLARA_CHECK_EQ_INT(clara_merge_predict(fn, rules, moved, &merged), CLARA_OK);
  size_t count = 0, flag;
  for (; expected[count]; ++count) {
    LLVMValueRef inst = find(fn, expected[count]);
    int marked = inst && clara_ptrmap_get(&merged, inst, &flag);
    if (!marked)
      fprintf(stderr, "%s (rules %u): %s is not marked\n", fn_name, rules,
              expected[count]);
    CLARA_CHECK(marked);
  }
  if (merged.count != count)
    fprintf(stderr, "%s (rules %u): %zu marked, expected %zu\n", fn_name, rules,
            merged.count, count);
  CLARA_CHECK_EQ_INT(merged.count, count);
  clara_ptrmap_clear(&merged);
}

static LLVMModuleRef parse_text(LLVMContextRef ctx, const char *ir) {
  return clara_test_parse_ir(ctx, ir, "merge");
}

static LLVMModuleRef parse(LLVMContextRef ctx) { return parse_text(ctx, IR); }

enum {
  STORES = CLARA_NIC_MERGE_CONSTANT_STORES,
  MISALIGNED = CLARA_NIC_MERGE_CONSTANT_STORES | CLARA_NIC_MERGE_MISALIGNED,
  PAIRS = CLARA_NIC_MERGE_PAIRS,
  AARCH64 = MISALIGNED | PAIRS
};

static void test_constant_stores(void) {
  LLVMContextRef ctx = LLVMContextCreate();
  LLVMModuleRef m = parse(ctx);
  CLARA_CHECK(m != NULL);
  if (m) {
    const char *const none[] = {NULL};
    const char *const first_group[] = {"s1", "s2", NULL};
    expect_marked(m, "constant_stores", 0, NULL, none);
    expect_marked(m, "constant_stores", STORES, NULL, first_group);
    expect_marked(m, "constant_stores", PAIRS, NULL, none);
    /* Misaligned merging could take the fifth byte too, but no store is 5
     * bytes wide: the group stops at 4. */
    expect_marked(m, "constant_stores", MISALIGNED, NULL, first_group);
    const char *const mis[] = {"m1", "m2", NULL};
    expect_marked(m, "misaligned", STORES, NULL, none);
    expect_marked(m, "misaligned", MISALIGNED, NULL, mis);
    /* 1+2 (8 bytes), 3 alone (register store next), 4 alone (a load
     * next), 5 alone (gap to 28), 6 alone (other base next). */
    const char *const ends[] = {"w4", NULL};
    expect_marked(m, "group_ends", STORES, NULL, ends);
    LLVMDisposeModule(m);
  }
  LLVMContextDispose(ctx);
}

static void test_pairs(void) {
  LLVMContextRef ctx = LLVMContextCreate();
  LLVMModuleRef m = parse(ctx);
  CLARA_CHECK(m != NULL);
  if (m) {
    const char *const none[] = {NULL};
    const char *const swap[] = {"b", "dst", NULL};
    expect_marked(m, "pairs", STORES, NULL, none);
    expect_marked(m, "pairs", PAIRS, NULL, swap);
    expect_marked(m, "pairs", AARCH64, NULL, swap);
    const char *const descending[] = {"d4", NULL};
    expect_marked(m, "no_pairs", PAIRS, NULL, descending);
    const char *const in_range[] = {"b", "h", NULL};
    expect_marked(m, "pair_offsets", PAIRS, NULL, in_range);
    expect_marked(m, "pair_far", AARCH64, NULL, none);
    const char *const moves_down[] = {"a20", NULL};
    expect_marked(m, "store_moves_down", PAIRS, NULL, moves_down);
    const char *const beyond[] = {"d", "b", NULL};
    expect_marked(m, "pair_beyond", PAIRS, NULL, beyond);
    /* A load MachineSink moves out of the block pairs with nothing. */
    clara_ptrmap moved;
    clara_ptrmap_init(&moved);
    LLVMValueRef fn = LLVMGetNamedFunction(m, "pairs");
    CLARA_CHECK_EQ_INT(clara_ptrmap_put(&moved, find(fn, "b"), 1), CLARA_OK);
    const char *const stores_only[] = {"dst", NULL};
    expect_marked(m, "pairs", PAIRS, &moved, stores_only);
    clara_ptrmap_clear(&moved);
    LLVMDisposeModule(m);
  }
  LLVMContextDispose(ctx);
}

static void test_later_rules(void) {
  LLVMContextRef ctx = LLVMContextCreate();
  LLVMModuleRef m = parse_text(ctx, IR2);
  CLARA_CHECK(m != NULL);
  if (m) {
    const char *const none[] = {NULL};
    const char *const counters[] = {"y", "p8", NULL};
    expect_marked(m, "counters", PAIRS, NULL, counters);
    expect_marked(m, "blocked", PAIRS, NULL, none);
    const char *const le_one[] = {"l1", "l2", "l3", NULL};
    const char *const le_two[] = {"l2", "l3", NULL};
    expect_marked(m, "le32", CLARA_NIC_MERGE_COMBINED_LOADS, NULL, le_one);
    expect_marked(m, "le32", CLARA_NIC_MERGE_COMBINED_LOADS_SPLIT, NULL,
                  le_two);
    expect_marked(m, "le32", AARCH64, NULL, none);
    const char *const be[] = {"b1", NULL};
    expect_marked(m, "be16", CLARA_NIC_MERGE_COMBINED_LOADS, NULL, be);
    expect_marked(m, "be16", CLARA_NIC_MERGE_COMBINED_LOADS_SPLIT, NULL, none);
    const char *const aligned[] = {"b", "t2", NULL};
    const char *const both[] = {"b", "t2", "d", "u2", NULL};
    expect_marked(m, "swap", CLARA_NIC_MERGE_LOADED_VALUES, NULL, aligned);
    expect_marked(m, "swap",
                  CLARA_NIC_MERGE_LOADED_VALUES | CLARA_NIC_MERGE_MISALIGNED,
                  NULL, both);
    expect_marked(m, "swap", AARCH64, NULL, none);
    LLVMDisposeModule(m);
  }
  LLVMContextDispose(ctx);
}

/* Misaligned accesses: size / alignment pieces (split), two (pair), one
 * (native or aligned). */
static void test_access_count(void) {
  LLVMContextRef ctx = LLVMContextCreate();
  static const char *const ir = "define void @f(ptr %p, i32 %v) {\n"
                                "  %a1 = load i32, ptr %p, align 1\n"
                                "  %a2 = load i32, ptr %p, align 2\n"
                                "  %a4 = load i32, ptr %p, align 4\n"
                                "  %h1 = load i16, ptr %p, align 1\n"
                                "  %b1 = load i8, ptr %p, align 1\n"
                                "  %q4 = load i64, ptr %p, align 4\n"
                                "  store i32 %v, ptr %p, align 1\n"
                                "  ret void\n"
                                "}\n";
  LLVMModuleRef m = parse_text(ctx, ir);
  CLARA_CHECK(m != NULL);
  if (m) {
    LLVMValueRef fn = LLVMGetNamedFunction(m, "f");
    static const struct {
      const char *name;
      unsigned split, pair;
    } cases[] = {{"a1", 4, 2}, {"a2", 2, 2}, {"a4", 1, 1}, {"h1", 2, 2},
                 {"b1", 1, 1}, {"q4", 2, 2}, {"p", 4, 2}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; ++i) {
      LLVMValueRef inst = find(fn, cases[i].name);
      CLARA_CHECK_EQ_INT(
          clara_merge_access_count(inst, CLARA_NIC_MISALIGNED_SPLIT),
          cases[i].split);
      CLARA_CHECK_EQ_INT(
          clara_merge_access_count(inst, CLARA_NIC_MISALIGNED_PAIR),
          cases[i].pair);
      CLARA_CHECK_EQ_INT(
          clara_merge_access_count(inst, CLARA_NIC_MISALIGNED_NATIVE), 1);
    }
    CLARA_CHECK_EQ_INT(clara_merge_access_count(
                           LLVMGetFirstInstruction(LLVMGetLastBasicBlock(fn)),
                           CLARA_NIC_MISALIGNED_SPLIT),
                       4); /* %a1 */
    LLVMDisposeModule(m);
  }
  LLVMContextDispose(ctx);
}

int main(void) {
  CLARA_RUN(test_constant_stores);
  CLARA_RUN(test_pairs);
  CLARA_RUN(test_later_rules);
  CLARA_RUN(test_access_count);
  CLARA_TEST_EXIT();
}
