/*===- models/synth/synth_weights_io.c - weight table files -----*- C -*-===*/
#include "synth_weights_io.h"

#include "atomic_file.h"
#include "error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(char **msg, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char buf[1024];
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (msg)
    *msg = strdup(buf);
  return -1;
}

int syn_weights_read(const char *path, syn_weights *w, char **msg) {
  FILE *f = fopen(path, "r");
  if (!f)
    return fail(msg, "cannot read weights '%s': %s", path, strerror(errno));
  char line[512];
  int lineno = 0;
  syn_weights tmp = *w;
  while (fgets(line, sizeof line, f)) {
    lineno++;
    if (lineno == 1) {
      if (strncmp(line, "# clara-synth-weights 1", 23) != 0) {
        fclose(f);
        return fail(msg,
                    "%s:1: not a weights file (expected "
                    "'# clara-synth-weights 1')",
                    path);
      }
      continue;
    }
    if (line[0] == '#' || line[0] == '\n')
      continue;
    char name[128];
    double v;
    if (sscanf(line, "%127s %lf", name, &v) != 2 || v < 0) {
      fclose(f);
      return fail(msg, "%s:%d: expected NAME<TAB>non-negative number", path,
                  lineno);
    }
    int found = 0;
    if (!strcmp(name, "entry_stmts"))
      tmp.entry_stmts = v, found = 1;
    else if (!strcmp(name, "max_depth"))
      tmp.max_depth = (int)v, found = 1;
    for (int c = 0; c < SYN_CHOICE_COUNT && !found; c++)
      if (!strcmp(name, syn_choice_name((syn_choice)c)))
        tmp.w[c] = v, found = 1;
    if (!found) {
      fclose(f);
      return fail(msg, "%s:%d: unknown construct '%s'", path, lineno, name);
    }
  }
  fclose(f);
  *w = tmp;
  return 0;
}

int syn_weights_write(const char *path, const syn_weights *w, int as_header,
                      char **msg) {
  clara_atomic_file out;
  char *why = NULL;
  if (clara_atomic_file_open(&out, path, "w", &why) != CLARA_OK) {
    int status = fail(msg, "%s", why);
    clara_dispose_message(why);
    return status;
  }
  FILE *f = out.file;
  if (as_header) {
    fprintf(f,
            "/*===- models/synth/synth_weights.h - guided construct weights "
            "-*- C -*-===*\\\n"
            " *\n"
            " * The guided generator's choice weights, fitted offline by\n"
            " * `clara-synth-fidelity --tune` (see README.md) so that the -O0 "
            "opcode mix of\n"
            " * the synthesised per-packet functions matches real Click's\n"
            " * (../shared/data/click-stats/opcode_hist.tsv, per-packet "
            "columns).\n"
            " * Generated file: regenerate with the command in README.md.\n"
            " *\n"
            "\\*===----------------------------------------------------------"
            "------------===*/\n"
            "#ifndef CLARA_SYNTH_WEIGHTS_H\n#define CLARA_SYNTH_WEIGHTS_H\n\n"
            "#define SYN_GUIDED_ENTRY_STMTS %.4f\n"
            "#define SYN_GUIDED_MAX_DEPTH %d\n"
            "/* clang-format off */\n"
            "#define SYN_GUIDED_WEIGHTS \\\n",
            w->entry_stmts, w->max_depth);
    for (int c = 0; c < SYN_CHOICE_COUNT; c++)
      fprintf(f, "  {\"%s\", %.6f}%s\n", syn_choice_name((syn_choice)c),
              w->w[c], c + 1 < SYN_CHOICE_COUNT ? ", \\" : "");
    fprintf(f, "/* clang-format on */\n\n#endif\n");
  } else {
    fprintf(f, "# clara-synth-weights 1\n");
    fprintf(f, "entry_stmts\t%.4f\nmax_depth\t%d\n", w->entry_stmts,
            w->max_depth);
    for (int c = 0; c < SYN_CHOICE_COUNT; c++)
      fprintf(f, "%s\t%.6f\n", syn_choice_name((syn_choice)c), w->w[c]);
  }
  if (clara_atomic_file_commit(&out, &why) != CLARA_OK) {
    int status = fail(msg, "%s", why);
    clara_dispose_message(why);
    return status;
  }
  return 0;
}
