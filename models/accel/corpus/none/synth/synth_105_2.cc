// Synthesised by clara-synth (seed 105, index 2): 3 Click elements.
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

struct SynRec_G105_2 {
  uint64_t packets;
  uint64_t bytes;
  uint32_t last;
  uint32_t flags;
};

// Counts completed stages when it goes out of scope.
struct SynScope_G105_2 {
  uint64_t &count;
  explicit SynScope_G105_2(uint64_t &c) : count(c) {}
  ~SynScope_G105_2() { count++; }
};

class SynG105_2_A : public Element {
public:
  SynG105_2_A();
  const char *class_name() const override { return "SynG105_2_A"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

protected:
  uint64_t _drops;
  uint64_t _f0;
  uint64_t _f1;
  uint32_t _f2;
  uint32_t _f3;
  uint64_t _f4;
  uint64_t _f5;
  HashTable<uint32_t, SynRec_G105_2, 64, 4> _flows;
};

SynG105_2_A::SynG105_2_A() : _drops(0), _f0(7), _f1(3), _f2(3), _f3(11), _f4(15), _f5(12) {
}

void SynG105_2_A::push(int, Packet *p) {
  if (p->length() < 54u) {
    _drops++;
    p->kill();
    return;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  click_tcp *th = reinterpret_cast<click_tcp *>(q->data() + 34);
  assert(q->length() >= 54u);
  if ((ntohl(th->th_seq) < 24u) || ((uint32_t)ntohs(th->th_dport) == 92u)) {
    checked_output_push(1, q);
    return;
  }
  output(0).push(q);
}

class SynG105_2_B : public Element {
public:
  SynG105_2_B();
  const char *class_name() const override { return "SynG105_2_B"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

protected:
  uint64_t _drops;
  uint64_t _f0;
  uint16_t _f1;
  uint32_t _f2;
  uint32_t _a0[32];
  uint32_t _a1[8];
};

SynG105_2_B::SynG105_2_B() : _drops(0), _f0(2), _f1(2), _f2(9) {
  memset(_a0, 0, sizeof(_a0));
  memset(_a1, 0, sizeof(_a1));
}

void SynG105_2_B::push(int, Packet *p) {
  if (p->length() < 42u) {
    _drops++;
    p->kill();
    return;
  }
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  const click_udp *uh = reinterpret_cast<const click_udp *>(p->data() + 34);
  if (((uint32_t)p->anno_u16(32) < 176u) || (((uint32_t)iph->ip_sum & 0x2u) != 0)) {
    checked_output_push(1, p);
    return;
  }
  if (((uint32_t)ntohs(uh->uh_ulen) > 99u) || (p->length() == 15u)) {
    assert(p->length() >= 42u);
    uint32_t v0 = p->headroom();
    for (uint32_t i1 = 40u; i1 < p->length() && i1 < 48u; i1++) {
      if (p->data()[i1] == 150u) {
        v0 = i1;
        break;
      }
    }
    assert(p->length() >= 42u);
    _f1 = (uint16_t)v0;
  }
  output(0).push(p);
}

class SynG105_2_C : public Element {
public:
  SynG105_2_C();
  const char *class_name() const override { return "SynG105_2_C"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint16_t _f0;
  uint64_t _f1;
  uint8_t _f2;
  uint32_t _f3;
  uint32_t _f4;
  uint32_t _a0[64];
  uint32_t _a1[8];
  uint32_t h0_SynG105_2_C(Packet *p, uint32_t a, uint32_t b);
  uint32_t h1_SynG105_2_C(Packet *p, uint32_t a, uint32_t b);
};

SynG105_2_C::SynG105_2_C() : _drops(0), _f0(9), _f1(11), _f2(2), _f3(7), _f4(8) {
  memset(_a0, 0, sizeof(_a0));
  memset(_a1, 0, sizeof(_a1));
}

uint32_t SynG105_2_C::h0_SynG105_2_C(Packet *p, uint32_t a, uint32_t b) {
  uint32_t v2 = (uint32_t)p->timestamp_anno().sec();
  uint32_t v3 = 39372u;
  _f4++;
  _f4 += a;
  return a ^ b ^ v2 ^ v3;
}

uint32_t SynG105_2_C::h1_SynG105_2_C(Packet *p, uint32_t a, uint32_t b) {
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  const click_udp *uh = reinterpret_cast<const click_udp *>(p->data() + 34);
  assert(p->length() >= 42u);
  assert(p->length() >= 42u);
  assert(p->length() >= 42u);
  switch (((uint32_t)_a1[((uint32_t)iph->ip_v) & 7u]) & 7u) {
    case 0: {
      for (int i4 = 0; i4 < 8; i4++) {
        if (_a1[i4] == (uint32_t)uh->uh_sum) {
          _drops++;
          break;
        }
      }
    }
    break;
    case 3: {
      assert(p->length() >= 42u);
    }
    break;
    default: {
      _f4 += (uint32_t)ntohs(uh->uh_dport);
    }
    break;
  }
  _f1 += a;
  return a ^ b;
}

Packet *SynG105_2_C::simple_action(Packet *p) {
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
  {
    SynScope_G105_2 scope(_f1);
    uint32_t v5 = q->length();
    for (uint32_t i6 = 40u; i6 < q->length() && i6 < 72u; i6++) {
      v5 = v5 * 31u + q->data()[i6];
    }
    assert(q->length() >= 42u);
    uint32_t v7 = (uint32_t)iph->ip_sum;
    for (uint32_t i8 = 41u; i8 < q->length() && i8 < 73u; i8++) {
      v7 = v7 * 31u + q->data()[i8];
    }
    _f3 += v5;
    _f4 += v7;
  }
  return q;
}

#include <click/clara.hh>

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[3];
  e[0] = new SynG105_2_A;
  e[1] = new SynG105_2_B;
  e[2] = new SynG105_2_C;
  String conf = config ? String(config) : String();
  bool ok = true;
  ok = ok && clara_element_setup(e[0], conf, 1, 2) >= 0;
  ok = ok && clara_element_setup(e[1], String(), 1, 2) >= 0;
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
