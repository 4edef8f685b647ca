// Training source for the instruction models (models/README.md): a QUIC
// (RFC 9000) header parser and connection-ID load balancer: long/short header
// forms, version and fixed-bit checks, variable-length integers decoded at
// several widths, DCID/SCID lengths, Initial token and length fields, and a
// connection-ID table routing short-header packets to backends.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

enum { QUIC_MAX_CID = 20, QUIC_BACKENDS = 4 };

// Decodes a variable-length integer into T; returns bytes used or 0.
template <typename T>
static int quic_varint(const uint8_t *b, int left, T *out) {
  if (left < 1)
    return 0;
  int n = 1 << (b[0] >> 6);
  if (n > left)
    return 0;
  uint64_t v = b[0] & 0x3f;
  for (int i = 1; i < n; ++i)
    v = v << 8 | b[i];
  if (v > (uint64_t)(T) ~(T)0)
    return 0;
  *out = (T)v;
  return n;
}

template <typename T> static T read_be(const uint8_t *b) {
  T v = 0;
  for (unsigned i = 0; i < sizeof(T); ++i)
    v = (T)(v << 8 | b[i]);
  return v;
}

struct QuicHeader {
  uint32_t version;
  uint8_t dcid_len, scid_len;
  uint8_t type;
  uint8_t is_long : 1;
  uint8_t pn_len : 3;
  uint16_t token_len;
  uint32_t payload_len;
  const uint8_t *dcid;
};

template <int CIDLEN> class TrainQuicLB : public Element {
public:
  TrainQuicLB()
      : _min_initial(64), _initial(0), _short(0), _unknown(0), _dropped(0) {
    for (int i = 0; i < QUIC_BACKENDS; ++i)
      _backend_load[i] = 0;
  }
  const char *class_name() const override { return "TrainQuicLB"; }
  const char *port_count() const override { return "1/5"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  uint64_t cid_key(const uint8_t *cid, int len) const {
    uint64_t k = (uint64_t)len << 56;
    for (int i = 0; i < len && i < 7; ++i)
      k |= (uint64_t)cid[i] << (i * 8);
    return k;
  }
  bool supported(uint32_t version) const {
    return version == 1 || version == 0x6b3343cfu ||
           (version & 0xffffff00u) == 0xff000000u;
  }
  int parse_long(const uint8_t *b, int len, QuicHeader *h) const;
  int pick_backend(uint64_t key) const {
    int best = 0;
    uint32_t best_load = _backend_load[0];
    for (int i = 1; i < QUIC_BACKENDS; ++i) {
      if (_backend_load[i] < best_load) {
        best = i;
        best_load = _backend_load[i];
      }
    }
    return (int)((unsigned)(best + (key % 3 == 0)) % QUIC_BACKENDS);
  }

  HashTable<uint64_t, uint8_t, 256, 4> _cids;
  uint32_t _backend_load[QUIC_BACKENDS];
  int _min_initial;
  uint64_t _initial, _short, _unknown, _dropped;
};

template <int CIDLEN>
int TrainQuicLB<CIDLEN>::parse_long(const uint8_t *b, int len,
                                    QuicHeader *h) const {
  if (len < 7)
    return -1;
  h->version = read_be<uint32_t>(b + 1);
  h->is_long = 1;
  if (h->version == 0)
    return 5; // version negotiation
  if (!(b[0] & 0x40) || !supported(h->version))
    return -1;
  h->type = (uint8_t)((b[0] >> 4) & 3);
  h->pn_len = (uint8_t)((b[0] & 3) + 1);
  int off = 5;
  h->dcid_len = b[off++];
  if (h->dcid_len > QUIC_MAX_CID || off + h->dcid_len >= len)
    return -1;
  h->dcid = b + off;
  off += h->dcid_len;
  h->scid_len = b[off++];
  if (h->scid_len > QUIC_MAX_CID || off + h->scid_len > len)
    return -1;
  off += h->scid_len;
  if (h->type == 0) {
    uint16_t tl = 0;
    int n = quic_varint<uint16_t>(b + off, len - off, &tl);
    if (!n || off + n + tl > len)
      return -1;
    h->token_len = tl;
    off += n + tl;
  }
  if (h->type != 3) {
    uint32_t pl = 0;
    int n = quic_varint<uint32_t>(b + off, len - off, &pl);
    if (!n || pl < h->pn_len)
      return -1;
    h->payload_len = pl;
    off += n;
  }
  return off;
}

template <int CIDLEN> void TrainQuicLB<CIDLEN>::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_UDP || p->transport_length() < 9) {
    output(4).push(p);
    return;
  }
  const click_udp *uh = p->udp_header();
  if (uh->uh_dport != htons(443) && uh->uh_sport != htons(443)) {
    output(4).push(p);
    return;
  }
  const uint8_t *b = reinterpret_cast<const uint8_t *>(uh + 1);
  int len = p->transport_length() - 8;
  QuicHeader h;
  memset(&h, 0, sizeof(h));
  int port;
  if (b[0] & 0x80) {
    int off = parse_long(b, len, &h);
    if (off < 0 || (h.type == 0 && len < _min_initial)) {
      _dropped++;
      p->kill();
      return;
    }
    uint64_t key = cid_key(h.dcid ? h.dcid : b, h.dcid_len);
    uint8_t *slot = _cids.get_pointer(key);
    if (slot)
      port = *slot;
    else {
      port = pick_backend(key);
      if (h.type == 0 && _cids.set(key, (uint8_t)port))
        _initial++;
    }
  } else {
    if (!(b[0] & 0x40) || len < 1 + CIDLEN) {
      _unknown++;
      output(4).push(p);
      return;
    }
    uint64_t key = cid_key(b + 1, CIDLEN);
    uint8_t *slot = _cids.get_pointer(key);
    if (!slot) {
      uint64_t k16 = read_be<uint16_t>(b + 1);
      port = (int)(k16 % QUIC_BACKENDS);
      _unknown++;
    } else
      port = *slot;
    _short++;
  }
  _backend_load[port & 3]++;
  output(port & 3).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[3] = {new TrainQuicLB<4>, new TrainQuicLB<8>, new TrainQuicLB<16>};
  String conf = config ? String(config) : String();
  for (int i = 0; i < 3; ++i)
    if (clara_element_setup(e[i], conf, 1, 5) < 0)
      return 0;
  clara_connect(e[0], 4, e[1], 0);
  clara_connect(e[1], 4, e[2], 0);
  return e[0];
}
