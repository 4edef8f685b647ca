/*===- core/yaml_doc.h - Loading Clara's YAML files with libyaml ----------===*
 *
 * What the YAML readers (NIC profiles, run-time profiles, remark files)
 * share: libyaml's parse errors turned into one message naming the file,
 * line and problem, and loading a file that must hold exactly one document.
 *
 *===----------------------------------------------------------------------===*/
#ifndef CLARA_CORE_YAML_DOC_H
#define CLARA_CORE_YAML_DOC_H

#include <stddef.h>
#include <yaml.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Reports the parser's failure as "FILE:LINE: invalid YAML: PROBLEM
 * (column C[, CONTEXT on line L])" and returns CLARA_ERROR. `data` and
 * `size` (the parsed bytes, may be NULL) locate reader errors, which carry
 * a byte offset instead of a line. */
int clara_yaml_error(const yaml_parser_t *parser, const char *file,
                     const char *data, size_t size, char **out_message);

/* Parses `size` bytes that must hold exactly one YAML document whose root
 * exists: an empty input is an error expecting `expected` (e.g. "a
 * 'clara-nic: 1' profile"), a second document one saying a `kind` (e.g.
 * "NIC profile") is one document. On success the caller owns *out and
 * deletes it with yaml_document_delete(). */
int clara_yaml_load_single(const char *data, size_t size, const char *file,
                           const char *expected, const char *kind,
                           yaml_document_t *out, char **out_message);

#ifdef __cplusplus
}
#endif

#endif
