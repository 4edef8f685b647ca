// Synthesised by clara-synth (seed 101, index 0): 5 Click elements.
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

struct SynRec_G101_0 {
  uint64_t packets;
  uint64_t bytes;
  uint32_t last;
  uint32_t flags;
};

// Counts completed stages when it goes out of scope.
struct SynScope_G101_0 {
  uint64_t &count;
  explicit SynScope_G101_0(uint64_t &c) : count(c) {}
  ~SynScope_G101_0() { count++; }
};

class SynG101_0_A : public Element {
public:
  SynG101_0_A();
  const char *class_name() const override { return "SynG101_0_A"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint64_t _f0;
  uint64_t _f1;
  HashTable<uint32_t, SynRec_G101_0, 64, 4> _flows;
  uint32_t h0_SynG101_0_A(Packet *p, uint32_t a, uint32_t b);
  uint32_t h1_SynG101_0_A(Packet *p, uint32_t a, uint32_t b);
};

SynG101_0_A::SynG101_0_A() : _drops(0), _f0(9), _f1(11) {
}

uint32_t SynG101_0_A::h0_SynG101_0_A(Packet *p, uint32_t a, uint32_t b) {
  const click_tcp *th = reinterpret_cast<const click_tcp *>(p->data() + 34);
  assert(p->length() >= 54u);
  assert(p->length() >= 54u);
  assert(p->length() >= 54u);
  uint32_t v0 = (uint32_t)th->th_off;
  _f0 += a;
  return a ^ b ^ v0;
}

uint32_t SynG101_0_A::h1_SynG101_0_A(Packet *p, uint32_t a, uint32_t b) {
  const click_ether *eh = reinterpret_cast<const click_ether *>(p->data());
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  const click_tcp *th = reinterpret_cast<const click_tcp *>(p->data() + 34);
  if ((p->length() >= 4u) || ((p->length() - 54u) < 173u)) {
    assert(_flows.size() <= _flows.capacity());
    if ((uint32_t)ntohs(eh->ether_type) >= ((p->length() - 54u) - (uint32_t)th->th_off)) {
      b |= p->length();
      assert(p->length() >= 54u);
    }
    else if (((uint32_t)eh->ether_shost[5] < 35u) || (p->length() < (uint32_t)eh->ether_dhost[1])) {
      b += (uint32_t)eh->ether_shost[3];
      assert(p->length() >= 54u);
    }
    else if ((p->headroom() >= 108u) || ((uint32_t)ntohs(th->th_sport) < 82u)) {
      assert(p->length() >= 54u);
      assert(p->length() >= 54u);
    }
    else {
      p->set_anno_u32(28, (uint32_t)ntohs(iph->ip_id));
    }
    _f1 += p->length();
  }
  else {
    _f0++;
    assert(p->length() >= 54u);
  }
  SET_PAINT_ANNO(p, (uint8_t)((uint32_t)iph->ip_p));
  a |= p->anno_u32(32);
  _f0 += a;
  return a ^ b;
}

Packet *SynG101_0_A::simple_action(Packet *p) {
  if (p->length() < 54u) {
    _drops++;
    p->kill();
    return 0;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_ether *eh = reinterpret_cast<click_ether *>(q->data());
  click_ip *iph = reinterpret_cast<click_ip *>(q->data() + 14);
  click_tcp *th = reinterpret_cast<click_tcp *>(q->data() + 34);
  assert(q->length() >= 54u);
  {
    SynScope_G101_0 scope(_f1);
    uint32_t v1 = (uint32_t)ntohs(th->th_sport);
    for (uint32_t i2 = 52u; i2 < q->length() && i2 < 60u; i2++) {
      if (q->data()[i2] == 43u) {
        v1 = i2;
        break;
      }
    }
    assert(q->length() >= 54u);
    _f0 += v1;
  }
  switch (iph->ip_p) {
    case IP_PROTO_TCP: {
      assert(q->length() >= 54u);
      uint32_t v3 = q->length() - 34u;
      v3 = click_in_cksum_pseudohdr(click_in_cksum(q->data() + 34, (int)v3), iph, (int)v3);
      _f0 += v3;
    }
    break;
    case IP_PROTO_UDP: {
      uint32_t v4 = q->length();
      for (uint32_t i5 = 51u; i5 < q->length() && i5 < 59u; i5++) {
        v4 = v4 * 31u + q->data()[i5];
      }
      uint32_t v6 = (uint32_t)ntohs(iph->ip_off);
      for (uint32_t i7 = 54u; i7 < q->length() && i7 < 118u; i7++) {
        v6 ^= (uint32_t)q->data()[i7] << (i7 & 7u);
      }
      _f1 += v4;
      _f0 += v6;
    }
    break;
    case IP_PROTO_ICMP: {
      assert(q->length() >= 54u);
    }
    break;
    case IP_PROTO_GRE: {
      assert(q->length() >= 54u);
    }
    break;
    default: {
      uint32_t v8 = (uint32_t)ntohs(eh->ether_type);
      for (uint32_t i9 = 49u; i9 < q->length() && i9 < 65u; i9++) {
        if (q->data()[i9] == 29u) {
          v8 = i9;
          break;
        }
      }
      _f0 += v8;
    }
    break;
  }
  return q;
}

class SynG101_0_B : public Element {
public:
  SynG101_0_B();
  const char *class_name() const override { return "SynG101_0_B"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint16_t _f0;
  uint8_t _f1;
  uint8_t _f2;
  uint32_t _f3;
  uint8_t _f4;
};

SynG101_0_B::SynG101_0_B() : _drops(0), _f0(3), _f1(1), _f2(5), _f3(4), _f4(3) {
}

Packet *SynG101_0_B::simple_action(Packet *p) {
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
  assert(q->length() >= 54u);
  return q;
}

class SynG101_0_C : public Element {
public:
  SynG101_0_C();
  const char *class_name() const override { return "SynG101_0_C"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint64_t _f0;
  uint32_t _f1;
  uint32_t _f2;
  uint32_t _f3;
  uint16_t _a0[64];
  uint16_t _a1[16];
  HashTable<uint32_t, SynRec_G101_0, 64, 4> _flows;
  Vector<uint32_t, 32> _recent;
  uint32_t h0_SynG101_0_C(Packet *p, uint32_t a, uint32_t b);
};

SynG101_0_C::SynG101_0_C() : _drops(0), _f0(0), _f1(6), _f2(5), _f3(3) {
  memset(_a0, 0, sizeof(_a0));
  memset(_a1, 0, sizeof(_a1));
}

uint32_t SynG101_0_C::h0_SynG101_0_C(Packet *p, uint32_t a, uint32_t b) {
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  assert(_recent.size() <= _recent.capacity());
  uint32_t v10 = p->length();
  HashTable<uint32_t, SynRec_G101_0, 64, 4>::iterator it11 = _flows.find(v10);
  if (it11.live() && it11.value().packets > 13u)
    _flows.erase(it11);
  assert(_recent.size() <= _recent.capacity());
  uint32_t v12 = ((uint32_t)_a1[((uint32_t)ntohs(iph->ip_len)) & 15u] - p->headroom());
  HashTable<uint32_t, SynRec_G101_0, 64, 4>::iterator it13 = _flows.find(v12);
  if (it13.live() && it13.value().packets > 55u)
    _flows.erase(it13);
  assert(p->length() >= 42u);
  _f0 += a;
  return a ^ b;
}

Packet *SynG101_0_C::simple_action(Packet *p) {
  if (p->length() < 42u) {
    _drops++;
    p->kill();
    return 0;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  assert(q->length() >= 42u);
  assert(q->length() >= 42u);
  return q;
}

class SynG101_0_D : public Element {
public:
  SynG101_0_D();
  const char *class_name() const override { return "SynG101_0_D"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint64_t _f0;
  uint64_t _f1;
  uint32_t h0_SynG101_0_D(Packet *p, uint32_t a, uint32_t b);
};

SynG101_0_D::SynG101_0_D() : _drops(0), _f0(12), _f1(11) {
}

uint32_t SynG101_0_D::h0_SynG101_0_D(Packet *p, uint32_t a, uint32_t b) {
  assert(p->length() >= 54u);
  assert(p->length() >= 54u);
  _f0++;
  if (p->headroom() < 5u) {
    uint32_t v14 = (uint32_t)p->timestamp_anno().sec();
    uint32_t v15 = (uint32_t)p->timestamp_anno().sec();
    assert(p->length() >= 54u);
    _f0 += v14;
    _f1 += v15;
  }
  else {
    assert(p->length() >= 54u);
  }
  assert(p->length() >= 54u);
  _f0 += a;
  return a ^ b;
}

Packet *SynG101_0_D::simple_action(Packet *p) {
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

class SynG101_0_E : public Element {
public:
  SynG101_0_E();
  const char *class_name() const override { return "SynG101_0_E"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint32_t _f0;
  uint64_t _f1;
  uint32_t _f2;
  uint64_t _f3;
  uint32_t _a0[8];
  uint32_t _a1[32];
  HashTable<uint32_t, SynRec_G101_0, 64, 4> _flows;
  Vector<uint32_t, 16> _recent;
};

SynG101_0_E::SynG101_0_E() : _drops(0), _f0(14), _f1(13), _f2(5), _f3(8) {
  memset(_a0, 0, sizeof(_a0));
  memset(_a1, 0, sizeof(_a1));
}

Packet *SynG101_0_E::simple_action(Packet *p) {
  if (p->length() < 54u) {
    _drops++;
    p->kill();
    return 0;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  uint32_t v16 = ((q->length() - 54u) - q->length());
  for (uint32_t i17 = 52u; i17 < q->length() && i17 < 68u; i17++) {
    if (q->data()[i17] == 227u) {
      v16 = i17;
      break;
    }
  }
  assert(_flows.size() <= _flows.capacity());
  _f1 += v16;
  return q;
}

#include <click/clara.hh>

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[5];
  e[0] = new SynG101_0_A;
  e[1] = new SynG101_0_B;
  e[2] = new SynG101_0_C;
  e[3] = new SynG101_0_D;
  e[4] = new SynG101_0_E;
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
