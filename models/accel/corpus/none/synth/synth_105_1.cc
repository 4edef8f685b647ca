// Synthesised by clara-synth (seed 105, index 1): 4 Click elements.
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

struct SynRec_G105_1 {
  uint64_t packets;
  uint64_t bytes;
  uint32_t last;
  uint32_t flags;
};

// Counts completed stages when it goes out of scope.
struct SynScope_G105_1 {
  uint64_t &count;
  explicit SynScope_G105_1(uint64_t &c) : count(c) {}
  ~SynScope_G105_1() { count++; }
};

class SynG105_1_A : public Element {
public:
  SynG105_1_A();
  const char *class_name() const override { return "SynG105_1_A"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint32_t _f0;
  uint64_t _f1;
  uint16_t _f2;
  uint16_t _f3;
  uint32_t _a0[16];
  Vector<uint32_t, 32> _recent;
  uint32_t h0_SynG105_1_A(Packet *p, uint32_t a, uint32_t b);
  uint32_t h1_SynG105_1_A(Packet *p, uint32_t a, uint32_t b);
};

SynG105_1_A::SynG105_1_A() : _drops(0), _f0(14), _f1(11), _f2(11), _f3(12) {
  memset(_a0, 0, sizeof(_a0));
}

uint32_t SynG105_1_A::h0_SynG105_1_A(Packet *p, uint32_t a, uint32_t b) {
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  assert(p->length() >= 54u);
  assert(p->length() >= 54u);
  switch (((p->length() - 54u)) & 7u) {
    case 0: {
      assert(p->length() >= 54u);
    }
    break;
    case 2: {
      for (int i0 = 0; i0 < 16; i0++) {
        if (_a0[i0] > ntohl(iph->ip_dst.s_addr)) _a0[i0] = _a0[i0] >> 1;
        assert(p->length() >= 54u);
      }
      assert(p->length() >= 54u);
    }
    break;
    case 5: {
      assert(p->length() >= 54u);
    }
    break;
    case 7: {
      assert(p->length() >= 54u);
    }
    break;
    default: {
      assert(p->length() >= 54u);
    }
    break;
  }
  _f3 = (uint16_t)a;
  return a ^ b;
}

uint32_t SynG105_1_A::h1_SynG105_1_A(Packet *p, uint32_t a, uint32_t b) {
  const click_ether *eh = reinterpret_cast<const click_ether *>(p->data());
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  p->set_anno_u32(24, (uint32_t)ntohs(eh->ether_type));
  for (int i1 = 0; i1 < 16; i1++) {
    if (_a0[i1] > ntohl(iph->ip_dst.s_addr)) _a0[i1] = _a0[i1] >> 1;
    assert(p->length() >= 54u);
  }
  _f1 += a;
  return a ^ b;
}

Packet *SynG105_1_A::simple_action(Packet *p) {
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
  uint32_t v2 = q->headroom();
  for (uint32_t i3 = 50u; i3 < q->length() && i3 < 66u; i3++) {
    v2 ^= (uint32_t)q->data()[i3] << (i3 & 7u);
  }
  if (((q->length() - 54u) >= 104u) || (q->length() >= 17u)) {
    uint32_t v4 = 136u;
    for (uint32_t i5 = 53u; i5 < q->length() && i5 < 69u; i5++) {
      v4 = v4 * 31u + q->data()[i5];
    }
    uint16_t v6 = iph->ip_id;
    iph->ip_id = htons((uint16_t)(_f0));
    click_update_in_cksum(&iph->ip_sum, v6, iph->ip_id);
    _f3 = (uint16_t)v4;
  }
  if (!_recent.full())
    _recent.push_back((uint32_t)eh->ether_dhost[0]);
  else
    _recent.clear();
  _f3 = (uint16_t)v2;
  return q;
}

class SynG105_1_B : public Element {
public:
  SynG105_1_B();
  const char *class_name() const override { return "SynG105_1_B"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint32_t _f0;
  uint64_t _f1;
  uint32_t _f2;
  uint32_t _f3;
  uint16_t _f4;
  uint32_t _a0[64];
  uint64_t _a1[32];
  HashTable<uint32_t, SynRec_G105_1, 64, 4> _flows;
  Vector<uint32_t, 16> _recent;
  uint32_t h0_SynG105_1_B(Packet *p, uint32_t a, uint32_t b);
  uint32_t h1_SynG105_1_B(Packet *p, uint32_t a, uint32_t b);
};

SynG105_1_B::SynG105_1_B() : _drops(0), _f0(8), _f1(2), _f2(9), _f3(5), _f4(9) {
  memset(_a0, 0, sizeof(_a0));
  memset(_a1, 0, sizeof(_a1));
}

uint32_t SynG105_1_B::h0_SynG105_1_B(Packet *p, uint32_t a, uint32_t b) {
  assert(_recent.size() <= _recent.capacity());
  uint32_t v7 = (uint32_t)p->timestamp_anno().sec();
  _f1 += a;
  return a ^ b ^ v7;
}

uint32_t SynG105_1_B::h1_SynG105_1_B(Packet *p, uint32_t a, uint32_t b) {
  assert(p->length() >= 54u);
  assert(_recent.size() <= _recent.capacity());
  assert(_flows.size() <= _flows.capacity());
  assert(p->length() >= 54u);
  _f4 = (uint16_t)a;
  return a ^ b;
}

Packet *SynG105_1_B::simple_action(Packet *p) {
  if (p->length() < 54u) {
    _drops++;
    p->kill();
    return 0;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  assert(_flows.size() <= _flows.capacity());
  assert(q->length() >= 54u);
  return q;
}

class SynG105_1_C : public Element {
public:
  SynG105_1_C();
  const char *class_name() const override { return "SynG105_1_C"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

protected:
  uint64_t _drops;
  uint64_t _f0;
  uint64_t _f1;
  uint8_t _f2;
  uint64_t _f3;
  HashTable<uint32_t, SynRec_G105_1, 64, 4> _flows;
  Vector<uint32_t, 8> _recent;
  uint32_t h0_SynG105_1_C(Packet *p, uint32_t a, uint32_t b);
  uint32_t h1_SynG105_1_C(Packet *p, uint32_t a, uint32_t b);
};

SynG105_1_C::SynG105_1_C() : _drops(0), _f0(1), _f1(7), _f2(12), _f3(1) {
}

uint32_t SynG105_1_C::h0_SynG105_1_C(Packet *p, uint32_t a, uint32_t b) {
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  const click_tcp *th = reinterpret_cast<const click_tcp *>(p->data() + 34);
  assert(p->length() >= 54u);
  if (((uint32_t)iph->ip_sum >= p->headroom()) || ((uint32_t)ntohs(iph->ip_id) >= 38u)) {
    b -= (uint32_t)ntohs(th->th_dport);
  }
  else if ((p->length() == 143u) || ((p->length() - 54u) != 167u)) {
    if ((uint32_t)ntohs(th->th_dport) <= 11u) {
      assert(_flows.size() <= _flows.capacity());
    }
    else if (((uint32_t)ntohs(iph->ip_len) <= 167u) || ((p->length() - 54u) != 187u)) {
      assert(_flows.size() <= _flows.capacity());
      assert(_recent.size() <= _recent.capacity());
    }
    else if (((uint32_t)ntohs(th->th_dport) == 196u) || ((p->length() - 54u) == 98u)) {
      uint32_t v8 = 0;
      for (int i9 = 0; i9 < _recent.size(); i9++) {
        if (_recent[i9] == ntohl(th->th_seq)) {
          v8 = (uint32_t)i9 + 1;
          break;
        }
      }
      _f2 = (uint8_t)v8;
    }
    else {
      assert(p->length() >= 54u);
    }
  }
  else {
    _f2 = (uint8_t)((uint32_t)iph->ip_p);
  }
  uint32_t v10 = (uint32_t)p->timestamp_anno().sec();
  assert(p->length() >= 54u);
  assert(p->length() >= 54u);
  _f3 += a;
  return a ^ b ^ v10;
}

uint32_t SynG105_1_C::h1_SynG105_1_C(Packet *p, uint32_t a, uint32_t b) {
  const click_ether *eh = reinterpret_cast<const click_ether *>(p->data());
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  const click_tcp *th = reinterpret_cast<const click_tcp *>(p->data() + 34);
  if (!_recent.empty() && _recent.back() != (uint32_t)ntohs(eh->ether_type))
    _recent.pop_back();
  switch (((uint32_t)th->th_off) & 7u) {
    case 0: {
      SET_PAINT_ANNO(p, (uint8_t)(((uint32_t)ntohs(iph->ip_len) - (uint32_t)iph->ip_v)));
    }
    break;
    case 3: {
      assert(p->length() >= 54u);
      uint32_t v11 = ntohl(th->th_ack);
      HashTable<uint32_t, SynRec_G105_1, 64, 4>::iterator it12 = _flows.find(v11);
      if (it12.live() && it12.value().packets > 11u)
        _flows.erase(it12);
    }
    break;
    case 5: {
      assert(p->length() >= 54u);
    }
    break;
    default: {
      assert(_flows.size() <= _flows.capacity());
    }
    break;
  }
  assert(_recent.size() <= _recent.capacity());
  assert(_flows.size() <= _flows.capacity());
  if (!_recent.empty() && _recent.back() != p->length())
    _recent.pop_back();
  _f3 += a;
  return a ^ b;
}

void SynG105_1_C::push(int, Packet *p) {
  if (p->length() < 54u) {
    _drops++;
    p->kill();
    return;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  click_ether *eh = reinterpret_cast<click_ether *>(q->data());
  assert(q->length() >= 54u);
  if (((uint32_t)eh->ether_dhost[5] > 111u) || (q->headroom() == 159u)) {
    checked_output_push(1, q);
    return;
  }
  assert(q->length() >= 54u);
  output(0).push(q);
}

class SynG105_1_D : public Element {
public:
  SynG105_1_D();
  const char *class_name() const override { return "SynG105_1_D"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint32_t _f0;
  uint8_t _f1;
  uint64_t _f2;
  uint32_t _f3;
  uint64_t _f4;
  uint32_t _a0[32];
  HashTable<uint32_t, SynRec_G105_1, 64, 4> _flows;
};

SynG105_1_D::SynG105_1_D() : _drops(0), _f0(12), _f1(10), _f2(9), _f3(15), _f4(15) {
  memset(_a0, 0, sizeof(_a0));
}

Packet *SynG105_1_D::simple_action(Packet *p) {
  if (p->length() < 54u) {
    _drops++;
    p->kill();
    return 0;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_ip *iph = reinterpret_cast<click_ip *>(q->data() + 14);
  iph->ip_tos = (uint8_t)((iph->ip_tos & 0x3u) | (((uint32_t)iph->ip_sum) << 2));
  assert(q->length() >= 54u);
  return q;
}

#include <click/clara.hh>

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[4];
  e[0] = new SynG105_1_A;
  e[1] = new SynG105_1_B;
  e[2] = new SynG105_1_C;
  e[3] = new SynG105_1_D;
  String conf = config ? String(config) : String();
  bool ok = true;
  ok = ok && clara_element_setup(e[0], conf, 1, 1) >= 0;
  ok = ok && clara_element_setup(e[1], String(), 1, 1) >= 0;
  ok = ok && clara_element_setup(e[2], String(), 1, 2) >= 0;
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
