/*===- test/unit/clara_test.h - Minimal C unit-test harness ---------------===*
 *
 * Each test/unit/NAME_test.c is one executable: it defines test functions,
 * lists them in main() with CLARA_RUN(), and ends with CLARA_TEST_EXIT(),
 * which prints "N passed, M failed" and returns non-zero on any failure.
 * CLARA_CHECK records a failure with file and line but keeps going.
 *
 *===----------------------------------------------------------------------===*/
#ifndef CLARA_TEST_H
#define CLARA_TEST_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int clara_test_failures_in_case;
static int clara_test_passed;
static int clara_test_failed;

#define CLARA_CHECK(cond)                                                      \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      ++clara_test_failures_in_case;                                           \
    }                                                                          \
  } while (0)

#define CLARA_CHECK_EQ_INT(a, b)                                               \
  do {                                                                         \
    long long clara_a_ = (long long)(a), clara_b_ = (long long)(b);            \
    if (clara_a_ != clara_b_) {                                                \
      fprintf(stderr, "%s:%d: %s == %s failed: %lld != %lld\n", __FILE__,      \
              __LINE__, #a, #b, clara_a_, clara_b_);                           \
      ++clara_test_failures_in_case;                                           \
    }                                                                          \
  } while (0)

#define CLARA_CHECK_NEAR(a, b, tol)                                            \
  do {                                                                         \
    double clara_a_ = (a), clara_b_ = (b);                                     \
    if (!(fabs(clara_a_ - clara_b_) <= (tol))) {                               \
      fprintf(stderr, "%s:%d: %s ~= %s failed: %g vs %g\n", __FILE__,          \
              __LINE__, #a, #b, clara_a_, clara_b_);                           \
      ++clara_test_failures_in_case;                                           \
    }                                                                          \
  } while (0)

#define CLARA_CHECK_STR(a, b)                                                  \
  do {                                                                         \
    const char *clara_a_ = (a), *clara_b_ = (b);                               \
    if (!clara_a_ || !clara_b_ || strcmp(clara_a_, clara_b_) != 0) {           \
      fprintf(stderr, "%s:%d: %s == \"%s\" failed: got \"%s\"\n", __FILE__,    \
              __LINE__, #a, clara_b_ ? clara_b_ : "(null)",                    \
              clara_a_ ? clara_a_ : "(null)");                                 \
      ++clara_test_failures_in_case;                                           \
    }                                                                          \
  } while (0)

#define CLARA_RUN(test)                                                        \
  do {                                                                         \
    clara_test_failures_in_case = 0;                                           \
    test();                                                                    \
    if (clara_test_failures_in_case) {                                         \
      ++clara_test_failed;                                                     \
      fprintf(stderr, "FAIL: %s\n", #test);                                    \
    } else {                                                                   \
      ++clara_test_passed;                                                     \
    }                                                                          \
  } while (0)

#define CLARA_TEST_EXIT()                                                      \
  do {                                                                         \
    printf("%d passed, %d failed\n", clara_test_passed, clara_test_failed);    \
    return clara_test_failed ? 1 : 0;                                          \
  } while (0)

#endif
