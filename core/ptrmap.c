/*===- core/ptrmap.c - Pointer-keyed hash map -----------------------------===*/
#include "ptrmap.h"

#include "error.h"

#include <stdint.h>
#include <stdlib.h>

void clara_ptrmap_init(clara_ptrmap *map) {
  map->keys = NULL;
  map->values = NULL;
  map->capacity = 0;
  map->count = 0;
}

void clara_ptrmap_clear(clara_ptrmap *map) {
  free(map->keys);
  free(map->values);
  clara_ptrmap_init(map);
}

static size_t slot_of(const void *key, size_t capacity) {
  uint64_t h = (uint64_t)(uintptr_t)key;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return (size_t)h & (capacity - 1);
}

static int grow(clara_ptrmap *map) {
  size_t capacity = map->capacity ? map->capacity * 2 : 64;
  const void **keys = calloc(capacity, sizeof *keys);
  size_t *values = malloc(capacity * sizeof *values);
  if (!keys || !values) {
    free(keys);
    free(values);
    return CLARA_ERROR;
  }
  for (size_t i = 0; i < map->capacity; ++i) {
    if (!map->keys[i])
      continue;
    size_t s = slot_of(map->keys[i], capacity);
    while (keys[s])
      s = (s + 1) & (capacity - 1);
    keys[s] = map->keys[i];
    values[s] = map->values[i];
  }
  free(map->keys);
  free(map->values);
  map->keys = keys;
  map->values = values;
  map->capacity = capacity;
  return CLARA_OK;
}

int clara_ptrmap_put(clara_ptrmap *map, const void *key, size_t value) {
  if ((map->count + 1) * 4 > map->capacity * 3 && grow(map) != CLARA_OK)
    return CLARA_ERROR;
  size_t s = slot_of(key, map->capacity);
  while (map->keys[s] && map->keys[s] != key)
    s = (s + 1) & (map->capacity - 1);
  if (!map->keys[s]) {
    map->keys[s] = key;
    ++map->count;
  }
  map->values[s] = value;
  return CLARA_OK;
}

int clara_ptrmap_get(const clara_ptrmap *map, const void *key, size_t *value) {
  if (!map->capacity)
    return 0;
  size_t s = slot_of(key, map->capacity);
  while (map->keys[s]) {
    if (map->keys[s] == key) {
      if (value)
        *value = map->values[s];
      return 1;
    }
    s = (s + 1) & (map->capacity - 1);
  }
  return 0;
}
