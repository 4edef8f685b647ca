/*===- core/remarks.c - Reading LLVM optimization-remark YAML -------------===*/
#include "remarks.h"

#include "error.h"
#include "yaml_doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static char *scalar_of(yaml_document_t *doc, yaml_node_t *node) {
  if (!node || node->type != YAML_SCALAR_NODE)
    return NULL;
  (void)doc;
  return strndup((const char *)node->data.scalar.value,
                 node->data.scalar.length);
}

static void free_remark(clara_remark *r) {
  free(r->type);
  free(r->pass);
  free(r->name);
  free(r->function);
  for (size_t i = 0; i < r->num_args; ++i) {
    free(r->args[i].key);
    free(r->args[i].value);
  }
  free(r->args);
}

/* Fills `r` from one remark document; returns CLARA_ERROR on bad shape. */
static int read_remark(yaml_document_t *doc, yaml_node_t *root,
                       clara_remark *r) {
  memset(r, 0, sizeof *r);
  if (root->type != YAML_MAPPING_NODE)
    return CLARA_ERROR;
  const char *tag = (const char *)root->tag;
  if (tag && tag[0] == '!')
    r->type = strdup(tag + 1);
  for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
       p < root->data.mapping.pairs.top; ++p) {
    yaml_node_t *k = yaml_document_get_node(doc, p->key);
    yaml_node_t *v = yaml_document_get_node(doc, p->value);
    if (!k || k->type != YAML_SCALAR_NODE)
      return CLARA_ERROR;
    const char *key = (const char *)k->data.scalar.value;
    char **field = strcmp(key, "Pass") == 0       ? &r->pass
                   : strcmp(key, "Name") == 0     ? &r->name
                   : strcmp(key, "Function") == 0 ? &r->function
                                                  : NULL;
    if (field) {
      if (*field)
        return CLARA_ERROR; /* a key given twice */
      *field = scalar_of(doc, v);
    } else if (strcmp(key, "Args") == 0 && v && v->type == YAML_SEQUENCE_NODE) {
      if (r->args)
        return CLARA_ERROR;
      size_t n =
          (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
      r->args = calloc(n ? n : 1, sizeof *r->args);
      if (!r->args)
        return CLARA_ERROR;
      for (yaml_node_item_t *it = v->data.sequence.items.start;
           it < v->data.sequence.items.top; ++it) {
        yaml_node_t *arg = yaml_document_get_node(doc, *it);
        if (!arg || arg->type != YAML_MAPPING_NODE ||
            arg->data.mapping.pairs.start == arg->data.mapping.pairs.top)
          continue;
        /* The first pair is the argument; a DebugLoc may follow. */
        yaml_node_pair_t *first = arg->data.mapping.pairs.start;
        clara_remark_arg *out = &r->args[r->num_args++];
        out->key = scalar_of(doc, yaml_document_get_node(doc, first->key));
        out->value = scalar_of(doc, yaml_document_get_node(doc, first->value));
        if (!out->key)
          return CLARA_ERROR;
        if (!out->value)
          out->value = strdup("");
      }
    }
  }
  return r->pass && r->name ? CLARA_OK : CLARA_ERROR;
}

/* Reads every document of an initialised parser; `path` names the input. */
static int load(yaml_parser_t *parser, const char *path,
                clara_remark_file **out, char **out_message) {
  clara_remark_file *file = calloc(1, sizeof *file);
  if (!file)
    return clara_error(out_message, "out of memory");
  size_t capacity = 0;
  int status = CLARA_OK;
  for (;;) {
    yaml_document_t doc;
    if (!yaml_parser_load(parser, &doc)) {
      status = clara_yaml_error(parser, path, NULL, 0, out_message);
      break;
    }
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    if (!root) { /* end of stream */
      yaml_document_delete(&doc);
      break;
    }
    if (file->num_remarks == capacity) {
      capacity = capacity ? capacity * 2 : 64;
      clara_remark *grown =
          realloc(file->remarks, capacity * sizeof *file->remarks);
      if (!grown) {
        yaml_document_delete(&doc);
        status = clara_error(out_message, "out of memory");
        break;
      }
      file->remarks = grown;
    }
    clara_remark *r = &file->remarks[file->num_remarks];
    int ok = read_remark(&doc, root, r);
    size_t line = root->start_mark.line + 1;
    yaml_document_delete(&doc);
    if (ok != CLARA_OK) {
      free_remark(r);
      status = clara_error(out_message,
                           "%s:%zu: not an optimization remark (needs Pass "
                           "and Name, each once)",
                           path, line);
      break;
    }
    ++file->num_remarks;
  }
  if (status != CLARA_OK) {
    clara_remarks_dispose(file);
    return status;
  }
  *out = file;
  return CLARA_OK;
}

int clara_remarks_load(const char *path, clara_remark_file **out,
                       char **out_message) {
  *out = NULL;
  FILE *f = fopen(path, "rb");
  if (!f)
    return clara_error(out_message, "%s: cannot open remarks file", path);
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    fclose(f);
    return clara_error(out_message, "out of memory");
  }
  yaml_parser_set_input_file(&parser, f);
  int status = load(&parser, path, out, out_message);
  yaml_parser_delete(&parser);
  fclose(f);
  return status;
}

int clara_remarks_load_buffer(const char *data, size_t size, const char *name,
                              clara_remark_file **out, char **out_message) {
  *out = NULL;
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser))
    return clara_error(out_message, "out of memory");
  yaml_parser_set_input_string(&parser, (const unsigned char *)data, size);
  int status = load(&parser, name, out, out_message);
  yaml_parser_delete(&parser);
  return status;
}

const char *clara_remark_get_arg(const clara_remark *remark, const char *key) {
  for (size_t i = 0; i < remark->num_args; ++i)
    if (strcmp(remark->args[i].key, key) == 0)
      return remark->args[i].value;
  return NULL;
}

void clara_remarks_dispose(clara_remark_file *file) {
  if (!file)
    return;
  for (size_t i = 0; i < file->num_remarks; ++i)
    free_remark(&file->remarks[i]);
  free(file->remarks);
  free(file);
}
