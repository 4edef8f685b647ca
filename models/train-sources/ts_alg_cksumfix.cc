// Training source for the instruction models (models/README.md): a checksum
// repair stage behind rewriting elements: its own one's-complement sums over
// odd-length and odd-aligned buffers (accumulator width as a template
// parameter, 16-bit pairs, 4-byte unrolled loop, trailing byte), pseudo-header
// sums, IPv4/TCP/UDP/ICMP verification and recomputation by policy, link
// padding trimming, per-protocol repair counters. Bad IP headers: output 1.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/icmp.h>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

// One's-complement sum of len bytes starting at an arbitrary address; odd
// (the byte parity of the buffer start within the packet) swaps lanes.
template <typename Acc>
static Acc ones_sum(const uint8_t *b, int len, bool odd, Acc sum) {
  int i = 0;
  if (odd && len > 0) {
    sum += b[0]; // low lane: this byte is the second of a 16-bit word
    i = 1;
  }
  for (; i + 3 < len; i += 4)
    sum += (Acc)(b[i] << 8 | b[i + 1]) + (Acc)(b[i + 2] << 8 | b[i + 3]);
  for (; i + 1 < len; i += 2)
    sum += (Acc)(b[i] << 8 | b[i + 1]);
  if (i < len)
    sum += (Acc)b[i] << 8;
  return sum;
}

template <typename Acc> static uint16_t fold_sum(Acc sum) {
  while (sum >> 16)
    sum = (sum & 0xFFFF) + (sum >> 16);
  return (uint16_t)sum;
}

enum { FIX_IP = 1, FIX_TCP = 2, FIX_UDP = 4, FIX_ICMP = 8 };

template <typename Acc> class TrainChecksumFix : public Element {
public:
  TrainChecksumFix() : _policy(FIX_IP | FIX_TCP | FIX_UDP | FIX_ICMP) {
    for (int i = 0; i < 8; ++i)
      _count[i] = 0;
  }
  const char *class_name() const override { return "TrainChecksumFix"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  Acc pseudo(const click_ip *iph, int l4len) const {
    uint32_t s = ntohl(iph->ip_src.s_addr), d = ntohl(iph->ip_dst.s_addr);
    Acc sum = (Acc)(s >> 16) + (Acc)(s & 0xFFFF);
    sum += (Acc)(d >> 16) + (Acc)(d & 0xFFFF);
    return sum + (Acc)iph->ip_p + (Acc)l4len;
  }
  // The checksum field value that makes the l4len bytes at seg correct;
  // the field itself (at cks_off) is summed as zero.
  uint16_t l4_checksum(const click_ip *iph, const uint8_t *seg, int l4len,
                       int cks_off) {
    Acc sum = iph->ip_p == IP_PROTO_ICMP ? 0 : pseudo(iph, l4len);
    sum = ones_sum<Acc>(seg, cks_off, false, sum);
    sum = ones_sum<Acc>(seg + cks_off + 2, l4len - cks_off - 2,
                        (cks_off & 1) != 0, sum);
    return (uint16_t)~fold_sum<Acc>(sum);
  }
  static int checksum_offset(int proto) {
    switch (proto) {
    case IP_PROTO_TCP:
      return 16;
    case IP_PROTO_UDP:
      return 6;
    case IP_PROTO_ICMP:
      return 2;
    default:
      return -1;
    }
  }
  static int policy_bit(int proto) {
    return proto == IP_PROTO_TCP   ? FIX_TCP
           : proto == IP_PROTO_UDP ? FIX_UDP
                                   : FIX_ICMP;
  }
  int repair_l4(WritablePacket *q, int l4len);

  uint8_t _policy;
  Acc _count[8]; // ip ok/fixed, tcp/udp/icmp fixed, udp zero, short, other
};

template <typename Acc>
int TrainChecksumFix<Acc>::repair_l4(WritablePacket *q, int l4len) {
  click_ip *iph = q->ip_header();
  int off = checksum_offset(iph->ip_p);
  if (off < 0) {
    _count[7]++;
    return 0;
  }
  if (l4len < off + 2) {
    _count[6]++;
    return -1;
  }
  uint8_t *seg = q->data() + q->transport_header_offset();
  uint16_t have = (uint16_t)(seg[off] << 8 | seg[off + 1]);
  if (iph->ip_p == IP_PROTO_UDP && have == 0) {
    _count[5]++; // no checksum: leave it so
    return 0;
  }
  uint16_t want = l4_checksum(iph, seg, l4len, off);
  if (iph->ip_p == IP_PROTO_UDP && want == 0)
    want = 0xFFFF;
  if (have == want || !(_policy & policy_bit(iph->ip_p)))
    return 0;
  seg[off] = (uint8_t)(want >> 8);
  seg[off + 1] = (uint8_t)want;
  _count[iph->ip_p == IP_PROTO_TCP ? 2 : iph->ip_p == IP_PROTO_UDP ? 3 : 4]++;
  return 1;
}

template <typename Acc> void TrainChecksumFix<Acc>::push(int, Packet *p) {
  const click_ip *ciph = p->ip_header();
  if (!ciph) {
    output(0).push(p);
    return;
  }
  int hl = ciph->ip_hl << 2, off = p->ip_header_offset();
  int total = ntohs(ciph->ip_len);
  if (ciph->ip_v != 4 || hl < 20 || total < hl ||
      off + total > (int)p->length()) {
    checked_output_push(1, p);
    return;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  if ((int)q->length() > off + total)
    q->take(q->length() - (uint32_t)(off + total)); // link padding
  click_ip *iph = q->ip_header();
  const uint8_t *h = reinterpret_cast<const uint8_t *>(iph);
  uint16_t ip_fix = (uint16_t)~fold_sum<Acc>(
      ones_sum<Acc>(h + 12, hl - 12, false, ones_sum<Acc>(h, 10, false, 0)));
  int changed = 0;
  if (ip_fix != ntohs(iph->ip_sum)) {
    if (!(_policy & FIX_IP)) {
      checked_output_push(1, q);
      return;
    }
    iph->ip_sum = htons(ip_fix);
    _count[1]++;
    changed |= 1;
  } else
    _count[0]++;
  if (!IP_ISFRAG(iph)) {
    int r = repair_l4(q, total - hl);
    if (r > 0)
      changed |= 2;
    else if (r < 0)
      SET_PAINT_ANNO(q, 0xFF);
  }
  if (changed)
    q->set_anno_u8(MISC_IP_ANNO_OFFSET, (uint8_t)changed);
  output(0).push(q);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[2] = {new TrainChecksumFix<uint32_t>,
                   new TrainChecksumFix<uint64_t>};
  String conf = config ? String(config) : String();
  for (int i = 0; i < 2; ++i)
    if (clara_element_setup(e[i], conf, 1, 2) < 0)
      return 0;
  clara_connect(e[0], 0, e[1], 0);
  return e[0];
}
