// Transmit hashing of a link aggregate (the Linux bonding driver's
// xmit_hash_policy, as its documentation states the formulas) in a Click
// element with one output per member link:
//   layer2:    h = src MAC[5] ^ dst MAC[5] ^ EtherType
//   layer2+3:  h = layer2 ^ src IP ^ dst IP; h ^= h >> 16; h ^= h >> 8
//   layer3+4:  h = ports word ^ src IP ^ dst IP; h ^= h >> 16;
//              h ^= h >> 8; h >>= 1 (ports omitted for fragments and for
//              protocols other than TCP and UDP)
// and the member is h mod the number of links. Fields are taken as
// network-order numbers. Label: hash.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>

class BondXmitHash : public Element {
public:
  enum Policy { L2 = 0, L23 = 1, L34 = 2 };

  BondXmitHash() : _policy(L34), _links(4) {}

  const char *class_name() const override { return "BondXmitHash"; }
  const char *port_count() const override { return "1/1-8"; }
  const char *processing() const override { return PUSH; }

  static uint32_t l2_hash(const unsigned char *frame);
  static uint32_t l23_hash(const unsigned char *frame);
  static uint32_t l34_hash(const unsigned char *ip);
  void push(int port, Packet *p) override;

  int _policy;
  int _links;
};

static inline uint32_t be32_at(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
         p[3];
}

uint32_t BondXmitHash::l2_hash(const unsigned char *frame) {
  const click_ether *eh = reinterpret_cast<const click_ether *>(frame);
  uint32_t type = (uint32_t)frame[12] << 8 | frame[13];
  return (uint32_t)(eh->ether_shost[5] ^ eh->ether_dhost[5]) ^ type;
}

uint32_t BondXmitHash::l23_hash(const unsigned char *frame) {
  uint32_t h = l2_hash(frame);
  const unsigned char *ip = frame + sizeof(click_ether);
  h ^= be32_at(ip + 12) ^ be32_at(ip + 16);
  h ^= h >> 16;
  h ^= h >> 8;
  return h;
}

uint32_t BondXmitHash::l34_hash(const unsigned char *ip) {
  const click_ip *iph = reinterpret_cast<const click_ip *>(ip);
  uint32_t ports = 0;
  uint16_t off = (uint16_t)(ip[6] << 8 | ip[7]);
  bool frag = (off & 0x3fff) != 0;
  if (!frag && (iph->ip_p == IP_PROTO_TCP || iph->ip_p == IP_PROTO_UDP))
    ports = be32_at(ip + iph->ip_hl * 4);
  uint32_t h = ports;
  h ^= be32_at(ip + 12) ^ be32_at(ip + 16);
  h ^= h >> 16;
  h ^= h >> 8;
  return h >> 1;
}

void BondXmitHash::push(int, Packet *p) {
  const unsigned char *frame = p->data();
  uint16_t type = (uint16_t)(frame[12] << 8 | frame[13]);
  uint32_t h;
  if (_policy == L2 || type != 0x0800)
    h = l2_hash(frame);
  else if (_policy == L23)
    h = l23_hash(frame);
  else
    h = l34_hash(frame + sizeof(click_ether));
  output((int)(h % (uint32_t)_links)).push(p);
}
