/*===- core/atomic_file.c - Write a file completely or not at all ---------===*/
#include "atomic_file.h"

#include "error.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void release(clara_atomic_file *out) {
  free(out->path);
  free(out->tmp_path);
  out->file = NULL;
  out->path = out->tmp_path = NULL;
}

int clara_atomic_file_open(clara_atomic_file *out, const char *path,
                           const char *mode, char **out_message) {
  size_t n = strlen(path) + 32;
  out->file = NULL;
  out->path = strdup(path);
  out->tmp_path = malloc(n);
  if (!out->path || !out->tmp_path) {
    release(out);
    return clara_error(out_message, "%s: out of memory", path);
  }
  snprintf(out->tmp_path, n, "%s.tmp.%ld", path, (long)getpid());
  out->file = fopen(out->tmp_path, mode);
  if (!out->file) {
    int status = clara_error(out_message, "%s: cannot write %s: %s", path,
                             out->tmp_path, strerror(errno));
    release(out);
    return status;
  }
  return CLARA_OK;
}

int clara_atomic_file_commit(clara_atomic_file *out, char **out_message) {
  int failed = ferror(out->file) != 0;
  failed |= fflush(out->file) != 0;
  failed |= fsync(fileno(out->file)) != 0 && errno != EINVAL;
  int saved = errno;
  failed |= fclose(out->file) != 0;
  if (!failed && rename(out->tmp_path, out->path) == 0) {
    release(out);
    return CLARA_OK;
  }
  if (!saved)
    saved = errno;
  int status = clara_error(out_message, "%s: cannot write: %s", out->path,
                           strerror(saved ? saved : EIO));
  unlink(out->tmp_path);
  release(out);
  return status;
}

void clara_atomic_file_abort(clara_atomic_file *out) {
  if (out->file)
    fclose(out->file);
  if (out->tmp_path)
    unlink(out->tmp_path);
  release(out);
}
