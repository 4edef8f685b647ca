// Synthesised by clara-synth (seed 103, index 0): 4 Click elements.
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

struct SynRec_G103_0 {
  uint64_t packets;
  uint64_t bytes;
  uint32_t last;
  uint32_t flags;
};

// Counts completed stages when it goes out of scope.
struct SynScope_G103_0 {
  uint64_t &count;
  explicit SynScope_G103_0(uint64_t &c) : count(c) {}
  ~SynScope_G103_0() { count++; }
};

class SynG103_0_A : public Element {
public:
  SynG103_0_A();
  const char *class_name() const override { return "SynG103_0_A"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint32_t _f0;
  uint32_t _f1;
  uint32_t _f2;
  HashTable<uint32_t, SynRec_G103_0, 64, 4> _flows;
  Vector<uint32_t, 16> _recent;
  uint32_t h0_SynG103_0_A(Packet *p, uint32_t a, uint32_t b);
};

SynG103_0_A::SynG103_0_A() : _drops(0), _f0(0), _f1(9), _f2(2) {
}

uint32_t SynG103_0_A::h0_SynG103_0_A(Packet *p, uint32_t a, uint32_t b) {
  const click_udp *uh = reinterpret_cast<const click_udp *>(p->data() + 34);
  if (((uint32_t)ntohs(uh->uh_dport) <= 94u) || ((uint32_t)ntohs(uh->uh_sport) < 184u)) {
    assert(p->length() >= 42u);
    assert(p->length() >= 42u);
  }
  else if (((p->length() - 42u) & 0x8u) == 0) {
    assert(p->length() >= 42u);
    assert(_flows.size() <= _flows.capacity());
  }
  else {
    assert(p->length() >= 42u);
  }
  assert(p->length() >= 42u);
  assert(_flows.size() <= _flows.capacity());
  assert(_flows.size() <= _flows.capacity());
  assert(p->length() >= 42u);
  _f2 += a;
  return a ^ b;
}

Packet *SynG103_0_A::simple_action(Packet *p) {
  if (p->length() < 42u) {
    _drops++;
    p->kill();
    return 0;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  if (!_recent.empty() && _recent.back() != q->length())
    _recent.pop_back();
  assert(q->length() >= 42u);
  {
    SynScope_G103_0 scope(_drops);
    assert(q->length() >= 42u);
  }
  return q;
}

class SynG103_0_B : public Element {
public:
  SynG103_0_B();
  const char *class_name() const override { return "SynG103_0_B"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint16_t _f0;
  uint64_t _f1;
  uint32_t _f2;
  uint64_t _f3;
  uint32_t _f4;
  HashTable<uint32_t, SynRec_G103_0, 64, 4> _flows;
  Vector<uint32_t, 32> _recent;
  uint32_t h0_SynG103_0_B(Packet *p, uint32_t a, uint32_t b);
};

SynG103_0_B::SynG103_0_B() : _drops(0), _f0(4), _f1(0), _f2(9), _f3(11), _f4(6) {
}

uint32_t SynG103_0_B::h0_SynG103_0_B(Packet *p, uint32_t a, uint32_t b) {
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  assert(_flows.size() <= _flows.capacity());
  if (((p->length() - 42u) & 0x2u) != 0) {
    assert(p->length() >= 42u);
    assert(_recent.size() <= _recent.capacity());
  }
  else if ((p->length() >= 27u) || ((p->length() - 42u) > p->headroom())) {
    assert(p->length() >= 42u);
  }
  else if (((p->headroom() & 0x8u) != 0) || ((uint32_t)ntohs(iph->ip_id) == 55u)) {
    assert(_recent.size() <= _recent.capacity());
    if (!_recent.empty() && _recent.back() != (uint32_t)ntohs(iph->ip_len))
      _recent.pop_back();
  }
  else {
    a |= ntohl(iph->ip_src.s_addr);
  }
  assert(_recent.size() <= _recent.capacity());
  p->set_anno_u16(18, (uint16_t)((uint32_t)iph->ip_hl));
  _f3 += a;
  return a ^ b;
}

Packet *SynG103_0_B::simple_action(Packet *p) {
  if (p->length() < 42u) {
    _drops++;
    p->kill();
    return 0;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_udp *uh = reinterpret_cast<click_udp *>(q->data() + 34);
  uint32_t v0 = (q->length() - 42u);
  HashTable<uint32_t, SynRec_G103_0, 64, 4>::iterator it1 = _flows.find(v0);
  if (it1.live() && it1.value().packets > 66u)
    _flows.erase(it1);
  uint32_t v2 = (uint32_t)ntohs(uh->uh_sport);
  for (uint32_t i3 = 41u; i3 < q->length() && i3 < 73u; i3++) {
    v2 = v2 * 31u + q->data()[i3];
    assert(q->length() >= 42u);
  }
  _f1 += v2;
  return q;
}

class SynG103_0_C : public Element {
public:
  SynG103_0_C();
  const char *class_name() const override { return "SynG103_0_C"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint8_t _f0;
  uint64_t _f1;
  uint16_t _f2;
  uint32_t _a0[16];
  uint64_t _a1[64];
  Vector<uint32_t, 8> _recent;
  uint32_t h0_SynG103_0_C(Packet *p, uint32_t a, uint32_t b);
  uint32_t h1_SynG103_0_C(Packet *p, uint32_t a, uint32_t b);
};

SynG103_0_C::SynG103_0_C() : _drops(0), _f0(8), _f1(3), _f2(12) {
  memset(_a0, 0, sizeof(_a0));
  memset(_a1, 0, sizeof(_a1));
}

uint32_t SynG103_0_C::h0_SynG103_0_C(Packet *p, uint32_t a, uint32_t b) {
  const click_ether *eh = reinterpret_cast<const click_ether *>(p->data());
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  const click_tcp *th = reinterpret_cast<const click_tcp *>(p->data() + 34);
  assert(_recent.size() <= _recent.capacity());
  if (((uint32_t)iph->ip_hl == 96u) || (((uint32_t)ntohs(eh->ether_type) & 0x2u) == 0)) {
    assert(p->length() >= 54u);
  }
  else if ((ntohl(iph->ip_src.s_addr) == p->length()) || ((uint32_t)iph->ip_p >= ntohl(th->th_ack))) {
    uint32_t v4 = (uint32_t)th->th_off;
    uint32_t v5 = (uint32_t)th->th_flags;
    _f2 = (uint16_t)v4;
    _f2 = (uint16_t)v5;
  }
  else {
    assert(p->length() >= 54u);
  }
  assert(_recent.size() <= _recent.capacity());
  assert(p->length() >= 54u);
  _f2 = (uint16_t)a;
  return a ^ b;
}

uint32_t SynG103_0_C::h1_SynG103_0_C(Packet *p, uint32_t a, uint32_t b) {
  const click_ether *eh = reinterpret_cast<const click_ether *>(p->data());
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  if (((uint32_t)ntohs(iph->ip_id) > 180u) || ((uint32_t)ntohs(eh->ether_type) > 93u)) {
    uint32_t v6 = (uint32_t)eh->ether_shost[0];
    assert(p->length() >= 54u);
    assert(p->length() >= 54u);
    _f0 = (uint8_t)v6;
  }
  else {
    assert(_recent.size() <= _recent.capacity());
  }
  assert(p->length() >= 54u);
  uint32_t v7 = 0;
  for (int i8 = 0; i8 < _recent.size(); i8++) {
    if (_recent[i8] == p->length()) {
      v7 = (uint32_t)i8 + 1;
      break;
    }
  }
  uint32_t v9 = p->headroom();
  uint32_t v10 = (uint32_t)p->timestamp_anno().sec();
  _f2 = (uint16_t)a;
  _f0 = (uint8_t)v10;
  return a ^ b ^ v7 ^ v9;
}

Packet *SynG103_0_C::simple_action(Packet *p) {
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
  switch (iph->ip_p) {
    case IP_PROTO_TCP: {
      uint32_t v11 = q->headroom();
      for (uint32_t i12 = 51u; i12 < q->length() && i12 < 115u; i12++) {
        if (q->data()[i12] == 142u) {
          v11 = i12;
          break;
        }
      }
      th->th_flags = (uint8_t)(th->th_flags | ((ntohl(th->th_ack)) & 0x8u));
      _f2 = (uint16_t)v11;
    }
    break;
    case IP_PROTO_UDP: {
      assert(q->length() >= 54u);
      for (int i13 = 0; i13 < 64; i13++) {
        if (_a1[i13] > (uint32_t)_a1[(q->length()) & 63u]) _a1[i13] = _a1[i13] >> 1;
      }
    }
    break;
    case IP_PROTO_ICMP: {
      assert(_recent.size() <= _recent.capacity());
    }
    break;
    default: {
      if (!_recent.empty() && _recent.back() != (uint32_t)_a0[((uint32_t)iph->ip_sum) & 15u])
        _recent.pop_back();
    }
    break;
  }
  if (!_recent.full())
    _recent.push_back((uint32_t)ntohs(th->th_sport));
  else
    _recent.clear();
  th->th_flags = (uint8_t)(th->th_flags | (((uint32_t)eh->ether_dhost[4]) & 0x40u));
  return q;
}

class SynG103_0_D : public Element {
public:
  SynG103_0_D();
  const char *class_name() const override { return "SynG103_0_D"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

protected:
  uint64_t _drops;
  uint64_t _f0;
  uint32_t _f1;
  uint32_t _f2;
  uint32_t h0_SynG103_0_D(Packet *p, uint32_t a, uint32_t b);
};

SynG103_0_D::SynG103_0_D() : _drops(0), _f0(13), _f1(4), _f2(7) {
}

uint32_t SynG103_0_D::h0_SynG103_0_D(Packet *p, uint32_t a, uint32_t b) {
  const click_tcp *th = reinterpret_cast<const click_tcp *>(p->data() + 34);
  assert(p->length() >= 54u);
  assert(p->length() >= 54u);
  switch (((uint32_t)ntohs(th->th_win)) & 7u) {
    case 1: {
      assert(p->length() >= 54u);
      assert(p->length() >= 54u);
    }
    break;
    case 3: {
      assert(p->length() >= 54u);
    }
    break;
    case 4: {
      assert(p->length() >= 54u);
    }
    break;
    default: {
      assert(p->length() >= 54u);
    }
    break;
  }
  _f0 += a;
  return a ^ b;
}

void SynG103_0_D::push(int, Packet *p) {
  if (p->length() < 54u) {
    _drops++;
    p->kill();
    return;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  click_tcp *th = reinterpret_cast<click_tcp *>(q->data() + 34);
  uint32_t v14 = h0_SynG103_0_D(q, ntohl(th->th_seq), ntohl(th->th_ack));
  uint32_t v15 = q->headroom();
  for (uint32_t i16 = 51u; i16 < q->length() && i16 < 59u; i16++) {
    v15 = v15 * 31u + q->data()[i16];
  }
  _f2 += v14;
  _f2 += v15;
  output(0).push(q);
}

#include <click/clara.hh>

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[4];
  e[0] = new SynG103_0_A;
  e[1] = new SynG103_0_B;
  e[2] = new SynG103_0_C;
  e[3] = new SynG103_0_D;
  String conf = config ? String(config) : String();
  bool ok = true;
  ok = ok && clara_element_setup(e[0], conf, 1, 1) >= 0;
  ok = ok && clara_element_setup(e[1], String(), 1, 1) >= 0;
  ok = ok && clara_element_setup(e[2], String(), 1, 1) >= 0;
  ok = ok && clara_element_setup(e[3], String(), 1, 2) >= 0;
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
