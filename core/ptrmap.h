/*===- core/ptrmap.h - Pointer-keyed hash map -----------------------------===*
 *
 * Maps opaque pointers (LLVMValueRef, LLVMTypeRef ...) to size_t values with
 * open addressing. Used to attach per-value analysis results to IR objects
 * without touching the IR.
 *
 *===----------------------------------------------------------------------===*/
#ifndef CLARA_CORE_PTRMAP_H
#define CLARA_CORE_PTRMAP_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  const void **keys;
  size_t *values;
  size_t capacity; /* a power of two, or 0 */
  size_t count;
} clara_ptrmap;

/* Initialises an empty map; nothing is allocated until the first insert. */
void clara_ptrmap_init(clara_ptrmap *map);

/* Frees the map's storage; the map is empty and reusable afterwards. */
void clara_ptrmap_clear(clara_ptrmap *map);

/* Sets map[key] = value (key must not be NULL). Returns CLARA_ERROR only
 * when memory runs out. */
int clara_ptrmap_put(clara_ptrmap *map, const void *key, size_t value);

/* Looks key up: returns 1 and stores the value in *value if present. */
int clara_ptrmap_get(const clara_ptrmap *map, const void *key, size_t *value);

#ifdef __cplusplus
}
#endif

#endif
