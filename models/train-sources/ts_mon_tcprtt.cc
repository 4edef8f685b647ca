// Training source for the instruction models (models/README.md): passive
// TCP round-trip time estimation at a tap: handshake RTT split into the
// server leg (SYN -> SYN-ACK) and the client leg (SYN-ACK -> first ACK),
// continuous samples from the timestamp option (TSval remembered per
// direction, matched when the other side echoes it in TSecr), and a
// smoothed RTT / RTT variance per connection (RFC 6298 style, signed fixed
// point); the connection's SRTT is written to the packet's annotations.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/hashtable.hh>
#include <click/ipflowid.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/timestamp.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

enum RttState { RS_NONE = 0, RS_SYN = 1, RS_SYNACK = 2, RS_OPEN = 3 };

struct RttConn {
  uint8_t state;
  uint8_t samples;
  int64_t syn_us;
  int64_t synack_us;
  uint32_t server_leg_us;
  uint32_t client_leg_us;
  uint32_t tsval[2]; // last TSval sent per direction (0: client)
  int64_t tsval_us[2];
  int32_t srtt;   // microseconds << 3
  int32_t rttvar; // microseconds << 2
};

class TrainTcpRtt : public Element {
public:
  TrainTcpRtt() : _handshakes(0), _ts_samples(0), _bad_samples(0) {}
  const char *class_name() const override { return "TrainTcpRtt"; }
  const char *port_count() const override { return PORTS_1_1; }
  Packet *simple_action(Packet *p) override;

private:
  // Finds TSval/TSecr in the options; false when absent or malformed.
  static bool find_timestamps(const click_tcp *th, int avail, uint32_t *tsval,
                              uint32_t *tsecr) {
    int hlen = th->th_off * 4;
    if (hlen > avail)
      return false;
    const uint8_t *o = reinterpret_cast<const uint8_t *>(th + 1);
    const uint8_t *end = reinterpret_cast<const uint8_t *>(th) + hlen;
    while (o < end) {
      if (*o == TCPOPT_EOL)
        return false;
      if (*o == TCPOPT_NOP) {
        o++;
        continue;
      }
      if (o + 1 >= end || o[1] < 2 || o + o[1] > end)
        return false;
      if (o[0] == TCPOPT_TIMESTAMP && o[1] == 10) {
        *tsval = (uint32_t)o[2] << 24 | (uint32_t)o[3] << 16 |
                 (uint32_t)o[4] << 8 | o[5];
        *tsecr = (uint32_t)o[6] << 24 | (uint32_t)o[7] << 16 |
                 (uint32_t)o[8] << 8 | o[9];
        return true;
      }
      o += o[1];
    }
    return false;
  }
  void sample(RttConn *c, int64_t rtt_us) {
    if (rtt_us <= 0 || rtt_us > 60000000) {
      _bad_samples++;
      return;
    }
    int32_t r = (int32_t)rtt_us;
    if (c->samples == 0) {
      c->srtt = r << 3;
      c->rttvar = r << 1;
    } else {
      int32_t err = r - (c->srtt >> 3);
      c->srtt += err;
      if (err < 0)
        err = -err;
      c->rttvar += err - (c->rttvar >> 2);
    }
    if (c->samples < 255)
      c->samples++;
  }
  void handshake(RttConn *c, uint8_t flags, bool from_client, int64_t now) {
    if ((flags & (TH_SYN | TH_ACK)) == TH_SYN && from_client) {
      c->state = RS_SYN;
      c->syn_us = now;
    } else if ((flags & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK) &&
               !from_client && c->state == RS_SYN) {
      c->state = RS_SYNACK;
      c->synack_us = now;
      c->server_leg_us = (uint32_t)(now - c->syn_us);
    } else if ((flags & TH_ACK) && from_client && c->state == RS_SYNACK) {
      c->state = RS_OPEN;
      c->client_leg_us = (uint32_t)(now - c->synack_us);
      sample(c, (int64_t)c->server_leg_us + c->client_leg_us);
      _handshakes++;
    }
  }
  // ts: TSval in the high half, TSecr in the low half.
  void timestamps(RttConn *c, int dir, uint64_t ts, int64_t now) {
    uint32_t tsval = (uint32_t)(ts >> 32), tsecr = (uint32_t)ts;
    int other = dir ^ 1;
    if (tsecr != 0 && tsecr == c->tsval[other] && c->tsval_us[other] != 0) {
      sample(c, now - c->tsval_us[other]);
      c->tsval_us[other] = 0; // one sample per echoed value
      _ts_samples++;
    }
    if (tsval != c->tsval[dir]) {
      c->tsval[dir] = tsval;
      c->tsval_us[dir] = now;
    }
  }
  static uint32_t rto_us(const RttConn *c) {
    uint32_t rto = (uint32_t)(c->srtt >> 3) + 4 * (uint32_t)c->rttvar;
    return rto < 200000 ? 200000 : rto;
  }

  HashTable<IPFlowID, RttConn, 128, 4> _conns;
  uint32_t _handshakes, _ts_samples, _bad_samples;
};

Packet *TrainTcpRtt::simple_action(Packet *p) {
  if (!p->has_network_header() || p->ip_header()->ip_p != IP_PROTO_TCP ||
      p->transport_length() < (int)sizeof(click_tcp))
    return p;
  const click_tcp *th = p->tcp_header();
  int64_t now = p->timestamp_anno().usecval();
  IPFlowID fwd(p);
  // The client is the side with the higher port; ties by address.
  bool from_client =
      ntohs(fwd.sport()) > ntohs(fwd.dport()) ||
      (fwd.sport() == fwd.dport() && fwd.saddr().addr() > fwd.daddr().addr());
  IPFlowID key(p, !from_client);

  RttConn *c = _conns.get_pointer(key);
  if (!c) {
    if (!(th->th_flags & TH_SYN))
      return p;
    RttConn fresh;
    memset(&fresh, 0, sizeof(fresh));
    if (!_conns.set(key, fresh))
      return p;
    c = _conns.get_pointer(key);
  }
  handshake(c, th->th_flags, from_client, now);
  uint32_t tsval, tsecr;
  if (find_timestamps(th, p->transport_length(), &tsval, &tsecr))
    timestamps(c, from_client ? 0 : 1, (uint64_t)tsval << 32 | tsecr, now);

  if (c->samples > 0) {
    SET_EXTRA_LENGTH_ANNO(p, (uint32_t)(c->srtt >> 3));
    SET_FWD_RATE_ANNO(p, (int32_t)rto_us(c));
  }
  if (th->th_flags & (TH_FIN | TH_RST))
    _conns.erase(key);
  return p;
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new TrainTcpRtt;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 1) < 0)
    return 0;
  return e;
}
