// FlowCrcTag: tags each IPv4 packet with a CRC-32C (Castagnoli, reflected
// poly 0x82F63B78) of its flow key, as a NIC's RSS-style flow hash does,
// and paints it with a bucket number. The key (source and destination
// address, ports, protocol) is taken as 16-bit fields and consumed two bytes
// per step through a pair of tables (slicing-by-2: one table for the byte
// that is one step away from the output end, one for the byte two steps
// away); a trailing odd byte takes one plain step. Label: crc.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <stdint.h>
#include <string.h>

class FlowCrcTag : public Element {
public:
  FlowCrcTag() : _buckets(8), _tagged(0), _skipped(0) { fill_tables(); }
  const char *class_name() const override { return "FlowCrcTag"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

  uint32_t key_crc(const uint16_t *key, int nhalf, const uint8_t *odd) const;

  unsigned _buckets;
  uint64_t _tagged, _skipped;

private:
  uint32_t _near[256]; // one byte: the ordinary Sarwate table
  uint32_t _far[256];  // the same byte followed by a zero byte
  void fill_tables();
};

void FlowCrcTag::fill_tables() {
  for (uint32_t n = 0; n < 256; n++) {
    uint32_t v = n;
    int bits = 8;
    while (bits--)
      v = v & 1 ? (v >> 1) ^ 0x82F63B78u : v >> 1;
    _near[n] = v;
  }
  for (uint32_t n = 0; n < 256; n++)
    _far[n] = (_near[n] >> 8) ^ _near[_near[n] & 0xFFu];
}

uint32_t FlowCrcTag::key_crc(const uint16_t *key, int nhalf,
                             const uint8_t *odd) const {
  uint32_t crc = ~0u;
  for (int i = 0; i < nhalf; i++) {
    crc ^= key[i]; // little-endian host: the field's first byte is low
    crc = _far[crc & 0xFF] ^ _near[(crc >> 8) & 0xFF] ^ (crc >> 16);
  }
  if (odd)
    crc = _near[(crc ^ *odd) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

Packet *FlowCrcTag::simple_action(Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_v != 4 ||
      p->network_length() < (int)(iph->ip_hl * 4 + 4)) {
    _skipped++;
    return p;
  }
  const uint8_t *l4 = reinterpret_cast<const uint8_t *>(iph) + iph->ip_hl * 4;
  uint16_t key[6];
  memcpy(&key[0], &iph->ip_src, 4);
  memcpy(&key[2], &iph->ip_dst, 4);
  memcpy(&key[4], l4, 4);
  uint32_t h = key_crc(key, 6, &iph->ip_p);
  SET_AGGREGATE_ANNO(p, h);
  SET_PAINT_ANNO(p, (uint8_t)(h % _buckets));
  _tagged++;
  return p;
}
