/*===- core/accel.h - clara-detect-accel: code an accelerator replaces ----===*
 *
 * Finds functions that implement an algorithm a NIC accelerator replaces
 * (CRC, longest prefix match, hashing, crypto), as the paper's §4.1: each
 * function becomes a feature vector of (1) frequent instruction subsequences
 * mined from a labelled corpus with support and confidence thresholds
 * (sequential pattern extraction) and (2) structural features of its loop
 * nests (bit-operation density, table lookups indexed by shifted data,
 * bounded pointer/index chasing, multiply-rotate mixing, loop-bound shape).
 * A multi-class XGBoost model labels it crc|lpm|hash|crypto|none.
 *
 * No feature reads a function, value, global or file name. LoopInfo comes
 * from the shim as plain data (LLVM-C has none). Files: the model is
 * DIR/accel.ubj, its metadata (mined patterns, provenance, metrics)
 * DIR/accel.meta; models/accel/README.md documents both.
 *
 *===----------------------------------------------------------------------===*/
#ifndef CLARA_CORE_ACCEL_H
#define CLARA_CORE_ACCEL_H

#include "accel_probe.h"

#include <llvm-c/Core.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The classes, in the model's output order. */
typedef enum {
  CLARA_ACCEL_CRC = 0,
  CLARA_ACCEL_LPM,
  CLARA_ACCEL_HASH,
  CLARA_ACCEL_CRYPTO,
  CLARA_ACCEL_NONE,
  CLARA_ACCEL_NUM_CLASSES
} clara_accel_class;

/* "crc", "lpm", "hash", "crypto", "none". */
const char *clara_accel_class_name(clara_accel_class c);

/* The class called `name`, or CLARA_ACCEL_NUM_CLASSES when unknown. */
clara_accel_class clara_accel_class_from_name(const char *name);

/* Functions with fewer instructions (debug intrinsics and -O0 stack
 * loads/stores not counted) are too small to hold an accelerated algorithm
 * and are never classified. */
#define CLARA_ACCEL_MIN_INSTRUCTIONS 12

/* The default of -clara-accel-threshold: nothing is reported below it (nor
 * below the model's per-class threshold, chosen in training between this
 * and CLARA_ACCEL_MAX_THRESHOLD). */
#define CLARA_ACCEL_DEFAULT_THRESHOLD 0.5
#define CLARA_ACCEL_MAX_THRESHOLD 0.95

/* Loop trips assumed per loop when SCEV knows no constant maximum (the
 * profiles' reference use: a 20-byte header). */
#define CLARA_ACCEL_DEFAULT_TRIPS 20

/* One natural loop, as LLVM's LoopInfo sees it. Blocks are indices in the
 * function's block order (LLVMGetFirstBasicBlock onwards). */
typedef struct {
  unsigned header;
  const unsigned *blocks; /* member blocks, including nested loops' */
  size_t num_blocks;
  unsigned depth; /* 1 = outermost */
  int parent;     /* index in the loop array, -1 = top level */
  unsigned num_latches, num_exits;
  uint64_t max_trip_count; /* SCEV's constant maximum, 0 = unknown */
} clara_accel_loop;

/* What the shim knows about one function. `block_frequency` (one per block,
 * relative to the entry block, from BlockFrequencyInfo) may be NULL.
 * `own_functions` lists the functions whose small helpers may be analysed
 * as if inlined (the NF's own code); NULL allows every defined function. */
typedef struct {
  LLVMValueRef function;
  const clara_accel_loop *loops;
  size_t num_loops;
  const double *block_frequency;
  const LLVMValueRef *own_functions;
  size_t num_own_functions;
} clara_accel_function;

/* Is `fn` a small leaf helper: a definition of fewer than
 * CLARA_ACCEL_MIN_INSTRUCTIONS counted instructions, without loops and
 * calling no function but intrinsics? Extraction analyses such helpers in
 * place of their calls (as the paper analyses an NF's subroutines "as if
 * inlined"); they are too small to be classified on their own. */
int clara_accel_is_inline_helper(LLVMValueRef fn);

/* Number of structural features; their names: clara_accel_feature_name().
 * The first CLARA_ACCEL_NUM_STATIC are read from the IR by
 * clara_accel_extract(); the next CLARA_ACCEL_NUM_PROBE are behavioural
 * (accel_probe.h): clara_accel_extract() leaves them NAN (not measured) and
 * the caller may fill them from clara_accel_probe(); the last
 * CLARA_ACCEL_NUM_CONTEXT describe the function's call-graph neighbours
 * (clara_accel_call_context()), NAN until it is called. */
#define CLARA_ACCEL_NUM_STATIC 80
#define CLARA_ACCEL_NUM_CONTEXT 9
#define CLARA_ACCEL_FIRST_CONTEXT                                              \
  (CLARA_ACCEL_NUM_STATIC + CLARA_ACCEL_NUM_PROBE)
#define CLARA_ACCEL_NUM_STRUCTURAL                                             \
  (CLARA_ACCEL_FIRST_CONTEXT + CLARA_ACCEL_NUM_CONTEXT)

/* A function's features: structural values and the set of instruction
 * token n-grams it contains (the raw material of pattern mining). */
typedef struct {
  size_t instructions; /* counted as for CLARA_ACCEL_MIN_INSTRUCTIONS */
  double structural[CLARA_ACCEL_NUM_STRUCTURAL];
  char **ngrams; /* sorted, distinct, tokens joined by ' ' */
  size_t num_ngrams;
  int dominant_loop; /* the top-level loop with the most bit/memory work, -1 */
} clara_accel_features;

/* The short name of structural feature `i` ("loop.xor", ...). */
const char *clara_accel_feature_name(size_t i);

/* Computes the features of `f->function` (a definition). Stores a new
 * object in *out that the caller frees with clara_accel_features_dispose(). */
int clara_accel_extract(const clara_accel_function *f,
                        clara_accel_features **out, char **out_message);

void clara_accel_features_dispose(clara_accel_features *features);

/* Fills the context features of rows[0..n), the rows of one module's
 * functions (functions[i] is row i's), once their static and probe
 * features are in: for each of a few class-typical features (prefix masks,
 * big xor constants, shift-indexed tables, add-rotate-xor, big
 * multipliers, constant round counts, GF(2) affinity, avalanche), its
 * maximum over the row's call-graph neighbours: the rows of the functions
 * it calls directly or that call it directly (NAN values skipped; 0 when
 * it has no neighbour row; NAN when every neighbour's value is NAN). A
 * helper whose own code is ambiguous (a binary search, a table set-up)
 * then shows what the code around it does. Returns CLARA_ERROR only when
 * memory runs out. */
int clara_accel_call_context(clara_accel_features *const *rows,
                             const LLVMValueRef *functions, size_t n,
                             char **out_message);

/* Writes one TSV row: `label \t instructions \t s0 .. sN \t ngram|ngram...`
 * (label is written as given, e.g. a function name; may be "-"). */
int clara_accel_features_write(const clara_accel_features *features,
                               const char *label, FILE *out,
                               char **out_message);

/* Reads a row written by clara_accel_features_write(). *out_label is a copy
 * the caller frees with free(). Returns CLARA_ERROR on a malformed row. */
int clara_accel_features_parse(const char *line, char **out_label,
                               clara_accel_features **out, char **out_message);

/* --- Model --------------------------------------------------------------- */

/* A mined pattern: an n-gram with its class, support and confidence on the
 * training data. */
typedef struct {
  char *ngram;
  clara_accel_class cls;
  double support, confidence;
} clara_accel_pattern;

typedef struct clara_accel_model clara_accel_model;

/* Loads DIR/accel.ubj and DIR/accel.meta. A missing or corrupt file fails
 * with one message naming it. The caller frees with
 * clara_accel_model_dispose(). */
int clara_accel_model_load(const char *dir, clara_accel_model **out,
                           char **out_message);

void clara_accel_model_dispose(clara_accel_model *model);

/* The model's per-class report thresholds (CLARA_ACCEL_NUM_CLASSES values,
 * from its metadata's `threshold` lines; CLARA_ACCEL_DEFAULT_THRESHOLD where
 * none is given). Owned by the model. */
const double *clara_accel_model_thresholds(const clara_accel_model *model);

/* Replaces the model's per-class thresholds (CLARA_ACCEL_NUM_CLASSES). */
void clara_accel_model_set_thresholds(clara_accel_model *model,
                                      const double *thresholds);

/* The decision for one function: its most probable class k, or
 * CLARA_ACCEL_NONE (abstain) when k is not none and its probability is below
 * max(thresholds[k], floor). `thresholds` may be NULL (floor only). Stores
 * the probability of the most probable class in *out_confidence when not
 * NULL. */
int clara_accel_decide(const double *probabilities, const double *thresholds,
                       double floor, double *out_confidence);

/* Class probabilities (CLARA_ACCEL_NUM_CLASSES of them) for `features`. */
int clara_accel_model_predict(const clara_accel_model *model,
                              const clara_accel_features *features,
                              double *out_probabilities, char **out_message);

/* --- Training ------------------------------------------------------------ */

/* One labelled sample for training and evaluation. */
typedef struct {
  const clara_accel_features *features;
  clara_accel_class cls;
  int family; /* grouping id: folds never split a family */
} clara_accel_sample;

/* Training settings; clara_accel_train_defaults() fills the shipped ones. */
typedef struct {
  double min_support;    /* of a pattern within its class */
  double min_confidence; /* P(class | pattern) on the training samples */
  size_t max_patterns_per_class;
  unsigned rounds, max_depth;
  double eta;
  unsigned seed;
  /* clara_accel_cv_thresholds(): CV repetitions (fold seeds seed + 1 ..
   * seed + repeats) whose out-of-fold predictions are pooled; >= 1. */
  unsigned threshold_repeats;
  /* clara_accel_choose_thresholds()'s rule: 0 maximises F0.5; a value in
   * (0, 1] takes the lowest threshold whose precision reaches it. */
  double precision_floor;
  int verbose; /* progress to `progress` when non-zero */
  FILE *progress;
} clara_accel_train_options;

void clara_accel_train_defaults(clara_accel_train_options *options);

/* Whether `name` is a command-line option shared by the training tools:
 * the pattern mining's --support, --confidence and --patterns, and the
 * threshold rule's --precision-floor. */
int clara_accel_is_train_option(const char *name);

/* Sets the option `name` (clara_accel_is_train_option) of `options` from
 * its command-line `value`: --support S, --confidence C and
 * --precision-floor P in (0, 1], --patterns N >= 1. Returns CLARA_OK or an
 * error naming the option. */
int clara_accel_set_train_option(clara_accel_train_options *options,
                                 const char *name, const char *value,
                                 char **out_message);

/* Mines patterns from `samples` and trains the classifier on them. The
 * result predicts like a loaded model; clara_accel_model_save() writes it. */
int clara_accel_train(const clara_accel_sample *samples, size_t num_samples,
                      const clara_accel_train_options *options,
                      clara_accel_model **out, char **out_message);

/* The mined patterns of a model (owned by the model). */
const clara_accel_pattern *
clara_accel_model_patterns(const clara_accel_model *model, size_t *out_count);

/* Writes DIR/accel.ubj and DIR/accel.meta (each through a temporary name and
 * a rename). `provenance` is free text added to the metadata, one `# `
 * comment line per line. */
int clara_accel_model_save(const clara_accel_model *model, const char *dir,
                           const char *provenance, char **out_message);

/* --- Detection ----------------------------------------------------------- */

/* Predicted software cycles of one call of `f`: the sum over blocks of the
 * block's instructions (counted as for CLARA_ACCEL_MIN_INSTRUCTIONS) times the
 * trips of every loop containing it (SCEV's constant maximum, else
 * CLARA_ACCEL_DEFAULT_TRIPS), at one IR instruction per cycle. */
double clara_accel_cycles_per_call(const clara_accel_function *f);

/* Calls of each function per packet: entry points (is_entry[i] != 0) count
 * 1; a callee counts Σ over its direct call sites in functions[] of the
 * caller's uses × the site block's frequency relative to the caller's entry
 * (1 when the caller has no frequencies). Recursion is cut after one visit.
 * Stores num_functions values in out_uses (caller-allocated). */
void clara_accel_uses_per_packet(const clara_accel_function *functions,
                                 size_t num_functions, const int *is_entry,
                                 double *out_uses);

/* --- Corpus and grouped cross-validation (core/accel_eval.c) ------------- */

/* A labelled corpus read from a manifest and feature rows. */
typedef struct {
  clara_accel_sample *samples;
  char **names;    /* "path:function" of each sample */
  char **families; /* family names; samples[i].family indexes this */
  size_t num_samples, num_families;
  clara_accel_features **owned; /* the features, freed with the corpus */
  uint64_t data_hash; /* FNV-1a 64 of every feature file read, in order */
  /* Training-only rows (clara_accel_corpus_add_variants()): the same files
   * compiled differently. Cross-validation adds a family's variants to the
   * training folds when the family trains, and never evaluates them. */
  clara_accel_sample *variants;
  clara_accel_features **variants_owned;
  size_t num_variants;
} clara_accel_corpus;

/* Reads `manifest` (lines `path<TAB>class<TAB>family`, '#' comments) and,
 * for each path, the feature rows in FEATURES_DIR/path + `suffix` (e.g.
 * ".tsv"). Errors name the file and line. Free with
 * clara_accel_corpus_dispose(). */
int clara_accel_corpus_load(const char *manifest, const char *features_dir,
                            const char *suffix, clara_accel_corpus **out,
                            char **out_message);

void clara_accel_corpus_dispose(clara_accel_corpus *corpus);

/* Adds the training-only variant rows of every file of `manifest` (already
 * loaded into `corpus`) from FEATURES_DIR/path + `suffix` (e.g. ".o1.tsv"):
 * class and family of the file, `none` for the helpers the manifest's fourth
 * column names (matched by the row's own label; a helper absent from the
 * variant, e.g. inlined, is not an error). Updates data_hash. */
int clara_accel_corpus_add_variants(clara_accel_corpus *corpus,
                                    const char *manifest,
                                    const char *features_dir,
                                    const char *suffix, char **out_message);

/* The fold (0..k-1) of every family: families are ordered by class, then by
 * an FNV hash of their name salted with `seed`, and dealt round-robin per
 * class, so each fold holds families of every class that has k of them.
 * Writes corpus->num_families entries. */
void clara_accel_assign_folds(const clara_accel_corpus *corpus, unsigned k,
                              unsigned seed, unsigned *out_fold_of_family);

/* Per-class thresholds from out-of-fold probabilities: for each class k
 * but none, a threshold t in floor, floor + 0.05, ...,
 * CLARA_ACCEL_MAX_THRESHOLD, where a sample whose most probable class is k
 * counts as k only if its probability reaches t. With precision_floor == 0,
 * the t that maximises F0.5 of k (precision weighs twice as much as recall;
 * ties: the higher t). With precision_floor in (0, 1], the lowest t whose
 * precision tp / (tp + fp) (tp + fp > 0) reaches it, or, if none does, the t
 * of the highest precision (ties: the higher t). `probs` holds n rows of
 * CLARA_ACCEL_NUM_CLASSES; rows with mask[i] == 0 are ignored (mask may be
 * NULL). Writes CLARA_ACCEL_NUM_CLASSES values (none: floor). */
void clara_accel_choose_thresholds(const clara_accel_class *truth,
                                   const double *probs, const int *mask,
                                   size_t n, double floor,
                                   double precision_floor,
                                   double *out_thresholds);

/* Writes to buf (size bytes, NUL-terminated) a short description of the
 * threshold rule clara_accel_choose_thresholds() applies for
 * precision_floor, for reports: "max F0.5" or "the lowest with precision
 * >= P". */
void clara_accel_threshold_rule(double precision_floor, char *buf, size_t size);

/* Grouped k-fold cross-validation: for each fold, trains on the other folds
 * (mining included) and predicts the fold's samples. With inner_k >= 2 the
 * per-class thresholds of each outer fold are chosen by
 * clara_accel_choose_thresholds() from an inner grouped inner_k-fold CV on
 * that fold's training families only (nested CV: the test fold never
 * influences them); otherwise every class uses `threshold`. Writes the
 * decision (clara_accel_decide(), `threshold` as the floor) of every sample
 * into out_predicted and the probability of its most probable class into
 * out_confidence (both num_samples long, caller-allocated), and, when
 * out_thresholds is not NULL, k rows of CLARA_ACCEL_NUM_CLASSES thresholds. */
int clara_accel_cross_validate(const clara_accel_corpus *corpus, unsigned k,
                               unsigned inner_k,
                               const clara_accel_train_options *options,
                               double threshold, int *out_predicted,
                               double *out_confidence, double *out_thresholds,
                               char **out_message);

/* The per-class thresholds of a model trained on the whole corpus: chosen
 * by clara_accel_choose_thresholds() from grouped k-fold out-of-fold
 * probabilities over every family, pooled over options->threshold_repeats
 * CVs with fold seeds seed + 1, seed + 2, ... Writes
 * CLARA_ACCEL_NUM_CLASSES values. */
int clara_accel_cv_thresholds(const clara_accel_corpus *corpus, unsigned k,
                              const clara_accel_train_options *options,
                              double floor, double *out_thresholds,
                              char **out_message);

#ifdef __cplusplus
}
#endif

#endif
