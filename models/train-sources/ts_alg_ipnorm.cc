// Training source for the instruction models (models/README.md): an IPv4
// header normaliser for a scrubbing middlebox: IP ID randomisation by a keyed
// 16-bit Feistel permutation (consistent across the fragments of a
// datagram), TTL floor/ceiling normalisation, reserved-flag and DF cleanup,
// per-destination-bucket statistics of the counter width W, incremental
// checksum updates word by word.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>

enum { NORM_ID = 1, NORM_TTL = 2, NORM_RF = 4, NORM_DF = 8 };

template <typename W> struct NormBucket {
  W packets;
  W rewrites;
  uint8_t min_ttl_seen;
  uint8_t max_ttl_seen;
};

template <typename W> class TrainIpNormalize : public Element {
public:
  TrainIpNormalize()
      : _key(0x5EED1234u ^ (uint32_t)sizeof(W)), _ttl_floor(32),
        _ttl_ceiling(128), _df_clear_below(576),
        _policy(NORM_ID | NORM_TTL | NORM_RF) {
    for (int i = 0; i < 64; ++i) {
      _buckets[i].packets = _buckets[i].rewrites = 0;
      _buckets[i].min_ttl_seen = 255;
      _buckets[i].max_ttl_seen = 0;
    }
    _total = 0;
  }
  const char *class_name() const override { return "TrainIpNormalize"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

private:
  uint8_t round_fn(uint8_t half, int round) const {
    uint32_t x = (uint32_t)half * 0x9Du + (_key >> (round * 8));
    x ^= x >> 5;
    x *= 0x2Bu;
    return (uint8_t)(x ^ (x >> 11));
  }
  uint16_t permute_id(uint16_t id, uint32_t src) const {
    uint8_t l = (uint8_t)(id >> 8), r = (uint8_t)id;
    uint8_t tweak = (uint8_t)(src ^ src >> 8 ^ src >> 16 ^ src >> 24);
    for (int round = 0; round < 4; ++round) {
      uint8_t t = r;
      r = (uint8_t)(l ^ round_fn((uint8_t)(r ^ tweak), round));
      l = t;
    }
    return (uint16_t)(l << 8 | r);
  }
  uint8_t normal_ttl(uint8_t ttl) const {
    if (ttl < _ttl_floor)
      return _ttl_floor;
    if (ttl > _ttl_ceiling)
      return _ttl_ceiling;
    return ttl;
  }
  unsigned bucket_of(uint32_t dst) const {
    uint32_t h = dst * 2654435761u;
    return (h >> 26) & 63;
  }
  static void set_word(click_ip *iph, uint16_t *field, uint16_t now) {
    uint16_t old = *field;
    if (old == now)
      return;
    *field = now;
    click_update_in_cksum(&iph->ip_sum, old, now);
  }
  int normalize(click_ip *iph, uint32_t len);

  uint32_t _key;
  uint8_t _ttl_floor, _ttl_ceiling;
  uint16_t _df_clear_below;
  uint8_t _policy;
  NormBucket<W> _buckets[64];
  W _total;
};

template <typename W>
int TrainIpNormalize<W>::normalize(click_ip *iph, uint32_t len) {
  int changed = 0;
  uint16_t off = ntohs(iph->ip_off);
  if (_policy & NORM_ID) {
    uint16_t id = permute_id(ntohs(iph->ip_id), ntohl(iph->ip_src.s_addr));
    set_word(iph, &iph->ip_id, htons(id));
    changed |= NORM_ID;
  }
  uint16_t noff = off;
  if ((_policy & NORM_RF) && (off & IP_RF))
    noff &= (uint16_t)~IP_RF;
  if ((off & IP_DF) && len < _df_clear_below && !(off & (IP_MF | IP_OFFMASK)))
    noff &= (uint16_t)~IP_DF;
  if (noff != off) {
    set_word(iph, &iph->ip_off, htons(noff));
    changed |= ((off ^ noff) & IP_RF) ? NORM_RF : 0;
    changed |= ((off ^ noff) & IP_DF) ? NORM_DF : 0;
  }
  if (_policy & NORM_TTL) {
    uint8_t ttl = normal_ttl(iph->ip_ttl);
    if (ttl != iph->ip_ttl) {
      uint16_t *w = reinterpret_cast<uint16_t *>(&iph->ip_ttl);
      uint16_t old = *w;
      iph->ip_ttl = ttl;
      uint16_t now = *w;
      *w = old;
      set_word(iph, w, now);
      changed |= NORM_TTL;
    }
  }
  return changed;
}

template <typename W> Packet *TrainIpNormalize<W>::simple_action(Packet *p) {
  const click_ip *ciph = p->ip_header();
  if (!ciph || ciph->ip_v != 4)
    return p;
  uint32_t len = ntohs(ciph->ip_len);
  if (len < (uint32_t)(ciph->ip_hl << 2) ||
      p->ip_header_offset() + len > p->length())
    return p;
  NormBucket<W> &b = _buckets[bucket_of(ciph->ip_dst.s_addr)];
  b.packets++;
  if (ciph->ip_ttl < b.min_ttl_seen)
    b.min_ttl_seen = ciph->ip_ttl;
  if (ciph->ip_ttl > b.max_ttl_seen)
    b.max_ttl_seen = ciph->ip_ttl;
  _total++;
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  int changed = normalize(q->ip_header(), len);
  if (changed) {
    b.rewrites++;
    q->set_anno_u8(MISC_IP_ANNO_OFFSET, (uint8_t)changed);
  }
  if ((W)(_total & 0xFFFF) == 0)
    _key = _key * 1103515245u + 12345u;
  return q;
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[3] = {new TrainIpNormalize<uint16_t>,
                   new TrainIpNormalize<uint32_t>,
                   new TrainIpNormalize<uint64_t>};
  String conf = config ? String(config) : String();
  for (int i = 0; i < 3; ++i)
    if (clara_element_setup(e[i], conf, 1, 1) < 0)
      return 0;
  clara_connect(e[0], 0, e[1], 0);
  clara_connect(e[1], 0, e[2], 0);
  return e[0];
}
