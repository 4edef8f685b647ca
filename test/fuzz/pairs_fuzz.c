/*===- test/fuzz/pairs_fuzz.c - libFuzzer target for pairs files ----------===*
 *
 * The reader behind clara-train and predict_bench (core/pairs.c). It reads
 * paths only, so each input goes through a temporary file; what it accepts
 * is written back and read again, which must give as many rows.
 *
 *   cmake --build build --target pairs_fuzz
 *   build/bin/pairs_fuzz -max_total_time=180 /tmp/pairs-corpus \
 *       test/predict-instrs/inputs
 *
 *===----------------------------------------------------------------------===*/
#include "error.h"
#include "pairs.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char in[64], out[64];
  snprintf(in, sizeof in, "/tmp/clara-pairs-fuzz-%d.tsv", (int)getpid());
  snprintf(out, sizeof out, "/tmp/clara-pairs-fuzz-%d.out.tsv", (int)getpid());
  FILE *f = fopen(in, "wb");
  if (!f)
    abort();
  if (size && fwrite(data, 1, size, f) != size)
    abort();
  fclose(f);
  clara_pairs *pairs = clara_pairs_create(), *again = clara_pairs_create();
  char *message = NULL;
  if (!pairs || !again)
    abort();
  if (clara_pairs_read(in, pairs, &message) == CLARA_OK) {
    if (clara_pairs_write(out, pairs, &message) != CLARA_OK ||
        clara_pairs_read(out, again, &message) != CLARA_OK ||
        again->count != pairs->count)
      abort(); /* what was read must write and read back */
    unlink(out);
  }
  clara_pairs_dispose(pairs);
  clara_pairs_dispose(again);
  clara_dispose_message(message);
  unlink(in);
  return 0;
}
