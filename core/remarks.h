/*===- core/remarks.h - Reading LLVM optimization-remark YAML -------------===*
 *
 * Reads the file `opt -pass-remarks-output=FILE` writes: a stream of YAML
 * documents tagged !Passed, !Missed, !Analysis ..., each with Pass, Name,
 * Function and a list of one-key Args. Clara's own tools (clara-report,
 * clara-colocate) read Clara's remarks through this one reader.
 *
 *===----------------------------------------------------------------------===*/
#ifndef CLARA_CORE_REMARKS_H
#define CLARA_CORE_REMARKS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  char *key;
  char *value;
} clara_remark_arg;

typedef struct {
  char *type; /* "Analysis", "Passed", "Missed", ... (the YAML tag) */
  char *pass;
  char *name;
  char *function;
  clara_remark_arg *args;
  size_t num_args;
} clara_remark;

typedef struct {
  clara_remark *remarks;
  size_t num_remarks;
} clara_remark_file;

/* Reads every remark of the YAML file at `path`. The caller frees *out with
 * clara_remarks_dispose(). */
int clara_remarks_load(const char *path, clara_remark_file **out,
                       char **out_message);

/* Reads every remark of `size` bytes of remark YAML at `data`; `name` is
 * used in messages. The caller frees *out with clara_remarks_dispose(). */
int clara_remarks_load_buffer(const char *data, size_t size, const char *name,
                              clara_remark_file **out, char **out_message);

/* The value of the first argument named `key`, or NULL. */
const char *clara_remark_get_arg(const clara_remark *remark, const char *key);

/* Frees a file read by clara_remarks_load(). NULL is fine. */
void clara_remarks_dispose(clara_remark_file *file);

#ifdef __cplusplus
}
#endif

#endif
