// Training source for the instruction models (models/README.md): BFD control
// packet receiver (RFC 5880/5881/5883) for single-hop (UDP 3784, GTSM TTL 255)
// and multihop (UDP 4784) sessions: reception checks on version, length,
// detect multiplier, discriminators and the authentication section (with
// sequence-number replay checks for meticulous modes), a per-session state
// machine keyed by the peer's discriminator, and detection-time expiry driven
// by packet timestamps.
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
#include <clicknet/udp.h>

#define BFD_PORT_SINGLE 3784
#define BFD_PORT_MULTI 4784

struct bfd_ctrl {
  uint8_t vers_diag;
  uint8_t sta_flags; // state (2 bits) P F C A D M
  uint8_t detect_mult;
  uint8_t length;
  uint32_t my_disc;
  uint32_t your_disc;
  uint32_t desired_min_tx;
  uint32_t required_min_rx;
  uint32_t required_min_echo_rx;
};

enum { BFD_ADMIN_DOWN = 0, BFD_DOWN = 1, BFD_INIT = 2, BFD_UP = 3 };
enum { BFD_F_POLL = 0x20, BFD_F_FINAL = 0x10, BFD_F_CPI = 0x08,
       BFD_F_AUTH = 0x04, BFD_F_DEMAND = 0x02, BFD_F_MULTI = 0x01 };

struct BFDSession {
  uint8_t local_state;
  uint8_t remote_state;
  uint8_t remote_mult;
  uint8_t auth_type;
  uint32_t local_disc;
  uint32_t remote_min_tx_us;
  uint32_t last_seq;
  bool seq_known;
  int64_t last_rx_us;
  uint32_t ups, downs, polls;
};

class BFDControlMonitor : public Element {
public:
  BFDControlMonitor()
      : _local_min_rx_us(300000), _next_disc(0x1000), _require_auth(false),
        _ok(0), _bad(0), _timeouts(0) {}
  const char *class_name() const override { return "BFDControlMonitor"; }
  const char *port_count() const override { return "1/3"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    return Args(conf, this, errh)
        .read("MIN_RX", _local_min_rx_us)
        .read("REQUIRE_AUTH", _require_auth)
        .complete();
  }

  void push(int, Packet *p) override;

private:
  const bfd_ctrl *locate(Packet *p, bool *multihop, int *avail);
  bool valid_auth(const uint8_t *a, int len, BFDSession &s);
  void expire(BFDSession &s, int64_t now_us);
  void transition(BFDSession &s, int remote_state);
  void discard(Packet *p) {
    _bad++;
    output(2).push(p);
  }

  HashTable<uint32_t, BFDSession, 512, 4> _sessions;
  uint32_t _local_min_rx_us;
  uint32_t _next_disc;
  bool _require_auth;
  uint64_t _ok, _bad, _timeouts;
};

const bfd_ctrl *BFDControlMonitor::locate(Packet *p, bool *multihop,
                                          int *avail) {
  if (p->length() < 14 + 20 + 8)
    return 0;
  const click_ether *eh = reinterpret_cast<const click_ether *>(p->data());
  if (eh->ether_type != htons(ETHERTYPE_IP))
    return 0;
  const click_ip *iph = reinterpret_cast<const click_ip *>(eh + 1);
  int hl = iph->ip_hl << 2;
  if (iph->ip_p != IP_PROTO_UDP || hl < 20 || IP_ISFRAG(iph) ||
      14 + hl + 8 > (int)p->length())
    return 0;
  const click_udp *uh =
      reinterpret_cast<const click_udp *>(p->data() + 14 + hl);
  uint16_t dport = ntohs(uh->uh_dport);
  if (dport != BFD_PORT_SINGLE && dport != BFD_PORT_MULTI)
    return 0;
  *multihop = dport == BFD_PORT_MULTI;
  // single-hop sessions require TTL 255 (GTSM), and an ephemeral source port
  if (!*multihop && iph->ip_ttl != 255) {
    *avail = -1;
    return 0;
  }
  if (ntohs(uh->uh_sport) < 49152) {
    *avail = -1;
    return 0;
  }
  int ulen = ntohs(uh->uh_ulen);
  int room = (int)p->length() - 14 - hl;
  *avail = (ulen < room ? ulen : room) - 8;
  return reinterpret_cast<const bfd_ctrl *>(uh + 1);
}

bool BFDControlMonitor::valid_auth(const uint8_t *a, int len, BFDSession &s) {
  if (len < 2)
    return false;
  uint8_t type = a[0], alen = a[1];
  if (alen > len)
    return false;
  switch (type) {
  case 1: // simple password: 1..16 bytes of password after key id
    if (alen < 4 || alen > 19)
      return false;
    break;
  case 2: // keyed MD5
  case 3: // meticulous keyed MD5
    if (alen != 24)
      return false;
    break;
  case 4: // keyed SHA1
  case 5: // meticulous keyed SHA1
    if (alen != 28)
      return false;
    break;
  default:
    return false;
  }
  if (s.auth_type && s.auth_type != type)
    return false;
  if (type >= 2) {
    uint32_t seq = ((uint32_t)a[4] << 24) | ((uint32_t)a[5] << 16) |
                   ((uint32_t)a[6] << 8) | a[7];
    bool meticulous = type == 3 || type == 5;
    if (s.seq_known) {
      int32_t d = (int32_t)(seq - s.last_seq);
      // replay window of 3 * detect multiplier packets (RFC 5880 6.7.3)
      if (meticulous ? d <= 0 : d < 0)
        return false;
      if (d > 3 * (int)s.remote_mult)
        return false;
    }
    s.last_seq = seq;
    s.seq_known = true;
  }
  s.auth_type = type;
  return true;
}

void BFDControlMonitor::expire(BFDSession &s, int64_t now_us) {
  if (s.local_state != BFD_UP && s.local_state != BFD_INIT)
    return;
  uint32_t interval = s.remote_min_tx_us > _local_min_rx_us
                          ? s.remote_min_tx_us
                          : _local_min_rx_us;
  int64_t detect = (int64_t)s.remote_mult * interval;
  if (now_us - s.last_rx_us > detect) {
    s.local_state = BFD_DOWN;
    s.downs++;
    _timeouts++;
  }
}

void BFDControlMonitor::transition(BFDSession &s, int rs) {
  s.remote_state = (uint8_t)rs;
  if (rs == BFD_ADMIN_DOWN) {
    if (s.local_state != BFD_DOWN) {
      s.local_state = BFD_DOWN;
      s.downs++;
    }
    return;
  }
  switch (s.local_state) {
  case BFD_DOWN:
    if (rs == BFD_DOWN)
      s.local_state = BFD_INIT;
    else if (rs == BFD_INIT) {
      s.local_state = BFD_UP;
      s.ups++;
    }
    break;
  case BFD_INIT:
    if (rs == BFD_INIT || rs == BFD_UP) {
      s.local_state = BFD_UP;
      s.ups++;
    }
    break;
  case BFD_UP:
    if (rs == BFD_DOWN) {
      s.local_state = BFD_DOWN;
      s.downs++;
    }
    break;
  default:
    break;
  }
}

void BFDControlMonitor::push(int, Packet *p) {
  bool multihop = false;
  int avail = 0;
  const bfd_ctrl *b = locate(p, &multihop, &avail);
  if (!b) {
    if (avail < 0)
      discard(p);
    else
      output(0).push(p);
    return;
  }
  if (avail < 24 || (b->vers_diag >> 5) != 1 || b->length < 24 ||
      b->length > avail) {
    discard(p);
    return;
  }
  uint8_t flags = b->sta_flags & 0x3f;
  int rstate = b->sta_flags >> 6;
  uint32_t my_disc = ntohl(b->my_disc), your_disc = ntohl(b->your_disc);
  if (b->detect_mult == 0 || (flags & BFD_F_MULTI) || my_disc == 0 ||
      ((flags & BFD_F_POLL) && (flags & BFD_F_FINAL))) {
    discard(p);
    return;
  }
  if (your_disc == 0 && rstate != BFD_DOWN && rstate != BFD_ADMIN_DOWN) {
    discard(p);
    return;
  }
  bool has_auth = flags & BFD_F_AUTH;
  if ((has_auth && b->length < 26) || (_require_auth && !has_auth)) {
    discard(p);
    return;
  }
  int64_t now = p->timestamp_anno().usecval();
  auto it = _sessions.find_insert(my_disc);
  if (it == _sessions.end()) {
    discard(p);
    return;
  }
  BFDSession &s = it->second;
  if (!s.local_disc) {
    s.local_disc = _next_disc++;
    s.local_state = BFD_DOWN;
    s.last_rx_us = now;
  } else if (your_disc != 0 && your_disc != s.local_disc) {
    discard(p);
    return;
  }
  if (has_auth) {
    const uint8_t *a = reinterpret_cast<const uint8_t *>(b) + 24;
    if (!valid_auth(a, b->length - 24, s)) {
      discard(p);
      return;
    }
  } else if (s.auth_type) {
    discard(p);
    return;
  }
  expire(s, now);
  s.remote_mult = b->detect_mult;
  s.remote_min_tx_us = ntohl(b->desired_min_tx);
  s.last_rx_us = now;
  if (flags & BFD_F_POLL)
    s.polls++;
  transition(s, rstate);
  _ok++;
  SET_PAINT_ANNO(p, (uint8_t)((s.local_state << 1) | (multihop ? 1 : 0)));
  SET_AGGREGATE_ANNO(p, s.local_disc);
  output(1).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new BFDControlMonitor;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 3) < 0)
    return 0;
  return e;
}
