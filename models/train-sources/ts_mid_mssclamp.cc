// Training source for the instruction models (models/README.md): stateful TCP
// MSS clamping: SYN and SYN-ACK segments have their MSS option lowered to the
// configured ceiling or to the path MTU learned for the destination from ICMP
// fragmentation-needed messages (an MSS option is inserted when missing), the
// negotiated MSS of each direction is remembered per connection, and later
// data segments larger than the peer accepted are counted and marked;
// connections are forgotten on RST or after both FINs. Written for training
// only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/args.hh>
#include <click/hashtable.hh>
#include <click/ipflowid.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/icmp.h>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

struct MssConn {
  uint16_t mss[2];   // MSS accepted by [0] the SYN sender, [1] the SYN-ACK sender
  uint8_t fins;      // bit 0: initiator FIN, bit 1: responder FIN
  uint8_t established;
  uint32_t oversize;
  uint32_t last_s;
};

struct PathMtu {
  uint16_t mtu;
  uint32_t learned_s;
};

class MidMssClampState : public Element {
public:
  enum { PMTU_LIFETIME_S = 600, MIN_MSS = 536 };

  MidMssClampState()
      : _ceiling(1400), _clamped(0), _inserted(0), _oversize(0),
        _pmtu_updates(0), _pmtu_clamps(0) {}

  const char *class_name() const override { return "MidMssClampState"; }
  const char *port_count() const override { return PORTS_1_1; }
  const char *processing() const override { return AGNOSTIC; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    if (Args(conf, this, errh).read_p("MSS", _ceiling).complete() < 0)
      return -1;
    if (_ceiling < MIN_MSS) {
      errh->error("MSS must be at least %d", (int)MIN_MSS);
      return -1;
    }
    return 0;
  }

  Packet *simple_action(Packet *p) override;

private:
  typedef HashTable<IPFlowID, MssConn, 512, 4> ConnTable;

  static bool is_syn(uint8_t fl) { return (fl & (TH_SYN | TH_RST)) == TH_SYN; }
  static int find_mss_option(const click_tcp *th, int hdrlen);
  static void full_tcp_checksum(click_ip *iph, click_tcp *th, int tcplen);
  static void set_word(click_tcp *th, int off, uint16_t v, bool *needs_full);
  uint16_t limit_for(uint32_t dst, uint32_t now_s);
  void learn_pmtu(const click_ip *iph, const uint8_t *icmp, int len,
                  uint32_t now_s);
  Packet *clamp_handshake(Packet *p, MssConn *c, bool responder,
                          uint32_t now_s);
  Packet *insert_mss(Packet *p, uint16_t mss);

  ConnTable _conns;
  HashTable<uint32_t, PathMtu, 128, 4> _pmtu;
  uint16_t _ceiling;
  uint64_t _clamped, _inserted, _oversize, _pmtu_updates, _pmtu_clamps;
};

// Offset of the MSS option inside the TCP header, -1 if absent, -2 if the
// option list is malformed.
int MidMssClampState::find_mss_option(const click_tcp *th, int hdrlen) {
  const uint8_t *b = reinterpret_cast<const uint8_t *>(th);
  int i = sizeof(click_tcp);
  while (i < hdrlen) {
    uint8_t kind = b[i];
    if (kind == TCPOPT_EOL)
      return -1;
    if (kind == TCPOPT_NOP) {
      ++i;
      continue;
    }
    if (i + 1 >= hdrlen)
      return -2;
    uint8_t olen = b[i + 1];
    if (olen < 2 || i + olen > hdrlen)
      return -2;
    if (kind == TCPOPT_MAXSEG)
      return olen == TCPOLEN_MAXSEG ? i : -2;
    i += olen;
  }
  return -1;
}

void MidMssClampState::full_tcp_checksum(click_ip *iph, click_tcp *th,
                                         int tcplen) {
  th->th_sum = 0;
  uint16_t s = click_in_cksum(reinterpret_cast<unsigned char *>(th), tcplen);
  th->th_sum = click_in_cksum_pseudohdr(s, iph, tcplen);
}

// Store a 16-bit value at byte offset off of the TCP header, updating the
// checksum incrementally when the word is aligned.
void MidMssClampState::set_word(click_tcp *th, int off, uint16_t v,
                                bool *needs_full) {
  uint8_t *b = reinterpret_cast<uint8_t *>(th);
  uint16_t nv = htons(v);
  if (off & 1) {
    memcpy(b + off, &nv, 2);
    *needs_full = true;
    return;
  }
  uint16_t ov;
  memcpy(&ov, b + off, 2);
  memcpy(b + off, &nv, 2);
  click_update_in_cksum(&th->th_sum, ov, nv);
}

uint16_t MidMssClampState::limit_for(uint32_t dst, uint32_t now_s) {
  uint16_t lim = _ceiling;
  PathMtu *pm = _pmtu.get_pointer(dst);
  if (!pm)
    return lim;
  if (now_s - pm->learned_s > PMTU_LIFETIME_S) {
    _pmtu.erase(dst);
    return lim;
  }
  int m = pm->mtu - 40;
  if (m < MIN_MSS)
    m = MIN_MSS;
  if (m < lim) {
    lim = (uint16_t)m;
    _pmtu_clamps++;
  }
  return lim;
}

void MidMssClampState::learn_pmtu(const click_ip *iph, const uint8_t *icmp,
                                  int len, uint32_t now_s) {
  (void)iph;
  if (len < 8 + (int)sizeof(click_ip))
    return;
  const click_icmp_unreach *u =
      reinterpret_cast<const click_icmp_unreach *>(icmp);
  if (u->icmp_type != ICMP_UNREACH || u->icmp_code != ICMP_UNREACH_NEEDFRAG)
    return;
  const click_ip *inner = reinterpret_cast<const click_ip *>(icmp + 8);
  if (inner->ip_v != 4 || inner->ip_hl < 5)
    return;
  uint16_t mtu = ntohs(u->icmp_nextmtu);
  if (mtu < 576 || mtu >= 65535)
    return; // old routers send 0; ignore nonsense
  uint32_t dst = inner->ip_dst.s_addr;
  PathMtu *pm = _pmtu.get_pointer(dst);
  if (pm && pm->mtu <= mtu && now_s - pm->learned_s <= PMTU_LIFETIME_S)
    return;
  PathMtu fresh = {mtu, now_s};
  if (_pmtu.set(dst, fresh))
    _pmtu_updates++;
}

// Append a 4-byte MSS option to a header without one (payload moves).
Packet *MidMssClampState::insert_mss(Packet *p, uint16_t mss) {
  const click_tcp *th0 = p->tcp_header();
  int hdr = th0->th_off << 2;
  if (hdr + 4 > 60)
    return p;
  int l4off = p->transport_header_offset();
  int iplen = ntohs(p->ip_header()->ip_len);
  int end = p->network_header_offset() + iplen;
  if (end > (int)p->length())
    return p;
  p->take(p->length() - end); // drop link padding first
  WritablePacket *q = p->put(4);
  if (!q)
    return 0;
  unsigned char *opt = q->data() + l4off + hdr;
  memmove(opt + 4, opt, end - (l4off + hdr));
  opt[0] = TCPOPT_MAXSEG;
  opt[1] = TCPOLEN_MAXSEG;
  opt[2] = mss >> 8;
  opt[3] = mss & 0xff;
  click_ip *iph = q->ip_header();
  click_tcp *th = q->tcp_header();
  th->th_off = (hdr + 4) >> 2;
  iph->ip_len = htons(iplen + 4);
  iph->ip_sum = 0;
  iph->ip_sum = click_in_cksum(reinterpret_cast<unsigned char *>(iph),
                               iph->ip_hl << 2);
  full_tcp_checksum(iph, th, iplen + 4 - (iph->ip_hl << 2));
  _inserted++;
  return q;
}

Packet *MidMssClampState::clamp_handshake(Packet *p, MssConn *c,
                                          bool responder, uint32_t now_s) {
  const click_ip *iph = p->ip_header();
  uint16_t lim = limit_for(responder ? iph->ip_src.s_addr : iph->ip_dst.s_addr,
                           now_s);
  int hdr = p->tcp_header()->th_off << 2;
  int at = find_mss_option(p->tcp_header(), hdr);
  if (at == -2)
    return p; // leave malformed options alone
  if (at == -1) {
    c->mss[responder] = lim;
    return insert_mss(p, lim);
  }
  const uint8_t *o = reinterpret_cast<const uint8_t *>(p->tcp_header()) + at;
  uint16_t cur = (uint16_t)(o[2] << 8 | o[3]);
  if (cur <= lim) {
    c->mss[responder] = cur;
    return p;
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  bool full = false;
  set_word(q->tcp_header(), at + 2, lim, &full);
  if (full)
    full_tcp_checksum(q->ip_header(), q->tcp_header(),
                      ntohs(q->ip_header()->ip_len) - (q->ip_header()->ip_hl << 2));
  c->mss[responder] = lim;
  _clamped++;
  return q;
}

Packet *MidMssClampState::simple_action(Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || IP_ISFRAG(iph))
    return p;
  int hl = iph->ip_hl << 2;
  const uint8_t *l4 = reinterpret_cast<const uint8_t *>(iph) + hl;
  int l4len = (int)(p->end_data() - l4);
  uint32_t now_s = (uint32_t)p->timestamp_anno().sec();
  if (iph->ip_p == IP_PROTO_ICMP) {
    learn_pmtu(iph, l4, l4len, now_s);
    return p;
  }
  if (iph->ip_p != IP_PROTO_TCP || l4len < (int)sizeof(click_tcp))
    return p;
  p->set_ip_header(iph, hl);
  const click_tcp *th = p->tcp_header();
  int thl = th->th_off << 2;
  if (thl < (int)sizeof(click_tcp) || thl > l4len)
    return p;
  uint8_t fl = th->th_flags;

  IPFlowID fwd(p);
  bool responder = false;
  MssConn *c = _conns.get_pointer(fwd);
  if (!c) {
    c = _conns.get_pointer(fwd.reverse());
    responder = c != 0;
  }
  IPFlowID key = responder ? fwd.reverse() : fwd;

  if (is_syn(fl)) {
    if (!(fl & TH_ACK) && !c) {
      MssConn fresh = {{0, 0}, 0, 0, 0, now_s};
      if (!_conns.insert(key, fresh))
        return p;
      c = _conns.get_pointer(key);
    }
    if (!c)
      return p;
    c->last_s = now_s;
    return clamp_handshake(p, c, responder, now_s);
  }
  if (!c)
    return p;
  c->last_s = now_s;
  if (fl & TH_RST) {
    _conns.erase(key);
    return p;
  }
  c->established = 1;
  int payload = ntohs(iph->ip_len) - hl - thl;
  uint16_t peer_mss = c->mss[!responder];
  if (peer_mss && payload > peer_mss) {
    c->oversize++;
    _oversize++;
    SET_PAINT_ANNO(p, 1);
  }
  if (fl & TH_FIN) {
    c->fins |= responder ? 2 : 1;
    if (c->fins == 3)
      _conns.erase(key);
  }
  return p;
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new MidMssClampState;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 1) < 0)
    return 0;
  return e;
}
