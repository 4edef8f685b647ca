// MixTabSteer: spreads IPv4 flows over the element's outputs with *mixed
// tabulation* hashing (Dahlgaard, Knudsen, Rotenberg, Thorup, FOCS 2015).
// The 13-byte flow key (src, dst, sport, dport, proto) is split into 8-bit
// characters; a first simple-tabulation pass yields a 64-bit value whose
// low half is the output part and whose high half supplies four *derived
// characters*; those are looked up in a second set of tables and XORed into
// the output part.  Tables are filled from SEED at configure time.
//
//   MixTabSteer(SEED 12345, SYMMETRIC false)
//   output port = high bits of (hash * noutputs)

#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

class MixTabSteer : public Element {
public:
  enum { KEY_CHARS = 13, DERIVED = 4 };

  MixTabSteer();

  const char *class_name() const override { return "MixTabSteer"; }
  const char *port_count() const override { return "1/1-"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  uint32_t mixed_hash(const unsigned char key[KEY_CHARS]) const;
  uint64_t first_level(const unsigned char key[KEY_CHARS]) const;
  uint32_t derived_level(uint64_t v) const;
  void fill_tables(uint64_t seed);

  uint64_t steered(int port) const {
    return port >= 0 && port < 16 ? _sent[port] : 0;
  }

private:
  uint64_t _t1[KEY_CHARS][256]; // low 32: output part, high 32: derived chars
  uint32_t _t2[DERIVED][256];
  bool _symmetric;
  uint64_t _sent[16];
  uint64_t _non_ip;

  static uint32_t lcg_next(uint64_t &s);
  bool extract(Packet *p, unsigned char key[KEY_CHARS]) const;
  static int pick_port(uint32_t h, int n);
};

MixTabSteer::MixTabSteer() : _symmetric(false), _non_ip(0) {
  for (int i = 0; i < 16; i++)
    _sent[i] = 0;
  fill_tables(0);
}

// Knuth's MMIX linear congruential generator, upper 32 bits of the state.
uint32_t MixTabSteer::lcg_next(uint64_t &s) {
  s = s * 6364136223846793005ull + 1442695040888963407ull;
  return (uint32_t)(s >> 32);
}

void MixTabSteer::fill_tables(uint64_t seed) {
  uint64_t s = seed ^ 0x6a09e667f3bcc908ull;
  for (int c = 0; c < KEY_CHARS; c++)
    for (int v = 0; v < 256; v++) {
      uint64_t lo = lcg_next(s);
      uint64_t hi = lcg_next(s);
      _t1[c][v] = (hi << 32) | lo;
    }
  for (int d = 0; d < DERIVED; d++)
    for (int v = 0; v < 256; v++)
      _t2[d][v] = lcg_next(s);
}

// simple tabulation over the key's characters
uint64_t MixTabSteer::first_level(const unsigned char key[KEY_CHARS]) const {
  uint64_t acc = 0;
  for (int c = 0; c < KEY_CHARS; c++)
    acc ^= _t1[c][key[c]];
  return acc;
}

// the derived characters (bytes of the high half) index the second tables
uint32_t MixTabSteer::derived_level(uint64_t v) const {
  uint32_t out = (uint32_t)v;
  uint32_t derived = (uint32_t)(v >> 32);
  for (int d = 0; d < DERIVED; d++) {
    out ^= _t2[d][derived & 0xFF];
    derived >>= 8;
  }
  return out;
}

uint32_t MixTabSteer::mixed_hash(const unsigned char key[KEY_CHARS]) const {
  return derived_level(first_level(key));
}

int MixTabSteer::configure(Vector<String> &conf, ErrorHandler *errh) {
  uint64_t seed = 0;
  bool symmetric = false;
  if (Args(conf, this, errh)
          .read("SEED", seed)
          .read("SYMMETRIC", symmetric)
          .complete() < 0)
    return -1;
  _symmetric = symmetric;
  fill_tables(seed);
  return 0;
}

// 13-byte key in wire order; with SYMMETRIC the (address, port) endpoints
// are put in a fixed order so both directions of a flow hash alike.
bool MixTabSteer::extract(Packet *p, unsigned char key[KEY_CHARS]) const {
  if (!p->has_network_header() || p->network_length() < (int)sizeof(click_ip))
    return false;
  const click_ip *iph = p->ip_header();
  if (iph->ip_v != 4)
    return false;
  unsigned char a[6], b[6];
  memcpy(a, &iph->ip_src, 4);
  memcpy(b, &iph->ip_dst, 4);
  a[4] = a[5] = b[4] = b[5] = 0;
  if ((iph->ip_p == IP_PROTO_TCP || iph->ip_p == IP_PROTO_UDP) &&
      (iph->ip_off & htons(IP_OFFMASK)) == 0 && p->has_transport_header() &&
      p->transport_length() >= 4) {
    const unsigned char *th = p->transport_header();
    a[4] = th[0];
    a[5] = th[1];
    b[4] = th[2];
    b[5] = th[3];
  }
  if (_symmetric && memcmp(a, b, 6) > 0) {
    unsigned char t[6];
    memcpy(t, a, 6);
    memcpy(a, b, 6);
    memcpy(b, t, 6);
  }
  memcpy(key, a, 4);
  memcpy(key + 4, b, 4);
  key[8] = a[4];
  key[9] = a[5];
  key[10] = b[4];
  key[11] = b[5];
  key[12] = iph->ip_p;
  return true;
}

int MixTabSteer::pick_port(uint32_t h, int n) {
  return (int)(((uint64_t)h * (uint64_t)n) >> 32);
}

void MixTabSteer::push(int, Packet *p) {
  unsigned char key[KEY_CHARS];
  if (!extract(p, key)) {
    _non_ip++;
    output(0).push(p);
    return;
  }
  int port = pick_port(mixed_hash(key), noutputs());
  if (port < 16)
    _sent[port]++;
  output(port).push(p);
}

EXPORT_ELEMENT(MixTabSteer)
