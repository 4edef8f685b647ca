/*===- core/atomic_file.h - Write a file completely or not at all ---------===*
 *
 * Every output Clara writes (profiles, pairs, models, traces) goes to a
 * temporary name beside its destination and is renamed over it only when
 * fully written and synced, so an error or a crash leaves the previous file
 * intact (DESIGN.md: "Files written").
 *
 *   clara_atomic_file out;
 *   if (clara_atomic_file_open(&out, path, "w", &msg) != CLARA_OK) ...
 *   fprintf(out.file, ...);
 *   return clara_atomic_file_commit(&out, &msg); // or _abort(&out)
 *
 *===----------------------------------------------------------------------===*/
#ifndef CLARA_CORE_ATOMIC_FILE_H
#define CLARA_CORE_ATOMIC_FILE_H

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  FILE *file;     /* write here */
  char *path;     /* the destination */
  char *tmp_path; /* PATH.tmp.PID, renamed over PATH on commit */
} clara_atomic_file;

/* Opens a temporary file beside `path` with fopen `mode` ("w" or "wb").
 * On failure nothing is left behind and the message names `path`. */
int clara_atomic_file_open(clara_atomic_file *out, const char *path,
                           const char *mode, char **out_message);

/* Flushes, syncs and closes the temporary file and renames it over the
 * destination; on any failure (including an earlier write error on the
 * stream) removes it and reports the destination. Frees `out` either way. */
int clara_atomic_file_commit(clara_atomic_file *out, char **out_message);

/* Closes and removes the temporary file, leaving the destination as it was.
 * Frees `out`. */
void clara_atomic_file_abort(clara_atomic_file *out);

#ifdef __cplusplus
}
#endif

#endif
