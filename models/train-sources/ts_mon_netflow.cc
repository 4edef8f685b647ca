// Training source for the instruction models (models/README.md): a
// NetFlow v5 style exporter: a flow cache keyed by IPFlowID accumulating
// packets, octets, first/last times (milliseconds of uptime), OR-ed TCP
// flags and TOS; flows end on FIN/RST, on the active timeout, or when the
// cache bucket is full (the packet is then counted as unaccounted); ended
// flows are serialised as 48-byte records into an export buffer, and a full
// buffer becomes a UDP datagram (Ethernet + IP + UDP + v5 header, IP and UDP
// checksums) pushed on output 1; the observed traffic leaves on output 0.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashtable.hh>
#include <click/ipflowid.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/timestamp.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

enum {
  NF5_HEADER = 24,
  NF5_RECORD = 48,
  NF5_MAX_RECORDS = 6,
  NF5_BUF = NF5_HEADER + NF5_MAX_RECORDS * NF5_RECORD
};

struct FlowCacheEntry {
  uint32_t packets;
  uint32_t octets;
  uint32_t first_ms;
  uint32_t last_ms;
  uint8_t proto;
  uint8_t tcp_flags;
  uint8_t tos;
  uint8_t ended;
};

static inline void put16(uint8_t *b, uint16_t v) {
  b[0] = (uint8_t)(v >> 8);
  b[1] = (uint8_t)v;
}
static inline void put32(uint8_t *b, uint32_t v) {
  put16(b, (uint16_t)(v >> 16));
  put16(b + 2, (uint16_t)v);
}

class TrainNetFlowExport : public Element {
public:
  TrainNetFlowExport()
      : _boot_ms(0), _active_timeout_ms(1), _nrecords(0), _sequence(0),
        _exported(0), _unaccounted(0), _collector(0x0a0000fe),
        _exporter(0x0a000001), _ip_id(1) {
    memset(_buf, 0, sizeof(_buf));
  }
  const char *class_name() const override { return "TrainNetFlowExport"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  uint32_t uptime_ms(const Packet *p) {
    uint64_t now = (uint64_t)p->timestamp_anno().msecval();
    if (_boot_ms == 0)
      _boot_ms = now;
    return (uint32_t)(now - _boot_ms);
  }
  void write_record(uint8_t *r, const IPFlowID &id, const FlowCacheEntry *f) {
    memset(r, 0, NF5_RECORD);
    put32(r + 0, ntohl(id.saddr().addr()));
    put32(r + 4, ntohl(id.daddr().addr()));
    put16(r + 12, 1); // input ifIndex
    put16(r + 14, 2); // output ifIndex
    put32(r + 16, f->packets);
    put32(r + 20, f->octets);
    put32(r + 24, f->first_ms);
    put32(r + 28, f->last_ms);
    put16(r + 32, ntohs(id.sport()));
    put16(r + 34, ntohs(id.dport()));
    r[37] = f->tcp_flags;
    r[38] = f->proto;
    r[39] = f->tos;
  }
  // Appends a record; returns true when the buffer is now full.
  bool append(const IPFlowID &id, const FlowCacheEntry *f) {
    write_record(_buf + NF5_HEADER + _nrecords * NF5_RECORD, id, f);
    _nrecords++;
    return _nrecords == NF5_MAX_RECORDS;
  }
  void write_header(uint8_t *h, uint32_t uptime, const Timestamp &now) {
    put16(h, 5);
    put16(h + 2, (uint16_t)_nrecords);
    put32(h + 4, uptime);
    put32(h + 8, (uint32_t)now.sec());
    put32(h + 12, now.nsec());
    put32(h + 16, _sequence);
    h[20] = 0;
    h[21] = 7;
    put16(h + 22, 0);
  }
  WritablePacket *build_export(uint32_t uptime, const Timestamp &now);
  bool should_end(const FlowCacheEntry *f, uint32_t now_ms) const {
    if (f->ended)
      return true;
    return now_ms - f->first_ms >= _active_timeout_ms && f->packets > 1;
  }

  HashTable<IPFlowID, FlowCacheEntry, 64, 4> _cache;
  uint8_t _buf[NF5_BUF];
  uint64_t _boot_ms;
  uint32_t _active_timeout_ms;
  int _nrecords;
  uint32_t _sequence, _exported, _unaccounted;
  uint32_t _collector, _exporter;
  uint16_t _ip_id;
};

WritablePacket *TrainNetFlowExport::build_export(uint32_t uptime,
                                                 const Timestamp &now) {
  uint32_t payload = NF5_HEADER + (uint32_t)_nrecords * NF5_RECORD;
  uint32_t ip_len = sizeof(click_ip) + sizeof(click_udp) + payload;
  WritablePacket *q = Packet::make(2, 0, sizeof(click_ether) + ip_len, 0);
  if (!q)
    return 0;
  write_header(_buf, uptime, now);
  click_ether *eh = reinterpret_cast<click_ether *>(q->data());
  memset(eh->ether_dhost, 0xff, 6);
  memset(eh->ether_shost, 0, 6);
  eh->ether_shost[5] = 1;
  eh->ether_type = htons(ETHERTYPE_IP);
  click_ip *iph = reinterpret_cast<click_ip *>(eh + 1);
  iph->ip_v = 4;
  iph->ip_hl = 5;
  iph->ip_tos = 0;
  iph->ip_len = htons((uint16_t)ip_len);
  iph->ip_id = htons(_ip_id++);
  iph->ip_off = 0;
  iph->ip_ttl = 64;
  iph->ip_p = IP_PROTO_UDP;
  iph->ip_sum = 0;
  iph->ip_src.s_addr = htonl(_exporter);
  iph->ip_dst.s_addr = htonl(_collector);
  iph->ip_sum = click_in_cksum(reinterpret_cast<unsigned char *>(iph), 20);
  click_udp *uh = reinterpret_cast<click_udp *>(iph + 1);
  uh->uh_sport = htons(2055);
  uh->uh_dport = htons(2055);
  uh->uh_ulen = htons((uint16_t)(sizeof(click_udp) + payload));
  uh->uh_sum = 0;
  uint8_t *body = reinterpret_cast<uint8_t *>(uh + 1);
  memcpy(body, _buf, NF5_HEADER);
  for (int i = 0; i < _nrecords; ++i)
    memcpy(body + NF5_HEADER + i * NF5_RECORD,
           _buf + NF5_HEADER + i * NF5_RECORD, NF5_RECORD);
  uint16_t csum = click_in_cksum(reinterpret_cast<unsigned char *>(uh),
                                 sizeof(click_udp) + payload);
  uh->uh_sum = click_in_cksum_pseudohdr(csum, iph, sizeof(click_udp) + payload);
  if (uh->uh_sum == 0)
    uh->uh_sum = 0xffff;
  q->set_mac_header(q->data(), sizeof(click_ether));
  q->set_ip_header(iph, sizeof(click_ip));
  q->set_timestamp_anno(now);
  _sequence += (uint32_t)_nrecords;
  _nrecords = 0;
  _exported++;
  return q;
}

void TrainNetFlowExport::push(int, Packet *p) {
  if (!p->has_network_header() || p->network_length() < 20) {
    output(0).push(p);
    return;
  }
  const click_ip *iph = p->ip_header();
  uint32_t now_ms = uptime_ms(p);
  IPFlowID id(p);
  FlowCacheEntry *f = _cache.get_pointer(id);
  if (!f) {
    FlowCacheEntry fresh;
    memset(&fresh, 0, sizeof(fresh));
    fresh.first_ms = now_ms;
    fresh.proto = iph->ip_p;
    fresh.tos = iph->ip_tos;
    if (!_cache.set(id, fresh)) {
      _unaccounted++;
      output(0).push(p);
      return;
    }
    f = _cache.get_pointer(id);
  }
  f->packets++;
  f->octets += ntohs(iph->ip_len);
  f->last_ms = now_ms;
  if (iph->ip_p == IP_PROTO_TCP && IP_FIRSTFRAG(iph) &&
      p->transport_length() >= 14) {
    uint8_t flags = p->tcp_header()->th_flags;
    f->tcp_flags |= flags;
    if (flags & (TH_FIN | TH_RST))
      f->ended = 1;
  }
  bool full = false;
  if (should_end(f, now_ms)) {
    full = append(id, f);
    _cache.erase(id);
  }
  Timestamp now = p->timestamp_anno();
  output(0).push(p);
  if (full)
    if (WritablePacket *q = build_export(now_ms, now))
      output(1).push(q);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainNetFlowExport;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
