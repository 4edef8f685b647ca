// Training source for the instruction models (models/README.md): an IPv4
// fragmenter in front of a tunnel with a smaller MTU: fragment sizes in
// 8-byte units, copied-option filtering for the non-first fragments, more-
// fragments and offset arithmetic across already-fragmented input, header
// checksums per fragment, and ICMP "fragmentation needed" with the next-hop
// MTU when DF is set (rate limited per source).
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/icmp.h>
#include <clicknet/ip.h>

class TrainIPFragmenter : public Element {
public:
  enum { NLIMIT = 64 };
  TrainIPFragmenter()
      : _mtu(576), _addr(0x0a000001u), _frags(0), _passed(0), _icmp(0),
        _icmp_suppressed(0), _later_optlen(0) {
    memset(_icmp_credit, 0, sizeof(_icmp_credit));
    memset(_icmp_epoch, 0, sizeof(_icmp_epoch));
  }
  const char *class_name() const override { return "TrainIPFragmenter"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  int copied_options(const uint8_t *opt, int optlen, uint8_t *out) const;
  bool icmp_allowed(uint32_t src, uint32_t now_sec);
  WritablePacket *make_fragment(const Packet *p, uint32_t hl, uint32_t off,
                                uint32_t len);
  Packet *need_frag(const Packet *p);

  uint16_t _mtu;
  uint32_t _addr;
  uint8_t _icmp_credit[NLIMIT];
  uint32_t _icmp_epoch[NLIMIT];
  uint64_t _frags;
  uint32_t _passed;
  uint32_t _icmp;
  uint32_t _icmp_suppressed;
  uint8_t _later_opts[40];
  int _later_optlen;
};

// Copy the options whose "copied" flag is set, padded to 4 bytes.
int TrainIPFragmenter::copied_options(const uint8_t *opt, int optlen,
                                      uint8_t *out) const {
  int i = 0, o = 0;
  while (i < optlen) {
    uint8_t type = opt[i];
    if (type == IPOPT_EOL)
      break;
    if (type == IPOPT_NOP) {
      i++;
      continue;
    }
    if (i + 1 >= optlen)
      return -1;
    int l = opt[i + 1];
    if (l < 2 || i + l > optlen)
      return -1;
    if (type & 0x80)
      for (int k = 0; k < l; ++k)
        out[o++] = opt[i + k];
    i += l;
  }
  while (o & 3)
    out[o++] = IPOPT_EOL;
  return o;
}

bool TrainIPFragmenter::icmp_allowed(uint32_t src, uint32_t now_sec) {
  uint32_t b = (src ^ (src >> 11)) % NLIMIT;
  if (_icmp_epoch[b] != now_sec) {
    _icmp_epoch[b] = now_sec;
    _icmp_credit[b] = 4;
  }
  if (_icmp_credit[b] == 0)
    return false;
  _icmp_credit[b]--;
  return true;
}

// One fragment: Ethernet + IP header (options per position) + data bytes
// [off, off+len) of the original payload.
WritablePacket *TrainIPFragmenter::make_fragment(const Packet *p, uint32_t hl,
                                                 uint32_t off, uint32_t len) {
  const click_ip *iph = p->ip_header();
  uint32_t fhl = off == 0 ? hl : 20 + (uint32_t)_later_optlen;
  WritablePacket *q = Packet::make(2 + 48, 0, 14 + fhl + len, 0);
  if (!q)
    return 0;
  uint8_t *d = q->data();
  memcpy(d, p->data(), 14);
  click_ip *fh = reinterpret_cast<click_ip *>(d + 14);
  memcpy(fh, iph, 20);
  if (off == 0)
    memcpy(fh + 1, iph + 1, hl - 20);
  else
    memcpy(fh + 1, _later_opts, _later_optlen);
  memcpy(d + 14 + fhl, reinterpret_cast<const uint8_t *>(iph) + hl + off, len);
  uint16_t old_off = ntohs(iph->ip_off);
  uint16_t base = old_off & IP_OFFMASK;
  bool more = (old_off & IP_MF) || off + len < ntohs(iph->ip_len) - hl;
  fh->ip_hl = fhl >> 2;
  fh->ip_len = htons((uint16_t)(fhl + len));
  fh->ip_off = htons((uint16_t)((base + off / 8) | (more ? IP_MF : 0)));
  fh->ip_sum = 0;
  fh->ip_sum = click_in_cksum(reinterpret_cast<unsigned char *>(fh), fhl);
  q->set_mac_header(d, 14);
  q->set_ip_header(fh, fhl);
  q->copy_annotations(p);
  return q;
}

Packet *TrainIPFragmenter::need_frag(const Packet *p) {
  const click_ip *iph = p->ip_header();
  uint32_t hl = iph->ip_hl << 2;
  uint32_t quote = hl + 8;
  WritablePacket *q = Packet::make(2 + 48, 0, 14 + 20 + 8 + 68, 0);
  if (!q)
    return 0;
  uint8_t *d = q->data();
  memcpy(d, p->data() + 6, 6);
  memcpy(d + 6, p->data(), 6);
  d[12] = 0x08;
  d[13] = 0x00;
  click_ip *ih = reinterpret_cast<click_ip *>(d + 14);
  ih->ip_v = 4;
  ih->ip_hl = 5;
  ih->ip_tos = 0xc0;
  ih->ip_len = htons((uint16_t)(20 + 8 + quote));
  ih->ip_id = iph->ip_id;
  ih->ip_off = 0;
  ih->ip_ttl = 64;
  ih->ip_p = IP_PROTO_ICMP;
  ih->ip_src.s_addr = htonl(_addr);
  ih->ip_dst = iph->ip_src;
  ih->ip_sum = 0;
  ih->ip_sum = click_in_cksum(reinterpret_cast<unsigned char *>(ih), 20);
  click_icmp_unreach *ic = reinterpret_cast<click_icmp_unreach *>(ih + 1);
  ic->icmp_type = ICMP_UNREACH;
  ic->icmp_code = ICMP_UNREACH_NEEDFRAG;
  ic->padding = 0;
  ic->icmp_nextmtu = htons(_mtu);
  const uint8_t *src = reinterpret_cast<const uint8_t *>(iph);
  uint8_t *dst = reinterpret_cast<uint8_t *>(ic + 1);
  for (uint32_t i = 0; i < quote; ++i)
    dst[i] = src[i];
  ic->icmp_cksum = 0;
  ic->icmp_cksum =
      click_in_cksum(reinterpret_cast<unsigned char *>(ic), 8 + quote);
  q->take(68 - quote);
  q->set_mac_header(d, 14);
  q->set_ip_header(ih, 20);
  return q;
}

void TrainIPFragmenter::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || p->network_length() < 20) {
    checked_output_push(1, p);
    return;
  }
  uint32_t hl = iph->ip_hl << 2;
  uint32_t tot = ntohs(iph->ip_len);
  if (tot <= _mtu) {
    _passed++;
    output(0).push(p);
    return;
  }
  if (tot > (uint32_t)p->network_length() || hl > tot) {
    p->kill();
    return;
  }
  if (iph->ip_off & htons(IP_DF)) {
    uint32_t src = ntohl(iph->ip_src.s_addr);
    if (icmp_allowed(src, (uint32_t)p->timestamp_anno().sec())) {
      if (Packet *icmp = need_frag(p)) {
        _icmp++;
        checked_output_push(1, icmp);
      }
    } else
      _icmp_suppressed++;
    p->kill();
    return;
  }
  _later_optlen =
      hl > 20 ? copied_options(reinterpret_cast<const uint8_t *>(iph + 1),
                               (int)hl - 20, _later_opts)
              : 0;
  if (_later_optlen < 0) {
    p->kill();
    return;
  }
  uint32_t data = tot - hl;
  uint32_t first_chunk = ((_mtu - hl) / 8) * 8;
  uint32_t later_chunk = ((_mtu - 20 - (uint32_t)_later_optlen) / 8) * 8;
  uint32_t off = 0;
  while (off < data) {
    uint32_t chunk = off == 0 ? first_chunk : later_chunk;
    if (chunk > data - off)
      chunk = data - off;
    WritablePacket *f = make_fragment(p, hl, off, chunk);
    if (!f)
      break;
    _frags++;
    output(0).push(f);
    off += chunk;
  }
  p->kill();
}

extern "C" Element *clara_nf_create(const char *config) {
  TrainIPFragmenter *e = new TrainIPFragmenter;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
