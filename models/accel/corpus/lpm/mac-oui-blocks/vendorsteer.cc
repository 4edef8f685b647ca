// Steers Ethernet frames by the vendor block of their source MAC address:
// IEEE assignments are prefixes of 24 (MA-L, the OUI), 28 (MA-M) or 36
// (MA-S) bits, and single stations may be listed with all 48 bits. Each
// block size has its own Vector of (prefix, output) pairs kept sorted by
// prefix; a frame's address is searched in the 48-, 36-, 28- and 24-bit
// vectors in that order, by binary search, and the first hit (the longest
// block holding the address) picks the output. Frames of unknown vendors
// leave on the last output. Label: lpm.

#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/vector.hh>
#include <clicknet/ether.h>

class VendorSteer : public Element {
public:
  VendorSteer() : _unknown(0) {}

  const char *class_name() const override { return "VendorSteer"; }
  const char *port_count() const override { return "1/1-"; }
  const char *processing() const override { return PUSH; }

  void push(int port, Packet *p) override;

  bool add_block(const uint8_t *mac, int bits, int out);
  int vendor_output(uint64_t mac48) const;

private:
  struct Block {
    uint64_t prefix; // the block's top bits, right-aligned
    int out;
  };
  typedef Vector<Block, 1024> BlockList;

  enum { NSIZES = 4 };
  static const int size_bits[NSIZES];
  BlockList _blocks[NSIZES]; // same order as size_bits
  uint64_t _unknown;

  static uint64_t load48(const uint8_t *mac);
};

const int VendorSteer::size_bits[NSIZES] = {48, 36, 28, 24};

uint64_t VendorSteer::load48(const uint8_t *mac) {
  uint64_t v = 0;
  for (int i = 0; i < 6; ++i)
    v = (v << 8) | mac[i];
  return v;
}

bool VendorSteer::add_block(const uint8_t *mac, int bits, int out) {
  int k = 0;
  while (k < NSIZES && size_bits[k] != bits)
    ++k;
  if (k == NSIZES || out < 0)
    return false;
  uint64_t key = load48(mac) >> (48 - bits);
  BlockList &v = _blocks[k];
  int lo = 0, hi = v.size();
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (v[mid].prefix < key)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < v.size() && v[lo].prefix == key) {
    v[lo].out = out;
    return true;
  }
  if (v.full())
    return false;
  Block b;
  b.prefix = key;
  b.out = out;
  v.insert(v.begin() + lo, b);
  return true;
}

int VendorSteer::vendor_output(uint64_t mac48) const {
  for (int k = 0; k < NSIZES; ++k) {
    const BlockList &v = _blocks[k];
    uint64_t key = mac48 >> (48 - size_bits[k]);
    const Block *lo = v.begin(), *hi = v.end();
    while (lo < hi) {
      const Block *mid = lo + (hi - lo) / 2;
      if (mid->prefix == key)
        return mid->out;
      if (mid->prefix < key)
        lo = mid + 1;
      else
        hi = mid;
    }
  }
  return -1;
}

void VendorSteer::push(int, Packet *p) {
  const click_ether *eh = p->ether_header();
  int out = eh ? vendor_output(load48(eh->ether_shost)) : -1;
  if (out < 0 || out >= noutputs() - 1) {
    ++_unknown;
    out = noutputs() - 1;
  }
  output(out).push(p);
}
