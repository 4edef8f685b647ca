// glue.cc - click_chatter, click_random, Internet checksums, clocks
//
// Part of Clara's Click-compatible framework (library click_compat). Mirrors
// the behaviour of the Click modular router's userlevel glue functions
// declared in <click/glue.hh> and <clicknet/ip.h>, but is Clara's own code:
// no Click source was copied.
#include <click/config.h>
#include <click/glue.hh>
#include <click/timestamp.hh>
#include <clicknet/ip.h>

#include <stdarg.h>

CLICK_DECLS

static bool chatter_quiet() {
  static int quiet = -1;
  if (quiet < 0) {
    const char *s = getenv("CLARA_QUIET");
    quiet = (s && *s && strcmp(s, "0") != 0) ? 1 : 0;
  }
  return quiet == 1;
}

void click_chatter(const char *fmt, ...) {
  if (chatter_quiet())
    return;
  va_list val;
  va_start(val, fmt);
  vfprintf(stderr, fmt, val);
  va_end(val);
  fputc('\n', stderr);
}

// RANDOM NUMBERS: xorshift128+ (small, fast, reproducible from a fixed seed).

static uint64_t random_state[2] = {0x853c49e6748fea9bULL,
                                   0xda3e39cb94b95bdbULL};

static uint64_t random_next() {
  uint64_t s1 = random_state[0];
  const uint64_t s0 = random_state[1];
  random_state[0] = s0;
  s1 ^= s1 << 23;
  random_state[1] = s1 ^ s0 ^ (s1 >> 17) ^ (s0 >> 26);
  return random_state[1] + s0;
}

void clara_random_seed(uint32_t seed) {
  // splitmix64 expands the seed into a non-zero state
  uint64_t z = seed;
  for (int i = 0; i < 2; ++i) {
    z += 0x9e3779b97f4a7c15ULL;
    uint64_t x = z;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    random_state[i] = x ^ (x >> 31);
  }
  if (!random_state[0] && !random_state[1])
    random_state[0] = 1;
}

uint32_t click_random() { return (uint32_t)(random_next() >> 33); }

uint32_t click_random(uint32_t low, uint32_t high) {
  if (high <= low)
    return low;
  uint64_t range = (uint64_t)high - low + 1;
  return low + (uint32_t)((random_next() >> 11) % range);
}

void click_random_srandom() {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  clara_random_seed((uint32_t)(ts.tv_sec ^ ts.tv_nsec));
}

// CHECKSUMS (RFC 1071): one's-complement sum of 16-bit words in memory
// order, which makes the result come out in network byte order.

static uint32_t cksum_partial(const unsigned char *addr, int len,
                              uint32_t sum) {
  while (len > 1) {
    uint16_t w;
    memcpy(&w, addr, 2);
    sum += w;
    addr += 2;
    len -= 2;
  }
  if (len == 1) {
    uint16_t w = 0;
    memcpy(&w, addr, 1);
    sum += w;
  }
  return sum;
}

static uint16_t cksum_fold(uint64_t sum) {
  while (sum >> 16)
    sum = (sum & 0xFFFF) + (sum >> 16);
  return (uint16_t)sum;
}

uint16_t click_in_cksum(const unsigned char *addr, int len) {
  uint64_t sum = 0;
  // sum in chunks so the 32-bit partial sums cannot overflow
  while (len > 65536) {
    sum += cksum_partial(addr, 65536, 0);
    addr += 65536;
    len -= 65536;
  }
  sum += cksum_partial(addr, len, 0);
  return (uint16_t)~cksum_fold(sum);
}

uint16_t click_in_cksum_pseudohdr_raw(uint32_t csum, uint32_t src, uint32_t dst,
                                      int proto, int packet_len) {
  uint64_t sum = (uint16_t)~csum;
  sum += (src & 0xFFFF) + (src >> 16);
  sum += (dst & 0xFFFF) + (dst >> 16);
  sum += htons((uint16_t)proto);
  sum += htons((uint16_t)packet_len);
  return (uint16_t)~cksum_fold(sum);
}

uint16_t click_in_cksum_pseudohdr_hard(uint32_t csum,
                                       const struct click_ip *iph,
                                       int packet_len) {
  // With a source route option, the pseudo-header carries the final
  // destination: the last address of the route.
  const unsigned char *opt = reinterpret_cast<const unsigned char *>(iph + 1);
  const unsigned char *end =
      reinterpret_cast<const unsigned char *>(iph) + (iph->ip_hl << 2);
  uint32_t dst = iph->ip_dst.s_addr;
  while (opt < end) {
    if (opt[0] == IPOPT_EOL)
      break;
    if (opt[0] == IPOPT_NOP) {
      ++opt;
      continue;
    }
    if (opt + 1 >= end || opt[1] < 2 || opt + opt[1] > end)
      break;
    if ((opt[0] == IPOPT_LSRR || opt[0] == IPOPT_SSRR) && opt[1] >= 7)
      memcpy(&dst, opt + opt[1] - 4, 4);
    opt += opt[1];
  }
  return click_in_cksum_pseudohdr_raw(csum, iph->ip_src.s_addr, dst, iph->ip_p,
                                      packet_len);
}

// TIME

click_jiffies_t click_jiffies() {
  return (click_jiffies_t)Timestamp::now().msecval();
}

click_cycles_t click_get_cycles() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (click_cycles_t)ts.tv_sec * 1000000000ULL + (click_cycles_t)ts.tv_nsec;
}

int click_strcmp(const char *a, const char *b) {
  // Natural order: digit runs compare by numeric value.
  while (*a && *b) {
    if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
      while (*a == '0')
        ++a;
      while (*b == '0')
        ++b;
      const char *ae = a, *be = b;
      while (isdigit((unsigned char)*ae))
        ++ae;
      while (isdigit((unsigned char)*be))
        ++be;
      if (ae - a != be - b)
        return (int)((ae - a) - (be - b));
      for (; a < ae; ++a, ++b)
        if (*a != *b)
          return *a - *b;
      continue;
    }
    if (*a != *b)
      return (unsigned char)*a - (unsigned char)*b;
    ++a;
    ++b;
  }
  return (unsigned char)*a - (unsigned char)*b;
}

CLICK_ENDDECLS
