/*===- core/profile.c - the run-time profile (clara-profile: 1) -----------===*
 *
 * See profile.h. The reader loads the YAML document with libyaml and checks
 * every key; the writer prints YAML by hand (all strings double-quoted) into
 * a temporary file that is renamed over the target.
 *
 *===----------------------------------------------------------------------===*/
#include "profile.h"

#include "atomic_file.h"
#include "yaml_doc.h"

#include "error.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>

static char *copy_string(const char *s) {
  size_t n = strlen(s) + 1;
  char *c = malloc(n);
  if (c)
    memcpy(c, s, n);
  return c;
}

static int grow(void **items, size_t *cap, size_t need, size_t size) {
  if (need <= *cap)
    return CLARA_OK;
  size_t cap2 = *cap ? *cap * 2 : 16;
  while (cap2 < need)
    cap2 *= 2;
  void *p = realloc(*items, cap2 * size);
  if (!p)
    return CLARA_ERROR;
  *items = p;
  *cap = cap2;
  return CLARA_OK;
}

static int is_module_id(const char *s) {
  if (strlen(s) != 16)
    return 0;
  for (; *s; ++s)
    if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
      return 0;
  return 1;
}

clara_profile *clara_profile_create(const char *module) {
  clara_profile *p = calloc(1, sizeof *p);
  if (!p)
    return NULL;
  p->module = copy_string(module ? module : "");
  if (!p->module) {
    free(p);
    return NULL;
  }
  return p;
}

void clara_profile_dispose(clara_profile *p) {
  if (!p)
    return;
  for (size_t i = 0; i < p->num_blocks; ++i) {
    free(p->blocks[i].function);
    free(p->blocks[i].block);
  }
  for (size_t i = 0; i < p->num_objects; ++i)
    free(p->objects[i].name);
  for (size_t i = 0; i < p->num_accesses; ++i) {
    free(p->accesses[i].function);
    free(p->accesses[i].object);
  }
  free(p->blocks);
  free(p->objects);
  free(p->accesses);
  free(p->module);
  free(p);
}

int clara_profile_add_block(clara_profile *p, const char *function,
                            const char *block, uint32_t index, uint64_t count,
                            char **out_message) {
  if (grow((void **)&p->blocks, &p->cap_blocks, p->num_blocks + 1,
           sizeof *p->blocks) != CLARA_OK)
    return clara_error(out_message, "out of memory");
  clara_profile_block *b = &p->blocks[p->num_blocks];
  b->function = copy_string(function);
  b->block = copy_string(block);
  b->index = index;
  b->count = count;
  if (!b->function || !b->block) {
    free(b->function);
    free(b->block);
    return clara_error(out_message, "out of memory");
  }
  ++p->num_blocks;
  return CLARA_OK;
}

int clara_profile_add_object(clara_profile *p, const char *name, uint64_t bytes,
                             uint64_t peak_entries, char **out_message) {
  if (grow((void **)&p->objects, &p->cap_objects, p->num_objects + 1,
           sizeof *p->objects) != CLARA_OK)
    return clara_error(out_message, "out of memory");
  clara_profile_object *o = &p->objects[p->num_objects];
  o->name = copy_string(name);
  if (!o->name)
    return clara_error(out_message, "out of memory");
  o->bytes = bytes;
  o->peak_entries = peak_entries;
  ++p->num_objects;
  return CLARA_OK;
}

int clara_profile_add_access(clara_profile *p, const char *function,
                             uint32_t index, const char *object, uint64_t loads,
                             uint64_t stores, uint64_t atomics,
                             char **out_message) {
  if (grow((void **)&p->accesses, &p->cap_accesses, p->num_accesses + 1,
           sizeof *p->accesses) != CLARA_OK)
    return clara_error(out_message, "out of memory");
  clara_profile_access *a = &p->accesses[p->num_accesses];
  a->function = copy_string(function);
  a->object = copy_string(object);
  if (!a->function || !a->object) {
    free(a->function);
    free(a->object);
    return clara_error(out_message, "out of memory");
  }
  a->index = index;
  a->loads = loads;
  a->stores = stores;
  a->atomics = atomics;
  ++p->num_accesses;
  return CLARA_OK;
}

/*--- Reading -------------------------------------------------------------*/

typedef struct {
  const char *file;
  yaml_document_t *document;
  char **out_message;
} reader;

static unsigned long line_of(const yaml_node_t *node) {
  return (unsigned long)node->start_mark.line + 1;
}

static yaml_node_t *node_at(reader *r, int index) {
  return yaml_document_get_node(r->document, index);
}

static const char *scalar(const yaml_node_t *node) {
  return node && node->type == YAML_SCALAR_NODE
             ? (const char *)node->data.scalar.value
             : NULL;
}

static int read_u64(reader *r, yaml_node_t *node, const char *key, uint64_t max,
                    uint64_t *out) {
  const char *s = scalar(node);
  if (!s || node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE || !*s ||
      *s == '-' || *s == '+')
    return clara_error(r->out_message,
                       "%s:%lu: '%s' must be a non-negative integer", r->file,
                       line_of(node), key);
  errno = 0;
  char *end;
  unsigned long long v = strtoull(s, &end, 10);
  if (*end || errno || v > max)
    return clara_error(r->out_message,
                       "%s:%lu: '%s' must be a non-negative integer below "
                       "%" PRIu64 ", got '%s'",
                       r->file, line_of(node), key, max, s);
  *out = v;
  return CLARA_OK;
}

static int read_string(reader *r, yaml_node_t *node, const char *key,
                       const char **out) {
  const char *s = scalar(node);
  if (!s || !*s)
    return clara_error(r->out_message,
                       "%s:%lu: '%s' must be a non-empty string", r->file,
                       line_of(node), key);
  *out = s;
  return CLARA_OK;
}

/* Reads the mapping `node` whose keys must be exactly `keys` (n of them)
 * into values[] (nodes in key order). */
static int read_fields(reader *r, yaml_node_t *node, const char *what,
                       const char *const *keys, size_t n,
                       yaml_node_t **values) {
  if (node->type != YAML_MAPPING_NODE)
    return clara_error(r->out_message,
                       "%s:%lu: each entry of '%s' must be a "
                       "mapping",
                       r->file, line_of(node), what);
  for (size_t k = 0; k < n; ++k)
    values[k] = NULL;
  for (yaml_node_pair_t *pair = node->data.mapping.pairs.start;
       pair < node->data.mapping.pairs.top; ++pair) {
    yaml_node_t *key = node_at(r, pair->key);
    const char *name = scalar(key);
    size_t k = 0;
    while (name && k < n && strcmp(name, keys[k]) != 0)
      ++k;
    if (!name || k == n)
      return clara_error(r->out_message, "%s:%lu: unknown key '%s' in '%s'",
                         r->file, line_of(key), name ? name : "?", what);
    if (values[k])
      return clara_error(r->out_message, "%s:%lu: key '%s' given twice",
                         r->file, line_of(key), name);
    values[k] = node_at(r, pair->value);
  }
  for (size_t k = 0; k < n; ++k)
    if (!values[k])
      return clara_error(r->out_message, "%s:%lu: an entry of '%s' lacks '%s'",
                         r->file, line_of(node), what, keys[k]);
  return CLARA_OK;
}

static int read_entry(reader *r, clara_profile *p, const char *what,
                      yaml_node_t *node) {
  yaml_node_t *v[6];
  const char *s1 = NULL, *s2 = NULL;
  uint64_t n1, n2, n3, n4;
  if (strcmp(what, "blocks") == 0) {
    static const char *const keys[] = {"function", "block", "index", "count"};
    if (read_fields(r, node, what, keys, 4, v) ||
        read_string(r, v[0], "function", &s1) ||
        read_string(r, v[1], "block", &s2) ||
        read_u64(r, v[2], "index", UINT32_MAX, &n1) ||
        read_u64(r, v[3], "count", UINT64_MAX, &n2))
      return CLARA_ERROR;
    for (size_t i = 0; i < p->num_blocks; ++i)
      if (p->blocks[i].index == n1 && strcmp(p->blocks[i].function, s1) == 0)
        return clara_error(r->out_message,
                           "%s:%lu: block %" PRIu64 " of %s is listed twice",
                           r->file, line_of(node), n1, s1);
    return clara_profile_add_block(p, s1, s2, (uint32_t)n1, n2, r->out_message);
  }
  if (strcmp(what, "objects") == 0) {
    static const char *const keys[] = {"name", "bytes", "peak_entries"};
    if (read_fields(r, node, what, keys, 3, v) ||
        read_string(r, v[0], "name", &s1) ||
        read_u64(r, v[1], "bytes", UINT64_MAX, &n1) ||
        read_u64(r, v[2], "peak_entries", UINT64_MAX, &n2))
      return CLARA_ERROR;
    for (size_t i = 0; i < p->num_objects; ++i)
      if (strcmp(p->objects[i].name, s1) == 0)
        return clara_error(r->out_message,
                           "%s:%lu: object '%s' is listed twice", r->file,
                           line_of(node), s1);
    return clara_profile_add_object(p, s1, n1, n2, r->out_message);
  }
  static const char *const keys[] = {"function", "index",  "object",
                                     "loads",    "stores", "atomics"};
  if (read_fields(r, node, what, keys, 6, v) ||
      read_string(r, v[0], "function", &s1) ||
      read_u64(r, v[1], "index", UINT32_MAX, &n1) ||
      read_string(r, v[2], "object", &s2) ||
      read_u64(r, v[3], "loads", UINT64_MAX, &n2) ||
      read_u64(r, v[4], "stores", UINT64_MAX, &n3) ||
      read_u64(r, v[5], "atomics", UINT64_MAX, &n4))
    return CLARA_ERROR;
  size_t o = 0;
  while (o < p->num_objects && strcmp(p->objects[o].name, s2) != 0)
    ++o;
  if (o == p->num_objects)
    return clara_error(r->out_message,
                       "%s:%lu: access to '%s', which 'objects' does not list",
                       r->file, line_of(node), s2);
  return clara_profile_add_access(p, s1, (uint32_t)n1, s2, n2, n3, n4,
                                  r->out_message);
}

static int read_profile(reader *r, yaml_node_t *root, clara_profile *p) {
  if (root->type != YAML_MAPPING_NODE)
    return clara_error(r->out_message,
                       "%s:%lu: expected a mapping starting with "
                       "'clara-profile: %d'",
                       r->file, line_of(root), CLARA_PROFILE_FORMAT_VERSION);
  static const char *const keys[] = {"clara-profile", "module",  "packets",
                                     "blocks",        "objects", "accesses"};
  yaml_node_t *v[6] = {0};
  yaml_node_pair_t *pairs = root->data.mapping.pairs.start;
  const char *first = pairs < root->data.mapping.pairs.top
                          ? scalar(node_at(r, pairs->key))
                          : NULL;
  if (!first || strcmp(first, "clara-profile") != 0)
    return clara_error(r->out_message,
                       "%s:%lu: not a Clara run-time profile: the first key "
                       "must be 'clara-profile: %d'",
                       r->file, line_of(root), CLARA_PROFILE_FORMAT_VERSION);
  for (yaml_node_pair_t *pair = pairs; pair < root->data.mapping.pairs.top;
       ++pair) {
    yaml_node_t *key = node_at(r, pair->key);
    const char *name = scalar(key);
    size_t k = 0;
    while (name && k < 6 && strcmp(name, keys[k]) != 0)
      ++k;
    if (!name || k == 6)
      return clara_error(r->out_message, "%s:%lu: unknown key '%s'", r->file,
                         line_of(key), name ? name : "?");
    if (v[k])
      return clara_error(r->out_message, "%s:%lu: key '%s' given twice",
                         r->file, line_of(key), name);
    v[k] = node_at(r, pair->value);
  }
  uint64_t version;
  if (read_u64(r, v[0], "clara-profile", UINT32_MAX, &version))
    return CLARA_ERROR;
  if (version != CLARA_PROFILE_FORMAT_VERSION)
    return clara_error(r->out_message,
                       "%s:%lu: profile format version %" PRIu64
                       " is not supported (this Clara reads version %d)",
                       r->file, line_of(v[0]), version,
                       CLARA_PROFILE_FORMAT_VERSION);
  for (size_t k = 1; k < 6; ++k)
    if (!v[k])
      return clara_error(r->out_message, "%s:%lu: missing key '%s'", r->file,
                         line_of(root), keys[k]);
  const char *module = NULL;
  if (read_string(r, v[1], "module", &module))
    return CLARA_ERROR;
  if (!is_module_id(module))
    return clara_error(r->out_message,
                       "%s:%lu: 'module' must be 16 lower-case hex digits "
                       "(a clara module id), got '%s'",
                       r->file, line_of(v[1]), module);
  free(p->module);
  p->module = copy_string(module);
  if (!p->module)
    return clara_error(r->out_message, "out of memory");
  if (read_u64(r, v[2], "packets", UINT64_MAX, &p->packets))
    return CLARA_ERROR;
  /* Objects before accesses, which name them. */
  static const size_t order[] = {3, 4, 5};
  for (size_t j = 0; j < 3; ++j) {
    yaml_node_t *list = v[order[j]];
    const char *what = keys[order[j]];
    if (list->type != YAML_SEQUENCE_NODE)
      return clara_error(r->out_message, "%s:%lu: '%s' must be a list", r->file,
                         line_of(list), what);
    for (yaml_node_item_t *item = list->data.sequence.items.start;
         item < list->data.sequence.items.top; ++item)
      if (read_entry(r, p, what, node_at(r, *item)) != CLARA_OK)
        return CLARA_ERROR;
  }
  return CLARA_OK;
}

int clara_profile_read_buffer(const char *data, size_t size,
                              const char *name_for_messages,
                              clara_profile **out, char **out_message) {
  const char *file = name_for_messages ? name_for_messages : "<buffer>";
  *out = NULL;
  char expected[64];
  snprintf(expected, sizeof expected, "a 'clara-profile: %d' profile",
           CLARA_PROFILE_FORMAT_VERSION);
  yaml_document_t document;
  if (clara_yaml_load_single(data, size, file, expected, "profile", &document,
                             out_message) != CLARA_OK)
    return CLARA_ERROR;
  yaml_node_t *root = yaml_document_get_root_node(&document);
  int status = CLARA_OK;
  clara_profile *p = NULL;
  if (status == CLARA_OK) {
    p = clara_profile_create("");
    if (!p)
      status = clara_error(out_message, "%s: out of memory", file);
  }
  if (status == CLARA_OK) {
    reader r = {file, &document, out_message};
    status = read_profile(&r, root, p);
  }
  yaml_document_delete(&document);
  if (status != CLARA_OK) {
    clara_profile_dispose(p);
    return status;
  }
  *out = p;
  return CLARA_OK;
}

int clara_profile_read(const char *path, clara_profile **out,
                       char **out_message) {
  *out = NULL;
  FILE *f = fopen(path, "rb");
  if (!f)
    return clara_error(out_message, "%s: cannot open the profile: %s", path,
                       strerror(errno));
  char *data = NULL;
  size_t size = 0, cap = 0;
  for (;;) {
    if (size == cap) {
      cap = cap ? cap * 2 : 65536;
      char *d = realloc(data, cap);
      if (!d) {
        free(data);
        fclose(f);
        return clara_error(out_message, "%s: out of memory", path);
      }
      data = d;
    }
    size_t n = fread(data + size, 1, cap - size, f);
    size += n;
    if (n == 0)
      break;
  }
  int failed = ferror(f);
  fclose(f);
  if (failed) {
    free(data);
    return clara_error(out_message, "%s: read error", path);
  }
  int status = clara_profile_read_buffer(data, size, path, out, out_message);
  free(data);
  return status;
}

/*--- Writing -------------------------------------------------------------*/

static void put_string(FILE *f, const char *s) {
  fputc('"', f);
  for (; *s; ++s) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\')
      fprintf(f, "\\%c", c);
    else if (c < 0x20)
      fprintf(f, "\\x%02x", c);
    else
      fputc(c, f);
  }
  fputc('"', f);
}

int clara_profile_write(const clara_profile *p, const char *path,
                        char **out_message) {
  clara_atomic_file out;
  if (clara_atomic_file_open(&out, path, "w", out_message) != CLARA_OK)
    return CLARA_ERROR;
  FILE *f = out.file;
  fprintf(f, "clara-profile: %d\nmodule: ", CLARA_PROFILE_FORMAT_VERSION);
  put_string(f, p->module);
  fprintf(f, "\npackets: %" PRIu64 "\nblocks:%s\n", p->packets,
          p->num_blocks ? "" : " []");
  for (size_t i = 0; i < p->num_blocks; ++i) {
    const clara_profile_block *b = &p->blocks[i];
    fputs("  - {function: ", f);
    put_string(f, b->function);
    fputs(", block: ", f);
    put_string(f, b->block);
    fprintf(f, ", index: %" PRIu32 ", count: %" PRIu64 "}\n", b->index,
            b->count);
  }
  fprintf(f, "objects:%s\n", p->num_objects ? "" : " []");
  for (size_t i = 0; i < p->num_objects; ++i) {
    const clara_profile_object *o = &p->objects[i];
    fputs("  - {name: ", f);
    put_string(f, o->name);
    fprintf(f, ", bytes: %" PRIu64 ", peak_entries: %" PRIu64 "}\n", o->bytes,
            o->peak_entries);
  }
  fprintf(f, "accesses:%s\n", p->num_accesses ? "" : " []");
  for (size_t i = 0; i < p->num_accesses; ++i) {
    const clara_profile_access *a = &p->accesses[i];
    fputs("  - {function: ", f);
    put_string(f, a->function);
    fprintf(f, ", index: %" PRIu32 ", object: ", a->index);
    put_string(f, a->object);
    fprintf(
        f, ", loads: %" PRIu64 ", stores: %" PRIu64 ", atomics: %" PRIu64 "}\n",
        a->loads, a->stores, a->atomics);
  }
  return clara_atomic_file_commit(&out, out_message);
}

/*--- Merging and checking ------------------------------------------------*/

static clara_profile_block *find_block(clara_profile *p, const char *function,
                                       uint32_t index) {
  for (size_t i = 0; i < p->num_blocks; ++i)
    if (p->blocks[i].index == index &&
        strcmp(p->blocks[i].function, function) == 0)
      return &p->blocks[i];
  return NULL;
}

uint64_t clara_profile_block_count(const clara_profile *p, const char *function,
                                   uint32_t index) {
  clara_profile_block *b = find_block((clara_profile *)p, function, index);
  return b ? b->count : 0;
}

static clara_profile_object *find_object(clara_profile *p, const char *name) {
  for (size_t i = 0; i < p->num_objects; ++i)
    if (strcmp(p->objects[i].name, name) == 0)
      return &p->objects[i];
  return NULL;
}

static clara_profile_access *find_access(clara_profile *p, const char *function,
                                         uint32_t index, const char *object) {
  for (size_t i = 0; i < p->num_accesses; ++i)
    if (p->accesses[i].index == index &&
        strcmp(p->accesses[i].function, function) == 0 &&
        strcmp(p->accesses[i].object, object) == 0)
      return &p->accesses[i];
  return NULL;
}

int clara_profile_check_module(const clara_profile *p, const char *module_id,
                               const char *path, char **out_message) {
  if (strcmp(p->module, module_id) == 0)
    return CLARA_OK;
  return clara_error(out_message,
                     "%s: the profile was collected from another version of "
                     "the code (profile module %s, this module %s); "
                     "re-instrument and re-run it",
                     path ? path : "<profile>", p->module, module_id);
}

int clara_profile_merge(clara_profile *into, const clara_profile *other,
                        char **out_message) {
  if (strcmp(into->module, other->module) != 0)
    return clara_error(out_message,
                       "cannot merge profiles of different modules (%s and "
                       "%s)",
                       into->module, other->module);
  for (size_t i = 0; i < other->num_objects; ++i) {
    clara_profile_object *o = find_object(into, other->objects[i].name);
    if (o && o->bytes != other->objects[i].bytes)
      return clara_error(out_message,
                         "cannot merge: object '%s' has %" PRIu64
                         " bytes in one profile and %" PRIu64 " in the other",
                         o->name, o->bytes, other->objects[i].bytes);
  }
  /* Nothing can fail below but allocation; a failed allocation leaves a
   * partly merged profile, which the caller disposes of. */
  into->packets += other->packets;
  for (size_t i = 0; i < other->num_blocks; ++i) {
    const clara_profile_block *b = &other->blocks[i];
    clara_profile_block *t = find_block(into, b->function, b->index);
    if (t)
      t->count += b->count;
    else if (clara_profile_add_block(into, b->function, b->block, b->index,
                                     b->count, out_message) != CLARA_OK)
      return CLARA_ERROR;
  }
  for (size_t i = 0; i < other->num_objects; ++i) {
    const clara_profile_object *o = &other->objects[i];
    clara_profile_object *t = find_object(into, o->name);
    if (t) {
      if (o->peak_entries > t->peak_entries)
        t->peak_entries = o->peak_entries;
    } else if (clara_profile_add_object(into, o->name, o->bytes,
                                        o->peak_entries,
                                        out_message) != CLARA_OK)
      return CLARA_ERROR;
  }
  for (size_t i = 0; i < other->num_accesses; ++i) {
    const clara_profile_access *a = &other->accesses[i];
    clara_profile_access *t =
        find_access(into, a->function, a->index, a->object);
    if (t) {
      t->loads += a->loads;
      t->stores += a->stores;
      t->atomics += a->atomics;
    } else if (clara_profile_add_access(into, a->function, a->index, a->object,
                                        a->loads, a->stores, a->atomics,
                                        out_message) != CLARA_OK)
      return CLARA_ERROR;
  }
  return CLARA_OK;
}
