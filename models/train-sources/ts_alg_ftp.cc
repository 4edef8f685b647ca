// Training source for the instruction models (models/README.md): an FTP
// application-level gateway for a NAT: PORT commands and 227 passive-mode
// replies on the control connection have their address rewritten to the
// public address, the payload grows or shrinks in place, and per-connection
// sequence/acknowledgement deltas keep both directions consistent (full TCP
// checksum recomputation, incremental IP checksum update).
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashmap.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

struct FtpControl {
  int32_t delta[2];     // bytes added so far, per direction (0: c2s)
  uint32_t boundary[2]; // sequence number after which delta applies
  uint32_t commands;
  uint16_t data_port;
  uint8_t rewrites;
  uint8_t closing;
};

// A 32-bit field (network order) changed: update both 16-bit halves.
static void word32_changed(uint16_t *sum, uint32_t old_n, uint32_t new_n) {
  click_update_in_cksum(sum, (uint16_t)old_n, (uint16_t)new_n);
  click_update_in_cksum(sum, (uint16_t)(old_n >> 16), (uint16_t)(new_n >> 16));
}

class TrainFtpAlg : public Element {
public:
  TrainFtpAlg()
      : _public_addr(0xC6336401), _ctl_port(21), _dropped(0), _txt_len(0) {
    for (int i = 0; i < 4; ++i)
      _stats[i] = 0;
  }
  const char *class_name() const override { return "TrainFtpAlg"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

private:
  static bool has_prefix(const uint8_t *s, int len, const char *pfx) {
    int i = 0;
    for (; pfx[i]; ++i)
      if (i >= len || s[i] != (uint8_t)pfx[i])
        return false;
    return true;
  }
  static int read_number(const uint8_t *s, int len, int *pos) {
    int v = 0, n = 0;
    while (*pos < len && s[*pos] >= '0' && s[*pos] <= '9') {
      v = v * 10 + (s[*pos] - '0');
      if (++n > 3 || v > 255)
        return -1;
      (*pos)++;
    }
    return n ? v : -1;
  }
  int parse_tuple(const uint8_t *s, int len, uint32_t *addr, uint16_t *port);
  static int put_number(uint8_t *out, unsigned v) {
    int n = 0;
    if (v >= 100)
      out[n++] = (uint8_t)('0' + v / 100);
    if (v >= 10)
      out[n++] = (uint8_t)('0' + (v / 10) % 10);
    out[n++] = (uint8_t)('0' + v % 10);
    return n;
  }
  int format_tuple(uint8_t *out, uint32_t addr, uint16_t port) {
    int n = 0;
    for (int shift = 24; shift >= 0; shift -= 8) {
      n += put_number(out + n, (addr >> shift) & 0xff);
      out[n++] = ',';
    }
    n += put_number(out + n, port >> 8);
    out[n++] = ',';
    n += put_number(out + n, port & 0xff);
    return n;
  }
  uint64_t control_key(const click_ip *iph, const click_tcp *th, bool c2s) {
    uint32_t client = c2s ? iph->ip_src.s_addr : iph->ip_dst.s_addr;
    uint16_t cport = c2s ? th->th_sport : th->th_dport;
    return (uint64_t)ntohl(client) << 16 | ntohs(cport);
  }
  void apply_deltas(click_tcp *th, const FtpControl *c, int dir);
  WritablePacket *splice(WritablePacket *q, int at, int oldlen);
  void refresh_checksums(WritablePacket *q);

  HashMap<uint64_t, FtpControl, 256, 4> _ctl;
  uint32_t _public_addr;
  uint16_t _ctl_port;
  uint32_t _dropped;
  uint64_t _stats[4];
  uint8_t _txt[32];
  int _txt_len;
};

int TrainFtpAlg::parse_tuple(const uint8_t *s, int len, uint32_t *addr,
                             uint16_t *port) {
  int pos = 0, part[6];
  for (int i = 0; i < 6; ++i) {
    part[i] = read_number(s, len, &pos);
    if (part[i] < 0)
      return -1;
    if (i < 5) {
      if (pos >= len || s[pos] != ',')
        return -1;
      pos++;
    }
  }
  *addr = (uint32_t)part[0] << 24 | part[1] << 16 | part[2] << 8 | part[3];
  *port = (uint16_t)(part[4] << 8 | part[5]);
  return pos;
}

void TrainFtpAlg::apply_deltas(click_tcp *th, const FtpControl *c, int dir) {
  uint32_t seq = ntohl(th->th_seq), ack = ntohl(th->th_ack);
  uint32_t nseq = seq, nack = ack;
  if (c->delta[dir] && SEQ_GT(seq, c->boundary[dir]))
    nseq = seq + (uint32_t)c->delta[dir];
  if (c->delta[!dir] && (th->th_flags & TH_ACK) &&
      SEQ_GT(ack, c->boundary[!dir] + (uint32_t)c->delta[!dir]))
    nack = ack - (uint32_t)c->delta[!dir];
  if (nseq != seq) {
    th->th_seq = htonl(nseq);
    word32_changed(&th->th_sum, htonl(seq), th->th_seq);
  }
  if (nack != ack) {
    th->th_ack = htonl(nack);
    word32_changed(&th->th_sum, htonl(ack), th->th_ack);
  }
}

// Replace oldlen payload bytes at `at` by the _txt buffer (_txt_len bytes).
WritablePacket *TrainFtpAlg::splice(WritablePacket *q, int at, int oldlen) {
  int newlen = _txt_len;
  int diff = newlen - oldlen;
  int end = (int)q->length();
  if (diff > 0) {
    q = q->put((uint32_t)diff);
    if (!q)
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
  uint8_t *d = q->data();
  for (int i = 0; i < newlen; ++i)
    d[at + i] = _txt[i];
  return q;
}

void TrainFtpAlg::refresh_checksums(WritablePacket *q) {
  click_ip *iph = q->ip_header();
  click_tcp *th = q->tcp_header();
  uint16_t old_len = iph->ip_len;
  uint16_t new_len = htons((uint16_t)(q->length() - q->ip_header_offset()));
  if (old_len != new_len) {
    iph->ip_len = new_len;
    click_update_in_cksum(&iph->ip_sum, old_len, new_len);
  }
  int tlen = (int)q->length() - q->transport_header_offset();
  th->th_sum = 0;
  uint16_t c = click_in_cksum(reinterpret_cast<const uint8_t *>(th), tlen);
  th->th_sum = click_in_cksum_pseudohdr(c, iph, tlen);
}

Packet *TrainFtpAlg::simple_action(Packet *p) {
  const click_ip *ciph = p->ip_header();
  if (!ciph || ciph->ip_p != IP_PROTO_TCP || !IP_FIRSTFRAG(ciph))
    return p;
  const click_tcp *cth = p->tcp_header();
  bool c2s = ntohs(cth->th_dport) == _ctl_port;
  if (!c2s && ntohs(cth->th_sport) != _ctl_port)
    return p;
  int dir = c2s ? 0 : 1;
  uint64_t key = control_key(ciph, cth, c2s);
  FtpControl *c = _ctl.findp(key);
  if (!c) {
    if (!(cth->th_flags & TH_SYN))
      return p;
    FtpControl fresh = {{0, 0}, {0, 0}, 0, 0, 0, 0};
    if (!_ctl.insert(key, fresh)) {
      _dropped++;
      return p;
    }
    c = _ctl.findp(key);
  }
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  int ip_end = q->ip_header_offset() + ntohs(q->ip_header()->ip_len);
  if ((int)q->length() > ip_end)
    q->take(q->length() - (uint32_t)ip_end);
  click_tcp *th = q->tcp_header();
  uint32_t seq = ntohl(th->th_seq);
  apply_deltas(th, c, dir);
  if (th->th_flags & (TH_FIN | TH_RST)) {
    c->closing = 1;
    if (th->th_flags & TH_RST)
      _ctl.erase(key);
    _stats[3]++;
    return q;
  }
  int at = q->transport_header_offset() + (th->th_off << 2);
  int plen = (int)q->length() - at;
  if (plen < 6)
    return q;
  const uint8_t *pl = q->data() + at;
  int skip;
  if (c2s && has_prefix(pl, plen, "PORT "))
    skip = 5;
  else if (!c2s && has_prefix(pl, plen, "227 ")) {
    skip = 4;
    while (skip < plen && pl[skip] != '(')
      skip++;
    if (++skip >= plen)
      return q;
  } else {
    c->commands += c2s;
    return q;
  }
  uint32_t addr;
  uint16_t port;
  int used = parse_tuple(pl + skip, plen - skip, &addr, &port);
  if (used < 0) {
    _stats[2]++;
    SET_PAINT_ANNO(q, 2);
    return q;
  }
  _txt_len = format_tuple(_txt, _public_addr, port);
  int diff = _txt_len - used;
  q = splice(q, at + skip, used);
  if (!q)
    return 0;
  c = _ctl.findp(key);
  if (c) {
    c->data_port = port;
    c->rewrites++;
    c->boundary[dir] = seq;
    c->delta[dir] += diff;
  }
  refresh_checksums(q);
  _stats[dir]++;
  return q;
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainFtpAlg;
  String conf = config ? String(config) : String();
  if (clara_element_setup(e, conf, 1, 1) < 0)
    return 0;
  return e;
}
