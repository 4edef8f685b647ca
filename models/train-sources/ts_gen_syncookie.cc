// Training source for the instruction models (models/README.md): a
// stateless TCP responder with SYN cookies: SYNs to listening ports are
// turned in place into SYN-ACKs whose initial sequence number encodes a
// keyed hash of the 4-tuple, a 5-bit time counter and the client's MSS
// (3-bit index), with a single MSS option and recomputed checksums; the
// client's ACK is validated (hash, counter age) and passed on output 1,
// other segments to a listening port get a RST; non-TCP goes to output 1.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

static const uint16_t mss_table[8] = {536,  1024, 1220, 1300,
                                      1400, 1440, 1460, 8960};

struct ReplySpec {
  uint8_t flags;
  uint16_t mss; // 0: no MSS option
  uint32_t seq, ack;
};

class TrainSynCookie : public Element {
public:
  TrainSynCookie()
      : _secret0(0x5bd1e995u), _secret1(0x1b873593u), _syns(0), _valid(0),
        _invalid(0), _rsts(0) {}
  const char *class_name() const override { return "TrainSynCookie"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  static bool listening(uint16_t port) {
    return port == 80 || port == 443 || (port >= 8000 && port < 8100);
  }
  static uint8_t mss_index(uint16_t mss) {
    uint8_t i = 7;
    while (i > 0 && mss_table[i] > mss)
      --i;
    return i;
  }
  static uint16_t parse_mss(const click_tcp *th) {
    const uint8_t *o = reinterpret_cast<const uint8_t *>(th + 1);
    int len = (th->th_off << 2) - 20;
    for (int i = 0; i < len && i < 40;) {
      uint8_t kind = o[i];
      if (kind == TCPOPT_EOL)
        break;
      if (kind == TCPOPT_NOP) {
        ++i;
        continue;
      }
      if (i + 1 >= len || o[i + 1] < 2)
        break;
      if (kind == TCPOPT_MAXSEG && o[i + 1] == 4 && i + 3 < len)
        return (uint16_t)(o[i + 2] << 8 | o[i + 3]);
      i += o[i + 1];
    }
    return 536;
  }
  uint32_t keyed_hash(const click_ip *iph, const click_tcp *th,
                      uint32_t count) const {
    uint32_t h = _secret0 ^ count;
    uint32_t w[3] = {iph->ip_src.s_addr, iph->ip_dst.s_addr,
                     (uint32_t)th->th_sport << 16 | th->th_dport};
    for (int i = 0; i < 3; ++i) {
      h ^= w[i] * _secret1;
      h = (h << 13) | (h >> 19);
      h = h * 5 + 0xe6546b64u;
    }
    return h ^ (h >> 16);
  }
  static uint32_t counter(const Packet *p) {
    return (uint32_t)(p->timestamp_anno().sec() >> 6) & 31;
  }
  uint32_t make_cookie(const click_ip *iph, const click_tcp *th, uint32_t count,
                       uint8_t mssi) const {
    return (keyed_hash(iph, th, count) & 0xffffff00u) | count << 3 | mssi;
  }
  int check_cookie(const click_ip *iph, const click_tcp *th, uint32_t now);
  static void finish(WritablePacket *q, click_ip *iph, click_tcp *th);
  Packet *reply(Packet *p, const ReplySpec &rs);

  uint32_t _secret0, _secret1;
  uint32_t _syns, _valid, _invalid, _rsts;
};

// MSS on success, -1 when the cookie does not verify
int TrainSynCookie::check_cookie(const click_ip *iph, const click_tcp *th,
                                 uint32_t now) {
  uint32_t cookie = ntohl(th->th_ack) - 1;
  uint32_t count = (cookie >> 3) & 31;
  uint32_t age = (now - count) & 31;
  if (age > 2)
    return -1;
  if (((keyed_hash(iph, th, count) ^ cookie) & 0xffffff00u) != 0)
    return -1;
  return mss_table[cookie & 7];
}

void TrainSynCookie::finish(WritablePacket *q, click_ip *iph, click_tcp *th) {
  uint32_t tlen = th->th_off << 2;
  iph->ip_len = htons((uint16_t)(20 + tlen));
  iph->ip_hl = 5;
  iph->ip_ttl = 64;
  iph->ip_off = htons(IP_DF);
  iph->ip_sum = 0;
  iph->ip_sum = click_in_cksum(reinterpret_cast<unsigned char *>(iph), 20);
  th->th_sum = 0;
  uint16_t c = click_in_cksum(reinterpret_cast<unsigned char *>(th), tlen);
  th->th_sum = click_in_cksum_pseudohdr_raw(
      c, iph->ip_src.s_addr, iph->ip_dst.s_addr, IP_PROTO_TCP, tlen);
  q->set_network_header(reinterpret_cast<unsigned char *>(iph), 20);
}

Packet *TrainSynCookie::reply(Packet *p, const ReplySpec &rs) {
  WritablePacket *q = p->uniqueify();
  if (!q)
    return 0;
  click_ip *iph = q->ip_header();
  click_tcp *th = q->tcp_header();
  struct in_addr a = iph->ip_src;
  iph->ip_src = iph->ip_dst;
  iph->ip_dst = a;
  uint16_t port = th->th_sport;
  th->th_sport = th->th_dport;
  th->th_dport = port;
  th->th_seq = htonl(rs.seq);
  th->th_ack = htonl(rs.ack);
  th->th_flags = rs.flags;
  th->th_flags2 = 0;
  th->th_win = htons(rs.flags & TH_SYN ? 65535 : 0);
  th->th_urp = 0;
  uint8_t *opt = reinterpret_cast<uint8_t *>(th + 1);
  if (uint16_t mss = rs.mss) {
    th->th_off = 6;
    opt[0] = TCPOPT_MAXSEG;
    opt[1] = 4;
    opt[2] = (uint8_t)(mss >> 8);
    opt[3] = (uint8_t)mss;
  } else {
    th->th_off = 5;
  }
  // trim everything after the new header; swap the MAC addresses
  uint32_t keep = (uint32_t)(reinterpret_cast<uint8_t *>(th) - q->data()) +
                  (th->th_off << 2);
  if (q->length() > keep)
    q->take(q->length() - keep);
  if (q->has_mac_header() && q->mac_header() + 14 <= (uint8_t *)iph) {
    click_ether *eh = reinterpret_cast<click_ether *>(q->mac_header());
    for (int i = 0; i < 6; ++i) {
      uint8_t t = eh->ether_dhost[i];
      eh->ether_dhost[i] = eh->ether_shost[i];
      eh->ether_shost[i] = t;
    }
  }
  finish(q, iph, th);
  return q;
}

void TrainSynCookie::push(int, Packet *p) {
  if (!p->has_network_header() || p->ip_header()->ip_p != IP_PROTO_TCP ||
      p->transport_length() < 20 || IP_ISFRAG(p->ip_header()) ||
      p->ip_header()->ip_hl != 5 ||
      p->transport_length() < (p->tcp_header()->th_off << 2) ||
      !listening(ntohs(p->tcp_header()->th_dport))) {
    output(1).push(p);
    return;
  }
  const click_ip *iph = p->ip_header();
  const click_tcp *th = p->tcp_header();
  uint8_t fl = th->th_flags;
  uint32_t now = counter(p);
  ReplySpec rs;
  rs.mss = 0;
  if ((fl & (TH_SYN | TH_ACK | TH_RST)) == TH_SYN) {
    _syns++;
    uint8_t mi = mss_index(parse_mss(th));
    uint32_t cookie = make_cookie(iph, th, now, mi);
    rs.flags = TH_SYN | TH_ACK;
    rs.seq = cookie;
    rs.ack = ntohl(th->th_seq) + 1;
    rs.mss = mss_table[mi];
  } else if ((fl & (TH_SYN | TH_ACK | TH_RST)) == TH_ACK) {
    if (check_cookie(iph, th, now) > 0) {
      _valid++;
      SET_AGGREGATE_ANNO(p, ntohl(th->th_ack) - 1);
      output(1).push(p);
      return;
    }
    _invalid++;
    _rsts++;
    rs.flags = TH_RST;
    rs.seq = ntohl(th->th_ack);
    rs.ack = 0;
  } else if (fl & TH_RST) {
    p->kill();
    return;
  } else {
    _rsts++;
    rs.flags = TH_RST | TH_ACK;
    rs.seq = 0;
    rs.ack = ntohl(th->th_seq) + 1;
  }
  if (Packet *r = reply(p, rs))
    output(0).push(r);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainSynCookie;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
