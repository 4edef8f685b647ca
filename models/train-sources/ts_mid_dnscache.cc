// Training source for the instruction models (models/README.md): DNS response
// cache keyed by a hash of the (case-folded) query name and type: responses
// from port 53 are parsed (question, then every answer/authority record with
// compression pointers) and stored with their smallest TTL, and later queries
// that hit a live entry are answered directly by rewriting the query packet
// into the cached response (ID and RD copied, TTLs aged, addresses and ports
// swapped, lengths and checksums recomputed). Written for training only; not
// part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/args.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

struct DnsHdr {
  uint16_t id, flags, qdcount, ancount, nscount, arcount;
};

struct CachedAnswer {
  enum { MAXMSG = 512, MAXTTL = 24 };
  uint32_t check;      // second hash of the name, against collisions
  uint32_t stored_s;
  uint32_t expires_s;
  uint32_t hits;
  uint16_t len;
  uint8_t nttl;
  uint8_t negative;
  uint16_t ttl_off[MAXTTL];
  uint8_t msg[MAXMSG];
};

class MidDnsCache : public Element {
public:
  enum { OUT_FORWARD = 0, OUT_ANSWER = 1 };
  enum { F_QR = 0x8000, F_OPCODE = 0x7800, F_TC = 0x0200, F_RD = 0x0100,
         F_RCODE = 0x000f };

  MidDnsCache()
      : _min_ttl(5), _max_ttl(3600), _neg_ttl(60), _hits(0), _misses(0),
        _stored(0), _expired(0), _unparsable(0) {}

  const char *class_name() const override { return "MidDnsCache"; }
  const char *port_count() const override { return PORTS_1_1X2; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    return Args(conf, this, errh)
        .read("MIN_TTL", _min_ttl)
        .read("MAX_TTL", _max_ttl)
        .read("NEGATIVE_TTL", _neg_ttl)
        .complete();
  }

  void push(int, Packet *p) override;

private:
  typedef HashTable<uint32_t, CachedAnswer, 128, 4> Cache;

  static uint16_t rd16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
  static uint32_t rd32(const uint8_t *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
  }

  static int hash_question(const uint8_t *msg, int len, uint32_t *key,
                           uint32_t *check);
  static int skip_name(const uint8_t *msg, int len, int off);
  void store(const uint8_t *msg, int len, uint32_t key, uint32_t check,
             int qend, uint32_t now_s);
  Packet *answer(Packet *p, CachedAnswer &c, const uint8_t *query,
                 uint32_t now_s);

  Cache _cache;
  uint32_t _min_ttl, _max_ttl, _neg_ttl;
  uint64_t _hits, _misses, _stored, _expired, _unparsable;
};

// Hash the single question (name, case-folded, plus type and class).
// Returns the offset just past the question, or -1.
int MidDnsCache::hash_question(const uint8_t *msg, int len, uint32_t *key,
                               uint32_t *check) {
  uint32_t h = 2166136261u, g = 5381;
  int off = sizeof(DnsHdr), total = 0;
  while (off < len) {
    uint8_t l = msg[off];
    if (l == 0)
      break;
    if (l & 0xc0) // no compression inside a question
      return -1;
    if (off + 1 + l > len || (total += l + 1) > 255)
      return -1;
    h = (h ^ l) * 16777619u;
    for (int i = 1; i <= l; ++i) {
      uint8_t c = msg[off + i];
      if (c >= 'A' && c <= 'Z')
        c += 'a' - 'A';
      h = (h ^ c) * 16777619u;
      g = g * 33 + c;
    }
    off += l + 1;
  }
  if (off + 5 > len)
    return -1;
  uint16_t qtype = rd16(msg + off + 1), qclass = rd16(msg + off + 3);
  *key = h ^ ((uint32_t)qtype << 16 | qclass);
  *check = g ^ qtype;
  return off + 5;
}

int MidDnsCache::skip_name(const uint8_t *msg, int len, int off) {
  for (int labels = 0; off < len && labels < 128; ++labels) {
    uint8_t l = msg[off];
    if (l == 0)
      return off + 1;
    if ((l & 0xc0) == 0xc0)
      return off + 2 <= len ? off + 2 : -1;
    if (l & 0xc0)
      return -1;
    off += l + 1;
  }
  return -1;
}

void MidDnsCache::store(const uint8_t *msg, int len, uint32_t key,
                        uint32_t check, int qend, uint32_t now_s) {
  if (len > CachedAnswer::MAXMSG)
    return;
  const DnsHdr *dh = reinterpret_cast<const DnsHdr *>(msg);
  uint16_t flags = ntohs(dh->flags);
  int nrr = ntohs(dh->ancount) + ntohs(dh->nscount);
  bool negative = (flags & F_RCODE) == 3 || ntohs(dh->ancount) == 0;

  CachedAnswer c;
  c.nttl = 0;
  uint32_t ttl = negative ? _neg_ttl : _max_ttl;
  int off = qend;
  for (int i = 0; i < nrr; ++i) {
    off = skip_name(msg, len, off);
    if (off < 0 || off + 10 > len)
      return;
    uint32_t rttl = rd32(msg + off + 4);
    uint16_t rdlen = rd16(msg + off + 8);
    if (off + 10 + rdlen > len)
      return;
    if (c.nttl == CachedAnswer::MAXTTL)
      return; // too many records to age correctly
    c.ttl_off[c.nttl++] = (uint16_t)(off + 4);
    if (rttl < ttl)
      ttl = rttl;
    off += 10 + rdlen;
  }
  if (ttl < _min_ttl)
    return; // not worth caching
  c.check = check;
  c.stored_s = now_s;
  c.expires_s = now_s + ttl;
  c.hits = 0;
  c.len = (uint16_t)len;
  c.negative = negative;
  memcpy(c.msg, msg, len);
  if (_cache.set(key, c))
    _stored++;
}

Packet *MidDnsCache::answer(Packet *p, CachedAnswer &c, const uint8_t *query,
                            uint32_t now_s) {
  uint16_t id = reinterpret_cast<const DnsHdr *>(query)->id;
  uint16_t qflags = ntohs(reinterpret_cast<const DnsHdr *>(query)->flags);
  int l3off = p->network_header_offset();
  int hl = p->ip_header()->ip_hl << 2;
  int want = l3off + hl + (int)sizeof(click_udp) + c.len;
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  if ((int)q->length() > want)
    q->take(q->length() - want);
  else if ((int)q->length() < want && !(q = q->put(want - q->length())))
    return 0;

  click_ip *iph = q->ip_header();
  q->set_ip_header(iph, hl);
  click_udp *uh = q->udp_header();
  uint8_t *msg = reinterpret_cast<uint8_t *>(uh + 1);
  memcpy(msg, c.msg, c.len);
  DnsHdr *dh = reinterpret_cast<DnsHdr *>(msg);
  dh->id = id;
  dh->flags = htons((ntohs(dh->flags) & ~F_RD) | (qflags & F_RD));
  uint32_t age = now_s - c.stored_s;
  for (int i = 0; i < c.nttl; ++i) {
    uint8_t *t = msg + c.ttl_off[i];
    uint32_t v = rd32(t);
    v = v > age ? v - age : 0;
    t[0] = v >> 24;
    t[1] = v >> 16;
    t[2] = v >> 8;
    t[3] = v;
  }

  if (q->has_mac_header() &&
      q->mac_header() + sizeof(click_ether) <= q->network_header()) {
    click_ether *eh = q->ether_header();
    uint8_t tmp[6];
    memcpy(tmp, eh->ether_dhost, 6);
    memcpy(eh->ether_dhost, eh->ether_shost, 6);
    memcpy(eh->ether_shost, tmp, 6);
  }
  struct in_addr a = iph->ip_src;
  iph->ip_src = iph->ip_dst;
  iph->ip_dst = a;
  uint16_t port = uh->uh_sport;
  uh->uh_sport = uh->uh_dport;
  uh->uh_dport = port;
  int ulen = (int)sizeof(click_udp) + c.len;
  uh->uh_ulen = htons(ulen);
  iph->ip_len = htons(hl + ulen);
  iph->ip_ttl = 64;
  iph->ip_sum = 0;
  iph->ip_sum = click_in_cksum(reinterpret_cast<unsigned char *>(iph), hl);
  uh->uh_sum = 0;
  uint16_t s = click_in_cksum(reinterpret_cast<unsigned char *>(uh), ulen);
  uh->uh_sum = click_in_cksum_pseudohdr(s, iph, ulen);
  if (uh->uh_sum == 0)
    uh->uh_sum = 0xffff;
  return q;
}

void MidDnsCache::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_UDP || IP_ISFRAG(iph)) {
    output(OUT_FORWARD).push(p);
    return;
  }
  int hl = iph->ip_hl << 2;
  const uint8_t *l4 = reinterpret_cast<const uint8_t *>(iph) + hl;
  int avail = (int)(p->end_data() - l4);
  if (avail < (int)(sizeof(click_udp) + sizeof(DnsHdr))) {
    output(OUT_FORWARD).push(p);
    return;
  }
  const click_udp *uh = reinterpret_cast<const click_udp *>(l4);
  int ulen = ntohs(uh->uh_ulen);
  if (ulen > avail || ulen < (int)(sizeof(click_udp) + sizeof(DnsHdr))) {
    _unparsable++;
    output(OUT_FORWARD).push(p);
    return;
  }
  bool response = uh->uh_sport == htons(53);
  if (!response && uh->uh_dport != htons(53)) {
    output(OUT_FORWARD).push(p);
    return;
  }
  const uint8_t *msg = l4 + sizeof(click_udp);
  int len = ulen - (int)sizeof(click_udp);
  const DnsHdr *dh = reinterpret_cast<const DnsHdr *>(msg);
  uint16_t flags = ntohs(dh->flags);
  if (ntohs(dh->qdcount) != 1 || (flags & F_OPCODE) != 0 ||
      response != ((flags & F_QR) != 0)) {
    output(OUT_FORWARD).push(p);
    return;
  }
  uint32_t key, check;
  int qend = hash_question(msg, len, &key, &check);
  if (qend < 0) {
    _unparsable++;
    output(OUT_FORWARD).push(p);
    return;
  }
  uint32_t now_s = (uint32_t)p->timestamp_anno().sec();

  if (response) {
    uint16_t rcode = flags & F_RCODE;
    if (!(flags & F_TC) && (rcode == 0 || rcode == 3))
      store(msg, len, key, check, qend, now_s);
    output(OUT_FORWARD).push(p);
    return;
  }

  CachedAnswer *c = _cache.get_pointer(key);
  if (c && c->check != check)
    c = 0;
  if (c && (int32_t)(now_s - c->expires_s) >= 0) {
    _cache.erase(key);
    _expired++;
    c = 0;
  }
  if (!c) {
    _misses++;
    output(OUT_FORWARD).push(p);
    return;
  }
  c->hits++;
  _hits++;
  if (Packet *q = answer(p, *c, msg, now_s))
    output(OUT_ANSWER).push(q);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new MidDnsCache;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
