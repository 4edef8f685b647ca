// MacLearnBridge: a transparent learning bridge element. Source addresses
// are learned into a chained table (bucket index taken directly from the
// last two address bytes, exact 48-bit compare), entries age out after
// TIMEOUT seconds, and frames to unknown, multicast or aged destinations
// are flooded to every port except the arrival port.
#include <click/config.h>
#include <click/args.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>
#include <click/timestamp.hh>
#include <clicknet/ether.h>

CLICK_DECLS

class MacLearnBridge : public Element {
public:
  enum { NBUCKETS = 256 };
  static const uint32_t NIL = 0xFFFFFFFFu;

  struct Entry {
    uint8_t mac[6];
    uint16_t port;
    uint32_t next;
    int64_t last_seen_us;
  };

  MacLearnBridge()
      : _entries(0), _capacity(0), _free(NIL), _used(0),
        _timeout_us(300000000), _floods(0), _filtered(0) {
    for (int i = 0; i < NBUCKETS; i++)
      _bucket[i] = NIL;
  }
  ~MacLearnBridge() override { delete[] _entries; }

  const char *class_name() const override { return "MacLearnBridge"; }
  const char *port_count() const override { return "2-/="; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void push(int port, Packet *p) override;

  // Index of the entry for mac, or NIL.
  uint32_t find(const uint8_t *mac) const;
  // Record that mac was seen on port at now_us; false if the table is full.
  bool learn(const uint8_t *mac, int port, int64_t now_us);
  // Remove every entry idle longer than the timeout; returns how many.
  int expire(int64_t now_us);
  // Output port for dst, or -1 to flood.
  int lookup_port(const uint8_t *dst, int64_t now_us) const;

  uint32_t used() const { return _used; }
  uint64_t floods() const { return _floods; }
  uint64_t filtered() const { return _filtered; }

private:
  Entry *_entries;
  uint32_t _capacity;
  uint32_t _free;
  uint32_t _used;
  int64_t _timeout_us;
  uint64_t _floods;
  uint64_t _filtered;
  uint32_t _bucket[NBUCKETS];

  static inline unsigned bucket_of(const uint8_t *mac) {
    return (((unsigned)mac[4] << 8) | mac[5]) & (NBUCKETS - 1);
  }
  static inline bool same_mac(const uint8_t *a, const uint8_t *b) {
    return a[0] == b[0] && a[1] == b[1] && a[2] == b[2] && a[3] == b[3] &&
           a[4] == b[4] && a[5] == b[5];
  }
  void flood(int in_port, Packet *p);
};

int MacLearnBridge::configure(Vector<String> &conf, ErrorHandler *errh) {
  uint32_t cap = 4096, timeout_s = 300;
  if (Args(conf, this, errh)
          .read("CAPACITY", cap)
          .read("TIMEOUT", timeout_s)
          .complete() < 0)
    return -1;
  if (cap == 0 || cap >= NIL)
    return errh->error("bad CAPACITY");
  delete[] _entries;
  _entries = new Entry[cap];
  _capacity = cap;
  for (uint32_t i = 0; i < cap; i++)
    _entries[i].next = (i + 1 < cap) ? i + 1 : NIL;
  _free = 0;
  _used = 0;
  for (int i = 0; i < NBUCKETS; i++)
    _bucket[i] = NIL;
  _timeout_us = (int64_t)timeout_s * 1000000;
  return 0;
}

uint32_t MacLearnBridge::find(const uint8_t *mac) const {
  uint32_t i = _bucket[bucket_of(mac)];
  while (i != NIL) {
    if (same_mac(_entries[i].mac, mac))
      return i;
    i = _entries[i].next;
  }
  return NIL;
}

bool MacLearnBridge::learn(const uint8_t *mac, int port, int64_t now_us) {
  if (mac[0] & 1) // never learn group addresses
    return false;
  uint32_t i = find(mac);
  if (i != NIL) {
    _entries[i].port = (uint16_t)port;
    _entries[i].last_seen_us = now_us;
    return true;
  }
  if (_free == NIL) {
    expire(now_us);
    if (_free == NIL)
      return false;
  }
  i = _free;
  _free = _entries[i].next;
  memcpy(_entries[i].mac, mac, 6);
  _entries[i].port = (uint16_t)port;
  _entries[i].last_seen_us = now_us;
  unsigned b = bucket_of(mac);
  _entries[i].next = _bucket[b];
  _bucket[b] = i;
  _used++;
  return true;
}

int MacLearnBridge::expire(int64_t now_us) {
  int removed = 0;
  for (int b = 0; b < NBUCKETS; b++) {
    uint32_t *link = &_bucket[b];
    while (*link != NIL) {
      uint32_t i = *link;
      if (now_us - _entries[i].last_seen_us > _timeout_us) {
        *link = _entries[i].next;
        _entries[i].next = _free;
        _free = i;
        _used--;
        removed++;
      } else {
        link = &_entries[i].next;
      }
    }
  }
  return removed;
}

int MacLearnBridge::lookup_port(const uint8_t *dst, int64_t now_us) const {
  if (dst[0] & 1)
    return -1;
  uint32_t i = find(dst);
  if (i == NIL || now_us - _entries[i].last_seen_us > _timeout_us)
    return -1;
  return _entries[i].port;
}

void MacLearnBridge::flood(int in_port, Packet *p) {
  int n = noutputs();
  int last = -1;
  for (int o = 0; o < n; o++) {
    if (o == in_port)
      continue;
    if (last >= 0) {
      if (Packet *c = p->clone())
        output(last).push(c);
    }
    last = o;
  }
  if (last >= 0)
    output(last).push(p);
  else
    p->kill();
  _floods++;
}

void MacLearnBridge::push(int port, Packet *p) {
  if (p->length() < sizeof(click_ether)) {
    p->kill();
    return;
  }
  const click_ether *eh = reinterpret_cast<const click_ether *>(p->data());
  int64_t now = p->timestamp_anno().usecval();
  learn(eh->ether_shost, port, now);
  int out = lookup_port(eh->ether_dhost, now);
  if (out < 0) {
    flood(port, p);
  } else if (out == port) {
    _filtered++;
    p->kill();
  } else {
    output(out).push(p);
  }
}

CLICK_ENDDECLS
EXPORT_ELEMENT(MacLearnBridge)
