/*===- core/distribution.h - Histograms and distribution distances -------===*
 *
 * Histograms keyed by name (LLVM opcode names, block-length bins) and the
 * distances between two of them that the paper's Table 1 reports for
 * synthesis fidelity: Jensen-Shannon divergence, Renyi divergence,
 * Bhattacharyya distance, cosine similarity, Euclidean distance and
 * variational distance. Counts are normalised to probabilities over the
 * union of both histograms' keys before comparing.
 *
 *===----------------------------------------------------------------------===*/
#ifndef CLARA_CORE_DISTRIBUTION_H
#define CLARA_CORE_DISTRIBUTION_H

#include <llvm-c/Core.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A histogram: distinct keys, each with a non-negative count, in insertion
 * order. Opaque; created by clara_histogram_create. */
typedef struct clara_histogram clara_histogram;

/* Returns a new empty histogram, or NULL when out of memory. The caller
 * frees it with clara_histogram_dispose. */
clara_histogram *clara_histogram_create(void);
/* Frees a histogram (NULL is fine). */
void clara_histogram_dispose(clara_histogram *h);
/* Adds count (>= 0) to key's count, creating the key. Returns CLARA_OK or
 * CLARA_ERROR (negative count, out of memory). */
int clara_histogram_add(clara_histogram *h, const char *key, double count,
                        char **out_message);
/* Number of distinct keys, the i-th key (owned by h) and its count. */
size_t clara_histogram_size(const clara_histogram *h);
const char *clara_histogram_key(const clara_histogram *h, size_t i);
double clara_histogram_count_at(const clara_histogram *h, size_t i);
/* The count of key, 0 when absent. */
double clara_histogram_get(const clara_histogram *h, const char *key);
/* The sum of all counts. */
double clara_histogram_total(const clara_histogram *h);

/* Reads a histogram from a TSV file with a header row: keys from column
 * key_column, counts from column count_column (named in the header), e.g.
 * the real Click statistics' opcode_hist.tsv with "opcode" and
 * "count_pkt". Returns CLARA_OK with *out (caller disposes), or CLARA_ERROR
 * with a message naming the file and line. */
int clara_histogram_read_tsv(const char *path, const char *key_column,
                             const char *count_column, clara_histogram **out,
                             char **out_message);

/* The name LLVM prints for an opcode ("load", "getelementptr", ...), or
 * "unknown". */
const char *clara_opcode_name(LLVMOpcode opcode);
/* Adds one count per instruction of fn to ops (keyed by opcode name) and,
 * if lengths is not NULL, one count per basic block to lengths keyed by
 * clara_block_length_bin(instructions in the block). Declarations add
 * nothing. Returns CLARA_OK or CLARA_ERROR (out of memory). */
int clara_histogram_add_function(clara_histogram *ops, clara_histogram *lengths,
                                 LLVMValueRef fn, char **out_message);
/* The bin of a block length: "1" ... "20" exactly, then "21-30", "31-50",
 * "51+" (0 maps to "0"). The string is static. */
const char *clara_block_length_bin(unsigned instructions);

/* Distances between the probability vectors P (from p) and Q (from q) over
 * the union of their keys. Logarithms as stated per field. */
typedef struct {
  double jensen_shannon; /* JS divergence, log base 2, in [0, 1] */
  double renyi;          /* Renyi divergence D_alpha(P || Q), log base 2 */
  double renyi_order;    /* the alpha used */
  double bhattacharyya;  /* -ln sum sqrt(p q) */
  double cosine;         /* cosine similarity of P and Q, in [0, 1] */
  double euclidean;      /* sqrt sum (p - q)^2 */
  double variational;    /* sum |p - q| (twice the total variation) */
  size_t keys;           /* keys in the union */
} clara_distribution_metrics;

/* Compares p against q with Renyi order alpha (> 0, != 1; 0.5 keeps the
 * divergence finite when q lacks a key of p). Returns CLARA_OK, or
 * CLARA_ERROR when either histogram is empty or alpha is invalid, or the
 * divergence is infinite. */
int clara_distribution_compare(const clara_histogram *p,
                               const clara_histogram *q, double alpha,
                               clara_distribution_metrics *out,
                               char **out_message);

#ifdef __cplusplus
}
#endif

#endif
