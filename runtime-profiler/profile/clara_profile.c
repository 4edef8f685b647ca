/*===- runtime-profiler/profile/clara_profile.c - clara-profile -----------===*
 *
 *   clara-profile show [--top N] FILE
 *   clara-profile merge A B [C...] -o OUT
 *   clara-profile check FILE [--module ID]
 *
 * Reads run-time profiles through core/profile.h: prints the hottest blocks
 * and state objects, merges runs of the same module (atomically written),
 * or validates a file.
 *
 *===----------------------------------------------------------------------===*/
#include "error.h"
#include "profile.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *usage =
    "usage: clara-profile show [--top N] FILE\n"
    "       clara-profile merge A B [C...] -o OUT\n"
    "       clara-profile check FILE [--module ID]\n"
    "\n"
    "  show   the run's packets, the N hottest blocks (default 10) by count\n"
    "         and the state objects by executed accesses\n"
    "  merge  adds runs of the same module: counts and accesses summed,\n"
    "         peak_entries the maximum; OUT is written atomically\n"
    "  check  validates FILE (and that it belongs to module ID)\n";

static int fail_message(char *message) {
  fprintf(stderr, "clara-profile: %s\n", message ? message : "failed");
  clara_dispose_message(message);
  return 1;
}

static const clara_profile *sort_profile;

static int by_count(const void *a, const void *b) {
  uint64_t x = sort_profile->blocks[*(const size_t *)a].count;
  uint64_t y = sort_profile->blocks[*(const size_t *)b].count;
  if (x != y)
    return x < y ? 1 : -1;
  return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

typedef struct {
  const char *name;
  uint64_t bytes, peak, loads, stores, atomics;
} object_total;

static int by_accesses(const void *a, const void *b) {
  const object_total *x = a, *y = b;
  uint64_t s = x->loads + x->stores + x->atomics;
  uint64_t t = y->loads + y->stores + y->atomics;
  if (s != t)
    return s < t ? 1 : -1;
  return strcmp(x->name, y->name);
}

static double per_packet(uint64_t n, uint64_t packets) {
  return packets ? (double)n / (double)packets : 0.0;
}

static int show(const char *path, size_t top) {
  clara_profile *p;
  char *message = NULL;
  if (clara_profile_read(path, &p, &message) != CLARA_OK)
    return fail_message(message);
  printf("profile %s: module %s, %" PRIu64 " packets, %zu blocks, %zu "
         "objects\n",
         path, p->module, p->packets, p->num_blocks, p->num_objects);
  size_t *order = malloc((p->num_blocks + 1) * sizeof *order);
  object_total *objects = calloc(p->num_objects + 1, sizeof *objects);
  if (!order || !objects) {
    free(order);
    free(objects);
    clara_profile_dispose(p);
    fprintf(stderr, "clara-profile: out of memory\n");
    return 1;
  }
  for (size_t i = 0; i < p->num_blocks; ++i)
    order[i] = i;
  sort_profile = p;
  qsort(order, p->num_blocks, sizeof *order, by_count);
  printf("hottest blocks:\n  %14s %10s  %s\n", "count", "per packet",
         "function / block (index)");
  for (size_t k = 0; k < p->num_blocks && k < top; ++k) {
    const clara_profile_block *b = &p->blocks[order[k]];
    printf("  %14" PRIu64 " %10.2f  %s / %s (%" PRIu32 ")\n", b->count,
           per_packet(b->count, p->packets), b->function, b->block, b->index);
  }
  for (size_t i = 0; i < p->num_objects; ++i) {
    objects[i].name = p->objects[i].name;
    objects[i].bytes = p->objects[i].bytes;
    objects[i].peak = p->objects[i].peak_entries;
  }
  for (size_t i = 0; i < p->num_accesses; ++i)
    for (size_t k = 0; k < p->num_objects; ++k)
      if (strcmp(objects[k].name, p->accesses[i].object) == 0) {
        objects[k].loads += p->accesses[i].loads;
        objects[k].stores += p->accesses[i].stores;
        objects[k].atomics += p->accesses[i].atomics;
        break;
      }
  qsort(objects, p->num_objects, sizeof *objects, by_accesses);
  printf("state by accesses:\n  %12s %12s %10s %10s %10s  %s\n", "loads",
         "stores", "atomics", "per packet", "peak", "object (bytes)");
  for (size_t k = 0; k < p->num_objects && k < top; ++k) {
    const object_total *o = &objects[k];
    printf("  %12" PRIu64 " %12" PRIu64 " %10" PRIu64 " %10.2f %10" PRIu64
           "  %s (%" PRIu64 ")\n",
           o->loads, o->stores, o->atomics,
           per_packet(o->loads + o->stores + o->atomics, p->packets), o->peak,
           o->name, o->bytes);
  }
  free(order);
  free(objects);
  clara_profile_dispose(p);
  return 0;
}

static int merge(int n, char **inputs, const char *out) {
  char *message = NULL;
  clara_profile *total = NULL;
  for (int i = 0; i < n; ++i) {
    clara_profile *p;
    if (clara_profile_read(inputs[i], &p, &message) != CLARA_OK) {
      clara_profile_dispose(total);
      return fail_message(message);
    }
    if (!total) {
      total = p;
      continue;
    }
    int status = clara_profile_merge(total, p, &message);
    clara_profile_dispose(p);
    if (status != CLARA_OK) {
      clara_profile_dispose(total);
      fprintf(stderr, "clara-profile: %s: %s\n", inputs[i],
              message ? message : "cannot merge");
      clara_dispose_message(message);
      return 1;
    }
  }
  int status = clara_profile_write(total, out, &message);
  clara_profile_dispose(total);
  return status == CLARA_OK ? 0 : fail_message(message);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fputs(usage, stderr);
    return 2;
  }
  const char *command = argv[1];
  if (!strcmp(command, "--help") || !strcmp(command, "-h")) {
    fputs(usage, stdout);
    return 0;
  }
  if (!strcmp(command, "show")) {
    size_t top = 10;
    const char *file = NULL;
    for (int i = 2; i < argc; ++i) {
      if (!strcmp(argv[i], "--top") && i + 1 < argc) {
        char *end;
        long v = strtol(argv[++i], &end, 10);
        if (*end || v <= 0) {
          fprintf(stderr, "clara-profile: --top needs a positive integer\n");
          return 2;
        }
        top = (size_t)v;
      } else if (!file && argv[i][0] != '-') {
        file = argv[i];
      } else {
        fprintf(stderr, "clara-profile: unexpected '%s'\n%s", argv[i], usage);
        return 2;
      }
    }
    if (!file) {
      fputs(usage, stderr);
      return 2;
    }
    return show(file, top);
  }
  if (!strcmp(command, "merge")) {
    const char *out = NULL;
    char **inputs = calloc((size_t)argc, sizeof *inputs);
    int n = 0;
    for (int i = 2; i < argc; ++i) {
      if (!strcmp(argv[i], "-o") && i + 1 < argc)
        out = argv[++i];
      else
        inputs[n++] = argv[i];
    }
    if (!out || n < 1) {
      free(inputs);
      fprintf(stderr, "clara-profile: merge needs inputs and -o OUT\n%s",
              usage);
      return 2;
    }
    int status = merge(n, inputs, out);
    free(inputs);
    return status;
  }
  if (!strcmp(command, "check")) {
    const char *file = NULL, *module = NULL;
    for (int i = 2; i < argc; ++i) {
      if (!strcmp(argv[i], "--module") && i + 1 < argc)
        module = argv[++i];
      else if (!file)
        file = argv[i];
      else {
        fputs(usage, stderr);
        return 2;
      }
    }
    if (!file) {
      fputs(usage, stderr);
      return 2;
    }
    clara_profile *p;
    char *message = NULL;
    if (clara_profile_read(file, &p, &message) != CLARA_OK)
      return fail_message(message);
    int status = module ? clara_profile_check_module(p, module, file, &message)
                        : CLARA_OK;
    if (status == CLARA_OK)
      printf("%s: valid profile of module %s, %" PRIu64 " packets\n", file,
             p->module, p->packets);
    clara_profile_dispose(p);
    return status == CLARA_OK ? 0 : fail_message(message);
  }
  fprintf(stderr, "clara-profile: unknown command '%s'\n%s", command, usage);
  return 2;
}
