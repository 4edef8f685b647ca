// Synthesised by clara-synth (seed 104, index 1): 3 Click elements.
#include <click/config.h>
#include <click/element.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/timestamp.hh>
#include <click/vector.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

struct SynRec_G104_1 {
  uint64_t packets;
  uint64_t bytes;
  uint32_t last;
  uint32_t flags;
};

// Counts completed stages when it goes out of scope.
struct SynScope_G104_1 {
  uint64_t &count;
  explicit SynScope_G104_1(uint64_t &c) : count(c) {}
  ~SynScope_G104_1() { count++; }
};

class SynG104_1_A : public Element {
public:
  SynG104_1_A();
  const char *class_name() const override { return "SynG104_1_A"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

protected:
  uint64_t _drops;
  uint64_t _f0;
  uint64_t _f1;
  uint64_t _f2;
  uint32_t _a0[8];
  HashTable<uint32_t, SynRec_G104_1, 64, 4> _flows;
  uint32_t h0_SynG104_1_A(Packet *p, uint32_t a, uint32_t b);
};

SynG104_1_A::SynG104_1_A() : _drops(0), _f0(11), _f1(3), _f2(10) {
  memset(_a0, 0, sizeof(_a0));
}

uint32_t SynG104_1_A::h0_SynG104_1_A(Packet *p, uint32_t a, uint32_t b) {
  assert(p->length() >= 54u);
  assert(p->length() >= 54u);
  assert(_flows.size() <= _flows.capacity());
  assert(p->length() >= 54u);
  assert(p->length() >= 54u);
  _f2 += a;
  return a ^ b;
}

void SynG104_1_A::push(int, Packet *p) {
  if (p->length() < 54u) {
    _drops++;
    p->kill();
    return;
  }
  const click_ether *eh = reinterpret_cast<const click_ether *>(p->data());
  if (((uint32_t)eh->ether_shost[4] > 188u) || ((uint32_t)eh->ether_shost[3] == 65u)) {
    checked_output_push(1, p);
    return;
  }
  uint32_t v0 = p->length();
  for (uint32_t i1 = 51u; i1 < p->length() && i1 < 83u; i1++) {
    v0 ^= (uint32_t)p->data()[i1] << (i1 & 7u);
    assert(_flows.size() <= _flows.capacity());
  }
  uint32_t v2 = (uint32_t)ntohs(eh->ether_type);
  for (uint32_t i3 = 47u; i3 < p->length() && i3 < 63u; i3++) {
    if (p->data()[i3] == 8u) {
      v2 = i3;
      break;
    }
  }
  _f0 += v0;
  _f0 += v2;
  output(0).push(p);
}

class SynG104_1_B : public Element {
public:
  SynG104_1_B();
  const char *class_name() const override { return "SynG104_1_B"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint64_t _f0;
  uint64_t _f1;
  uint8_t _f2;
  uint32_t _a0[64];
  uint16_t _a1[8];
};

SynG104_1_B::SynG104_1_B() : _drops(0), _f0(4), _f1(11), _f2(7) {
  memset(_a0, 0, sizeof(_a0));
  memset(_a1, 0, sizeof(_a1));
}

Packet *SynG104_1_B::simple_action(Packet *p) {
  if (p->length() < 42u) {
    _drops++;
    p->kill();
    return 0;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_ether *eh = reinterpret_cast<click_ether *>(q->data());
  if ((q->length() <= 11u) || ((uint32_t)q->anno_u8(21) <= 200u)) {
    assert(q->length() >= 42u);
    uint32_t v4 = (uint32_t)eh->ether_shost[1];
    for (uint32_t i5 = 35u; i5 < q->length() && i5 < 51u; i5++) {
      v4 = v4 * 31u + q->data()[i5];
    }
    _f2 = (uint8_t)v4;
  }
  uint32_t v6 = q->length();
  _f1 += v6;
  return q;
}

class SynG104_1_C : public Element {
public:
  SynG104_1_C();
  const char *class_name() const override { return "SynG104_1_C"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

protected:
  uint64_t _drops;
  uint8_t _f0;
  uint64_t _f1;
  uint64_t _f2;
  uint16_t _f3;
  uint8_t _f4;
  uint64_t _f5;
  uint32_t _a0[8];
  Vector<uint32_t, 32> _recent;
  uint32_t h0_SynG104_1_C(Packet *p, uint32_t a, uint32_t b);
};

SynG104_1_C::SynG104_1_C() : _drops(0), _f0(14), _f1(14), _f2(15), _f3(12), _f4(4), _f5(8) {
  memset(_a0, 0, sizeof(_a0));
}

uint32_t SynG104_1_C::h0_SynG104_1_C(Packet *p, uint32_t a, uint32_t b) {
  assert(p->length() >= 42u);
  assert(p->length() >= 42u);
  assert(p->length() >= 42u);
  assert(_recent.size() <= _recent.capacity());
  _f0 = (uint8_t)a;
  return a ^ b;
}

void SynG104_1_C::push(int, Packet *p) {
  if (p->length() < 42u) {
    _drops++;
    p->kill();
    return;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  click_ether *eh = reinterpret_cast<click_ether *>(q->data());
  click_ip *iph = reinterpret_cast<click_ip *>(q->data() + 14);
  _a0[((uint32_t)eh->ether_shost[1]) & 7u] = (uint32_t)ntohs(iph->ip_len);
  if (q->length() != q->headroom()) {
    checked_output_push(1, q);
    return;
  }
  assert(_recent.size() <= _recent.capacity());
  output(0).push(q);
}

#include <click/clara.hh>

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[3];
  e[0] = new SynG104_1_A;
  e[1] = new SynG104_1_B;
  e[2] = new SynG104_1_C;
  String conf = config ? String(config) : String();
  bool ok = true;
  ok = ok && clara_element_setup(e[0], conf, 1, 2) >= 0;
  ok = ok && clara_element_setup(e[1], String(), 1, 1) >= 0;
  ok = ok && clara_element_setup(e[2], String(), 1, 2) >= 0;
  ok = ok && clara_connect(e[0], 0, e[1], 0) >= 0;
  ok = ok && clara_connect(e[1], 0, e[2], 0) >= 0;
  if (!ok) {
    for (int i = 0; i < 3; i++)
      delete e[i];
    return 0;
  }
  return e[0];
}
