// Training source for the instruction models (models/README.md): an L2TPv3
// pseudowire terminator: data messages over IP (protocol 115) and over UDP
// (port 1701, with the T bit and version checked), session lookup by
// session ID, 32- or 64-bit cookie comparison, the default L2-specific
// sublayer with 24-bit sequence numbers in serial arithmetic (loss,
// duplicates and reordering), per-session VLAN tagging annotations, and
// removal of the tunnel headers down to the carried Ethernet frame.
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

#define IP_PROTO_L2TP 115
#define L2TP_PORT 1701

struct PwSession {
  uint32_t peer;
  uint8_t cookie_len; // 0, 4 or 8
  uint8_t sequencing;
  uint16_t vlan;
  uint64_t cookie;
  uint32_t next_seq; // 24-bit
  uint32_t lost;
  uint32_t dup;
  int32_t gap_avg; // fixed point, /16
  uint64_t bytes;
};

// Cookies are compared at their configured width.
template <typename C>
static bool cookie_match(const uint8_t *b, uint64_t expected) {
  C v = 0;
  for (unsigned i = 0; i < sizeof(C); ++i)
    v = (C)(v << 8 | b[i]);
  return v == (C)expected;
}

// Signed distance a - b of two 24-bit serial numbers.
static int32_t seq24_diff(uint32_t a, uint32_t b) {
  uint32_t d = (a - b) & 0xffffff;
  return d & 0x800000 ? (int32_t)d - 0x1000000 : (int32_t)d;
}

class TrainL2tpv3Term : public Element {
public:
  TrainL2tpv3Term() : _ok(0), _control(0), _nosession(0), _badcookie(0) {
    for (uint32_t i = 1; i <= 48; ++i) {
      PwSession s;
      memset(&s, 0, sizeof(s));
      s.peer = 0xc0000200u | i; // 192.0.2.i
      s.cookie_len = (uint8_t)((i % 3) * 4);
      s.cookie = 0x0123456789abcdefull ^ ((uint64_t)i << 40) ^ i;
      s.sequencing = (i & 1) == 0;
      s.vlan = (uint16_t)(100 + i);
      _sessions.insert(0x4000 + i, s);
    }
  }
  const char *class_name() const override { return "TrainL2tpv3Term"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  int header_offset(const uint8_t *d, uint32_t len, uint32_t *peer) const;
  int sequence(PwSession *s, const uint8_t *sub);
  uint32_t read32(const uint8_t *b) const {
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 |
           b[3];
  }

  HashMap<uint32_t, PwSession, 64, 2> _sessions;
  uint64_t _ok;
  uint32_t _control;
  uint32_t _nosession;
  uint32_t _badcookie;
};

// Offset of the session ID field, or -1 (control messages: -2).
int TrainL2tpv3Term::header_offset(const uint8_t *d, uint32_t len,
                                   uint32_t *peer) const {
  if (len < 14 + 20 + 8 || d[12] != 0x08 || d[13] != 0x00)
    return -1;
  const click_ip *iph = reinterpret_cast<const click_ip *>(d + 14);
  uint32_t hl = iph->ip_hl << 2;
  if (IP_ISFRAG(iph) || 14 + hl + 12 > len)
    return -1;
  *peer = ntohl(iph->ip_src.s_addr);
  const uint8_t *l = d + 14 + hl;
  if (iph->ip_p == IP_PROTO_L2TP)
    return read32(l) == 0 ? -2 : (int)(14 + hl);
  if (iph->ip_p != IP_PROTO_UDP)
    return -1;
  const click_udp *uh = reinterpret_cast<const click_udp *>(l);
  if (ntohs(uh->uh_dport) != L2TP_PORT || 14 + hl + 8 + 8 > len)
    return -1;
  const uint8_t *h = l + 8;
  // over UDP: T bit (control) and version 3 in the first word
  if (h[0] & 0x80)
    return -2;
  if ((h[1] & 0x0f) != 3)
    return -1;
  return (int)(14 + hl + 8 + 4);
}

// 0 = deliver, -1 = drop (duplicate or too old).
int TrainL2tpv3Term::sequence(PwSession *s, const uint8_t *sub) {
  if (!(sub[0] & 0x40)) // S bit clear: sequence not valid
    return 0;
  uint32_t seq = (uint32_t)sub[1] << 16 | sub[2] << 8 | sub[3];
  int32_t d = seq24_diff(seq, s->next_seq);
  if (d < 0) {
    s->dup++;
    return d < -64 ? 0 : -1; // far behind: the peer restarted
  }
  if (d > 0)
    s->lost += (uint32_t)d;
  s->gap_avg += (d * 16 - s->gap_avg) / 8;
  s->next_seq = (seq + 1) & 0xffffff;
  return 0;
}

void TrainL2tpv3Term::push(int, Packet *p) {
  uint32_t peer = 0;
  int off = header_offset(p->data(), p->length(), &peer);
  if (off == -2) {
    _control++;
    checked_output_push(1, p);
    return;
  }
  if (off < 0) {
    p->kill();
    return;
  }
  const uint8_t *h = p->data() + off;
  uint32_t sid = read32(h);
  PwSession *s = _sessions.findp(sid);
  if (!s || s->peer != peer) {
    _nosession++;
    p->kill();
    return;
  }
  uint32_t hdr = 4 + s->cookie_len + (s->sequencing ? 4 : 0);
  if ((uint32_t)off + hdr + 14 > p->length()) {
    p->kill();
    return;
  }
  bool cookie_ok = true;
  if (s->cookie_len == 4)
    cookie_ok = cookie_match<uint32_t>(h + 4, s->cookie);
  else if (s->cookie_len == 8)
    cookie_ok = cookie_match<uint64_t>(h + 4, s->cookie);
  if (!cookie_ok) {
    _badcookie++;
    p->kill();
    return;
  }
  if (s->sequencing && sequence(s, h + 4 + s->cookie_len) < 0) {
    p->kill();
    return;
  }
  p->pull((uint32_t)off + hdr);
  s->bytes += p->length();
  p->set_mac_header(p->data(), 14);
  SET_VLAN_TCI_ANNO(p, htons(s->vlan));
  SET_AGGREGATE_ANNO(p, sid);
  _ok++;
  output(0).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  TrainL2tpv3Term *e = new TrainL2tpv3Term;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
