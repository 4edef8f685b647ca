// Synthesised by clara-synth (seed 101, index 2): 4 Click elements.
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

struct SynRec_G101_2 {
  uint64_t packets;
  uint64_t bytes;
  uint32_t last;
  uint32_t flags;
};

// Counts completed stages when it goes out of scope.
struct SynScope_G101_2 {
  uint64_t &count;
  explicit SynScope_G101_2(uint64_t &c) : count(c) {}
  ~SynScope_G101_2() { count++; }
};

class SynG101_2_A : public Element {
public:
  SynG101_2_A();
  const char *class_name() const override { return "SynG101_2_A"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint64_t _f0;
  uint16_t _f1;
  uint32_t _f2;
  uint64_t _f3;
  uint8_t _f4;
  uint64_t _a0[8];
  uint64_t _a1[16];
  HashTable<uint32_t, SynRec_G101_2, 64, 4> _flows;
  uint32_t h0_SynG101_2_A(Packet *p, uint32_t a, uint32_t b);
  uint32_t h1_SynG101_2_A(Packet *p, uint32_t a, uint32_t b);
};

SynG101_2_A::SynG101_2_A() : _drops(0), _f0(2), _f1(6), _f2(10), _f3(3), _f4(14) {
  memset(_a0, 0, sizeof(_a0));
  memset(_a1, 0, sizeof(_a1));
}

uint32_t SynG101_2_A::h0_SynG101_2_A(Packet *p, uint32_t a, uint32_t b) {
  assert(_flows.size() <= _flows.capacity());
  assert(p->length() >= 42u);
  assert(p->length() >= 42u);
  _f2 += a;
  return a ^ b;
}

uint32_t SynG101_2_A::h1_SynG101_2_A(Packet *p, uint32_t a, uint32_t b) {
  assert(_flows.size() <= _flows.capacity());
  assert(_flows.size() <= _flows.capacity());
  assert(p->length() >= 42u);
  _f1 = (uint16_t)a;
  return a ^ b;
}

Packet *SynG101_2_A::simple_action(Packet *p) {
  if (p->length() < 42u) {
    _drops++;
    p->kill();
    return 0;
  }
  assert(p->length() >= 42u);
  assert(p->length() >= 42u);
  return p;
}

class SynG101_2_B : public Element {
public:
  SynG101_2_B();
  const char *class_name() const override { return "SynG101_2_B"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint32_t _f0;
  uint64_t _f1;
  uint64_t _a0[32];
  HashTable<uint32_t, SynRec_G101_2, 64, 4> _flows;
};

SynG101_2_B::SynG101_2_B() : _drops(0), _f0(0), _f1(14) {
  memset(_a0, 0, sizeof(_a0));
}

Packet *SynG101_2_B::simple_action(Packet *p) {
  if (p->length() < 42u) {
    _drops++;
    p->kill();
    return 0;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_ether *eh = reinterpret_cast<click_ether *>(q->data());
  click_udp *uh = reinterpret_cast<click_udp *>(q->data() + 34);
  uint32_t v0 = (uint32_t)eh->ether_dhost[4];
  for (uint32_t i1 = 37u; i1 < q->length() && i1 < 53u; i1++) {
    if (q->data()[i1] == 124u) {
      v0 = i1;
      break;
    }
    assert(q->length() >= 42u);
  }
  uint32_t v2 = (uint32_t)uh->uh_sum;
  for (uint32_t i3 = 41u; i3 < q->length() && i3 < 57u; i3++) {
    v2 ^= (uint32_t)q->data()[i3] << (i3 & 7u);
    assert(q->length() >= 42u);
  }
  _f1 += v0;
  _f1 += v2;
  return q;
}

class SynG101_2_C : public Element {
public:
  SynG101_2_C();
  const char *class_name() const override { return "SynG101_2_C"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

protected:
  uint64_t _drops;
  uint32_t _f0;
  uint64_t _f1;
  uint32_t _a0[8];
  uint32_t _a1[32];
  Vector<uint32_t, 32> _recent;
};

SynG101_2_C::SynG101_2_C() : _drops(0), _f0(10), _f1(5) {
  memset(_a0, 0, sizeof(_a0));
  memset(_a1, 0, sizeof(_a1));
}

void SynG101_2_C::push(int, Packet *p) {
  if (p->length() < 54u) {
    _drops++;
    p->kill();
    return;
  }
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  const click_tcp *th = reinterpret_cast<const click_tcp *>(p->data() + 34);
  if (((uint32_t)ntohs(iph->ip_id) <= 79u) || (p->length() > (uint32_t)ntohs(th->th_sport))) {
    checked_output_push(1, p);
    return;
  }
  uint32_t v4 = 0;
  for (int i5 = 0; i5 < _recent.size(); i5++) {
    if (_recent[i5] == (uint32_t)ntohs(th->th_win)) {
      v4 = (uint32_t)i5 + 1;
      break;
    }
  }
  _f0 += v4;
  output(0).push(p);
}

class SynG101_2_D : public Element {
public:
  SynG101_2_D();
  const char *class_name() const override { return "SynG101_2_D"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint8_t _f0;
  uint64_t _f1;
  uint64_t _f2;
  uint8_t _f3;
  uint32_t _f4;
  uint64_t _f5;
  uint32_t _a0[32];
  uint32_t _a1[8];
  Vector<uint32_t, 16> _recent;
  uint32_t h0_SynG101_2_D(Packet *p, uint32_t a, uint32_t b);
};

SynG101_2_D::SynG101_2_D() : _drops(0), _f0(1), _f1(7), _f2(2), _f3(10), _f4(12), _f5(6) {
  memset(_a0, 0, sizeof(_a0));
  memset(_a1, 0, sizeof(_a1));
}

uint32_t SynG101_2_D::h0_SynG101_2_D(Packet *p, uint32_t a, uint32_t b) {
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  assert(_recent.size() <= _recent.capacity());
  p->set_anno_u16(36, (uint16_t)((uint32_t)iph->ip_hl));
  assert(p->length() >= 54u);
  _f5 += a;
  return a ^ b;
}

Packet *SynG101_2_D::simple_action(Packet *p) {
  if (p->length() < 54u) {
    _drops++;
    p->kill();
    return 0;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_ip *iph = reinterpret_cast<click_ip *>(q->data() + 14);
  assert(q->length() >= 54u);
  uint32_t v6 = q->headroom();
  for (uint32_t i7 = 49u; i7 < q->length() && i7 < 57u; i7++) {
    if (q->data()[i7] == 237u) {
      v6 = i7;
      break;
    }
    iph->ip_dst.s_addr = htonl(q->length());
  }
  _f5 += v6;
  return q;
}

#include <click/clara.hh>

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[4];
  e[0] = new SynG101_2_A;
  e[1] = new SynG101_2_B;
  e[2] = new SynG101_2_C;
  e[3] = new SynG101_2_D;
  String conf = config ? String(config) : String();
  bool ok = true;
  ok = ok && clara_element_setup(e[0], conf, 1, 1) >= 0;
  ok = ok && clara_element_setup(e[1], String(), 1, 1) >= 0;
  ok = ok && clara_element_setup(e[2], String(), 1, 2) >= 0;
  ok = ok && clara_element_setup(e[3], String(), 1, 1) >= 0;
  ok = ok && clara_connect(e[0], 0, e[1], 0) >= 0;
  ok = ok && clara_connect(e[1], 0, e[2], 0) >= 0;
  ok = ok && clara_connect(e[2], 0, e[3], 0) >= 0;
  if (!ok) {
    for (int i = 0; i < 4; i++)
      delete e[i];
    return 0;
  }
  return e[0];
}
