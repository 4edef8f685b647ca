// Training source for the instruction models (models/README.md): inbound
// IPsec ESP processing without the cipher (ESP-NULL): SPI to SA lookup,
// UDP-encapsulated ESP (NAT traversal, port 4500), tunnel endpoint checks,
// the sliding anti-replay window as a bitmap (32- and 64-packet windows)
// with extended sequence number inference, trailer parsing (monotonic
// padding, pad length, next header), byte/packet lifetimes, and removal of
// the ESP encapsulation in tunnel and transport mode.
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

// A replay window of the width of W (bits). top is the highest accepted
// sequence number (64-bit, including the ESN high half).
template <typename W> struct ReplayWindow {
  uint64_t top;
  W bitmap;
  enum { SIZE = sizeof(W) * 8 };

  // 1: new and accepted, 0: replayed or too old.
  int check_and_update(uint64_t seq) {
    if (seq == 0)
      return 0;
    if (seq > top) {
      uint64_t shift = seq - top;
      bitmap = shift >= SIZE ? (W)1 : (W)((bitmap << shift) | 1);
      top = seq;
      return 1;
    }
    uint64_t off = top - seq;
    if (off >= SIZE)
      return 0;
    W bit = (W)((W)1 << off);
    if (bitmap & bit)
      return 0;
    bitmap |= bit;
    return 1;
  }
};

struct SecurityAssoc {
  uint32_t peer;
  uint8_t tunnel;  // tunnel mode (else transport)
  uint8_t esn;     // extended sequence numbers
  uint8_t icv_len; // bytes of integrity check value
  uint8_t iv_len;  // bytes of IV (zero for ESP-NULL)
  uint8_t wide;    // 64-packet window, else 32
  uint8_t natt;
  uint64_t bytes_left;
  uint32_t packets_left;
  ReplayWindow<uint32_t> w32;
  ReplayWindow<uint64_t> w64;
};

// RFC 4303 appendix A: pick the high half of a 64-bit sequence number
// from the low half seen on the wire and the window's top.
static uint64_t infer_esn(uint64_t top, uint32_t low, uint32_t wsize) {
  uint32_t th = (uint32_t)(top >> 32), tl = (uint32_t)top;
  if (tl >= wsize - 1) {
    if (low >= tl - (wsize - 1))
      return (uint64_t)th << 32 | low;
    return (uint64_t)(th + 1) << 32 | low;
  }
  if (low >= tl - (wsize - 1))
    return th == 0 ? low : ((uint64_t)(th - 1) << 32 | low);
  return (uint64_t)th << 32 | low;
}

class TrainEspInbound : public Element {
public:
  TrainEspInbound()
      : _ok(0), _replay(0), _nosa(0), _bad_trailer(0), _expired(0) {
    for (uint32_t i = 0; i < 32; ++i) {
      SecurityAssoc sa;
      memset(&sa, 0, sizeof(sa));
      sa.peer = 0xc6120000u | i;
      sa.tunnel = (i & 1) == 0;
      sa.esn = (i & 2) != 0;
      sa.icv_len = (i & 4) ? 16 : 12;
      sa.iv_len = (i & 8) ? 8 : 0;
      sa.wide = (i & 16) != 0;
      sa.natt = (i % 3) == 0;
      sa.bytes_left = 1ull << 30;
      sa.packets_left = 100000;
      _sas.insert(0x1000 + i, sa);
    }
  }
  const char *class_name() const override { return "TrainEspInbound"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  int locate_esp(const uint8_t *d, uint32_t len, bool *natt) const;
  bool replay_ok(SecurityAssoc *sa, uint32_t low);
  int trailer(const uint8_t *end, uint32_t payload_len, uint8_t *next) const;
  Packet *strip(Packet *p, uint32_t esp_off, uint32_t tail,
                const SecurityAssoc *sa);

  HashMap<uint32_t, SecurityAssoc, 64, 2> _sas;
  uint64_t _ok;
  uint32_t _replay;
  uint32_t _nosa;
  uint32_t _bad_trailer;
  uint32_t _expired;
};

int TrainEspInbound::locate_esp(const uint8_t *d, uint32_t len,
                                bool *natt) const {
  if (len < 14 + 20 + 8 || d[12] != 0x08 || d[13] != 0x00)
    return -1;
  const click_ip *iph = reinterpret_cast<const click_ip *>(d + 14);
  uint32_t hl = iph->ip_hl << 2;
  if (iph->ip_v != 4 || hl < 20 || IP_ISFRAG(iph))
    return -1;
  *natt = false;
  if (iph->ip_p == IP_PROTO_ESP)
    return 14 + (int)hl;
  if (iph->ip_p != IP_PROTO_UDP || len < 14 + hl + 8 + 8)
    return -1;
  const click_udp *uh = reinterpret_cast<const click_udp *>(d + 14 + hl);
  if (uh->uh_dport != htons(4500))
    return -1;
  // a zero SPI marks IKE on the NAT-T port
  const uint8_t *e = d + 14 + hl + 8;
  if ((e[0] | e[1] | e[2] | e[3]) == 0)
    return -1;
  *natt = true;
  return 14 + (int)hl + 8;
}

bool TrainEspInbound::replay_ok(SecurityAssoc *sa, uint32_t low) {
  if (sa->wide) {
    uint64_t seq = sa->esn ? infer_esn(sa->w64.top, low, 64) : low;
    return sa->w64.check_and_update(seq) == 1;
  }
  uint64_t seq = sa->esn ? infer_esn(sa->w32.top, low, 32) : low;
  return sa->w32.check_and_update(seq) == 1;
}

// end points just past the next-header byte. Returns pad length + 2.
int TrainEspInbound::trailer(const uint8_t *end, uint32_t payload_len,
                             uint8_t *next) const {
  uint8_t padlen = end[-2];
  *next = end[-1];
  if ((uint32_t)padlen + 2 > payload_len)
    return -1;
  const uint8_t *pad = end - 2 - padlen;
  for (uint8_t i = 0; i < padlen; ++i)
    if (pad[i] != (uint8_t)(i + 1))
      return -1;
  return padlen + 2;
}

Packet *TrainEspInbound::strip(Packet *p, uint32_t esp_off, uint32_t tail,
                               const SecurityAssoc *sa) {
  uint32_t hdr = 8 + sa->iv_len;
  p->take(tail);
  if (sa->tunnel) {
    // drop outer Ethernet/IP/(UDP)/ESP; the inner packet keeps the MACs
    uint8_t macs[14];
    memcpy(macs, p->data(), 14);
    p->pull(esp_off + hdr - 14);
    WritablePacket *q = p->uniqueify();
    if (!q)
      return 0;
    memcpy(q->data(), macs, 14);
    q->set_mac_header(q->data(), 14);
    click_ip *in = reinterpret_cast<click_ip *>(q->data() + 14);
    q->set_ip_header(in, in->ip_hl << 2);
    return q;
  }
  // transport: slide Ethernet + a 20-byte IP header over the ESP header
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  uint8_t *d = q->data();
  uint8_t next = q->anno_u8(MISC_IP_ANNO_OFFSET);
  uint32_t gap = esp_off + hdr - 34;
  memmove(d + gap, d, 34);
  q->pull(gap);
  d = q->data();
  click_ip *iph = reinterpret_cast<click_ip *>(d + 14);
  iph->ip_p = next;
  iph->ip_len = htons((uint16_t)(q->length() - 14));
  iph->ip_sum = 0;
  iph->ip_sum = click_in_cksum(reinterpret_cast<unsigned char *>(iph), 20);
  q->set_mac_header(d, 14);
  q->set_ip_header(iph, 20);
  return q;
}

void TrainEspInbound::push(int, Packet *p) {
  bool natt;
  int off = locate_esp(p->data(), p->length(), &natt);
  if (off < 0) {
    checked_output_push(1, p);
    return;
  }
  const uint8_t *e = p->data() + off;
  uint32_t spi = ntohl(*reinterpret_cast<const uint32_t *>(e));
  uint32_t low = ntohl(*reinterpret_cast<const uint32_t *>(e + 4));
  SecurityAssoc *sa = _sas.findp(spi);
  const click_ip *iph = reinterpret_cast<const click_ip *>(p->data() + 14);
  if (!sa || sa->peer != ntohl(iph->ip_src.s_addr) || sa->natt != natt) {
    _nosa++;
    p->kill();
    return;
  }
  uint32_t ip_end = 14 + ntohs(iph->ip_len);
  if (ip_end > p->length())
    goto bad;
  if (ip_end < p->length())
    p->take(p->length() - ip_end);
  {
    uint32_t hdr = 8 + sa->iv_len;
    uint32_t avail = p->length() - (uint32_t)off;
    if (avail < hdr + sa->icv_len + 2 ||
        (!sa->tunnel && off != 34 + (natt ? 8 : 0)))
      goto bad;
    if (!replay_ok(sa, low)) {
      _replay++;
      p->kill();
      return;
    }
    uint8_t next;
    int tl = trailer(p->data() + p->length() - sa->icv_len,
                     avail - hdr - sa->icv_len, &next);
    if (tl < 0 || (sa->tunnel && next != IP_PROTO_IPIP) ||
        (!sa->tunnel && next == IP_PROTO_IPIP))
      goto bad;
    uint32_t plen = avail - hdr - sa->icv_len - (uint32_t)tl;
    if (sa->packets_left == 0 || sa->bytes_left < plen) {
      _expired++;
      p->kill();
      return;
    }
    sa->packets_left--;
    sa->bytes_left -= plen;
    p->set_anno_u8(MISC_IP_ANNO_OFFSET, next);
    Packet *q = strip(p, (uint32_t)off, sa->icv_len + (uint32_t)tl, sa);
    if (!q)
      return;
    q->set_anno_u32(AGGREGATE_ANNO_OFFSET, spi);
    _ok++;
    output(0).push(q);
    return;
  }
bad:
  _bad_trailer++;
  p->kill();
}

extern "C" Element *clara_nf_create(const char *config) {
  TrainEspInbound *e = new TrainEspInbound;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
