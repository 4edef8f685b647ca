// click/glue.hh - portability glue of Clara's Click-compatible framework
//
// Part of Clara. Mirrors the API of the Click modular router's
// <click/glue.hh> (userlevel: click_chatter, click_random, checksums,
// likely/unlikely), but is Clara's own code: no Click source was copied.
// Non-inline functions live in runtime-profiler/lib (library click_compat).
#ifndef CLICK_GLUE_HH
#define CLICK_GLUE_HH
#include <click/config.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>

#ifndef likely
#define likely(x) __builtin_expect(!!(x), 1)
#endif
#ifndef unlikely
#define unlikely(x) __builtin_expect(!!(x), 0)
#endif

CLICK_DECLS

/// Print a diagnostic (printf format) to standard error, followed by a
/// newline. Silenced when the environment variable CLARA_QUIET is set, so
/// replaying a trace through a chatty element does not flood the terminal.
void click_chatter(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

// RANDOM NUMBERS
#define CLICK_RAND_MAX 0x7FFFFFFFU
/// A pseudo-random number in [0, CLICK_RAND_MAX]. Deterministic (fixed seed)
/// unless click_random_srandom() or clara_random_seed() is called, so that
/// profiling runs are reproducible.
uint32_t click_random();
/// A pseudo-random number in [low, high] (inclusive).
uint32_t click_random(uint32_t low, uint32_t high);
/// Seed the generator from the clock.
void click_random_srandom();

// CHECKSUMS
/// The Internet checksum (RFC 1071) of len bytes at addr, complemented and
/// in network byte order, ready to store in a header's checksum field.
uint16_t click_in_cksum(const unsigned char *addr, int len);
/// The TCP/UDP checksum: csum is click_in_cksum() of the transport header
/// and payload (checksum field zeroed), packet_len their length; src and dst
/// are in network byte order. Returns the checksum to store in the header.
uint16_t click_in_cksum_pseudohdr_raw(uint32_t csum, uint32_t src, uint32_t dst,
                                      int proto, int packet_len);

// TIME
typedef unsigned click_jiffies_t;
typedef int click_jiffies_difference_t;
#define CLICK_HZ 1000
#define CLICK_JIFFIES_MONOTONIC 1
/// Milliseconds since an arbitrary origin (CLICK_HZ ticks per second).
click_jiffies_t click_jiffies();
inline bool click_jiffies_less(click_jiffies_t a, click_jiffies_t b) {
  return (click_jiffies_difference_t)(a - b) < 0;
}

typedef uint64_t click_cycles_t;
/// A cycle-like monotonic counter (nanoseconds on the host).
click_cycles_t click_get_cycles();

// STRINGS AND MEMORY
int click_strcmp(const char *a, const char *b);

inline int click_compare(int a, int b) { return a - b; }

CLICK_ENDDECLS

#endif // CLICK_GLUE_HH
