/*===- test/fuzz/model_fuzz.c - libFuzzer target for model directories ----===*
 *
 * The text readers of a model directory, which `-clara-model-dir` points the
 * plugin at: an instruction model's dictionary (predict-NIC.features,
 * core/predict.c), an API cost table (core/predict.c) and the accelerator
 * model's metadata (accel.meta, core/accel_model.c). The first input byte
 * picks the reader, the rest is the file. The readers take paths, so each
 * input goes through a temporary directory; the XGBoost files are absent,
 * so a file that parses ends in a clean "cannot open" error.
 *
 *   cmake --build build --target model_fuzz
 *   build/bin/model_fuzz -max_total_time=180 /tmp/model-corpus \
 *       test/fuzz/model-seeds
 *
 *===----------------------------------------------------------------------===*/
#include "accel.h"
#include "error.h"
#include "predict.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const Files[3] = {"predict-fuzz.features", "costs.tsv",
                                     "accel.meta"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  unsigned which = data[0] % 3;
  char dir[64], path[128];
  snprintf(dir, sizeof dir, "/tmp/clara-model-fuzz-%d", (int)getpid());
  mkdir(dir, 0700);
  snprintf(path, sizeof path, "%s/%s", dir, Files[which]);
  FILE *f = fopen(path, "wb");
  if (!f)
    abort();
  if (size > 1 && fwrite(data + 1, 1, size - 1, f) != size - 1)
    abort();
  fclose(f);
  char *message = NULL;
  if (which == 0) {
    clara_predict_model *m = NULL;
    if (clara_predict_model_load(dir, "fuzz", &m, &message) == CLARA_OK)
      abort(); /* the trees are missing: loading cannot succeed */
    clara_predict_model_dispose(m);
  } else if (which == 1) {
    clara_api_costs *t = NULL;
    if (clara_api_costs_load(path, &t, &message) == CLARA_OK) {
      /* Every accepted cost is finite and not negative: write the table,
       * look each of its names up. */
      char saved[160], line[8192];
      snprintf(saved, sizeof saved, "%s/saved.tsv", dir);
      if (clara_api_costs_save(t, saved, &message) != CLARA_OK)
        abort();
      FILE *in = fopen(saved, "r");
      if (!in)
        abort();
      while (fgets(line, sizeof line, in)) {
        char *tab = strchr(line, '\t');
        double c = -1, m = -1;
        if (line[0] == '#' || !tab)
          continue;
        *tab = '\0';
        if (!clara_api_costs_find(t, line, &c, &m) ||
            !(c >= 0 && m >= 0 && c <= 1e300 && m <= 1e300))
          abort();
      }
      fclose(in);
      unlink(saved);
    }
    clara_api_costs_dispose(t);
  } else {
    clara_accel_model *m = NULL;
    if (clara_accel_model_load(dir, &m, &message) == CLARA_OK)
      abort(); /* accel.ubj is missing */
    clara_accel_model_dispose(m);
  }
  clara_dispose_message(message);
  unlink(path);
  return 0;
}
