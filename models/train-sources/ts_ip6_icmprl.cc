// Training source for the instruction models (models/README.md): ICMP and
// ICMPv6 rate limiting per source address: classifies each message (error,
// echo, neighbor discovery, other), charges a token bucket kept per source
// and class (rates and bursts per class, refilled from the packet
// timestamps, RFC 4443 2.4(f) style), falls back to a shared bucket when
// the per-source table is full, and never limits neighbor discovery.
// Written for training only; not part of the NF corpus.
#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/icmp.h>
#include <clicknet/ip.h>
#include <clicknet/ip6.h>

// Neighbor discovery has no bucket: it sorts after the limited classes.
enum IcmpClass { C_ERROR, C_ECHO, C_OTHER, NCLASS, C_ND = NCLASS };

struct Bucket {
  uint32_t tokens; // thousandths of a message
  Timestamp last;
  uint32_t dropped;
  bool primed;
};

class ICMPSourceRateLimit : public Element {
public:
  ICMPSourceRateLimit() : _passed(0), _limited(0), _fallback(0) {
    // messages per second and burst, per class
    _rate[C_ERROR] = 10;
    _burst[C_ERROR] = 20;
    _rate[C_ECHO] = 50;
    _burst[C_ECHO] = 100;
    _rate[C_OTHER] = 5;
    _burst[C_OTHER] = 10;
    _shared.tokens = 0;
    _shared.dropped = 0;
    _shared.primed = false;
  }
  const char *class_name() const override { return "ICMPSourceRateLimit"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    if (Args(conf, this, errh)
            .read("ERROR_RATE", _rate[C_ERROR])
            .read("ERROR_BURST", _burst[C_ERROR])
            .read("ECHO_RATE", _rate[C_ECHO])
            .read("ECHO_BURST", _burst[C_ECHO])
            .read("OTHER_RATE", _rate[C_OTHER])
            .read("OTHER_BURST", _burst[C_OTHER])
            .complete() < 0)
      return -1;
    return 0;
  }
  void push(int port, Packet *p) override;

private:
  static int classify4(uint8_t type) {
    switch (type) {
    case ICMP_UNREACH:
    case ICMP_SOURCEQUENCH:
    case ICMP_REDIRECT:
    case ICMP_TIMXCEED:
    case ICMP_PARAMPROB:
      return C_ERROR;
    case ICMP_ECHO:
    case ICMP_ECHOREPLY:
      return C_ECHO;
    default:
      return C_OTHER;
    }
  }
  static int classify6(uint8_t type) {
    if (type < 128)
      return C_ERROR; // destination unreachable .. parameter problem
    if (type == 128 || type == 129)
      return C_ECHO;
    if (type >= 133 && type <= 137)
      return C_ND;
    return C_OTHER;
  }
  static uint64_t key_of(const uint8_t *addr, int len, int cls) {
    uint64_t k = 0xcbf29ce484222325ULL;
    for (int i = 0; i < len; ++i)
      k = (k ^ addr[i]) * 0x100000001b3ULL;
    return (k << 2) | (uint64_t)cls;
  }
  bool take(Bucket &b, int cls, const Timestamp &now, uint32_t scale);

  uint32_t _rate[NCLASS];
  uint32_t _burst[NCLASS];
  HashTable<uint64_t, Bucket, 1024, 4> _buckets;
  Bucket _shared;
  uint64_t _passed, _limited, _fallback;
};

// Refill by elapsed time, then take one message's worth of tokens.
bool ICMPSourceRateLimit::take(Bucket &b, int cls, const Timestamp &now,
                               uint32_t scale) {
  uint32_t cap = _burst[cls] * 1000 * scale;
  if (!b.primed) {
    b.tokens = cap;
    b.primed = true;
  } else if (now > b.last) {
    Timestamp dt = now - b.last;
    uint64_t add = (uint64_t)dt.sec() * _rate[cls] * 1000 * scale +
                   (uint64_t)dt.usec() * _rate[cls] * scale / 1000;
    b.tokens = b.tokens + add >= cap ? cap : (uint32_t)(b.tokens + add);
  }
  b.last = now;
  if (b.tokens < 1000) {
    b.dropped++;
    return false;
  }
  b.tokens -= 1000;
  return true;
}

void ICMPSourceRateLimit::push(int, Packet *p) {
  const uint8_t *d = p->data();
  uint32_t n = p->length();
  const uint8_t *src;
  int alen, cls;
  if (n >= 14 + 40 + 4 && d[12] == 0x86 && d[13] == 0xdd &&
      d[14 + 6] == IP_PROTO_ICMP6) {
    src = d + 14 + 8;
    alen = 16;
    cls = classify6(d[14 + 40]);
  } else if (n >= 14 + 20 && d[12] == 0x08 && d[13] == 0x00 &&
             d[14 + 9] == IP_PROTO_ICMP && n >= 14 + (d[14] & 15) * 4u + 4 &&
             (d[14 + 6] & 0x1f) == 0 && d[14 + 7] == 0) {
    src = d + 14 + 12;
    alen = 4;
    cls = classify4(d[14 + (d[14] & 15) * 4]);
  } else {
    output(0).push(p); // not ICMP (or a later fragment): not ours to limit
    return;
  }
  if (cls == C_ND) {
    _passed++;
    output(0).push(p);
    return;
  }

  const Timestamp &now = p->timestamp_anno();
  uint64_t key = key_of(src, alen, cls);
  bool ok;
  auto it = _buckets.find_insert(key);
  if (it != _buckets.end())
    ok = take(it.value(), cls, now, 1);
  else {
    _fallback++;
    ok = take(_shared, C_ERROR, now, 4);
  }
  if (ok) {
    _passed++;
    output(0).push(p);
  } else {
    _limited++;
    checked_output_push(1, p);
  }
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new ICMPSourceRateLimit;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
