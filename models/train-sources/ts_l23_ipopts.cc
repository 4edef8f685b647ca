// Training source for the instruction models (models/README.md): IPv4 option
// processing at a router: record-route and timestamp recording, loose/strict
// source-route next-hop selection with destination rewrite, router-alert
// punting, parameter-problem annotation; plus an element that inserts
// options into option-less packets (test traffic generator).
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/timestamp.hh>
#include <clicknet/ip.h>

static inline uint32_t rd32(const uint8_t *d) {
  return (uint32_t)d[0] << 24 | (uint32_t)d[1] << 16 | (uint32_t)d[2] << 8 |
         d[3];
}
static inline void wr32(uint8_t *d, uint32_t v) {
  d[0] = (uint8_t)(v >> 24);
  d[1] = (uint8_t)(v >> 16);
  d[2] = (uint8_t)(v >> 8);
  d[3] = (uint8_t)v;
}

class TrainIPOptionAdd : public Element {
public:
  TrainIPOptionAdd() : _n(0) {}
  const char *class_name() const override { return "TrainIPOptionAdd"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override {
    if (p->length() < 34 || (p->data()[14] & 0x0f) != 5)
      return p;
    uint32_t kind = _n++ % 4;
    if (kind == 3)
      return p;
    WritablePacket *q = p->push(12);
    if (!q)
      return 0;
    memmove(q->data(), q->data() + 12, 34);
    uint8_t *ip = q->data() + 14, *o = ip + 20;
    for (int i = 0; i < 12; ++i)
      o[i] = 0;
    if (kind == 0) { // record route, two slots
      o[0] = IPOPT_RR;
      o[1] = 11;
      o[2] = 4;
    } else if (kind == 1) { // loose source route via one hop
      o[0] = IPOPT_LSRR;
      o[1] = 7;
      o[2] = 4;
      wr32(o + 3, 0xc0a80063u);
    } else { // timestamps only, two slots
      o[0] = IPOPT_TS;
      o[1] = 12;
      o[2] = 5;
    }
    ip[0] = 0x48;
    uint16_t len = (uint16_t)((ip[2] << 8 | ip[3]) + 12);
    ip[2] = (uint8_t)(len >> 8);
    ip[3] = (uint8_t)len;
    ip[10] = ip[11] = 0;
    uint16_t s = click_in_cksum(ip, 32);
    memcpy(ip + 10, &s, 2);
    return q;
  }

private:
  uint32_t _n;
};

class TrainIPOptions : public Element {
public:
  enum { PUNT = 1, BAD = 2 };
  TrainIPOptions() : _my(0xc0a80001u), _recorded(0), _routed(0), _bad(0) {}
  const char *class_name() const override { return "TrainIPOptions"; }
  const char *port_count() const override { return "1/3"; }
  void push(int port, Packet *p) override;

private:
  // Each returns 0 to forward, PUNT, or BAD with *ptr at the offending byte.
  int record_route(uint8_t *o, int len, int *ptr);
  int timestamp(uint8_t *o, int len, uint32_t ms, int *ptr);
  int source_route(uint8_t *o, int len, uint8_t *ip, int *ptr);
  int process(uint8_t *ip, int hlen, uint32_t ms, int *bad);

  uint32_t _my;
  uint32_t _recorded, _routed, _bad;
};

int TrainIPOptions::record_route(uint8_t *o, int len, int *ptr) {
  int p = o[2];
  if (p < 4 || (p & 3) != 0) {
    *ptr = 2;
    return BAD;
  }
  if (p + 3 > len)
    return 0; // full: forward unchanged
  wr32(o + p - 1, _my);
  o[2] = (uint8_t)(p + 4);
  _recorded++;
  return 0;
}

int TrainIPOptions::timestamp(uint8_t *o, int len, uint32_t ms, int *ptr) {
  int p = o[2], flag = o[3] & 0x0f;
  int step = flag == 0 ? 4 : 8;
  if (p < 5) {
    *ptr = 2;
    return BAD;
  }
  if (p + step - 1 > len) {
    int ovf = (o[3] >> 4) + 1;
    if (ovf > 15) {
      *ptr = 3;
      return BAD;
    }
    o[3] = (uint8_t)((ovf << 4) | flag);
    return 0;
  }
  if (flag == 0) {
    wr32(o + p - 1, ms | 0x80000000u);
  } else if (flag == 1) {
    wr32(o + p - 1, _my);
    wr32(o + p + 3, ms);
  } else if (flag == 3) {
    if (rd32(o + p - 1) != _my)
      return 0;
    wr32(o + p + 3, ms);
  } else {
    *ptr = 3;
    return BAD;
  }
  o[2] = (uint8_t)(p + step);
  return 0;
}

int TrainIPOptions::source_route(uint8_t *o, int len, uint8_t *ip, int *ptr) {
  int p = o[2];
  bool strict = o[0] == IPOPT_SSRR;
  if (p < 4) {
    *ptr = 2;
    return BAD;
  }
  if (rd32(ip + 16) != _my && strict)
    return PUNT; // strict hop not addressed to us
  if (p > len)
    return 0; // route exhausted: deliver to final destination
  uint32_t next = rd32(o + p - 1);
  if (next == 0 || (next >> 28) >= 14) {
    *ptr = p - 1;
    return BAD;
  }
  wr32(o + p - 1, _my);
  wr32(ip + 16, next);
  o[2] = (uint8_t)(p + 4);
  _routed++;
  return 0;
}

int TrainIPOptions::process(uint8_t *ip, int hlen, uint32_t ms, int *bad) {
  int i = 20, r = 0;
  while (i < hlen && r == 0) {
    uint8_t *o = ip + i;
    if (o[0] == IPOPT_EOL)
      break;
    if (o[0] == IPOPT_NOP) {
      i++;
      continue;
    }
    if (i + 1 >= hlen || o[1] < 2 || i + o[1] > hlen) {
      *bad = i + 1;
      return BAD;
    }
    int ptr = 0, len = o[1];
    switch (o[0]) {
    case IPOPT_RR:
      r = record_route(o, len, &ptr);
      break;
    case IPOPT_TS:
      r = timestamp(o, len, ms, &ptr);
      break;
    case IPOPT_LSRR:
    case IPOPT_SSRR:
      r = source_route(o, len, ip, &ptr);
      break;
    case IPOPT_RA:
      r = PUNT;
      break;
    default:
      break;
    }
    if (r == BAD)
      *bad = i + ptr;
    i += len;
  }
  return r;
}

void TrainIPOptions::push(int, Packet *p) {
  if (p->length() < 34 || (p->data()[14] & 0x0f) <= 5) {
    output(0).push(p);
    return;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  uint8_t *ip = q->data() + 14;
  int hlen = (ip[0] & 0x0f) << 2;
  if (q->length() < (uint32_t)(14 + hlen)) {
    q->kill();
    return;
  }
  const Timestamp &ts = q->timestamp_anno();
  uint32_t ms = (uint32_t)((uint64_t)ts.sec() % 86400u * 1000u + ts.msec());
  int bad = 0;
  int r = process(ip, hlen, ms, &bad);
  if (r == BAD) {
    _bad++;
    SET_ICMP_PARAMPROB_ANNO(q, (uint8_t)bad);
    output(2).push(q);
    return;
  }
  ip[10] = ip[11] = 0;
  uint16_t s = click_in_cksum(ip, hlen);
  memcpy(ip + 10, &s, 2);
  q->set_dst_ip_anno(IPAddress(htonl(rd32(ip + 16))));
  output(r == PUNT ? 1 : 0).push(q);
}

extern "C" Element *clara_nf_create(const char *config) {
  TrainIPOptionAdd *a = new TrainIPOptionAdd;
  TrainIPOptions *o = new TrainIPOptions;
  String conf = config ? String(config) : String();
  if (clara_element_setup(a, conf, 1, 1) < 0 ||
      clara_element_setup(o, conf, 1, 3) < 0)
    return 0;
  clara_connect(a, 0, o, 0);
  return a;
}
