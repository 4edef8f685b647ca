// Synthesised by clara-synth (seed 104, index 2): 3 Click elements.
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

struct SynRec_G104_2 {
  uint64_t packets;
  uint64_t bytes;
  uint32_t last;
  uint32_t flags;
};

// Counts completed stages when it goes out of scope.
struct SynScope_G104_2 {
  uint64_t &count;
  explicit SynScope_G104_2(uint64_t &c) : count(c) {}
  ~SynScope_G104_2() { count++; }
};

class SynG104_2_A : public Element {
public:
  SynG104_2_A();
  const char *class_name() const override { return "SynG104_2_A"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

protected:
  uint64_t _drops;
  uint8_t _f0;
  uint64_t _f1;
  uint64_t _f2;
  uint16_t _f3;
  uint64_t _a0[64];
  HashTable<uint32_t, SynRec_G104_2, 64, 4> _flows;
  Vector<uint32_t, 8> _recent;
  uint32_t h0_SynG104_2_A(Packet *p, uint32_t a, uint32_t b);
  uint32_t h1_SynG104_2_A(Packet *p, uint32_t a, uint32_t b);
};

SynG104_2_A::SynG104_2_A() : _drops(0), _f0(7), _f1(0), _f2(8), _f3(7) {
  memset(_a0, 0, sizeof(_a0));
}

uint32_t SynG104_2_A::h0_SynG104_2_A(Packet *p, uint32_t a, uint32_t b) {
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  const click_tcp *th = reinterpret_cast<const click_tcp *>(p->data() + 34);
  assert(_flows.size() <= _flows.capacity());
  _a0[(p->length()) & 63u] += (uint32_t)_f3;
  _a0[((uint32_t)th->th_flags) & 63u] += (uint32_t)ntohs(iph->ip_off);
  assert(_recent.size() <= _recent.capacity());
  _f1 = (p->length() - 54u);
  _f1 += a;
  return a ^ b;
}

uint32_t SynG104_2_A::h1_SynG104_2_A(Packet *p, uint32_t a, uint32_t b) {
  const click_ether *eh = reinterpret_cast<const click_ether *>(p->data());
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  const click_tcp *th = reinterpret_cast<const click_tcp *>(p->data() + 34);
  _f2++;
  if (((uint32_t)ntohs(eh->ether_type) <= (uint32_t)_a0[((uint32_t)eh->ether_shost[2]) & 63u]) || ((uint32_t)_f0 < 63u)) {
    for (int i0 = 0; i0 < 64; i0++) {
      if (_a0[i0] == (uint32_t)iph->ip_tos) {
        _drops++;
        break;
      }
      a |= ((uint32_t)_a0[((uint32_t)ntohs(th->th_win)) & 63u] - (uint32_t)eh->ether_shost[5]);
      assert(_recent.size() <= _recent.capacity());
    }
    assert(_flows.size() <= _flows.capacity());
  }
  else {
    assert(_recent.size() <= _recent.capacity());
    assert(_flows.size() <= _flows.capacity());
  }
  _f2 += a;
  return a ^ b;
}

void SynG104_2_A::push(int, Packet *p) {
  if (p->length() < 54u) {
    _drops++;
    p->kill();
    return;
  }
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  if (((uint32_t)_a0[((p->length() - 54u)) & 63u] < (uint32_t)_a0[((uint32_t)iph->ip_ttl) & 63u]) || ((uint32_t)p->data()[1] > 41u)) {
    checked_output_push(1, p);
    return;
  }
  uint32_t v1 = (uint32_t)ntohs(iph->ip_id);
  for (uint32_t i2 = 54u; i2 < p->length() && i2 < 118u; i2++) {
    if (p->data()[i2] == 176u) {
      v1 = i2;
      break;
    }
    assert(p->length() >= 54u);
  }
  _f2 += v1;
  output(0).push(p);
}

class SynG104_2_B : public Element {
public:
  SynG104_2_B();
  const char *class_name() const override { return "SynG104_2_B"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint32_t _f0;
  uint64_t _f1;
  uint32_t _f2;
  uint64_t _f3;
  HashTable<uint32_t, SynRec_G104_2, 64, 4> _flows;
  uint32_t h0_SynG104_2_B(Packet *p, uint32_t a, uint32_t b);
  uint32_t h1_SynG104_2_B(Packet *p, uint32_t a, uint32_t b);
};

SynG104_2_B::SynG104_2_B() : _drops(0), _f0(9), _f1(14), _f2(6), _f3(12) {
}

uint32_t SynG104_2_B::h0_SynG104_2_B(Packet *p, uint32_t a, uint32_t b) {
  const click_ether *eh = reinterpret_cast<const click_ether *>(p->data());
  assert(p->length() >= 54u);
  assert(p->length() >= 54u);
  b = (uint32_t)ntohs(eh->ether_type);
  assert(p->length() >= 54u);
  assert(_flows.size() <= _flows.capacity());
  _f1 += a;
  return a ^ b;
}

uint32_t SynG104_2_B::h1_SynG104_2_B(Packet *p, uint32_t a, uint32_t b) {
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  assert(p->length() >= 54u);
  assert(_flows.size() <= _flows.capacity());
  assert(p->length() >= 54u);
  assert(p->length() >= 54u);
  b ^= (uint32_t)iph->ip_sum;
  _f1 += a;
  return a ^ b;
}

Packet *SynG104_2_B::simple_action(Packet *p) {
  if (p->length() < 54u) {
    _drops++;
    p->kill();
    return 0;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_ip *iph = reinterpret_cast<click_ip *>(q->data() + 14);
  assert(q->length() >= 54u);
  if (q->length() > 162u) {
    {
      SynScope_G104_2 scope(_f3);
      if (((ntohl(iph->ip_src.s_addr) & 0x1u) != 0) || ((uint32_t)iph->ip_p <= q->headroom())) {
        _drops++;
        q->kill();
        return 0;
      }
    }
    assert(q->length() >= 54u);
  }
  else {
    iph->ip_dst.s_addr = htonl(q->length());
  }
  return q;
}

class SynG104_2_C : public Element {
public:
  SynG104_2_C();
  const char *class_name() const override { return "SynG104_2_C"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

protected:
  uint64_t _drops;
  uint32_t _f0;
  uint64_t _f1;
  uint32_t _f2;
  uint64_t _f3;
  uint32_t _f4;
  uint32_t _a0[64];
  uint64_t _a1[16];
  HashTable<uint32_t, SynRec_G104_2, 64, 4> _flows;
  Vector<uint32_t, 32> _recent;
};

SynG104_2_C::SynG104_2_C() : _drops(0), _f0(3), _f1(11), _f2(6), _f3(10), _f4(6) {
  memset(_a0, 0, sizeof(_a0));
  memset(_a1, 0, sizeof(_a1));
}

Packet *SynG104_2_C::simple_action(Packet *p) {
  if (p->length() < 54u) {
    _drops++;
    p->kill();
    return 0;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_ip *iph = reinterpret_cast<click_ip *>(q->data() + 14);
  _a0[((uint32_t)iph->ip_sum) & 63u] = q->headroom();
  if (q->headroom() <= (uint32_t)iph->ip_tos) {
    _drops++;
    q->kill();
    return 0;
  }
  return q;
}

#include <click/clara.hh>

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[3];
  e[0] = new SynG104_2_A;
  e[1] = new SynG104_2_B;
  e[2] = new SynG104_2_C;
  String conf = config ? String(config) : String();
  bool ok = true;
  ok = ok && clara_element_setup(e[0], conf, 1, 2) >= 0;
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
