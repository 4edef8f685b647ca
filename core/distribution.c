/*===- core/distribution.c - Histograms and distribution distances -------===*
 *
 * The fidelity metrics of the paper's Table 1 (synthesis, §3.1), computed
 * over the union of two histograms' keys.
 *
 *===----------------------------------------------------------------------===*/
#include "distribution.h"

#include "error.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct clara_histogram {
  char **keys;
  double *counts;
  size_t size, cap;
};

clara_histogram *clara_histogram_create(void) {
  return calloc(1, sizeof(clara_histogram));
}

void clara_histogram_dispose(clara_histogram *h) {
  if (!h)
    return;
  for (size_t i = 0; i < h->size; i++)
    free(h->keys[i]);
  free(h->keys);
  free(h->counts);
  free(h);
}

static long find_key(const clara_histogram *h, const char *key) {
  /* Histograms here have tens of keys: a linear scan is the simplest. */
  for (size_t i = 0; i < h->size; i++)
    if (strcmp(h->keys[i], key) == 0)
      return (long)i;
  return -1;
}

int clara_histogram_add(clara_histogram *h, const char *key, double count,
                        char **out_message) {
  if (!(count >= 0))
    return clara_error(out_message, "histogram: negative count %g for '%s'",
                       count, key);
  long i = find_key(h, key);
  if (i >= 0) {
    h->counts[i] += count;
    return CLARA_OK;
  }
  if (h->size == h->cap) {
    size_t cap = h->cap ? 2 * h->cap : 32;
    char **keys = realloc(h->keys, cap * sizeof *keys);
    if (!keys)
      return clara_error(out_message, "histogram: out of memory");
    h->keys = keys;
    double *counts = realloc(h->counts, cap * sizeof *counts);
    if (!counts)
      return clara_error(out_message, "histogram: out of memory");
    h->counts = counts;
    h->cap = cap;
  }
  char *copy = strdup(key);
  if (!copy)
    return clara_error(out_message, "histogram: out of memory");
  h->keys[h->size] = copy;
  h->counts[h->size] = count;
  h->size++;
  return CLARA_OK;
}

size_t clara_histogram_size(const clara_histogram *h) { return h->size; }

const char *clara_histogram_key(const clara_histogram *h, size_t i) {
  return i < h->size ? h->keys[i] : NULL;
}

double clara_histogram_count_at(const clara_histogram *h, size_t i) {
  return i < h->size ? h->counts[i] : 0;
}

double clara_histogram_get(const clara_histogram *h, const char *key) {
  long i = find_key(h, key);
  return i >= 0 ? h->counts[i] : 0;
}

double clara_histogram_total(const clara_histogram *h) {
  double t = 0;
  for (size_t i = 0; i < h->size; i++)
    t += h->counts[i];
  return t;
}

/* Splits line at tabs in place; returns the number of fields (<= max). */
static int split_tabs(char *line, char **fields, int max) {
  int n = 0;
  char *s = line;
  while (n < max) {
    fields[n++] = s;
    char *tab = strchr(s, '\t');
    if (!tab)
      break;
    *tab = 0;
    s = tab + 1;
  }
  char *nl = strpbrk(fields[n - 1], "\r\n");
  if (nl)
    *nl = 0;
  return n;
}

int clara_histogram_read_tsv(const char *path, const char *key_column,
                             const char *count_column, clara_histogram **out,
                             char **out_message) {
  *out = NULL;
  FILE *f = fopen(path, "r");
  if (!f)
    return clara_error(out_message, "%s: cannot read: %s", path,
                       strerror(errno));
  clara_histogram *h = clara_histogram_create();
  char line[4096];
  char *fields[64];
  int key_col = -1, count_col = -1, lineno = 0, status = CLARA_OK;
  while (status == CLARA_OK && fgets(line, sizeof line, f)) {
    lineno++;
    if (line[0] == '#' || line[0] == '\n')
      continue;
    int n = split_tabs(line, fields, 64);
    if (key_col < 0) {
      for (int i = 0; i < n; i++) {
        if (strcmp(fields[i], key_column) == 0)
          key_col = i;
        if (strcmp(fields[i], count_column) == 0)
          count_col = i;
      }
      if (key_col < 0 || count_col < 0)
        status = clara_error(out_message,
                             "%s:%d: header has no column '%s' and '%s'", path,
                             lineno, key_column, count_column);
      continue;
    }
    if (n <= key_col || n <= count_col) {
      status =
          clara_error(out_message, "%s:%d: expected %d columns", path, lineno,
                      (key_col > count_col ? key_col : count_col) + 1);
      break;
    }
    char *end;
    double v = strtod(fields[count_col], &end);
    if (end == fields[count_col] || *end || v < 0) {
      status = clara_error(out_message, "%s:%d: '%s' is not a count", path,
                           lineno, fields[count_col]);
      break;
    }
    status = clara_histogram_add(h, fields[key_col], v, out_message);
  }
  fclose(f);
  if (status == CLARA_OK && key_col < 0)
    status = clara_error(out_message, "%s: empty file", path);
  if (status != CLARA_OK) {
    clara_histogram_dispose(h);
    return status;
  }
  *out = h;
  return CLARA_OK;
}

const char *clara_opcode_name(LLVMOpcode op) {
  switch (op) {
    // clang-format off
#define OP(E, N) \
  case E:          \
    return N;
    OP(LLVMRet, "ret")
    OP(LLVMBr, "br")
    OP(LLVMSwitch, "switch")
    OP(LLVMIndirectBr, "indirectbr")
    OP(LLVMInvoke, "invoke")
    OP(LLVMUnreachable, "unreachable")
    OP(LLVMCallBr, "callbr")
    OP(LLVMFNeg, "fneg")
    OP(LLVMAdd, "add")
    OP(LLVMFAdd, "fadd")
    OP(LLVMSub, "sub")
    OP(LLVMFSub, "fsub")
    OP(LLVMMul, "mul")
    OP(LLVMFMul, "fmul")
    OP(LLVMUDiv, "udiv")
    OP(LLVMSDiv, "sdiv")
    OP(LLVMFDiv, "fdiv")
    OP(LLVMURem, "urem")
    OP(LLVMSRem, "srem")
    OP(LLVMFRem, "frem")
    OP(LLVMShl, "shl")
    OP(LLVMLShr, "lshr")
    OP(LLVMAShr, "ashr")
    OP(LLVMAnd, "and")
    OP(LLVMOr, "or")
    OP(LLVMXor, "xor")
    OP(LLVMAlloca, "alloca")
    OP(LLVMLoad, "load")
    OP(LLVMStore, "store")
    OP(LLVMGetElementPtr, "getelementptr")
    OP(LLVMTrunc, "trunc")
    OP(LLVMZExt, "zext")
    OP(LLVMSExt, "sext")
    OP(LLVMFPToUI, "fptoui")
    OP(LLVMFPToSI, "fptosi")
    OP(LLVMUIToFP, "uitofp")
    OP(LLVMSIToFP, "sitofp")
    OP(LLVMFPTrunc, "fptrunc")
    OP(LLVMFPExt, "fpext")
    OP(LLVMPtrToInt, "ptrtoint")
    OP(LLVMIntToPtr, "inttoptr")
    OP(LLVMBitCast, "bitcast")
    OP(LLVMAddrSpaceCast, "addrspacecast")
    OP(LLVMICmp, "icmp")
    OP(LLVMFCmp, "fcmp")
    OP(LLVMPHI, "phi")
    OP(LLVMCall, "call")
    OP(LLVMSelect, "select")
    OP(LLVMUserOp1, "userop1")
    OP(LLVMUserOp2, "userop2")
    OP(LLVMVAArg, "va_arg")
    OP(LLVMExtractElement, "extractelement")
    OP(LLVMInsertElement, "insertelement")
    OP(LLVMShuffleVector, "shufflevector")
    OP(LLVMExtractValue, "extractvalue")
    OP(LLVMInsertValue, "insertvalue")
    OP(LLVMFreeze, "freeze")
    OP(LLVMFence, "fence")
    OP(LLVMAtomicCmpXchg, "cmpxchg")
    OP(LLVMAtomicRMW, "atomicrmw")
    OP(LLVMResume, "resume")
    OP(LLVMLandingPad, "landingpad")
    OP(LLVMCleanupRet, "cleanupret")
    OP(LLVMCatchRet, "catchret")
    OP(LLVMCatchPad, "catchpad")
    OP(LLVMCleanupPad, "cleanuppad")
    OP(LLVMCatchSwitch, "catchswitch")
    // clang-format on
#undef OP
  }
  return "unknown";
}

const char *clara_block_length_bin(unsigned n) {
  static const char *const small[] = {"0",  "1",  "2",  "3",  "4",  "5",  "6",
                                      "7",  "8",  "9",  "10", "11", "12", "13",
                                      "14", "15", "16", "17", "18", "19", "20"};
  if (n <= 20)
    return small[n];
  if (n <= 30)
    return "21-30";
  if (n <= 50)
    return "31-50";
  return "51+";
}

int clara_histogram_add_function(clara_histogram *ops, clara_histogram *lengths,
                                 LLVMValueRef fn, char **out_message) {
  for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb;
       bb = LLVMGetNextBasicBlock(bb)) {
    unsigned n = 0;
    for (LLVMValueRef inst = LLVMGetFirstInstruction(bb); inst;
         inst = LLVMGetNextInstruction(inst)) {
      n++;
      if (ops && clara_histogram_add(
                     ops, clara_opcode_name(LLVMGetInstructionOpcode(inst)), 1,
                     out_message) != CLARA_OK)
        return CLARA_ERROR;
    }
    if (lengths && clara_histogram_add(lengths, clara_block_length_bin(n), 1,
                                       out_message) != CLARA_OK)
      return CLARA_ERROR;
  }
  return CLARA_OK;
}

int clara_distribution_compare(const clara_histogram *p,
                               const clara_histogram *q, double alpha,
                               clara_distribution_metrics *out,
                               char **out_message) {
  double tp = clara_histogram_total(p), tq = clara_histogram_total(q);
  if (!(tp > 0) || !(tq > 0))
    return clara_error(out_message, "distribution: empty histogram");
  if (!(alpha > 0) || alpha == 1)
    return clara_error(out_message,
                       "distribution: Renyi order must be > 0 and != 1");
  /* The union of keys: p's in order, then q's not in p. */
  size_t n = p->size + q->size;
  double *pv = calloc(n ? n : 1, sizeof *pv),
         *qv = calloc(n ? n : 1, sizeof *qv);
  if (!pv || !qv) {
    free(pv);
    free(qv);
    return clara_error(out_message, "distribution: out of memory");
  }
  size_t k = 0;
  for (size_t i = 0; i < p->size; i++, k++) {
    pv[k] = p->counts[i] / tp;
    qv[k] = clara_histogram_get(q, p->keys[i]) / tq;
  }
  for (size_t i = 0; i < q->size; i++)
    if (find_key(p, q->keys[i]) < 0) {
      pv[k] = 0;
      qv[k] = q->counts[i] / tq;
      k++;
    }
  double js = 0, renyi_sum = 0, bc = 0, dot = 0, pp = 0, qq = 0, l2 = 0, l1 = 0;
  int renyi_infinite = 0;
  for (size_t i = 0; i < k; i++) {
    double a = pv[i], b = qv[i], m = 0.5 * (a + b);
    if (a > 0)
      js += 0.5 * a * log2(a / m);
    if (b > 0)
      js += 0.5 * b * log2(b / m);
    if (a > 0) {
      if (b > 0)
        renyi_sum += pow(a, alpha) * pow(b, 1 - alpha);
      else if (alpha > 1)
        renyi_infinite = 1;
    }
    bc += sqrt(a * b);
    dot += a * b;
    pp += a * a;
    qq += b * b;
    l2 += (a - b) * (a - b);
    l1 += fabs(a - b);
  }
  free(pv);
  free(qv);
  if (renyi_infinite || !(renyi_sum > 0) || !(bc > 0))
    return clara_error(out_message,
                       "distribution: the histograms share no mass or Q "
                       "lacks a key of P (Renyi order %g is infinite)",
                       alpha);
  out->jensen_shannon = js < 0 ? 0 : js;
  out->renyi = log2(renyi_sum) / (alpha - 1);
  out->renyi_order = alpha;
  out->bhattacharyya = -log(bc);
  out->cosine = dot / sqrt(pp * qq);
  out->euclidean = sqrt(l2);
  out->variational = l1;
  out->keys = k;
  return CLARA_OK;
}
