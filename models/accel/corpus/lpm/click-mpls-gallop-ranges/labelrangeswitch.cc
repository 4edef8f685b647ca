// LabelRangeSwitch: forwards MPLS packets by the longest matching prefix of
// their top 20-bit label. Label prefixes (value/len, len 0..20) are flattened
// into disjoint label intervals on rebuild; a packet's interval is found by
// galloping outward from the interval hit by the previous packet (labels
// arrive in bursts), then binary searching the bracket.
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <stdlib.h>

CLICK_DECLS

class LabelRangeSwitch : public Element {
public:
  LabelRangeSwitch();
  ~LabelRangeSwitch() override;
  const char *class_name() const override { return "LabelRangeSwitch"; }
  const char *port_count() const override { return "1/-"; }
  const char *processing() const override { return PUSH; }
  void push(int port, Packet *p) override;

  int add_label_route(uint32_t label, int len, int out);
  int remove_label_route(uint32_t label, int len);
  int rebuild();
  int out_for_label(uint32_t label);

private:
  enum { LABEL_SPACE = 1u << 20 };
  struct LPfx {
    uint32_t first;
    uint32_t last;
    int len;
    int out;
  };
  LPfx *_pfx;
  int _npfx, _cappfx;
  uint32_t *_edge;  // interval i covers [_edge[i], _edge[i+1])
  int *_eout;
  int _nedge;
  int _finger;
  bool _dirty;

  static int cmp_pfx(const void *a, const void *b);
  void emit(uint32_t at, int out);
};

LabelRangeSwitch::LabelRangeSwitch()
    : _pfx(0), _npfx(0), _cappfx(0), _edge(0), _eout(0), _nedge(0),
      _finger(0), _dirty(true) {}

LabelRangeSwitch::~LabelRangeSwitch() {
  free(_pfx);
  free(_edge);
  free(_eout);
}

int LabelRangeSwitch::add_label_route(uint32_t label, int len, int out) {
  if (len < 0 || len > 20)
    return -1;
  uint32_t span = 1u << (20 - len);
  uint32_t first = (label & (LABEL_SPACE - 1)) & ~(span - 1);
  for (int i = 0; i < _npfx; i++)
    if (_pfx[i].first == first && _pfx[i].len == len) {
      _pfx[i].out = out;
      _dirty = true;
      return 0;
    }
  if (_npfx == _cappfx) {
    int nc = _cappfx ? 2 * _cappfx : 16;
    LPfx *np = (LPfx *)realloc(_pfx, nc * sizeof(LPfx));
    if (!np)
      return -1;
    _pfx = np;
    _cappfx = nc;
  }
  LPfx &x = _pfx[_npfx++];
  x.first = first;
  x.last = first + span - 1;
  x.len = len;
  x.out = out;
  _dirty = true;
  return 0;
}

int LabelRangeSwitch::remove_label_route(uint32_t label, int len) {
  if (len < 0 || len > 20)
    return -1;
  uint32_t first = (label & (LABEL_SPACE - 1)) & ~((1u << (20 - len)) - 1);
  for (int i = 0; i < _npfx; i++)
    if (_pfx[i].first == first && _pfx[i].len == len) {
      _pfx[i] = _pfx[--_npfx];
      _dirty = true;
      return 0;
    }
  return -1;
}

int LabelRangeSwitch::cmp_pfx(const void *a, const void *b) {
  const LPfx *x = (const LPfx *)a, *y = (const LPfx *)b;
  if (x->first != y->first)
    return x->first < y->first ? -1 : 1;
  return x->len - y->len;
}

void LabelRangeSwitch::emit(uint32_t at, int out) {
  if (at >= LABEL_SPACE)
    return;
  if (_nedge > 0 && _edge[_nedge - 1] == at) {
    _eout[_nedge - 1] = out;
    if (_nedge > 1 && _eout[_nedge - 2] == out)
      _nedge--;
    return;
  }
  if (_nedge > 0 && _eout[_nedge - 1] == out)
    return;
  _edge[_nedge] = at;
  _eout[_nedge] = out;
  _nedge++;
}

int LabelRangeSwitch::rebuild() {
  free(_edge);
  free(_eout);
  int room = 2 * _npfx + 2;
  _edge = (uint32_t *)malloc(room * sizeof(uint32_t));
  _eout = (int *)malloc(room * sizeof(int));
  int *open = (int *)malloc((_npfx + 1) * sizeof(int));
  if (!_edge || !_eout || !open) {
    free(open);
    return -1;
  }
  if (_npfx > 1)
    qsort(_pfx, _npfx, sizeof(LPfx), cmp_pfx);
  _nedge = 0;
  _finger = 0;
  emit(0, -1);
  int depth = 0;
  for (int i = 0; i < _npfx; i++) {
    while (depth > 0 && _pfx[open[depth - 1]].last < _pfx[i].first) {
      const LPfx &done = _pfx[open[--depth]];
      emit(done.last + 1, depth ? _pfx[open[depth - 1]].out : -1);
    }
    emit(_pfx[i].first, _pfx[i].out);
    open[depth++] = i;
  }
  while (depth > 0) {
    const LPfx &done = _pfx[open[--depth]];
    emit(done.last + 1, depth ? _pfx[open[depth - 1]].out : -1);
  }
  free(open);
  _dirty = false;
  return 0;
}

int LabelRangeSwitch::out_for_label(uint32_t label) {
  if (_dirty && rebuild() < 0)
    return -1;
  int lo, hi;  // invariant: _edge[lo] <= label, hi == _nedge or _edge[hi] > label
  int f = _finger < _nedge ? _finger : 0;
  if (_edge[f] <= label) {
    lo = f;
    int step = 1;
    hi = f + 1;
    while (hi < _nedge && _edge[hi] <= label) {
      lo = hi;
      hi += step;
      step <<= 1;
    }
    if (hi > _nedge)
      hi = _nedge;
  } else {
    hi = f;
    int step = 1;
    lo = f - 1;
    while (lo > 0 && _edge[lo] > label) {
      hi = lo;
      lo -= step;
      step <<= 1;
    }
    if (lo < 0)
      lo = 0;
  }
  while (hi - lo > 1) {
    int mid = lo + (hi - lo) / 2;
    if (_edge[mid] <= label)
      lo = mid;
    else
      hi = mid;
  }
  _finger = lo;
  return _eout[lo];
}

void LabelRangeSwitch::push(int, Packet *p) {
  const unsigned char *d = p->data();
  if (p->length() < 4) {
    p->kill();
    return;
  }
  uint32_t label = ((uint32_t)d[0] << 12) | ((uint32_t)d[1] << 4) | (d[2] >> 4);
  int out = out_for_label(label);
  if (out < 0)
    p->kill();
  else
    checked_output_push(out, p);
}

CLICK_ENDDECLS
EXPORT_ELEMENT(LabelRangeSwitch)
