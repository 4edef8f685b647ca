/*===- test/unit/atomic_file_test.c - write completely or not at all ------===*/
#include "atomic_file.h"
#include "clara_test.h"
#include "error.h"

#include <stdlib.h>
#include <unistd.h>

static char dir[] = "/tmp/clara-atomic-XXXXXX";

static char *slurp(const char *path) {
  static char buf[256];
  FILE *f = fopen(path, "r");
  if (!f)
    return NULL;
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  buf[n] = '\0';
  fclose(f);
  return buf;
}

static void test_commit_replaces(void) {
  char path[128];
  snprintf(path, sizeof path, "%s/out.txt", dir);
  clara_atomic_file out;
  char *message = NULL;
  CLARA_CHECK_EQ_INT(clara_atomic_file_open(&out, path, "w", &message),
                     CLARA_OK);
  fputs("first", out.file);
  CLARA_CHECK(slurp(path) == NULL); /* nothing visible before commit */
  CLARA_CHECK_EQ_INT(clara_atomic_file_commit(&out, &message), CLARA_OK);
  CLARA_CHECK_STR(slurp(path), "first");
}

static void test_abort_keeps_previous(void) {
  char path[128];
  snprintf(path, sizeof path, "%s/out.txt", dir);
  clara_atomic_file out;
  char *message = NULL;
  CLARA_CHECK_EQ_INT(clara_atomic_file_open(&out, path, "w", &message),
                     CLARA_OK);
  fputs("second", out.file);
  char tmp[160];
  snprintf(tmp, sizeof tmp, "%s", out.tmp_path);
  clara_atomic_file_abort(&out);
  CLARA_CHECK_STR(slurp(path), "first");
  CLARA_CHECK(access(tmp, F_OK) != 0); /* no temporary left */
}

static void test_unwritable_names_destination(void) {
  clara_atomic_file out;
  char *message = NULL;
  CLARA_CHECK_EQ_INT(
      clara_atomic_file_open(&out, "/nonexistent/dir/out.txt", "w", &message),
      CLARA_ERROR);
  CLARA_CHECK(message && strstr(message, "/nonexistent/dir/out.txt: cannot "
                                         "write"));
  clara_dispose_message(message);
}

int main(void) {
  if (!mkdtemp(dir))
    return 2;
  CLARA_RUN(test_commit_replaces);
  CLARA_RUN(test_abort_keeps_previous);
  CLARA_RUN(test_unwritable_names_destination);
  char path[128];
  snprintf(path, sizeof path, "%s/out.txt", dir);
  unlink(path);
  rmdir(dir);
  CLARA_TEST_EXIT();
}
