/*===- test/unit/memops_test.c - memory-intrinsic expansion counts --------===*
 *
 * clara_vocab_count_memory() reads the expansion notes of mem
 * intrinsic words and clara_api_costs_expansion() prices them from an API
 * cost table's clara_memcpy_N_A / clara_memset_N_A rows (core/predict.h).
 *
 *===----------------------------------------------------------------------===*/
#include "clara_test.h"

#include "error.h"
#include "predict.h"
#include "vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static clara_api_costs *load_table(void) {
  char path[] = "/tmp/clara-memops-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0)
    return NULL;
  FILE *f = fdopen(fd, "w");
  /* memcpy rows count loads and stores, memset rows stores. */
  fputs("# clara-api-costs 1\n"
        "clara_memcpy_8_1\t1\t16\n"
        "clara_memcpy_8_8\t1\t2\n"
        "clara_memcpy_128_8\t1\t32\n"
        "clara_memset_16_8\t2\t2\n",
        f);
  fclose(f);
  clara_api_costs *t = NULL;
  char *message = NULL;
  if (clara_api_costs_load(path, &t, &message) != CLARA_OK) {
    fprintf(stderr, "%s\n", message);
    clara_dispose_message(message);
  }
  unlink(path);
  return t;
}

static void test_expansion(void) {
  clara_api_costs *t = load_table();
  CLARA_CHECK(t != NULL);
  if (!t)
    return;
  /* One side of a copy: half the row. */
  CLARA_CHECK_EQ_INT(clara_api_costs_expansion(t, "memcpy", 8, 1), 8);
  CLARA_CHECK_EQ_INT(clara_api_costs_expansion(t, "memcpy", 8, 8), 1);
  /* Alignments above the table's largest use its row; memmove is a copy. */
  CLARA_CHECK_EQ_INT(clara_api_costs_expansion(t, "memmove", 8, 16), 1);
  /* Alignment 4 falls back to the largest tabled alignment <= 4: row
   * 8_4 is missing here, so nothing. */
  CLARA_CHECK_EQ_INT(clara_api_costs_expansion(t, "memcpy", 8, 4), 0);
  /* Longer than the table: the 128-byte row scaled (16 x 300 / 128). */
  CLARA_CHECK_EQ_INT(clara_api_costs_expansion(t, "memcpy", 300, 8), 38);
  CLARA_CHECK_EQ_INT(clara_api_costs_expansion(t, "memset", 16, 8), 2);
  CLARA_CHECK_EQ_INT(clara_api_costs_expansion(NULL, "memset", 16, 8), 0);
  CLARA_CHECK_EQ_INT(clara_api_costs_expansion(t, "memcpy", 0, 8), 0);

  /* Notes: each non-stack side counts, as the call's kind. */
  unsigned state = 0, packet = 0;
  clara_vocab_count_memory(
      "load i32 state ; call void intrinsic llvm.memcpy len8 [state n=8 "
      "a=1 dst src] ; call void intrinsic llvm.memcpy len8 [packet n=8 a=8 "
      "src] ; call void intrinsic llvm.memset len16 [packet n=16 a=8 dst] ; "
      "store i8 reg packet",
      clara_api_costs_expansion, t, &state, &packet);
  CLARA_CHECK_EQ_INT(state, 1 + 8 + 8);
  CLARA_CHECK_EQ_INT(packet, 1 + 2 + 1);
  /* Without an expansion, notes count nothing (the old rule). */
  clara_vocab_count_memory("call void intrinsic llvm.memcpy len8 [state n=8 "
                           "a=1 dst src] ; load i8 state",
                           NULL, NULL, &state, &packet);
  CLARA_CHECK_EQ_INT(state, 1);
  CLARA_CHECK_EQ_INT(packet, 0);
  /* The model's word is the word without its note. */
  const char *w = "call void intrinsic llvm.memcpy len8 [state n=8 a=1 dst]";
  CLARA_CHECK_EQ_INT(clara_vocab_word_length(w, strlen(w)),
                     strlen("call void intrinsic llvm.memcpy len8"));
  CLARA_CHECK_EQ_INT(clara_vocab_word_length("load i8 state", 13), 13);
  clara_api_costs_dispose(t);
}

/* The notes of merged and split accesses (core/merge.h). */
static void test_access_notes(void) {
  unsigned state = 0, packet = 0;
  clara_vocab_count_memory(
      "store i8 const state ; store i8 const state [merged] ; load i32 "
      "packet [accesses=4] ; load i32 packet [merged] ; store i16 reg "
      "packet [accesses=2] ; load i64 stack [accesses=2] ; add i32 reg reg",
      NULL, NULL, &state, &packet);
  CLARA_CHECK_EQ_INT(state, 1);
  CLARA_CHECK_EQ_INT(packet, 4 + 2);
  const char *w = "load i32 packet [accesses=4]";
  CLARA_CHECK_EQ_INT(clara_vocab_word_length(w, strlen(w)),
                     strlen("load i32 packet"));
}

int main(void) {
  CLARA_RUN(test_expansion);
  CLARA_RUN(test_access_notes);
  CLARA_TEST_EXIT();
}
