// Training source for the instruction models (models/README.md): a DNS
// responder for a small static zone: query parsing (labels, compression
// pointers with a hop limit, QTYPE/QCLASS), name hashing, and in-place
// response building (A answer or NXDOMAIN) with address/port swap and
// checksum recomputation.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

enum { DNS_HDR = 12, MAX_NAME = 255, ZONE = 8 };

struct DnsZoneEntry {
  uint32_t name_hash;
  uint32_t addr;
  uint32_t ttl;
  uint16_t hits;
};

static uint16_t be16(const uint8_t *b) { return (uint16_t)(b[0] << 8 | b[1]); }

// Case-insensitive FNV-1a over the name's label bytes.
static uint32_t name_hash_step(uint32_t h, uint8_t c) {
  if (c >= 'A' && c <= 'Z')
    c = (uint8_t)(c + 32);
  return (h ^ c) * 16777619u;
}

static uint32_t hash_text(const char *s) {
  uint32_t h = 0x811c9dc5u;
  while (*s)
    h = name_hash_step(h, (uint8_t)*s++);
  return h;
}

class TrainDnsResponder : public Element {
public:
  TrainDnsResponder()
      : _queries(0), _answered(0), _nx(0), _malformed(0), _ptr_hops(0) {
    char name[] = "www.name0.example.com.";
    for (int i = 0; i < ZONE; ++i) {
      name[8] = (char)('0' + i);
      _zone[i].name_hash = hash_text(name);
      _zone[i].addr = 0xc0a80a00u + (uint32_t)i + 1;
      _zone[i].ttl = 60u << (i & 3);
      _zone[i].hits = 0;
    }
    for (int i = 0; i < 16; ++i)
      _qtype_hist[i] = 0;
  }
  const char *class_name() const override { return "TrainDnsResponder"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  int parse_name(const uint8_t *msg, int len, int off, uint32_t *hash);
  int find_zone(uint32_t hash) const {
    for (int i = 0; i < ZONE; ++i)
      if (_zone[i].name_hash == hash)
        return i;
    return -1;
  }
  bool acceptable(uint16_t flags, uint16_t qd, uint16_t an) const {
    return !(flags & 0x8000) && ((flags >> 11) & 15) == 0 && qd == 1 && an == 0;
  }
  int qtype_slot(uint16_t qtype) const {
    switch (qtype) {
    case 1:
      return 0;
    case 28:
      return 1;
    case 5:
      return 2;
    case 15:
      return 3;
    case 16:
      return 4;
    case 255:
      return 5;
    default:
      return qtype < 10 ? 6 + qtype : 15;
    }
  }
  Packet *respond(WritablePacket *q, int qend, int zone, uint16_t qtype);

  uint64_t _queries, _answered, _nx, _malformed, _ptr_hops;
  DnsZoneEntry _zone[ZONE];
  uint32_t _qtype_hist[16];
};

// Returns the offset just past the name at off (past the first pointer when
// compressed), or -1.
int TrainDnsResponder::parse_name(const uint8_t *msg, int len, int off,
                                  uint32_t *hash) {
  uint32_t h = 0x811c9dc5u;
  int end = -1, total = 0, hops = 0;
  while (off < len) {
    uint8_t l = msg[off];
    if ((l & 0xc0) == 0xc0) {
      if (off + 1 >= len || ++hops > 8)
        return -1;
      if (end < 0)
        end = off + 2;
      off = ((l & 0x3f) << 8) | msg[off + 1];
      _ptr_hops++;
      continue;
    }
    if (l & 0xc0)
      return -1;
    if (l == 0) {
      *hash = h;
      return end < 0 ? off + 1 : end;
    }
    if (off + 1 + l > len || (total += l + 1) > MAX_NAME)
      return -1;
    for (int i = 1; i <= l; ++i)
      h = name_hash_step(h, msg[off + i]);
    h = name_hash_step(h, '.');
    off += l + 1;
  }
  return -1;
}

Packet *TrainDnsResponder::respond(WritablePacket *q, int qend, int zone,
                                   uint16_t qtype) {
  click_ip *iph = q->ip_header();
  click_udp *uh = q->udp_header();
  uint8_t *dns = reinterpret_cast<uint8_t *>(uh + 1);
  bool answer = zone >= 0 && (qtype == 1 || qtype == 255);
  int extra = answer ? 16 : 0;
  int keep = (int)(dns - q->data()) + qend;
  if ((int)q->length() > keep)
    q->take(q->length() - keep);
  if (extra) {
    q = q->put(extra);
    if (!q)
      return 0;
    iph = q->ip_header();
    uh = q->udp_header();
    dns = reinterpret_cast<uint8_t *>(uh + 1);
    uint8_t *a = dns + qend;
    const DnsZoneEntry &z = _zone[zone];
    static const uint8_t fixed[10] = {0xc0, 0x0c, 0, 1, 0, 1};
    memcpy(a, fixed, 6);
    a[6] = (uint8_t)(z.ttl >> 24);
    a[7] = (uint8_t)(z.ttl >> 16);
    a[8] = (uint8_t)(z.ttl >> 8);
    a[9] = (uint8_t)z.ttl;
    a[10] = 0;
    a[11] = 4;
    uint32_t addr = htonl(z.addr);
    memcpy(a + 12, &addr, 4);
  }
  dns[2] = (uint8_t)(0x84 | (dns[2] & 0x01));
  dns[3] = answer ? 0x00 : (zone < 0 ? 0x03 : 0x00);
  dns[6] = 0;
  dns[7] = answer ? 1 : 0;
  struct in_addr tmp = iph->ip_src;
  iph->ip_src = iph->ip_dst;
  iph->ip_dst = tmp;
  uint16_t tp = uh->uh_sport;
  uh->uh_sport = uh->uh_dport;
  uh->uh_dport = tp;
  int ulen = 8 + qend + extra;
  uh->uh_ulen = htons((uint16_t)ulen);
  uh->uh_sum = 0;
  iph->ip_len = htons((uint16_t)((iph->ip_hl << 2) + ulen));
  iph->ip_ttl = 64;
  iph->ip_sum = 0;
  iph->ip_sum =
      click_in_cksum(reinterpret_cast<unsigned char *>(iph), iph->ip_hl << 2);
  return q;
}

void TrainDnsResponder::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_UDP ||
      p->transport_length() < (int)sizeof(click_udp) + DNS_HDR ||
      p->udp_header()->uh_dport != htons(53)) {
    output(1).push(p);
    return;
  }
  const uint8_t *dns = reinterpret_cast<const uint8_t *>(p->udp_header() + 1);
  int len = p->transport_length() - (int)sizeof(click_udp);
  int ulen = ntohs(p->udp_header()->uh_ulen) - 8;
  if (ulen >= DNS_HDR && ulen < len)
    len = ulen;
  _queries++;
  uint32_t hash = 0;
  int qend;
  if (!acceptable(be16(dns + 2), be16(dns + 4), be16(dns + 6)) ||
      (qend = parse_name(dns, len, DNS_HDR, &hash)) < 0 || qend + 4 > len) {
    _malformed++;
    p->kill();
    return;
  }
  uint16_t qtype = be16(dns + qend), qclass = be16(dns + qend + 2);
  _qtype_hist[qtype_slot(qtype)]++;
  if (qclass != 1 && qclass != 255) {
    output(1).push(p);
    return;
  }
  int zone = find_zone(hash);
  if (zone >= 0) {
    _zone[zone].hits++;
    _answered++;
  } else
    _nx++;
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  Packet *r = respond(q, qend + 4, zone, qtype);
  if (r)
    output(0).push(r);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainDnsResponder;
  String conf = config ? String(config) : String();
  if (clara_element_setup(e, conf, 1, 2) < 0)
    return 0;
  return e;
}
