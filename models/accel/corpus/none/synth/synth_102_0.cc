// Synthesised by clara-synth (seed 102, index 0): 3 Click elements.
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

struct SynRec_G102_0 {
  uint64_t packets;
  uint64_t bytes;
  uint32_t last;
  uint32_t flags;
};

// Counts completed stages when it goes out of scope.
struct SynScope_G102_0 {
  uint64_t &count;
  explicit SynScope_G102_0(uint64_t &c) : count(c) {}
  ~SynScope_G102_0() { count++; }
};

class SynG102_0_A : public Element {
public:
  SynG102_0_A();
  const char *class_name() const override { return "SynG102_0_A"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint32_t _f0;
  uint32_t _f1;
  uint16_t _f2;
  uint32_t _f3;
  uint32_t _f4;
  uint32_t _f5;
  HashTable<uint32_t, SynRec_G102_0, 64, 4> _flows;
  Vector<uint32_t, 8> _recent;
  uint32_t h0_SynG102_0_A(Packet *p, uint32_t a, uint32_t b);
  uint32_t h1_SynG102_0_A(Packet *p, uint32_t a, uint32_t b);
};

SynG102_0_A::SynG102_0_A() : _drops(0), _f0(2), _f1(10), _f2(9), _f3(15), _f4(13), _f5(15) {
}

uint32_t SynG102_0_A::h0_SynG102_0_A(Packet *p, uint32_t a, uint32_t b) {
  assert(_recent.size() <= _recent.capacity());
  assert(p->length() >= 42u);
  _f4 += a;
  return a ^ b;
}

uint32_t SynG102_0_A::h1_SynG102_0_A(Packet *p, uint32_t a, uint32_t b) {
  assert(p->length() >= 42u);
  assert(p->length() >= 42u);
  _f5 += a;
  return a ^ b;
}

Packet *SynG102_0_A::simple_action(Packet *p) {
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
  if (!_recent.empty() && _recent.back() != q->length())
    _recent.pop_back();
  {
    SynScope_G102_0 scope(_drops);
    eh->ether_shost[2] = (uint8_t)((q->length() - 42u));
    uint32_t v0 = (uint32_t)q->timestamp_anno().sec();
    _f5 += v0;
  }
  uint32_t v1 = q->length();
  for (uint32_t i2 = 40u; i2 < q->length() && i2 < 48u; i2++) {
    v1 = v1 * 31u + q->data()[i2];
    uint32_t v3 = h1_SynG102_0_A(q, q->length(), (uint32_t)ntohs(uh->uh_sport));
    _f2 = (uint16_t)v3;
  }
  _f1 += v1;
  return q;
}

class SynG102_0_B : public Element {
public:
  SynG102_0_B();
  const char *class_name() const override { return "SynG102_0_B"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint64_t _f0;
  uint64_t _f1;
  uint64_t _f2;
  uint64_t _f3;
  uint64_t _f4;
  uint16_t _a0[16];
  uint16_t _a1[32];
  HashTable<uint32_t, SynRec_G102_0, 64, 4> _flows;
  uint32_t h0_SynG102_0_B(Packet *p, uint32_t a, uint32_t b);
};

SynG102_0_B::SynG102_0_B() : _drops(0), _f0(11), _f1(5), _f2(8), _f3(13), _f4(5) {
  memset(_a0, 0, sizeof(_a0));
  memset(_a1, 0, sizeof(_a1));
}

uint32_t SynG102_0_B::h0_SynG102_0_B(Packet *p, uint32_t a, uint32_t b) {
  const click_ether *eh = reinterpret_cast<const click_ether *>(p->data());
  uint32_t v4 = (uint32_t)eh->ether_dhost[4];
  HashTable<uint32_t, SynRec_G102_0, 64, 4>::iterator it5 = _flows.find(v4);
  if (it5.live() && it5.value().packets > 67u)
    _flows.erase(it5);
  assert(_flows.size() <= _flows.capacity());
  for (int i6 = 0; i6 < 32; i6++) {
    if (_a1[i6] == p->length()) {
      _drops++;
      break;
    }
    uint32_t v7 = (uint32_t)p->timestamp_anno().sec();
    _f3 += v7;
  }
  assert(p->length() >= 42u);
  _f4 += a;
  return a ^ b;
}

Packet *SynG102_0_B::simple_action(Packet *p) {
  if (p->length() < 42u) {
    _drops++;
    p->kill();
    return 0;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  assert(q->length() >= 42u);
  uint32_t v8 = (uint32_t)q->timestamp_anno().sec();
  _f2 += v8;
  return q;
}

class SynG102_0_C : public Element {
public:
  SynG102_0_C();
  const char *class_name() const override { return "SynG102_0_C"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint16_t _f0;
  uint16_t _f1;
  uint64_t _a0[64];
};

SynG102_0_C::SynG102_0_C() : _drops(0), _f0(8), _f1(6) {
  memset(_a0, 0, sizeof(_a0));
}

Packet *SynG102_0_C::simple_action(Packet *p) {
  if (p->length() < 42u) {
    _drops++;
    p->kill();
    return 0;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_ip *iph = reinterpret_cast<click_ip *>(q->data() + 14);
  assert(q->length() >= 42u);
  assert(q->length() >= 42u);
  uint32_t v9 = (q->length() - (uint32_t)ntohs(iph->ip_len));
  for (uint32_t i10 = 41u; i10 < q->length() && i10 < 73u; i10++) {
    if (q->data()[i10] == 8u) {
      v9 = i10;
      break;
    }
    assert(q->length() >= 42u);
  }
  _f1 = (uint16_t)v9;
  return q;
}

#include <click/clara.hh>

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[3];
  e[0] = new SynG102_0_A;
  e[1] = new SynG102_0_B;
  e[2] = new SynG102_0_C;
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
