// Training source for the instruction models (models/README.md): a connection
// limiter per destination port: every TCP connection is tracked from its SYN
// through establishment to FIN/RST or idle expiry, concurrent connections are
// counted per service port (and per server on that port), and a SYN that would
// exceed the port's configured limit is refused by turning it into a RST/ACK
// sent back to the client. Written for training only; not part of the NF
// corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/args.hh>
#include <click/hashtable.hh>
#include <click/ipflowid.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/vector.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

namespace {

enum ConnPhase : uint8_t { CP_SYN = 1, CP_EST = 2, CP_FIN = 3 };

struct TrackedConn {
  uint32_t last_ms;
  uint8_t phase;
  uint8_t fin_dirs;
};

struct PortUsage {
  uint32_t active;
  uint32_t peak;
  uint64_t accepted;
  uint64_t refused;
};

struct PortRule {
  uint16_t port;
  uint32_t per_port;   // all servers together
  uint32_t per_server; // one server address
};

} // namespace

class MidDstPortConnLimit : public Element {
public:
  enum { SWEEP_MS = 2000, SYN_IDLE_MS = 10000, EST_IDLE_MS = 300000,
         FIN_IDLE_MS = 15000 };

  MidDstPortConnLimit() : _default_limit(64), _next_sweep(0), _refused(0) {
    add_rule(22, 16, 4);
    add_rule(25, 32, 16);
    add_rule(80, 512, 128);
    add_rule(443, 512, 128);
    add_rule(3306, 8, 8);
  }

  const char *class_name() const override { return "MidDstPortConnLimit"; }
  const char *port_count() const override { return PORTS_1_1X2; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    uint32_t web = 0;
    if (Args(conf, this, errh)
            .read("DEFAULT", _default_limit)
            .read("WEB", web)
            .complete() < 0)
      return -1;
    if (web)
      for (int i = 0; i < _rules.size(); ++i)
        if (_rules[i].port == 80 || _rules[i].port == 443) {
          _rules[i].per_port = web;
          _rules[i].per_server = web;
        }
    return 0;
  }

  void push(int, Packet *p) override;

private:
  typedef HashTable<IPFlowID, TrackedConn, 1024, 4> ConnTable;

  void add_rule(uint16_t port, uint32_t per_port, uint32_t per_server) {
    PortRule r = {port, per_port, per_server};
    _rules.push_back(r);
  }

  const PortRule *rule_for(uint16_t port) const {
    for (int i = 0; i < _rules.size(); ++i)
      if (_rules[i].port == port)
        return &_rules[i];
    return 0;
  }

  static uint64_t server_key(uint32_t addr, uint16_t port) {
    return (uint64_t)addr << 16 | port;
  }

  static uint32_t idle_limit(uint8_t phase) {
    switch (phase) {
    case CP_SYN:
      return SYN_IDLE_MS;
    case CP_EST:
      return EST_IDLE_MS;
    default:
      return FIN_IDLE_MS;
    }
  }

  bool admit(uint32_t server, uint16_t port);
  void release(const IPFlowID &k);
  void sweep(uint32_t now);
  void refuse(Packet *p, const click_tcp *th, int payload);

  ConnTable _conns;
  HashTable<uint16_t, PortUsage, 64, 4> _ports;
  HashTable<uint64_t, uint32_t, 256, 4> _servers;
  Vector<PortRule> _rules;
  uint32_t _default_limit;
  uint32_t _next_sweep;
  uint64_t _refused;
};

bool MidDstPortConnLimit::admit(uint32_t server, uint16_t port) {
  const PortRule *r = rule_for(port);
  uint32_t per_port = r ? r->per_port : _default_limit;
  uint32_t per_server = r ? r->per_server : _default_limit;
  PortUsage *u = _ports.get_pointer(port);
  if (!u) {
    PortUsage fresh = {0, 0, 0, 0};
    if (!_ports.insert(port, fresh))
      return true; // cannot account: fail open
    u = _ports.get_pointer(port);
  }
  uint64_t sk = server_key(server, port);
  uint32_t *sc = _servers.get_pointer(sk);
  uint32_t server_active = sc ? *sc : 0;
  if (u->active >= per_port || server_active >= per_server) {
    u->refused++;
    return false;
  }
  if (!sc) {
    if (!_servers.insert(sk, 0u))
      return true;
    sc = _servers.get_pointer(sk);
  }
  ++*sc;
  u->active++;
  u->accepted++;
  if (u->active > u->peak)
    u->peak = u->active;
  return true;
}

void MidDstPortConnLimit::release(const IPFlowID &k) {
  uint16_t port = ntohs(k.dport());
  if (PortUsage *u = _ports.get_pointer(port))
    if (u->active)
      u->active--;
  uint64_t sk = server_key(ntohl(k.daddr().addr()), port);
  if (uint32_t *sc = _servers.get_pointer(sk)) {
    if (*sc > 1)
      --*sc;
    else
      _servers.erase(sk);
  }
}

void MidDstPortConnLimit::sweep(uint32_t now) {
  ConnTable::iterator it = _conns.begin();
  while (it != _conns.end()) {
    if (now - it.value().last_ms > idle_limit(it.value().phase)) {
      release(it.key());
      it = _conns.erase(it);
    } else
      ++it;
  }
}

// Answer the SYN with RST|ACK: seq 0, ack = client seq + SYN + payload.
void MidDstPortConnLimit::refuse(Packet *p, const click_tcp *th0,
                                 int payload) {
  uint32_t ack = ntohl(th0->th_seq) + 1 + payload;
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  click_ip *iph = q->ip_header();
  int hl = iph->ip_hl << 2;
  int want = q->network_header_offset() + hl + (int)sizeof(click_tcp);
  if ((int)q->length() > want)
    q->take(q->length() - want);
  click_tcp *th = q->tcp_header();
  if (q->has_mac_header()) {
    click_ether *eh = q->ether_header();
    uint8_t t[6];
    memcpy(t, eh->ether_dhost, 6);
    memcpy(eh->ether_dhost, eh->ether_shost, 6);
    memcpy(eh->ether_shost, t, 6);
  }
  struct in_addr a = iph->ip_src;
  iph->ip_src = iph->ip_dst;
  iph->ip_dst = a;
  iph->ip_len = htons(hl + sizeof(click_tcp));
  iph->ip_ttl = 64;
  iph->ip_sum = 0;
  iph->ip_sum = click_in_cksum(reinterpret_cast<unsigned char *>(iph), hl);
  uint16_t sp = th->th_sport;
  th->th_sport = th->th_dport;
  th->th_dport = sp;
  th->th_seq = 0;
  th->th_ack = htonl(ack);
  th->th_off = sizeof(click_tcp) >> 2;
  th->th_flags2 = 0;
  th->th_flags = TH_RST | TH_ACK;
  th->th_win = 0;
  th->th_urp = 0;
  th->th_sum = 0;
  uint16_t s = click_in_cksum(reinterpret_cast<unsigned char *>(th), sizeof(click_tcp));
  th->th_sum = click_in_cksum_pseudohdr(s, iph, sizeof(click_tcp));
  output(1).push(q);
}

void MidDstPortConnLimit::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_TCP || !IP_FIRSTFRAG(iph)) {
    output(0).push(p);
    return;
  }
  int hl = iph->ip_hl << 2;
  if (reinterpret_cast<const uint8_t *>(iph) + hl + sizeof(click_tcp) >
      p->end_data()) {
    output(0).push(p);
    return;
  }
  p->set_ip_header(iph, hl);
  const click_tcp *th = p->tcp_header();
  const Timestamp &ts = p->timestamp_anno();
  uint32_t now = (uint32_t)ts.sec() * 1000 + ts.msec();
  if ((int32_t)(now - _next_sweep) >= 0) {
    sweep(now);
    _next_sweep = now + SWEEP_MS;
  }

  IPFlowID fwd(p);
  bool reply = false;
  TrackedConn *c = _conns.get_pointer(fwd);
  if (!c && (c = _conns.get_pointer(fwd.reverse())))
    reply = true;
  IPFlowID key = reply ? fwd.reverse() : fwd;
  uint8_t fl = th->th_flags;

  if (c && now - c->last_ms > idle_limit(c->phase)) {
    release(key);
    _conns.erase(key);
    c = 0;
  }

  if (!c) {
    if ((fl & (TH_SYN | TH_ACK | TH_RST)) != TH_SYN) {
      output(0).push(p); // mid-stream or untracked: not ours to judge
      return;
    }
    if (!admit(ntohl(iph->ip_dst.s_addr), ntohs(th->th_dport))) {
      _refused++;
      int payload = ntohs(iph->ip_len) - hl - (th->th_off << 2);
      refuse(p, th, payload > 0 ? payload : 0);
      return;
    }
    TrackedConn fresh = {now, CP_SYN, 0};
    if (!_conns.insert(key, fresh))
      release(key); // no slot: do not leak the count
    output(0).push(p);
    return;
  }

  c->last_ms = now;
  if (fl & TH_RST) {
    release(key);
    _conns.erase(key);
  } else if (fl & TH_FIN) {
    c->fin_dirs |= reply ? 2 : 1;
    c->phase = CP_FIN;
  } else if (c->phase == CP_SYN && (fl & TH_ACK) &&
             (reply ? (fl & TH_SYN) : !(fl & TH_SYN)))
    c->phase = CP_EST;
  else if (c->phase == CP_FIN && c->fin_dirs == 3 && (fl & TH_ACK)) {
    release(key);
    _conns.erase(key);
  }
  output(0).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new MidDstPortConnLimit;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
