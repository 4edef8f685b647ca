/*===- test/fuzz/profile_fuzz.c - libFuzzer target for run-time profiles --===*
 *
 * The reader behind -clara-profile and clara-profile (core/profile.c),
 * seeded with the checked-in profiles; what it accepts is written back and
 * read again, which must succeed.
 *
 *   cmake --build build --target profile_fuzz
 *   build/bin/profile_fuzz -max_total_time=180 /tmp/profile-corpus \
 *       test/place-state/inputs
 *
 *===----------------------------------------------------------------------===*/
#include "error.h"
#include "profile.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  clara_profile *profile = NULL;
  char *message = NULL;
  if (clara_profile_read_buffer((const char *)data, size, "fuzz", &profile,
                                &message) == CLARA_OK) {
    char path[64];
    snprintf(path, sizeof path, "/tmp/clara-profile-fuzz-%d.yaml",
             (int)getpid());
    clara_profile *again = NULL;
    if (clara_profile_write(profile, path, &message) != CLARA_OK ||
        clara_profile_read(path, &again, &message) != CLARA_OK)
      abort(); /* what was read must write and read back */
    clara_profile_dispose(again);
    unlink(path);
  }
  clara_profile_dispose(profile);
  clara_dispose_message(message);
  return 0;
}
