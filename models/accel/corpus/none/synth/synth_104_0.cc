// Synthesised by clara-synth (seed 104, index 0): 5 Click elements.
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

struct SynRec_G104_0 {
  uint64_t packets;
  uint64_t bytes;
  uint32_t last;
  uint32_t flags;
};

// Counts completed stages when it goes out of scope.
struct SynScope_G104_0 {
  uint64_t &count;
  explicit SynScope_G104_0(uint64_t &c) : count(c) {}
  ~SynScope_G104_0() { count++; }
};

class SynG104_0_A : public Element {
public:
  SynG104_0_A();
  const char *class_name() const override { return "SynG104_0_A"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint32_t _f0;
  uint64_t _f1;
  uint64_t _a0[32];
  Vector<uint32_t, 16> _recent;
  uint32_t h0_SynG104_0_A(Packet *p, uint32_t a, uint32_t b);
};

SynG104_0_A::SynG104_0_A() : _drops(0), _f0(10), _f1(6) {
  memset(_a0, 0, sizeof(_a0));
}

uint32_t SynG104_0_A::h0_SynG104_0_A(Packet *p, uint32_t a, uint32_t b) {
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  assert(p->length() >= 54u);
  if (!_recent.empty() && _recent.back() != (uint32_t)ntohs(iph->ip_id))
    _recent.pop_back();
  assert(_recent.size() <= _recent.capacity());
  assert(p->length() >= 54u);
  _f1 += a;
  return a ^ b;
}

Packet *SynG104_0_A::simple_action(Packet *p) {
  if (p->length() < 54u) {
    _drops++;
    p->kill();
    return 0;
  }
  const click_ether *eh = reinterpret_cast<const click_ether *>(p->data());
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  uint32_t v0 = (uint32_t)ntohs(eh->ether_type);
  for (uint32_t i1 = 48u; i1 < p->length() && i1 < 56u; i1++) {
    if (p->data()[i1] == 253u) {
      v0 = i1;
      break;
    }
    p->set_anno_u32(0, (uint32_t)iph->ip_ttl);
  }
  SET_PAINT_ANNO(p, (uint8_t)((uint32_t)_a0[((p->length() << 13)) & 31u]));
  _f0 += v0;
  return p;
}

class SynG104_0_B : public Element {
public:
  SynG104_0_B();
  const char *class_name() const override { return "SynG104_0_B"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint16_t _f0;
  uint16_t _f1;
  uint64_t _f2;
  uint64_t _f3;
  uint32_t _f4;
  uint16_t _a0[8];
  uint32_t _a1[32];
};

SynG104_0_B::SynG104_0_B() : _drops(0), _f0(1), _f1(9), _f2(0), _f3(6), _f4(4) {
  memset(_a0, 0, sizeof(_a0));
  memset(_a1, 0, sizeof(_a1));
}

Packet *SynG104_0_B::simple_action(Packet *p) {
  if (p->length() < 42u) {
    _drops++;
    p->kill();
    return 0;
  }
  const click_udp *uh = reinterpret_cast<const click_udp *>(p->data() + 34);
  assert(p->length() >= 42u);
  if (((p->length() & 0x1u) != 0) || ((uint32_t)ntohs(uh->uh_ulen) > 55u)) {
    _drops++;
    p->kill();
    return 0;
  }
  return p;
}

class SynG104_0_C : public Element {
public:
  SynG104_0_C();
  const char *class_name() const override { return "SynG104_0_C"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

protected:
  uint64_t _drops;
  uint16_t _f0;
  uint32_t _f1;
  uint32_t _f2;
  uint32_t _f3;
  uint64_t _f4;
  uint32_t _f5;
  uint16_t _a0[64];
  uint32_t _a1[32];
  uint32_t h0_SynG104_0_C(Packet *p, uint32_t a, uint32_t b);
  uint32_t h1_SynG104_0_C(Packet *p, uint32_t a, uint32_t b);
};

SynG104_0_C::SynG104_0_C() : _drops(0), _f0(2), _f1(9), _f2(9), _f3(5), _f4(5), _f5(0) {
  memset(_a0, 0, sizeof(_a0));
  memset(_a1, 0, sizeof(_a1));
}

uint32_t SynG104_0_C::h0_SynG104_0_C(Packet *p, uint32_t a, uint32_t b) {
  uint32_t v2 = (uint32_t)p->timestamp_anno().sec();
  assert(p->length() >= 54u);
  uint32_t v3 = (uint32_t)p->timestamp_anno().sec();
  assert(p->length() >= 54u);
  _f0 = (uint16_t)a;
  return a ^ b ^ v2 ^ v3;
}

uint32_t SynG104_0_C::h1_SynG104_0_C(Packet *p, uint32_t a, uint32_t b) {
  assert(p->length() >= 54u);
  assert(p->length() >= 54u);
  uint32_t v4 = (uint32_t)p->timestamp_anno().sec();
  assert(p->length() >= 54u);
  uint32_t v5 = (uint32_t)p->timestamp_anno().sec();
  _f2 += a;
  return a ^ b ^ v4 ^ v5;
}

void SynG104_0_C::push(int, Packet *p) {
  if (p->length() < 54u) {
    _drops++;
    p->kill();
    return;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  click_ip *iph = reinterpret_cast<click_ip *>(q->data() + 14);
  if ((uint32_t)iph->ip_tos <= 53u) {
    checked_output_push(1, q);
    return;
  }
  assert(q->length() >= 54u);
  output(0).push(q);
}

class SynG104_0_D : public Element {
public:
  SynG104_0_D();
  const char *class_name() const override { return "SynG104_0_D"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint64_t _f0;
  uint16_t _f1;
  uint32_t _f2;
  uint32_t _f3;
  uint64_t _f4;
};

SynG104_0_D::SynG104_0_D() : _drops(0), _f0(11), _f1(2), _f2(6), _f3(9), _f4(0) {
}

Packet *SynG104_0_D::simple_action(Packet *p) {
  if (p->length() < 42u) {
    _drops++;
    p->kill();
    return 0;
  }
  assert(p->length() >= 42u);
  uint32_t v6 = p->headroom();
  for (uint32_t i7 = 39u; i7 < p->length() && i7 < 71u; i7++) {
    if (p->data()[i7] == 208u) {
      v6 = i7;
      break;
    }
  }
  _f2 += v6;
  return p;
}

class SynG104_0_E : public Element {
public:
  SynG104_0_E();
  const char *class_name() const override { return "SynG104_0_E"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint64_t _f0;
  uint32_t _f1;
  uint64_t _f2;
  uint64_t _f3;
  uint32_t _f4;
  uint32_t _a0[16];
  Vector<uint32_t, 16> _recent;
  uint32_t h0_SynG104_0_E(Packet *p, uint32_t a, uint32_t b);
  uint32_t h1_SynG104_0_E(Packet *p, uint32_t a, uint32_t b);
};

SynG104_0_E::SynG104_0_E() : _drops(0), _f0(13), _f1(10), _f2(14), _f3(3), _f4(13) {
  memset(_a0, 0, sizeof(_a0));
}

uint32_t SynG104_0_E::h0_SynG104_0_E(Packet *p, uint32_t a, uint32_t b) {
  for (int i8 = 0; i8 < 16; i8++) {
    _a0[i8] ^= p->headroom();
  }
  if (!_recent.full())
    _recent.push_back(p->length());
  else
    _recent.clear();
  _f3 += a;
  return a ^ b;
}

uint32_t SynG104_0_E::h1_SynG104_0_E(Packet *p, uint32_t a, uint32_t b) {
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  if (!_recent.empty() && _recent.back() != (uint32_t)_a0[((uint32_t)ntohs(iph->ip_off)) & 15u])
    _recent.pop_back();
  assert(p->length() >= 54u);
  assert(p->length() >= 54u);
  _f0 += a;
  return a ^ b;
}

Packet *SynG104_0_E::simple_action(Packet *p) {
  if (p->length() < 54u) {
    _drops++;
    p->kill();
    return 0;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_ether *eh = reinterpret_cast<click_ether *>(q->data());
  uint32_t v9 = 186u;
  for (uint32_t i10 = 54u; i10 < q->length() && i10 < 86u; i10++) {
    if (q->data()[i10] == 117u) {
      v9 = i10;
      break;
    }
  }
  switch ((q->length()) & 7u) {
    case 1: {
      v9 += (uint32_t)_a0[((uint32_t)ntohs(eh->ether_type)) & 15u];
      assert(q->length() >= 54u);
    }
    break;
    case 3: {
      uint32_t v11 = v9;
      for (uint32_t i12 = 53u; i12 < q->length() && i12 < 69u; i12++) {
        v11 ^= (uint32_t)q->data()[i12] << (i12 & 7u);
      }
      _f4 += v11;
    }
    break;
    default: {
      assert(_recent.size() <= _recent.capacity());
    }
    break;
  }
  return q;
}

#include <click/clara.hh>

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[5];
  e[0] = new SynG104_0_A;
  e[1] = new SynG104_0_B;
  e[2] = new SynG104_0_C;
  e[3] = new SynG104_0_D;
  e[4] = new SynG104_0_E;
  String conf = config ? String(config) : String();
  bool ok = true;
  ok = ok && clara_element_setup(e[0], conf, 1, 1) >= 0;
  ok = ok && clara_element_setup(e[1], String(), 1, 1) >= 0;
  ok = ok && clara_element_setup(e[2], String(), 1, 2) >= 0;
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
