// Synthesised by clara-synth (seed 101, index 1): 4 Click elements.
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

struct SynRec_G101_1 {
  uint64_t packets;
  uint64_t bytes;
  uint32_t last;
  uint32_t flags;
};

// Counts completed stages when it goes out of scope.
struct SynScope_G101_1 {
  uint64_t &count;
  explicit SynScope_G101_1(uint64_t &c) : count(c) {}
  ~SynScope_G101_1() { count++; }
};

class SynG101_1_A : public Element {
public:
  SynG101_1_A();
  const char *class_name() const override { return "SynG101_1_A"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint32_t _f0;
  uint8_t _f1;
  uint64_t _f2;
  uint16_t _f3;
};

SynG101_1_A::SynG101_1_A() : _drops(0), _f0(3), _f1(2), _f2(3), _f3(4) {
}

Packet *SynG101_1_A::simple_action(Packet *p) {
  if (p->length() < 42u) {
    _drops++;
    p->kill();
    return 0;
  }
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  uint32_t v0 = p->headroom();
  for (uint32_t i1 = 37u; i1 < p->length() && i1 < 53u; i1++) {
    v0 ^= (uint32_t)p->data()[i1] << (i1 & 7u);
    uint32_t v2 = (uint32_t)p->timestamp_anno().sec();
    _f2 += v2;
  }
  if (click_in_cksum(reinterpret_cast<const unsigned char *>(iph), sizeof(click_ip)) != 0)
    _drops++;
  {
    SynScope_G101_1 scope(_f2);
    assert(p->length() >= 42u);
    assert(p->length() >= 42u);
  }
  _f2 += v0;
  return p;
}

class SynG101_1_B : public Element {
public:
  SynG101_1_B();
  const char *class_name() const override { return "SynG101_1_B"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint64_t _f0;
  uint64_t _f1;
  Vector<uint32_t, 8> _recent;
  uint32_t h0_SynG101_1_B(Packet *p, uint32_t a, uint32_t b);
  uint32_t h1_SynG101_1_B(Packet *p, uint32_t a, uint32_t b);
};

SynG101_1_B::SynG101_1_B() : _drops(0), _f0(4), _f1(11) {
}

uint32_t SynG101_1_B::h0_SynG101_1_B(Packet *p, uint32_t a, uint32_t b) {
  const click_ether *eh = reinterpret_cast<const click_ether *>(p->data());
  assert(p->length() >= 54u);
  if (!_recent.full())
    _recent.push_back(p->length());
  else
    _recent.clear();
  b |= (uint32_t)ntohs(eh->ether_type);
  assert(p->length() >= 54u);
  _f1 += a;
  return a ^ b;
}

uint32_t SynG101_1_B::h1_SynG101_1_B(Packet *p, uint32_t a, uint32_t b) {
  assert(p->length() >= 54u);
  assert(_recent.size() <= _recent.capacity());
  _f0 += a;
  return a ^ b;
}

Packet *SynG101_1_B::simple_action(Packet *p) {
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
  if (!_recent.empty() && _recent.back() != (uint32_t)iph->ip_sum)
    _recent.pop_back();
  return q;
}

class SynG101_1_C : public Element {
public:
  SynG101_1_C();
  const char *class_name() const override { return "SynG101_1_C"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint8_t _f0;
  uint64_t _f1;
  uint32_t _f2;
  uint64_t _f3;
  uint64_t _f4;
  uint16_t _a0[64];
};

SynG101_1_C::SynG101_1_C() : _drops(0), _f0(10), _f1(1), _f2(6), _f3(2), _f4(3) {
  memset(_a0, 0, sizeof(_a0));
}

Packet *SynG101_1_C::simple_action(Packet *p) {
  if (p->length() < 42u) {
    _drops++;
    p->kill();
    return 0;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_udp *uh = reinterpret_cast<click_udp *>(q->data() + 34);
  for (int i3 = 0; i3 < 64; i3++) {
    if (_a0[i3] == (uint32_t)_a0[((uint32_t)ntohs(uh->uh_dport)) & 63u]) {
      _drops++;
      break;
    }
    assert(q->length() >= 42u);
  }
  assert(q->length() >= 42u);
  return q;
}

class SynG101_1_D : public Element {
public:
  SynG101_1_D();
  const char *class_name() const override { return "SynG101_1_D"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint32_t _f0;
  uint64_t _f1;
  uint32_t _f2;
  uint32_t _f3;
  uint32_t _f4;
  uint32_t _f5;
  uint32_t _a0[16];
  uint32_t h0_SynG101_1_D(Packet *p, uint32_t a, uint32_t b);
};

SynG101_1_D::SynG101_1_D() : _drops(0), _f0(15), _f1(11), _f2(0), _f3(10), _f4(9), _f5(9) {
  memset(_a0, 0, sizeof(_a0));
}

uint32_t SynG101_1_D::h0_SynG101_1_D(Packet *p, uint32_t a, uint32_t b) {
  assert(p->length() >= 54u);
  assert(p->length() >= 54u);
  assert(p->length() >= 54u);
  assert(p->length() >= 54u);
  if ((p->length() != 164u) || (p->headroom() < 33u)) {
    uint32_t v4 = (uint32_t)_a0[((p->length() - 54u)) & 15u];
    _f0 += v4;
  }
  else {
    assert(p->length() >= 54u);
    assert(p->length() >= 54u);
  }
  _f3 += a;
  return a ^ b;
}

Packet *SynG101_1_D::simple_action(Packet *p) {
  if (p->length() < 54u) {
    _drops++;
    p->kill();
    return 0;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_ip *iph = reinterpret_cast<click_ip *>(q->data() + 14);
  iph->ip_tos = (uint8_t)((iph->ip_tos & 0x3u) | (((uint32_t)_a0[((q->length() - 54u)) & 15u]) << 2));
  uint32_t v5 = q->length();
  _f2 += v5;
  return q;
}

#include <click/clara.hh>

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[4];
  e[0] = new SynG101_1_A;
  e[1] = new SynG101_1_B;
  e[2] = new SynG101_1_C;
  e[3] = new SynG101_1_D;
  String conf = config ? String(config) : String();
  bool ok = true;
  ok = ok && clara_element_setup(e[0], conf, 1, 1) >= 0;
  ok = ok && clara_element_setup(e[1], String(), 1, 1) >= 0;
  ok = ok && clara_element_setup(e[2], String(), 1, 1) >= 0;
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
