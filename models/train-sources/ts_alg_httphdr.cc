// Training source for the instruction models (models/README.md): an HTTP
// request header rewriter in a transparent proxy path: hop-by-hop and
// spoofable headers are removed (a small name table), X-Forwarded-For with
// the client address is inserted after the request line, the segment is
// resized, and per-flow sequence offsets (HashTable keyed by a 4-tuple hash)
// shift later client sequence numbers and server acknowledgements.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

struct HttpShift {
  int32_t offset;     // bytes added to the client stream so far
  uint32_t after_seq; // client sequence from which offset applies
  uint16_t requests;
  uint16_t stripped;
};

static const char *const strip_names[] = {"proxy-connection", "x-forwarded-for",
                                          "proxy-authorization", "te"};

class TrainHttpHeaderRewrite : public Element {
public:
  TrainHttpHeaderRewrite() : _hlen(0), _oversize(0), _inserted(0) {}
  const char *class_name() const override { return "TrainHttpHeaderRewrite"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  static uint32_t flow_hash(uint32_t client, uint32_t server, uint16_t cport) {
    uint32_t h = client ^ (server * 0x01000193u) ^ ((uint32_t)cport << 7);
    h ^= h >> 15;
    return h * 0x2C1B3C6Du;
  }
  static bool is_request(const uint8_t *s, int len) {
    if (len < 16)
      return false;
    switch (s[0]) {
    case 'G':
      return s[1] == 'E' && s[2] == 'T' && s[3] == ' ';
    case 'P':
      return (s[1] == 'O' && s[2] == 'S' && s[3] == 'T') ||
             (s[1] == 'U' && s[2] == 'T' && s[3] == ' ');
    case 'H':
      return s[1] == 'E' && s[2] == 'A' && s[3] == 'D';
    case 'D':
      return s[1] == 'E' && s[2] == 'L';
    default:
      return false;
    }
  }
  static int strip_index(const uint8_t *name, int len) {
    for (int i = 0; i < 4; ++i) {
      const char *n = strip_names[i];
      int j = 0;
      while (j < len && n[j] && (name[j] | 0x20) == (uint8_t)n[j])
        j++;
      if (j == len && !n[j])
        return i;
    }
    return -1;
  }
  bool append(const uint8_t *s, int len) {
    if (_hlen + len > (int)sizeof(_hdr))
      return false;
    for (int i = 0; i < len; ++i)
      _hdr[_hlen + i] = s[i];
    _hlen += len;
    return true;
  }
  int append_xff(uint32_t client) {
    static const char pfx[] = "X-Forwarded-For: ";
    if (!append(reinterpret_cast<const uint8_t *>(pfx), sizeof(pfx) - 1))
      return -1;
    for (int shift = 24; shift >= 0; shift -= 8) {
      uint8_t digits[4];
      int n = 0;
      unsigned v = (client >> shift) & 0xFF;
      if (v >= 100)
        digits[n++] = (uint8_t)('0' + v / 100);
      if (v >= 10)
        digits[n++] = (uint8_t)('0' + v / 10 % 10);
      digits[n++] = (uint8_t)('0' + v % 10);
      digits[n++] = shift ? '.' : '\r';
      if (!append(digits, n))
        return -1;
    }
    return append(reinterpret_cast<const uint8_t *>("\n"), 1) ? _hlen : -1;
  }
  int build_headers(const uint8_t *s, int len, uint32_t client, int *strip);
  WritablePacket *replace_block(WritablePacket *q, int at, int oldlen);
  void shift_numbers(click_tcp *th, const HttpShift *f, bool client_side);

  HashTable<uint32_t, HttpShift, 256, 4> _flows;
  uint8_t _hdr[1024];
  int _hlen;
  uint32_t _oversize, _inserted;
};

// Rewritten header block into _hdr; returns the length of the original
// block (through the blank line) or -1.
int TrainHttpHeaderRewrite::build_headers(const uint8_t *s, int len,
                                          uint32_t client, int *strip) {
  int pos = 0;
  _hlen = 0;
  while (pos < len) {
    int eol = pos;
    while (eol + 1 < len && !(s[eol] == '\r' && s[eol + 1] == '\n'))
      eol++;
    if (eol + 1 >= len)
      return -1; // header block continues in a later segment
    if (eol == pos)
      return append(s + pos, 2) ? pos + 2 : -1;
    int colon = pos;
    while (colon < eol && s[colon] != ':')
      colon++;
    bool drop =
        pos > 0 && colon < eol && strip_index(s + pos, colon - pos) >= 0;
    if (drop)
      (*strip)++;
    else if (!append(s + pos, eol + 2 - pos))
      return -1;
    if (pos == 0 && append_xff(client) < 0)
      return -1;
    pos = eol + 2;
  }
  return -1;
}

WritablePacket *TrainHttpHeaderRewrite::replace_block(WritablePacket *q, int at,
                                                      int oldlen) {
  int diff = _hlen - oldlen, end = (int)q->length();
  if (diff > 0) {
    if (!(q = q->put((uint32_t)diff)))
      return 0;
    uint8_t *d = q->data();
    for (int i = end - 1; i >= at + oldlen; --i)
      d[i + diff] = d[i];
  } else if (diff < 0) {
    uint8_t *d = q->data();
    for (int i = at + oldlen; i < end; ++i)
      d[i + diff] = d[i];
    q->take((uint32_t)-diff);
  }
  uint8_t *d = q->data() + at;
  for (int i = 0; i < _hlen; ++i)
    d[i] = _hdr[i];
  return q;
}

void TrainHttpHeaderRewrite::shift_numbers(click_tcp *th, const HttpShift *f,
                                           bool client_side) {
  if (!f->offset)
    return;
  tcp_seq_t *field = client_side ? &th->th_seq : &th->th_ack;
  uint32_t v = ntohl(*field), nv;
  if (client_side)
    nv = SEQ_GT(v, f->after_seq) ? v + (uint32_t)f->offset : v;
  else
    nv = SEQ_GT(v, f->after_seq + (uint32_t)f->offset) ? v - (uint32_t)f->offset
                                                       : v;
  uint32_t old_n = *field;
  *field = htonl(nv);
  click_update_in_cksum(&th->th_sum, (uint16_t)old_n, (uint16_t)*field);
  click_update_in_cksum(&th->th_sum, (uint16_t)(old_n >> 16),
                        (uint16_t)(*field >> 16));
}

void TrainHttpHeaderRewrite::push(int, Packet *p) {
  const click_ip *ciph = p->ip_header();
  if (!ciph || ciph->ip_p != IP_PROTO_TCP || IP_ISFRAG(ciph)) {
    output(0).push(p);
    return;
  }
  const click_tcp *cth = p->tcp_header();
  bool client_side = cth->th_dport == htons(80);
  if (!client_side && cth->th_sport != htons(80)) {
    output(0).push(p);
    return;
  }
  uint32_t client = client_side ? ciph->ip_src.s_addr : ciph->ip_dst.s_addr;
  uint32_t server = client_side ? ciph->ip_dst.s_addr : ciph->ip_src.s_addr;
  uint32_t key =
      flow_hash(client, server, client_side ? cth->th_sport : cth->th_dport);
  WritablePacket *q = p->uniqueify();
  if (!q)
    return;
  int ip_end = q->ip_header_offset() + ntohs(q->ip_header()->ip_len);
  if (ip_end < (int)q->length())
    q->take(q->length() - (uint32_t)ip_end);
  click_tcp *th = q->tcp_header();
  HttpShift *f = _flows.get_pointer(key);
  uint32_t seq = ntohl(th->th_seq);
  if (f)
    shift_numbers(th, f, client_side);
  int at = q->transport_header_offset() + (th->th_off << 2);
  int plen = (int)q->length() - at;
  if (!client_side || !is_request(q->data() + at, plen)) {
    output(0).push(q);
    return;
  }
  int stripped = 0;
  int oldlen = build_headers(q->data() + at, plen, ntohl(client), &stripped);
  if (oldlen < 0) {
    _oversize++;
    checked_output_push(1, q);
    return;
  }
  if (!(q = replace_block(q, at, oldlen)))
    return;
  if (!f) {
    HttpShift fresh = {0, seq, 0, 0};
    _flows.set(key, fresh);
    f = _flows.get_pointer(key);
  }
  if (f) {
    f->offset += _hlen - oldlen;
    f->after_seq = seq;
    f->requests++;
    f->stripped = (uint16_t)(f->stripped + stripped);
  }
  click_ip *iph = q->ip_header();
  uint16_t old_len = iph->ip_len;
  iph->ip_len = htons((uint16_t)(q->length() - q->ip_header_offset()));
  click_update_in_cksum(&iph->ip_sum, old_len, iph->ip_len);
  th = q->tcp_header();
  int tlen = (int)q->length() - q->transport_header_offset();
  th->th_sum = 0;
  th->th_sum = click_in_cksum_pseudohdr(
      click_in_cksum(reinterpret_cast<const uint8_t *>(th), tlen), iph, tlen);
  _inserted++;
  SET_PAINT_ANNO(q, (uint8_t)stripped);
  output(0).push(q);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainHttpHeaderRewrite;
  String conf = config ? String(config) : String();
  if (clara_element_setup(e, conf, 1, 2) < 0)
    return 0;
  return e;
}
