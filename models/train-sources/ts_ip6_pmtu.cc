// Training source for the instruction models (models/README.md): path-MTU
// handling at a tunnel ingress: learns per-destination path MTUs from
// ICMPv6 Packet Too Big and ICMPv4 fragmentation-needed messages passing
// through (RFC 8201 / RFC 1191, with aging), and answers packets that exceed
// the link MTU or the learned path MTU with a Packet Too Big (IPv6, quoting
// up to the 1280-byte minimum MTU) or a fragmentation-needed error (IPv4 with
// DF set). Written for training only; not part of the NF corpus.
#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/icmp.h>
#include <clicknet/ip.h>
#include <clicknet/ip6.h>

#define ICMP6_PACKET_TOO_BIG 2
#define IPV6_MIN_MTU 1280
#define IPV4_MIN_MTU 576

struct PathKey {
  uint32_t w[4]; // IPv4 destinations use w[3] only
  PathKey() { w[0] = w[1] = w[2] = w[3] = 0; }
  PathKey(const uint8_t *a, bool v6) {
    w[0] = w[1] = w[2] = 0;
    if (v6)
      memcpy(w, a, 16);
    else
      memcpy(&w[3], a, 4);
  }
  hashcode_t hashcode() const { return w[0] ^ w[1] * 3 ^ w[2] * 7 ^ w[3]; }
  bool operator==(const PathKey &o) const {
    return memcmp(w, o.w, sizeof(w)) == 0;
  }
};

struct PathInfo {
  uint16_t mtu;
  Timestamp learned;
};

class PMTUCacheGuard : public Element {
public:
  PMTUCacheGuard()
      : _mtu(1400), _age(600), _learned(0), _ptb6(0), _needfrag(0),
        _passed(0) {
    static const uint8_t def6[16] = {0x20, 0x01, 0x0d, 0xb8, 0xff, 0xff,
                                     0,    0,    0,    0,    0,    0,
                                     0,    0,    0,    1};
    memcpy(_src6, def6, 16);
  }
  const char *class_name() const override { return "PMTUCacheGuard"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    String s6;
    if (Args(conf, this, errh)
            .read_p("MTU", _mtu)
            .read("AGE", _age)
            .read("SRC", _src4)
            .read("SRC6", s6)
            .complete() < 0)
      return -1;
    if (s6 && inet_pton(AF_INET6, s6.c_str(), _src6) != 1)
      return errh->error("SRC6: bad address");
    if (_mtu < IPV4_MIN_MTU)
      return errh->error("MTU too small");
    return 0;
  }
  void push(int port, Packet *p) override;

private:
  uint32_t path_mtu(const uint8_t *dst, bool v6, const Timestamp &now);
  void learn(const uint8_t *dst, bool v6, uint32_t mtu, const Timestamp &now);
  bool learn_from_icmp6(const uint8_t *ip6, uint32_t len, const Timestamp &now);
  bool learn_from_icmp4(const uint8_t *ip, uint32_t len, const Timestamp &now);
  WritablePacket *too_big6(const Packet *p, uint32_t mtu, uint32_t len);
  WritablePacket *needfrag4(const Packet *p, uint32_t mtu);
  void handle6(Packet *p);
  void handle4(Packet *p);

  uint32_t _mtu;
  uint32_t _age;
  IPAddress _src4;
  uint8_t _src6[16];
  HashTable<PathKey, PathInfo, 256, 4> _paths;
  uint64_t _learned, _ptb6, _needfrag, _passed;
};

uint32_t PMTUCacheGuard::path_mtu(const uint8_t *dst, bool v6,
                                  const Timestamp &now) {
  PathKey k(dst, v6);
  PathInfo *pi = _paths.get_pointer(k);
  if (!pi)
    return _mtu;
  if ((now - pi->learned).sec() >= (int)_age) {
    _paths.erase(k); // stale: probe the larger MTU again
    return _mtu;
  }
  return pi->mtu < _mtu ? pi->mtu : _mtu;
}

void PMTUCacheGuard::learn(const uint8_t *dst, bool v6, uint32_t mtu,
                           const Timestamp &now) {
  uint32_t floor = v6 ? IPV6_MIN_MTU : IPV4_MIN_MTU;
  if (mtu < floor)
    mtu = floor;
  if (mtu >= _mtu)
    return;
  PathInfo &pi = _paths[PathKey(dst, v6)];
  if (pi.mtu == 0 || mtu < pi.mtu || (now - pi.learned).sec() >= (int)_age)
    pi.mtu = (uint16_t)mtu;
  pi.learned = now;
  _learned++;
}

bool PMTUCacheGuard::learn_from_icmp6(const uint8_t *ip6, uint32_t len,
                                      const Timestamp &now) {
  // ICMPv6 header (8) + at least the quoted IPv6 header (40)
  if (ip6[6] != IP_PROTO_ICMP6 || len < 40 + 8 + 40)
    return false;
  const uint8_t *icmp = ip6 + 40;
  if (icmp[0] != ICMP6_PACKET_TOO_BIG || icmp[1] != 0)
    return false;
  uint32_t mtu = (uint32_t)(icmp[4] << 24 | icmp[5] << 16 | icmp[6] << 8 |
                            icmp[7]);
  const uint8_t *quoted = icmp + 8;
  if ((quoted[0] >> 4) != 6)
    return false;
  learn(quoted + 24, true, mtu, now);
  return true;
}

bool PMTUCacheGuard::learn_from_icmp4(const uint8_t *ip, uint32_t len,
                                      const Timestamp &now) {
  uint32_t hl = (ip[0] & 15) * 4u;
  if (ip[9] != IP_PROTO_ICMP || len < hl + 8 + 20)
    return false;
  const uint8_t *icmp = ip + hl;
  if (icmp[0] != ICMP_UNREACH || icmp[1] != ICMP_UNREACH_NEEDFRAG)
    return false;
  uint32_t mtu = (uint32_t)(icmp[6] << 8 | icmp[7]);
  if (mtu == 0) // pre-RFC 1191 router: guess from the quoted total length
    mtu = (uint32_t)(icmp[8 + 2] << 8 | icmp[8 + 3]) - 1;
  learn(icmp + 8 + 16, false, mtu, now);
  return true;
}

WritablePacket *PMTUCacheGuard::too_big6(const Packet *p, uint32_t mtu,
                                          uint32_t len) {
  uint32_t quote = len; // the IPv6 packet without link padding
  if (40 + 8 + quote > IPV6_MIN_MTU)
    quote = IPV6_MIN_MTU - 48;
  uint32_t mlen = 8 + quote;
  WritablePacket *q = Packet::make(Packet::default_headroom, 0, 14 + 40 + mlen, 0);
  if (!q)
    return 0;
  uint8_t *d = q->data();
  const uint8_t *od = p->data();
  memcpy(d, od + 6, 6);
  memcpy(d + 6, od, 6);
  d[12] = 0x86;
  d[13] = 0xdd;
  uint8_t *ip6 = d + 14;
  ip6[0] = 0x60;
  ip6[4] = (uint8_t)(mlen >> 8);
  ip6[5] = (uint8_t)mlen;
  ip6[6] = IP_PROTO_ICMP6;
  ip6[7] = 64;
  memcpy(ip6 + 8, _src6, 16);
  memcpy(ip6 + 24, od + 14 + 8, 16);
  uint8_t *icmp = ip6 + 40;
  icmp[0] = ICMP6_PACKET_TOO_BIG;
  icmp[4] = (uint8_t)(mtu >> 24);
  icmp[5] = (uint8_t)(mtu >> 16);
  icmp[6] = (uint8_t)(mtu >> 8);
  icmp[7] = (uint8_t)mtu;
  memcpy(icmp + 8, od + 14, quote);

  uint32_t s = mlen + IP_PROTO_ICMP6;
  for (int i = 8; i < 40; i += 2)
    s += (uint32_t)(ip6[i] << 8 | ip6[i + 1]);
  for (uint32_t i = 0; i < mlen; i += 2)
    s += (uint32_t)(icmp[i] << 8 | (i + 1 < mlen ? icmp[i + 1] : 0));
  while (s >> 16)
    s = (s & 0xffff) + (s >> 16);
  icmp[2] = (uint8_t)(~s >> 8);
  icmp[3] = (uint8_t)~s;
  q->set_mac_header(d, 14);
  q->set_ip6_header(reinterpret_cast<click_ip6 *>(ip6));
  return q;
}

WritablePacket *PMTUCacheGuard::needfrag4(const Packet *p, uint32_t mtu) {
  const click_ip *oip = reinterpret_cast<const click_ip *>(p->data() + 14);
  uint32_t quote = oip->ip_hl * 4u + 8;
  WritablePacket *q = Packet::make(Packet::default_headroom, 0, 14 + 28 + quote, 0);
  if (!q)
    return 0;
  uint8_t *d = q->data();
  memcpy(d, p->data() + 6, 6);
  memcpy(d + 6, p->data(), 6);
  d[12] = 0x08;
  d[13] = 0x00;
  click_ip *ip = reinterpret_cast<click_ip *>(d + 14);
  ip->ip_v = 4;
  ip->ip_hl = 5;
  ip->ip_len = htons((uint16_t)(28 + quote));
  ip->ip_ttl = 64;
  ip->ip_p = IP_PROTO_ICMP;
  ip->ip_src = _src4.empty() ? oip->ip_dst : _src4.in_addr();
  ip->ip_dst = oip->ip_src;
  ip->ip_sum = click_in_cksum(d + 14, 20);
  click_icmp_unreach *icmp = reinterpret_cast<click_icmp_unreach *>(d + 34);
  icmp->icmp_type = ICMP_UNREACH;
  icmp->icmp_code = ICMP_UNREACH_NEEDFRAG;
  icmp->icmp_nextmtu = htons((uint16_t)mtu);
  memcpy(d + 42, oip, quote);
  icmp->icmp_cksum = click_in_cksum(d + 34, 8 + quote);
  q->set_mac_header(d, 14);
  q->set_ip_header(ip, 20);
  return q;
}

void PMTUCacheGuard::handle6(Packet *p) {
  const uint8_t *ip6 = p->data() + 14;
  uint32_t len = 40 + (uint32_t)(ip6[4] << 8 | ip6[5]);
  const Timestamp &now = p->timestamp_anno();
  if (len > p->length() - 14 || learn_from_icmp6(ip6, len, now)) {
    output(0).push(p);
    return;
  }
  uint32_t mtu = path_mtu(ip6 + 24, true, now);
  // never answer multicast or unspecified sources
  if (len <= mtu || ip6[8] == 0xff || ip6[24] == 0xff) {
    _passed++;
    output(0).push(p);
    return;
  }
  WritablePacket *q = too_big6(p, mtu, len);
  p->kill();
  if (q) {
    _ptb6++;
    output(1).push(q);
  }
}

void PMTUCacheGuard::handle4(Packet *p) {
  const uint8_t *ip = p->data() + 14;
  uint32_t hl = (ip[0] & 15) * 4u;
  uint32_t len = (uint32_t)(ip[2] << 8 | ip[3]);
  const Timestamp &now = p->timestamp_anno();
  if (hl < 20 || len < hl || len > p->length() - 14 ||
      learn_from_icmp4(ip, len, now)) {
    output(0).push(p);
    return;
  }
  uint32_t mtu = path_mtu(ip + 16, false, now);
  if (len <= mtu) {
    _passed++;
    output(0).push(p);
    return;
  }
  if (!(ip[6] & 0x40) || len < hl + 8) {
    // DF clear: a later fragmenter handles it
    _passed++;
    output(0).push(p);
    return;
  }
  WritablePacket *q = needfrag4(p, mtu);
  p->kill();
  if (q) {
    _needfrag++;
    output(1).push(q);
  }
}

void PMTUCacheGuard::push(int, Packet *p) {
  const uint8_t *d = p->data();
  if (p->length() >= 14 + 40 && d[12] == 0x86 && d[13] == 0xdd)
    handle6(p);
  else if (p->length() >= 14 + 20 && d[12] == 0x08 && d[13] == 0x00)
    handle4(p);
  else
    output(0).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new PMTUCacheGuard;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
