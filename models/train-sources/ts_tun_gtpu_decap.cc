// Training source for the instruction models (models/README.md): a mobile
// user-plane (UPF uplink) GTP-U decapsulator: outer IPv4/UDP 2152
// validation, GTP-U flag and optional-field parsing, an extension header
// walk (PDU session container QFI, UDP port, long PDCP number), TEID session
// lookup with per-QFI admission and sequence tracking, echo request replies
// with a recovery IE, and removal of the tunnel headers.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashmap.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

#define GTPU_PORT 2152
#define GTP_ECHO_REQ 1
#define GTP_ECHO_RESP 2
#define GTP_ERROR_IND 26
#define GTP_END_MARKER 254
#define GTP_GPDU 255

#define GTP_FLAG_PN 0x01
#define GTP_FLAG_S 0x02
#define GTP_FLAG_E 0x04

#define EXT_PDU_SESSION 0x85
#define EXT_UDP_PORT 0x40
#define EXT_LONG_PDCP 0x82

struct UplinkSession {
  uint32_t ue_addr;
  uint64_t qfi_mask; // admitted QFIs (bit per QFI 0..63)
  uint64_t bytes;
  uint32_t packets;
  uint16_t last_seq;
  uint16_t reordered;
  uint8_t default_qfi;
  uint8_t active;
};

struct GtpParse {
  uint32_t teid;
  uint16_t seq;
  uint8_t type;
  uint8_t qfi;
  uint8_t has_seq;
  uint8_t ext_count;
  uint16_t hdr_len; // bytes of GTP-U header including extensions
};

class TrainGtpuDecap : public Element {
public:
  TrainGtpuDecap()
      : _local(0x0a640001u), _restart(7), _gpdu(0), _echo(0), _unknown(0),
        _malformed(0), _qfi_drops(0) {
    for (uint32_t i = 0; i < 64; ++i) {
      UplinkSession s;
      s.ue_addr = 0x0a000000u | (i << 8) | 1;
      s.qfi_mask = (1ull << 1) | (1ull << 5) | (1ull << 9) | (1ull << (i & 63));
      s.bytes = 0;
      s.packets = 0;
      s.last_seq = 0;
      s.reordered = 0;
      s.default_qfi = 9;
      s.active = (i % 7) != 3;
      _sessions.insert(0x100 + i, s);
    }
  }
  const char *class_name() const override { return "TrainGtpuDecap"; }
  const char *port_count() const override { return "1/3"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  int outer_check(const uint8_t *d, uint32_t len) const;
  int parse_gtp(const uint8_t *g, uint32_t avail, GtpParse *out);
  int walk_extensions(const uint8_t *x, uint32_t avail, uint8_t next,
                      GtpParse *out);
  bool admit(UplinkSession *s, const GtpParse &gp, uint32_t inner_src);
  Packet *echo_reply(Packet *p, const GtpParse &gp);

  uint32_t _local;
  uint8_t _restart;
  HashMap<uint32_t, UplinkSession> _sessions;
  uint64_t _gpdu;
  uint32_t _echo;
  uint32_t _unknown;
  uint32_t _malformed;
  uint32_t _qfi_drops;
};

// Returns the offset of the GTP-U header, or -1.
int TrainGtpuDecap::outer_check(const uint8_t *d, uint32_t len) const {
  if (len < 14 + 20 + 8 + 8)
    return -1;
  if (d[12] != 0x08 || d[13] != 0x00)
    return -1;
  const click_ip *iph = reinterpret_cast<const click_ip *>(d + 14);
  if (iph->ip_v != 4 || iph->ip_p != IP_PROTO_UDP || IP_ISFRAG(iph))
    return -1;
  int hl = iph->ip_hl << 2;
  if (hl < 20 || ntohl(iph->ip_dst.s_addr) != _local)
    return -1;
  if ((uint32_t)(14 + hl + 8 + 8) > len)
    return -1;
  const click_udp *uh = reinterpret_cast<const click_udp *>(d + 14 + hl);
  if (ntohs(uh->uh_dport) != GTPU_PORT)
    return -1;
  if (ntohs(uh->uh_ulen) < 16 || ntohs(uh->uh_ulen) > len - 14 - hl)
    return -1;
  return 14 + hl + 8;
}

int TrainGtpuDecap::walk_extensions(const uint8_t *x, uint32_t avail,
                                    uint8_t next, GtpParse *out) {
  uint32_t off = 0;
  while (next != 0) {
    if (off >= avail || out->ext_count >= 8)
      return -1;
    uint32_t elen = (uint32_t)x[off] * 4;
    if (elen == 0 || off + elen > avail)
      return -1;
    const uint8_t *c = x + off + 1;
    switch (next) {
    case EXT_PDU_SESSION:
      // PDU type in the high nibble: 1 = uplink; QFI in the low six bits.
      if ((c[0] >> 4) != 1)
        return -1;
      out->qfi = c[1] & 0x3f;
      break;
    case EXT_UDP_PORT:
    case EXT_LONG_PDCP:
      break;
    default:
      // "comprehension required" types (top two bits 10/11) must be known
      if (next & 0x80)
        return -1;
      break;
    }
    next = x[off + elen - 1];
    off += elen;
    out->ext_count++;
  }
  return (int)off;
}

int TrainGtpuDecap::parse_gtp(const uint8_t *g, uint32_t avail, GtpParse *out) {
  uint8_t flags = g[0];
  if ((flags >> 5) != 1 || !(flags & 0x10))
    return -1;
  out->type = g[1];
  out->teid =
      (uint32_t)g[4] << 24 | (uint32_t)g[5] << 16 | (uint32_t)g[6] << 8 | g[7];
  out->qfi = 0xff;
  out->ext_count = 0;
  out->has_seq = 0;
  uint16_t mlen = (uint16_t)(g[2] << 8 | g[3]);
  if ((uint32_t)mlen + 8 > avail)
    return -1;
  out->hdr_len = 8;
  if (!(flags & (GTP_FLAG_E | GTP_FLAG_S | GTP_FLAG_PN)))
    return 0;
  if (mlen < 4)
    return -1;
  out->hdr_len = 12;
  if (flags & GTP_FLAG_S) {
    out->seq = (uint16_t)(g[8] << 8 | g[9]);
    out->has_seq = 1;
  }
  if (flags & GTP_FLAG_E) {
    int n = walk_extensions(g + 12, mlen - 4, g[11], out);
    if (n < 0)
      return -1;
    out->hdr_len = (uint16_t)(out->hdr_len + n);
  }
  return 0;
}

bool TrainGtpuDecap::admit(UplinkSession *s, const GtpParse &gp,
                           uint32_t inner_src) {
  if (!s->active || inner_src != s->ue_addr)
    return false;
  uint8_t q = gp.qfi == 0xff ? s->default_qfi : gp.qfi;
  if (!((s->qfi_mask >> q) & 1))
    return false;
  if (gp.has_seq) {
    int16_t delta = (int16_t)(gp.seq - s->last_seq);
    if (delta <= 0 && s->packets)
      s->reordered++;
    else
      s->last_seq = gp.seq;
  }
  return true;
}

Packet *TrainGtpuDecap::echo_reply(Packet *p, const GtpParse &gp) {
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  uint8_t *d = q->data();
  click_ip *iph = reinterpret_cast<click_ip *>(d + 14);
  int hl = iph->ip_hl << 2;
  // Answer with the mandatory header, sequence number and Recovery IE.
  uint32_t glen = 12 + 2;
  uint32_t want = 14 + hl + 8 + glen;
  if (q->length() > want)
    q->take(q->length() - want);
  else if (q->length() < want)
    return q; // too short to rewrite; caller drops it
  for (int i = 0; i < 6; ++i) {
    uint8_t t = d[i];
    d[i] = d[6 + i];
    d[6 + i] = t;
  }
  uint32_t a = iph->ip_src.s_addr;
  iph->ip_src.s_addr = iph->ip_dst.s_addr;
  iph->ip_dst.s_addr = a;
  iph->ip_len = htons((uint16_t)(hl + 8 + glen));
  iph->ip_ttl = 64;
  iph->ip_sum = 0;
  iph->ip_sum = click_in_cksum(reinterpret_cast<unsigned char *>(iph), hl);
  click_udp *uh = reinterpret_cast<click_udp *>(d + 14 + hl);
  uh->uh_sport = htons(GTPU_PORT);
  uh->uh_ulen = htons((uint16_t)(8 + glen));
  uh->uh_sum = 0;
  uint8_t *g = d + 14 + hl + 8;
  g[0] = 0x32; // version 1, PT, S
  g[1] = GTP_ECHO_RESP;
  g[2] = 0;
  g[3] = (uint8_t)(glen - 8);
  g[4] = g[5] = g[6] = g[7] = 0;
  g[8] = (uint8_t)(gp.seq >> 8);
  g[9] = (uint8_t)gp.seq;
  g[10] = g[11] = 0;
  g[12] = 14; // Recovery IE
  g[13] = _restart;
  _echo++;
  return q;
}

void TrainGtpuDecap::push(int, Packet *p) {
  const uint8_t *d = p->data();
  int goff = outer_check(d, p->length());
  GtpParse gp;
  if (goff < 0 || parse_gtp(d + goff, p->length() - goff, &gp) < 0) {
    _malformed++;
    p->kill();
    return;
  }
  if (gp.type == GTP_ECHO_REQ) {
    if (!gp.has_seq)
      gp.seq = 0;
    if (Packet *r = echo_reply(p, gp))
      checked_output_push(1, r);
    return;
  }
  if (gp.type != GTP_GPDU) {
    checked_output_push(2, p);
    return;
  }
  UplinkSession *s = _sessions.findp(gp.teid);
  uint32_t inner = (uint32_t)goff + gp.hdr_len;
  if (!s || p->length() < inner + 20) {
    _unknown++;
    checked_output_push(2, p);
    return;
  }
  const click_ip *in = reinterpret_cast<const click_ip *>(d + inner);
  if (in->ip_v != 4 || !admit(s, gp, ntohl(in->ip_src.s_addr))) {
    _qfi_drops++;
    p->kill();
    return;
  }
  uint32_t ilen = ntohs(in->ip_len);
  if (ilen < p->length() - inner)
    p->take(p->length() - inner - ilen);
  s->packets++;
  s->bytes += ilen;
  uint8_t qfi = gp.qfi == 0xff ? s->default_qfi : gp.qfi;
  // Keep the outer Ethernet addresses: copy the 12 address bytes forward.
  uint8_t mac[12];
  memcpy(mac, d, 12);
  p->pull(inner - 14);
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  memcpy(q->data(), mac, 12);
  q->data()[12] = 0x08;
  q->data()[13] = 0x00;
  q->set_mac_header(q->data(), 14);
  const click_ip *niph = reinterpret_cast<const click_ip *>(q->data() + 14);
  q->set_ip_header(niph, niph->ip_hl << 2);
  q->set_anno_u8(PAINT_ANNO_OFFSET, qfi);
  q->set_anno_u32(AGGREGATE_ANNO_OFFSET, gp.teid);
  _gpdu++;
  output(0).push(q);
}

extern "C" Element *clara_nf_create(const char *config) {
  TrainGtpuDecap *e = new TrainGtpuDecap;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 3) < 0)
    return 0;
  return e;
}
