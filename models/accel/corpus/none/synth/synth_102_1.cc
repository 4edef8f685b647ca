// Synthesised by clara-synth (seed 102, index 1): 5 Click elements.
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

struct SynRec_G102_1 {
  uint64_t packets;
  uint64_t bytes;
  uint32_t last;
  uint32_t flags;
};

// Counts completed stages when it goes out of scope.
struct SynScope_G102_1 {
  uint64_t &count;
  explicit SynScope_G102_1(uint64_t &c) : count(c) {}
  ~SynScope_G102_1() { count++; }
};

class SynG102_1_A : public Element {
public:
  SynG102_1_A();
  const char *class_name() const override { return "SynG102_1_A"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint32_t _f0;
  uint64_t _f1;
  uint64_t _f2;
  uint16_t _a0[32];
  uint64_t _a1[8];
  HashTable<uint32_t, SynRec_G102_1, 64, 4> _flows;
  uint32_t h0_SynG102_1_A(Packet *p, uint32_t a, uint32_t b);
};

SynG102_1_A::SynG102_1_A() : _drops(0), _f0(6), _f1(13), _f2(4) {
  memset(_a0, 0, sizeof(_a0));
  memset(_a1, 0, sizeof(_a1));
}

uint32_t SynG102_1_A::h0_SynG102_1_A(Packet *p, uint32_t a, uint32_t b) {
  assert(p->length() >= 54u);
  assert(p->length() >= 54u);
  _f0 += a;
  return a ^ b;
}

Packet *SynG102_1_A::simple_action(Packet *p) {
  if (p->length() < 54u) {
    _drops++;
    p->kill();
    return 0;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_ip *iph = reinterpret_cast<click_ip *>(q->data() + 14);
  click_tcp *th = reinterpret_cast<click_tcp *>(q->data() + 34);
  {
    SynScope_G102_1 scope(_f2);
    uint16_t v0 = iph->ip_id;
    iph->ip_id = htons((uint16_t)((uint32_t)_f2));
    click_update_in_cksum(&iph->ip_sum, v0, iph->ip_id);
    _a0[(q->length()) & 31u] = (uint16_t)((q->length() - 54u));
    uint32_t v1 = (uint32_t)th->th_flags;
    SynRec_G102_1 *v2 = _flows.get_pointer(v1);
    if (v2) {
      v2->packets++;
      v2->bytes += (uint32_t)_a1[(ntohl(iph->ip_dst.s_addr)) & 7u];
      v2->last = v1;
    }
    else {
      SynRec_G102_1 rec;
      rec.packets = 1;
      rec.bytes = (uint32_t)_a1[(ntohl(iph->ip_dst.s_addr)) & 7u];
      rec.last = v1;
      rec.flags = 0;
      if (!_flows.set(v1, rec))
        _drops++;
    }
  }
  uint32_t v3 = (uint32_t)_a0[(q->length()) & 31u];
  for (uint32_t i4 = 53u; i4 < q->length() && i4 < 85u; i4++) {
    v3 = v3 * 31u + q->data()[i4];
  }
  _f1 += v3;
  return q;
}

class SynG102_1_B : public Element {
public:
  SynG102_1_B();
  const char *class_name() const override { return "SynG102_1_B"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

protected:
  uint64_t _drops;
  uint16_t _f0;
  uint64_t _f1;
  uint64_t _f2;
  uint32_t _a0[64];
};

SynG102_1_B::SynG102_1_B() : _drops(0), _f0(15), _f1(5), _f2(3) {
  memset(_a0, 0, sizeof(_a0));
}

void SynG102_1_B::push(int, Packet *p) {
  if (p->length() < 54u) {
    _drops++;
    p->kill();
    return;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  click_ether *eh = reinterpret_cast<click_ether *>(q->data());
  click_ip *iph = reinterpret_cast<click_ip *>(q->data() + 14);
  if (((q->length() - (uint32_t)iph->ip_sum) != 48u) || (((uint32_t)eh->ether_dhost[0] & 0x2u) == 0)) {
    checked_output_push(1, q);
    return;
  }
  if ((((uint32_t)ntohs(eh->ether_type) & 0x1u) == 0) || ((uint32_t)_a0[((uint32_t)_f0) & 63u] <= (uint32_t)_f1)) {
    checked_output_push(1, q);
    return;
  }
  output(0).push(q);
}

class SynG102_1_C : public Element {
public:
  SynG102_1_C();
  const char *class_name() const override { return "SynG102_1_C"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

protected:
  uint64_t _drops;
  uint16_t _f0;
  uint64_t _f1;
  uint32_t _f2;
  uint64_t _f3;
  uint32_t _f4;
  uint32_t _f5;
  uint64_t _a0[32];
  uint32_t _a1[64];
  HashTable<uint32_t, SynRec_G102_1, 64, 4> _flows;
  Vector<uint32_t, 16> _recent;
};

SynG102_1_C::SynG102_1_C() : _drops(0), _f0(3), _f1(10), _f2(8), _f3(13), _f4(11), _f5(13) {
  memset(_a0, 0, sizeof(_a0));
  memset(_a1, 0, sizeof(_a1));
}

void SynG102_1_C::push(int, Packet *p) {
  if (p->length() < 54u) {
    _drops++;
    p->kill();
    return;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  click_ip *iph = reinterpret_cast<click_ip *>(q->data() + 14);
  click_tcp *th = reinterpret_cast<click_tcp *>(q->data() + 34);
  assert(_flows.size() <= _flows.capacity());
  uint32_t v5 = (uint32_t)_a1[((uint32_t)iph->ip_p) & 63u];
  for (uint32_t i6 = 49u; i6 < q->length() && i6 < 81u; i6++) {
    v5 ^= (uint32_t)q->data()[i6] << (i6 & 7u);
    iph->ip_tos = (uint8_t)((iph->ip_tos & 0x3u) | ((ntohl(th->th_seq)) << 2));
  }
  _f0 = (uint16_t)v5;
  output(0).push(q);
}

class SynG102_1_D : public Element {
public:
  SynG102_1_D();
  const char *class_name() const override { return "SynG102_1_D"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

protected:
  uint64_t _drops;
  uint32_t _f0;
  uint32_t _f1;
  uint16_t _f2;
  uint16_t _f3;
  uint64_t _f4;
  uint32_t _f5;
  Vector<uint32_t, 8> _recent;
};

SynG102_1_D::SynG102_1_D() : _drops(0), _f0(10), _f1(7), _f2(1), _f3(7), _f4(5), _f5(4) {
}

void SynG102_1_D::push(int, Packet *p) {
  if (p->length() < 42u) {
    _drops++;
    p->kill();
    return;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  click_ip *iph = reinterpret_cast<click_ip *>(q->data() + 14);
  click_udp *uh = reinterpret_cast<click_udp *>(q->data() + 34);
  if ((uint32_t)uh->uh_sum != 22u) {
    checked_output_push(1, q);
    return;
  }
  if (((uint32_t)ntohs(iph->ip_off) == 77u) || ((uint32_t)uh->uh_sum != 167u)) {
    checked_output_push(1, q);
    return;
  }
  assert(q->length() >= 42u);
  output(0).push(q);
}

class SynG102_1_E : public Element {
public:
  SynG102_1_E();
  const char *class_name() const override { return "SynG102_1_E"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

protected:
  uint64_t _drops;
  uint32_t _f0;
  uint8_t _f1;
  uint32_t _f2;
  uint64_t _f3;
  uint32_t _a0[32];
  HashTable<uint32_t, SynRec_G102_1, 64, 4> _flows;
};

SynG102_1_E::SynG102_1_E() : _drops(0), _f0(0), _f1(2), _f2(1), _f3(14) {
  memset(_a0, 0, sizeof(_a0));
}

void SynG102_1_E::push(int, Packet *p) {
  if (p->length() < 54u) {
    _drops++;
    p->kill();
    return;
  }
  const click_ether *eh = reinterpret_cast<const click_ether *>(p->data());
  assert(p->length() >= 54u);
  uint32_t v7 = (uint32_t)ntohs(eh->ether_type);
  for (uint32_t i8 = 51u; i8 < p->length() && i8 < 67u; i8++) {
    v7 = v7 * 31u + p->data()[i8];
  }
  _f2 += v7;
  output(0).push(p);
}

#include <click/clara.hh>

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[5];
  e[0] = new SynG102_1_A;
  e[1] = new SynG102_1_B;
  e[2] = new SynG102_1_C;
  e[3] = new SynG102_1_D;
  e[4] = new SynG102_1_E;
  String conf = config ? String(config) : String();
  bool ok = true;
  ok = ok && clara_element_setup(e[0], conf, 1, 1) >= 0;
  ok = ok && clara_element_setup(e[1], String(), 1, 2) >= 0;
  ok = ok && clara_element_setup(e[2], String(), 1, 2) >= 0;
  ok = ok && clara_element_setup(e[3], String(), 1, 2) >= 0;
  ok = ok && clara_element_setup(e[4], String(), 1, 2) >= 0;
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
