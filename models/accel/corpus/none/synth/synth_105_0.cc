// Synthesised by clara-synth (seed 105, index 0): 4 Click elements.
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

struct SynRec_G105_0 {
  uint64_t packets;
  uint64_t bytes;
  uint32_t last;
  uint32_t flags;
};

// Counts completed stages when it goes out of scope.
struct SynScope_G105_0 {
  uint64_t &count;
  explicit SynScope_G105_0(uint64_t &c) : count(c) {}
  ~SynScope_G105_0() { count++; }
};

class SynG105_0_A : public Element {
public:
  SynG105_0_A();
  const char *class_name() const override { return "SynG105_0_A"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint8_t _f0;
  uint64_t _f1;
  uint32_t _f2;
  uint8_t _f3;
  uint64_t _f4;
};

SynG105_0_A::SynG105_0_A() : _drops(0), _f0(12), _f1(2), _f2(8), _f3(3), _f4(9) {
}

Packet *SynG105_0_A::simple_action(Packet *p) {
  if (p->length() < 42u) {
    _drops++;
    p->kill();
    return 0;
  }
  const click_udp *uh = reinterpret_cast<const click_udp *>(p->data() + 34);
  uint32_t v0 = (uint32_t)ntohs(uh->uh_ulen);
  for (uint32_t i1 = 39u; i1 < p->length() && i1 < 47u; i1++) {
    if (p->data()[i1] == 181u) {
      v0 = i1;
      break;
    }
    assert(p->length() >= 42u);
  }
  assert(p->length() >= 42u);
  assert(p->length() >= 42u);
  _f4 += v0;
  return p;
}

class SynG105_0_B : public Element {
public:
  SynG105_0_B();
  const char *class_name() const override { return "SynG105_0_B"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

protected:
  uint64_t _drops;
  uint16_t _f0;
  uint32_t _f1;
  uint16_t _f2;
  uint64_t _f3;
  uint32_t _f4;
  Vector<uint32_t, 32> _recent;
  uint32_t h0_SynG105_0_B(Packet *p, uint32_t a, uint32_t b);
  uint32_t h1_SynG105_0_B(Packet *p, uint32_t a, uint32_t b);
};

SynG105_0_B::SynG105_0_B() : _drops(0), _f0(14), _f1(1), _f2(1), _f3(0), _f4(13) {
}

uint32_t SynG105_0_B::h0_SynG105_0_B(Packet *p, uint32_t a, uint32_t b) {
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  const click_tcp *th = reinterpret_cast<const click_tcp *>(p->data() + 34);
  uint32_t v2 = 0;
  for (int i3 = 0; i3 < _recent.size(); i3++) {
    if (_recent[i3] == (uint32_t)ntohs(th->th_dport)) {
      v2 = (uint32_t)i3 + 1;
      break;
    }
  }
  switch ((ntohl(iph->ip_src.s_addr)) & 7u) {
    case 1: {
      if (p->headroom() < 41u) {
        assert(p->length() >= 54u);
        assert(_recent.size() <= _recent.capacity());
      }
      else {
        assert(p->length() >= 54u);
        uint32_t v4 = (uint32_t)iph->ip_ttl;
        _f3 += v4;
      }
    }
    break;
    case 3: {
      assert(p->length() >= 54u);
    }
    break;
    case 5: {
      _f4 = p->length();
      assert(p->length() >= 54u);
    }
    break;
    case 7: {
      if (!_recent.empty() && _recent.back() != p->length())
        _recent.pop_back();
    }
    break;
    default: {
      assert(p->length() >= 54u);
    }
    break;
  }
  assert(p->length() >= 54u);
  assert(p->length() >= 54u);
  _f0 = (uint16_t)a;
  return a ^ b ^ v2;
}

uint32_t SynG105_0_B::h1_SynG105_0_B(Packet *p, uint32_t a, uint32_t b) {
  if (!_recent.empty() && _recent.back() != 187u)
    _recent.pop_back();
  assert(p->length() >= 54u);
  assert(_recent.size() <= _recent.capacity());
  assert(_recent.size() <= _recent.capacity());
  uint32_t v5 = 0;
  for (int i6 = 0; i6 < _recent.size(); i6++) {
    if (_recent[i6] == p->length()) {
      v5 = (uint32_t)i6 + 1;
      break;
    }
  }
  _f4 += a;
  return a ^ b ^ v5;
}

void SynG105_0_B::push(int, Packet *p) {
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
  click_tcp *th = reinterpret_cast<click_tcp *>(q->data() + 34);
  uint32_t v7 = h0_SynG105_0_B(q, (uint32_t)eh->ether_shost[3], (uint32_t)ntohs(iph->ip_len));
  uint32_t v8 = 0;
  for (int i9 = 0; i9 < _recent.size(); i9++) {
    if (_recent[i9] == (uint32_t)th->th_flags) {
      v8 = (uint32_t)i9 + 1;
      break;
    }
  }
  if (((uint32_t)iph->ip_sum > 22u) || ((uint32_t)eh->ether_shost[0] != (q->length() - 54u))) {
    checked_output_push(1, q);
    return;
  }
  _f0 = (uint16_t)v7;
  _f3 += v8;
  output(0).push(q);
}

class SynG105_0_C : public Element {
public:
  SynG105_0_C();
  const char *class_name() const override { return "SynG105_0_C"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint64_t _f0;
  uint16_t _f1;
  uint32_t _a0[8];
  HashTable<uint32_t, SynRec_G105_0, 64, 4> _flows;
  uint32_t h0_SynG105_0_C(Packet *p, uint32_t a, uint32_t b);
  uint32_t h1_SynG105_0_C(Packet *p, uint32_t a, uint32_t b);
};

SynG105_0_C::SynG105_0_C() : _drops(0), _f0(15), _f1(9) {
  memset(_a0, 0, sizeof(_a0));
}

uint32_t SynG105_0_C::h0_SynG105_0_C(Packet *p, uint32_t a, uint32_t b) {
  assert(_flows.size() <= _flows.capacity());
  assert(p->length() >= 54u);
  assert(p->length() >= 54u);
  assert(p->length() >= 54u);
  _f0 += a;
  return a ^ b;
}

uint32_t SynG105_0_C::h1_SynG105_0_C(Packet *p, uint32_t a, uint32_t b) {
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  assert(_flows.size() <= _flows.capacity());
  assert(p->length() >= 54u);
  uint32_t v10 = (uint32_t)ntohs(iph->ip_id);
  if (_flows.count(v10) == 0 && !_flows.empty())
    _drops++;
  _f1 = (uint16_t)a;
  return a ^ b;
}

Packet *SynG105_0_C::simple_action(Packet *p) {
  if (p->length() < 54u) {
    _drops++;
    p->kill();
    return 0;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_tcp *th = reinterpret_cast<click_tcp *>(q->data() + 34);
  assert(q->length() >= 54u);
  assert(q->length() >= 54u);
  uint32_t v11 = (uint32_t)_a0[((uint32_t)ntohs(th->th_win)) & 7u];
  for (uint32_t i12 = 47u; i12 < q->length() && i12 < 111u; i12++) {
    v11 = v11 * 31u + q->data()[i12];
  }
  _f1 = (uint16_t)v11;
  return q;
}

class SynG105_0_D : public Element {
public:
  SynG105_0_D();
  const char *class_name() const override { return "SynG105_0_D"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint32_t _f0;
  uint32_t _f1;
  uint64_t _f2;
  uint64_t _f3;
  uint32_t _a0[64];
  uint32_t _a1[64];
  uint32_t h0_SynG105_0_D(Packet *p, uint32_t a, uint32_t b);
};

SynG105_0_D::SynG105_0_D() : _drops(0), _f0(13), _f1(12), _f2(14), _f3(1) {
  memset(_a0, 0, sizeof(_a0));
  memset(_a1, 0, sizeof(_a1));
}

uint32_t SynG105_0_D::h0_SynG105_0_D(Packet *p, uint32_t a, uint32_t b) {
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  assert(p->length() >= 42u);
  uint32_t v13 = (uint32_t)_a1[((uint32_t)iph->ip_p) & 63u];
  assert(p->length() >= 42u);
  _f0 += a;
  return a ^ b ^ v13;
}

Packet *SynG105_0_D::simple_action(Packet *p) {
  if (p->length() < 42u) {
    _drops++;
    p->kill();
    return 0;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  {
    SynScope_G105_0 scope(_f3);
    assert(q->length() >= 42u);
    assert(q->length() >= 42u);
  }
  _f3 += (uint32_t)_a1[(q->length()) & 63u];
  assert(q->length() >= 42u);
  return q;
}

#include <click/clara.hh>

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[4];
  e[0] = new SynG105_0_A;
  e[1] = new SynG105_0_B;
  e[2] = new SynG105_0_C;
  e[3] = new SynG105_0_D;
  String conf = config ? String(config) : String();
  bool ok = true;
  ok = ok && clara_element_setup(e[0], conf, 1, 1) >= 0;
  ok = ok && clara_element_setup(e[1], String(), 1, 2) >= 0;
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
