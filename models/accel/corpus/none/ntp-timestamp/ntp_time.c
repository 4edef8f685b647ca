/* ntp_time.c - NTP timestamp arithmetic for an SNTP responder / probe.
 *
 * NTP timestamps are 32.32 unsigned fixed point seconds since 1900-01-01
 * (era 0); short format is 16.16. Conversions to/from Unix microseconds
 * round to nearest. Offset and delay follow RFC 5905 section 8 and are
 * computed on 64-bit differences so they stay correct across the era
 * rollover in 2036 as long as the four stamps are within 68 years.
 */
#include <stdint.h>

#define NTP_UNIX_DELTA 2208988800u /* seconds from 1900 to 1970 */
#define USEC_PER_SEC 1000000u

typedef uint64_t ntp_ts_t;    /* 32.32 */
typedef int64_t ntp_sdiff_t;  /* signed 32.32 */

static inline uint32_t ntp_secs(ntp_ts_t t) { return (uint32_t)(t >> 32); }
static inline uint32_t ntp_frac(ntp_ts_t t) { return (uint32_t)t; }

/* fraction of a second (2^-32 units) -> microseconds, rounded */
uint32_t ntp_frac_to_usec(uint32_t frac)
{
  uint64_t us = ((uint64_t)frac * USEC_PER_SEC + 0x80000000u) >> 32;
  return (uint32_t)us; /* may be 1000000 when frac is very close to 1 */
}

/* microseconds (< 1e6) -> fraction, rounded */
uint32_t ntp_usec_to_frac(uint32_t usec)
{
  uint64_t f = (((uint64_t)usec << 32) + USEC_PER_SEC / 2) / USEC_PER_SEC;
  if (f > 0xffffffffu)
    f = 0xffffffffu;
  return (uint32_t)f;
}

/*
 * NTP timestamp -> Unix time in microseconds. The era is chosen so the
 * result lies in [pivot - 2^31 s, pivot + 2^31 s) where pivot is a recent
 * Unix time in seconds (e.g. the local clock).
 */
int64_t ntp_to_unix_usec(ntp_ts_t t, int64_t pivot_unix_sec)
{
  int64_t pivot_ntp = pivot_unix_sec + NTP_UNIX_DELTA;
  /* distance from the pivot's low 32 bits, interpreted as signed */
  int32_t d = (int32_t)(ntp_secs(t) - (uint32_t)pivot_ntp);
  int64_t secs = pivot_ntp + d - NTP_UNIX_DELTA;
  uint32_t us = ntp_frac_to_usec(ntp_frac(t));
  return secs * USEC_PER_SEC + us;
}

ntp_ts_t unix_usec_to_ntp(int64_t unix_usec)
{
  int64_t secs = unix_usec / (int64_t)USEC_PER_SEC;
  int64_t us = unix_usec % (int64_t)USEC_PER_SEC;
  if (us < 0) {
    us += USEC_PER_SEC;
    secs -= 1;
  }
  uint32_t s = (uint32_t)(secs + NTP_UNIX_DELTA); /* wraps into the era */
  return ((ntp_ts_t)s << 32) | ntp_usec_to_frac((uint32_t)us);
}

/* 16.16 short format (root delay / dispersion) -> microseconds, rounded */
uint32_t ntp_short_to_usec(uint32_t s)
{
  return (uint32_t)(((uint64_t)s * USEC_PER_SEC + 0x8000u) >> 16);
}

uint32_t usec_to_ntp_short(uint64_t usec)
{
  uint64_t v = ((usec << 16) + USEC_PER_SEC / 2) / USEC_PER_SEC;
  return v > 0xffffffffu ? 0xffffffffu : (uint32_t)v;
}

/* b - a as signed 32.32, valid when |b - a| < 2^31 s */
ntp_sdiff_t ntp_diff(ntp_ts_t b, ntp_ts_t a)
{
  return (ntp_sdiff_t)(b - a);
}

/* signed 32.32 -> microseconds, rounded half away from zero */
int64_t ntp_sdiff_to_usec(ntp_sdiff_t d)
{
  uint64_t mag = d < 0 ? (uint64_t)0 - (uint64_t)d : (uint64_t)d;
  uint64_t whole = (mag >> 32) * USEC_PER_SEC;
  uint64_t part = (((mag & 0xffffffffu) * USEC_PER_SEC) + 0x80000000u) >> 32;
  int64_t r = (int64_t)(whole + part);
  return d < 0 ? -r : r;
}

/*
 * On-wire calculation: t1 client transmit, t2 server receive, t3 server
 * transmit, t4 client receive.
 *   offset = ((t2 - t1) + (t3 - t4)) / 2
 *   delay  =  (t4 - t1) - (t3 - t2)
 * Halving is an arithmetic shift on the sum, done so that it rounds
 * toward minus infinity identically for both signs.
 */
void ntp_on_wire(ntp_ts_t t1, ntp_ts_t t2, ntp_ts_t t3, ntp_ts_t t4,
                 ntp_sdiff_t *offset, ntp_sdiff_t *delay)
{
  ntp_sdiff_t a = ntp_diff(t2, t1);
  ntp_sdiff_t b = ntp_diff(t3, t4);
  ntp_sdiff_t sum = (ntp_sdiff_t)((uint64_t)a + (uint64_t)b);
  ntp_sdiff_t half;

  /* floor(sum / 2) without relying on >> of a negative value */
  if (sum >= 0)
    half = sum / 2;
  else
    half = -((-(sum + 1)) / 2) - 1;
  *offset = half;
  *delay = ntp_diff(t4, t1) - ntp_diff(t3, t2);
  if (*delay < 0)
    *delay = 0; /* clock steps can make it negative; clamp like ntpd */
}
