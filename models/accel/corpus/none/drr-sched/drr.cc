// Deficit round robin scheduler as a Click push-to-pull element: packets
// are queued per class (the DSCP class-selector bits of the IP header at
// the start of the packet) and pull() serves the classes in turn, each
// visit adding the class's quantum to its deficit and sending head packets
// while they fit in it (Shreedhar and Varghese, SIGCOMM 1995). Quanta come
// from integer weights scaled so that the lightest class gets one MTU.
// Label: none.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <clicknet/ip.h>

class DRRSched : public Element {
public:
  enum { NCLASS = 8, QLEN = 64, MTU = 1500 };

  DRRSched() : _cur(0), _visited(false), _backlog(0), _drops(0) {
    for (int c = 0; c < NCLASS; c++) {
      _head[c] = _count[c] = 0;
      _deficit[c] = 0;
      _quantum[c] = MTU;
    }
  }

  const char *class_name() const override { return "DRRSched"; }
  const char *port_count() const override { return "1/1"; }
  const char *processing() const override { return PUSH_TO_PULL; }

  void push(int, Packet *p) override;
  Packet *pull(int) override;
  int set_weights(const int *w, int n);
  unsigned backlog() const { return _backlog; }
  unsigned long long drops() const { return _drops; }

private:
  Packet *_ring[NCLASS][QLEN];
  unsigned _head[NCLASS];
  unsigned _count[NCLASS];
  uint32_t _deficit[NCLASS];
  uint32_t _quantum[NCLASS];
  int _cur;
  bool _visited;
  unsigned _backlog;
  unsigned long long _drops;
};

int DRRSched::set_weights(const int *w, int n) {
  if (n <= 0 || n > NCLASS)
    return -1;
  int lightest = 0;
  for (int i = 0; i < n; i++) {
    if (w[i] <= 0)
      return -1;
    if (lightest == 0 || w[i] < lightest)
      lightest = w[i];
  }
  for (int i = 0; i < NCLASS; i++) {
    int wi = i < n ? w[i] : lightest;
    _quantum[i] = (uint32_t)((long long)wi * MTU / lightest);
  }
  return 0;
}

void DRRSched::push(int, Packet *p) {
  int cls = 0;
  if (p->length() >= sizeof(click_ip)) {
    const click_ip *iph = reinterpret_cast<const click_ip *>(p->data());
    cls = (iph->ip_tos >> 5) & 7; // class selector = top 3 DSCP bits
  }
  if (_count[cls] == QLEN) {
    _drops++;
    p->kill();
    return;
  }
  unsigned tail = (_head[cls] + _count[cls]) % QLEN;
  _ring[cls][tail] = p;
  _count[cls]++;
  _backlog++;
}

Packet *DRRSched::pull(int) {
  while (_backlog != 0) {
    int c = _cur;
    if (_count[c] == 0) {
      _deficit[c] = 0;
      _cur = (c + 1) % NCLASS;
      _visited = false;
      continue;
    }
    if (!_visited) {
      _deficit[c] += _quantum[c];
      _visited = true;
    }
    Packet *p = _ring[c][_head[c]];
    if (p->length() <= _deficit[c]) {
      _deficit[c] -= p->length();
      _head[c] = (_head[c] + 1) % QLEN;
      _count[c]--;
      _backlog--;
      if (_count[c] == 0) {
        _deficit[c] = 0;
        _cur = (c + 1) % NCLASS;
        _visited = false;
      }
      return p;
    }
    // head does not fit: keep the deficit for the next round
    _cur = (c + 1) % NCLASS;
    _visited = false;
  }
  return 0;
}
