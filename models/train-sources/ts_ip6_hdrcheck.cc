// Training source for the instruction models (models/README.md): IPv6
// header validation and hop-limit decrement for a forwarding path: checks
// version, payload length against the frame, source/destination address
// rules (no multicast source, no loopback, no unspecified destination),
// trims link padding, decrements the hop limit and sends expired packets
// to a separate output for ICMPv6 time-exceeded generation. Written for
// training only; not part of the NF corpus.
#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip6.h>

// Output 0: forwarded; output 1: hop limit expired (original packet, hop
// limit untouched, ICMP_PARAMPROB annotation = 0xff); output 2: bad.
class IP6CheckDecHopLimit : public Element {
public:
  enum Reason {
    BAD_SHORT = 0,
    BAD_VERSION,
    BAD_LENGTH,
    BAD_SRC_MCAST,
    BAD_SRC_LOOP,
    BAD_DST_UNSPEC,
    BAD_DST_LOOP,
    BAD_SCOPE,
    BAD_JUMBO,
    NREASONS
  };

  IP6CheckDecHopLimit()
      : _offset(14), _min_hlim(1), _trim(true), _drop_linklocal(true),
        _forwarded(0), _expired(0), _trimmed(0) {
    for (int i = 0; i < NREASONS; ++i)
      _bad[i] = 0;
  }
  const char *class_name() const override { return "IP6CheckDecHopLimit"; }
  const char *port_count() const override { return "1/3"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    return Args(conf, this, errh)
        .read("OFFSET", _offset)
        .read("MIN_HLIM", _min_hlim)
        .read("TRIM", _trim)
        .read("DROP_LINKLOCAL", _drop_linklocal)
        .complete();
  }

  void push(int port, Packet *p) override;

private:
  static inline bool is_multicast(const uint8_t *a) { return a[0] == 0xff; }
  static inline bool is_linklocal(const uint8_t *a) {
    return a[0] == 0xfe && (a[1] & 0xc0) == 0x80;
  }
  static bool is_all_zero(const uint8_t *a, int n) {
    for (int i = 0; i < n; ++i)
      if (a[i])
        return false;
    return true;
  }
  static bool is_unspecified(const uint8_t *a) { return is_all_zero(a, 16); }
  static bool is_loopback(const uint8_t *a) {
    return is_all_zero(a, 15) && a[15] == 1;
  }
  // Multicast scope nibble: 1 interface-local, 2 link-local.
  static inline int mcast_scope(const uint8_t *a) { return a[1] & 0x0f; }

  int check_addresses(const click_ip6 *ip6) const;
  int check_lengths(const Packet *p, const click_ip6 *ip6,
                    uint32_t *trim) const;
  void bad(Packet *p, int reason);
  Packet *decrement(Packet *p, unsigned ipoff);

  unsigned _offset;
  unsigned _min_hlim;
  bool _trim;
  bool _drop_linklocal;
  uint64_t _forwarded;
  uint64_t _expired;
  uint64_t _trimmed;
  uint64_t _bad[NREASONS];
};

int IP6CheckDecHopLimit::check_addresses(const click_ip6 *ip6) const {
  const uint8_t *src = reinterpret_cast<const uint8_t *>(&ip6->ip6_src);
  const uint8_t *dst = reinterpret_cast<const uint8_t *>(&ip6->ip6_dst);
  if (is_multicast(src))
    return BAD_SRC_MCAST;
  if (is_loopback(src))
    return BAD_SRC_LOOP;
  if (is_unspecified(dst))
    return BAD_DST_UNSPEC;
  if (is_loopback(dst))
    return BAD_DST_LOOP;
  if (_drop_linklocal) {
    // link-local traffic is never forwarded by a router
    if (is_linklocal(src) || is_linklocal(dst))
      return BAD_SCOPE;
    if (is_multicast(dst) && mcast_scope(dst) <= 2)
      return BAD_SCOPE;
  }
  return -1;
}

int IP6CheckDecHopLimit::check_lengths(const Packet *p, const click_ip6 *ip6,
                                       uint32_t *trim) const {
  uint32_t avail = p->length() - _offset;
  uint32_t plen = ntohs(ip6->ip6_plen);
  *trim = 0;
  if (plen == 0) {
    // a zero payload length is only valid with a hop-by-hop jumbo option
    if (ip6->ip6_nxt != 0)
      return avail == 40 ? -1 : BAD_LENGTH;
    return BAD_JUMBO;
  }
  if (40 + plen > avail)
    return BAD_LENGTH;
  *trim = avail - 40 - plen;
  return -1;
}

void IP6CheckDecHopLimit::bad(Packet *p, int reason) {
  _bad[reason]++;
  SET_PAINT_ANNO(p, (uint8_t)reason);
  checked_output_push(2, p);
}

Packet *IP6CheckDecHopLimit::decrement(Packet *p, unsigned ipoff) {
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_ip6 *ip6 = reinterpret_cast<click_ip6 *>(q->data() + ipoff);
  ip6->ip6_hlim--;
  // IPv6 has no header checksum: nothing else to patch
  return q;
}

void IP6CheckDecHopLimit::push(int, Packet *p) {
  if (p->length() < _offset + 40)
    return bad(p, BAD_SHORT);
  const uint8_t *d = p->data();
  if (_offset >= 14 && (d[_offset - 2] != 0x86 || d[_offset - 1] != 0xdd)) {
    // not IPv6 at all: treat as a version error, another path handles it
    return bad(p, BAD_VERSION);
  }
  const click_ip6 *ip6 = reinterpret_cast<const click_ip6 *>(d + _offset);
  if ((ip6->ip6_vfc >> 4) != 6)
    return bad(p, BAD_VERSION);

  uint32_t trim;
  int r = check_lengths(p, ip6, &trim);
  if (r >= 0)
    return bad(p, r);
  r = check_addresses(ip6);
  if (r >= 0)
    return bad(p, r);

  if (trim) {
    if (!_trim)
      return bad(p, BAD_LENGTH);
    p->take(trim);
    _trimmed++;
  }
  p->set_ip6_header(reinterpret_cast<const click_ip6 *>(p->data() + _offset));

  if (ip6->ip6_hlim <= _min_hlim) {
    _expired++;
    SET_ICMP_PARAMPROB_ANNO(p, 0xff);
    checked_output_push(1, p);
    return;
  }
  Packet *q = decrement(p, _offset);
  if (!q)
    return;
  _forwarded++;
  output(0).push(q);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new IP6CheckDecHopLimit;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 3) < 0)
    return 0;
  return e;
}
