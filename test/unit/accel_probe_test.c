/* Unit tests of core/accel_probe.c: known behaviours (a CRC is GF(2)-affine
 * with avalanche, a checksum is neither, an integer finaliser avalanches, an
 * xorshift is linear), confinement (crashes, endless loops, unresolved
 * calls and output to stdout stay in the child), unsupported signatures,
 * determinism (also of allocated addresses) and whether probing is
 * available. */
#include "accel_probe.h"
#include "clara_test.h"
#include "clara_test_ir.h"
#include "error.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <llvm-c/Core.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *IR =
    /* Reflected CRC-32, bit by bit with a mask. */
    "define i32 @crc(ptr %p, i32 %n) {\n"
    "entry:\n"
    "  br label %outer\n"
    "outer:\n"
    "  %i = phi i32 [ 0, %entry ], [ %i1, %next ]\n"
    "  %c = phi i32 [ -1, %entry ], [ %x2, %next ]\n"
    "  %done = icmp sge i32 %i, %n\n"
    "  br i1 %done, label %exit, label %body\n"
    "body:\n"
    "  %q = getelementptr i8, ptr %p, i32 %i\n"
    "  %b = load i8, ptr %q\n"
    "  %bz = zext i8 %b to i32\n"
    "  %x0 = xor i32 %c, %bz\n"
    "  br label %bit\n"
    "bit:\n"
    "  %k = phi i32 [ 0, %body ], [ %k1, %bit ]\n"
    "  %x = phi i32 [ %x0, %body ], [ %x2, %bit ]\n"
    "  %lsb = and i32 %x, 1\n"
    "  %mask = sub i32 0, %lsb\n"
    "  %pm = and i32 %mask, -306674912\n"
    "  %sh = lshr i32 %x, 1\n"
    "  %x2 = xor i32 %sh, %pm\n"
    "  %k1 = add i32 %k, 1\n"
    "  %kd = icmp eq i32 %k1, 8\n"
    "  br i1 %kd, label %next, label %bit\n"
    "next:\n"
    "  %i1 = add i32 %i, 1\n"
    "  br label %outer\n"
    "exit:\n"
    "  %r = xor i32 %c, -1\n"
    "  ret i32 %r\n"
    "}\n"
    /* Internet checksum over n 16-bit words. */
    "define i16 @csum(ptr %p, i32 %n) {\n"
    "entry:\n"
    "  br label %loop\n"
    "loop:\n"
    "  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]\n"
    "  %s = phi i32 [ 0, %entry ], [ %s1, %loop ]\n"
    "  %q = getelementptr i16, ptr %p, i32 %i\n"
    "  %w = load i16, ptr %q\n"
    "  %wz = zext i16 %w to i32\n"
    "  %s1 = add i32 %s, %wz\n"
    "  %i1 = add i32 %i, 1\n"
    "  %d = icmp slt i32 %i1, %n\n"
    "  br i1 %d, label %loop, label %fold\n"
    "fold:\n"
    "  %lo = and i32 %s1, 65535\n"
    "  %hi = lshr i32 %s1, 16\n"
    "  %f = add i32 %lo, %hi\n"
    "  %t = trunc i32 %f to i16\n"
    "  %r = xor i16 %t, -1\n"
    "  ret i16 %r\n"
    "}\n"
    /* murmur3's 32-bit finaliser. */
    "define i32 @fmix(i32 %h) {\n"
    "  %a = lshr i32 %h, 16\n"
    "  %b = xor i32 %h, %a\n"
    "  %c = mul i32 %b, -2048144789\n"
    "  %d = lshr i32 %c, 13\n"
    "  %e = xor i32 %c, %d\n"
    "  %f = mul i32 %e, -1028477387\n"
    "  %g = lshr i32 %f, 16\n"
    "  %r = xor i32 %f, %g\n"
    "  ret i32 %r\n"
    "}\n"
    /* An xorshift step: linear over GF(2). */
    "define i32 @xs(i32 %x) {\n"
    "  %a = shl i32 %x, 13\n"
    "  %b = xor i32 %x, %a\n"
    "  %c = lshr i32 %b, 17\n"
    "  %d = xor i32 %b, %c\n"
    "  ret i32 %d\n"
    "}\n"
    "define void @crash(ptr %p) {\n"
    "  %v = load volatile ptr, ptr null\n"
    "  store volatile i32 1, ptr %v\n"
    "  ret void\n"
    "}\n"
    "define void @spin(ptr %p) {\n"
    "entry:\n"
    "  br label %l\n"
    "l:\n"
    "  %v = load volatile i32, ptr %p\n"
    "  br label %l\n"
    "}\n"
    "declare void @clara_probe_test_nowhere()\n"
    "define i32 @unresolved(ptr %p) {\n"
    "  call void @clara_probe_test_nowhere()\n"
    "  ret i32 1\n"
    "}\n"
    "@hello = private constant [6 x i8] c\"hello\\00\"\n"
    "declare i32 @puts(ptr)\n"
    "define i32 @say(ptr %p) {\n"
    "  %r = call i32 @puts(ptr @hello)\n"
    "  %v = load i32, ptr %p\n"
    "  ret i32 %v\n"
    "}\n"
    /* Returns what it allocates: with the probes' own heap, the same
     * address on every run. */
    "declare ptr @malloc(i64)\n"
    "define i64 @alloc(i64 %x) {\n"
    "  %p = call ptr @malloc(i64 16)\n"
    "  store i64 %x, ptr %p\n"
    "  %v = ptrtoint ptr %p to i64\n"
    "  ret i64 %v\n"
    "}\n"
    "define double @half(double %x) {\n"
    "  %r = fmul double %x, 5.000000e-01\n"
    "  ret double %r\n"
    "}\n";

enum { CRC, CSUM, FMIX, XS, CRASH, SPIN, UNRESOLVED, SAY, ALLOC, HALF, N };
static const char *const Names[N] = {"crc",   "csum", "fmix",       "xs",
                                     "crash", "spin", "unresolved", "say",
                                     "alloc", "half"};
enum { DEP, AFFINE, AVAL, BITS, IDEP, IAFFINE, IAVAL };

static double Values[2][N * CLARA_ACCEL_NUM_PROBE];
static char Leaked[64];
static ssize_t LeakedBytes = -1;

static double value(int fn, int k) {
  return Values[0][fn * CLARA_ACCEL_NUM_PROBE + k];
}

/* Probes the module twice with stdout on a pipe, to see what leaks. */
static int probe_twice(void) {
  LLVMContextRef ctx = LLVMContextCreate();
  LLVMModuleRef m = clara_test_parse_ir(ctx, IR, "probe");
  if (!m)
    return 0;
  LLVMValueRef fns[N];
  for (int i = 0; i < N; ++i)
    fns[i] = LLVMGetNamedFunction(m, Names[i]);
  int fds[2];
  fflush(stdout);
  int saved = dup(1);
  if (pipe(fds) != 0 || saved < 0 || dup2(fds[1], 1) < 0)
    return 0;
  int ok = 1;
  for (int run = 0; run < 2; ++run) {
    char *msg = NULL;
    ok &= clara_accel_probe(m, fns, N, Values[run], &msg) == CLARA_OK;
    clara_dispose_message(msg);
  }
  fflush(stdout);
  dup2(saved, 1);
  close(saved);
  close(fds[1]);
  fcntl(fds[0], F_SETFL, O_NONBLOCK);
  LeakedBytes = read(fds[0], Leaked, sizeof Leaked);
  close(fds[0]);
  LLVMDisposeModule(m);
  LLVMContextDispose(ctx);
  return ok;
}

static void test_crc_is_affine_with_avalanche(void) {
  CLARA_CHECK_NEAR(value(CRC, DEP), 1.0, 0);
  CLARA_CHECK_NEAR(value(CRC, AFFINE), 1.0, 0);
  CLARA_CHECK(value(CRC, AVAL) > 0.3 && value(CRC, AVAL) < 0.7);
  /* The integer argument is the length: varying it is not affine. */
  CLARA_CHECK(value(CRC, IAFFINE) < 1.0);
}

static void test_checksum_neither(void) {
  CLARA_CHECK_NEAR(value(CSUM, DEP), 1.0, 0);
  CLARA_CHECK(value(CSUM, AFFINE) < 0.5);
  CLARA_CHECK(value(CSUM, AVAL) < 0.2);
}

static void test_integer_phase(void) {
  /* No pointer argument: phase A is not measured. */
  CLARA_CHECK(isnan(value(FMIX, DEP)) && isnan(value(FMIX, AVAL)));
  CLARA_CHECK_NEAR(value(FMIX, IDEP), 1.0, 0);
  CLARA_CHECK(value(FMIX, IAVAL) > 0.3);
  CLARA_CHECK(value(FMIX, IAFFINE) < 0.5);
  CLARA_CHECK_NEAR(value(XS, IAFFINE), 1.0, 0);
}

static void test_confinement(void) {
  /* Crashes, endless loops and calls the process cannot resolve end the
   * function's runs: nothing is measured. */
  const int failing[] = {CRASH, SPIN, UNRESOLVED};
  for (size_t i = 0; i < sizeof failing / sizeof *failing; ++i)
    for (int k = 0; k < CLARA_ACCEL_NUM_PROBE; ++k)
      CLARA_CHECK(isnan(value(failing[i], k)));
  /* Output of the probed code goes nowhere; stdio works. */
  CLARA_CHECK(!isnan(value(SAY, DEP)));
  CLARA_CHECK(LeakedBytes <= 0);
}

static void test_unsupported_signature(void) {
  for (int k = 0; k < CLARA_ACCEL_NUM_PROBE; ++k)
    CLARA_CHECK(isnan(value(HALF, k)));
}

static void test_deterministic(void) {
  CLARA_CHECK(memcmp(Values[0], Values[1], sizeof Values[0]) == 0);
  /* Allocation does not depend on the C library's heap: every run of a
   * function gets the same addresses, so its result does not change. */
  CLARA_CHECK_NEAR(value(ALLOC, IDEP), 0.0, 0);
}

/* In a process that may not install seccomp filters (as in some
 * containers), probing is reported unavailable, with the reason. */
static int unavailable_without_seccomp(void) {
  struct sock_filter deny[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_seccomp, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_prctl, 0, 3),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
               offsetof(struct seccomp_data, args[0])),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PR_SET_SECCOMP, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  struct sock_fprog program = {sizeof deny / sizeof *deny, deny};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
      prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program, 0, 0) != 0)
    return 0;
  char *msg = NULL;
  int ok = clara_accel_probe_available(&msg) == 0 && msg &&
           strstr(msg, "seccomp") != NULL;
  clara_dispose_message(msg);
  return ok;
}

static void test_available(void) {
  char *msg = NULL;
  CLARA_CHECK(clara_accel_probe_available(&msg) == 1);
  clara_dispose_message(msg);
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0)
    _exit(unavailable_without_seccomp() ? 0 : 1);
  int status = 1;
  CLARA_CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
  CLARA_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static void test_names(void) {
  CLARA_CHECK(strcmp(clara_accel_probe_feature_name(0), "probe.dep") == 0);
  CLARA_CHECK(clara_accel_probe_feature_name(CLARA_ACCEL_NUM_PROBE) == NULL);
}

int main(void) {
  if (!probe_twice()) {
    fprintf(stderr, "accel_probe_test: probing failed\n");
    return 1;
  }
  CLARA_RUN(test_crc_is_affine_with_avalanche);
  CLARA_RUN(test_checksum_neither);
  CLARA_RUN(test_integer_phase);
  CLARA_RUN(test_confinement);
  CLARA_RUN(test_unsupported_signature);
  CLARA_RUN(test_deterministic);
  CLARA_RUN(test_available);
  CLARA_RUN(test_names);
  CLARA_TEST_EXIT();
}
