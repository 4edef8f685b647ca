/*===- test/unit/remarks_test.c - the optimization-remark reader ----------===*/
#include "clara_test.h"
#include "error.h"
#include "remarks.h"

static const char good[] =
    "--- !Analysis\n"
    "Pass:            clara-annotate\n"
    "Name:            StateObject\n"
    "DebugLoc:        { File: 'a.cc', Line: 3, Column: 0 }\n"
    "Function:        _ZN3Foo13simple_actionEP6Packet\n"
    "Args:\n"
    "  - String:          'state object '\n"
    "  - Name:            Foo::_table\n"
    "  - Bytes:           '4096'\n"
    "    DebugLoc:        { File: 'a.cc', Line: 5, Column: 0 }\n"
    "  - Shared:          no\n"
    "...\n"
    "--- !Missed\n"
    "Pass:            inline\n"
    "Name:            NoDefinition\n"
    "Function:        main\n"
    "...\n";

static int load(const char *text, clara_remark_file **file, char **message) {
  return clara_remarks_load_buffer(text, strlen(text), "t.yaml", file, message);
}

static void test_reads_remarks(void) {
  clara_remark_file *file = NULL;
  char *message = NULL;
  CLARA_CHECK_EQ_INT(load(good, &file, &message), CLARA_OK);
  if (!file)
    return;
  CLARA_CHECK_EQ_INT(file->num_remarks, 2);
  const clara_remark *r = &file->remarks[0];
  CLARA_CHECK_STR(r->type, "Analysis");
  CLARA_CHECK_STR(r->pass, "clara-annotate");
  CLARA_CHECK_STR(r->name, "StateObject");
  CLARA_CHECK_STR(r->function, "_ZN3Foo13simple_actionEP6Packet");
  CLARA_CHECK_STR(clara_remark_get_arg(r, "Name"), "Foo::_table");
  CLARA_CHECK_STR(clara_remark_get_arg(r, "Bytes"), "4096");
  CLARA_CHECK_STR(clara_remark_get_arg(r, "Shared"), "no");
  CLARA_CHECK(clara_remark_get_arg(r, "Container") == NULL);
  CLARA_CHECK_STR(file->remarks[1].type, "Missed");
  clara_remarks_dispose(file);
}

static void test_malformed_yaml_names_line(void) {
  clara_remark_file *file = NULL;
  char *message = NULL;
  CLARA_CHECK_EQ_INT(
      load("--- !Analysis\nPass: x\nName: [unclosed\n", &file, &message),
      CLARA_ERROR);
  CLARA_CHECK(file == NULL);
  CLARA_CHECK(message && strstr(message, "t.yaml:") &&
              strstr(message, "invalid YAML"));
  clara_dispose_message(message);
}

static void test_not_a_remark(void) {
  clara_remark_file *file = NULL;
  char *message = NULL;
  CLARA_CHECK_EQ_INT(load("--- !Analysis\nName: x\n...\n", &file, &message),
                     CLARA_ERROR);
  CLARA_CHECK(message && strstr(message, "t.yaml:1: not an optimization "
                                         "remark"));
  clara_dispose_message(message);
  message = NULL;
  CLARA_CHECK_EQ_INT(load("- just\n- a list\n", &file, &message), CLARA_ERROR);
  clara_dispose_message(message);
}

/* Found by remarks_fuzz: a key given twice leaked the first value. */
static void test_duplicate_key_is_an_error(void) {
  clara_remark_file *file = NULL;
  char *message = NULL;
  CLARA_CHECK_EQ_INT(
      load("--- !Analysis\nPass: a\nName: b\nPass: c\n...\n", &file, &message),
      CLARA_ERROR);
  CLARA_CHECK(file == NULL);
  CLARA_CHECK(message && strstr(message, "each once"));
  clara_dispose_message(message);
  message = NULL;
  CLARA_CHECK_EQ_INT(load("--- !Analysis\nPass: a\nName: b\nArgs:\n  - A: 1\n"
                          "Args:\n  - B: 2\n...\n",
                          &file, &message),
                     CLARA_ERROR);
  clara_dispose_message(message);
}

static void test_missing_file(void) {
  clara_remark_file *file = NULL;
  char *message = NULL;
  CLARA_CHECK_EQ_INT(clara_remarks_load("/nonexistent/r.yaml", &file, &message),
                     CLARA_ERROR);
  CLARA_CHECK(message && strstr(message, "/nonexistent/r.yaml: cannot open"));
  clara_dispose_message(message);
}

int main(void) {
  CLARA_RUN(test_reads_remarks);
  CLARA_RUN(test_malformed_yaml_names_line);
  CLARA_RUN(test_not_a_remark);
  CLARA_RUN(test_duplicate_key_is_an_error);
  CLARA_RUN(test_missing_file);
  CLARA_TEST_EXIT();
}
