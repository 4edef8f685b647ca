/*===- models/synth/synth_measure.h - compile and count opcodes -*- C -*-===*\
 *
 * Compiles NF sources to -O0 IR (Clara's analysis form) in parallel and
 * counts the opcodes and block lengths of their per-packet functions, as
 * the real Click statistics do (see README.md for the exact definition).
 *
\*===----------------------------------------------------------------------===*/
#ifndef CLARA_SYNTH_MEASURE_H
#define CLARA_SYNTH_MEASURE_H

#include "distribution.h"

typedef struct {
  const char *clangxx; /* clang++ to run */
  const char *include; /* runtime-profiler/include */
  int jobs;            /* parallel compiles */
  int quiet;           /* no progress */
} syn_measure_options;

typedef struct {
  clara_histogram *entry_ops;    /* opcodes of entry points */
  clara_histogram *helper_ops;   /* entry points + own helpers they call */
  clara_histogram *entry_blocks; /* block-length bins of entry points */
  clara_histogram *all_blocks;   /* block-length bins, entry + helpers */
  unsigned files, compiled, warned, entries, helpers;
  /* Optional (set by the caller, one per path): entry opcodes per file. */
  clara_histogram **per_file;
  char first_failure[512]; /* first failing file and its first line */
} syn_measurement;

/* Creates the histograms of *m (zeroed counters). 0 or -1. */
int syn_measurement_init(syn_measurement *m);
void syn_measurement_dispose(syn_measurement *m);

/* Compiles each path ending in .cc (or reads it when it ends in .bc) and
 * adds its per-packet functions to *m. Sources that do not compile are
 * counted, not fatal. Returns 0, or -1 with *msg (malloc'd) on a setup
 * error (temp dir, spawn). */
int syn_measure_files(const syn_measure_options *o, char **paths, int npaths,
                      syn_measurement *m, char **msg);

/* Lists DIR/ *.cc (sorted) or returns the file itself; appends malloc'd
 * paths to *paths. 0, or -1 with *msg. */
int syn_list_sources(const char *path, char ***paths, int *npaths, char **msg);

#endif
