// Training source for the instruction models (models/README.md): an IPv4
// header validator in the manner of a router's input check: version, header
// and total lengths, checksum, martian and configured bad source addresses,
// fragment sanity and an option walk, with per-reason drop counters.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>

enum CheckReason {
  R_OK = 0,
  R_TINY,
  R_VERSION,
  R_HLEN,
  R_LEN,
  R_SUM,
  R_SRC,
  R_FRAG,
  R_OPT,
  R_NREASONS
};

// Sums 16-bit words with an accumulator of type ACC; 16-bit accumulators
// fold on every carry, wider ones once at the end.
template <typename ACC> static uint16_t header_sum(const uint8_t *d, int len) {
  ACC acc = 0;
  for (int i = 0; i + 1 < len; i += 2) {
    uint32_t w = ((uint32_t)d[i] << 8) | d[i + 1];
    if (sizeof(ACC) == 2) {
      uint32_t t = (uint32_t)acc + w;
      acc = (ACC)((t & 0xffff) + (t >> 16));
    } else {
      acc += (ACC)w;
    }
  }
  uint64_t s = (uint64_t)acc;
  while (s >> 16)
    s = (s & 0xffff) + (s >> 16);
  return (uint16_t)~s;
}

static bool martian_source(uint32_t a) {
  uint8_t top = (uint8_t)(a >> 24);
  return top == 0 || top == 127 || top >= 224 || a == 0xffffffffu ||
         (a & 0xffff0000u) == 0xa9fe0000u;
}

template <typename ACC> class TrainCheckIPHeader : public Element {
public:
  TrainCheckIPHeader() : _offset(14), _nbad(3), _verify_sum(true) {
    _bad[0] = 0xc0a800ffu;
    _bad[1] = 0x0a00ffffu;
    _bad[2] = 0xac1fffffu;
    for (int i = 0; i < R_NREASONS; ++i)
      _drops[i] = 0;
  }
  const char *class_name() const override { return "TrainCheckIPHeader"; }
  const char *port_count() const override { return PORTS_1_1X2; }
  Packet *simple_action(Packet *p) override;

private:
  bool bad_source(uint32_t src) const {
    if (martian_source(src))
      return true;
    for (int i = 0; i < _nbad; ++i)
      if (src == _bad[i])
        return true;
    return false;
  }
  int check_fragment(const click_ip *iph, unsigned plen) const {
    uint16_t off = ntohs(iph->ip_off);
    if (off & IP_RF)
      return R_FRAG;
    unsigned foff = (unsigned)(off & IP_OFFMASK) << 3;
    if ((off & IP_DF) && (off & (IP_MF | IP_OFFMASK)))
      return R_FRAG;
    if ((off & IP_MF) && ((plen - (iph->ip_hl << 2)) & 7))
      return R_FRAG;
    if (foff + plen > IP_MAXPACKET)
      return R_FRAG;
    return R_OK;
  }
  int walk_options(const uint8_t *o, int olen, uint8_t *bad_at) const;
  int classify(const click_ip *iph, unsigned len, uint8_t *bad_at) const;
  Packet *drop(Packet *p, int reason) {
    _drops[reason]++;
    checked_output_push(1, p);
    return 0;
  }

  int _offset;
  int _nbad;
  bool _verify_sum;
  uint32_t _bad[3];
  uint64_t _drops[R_NREASONS];
};

template <typename ACC>
int TrainCheckIPHeader<ACC>::walk_options(const uint8_t *o, int olen,
                                          uint8_t *bad_at) const {
  int i = 0;
  while (i < olen) {
    uint8_t type = o[i];
    if (type == IPOPT_EOL)
      break;
    if (type == IPOPT_NOP) {
      i++;
      continue;
    }
    if (i + 1 >= olen || o[i + 1] < 2 || i + o[i + 1] > olen) {
      *bad_at = (uint8_t)(20 + i + 1);
      return R_OPT;
    }
    uint8_t l = o[i + 1];
    switch (type) {
    case IPOPT_RR:
    case IPOPT_LSRR:
    case IPOPT_SSRR:
      if (l < 3 || o[i + 2] < 4 || ((l - 3) & 3)) {
        *bad_at = (uint8_t)(20 + i + 2);
        return R_OPT;
      }
      break;
    case IPOPT_TS:
      if (l < 4 || o[i + 2] < 5) {
        *bad_at = (uint8_t)(20 + i + 2);
        return R_OPT;
      }
      break;
    case IPOPT_RA:
      if (l != 4) {
        *bad_at = (uint8_t)(20 + i + 1);
        return R_OPT;
      }
      break;
    default:
      break;
    }
    i += l;
  }
  return R_OK;
}

template <typename ACC>
int TrainCheckIPHeader<ACC>::classify(const click_ip *iph, unsigned len,
                                      uint8_t *bad_at) const {
  if (len < sizeof(click_ip))
    return R_TINY;
  if (iph->ip_v != 4)
    return R_VERSION;
  unsigned hlen = iph->ip_hl << 2;
  if (hlen < sizeof(click_ip) || hlen > len)
    return R_HLEN;
  unsigned plen = ntohs(iph->ip_len);
  if (plen < hlen || plen > len)
    return R_LEN;
  if (_verify_sum && header_sum<ACC>((const uint8_t *)iph, (int)hlen) != 0)
    return R_SUM;
  if (bad_source(ntohl(iph->ip_src.s_addr)))
    return R_SRC;
  int r = check_fragment(iph, plen);
  if (r != R_OK)
    return r;
  if (hlen > sizeof(click_ip))
    return walk_options((const uint8_t *)(iph + 1), (int)(hlen - 20), bad_at);
  return R_OK;
}

template <typename ACC>
Packet *TrainCheckIPHeader<ACC>::simple_action(Packet *p) {
  if (p->length() < (unsigned)_offset)
    return drop(p, R_TINY);
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + _offset);
  unsigned len = p->length() - _offset;
  uint8_t bad_at = 0;
  int r = classify(iph, len, &bad_at);
  if (r != R_OK) {
    SET_ICMP_PARAMPROB_ANNO(p, bad_at);
    return drop(p, r);
  }
  unsigned plen = ntohs(iph->ip_len);
  if (plen < len)
    p->take(len - plen);
  p->set_ip_header(iph, iph->ip_hl << 2);
  p->set_dst_ip_anno(IPAddress(iph->ip_dst));
  return p;
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[3] = {new TrainCheckIPHeader<uint16_t>,
                   new TrainCheckIPHeader<uint32_t>,
                   new TrainCheckIPHeader<uint64_t>};
  String conf = config ? String(config) : String();
  for (int i = 0; i < 3; ++i)
    if (clara_element_setup(e[i], conf, 1, 2) < 0)
      return 0;
  for (int i = 0; i + 1 < 3; ++i)
    clara_connect(e[i], 0, e[i + 1], 0);
  return e[0];
}
