// Training source for the instruction models (models/README.md): MPLS label
// switching: an ingress LER that classifies by destination prefix and pushes
// a label stack, an LSR that swaps labels from an LFIB (HashTable), and an
// egress that pops with TTL/TC propagation back into the IP header.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>

#define ETHERTYPE_MPLS 0x8847

struct LfibEntry {
  uint32_t out_label;
  uint8_t op; // 0 swap, 1 pop, 2 swap+push
  uint8_t port;
  uint64_t packets;
};

static inline uint32_t lse_make(uint32_t label, unsigned tc, bool bos,
                                uint8_t ttl) {
  return (label & 0xfffff) << 12 | (tc & 7) << 9 | (bos ? 1u : 0u) << 8 | ttl;
}
static inline uint32_t lse_label(uint32_t lse) { return lse >> 12; }
static inline unsigned lse_tc(uint32_t lse) { return (lse >> 9) & 7; }
static inline bool lse_bos(uint32_t lse) { return (lse >> 8) & 1; }
static inline uint8_t lse_ttl(uint32_t lse) { return (uint8_t)lse; }

static uint32_t get_lse(const uint8_t *d) {
  uint32_t v;
  memcpy(&v, d, 4);
  return ntohl(v);
}
static void put_lse(uint8_t *d, uint32_t lse) {
  uint32_t v = htonl(lse);
  memcpy(d, &v, 4);
}

static void set_ethertype(WritablePacket *q, uint16_t et) {
  uint8_t *d = q->data();
  d[12] = (uint8_t)(et >> 8);
  d[13] = (uint8_t)et;
}

class TrainMplsIngress : public Element {
public:
  TrainMplsIngress() : _pushed(0) {
    for (int i = 0; i < 16; ++i) {
      _fec_label[i] = 1000u + (uint32_t)i * 16;
      _fec_depth[i] = (uint8_t)(1 + (i & 1));
    }
  }
  const char *class_name() const override { return "TrainMplsIngress"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override {
    if (p->length() < 34 || p->data()[12] != 0x08 || p->data()[13] != 0)
      return p;
    const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
    uint32_t dst = ntohl(iph->ip_dst.s_addr);
    int fec = (int)((dst >> 4) & 15);
    int depth = _fec_depth[fec];
    unsigned tc = iph->ip_tos >> 5;
    uint8_t ttl = iph->ip_ttl;
    WritablePacket *q = p->push((uint32_t)depth * 4);
    if (!q)
      return 0;
    memmove(q->data(), q->data() + depth * 4, 12);
    set_ethertype(q, ETHERTYPE_MPLS);
    for (int i = 0; i < depth; ++i) {
      uint32_t label = _fec_label[fec] + (uint32_t)(depth - 1 - i);
      put_lse(q->data() + 14 + i * 4, lse_make(label, tc, i == depth - 1, ttl));
    }
    _pushed++;
    return q;
  }

private:
  uint32_t _fec_label[16];
  uint8_t _fec_depth[16];
  uint64_t _pushed;
};

class TrainMplsLsr : public Element {
public:
  TrainMplsLsr() : _swapped(0), _popped(0), _unknown(0), _ttl_drops(0) {
    for (uint32_t l = 1000; l < 1256; ++l) {
      LfibEntry e;
      e.out_label = l + 5000;
      e.op = (uint8_t)(l % 7 == 0 ? 1 : l % 11 == 0 ? 2 : 0);
      e.port = (uint8_t)(l & 1);
      e.packets = 0;
      _lfib.set(l, e);
    }
  }
  const char *class_name() const override { return "TrainMplsLsr"; }
  const char *port_count() const override { return "1/2"; }
  void push(int port, Packet *p) override;

private:
  int swap_top(WritablePacket *q, LfibEntry *e, uint32_t lse);
  int pop_top(WritablePacket *q, uint32_t lse);

  HashTable<uint32_t, LfibEntry, 256, 2> _lfib;
  uint64_t _swapped, _popped;
  uint32_t _unknown, _ttl_drops;
};

int TrainMplsLsr::swap_top(WritablePacket *q, LfibEntry *e, uint32_t lse) {
  uint8_t ttl = (uint8_t)(lse_ttl(lse) - 1);
  put_lse(q->data() + 14,
          lse_make(e->out_label, lse_tc(lse), lse_bos(lse), ttl));
  e->packets++;
  _swapped++;
  return e->port;
}

int TrainMplsLsr::pop_top(WritablePacket *q, uint32_t lse) {
  uint8_t ttl = (uint8_t)(lse_ttl(lse) - 1);
  bool bos = lse_bos(lse);
  memmove(q->data() + 4, q->data(), 12);
  q->pull(4);
  _popped++;
  if (!bos) {
    uint32_t next = get_lse(q->data() + 14);
    uint8_t nt = lse_ttl(next) < ttl ? lse_ttl(next) : ttl;
    put_lse(q->data() + 14, (next & ~0xffu) | nt);
    return 0;
  }
  set_ethertype(q, ETHERTYPE_IP);
  if (q->length() < 34)
    return 0;
  click_ip *iph = reinterpret_cast<click_ip *>(q->data() + 14);
  if (ttl < iph->ip_ttl) {
    uint16_t ow = htons((uint16_t)(iph->ip_ttl << 8 | iph->ip_p));
    iph->ip_ttl = ttl;
    click_update_in_cksum(&iph->ip_sum, ow,
                          htons((uint16_t)(ttl << 8 | iph->ip_p)));
  }
  return 0;
}

void TrainMplsLsr::push(int, Packet *p) {
  if (p->length() < 18 || p->data()[12] != 0x88 || p->data()[13] != 0x47) {
    output(0).push(p);
    return;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  uint32_t lse = get_lse(q->data() + 14);
  if (lse_ttl(lse) <= 1) {
    _ttl_drops++;
    q->kill();
    return;
  }
  LfibEntry *e = _lfib.get_pointer(lse_label(lse));
  if (!e) {
    _unknown++;
    q->kill();
    return;
  }
  int out;
  switch (e->op) {
  case 0:
    out = swap_top(q, e, lse);
    break;
  case 1:
    out = pop_top(q, lse);
    break;
  default: {
    out = swap_top(q, e, lse);
    WritablePacket *r = q->push(4);
    if (!r)
      return;
    q = r;
    memmove(q->data(), q->data() + 4, 12);
    put_lse(q->data() + 14, lse_make(e->out_label + 1, lse_tc(lse), false,
                                     (uint8_t)(lse_ttl(lse) - 1)));
    break;
  }
  }
  SET_AGGREGATE_ANNO(q, lse_label(lse));
  output(out).push(q);
}

extern "C" Element *clara_nf_create(const char *config) {
  TrainMplsIngress *in = new TrainMplsIngress;
  TrainMplsLsr *a = new TrainMplsLsr, *b = new TrainMplsLsr;
  String conf = config ? String(config) : String();
  if (clara_element_setup(in, conf, 1, 1) < 0 ||
      clara_element_setup(a, conf, 1, 2) < 0 ||
      clara_element_setup(b, conf, 1, 2) < 0)
    return 0;
  clara_connect(in, 0, a, 0);
  clara_connect(a, 0, b, 0);
  clara_connect(a, 1, b, 0);
  return in;
}
