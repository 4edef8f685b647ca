// Sender-side TCP SACK scoreboard (RFC 2018 blocks, RFC 6675 loss rules)
// as a Click element watching the reverse ACK stream: parses the SACK
// option of each ACK, keeps the SACKed ranges above SND.UNA as a sorted,
// coalesced list in modulo-2^32 sequence space, and answers "is this
// segment lost" (more than (DupThresh - 1) * SMSS bytes SACKed above it)
// and "next hole to retransmit". Label: none.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>

#define SEQ_BEFORE(a, b) ((int32_t)((a) - (b)) < 0)
#define SEQ_NOT_AFTER(a, b) ((int32_t)((a) - (b)) <= 0)

class SackBoard : public Element {
public:
  enum { MAXBLK = 32, MAXSACK = 4 };

  SackBoard() : _una(0), _nblk(0), _smss(1460), _dupthresh(3) {}

  const char *class_name() const override { return "SackBoard"; }
  const char *port_count() const override { return "1/1"; }

  void reset(uint32_t una) {
    _una = una;
    _nblk = 0;
  }
  void set_mss(uint32_t smss, uint32_t dupthresh) {
    _smss = smss;
    _dupthresh = dupthresh;
  }
  static int sack_blocks(const click_tcp *th, unsigned thlen, uint32_t *edges);
  int on_ack(uint32_t ack, const uint32_t *edges, int nblocks);
  uint32_t sacked_above(uint32_t seq) const;
  bool is_lost(uint32_t seq) const {
    return sacked_above(seq) > (_dupthresh - 1) * _smss;
  }
  bool next_hole(uint32_t from, uint32_t *start, uint32_t *len) const;
  int nblocks() const { return _nblk; }
  Packet *simple_action(Packet *p) override;

private:
  uint32_t _una;
  uint32_t _lo[MAXBLK], _hi[MAXBLK]; // [lo, hi), sorted by lo from _una
  int _nblk;
  uint32_t _smss, _dupthresh;

  int add_range(uint32_t lo, uint32_t hi);
};

// Pairs of (left, right) edges from the SACK option; returns the number of
// blocks (0 when absent), -1 for a malformed option list.
int SackBoard::sack_blocks(const click_tcp *th, unsigned thlen,
                           uint32_t *edges) {
  const uint8_t *opt = reinterpret_cast<const uint8_t *>(th) + 20;
  const uint8_t *end = reinterpret_cast<const uint8_t *>(th) + thlen;
  while (opt < end) {
    uint8_t kind = *opt;
    if (kind == TCPOPT_EOL)
      break;
    if (kind == TCPOPT_NOP) {
      opt++;
      continue;
    }
    if (end - opt < 2 || opt[1] < 2 || opt[1] > end - opt)
      return -1;
    if (kind == TCPOPT_SACK) {
      int n = (opt[1] - 2) / 8;
      if ((opt[1] - 2) % 8 != 0 || n > MAXSACK)
        return -1;
      for (int i = 0; i < 2 * n; i++) {
        const uint8_t *q = opt + 2 + 4 * i;
        edges[i] = (uint32_t)q[0] << 24 | (uint32_t)q[1] << 16 |
                   (uint32_t)q[2] << 8 | q[3];
      }
      return n;
    }
    opt += opt[1];
  }
  return 0;
}

int SackBoard::add_range(uint32_t lo, uint32_t hi) {
  // first block that ends at or after lo
  int i = 0;
  while (i < _nblk && SEQ_BEFORE(_hi[i], lo))
    i++;
  // blocks [i, j) touch [lo, hi)
  int j = i;
  while (j < _nblk && SEQ_NOT_AFTER(_lo[j], hi)) {
    if (SEQ_BEFORE(_lo[j], lo))
      lo = _lo[j];
    if (SEQ_BEFORE(hi, _hi[j]))
      hi = _hi[j];
    j++;
  }
  if (i == j) {
    if (_nblk == MAXBLK)
      return -1;
    for (int k = _nblk; k > i; k--) {
      _lo[k] = _lo[k - 1];
      _hi[k] = _hi[k - 1];
    }
    _nblk++;
  } else if (j - i > 1) {
    int gone = j - i - 1;
    for (int k = i + 1; k + gone < _nblk; k++) {
      _lo[k] = _lo[k + gone];
      _hi[k] = _hi[k + gone];
    }
    _nblk -= gone;
  }
  _lo[i] = lo;
  _hi[i] = hi;
  return 0;
}

// Returns -1 if some block was dropped for lack of room, else 0.
int SackBoard::on_ack(uint32_t ack, const uint32_t *edges, int nblocks) {
  if (SEQ_BEFORE(_una, ack)) {
    _una = ack;
    int k = 0;
    for (int i = 0; i < _nblk; i++) {
      if (SEQ_NOT_AFTER(_hi[i], ack))
        continue; // fully acknowledged
      _lo[k] = SEQ_BEFORE(_lo[i], ack) ? ack : _lo[i];
      _hi[k] = _hi[i];
      k++;
    }
    _nblk = k;
  }
  int rc = 0;
  for (int b = 0; b < nblocks; b++) {
    uint32_t lo = edges[2 * b], hi = edges[2 * b + 1];
    if (!SEQ_BEFORE(lo, hi) || SEQ_NOT_AFTER(hi, _una))
      continue; // empty, or a D-SACK below SND.UNA
    if (SEQ_BEFORE(lo, _una))
      lo = _una;
    if (add_range(lo, hi) < 0)
      rc = -1;
  }
  return rc;
}

uint32_t SackBoard::sacked_above(uint32_t seq) const {
  uint32_t total = 0;
  for (int i = _nblk - 1; i >= 0; i--) {
    if (SEQ_NOT_AFTER(_hi[i], seq))
      break;
    total += SEQ_BEFORE(_lo[i], seq) ? _hi[i] - seq : _hi[i] - _lo[i];
  }
  return total;
}

// First un-SACKed range at or after from and below the highest SACKed byte.
bool SackBoard::next_hole(uint32_t from, uint32_t *start, uint32_t *len) const {
  if (SEQ_BEFORE(from, _una))
    from = _una;
  for (int i = 0; i < _nblk; i++) {
    if (SEQ_NOT_AFTER(_hi[i], from))
      continue;
    if (SEQ_BEFORE(from, _lo[i])) {
      *start = from;
      *len = _lo[i] - from;
      return true;
    }
    from = _hi[i]; // inside a block: skip past it
  }
  return false;
}

Packet *SackBoard::simple_action(Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_p != IP_PROTO_TCP)
    return p;
  const click_tcp *th = p->tcp_header();
  unsigned thlen = th->th_off << 2;
  if (thlen < 20 || (int)thlen > p->transport_length() ||
      !(th->th_flags & TH_ACK))
    return p;
  uint32_t edges[2 * MAXSACK];
  int n = sack_blocks(th, thlen, edges);
  if (n >= 0)
    on_ack(ntohl(th->th_ack), edges, n);
  return p;
}
