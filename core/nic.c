/*===- core/nic.c - NIC profiles: reader, writer, lookup ------------------===*
 *
 * See nic.h; the format is documented in models/nic/README.md.
 *
 * The reader loads the file with libyaml's document API and then walks the
 * node tree against the schema: every map is checked for unknown, duplicate
 * and missing keys, every value for its type and range. The walk only ever
 * descends as deep as the schema, so aliases (which the document API turns
 * into shared, possibly cyclic, nodes) cannot make it loop. The first problem
 * found is reported with the 1-based line of the offending node.
 *
 * Numbers are parsed with strtod after a strict syntax check, which assumes
 * the "C" numeric locale (LLVM's tools never call setlocale).
 *
 *===----------------------------------------------------------------------===*/
#include "nic.h"

#include "yaml_doc.h"

#include "error.h"

#include <yaml.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A profile is a few kilobytes; anything this large is not one. */
#define NIC_MAX_FILE_BYTES (16u << 20)

static const char *const accelerator_kinds[] = {
    "crc", "lpm", "hash", "crypto", "checksum", "flow-cache"};
#define NUM_ACCELERATOR_KINDS                                                  \
  (sizeof(accelerator_kinds) / sizeof(accelerator_kinds[0]))

static char *copy_string(const char *s) {
  size_t n = strlen(s) + 1;
  char *copy = malloc(n);
  if (copy)
    memcpy(copy, s, n);
  return copy;
}

/*===- Reading: context and messages -------------------------------------===*/

typedef struct {
  const char *file; /* as it appears in messages */
  yaml_document_t *document;
  char **out_message;
} reader;

static unsigned long line_of(const yaml_node_t *node) {
  return node ? (unsigned long)node->start_mark.line + 1 : 1;
}

/* Reports "FILE:LINE: problem" for `node` and returns CLARA_ERROR. */
__attribute__((format(printf, 3, 4))) static int
reader_fail(reader *r, const yaml_node_t *node, const char *format, ...) {
  if (!r->out_message)
    return CLARA_ERROR;
  va_list args;
  va_start(args, format);
  char *problem = NULL;
  if (vasprintf(&problem, format, args) < 0)
    problem = NULL;
  va_end(args);
  clara_error(r->out_message, "%s:%lu: %s", r->file, line_of(node),
              problem ? problem : "out of memory");
  free(problem);
  return CLARA_ERROR;
}

static int reader_out_of_memory(reader *r, const yaml_node_t *node) {
  return reader_fail(r, node, "out of memory while reading the profile");
}

static yaml_node_t *node_at(reader *r, int index) {
  return yaml_document_get_node(r->document, index);
}

static const char *scalar_text(const yaml_node_t *node) {
  return (const char *)node->data.scalar.value;
}

/* A plain scalar that YAML reads as null: nothing, "~" or "null". */
static int is_null(const yaml_node_t *node) {
  if (!node)
    return 1;
  if (node->type != YAML_SCALAR_NODE ||
      node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
    return 0;
  const char *text = scalar_text(node);
  return !*text || !strcmp(text, "~") || !strcmp(text, "null") ||
         !strcmp(text, "Null") || !strcmp(text, "NULL");
}

/* Copies at most `limit` bytes of `text` into `buffer` with control
 * characters replaced by '?', never cutting a UTF-8 sequence, and "..." when
 * shortened. */
static void sanitize(const char *text, size_t length, size_t limit,
                     char *buffer, size_t size) {
  size_t n = length;
  int shortened = 0;
  if (n > limit) {
    n = limit;
    while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
      --n;
    shortened = 1;
  }
  if (n + 4 > size)
    n = size > 4 ? size - 4 : 0;
  size_t out = 0;
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = (unsigned char)text[i];
    buffer[out++] = (c < 0x20 || c == 0x7F) ? '?' : (char)c;
  }
  if (shortened && out + 3 < size) {
    memcpy(buffer + out, "...", 3);
    out += 3;
  }
  buffer[out] = '\0';
}

/* How a value looks to the user: "\"-4\"", "null", "a list", "a map". */
static void describe(const yaml_node_t *node, char *buffer, size_t size) {
  if (!node || is_null(node)) {
    snprintf(buffer, size, "null");
    return;
  }
  if (node->type == YAML_SEQUENCE_NODE) {
    snprintf(buffer, size, "a list");
    return;
  }
  if (node->type == YAML_MAPPING_NODE) {
    snprintf(buffer, size, "a map");
    return;
  }
  char text[64];
  sanitize(scalar_text(node), node->data.scalar.length, 40, text, sizeof(text));
  snprintf(buffer, size, "\"%s\"", text);
}

/* "memory[2].capacity_bytes", or just "cores" at the top level. */
static void field_name(char *buffer, size_t size, const char *where,
                       const char *key) {
  if (where && *where)
    snprintf(buffer, size, "%s.%s", where, key);
  else
    snprintf(buffer, size, "%s", key);
}

/*===- Reading: maps against a list of allowed keys ----------------------===*/

typedef struct {
  const char *key;
  int required;
  yaml_node_t *value; /* set by read_map(); NULL when absent or null */
  yaml_node_t *key_node;
} field;

static int expect_map(reader *r, yaml_node_t *node, const char *name) {
  if (node->type == YAML_MAPPING_NODE)
    return CLARA_OK;
  char got[80];
  describe(node, got, sizeof(got));
  return reader_fail(r, node, "%s must be a map of 'key: value' lines, got %s",
                     name, got);
}

static int expect_list(reader *r, yaml_node_t *node, const char *name) {
  if (node->type == YAML_SEQUENCE_NODE)
    return CLARA_OK;
  char got[80];
  describe(node, got, sizeof(got));
  return reader_fail(r, node, "%s must be a list, got %s", name, got);
}

/* The number of items of a list node (expect_list checked it). */
static size_t list_length(const yaml_node_t *list) {
  return (size_t)(list->data.sequence.items.top -
                  list->data.sequence.items.start);
}

/* Item i of the list `list` called `name`, or NULL once a malformed list is
 * reported. Writes the item's name, `name[i]`, into item_name (size bytes)
 * unless it is NULL. */
static yaml_node_t *list_item(reader *r, yaml_node_t *list, const char *name,
                              size_t i, char *item_name, size_t size) {
  if (item_name)
    snprintf(item_name, size, "%s[%zu]", name, i);
  yaml_node_t *item = node_at(r, list->data.sequence.items.start[i]);
  if (!item)
    reader_fail(r, list, "malformed list in %s", name);
  return item;
}

/* Matches the keys of `map` (called `where`; "" for the top level) against
 * `fields`: unknown, duplicate and missing required keys are errors. An
 * optional key whose value is null counts as absent. */
static int read_map(reader *r, yaml_node_t *map, const char *where,
                    field *fields, size_t num_fields) {
  int top = !where || !*where;
  if (expect_map(r, map, top ? "the profile" : where))
    return CLARA_ERROR;
  for (yaml_node_pair_t *pair = map->data.mapping.pairs.start;
       pair < map->data.mapping.pairs.top; ++pair) {
    yaml_node_t *key = node_at(r, pair->key);
    yaml_node_t *value = node_at(r, pair->value);
    if (!key || !value)
      return reader_fail(r, map, "malformed map in %s",
                         top ? "the profile" : where);
    if (key->type != YAML_SCALAR_NODE) {
      char got[80];
      describe(key, got, sizeof(got));
      return reader_fail(r, key, "keys must be words, got %s as a key in %s",
                         got, top ? "the profile" : where);
    }
    field *match = NULL;
    for (size_t i = 0; i < num_fields && !match; ++i)
      if (strlen(fields[i].key) == key->data.scalar.length &&
          !memcmp(fields[i].key, scalar_text(key), key->data.scalar.length))
        match = &fields[i];
    if (!match) {
      char name[64], expected[256] = "";
      sanitize(scalar_text(key), key->data.scalar.length, 40, name,
               sizeof(name));
      for (size_t i = 0; i < num_fields; ++i) {
        if (i)
          strncat(expected, ", ", sizeof(expected) - strlen(expected) - 1);
        strncat(expected, fields[i].key,
                sizeof(expected) - strlen(expected) - 1);
      }
      if (top)
        return reader_fail(r, key, "unknown key '%s' (expected one of: %s)",
                           name, expected);
      return reader_fail(r, key, "unknown key '%s' in %s (expected one of: %s)",
                         name, where, expected);
    }
    if (match->key_node) {
      char name[128];
      field_name(name, sizeof(name), where, match->key);
      return reader_fail(r, key, "duplicate key '%s' (first given on line %lu)",
                         name, line_of(match->key_node));
    }
    match->key_node = key;
    match->value = (!match->required && is_null(value)) ? NULL : value;
  }
  for (size_t i = 0; i < num_fields; ++i) {
    if (!fields[i].required || fields[i].key_node)
      continue;
    if (top)
      return reader_fail(r, map, "missing required field '%s'", fields[i].key);
    return reader_fail(r, map, "%s is missing required field '%s'", where,
                       fields[i].key);
  }
  return CLARA_OK;
}

/*===- Reading: scalars --------------------------------------------------===*/

/* The scalar's text if `node` is a scalar without embedded NULs, else NULL
 * after reporting "NAME must be WHAT, got ...". */
static const char *expect_scalar(reader *r, yaml_node_t *node, const char *name,
                                 const char *what) {
  if (node->type != YAML_SCALAR_NODE || is_null(node)) {
    char got[80];
    describe(node, got, sizeof(got));
    reader_fail(r, node, "%s must be %s, got %s", name, what, got);
    return NULL;
  }
  if (strlen(scalar_text(node)) != node->data.scalar.length) {
    reader_fail(r, node, "%s contains a NUL character", name);
    return NULL;
  }
  return scalar_text(node);
}

/* A non-negative decimal integer as YAML writes it: digits, optionally
 * grouped with '_', no sign other than '+', no leading zero (YAML 1.1 reads
 * those as octal). Returns 0 on success, 1 on bad syntax, 2 on overflow. */
static int parse_uint64(const char *text, uint64_t *out) {
  const char *p = text;
  if (*p == '+')
    ++p;
  if (!*p || *p == '_' || (*p == '0' && p[1]))
    return 1;
  uint64_t value = 0;
  int overflow = 0;
  for (; *p; ++p) {
    if (*p == '_')
      continue;
    if (*p < '0' || *p > '9')
      return 1;
    unsigned digit = (unsigned)(*p - '0');
    if (value > (UINT64_MAX - digit) / 10)
      overflow = 1;
    else
      value = value * 10 + digit;
  }
  if (overflow)
    return 2;
  *out = value;
  return 0;
}

/* A decimal number: [+]digits[.digits][e[+-]digits] or [+].digits[...].
 * Returns 0 on success, 1 on bad syntax, 2 when out of range. */
static int parse_number(const char *text, double *out) {
  const char *p = text;
  if (*p == '+')
    ++p;
  size_t digits = 0;
  while (*p >= '0' && *p <= '9')
    ++p, ++digits;
  if (*p == '.') {
    ++p;
    while (*p >= '0' && *p <= '9')
      ++p, ++digits;
  }
  if (!digits)
    return 1;
  if (*p == 'e' || *p == 'E') {
    ++p;
    if (*p == '+' || *p == '-')
      ++p;
    if (*p < '0' || *p > '9')
      return 1;
    while (*p >= '0' && *p <= '9')
      ++p;
  }
  if (*p)
    return 1;
  double value = strtod(text, NULL);
  if (!isfinite(value))
    return 2;
  *out = value;
  return 0;
}

static int read_positive_u64(reader *r, yaml_node_t *node, const char *name,
                             uint64_t max, uint64_t *out) {
  const char *text = expect_scalar(r, node, name, "a positive integer");
  if (!text)
    return CLARA_ERROR;
  uint64_t value = 0;
  int status = parse_uint64(text, &value);
  char got[80];
  describe(node, got, sizeof(got));
  if (node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
    return reader_fail(
        r, node, "%s must be a positive integer, got the quoted string %s",
        name, got);
  if (status == 1 || (status == 0 && value == 0))
    return reader_fail(r, node, "%s must be a positive integer, got %s", name,
                       got);
  if (status == 2 || value > max)
    return reader_fail(r, node, "%s must be at most %llu, got %s", name,
                       (unsigned long long)max, got);
  *out = value;
  return CLARA_OK;
}

static int read_positive_unsigned(reader *r, yaml_node_t *node,
                                  const char *name, unsigned *out) {
  uint64_t value = 0;
  if (read_positive_u64(r, node, name, UINT_MAX, &value))
    return CLARA_ERROR;
  *out = (unsigned)value;
  return CLARA_OK;
}

static int read_positive_number(reader *r, yaml_node_t *node, const char *name,
                                double *out) {
  const char *text = expect_scalar(r, node, name, "a positive number");
  if (!text)
    return CLARA_ERROR;
  double value = 0;
  int status = parse_number(text, &value);
  char got[80];
  describe(node, got, sizeof(got));
  if (node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
    return reader_fail(r, node,
                       "%s must be a positive number, got the quoted string %s",
                       name, got);
  if (status == 2)
    return reader_fail(r, node, "%s is out of range, got %s", name, got);
  if (status == 1 || !(value > 0))
    return reader_fail(r, node, "%s must be a positive number, got %s", name,
                       got);
  *out = value;
  return CLARA_OK;
}

/* A string. Unless `allow_empty`, it must not be empty or null; an absent
 * optional string (node NULL) reads as "". */
static int read_string(reader *r, yaml_node_t *node, const char *name,
                       int allow_empty, char **out) {
  const char *text = "";
  if (node && !(allow_empty && is_null(node))) {
    text = expect_scalar(r, node, name,
                         allow_empty ? "a string" : "a non-empty string");
    if (!text)
      return CLARA_ERROR;
    if (!allow_empty && !*text)
      return reader_fail(r, node, "%s must be a non-empty string, got \"\"",
                         name);
  }
  *out = copy_string(text);
  return *out ? CLARA_OK : reader_out_of_memory(r, node);
}

/* A word usable in remark argument names: letters, digits and `extra`. */
static int check_word(reader *r, yaml_node_t *node, const char *name,
                      const char *text, const char *extra,
                      const char *extra_description) {
  for (const char *p = text; *p; ++p) {
    int ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
             (*p >= '0' && *p <= '9') || strchr(extra, *p);
    if (!ok) {
      char got[80];
      describe(node, got, sizeof(got));
      return reader_fail(r, node,
                         "%s must consist of letters, digits%s, got %s", name,
                         extra_description, got);
    }
  }
  return CLARA_OK;
}

/*===- Reading: the schema -----------------------------------------------===*/

static int read_cache(reader *r, yaml_node_t *node, const char *where,
                      clara_nic_level *level) {
  field fields[] = {{"bytes", 1, NULL, NULL},
                    {"read_cycles", 1, NULL, NULL},
                    {"write_cycles", 1, NULL, NULL}};
  if (read_map(r, node, where, fields, 3))
    return CLARA_ERROR;
  char name[128];
  field_name(name, sizeof(name), where, "bytes");
  if (read_positive_u64(r, fields[0].value, name, UINT64_MAX,
                        &level->cache_bytes))
    return CLARA_ERROR;
  field_name(name, sizeof(name), where, "read_cycles");
  if (read_positive_number(r, fields[1].value, name, &level->cache_read_cycles))
    return CLARA_ERROR;
  field_name(name, sizeof(name), where, "write_cycles");
  return read_positive_number(r, fields[2].value, name,
                              &level->cache_write_cycles);
}

static int read_transaction_sizes(reader *r, yaml_node_t *node,
                                  const char *name, clara_nic_level *level) {
  if (expect_list(r, node, name))
    return CLARA_ERROR;
  size_t count = list_length(node);
  if (!count)
    return reader_fail(r, node, "%s must list at least one access size", name);
  level->transaction_bytes = calloc(count, sizeof(unsigned));
  if (!level->transaction_bytes)
    return reader_out_of_memory(r, node);
  for (size_t i = 0; i < count; ++i) {
    char item_name[160];
    yaml_node_t *item =
        list_item(r, node, name, i, item_name, sizeof(item_name));
    if (!item)
      return CLARA_ERROR;
    unsigned size = 0;
    if (read_positive_unsigned(r, item, item_name, &size))
      return CLARA_ERROR;
    if (i && size <= level->transaction_bytes[i - 1])
      return reader_fail(r, item,
                         "%s must list distinct sizes in increasing order, "
                         "got %u after %u",
                         name, size, level->transaction_bytes[i - 1]);
    level->transaction_bytes[i] = size;
    level->num_transaction_sizes = i + 1;
  }
  return CLARA_OK;
}

static int read_level(reader *r, yaml_node_t *node, size_t index,
                      clara_nic *nic) {
  clara_nic_level *level = &nic->levels[index];
  char where[48], name[128];
  snprintf(where, sizeof(where), "memory[%zu]", index);
  field fields[] = {{"name", 1, NULL, NULL},
                    {"scope", 1, NULL, NULL},
                    {"capacity_bytes", 1, NULL, NULL},
                    {"read_cycles", 1, NULL, NULL},
                    {"write_cycles", 1, NULL, NULL},
                    {"atomic_cycles", 1, NULL, NULL},
                    {"transaction_bytes", 1, NULL, NULL},
                    {"cache", 0, NULL, NULL},
                    {"bandwidth_accesses_per_sec", 0, NULL, NULL}};
  if (read_map(r, node, where, fields, sizeof(fields) / sizeof(fields[0])))
    return CLARA_ERROR;

  field_name(name, sizeof(name), where, "name");
  if (read_string(r, fields[0].value, name, 0, &level->name) ||
      check_word(r, fields[0].value, name, level->name, "_",
                 " and '_' (it names remark arguments)"))
    return CLARA_ERROR;
  for (size_t i = 0; i < index; ++i)
    if (!strcmp(nic->levels[i].name, level->name))
      return reader_fail(r, fields[0].value,
                         "%s: duplicate memory level name '%s' (also "
                         "memory[%zu])",
                         name, level->name, i);

  field_name(name, sizeof(name), where, "scope");
  const char *scope =
      expect_scalar(r, fields[1].value, name, "one of core, island, chip");
  if (!scope)
    return CLARA_ERROR;
  if (!strcmp(scope, "core"))
    level->scope = CLARA_SCOPE_CORE;
  else if (!strcmp(scope, "island"))
    level->scope = CLARA_SCOPE_ISLAND;
  else if (!strcmp(scope, "chip"))
    level->scope = CLARA_SCOPE_CHIP;
  else {
    char got[80];
    describe(fields[1].value, got, sizeof(got));
    return reader_fail(r, fields[1].value,
                       "%s must be one of core, island, chip, got %s", name,
                       got);
  }
  if (level->scope == CLARA_SCOPE_ISLAND && !nic->islands)
    return reader_fail(r, fields[1].value,
                       "%s is island but the profile declares no 'islands'",
                       name);

  field_name(name, sizeof(name), where, "capacity_bytes");
  if (read_positive_u64(r, fields[2].value, name, UINT64_MAX,
                        &level->capacity_bytes))
    return CLARA_ERROR;
  field_name(name, sizeof(name), where, "read_cycles");
  if (read_positive_number(r, fields[3].value, name, &level->read_cycles))
    return CLARA_ERROR;
  field_name(name, sizeof(name), where, "write_cycles");
  if (read_positive_number(r, fields[4].value, name, &level->write_cycles))
    return CLARA_ERROR;
  field_name(name, sizeof(name), where, "atomic_cycles");
  if (read_positive_number(r, fields[5].value, name, &level->atomic_cycles))
    return CLARA_ERROR;
  field_name(name, sizeof(name), where, "transaction_bytes");
  if (read_transaction_sizes(r, fields[6].value, name, level))
    return CLARA_ERROR;
  if (fields[7].value) {
    field_name(name, sizeof(name), where, "cache");
    if (read_cache(r, fields[7].value, name, level))
      return CLARA_ERROR;
  }
  if (fields[8].value) {
    field_name(name, sizeof(name), where, "bandwidth_accesses_per_sec");
    if (read_positive_number(r, fields[8].value, name,
                             &level->bandwidth_accesses_per_sec))
      return CLARA_ERROR;
  }
  return CLARA_OK;
}

/* `key` is the "memory" key, where problems with the list as a whole are
 * reported (a block list starts on the line of its first item). */
static int read_levels(reader *r, yaml_node_t *key, yaml_node_t *node,
                       clara_nic *nic) {
  if (expect_list(r, node, "memory"))
    return CLARA_ERROR;
  size_t count = list_length(node);
  if (!count)
    return reader_fail(r, key, "memory must list at least one level");
  nic->levels = calloc(count, sizeof(clara_nic_level));
  if (!nic->levels)
    return reader_out_of_memory(r, node);
  nic->num_levels = count;
  int has_chip_level = 0;
  for (size_t i = 0; i < count; ++i) {
    yaml_node_t *item = list_item(r, node, "memory", i, NULL, 0);
    if (!item)
      return CLARA_ERROR;
    if (read_level(r, item, i, nic))
      return CLARA_ERROR;
    has_chip_level |= nic->levels[i].scope == CLARA_SCOPE_CHIP;
  }
  if (!has_chip_level)
    return reader_fail(r, key,
                       "memory has no level with scope chip, so state shared "
                       "by all cores could not be placed");
  return CLARA_OK;
}

static int read_accelerators(reader *r, yaml_node_t *node, clara_nic *nic) {
  if (expect_list(r, node, "accelerators"))
    return CLARA_ERROR;
  size_t count = list_length(node);
  if (!count)
    return CLARA_OK;
  nic->accelerators = calloc(count, sizeof(clara_nic_accelerator));
  if (!nic->accelerators)
    return reader_out_of_memory(r, node);
  nic->num_accelerators = count;
  for (size_t i = 0; i < count; ++i) {
    clara_nic_accelerator *accelerator = &nic->accelerators[i];
    char where[48], name[128];
    yaml_node_t *item =
        list_item(r, node, "accelerators", i, where, sizeof(where));
    if (!item)
      return CLARA_ERROR;
    field fields[] = {{"kind", 1, NULL, NULL},
                      {"cycles_per_use", 1, NULL, NULL},
                      {"suggestion", 1, NULL, NULL}};
    if (read_map(r, item, where, fields, 3))
      return CLARA_ERROR;
    field_name(name, sizeof(name), where, "kind");
    if (read_string(r, fields[0].value, name, 0, &accelerator->kind))
      return CLARA_ERROR;
    size_t k = 0;
    while (k < NUM_ACCELERATOR_KINDS &&
           strcmp(accelerator_kinds[k], accelerator->kind))
      ++k;
    if (k == NUM_ACCELERATOR_KINDS) {
      char got[80];
      describe(fields[0].value, got, sizeof(got));
      return reader_fail(r, fields[0].value,
                         "%s must be one of crc, lpm, hash, crypto, checksum, "
                         "flow-cache, got %s",
                         name, got);
    }
    for (size_t j = 0; j < i; ++j)
      if (!strcmp(nic->accelerators[j].kind, accelerator->kind))
        return reader_fail(r, fields[0].value,
                           "%s: duplicate accelerator kind '%s' (also "
                           "accelerators[%zu])",
                           name, accelerator->kind, j);
    field_name(name, sizeof(name), where, "cycles_per_use");
    if (read_positive_number(r, fields[1].value, name,
                             &accelerator->cycles_per_use))
      return CLARA_ERROR;
    field_name(name, sizeof(name), where, "suggestion");
    if (read_string(r, fields[2].value, name, 0, &accelerator->suggestion))
      return CLARA_ERROR;
  }
  return CLARA_OK;
}

static const struct {
  const char *name;
  unsigned bit;
} merge_rules[] = {
    {"constant-stores", CLARA_NIC_MERGE_CONSTANT_STORES},
    {"misaligned-stores", CLARA_NIC_MERGE_MISALIGNED},
    {"pairs", CLARA_NIC_MERGE_PAIRS},
    {"combined-loads", CLARA_NIC_MERGE_COMBINED_LOADS},
    {"combined-loads-split", CLARA_NIC_MERGE_COMBINED_LOADS_SPLIT},
    {"loaded-value-stores", CLARA_NIC_MERGE_LOADED_VALUES}};
#define NUM_MERGE_RULES (sizeof merge_rules / sizeof *merge_rules)

unsigned clara_nic_merge_rule(const char *name) {
  for (size_t i = 0; i < NUM_MERGE_RULES; ++i)
    if (strcmp(name, merge_rules[i].name) == 0)
      return merge_rules[i].bit;
  return 0;
}

static int read_access_merging(reader *r, yaml_node_t *list,
                               clara_nic_backend *backend) {
  if (!list)
    return CLARA_OK;
  if (expect_list(r, list, "backend.access_merging"))
    return CLARA_ERROR;
  size_t count = list_length(list);
  for (size_t i = 0; i < count; ++i) {
    char name[48];
    yaml_node_t *item =
        list_item(r, list, "backend.access_merging", i, name, sizeof(name));
    if (!item)
      return CLARA_ERROR;
    char *rule = NULL;
    if (read_string(r, item, name, 0, &rule))
      return CLARA_ERROR;
    unsigned bit = clara_nic_merge_rule(rule);
    int duplicate = bit && (backend->access_merging & bit);
    if (!bit || duplicate) {
      int status = reader_fail(
          r, item,
          duplicate ? "%s: '%s' is listed twice"
                    : "%s must be one of constant-stores, misaligned-stores, "
                      "pairs, combined-loads, combined-loads-split, "
                      "loaded-value-stores, got '%s'",
          name, rule);
      free(rule);
      return status;
    }
    free(rule);
    backend->access_merging |= bit;
  }
  return CLARA_OK;
}

static const char *const misaligned_names[] = {"native", "split", "pair"};

static int read_misaligned(reader *r, yaml_node_t *node,
                           clara_nic_backend *backend) {
  if (!node)
    return CLARA_OK;
  char *value = NULL;
  if (read_string(r, node, "backend.misaligned_accesses", 0, &value))
    return CLARA_ERROR;
  for (size_t i = 0; i < 3; ++i)
    if (strcmp(value, misaligned_names[i]) == 0) {
      backend->misaligned_accesses = (clara_nic_misaligned)i;
      free(value);
      return CLARA_OK;
    }
  int status = reader_fail(r, node,
                           "backend.misaligned_accesses must be one of "
                           "native, split, pair, got '%s'",
                           value);
  free(value);
  return status;
}

static int read_backend(reader *r, yaml_node_t *node, clara_nic *nic) {
  clara_nic_backend *backend = &nic->backend;
  field fields[] = {{"triple", 1, NULL, NULL},
                    {"cpu", 1, NULL, NULL},
                    {"features", 0, NULL, NULL},
                    {"pipeline", 1, NULL, NULL},
                    {"llc_flags", 0, NULL, NULL},
                    {"access_merging", 0, NULL, NULL},
                    {"misaligned_accesses", 0, NULL, NULL}};
  if (read_map(r, node, "backend", fields, 7) ||
      read_string(r, fields[0].value, "backend.triple", 0, &backend->triple) ||
      read_string(r, fields[1].value, "backend.cpu", 0, &backend->cpu) ||
      read_string(r, fields[2].value, "backend.features", 1,
                  &backend->features) ||
      read_string(r, fields[3].value, "backend.pipeline", 0,
                  &backend->pipeline) ||
      read_access_merging(r, fields[5].value, backend) ||
      read_misaligned(r, fields[6].value, backend))
    return CLARA_ERROR;
  yaml_node_t *flags = fields[4].value;
  if (!flags)
    return CLARA_OK;
  if (expect_list(r, flags, "backend.llc_flags"))
    return CLARA_ERROR;
  size_t count = list_length(flags);
  if (!count)
    return CLARA_OK;
  backend->llc_flags = calloc(count, sizeof(char *));
  if (!backend->llc_flags)
    return reader_out_of_memory(r, flags);
  backend->num_llc_flags = count;
  for (size_t i = 0; i < count; ++i) {
    char name[48];
    yaml_node_t *item =
        list_item(r, flags, "backend.llc_flags", i, name, sizeof(name));
    if (!item)
      return CLARA_ERROR;
    if (read_string(r, item, name, 0, &backend->llc_flags[i]))
      return CLARA_ERROR;
  }
  return CLARA_OK;
}

/* The version is checked before anything else, so that a file that is not a
 * NIC profile at all (or a newer one) says so instead of listing keys. */
static int check_version(reader *r, yaml_node_t *root) {
  if (expect_map(r, root, "the profile"))
    return CLARA_ERROR;
  for (yaml_node_pair_t *pair = root->data.mapping.pairs.start;
       pair < root->data.mapping.pairs.top; ++pair) {
    yaml_node_t *key = node_at(r, pair->key);
    yaml_node_t *value = node_at(r, pair->value);
    if (!key || !value || key->type != YAML_SCALAR_NODE ||
        strcmp(scalar_text(key), "clara-nic"))
      continue;
    if (value->type == YAML_SCALAR_NODE &&
        value->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
        !strcmp(scalar_text(value), "1"))
      return CLARA_OK;
    char got[80];
    describe(value, got, sizeof(got));
    return reader_fail(r, value,
                       "unsupported clara-nic version %s (this Clara reads "
                       "version %d)",
                       got, CLARA_NIC_FORMAT_VERSION);
  }
  return reader_fail(r, root,
                     "missing 'clara-nic: %d' version field (is this a Clara "
                     "NIC profile?)",
                     CLARA_NIC_FORMAT_VERSION);
}

static int read_profile(reader *r, yaml_node_t *root, clara_nic *nic) {
  if (check_version(r, root))
    return CLARA_ERROR;
  enum {
    F_VERSION,
    F_NAME,
    F_DESCRIPTION,
    F_CORES,
    F_THREADS,
    F_ISLANDS,
    F_CLOCK,
    F_MEMORY,
    F_ACCELERATORS,
    F_BACKEND,
    NUM_FIELDS
  };
  field fields[NUM_FIELDS] = {
      [F_VERSION] = {"clara-nic", 1, NULL, NULL},
      [F_NAME] = {"name", 1, NULL, NULL},
      [F_DESCRIPTION] = {"description", 0, NULL, NULL},
      [F_CORES] = {"cores", 1, NULL, NULL},
      [F_THREADS] = {"threads_per_core", 0, NULL, NULL},
      [F_ISLANDS] = {"islands", 0, NULL, NULL},
      [F_CLOCK] = {"clock_mhz", 1, NULL, NULL},
      [F_MEMORY] = {"memory", 1, NULL, NULL},
      [F_ACCELERATORS] = {"accelerators", 0, NULL, NULL},
      [F_BACKEND] = {"backend", 1, NULL, NULL}};
  if (read_map(r, root, "", fields, NUM_FIELDS))
    return CLARA_ERROR;

  if (read_string(r, fields[F_NAME].value, "name", 0, &nic->name) ||
      check_word(r, fields[F_NAME].value, "name", nic->name, "._-",
                 ", '.', '_' and '-'") ||
      read_string(r, fields[F_DESCRIPTION].value, "description", 1,
                  &nic->description) ||
      read_positive_unsigned(r, fields[F_CORES].value, "cores", &nic->cores))
    return CLARA_ERROR;
  nic->threads_per_core = 1;
  if (fields[F_THREADS].value &&
      read_positive_unsigned(r, fields[F_THREADS].value, "threads_per_core",
                             &nic->threads_per_core))
    return CLARA_ERROR;
  if (fields[F_ISLANDS].value) {
    if (read_positive_unsigned(r, fields[F_ISLANDS].value, "islands",
                               &nic->islands))
      return CLARA_ERROR;
    if (nic->cores % nic->islands)
      return reader_fail(r, fields[F_ISLANDS].value,
                         "cores (%u) must be a multiple of islands (%u)",
                         nic->cores, nic->islands);
  }
  if (read_positive_number(r, fields[F_CLOCK].value, "clock_mhz",
                           &nic->clock_mhz) ||
      read_levels(r, fields[F_MEMORY].key_node, fields[F_MEMORY].value, nic))
    return CLARA_ERROR;
  if (fields[F_ACCELERATORS].value &&
      read_accelerators(r, fields[F_ACCELERATORS].value, nic))
    return CLARA_ERROR;
  return read_backend(r, fields[F_BACKEND].value, nic);
}

/*===- Loading -----------------------------------------------------------===*/

int clara_nic_load_buffer(const char *data, size_t size,
                          const char *name_for_messages, clara_nic **out_nic,
                          char **out_message) {
  const char *file = name_for_messages ? name_for_messages : "<buffer>";
  if (!out_nic)
    return clara_error(out_message, "%s: no place to store the profile", file);
  *out_nic = NULL;
  if (!data) {
    if (size)
      return clara_error(out_message, "%s: no data", file);
    data = "";
  }

  char expected[64];
  snprintf(expected, sizeof expected, "a 'clara-nic: %d' profile",
           CLARA_NIC_FORMAT_VERSION);
  yaml_document_t document;
  if (clara_yaml_load_single(data, size, file, expected, "NIC profile",
                             &document, out_message) != CLARA_OK)
    return CLARA_ERROR;
  yaml_node_t *root = yaml_document_get_root_node(&document);
  int status = CLARA_OK;

  clara_nic *nic = NULL;
  if (status == CLARA_OK) {
    nic = calloc(1, sizeof(clara_nic));
    if (!nic)
      status = clara_error(out_message, "%s: out of memory", file);
  }
  if (status == CLARA_OK) {
    reader r = {file, &document, out_message};
    status = read_profile(&r, root, nic);
  }
  if (status == CLARA_OK && name_for_messages) {
    nic->path = copy_string(name_for_messages);
    if (!nic->path)
      status = clara_error(out_message, "%s: out of memory", file);
  }
  yaml_document_delete(&document);
  if (status != CLARA_OK) {
    clara_nic_dispose(nic);
    return status;
  }
  *out_nic = nic;
  return CLARA_OK;
}

int clara_nic_load_file(const char *path, clara_nic **out_nic,
                        char **out_message) {
  if (out_nic)
    *out_nic = NULL;
  FILE *file = fopen(path, "rb");
  if (!file)
    return clara_error(out_message, "%s: cannot open NIC profile: %s", path,
                       strerror(errno));
  char *data = NULL;
  size_t size = 0, capacity = 0;
  int status = CLARA_OK;
  for (;;) {
    if (size == capacity) {
      if (capacity >= NIC_MAX_FILE_BYTES) {
        status = clara_error(out_message,
                             "%s: too large for a NIC profile (over %u MiB)",
                             path, NIC_MAX_FILE_BYTES >> 20);
        break;
      }
      capacity = capacity ? capacity * 2 : 16384;
      char *grown = realloc(data, capacity);
      if (!grown) {
        status = clara_error(out_message, "%s: out of memory", path);
        break;
      }
      data = grown;
    }
    size_t got = fread(data + size, 1, capacity - size, file);
    size += got;
    if (got == 0) {
      if (ferror(file))
        status = clara_error(out_message, "%s: cannot read NIC profile: %s",
                             path, strerror(errno));
      break;
    }
  }
  fclose(file);
  if (status == CLARA_OK)
    status = clara_nic_load_buffer(data, size, path, out_nic, out_message);
  free(data);
  return status;
}

/*===- Lookup ------------------------------------------------------------===*/

const clara_nic_level *clara_nic_find_level(const clara_nic *nic,
                                            const char *name) {
  if (!nic || !name)
    return NULL;
  for (size_t i = 0; i < nic->num_levels; ++i)
    if (!strcmp(nic->levels[i].name, name))
      return &nic->levels[i];
  return NULL;
}

const clara_nic_accelerator *clara_nic_find_accelerator(const clara_nic *nic,
                                                        const char *kind) {
  if (!nic || !kind)
    return NULL;
  for (size_t i = 0; i < nic->num_accelerators; ++i)
    if (!strcmp(nic->accelerators[i].kind, kind))
      return &nic->accelerators[i];
  return NULL;
}

const char *clara_nic_scope_name(clara_scope scope) {
  switch (scope) {
  case CLARA_SCOPE_CORE:
    return "core";
  case CLARA_SCOPE_ISLAND:
    return "island";
  case CLARA_SCOPE_CHIP:
    return "chip";
  }
  return "unknown";
}

static int has_suffix(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && !strcmp(s + n - m, suffix);
}

static int compare_strings(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "a, b, c" for the NAME.yaml files in `dir`; NULL with errno set when the
 * directory cannot be read or memory runs out. */
static char *list_profiles(const char *dir) {
  DIR *handle = opendir(dir);
  if (!handle)
    return NULL;
  char **names = NULL;
  size_t count = 0, capacity = 0, length = 1;
  int failed = 0;
  struct dirent *entry;
  while (!failed && (entry = readdir(handle))) {
    if (entry->d_name[0] == '.' || !has_suffix(entry->d_name, ".yaml"))
      continue;
    if (count == capacity) {
      capacity = capacity ? capacity * 2 : 8;
      char **grown = realloc(names, capacity * sizeof(char *));
      if (!grown) {
        failed = 1;
        break;
      }
      names = grown;
    }
    size_t n = strlen(entry->d_name) - strlen(".yaml");
    names[count] = malloc(n + 1);
    if (!names[count]) {
      failed = 1;
      break;
    }
    memcpy(names[count], entry->d_name, n);
    names[count][n] = '\0';
    length += n + 2;
    ++count;
  }
  closedir(handle);
  char *list = failed ? NULL : malloc(length);
  if (list) {
    list[0] = '\0';
    if (count)
      qsort(names, count, sizeof(char *), compare_strings);
    for (size_t i = 0; i < count; ++i) {
      if (i)
        strcat(list, ", ");
      strcat(list, names[i]);
    }
  } else {
    errno = ENOMEM;
  }
  for (size_t i = 0; i < count; ++i)
    free(names[i]);
  free(names);
  return list;
}

int clara_nic_resolve(const char *name_or_path, const char *nic_dir,
                      char **out_path, char **out_message) {
  if (!out_path)
    return clara_error(out_message, "no place to store the NIC profile path");
  *out_path = NULL;
  if (!name_or_path || !*name_or_path)
    return clara_error(out_message,
                       "empty NIC name; expected a profile name such as %s "
                       "or a path to a .yaml file",
                       CLARA_DEFAULT_NIC);
  if (strchr(name_or_path, '/') || has_suffix(name_or_path, ".yaml") ||
      has_suffix(name_or_path, ".yml")) {
    *out_path = copy_string(name_or_path);
    return *out_path ? CLARA_OK : clara_error(out_message, "out of memory");
  }
  if (!nic_dir)
    return clara_error(out_message,
                       "unknown NIC '%s': no NIC profile directory was found; "
                       "pass a path to a .yaml profile instead",
                       name_or_path);
  char *path = NULL;
  if (asprintf(&path, "%s/%s.yaml", nic_dir, name_or_path) < 0)
    return clara_error(out_message, "out of memory");
  if (access(path, R_OK) == 0) {
    *out_path = path;
    return CLARA_OK;
  }
  if (errno != ENOENT && errno != ENOTDIR) {
    int status = clara_error(out_message, "%s: cannot read NIC profile: %s",
                             path, strerror(errno));
    free(path);
    return status;
  }
  free(path);
  char *available = list_profiles(nic_dir);
  int status;
  if (!available)
    status = clara_error(out_message,
                         "unknown NIC '%s': cannot list profiles in %s: %s",
                         name_or_path, nic_dir, strerror(errno));
  else if (!*available)
    status = clara_error(out_message, "unknown NIC '%s': no profiles in %s",
                         name_or_path, nic_dir);
  else
    status = clara_error(out_message, "unknown NIC '%s' (profiles in %s: %s)",
                         name_or_path, nic_dir, available);
  free(available);
  return status;
}

/*===- Writing -----------------------------------------------------------===*/

typedef struct {
  yaml_emitter_t emitter;
  int failed;
  const char *problem; /* when no libyaml emitter error says it */
} writer;

/* Emits an event made by a yaml_*_event_initialize() call that returned
 * `initialized`; after the first failure, events are only freed. */
static void emit(writer *w, yaml_event_t *event, int initialized) {
  if (!initialized) {
    /* libyaml refuses to make a scalar of invalid UTF-8. */
    if (!w->failed)
      w->problem = "a string is not valid UTF-8 (or memory ran out)";
    w->failed = 1;
    return;
  }
  if (w->failed) {
    yaml_event_delete(event);
    return;
  }
  /* yaml_emitter_emit() takes the event whether it succeeds or not. */
  if (!yaml_emitter_emit(&w->emitter, event))
    w->failed = 1;
}

static void emit_scalar(writer *w, const char *text,
                        yaml_scalar_style_t style) {
  yaml_event_t event;
  int ok = yaml_scalar_event_initialize(&event, NULL, NULL, (yaml_char_t *)text,
                                        (int)strlen(text), 1, 1, style);
  emit(w, &event, ok);
}

/* Strings the reader would take for null are quoted; libyaml quotes anything
 * else that needs it. NULL is written as "". */
static void emit_string(writer *w, const char *text) {
  if (!text)
    text = "";
  int null_like = !*text || !strcmp(text, "~") || !strcmp(text, "null") ||
                  !strcmp(text, "Null") || !strcmp(text, "NULL");
  emit_scalar(w, text,
              null_like ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
                        : YAML_ANY_SCALAR_STYLE);
}

static void emit_uint(writer *w, uint64_t value) {
  char text[32];
  snprintf(text, sizeof(text), "%llu", (unsigned long long)value);
  emit_scalar(w, text, YAML_PLAIN_SCALAR_STYLE);
}

/* The shortest %g form that reads back to the same double. */
static void emit_number(writer *w, double value) {
  char text[40];
  for (int precision = 6; precision <= 17; ++precision) {
    snprintf(text, sizeof(text), "%.*g", precision, value);
    if (strtod(text, NULL) == value)
      break;
  }
  emit_scalar(w, text, YAML_PLAIN_SCALAR_STYLE);
}

static void begin_map(writer *w) {
  yaml_event_t event;
  int ok = yaml_mapping_start_event_initialize(&event, NULL, NULL, 1,
                                               YAML_BLOCK_MAPPING_STYLE);
  emit(w, &event, ok);
}

static void end_map(writer *w) {
  yaml_event_t event;
  emit(w, &event, yaml_mapping_end_event_initialize(&event));
}

static void begin_list(writer *w, int flow) {
  yaml_event_t event;
  int ok = yaml_sequence_start_event_initialize(
      &event, NULL, NULL, 1,
      flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
  emit(w, &event, ok);
}

static void end_list(writer *w) {
  yaml_event_t event;
  emit(w, &event, yaml_sequence_end_event_initialize(&event));
}

static void key(writer *w, const char *name) {
  emit_scalar(w, name, YAML_PLAIN_SCALAR_STYLE);
}

static void write_level(writer *w, const clara_nic_level *level) {
  begin_map(w);
  key(w, "name");
  emit_string(w, level->name);
  key(w, "scope");
  emit_string(w, clara_nic_scope_name(level->scope));
  key(w, "capacity_bytes");
  emit_uint(w, level->capacity_bytes);
  key(w, "read_cycles");
  emit_number(w, level->read_cycles);
  key(w, "write_cycles");
  emit_number(w, level->write_cycles);
  key(w, "atomic_cycles");
  emit_number(w, level->atomic_cycles);
  key(w, "transaction_bytes");
  begin_list(w, 1);
  for (size_t i = 0; i < level->num_transaction_sizes; ++i)
    emit_uint(w, level->transaction_bytes[i]);
  end_list(w);
  if (level->cache_bytes) {
    key(w, "cache");
    begin_map(w);
    key(w, "bytes");
    emit_uint(w, level->cache_bytes);
    key(w, "read_cycles");
    emit_number(w, level->cache_read_cycles);
    key(w, "write_cycles");
    emit_number(w, level->cache_write_cycles);
    end_map(w);
  }
  if (level->bandwidth_accesses_per_sec > 0) {
    key(w, "bandwidth_accesses_per_sec");
    emit_number(w, level->bandwidth_accesses_per_sec);
  }
  end_map(w);
}

static void write_profile(writer *w, const clara_nic *nic) {
  yaml_event_t event;
  emit(w, &event,
       yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING));
  emit(w, &event,
       yaml_document_start_event_initialize(&event, NULL, NULL, NULL, 1));
  begin_map(w);
  key(w, "clara-nic");
  emit_uint(w, CLARA_NIC_FORMAT_VERSION);
  key(w, "name");
  emit_string(w, nic->name);
  key(w, "description");
  emit_string(w, nic->description);
  key(w, "cores");
  emit_uint(w, nic->cores);
  key(w, "threads_per_core");
  emit_uint(w, nic->threads_per_core);
  if (nic->islands) {
    key(w, "islands");
    emit_uint(w, nic->islands);
  }
  key(w, "clock_mhz");
  emit_number(w, nic->clock_mhz);
  key(w, "memory");
  begin_list(w, 0);
  for (size_t i = 0; i < nic->num_levels; ++i)
    write_level(w, &nic->levels[i]);
  end_list(w);
  key(w, "accelerators");
  begin_list(w, nic->num_accelerators == 0);
  for (size_t i = 0; i < nic->num_accelerators; ++i) {
    begin_map(w);
    key(w, "kind");
    emit_string(w, nic->accelerators[i].kind);
    key(w, "cycles_per_use");
    emit_number(w, nic->accelerators[i].cycles_per_use);
    key(w, "suggestion");
    emit_string(w, nic->accelerators[i].suggestion);
    end_map(w);
  }
  end_list(w);
  const clara_nic_backend *backend = &nic->backend;
  key(w, "backend");
  begin_map(w);
  key(w, "triple");
  emit_string(w, backend->triple);
  key(w, "cpu");
  emit_string(w, backend->cpu);
  key(w, "features");
  emit_string(w, backend->features);
  key(w, "pipeline");
  emit_string(w, backend->pipeline);
  key(w, "llc_flags");
  begin_list(w, 1);
  for (size_t i = 0; i < backend->num_llc_flags; ++i)
    emit_string(w, backend->llc_flags[i]);
  end_list(w);
  key(w, "access_merging");
  begin_list(w, 1);
  for (size_t i = 0; i < NUM_MERGE_RULES; ++i)
    if (backend->access_merging & merge_rules[i].bit)
      emit_string(w, merge_rules[i].name);
  end_list(w);
  key(w, "misaligned_accesses");
  emit_string(w, misaligned_names[backend->misaligned_accesses]);
  end_map(w);
  end_map(w);
  emit(w, &event, yaml_document_end_event_initialize(&event, 1));
  emit(w, &event, yaml_stream_end_event_initialize(&event));
}

int clara_nic_write(const clara_nic *nic, FILE *out, char **out_message) {
  if (!nic || !out)
    return clara_error(out_message, "no NIC profile or no output to write");
  writer w = {.failed = 0, .problem = NULL};
  if (!yaml_emitter_initialize(&w.emitter))
    return clara_error(out_message, "out of memory writing a NIC profile");
  yaml_emitter_set_output_file(&w.emitter, out);
  yaml_emitter_set_unicode(&w.emitter, 1);
  yaml_emitter_set_width(&w.emitter, -1);
  write_profile(&w, nic);
  if (!w.failed && !yaml_emitter_flush(&w.emitter))
    w.failed = 1;
  int status = CLARA_OK;
  if (w.failed)
    status = clara_error(out_message, "cannot write NIC profile '%s': %s",
                         nic->name ? nic->name : "",
                         w.emitter.problem ? w.emitter.problem
                         : w.problem       ? w.problem
                                           : "write error");
  else if (fflush(out) != 0 || ferror(out))
    status = clara_error(out_message, "cannot write NIC profile '%s': %s",
                         nic->name ? nic->name : "", strerror(errno));
  yaml_emitter_delete(&w.emitter);
  return status;
}

/*===- Disposal ----------------------------------------------------------===*/

void clara_nic_dispose(clara_nic *nic) {
  if (!nic)
    return;
  for (size_t i = 0; i < nic->num_levels; ++i) {
    free(nic->levels[i].name);
    free(nic->levels[i].transaction_bytes);
  }
  free(nic->levels);
  for (size_t i = 0; i < nic->num_accelerators; ++i) {
    free(nic->accelerators[i].kind);
    free(nic->accelerators[i].suggestion);
  }
  free(nic->accelerators);
  free(nic->backend.triple);
  free(nic->backend.cpu);
  free(nic->backend.features);
  free(nic->backend.pipeline);
  for (size_t i = 0; i < nic->backend.num_llc_flags; ++i)
    free(nic->backend.llc_flags[i]);
  free(nic->backend.llc_flags);
  free(nic->name);
  free(nic->description);
  free(nic->path);
  free(nic);
}
