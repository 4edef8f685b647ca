// A route table in two direct levels, 20 + 12 bits (DIR-20-12): the top 20
// destination bits index a 2^20-entry table whose 16-bit entry is either a
// next hop or, with its top bit set, the number of a 4096-entry block
// indexed by the low 12 bits. Each level remembers the prefix length that
// wrote every entry, so routes may be added in any order. A Click-style
// element looks up each packet's IP destination. Label: lpm.

#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>

class Dir2012Lookup : public Element {
public:
  Dir2012Lookup() : _top(), _toplen(), _nblocks(0), _drops(0) {}

  const char *class_name() const override { return "Dir2012Lookup"; }
  const char *port_count() const override { return "1/-"; }
  const char *processing() const override { return PUSH; }

  void push(int port, Packet *p) override;

  int add_route(uint32_t net, int len, unsigned out);
  int lookup(uint32_t dst) const;

private:
  enum {
    TOP_BITS = 20,
    LOW_BITS = 12,
    BLOCK = 1 << LOW_BITS,
    MAX_BLOCKS = 256,
    IS_BLOCK = 0x8000
  };

  uint16_t _top[1 << TOP_BITS];      // hop + 1 (0: none), or IS_BLOCK | block
  uint8_t _toplen[1 << TOP_BITS];    // prefix length that wrote _top[i]
  uint16_t _low[MAX_BLOCKS * BLOCK]; // blocks of hop + 1
  uint8_t _lowlen[MAX_BLOCKS * BLOCK];
  int _nblocks;
  uint64_t _drops;

  int split(uint32_t slot);
};

// Turns top-level slot into a block holding the slot's old route in all
// 4096 entries. Returns the block number, or -1 when none is left.
int Dir2012Lookup::split(uint32_t slot) {
  if (_top[slot] & IS_BLOCK)
    return _top[slot] & ~IS_BLOCK;
  if (_nblocks == MAX_BLOCKS)
    return -1;
  int b = _nblocks++;
  uint16_t *e = _low + b * BLOCK;
  uint8_t *l = _lowlen + b * BLOCK;
  for (int i = 0; i < BLOCK; i++) {
    e[i] = _top[slot];
    l[i] = _toplen[slot];
  }
  _top[slot] = (uint16_t)(IS_BLOCK | b);
  return b;
}

int Dir2012Lookup::add_route(uint32_t net, int len, unsigned out) {
  if (len < 0 || len > 32 || out >= IS_BLOCK - 1)
    return -1;
  uint16_t val = (uint16_t)(out + 1);
  if (len > 0)
    net &= 0xFFFFFFFFu << (32 - len);
  if (len <= TOP_BITS) {
    uint32_t first = net >> LOW_BITS;
    uint32_t n = 1u << (TOP_BITS - len);
    for (uint32_t s = first; s < first + n; s++) {
      if (_top[s] & IS_BLOCK) {
        uint16_t *e = _low + (_top[s] & ~IS_BLOCK) * BLOCK;
        uint8_t *l = _lowlen + (_top[s] & ~IS_BLOCK) * BLOCK;
        for (int i = 0; i < BLOCK; i++)
          if (l[i] <= len) {
            e[i] = val;
            l[i] = (uint8_t)len;
          }
      } else if (_toplen[s] <= len) {
        _top[s] = val;
        _toplen[s] = (uint8_t)len;
      }
    }
    return 0;
  }
  int b = split(net >> LOW_BITS);
  if (b < 0)
    return -1;
  uint32_t first = net & (BLOCK - 1);
  uint32_t n = 1u << (32 - len);
  uint16_t *e = _low + b * BLOCK;
  uint8_t *l = _lowlen + b * BLOCK;
  for (uint32_t i = first; i < first + n; i++)
    if (l[i] <= len) {
      e[i] = val;
      l[i] = (uint8_t)len;
    }
  return 0;
}

int Dir2012Lookup::lookup(uint32_t dst) const {
  uint16_t e = _top[dst >> LOW_BITS];
  if (e & IS_BLOCK)
    e = _low[(uint32_t)(e & ~IS_BLOCK) * BLOCK + (dst & (BLOCK - 1))];
  return (int)e - 1;
}

void Dir2012Lookup::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  int out = iph ? lookup(ntohl(iph->ip_dst.s_addr)) : -1;
  if (out < 0 || out >= noutputs()) {
    _drops++;
    p->kill();
    return;
  }
  p->set_dst_ip_anno(IPAddress(iph->ip_dst));
  output(out).push(p);
}
