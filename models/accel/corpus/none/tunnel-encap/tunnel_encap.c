/* GRE (RFC 2784/2890) and VXLAN (RFC 7348) encapsulation builders and
 * decapsulation parsers over plain byte buffers. Outer headers are written
 * in network byte order with explicit byte stores; the outer IPv4 header
 * checksum is left zero for offload (filled by the NIC). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define GRE_FLAG_C 0x8000u
#define GRE_FLAG_K 0x2000u
#define GRE_FLAG_S 0x1000u
#define GRE_VER_MASK 0x0007u
#define VXLAN_FLAG_I 0x08u
#define VXLAN_PORT 4789u

struct tunnel_endpoints {
  uint32_t src_ip;   /* host order */
  uint32_t dst_ip;   /* host order */
  uint8_t ttl;
  uint8_t tos;
  uint16_t ip_id;
};

struct gre_info {
  uint16_t proto;
  int has_key;
  uint32_t key;
  int has_seq;
  uint32_t seq;
  size_t hdr_len;
};

static void put16(uint8_t *p, uint16_t v) {
  p[0] = (uint8_t)(v >> 8);
  p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)(v >> 24);
  p[1] = (uint8_t)(v >> 16);
  p[2] = (uint8_t)(v >> 8);
  p[3] = (uint8_t)v;
}

static uint16_t get16(const uint8_t *p) { return (uint16_t)((p[0] << 8) | p[1]); }

static uint32_t get32(const uint8_t *p) {
  return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
         ((uint32_t)p[2] << 8) | p[3];
}

/* Write a 20-byte outer IPv4 header; returns 20. */
static size_t write_outer_ipv4(uint8_t *out, const struct tunnel_endpoints *ep,
                               uint8_t proto, size_t total_len) {
  out[0] = 0x45;
  out[1] = ep->tos;
  put16(out + 2, (uint16_t)total_len);
  put16(out + 4, ep->ip_id);
  put16(out + 6, 0x4000); /* DF */
  out[8] = ep->ttl;
  out[9] = proto;
  put16(out + 10, 0);
  put32(out + 12, ep->src_ip);
  put32(out + 16, ep->dst_ip);
  return 20;
}

/* Build IPv4 + GRE + payload into out (capacity cap). Returns the total
 * length or 0 if it does not fit. */
size_t gre_encap(uint8_t *out, size_t cap, const struct tunnel_endpoints *ep,
                 uint16_t proto, const uint32_t *key, const uint32_t *seq,
                 const uint8_t *payload, size_t plen) {
  size_t gre_len = 4 + (key ? 4 : 0) + (seq ? 4 : 0);
  size_t total = 20 + gre_len + plen;
  if (total > cap || total > 65535)
    return 0;
  write_outer_ipv4(out, ep, 47, total);
  uint8_t *g = out + 20;
  uint16_t flags = 0;
  if (key)
    flags |= GRE_FLAG_K;
  if (seq)
    flags |= GRE_FLAG_S;
  put16(g, flags);
  put16(g + 2, proto);
  size_t off = 4;
  if (key) {
    put32(g + off, *key);
    off += 4;
  }
  if (seq) {
    put32(g + off, *seq);
    off += 4;
  }
  memmove(g + off, payload, plen);
  return total;
}

/* Parse a GRE header (without the outer IP). Returns 0 on success, -1 on a
 * malformed or unsupported header. */
int gre_parse(const uint8_t *g, size_t len, struct gre_info *info) {
  if (len < 4)
    return -1;
  uint16_t flags = get16(g);
  if ((flags & GRE_VER_MASK) != 0)
    return -1;
  if (flags & 0x4000u) /* routing present: obsolete, rejected */
    return -1;
  size_t need = 4;
  if (flags & GRE_FLAG_C)
    need += 4;
  if (flags & GRE_FLAG_K)
    need += 4;
  if (flags & GRE_FLAG_S)
    need += 4;
  if (len < need)
    return -1;
  info->proto = get16(g + 2);
  size_t off = (flags & GRE_FLAG_C) ? 8 : 4;
  info->has_key = (flags & GRE_FLAG_K) != 0;
  info->key = 0;
  if (info->has_key) {
    info->key = get32(g + off);
    off += 4;
  }
  info->has_seq = (flags & GRE_FLAG_S) != 0;
  info->seq = 0;
  if (info->has_seq) {
    info->seq = get32(g + off);
    off += 4;
  }
  info->hdr_len = off;
  return 0;
}

/* Build IPv4 + UDP + VXLAN + inner Ethernet frame. The UDP source port is
 * supplied by the caller (flow entropy); UDP checksum is zero. */
size_t vxlan_encap(uint8_t *out, size_t cap, const struct tunnel_endpoints *ep,
                   uint16_t src_port, uint32_t vni, const uint8_t *frame,
                   size_t flen) {
  if (vni > 0xFFFFFFu || flen < 14)
    return 0;
  size_t total = 20 + 8 + 8 + flen;
  if (total > cap || total > 65535)
    return 0;
  write_outer_ipv4(out, ep, 17, total);
  uint8_t *u = out + 20;
  put16(u, src_port);
  put16(u + 2, VXLAN_PORT);
  put16(u + 4, (uint16_t)(8 + 8 + flen));
  put16(u + 6, 0);
  uint8_t *v = u + 8;
  v[0] = VXLAN_FLAG_I;
  v[1] = v[2] = v[3] = 0;
  v[4] = (uint8_t)(vni >> 16);
  v[5] = (uint8_t)(vni >> 8);
  v[6] = (uint8_t)vni;
  v[7] = 0;
  memmove(v + 8, frame, flen);
  return total;
}

/* Validate an outer IPv4/UDP/VXLAN packet and locate the inner frame.
 * Returns the inner frame length (>0) and sets *vni and *inner_off, or -1. */
long vxlan_decap(const uint8_t *pkt, size_t len, uint32_t *vni,
                 size_t *inner_off) {
  if (len < 20 || (pkt[0] >> 4) != 4)
    return -1;
  size_t ihl = (size_t)(pkt[0] & 0x0F) * 4;
  if (ihl < 20 || len < ihl + 16)
    return -1;
  size_t tot = get16(pkt + 2);
  if (tot > len || tot < ihl + 16)
    return -1;
  if (pkt[9] != 17 || (get16(pkt + 6) & 0x3FFF) != 0)
    return -1;
  const uint8_t *u = pkt + ihl;
  if (get16(u + 2) != VXLAN_PORT)
    return -1;
  size_t ulen = get16(u + 4);
  if (ulen < 16 || ihl + ulen > tot)
    return -1;
  const uint8_t *v = u + 8;
  if ((v[0] & VXLAN_FLAG_I) == 0)
    return -1;
  *vni = ((uint32_t)v[4] << 16) | ((uint32_t)v[5] << 8) | v[6];
  *inner_off = ihl + 16;
  long inner = (long)ulen - 16;
  if (inner < 14)
    return -1;
  return inner;
}
