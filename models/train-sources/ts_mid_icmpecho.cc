// Training source for the instruction models (models/README.md): a stateful
// ICMP echo tracker: echo requests are validated (length, checksum) and
// remembered by (source, destination, identifier, sequence), each source may
// have only a bounded number of unanswered requests, replies are matched to
// their request to measure round-trip time (smoothed RTT and variance per
// requesting host), unsolicited or duplicate replies are dropped, ICMP errors
// quoting a tracked request close it, and requests that stay unanswered are
// swept out as lost. Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/args.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/icmp.h>
#include <clicknet/ip.h>

struct EchoKey {
  uint32_t src, dst; // requester, target (network order)
  uint16_t id, seq;
  EchoKey() : src(0), dst(0), id(0), seq(0) {}
  EchoKey(uint32_t s, uint32_t d, uint16_t i, uint16_t q)
      : src(s), dst(d), id(i), seq(q) {}
  hashcode_t hashcode() const {
    uint32_t h = src * 0x9e3779b1u ^ dst;
    h = (h << 11 | h >> 21) * 0x85ebca77u;
    return h ^ ((uint32_t)id << 16 | seq);
  }
  bool operator==(const EchoKey &o) const {
    return src == o.src && dst == o.dst && id == o.id && seq == o.seq;
  }
};

struct PendingEcho {
  Timestamp sent;
  uint16_t size;
  uint8_t answered;
};

struct PingHost {
  uint32_t outstanding;
  uint32_t requests, replies, lost, unreachable, duplicates;
  int64_t srtt_us, rttvar_us;
  uint32_t last_s;
};

class MidIcmpEchoTracker : public Element {
public:
  enum { OUT_PASS = 0, OUT_DROP = 1 };
  enum { LOST_AFTER_S = 10, ANSWERED_LINGER_S = 2, SWEEP_S = 1 };

  MidIcmpEchoTracker()
      : _max_outstanding(16), _max_size(1500), _last_sweep(0), _bad(0),
        _flood(0), _unsolicited(0), _matched(0) {}

  const char *class_name() const override { return "MidIcmpEchoTracker"; }
  const char *port_count() const override { return PORTS_1_1X2; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    return Args(conf, this, errh)
        .read("MAX_OUTSTANDING", _max_outstanding)
        .read("MAX_SIZE", _max_size)
        .complete();
  }

  void push(int, Packet *p) override;

private:
  typedef HashTable<EchoKey, PendingEcho, 512, 4> PendingTable;

  PingHost *host(uint32_t addr, uint32_t now_s, bool create) {
    PingHost *h = _hosts.get_pointer(addr);
    if (h || !create)
      return h;
    PingHost fresh;
    memset(&fresh, 0, sizeof(fresh));
    fresh.last_s = now_s;
    if (!_hosts.insert(addr, fresh))
      return 0;
    return _hosts.get_pointer(addr);
  }

  static void rtt_sample(PingHost *h, int64_t us) {
    if (h->srtt_us == 0) {
      h->srtt_us = us;
      h->rttvar_us = us / 2;
      return;
    }
    int64_t err = us - h->srtt_us;
    h->srtt_us += err / 8;
    h->rttvar_us += ((err < 0 ? -err : err) - h->rttvar_us) / 4;
  }

  bool on_request(const click_ip *iph, const click_icmp_echo *e, int len,
                  const Timestamp &now);
  bool on_reply(Packet *p, const click_ip *iph, const click_icmp_echo *e,
                const Timestamp &now);
  void on_error(const click_ip *iph, const uint8_t *icmp, int len);
  void sweep(uint32_t now_s);

  PendingTable _pending;
  HashTable<uint32_t, PingHost, 256, 4> _hosts;
  uint32_t _max_outstanding, _max_size;
  uint32_t _last_sweep;
  uint64_t _bad, _flood, _unsolicited, _matched;
};

bool MidIcmpEchoTracker::on_request(const click_ip *iph,
                                    const click_icmp_echo *e, int len,
                                    const Timestamp &now) {
  uint32_t now_s = (uint32_t)now.sec();
  if ((uint32_t)len > _max_size)
    return false;
  PingHost *h = host(iph->ip_src.s_addr, now_s, true);
  if (h) {
    h->last_s = now_s;
    if (h->outstanding >= _max_outstanding) {
      _flood++;
      return false;
    }
  }
  EchoKey k(iph->ip_src.s_addr, iph->ip_dst.s_addr, e->icmp_identifier,
            e->icmp_sequence);
  PendingEcho *pe = _pending.get_pointer(k);
  if (pe) { // retransmission with the same sequence: restart the clock
    pe->sent = now;
    pe->answered = 0;
    return true;
  }
  PendingEcho fresh = {now, (uint16_t)len, 0};
  if (!_pending.insert(k, fresh))
    return true; // table full: pass untracked
  if (h) {
    h->outstanding++;
    h->requests++;
  }
  return true;
}

bool MidIcmpEchoTracker::on_reply(Packet *p, const click_ip *iph,
                                  const click_icmp_echo *e,
                                  const Timestamp &now) {
  EchoKey k(iph->ip_dst.s_addr, iph->ip_src.s_addr, e->icmp_identifier,
            e->icmp_sequence);
  PendingEcho *pe = _pending.get_pointer(k);
  PingHost *h = host(k.src, (uint32_t)now.sec(), false);
  if (!pe) {
    _unsolicited++;
    return false;
  }
  if (pe->answered) {
    if (h)
      h->duplicates++;
    return false;
  }
  pe->answered = 1;
  Timestamp rtt = now - pe->sent;
  int64_t us = rtt.sec() * 1000000 + rtt.usec();
  pe->sent = now; // linger from the reply time, to catch duplicates
  if (h) {
    if (h->outstanding)
      h->outstanding--;
    h->replies++;
    rtt_sample(h, us);
  }
  SET_AGGREGATE_ANNO(p, (uint32_t)(us > 0xffffffffLL ? 0xffffffffLL : us));
  _matched++;
  return true;
}

// Destination unreachable / time exceeded quoting one of our requests.
void MidIcmpEchoTracker::on_error(const click_ip *iph, const uint8_t *icmp,
                                  int len) {
  (void)iph;
  if (len < 8 + (int)sizeof(click_ip) + 8)
    return;
  const click_ip *inner = reinterpret_cast<const click_ip *>(icmp + 8);
  int ihl = inner->ip_hl << 2;
  if (inner->ip_v != 4 || ihl < (int)sizeof(click_ip) ||
      inner->ip_p != IP_PROTO_ICMP || len < 8 + ihl + 8)
    return;
  const click_icmp_echo *ie =
      reinterpret_cast<const click_icmp_echo *>(icmp + 8 + ihl);
  if (ie->icmp_type != ICMP_ECHO)
    return;
  EchoKey k(inner->ip_src.s_addr, inner->ip_dst.s_addr, ie->icmp_identifier,
            ie->icmp_sequence);
  PendingEcho *pe = _pending.get_pointer(k);
  if (!pe || pe->answered)
    return;
  if (PingHost *h = _hosts.get_pointer(k.src)) {
    if (h->outstanding)
      h->outstanding--;
    h->unreachable++;
  }
  _pending.erase(k);
}

void MidIcmpEchoTracker::sweep(uint32_t now_s) {
  for (PendingTable::iterator it = _pending.begin(); it != _pending.end();) {
    const PendingEcho &pe = it.value();
    uint32_t age = now_s - (uint32_t)pe.sent.sec();
    if (pe.answered ? age > ANSWERED_LINGER_S : age > LOST_AFTER_S) {
      if (!pe.answered)
        if (PingHost *h = _hosts.get_pointer(it.key().src)) {
          if (h->outstanding)
            h->outstanding--;
          h->lost++;
        }
      it = _pending.erase(it);
    } else
      ++it;
  }
}

void MidIcmpEchoTracker::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_ICMP || IP_ISFRAG(iph)) {
    output(OUT_PASS).push(p);
    return;
  }
  int hl = iph->ip_hl << 2;
  const uint8_t *icmp = reinterpret_cast<const uint8_t *>(iph) + hl;
  int len = ntohs(iph->ip_len) - hl;
  if (len < 8 || icmp + len > p->end_data() ||
      click_in_cksum(icmp, len) != 0) {
    _bad++;
    output(OUT_DROP).push(p);
    return;
  }
  const Timestamp &now = p->timestamp_anno();
  uint32_t now_s = (uint32_t)now.sec();
  if (now_s - _last_sweep >= SWEEP_S) {
    sweep(now_s);
    _last_sweep = now_s;
  }
  const click_icmp_echo *e = reinterpret_cast<const click_icmp_echo *>(icmp);
  bool ok = true;
  switch (e->icmp_type) {
  case ICMP_ECHO:
    if (e->icmp_code != 0) {
      ok = false;
      break;
    }
    ok = on_request(iph, e, len, now);
    break;
  case ICMP_ECHOREPLY:
    ok = on_reply(p, iph, e, now);
    break;
  case ICMP_UNREACH:
  case ICMP_TIMXCEED:
    on_error(iph, icmp, len);
    break;
  default:
    break;
  }
  output(ok ? OUT_PASS : OUT_DROP).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new MidIcmpEchoTracker;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
