// Training source for the instruction models (models/README.md): payload
// truncation for a monitoring tap or a privacy scrubber: per-protocol snap
// lengths (TCP/UDP by port class, ICMP keeps its quoted header), the kept
// payload rounded down to ALIGN bytes, link padding trimmed, IP total length
// and UDP length rewritten, transport checksums recomputed over the kept
// bytes and the original length kept in an annotation. Instantiated at
// three alignments.
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

struct SnapStats {
  uint64_t seen;
  uint64_t cut;
  uint64_t bytes_removed;
  uint32_t by_class[4];
};

template <int ALIGN> class TrainTruncate : public Element {
public:
  TrainTruncate() : _snap_default(64), _snap_dns(512), _snap_icmp(28) {
    _st.seen = _st.cut = _st.bytes_removed = 0;
    for (int i = 0; i < 4; ++i)
      _st.by_class[i] = 0;
  }
  const char *class_name() const override { return "TrainTruncate"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

private:
  // 0: bulk, 1: DNS (kept longer), 2: web, 3: other/unknown
  static int port_class(uint16_t sport, uint16_t dport) {
    uint16_t lo = sport < dport ? sport : dport;
    switch (lo) {
    case 53:
    case 5353:
      return 1;
    case 80:
    case 443:
    case 8080:
      return 2;
    default:
      return lo < 1024 ? 0 : 3;
    }
  }
  int snap_for(int proto, int cls) const {
    if (proto == IP_PROTO_ICMP)
      return _snap_icmp;
    if (cls == 1)
      return _snap_dns;
    return cls == 2 ? _snap_default * 2 : _snap_default;
  }
  static int keep_aligned(int payload, int snap) {
    if (payload <= snap)
      return payload;
    return snap - snap % ALIGN; // never below the snap length's alignment
  }
  static int l4_header_length(const uint8_t *h, int proto, int avail) {
    if (proto == IP_PROTO_TCP)
      return avail >= 20 ? (h[12] >> 4) << 2 : -1;
    if (proto == IP_PROTO_UDP)
      return avail >= 8 ? 8 : -1;
    return avail >= 8 ? 8 : -1; // ICMP and others: the first 8 bytes
  }
  void fix_lengths(WritablePacket *q, int new_total, int proto);

  int _snap_default, _snap_dns, _snap_icmp;
  SnapStats _st;
};

template <int ALIGN>
void TrainTruncate<ALIGN>::fix_lengths(WritablePacket *q, int new_total,
                                       int proto) {
  click_ip *iph = q->ip_header();
  uint16_t old = iph->ip_len;
  iph->ip_len = htons((uint16_t)new_total);
  click_update_in_cksum(&iph->ip_sum, old, iph->ip_len);
  int l4len = new_total - (iph->ip_hl << 2);
  uint8_t *l4 = q->data() + q->transport_header_offset();
  uint16_t *sum;
  if (proto == IP_PROTO_TCP)
    sum = &reinterpret_cast<click_tcp *>(l4)->th_sum;
  else if (proto == IP_PROTO_UDP) {
    click_udp *uh = reinterpret_cast<click_udp *>(l4);
    uh->uh_ulen = htons((uint16_t)l4len);
    if (uh->uh_sum == 0)
      return; // the sender did not checksum: keep it that way
    sum = &uh->uh_sum;
  } else if (proto == IP_PROTO_ICMP)
    sum = &reinterpret_cast<click_icmp *>(l4)->icmp_cksum;
  else
    return;
  *sum = 0;
  uint16_t c = click_in_cksum(l4, l4len);
  if (proto == IP_PROTO_ICMP)
    *sum = c;
  else {
    *sum = click_in_cksum_pseudohdr(c, iph, l4len);
    if (proto == IP_PROTO_UDP && *sum == 0)
      *sum = 0xFFFF;
  }
}

template <int ALIGN> Packet *TrainTruncate<ALIGN>::simple_action(Packet *p) {
  const click_ip *iph = p->ip_header();
  _st.seen++;
  if (!iph || IP_ISFRAG(iph))
    return p;
  int off = p->ip_header_offset(), hl = iph->ip_hl << 2;
  int total = ntohs(iph->ip_len);
  if (total < hl || off + total > (int)p->length())
    return p;
  int proto = iph->ip_p;
  const uint8_t *l4 = p->data() + off + hl;
  int l4h = l4_header_length(l4, proto, total - hl);
  if (l4h < 0 || hl + l4h > total)
    return p;
  int cls = 3;
  if (proto == IP_PROTO_TCP || proto == IP_PROTO_UDP)
    cls = port_class(ntohs(*(const uint16_t *)l4),
                     ntohs(*(const uint16_t *)(l4 + 2)));
  int payload = total - hl - l4h;
  int keep = keep_aligned(payload, snap_for(proto, cls));
  if (keep == payload && (int)p->length() == off + total)
    return p;
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  int new_total = hl + l4h + keep;
  q->take(q->length() - (uint32_t)(off + new_total));
  if (keep != payload) {
    fix_lengths(q, new_total, proto);
    q->set_anno_u16(AGGREGATE_AUX_ANNO_OFFSET, (uint16_t)total);
    _st.cut++;
    _st.bytes_removed += (uint64_t)(payload - keep);
    _st.by_class[cls]++;
  }
  return q;
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[3] = {new TrainTruncate<16>, new TrainTruncate<4>,
                   new TrainTruncate<1>};
  String conf = config ? String(config) : String();
  for (int i = 0; i < 3; ++i)
    if (clara_element_setup(e[i], conf, 1, 1) < 0)
      return 0;
  clara_connect(e[0], 0, e[1], 0);
  clara_connect(e[1], 0, e[2], 0);
  return e[0];
}
