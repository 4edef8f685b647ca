/*===- core/pack_input.c - The packing problem of an NF's state -----------===*/
#include "pack_input.h"

#include "error.h"

#include <llvm-c/Target.h>

#include <stdlib.h>
#include <string.h>

struct clara_pack_problem {
  clara_pack_input input;
  clara_pack_variable *variables;
  clara_pack_block *blocks;
  clara_pack_access *accesses; /* all blocks' accesses, contiguous */
  size_t num_blocks, cap_blocks, num_accesses, cap_accesses;
};

void clara_pack_problem_dispose(clara_pack_problem *p) {
  if (!p)
    return;
  free(p->variables);
  free(p->blocks);
  free(p->accesses);
  free(p);
}

const clara_pack_input *clara_pack_problem_input(const clara_pack_problem *p) {
  return &p->input;
}

/* The element of an array type: its innermost non-array type. */
static LLVMTypeRef innermost(LLVMTypeRef type) {
  while (LLVMGetTypeKind(type) == LLVMArrayTypeKind)
    type = LLVMGetElementType(type);
  return type;
}

/* The largest array inside struct `type` (depth-first, nested structs
 * included), or NULL. */
static LLVMTypeRef largest_array(LLVMTargetDataRef layout, LLVMTypeRef type,
                                 int depth) {
  if (LLVMGetTypeKind(type) == LLVMArrayTypeKind)
    return type;
  if (LLVMGetTypeKind(type) != LLVMStructTypeKind || depth > 8)
    return NULL;
  LLVMTypeRef best = NULL;
  for (unsigned i = 0, n = LLVMCountStructElementTypes(type); i < n; ++i) {
    LLVMTypeRef found =
        largest_array(layout, LLVMStructGetTypeAtIndex(type, i), depth + 1);
    if (found && (!best || LLVMABISizeOfType(layout, found) >
                               LLVMABISizeOfType(layout, best)))
      best = found;
  }
  return best;
}

/* The bytes one access of an array or container object touches: an
 * array's innermost element; a container's entry, i.e. the element of the
 * largest array inside it (its slots), or 0 (unknown) when that storage is
 * raw bytes or absent. */
/* The IR type of a state object: a global's value type or a field's. */
static LLVMTypeRef object_type(const clara_state_object *o) {
  if (o->global)
    return LLVMGlobalGetValueType(o->global);
  if (o->class_type &&
      o->field_index < LLVMCountStructElementTypes(o->class_type))
    return LLVMStructGetTypeAtIndex(o->class_type, o->field_index);
  return NULL;
}

static uint64_t element_bytes(const clara_annotation *a,
                              const clara_state_object *o) {
  LLVMTypeRef type = object_type(o);
  if (!type || clara_annotation_num_functions(a) == 0)
    return 0;
  LLVMTargetDataRef layout = LLVMGetModuleDataLayout(
      LLVMGetGlobalParent(clara_annotation_function(a, 0)));
  LLVMTypeRef element = NULL;
  if (o->container == CLARA_CONTAINER_ARRAY)
    element = innermost(type);
  else {
    LLVMTypeRef storage = largest_array(layout, type, 0);
    element = storage ? innermost(storage) : NULL;
    if (element && LLVMGetTypeKind(element) == LLVMIntegerTypeKind &&
        LLVMGetIntTypeWidth(element) == 8)
      element = NULL; /* raw bytes: the entry size is not in the type */
  }
  if (!element || !LLVMTypeIsSized(element))
    return 0;
  return LLVMABISizeOfType(layout, element);
}

static int grow(void **items, size_t *cap, size_t need, size_t size) {
  if (need <= *cap)
    return CLARA_OK;
  size_t cap2 = *cap ? *cap * 2 : 64;
  while (cap2 < need)
    cap2 *= 2;
  void *grown = realloc(*items, cap2 * size);
  if (!grown)
    return CLARA_ERROR;
  *items = grown;
  *cap = cap2;
  return CLARA_OK;
}

/* Adds loads/stores of variable `v` to the accesses of the current block,
 * which start at index `first`. */
static int add_access(clara_pack_problem *p, size_t first, size_t v,
                      double loads, double stores) {
  for (size_t i = first; i < p->num_accesses; ++i)
    if (p->accesses[i].variable == v) {
      p->accesses[i].loads += loads;
      p->accesses[i].stores += stores;
      return CLARA_OK;
    }
  if (grow((void **)&p->accesses, &p->cap_accesses, p->num_accesses + 1,
           sizeof *p->accesses) != CLARA_OK)
    return CLARA_ERROR;
  p->accesses[p->num_accesses++] = (clara_pack_access){v, loads, stores};
  return CLARA_OK;
}

int clara_pack_problem_build(const clara_annotation *a,
                             clara_block_frequency_fn frequency, void *context,
                             const size_t *objects, size_t num_objects,
                             clara_pack_problem **out, char **out_message) {
  *out = NULL;
  size_t total = clara_annotation_num_state_objects(a);
  clara_pack_problem *p = calloc(1, sizeof *p);
  long *variable_of = malloc((total + 1) * sizeof *variable_of);
  size_t *block_starts = NULL, cap_starts = 0;
  if (!p || !variable_of ||
      !(p->variables = calloc(num_objects + 1, sizeof *p->variables)))
    goto oom;
  for (size_t i = 0; i < total; ++i)
    variable_of[i] = -1;
  for (size_t v = 0; v < num_objects; ++v) {
    if (objects[v] >= total) {
      free(variable_of);
      clara_pack_problem_dispose(p);
      return clara_error(out_message, "pack: no state object %zu", objects[v]);
    }
    const clara_state_object *o = clara_annotation_state_object(a, objects[v]);
    variable_of[objects[v]] = (long)v;
    p->variables[v].name = o->name;
    p->variables[v].bytes = o->bytes ? o->bytes : 1;
    p->variables[v].align = 0;
    p->variables[v].declaration_index = objects[v];
    /* Arrays and containers are reached one element at a time, and so are
     * plain structs, field by field (wepdecap's RC4 state: a 256-byte
     * S-box and two indices); pack.c applies that only to variables wider
     * than the level's largest transaction, so small structs keep being
     * read as a whole. A struct's element size is unknown here (0: one
     * transaction per access). */
    LLVMTypeRef type = object_type(o);
    if (o->container == CLARA_CONTAINER_ARRAY)
      p->variables[v].reach = CLARA_PACK_ARRAY;
    else if (o->container != CLARA_CONTAINER_NONE)
      p->variables[v].reach = CLARA_PACK_CONTAINER;
    else if (type && LLVMGetTypeKind(type) == LLVMStructTypeKind)
      p->variables[v].reach = CLARA_PACK_ARRAY;
    if (p->variables[v].reach != CLARA_PACK_WHOLE &&
        o->container != CLARA_CONTAINER_NONE)
      p->variables[v].element_bytes = element_bytes(a, o);
  }
  for (size_t f = 0, nf = clara_annotation_num_functions(a); f < nf; ++f) {
    LLVMValueRef fn = clara_annotation_function(a, f);
    for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(fn); b;
         b = LLVMGetNextBasicBlock(b)) {
      size_t first = p->num_accesses;
      for (LLVMValueRef inst = LLVMGetFirstInstruction(b); inst;
           inst = LLVMGetNextInstruction(inst)) {
        int ids[16];
        clara_state_access share;
        size_t n = clara_instruction_state_access(a, inst, ids, 16, &share);
        if (!n)
          continue;
        /* An atomic is a read-modify-write command: a store here. */
        double loads = share.reads;
        double stores = share.writes + share.atomics;
        for (size_t k = 0; k < n && k < 16; ++k) {
          if (ids[k] < 0 || (size_t)ids[k] >= total || variable_of[ids[k]] < 0)
            continue;
          if (add_access(p, first, (size_t)variable_of[ids[k]], loads,
                         stores) != CLARA_OK)
            goto oom;
        }
      }
      if (p->num_accesses == first)
        continue;
      if (grow((void **)&p->blocks, &p->cap_blocks, p->num_blocks + 1,
               sizeof *p->blocks) != CLARA_OK ||
          grow((void **)&block_starts, &cap_starts, p->num_blocks + 1,
               sizeof *block_starts) != CLARA_OK)
        goto oom;
      p->blocks[p->num_blocks].name = LLVMGetBasicBlockName(b);
      p->blocks[p->num_blocks].executions_per_packet = frequency(context, b);
      p->blocks[p->num_blocks].num_accesses = p->num_accesses - first;
      block_starts[p->num_blocks] = first;
      ++p->num_blocks;
    }
  }
  /* The accesses array is final only now: point the blocks into it. */
  for (size_t i = 0; i < p->num_blocks; ++i)
    p->blocks[i].accesses = p->accesses + block_starts[i];
  free(block_starts);
  free(variable_of);
  p->input.variables = p->variables;
  p->input.num_variables = num_objects;
  p->input.blocks = p->blocks;
  p->input.num_blocks = p->num_blocks;
  *out = p;
  return CLARA_OK;
oom:
  free(block_starts);
  free(variable_of);
  clara_pack_problem_dispose(p);
  return clara_error(out_message, "out of memory");
}
