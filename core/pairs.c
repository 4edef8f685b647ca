/*===- core/pairs.c - Training pairs files: reader and writer -------------===*
 *
 * See pairs.h.
 *
 *===----------------------------------------------------------------------===*/
#include "pairs.h"

#include "atomic_file.h"
#include "error.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char HEADER_ROW[] =
    "nic\tsource\tfunction\tblock\ttokens\tcompute\tmemory";
static const char HEADER_ROW_PORTED[] =
    "nic\tsource\tfunction\tblock\ttokens\tcompute\tmemory\tported";

clara_pairs *clara_pairs_create(void) { return calloc(1, sizeof(clara_pairs)); }

static int valid_field(const char *s) {
  return s && *s && !strpbrk(s, "\t\n\r");
}

int clara_pairs_add(clara_pairs *pairs, const char *nic, const char *source,
                    const char *function, const char *block, const char *tokens,
                    unsigned compute, unsigned memory, char **out_message) {
  return clara_pairs_add_ported(pairs, nic, source, function, block, tokens,
                                compute, memory, NULL, out_message);
}

int clara_pairs_add_ported(clara_pairs *pairs, const char *nic,
                           const char *source, const char *function,
                           const char *block, const char *tokens,
                           unsigned compute, unsigned memory,
                           const char *ported, char **out_message) {
  if (ported && !valid_field(ported))
    return clara_error(out_message,
                       "pairs: field 'ported' is empty or holds a tab or "
                       "newline");
  const char *fields[] = {nic, source, function, block, tokens};
  static const char *names[] = {"nic", "source", "function", "block", "tokens"};
  for (int i = 0; i < 5; ++i)
    if (!valid_field(fields[i]))
      return clara_error(out_message,
                         "pairs: field '%s' is empty or holds a tab or newline",
                         names[i]);
  if (pairs->count == pairs->capacity) {
    size_t cap = pairs->capacity ? pairs->capacity * 2 : 256;
    clara_pair *rows = realloc(pairs->rows, cap * sizeof *rows);
    if (!rows)
      return clara_error(out_message, "pairs: out of memory");
    pairs->rows = rows;
    pairs->capacity = cap;
  }
  clara_pair *row = &pairs->rows[pairs->count];
  row->nic = strdup(nic);
  row->source = strdup(source);
  row->function = strdup(function);
  row->block = strdup(block);
  row->tokens = strdup(tokens);
  row->compute = compute;
  row->memory = memory;
  row->ported = ported ? strdup(ported) : NULL;
  if (!row->nic || !row->source || !row->function || !row->block ||
      !row->tokens || (ported && !row->ported)) {
    free(row->ported);
    free(row->nic);
    free(row->source);
    free(row->function);
    free(row->block);
    free(row->tokens);
    return clara_error(out_message, "pairs: out of memory");
  }
  ++pairs->count;
  return CLARA_OK;
}

static void free_row(clara_pair *row) {
  free(row->ported);
  free(row->nic);
  free(row->source);
  free(row->function);
  free(row->block);
  free(row->tokens);
}

static int parse_count(const char *s, unsigned *out) {
  if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 9)
    return 0;
  *out = (unsigned)strtoul(s, NULL, 10);
  return 1;
}

int clara_pairs_read(const char *path, clara_pairs *pairs, char **out_message) {
  FILE *in = fopen(path, "r");
  if (!in)
    return clara_error(out_message, "%s: cannot open: %s", path,
                       strerror(errno));
  size_t first_new = pairs->count;
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  unsigned long lineno = 0;
  int status = CLARA_OK, columns = 7;
  while ((len = getline(&line, &cap, in)) >= 0) {
    ++lineno;
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
      line[--len] = '\0';
    if (lineno == 1) {
      if (strcmp(line, "# clara-pairs 1") != 0) {
        status = clara_error(
            out_message,
            strncmp(line, "# clara-pairs ", 14) == 0
                ? "%s:1: unsupported pairs format version (this reader "
                  "understands '# clara-pairs 1')"
                : "%s:1: not a pairs file (expected '# clara-pairs 1')",
            path);
        break;
      }
      continue;
    }
    if (lineno == 2) {
      if (strcmp(line, HEADER_ROW_PORTED) == 0)
        columns = 8;
      else if (strcmp(line, HEADER_ROW) != 0) {
        status = clara_error(out_message,
                             "%s:2: expected the header row 'nic source "
                             "function block tokens compute memory' "
                             "(tab-separated)",
                             path);
        break;
      }
      continue;
    }
    if (len == 0)
      continue;
    char *fields[9] = {0};
    int n = 0;
    char *p = line;
    while (n < 9) {
      fields[n++] = p;
      char *tab = strchr(p, '\t');
      if (!tab)
        break;
      *tab = '\0';
      p = tab + 1;
    }
    unsigned compute, memory;
    if (n != columns) {
      status = clara_error(out_message,
                           "%s:%lu: expected %d tab-separated "
                           "fields, found %d",
                           path, lineno, columns, n);
      break;
    }
    if (!parse_count(fields[5], &compute) || !parse_count(fields[6], &memory)) {
      status = clara_error(out_message,
                           "%s:%lu: compute and memory must be non-negative "
                           "integers",
                           path, lineno);
      break;
    }
    char *message = NULL;
    if (clara_pairs_add_ported(pairs, fields[0], fields[1], fields[2],
                               fields[3], fields[4], compute, memory,
                               columns == 8 ? fields[7] : NULL,
                               &message) != CLARA_OK) {
      status = clara_error(out_message, "%s:%lu: %s", path, lineno,
                           message ? message : "bad row");
      clara_dispose_message(message);
      break;
    }
  }
  if (status == CLARA_OK && ferror(in))
    status = clara_error(out_message, "%s: read error", path);
  if (status == CLARA_OK && lineno < 2)
    status = clara_error(out_message,
                         "%s:%lu: truncated pairs file (no "
                         "header row)",
                         path, lineno + 1);
  free(line);
  fclose(in);
  if (status != CLARA_OK) {
    for (size_t i = first_new; i < pairs->count; ++i)
      free_row(&pairs->rows[i]);
    pairs->count = first_new;
  }
  return status;
}

static void write_rows(FILE *out, const clara_pairs *pairs) {
  int ported = pairs->count > 0;
  for (size_t i = 0; i < pairs->count; ++i)
    ported &= pairs->rows[i].ported != NULL;
  fprintf(out, "# clara-pairs %d\n%s\n", CLARA_PAIRS_FORMAT_VERSION,
          ported ? HEADER_ROW_PORTED : HEADER_ROW);
  for (size_t i = 0; i < pairs->count; ++i) {
    const clara_pair *r = &pairs->rows[i];
    fprintf(out, "%s\t%s\t%s\t%s\t%s\t%u\t%u", r->nic, r->source, r->function,
            r->block, r->tokens, r->compute, r->memory);
    if (ported)
      fprintf(out, "\t%s", r->ported);
    fputc('\n', out);
  }
}

int clara_pairs_write(const char *path, const clara_pairs *pairs,
                      char **out_message) {
  if (strcmp(path, "-") == 0) {
    write_rows(stdout, pairs);
    return fflush(stdout) == 0
               ? CLARA_OK
               : clara_error(out_message, "stdout: write failed");
  }
  clara_atomic_file out;
  if (clara_atomic_file_open(&out, path, "w", out_message) != CLARA_OK)
    return CLARA_ERROR;
  write_rows(out.file, pairs);
  return clara_atomic_file_commit(&out, out_message);
}

void clara_pairs_dispose(clara_pairs *pairs) {
  if (!pairs)
    return;
  for (size_t i = 0; i < pairs->count; ++i)
    free_row(&pairs->rows[i]);
  free(pairs->rows);
  free(pairs);
}
