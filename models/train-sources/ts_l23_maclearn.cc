// Training source for the instruction models (models/README.md): a learning
// Ethernet switch with a MAC table (HashMap keyed by EtherAddress), entry
// aging by packet timestamps, move detection, flooding and per-port stats.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/etheraddress.hh>
#include <click/hashmap.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/timestamp.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>

struct MacEntry {
  int port;
  int32_t last_sec;
  uint32_t moves;
  uint64_t bytes;
  MacEntry() : port(-1), last_sec(0), moves(0), bytes(0) {}
};

class TrainLearningSwitch : public Element {
public:
  enum { NPORTS = 4, AGE_SEC = 300, MOVE_LIMIT = 8 };
  TrainLearningSwitch()
      : _learned(0), _flooded(0), _aged(0), _moves(0), _filtered(0) {
    for (int i = 0; i < NPORTS; ++i) {
      _port_pkts[i] = 0;
      _port_blocked[i] = false;
    }
  }
  const char *class_name() const override { return "TrainLearningSwitch"; }
  const char *port_count() const override { return "1-/1-"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  static bool reserved_dst(const unsigned char *d) {
    // 01:80:C2:00:00:0x: bridge group addresses are never forwarded.
    return d[0] == 0x01 && d[1] == 0x80 && d[2] == 0xC2 && d[3] == 0 &&
           d[4] == 0 && (d[5] & 0xf0) == 0;
  }
  int ingress_port(const Packet *p, int port) const {
    // Frames from a single input carry their port in the paint annotation;
    // otherwise the low source-address bits pick a port.
    int pa = PAINT_ANNO(p);
    if (port > 0)
      return port % NPORTS;
    if (pa > 0 && pa < NPORTS)
      return pa;
    return p->data()[11] % NPORTS;
  }
  bool learn(const EtherAddress &src, int port, int32_t now, uint32_t len);
  int lookup(const EtherAddress &dst, int32_t now);
  void flood(Packet *p, int in_port);
  bool expired(const MacEntry *e, int32_t now) const {
    return now - e->last_sec > (int32_t)AGE_SEC || e->port < 0;
  }

  HashMap<EtherAddress, MacEntry, 512, 4> _table;
  uint64_t _port_pkts[NPORTS];
  bool _port_blocked[NPORTS];
  uint32_t _learned, _flooded, _aged, _moves, _filtered;
};

bool TrainLearningSwitch::learn(const EtherAddress &src, int port, int32_t now,
                                uint32_t len) {
  if (src.is_group() || src.is_zero())
    return false;
  MacEntry *e = _table.findp(src);
  if (!e) {
    MacEntry n;
    n.port = port;
    n.last_sec = now;
    n.bytes = len;
    if (!_table.insert(src, n))
      return false;
    _learned++;
    return true;
  }
  if (e->port != port) {
    e->moves++;
    _moves++;
    if (e->moves > MOVE_LIMIT) {
      // Flapping address: pin it to its first port and block the other.
      _port_blocked[port] = true;
      return false;
    }
    e->port = port;
  }
  e->last_sec = now;
  e->bytes += len;
  return true;
}

int TrainLearningSwitch::lookup(const EtherAddress &dst, int32_t now) {
  if (dst.is_broadcast() || dst.is_group())
    return -1;
  MacEntry *e = _table.findp(dst);
  if (!e)
    return -1;
  if (expired(e, now)) {
    _table.erase(dst);
    _aged++;
    return -1;
  }
  return e->port;
}

void TrainLearningSwitch::flood(Packet *p, int in_port) {
  int n = noutputs();
  int last = -1;
  for (int i = 0; i < n && i < NPORTS; ++i) {
    if (i == in_port || _port_blocked[i])
      continue;
    if (last >= 0) {
      Packet *c = p->clone();
      if (c) {
        _port_pkts[last]++;
        output(last).push(c);
      }
    }
    last = i;
  }
  if (last >= 0) {
    _port_pkts[last]++;
    output(last).push(p);
  } else {
    p->kill();
  }
  _flooded++;
}

void TrainLearningSwitch::push(int port, Packet *p) {
  if (p->length() < sizeof(click_ether)) {
    p->kill();
    return;
  }
  const click_ether *eh = reinterpret_cast<const click_ether *>(p->data());
  if (reserved_dst(eh->ether_dhost)) {
    _filtered++;
    p->kill();
    return;
  }
  int in = ingress_port(p, port);
  int32_t now = (int32_t)p->timestamp_anno().sec();
  if (_port_blocked[in]) {
    _filtered++;
    p->kill();
    return;
  }
  EtherAddress src(eh->ether_shost), dst(eh->ether_dhost);
  learn(src, in, now, p->length());
  int out = lookup(dst, now);
  if (out == in) {
    _filtered++;
    p->kill();
  } else if (out >= 0 && out < noutputs()) {
    _port_pkts[out]++;
    output(out).push(p);
  } else {
    flood(p, in);
  }
}

extern "C" Element *clara_nf_create(const char *config) {
  TrainLearningSwitch *e = new TrainLearningSwitch;
  String conf = config ? String(config) : String();
  if (clara_element_setup(e, conf, 1, 4) < 0)
    return 0;
  return e;
}
