/*===- models/synth/synth_weights_io.h - weight table files -----*- C -*-===*\
 *
 * Reads and writes construct weight tables: a TSV whose first line is
 * `# clara-synth-weights 1`, then `NAME<TAB>WEIGHT` lines (names as
 * syn_choice_name(), plus `entry_stmts` and `max_depth`). The same table can
 * be written as the C header synth_weights.h that the guided generator
 * compiles in.
 *
\*===----------------------------------------------------------------------===*/
#ifndef CLARA_SYNTH_WEIGHTS_IO_H
#define CLARA_SYNTH_WEIGHTS_IO_H

#include "synth_gen.h"

/* Reads `path` over *w (names not in the file keep their value). Returns 0,
 * or -1 with a malloc'd message in *msg naming the file and line. */
int syn_weights_read(const char *path, syn_weights *w, char **msg);
/* Writes *w to `path` (temp name + rename); as a C header when as_header.
 * Returns 0, or -1 with a malloc'd message in *msg. */
int syn_weights_write(const char *path, const syn_weights *w, int as_header,
                      char **msg);

#endif
