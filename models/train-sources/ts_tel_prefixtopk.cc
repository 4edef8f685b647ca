// Training source for the instruction models (models/README.md): hierarchical
// per-prefix byte counters with top-k: each packet's source (or destination)
// address is counted at up to four prefix lengths (default /8, /16, /24), each
// level with its own counter table and an incrementally maintained top-k list
// (update in place and bubble up, insert while not full, else replace the
// minimum when overtaken); at every INTERVAL boundary (packet time) the
// counters decay by half and the lists are re-ranked; packets whose deepest
// prefix is currently a top-k member leave on output 1, and the lists are
// printed by a handler. Written for training only; not part of the NF corpus.
#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/straccum.hh>
#include <click/timestamp.hh>
#include <click/vector.hh>
#include <clicknet/ip.h>

#define PT_MAX_LEVELS 4
#define PT_MAX_K 16

struct TopEntry {
  uint32_t prefix; // host byte order, masked
  uint64_t bytes;
};

struct PrefixLevel {
  int len;
  uint32_t mask;
  HashTable<uint32_t, uint64_t, 256, 4> bytes;
  Vector<TopEntry, PT_MAX_K> top; // sorted, largest first
  uint64_t overflow_bytes;
};

class HierPrefixTopK : public Element {
public:
  HierPrefixTopK()
      : _nlevels(0), _k(8), _use_dst(false), _interval(1, 0), _packets(0),
        _decays(0) {}

  const char *class_name() const override { return "HierPrefixTopK"; }
  const char *port_count() const override { return "1/1-2"; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  void add_handlers() override { add_read_handler("top", read_top, 0); }
  void push(int port, Packet *p) override;

private:
  PrefixLevel _levels[PT_MAX_LEVELS];
  int _nlevels;
  unsigned _k;
  bool _use_dst;
  Timestamp _interval, _epoch;
  uint64_t _packets;
  uint32_t _decays;

  static uint32_t mask_of(int len) {
    return len == 0 ? 0 : 0xFFFFFFFFU << (32 - len);
  }

  bool add_level(int len) {
    if (_nlevels >= PT_MAX_LEVELS || len < 1 || len > 32)
      return false;
    for (int i = 0; i < _nlevels; ++i)
      if (_levels[i].len >= len)
        return false; // levels must be given shortest first
    PrefixLevel &l = _levels[_nlevels++];
    l.len = len;
    l.mask = mask_of(len);
    l.bytes.clear();
    l.top.clear();
    l.overflow_bytes = 0;
    return true;
  }

  static int find_top(const PrefixLevel &l, uint32_t prefix) {
    for (int i = 0; i < l.top.size(); ++i)
      if (l.top[i].prefix == prefix)
        return i;
    return -1;
  }

  static void bubble_up(PrefixLevel &l, int i) {
    while (i > 0 && l.top[i - 1].bytes < l.top[i].bytes) {
      TopEntry t = l.top[i - 1];
      l.top[i - 1] = l.top[i];
      l.top[i] = t;
      --i;
    }
  }

  void offer(PrefixLevel &l, uint32_t prefix, uint64_t total) {
    int i = find_top(l, prefix);
    if (i >= 0) {
      l.top[i].bytes = total;
      bubble_up(l, i);
      return;
    }
    TopEntry e;
    e.prefix = prefix;
    e.bytes = total;
    if ((unsigned)l.top.size() < _k) {
      l.top.push_back(e);
      bubble_up(l, l.top.size() - 1);
    } else if (total > l.top.back().bytes) {
      l.top.back() = e;
      bubble_up(l, l.top.size() - 1);
    }
  }

  bool count(PrefixLevel &l, uint32_t addr, uint32_t len) {
    uint32_t prefix = addr & l.mask;
    auto it = l.bytes.find_insert(prefix);
    if (it == l.bytes.end()) {
      l.overflow_bytes += len;
      return false;
    }
    it.value() += len;
    offer(l, prefix, it.value());
    return true;
  }

  void decay() {
    for (int i = 0; i < _nlevels; ++i) {
      PrefixLevel &l = _levels[i];
      for (auto it = l.bytes.begin(); it != l.bytes.end();) {
        it.value() >>= 1;
        if (it.value() == 0)
          it = l.bytes.erase(it);
        else
          ++it;
      }
      // Re-rank from the decayed counters; drop members that vanished.
      for (int j = 0; j < l.top.size();) {
        const uint64_t *b = l.bytes.get_pointer(l.top[j].prefix);
        if (!b) {
          l.top.erase(l.top.begin() + j);
          continue;
        }
        l.top[j].bytes = *b;
        bubble_up(l, j);
        ++j;
      }
      l.overflow_bytes >>= 1;
    }
    _decays++;
  }

  static String read_top(Element *e, void *);
};

int HierPrefixTopK::configure(Vector<String> &conf, ErrorHandler *errh) {
  String levels = "8 16 24";
  String dir = "SRC";
  if (Args(conf, this, errh)
          .read("LEVELS", AnyArg(), levels)
          .read("K", _k)
          .read("INTERVAL", _interval)
          .read("ADDR", AnyArg(), dir)
          .complete() < 0)
    return -1;
  if (_k == 0 || _k > PT_MAX_K)
    return errh->error("K must be between 1 and %d", PT_MAX_K);
  if (dir == "SRC")
    _use_dst = false;
  else if (dir == "DST")
    _use_dst = true;
  else
    return errh->error("ADDR must be SRC or DST");
  _nlevels = 0;
  const char *s = levels.c_str();
  while (*s) {
    while (*s == ' ' || *s == '/')
      ++s;
    if (!*s)
      break;
    char *end;
    long len = strtol(s, &end, 10);
    if (end == s || !add_level((int)len))
      return errh->error("bad LEVELS %s", levels.c_str());
    s = end;
  }
  if (_nlevels == 0)
    return errh->error("no LEVELS");
  return 0;
}

void HierPrefixTopK::push(int, Packet *p) {
  if (!p->has_network_header() || p->network_length() < (int)sizeof(click_ip) ||
      p->ip_header()->ip_v != 4) {
    output(0).push(p);
    return;
  }
  const click_ip *iph = p->ip_header();
  const Timestamp &now = p->timestamp_anno();
  if (!_epoch)
    _epoch = now;
  else if (now - _epoch >= _interval) {
    decay();
    _epoch = now;
  }
  uint32_t addr = ntohl(_use_dst ? iph->ip_dst.s_addr : iph->ip_src.s_addr);
  uint32_t len = ntohs(iph->ip_len);
  _packets++;
  unsigned missed = 0;
  for (int i = 0; i < _nlevels; ++i)
    if (!count(_levels[i], addr, len))
      missed++;
  SET_PAINT_ANNO(p, missed);
  PrefixLevel &deep = _levels[_nlevels - 1];
  int rank = find_top(deep, addr & deep.mask);
  SET_AGGREGATE_ANNO(p, rank >= 0 ? (uint32_t)(rank + 1) : 0);
  if (rank >= 0 && noutputs() > 1)
    output(1).push(p);
  else
    output(0).push(p);
}

String HierPrefixTopK::read_top(Element *e, void *) {
  HierPrefixTopK *t = static_cast<HierPrefixTopK *>(e);
  StringAccum sa;
  sa << "packets " << (unsigned long long)t->_packets << " decays "
     << t->_decays << '\n';
  for (int i = 0; i < t->_nlevels; ++i) {
    const PrefixLevel &l = t->_levels[i];
    sa << "/" << l.len << " prefixes " << l.bytes.size() << " overflow "
       << (unsigned long long)l.overflow_bytes << '\n';
    for (int j = 0; j < l.top.size(); ++j)
      sa << "  " << (j + 1) << ' ' << IPAddress(htonl(l.top[j].prefix)).unparse()
         << '/' << l.len << ' ' << (unsigned long long)l.top[j].bytes << '\n';
  }
  return sa.take_string();
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new HierPrefixTopK;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
