// Training source for the instruction models (models/README.md): a UDP session
// table with timeouts: sessions are opened only by hosts on the inside
// network, both directions map to one canonical entry, each session moves from
// unreplied to replied to assured as traffic flows both ways, each state and
// well-known service port has its own idle timeout, expired sessions are
// collected by a periodic sweep driven by packet timestamps, and inbound
// datagrams without a live session are dropped. Written for training only; not
// part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/args.hh>
#include <click/hashtable.hh>
#include <click/ipflowid.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

enum UdpSessState : uint8_t { US_UNREPLIED = 1, US_REPLIED = 2, US_ASSURED = 3 };

struct UdpSession {
  uint32_t last_ms;
  uint32_t created_ms;
  uint32_t pkts[2];   // [0] initiator->responder, [1] reverse
  uint32_t bytes[2];
  uint8_t state;
  uint8_t initiator_low; // initiator is the canonical "low" endpoint
};

class MidUdpSessionTable : public Element {
public:
  enum { SWEEP_MS = 1000, ASSURE_PKTS = 3 };

  MidUdpSessionTable()
      : _inside_net(0x0a000000u), _inside_mask(0xff000000u),
        _unreplied_ms(30000), _replied_ms(60000), _assured_ms(180000),
        _next_sweep(0), _opened(0), _expired(0), _no_session(0), _full(0) {}

  const char *class_name() const override { return "MidUdpSessionTable"; }
  const char *port_count() const override { return PORTS_1_1X2; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    IPAddress net(htonl(_inside_net)), mask(htonl(_inside_mask));
    uint32_t u = _unreplied_ms / 1000, r = _replied_ms / 1000,
             a = _assured_ms / 1000;
    if (Args(conf, this, errh)
            .read("INSIDE", IPPrefixArg(), net, mask)
            .read("UNREPLIED", u)
            .read("REPLIED", r)
            .read("ASSURED", a)
            .complete() < 0)
      return -1;
    _inside_mask = ntohl(mask.addr());
    _inside_net = ntohl(net.addr()) & _inside_mask;
    _unreplied_ms = u * 1000;
    _replied_ms = r * 1000;
    _assured_ms = a * 1000;
    return 0;
  }

  void push(int, Packet *p) override;

private:
  typedef HashTable<IPFlowID, UdpSession, 1024, 4> Table;

  bool inside(uint32_t a) const { return (ntohl(a) & _inside_mask) == _inside_net; }

  // Both directions share one key: the numerically smaller endpoint first.
  static IPFlowID canonical(const click_ip *iph, const click_udp *uh, bool *low) {
    uint64_t a = (uint64_t)ntohl(iph->ip_src.s_addr) << 16 | ntohs(uh->uh_sport);
    uint64_t b = (uint64_t)ntohl(iph->ip_dst.s_addr) << 16 | ntohs(uh->uh_dport);
    *low = a <= b;
    if (*low)
      return IPFlowID(IPAddress(iph->ip_src), uh->uh_sport, IPAddress(iph->ip_dst), uh->uh_dport);
    return IPFlowID(IPAddress(iph->ip_dst), uh->uh_dport, IPAddress(iph->ip_src), uh->uh_sport);
  }

  uint32_t timeout(const IPFlowID &k, const UdpSession &s) const {
    uint16_t port = ntohs(k.sport()) < ntohs(k.dport()) ? ntohs(k.sport()) : ntohs(k.dport());
    switch (port) {
    case 53:
    case 123:
      return s.state == US_UNREPLIED ? 5000 : 10000; // one-shot exchanges
    case 500:
    case 4500:
      return 600000; // IKE / NAT-T keepalives are sparse
    case 5060:
      return 300000;
    default:
      break;
    }
    switch (s.state) {
    case US_UNREPLIED:
      return _unreplied_ms;
    case US_REPLIED:
      return _replied_ms;
    default:
      return _assured_ms;
    }
  }

  bool expired(const IPFlowID &k, const UdpSession &s, uint32_t now) const {
    return now - s.last_ms > timeout(k, s);
  }

  void sweep(uint32_t now) {
    for (Table::iterator it = _table.begin(); it != _table.end();) {
      if (expired(it.key(), it.value(), now)) {
        it = _table.erase(it);
        _expired++;
      } else
        ++it;
    }
  }

  Table _table;
  uint32_t _inside_net, _inside_mask;
  uint32_t _unreplied_ms, _replied_ms, _assured_ms;
  uint32_t _next_sweep;
  uint64_t _opened, _expired, _no_session, _full;
};

void MidUdpSessionTable::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_UDP) {
    output(0).push(p);
    return;
  }
  if (!IP_FIRSTFRAG(iph)) { // later fragments carry no ports
    output(0).push(p);
    return;
  }
  const uint8_t *l4 = reinterpret_cast<const uint8_t *>(iph) + (iph->ip_hl << 2);
  if (l4 + sizeof(click_udp) > p->end_data()) {
    output(1).push(p);
    return;
  }
  const click_udp *uh = reinterpret_cast<const click_udp *>(l4);
  const Timestamp &ts = p->timestamp_anno();
  uint32_t now = (uint32_t)ts.sec() * 1000 + ts.msec();
  if ((int32_t)(now - _next_sweep) >= 0) {
    sweep(now);
    _next_sweep = now + SWEEP_MS;
  }

  bool low;
  IPFlowID key = canonical(iph, uh, &low);
  UdpSession *s = _table.get_pointer(key);
  if (s && expired(key, *s, now)) {
    _table.erase(key);
    _expired++;
    s = 0;
  }
  uint32_t len = ntohs(iph->ip_len);
  if (!s) {
    if (!inside(iph->ip_src.s_addr)) {
      _no_session++;
      output(1).push(p);
      return;
    }
    UdpSession fresh = {now, now, {1, 0}, {len, 0}, US_UNREPLIED, (uint8_t)low};
    if (!_table.insert(key, fresh)) {
      _full++;
      output(1).push(p);
      return;
    }
    _opened++;
    SET_PAINT_ANNO(p, US_UNREPLIED);
    output(0).push(p);
    return;
  }

  int dir = (low == (bool)s->initiator_low) ? 0 : 1;
  s->pkts[dir]++;
  s->bytes[dir] += len;
  s->last_ms = now;
  if (dir == 1 && s->state == US_UNREPLIED)
    s->state = US_REPLIED;
  else if (s->state == US_REPLIED && s->pkts[0] >= ASSURE_PKTS &&
           s->pkts[1] >= 1)
    s->state = US_ASSURED;
  SET_PAINT_ANNO(p, s->state);
  SET_AGGREGATE_ANNO(p, (now - s->created_ms) / 1000);
  output(0).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new MidUdpSessionTable;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
