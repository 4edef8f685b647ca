// Training source for the instruction models (models/README.md): a payload
// signature scanner: a small multi-pattern automaton (goto/failure links
// folded into a dense table over a reduced, case-folded byte alphabet) built
// at construction, run over TCP/UDP payloads with the automaton state kept
// per flow across in-order segments; blocking signatures drop, the others
// only mark the packet. One template at two state widths.
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

static const char *const kSignatures[] = {
    "/etc/passwd", "cmd.exe", "<script",   "\x90\x90\x90\x90\x90\x90",
    "select ",     "../..",   "union all", "/bin/sh",
    "wget http",   "${jndi:",
};
enum { NSIG = sizeof(kSignatures) / sizeof(kSignatures[0]), NCLASS = 48 };
static const uint32_t kBlockMask = 0x1 | 0x2 | 0x8 | 0x80 | 0x200;

// Byte to alphabet class: letters fold to 1..26, digits share 27, a few
// punctuation bytes keep their own class, NOP 0x90 has one, the rest is 0.
static uint8_t byte_class(uint8_t c) {
  if (c >= 'A' && c <= 'Z')
    c = (uint8_t)(c + 32);
  if (c >= 'a' && c <= 'z')
    return (uint8_t)(c - 'a' + 1);
  if (c >= '0' && c <= '9')
    return 27;
  switch (c) {
  case '/':
    return 28;
  case '.':
    return 29;
  case '<':
    return 30;
  case ' ':
    return 31;
  case '$':
    return 32;
  case '{':
    return 33;
  case ':':
    return 34;
  case 0x90:
    return 35;
  case '\\':
    return 36;
  default:
    return 0;
  }
}

struct ScanFlow {
  uint32_t key;
  uint32_t next_seq;
  uint16_t state;
  uint16_t hits;
};

template <typename State, int NSTATES> class TrainPatternScan : public Element {
public:
  enum { FLOWS = 256 };
  TrainPatternScan() : _nstates(1), _scanned(0), _blocked(0), _marked(0) {
    memset(_flows, 0, sizeof(_flows));
    memset(_out, 0, sizeof(_out));
    memset(_hits, 0, sizeof(_hits));
    build();
  }
  const char *class_name() const override { return "TrainPatternScan"; }
  const char *port_count() const override { return PORTS_1_1X2; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

private:
  void build();
  uint32_t run(const uint8_t *data, int len, State *state) const {
    State s = *state;
    uint32_t found = 0;
    for (int i = 0; i < len; ++i) {
      s = _delta[s][_class[data[i]]];
      found |= _out[s];
    }
    *state = s;
    return found;
  }
  ScanFlow *flow(uint32_t key, uint32_t seq, bool tcp);
  int payload_offset(const Packet *p) const;
  void count(uint32_t found) {
    for (int i = 0; found && i < NSIG; ++i, found >>= 1)
      if (found & 1)
        _hits[i]++;
  }

  State _delta[NSTATES][NCLASS];
  State _fail[NSTATES];
  uint32_t _out[NSTATES];
  uint8_t _class[256];
  int _nstates;
  ScanFlow _flows[FLOWS];
  uint64_t _hits[NSIG];
  uint64_t _scanned, _blocked, _marked;
};

template <typename State, int NSTATES>
void TrainPatternScan<State, NSTATES>::build() {
  for (int c = 0; c < 256; ++c)
    _class[c] = byte_class((uint8_t)c);
  memset(_delta, 0, sizeof(_delta));
  // Trie: 0 in _delta means "no edge" until the failure pass fills it.
  for (int k = 0; k < NSIG; ++k) {
    int s = 0;
    for (const char *q = kSignatures[k]; *q; ++q) {
      uint8_t c = _class[(uint8_t)*q];
      if (!_delta[s][c]) {
        if (_nstates >= NSTATES)
          break; // table full: the signature is truncated
        _delta[s][c] = (State)_nstates++;
      }
      s = _delta[s][c];
    }
    _out[s] |= 1u << k;
  }
  // Breadth-first failure links, turning the trie into a full automaton.
  State queue[NSTATES];
  int head = 0, tail = 0;
  _fail[0] = 0;
  for (int c = 0; c < NCLASS; ++c)
    if (_delta[0][c]) {
      _fail[_delta[0][c]] = 0;
      queue[tail++] = _delta[0][c];
    }
  while (head < tail) {
    State r = queue[head++];
    _out[r] |= _out[_fail[r]];
    for (int c = 0; c < NCLASS; ++c) {
      State u = _delta[r][c];
      if (u) {
        _fail[u] = _delta[_fail[r]][c];
        queue[tail++] = u;
      } else
        _delta[r][c] = _delta[_fail[r]][c];
    }
  }
}

template <typename State, int NSTATES>
ScanFlow *TrainPatternScan<State, NSTATES>::flow(uint32_t key, uint32_t seq,
                                                 bool tcp) {
  ScanFlow *f = &_flows[(key ^ (key >> 13)) & (FLOWS - 1)];
  if (f->key != key) {
    f->key = key;
    f->state = 0;
    f->hits = 0;
  } else if (tcp && f->next_seq != seq) {
    f->state = 0; // out of order or retransmitted: restart the automaton
  }
  f->next_seq = seq;
  return f;
}

template <typename State, int NSTATES>
int TrainPatternScan<State, NSTATES>::payload_offset(const Packet *p) const {
  const click_ip *iph = p->ip_header();
  int tl = p->transport_length();
  if (iph->ip_p == IP_PROTO_TCP) {
    if (tl < (int)sizeof(click_tcp))
      return -1;
    int off = p->tcp_header()->th_off << 2;
    return off >= 20 && off <= tl ? off : -1;
  }
  if (iph->ip_p == IP_PROTO_UDP)
    return tl >= (int)sizeof(click_udp) ? (int)sizeof(click_udp) : -1;
  return -1;
}

template <typename State, int NSTATES>
void TrainPatternScan<State, NSTATES>::push(int, Packet *p) {
  if (!p->has_transport_header() || !IP_FIRSTFRAG(p->ip_header())) {
    output(0).push(p);
    return;
  }
  int off = payload_offset(p);
  int len = off < 0 ? 0 : p->transport_length() - off;
  if (len <= 0) {
    output(0).push(p);
    return;
  }
  const click_ip *iph = p->ip_header();
  bool tcp = iph->ip_p == IP_PROTO_TCP;
  const uint8_t *tp = p->transport_header();
  uint32_t ports = (uint32_t)tp[0] << 24 | (uint32_t)tp[1] << 16 |
                   (uint32_t)tp[2] << 8 | tp[3];
  uint32_t key =
      iph->ip_src.s_addr * 31u + iph->ip_dst.s_addr + ports + iph->ip_p;
  uint32_t seq = tcp ? ntohl(p->tcp_header()->th_seq) : 0;
  ScanFlow *f = flow(key, seq, tcp);
  State s = (State)f->state;
  uint32_t found = run(tp + off, len, &s);
  f->state = s;
  f->next_seq = seq + (uint32_t)len;
  _scanned += (uint64_t)len;
  if (!found) {
    output(0).push(p);
    return;
  }
  count(found);
  f->hits++;
  if (found & kBlockMask) {
    _blocked++;
    output(1).push(p);
    return;
  }
  _marked++;
  SET_AGGREGATE_ANNO(p, found);
  SET_PAINT_ANNO(p, (uint8_t)(f->hits > 255 ? 255 : f->hits));
  output(0).push(p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e;
  if (config && config[0] == 'w')
    e = new TrainPatternScan<uint16_t, 512>;
  else
    e = new TrainPatternScan<uint8_t, 128>;
  if (clara_element_setup(e, String(), 1, 2) < 0)
    return 0;
  return e;
}
