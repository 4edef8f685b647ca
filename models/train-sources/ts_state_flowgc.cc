// Training source for the instruction models (models/README.md): per-flow
// packet/byte counters keyed by 5-tuple with protocol-dependent idle
// timeouts, TCP close detection for early expiry, a periodic garbage
// collection timer, and export of finished flows as small UDP records
// built with Packet::make (a NetFlow-like exporter).
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashtable.hh>
#include <click/ipflowid.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/timer.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

struct FlowRec {
  uint64_t bytes;
  uint32_t packets;
  uint32_t first_ms, last_ms;
  uint8_t proto;
  uint8_t tcp_flags; // OR of all flags seen
  uint8_t fin_seen;  // bit 0: FIN one way, bit 1: FIN the other way
  uint8_t tos;
};

struct ExportRec {
  uint32_t src, dst;
  uint16_t sport, dport;
  uint32_t packets;
  uint32_t bytes_hi, bytes_lo;
  uint32_t duration_ms;
  uint8_t proto, flags, reason, pad;
};

class TrainFlowGc : public Element {
public:
  enum { GC_MS = 500, UDP_IDLE = 15000, TCP_IDLE = 60000, CLOSE_LINGER = 2000 };
  TrainFlowGc()
      : _timer(this), _now_ms(0), _pkts(0), _exported(0), _gc_runs(0) {
    static const uint8_t mac[6] = {0x02, 0, 0, 0, 0, 0xfd};
    memcpy(_collector_mac, mac, 6);
  }
  const char *class_name() const override { return "TrainFlowGc"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  int initialize(ErrorHandler *) override {
    _timer.initialize(this);
    _timer.schedule_after_msec(GC_MS);
    return 0;
  }
  void push(int port, Packet *p) override;
  void run_timer(Timer *) override;

private:
  typedef HashTable<IPFlowID, FlowRec, 1024, 4> Table;
  static uint32_t idle_limit(const FlowRec &r) {
    if (r.proto == IP_PROTO_TCP)
      return r.fin_seen == 3 || (r.tcp_flags & TH_RST) ? CLOSE_LINGER
                                                       : TCP_IDLE;
    return r.proto == IP_PROTO_UDP ? UDP_IDLE : UDP_IDLE / 3;
  }
  bool expired(const FlowRec &r, uint32_t now) const {
    return (int32_t)(now - r.last_ms) > (int32_t)idle_limit(r);
  }
  Packet *make_record(const IPFlowID &f, const FlowRec &r, int reason);
  int collect(uint32_t now, int limit);

  Table _flows;
  Timer _timer;
  uint32_t _now_ms, _pkts;
  uint32_t _exported, _gc_runs;
  uint8_t _collector_mac[6];
};

Packet *TrainFlowGc::make_record(const IPFlowID &f, const FlowRec &r,
                                 int reason) {
  uint32_t len = sizeof(click_ip) + sizeof(click_udp) + sizeof(ExportRec);
  WritablePacket *q = Packet::make(sizeof(click_ether) + len);
  if (!q)
    return 0;
  memset(q->data(), 0, sizeof(click_ether) + len);
  click_ether *eh = reinterpret_cast<click_ether *>(q->data());
  for (int i = 0; i < 6; ++i) {
    eh->ether_dhost[i] = _collector_mac[i];
    eh->ether_shost[i] = (uint8_t)(i == 5 ? 0xfe : 0x02 * (i == 0));
  }
  eh->ether_type = htons(ETHERTYPE_IP);
  q->set_mac_header(q->data(), sizeof(click_ether));
  click_ip *iph = reinterpret_cast<click_ip *>(eh + 1);
  iph->ip_v = 4;
  iph->ip_hl = sizeof(click_ip) >> 2;
  iph->ip_len = htons((uint16_t)len);
  iph->ip_ttl = 64;
  iph->ip_p = IP_PROTO_UDP;
  iph->ip_src.s_addr = htonl(0x0a0000feu);
  iph->ip_dst.s_addr = htonl(0x0a0000fdu);
  iph->ip_sum = click_in_cksum((const unsigned char *)iph, sizeof(click_ip));
  click_udp *uh = reinterpret_cast<click_udp *>(iph + 1);
  uh->uh_sport = htons(2055);
  uh->uh_dport = htons(2055);
  uh->uh_ulen = htons((uint16_t)(len - sizeof(click_ip)));
  ExportRec *e = reinterpret_cast<ExportRec *>(uh + 1);
  e->src = f.saddr().addr();
  e->dst = f.daddr().addr();
  e->sport = f.sport();
  e->dport = f.dport();
  e->packets = htonl(r.packets);
  e->bytes_hi = htonl((uint32_t)(r.bytes >> 32));
  e->bytes_lo = htonl((uint32_t)r.bytes);
  e->duration_ms = htonl(r.last_ms - r.first_ms);
  e->proto = r.proto;
  e->flags = r.tcp_flags;
  e->reason = (uint8_t)reason;
  q->set_ip_header(iph, sizeof(click_ip));
  _exported++;
  return q;
}

int TrainFlowGc::collect(uint32_t now, int limit) {
  int n = 0;
  for (Table::iterator it = _flows.begin(); it.live();) {
    if (n < limit && expired(it.value(), now)) {
      Packet *rec = make_record(it.key(), it.value(), 1);
      if (rec)
        checked_output_push(1, rec);
      it = _flows.erase(it);
      ++n;
    } else {
      ++it;
    }
  }
  return n;
}

void TrainFlowGc::run_timer(Timer *) {
  _gc_runs++;
  int n = collect(_now_ms, 256);
  // collect more often while the table is busy
  _timer.reschedule_after_msec(n >= 256 ? GC_MS / 4 : GC_MS);
}

void TrainFlowGc::push(int, Packet *p) {
  if (!p->has_network_header()) {
    output(0).push(p);
    return;
  }
  const click_ip *iph = p->ip_header();
  _now_ms = (uint32_t)p->timestamp_anno().msecval();
  IPFlowID id(p);
  FlowRec *r = _flows.get_pointer(id);
  if (r && expired(*r, _now_ms)) {
    // the GC has not run yet: export the old flow and restart it in place
    Packet *rec = make_record(id, *r, 2);
    if (rec)
      checked_output_push(1, rec);
    uint8_t proto = r->proto;
    memset(r, 0, sizeof(*r));
    r->proto = proto;
    r->first_ms = _now_ms;
  }
  if ((++_pkts & 1023) == 0)
    collect(_now_ms, 8); // bounded inline sweep between timer runs
  if (!r) {
    FlowRec fresh;
    memset(&fresh, 0, sizeof(fresh));
    fresh.first_ms = _now_ms;
    fresh.proto = iph->ip_p;
    fresh.tos = iph->ip_tos;
    if (!_flows.insert(id, fresh) || !(r = _flows.get_pointer(id))) {
      output(0).push(p); // table full: forward uncounted
      return;
    }
  }
  r->packets++;
  r->bytes += ntohs(iph->ip_len);
  r->last_ms = _now_ms;
  if (r->proto == IP_PROTO_TCP && p->transport_length() >= 14) {
    uint8_t fl = p->tcp_header()->th_flags;
    r->tcp_flags |= fl;
    if (fl & TH_FIN)
      r->fin_seen |=
          ntohs(p->tcp_header()->th_sport) < ntohs(p->tcp_header()->th_dport)
              ? 2
              : 1;
  }
  SET_AGGREGATE_ANNO(p, r->packets);
  output(0).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainFlowGc;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
