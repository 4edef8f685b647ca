// Training source for the instruction models (models/README.md): a
// per-flow deficit round robin scheduler: push input, pull output. Packets
// are hashed on their 5-tuple to a flow queue allocated on demand (HashMap
// from flow hash to queue slot, a free list of slots), queues are linked
// lists through the packets' next pointers with a byte limit, the quantum
// depends on the DSCP class, and the pull side walks the active list,
// adding quanta and releasing a slot when its queue drains.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashmap.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/vector.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

enum { DRR_SLOTS = 32, DRR_QBYTES = 64 * 1024 };

struct DrrQueue {
  Packet *head, *tail;
  uint32_t bytes;
  int32_t deficit;
  uint32_t quantum;
  uint32_t key;
  bool active;
};

class TrainDrr : public Element {
public:
  TrainDrr() : _nfree(DRR_SLOTS), _overflow(0), _nomem(0), _served(0) {
    for (int i = 0; i < DRR_SLOTS; ++i) {
      _free[i] = (uint8_t)(DRR_SLOTS - 1 - i);
      _q[i].head = _q[i].tail = 0;
      _q[i].bytes = 0;
      _q[i].deficit = 0;
      _q[i].quantum = 1514;
      _q[i].key = 0;
      _q[i].active = false;
    }
  }
  const char *class_name() const override { return "TrainDrr"; }
  const char *port_count() const override { return "1/1-2"; }
  const char *processing() const override { return "h/lh"; }
  void push(int port, Packet *p) override;
  Packet *pull(int port) override;

private:
  static uint32_t mix(uint32_t h, uint32_t v) {
    h ^= v;
    h *= 0x9e3779b1u;
    return h ^ (h >> 15);
  }
  static uint32_t flow_hash(const Packet *p) {
    if (!p->has_network_header())
      return 1;
    const click_ip *iph = p->ip_header();
    uint32_t h = mix(0x1234567u, iph->ip_src.s_addr);
    h = mix(h, iph->ip_dst.s_addr);
    h = mix(h, iph->ip_p);
    if (!IP_FIRSTFRAG(iph) || p->transport_length() < 4)
      return h | 1;
    const uint8_t *th = p->transport_header();
    if (iph->ip_p == IP_PROTO_TCP || iph->ip_p == IP_PROTO_UDP)
      h = mix(h, (uint32_t)th[0] << 24 | th[1] << 16 | th[2] << 8 | th[3]);
    return h | 1; // 0 is never a key
  }
  static uint32_t quantum_for(const Packet *p) {
    if (!p->has_network_header())
      return 1514;
    switch (p->ip_header()->ip_tos >> 5) {
    case 7:
    case 6:
      return 4 * 1514;
    case 5:
    case 4:
      return 2 * 1514;
    case 1:
      return 512; // scavenger
    default:
      return 1514;
    }
  }
  int slot_for(uint32_t key, uint32_t quantum);
  void release(int slot) {
    DrrQueue &q = _q[slot];
    _map.erase(q.key);
    q.active = false;
    q.deficit = 0;
    _free[_nfree++] = (uint8_t)slot;
  }
  Packet *dequeue(DrrQueue &q) {
    Packet *p = q.head;
    q.head = p->next();
    if (!q.head)
      q.tail = 0;
    p->set_next(0);
    q.bytes -= p->length();
    return p;
  }

  DrrQueue _q[DRR_SLOTS];
  HashMap<uint32_t, uint8_t, 64, 2> _map;
  Vector<uint8_t, DRR_SLOTS> _active;
  uint8_t _free[DRR_SLOTS];
  int _nfree;
  uint32_t _overflow, _nomem;
  uint64_t _served;
};

int TrainDrr::slot_for(uint32_t key, uint32_t quantum) {
  if (uint8_t *s = _map.findp(key))
    return *s;
  if (_nfree == 0)
    return -1;
  int slot = _free[--_nfree];
  if (!_map.insert(key, (uint8_t)slot)) {
    _nfree++;
    return -1;
  }
  DrrQueue &q = _q[slot];
  q.key = key;
  q.quantum = quantum;
  q.deficit = 0;
  return slot;
}

void TrainDrr::push(int, Packet *p) {
  uint32_t key = flow_hash(p);
  int slot = slot_for(key, quantum_for(p));
  if (slot < 0) {
    _nomem++;
    checked_output_push(1, p);
    return;
  }
  DrrQueue &q = _q[slot];
  if (q.bytes + p->length() > DRR_QBYTES) {
    _overflow++;
    checked_output_push(1, p);
    return;
  }
  p->set_next(0);
  if (q.tail)
    q.tail->set_next(p);
  else
    q.head = p;
  q.tail = p;
  q.bytes += p->length();
  if (!q.active) {
    q.active = true;
    _active.push_back((uint8_t)slot);
  }
}

Packet *TrainDrr::pull(int) {
  // each pass over an active queue either sends or grants one quantum
  for (int guard = 0; guard < 4 * DRR_SLOTS && !_active.empty(); ++guard) {
    int slot = _active.front();
    DrrQueue &q = _q[slot];
    if (!q.head) {
      _active.pop_front();
      release(slot);
      continue;
    }
    int32_t need = (int32_t)q.head->length();
    if (q.deficit >= need) {
      q.deficit -= need;
      Packet *p = dequeue(q);
      if (!q.head) {
        _active.pop_front();
        release(slot);
      }
      SET_PAINT_ANNO(p, (uint8_t)slot);
      _served++;
      return p;
    }
    q.deficit += (int32_t)q.quantum;
    _active.pop_front();
    _active.push_back((uint8_t)slot);
  }
  return 0;
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainDrr;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
