// MaglevSteer: Maglev consistent hashing (Eisenbud et al., NSDI 2016) over
// the element's outputs.  Each backend i gets offset = h1(name) mod M and
// skip = h2(name) mod (M-1) + 1, defining the permutation
// perm_i[j] = (offset + j*skip) mod M; backends take turns claiming their
// next unclaimed preferred slot until the lookup table of prime size M is
// full.  Packets are steered by table[hash(5-tuple) mod M].
//
// MaglevSteer(NAME0, NAME1, ... [, TABLE_SIZE prime]); output i is backend
// NAMEi.
#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/string.hh>
#include <clicknet/ip.h>
#include <clicknet/udp.h>

CLICK_DECLS

class MaglevSteer : public Element {
public:
  MaglevSteer() : _m(65537), _n(0), _table(0), _offset(0), _skip(0) {}
  ~MaglevSteer() override { cleanup(CLEANUP_MANUAL); }
  const char *class_name() const override { return "MaglevSteer"; }
  const char *port_count() const override { return "1/1-"; }
  const char *processing() const override { return PUSH; }
  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  int initialize(ErrorHandler *errh) override;
  void cleanup(CleanupStage) override;
  void push(int port, Packet *p) override;

  static uint64_t name_hash(const char *s, int len, uint64_t seed);
  static uint64_t flow_hash(uint32_t saddr, uint32_t daddr, uint16_t sport,
                            uint16_t dport, uint8_t proto);
  static void backend_params(const char *name, int len, uint32_t m,
                             uint32_t *offset, uint32_t *skip);
  static void populate(const uint32_t *offset, const uint32_t *skip, int n,
                       uint32_t m, int32_t *table);
  const int32_t *table() const { return _table; }

private:
  uint32_t _m;
  int _n;
  int32_t *_table;
  uint32_t *_offset;
  uint32_t *_skip;
  Vector<String> _names;
};

// Byte-wise multiply/rotate string hash; two seeds give the independent
// h1/h2 the paper asks for.
uint64_t MaglevSteer::name_hash(const char *s, int len, uint64_t seed) {
  uint64_t h = seed ^ (0x27d4eb2f165667c5ULL * (uint64_t)(len + 1));
  for (int i = 0; i < len; i++) {
    h ^= (unsigned char)s[i];
    h *= 0x5851f42d4c957f2dULL;
    h = (h << 23) | (h >> 41);
  }
  h ^= h >> 31;
  h *= 0xd6e8feb86659fd93ULL;
  h ^= h >> 32;
  return h;
}

uint64_t MaglevSteer::flow_hash(uint32_t saddr, uint32_t daddr, uint16_t sport,
                                uint16_t dport, uint8_t proto) {
  unsigned char k[13];
  memcpy(k, &saddr, 4);
  memcpy(k + 4, &daddr, 4);
  memcpy(k + 8, &sport, 2);
  memcpy(k + 10, &dport, 2);
  k[12] = proto;
  return name_hash((const char *)k, 13, 0x6d61676c6576ULL);
}

void MaglevSteer::backend_params(const char *name, int len, uint32_t m,
                                 uint32_t *offset, uint32_t *skip) {
  *offset = (uint32_t)(name_hash(name, len, 0xa5a5) % m);
  *skip = (uint32_t)(name_hash(name, len, 0x5a5a) % (m - 1)) + 1;
}

void MaglevSteer::populate(const uint32_t *offset, const uint32_t *skip, int n,
                           uint32_t m, int32_t *table) {
  uint32_t *next = new uint32_t[n];
  for (int i = 0; i < n; i++)
    next[i] = 0;
  for (uint32_t j = 0; j < m; j++)
    table[j] = -1;
  uint32_t filled = 0;
  while (true) {
    for (int i = 0; i < n; i++) {
      uint32_t c = (uint32_t)((offset[i] + (uint64_t)next[i] * skip[i]) % m);
      while (table[c] >= 0) {
        next[i]++;
        c = (uint32_t)((offset[i] + (uint64_t)next[i] * skip[i]) % m);
      }
      table[c] = i;
      next[i]++;
      if (++filled == m) {
        delete[] next;
        return;
      }
    }
  }
}

int MaglevSteer::configure(Vector<String> &conf, ErrorHandler *errh) {
  _names.clear();
  for (int i = 0; i < conf.size(); i++) {
    const String &a = conf[i];
    if (a.length() > 11 && memcmp(a.data(), "TABLE_SIZE ", 11) == 0)
      _m = (uint32_t)strtoul(a.c_str() + 11, 0, 0);
    else
      _names.push_back(a);
  }
  if (_m < 3)
    return errh->error("TABLE_SIZE too small");
  if (_names.size() != noutputs())
    return errh->error("need one backend name per output");
  return 0;
}

int MaglevSteer::initialize(ErrorHandler *errh) {
  _n = _names.size();
  _table = new int32_t[_m];
  _offset = new uint32_t[_n];
  _skip = new uint32_t[_n];
  if (!_table || !_offset || !_skip)
    return errh->error("out of memory");
  for (int i = 0; i < _n; i++)
    backend_params(_names[i].data(), _names[i].length(), _m, &_offset[i],
                   &_skip[i]);
  populate(_offset, _skip, _n, _m, _table);
  return 0;
}

void MaglevSteer::cleanup(CleanupStage) {
  delete[] _table;
  delete[] _offset;
  delete[] _skip;
  _table = 0;
  _offset = _skip = 0;
}

void MaglevSteer::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  uint16_t sport = 0, dport = 0;
  if (!IP_ISFRAG(iph) &&
      (iph->ip_p == IP_PROTO_TCP || iph->ip_p == IP_PROTO_UDP)) {
    sport = p->udp_header()->uh_sport;
    dport = p->udp_header()->uh_dport;
  }
  uint64_t h = flow_hash(iph->ip_src.s_addr, iph->ip_dst.s_addr, sport, dport,
                         iph->ip_p);
  output(_table[h % _m]).push(p);
}

CLICK_ENDDECLS
EXPORT_ELEMENT(MaglevSteer)
