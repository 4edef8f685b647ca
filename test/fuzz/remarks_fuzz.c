/*===- test/fuzz/remarks_fuzz.c - libFuzzer target for the remark reader --===*
 *
 *   cmake --build build --target remarks_fuzz
 *   build/bin/remarks_fuzz -max_total_time=180 /tmp/remarks-corpus \
 *       test/fuzz/remarks-seeds
 *
 *===----------------------------------------------------------------------===*/
#include "error.h"
#include "remarks.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  clara_remark_file *file = NULL;
  char *message = NULL;
  if (clara_remarks_load_buffer((const char *)data, size, "fuzz", &file,
                                &message) == CLARA_OK) {
    for (size_t i = 0; i < file->num_remarks; ++i)
      (void)clara_remark_get_arg(&file->remarks[i], "Function");
  }
  clara_remarks_dispose(file);
  clara_dispose_message(message);
  return 0;
}
