/*===- models/tools/clara-train.c - Train the per-block compute model -----===*
 *
 *   clara-train --nic NAME [--seed N] [-o DIR] PAIRS.tsv...
 *   clara-train --api-costs -o api-NAME.tsv FRAMEWORK-PAIRS.tsv...
 *
 * Reads pairs files (core/pairs.h), trains the instruction model of
 * core/predict.h on the rows of NIC NAME (deduplicated; sources split by
 * hash: 10 % held out for the reported metrics) and writes
 * DIR/predict-NAME.{features,xgb.json,meta}. With --api-costs it sums
 * labelled framework functions into the API cost table instead.
 *
 *===----------------------------------------------------------------------===*/
#include "atomic_file.h"
#include "error.h"
#include "pairs.h"
#include "predict.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* The usage text; its defaults come from clara_predict_train_defaults. */
static const char *const usage_format =
    "usage: clara-train --nic NAME [--seed N] [--rounds R] [--depth D] "
    "[--eta E]\n"
    "                   [--parallel-trees K] [--loss huber|l1] "
    "[--huber-slope S]\n"
    "                   [--holdout SHARE] [--source-weight SUBSTRING=W]\n"
    "                   [-o DIR] PAIRS.tsv...\n"
    "       clara-train --api-costs -o API.tsv FRAMEWORK-PAIRS.tsv...\n"
    "\n"
    "Trains the per-block compute model for NIC NAME from pairs files written\n"
    "by clara-label and writes DIR/predict-NAME.features, .xgb.json and .meta\n"
    "(default DIR: .). Rows are deduplicated (the distinct rows of one input\n"
    "share its weight by the square root of each label's count); sources are\n"
    "split by a hash of their name and the seed, %.0f %% held out for the\n"
    "metrics in .meta (--holdout 0: every source trains, no held-out\n"
    "metrics).\n"
    "With --api-costs, sums each labelled framework function's blocks into an\n"
    "API cost table (# clara-api-costs 1) for clara-predict-instrs.\n"
    "\n"
    "  --nic NAME    the NIC whose rows to train on (the pairs' nic column)\n"
    "  --seed N      seed of the split and the trees (default %llu)\n"
    "  --rounds R    boosting rounds (default %u)\n"
    "  --depth D     tree depth (default %u)\n"
    "  --eta E       learning rate of the trees (default %g)\n"
    "  --parallel-trees K  trees grown per round on their own row and\n"
    "                column samples and averaged (default %u)\n"
    "  --loss L      the trees' loss: huber (pseudo-Huber, the default) or l1\n"
    "                (absolute error, XGBoost's adaptive leaves)\n"
    "  --huber-slope S  slope of the pseudo-Huber loss (default %g)\n"
    "  --holdout SHARE  share of sources held out for the metrics, in\n"
    "                [0, 1) (default %g)\n"
    "  --source-weight SUBSTRING=W\n"
    "                distinct rows from a source whose path contains\n"
    "                SUBSTRING weigh W (> 0) in the fit, the others 1;\n"
    "                repeatable (up to 8, the largest weight that applies;\n"
    "                default: every row weighs 1)\n"
    "  -o DIR|FILE   output directory (model) or file (--api-costs)\n"
    "  -q            no progress output\n";

static void print_usage(FILE *f) {
  clara_predict_train_options d;
  clara_predict_train_defaults(&d);
  fprintf(f, usage_format, d.holdout_share * 100, (unsigned long long)d.seed,
          d.rounds, d.max_depth, d.eta, d.parallel_trees, d.huber_slope,
          d.holdout_share);
}

static void print_progress(void *context, const char *line) {
  (void)context;
  fprintf(stderr, "clara-train: %s\n", line);
}

/* FNV-1a 64 of a file's bytes (identifies the training data in .meta). */
static int hash_file(const char *path, unsigned long long *hash, long *size) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return -1;
  unsigned long long h = 1469598103934665603ULL;
  long n = 0;
  int c;
  while ((c = getc(f)) != EOF) {
    h ^= (unsigned char)c;
    h *= 1099511628211ULL;
    ++n;
  }
  fclose(f);
  *hash = h;
  *size = n;
  return 0;
}

int main(int argc, char **argv) {
  const char *nic = NULL, *out = NULL;
  int api_costs = 0, quiet = 0;
  clara_predict_train_options options;
  clara_predict_train_defaults(&options);
  char **files = calloc((size_t)argc, sizeof *files);
  size_t num_files = 0;
  for (int i = 1; i < argc; ++i) {
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      print_usage(stdout);
      return 0;
    } else if (strcmp(argv[i], "--nic") == 0 && i + 1 < argc) {
      nic = argv[++i];
    } else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
      options.seed = strtoull(argv[++i], NULL, 10);
    } else if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) {
      options.rounds = (unsigned)strtoul(argv[++i], NULL, 10);
      if (options.rounds == 0) {
        fprintf(stderr, "clara-train: --rounds must be at least 1\n");
        return 2;
      }
    } else if (strcmp(argv[i], "--depth") == 0 && i + 1 < argc) {
      options.max_depth = (unsigned)strtoul(argv[++i], NULL, 10);
      if (options.max_depth == 0) {
        fprintf(stderr, "clara-train: --depth must be at least 1\n");
        return 2;
      }
    } else if (strcmp(argv[i], "--eta") == 0 && i + 1 < argc) {
      options.eta = strtod(argv[++i], NULL);
      if (!(options.eta > 0 && options.eta <= 1)) {
        fprintf(stderr, "clara-train: --eta must be in (0, 1]\n");
        return 2;
      }
    } else if (strcmp(argv[i], "--loss") == 0 && i + 1 < argc) {
      const char *loss = argv[++i];
      if (strcmp(loss, "huber") == 0) {
        options.objective = "reg:pseudohubererror";
      } else if (strcmp(loss, "l1") == 0) {
        options.objective = "reg:absoluteerror";
      } else {
        fprintf(stderr, "clara-train: --loss must be huber or l1, not '%s'\n",
                loss);
        return 2;
      }
    } else if (strcmp(argv[i], "--source-weight") == 0 && i + 1 < argc) {
      char *spec = argv[++i], *eq = strrchr(spec, '=');
      char *end = NULL;
      double w = eq ? strtod(eq + 1, &end) : 0;
      if (!eq || eq == spec || !end || *end || !(w > 0 && w <= 1e6)) {
        fprintf(stderr,
                "clara-train: --source-weight wants SUBSTRING=W with W > 0, "
                "not '%s'\n",
                spec);
        return 2;
      }
      if (options.num_source_weights == CLARA_PREDICT_MAX_SOURCE_WEIGHTS) {
        fprintf(stderr, "clara-train: at most %d --source-weight options\n",
                CLARA_PREDICT_MAX_SOURCE_WEIGHTS);
        return 2;
      }
      *eq = '\0';
      options.source_weight_match[options.num_source_weights] = spec;
      options.source_weight[options.num_source_weights++] = w;
    } else if (strcmp(argv[i], "--parallel-trees") == 0 && i + 1 < argc) {
      char *end = NULL;
      long k = strtol(argv[++i], &end, 10);
      if (!end || *end || k < 1 || k > 64) {
        fprintf(stderr,
                "clara-train: --parallel-trees must be 1..64, not "
                "'%s'\n",
                argv[i]);
        return 2;
      }
      options.parallel_trees = (unsigned)k;
    } else if (strcmp(argv[i], "--huber-slope") == 0 && i + 1 < argc) {
      options.huber_slope = strtod(argv[++i], NULL);
      if (!(options.huber_slope > 0 && options.huber_slope < 1e6)) {
        fprintf(stderr, "clara-train: --huber-slope must be positive\n");
        return 2;
      }
    } else if (strcmp(argv[i], "--holdout") == 0 && i + 1 < argc) {
      char *end = NULL;
      double share = strtod(argv[++i], &end);
      if (!end || end == argv[i] || *end || !(share >= 0 && share < 1)) {
        fprintf(stderr, "clara-train: --holdout must be in [0, 1), not '%s'\n",
                argv[i]);
        return 2;
      }
      options.holdout_share = share;
    } else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
      out = argv[++i];
    } else if (strcmp(argv[i], "--api-costs") == 0) {
      api_costs = 1;
    } else if (strcmp(argv[i], "-q") == 0) {
      quiet = 1;
    } else if (argv[i][0] == '-') {
      fprintf(stderr, "clara-train: unknown option '%s'\n", argv[i]);
      print_usage(stderr);
      return 2;
    } else {
      files[num_files++] = argv[i];
    }
  }
  if (num_files == 0 || (!api_costs && !nic) || (api_costs && !out)) {
    fprintf(stderr, "clara-train: %s\n",
            num_files == 0 ? "no pairs file given"
            : api_costs    ? "--api-costs needs -o FILE"
                           : "--nic NAME is required");
    print_usage(stderr);
    return 2;
  }
  if (!quiet) {
    options.progress = print_progress;
  }
  clara_pairs *pairs = clara_pairs_create();
  char *msg = NULL;
  for (size_t i = 0; i < num_files; ++i)
    if (clara_pairs_read(files[i], pairs, &msg) != CLARA_OK) {
      fprintf(stderr, "clara-train: %s\n", msg);
      return 1;
    }
  if (!quiet)
    fprintf(stderr, "clara-train: read %zu rows from %zu files\n", pairs->count,
            num_files);

  if (api_costs) {
    clara_api_costs *table = NULL;
    if (clara_api_costs_from_pairs(pairs, &table, &msg) != CLARA_OK ||
        clara_api_costs_save(table, out, &msg) != CLARA_OK) {
      fprintf(stderr, "clara-train: %s\n", msg);
      return 1;
    }
    clara_api_costs_dispose(table);
    clara_pairs_dispose(pairs);
    free(files);
    return 0;
  }

  const char *dir = out ? out : ".";
  mkdir(dir, 0755);
  clara_predict_model *model = NULL;
  clara_predict_metrics m;
  if (clara_predict_train(pairs, nic, &options, &model, &m, &msg) != CLARA_OK ||
      clara_predict_model_save(model, dir, nic, &msg) != CLARA_OK) {
    fprintf(stderr, "clara-train: %s\n", msg);
    return 1;
  }
  /* The metadata file, written atomically. */
  char meta[4096];
  snprintf(meta, sizeof meta, "%s/predict-%s.meta", dir, nic);
  clara_atomic_file meta_out;
  if (clara_atomic_file_open(&meta_out, meta, "w", &msg) != CLARA_OK) {
    fprintf(stderr, "clara-train: %s\n", msg);
    return 1;
  }
  FILE *f = meta_out.file;
  fprintf(f, "# clara-predict-meta 1 (written by clara-train)\n");
  fprintf(f, "nic: %s\nseed: %llu\nrounds: %u\nmax_depth: %u\neta: %g\n", nic,
          (unsigned long long)options.seed, options.rounds, options.max_depth,
          options.eta);
  if (options.parallel_trees > 1)
    fprintf(f, "parallel_trees: %u\n", options.parallel_trees);
  fprintf(f, "objective: %s\n", options.objective);
  if (strcmp(options.objective, "reg:pseudohubererror") == 0)
    fprintf(f, "huber_slope: %g\n", options.huber_slope);
  for (size_t k = 0; k < options.num_source_weights; ++k)
    fprintf(f, "source_weight: %g for sources containing '%s'\n",
            options.source_weight[k], options.source_weight_match[k]);
  fprintf(f, "rows: %zu\ndistinct_rows: %zu\ndistinct_token_sequences: %zu\n",
          m.rows, m.distinct_rows, m.distinct_token_sequences);
  fprintf(f,
          "split: sources by FNV-1a hash of the source name and the seed, "
          "%.0f%% held out\n",
          options.holdout_share * 100);
  fprintf(f,
          "train_rows: %zu\ntrain_sources: %zu\nholdout_rows: %zu\n"
          "holdout_sources: %zu\nfeatures: %zu\n",
          m.train_rows, m.train_sources, m.holdout_rows, m.holdout_sources,
          m.features);
  if (m.holdout_rows > 0)
    fprintf(f,
            "holdout_wmape_block: %.4f\nholdout_wmape_function: %.4f\n"
            "holdout_wmape_ridge_only: %.4f\n",
            m.holdout_wmape_block, m.holdout_wmape_function,
            m.holdout_wmape_ridge_only);
  fprintf(f, "train_cpu_seconds: %.1f\n", m.train_seconds);
  fprintf(f, "data:\n");
  for (size_t i = 0; i < num_files; ++i) {
    unsigned long long h = 0;
    long size = 0;
    hash_file(files[i], &h, &size);
    const char *base = strrchr(files[i], '/');
    fprintf(f, "  - {file: %s, bytes: %ld, fnv1a64: %016llx}\n",
            base ? base + 1 : files[i], size, h);
  }
  if (clara_atomic_file_commit(&meta_out, &msg) != CLARA_OK) {
    fprintf(stderr, "clara-train: %s\n", msg);
    return 1;
  }
  if (!quiet && m.holdout_rows > 0)
    fprintf(stderr,
            "clara-train: %s: %zu distinct rows; held-out WMAPE per block "
            "%.1f%% (ridge alone %.1f%%), per function %.1f%%; wrote "
            "%s/predict-%s.*\n",
            nic, m.distinct_rows, 100 * m.holdout_wmape_block,
            100 * m.holdout_wmape_ridge_only, 100 * m.holdout_wmape_function,
            dir, nic);
  else if (!quiet)
    fprintf(stderr,
            "clara-train: %s: %zu distinct rows, all training (no held-out "
            "metrics); wrote %s/predict-%s.*\n",
            nic, m.distinct_rows, dir, nic);
  clara_predict_model_dispose(model);
  clara_pairs_dispose(pairs);
  free(files);
  return 0;
}
