/*===- test/fuzz/nic_fuzz.c - libFuzzer target for the NIC profile reader -===*
 *
 * Feeds arbitrary bytes to clara_nic_load_buffer(). Besides crashes, leaks
 * and undefined behaviour (the build adds ASan and UBSan), it checks the
 * writer: every profile the reader accepts must be written, read back, and
 * written again to the same text.
 *
 *   cmake --build build --target nic_fuzz
 *   build/bin/nic_fuzz -max_total_time=180 CORPUS_DIR models/nic
 *
 *===----------------------------------------------------------------------===*/
#include "error.h"
#include "nic.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *write_to_string(const clara_nic *nic, size_t *size) {
  char *text = NULL;
  FILE *out = open_memstream(&text, size);
  if (!out)
    abort();
  char *message = NULL;
  if (clara_nic_write(nic, out, &message) != CLARA_OK) {
    fprintf(stderr, "writing an accepted profile failed: %s\n", message);
    abort();
  }
  fclose(out);
  return text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  clara_nic *nic = NULL;
  char *message = NULL;
  if (clara_nic_load_buffer((const char *)data, size, "fuzz.yaml", &nic,
                            &message) != CLARA_OK) {
    if (!message || nic)
      abort(); /* a failure must explain itself and return nothing */
    clara_dispose_message(message);
    return 0;
  }
  size_t written_size = 0;
  char *written = write_to_string(nic, &written_size);
  clara_nic *copy = NULL;
  if (clara_nic_load_buffer(written, written_size, "written.yaml", &copy,
                            &message) != CLARA_OK) {
    fprintf(stderr, "re-reading a written profile failed: %s\n%s\n", message,
            written);
    abort();
  }
  size_t again_size = 0;
  char *again = write_to_string(copy, &again_size);
  if (again_size != written_size || memcmp(again, written, written_size)) {
    fprintf(stderr, "write/read/write changed the text:\n%s\n---\n%s\n",
            written, again);
    abort();
  }
  free(again);
  free(written);
  clara_nic_dispose(copy);
  clara_nic_dispose(nic);
  return 0;
}
