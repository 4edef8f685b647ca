// Synthesised by clara-synth (seed 103, index 1): 5 Click elements.
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

struct SynRec_G103_1 {
  uint64_t packets;
  uint64_t bytes;
  uint32_t last;
  uint32_t flags;
};

// Counts completed stages when it goes out of scope.
struct SynScope_G103_1 {
  uint64_t &count;
  explicit SynScope_G103_1(uint64_t &c) : count(c) {}
  ~SynScope_G103_1() { count++; }
};

class SynG103_1_A : public Element {
public:
  SynG103_1_A();
  const char *class_name() const override { return "SynG103_1_A"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint16_t _f0;
  uint32_t _f1;
  uint64_t _f2;
  uint64_t _f3;
  uint64_t _f4;
  uint32_t _f5;
  uint32_t h0_SynG103_1_A(Packet *p, uint32_t a, uint32_t b);
};

SynG103_1_A::SynG103_1_A() : _drops(0), _f0(5), _f1(5), _f2(14), _f3(5), _f4(12), _f5(5) {
}

uint32_t SynG103_1_A::h0_SynG103_1_A(Packet *p, uint32_t a, uint32_t b) {
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  const click_tcp *th = reinterpret_cast<const click_tcp *>(p->data() + 34);
  if (((uint32_t)ntohs(th->th_win) <= 18u) || ((uint32_t)iph->ip_p <= 51u)) {
    p->set_anno_u16(34, (uint16_t)(75u));
    assert(p->length() >= 54u);
    assert(p->length() >= 54u);
  }
  else {
    assert(p->length() >= 54u);
  }
  _f2 += p->length();
  uint32_t v0 = (uint32_t)p->timestamp_anno().sec();
  _f5 = (uint32_t)iph->ip_sum;
  _f4 += a;
  return a ^ b ^ v0;
}

Packet *SynG103_1_A::simple_action(Packet *p) {
  if (p->length() < 54u) {
    _drops++;
    p->kill();
    return 0;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  {
    SynScope_G103_1 scope(_f4);
    assert(q->length() >= 54u);
    assert(q->length() >= 54u);
    assert(q->length() >= 54u);
  }
  assert(q->length() >= 54u);
  return q;
}

class SynG103_1_B : public Element {
public:
  SynG103_1_B();
  const char *class_name() const override { return "SynG103_1_B"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint64_t _f0;
  uint32_t _f1;
  uint64_t _f2;
  uint8_t _f3;
  uint32_t _f4;
  uint8_t _f5;
  uint16_t _a0[8];
  Vector<uint32_t, 16> _recent;
};

SynG103_1_B::SynG103_1_B() : _drops(0), _f0(3), _f1(15), _f2(1), _f3(10), _f4(10), _f5(9) {
  memset(_a0, 0, sizeof(_a0));
}

Packet *SynG103_1_B::simple_action(Packet *p) {
  if (p->length() < 54u) {
    _drops++;
    p->kill();
    return 0;
  }
  assert(p->length() >= 54u);
  assert(p->length() >= 54u);
  uint32_t v1 = 0;
  for (int i2 = 0; i2 < _recent.size(); i2++) {
    if (_recent[i2] == (uint32_t)p->data()[24]) {
      v1 = (uint32_t)i2 + 1;
      break;
    }
  }
  _f5 = (uint8_t)v1;
  return p;
}

class SynG103_1_C : public Element {
public:
  SynG103_1_C();
  const char *class_name() const override { return "SynG103_1_C"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint64_t _f0;
  uint64_t _f1;
  HashTable<uint32_t, SynRec_G103_1, 64, 4> _flows;
  uint32_t h0_SynG103_1_C(Packet *p, uint32_t a, uint32_t b);
  uint32_t h1_SynG103_1_C(Packet *p, uint32_t a, uint32_t b);
};

SynG103_1_C::SynG103_1_C() : _drops(0), _f0(9), _f1(3) {
}

uint32_t SynG103_1_C::h0_SynG103_1_C(Packet *p, uint32_t a, uint32_t b) {
  assert(p->length() >= 54u);
  assert(_flows.size() <= _flows.capacity());
  assert(_flows.size() <= _flows.capacity());
  assert(p->length() >= 54u);
  _f0 += a;
  return a ^ b;
}

uint32_t SynG103_1_C::h1_SynG103_1_C(Packet *p, uint32_t a, uint32_t b) {
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  assert(p->length() >= 54u);
  uint32_t v3 = p->headroom();
  HashTable<uint32_t, SynRec_G103_1, 64, 4>::iterator it4 = _flows.find(v3);
  if (it4.live() && it4.value().packets > 21u)
    _flows.erase(it4);
  if (((uint32_t)iph->ip_tos > 36u) && ((uint32_t)ntohs(iph->ip_off) < (uint32_t)iph->ip_sum)) {
    assert(_flows.size() <= _flows.capacity());
    assert(_flows.size() <= _flows.capacity());
  }
  assert(p->length() >= 54u);
  assert(p->length() >= 54u);
  _f0 += a;
  return a ^ b;
}

Packet *SynG103_1_C::simple_action(Packet *p) {
  if (p->length() < 54u) {
    _drops++;
    p->kill();
    return 0;
  }
  uint32_t v5 = (uint32_t)p->timestamp_anno().sec();
  assert(p->length() >= 54u);
  _f1 += v5;
  return p;
}

class SynG103_1_D : public Element {
public:
  SynG103_1_D();
  const char *class_name() const override { return "SynG103_1_D"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint32_t _f0;
  uint64_t _f1;
  uint32_t _f2;
  uint32_t _f3;
  uint64_t _f4;
  uint32_t _a0[32];
  uint32_t _a1[16];
  uint32_t h0_SynG103_1_D(Packet *p, uint32_t a, uint32_t b);
  uint32_t h1_SynG103_1_D(Packet *p, uint32_t a, uint32_t b);
};

SynG103_1_D::SynG103_1_D() : _drops(0), _f0(14), _f1(7), _f2(3), _f3(1), _f4(12) {
  memset(_a0, 0, sizeof(_a0));
  memset(_a1, 0, sizeof(_a1));
}

uint32_t SynG103_1_D::h0_SynG103_1_D(Packet *p, uint32_t a, uint32_t b) {
  assert(p->length() >= 54u);
  assert(p->length() >= 54u);
  for (int i6 = 0; i6 < 16; i6++) {
    if (_a1[i6] > (p->length() - 54u)) _a1[i6] = _a1[i6] >> 1;
  }
  uint32_t v7 = (uint32_t)PAINT_ANNO(p);
  _f0 += a;
  return a ^ b ^ v7;
}

uint32_t SynG103_1_D::h1_SynG103_1_D(Packet *p, uint32_t a, uint32_t b) {
  assert(p->length() >= 54u);
  assert(p->length() >= 54u);
  assert(p->length() >= 54u);
  _f4 += a;
  return a ^ b;
}

Packet *SynG103_1_D::simple_action(Packet *p) {
  if (p->length() < 54u) {
    _drops++;
    p->kill();
    return 0;
  }
  assert(p->length() >= 54u);
  assert(p->length() >= 54u);
  return p;
}

class SynG103_1_E : public Element {
public:
  SynG103_1_E();
  const char *class_name() const override { return "SynG103_1_E"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint64_t _f0;
  uint32_t _f1;
  uint64_t _f2;
  uint32_t _f3;
  uint32_t _f4;
  uint64_t _f5;
  uint64_t _a0[32];
  uint16_t _a1[64];
  HashTable<uint32_t, SynRec_G103_1, 64, 4> _flows;
};

SynG103_1_E::SynG103_1_E() : _drops(0), _f0(5), _f1(7), _f2(15), _f3(2), _f4(8), _f5(2) {
  memset(_a0, 0, sizeof(_a0));
  memset(_a1, 0, sizeof(_a1));
}

Packet *SynG103_1_E::simple_action(Packet *p) {
  if (p->length() < 42u) {
    _drops++;
    p->kill();
    return 0;
  }
  const click_ether *eh = reinterpret_cast<const click_ether *>(p->data());
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  const click_udp *uh = reinterpret_cast<const click_udp *>(p->data() + 34);
  SET_PAINT_ANNO(p, (uint8_t)(p->length()));
  if (p->length() != 170u) {
    for (int i8 = 0; i8 < 64; i8++) {
      if (_a1[i8] == (uint32_t)_a1[((uint32_t)eh->ether_shost[5]) & 63u]) {
        _drops++;
        break;
      }
      if (((uint32_t)uh->uh_sum > 178u) || (p->headroom() != 95u)) {
        assert(p->length() >= 42u);
        assert(p->length() >= 42u);
      }
      else if (((uint32_t)iph->ip_ttl >= 177u) || ((p->length() & 0x2u) != 0)) {
        SET_PAINT_ANNO(p, (uint8_t)((uint32_t)ntohs(eh->ether_type)));
        assert(p->length() >= 42u);
      }
      else {
        _f2 = (uint32_t)_a1[((uint32_t)_a1[((uint32_t)p->data()[2]) & 63u]) & 63u];
      }
      assert(p->length() >= 42u);
    }
  }
  else if (((uint32_t)iph->ip_tos != 150u) || (p->headroom() <= (uint32_t)iph->ip_ttl)) {
    if (click_in_cksum(reinterpret_cast<const unsigned char *>(iph), sizeof(click_ip)) != 0)
      _drops++;
    assert(p->length() >= 42u);
  }
  else {
    assert(p->length() >= 42u);
  }
  _a1[((uint32_t)uh->uh_sum) & 63u] = (uint16_t)((uint32_t)PAINT_ANNO(p));
  return p;
}

#include <click/clara.hh>

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[5];
  e[0] = new SynG103_1_A;
  e[1] = new SynG103_1_B;
  e[2] = new SynG103_1_C;
  e[3] = new SynG103_1_D;
  e[4] = new SynG103_1_E;
  String conf = config ? String(config) : String();
  bool ok = true;
  ok = ok && clara_element_setup(e[0], conf, 1, 1) >= 0;
  ok = ok && clara_element_setup(e[1], String(), 1, 1) >= 0;
  ok = ok && clara_element_setup(e[2], String(), 1, 1) >= 0;
  ok = ok && clara_element_setup(e[3], String(), 1, 1) >= 0;
  ok = ok && clara_element_setup(e[4], String(), 1, 1) >= 0;
  ok = ok && clara_connect(e[0], 0, e[1], 0) >= 0;
  ok = ok && clara_connect(e[1], 0, e[2], 0) >= 0;
  ok = ok && clara_connect(e[2], 0, e[3], 0) >= 0;
  ok = ok && clara_connect(e[3], 0, e[4], 0) >= 0;
  if (!ok) {
    for (int i = 0; i < 5; i++)
      delete e[i];
    return 0;
  }
  return e[0];
}
