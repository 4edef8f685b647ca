/*===- runtime-profiler/pcapgen/clara_pcapgen.c - clara-pcapgen -----------===*
 *
 *   clara-pcapgen -o trace.pcap [--seed S] [--flows N]
 *       [--flow-size uniform:MIN:MAX | zipf:S:PACKETS]
 *       [--packet-size BYTES | uniform:MIN:MAX | imix] [--tcp FRACTION]
 *       [--src-net CIDR] [--dst-net CIDR] [--addr-dist uniform | zipf:S]
 *       [--dst-port PORT] [--rate PPS] [--payload bytes|dns]
 *       [--link ether | wep:KEYHEX]
 *
 * Writes a reproducible pcap (Ethernet + IPv4, valid IP/TCP/UDP checksums)
 * for a workload: N flows whose sizes follow a uniform or Zipf distribution,
 * packets of the flows interleaved at random (each flow's packets in order),
 * TCP flows opening with SYN, SYN-ACK, carrying ACK data and closing with
 * FIN, UDP flows of datagrams, addresses drawn uniformly or Zipf-skewed from
 * two subnets. Same arguments and seed, same bytes (own PRNG, fixed start
 * time). Written to a temporary name and renamed. --payload dns makes every
 * UDP client datagram a DNS query (one A question for a per-flow name, so a
 * flow repeats its question); --link wep:KEY writes 802.11 data frames
 * (DLT_IEEE802_11) whose LLC/SNAP + IP body is WEP-encrypted with KEY
 * (RC4 over IV || KEY, CRC-32 ICV, key id 0) instead of Ethernet frames.
 *
 *===----------------------------------------------------------------------===*/
#include "atomic_file.h"
#include "error.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *usage =
    "usage: clara-pcapgen -o OUT.pcap [options]\n"
    "  --seed S              PRNG seed (default 1)\n"
    "  --flows N             number of flows (default 100)\n"
    "  --flow-size D         packets per flow: uniform:MIN:MAX (default\n"
    "                        uniform:1:20) or zipf:S:PACKETS (flow of rank\n"
    "                        i gets PACKETS * i^-S / H(N,S), at least 1)\n"
    "  --packet-size D       frame bytes of data packets (Ethernet, no FCS):\n"
    "                        BYTES, uniform:MIN:MAX or imix (7:4:1 of\n"
    "                        64/576/1500); default 64; minimum 60\n"
    "  --tcp F               fraction of TCP flows, the rest UDP (default "
    "0.5)\n"
    "  --src-net CIDR        client addresses (default 10.0.0.0/16)\n"
    "  --dst-net CIDR        server addresses (default 192.168.0.0/24)\n"
    "  --addr-dist D         uniform (default) or zipf:S (host of rank i\n"
    "                        chosen with weight i^-S)\n"
    "  --dst-port P          server port (default: 53, 80, 123 or 443 at\n"
    "                        random per flow)\n"
    "  --rate PPS            packets per second of capture time (default\n"
    "                        1000000)\n"
    "  --payload P           bytes (default: filler up to the packet size) or\n"
    "                        dns (UDP client datagrams are DNS queries: one A\n"
    "                        question for a name fixed per flow)\n"
    "  --link L              ether (default: Ethernet II frames) or "
    "wep:KEYHEX\n"
    "                        (802.11 data frames, LLC/SNAP + IP body WEP-\n"
    "                        encrypted with the 5- or 13-byte key, key id 0,\n"
    "                        random IVs, CRC-32 ICV; link type IEEE802_11)\n";

/*--- PRNG: splitmix64 seeding xoshiro256** -------------------------------*/

typedef struct {
  uint64_t s[4];
} rng;

static uint64_t splitmix(uint64_t *x) {
  uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static void rng_seed(rng *r, uint64_t seed) {
  for (int i = 0; i < 4; ++i)
    r->s[i] = splitmix(&seed);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t rng_next(rng *r) {
  uint64_t result = rotl(r->s[1] * 5, 7) * 9, t = r->s[1] << 17;
  r->s[2] ^= r->s[0];
  r->s[3] ^= r->s[1];
  r->s[1] ^= r->s[2];
  r->s[0] ^= r->s[3];
  r->s[2] ^= t;
  r->s[3] = rotl(r->s[3], 45);
  return result;
}

/* Uniform in [lo, hi]. */
static uint64_t rng_range(rng *r, uint64_t lo, uint64_t hi) {
  return lo + rng_next(r) % (hi - lo + 1);
}

static double rng_unit(rng *r) { return (rng_next(r) >> 11) * 0x1.0p-53; }

/*--- Distributions -------------------------------------------------------*/

typedef struct {
  int zipf;
  double s;
  uint64_t a, b; /* uniform:a:b, or zipf total packets in a */
} dist;

/* Ranks 1..n with weight i^-s: the cumulative distribution. */
static double *zipf_cdf(size_t n, double s) {
  double *cdf = malloc(n * sizeof *cdf);
  if (!cdf)
    return NULL;
  double sum = 0;
  for (size_t i = 0; i < n; ++i)
    cdf[i] = (sum += pow((double)(i + 1), -s));
  for (size_t i = 0; i < n; ++i)
    cdf[i] /= sum;
  return cdf;
}

static size_t zipf_draw(rng *r, const double *cdf, size_t n) {
  double u = rng_unit(r);
  size_t lo = 0, hi = n - 1;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (cdf[mid] < u)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

static int parse_dist(const char *s, dist *d, int allow_fixed,
                      int zipf_has_total) {
  memset(d, 0, sizeof *d);
  char *end;
  if (strncmp(s, "uniform:", 8) == 0) {
    d->a = strtoull(s + 8, &end, 10);
    if (*end != ':')
      return -1;
    d->b = strtoull(end + 1, &end, 10);
    return *end || d->a > d->b || d->a == 0 ? -1 : 0;
  }
  if (strncmp(s, "zipf:", 5) == 0) {
    d->zipf = 1;
    d->s = strtod(s + 5, &end);
    if (!(d->s >= 0) || d->s > 10)
      return -1;
    if (zipf_has_total) {
      if (*end != ':')
        return -1;
      d->a = strtoull(end + 1, &end, 10);
      if (d->a == 0)
        return -1;
    }
    return *end ? -1 : 0;
  }
  if (allow_fixed) {
    d->a = d->b = strtoull(s, &end, 10);
    return *end || !*s || d->a == 0 ? -1 : 0;
  }
  return -1;
}

static int parse_cidr(const char *s, uint32_t *net, unsigned *bits) {
  unsigned a, b, c, d, n;
  char extra;
  if (sscanf(s, "%u.%u.%u.%u/%u%c", &a, &b, &c, &d, &n, &extra) != 5 ||
      a > 255 || b > 255 || c > 255 || d > 255 || n > 32)
    return -1;
  *bits = n;
  uint32_t mask = n ? 0xffffffffu << (32 - n) : 0;
  *net = ((a << 24) | (b << 16) | (c << 8) | d) & mask;
  return 0;
}

/*--- Packets -------------------------------------------------------------*/

static uint16_t fold(uint32_t sum) {
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  return (uint16_t)~sum;
}

static uint32_t add_bytes(uint32_t sum, const uint8_t *p, size_t n) {
  for (size_t i = 0; i + 1 < n; i += 2)
    sum += (uint32_t)(p[i] << 8 | p[i + 1]);
  if (n & 1)
    sum += (uint32_t)p[n - 1] << 8;
  return sum;
}

static void put16(uint8_t *p, uint16_t v) {
  p[0] = (uint8_t)(v >> 8);
  p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v) {
  put16(p, (uint16_t)(v >> 16));
  put16(p + 2, (uint16_t)v);
}

enum { FIN = 1, SYN = 2, PSH = 8, ACK = 16 };

typedef struct {
  uint32_t client, server;
  uint16_t cport, sport;
  int tcp;
  uint64_t size, sent;
  uint32_t cseq, sseq;
  int dns;       /* UDP client datagrams carry a DNS query */
  uint32_t name; /* the flow's query name number */
} flow;

/* A DNS query (id, RD, one question "f<name>.example.com" A IN) into out;
 * returns its length. */
static size_t dns_query(uint8_t *out, const flow *f) {
  uint8_t *p = out;
  memset(p, 0, 12);
  p[0] = (uint8_t)(f->sent >> 8);
  p[1] = (uint8_t)f->sent;
  p[2] = 0x01; /* RD */
  p[5] = 1;    /* qdcount */
  p += 12;
  char label[16];
  int n = snprintf(label, sizeof label, "f%u", (unsigned)f->name);
  *p++ = (uint8_t)n;
  memcpy(p, label, (size_t)n);
  p += n;
  static const uint8_t rest[] = {7,   'e', 'x', 'a', 'm', 'p', 'l', 'e', 3,
                                 'c', 'o', 'm', 0,   0,   1,   0,   1};
  memcpy(p, rest, sizeof rest);
  p += sizeof rest;
  return (size_t)(p - out);
}

/* Builds frame bytes for packet `k` of flow f (client to server unless
 * reply) into buf; returns its length. */
static size_t build(uint8_t *buf, flow *f, size_t frame_len) {
  int reply = 0, flags = 0;
  size_t l4 = f->tcp ? 20 : 8;
  if (f->tcp) {
    if (f->sent == 0)
      flags = SYN;
    else if (f->sent == 1 && f->size > 2) {
      flags = SYN | ACK;
      reply = 1;
    } else if (f->sent + 1 == f->size)
      flags = FIN | ACK;
    else
      flags = PSH | ACK;
  }
  size_t payload = 0;
  uint8_t query[64];
  size_t query_len = f->dns && !f->tcp ? dns_query(query, f) : 0;
  if (query_len)
    payload = query_len;
  else if (!f->tcp || flags == (PSH | ACK))
    payload = frame_len > 14 + 20 + l4 ? frame_len - 14 - 20 - l4 : 0;
  size_t ip_len = 20 + l4 + payload;
  size_t len = 14 + ip_len;
  memset(buf, 0, len < 60 ? 60 : len);
  /* Ethernet: locally administered MACs derived from the addresses. */
  uint32_t src = reply ? f->server : f->client;
  uint32_t dst = reply ? f->client : f->server;
  buf[0] = 0x02;
  put32(buf + 2, dst);
  buf[6] = 0x02;
  put32(buf + 8, src);
  put16(buf + 12, 0x0800);
  uint8_t *ip = buf + 14;
  ip[0] = 0x45;
  put16(ip + 2, (uint16_t)ip_len);
  put16(ip + 4, (uint16_t)(f->sent & 0xffff));
  put16(ip + 6, 0x4000); /* DF */
  ip[8] = 64;
  ip[9] = f->tcp ? 6 : 17;
  put32(ip + 12, src);
  put32(ip + 16, dst);
  put16(ip + 10, fold(add_bytes(0, ip, 20)));
  uint8_t *l = ip + 20;
  put16(l, reply ? f->sport : f->cport);
  put16(l + 2, reply ? f->cport : f->sport);
  if (query_len)
    memcpy(l + l4, query, query_len);
  else
    for (size_t i = 0; i < payload; ++i)
      l[l4 + i] = (uint8_t)(i * 7 + f->sent);
  if (f->tcp) {
    put32(l + 4, reply ? f->sseq : f->cseq);
    put32(l + 8, flags & ACK ? (reply ? f->cseq : f->sseq) : 0);
    l[12] = 5 << 4;
    l[13] = (uint8_t)flags;
    put16(l + 14, 65535);
    uint32_t advance = (uint32_t)payload + ((flags & (SYN | FIN)) ? 1 : 0);
    if (reply)
      f->sseq += advance;
    else
      f->cseq += advance;
  } else {
    put16(l + 4, (uint16_t)(8 + payload));
  }
  /* Pseudo-header checksum over the transport segment. */
  uint8_t pseudo[12];
  memcpy(pseudo, ip + 12, 8);
  pseudo[8] = 0;
  pseudo[9] = ip[9];
  put16(pseudo + 10, (uint16_t)(l4 + payload));
  uint16_t sum = fold(add_bytes(add_bytes(0, pseudo, 12), l, l4 + payload));
  if (!f->tcp && sum == 0)
    sum = 0xffff;
  put16(l + (f->tcp ? 16 : 6), sum);
  ++f->sent;
  return len < 60 ? 60 : len;
}

static void le32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
  p[2] = (uint8_t)(v >> 16);
  p[3] = (uint8_t)(v >> 24);
}

/* CRC-32 (IEEE 802.3, reflected 0xEDB88320), WEP's ICV. */
static uint32_t crc32_ieee(const uint8_t *p, size_t n) {
  uint32_t crc = 0xffffffffu;
  for (size_t i = 0; i < n; ++i) {
    crc ^= p[i];
    for (int k = 0; k < 8; ++k)
      crc = (crc & 1) ? 0xedb88320u ^ (crc >> 1) : crc >> 1;
  }
  return ~crc;
}

/* RC4 keyed with key[0..keylen) XORed over data[0..n). */
static void rc4(const uint8_t *key, size_t keylen, uint8_t *data, size_t n) {
  uint8_t S[256];
  for (int i = 0; i < 256; ++i)
    S[i] = (uint8_t)i;
  for (int i = 0, j = 0; i < 256; ++i) {
    j = (j + S[i] + key[i % keylen]) & 255;
    uint8_t t = S[i];
    S[i] = S[j];
    S[j] = t;
  }
  uint8_t i = 0, j = 0;
  for (size_t k = 0; k < n; ++k) {
    i = (uint8_t)(i + 1);
    j = (uint8_t)(j + S[i]);
    uint8_t t = S[i];
    S[i] = S[j];
    S[j] = t;
    data[k] ^= S[(uint8_t)(S[i] + S[j])];
  }
}

/* Rewrites the Ethernet frame in buf (len bytes) as an 802.11 data frame
 * with the Protected bit, IV (3 random bytes) + key id 0, and the WEP-
 * encrypted LLC/SNAP + IP packet + ICV; returns the new length. */
static size_t to_wep(uint8_t *buf, size_t len, const uint8_t *key,
                     size_t keylen, rng *r) {
  static uint8_t ip[9100];
  size_t ip_len = (size_t)buf[16] << 8 | buf[17];
  if (ip_len > len - 14)
    ip_len = len - 14;
  memcpy(ip, buf + 14, ip_len);
  uint8_t macs[12];
  memcpy(macs, buf, 12);
  uint8_t *h = buf;
  memset(h, 0, 24);
  h[0] = 0x08;                 /* data */
  h[1] = 0x40 | 0x01;          /* Protected, To DS */
  memcpy(h + 4, macs, 6);      /* addr1: BSSID/receiver */
  memcpy(h + 10, macs + 6, 6); /* addr2: transmitter */
  memcpy(h + 16, macs, 6);     /* addr3: destination */
  uint8_t seed[3 + 13];
  uint64_t iv = rng_next(r);
  for (int i = 0; i < 3; ++i)
    h[24 + i] = seed[i] = (uint8_t)(iv >> (8 * i));
  h[27] = 0; /* key id 0 */
  memcpy(seed + 3, key, keylen);
  uint8_t *body = h + 28;
  static const uint8_t snap[8] = {0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00};
  memcpy(body, snap, 8);
  memcpy(body + 8, ip, ip_len);
  size_t plain = 8 + ip_len;
  uint32_t icv = crc32_ieee(body, plain);
  le32(body + plain, icv);
  rc4(seed, 3 + keylen, body, plain + 4);
  return 28 + plain + 4;
}

static size_t frame_size(rng *r, const dist *d) {
  if (d->zipf) { /* the flag means imix for packet sizes */
    uint64_t x = rng_range(r, 0, 11);
    return x < 7 ? 64 : x < 11 ? 576 : 1500;
  }
  return (size_t)rng_range(r, d->a, d->b);
}

static int fail(const char *message) {
  fprintf(stderr, "clara-pcapgen: %s\n", message);
  return 1;
}

int main(int argc, char **argv) {
  const char *out = NULL;
  uint64_t seed = 1, num_flows = 100;
  double tcp_fraction = 0.5, rate = 1e6;
  dist flow_size = {0, 0, 1, 20}, packet_size = {0, 0, 64, 64},
       addr = {0, 0, 0, 0};
  int addr_zipf = 0, dst_port = -1, dns = 0;
  uint8_t wep_key[13];
  size_t wep_key_len = 0; /* 0: Ethernet */
  uint32_t src_net, dst_net;
  unsigned src_bits, dst_bits;
  parse_cidr("10.0.0.0/16", &src_net, &src_bits);
  parse_cidr("192.168.0.0/24", &dst_net, &dst_bits);
  for (int i = 1; i < argc; ++i) {
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      fputs(usage, stdout);
      return 0;
    }
    if (i + 1 >= argc) {
      fprintf(stderr, "clara-pcapgen: '%s' needs a value\n%s", a, usage);
      return 2;
    }
    const char *v = argv[++i];
    char *end = NULL;
    int bad = 0;
    if (!strcmp(a, "-o")) {
      out = v;
    } else if (!strcmp(a, "--seed")) {
      seed = strtoull(v, &end, 10);
      bad = *end != 0;
    } else if (!strcmp(a, "--flows")) {
      num_flows = strtoull(v, &end, 10);
      bad = *end || num_flows == 0 || num_flows > 10000000;
    } else if (!strcmp(a, "--flow-size")) {
      bad = parse_dist(v, &flow_size, 0, 1);
    } else if (!strcmp(a, "--packet-size")) {
      if (!strcmp(v, "imix"))
        packet_size.zipf = 1;
      else
        bad = parse_dist(v, &packet_size, 1, 0) || packet_size.zipf ||
              packet_size.a < 60 || packet_size.b > 9000;
    } else if (!strcmp(a, "--tcp")) {
      tcp_fraction = strtod(v, &end);
      bad = *end || !(tcp_fraction >= 0 && tcp_fraction <= 1);
    } else if (!strcmp(a, "--src-net")) {
      bad = parse_cidr(v, &src_net, &src_bits);
    } else if (!strcmp(a, "--dst-net")) {
      bad = parse_cidr(v, &dst_net, &dst_bits);
    } else if (!strcmp(a, "--addr-dist")) {
      if (strcmp(v, "uniform") != 0) {
        bad = parse_dist(v, &addr, 0, 0) || !addr.zipf;
        addr_zipf = 1;
      }
    } else if (!strcmp(a, "--dst-port")) {
      long p = strtol(v, &end, 10);
      bad = *end || p <= 0 || p > 65535;
      dst_port = (int)p;
    } else if (!strcmp(a, "--rate")) {
      rate = strtod(v, &end);
      bad = *end || !(rate > 0);
    } else if (!strcmp(a, "--payload")) {
      bad = strcmp(v, "dns") != 0 && strcmp(v, "bytes") != 0;
      dns = !strcmp(v, "dns");
    } else if (!strcmp(a, "--link")) {
      wep_key_len = 0;
      if (!strncmp(v, "wep:", 4)) {
        size_t n = strlen(v + 4);
        bad = n != 10 && n != 26;
        for (size_t k = 0; !bad && k < n / 2; ++k) {
          unsigned byte;
          char two[3] = {v[4 + 2 * k], v[5 + 2 * k], 0};
          bad = sscanf(two, "%2x", &byte) != 1 ||
                !isxdigit((unsigned char)two[0]) ||
                !isxdigit((unsigned char)two[1]);
          wep_key[k] = (uint8_t)byte;
        }
        wep_key_len = bad ? 0 : n / 2;
      } else
        bad = strcmp(v, "ether") != 0;
    } else {
      fprintf(stderr, "clara-pcapgen: unknown option '%s'\n%s", a, usage);
      return 2;
    }
    if (bad) {
      fprintf(stderr, "clara-pcapgen: bad value '%s' for %s (see --help)\n", v,
              a);
      return 2;
    }
  }
  if (!out) {
    fprintf(stderr, "clara-pcapgen: no output file (-o OUT.pcap)\n%s", usage);
    return 2;
  }

  rng r;
  rng_seed(&r, seed);
  flow *flows = calloc(num_flows, sizeof *flows);
  if (!flows)
    return fail("out of memory");
  /* Hosts: up to 65536 per subnet, ranked for the Zipf address choice. */
  uint64_t src_hosts = src_bits >= 16 ? 1ull << (32 - src_bits) : 65536;
  uint64_t dst_hosts = dst_bits >= 16 ? 1ull << (32 - dst_bits) : 65536;
  double *src_cdf = addr_zipf ? zipf_cdf(src_hosts, addr.s) : NULL;
  double *dst_cdf = addr_zipf ? zipf_cdf(dst_hosts, addr.s) : NULL;
  double *size_cdf = NULL;
  uint64_t total = 0;
  if (flow_size.zipf) {
    size_cdf = zipf_cdf(num_flows, flow_size.s);
    if (!size_cdf)
      return fail("out of memory");
  }
  static const uint16_t ports[] = {53, 80, 123, 443};
  for (uint64_t i = 0; i < num_flows; ++i) {
    flow *f = &flows[i];
    f->tcp = rng_unit(&r) < tcp_fraction;
    uint64_t sh = addr_zipf ? zipf_draw(&r, src_cdf, src_hosts)
                            : rng_range(&r, 0, src_hosts - 1);
    uint64_t dh = addr_zipf ? zipf_draw(&r, dst_cdf, dst_hosts)
                            : rng_range(&r, 0, dst_hosts - 1);
    f->client = src_net + (uint32_t)sh;
    f->server = dst_net + (uint32_t)dh;
    f->cport = (uint16_t)rng_range(&r, 1024, 65535);
    f->sport = dst_port > 0 ? (uint16_t)dst_port : ports[rng_range(&r, 0, 3)];
    f->dns = dns;
    f->name = (uint32_t)i;
    f->cseq = (uint32_t)rng_next(&r);
    f->sseq = (uint32_t)rng_next(&r);
    if (flow_size.zipf) {
      double share = (size_cdf[i] - (i ? size_cdf[i - 1] : 0)) * flow_size.a;
      f->size = share < 1 ? 1 : (uint64_t)llround(share);
    } else {
      f->size = rng_range(&r, flow_size.a, flow_size.b);
    }
    total += f->size;
  }
  /* Interleave: a random permutation of flow slots, each flow's packets in
   * order of appearance. */
  uint32_t *order = malloc(total * sizeof *order);
  if (!order)
    return fail("out of memory");
  for (uint64_t i = 0, k = 0; i < num_flows; ++i)
    for (uint64_t j = 0; j < flows[i].size; ++j)
      order[k++] = (uint32_t)i;
  for (uint64_t k = total; k > 1; --k) {
    uint64_t j = rng_range(&r, 0, k - 1);
    uint32_t t = order[k - 1];
    order[k - 1] = order[j];
    order[j] = t;
  }

  clara_atomic_file trace;
  char *message = NULL;
  if (clara_atomic_file_open(&trace, out, "wb", &message) != CLARA_OK) {
    fprintf(stderr, "clara-pcapgen: %s\n", message);
    clara_dispose_message(message);
    return 1;
  }
  FILE *file = trace.file;
  uint8_t header[24] = {0};
  le32(header, 0xa1b2c3d4);
  header[4] = 2; /* version 2.4 */
  header[6] = 4;
  le32(header + 16, 65535);
  le32(header + 20, wep_key_len ? 105 : 1); /* IEEE802_11 or EN10MB */
  fwrite(header, 1, 24, file);
  static uint8_t buf[9100];
  uint64_t start_usec = 1000000000ull * 1000000ull;
  for (uint64_t k = 0; k < total; ++k) {
    flow *f = &flows[order[k]];
    size_t len = build(buf, f, frame_size(&r, &packet_size));
    if (wep_key_len)
      len = to_wep(buf, len, wep_key, wep_key_len, &r);
    uint64_t t = start_usec + (uint64_t)((double)k * 1e6 / rate);
    uint8_t rec[16];
    le32(rec, (uint32_t)(t / 1000000));
    le32(rec + 4, (uint32_t)(t % 1000000));
    le32(rec + 8, (uint32_t)len);
    le32(rec + 12, (uint32_t)len);
    fwrite(rec, 1, 16, file);
    fwrite(buf, 1, len, file);
  }
  if (clara_atomic_file_commit(&trace, &message) != CLARA_OK) {
    fprintf(stderr, "clara-pcapgen: %s\n", message);
    clara_dispose_message(message);
    return 1;
  }
  fprintf(stderr, "clara-pcapgen: %s: %llu packets in %llu flows\n", out,
          (unsigned long long)total, (unsigned long long)num_flows);
  free(order);
  free(flows);
  free(src_cdf);
  free(dst_cdf);
  free(size_cdf);
  return 0;
}
