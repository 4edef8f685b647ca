/*===- core/yaml_doc.c - Loading Clara's YAML files with libyaml ----------===*/
#include "yaml_doc.h"

#include "error.h"

/* libyaml's reader errors carry a byte offset instead of a mark. */
static unsigned long line_at_offset(const char *data, size_t size,
                                    size_t offset) {
  unsigned long line = 1;
  for (size_t i = 0; data && i < offset && i < size; ++i)
    line += data[i] == '\n';
  return line;
}

int clara_yaml_error(const yaml_parser_t *parser, const char *file,
                     const char *data, size_t size, char **out_message) {
  if (parser->error == YAML_MEMORY_ERROR)
    return clara_error(out_message, "%s: out of memory while parsing YAML",
                       file);
  const char *problem = parser->problem ? parser->problem : "unknown error";
  if (parser->error == YAML_READER_ERROR)
    return clara_error(out_message, "%s:%lu: invalid YAML: %s", file,
                       line_at_offset(data, size, parser->problem_offset),
                       problem);
  unsigned long line = (unsigned long)parser->problem_mark.line + 1;
  unsigned long column = (unsigned long)parser->problem_mark.column + 1;
  if (parser->context)
    return clara_error(out_message,
                       "%s:%lu: invalid YAML: %s (column %lu, %s on line %lu)",
                       file, line, problem, column, parser->context,
                       (unsigned long)parser->context_mark.line + 1);
  return clara_error(out_message, "%s:%lu: invalid YAML: %s (column %lu)", file,
                     line, problem, column);
}

int clara_yaml_load_single(const char *data, size_t size, const char *file,
                           const char *expected, const char *kind,
                           yaml_document_t *out, char **out_message) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser))
    return clara_error(out_message, "%s: out of memory", file);
  yaml_parser_set_input_string(&parser, (const unsigned char *)data, size);
  if (!yaml_parser_load(&parser, out)) {
    int status = clara_yaml_error(&parser, file, data, size, out_message);
    yaml_parser_delete(&parser);
    return status;
  }
  int status = CLARA_OK;
  if (!yaml_document_get_root_node(out)) {
    status = clara_error(out_message, "%s:1: empty file; expected %s", file,
                         expected);
  } else {
    /* A second document would be silently ignored otherwise. */
    yaml_document_t extra;
    if (!yaml_parser_load(&parser, &extra)) {
      status = clara_yaml_error(&parser, file, data, size, out_message);
    } else {
      if (yaml_document_get_root_node(&extra))
        status =
            clara_error(out_message,
                        "%s:%lu: a second YAML document starts here; a "
                        "%s is one document",
                        file, (unsigned long)extra.start_mark.line + 1, kind);
      yaml_document_delete(&extra);
    }
  }
  yaml_parser_delete(&parser);
  if (status != CLARA_OK)
    yaml_document_delete(out);
  return status;
}
