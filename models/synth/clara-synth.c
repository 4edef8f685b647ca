/*===- models/synth/clara-synth.c - synthesise Click-style elements -*- C
-*-===*\
 *
 * clara-synth --seed N --count K -o DIR [--unguided] [--weights FILE]
 *
 * Writes K random but representative Click network functions,
 * DIR/synth_<seed>_<i>.cc (i = 0..K-1), each one to four Click elements
 * chained by clara_nf_create(). Deterministic for a seed. Guided by the
 * committed weight table (synth_weights.h) unless --unguided (uniform
 * choices: the baseline of the paper's Table 1) or --weights FILE (a table
 * written by clara-synth-fidelity --tune).
 *
\*===----------------------------------------------------------------------===*/
#include "atomic_file.h"
#include "error.h"
#include "synth_gen.h"
#include "synth_weights_io.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static void usage(FILE *f) {
  fprintf(f,
          "usage: clara-synth --seed N --count K -o DIR [--unguided] "
          "[--weights FILE] [--start I]\n"
          "\n"
          "Writes K synthesised Click network functions DIR/synth_<N>_<i>.cc\n"
          "(i = I..I+K-1) against runtime-profiler/include. Each defines 1-4\n"
          "Element classes and extern \"C\" clara_nf_create(). The output is\n"
          "a function of the seed and index only.\n"
          "\n"
          "  --seed N       seed (default 1)\n"
          "  --count K      number of NFs (default 1)\n"
          "  -o DIR         output directory (created if missing)\n"
          "  --unguided     uniform construct choices (the baseline)\n"
          "  --weights FILE construct weights (clara-synth-fidelity --tune)\n"
          "  --start I      first index (default 0), to extend a set\n"
          "  --quiet        no progress output\n");
}

static int parse_u64(const char *s, unsigned long long *out) {
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || end == s || *end || s[0] == '-')
    return -1;
  *out = v;
  return 0;
}

int main(int argc, char **argv) {
  unsigned long long seed = 1, count = 1, start = 0;
  const char *dir = 0, *weights_file = 0;
  int unguided = 0, quiet = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      usage(stdout);
      return 0;
    } else if (!strcmp(a, "--unguided")) {
      unguided = 1;
    } else if (!strcmp(a, "--quiet")) {
      quiet = 1;
    } else if ((!strcmp(a, "--seed") || !strcmp(a, "--count") ||
                !strcmp(a, "--start") || !strcmp(a, "-o") ||
                !strcmp(a, "--weights")) &&
               i + 1 < argc) {
      const char *v = argv[++i];
      if (!strcmp(a, "-o"))
        dir = v;
      else if (!strcmp(a, "--weights"))
        weights_file = v;
      else if (parse_u64(v, !strcmp(a, "--seed")    ? &seed
                            : !strcmp(a, "--count") ? &count
                                                    : &start)) {
        fprintf(stderr,
                "clara-synth: %s needs a non-negative integer, got "
                "'%s'\n",
                a, v);
        return 2;
      }
    } else {
      fprintf(stderr,
              "clara-synth: unknown or incomplete argument '%s' "
              "(see --help)\n",
              a);
      return 2;
    }
  }
  if (!dir) {
    fprintf(stderr, "clara-synth: -o DIR is required (see --help)\n");
    return 2;
  }
  if (unguided && weights_file) {
    fprintf(stderr, "clara-synth: --unguided and --weights exclude each "
                    "other\n");
    return 2;
  }
  syn_weights w;
  if (unguided)
    syn_weights_uniform(&w);
  else
    syn_weights_guided(&w);
  if (weights_file) {
    char *msg = 0;
    if (syn_weights_read(weights_file, &w, &msg)) {
      fprintf(stderr, "clara-synth: %s\n", msg);
      free(msg);
      return 1;
    }
  }
  if (mkdir(dir, 0777) && errno != EEXIST) {
    fprintf(stderr, "clara-synth: cannot create directory '%s': %s\n", dir,
            strerror(errno));
    return 1;
  }

  clock_t t0 = clock();
  syn_text text = {0, 0, 0};
  for (unsigned long long i = start; i < start + count; i++) {
    char tag[64], path[4096];
    snprintf(tag, sizeof tag, "%s%llu_%llu", unguided ? "U" : "G", seed, i);
    text.len = 0;
    if (text.buf)
      text.buf[0] = 0;
    syn_stats st;
    int generated = syn_generate(seed, i, &w, tag, &text, &st);
    if (generated != 0) {
      if (generated == -2)
        fprintf(stderr,
                "clara-synth: NF %llu of seed %llu: a generated expression "
                "outgrew its buffer (a generator bug; nothing written)\n",
                (unsigned long long)i, (unsigned long long)seed);
      else
        fprintf(stderr, "clara-synth: out of memory\n");
      free(text.buf);
      return 1;
    }
    snprintf(path, sizeof path, "%s/synth_%llu_%llu.cc", dir, seed, i);
    clara_atomic_file out;
    char *message = NULL;
    if (clara_atomic_file_open(&out, path, "w", &message) != CLARA_OK) {
      fprintf(stderr, "clara-synth: %s\n", message);
      clara_dispose_message(message);
      free(text.buf);
      return 1;
    }
    fwrite(text.buf, 1, text.len, out.file);
    if (clara_atomic_file_commit(&out, &message) != CLARA_OK) {
      fprintf(stderr, "clara-synth: %s\n", message);
      clara_dispose_message(message);
      free(text.buf);
      return 1;
    }
    if (!quiet && (i - start + 1) % 1000 == 0)
      fprintf(stderr, "clara-synth: %llu/%llu written\n", i - start + 1, count);
  }
  free(text.buf);
  if (!quiet)
    fprintf(stderr, "clara-synth: %llu NFs in %s (%.2f s, %s)\n", count, dir,
            (double)(clock() - t0) / CLOCKS_PER_SEC,
            unguided       ? "unguided"
            : weights_file ? weights_file
                           : "guided");
  return 0;
}
