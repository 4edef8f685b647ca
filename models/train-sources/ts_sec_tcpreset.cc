// Training source for the instruction models (models/README.md): a TCP
// connection killer for policy-blocked flows: segments matching a block
// rule (destination prefix and port range) are dropped, and RST segments
// are built for both ends as full Ethernet frames (addresses and ports
// swapped for the sender, sequence numbers taken from the segment so that
// both stacks accept them, IP and TCP checksums computed); a per-flow
// holdoff keeps a retransmitting sender from triggering a reset storm.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashmap.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ether.h>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

struct BlockRule {
  uint32_t net, mask;
  uint16_t port_lo, port_hi;
};

enum { FRAME_LEN = 14 + 20 + 20 };

class TrainTcpReset : public Element {
public:
  enum { NRULES = 4, HOLDOFF_MS = 200 };
  TrainTcpReset()
      : _nrules(NRULES), _ttl(64), _ident(1), _dropped(0), _rsts(0) {
    // 192.168.0.0/24 HTTPS, telnet and SMB anywhere, 10.66/16 entirely
    _rules[0] = {0xc0a80000u, 0xffffff00u, 443, 443};
    _rules[1] = {0, 0, 23, 23};
    _rules[2] = {0, 0, 445, 445};
    _rules[3] = {0x0a420000u, 0xffff0000u, 0, 65535};
  }
  const char *class_name() const override { return "TrainTcpReset"; }
  const char *port_count() const override { return "1/2"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  int match(uint32_t dst, uint16_t dport) const {
    for (int i = 0; i < _nrules; ++i) {
      const BlockRule &r = _rules[i];
      if ((dst & r.mask) == r.net && dport >= r.port_lo && dport <= r.port_hi)
        return i;
    }
    return -1;
  }
  bool holdoff(uint64_t flow, uint32_t now);
  static uint32_t seg_len(const click_ip *iph, const click_tcp *th) {
    uint32_t l = ntohs(iph->ip_len) - (iph->ip_hl << 2) - (th->th_off << 2);
    if (th->th_flags & TH_SYN)
      l++;
    if (th->th_flags & TH_FIN)
      l++;
    return l;
  }
  WritablePacket *make_rst(const Packet *p, bool to_sender, uint32_t seq,
                           uint32_t ack);

  BlockRule _rules[NRULES];
  int _nrules;
  uint8_t _ttl;
  uint16_t _ident;
  HashMap<uint64_t, uint32_t, 256, 2> _recent;
  uint64_t _dropped, _rsts;
};

bool TrainTcpReset::holdoff(uint64_t flow, uint32_t now) {
  uint32_t *last = _recent.findp(flow);
  if (last && now - *last < HOLDOFF_MS)
    return true;
  if (last)
    *last = now;
  else
    _recent.insert(flow, now);
  return false;
}

WritablePacket *TrainTcpReset::make_rst(const Packet *p, bool to_sender,
                                        uint32_t seq, uint32_t ack) {
  WritablePacket *q = Packet::make(Packet::default_headroom, 0, FRAME_LEN, 0);
  if (!q)
    return 0;
  const click_ip *oiph = p->ip_header();
  const click_tcp *oth = p->tcp_header();
  click_ether *eh = reinterpret_cast<click_ether *>(q->data());
  click_ip *iph = reinterpret_cast<click_ip *>(q->data() + 14);
  click_tcp *th = reinterpret_cast<click_tcp *>(q->data() + 34);
  const click_ether *oeh = p->has_mac_header() ? p->ether_header() : 0;
  if (oeh) {
    memcpy(eh->ether_dhost, to_sender ? oeh->ether_shost : oeh->ether_dhost, 6);
    memcpy(eh->ether_shost, to_sender ? oeh->ether_dhost : oeh->ether_shost, 6);
  } else
    memset(eh, 0, 12);
  eh->ether_type = htons(ETHERTYPE_IP);

  iph->ip_v = 4;
  iph->ip_hl = 5;
  iph->ip_tos = 0;
  iph->ip_len = htons(40);
  iph->ip_id = htons(_ident++);
  iph->ip_off = htons(IP_DF);
  iph->ip_ttl = _ttl;
  iph->ip_p = IP_PROTO_TCP;
  iph->ip_src = to_sender ? oiph->ip_dst : oiph->ip_src;
  iph->ip_dst = to_sender ? oiph->ip_src : oiph->ip_dst;
  iph->ip_sum = 0;
  iph->ip_sum = click_in_cksum(reinterpret_cast<unsigned char *>(iph), 20);

  th->th_sport = to_sender ? oth->th_dport : oth->th_sport;
  th->th_dport = to_sender ? oth->th_sport : oth->th_dport;
  th->th_seq = htonl(seq);
  th->th_ack = htonl(ack);
  th->th_off = 5;
  th->th_flags2 = 0;
  th->th_flags = ack ? (TH_RST | TH_ACK) : TH_RST;
  th->th_win = 0;
  th->th_urp = 0;
  th->th_sum = 0;
  uint16_t s = click_in_cksum(reinterpret_cast<unsigned char *>(th), 20);
  th->th_sum = click_in_cksum_pseudohdr(s, iph, 20);

  q->set_mac_header(q->data(), 14);
  q->set_ip_header(iph, 20);
  q->set_timestamp_anno(p->timestamp_anno());
  SET_PAINT_ANNO(q, to_sender ? 1 : 2);
  return q;
}

void TrainTcpReset::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!p->has_transport_header() || iph->ip_p != IP_PROTO_TCP ||
      !IP_FIRSTFRAG(iph) || p->transport_length() < (int)sizeof(click_tcp)) {
    output(0).push(p);
    return;
  }
  const click_tcp *th = p->tcp_header();
  int rule = match(ntohl(iph->ip_dst.s_addr), ntohs(th->th_dport));
  if (rule < 0) {
    output(0).push(p);
    return;
  }
  _dropped++;
  uint8_t fl = th->th_flags;
  if (fl & TH_RST) { // never answer a reset
    p->kill();
    return;
  }
  const Timestamp &ts = p->timestamp_anno();
  uint32_t now = (uint32_t)ts.sec() * 1000u + ts.msec();
  uint64_t flow = (uint64_t)iph->ip_src.s_addr << 32 ^ iph->ip_dst.s_addr ^
                  (uint64_t)th->th_sport << 16 ^ th->th_dport;
  if (holdoff(flow, now)) {
    p->kill();
    return;
  }
  uint32_t seq = ntohl(th->th_seq);
  uint32_t ack = ntohl(th->th_ack);
  uint32_t end = seq + seg_len(iph, th);
  // To the sender: our seq is what it acknowledged (0 for a bare SYN, with
  // ACK set so that it is accepted), our ack covers its segment.
  WritablePacket *a = make_rst(p, true, (fl & TH_ACK) ? ack : 0, end);
  // To the receiver, only for an established flow: seq right after the
  // dropped segment's data, which it has not seen.
  WritablePacket *b = (fl & TH_ACK) ? make_rst(p, false, seq, 0) : 0;
  if (a) {
    _rsts++;
    output(1).push(a);
  }
  if (b) {
    _rsts++;
    output(1).push(b);
  }
  p->kill();
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainTcpReset;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
