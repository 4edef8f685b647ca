/*===- core/place_expert.c - exhaustive placement of the accessed state ---===*
 *
 * See place_expert.h. Cold objects are completed greedily: each, in input
 * order, goes to the largest level (first on ties) that its scope allows and
 * where it still fits in the bytes left by the hot placement; the result is
 * re-checked with clara_place_state_check().
 *
 *===----------------------------------------------------------------------===*/
#include "place_expert.h"

#include "error.h"

#include <stdint.h>
#include <stdlib.h>

static int is_hot(const clara_place_object *o) {
  return o->reads_per_packet > 0 || o->writes_per_packet > 0 ||
         o->atomics_per_packet > 0;
}

int clara_place_state_expert(const clara_nic *nic,
                             const clara_place_object *objects, size_t n,
                             const clara_place_options *options,
                             size_t *level_of_object, unsigned char *cached,
                             double *out_cycles, size_t *out_num_hot,
                             char **out_message) {
  size_t num_hot = 0;
  for (size_t i = 0; i < n; ++i)
    num_hot += is_hot(&objects[i]);
  *out_num_hot = num_hot;
  if (num_hot > CLARA_PLACE_EXHAUSTIVE_MAX_OBJECTS)
    return clara_error(out_message,
                       "exhaustive placement: %zu objects have accesses, "
                       "at most %d can be searched",
                       num_hot, CLARA_PLACE_EXHAUSTIVE_MAX_OBJECTS);
  size_t L = nic->num_levels;
  clara_place_object *hot = malloc((num_hot ? num_hot : 1) * sizeof(*hot));
  size_t *index = malloc((num_hot ? num_hot : 1) * sizeof(size_t));
  uint64_t *used = calloc(L ? L : 1, sizeof(uint64_t));
  clara_placement *placement = NULL;
  int status = CLARA_OK;
  if (!hot || !index || !used) {
    status = clara_error(out_message, "exhaustive placement: out of memory");
    goto done;
  }
  size_t h = 0;
  for (size_t i = 0; i < n; ++i)
    if (is_hot(&objects[i])) {
      index[h] = i;
      hot[h++] = objects[i];
    }
  double cycles = 0;
  if (num_hot) {
    if (clara_place_state_exhaustive(nic, hot, num_hot, options, &placement,
                                     out_message) != CLARA_OK) {
      status = CLARA_ERROR;
      goto done;
    }
    cycles = placement->cycles_per_packet;
    for (size_t k = 0; k < num_hot; ++k) {
      level_of_object[index[k]] = placement->level_of_object[k];
      cached[index[k]] = placement->cached[k];
      used[placement->level_of_object[k]] += hot[k].bytes;
    }
  }
  for (size_t i = 0; i < n && status == CLARA_OK; ++i) {
    if (is_hot(&objects[i]))
      continue;
    size_t best = L;
    for (size_t j = 0; j < L; ++j) {
      const clara_nic_level *l = &nic->levels[j];
      if (l->scope < objects[i].narrowest_scope ||
          used[j] + objects[i].bytes > l->capacity_bytes ||
          used[j] + objects[i].bytes < used[j])
        continue;
      if (best == L || l->capacity_bytes > nic->levels[best].capacity_bytes)
        best = j;
    }
    if (best == L) {
      status = clara_error(out_message,
                           "exhaustive placement: cold object %s (%llu "
                           "bytes) fits nowhere next to the accessed "
                           "state's optimum",
                           objects[i].name ? objects[i].name : "(unnamed)",
                           (unsigned long long)objects[i].bytes);
      break;
    }
    level_of_object[i] = best;
    cached[i] = 0;
    used[best] += objects[i].bytes;
  }
  if (status == CLARA_OK &&
      clara_place_state_check(nic, objects, n, options, level_of_object, cached,
                              out_message) != CLARA_OK)
    status = CLARA_ERROR;
  if (status == CLARA_OK)
    *out_cycles = cycles;
done:
  clara_placement_dispose(placement);
  free(hot);
  free(index);
  free(used);
  return status;
}
