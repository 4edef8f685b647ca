/*===- core/pairs.h - Training pairs files: reader and writer -------------===*
 *
 * A pairs file (DESIGN.md, Contracts) holds one row per IR basic block: the
 * block's compact tokens (core/vocab.h) and what the NIC backend made of it.
 * TSV: first line `# clara-pairs 1`, then the header row
 * `nic source function block tokens compute memory`, then one row per block;
 * tokens are the block's words joined by ` ; `; compute counts the target
 * instructions that are not loads/stores, memory the target loads/stores
 * whose base is not the stack or frame pointer. Fields never contain tabs or
 * newlines. This is the one reader and writer of the format.
 *
 * Optional eighth column `ported` (header row `... compute memory ported`):
 * the words of the same block after the profile's porting pipeline (IR
 * passes that keep the CFG, so the block keeps its name). Files with or
 * without it are read; a file is written with it when every row has it.
 *
 *===----------------------------------------------------------------------===*/
#ifndef CLARA_CORE_PAIRS_H
#define CLARA_CORE_PAIRS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CLARA_PAIRS_FORMAT_VERSION 1

/* One row. Strings are owned by the clara_pairs that holds the row. */
typedef struct {
  char *nic, *source, *function, *block, *tokens;
  unsigned compute, memory;
  char *ported; /* the block's words after the porting pipeline, or NULL */
} clara_pair;

/* A growable list of rows. */
typedef struct {
  clara_pair *rows;
  size_t count, capacity;
} clara_pairs;

/* A new empty list; the caller frees it with clara_pairs_dispose(). NULL
 * when out of memory. */
clara_pairs *clara_pairs_create(void);

/* Appends a copy of the strings and counts. Fails (with a message) when a
 * field is empty or holds a tab or newline, or when out of memory. */
int clara_pairs_add(clara_pairs *pairs, const char *nic, const char *source,
                    const char *function, const char *block, const char *tokens,
                    unsigned compute, unsigned memory, char **out_message);

/* Like clara_pairs_add, with the block's words after the porting pipeline
 * (NULL: none). */
int clara_pairs_add_ported(clara_pairs *pairs, const char *nic,
                           const char *source, const char *function,
                           const char *block, const char *tokens,
                           unsigned compute, unsigned memory,
                           const char *ported, char **out_message);

/* Reads the pairs file at `path` and appends its rows to `pairs` (so several
 * files can be read into one list). On a malformed file nothing is appended
 * and the message says "PATH:LINE: problem". */
int clara_pairs_read(const char *path, clara_pairs *pairs, char **out_message);

/* Writes `pairs` to `path` atomically (a temporary file in the same
 * directory, renamed over `path`); an error leaves `path` as it was.
 * "-" writes to stdout. */
int clara_pairs_write(const char *path, const clara_pairs *pairs,
                      char **out_message);

/* Frees the list and every string it owns. NULL is fine. */
void clara_pairs_dispose(clara_pairs *pairs);

#ifdef __cplusplus
}
#endif

#endif
