// Training source for the instruction models (models/README.md): a stateful
// TCP SYN proxy without cookies: it answers client SYNs to protected servers
// itself, keeps the half-open state in a table, opens the server connection
// only after the client's ACK proves the address, then splices the two halves
// by shifting sequence/ack numbers with incremental checksum updates. Written
// for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/args.hh>
#include <click/hashtable.hh>
#include <click/ipflowid.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

namespace {

enum ProxyState : uint8_t {
  PS_SYN_RCVD = 1, // we answered the client's SYN
  PS_SYN_SENT = 2, // client validated, SYN sent to the server
  PS_ESTABLISHED = 3,
  PS_CLOSING = 4
};

struct ProxyConn {
  uint32_t client_isn;
  uint32_t proxy_isn;
  uint32_t delta; // server_isn - proxy_isn
  uint32_t last_ms;
  uint16_t client_mss;
  uint8_t state;
  uint8_t synack_retx;
};

} // namespace

class MidSynProxy : public Element {
public:
  enum { OUT_FORWARD = 0, OUT_REPLY = 1, OUT_DROP = 2 };
  enum { HALF_OPEN_MS = 5000, IDLE_MS = 120000, PROXY_MSS = 1460 };

  MidSynProxy()
      : _net(0xc0a80000u), _mask(0xffffff00u), _isn_secret(0x5eed1234u),
        _synacks(0), _validated(0), _spliced(0), _bad_ack(0), _no_state(0),
        _table_full(0) {}

  const char *class_name() const override { return "MidSynProxy"; }
  const char *port_count() const override { return "1/3"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    IPAddress addr(htonl(_net)), mask(htonl(_mask));
    uint32_t secret = _isn_secret;
    if (Args(conf, this, errh)
            .read("PROTECT", IPPrefixArg(), addr, mask)
            .read("SECRET", secret)
            .complete() < 0)
      return -1;
    _net = ntohl(addr.addr()) & ntohl(mask.addr());
    _mask = ntohl(mask.addr());
    _isn_secret = secret;
    return 0;
  }

  void push(int, Packet *p) override;

private:
  typedef HashTable<IPFlowID, ProxyConn, 1024, 4> ConnTable;

  bool protected_addr(uint32_t a) const { return (ntohl(a) & _mask) == _net; }

  static uint32_t now_ms(const Packet *p) {
    const Timestamp &t = p->timestamp_anno();
    return (uint32_t)t.sec() * 1000u + t.msec();
  }

  uint32_t make_isn(const IPFlowID &f, uint32_t client_isn, uint32_t ms) const {
    uint32_t h = (uint32_t)f.hashcode() ^ _isn_secret;
    h ^= client_isn * 0x9e3779b1u;
    h = (h << 13 | h >> 19) * 5u + 0xe6546b64u;
    return h + (ms << 6);
  }

  static uint16_t find_mss(const click_tcp *th, const uint8_t *end);
  static void swap_endpoints(WritablePacket *q, click_ip *iph, click_tcp *th);
  static void finish_checksums(click_ip *iph, click_tcp *th, int tcp_len);
  WritablePacket *reshape(Packet *p, int tcp_hdr_len);

  void answer_syn(Packet *p, ProxyConn &c);
  void open_server(Packet *p, ProxyConn &c);
  void acknowledge_server(Packet *p, ProxyConn &c, uint32_t server_isn);
  void splice(Packet *p, ProxyConn &c, bool from_client, const click_tcp *th);

  ConnTable _conns;
  uint32_t _net, _mask, _isn_secret;
  uint64_t _synacks, _validated, _spliced, _bad_ack, _no_state, _table_full;
};

uint16_t MidSynProxy::find_mss(const click_tcp *th, const uint8_t *end) {
  const uint8_t *o = reinterpret_cast<const uint8_t *>(th) + sizeof(click_tcp);
  const uint8_t *oend = reinterpret_cast<const uint8_t *>(th) + th->th_off * 4;
  if (oend > end)
    oend = end;
  while (o < oend) {
    if (*o == TCPOPT_EOL)
      break;
    if (*o == TCPOPT_NOP) {
      ++o;
      continue;
    }
    if (o + 1 >= oend || o[1] < 2 || o + o[1] > oend)
      break;
    if (o[0] == TCPOPT_MAXSEG && o[1] == TCPOLEN_MAXSEG)
      return (uint16_t)(o[2] << 8 | o[3]);
    o += o[1];
  }
  return 536;
}

void MidSynProxy::swap_endpoints(WritablePacket *q, click_ip *iph,
                                 click_tcp *th) {
  if (q->has_mac_header() && q->mac_header() + sizeof(click_ether) <=
                                 q->network_header()) {
    click_ether *eh = q->ether_header();
    uint8_t tmp[6];
    memcpy(tmp, eh->ether_dhost, 6);
    memcpy(eh->ether_dhost, eh->ether_shost, 6);
    memcpy(eh->ether_shost, tmp, 6);
  }
  struct in_addr a = iph->ip_src;
  iph->ip_src = iph->ip_dst;
  iph->ip_dst = a;
  uint16_t port = th->th_sport;
  th->th_sport = th->th_dport;
  th->th_dport = port;
}

void MidSynProxy::finish_checksums(click_ip *iph, click_tcp *th, int tcp_len) {
  iph->ip_sum = 0;
  iph->ip_sum = click_in_cksum(reinterpret_cast<unsigned char *>(iph),
                               iph->ip_hl << 2);
  th->th_sum = 0;
  uint16_t c = click_in_cksum(reinterpret_cast<unsigned char *>(th), tcp_len);
  th->th_sum = click_in_cksum_pseudohdr(c, iph, tcp_len);
}

// Make p a bare TCP segment with a tcp_hdr_len-byte header (no payload).
WritablePacket *MidSynProxy::reshape(Packet *p, int tcp_hdr_len) {
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  int l3off = q->network_header_offset();
  int hl = q->ip_header()->ip_hl << 2;
  int want = l3off + hl + tcp_hdr_len;
  int have = (int)q->length();
  if (have > want)
    q->take(have - want);
  else if (have < want) {
    q = q->put(want - have);
    if (!q)
      return 0;
  }
  click_ip *iph = q->ip_header();
  iph->ip_len = htons((uint16_t)(hl + tcp_hdr_len));
  iph->ip_ttl = 64;
  iph->ip_off = htons(IP_DF);
  q->set_ip_header(iph, hl);
  click_tcp *th = q->tcp_header();
  th->th_off = tcp_hdr_len >> 2;
  th->th_flags2 = 0;
  th->th_urp = 0;
  return q;
}

void MidSynProxy::answer_syn(Packet *p, ProxyConn &c) {
  WritablePacket *q = reshape(p, 24);
  if (!q)
    return;
  click_ip *iph = q->ip_header();
  click_tcp *th = q->tcp_header();
  swap_endpoints(q, iph, th);
  th->th_seq = htonl(c.proxy_isn);
  th->th_ack = htonl(c.client_isn + 1);
  th->th_flags = TH_SYN | TH_ACK;
  th->th_win = htons(8192);
  uint8_t *opt = reinterpret_cast<uint8_t *>(th + 1);
  uint16_t mss = c.client_mss < PROXY_MSS ? c.client_mss : (uint16_t)PROXY_MSS;
  opt[0] = TCPOPT_MAXSEG;
  opt[1] = TCPOLEN_MAXSEG;
  opt[2] = mss >> 8;
  opt[3] = mss & 0xff;
  finish_checksums(iph, th, 24);
  _synacks++;
  output(OUT_REPLY).push(q);
}

void MidSynProxy::open_server(Packet *p, ProxyConn &c) {
  WritablePacket *q = reshape(p, 24);
  if (!q)
    return;
  click_ip *iph = q->ip_header();
  click_tcp *th = q->tcp_header();
  th->th_seq = htonl(c.client_isn);
  th->th_ack = 0;
  th->th_flags = TH_SYN;
  th->th_win = htons(8192);
  uint8_t *opt = reinterpret_cast<uint8_t *>(th + 1);
  opt[0] = TCPOPT_MAXSEG;
  opt[1] = TCPOLEN_MAXSEG;
  opt[2] = c.client_mss >> 8;
  opt[3] = c.client_mss & 0xff;
  finish_checksums(iph, th, 24);
  c.state = PS_SYN_SENT;
  _validated++;
  output(OUT_FORWARD).push(q);
}

void MidSynProxy::acknowledge_server(Packet *p, ProxyConn &c,
                                     uint32_t server_isn) {
  c.delta = server_isn - c.proxy_isn;
  c.state = PS_ESTABLISHED;
  WritablePacket *q = reshape(p, 20);
  if (!q)
    return;
  click_ip *iph = q->ip_header();
  click_tcp *th = q->tcp_header();
  swap_endpoints(q, iph, th);
  th->th_seq = htonl(c.client_isn + 1);
  th->th_ack = htonl(server_isn + 1);
  th->th_flags = TH_ACK;
  finish_checksums(iph, th, 20);
  output(OUT_REPLY).push(q);
}

// Established traffic: the client speaks proxy sequence space for the
// server's side, so client acks move up by delta and server seqs move down.
void MidSynProxy::splice(Packet *p, ProxyConn &c, bool from_client,
                         const click_tcp *th0) {
  uint8_t flags = th0->th_flags;
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  click_tcp *th = q->tcp_header();
  if (from_client) {
    if (flags & TH_ACK) {
      uint32_t oldv = th->th_ack, newv = htonl(ntohl(oldv) + c.delta);
      th->th_ack = newv;
      click_update_in_cksum(&th->th_sum, oldv >> 16, newv >> 16);
      click_update_in_cksum(&th->th_sum, oldv & 0xffff, newv & 0xffff);
    }
  } else {
    uint32_t oldv = th->th_seq, newv = htonl(ntohl(oldv) - c.delta);
    th->th_seq = newv;
    click_update_in_cksum(&th->th_sum, oldv >> 16, newv >> 16);
    click_update_in_cksum(&th->th_sum, oldv & 0xffff, newv & 0xffff);
  }
  if (flags & TH_RST)
    _conns.erase(from_client ? IPFlowID(q) : IPFlowID(q, true));
  else if (flags & TH_FIN)
    c.state = PS_CLOSING;
  _spliced++;
  output(OUT_FORWARD).push(q);
}

void MidSynProxy::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_TCP || IP_ISFRAG(iph)) {
    output(OUT_FORWARD).push(p);
    return;
  }
  int hl = iph->ip_hl << 2;
  const uint8_t *l4 = reinterpret_cast<const uint8_t *>(iph) + hl;
  if (l4 + sizeof(click_tcp) > p->end_data()) {
    output(OUT_DROP).push(p);
    return;
  }
  p->set_ip_header(iph, hl);
  const click_tcp *th = p->tcp_header();
  bool from_client = protected_addr(iph->ip_dst.s_addr);
  bool from_server = protected_addr(iph->ip_src.s_addr);
  if (!from_client && !from_server) {
    output(OUT_FORWARD).push(p);
    return;
  }
  IPFlowID key = from_client ? IPFlowID(p) : IPFlowID(p, true);
  uint32_t ms = now_ms(p);
  uint8_t flags = th->th_flags;
  ProxyConn *c = _conns.get_pointer(key);

  if (c) {
    uint32_t idle = ms - c->last_ms;
    bool stale = (c->state < PS_ESTABLISHED && idle > HALF_OPEN_MS) ||
                 idle > IDLE_MS;
    if (stale) {
      _conns.erase(key);
      c = 0;
    } else
      c->last_ms = ms;
  }

  if (from_client) {
    if ((flags & (TH_SYN | TH_ACK | TH_RST)) == TH_SYN) {
      if (c && c->state == PS_SYN_RCVD &&
          c->client_isn == ntohl(th->th_seq)) {
        if (c->synack_retx < 3) {
          c->synack_retx++;
          answer_syn(p, *c);
        } else
          output(OUT_DROP).push(p);
        return;
      }
      if (c)
        _conns.erase(key);
      ProxyConn fresh;
      fresh.client_isn = ntohl(th->th_seq);
      fresh.proxy_isn = make_isn(key, fresh.client_isn, ms);
      fresh.delta = 0;
      fresh.last_ms = ms;
      fresh.client_mss = find_mss(th, p->end_data());
      fresh.state = PS_SYN_RCVD;
      fresh.synack_retx = 0;
      if (!_conns.insert(key, fresh)) {
        _table_full++;
        output(OUT_DROP).push(p);
        return;
      }
      answer_syn(p, *_conns.get_pointer(key));
      return;
    }
    if (!c) {
      _no_state++;
      output(OUT_DROP).push(p);
      return;
    }
    switch (c->state) {
    case PS_SYN_RCVD:
      if ((flags & TH_ACK) && !(flags & (TH_SYN | TH_RST)) &&
          ntohl(th->th_ack) == c->proxy_isn + 1) {
        open_server(p, *c);
        return;
      }
      _bad_ack++;
      if (flags & TH_RST)
        _conns.erase(key);
      output(OUT_DROP).push(p);
      return;
    case PS_SYN_SENT:
      // client data before the server answered: hold nothing, drop it
      output(OUT_DROP).push(p);
      return;
    default:
      splice(p, *c, true, th);
      return;
    }
  }

  // from a protected server
  if (!c) {
    output(OUT_FORWARD).push(p);
    return;
  }
  if (c->state == PS_SYN_SENT) {
    if ((flags & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK) &&
        ntohl(th->th_ack) == c->client_isn + 1) {
      acknowledge_server(p, *c, ntohl(th->th_seq));
      return;
    }
    if (flags & TH_RST)
      _conns.erase(key);
    output(OUT_DROP).push(p);
    return;
  }
  if (c->state == PS_SYN_RCVD) {
    output(OUT_DROP).push(p);
    return;
  }
  splice(p, *c, false, th);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new MidSynProxy;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 3) < 0)
    return 0;
  return e;
}
