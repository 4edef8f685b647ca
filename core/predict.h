/*===- core/predict.h - clara-predict-instrs: the per-block compute model -===*
 *
 * The paper's §3.2 prediction of the instructions a NIC compiler makes of
 * one basic block, here as a non-negative linear base with gradient-boosted
 * trees (XGBoost, Huber loss) on its residual (DESIGN.md, "What is already
 * known": a linear base keeps large straight-line blocks in range). The base
 * reads coarse features of the block's compact words (core/vocab.h): host
 * opcodes, ported opcodes (+ type), calls and their arity by kind, and
 * prologue/epilogue flags; the trees also read word and word-bigram counts
 * over a dictionary learnt from the training pairs, block length,
 * unknown-word count, the function's block and call counts and the coarse
 * words of the neighbouring blocks (models/README.md, "Model").
 *
 * A model for NIC `nic` lives in a directory as three files:
 *   predict-<nic>.features  dictionary + linear weights (`# clara-predict 2`)
 *   predict-<nic>.xgb.json  the trees (XGBoost JSON)
 *   predict-<nic>.meta      what it was trained on and how well it does
 * plus, optionally, api-<nic>.tsv: the framework API cost table
 * (`# clara-api-costs 1`; rows `function compute memory`).
 *
 * Also the per-entry-point summary: block costs weighted by block frequency
 * with internal calls counted through their call sites.
 *
 *===----------------------------------------------------------------------===*/
#ifndef CLARA_CORE_PREDICT_H
#define CLARA_CORE_PREDICT_H

#include "annotate.h"
#include "pairs.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What the model sees of one block. */
typedef struct {
  const char *tokens;       /* the block's words, joined by " ; " */
  const char *ported;       /* its words after the porting pipeline, or NULL */
  int is_entry;             /* the function's first block */
  unsigned function_blocks; /* number of blocks in its function */
  unsigned function_calls;  /* real calls in its function (it has a frame) */
  /* the words of the blocks before and after it in layout order (ported
   * words when known, else host tokens), NULL at the function's ends */
  const char *prev, *next;
} clara_block_input;

typedef struct clara_predict_model clara_predict_model;

/* Training settings; clara_predict_train_defaults() fills them. */
typedef struct {
  uint64_t seed;
  unsigned rounds; /* boosting rounds */
  /* Trees grown per round on independent row and column samples and
   * averaged (XGBoost's num_parallel_tree; 1 = plain boosting): less
   * variance from the subsampling, K times the trees (default 3;
   * bench/predict/README.md, session 12). */
  unsigned parallel_trees;
  unsigned max_depth;
  double eta;
  /* The trees' loss: "reg:pseudohubererror" (the default, with huber_slope)
   * or "reg:absoluteerror" (XGBoost's L1 loss with adaptive leaves). */
  const char *objective;
  double huber_slope;
  double ridge_lambda;
  unsigned min_word_count, min_bigram_count, max_features;
  unsigned threads;
  double holdout_share; /* share of sources held out for validation */
  /* Row weights by source: a distinct row any of whose sources' paths
   * contain `source_weight_match[i]` weighs `source_weight[i]` (the largest
   * that applies) in the linear base and the trees; the others weigh 1. */
#define CLARA_PREDICT_MAX_SOURCE_WEIGHTS 8
  const char *source_weight_match[CLARA_PREDICT_MAX_SOURCE_WEIGHTS];
  double source_weight[CLARA_PREDICT_MAX_SOURCE_WEIGHTS];
  size_t num_source_weights;
  /* Called now and then with a progress line; may be NULL. */
  void (*progress)(void *context, const char *line);
  void *progress_context;
} clara_predict_train_options;

void clara_predict_train_defaults(clara_predict_train_options *options);

/* Metrics of a trained model on the held-out sources. */
typedef struct {
  size_t rows, distinct_rows, distinct_token_sequences;
  size_t train_rows, holdout_rows, train_sources, holdout_sources;
  size_t features;
  double holdout_wmape_block, holdout_wmape_function;
  double holdout_wmape_ridge_only;
  double train_seconds;
} clara_predict_metrics;

/* The block inputs of pairs rows: is_entry = the first row of each (source,
 * function), function_blocks = its row count, function_calls = the calls
 * of its rows' tokens that stay calls on the NIC. `inputs` has pairs->count
 * entries; tokens point into `pairs`. */
void clara_predict_inputs_from_pairs(const clara_pairs *pairs,
                                     clara_block_input *inputs);

/* Trains a model on the rows of `pairs` whose nic is `nic` (rows are
 * deduplicated first; the distinct rows of one input, which differ only in
 * their label, share the input's weight by the square root of each label's
 * count, times their source weight). Sources are split deterministically by a
 * hash of their name and the seed: holdout_share of them for validation only.
 * Stores the model (caller disposes) and its metrics. */
int clara_predict_train(const clara_pairs *pairs, const char *nic,
                        const clara_predict_train_options *options,
                        clara_predict_model **out_model,
                        clara_predict_metrics *out_metrics, char **out_message);

/* Writes predict-<nic>.features and predict-<nic>.xgb.json into `dir`
 * (atomically, each through a temporary name). */
int clara_predict_model_save(const clara_predict_model *model, const char *dir,
                             const char *nic, char **out_message);

/* Loads the model for `nic` from `dir`. A missing or corrupt file fails
 * with a message naming it. */
int clara_predict_model_load(const char *dir, const char *nic,
                             clara_predict_model **out_model,
                             char **out_message);

/* Predicts the compute instructions of `count` blocks into out[] (≥ 0). */
int clara_predict_model_compute(const clara_predict_model *model,
                                const clara_block_input *blocks, size_t count,
                                double *out, char **out_message);

/* Counts of `tokens`' words that the model's dictionary does not know, and
 * all words (both 0 when out of memory). */
void clara_predict_model_unknown_words(const clara_predict_model *model,
                                       const char *tokens, size_t *unknown,
                                       size_t *total);

/* Frees a model. NULL is fine. */
void clara_predict_model_dispose(clara_predict_model *model);

/* ---- API cost table --------------------------------------------------- */

typedef struct clara_api_costs clara_api_costs;

/* Builds the table from labelled framework functions: per (source,
 * function) the sums of compute and memory over its blocks. */
int clara_api_costs_from_pairs(const clara_pairs *pairs, clara_api_costs **out,
                               char **out_message);

/* Reads / writes (atomically) an api-<nic>.tsv table. */
int clara_api_costs_load(const char *path, clara_api_costs **out,
                         char **out_message);
int clara_api_costs_save(const clara_api_costs *table, const char *path,
                         char **out_message);

/* Looks up a mangled function name; returns 1 and the costs if known. */
int clara_api_costs_find(const clara_api_costs *table, const char *function,
                         double *compute, double *memory);

/* The memory-intrinsic rows of an API cost table: `clara_memcpy_N_A` and
 * `clara_memset_N_A` for N = 1..CLARA_MEMOPS_MAX_BYTES bytes at alignment
 * A = 1, 2, .., CLARA_MEMOPS_MAX_ALIGN, labelled from a generated source
 * (models/CMakeLists.txt) where both sides are pointer arguments, so a copy's
 * memory counts its loads and its stores. */
#define CLARA_MEMOPS_MAX_BYTES 128
#define CLARA_MEMOPS_MAX_ALIGN 8

/* A clara_vocab_expansion over an API cost table (`table`): the target
 * accesses one side of a fixed-length `op` ("memcpy", "memmove" as memcpy,
 * "memset") of `bytes` at `align` makes, from the table's row for the
 * largest tabled alignment <= align; longer than CLARA_MEMOPS_MAX_BYTES:
 * that row scaled by length. 0 when the table has no row (e.g. the backend
 * rejected it). */
unsigned clara_api_costs_expansion(void *table, const char *op,
                                   unsigned long long bytes, unsigned align);

void clara_api_costs_dispose(clara_api_costs *table);

/* ---- Per-block predictions of an NF function ---------------------------- */

/* What clara-predict-instrs reports for one block (the Contracts' Prediction
 * remark). */
typedef struct {
  double compute;                       /* the model's prediction */
  unsigned state_memory, packet_memory; /* mem.state / mem.packet accesses */
  double api_compute, api_memory;       /* framework calls from the table */
  unsigned api_calls;                   /* api.header + api.state calls */
} clara_block_prediction;

/* Predicts every block of NF function `function` (in block order) into
 * out[] (LLVMCountBasicBlocks entries). `ported` (NULL, or one entry per
 * block, entries may be NULL) holds each block's words after the profile's
 * porting pipeline with the kinds of the original instructions: the model
 * reads them and memory is counted from them (state and packet accesses that
 * survive the pipeline); without them memory is counted from the IR. Framework
 * calls whose callee the table lacks count as calls without cost;
 * *out_unknown_api (may be NULL) is incremented for each. */
int clara_predict_function(const clara_predict_model *model,
                           const clara_api_costs *api,
                           const clara_annotation *annotation,
                           LLVMValueRef function, const char *const *ported,
                           clara_block_prediction *out, size_t *out_unknown_api,
                           char **out_message);

/* ---- Per-entry-point summaries ------------------------------------------ */

/* One block of a function for the summary: its own cost, its frequency
 * relative to the function's entry (1.0 = once per call), and the internal
 * functions it calls (indices into the function array), once per call. */
typedef struct {
  double frequency;
  double compute, state_memory, packet_memory; /* incl. API costs */
  const size_t *callees;
  size_t num_callees;
} clara_summary_block;

typedef struct {
  const clara_summary_block *blocks;
  size_t num_blocks;
} clara_summary_function;

/* Per-call totals of function `root`: Σ frequency × (block cost + the
 * callees' per-call totals). Recursion is cut (a call back into a function
 * being summed adds nothing). out[0..2] = compute, state, packet. */
void clara_predict_summarize(const clara_summary_function *functions,
                             size_t num_functions, size_t root, double out[3]);

#ifdef __cplusplus
}
#endif

#endif
