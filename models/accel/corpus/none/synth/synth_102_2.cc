// Synthesised by clara-synth (seed 102, index 2): 3 Click elements.
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

struct SynRec_G102_2 {
  uint64_t packets;
  uint64_t bytes;
  uint32_t last;
  uint32_t flags;
};

// Counts completed stages when it goes out of scope.
struct SynScope_G102_2 {
  uint64_t &count;
  explicit SynScope_G102_2(uint64_t &c) : count(c) {}
  ~SynScope_G102_2() { count++; }
};

class SynG102_2_A : public Element {
public:
  SynG102_2_A();
  const char *class_name() const override { return "SynG102_2_A"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint32_t _f0;
  uint64_t _f1;
  uint32_t _f2;
  uint64_t _f3;
  uint8_t _f4;
  uint32_t _a0[64];
  uint32_t h0_SynG102_2_A(Packet *p, uint32_t a, uint32_t b);
  uint32_t h1_SynG102_2_A(Packet *p, uint32_t a, uint32_t b);
};

SynG102_2_A::SynG102_2_A() : _drops(0), _f0(9), _f1(11), _f2(13), _f3(2), _f4(1) {
  memset(_a0, 0, sizeof(_a0));
}

uint32_t SynG102_2_A::h0_SynG102_2_A(Packet *p, uint32_t a, uint32_t b) {
  assert(p->length() >= 54u);
  assert(p->length() >= 54u);
  _f0 += a;
  return a ^ b;
}

uint32_t SynG102_2_A::h1_SynG102_2_A(Packet *p, uint32_t a, uint32_t b) {
  assert(p->length() >= 54u);
  a &= p->length();
  _f3 += a;
  return a ^ b;
}

Packet *SynG102_2_A::simple_action(Packet *p) {
  if (p->length() < 54u) {
    _drops++;
    p->kill();
    return 0;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  assert(q->length() >= 54u);
  uint32_t v0 = (q->length() - 54u);
  _f4 = (uint8_t)v0;
  return q;
}

class SynG102_2_B : public Element {
public:
  SynG102_2_B();
  const char *class_name() const override { return "SynG102_2_B"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint8_t _f0;
  uint32_t _f1;
  uint64_t _f2;
  uint32_t _f3;
  HashTable<uint32_t, SynRec_G102_2, 64, 4> _flows;
  uint32_t h0_SynG102_2_B(Packet *p, uint32_t a, uint32_t b);
};

SynG102_2_B::SynG102_2_B() : _drops(0), _f0(15), _f1(2), _f2(2), _f3(5) {
}

uint32_t SynG102_2_B::h0_SynG102_2_B(Packet *p, uint32_t a, uint32_t b) {
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  assert(p->length() >= 42u);
  assert(p->length() >= 42u);
  SET_PAINT_ANNO(p, (uint8_t)(ntohl(iph->ip_src.s_addr)));
  _f2 += a;
  return a ^ b;
}

Packet *SynG102_2_B::simple_action(Packet *p) {
  if (p->length() < 42u) {
    _drops++;
    p->kill();
    return 0;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  assert(q->length() >= 42u);
  assert(_flows.size() <= _flows.capacity());
  return q;
}

class SynG102_2_C : public Element {
public:
  SynG102_2_C();
  const char *class_name() const override { return "SynG102_2_C"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint16_t _f0;
  uint64_t _f1;
  uint64_t _f2;
  uint32_t _f3;
  uint32_t _f4;
  uint32_t _a0[64];
  uint32_t h0_SynG102_2_C(Packet *p, uint32_t a, uint32_t b);
};

SynG102_2_C::SynG102_2_C() : _drops(0), _f0(13), _f1(3), _f2(13), _f3(8), _f4(15) {
  memset(_a0, 0, sizeof(_a0));
}

uint32_t SynG102_2_C::h0_SynG102_2_C(Packet *p, uint32_t a, uint32_t b) {
  const click_ether *eh = reinterpret_cast<const click_ether *>(p->data());
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  const click_tcp *th = reinterpret_cast<const click_tcp *>(p->data() + 34);
  SET_PAINT_ANNO(p, (uint8_t)(ntohl(th->th_ack)));
  assert(p->length() >= 54u);
  if (((p->length() - 54u) < 172u) && (194u > 109u)) {
    assert(p->length() >= 54u);
  }
  else if ((p->length() == (uint32_t)eh->ether_shost[4]) || ((p->length() - 54u) >= (uint32_t)eh->ether_shost[0])) {
    assert(p->length() >= 54u);
    assert(p->length() >= 54u);
  }
  else if (((p->headroom() + ntohl(iph->ip_src.s_addr)) > 63u) || ((uint32_t)_a0[(ntohl(th->th_ack)) & 63u] > 63u)) {
    assert(p->length() >= 54u);
    assert(p->length() >= 54u);
  }
  else {
    assert(p->length() >= 54u);
  }
  _f4 += a;
  return a ^ b;
}

Packet *SynG102_2_C::simple_action(Packet *p) {
  if (p->length() < 54u) {
    _drops++;
    p->kill();
    return 0;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  assert(q->length() >= 54u);
  assert(q->length() >= 54u);
  return q;
}

#include <click/clara.hh>

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[3];
  e[0] = new SynG102_2_A;
  e[1] = new SynG102_2_B;
  e[2] = new SynG102_2_C;
  String conf = config ? String(config) : String();
  bool ok = true;
  ok = ok && clara_element_setup(e[0], conf, 1, 1) >= 0;
  ok = ok && clara_element_setup(e[1], String(), 1, 1) >= 0;
  ok = ok && clara_element_setup(e[2], String(), 1, 1) >= 0;
  ok = ok && clara_connect(e[0], 0, e[1], 0) >= 0;
  ok = ok && clara_connect(e[1], 0, e[2], 0) >= 0;
  if (!ok) {
    for (int i = 0; i < 3; i++)
      delete e[i];
    return 0;
  }
  return e[0];
}
