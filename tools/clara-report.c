/*===- tools/clara-report.c - Print Clara's insights from remark files ----===*
 *
 *   clara-report nf.remarks.yaml [more.remarks.yaml ...]
 *
 * Reads the remarks `opt -passes=clara-all -pass-remarks-output=FILE` wrote
 * (one file per NF) and prints a readable per-NF summary of the insights.
 *
 *===----------------------------------------------------------------------===*/
#include "error.h"
#include "remarks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const usage =
    "usage: clara-report [--help] FILE.remarks.yaml...\n"
    "\n"
    "Prints a per-NF summary of the insights in Clara's optimization remarks,\n"
    "as written by\n"
    "  opt -load-pass-plugin=libClara.so -passes=clara-all nf.bc \\\n"
    "      -o /dev/null -pass-remarks-output=nf.remarks.yaml\n";

static const char *const mix_keys[] = {
    "Compute",   "MemStack", "MemState",     "MemPacket",
    "ApiHeader", "ApiState", "CallInternal", "CallExternal"};
static const char *const mix_labels[] = {
    "compute",    "stack mem", "state mem", "packet mem",
    "header API", "state API", "own calls", "external calls"};
#define NUM_MIX (sizeof mix_keys / sizeof *mix_keys)

static int is(const clara_remark *r, const char *pass, const char *name) {
  return strcmp(r->pass, pass) == 0 && strcmp(r->name, name) == 0;
}

static const char *arg_or(const clara_remark *r, const char *key,
                          const char *fallback) {
  const char *v = clara_remark_get_arg(r, key);
  return v ? v : fallback;
}

/* "build/run/tcpgen.remarks.yaml" -> "tcpgen" */
static void nf_name(const char *path, char *out, size_t size) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  size_t len = strcspn(base, ".");
  if (len >= size)
    len = size - 1;
  memcpy(out, base, len);
  out[len] = '\0';
}

/* Instruction counts per kind summed over InstructionMix remarks. */
typedef struct {
  unsigned long long mix[NUM_MIX];
  unsigned long long total;
  size_t functions;
} mix_totals;

static void print_mix(const mix_totals *t) {
  printf("  per-packet code: %zu functions, %llu IR instructions\n",
         t->functions, t->total);
  if (!t->total)
    return;
  printf("   ");
  for (size_t k = 0; k < NUM_MIX; ++k)
    printf(" %s %llu (%.1f%%)%s", mix_labels[k], t->mix[k],
           100.0 * t->mix[k] / t->total, k + 1 < NUM_MIX ? "," : "\n");
  /* mix_keys[1..3]: MemStack, MemState, MemPacket */
  unsigned long long memory = t->mix[1] + t->mix[2] + t->mix[3];
  if (memory)
    printf("  memory instructions: %llu: state %.1f%%, stack %.1f%%, packet "
           "%.1f%%\n",
           memory, 100.0 * t->mix[2] / memory, 100.0 * t->mix[1] / memory,
           100.0 * t->mix[3] / memory);
}

/* The level clara-place-state chose for state object `name`, or NULL. */
static const char *placed_level(const clara_remark_file *file,
                                const char *name) {
  for (size_t i = 0; i < file->num_remarks; ++i) {
    const clara_remark *r = &file->remarks[i];
    if (is(r, "clara-place-state", "StatePlacement") &&
        strcmp(arg_or(r, "Object", ""), name) == 0)
      return arg_or(r, "Level", NULL);
  }
  return NULL;
}

static void report(const char *path, const clara_remark_file *file,
                   mix_totals *all) {
  char name[256];
  nf_name(path, name, sizeof name);
  printf("== %s (%s)\n", name, path);

  printf("  entry points:");
  size_t entries = 0;
  for (size_t i = 0; i < file->num_remarks; ++i)
    if (is(&file->remarks[i], "clara-annotate", "EntryPoint"))
      printf("%s %s", entries++ ? "," : "",
             arg_or(&file->remarks[i], "Demangled", "?"));
  printf("%s\n", entries ? "" : " none");

  mix_totals t;
  memset(&t, 0, sizeof t);
  for (size_t i = 0; i < file->num_remarks; ++i) {
    const clara_remark *r = &file->remarks[i];
    if (!is(r, "clara-annotate", "InstructionMix"))
      continue;
    ++t.functions;
    for (size_t k = 0; k < NUM_MIX; ++k) {
      unsigned long long n = strtoull(arg_or(r, mix_keys[k], "0"), NULL, 10);
      t.mix[k] += n;
      t.total += n;
    }
  }
  print_mix(&t);
  for (size_t k = 0; k < NUM_MIX; ++k)
    all->mix[k] += t.mix[k];
  all->total += t.total;
  all->functions += t.functions;

  unsigned long long bytes = 0;
  size_t objects = 0;
  for (size_t i = 0; i < file->num_remarks; ++i)
    if (is(&file->remarks[i], "clara-annotate", "StateObject")) {
      ++objects;
      bytes += strtoull(arg_or(&file->remarks[i], "Bytes", "0"), NULL, 10);
    }
  /* clara-predict-instrs: per entry point, per packet on the NIC */
  for (size_t i = 0; i < file->num_remarks; ++i) {
    const clara_remark *r = &file->remarks[i];
    if (!is(r, "clara-predict-instrs", "Summary"))
      continue;
    printf("  predicted per packet (%s frequencies): %s: %s compute, %s state "
           "and %s packet accesses\n",
           arg_or(r, "Frequencies", "?"),
           arg_or(r, "Demangled", arg_or(r, "Function", "?")),
           arg_or(r, "Compute", "?"), arg_or(r, "StateMemory", "?"),
           arg_or(r, "PacketMemory", "?"));
  }
  printf("  state: %zu objects, %llu bytes\n", objects, bytes);
  for (size_t i = 0; i < file->num_remarks; ++i) {
    const clara_remark *r = &file->remarks[i];
    if (!is(r, "clara-annotate", "StateObject"))
      continue;
    const char *shared = arg_or(r, "Shared", "no");
    const char *level = placed_level(file, arg_or(r, "Name", ""));
    printf("    %-36s %10s B  %-9s %-5s%s\n", arg_or(r, "Name", "?"),
           arg_or(r, "Bytes", "?"), arg_or(r, "Container", "none"),
           level ? level : "", strcmp(shared, "yes") == 0 ? "  shared" : "");
  }
  for (size_t i = 0; i < file->num_remarks; ++i) {
    const clara_remark *r = &file->remarks[i];
    if (is(r, "clara-place-state", "PlacementSummary"))
      printf("  state placement (%s frequencies): %s memory cycles per packet, "
             "against %s with everything in the largest memory\n",
             arg_or(r, "Frequencies", "?"), arg_or(r, "CyclesPerPacket", "?"),
             arg_or(r, "BaselineCyclesPerPacket", "?"));
    else if (is(r, "clara-pack-vars", "PackingSummary"))
      printf("  variable packing (%s frequencies): %s -> %s transactions, %s "
             "-> %s cycles per packet against declaration order\n",
             arg_or(r, "Frequencies", "?"),
             arg_or(r, "TransactionsPerPacketBefore", "?"),
             arg_or(r, "TransactionsPerPacketAfter", "?"),
             arg_or(r, "CyclesPerPacketBefore", "?"),
             arg_or(r, "CyclesPerPacketAfter", "?"));
    else if (is(r, "clara-pack-vars", "VariablePack"))
      printf("    pack %s: %s (%s bytes, %s-byte accesses)\n",
             arg_or(r, "Pack", "?"), arg_or(r, "Members", "?"),
             arg_or(r, "Bytes", "?"), arg_or(r, "AccessBytes", "?"));
    else if (is(r, "clara-pack-vars", "PackingSkipped"))
      printf("  variable packing: %s\n", arg_or(r, "Reason", "skipped"));
  }
  size_t candidates = 0;
  for (size_t i = 0; i < file->num_remarks; ++i) {
    const clara_remark *r = &file->remarks[i];
    if (!is(r, "clara-detect-accel", "AcceleratorCandidate"))
      continue;
    if (!candidates++)
      printf("  accelerator candidates:\n");
    printf("    %s in %s (loop %s, confidence %s): saves %s cycles per call, "
           "%s uses per packet; %s\n",
           arg_or(r, "Kind", "?"),
           arg_or(r, "Demangled", arg_or(r, "Function", "?")),
           arg_or(r, "Loop", "none"), arg_or(r, "Confidence", "?"),
           arg_or(r, "CyclesSaved", "?"), arg_or(r, "UsesPerPacket", "?"),
           arg_or(r, "Suggestion", ""));
  }
  if (!candidates)
    printf("  accelerator candidates: none\n");
  printf("\n");
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fputs(usage, stderr);
    return 2;
  }
  for (int i = 1; i < argc; ++i)
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      fputs(usage, stdout);
      return 0;
    }
  int status = 0, reported = 0;
  mix_totals all;
  memset(&all, 0, sizeof all);
  for (int i = 1; i < argc; ++i) {
    clara_remark_file *file;
    char *message = NULL;
    if (clara_remarks_load(argv[i], &file, &message) != CLARA_OK) {
      fprintf(stderr, "clara-report: error: %s\n", message);
      clara_dispose_message(message);
      status = 1;
      continue;
    }
    report(argv[i], file, &all);
    clara_remarks_dispose(file);
    ++reported;
  }
  if (reported > 1) {
    printf("== all %d NFs\n", reported);
    print_mix(&all);
  }
  return status;
}
