/*===- test/unit/profile_test.c - the run-time profile reader/writer ------===*/
#include "clara_test.h"

#include "error.h"
#include "profile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *good =
    "clara-profile: 1\n"
    "module: \"00112233445566aa\"\n"
    "packets: 10\n"
    "blocks:\n"
    "  - {function: \"f\", block: \"entry\", index: 0, count: 10}\n"
    "  - {function: \"f\", block: \"%3\", index: 1, count: 4}\n"
    "objects:\n"
    "  - {name: \"E::_t\", bytes: 64, peak_entries: 3}\n"
    "accesses:\n"
    "  - {function: \"f\", index: 0, object: \"E::_t\", loads: 10, stores: "
    "20, atomics: 0}\n";

static char *read_error(const char *text) {
  clara_profile *p = NULL;
  char *message = NULL;
  int status =
      clara_profile_read_buffer(text, strlen(text), "x.yaml", &p, &message);
  CLARA_CHECK(status == CLARA_ERROR);
  CLARA_CHECK(p == NULL);
  return message;
}

static char *replace(const char *from, const char *to) {
  const char *at = strstr(good, from);
  size_t n = strlen(good) + strlen(to) + 1;
  char *s = malloc(n);
  snprintf(s, n, "%.*s%s%s", (int)(at - good), good, to, at + strlen(from));
  return s;
}

static void test_round_trip(void) {
  clara_profile *p = NULL;
  char *message = NULL;
  CLARA_CHECK(clara_profile_read_buffer(good, strlen(good), "x.yaml", &p,
                                        &message) == CLARA_OK);
  if (!p)
    return;
  CLARA_CHECK_STR(p->module, "00112233445566aa");
  CLARA_CHECK_EQ_INT(p->packets, 10);
  CLARA_CHECK_EQ_INT(p->num_blocks, 2);
  CLARA_CHECK_EQ_INT(clara_profile_block_count(p, "f", 1), 4);
  CLARA_CHECK_EQ_INT(p->objects[0].peak_entries, 3);
  CLARA_CHECK_EQ_INT(p->accesses[0].stores, 20);
  char path[] = "/tmp/clara_profile_testXXXXXX";
  int fd = mkstemp(path);
  close(fd);
  CLARA_CHECK(clara_profile_write(p, path, &message) == CLARA_OK);
  clara_profile *q = NULL;
  CLARA_CHECK(clara_profile_read(path, &q, &message) == CLARA_OK);
  if (q) {
    CLARA_CHECK_EQ_INT(q->num_accesses, 1);
    CLARA_CHECK_STR(q->blocks[1].block, "%3");
    /* Merging a run into itself doubles counts, keeps the peak. */
    CLARA_CHECK(clara_profile_merge(q, p, &message) == CLARA_OK);
    CLARA_CHECK_EQ_INT(q->packets, 20);
    CLARA_CHECK_EQ_INT(clara_profile_block_count(q, "f", 0), 20);
    CLARA_CHECK_EQ_INT(q->accesses[0].loads, 20);
    CLARA_CHECK_EQ_INT(q->objects[0].peak_entries, 3);
    CLARA_CHECK_EQ_INT(q->num_blocks, 2);
  }
  CLARA_CHECK(clara_profile_check_module(p, "00112233445566aa", path,
                                         &message) == CLARA_OK);
  CLARA_CHECK(clara_profile_check_module(p, "ffffffffffffffff", path,
                                         &message) == CLARA_ERROR);
  CLARA_CHECK(message && strstr(message, "another version of the code"));
  clara_dispose_message(message);
  message = NULL;
  clara_profile *other = clara_profile_create("ffffffffffffffff");
  CLARA_CHECK(clara_profile_merge(p, other, &message) == CLARA_ERROR);
  CLARA_CHECK(message && strstr(message, "different modules"));
  CLARA_CHECK_EQ_INT(p->packets, 10); /* unchanged */
  clara_dispose_message(message);
  clara_profile_dispose(other);
  clara_profile_dispose(q);
  clara_profile_dispose(p);
  unlink(path);
}

static void test_write_failure_keeps_old_file(void) {
  clara_profile *p = clara_profile_create("00112233445566aa");
  char *message = NULL;
  CLARA_CHECK(clara_profile_write(p, "/nonexistent-dir/p.yaml", &message) ==
              CLARA_ERROR);
  CLARA_CHECK(message && strstr(message, "/nonexistent-dir/p.yaml"));
  clara_dispose_message(message);
  clara_profile_dispose(p);
}

static void check_error(const char *from, const char *to,
                        const char *expected) {
  char *text = replace(from, to);
  char *message = read_error(text);
  if (!message || !strstr(message, expected)) {
    fprintf(stderr, "replacing '%s' by '%s': got '%s', expected '%s'\n", from,
            to, message ? message : "(none)", expected);
    CLARA_CHECK(0);
  }
  clara_dispose_message(message);
  free(text);
}

static void test_bad_profiles(void) {
  check_error("clara-profile: 1", "clara-profile: 7",
              "x.yaml:1: profile format version 7 is not supported");
  check_error("clara-profile: 1\n", "",
              "the first key must be 'clara-profile: 1'");
  check_error("module: \"00112233445566aa\"", "module: \"xyz\"",
              "x.yaml:2: 'module' must be 16 lower-case hex digits");
  check_error("packets: 10", "packets: -1",
              "x.yaml:3: 'packets' must be a non-negative integer");
  check_error("count: 4", "count: 4, extra: 1",
              "x.yaml:6: unknown key 'extra'");
  check_error(", count: 4", "", "lacks 'count'");
  check_error("index: 1, count", "index: 0, count",
              "block 0 of f is listed twice");
  check_error("object: \"E::_t\"", "object: \"E::_u\"",
              "access to 'E::_u', which 'objects' does not list");
  check_error("packets: 10\n", "packets: 10\npackets: 11\n",
              "key 'packets' given twice");
  check_error("objects:\n  - {name", "objects:\n  - [1]\n  - {name",
              "must be a mapping");
  check_error("\"E::_t\", bytes", "\"E::_t\", bytes: [",
              "x.yaml:8: invalid YAML");
  char *message = read_error("clara-profile: 1\nmodule: \"00112233445566aa\"\n"
                             "packets: 1\nblocks: 5\nobjects: []\n"
                             "accesses: []\n");
  CLARA_CHECK(message && strstr(message, "x.yaml:4: 'blocks' must be a list"));
  clara_dispose_message(message);
  message = read_error("");
  CLARA_CHECK(message && strstr(message, "empty file"));
  clara_dispose_message(message);
  message = read_error("--- {clara-profile: 1}\n--- {}\n");
  CLARA_CHECK(message && strstr(message, "second YAML document"));
  clara_dispose_message(message);
  clara_profile *p = NULL;
  CLARA_CHECK(clara_profile_read("/nonexistent.yaml", &p, &message) ==
              CLARA_ERROR);
  CLARA_CHECK(message && strstr(message, "/nonexistent.yaml: cannot open"));
  clara_dispose_message(message);
}

int main(void) {
  CLARA_RUN(test_round_trip);
  CLARA_RUN(test_write_failure_keeps_old_file);
  CLARA_RUN(test_bad_profiles);
  CLARA_TEST_EXIT();
}
