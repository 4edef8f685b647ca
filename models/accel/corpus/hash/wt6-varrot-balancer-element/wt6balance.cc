// WT6Balance: spreads packets over its outputs by Willy Tarreau's "wt6"
// hash (the HAProxy load-balancing hash), computed either over the flow
// key (addresses, protocol, ports) or over the first bytes of the L4
// payload. wt6 keeps two 32-bit words that are complemented, crossed and
// rotated by amounts derived from the state itself after every byte.
//
// WT6Balance([KEY FLOW|PAYLOAD], [BYTES n], [SYMMETRIC bool])

#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

CLICK_DECLS

class WT6Balance : public Element {
public:
  WT6Balance() : _payload(false), _symmetric(false), _nbytes(64), _misses(0) {}

  const char *class_name() const override { return "WT6Balance"; }
  const char *port_count() const override { return "1/1-"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  // The hash proper; bytes are taken as signed chars, as the original
  // implementation does on platforms where plain char is signed.
  static uint32_t wt6(const unsigned char *key, size_t len);

private:
  bool _payload;
  bool _symmetric;
  uint32_t _nbytes;
  uint64_t _misses;

  size_t flow_key(const click_ip *iph, const unsigned char *l4, int l4len,
                  unsigned char *out) const;
};

uint32_t WT6Balance::wt6(const unsigned char *key, size_t len) {
  uint32_t h0 = 0xa53c965au;
  uint32_t h1 = 0x5ca6953au;
  unsigned rot0 = 6, rot1 = 18;

  for (size_t i = 0; i < len; ++i) {
    uint32_t c = (uint32_t)(int32_t)(signed char)key[i];
    h0 = ~(h0 ^ c);
    h1 = ~(h1 + c);
    uint32_t nh0 = rot0 ? (h1 << rot0) | (h1 >> (32 - rot0)) : h1;
    uint32_t nh1 = rot1 ? (h0 << rot1) | (h0 >> (32 - rot1)) : h0;
    h0 = nh0;
    h1 = nh1;
    uint32_t sel = ((h0 >> 16) ^ h1) & 0xffffu;
    rot0 = sel & 31u;
    rot1 = sel >> 11;
  }
  return h0 ^ h1;
}

int WT6Balance::configure(Vector<String> &conf, ErrorHandler *errh) {
  String key = "FLOW";
  uint32_t nbytes = _nbytes;
  bool symmetric = false;
  if (Args(conf, this, errh)
          .read_p("KEY", key)
          .read("BYTES", nbytes)
          .read("SYMMETRIC", symmetric)
          .complete() < 0)
    return -1;
  if (key == "FLOW")
    _payload = false;
  else if (key == "PAYLOAD")
    _payload = true;
  else
    return errh->error("KEY must be FLOW or PAYLOAD");
  if (nbytes == 0 || nbytes > 1500)
    return errh->error("BYTES out of range");
  _nbytes = nbytes;
  _symmetric = symmetric;
  return 0;
}

size_t WT6Balance::flow_key(const click_ip *iph, const unsigned char *l4,
                            int l4len, unsigned char *out) const {
  const unsigned char *a = (const unsigned char *)&iph->ip_src;
  const unsigned char *b = (const unsigned char *)&iph->ip_dst;
  unsigned char pa[2] = {0, 0}, pb[2] = {0, 0};
  if ((iph->ip_p == IP_PROTO_TCP || iph->ip_p == IP_PROTO_UDP) && l4len >= 4 &&
      (iph->ip_off & htons(IP_OFFMASK)) == 0) {
    pa[0] = l4[0]; pa[1] = l4[1];
    pb[0] = l4[2]; pb[1] = l4[3];
  }
  if (_symmetric && memcmp(a, b, 4) > 0) {
    const unsigned char *t = a; a = b; b = t;
    unsigned char t0 = pa[0], t1 = pa[1];
    pa[0] = pb[0]; pa[1] = pb[1]; pb[0] = t0; pb[1] = t1;
  }
  memcpy(out, a, 4);
  memcpy(out + 4, b, 4);
  out[8] = iph->ip_p;
  out[9] = pa[0]; out[10] = pa[1];
  out[11] = pb[0]; out[12] = pb[1];
  return 13;
}

void WT6Balance::push(int, Packet *p) {
  if (!p->has_network_header() || p->network_length() < (int)sizeof(click_ip)) {
    _misses++;
    output(0).push(p);
    return;
  }
  const click_ip *iph = p->ip_header();
  int hl = iph->ip_hl << 2;
  const unsigned char *l4 = p->network_header() + hl;
  int l4len = p->network_length() - hl;
  uint32_t h;

  if (_payload) {
    int skip = 0;
    if (iph->ip_p == IP_PROTO_TCP && l4len >= (int)sizeof(click_tcp))
      skip = ((const click_tcp *)l4)->th_off << 2;
    else if (iph->ip_p == IP_PROTO_UDP)
      skip = sizeof(click_udp);
    int avail = l4len - skip;
    if (avail < 0)
      avail = 0;
    size_t take = (size_t)avail < _nbytes ? (size_t)avail : _nbytes;
    h = wt6(l4 + (avail > 0 ? skip : 0), take);
  } else {
    unsigned char key[16];
    size_t n = flow_key(iph, l4, l4len, key);
    h = wt6(key, n);
  }
  output((int)(h % (uint32_t)noutputs())).push(p);
}

CLICK_ENDDECLS
EXPORT_ELEMENT(WT6Balance)
