// Training source for the instruction models (models/README.md): IPv4
// reassembly at a tunnel endpoint: a small fixed set of reassembly contexts
// keyed by (source, destination, id, protocol) with least-recently-used
// replacement and a time limit checked on arrival, hole tracking as a
// bitmap of 8-byte blocks, overlap rejection, and construction of the
// whole datagram once every block up to the last fragment is present.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>

struct ReasmCtx {
  uint32_t src, dst;
  uint16_t id;
  uint8_t proto;
  uint8_t in_use;
  uint16_t total;    // payload length, known once the last fragment came
  uint16_t received; // payload bytes so far
  uint32_t started;  // ms
  uint32_t used;     // ms, for LRU
  uint8_t hdr[60];
  uint8_t hl;
  uint8_t mac[14];
  uint64_t holes[8]; // bit set = 8-byte block present (512 blocks)
  uint8_t data[4096];
};

class TrainIPReassembler : public Element {
public:
  enum { NCTX = 6, MAX_PAYLOAD = 4096, TIMEOUT_MS = 3000 };
  TrainIPReassembler() : _done(0), _timeouts(0), _overlaps(0), _evicted(0) {
    for (int i = 0; i < NCTX; ++i)
      _ctx[i].in_use = 0;
  }
  const char *class_name() const override { return "TrainIPReassembler"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  ReasmCtx *find_ctx(const click_ip *iph, uint32_t now_ms);
  static bool mark_blocks(uint64_t *bits, uint32_t first, uint32_t count);
  static bool all_present(const uint64_t *bits, uint32_t nblocks);
  Packet *complete(ReasmCtx *c, const Packet *last);

  ReasmCtx _ctx[NCTX];
  uint32_t _done;
  uint32_t _timeouts;
  uint32_t _overlaps;
  uint32_t _evicted;
};

ReasmCtx *TrainIPReassembler::find_ctx(const click_ip *iph, uint32_t now_ms) {
  int victim = -1;
  uint32_t oldest = 0xffffffffu;
  for (int i = 0; i < NCTX; ++i) {
    ReasmCtx &c = _ctx[i];
    if (c.in_use && now_ms - c.started > TIMEOUT_MS) {
      c.in_use = 0;
      _timeouts++;
    }
    if (!c.in_use) {
      if (victim < 0 || _ctx[victim].in_use)
        victim = i;
      continue;
    }
    if (c.src == iph->ip_src.s_addr && c.dst == iph->ip_dst.s_addr &&
        c.id == iph->ip_id && c.proto == iph->ip_p)
      return &c;
    if ((victim < 0 || _ctx[victim].in_use) && c.used < oldest) {
      oldest = c.used;
      victim = i;
    }
  }
  ReasmCtx &c = _ctx[victim];
  if (c.in_use)
    _evicted++;
  c.src = iph->ip_src.s_addr;
  c.dst = iph->ip_dst.s_addr;
  c.id = iph->ip_id;
  c.proto = iph->ip_p;
  c.in_use = 1;
  c.total = 0;
  c.received = 0;
  c.started = now_ms;
  c.hl = 0;
  for (int w = 0; w < 8; ++w)
    c.holes[w] = 0;
  return &c;
}

// Set blocks [first, first+count); false if any was already set.
bool TrainIPReassembler::mark_blocks(uint64_t *bits, uint32_t first,
                                     uint32_t count) {
  bool fresh = true;
  for (uint32_t b = first; b < first + count; ++b) {
    uint64_t m = 1ull << (b & 63);
    if (bits[b >> 6] & m)
      fresh = false;
    bits[b >> 6] |= m;
  }
  return fresh;
}

bool TrainIPReassembler::all_present(const uint64_t *bits, uint32_t nblocks) {
  uint32_t w = 0;
  for (; (w + 1) * 64 <= nblocks; ++w)
    if (bits[w] != ~0ull)
      return false;
  uint32_t rest = nblocks & 63;
  if (rest == 0)
    return true;
  uint64_t mask = (1ull << rest) - 1;
  return (bits[w] & mask) == mask;
}

Packet *TrainIPReassembler::complete(ReasmCtx *c, const Packet *last) {
  uint32_t len = 14 + c->hl + c->total;
  WritablePacket *q = Packet::make(50, 0, len, 0);
  if (!q)
    return 0;
  uint8_t *d = q->data();
  memcpy(d, c->mac, 14);
  memcpy(d + 14, c->hdr, c->hl);
  memcpy(d + 14 + c->hl, c->data, c->total);
  click_ip *iph = reinterpret_cast<click_ip *>(d + 14);
  iph->ip_len = htons((uint16_t)(c->hl + c->total));
  iph->ip_off = 0;
  iph->ip_sum = 0;
  iph->ip_sum = click_in_cksum(reinterpret_cast<unsigned char *>(iph), c->hl);
  q->set_mac_header(d, 14);
  q->set_ip_header(iph, c->hl);
  q->set_timestamp_anno(last->timestamp_anno());
  c->in_use = 0;
  _done++;
  return q;
}

void TrainIPReassembler::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || !IP_ISFRAG(iph)) {
    output(0).push(p);
    return;
  }
  uint32_t hl = iph->ip_hl << 2;
  uint32_t tot = ntohs(iph->ip_len);
  uint16_t off = ntohs(iph->ip_off);
  uint32_t start = (uint32_t)(off & IP_OFFMASK) * 8;
  uint32_t flen = tot - hl;
  bool more = (off & IP_MF) != 0;
  // every fragment but the last carries a multiple of 8 bytes
  if (tot > (uint32_t)p->network_length() || tot <= hl || (more && flen & 7) ||
      start + flen > MAX_PAYLOAD) {
    checked_output_push(1, p);
    return;
  }
  const Timestamp &ts = p->timestamp_anno();
  uint32_t now_ms = (uint32_t)(ts.sec() * 1000 + ts.usec() / 1000);
  ReasmCtx *c = find_ctx(iph, now_ms);
  c->used = now_ms;
  if (!mark_blocks(c->holes, start / 8, (flen + 7) / 8)) {
    _overlaps++;
    c->in_use = 0;
    checked_output_push(1, p);
    return;
  }
  const uint8_t *payload = reinterpret_cast<const uint8_t *>(iph) + hl;
  for (uint32_t i = 0; i < flen; ++i)
    c->data[start + i] = payload[i];
  c->received = (uint16_t)(c->received + flen);
  if (start == 0) {
    c->hl = (uint8_t)hl;
    const uint8_t *h = reinterpret_cast<const uint8_t *>(iph);
    for (uint32_t i = 0; i < hl; ++i)
      c->hdr[i] = h[i];
    memcpy(c->mac, p->data(), 14);
  }
  if (!more)
    c->total = (uint16_t)(start + flen);
  Packet *q = 0;
  if (c->total && c->hl && c->received >= c->total &&
      all_present(c->holes, (c->total + 7) / 8))
    q = complete(c, p);
  p->kill();
  if (q)
    output(0).push(q);
}

extern "C" Element *clara_nf_create(const char *config) {
  TrainIPReassembler *e = new TrainIPReassembler;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
