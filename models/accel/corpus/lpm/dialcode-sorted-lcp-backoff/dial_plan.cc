// Least-cost-routing dial plan: longest matching E.164 digit prefix.
//
// The dial codes are kept as one lexicographically sorted array of digit
// strings.  For a dialled number N, let Q be the greatest code <= N.  Every
// code that is a prefix of N is <= N, and longer prefixes of N sort after
// shorter ones, so if Q is itself a prefix of N it is the longest one.  If it
// is not, let k be the length of the common prefix of Q and N: any code that
// is a prefix of N and longer than k would sort between Q and N, which is
// impossible, so the answer is the longest code that prefixes N[0..k).  The
// search therefore repeats on N cut to k digits, and k strictly shrinks.
//
// Insertion and removal keep the array sorted by shifting the tail.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

namespace dialplan {

enum { kMaxDigits = 15, kCapacity = 8192 };

struct Code {
  uint8_t n;                 // number of digits
  char d[kMaxDigits];        // '0'..'9', not terminated
  int32_t carrier;           // route / carrier id
};

class Plan {
public:
  Plan() : used_(0) {}

  int add(const char *digits, int carrier);
  int drop(const char *digits);
  int route(const char *dialled, int none) const;
  int size() const { return used_; }

private:
  // Three-way comparison of digit strings (shorter prefix sorts first).
  static int order(const char *a, int na, const char *b, int nb) {
    int m = na < nb ? na : nb;
    for (int i = 0; i < m; ++i) {
      if (a[i] != b[i])
        return (unsigned char)a[i] < (unsigned char)b[i] ? -1 : 1;
    }
    return na - nb;
  }
  int floor_index(const char *key, int n) const;

  Code codes_[kCapacity];
  int used_;
};

// Index of the greatest code <= key[0..n), or -1.
int Plan::floor_index(const char *key, int n) const {
  int lo = 0, hi = used_;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    const Code &c = codes_[mid];
    if (order(c.d, c.n, key, n) <= 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo - 1;
}

int Plan::route(const char *dialled, int none) const {
  int n = 0;
  while (n < kMaxDigits && dialled[n] >= '0' && dialled[n] <= '9')
    ++n;
  while (n > 0) {
    int q = floor_index(dialled, n);
    if (q < 0)
      return none;
    const Code &c = codes_[q];
    int k = 0;
    int lim = c.n < n ? c.n : n;
    while (k < lim && c.d[k] == dialled[k])
      ++k;
    if (k == c.n)
      return c.carrier;        // Q is a prefix of the cut number
    n = k;                     // back off to the common part
  }
  return none;
}

int Plan::add(const char *digits, int carrier) {
  int n = (int)strlen(digits);
  if (n == 0 || n > kMaxDigits)
    return -1;
  for (int i = 0; i < n; ++i)
    if (digits[i] < '0' || digits[i] > '9')
      return -1;
  int q = floor_index(digits, n);
  if (q >= 0 && codes_[q].n == n && memcmp(codes_[q].d, digits, n) == 0) {
    codes_[q].carrier = carrier;
    return 0;
  }
  if (used_ == kCapacity)
    return -1;
  int at = q + 1;
  memmove(&codes_[at + 1], &codes_[at], (size_t)(used_ - at) * sizeof(Code));
  codes_[at].n = (uint8_t)n;
  memcpy(codes_[at].d, digits, (size_t)n);
  codes_[at].carrier = carrier;
  ++used_;
  return 1;
}

int Plan::drop(const char *digits) {
  int n = (int)strlen(digits);
  if (n == 0 || n > kMaxDigits)
    return 0;
  int q = floor_index(digits, n);
  if (q < 0 || codes_[q].n != n || memcmp(codes_[q].d, digits, n) != 0)
    return 0;
  memmove(&codes_[q], &codes_[q + 1], (size_t)(used_ - q - 1) * sizeof(Code));
  --used_;
  return 1;
}

} // namespace dialplan

// C-callable surface used by the billing/switching code.
extern "C" {
void *dial_plan_new(void) { return new dialplan::Plan(); }
void dial_plan_free(void *p) { delete static_cast<dialplan::Plan *>(p); }
int dial_plan_add(void *p, const char *digits, int carrier) {
  return static_cast<dialplan::Plan *>(p)->add(digits, carrier);
}
int dial_plan_drop(void *p, const char *digits) {
  return static_cast<dialplan::Plan *>(p)->drop(digits);
}
int dial_plan_route(const void *p, const char *dialled, int none) {
  return static_cast<const dialplan::Plan *>(p)->route(dialled, none);
}
}
