/*===- core/annotate.c - clara-annotate: what every instruction is --------===*
 *
 * Three steps over the module, all through the LLVM-C API:
 *  1. Entry points and the NF's own code: Click entry methods of classes
 *     deriving from Element, then everything they reach through direct calls
 *     and virtual calls resolved through the vtables of the module's own
 *     (non-framework) classes. Framework code is told apart by name.
 *  2. Pointer origins: a flow-insensitive, context-insensitive fixpoint over
 *     the NF's functions. An origin is the stack, the packet, a state object
 *     (an element field or a global), the whole element (`this`), or unknown.
 *     At -O0 every local lives in an alloca, so each alloca has a "content"
 *     set: the origins of the values stored into it, which loads from it
 *     yield. Arguments of the NF's functions receive the union over call
 *     sites; calls yield the union of the callee's returns.
 *  3. Classification: each instruction's kind from its opcode, its address's
 *     origin (state before packet before stack) and its callee's name.
 *
 *===----------------------------------------------------------------------===*/
#include "annotate.h"

#include "error.h"
#include "framework.h"
#include "ptrmap.h"

#include <llvm-c/Target.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Origin sets ------------------------------------------------------- */

enum {
  ORIGIN_STACK = -1,
  ORIGIN_PACKET = -2,
  ORIGIN_UNKNOWN = -3,
  ORIGIN_THIS_BASE = -100 /* ORIGIN_THIS_BASE - c: the whole element c */
};
#define ORIGIN_SET_CAPACITY 8

/* A sorted set of origins; `overflow` means "and more" (treated as
 * unknown), which keeps the lattice finite. */
typedef struct {
  int32_t ids[ORIGIN_SET_CAPACITY];
  uint8_t count;
  uint8_t overflow;
} origin_set;

static int origin_set_add(origin_set *set, int32_t id) {
  size_t i = 0;
  while (i < set->count && set->ids[i] < id)
    ++i;
  if (i < set->count && set->ids[i] == id)
    return 0;
  if (set->count == ORIGIN_SET_CAPACITY) {
    if (set->overflow)
      return 0;
    set->overflow = 1;
    return 1;
  }
  memmove(set->ids + i + 1, set->ids + i, (set->count - i) * sizeof(int32_t));
  set->ids[i] = id;
  ++set->count;
  return 1;
}

static int origin_set_union(origin_set *set, const origin_set *other) {
  int changed = 0;
  for (size_t i = 0; i < other->count; ++i)
    changed |= origin_set_add(set, other->ids[i]);
  if (other->overflow && !set->overflow) {
    set->overflow = 1;
    changed = 1;
  }
  return changed;
}

/* ---- The annotation ---------------------------------------------------- */

typedef struct {
  LLVMValueRef function;
  char *demangled;
  char *qualified; /* clara_qualified_name(demangled), e.g. "Packet::data" */
  clara_framework_class framework;
  int is_runtime_helper; /* __cxa_*, __clang_call_terminate, ... */
  int entry_class;       /* class index if an entry point, else -1 */
  int is_nf;
  size_t *callees; /* function indices of the NF calls it makes */
  size_t num_callees, cap_callees;
  int32_t *written; /* state objects it writes */
  size_t num_written, cap_written;
  unsigned mix[CLARA_NUM_KINDS];
} function_info;

typedef struct {
  LLVMTypeRef type;       /* NULL when the module has no struct type for it */
  char *name;             /* demangled class name */
  int32_t *field_objects; /* per struct field: object id, -1 for base parts */
  unsigned num_fields;
} class_info;

typedef struct {
  clara_state_object public;
  char *owned_name;
  int first_writer; /* entry index, -1 if none */
  int accessed;
} object_info;

struct clara_annotation {
  LLVMModuleRef module;
  LLVMContextRef context;
  LLVMTargetDataRef layout;
  clara_host host;
  unsigned sret_kind;

  function_info *functions;
  size_t num_functions;
  clara_ptrmap function_index;

  size_t *entries;
  size_t num_entries;
  size_t *nf; /* NF function indices in module order */
  size_t num_nf;

  class_info *classes;
  size_t num_classes;

  object_info *objects; /* all candidate objects */
  size_t num_objects;
  size_t num_field_objects;
  clara_ptrmap global_object; /* global -> object id */
  int32_t *object_remap;      /* candidate id -> public index or -1 */
  clara_state_object *public_objects;
  size_t num_public_objects;

  origin_set *sets;
  size_t num_sets, cap_sets;
  clara_ptrmap value_set;   /* SSA value -> set */
  clara_ptrmap content_set; /* alloca -> set of what is stored in it */
  clara_ptrmap return_set;  /* function -> set of what it returns */

  clara_ptrmap result; /* instruction -> kind | flags | (object + 1) << 16 */
  clara_ptrmap multi;  /* instruction -> index in multi_objects of a list
                          [n, id1, ..., idn] when it may touch n > 1 */
  int32_t *multi_objects;
  size_t num_multi, cap_multi;

  LLVMValueRef *vtables;
  size_t num_vtables;
};

static const char *const kind_names[CLARA_NUM_KINDS] = {
    "none",       "compute",   "mem.stack",     "mem.state",    "mem.packet",
    "api.header", "api.state", "call.internal", "call.external"};
static const char *const kind_remark_names[CLARA_NUM_KINDS] = {
    "None",      "Compute",  "MemStack",     "MemState",    "MemPacket",
    "ApiHeader", "ApiState", "CallInternal", "CallExternal"};

const char *clara_kind_name(clara_kind kind) {
  return kind < CLARA_NUM_KINDS ? kind_names[kind] : "none";
}

int clara_kind_is_memory(clara_kind kind) {
  return kind == CLARA_KIND_MEM_STACK || kind == CLARA_KIND_MEM_STATE ||
         kind == CLARA_KIND_MEM_PACKET;
}

const char *clara_kind_remark_name(clara_kind kind) {
  return kind < CLARA_NUM_KINDS ? kind_remark_names[kind] : "None";
}

const char *clara_container_name(clara_container container) {
  switch (container) {
  case CLARA_CONTAINER_HASHTABLE:
    return "hashtable";
  case CLARA_CONTAINER_VECTOR:
    return "vector";
  case CLARA_CONTAINER_ARRAY:
    return "array";
  default:
    return "none";
  }
}

/* The per-instruction result: kind in the low byte, then flags, then the
 * candidate object id + 1. */
#define RESULT_KIND_MASK 0xffu
#define RESULT_WRITE 0x100u
#define RESULT_ATOMIC 0x200u
#define RESULT_OBJECT_SHIFT 16

/* ---- Small helpers ----------------------------------------------------- */

static int grow_array(void **items, size_t *capacity, size_t needed,
                      size_t item_size) {
  if (needed <= *capacity)
    return CLARA_OK;
  size_t capacity2 = *capacity ? *capacity * 2 : 8;
  while (capacity2 < needed)
    capacity2 *= 2;
  void *items2 = realloc(*items, capacity2 * item_size);
  if (!items2)
    return CLARA_ERROR;
  *items = items2;
  *capacity = capacity2;
  return CLARA_OK;
}

static int starts_with(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

static char *copy_string(const char *s, size_t len) {
  char *copy = malloc(len + 1);
  if (copy) {
    memcpy(copy, s, len);
    copy[len] = '\0';
  }
  return copy;
}

static int is_trackable_type(LLVMTypeRef type) {
  switch (LLVMGetTypeKind(type)) {
  case LLVMPointerTypeKind:
  case LLVMStructTypeKind:
  case LLVMArrayTypeKind:
  case LLVMVectorTypeKind:
    return 1;
  default:
    return 0;
  }
}

/* The set index for `key` in `map`, created empty if create is set. */
static int set_for(clara_annotation *a, clara_ptrmap *map, const void *key,
                   int create, size_t *out_index) {
  if (clara_ptrmap_get(map, key, out_index))
    return 1;
  if (!create)
    return 0;
  if (grow_array((void **)&a->sets, &a->cap_sets, a->num_sets + 1,
                 sizeof *a->sets) != CLARA_OK)
    return 0;
  memset(&a->sets[a->num_sets], 0, sizeof *a->sets);
  if (clara_ptrmap_put(map, key, a->num_sets) != CLARA_OK)
    return 0;
  *out_index = a->num_sets++;
  return 1;
}

static int union_into(clara_annotation *a, clara_ptrmap *map, const void *key,
                      const origin_set *source) {
  if (!source->count && !source->overflow)
    return 0;
  size_t index;
  if (!set_for(a, map, key, 1, &index))
    return 0;
  return origin_set_union(&a->sets[index], source);
}

static const char *function_name(LLVMValueRef function) {
  size_t len;
  return LLVMGetValueName2(function, &len);
}

static function_info *info_of(clara_annotation *a, LLVMValueRef function) {
  size_t index;
  if (!function || !clara_ptrmap_get(&a->function_index, function, &index))
    return NULL;
  return &a->functions[index];
}

/* Strips casts and constant-expression wrappers from a callee. */
static LLVMValueRef strip_casts(LLVMValueRef value) {
  while (value && LLVMIsAConstantExpr(value) &&
         (LLVMGetConstOpcode(value) == LLVMBitCast ||
          LLVMGetConstOpcode(value) == LLVMAddrSpaceCast))
    value = LLVMGetOperand(value, 0);
  return value;
}

/* The alloca an address is based on through GEPs and casts, or NULL. */
static LLVMValueRef base_alloca(LLVMValueRef address) {
  for (int depth = 0; address && depth < 64; ++depth) {
    if (LLVMIsAAllocaInst(address))
      return address;
    if (LLVMIsAGetElementPtrInst(address) || LLVMIsABitCastInst(address) ||
        LLVMIsAAddrSpaceCastInst(address))
      address = LLVMGetOperand(address, 0);
    else
      return NULL;
  }
  return NULL;
}

/* ---- Step 1: functions, classes, entry points, reachability ------------ */

static int struct_is_element(LLVMTypeRef type) {
  if (LLVMGetTypeKind(type) != LLVMStructTypeKind)
    return 0;
  const char *name = LLVMGetStructName(type);
  if (!name)
    return 0;
  return strcmp(name, "class.Element") == 0 ||
         starts_with(name, "class.Element.");
}

/* 1 if struct `type` has Element among its (transitive) base subobjects. */
static int derives_from_element(LLVMTypeRef type, int depth) {
  if (depth > 8 || LLVMGetTypeKind(type) != LLVMStructTypeKind ||
      LLVMIsOpaqueStruct(type))
    return 0;
  unsigned n = LLVMCountStructElementTypes(type);
  for (unsigned i = 0; i < n; ++i) {
    LLVMTypeRef field = LLVMStructGetTypeAtIndex(type, i);
    if (LLVMGetTypeKind(field) != LLVMStructTypeKind)
      continue;
    if (struct_is_element(field))
      return 1;
    const char *name = LLVMGetStructName(field);
    if (name && (starts_with(name, "class.") || starts_with(name, "struct.")) &&
        derives_from_element(field, depth + 1))
      return 1;
  }
  return 0;
}

static LLVMTypeRef find_class_type(clara_annotation *a, const char *cls) {
  static const char *const prefixes[] = {"class.", "struct."};
  char name[700];
  for (size_t i = 0; i < 2; ++i) {
    snprintf(name, sizeof name, "%s%s", prefixes[i], cls);
    LLVMTypeRef type = LLVMGetTypeByName2(a->context, name);
    if (type)
      return type;
  }
  return NULL;
}

static clara_container container_of(LLVMTypeRef type) {
  if (LLVMGetTypeKind(type) == LLVMArrayTypeKind)
    return CLARA_CONTAINER_ARRAY;
  if (LLVMGetTypeKind(type) != LLVMStructTypeKind)
    return CLARA_CONTAINER_NONE;
  const char *name = LLVMGetStructName(type);
  if (!name)
    return CLARA_CONTAINER_NONE;
  if (starts_with(name, "class."))
    name += 6;
  else if (starts_with(name, "struct."))
    name += 7;
  if (starts_with(name, "HashTable") || starts_with(name, "HashMap") ||
      starts_with(name, "HashContainer"))
    return CLARA_CONTAINER_HASHTABLE;
  if (starts_with(name, "Vector"))
    return CLARA_CONTAINER_VECTOR;
  return CLARA_CONTAINER_NONE;
}

static int is_byte_type(LLVMTypeRef type) {
  if (LLVMGetTypeKind(type) == LLVMArrayTypeKind)
    type = LLVMGetElementType(type);
  return LLVMGetTypeKind(type) == LLVMIntegerTypeKind &&
         LLVMGetIntTypeWidth(type) == 8;
}

/* The alignment a type has in C++: the largest ABI alignment of its scalars,
 * looking through packed structs (clang packs a class's base part, which
 * hides the class's real alignment from LLVM). */
static unsigned natural_alignment(clara_annotation *a, LLVMTypeRef type,
                                  int depth) {
  switch (LLVMGetTypeKind(type)) {
  case LLVMArrayTypeKind:
  case LLVMVectorTypeKind:
    return natural_alignment(a, LLVMGetElementType(type), depth + 1);
  case LLVMStructTypeKind: {
    unsigned align = 1;
    unsigned n =
        LLVMIsOpaqueStruct(type) ? 0 : LLVMCountStructElementTypes(type);
    for (unsigned i = 0; i < n && depth < 16; ++i) {
      unsigned ai =
          natural_alignment(a, LLVMStructGetTypeAtIndex(type, i), depth + 1);
      if (ai > align)
        align = ai;
    }
    return align;
  }
  default:
    return LLVMABIAlignmentOfType(a->layout, type);
  }
}

/* Clang spells out padding as i8 / [N x i8] fields: between the fields of
 * packed (<{...}>) class types, and at the end of classes whose packed base
 * part hides their alignment. With debug info for the class, a byte field
 * without a source name is padding. Without it, a byte field that starts
 * misaligned for what follows it (the next field, or the end of the class)
 * and ends exactly on that alignment is taken for padding; a genuine char
 * member in that position is indistinguishable. */
static int is_padding_field(clara_annotation *a, LLVMTypeRef type, unsigned k,
                            int described) {
  LLVMTypeRef field = LLVMStructGetTypeAtIndex(type, k);
  if (!is_byte_type(field))
    return 0;
  if (described)
    return 1;
  unsigned n = LLVMCountStructElementTypes(type);
  if (!LLVMIsPackedStruct(type) && k + 1 < n)
    return 0; /* LLVM pads non-packed structs itself */
  unsigned long long offset = LLVMOffsetOfElement(a->layout, type, k);
  unsigned long long end = offset + LLVMABISizeOfType(a->layout, field);
  unsigned align =
      k + 1 < n ? natural_alignment(a, LLVMStructGetTypeAtIndex(type, k + 1), 0)
                : natural_alignment(a, type, 0);
  return align > 1 && end % align == 0 && offset % align != 0;
}

static int add_object(clara_annotation *a, size_t *capacity,
                      object_info **out) {
  if (grow_array((void **)&a->objects, capacity, a->num_objects + 1,
                 sizeof *a->objects) != CLARA_OK)
    return CLARA_ERROR;
  object_info *o = &a->objects[a->num_objects++];
  memset(o, 0, sizeof *o);
  o->first_writer = -1;
  *out = o;
  return CLARA_OK;
}

/* The class index for class `cls` of an entry point, created on first use
 * together with the state objects of its fields. */
static int class_index(clara_annotation *a, const char *cls, LLVMTypeRef type,
                       size_t *cap_classes, size_t *cap_objects, int *out) {
  for (size_t i = 0; i < a->num_classes; ++i)
    if (strcmp(a->classes[i].name, cls) == 0) {
      *out = (int)i;
      return CLARA_OK;
    }
  if (grow_array((void **)&a->classes, cap_classes, a->num_classes + 1,
                 sizeof *a->classes) != CLARA_OK)
    return CLARA_ERROR;
  class_info *c = &a->classes[a->num_classes];
  memset(c, 0, sizeof *c);
  c->type = type;
  c->name = copy_string(cls, strlen(cls));
  if (!c->name)
    return CLARA_ERROR;
  ++a->num_classes;
  if (type && !LLVMIsOpaqueStruct(type)) {
    c->num_fields = LLVMCountStructElementTypes(type);
    c->field_objects = malloc((c->num_fields + 1) * sizeof(int32_t));
    if (!c->field_objects)
      return CLARA_ERROR;
    const char *struct_name = LLVMGetStructName(type);
    int described = a->host.has_debug_info &&
                    a->host.has_debug_info(a->host.context, struct_name);
    for (unsigned k = 0; k < c->num_fields; ++k) {
      LLVMTypeRef field = LLVMStructGetTypeAtIndex(type, k);
      c->field_objects[k] = -1;
      if (struct_is_element(field) || derives_from_element(field, 0))
        continue; /* the Element base: framework state, not the NF's */
      uint64_t offset = LLVMOffsetOfElement(a->layout, type, k);
      char *source_name = NULL;
      if (a->host.field_name)
        source_name =
            a->host.field_name(a->host.context, struct_name, k, offset);
      if (!source_name && is_padding_field(a, type, k, described))
        continue;
      object_info *o;
      if (add_object(a, cap_objects, &o) != CLARA_OK) {
        free(source_name);
        return CLARA_ERROR;
      }
      c->field_objects[k] = (int32_t)(a->num_objects - 1);
      char name[700];
      if (source_name)
        snprintf(name, sizeof name, "%s::%s", cls, source_name);
      else
        snprintf(name, sizeof name, "%s.%u", cls, k);
      free(source_name);
      o->owned_name = copy_string(name, strlen(name));
      if (!o->owned_name)
        return CLARA_ERROR;
      o->public.name = o->owned_name;
      o->public.bytes = LLVMABISizeOfType(a->layout, field);
      o->public.container = container_of(field);
      o->public.class_type = type;
      o->public.field_index = k;
      o->accessed = 1; /* every field of an element is state */
    }
  }
  *out = (int)(a->num_classes - 1);
  return CLARA_OK;
}

static int collect_functions(clara_annotation *a, char **out_message) {
  size_t capacity = 0;
  for (LLVMValueRef f = LLVMGetFirstFunction(a->module); f;
       f = LLVMGetNextFunction(f)) {
    if (grow_array((void **)&a->functions, &capacity, a->num_functions + 1,
                   sizeof *a->functions) != CLARA_OK)
      return clara_error(out_message, "out of memory");
    function_info *info = &a->functions[a->num_functions];
    memset(info, 0, sizeof *info);
    info->function = f;
    info->entry_class = -1;
    const char *name = function_name(f);
    info->demangled = a->host.demangle(a->host.context, name);
    if (!info->demangled)
      info->demangled = copy_string(name, strlen(name));
    if (!info->demangled)
      return clara_error(out_message, "out of memory");
    size_t qlen = clara_qualified_name(info->demangled, NULL, 0);
    info->qualified = malloc(qlen + 1);
    if (!info->qualified)
      return clara_error(out_message, "out of memory");
    clara_qualified_name(info->demangled, info->qualified, qlen + 1);
    info->framework = clara_framework_classify(info->demangled);
    info->is_runtime_helper = starts_with(name, "__") ||
                              starts_with(name, "llvm.") ||
                              starts_with(info->demangled, "std::terminate");
    if (clara_ptrmap_put(&a->function_index, f, a->num_functions) != CLARA_OK)
      return clara_error(out_message, "out of memory");
    ++a->num_functions;
  }
  return CLARA_OK;
}

static int find_entry_points(clara_annotation *a, char **out_message) {
  size_t cap_entries = 0, cap_classes = 0;
  size_t cap_objects = a->num_objects;
  for (size_t i = 0; i < a->num_functions; ++i) {
    function_info *info = &a->functions[i];
    if (LLVMIsDeclaration(info->function) ||
        info->framework != CLARA_FRAMEWORK_NONE)
      continue;
    char qualified[600];
    snprintf(qualified, sizeof qualified, "%s", info->qualified);
    char *sep = NULL;
    for (char *p = strstr(qualified, "::"); p; p = strstr(p + 2, "::"))
      sep = p;
    if (!sep || !clara_is_entry_method(sep + 2))
      continue;
    *sep = '\0';
    LLVMTypeRef type = find_class_type(a, qualified);
    int is_element = type ? derives_from_element(type, 0)
                          : strstr(info->demangled, "Packet") != NULL;
    if (!is_element)
      continue;
    int cls;
    if (class_index(a, qualified, type, &cap_classes, &cap_objects, &cls) !=
        CLARA_OK)
      return clara_error(out_message, "out of memory");
    info->entry_class = cls;
    if (grow_array((void **)&a->entries, &cap_entries, a->num_entries + 1,
                   sizeof *a->entries) != CLARA_OK)
      return clara_error(out_message, "out of memory");
    a->entries[a->num_entries++] = i;
  }
  a->num_field_objects = a->num_objects;
  if (!a->num_entries) {
    size_t len;
    const char *id = LLVMGetSourceFileName(a->module, &len);
    if (!id || !len)
      id = LLVMGetModuleIdentifier(a->module, &len);
    return clara_error(out_message,
                       "%.*s: no Click entry point: expected a simple_action, "
                       "push, pull or smaction method of a class deriving "
                       "from Element",
                       (int)len, id);
  }
  /* Globals, all candidates; only those the NF's code touches are kept. */
  for (LLVMValueRef g = LLVMGetFirstGlobal(a->module); g;
       g = LLVMGetNextGlobal(g)) {
    const char *name = function_name(g);
    if (starts_with(name, "_ZTV") || starts_with(name, "_ZTI") ||
        starts_with(name, "_ZTS") || starts_with(name, "_ZTT") ||
        starts_with(name, "llvm.") || starts_with(name, "__"))
      continue;
    object_info *o;
    if (add_object(a, &cap_objects, &o) != CLARA_OK ||
        clara_ptrmap_put(&a->global_object, g, a->num_objects - 1) != CLARA_OK)
      return clara_error(out_message, "out of memory");
    o->public.name = name;
    o->public.global = g;
    LLVMTypeRef type = LLVMGlobalGetValueType(g);
    o->public.bytes = LLVMABISizeOfType(a->layout, type);
    o->public.container = container_of(type);
  }
  return CLARA_OK;
}

static void collect_vtables(clara_annotation *a) {
  size_t capacity = 0;
  for (LLVMValueRef g = LLVMGetFirstGlobal(a->module); g;
       g = LLVMGetNextGlobal(g)) {
    const char *name = function_name(g);
    if (!starts_with(name, "_ZTV") || !LLVMGetInitializer(g))
      continue;
    char *demangled = a->host.demangle(a->host.context, name);
    /* "vtable for Foo": only the NF's own classes resolve calls. */
    int framework = 1;
    if (demangled && starts_with(demangled, "vtable for ")) {
      char probe[600];
      snprintf(probe, sizeof probe, "%s::f()", demangled + 11);
      framework = clara_framework_classify(probe) != CLARA_FRAMEWORK_NONE;
    }
    free(demangled);
    if (framework)
      continue;
    if (grow_array((void **)&a->vtables, &capacity, a->num_vtables + 1,
                   sizeof *a->vtables) == CLARA_OK)
      a->vtables[a->num_vtables++] = g;
  }
}

/* The vtable slot an indirect callee is loaded from, or -1:
 *   %vtable = load ptr, ptr %obj
 *   %vfn = getelementptr inbounds ptr, ptr %vtable, i64 SLOT
 *   %f = load ptr, ptr %vfn */
static long long vtable_slot(LLVMValueRef callee) {
  if (!LLVMIsALoadInst(callee))
    return -1;
  LLVMValueRef address = LLVMGetOperand(callee, 0);
  if (LLVMIsALoadInst(address))
    return 0;
  if (!LLVMIsAGetElementPtrInst(address) || LLVMGetNumIndices(address) != 1 ||
      !LLVMIsALoadInst(LLVMGetOperand(address, 0)))
    return -1;
  LLVMValueRef index = LLVMGetOperand(address, 1);
  if (!LLVMIsAConstantInt(index))
    return -1;
  long long slot = LLVMConstIntGetSExtValue(index);
  LLVMTypeRef element = LLVMGetGEPSourceElementType(address);
  if (LLVMGetTypeKind(element) == LLVMIntegerTypeKind &&
      LLVMGetIntTypeWidth(element) == 8)
    slot /= 8; /* byte offsets after instcombine */
  return slot;
}

/* Resolves the NF functions a call may reach; returns how many were written
 * to targets (at most max_targets). */
static size_t call_targets(clara_annotation *a, LLVMValueRef call,
                           size_t *targets, size_t max_targets) {
  LLVMValueRef callee = strip_casts(LLVMGetCalledValue(call));
  if (LLVMIsAFunction(callee)) {
    function_info *info = info_of(a, callee);
    if (info && !LLVMIsDeclaration(callee) && !info->is_runtime_helper &&
        info->framework == CLARA_FRAMEWORK_NONE && max_targets) {
      targets[0] = (size_t)(info - a->functions);
      return 1;
    }
    return 0;
  }
  long long slot = vtable_slot(callee);
  if (slot < 0)
    return 0;
  size_t n = 0;
  for (size_t v = 0; v < a->num_vtables && n < max_targets; ++v) {
    LLVMValueRef init = LLVMGetInitializer(a->vtables[v]);
    if (!init || LLVMGetNumOperands(init) < 1)
      continue;
    LLVMValueRef array = LLVMGetOperand(init, 0);
    if (!array || LLVMGetTypeKind(LLVMTypeOf(array)) != LLVMArrayTypeKind ||
        (long long)LLVMGetNumOperands(array) <= slot + 2)
      continue;
    LLVMValueRef target =
        strip_casts(LLVMGetOperand(array, (unsigned)slot + 2));
    function_info *info = info_of(a, target);
    if (!info || LLVMIsDeclaration(target) || info->is_runtime_helper ||
        info->framework != CLARA_FRAMEWORK_NONE)
      continue;
    size_t index = (size_t)(info - a->functions);
    int seen = 0;
    for (size_t k = 0; k < n; ++k)
      seen |= targets[k] == index;
    if (!seen)
      targets[n++] = index;
  }
  return n;
}

static int is_call(LLVMValueRef inst) {
  return LLVMIsACallInst(inst) || LLVMIsAInvokeInst(inst) ||
         LLVMIsACallBrInst(inst);
}

#define MAX_TARGETS 32

static int add_callee(function_info *info, size_t callee) {
  for (size_t i = 0; i < info->num_callees; ++i)
    if (info->callees[i] == callee)
      return CLARA_OK;
  if (grow_array((void **)&info->callees, &info->cap_callees,
                 info->num_callees + 1, sizeof *info->callees) != CLARA_OK)
    return CLARA_ERROR;
  info->callees[info->num_callees++] = callee;
  return CLARA_OK;
}

static int find_nf_code(clara_annotation *a, char **out_message) {
  size_t *worklist = malloc(a->num_functions * sizeof *worklist);
  if (!worklist)
    return clara_error(out_message, "out of memory");
  size_t top = 0;
  for (size_t e = 0; e < a->num_entries; ++e) {
    function_info *info = &a->functions[a->entries[e]];
    if (!info->is_nf) {
      info->is_nf = 1;
      worklist[top++] = a->entries[e];
    }
  }
  size_t targets[MAX_TARGETS];
  while (top) {
    function_info *info = &a->functions[worklist[--top]];
    for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(info->function); b;
         b = LLVMGetNextBasicBlock(b))
      for (LLVMValueRef i = LLVMGetFirstInstruction(b); i;
           i = LLVMGetNextInstruction(i)) {
        if (!is_call(i))
          continue;
        size_t n = call_targets(a, i, targets, MAX_TARGETS);
        for (size_t k = 0; k < n; ++k) {
          if (add_callee(info, targets[k]) != CLARA_OK) {
            free(worklist);
            return clara_error(out_message, "out of memory");
          }
          function_info *callee = &a->functions[targets[k]];
          if (!callee->is_nf) {
            callee->is_nf = 1;
            worklist[top++] = targets[k];
          }
        }
      }
  }
  free(worklist);
  a->nf = malloc((a->num_functions + 1) * sizeof *a->nf);
  if (!a->nf)
    return clara_error(out_message, "out of memory");
  for (size_t i = 0; i < a->num_functions; ++i)
    if (a->functions[i].is_nf)
      a->nf[a->num_nf++] = i;
  return CLARA_OK;
}

/* ---- Step 2: pointer origins ------------------------------------------- */

static void origin_of(clara_annotation *a, LLVMValueRef value,
                      origin_set *out) {
  memset(out, 0, sizeof *out);
  for (int depth = 0; value && depth < 16; ++depth) {
    if (LLVMIsAGlobalVariable(value)) {
      size_t object;
      if (clara_ptrmap_get(&a->global_object, value, &object))
        origin_set_add(out, (int32_t)object);
      return;
    }
    if (LLVMIsAConstantExpr(value)) {
      LLVMOpcode op = LLVMGetConstOpcode(value);
      if (op == LLVMGetElementPtr || op == LLVMBitCast ||
          op == LLVMAddrSpaceCast || op == LLVMIntToPtr || op == LLVMPtrToInt) {
        value = LLVMGetOperand(value, 0);
        continue;
      }
      return;
    }
    if (LLVMIsAInstruction(value) || LLVMIsAArgument(value)) {
      size_t index;
      if (clara_ptrmap_get(&a->value_set, value, &index))
        *out = a->sets[index];
    }
    return;
  }
}

/* What a pointer loaded from memory with origins `address` points to. */
static void loaded_origin(const origin_set *address, origin_set *out) {
  memset(out, 0, sizeof *out);
  for (size_t i = 0; i < address->count; ++i) {
    int32_t id = address->ids[i];
    if (id >= 0 || id == ORIGIN_PACKET)
      origin_set_add(out, id); /* pointers kept in state point into state */
    else
      origin_set_add(out, ORIGIN_UNKNOWN);
  }
  if (address->overflow || !address->count)
    origin_set_add(out, ORIGIN_UNKNOWN);
}

/* GEP on the whole element: indices 0, k into its own struct type select
 * field object k. */
static void refine_gep(clara_annotation *a, LLVMValueRef gep, origin_set *set) {
  origin_set refined;
  memset(&refined, 0, sizeof refined);
  refined.overflow = set->overflow;
  LLVMTypeRef source = LLVMGetGEPSourceElementType(gep);
  unsigned num_indices = LLVMGetNumIndices(gep);
  for (size_t i = 0; i < set->count; ++i) {
    int32_t id = set->ids[i];
    if (id > ORIGIN_THIS_BASE) {
      origin_set_add(&refined, id);
      continue;
    }
    class_info *c = &a->classes[ORIGIN_THIS_BASE - id];
    int32_t field = -1;
    if (c->type && c->field_objects) {
      if (source == c->type && num_indices >= 2 &&
          LLVMIsAConstantInt(LLVMGetOperand(gep, 2))) {
        unsigned long long k = LLVMConstIntGetZExtValue(LLVMGetOperand(gep, 2));
        if (k < c->num_fields)
          field = c->field_objects[k];
      } else if (num_indices == 1 &&
                 LLVMGetTypeKind(source) == LLVMIntegerTypeKind &&
                 LLVMGetIntTypeWidth(source) == 8 &&
                 LLVMIsAConstantInt(LLVMGetOperand(gep, 1))) {
        long long offset = LLVMConstIntGetSExtValue(LLVMGetOperand(gep, 1));
        if (offset >= 0 && (unsigned long long)offset <
                               LLVMABISizeOfType(a->layout, c->type)) {
          unsigned k = LLVMElementAtOffset(a->layout, c->type,
                                           (unsigned long long)offset);
          if (k < c->num_fields)
            field = c->field_objects[k];
        }
      }
    }
    origin_set_add(&refined, field >= 0 ? field : id);
  }
  *set = refined;
}

static int has_sret(clara_annotation *a, LLVMValueRef call, unsigned arg) {
  return LLVMGetCallSiteEnumAttribute(call, arg + 1, a->sret_kind) != NULL;
}

/* The qualified name of a call's direct callee ("HashTable::find"), or
 * NULL for indirect calls and unknown callees. */
static const char *callee_qualified_name(clara_annotation *a,
                                         LLVMValueRef call) {
  function_info *info = info_of(a, strip_casts(LLVMGetCalledValue(call)));
  return info ? info->qualified : NULL;
}

/* Origins of a framework container call: the containers and stack objects
 * passed to it (an iterator or a reference into a container points into
 * that container). */
static void container_call_origin(clara_annotation *a, LLVMValueRef call,
                                  origin_set *out) {
  memset(out, 0, sizeof *out);
  unsigned n = LLVMGetNumArgOperands(call);
  for (unsigned i = 0; i < n; ++i) {
    LLVMValueRef arg = LLVMGetOperand(call, i);
    if (LLVMGetTypeKind(LLVMTypeOf(arg)) != LLVMPointerTypeKind ||
        has_sret(a, call, i))
      continue;
    LLVMValueRef alloca = base_alloca(arg);
    size_t index;
    if (alloca) {
      origin_set_add(out, ORIGIN_STACK);
      if (clara_ptrmap_get(&a->content_set, alloca, &index)) {
        origin_set content = a->sets[index];
        origin_set_union(out, &content);
      }
    } else {
      origin_set o;
      origin_of(a, arg, &o);
      origin_set_union(out, &o);
    }
  }
}

/* The transfer function of one instruction; returns 1 if a set grew. */
static int transfer(clara_annotation *a, function_info *info,
                    LLVMValueRef inst) {
  origin_set s, t;
  memset(&s, 0, sizeof s);
  int changed = 0;
  switch (LLVMGetInstructionOpcode(inst)) {
  case LLVMAlloca:
    origin_set_add(&s, ORIGIN_STACK);
    break;
  case LLVMGetElementPtr:
    origin_of(a, LLVMGetOperand(inst, 0), &s);
    refine_gep(a, inst, &s);
    break;
  case LLVMBitCast:
  case LLVMAddrSpaceCast:
  case LLVMFreeze:
  case LLVMPtrToInt:
  case LLVMExtractValue:
    origin_of(a, LLVMGetOperand(inst, 0), &s);
    break;
  case LLVMIntToPtr:
    origin_of(a, LLVMGetOperand(inst, 0), &s);
    if (!s.count)
      origin_set_add(&s, ORIGIN_UNKNOWN);
    break;
  case LLVMInsertValue:
    origin_of(a, LLVMGetOperand(inst, 0), &s);
    origin_of(a, LLVMGetOperand(inst, 1), &t);
    origin_set_union(&s, &t);
    break;
  case LLVMPHI:
    for (unsigned i = 0, n = LLVMCountIncoming(inst); i < n; ++i) {
      origin_of(a, LLVMGetIncomingValue(inst, i), &t);
      origin_set_union(&s, &t);
    }
    break;
  case LLVMSelect:
    origin_of(a, LLVMGetOperand(inst, 1), &s);
    origin_of(a, LLVMGetOperand(inst, 2), &t);
    origin_set_union(&s, &t);
    break;
  case LLVMLoad: {
    if (!is_trackable_type(LLVMTypeOf(inst)))
      return 0;
    LLVMValueRef address = LLVMGetOperand(inst, 0);
    LLVMValueRef alloca = base_alloca(address);
    size_t index;
    if (alloca) {
      if (clara_ptrmap_get(&a->content_set, alloca, &index))
        s = a->sets[index];
    } else {
      origin_of(a, address, &t);
      loaded_origin(&t, &s);
    }
    break;
  }
  case LLVMStore: {
    LLVMValueRef value = LLVMGetOperand(inst, 0);
    LLVMValueRef alloca = base_alloca(LLVMGetOperand(inst, 1));
    if (!alloca || !is_trackable_type(LLVMTypeOf(value)))
      return 0;
    origin_of(a, value, &t);
    return union_into(a, &a->content_set, alloca, &t);
  }
  case LLVMRet:
    if (LLVMGetNumOperands(inst) == 1 &&
        is_trackable_type(LLVMTypeOf(LLVMGetOperand(inst, 0)))) {
      origin_of(a, LLVMGetOperand(inst, 0), &t);
      return union_into(a, &a->return_set, info->function, &t);
    }
    return 0;
  case LLVMCall:
  case LLVMInvoke: {
    LLVMValueRef callee = strip_casts(LLVMGetCalledValue(inst));
    function_info *target = LLVMIsAFunction(callee) ? info_of(a, callee) : NULL;
    unsigned num_args = LLVMGetNumArgOperands(inst);
    if (target && LLVMGetIntrinsicID(callee)) {
      const char *name = function_name(callee);
      if (num_args >= 2 && (starts_with(name, "llvm.memcpy") ||
                            starts_with(name, "llvm.memmove"))) {
        LLVMValueRef dst = base_alloca(LLVMGetOperand(inst, 0));
        LLVMValueRef src = LLVMGetOperand(inst, 1);
        if (!dst)
          return 0;
        LLVMValueRef src_alloca = base_alloca(src);
        size_t index;
        memset(&t, 0, sizeof t);
        if (src_alloca) {
          if (clara_ptrmap_get(&a->content_set, src_alloca, &index))
            t = a->sets[index];
        } else {
          origin_of(a, src, &s);
          loaded_origin(&s, &t);
        }
        return union_into(a, &a->content_set, dst, &t);
      }
      return 0;
    }
    if (target && target->framework == CLARA_FRAMEWORK_STATE) {
      container_call_origin(a, inst, &s);
      for (unsigned i = 0; i < num_args; ++i)
        if (has_sret(a, inst, i)) {
          LLVMValueRef alloca = base_alloca(LLVMGetOperand(inst, i));
          if (alloca)
            changed |= union_into(a, &a->content_set, alloca, &s);
        }
    } else if (target && target->framework == CLARA_FRAMEWORK_HEADER) {
      const char *cls = callee_qualified_name(a, inst);
      if (cls && (starts_with(cls, "Packet::") ||
                  starts_with(cls, "WritablePacket::") ||
                  starts_with(cls, "click_"))) {
        origin_set_add(&s, ORIGIN_PACKET);
      } else {
        for (unsigned i = 0; i < num_args; ++i)
          if (LLVMGetTypeKind(LLVMTypeOf(LLVMGetOperand(inst, i))) ==
              LLVMPointerTypeKind) {
            origin_of(a, LLVMGetOperand(inst, i), &t);
            origin_set_union(&s, &t);
          }
      }
    } else {
      size_t targets[MAX_TARGETS];
      size_t n = call_targets(a, inst, targets, MAX_TARGETS);
      for (size_t k = 0; k < n; ++k) {
        LLVMValueRef fn = a->functions[targets[k]].function;
        unsigned num_params = LLVMCountParams(fn);
        for (unsigned i = 0; i < num_args && i < num_params; ++i) {
          LLVMValueRef arg = LLVMGetOperand(inst, i);
          if (!is_trackable_type(LLVMTypeOf(arg)))
            continue;
          origin_of(a, arg, &t);
          changed |= union_into(a, &a->value_set, LLVMGetParam(fn, i), &t);
        }
        size_t index;
        if (clara_ptrmap_get(&a->return_set, fn, &index)) {
          origin_set r = a->sets[index];
          origin_set_union(&s, &r);
        }
      }
      if (!n)
        origin_set_add(&s, ORIGIN_UNKNOWN);
    }
    if (!is_trackable_type(LLVMTypeOf(inst)))
      return changed;
    break;
  }
  default:
    return 0;
  }
  return changed | union_into(a, &a->value_set, inst, &s);
}

static int compute_origins(clara_annotation *a, char **out_message) {
  /* Seeds: an entry point's `this` is its element, its other pointers the
   * packet. */
  for (size_t e = 0; e < a->num_entries; ++e) {
    function_info *info = &a->functions[a->entries[e]];
    unsigned n = LLVMCountParams(info->function);
    for (unsigned i = 0; i < n; ++i) {
      LLVMValueRef param = LLVMGetParam(info->function, i);
      if (LLVMGetTypeKind(LLVMTypeOf(param)) != LLVMPointerTypeKind)
        continue;
      origin_set s;
      memset(&s, 0, sizeof s);
      origin_set_add(&s, i == 0 ? ORIGIN_THIS_BASE - info->entry_class
                                : ORIGIN_PACKET);
      union_into(a, &a->value_set, param, &s);
    }
  }
  for (int round = 0;; ++round) {
    if (round == 200)
      return clara_error(out_message, "pointer analysis did not converge");
    int changed = 0;
    for (size_t k = 0; k < a->num_nf; ++k) {
      function_info *info = &a->functions[a->nf[k]];
      for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(info->function); b;
           b = LLVMGetNextBasicBlock(b))
        for (LLVMValueRef i = LLVMGetFirstInstruction(b); i;
             i = LLVMGetNextInstruction(i))
          changed |= transfer(a, info, i);
    }
    if (!changed)
      break;
  }
  return CLARA_OK;
}

/* ---- Step 3: classification -------------------------------------------- */

/* The memory kind and object for an access through `address`. */
static clara_kind memory_kind(const origin_set *address, int32_t *object) {
  *object = -1;
  int stack = 0, packet = 0, state = 0;
  for (size_t i = 0; i < address->count; ++i) {
    int32_t id = address->ids[i];
    if (id >= 0) {
      if (*object < 0)
        *object = id;
      state = 1;
    } else if (id == ORIGIN_STACK) {
      stack = 1;
    } else if (id == ORIGIN_PACKET) {
      packet = 1;
    } else {
      state = 1; /* the element itself, or unknown: outlives the packet */
    }
  }
  if (address->overflow)
    state = 1;
  if (state || (!stack && !packet))
    return CLARA_KIND_MEM_STATE;
  return packet ? CLARA_KIND_MEM_PACKET : CLARA_KIND_MEM_STACK;
}

static int is_ignored_intrinsic(const char *name) {
  return starts_with(name, "llvm.dbg.") ||
         starts_with(name, "llvm.lifetime.") ||
         starts_with(name, "llvm.assume") ||
         starts_with(name, "llvm.experimental.noalias.scope.decl") ||
         starts_with(name, "llvm.invariant.") ||
         starts_with(name, "llvm.var.annotation") ||
         starts_with(name, "llvm.donothing") ||
         starts_with(name, "llvm.pseudoprobe");
}

/* libc byte-order helpers: at -O0 glibc makes them calls, on a NIC they are
 * a byte swap or nothing (the NFP is big-endian). */
static int is_byte_order_helper(const char *name) {
  static const char *const helpers[] = {
      "htons", "ntohs", "htonl", "ntohl", "__bswap_16", "__bswap_32",
      "__bswap_64", "bswap_16", "bswap_32", "bswap_64",
      /* click/integers.hh */
      "htonq", "ntohq", "host_to_net_order", "net_to_host_order"};
  for (size_t i = 0; i < sizeof helpers / sizeof *helpers; ++i)
    if (strcmp(name, helpers[i]) == 0)
      return 1;
  return 0;
}

static clara_kind classify_call(clara_annotation *a, LLVMValueRef inst,
                                int32_t *object, int *writes_object) {
  *object = -1;
  *writes_object = 0;
  LLVMValueRef callee = strip_casts(LLVMGetCalledValue(inst));
  origin_set s, t;
  if (LLVMIsAFunction(callee)) {
    function_info *target = info_of(a, callee);
    const char *name = function_name(callee);
    if (LLVMGetIntrinsicID(callee)) {
      if (is_ignored_intrinsic(name))
        return CLARA_KIND_NONE;
      if (starts_with(name, "llvm.memcpy") ||
          starts_with(name, "llvm.memmove") ||
          starts_with(name, "llvm.memset")) {
        /* Kind from both ends (state before packet before stack); the state
         * object is the destination's when it has one, which is written,
         * else the source's, which is only read. */
        origin_of(a, LLVMGetOperand(inst, 0), &s);
        clara_kind kind = memory_kind(&s, object);
        *writes_object = kind == CLARA_KIND_MEM_STATE;
        if (!starts_with(name, "llvm.memset")) {
          origin_of(a, LLVMGetOperand(inst, 1), &t);
          int32_t source_object;
          clara_kind source_kind = memory_kind(&t, &source_object);
          if (*object < 0 && source_kind == CLARA_KIND_MEM_STATE) {
            *object = source_object;
            *writes_object = kind == CLARA_KIND_MEM_STATE && source_object < 0;
          }
          origin_set_union(&s, &t);
          int32_t ignored;
          kind = memory_kind(&s, &ignored);
        }
        return kind;
      }
      return CLARA_KIND_COMPUTE;
    }
    if (is_byte_order_helper(name) ||
        (target && is_byte_order_helper(target->qualified)))
      return CLARA_KIND_COMPUTE;
    if (target) {
      switch (target->framework) {
      case CLARA_FRAMEWORK_HEADER:
        return CLARA_KIND_API_HEADER;
      case CLARA_FRAMEWORK_STATE:
        if (LLVMGetNumArgOperands(inst) > 0) {
          unsigned this_arg = has_sret(a, inst, 0) ? 1 : 0;
          if (this_arg < LLVMGetNumArgOperands(inst)) {
            origin_of(a, LLVMGetOperand(inst, this_arg), &s);
            memory_kind(&s, object);
          }
        }
        return CLARA_KIND_API_STATE;
      case CLARA_FRAMEWORK_DROPPED:
        return CLARA_KIND_CALL_EXTERNAL;
      default:
        break;
      }
      if (target->is_nf)
        return CLARA_KIND_CALL_INTERNAL;
    }
    return CLARA_KIND_CALL_EXTERNAL;
  }
  size_t targets[MAX_TARGETS];
  return call_targets(a, inst, targets, MAX_TARGETS) ? CLARA_KIND_CALL_INTERNAL
                                                     : CLARA_KIND_CALL_EXTERNAL;
}

/* Container methods that change the container. */
static int is_mutating_container_call(clara_annotation *a, LLVMValueRef call) {
  const char *name = callee_qualified_name(a, call);
  if (!name)
    return 0;
  const char *method = strrchr(name, ':');
  method = method ? method + 1 : name;
  /* A hash table's operator[] inserts the key; a Vector's only indexes (a
   * store through the reference it returns is counted as a store). */
  if (strcmp(method, "operator[]") == 0)
    return starts_with(name, "HashTable") || starts_with(name, "HashMap");
  static const char *const mutators[] = {
      "insert",     "set",       "erase",      "remove",
      "push_back",  "pop_back",  "clear",      "find_insert",
      "resize",     "assign",    "find_force", "findp_force",
      "push_front", "pop_front", "swap",       "operator="};
  for (size_t i = 0; i < sizeof mutators / sizeof *mutators; ++i)
    if (strcmp(method, mutators[i]) == 0)
      return 1;
  return 0;
}

static int note_candidates(clara_annotation *a, LLVMValueRef inst,
                           const int32_t *ids, size_t n) {
  if (grow_array((void **)&a->multi_objects, &a->cap_multi,
                 a->num_multi + n + 1, sizeof *a->multi_objects) != CLARA_OK ||
      clara_ptrmap_put(&a->multi, inst, a->num_multi) != CLARA_OK)
    return CLARA_ERROR;
  a->multi_objects[a->num_multi++] = (int32_t)n;
  for (size_t k = 0; k < n; ++k)
    a->multi_objects[a->num_multi++] = ids[k];
  return CLARA_OK;
}

static int note_write(function_info *info, int32_t object) {
  for (size_t i = 0; i < info->num_written; ++i)
    if (info->written[i] == object)
      return CLARA_OK;
  if (grow_array((void **)&info->written, &info->cap_written,
                 info->num_written + 1, sizeof *info->written) != CLARA_OK)
    return CLARA_ERROR;
  info->written[info->num_written++] = object;
  return CLARA_OK;
}

static int classify(clara_annotation *a, char **out_message) {
  for (size_t k = 0; k < a->num_nf; ++k) {
    function_info *info = &a->functions[a->nf[k]];
    for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(info->function); b;
         b = LLVMGetNextBasicBlock(b))
      for (LLVMValueRef i = LLVMGetFirstInstruction(b); i;
           i = LLVMGetNextInstruction(i)) {
        clara_kind kind = CLARA_KIND_COMPUTE;
        int32_t object = -1;
        int write = 0, atomic = 0, load = 0;
        origin_set s;
        const origin_set *candidate_set = NULL;
        switch (LLVMGetInstructionOpcode(i)) {
        case LLVMLoad:
          origin_of(a, LLVMGetOperand(i, 0), &s);
          kind = memory_kind(&s, &object);
          load = 1;
          candidate_set = &s;
          break;
        case LLVMStore:
          origin_of(a, LLVMGetOperand(i, 1), &s);
          kind = memory_kind(&s, &object);
          write = 1;
          candidate_set = &s;
          break;
        case LLVMAtomicRMW:
        case LLVMAtomicCmpXchg:
          origin_of(a, LLVMGetOperand(i, 0), &s);
          kind = memory_kind(&s, &object);
          write = atomic = 1;
          candidate_set = &s;
          break;
        case LLVMCall:
        case LLVMInvoke:
        case LLVMCallBr:
          kind = classify_call(a, i, &object, &write);
          if (kind == CLARA_KIND_API_STATE) {
            write = is_mutating_container_call(a, i);
            unsigned this_arg = has_sret(a, i, 0) ? 1 : 0;
            if (this_arg < LLVMGetNumArgOperands(i)) {
              origin_of(a, LLVMGetOperand(i, this_arg), &s);
              candidate_set = &s;
            }
          } else if (kind == CLARA_KIND_MEM_STATE && !write)
            load = 1; /* memcpy out of state */
          break;
        default:
          break;
        }
        if (kind == CLARA_KIND_NONE)
          continue;
        int32_t candidates[ORIGIN_SET_CAPACITY];
        size_t num_candidates = 0;
        if (object >= 0 && candidate_set) {
          for (size_t c = 0; c < candidate_set->count; ++c)
            if (candidate_set->ids[c] >= 0)
              candidates[num_candidates++] = candidate_set->ids[c];
          if (num_candidates > 1 &&
              note_candidates(a, i, candidates, num_candidates) != CLARA_OK)
            return clara_error(out_message, "out of memory");
        }
        for (size_t c = 1; c < num_candidates; ++c) {
          /* The other objects the instruction may touch: as accessed and
           * as written as the first, for Shared and static counts. */
          object_info *o = &a->objects[candidates[c]];
          o->accessed = 1;
          if (write && note_write(info, candidates[c]) != CLARA_OK)
            return clara_error(out_message, "out of memory");
        }
        if (object >= 0) {
          object_info *o = &a->objects[object];
          o->accessed = 1;
          if (kind == CLARA_KIND_API_STATE)
            ++o->public.api_calls;
          else if (atomic)
            ++o->public.atomics;
          else if (load)
            ++o->public.loads;
          else if (write)
            ++o->public.stores;
          if (write && note_write(info, object) != CLARA_OK)
            return clara_error(out_message, "out of memory");
        }
        ++info->mix[kind];
        size_t flags =
            (write ? RESULT_WRITE : 0) | (atomic ? RESULT_ATOMIC : 0);
        if (clara_ptrmap_put(
                &a->result, i,
                (size_t)kind | flags |
                    ((size_t)(object + 1) << RESULT_OBJECT_SHIFT)) != CLARA_OK)
          return clara_error(out_message, "out of memory");
      }
  }
  return CLARA_OK;
}

/* Shared: written by code reachable from two or more entry points. */
static int find_shared(clara_annotation *a, char **out_message) {
  unsigned char *seen = malloc(a->num_functions + 1);
  size_t *worklist = malloc((a->num_functions + 1) * sizeof *worklist);
  if (!seen || !worklist) {
    free(seen);
    free(worklist);
    return clara_error(out_message, "out of memory");
  }
  for (size_t e = 0; e < a->num_entries; ++e) {
    memset(seen, 0, a->num_functions);
    size_t top = 0;
    worklist[top++] = a->entries[e];
    seen[a->entries[e]] = 1;
    while (top) {
      function_info *info = &a->functions[worklist[--top]];
      for (size_t w = 0; w < info->num_written; ++w) {
        object_info *o = &a->objects[info->written[w]];
        if (o->first_writer < 0)
          o->first_writer = (int)e;
        else if (o->first_writer != (int)e)
          o->public.shared = 1;
      }
      for (size_t c = 0; c < info->num_callees; ++c)
        if (!seen[info->callees[c]]) {
          seen[info->callees[c]] = 1;
          worklist[top++] = info->callees[c];
        }
    }
  }
  free(seen);
  free(worklist);
  return CLARA_OK;
}

static int publish_objects(clara_annotation *a, char **out_message) {
  a->object_remap = malloc((a->num_objects + 1) * sizeof *a->object_remap);
  a->public_objects = malloc((a->num_objects + 1) * sizeof *a->public_objects);
  if (!a->object_remap || !a->public_objects)
    return clara_error(out_message, "out of memory");
  for (size_t i = 0; i < a->num_objects; ++i) {
    a->object_remap[i] = -1;
    if (!a->objects[i].accessed)
      continue;
    a->object_remap[i] = (int32_t)a->num_public_objects;
    a->public_objects[a->num_public_objects++] = a->objects[i].public;
  }
  return CLARA_OK;
}

/* ---- Public API -------------------------------------------------------- */

int clara_annotate_module(LLVMModuleRef module, const clara_host *host,
                          clara_annotation **out, char **out_message) {
  *out = NULL;
  if (!host || !host->demangle)
    return clara_error(out_message, "clara_annotate_module: no demangler");
  clara_annotation *a = calloc(1, sizeof *a);
  if (!a)
    return clara_error(out_message, "out of memory");
  a->module = module;
  a->context = LLVMGetModuleContext(module);
  a->layout = LLVMGetModuleDataLayout(module);
  a->host = *host;
  a->sret_kind = LLVMGetEnumAttributeKindForName("sret", 4);
  int status = collect_functions(a, out_message);
  if (status == CLARA_OK)
    status = find_entry_points(a, out_message);
  if (status == CLARA_OK) {
    collect_vtables(a);
    status = find_nf_code(a, out_message);
  }
  if (status == CLARA_OK)
    status = compute_origins(a, out_message);
  if (status == CLARA_OK)
    status = classify(a, out_message);
  if (status == CLARA_OK)
    status = find_shared(a, out_message);
  if (status == CLARA_OK)
    status = publish_objects(a, out_message);
  if (status != CLARA_OK) {
    clara_annotation_dispose(a);
    return status;
  }
  *out = a;
  return CLARA_OK;
}

void clara_annotation_dispose(clara_annotation *a) {
  if (!a)
    return;
  for (size_t i = 0; i < a->num_functions; ++i) {
    free(a->functions[i].demangled);
    free(a->functions[i].qualified);
    free(a->functions[i].callees);
    free(a->functions[i].written);
  }
  free(a->functions);
  for (size_t i = 0; i < a->num_classes; ++i) {
    free(a->classes[i].name);
    free(a->classes[i].field_objects);
  }
  free(a->classes);
  for (size_t i = 0; i < a->num_objects; ++i)
    free(a->objects[i].owned_name);
  free(a->objects);
  free(a->object_remap);
  free(a->public_objects);
  free(a->entries);
  free(a->nf);
  free(a->sets);
  free(a->vtables);
  clara_ptrmap_clear(&a->function_index);
  clara_ptrmap_clear(&a->global_object);
  clara_ptrmap_clear(&a->value_set);
  clara_ptrmap_clear(&a->content_set);
  clara_ptrmap_clear(&a->return_set);
  clara_ptrmap_clear(&a->result);
  clara_ptrmap_clear(&a->multi);
  free(a->multi_objects);
  free(a);
}

size_t clara_annotation_num_entry_points(const clara_annotation *a) {
  return a->num_entries;
}

LLVMValueRef clara_annotation_entry_point(const clara_annotation *a,
                                          size_t index) {
  return index < a->num_entries ? a->functions[a->entries[index]].function
                                : NULL;
}

size_t clara_annotation_num_functions(const clara_annotation *a) {
  return a->num_nf;
}

LLVMValueRef clara_annotation_function(const clara_annotation *a,
                                       size_t index) {
  return index < a->num_nf ? a->functions[a->nf[index]].function : NULL;
}

const unsigned *clara_annotation_mix(const clara_annotation *a, size_t index) {
  return index < a->num_nf ? a->functions[a->nf[index]].mix : NULL;
}

const char *clara_annotation_demangled(const clara_annotation *a,
                                       LLVMValueRef function) {
  size_t index;
  if (!clara_ptrmap_get(&a->function_index, function, &index))
    return NULL;
  return a->functions[index].demangled;
}

int clara_annotation_is_nf_function(const clara_annotation *a,
                                    LLVMValueRef function) {
  size_t index;
  return clara_ptrmap_get(&a->function_index, function, &index) &&
         a->functions[index].is_nf;
}

size_t clara_annotation_num_state_objects(const clara_annotation *a) {
  return a->num_public_objects;
}

const clara_state_object *
clara_annotation_state_object(const clara_annotation *a, size_t index) {
  return index < a->num_public_objects ? &a->public_objects[index] : NULL;
}

clara_kind clara_annotation_kind(const clara_annotation *a,
                                 LLVMValueRef instruction) {
  size_t value;
  if (!clara_ptrmap_get(&a->result, instruction, &value))
    return CLARA_KIND_NONE;
  return (clara_kind)(value & RESULT_KIND_MASK);
}

int clara_annotation_writes(const clara_annotation *a,
                            LLVMValueRef instruction) {
  size_t value;
  return clara_ptrmap_get(&a->result, instruction, &value) &&
         (value & RESULT_WRITE);
}

int clara_annotation_is_atomic(const clara_annotation *a,
                               LLVMValueRef instruction) {
  size_t value;
  return clara_ptrmap_get(&a->result, instruction, &value) &&
         (value & RESULT_ATOMIC);
}

int clara_annotation_object(const clara_annotation *a,
                            LLVMValueRef instruction) {
  size_t value;
  if (!clara_ptrmap_get(&a->result, instruction, &value))
    return -1;
  long object = (long)(value >> RESULT_OBJECT_SHIFT) - 1;
  return object >= 0 ? a->object_remap[object] : -1;
}

size_t clara_annotation_call_targets(const clara_annotation *a,
                                     LLVMValueRef call, LLVMValueRef *targets,
                                     size_t max_targets) {
  if (!call || !is_call(call))
    return 0;
  size_t indices[MAX_TARGETS];
  /* call_targets only reads the annotation. */
  size_t n = call_targets((clara_annotation *)a, call, indices, MAX_TARGETS);
  for (size_t i = 0; i < n && i < max_targets; ++i)
    targets[i] = a->functions[indices[i]].function;
  return n;
}

size_t clara_annotation_objects(const clara_annotation *a,
                                LLVMValueRef instruction, int *objects,
                                size_t max_objects) {
  size_t index;
  if (clara_ptrmap_get(&a->multi, instruction, &index)) {
    size_t n = (size_t)a->multi_objects[index], written = 0;
    for (size_t k = 0; k < n; ++k) {
      int32_t object = a->object_remap[a->multi_objects[index + 1 + k]];
      if (object >= 0 && written < max_objects)
        objects[written++] = object;
    }
    return written;
  }
  int object = clara_annotation_object(a, instruction);
  if (object < 0)
    return 0;
  if (max_objects)
    objects[0] = object;
  return 1;
}
