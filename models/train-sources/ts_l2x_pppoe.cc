// Training source for the instruction models (models/README.md): PPPoE access
// concentrator data-path stage. Discovery frames (PADI/PADO/PADR/PADS/PADT)
// are validated and their tag lists walked; PADS/PADT create and tear down
// entries of a session table keyed by session ID. Session frames are checked
// against the table (client MAC, length), their PPP header is removed and the
// Ethernet type rewritten for IPv4/IPv6, and TCP SYNs get their MSS clamped
// with an incremental checksum update. LCP/IPCP go to the control port.
// Written for training only; not part of the NF corpus.
#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

struct click_pppoe {
  uint8_t ver_type; // 0x11
  uint8_t code;
  uint16_t session;
  uint16_t length;
};

enum {
  PPPOE_SESSION_DATA = 0x00,
  PADO = 0x07,
  PADI = 0x09,
  PADR = 0x19,
  PADS = 0x65,
  PADT = 0xa7
};
enum {
  TAG_END = 0x0000,
  TAG_SERVICE_NAME = 0x0101,
  TAG_AC_NAME = 0x0102,
  TAG_HOST_UNIQ = 0x0103,
  TAG_AC_COOKIE = 0x0104,
  TAG_RELAY_ID = 0x0110,
  TAG_SERVICE_ERR = 0x0201,
  TAG_AC_ERR = 0x0202,
  TAG_GENERIC_ERR = 0x0203
};
enum { PPP_IP = 0x0021, PPP_IPV6 = 0x0057, PPP_IPCP = 0x8021, PPP_LCP = 0xc021 };

struct PPPoESession {
  uint8_t client[6];
  uint8_t state; // 1 = established
  uint8_t has_cookie;
  uint64_t up_packets;
  uint64_t up_bytes;
};

struct TagSummary {
  bool service_name;
  bool cookie;
  bool error;
  int ntags;
};

class PPPoEGateway : public Element {
public:
  PPPoEGateway() : _mss(1452), _require_cookie(false) {
    memset(_stats, 0, sizeof(_stats));
  }
  const char *class_name() const override { return "PPPoEGateway"; }
  const char *port_count() const override { return "1/3"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    return Args(conf, this, errh)
        .read("MSS", _mss)
        .read("REQUIRE_COOKIE", _require_cookie)
        .complete();
  }

  void push(int, Packet *p) override;

private:
  enum { S_DISC, S_DATA, S_CTRL, S_DROP_HDR, S_DROP_SESS, S_DROP_TAGS, S_CLAMP,
         S_N };

  static bool walk_tags(const uint8_t *t, int len, TagSummary &ts);
  void discovery(Packet *p, const click_ether *eh, const click_pppoe *ph,
                 int plen);
  void session(Packet *p, const click_ether *eh, const click_pppoe *ph,
               int plen);
  void clamp_mss(WritablePacket *q, int ip_off);
  void drop(Packet *p, int why) {
    _stats[why]++;
    output(2).push(p);
  }

  HashTable<uint16_t, PPPoESession, 1024, 4> _sessions;
  uint16_t _mss;
  bool _require_cookie;
  uint64_t _stats[S_N];
};

bool PPPoEGateway::walk_tags(const uint8_t *t, int len, TagSummary &ts) {
  memset(&ts, 0, sizeof(ts));
  int off = 0;
  while (off + 4 <= len) {
    uint16_t type = (uint16_t)((t[off] << 8) | t[off + 1]);
    uint16_t tlen = (uint16_t)((t[off + 2] << 8) | t[off + 3]);
    if (off + 4 + tlen > len)
      return false;
    ts.ntags++;
    switch (type) {
    case TAG_END:
      return true;
    case TAG_SERVICE_NAME:
      ts.service_name = true;
      break;
    case TAG_AC_COOKIE:
      ts.cookie = tlen > 0;
      break;
    case TAG_SERVICE_ERR:
    case TAG_AC_ERR:
    case TAG_GENERIC_ERR:
      ts.error = true;
      break;
    case TAG_HOST_UNIQ:
    case TAG_RELAY_ID:
      if (tlen == 0 || tlen > 64)
        return false;
      break;
    default:
      break;
    }
    off += 4 + tlen;
  }
  return off == len;
}

void PPPoEGateway::discovery(Packet *p, const click_ether *eh,
                             const click_pppoe *ph, int plen) {
  TagSummary ts;
  if (!walk_tags(reinterpret_cast<const uint8_t *>(ph + 1), plen, ts)) {
    drop(p, S_DROP_TAGS);
    return;
  }
  uint16_t sid = ntohs(ph->session);
  bool bcast = (eh->ether_dhost[0] & eh->ether_dhost[1] & eh->ether_dhost[2] &
                eh->ether_dhost[3] & eh->ether_dhost[4] & eh->ether_dhost[5]) ==
               0xff;
  switch (ph->code) {
  case PADI:
    if (!bcast || sid != 0 || !ts.service_name) {
      drop(p, S_DROP_HDR);
      return;
    }
    break;
  case PADO:
  case PADR:
    if (bcast || sid != 0 || !ts.service_name ||
        (ph->code == PADR && _require_cookie && !ts.cookie)) {
      drop(p, S_DROP_HDR);
      return;
    }
    break;
  case PADS: {
    if (sid == 0 || ts.error) // PADS with session 0 signals a refusal
      break;
    PPPoESession s;
    memcpy(s.client, eh->ether_dhost, 6);
    s.state = 1;
    s.has_cookie = ts.cookie;
    s.up_packets = s.up_bytes = 0;
    if (!_sessions.set(sid, s)) {
      drop(p, S_DROP_SESS);
      return;
    }
    break;
  }
  case PADT:
    if (sid == 0) {
      drop(p, S_DROP_HDR);
      return;
    }
    _sessions.erase(sid);
    break;
  default:
    drop(p, S_DROP_HDR);
    return;
  }
  _stats[S_DISC]++;
  output(1).push(p);
}

void PPPoEGateway::clamp_mss(WritablePacket *q, int ip_off) {
  click_ip *iph = reinterpret_cast<click_ip *>(q->data() + ip_off);
  int hl = iph->ip_hl << 2;
  if (iph->ip_p != IP_PROTO_TCP || IP_ISFRAG(iph) ||
      ip_off + hl + (int)sizeof(click_tcp) > (int)q->length())
    return;
  click_tcp *th = reinterpret_cast<click_tcp *>(q->data() + ip_off + hl);
  if (!(th->th_flags & TH_SYN))
    return;
  int thl = th->th_off << 2;
  if (thl <= 20 || ip_off + hl + thl > (int)q->length())
    return;
  uint8_t *opt = reinterpret_cast<uint8_t *>(th + 1);
  uint8_t *end = reinterpret_cast<uint8_t *>(th) + thl;
  while (opt < end) {
    if (opt[0] == 0)
      break;
    if (opt[0] == 1) {
      opt++;
      continue;
    }
    if (opt + 2 > end || opt[1] < 2 || opt + opt[1] > end)
      break;
    if (opt[0] == 2 && opt[1] == 4) {
      uint16_t old = (uint16_t)((opt[2] << 8) | opt[3]);
      if (old > _mss) {
        opt[2] = (uint8_t)(_mss >> 8);
        opt[3] = (uint8_t)_mss;
        // RFC 1624: HC' = ~(~HC + ~m + m')
        uint32_t sum = (uint16_t)~ntohs(th->th_sum);
        sum += (uint16_t)~old;
        sum += _mss;
        sum = (sum & 0xffff) + (sum >> 16);
        sum = (sum & 0xffff) + (sum >> 16);
        th->th_sum = htons((uint16_t)~sum);
        _stats[S_CLAMP]++;
      }
      return;
    }
    opt += opt[1];
  }
}

void PPPoEGateway::session(Packet *p, const click_ether *eh,
                           const click_pppoe *ph, int plen) {
  uint16_t sid = ntohs(ph->session);
  PPPoESession *s = _sessions.get_pointer(sid);
  if (ph->code != PPPOE_SESSION_DATA || !s || !s->state ||
      memcmp(s->client, eh->ether_shost, 6) != 0 || plen < 2) {
    drop(p, S_DROP_SESS);
    return;
  }
  const uint8_t *pp = reinterpret_cast<const uint8_t *>(ph + 1);
  uint16_t proto = (uint16_t)((pp[0] << 8) | pp[1]);
  s->up_packets++;
  s->up_bytes += plen;
  uint16_t etype;
  switch (proto) {
  case PPP_IP:
    etype = ETHERTYPE_IP;
    break;
  case PPP_IPV6:
    etype = ETHERTYPE_IP6;
    break;
  case PPP_LCP:
  case PPP_IPCP:
    _stats[S_CTRL]++;
    output(1).push(p);
    return;
  default:
    drop(p, S_DROP_HDR);
    return;
  }
  // trim Ethernet padding beyond the PPPoE payload, then strip 8 bytes
  uint32_t want = 14 + 6 + plen;
  if (p->length() > want)
    p->take(p->length() - want);
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  memmove(q->data() + 8, q->data(), 12);
  q->pull(8);
  click_ether *neh = reinterpret_cast<click_ether *>(q->data());
  neh->ether_type = htons(etype);
  q->set_mac_header(q->data(), 14);
  SET_AGGREGATE_ANNO(q, sid);
  if (etype == ETHERTYPE_IP && q->length() >= 34) {
    q->set_network_header(q->data() + 14, (q->data()[14] & 0x0f) << 2);
    clamp_mss(q, 14);
  }
  _stats[S_DATA]++;
  output(0).push(q);
}

void PPPoEGateway::push(int, Packet *p) {
  if (p->length() < 14 + sizeof(click_pppoe)) {
    output(0).push(p);
    return;
  }
  const click_ether *eh = reinterpret_cast<const click_ether *>(p->data());
  uint16_t et = ntohs(eh->ether_type);
  if (et != ETHERTYPE_PPPOE_DISC && et != ETHERTYPE_PPPOE_SESSION) {
    output(0).push(p);
    return;
  }
  const click_pppoe *ph = reinterpret_cast<const click_pppoe *>(eh + 1);
  int plen = ntohs(ph->length);
  if (ph->ver_type != 0x11 || 14 + 6 + plen > (int)p->length()) {
    drop(p, S_DROP_HDR);
    return;
  }
  if (et == ETHERTYPE_PPPOE_DISC)
    discovery(p, eh, ph, plen);
  else
    session(p, eh, ph, plen);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new PPPoEGateway;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 3) < 0)
    return 0;
  return e;
}
