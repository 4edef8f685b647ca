// Synthesised by clara-synth (seed 103, index 2): 2 Click elements.
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

struct SynRec_G103_2 {
  uint64_t packets;
  uint64_t bytes;
  uint32_t last;
  uint32_t flags;
};

// Counts completed stages when it goes out of scope.
struct SynScope_G103_2 {
  uint64_t &count;
  explicit SynScope_G103_2(uint64_t &c) : count(c) {}
  ~SynScope_G103_2() { count++; }
};

class SynG103_2_A : public Element {
public:
  SynG103_2_A();
  const char *class_name() const override { return "SynG103_2_A"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint64_t _f0;
  uint32_t _f1;
  uint64_t _a0[64];
  uint64_t _a1[16];
  uint32_t h0_SynG103_2_A(Packet *p, uint32_t a, uint32_t b);
  uint32_t h1_SynG103_2_A(Packet *p, uint32_t a, uint32_t b);
};

SynG103_2_A::SynG103_2_A() : _drops(0), _f0(4), _f1(4) {
  memset(_a0, 0, sizeof(_a0));
  memset(_a1, 0, sizeof(_a1));
}

uint32_t SynG103_2_A::h0_SynG103_2_A(Packet *p, uint32_t a, uint32_t b) {
  const click_ether *eh = reinterpret_cast<const click_ether *>(p->data());
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  assert(p->length() >= 42u);
  if (((uint32_t)eh->ether_shost[5] < 105u) || ((uint32_t)iph->ip_sum <= p->length())) {
    assert(p->length() >= 42u);
  }
  assert(p->length() >= 42u);
  _f1 += a;
  return a ^ b;
}

uint32_t SynG103_2_A::h1_SynG103_2_A(Packet *p, uint32_t a, uint32_t b) {
  assert(p->length() >= 42u);
  assert(p->length() >= 42u);
  assert(p->length() >= 42u);
  _f0 += a;
  return a ^ b;
}

Packet *SynG103_2_A::simple_action(Packet *p) {
  if (p->length() < 42u) {
    _drops++;
    p->kill();
    return 0;
  }
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  const click_udp *uh = reinterpret_cast<const click_udp *>(p->data() + 34);
  assert(p->length() >= 42u);
  uint32_t v0 = (uint32_t)ntohs(uh->uh_sport);
  for (uint32_t i1 = 41u; i1 < p->length() && i1 < 105u; i1++) {
    v0 ^= (uint32_t)p->data()[i1] << (i1 & 7u);
    _f0 += (uint32_t)iph->ip_sum;
  }
  _f1 += v0;
  return p;
}

class SynG103_2_B : public Element {
public:
  SynG103_2_B();
  const char *class_name() const override { return "SynG103_2_B"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint64_t _f0;
  uint32_t _f1;
  uint8_t _f2;
  uint32_t _f3;
  uint64_t _f4;
  uint64_t _f5;
  uint16_t _a0[8];
};

SynG103_2_B::SynG103_2_B() : _drops(0), _f0(0), _f1(5), _f2(15), _f3(15), _f4(13), _f5(11) {
  memset(_a0, 0, sizeof(_a0));
}

Packet *SynG103_2_B::simple_action(Packet *p) {
  if (p->length() < 54u) {
    _drops++;
    p->kill();
    return 0;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_tcp *th = reinterpret_cast<click_tcp *>(q->data() + 34);
  uint32_t v2 = ntohl(th->th_ack);
  for (uint32_t i3 = 53u; i3 < q->length() && i3 < 85u; i3++) {
    if (q->data()[i3] == 74u) {
      v2 = i3;
      break;
    }
    assert(q->length() >= 54u);
  }
  assert(q->length() >= 54u);
  _f5 += v2;
  return q;
}

#include <click/clara.hh>

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[2];
  e[0] = new SynG103_2_A;
  e[1] = new SynG103_2_B;
  String conf = config ? String(config) : String();
  bool ok = true;
  ok = ok && clara_element_setup(e[0], conf, 1, 1) >= 0;
  ok = ok && clara_element_setup(e[1], String(), 1, 1) >= 0;
  ok = ok && clara_connect(e[0], 0, e[1], 0) >= 0;
  if (!ok) {
    for (int i = 0; i < 2; i++)
      delete e[i];
    return 0;
  }
  return e[0];
}
