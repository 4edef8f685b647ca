// PagedTrieLookup: IPv4 next-hop lookup in a binary trie packed into pages.
//
// The unibit trie is cut into pages of four levels. A page holds its 15
// internal trie nodes in heap order (node 1 is the page's top, node i has
// children 2i and 2i+1) and, for the 16 ways out of its bottom level, the
// index of the page below. The walk still consumes one destination bit at a
// time, but a whole page's nodes sit in one small block; every node may carry
// a route. A /32 lands on the top node of a ninth-level page. Pages come from
// a fixed pool with a free list; a page's fill count (routes plus child
// pages) lets deletion hand empty pages back.
//
// Configuration: "ADDR/LEN GATEWAY" per route (GATEWAY 0.0.0.0 means
// directly connected). The element sets the destination annotation to the
// matching route's gateway (or to the destination itself) and drops packets
// that match no route.
#include <click/config.h>
#include <click/confparse.hh>
#include <click/element.hh>
#include <click/error.hh>
#include <click/ipaddress.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <clicknet/ip.h>

class PagedTrieLookup : public Element {
public:
  PagedTrieLookup();

  const char *class_name() const override { return "PagedTrieLookup"; }
  const char *port_count() const override { return PORTS_1_1; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  Packet *simple_action(Packet *p) override;

  int insert_route(uint32_t prefix, int plen, uint32_t gateway);
  int erase_route(uint32_t prefix, int plen);

private:
  enum { NPAGES = 4096, NROUTES = 4096, FANOUT = 16 };

  uint16_t _node[NPAGES][FANOUT];  // heap slots 1..15: route + 1, 0 = none
  int16_t _below[NPAGES][FANOUT];  // page under each bottom exit, -1 = none
  uint8_t _fill[NPAGES];
  int16_t _page_link[NPAGES];
  int _free_page;

  uint32_t _gateway[NROUTES];
  int16_t _route_link[NROUTES];
  int _free_route;

  uint64_t _unrouted;

  int take_page();
  void give_page(int pg);
};

PagedTrieLookup::PagedTrieLookup() : _unrouted(0) {
  for (int i = 0; i < NPAGES; i++)
    _page_link[i] = (int16_t)(i + 1 < NPAGES ? i + 1 : -1);
  _free_page = 0;
  for (int i = 0; i < NROUTES; i++)
    _route_link[i] = (int16_t)(i + 1 < NROUTES ? i + 1 : -1);
  _free_route = 0;
  take_page(); // page 0 is the root
}

int PagedTrieLookup::take_page() {
  int pg = _free_page;
  if (pg < 0)
    return -1;
  _free_page = _page_link[pg];
  for (int i = 0; i < FANOUT; i++) {
    _node[pg][i] = 0;
    _below[pg][i] = -1;
  }
  _fill[pg] = 0;
  return pg;
}

void PagedTrieLookup::give_page(int pg) {
  _page_link[pg] = (int16_t)_free_page;
  _free_page = pg;
}

// PREFIX in host byte order, GATEWAY in network byte order.
int PagedTrieLookup::insert_route(uint32_t prefix, int plen, uint32_t gateway) {
  if (plen < 0 || plen > 32)
    return -1;
  int pg = 0;
  int whole = plen / 4;
  for (int k = 0; k < whole; k++) {
    int nib = (int)((prefix >> (28 - 4 * k)) & 15);
    int nx = _below[pg][nib];
    if (nx < 0) {
      nx = take_page();
      if (nx < 0)
        return -1;
      _below[pg][nib] = (int16_t)nx;
      _fill[pg]++;
    }
    pg = nx;
  }
  int rest = plen - 4 * whole;
  unsigned heap = 1;
  for (int b = 0; b < rest; b++)
    heap = (heap << 1) | ((prefix >> (31 - (4 * whole + b))) & 1);
  if (_node[pg][heap] == 0) {
    int r = _free_route;
    if (r < 0)
      return -1;
    _free_route = _route_link[r];
    _node[pg][heap] = (uint16_t)(r + 1);
    _fill[pg]++;
  }
  _gateway[_node[pg][heap] - 1] = gateway;
  return 0;
}

int PagedTrieLookup::erase_route(uint32_t prefix, int plen) {
  if (plen < 0 || plen > 32)
    return -1;
  int trail[9], exit_of[9];
  int pg = 0;
  int whole = plen / 4;
  for (int k = 0; k < whole; k++) {
    int nib = (int)((prefix >> (28 - 4 * k)) & 15);
    trail[k] = pg;
    exit_of[k] = nib;
    pg = _below[pg][nib];
    if (pg < 0)
      return -1;
  }
  int rest = plen - 4 * whole;
  unsigned heap = 1;
  for (int b = 0; b < rest; b++)
    heap = (heap << 1) | ((prefix >> (31 - (4 * whole + b))) & 1);
  int r = _node[pg][heap] - 1;
  if (r < 0)
    return -1;
  _node[pg][heap] = 0;
  _route_link[r] = (int16_t)_free_route;
  _free_route = r;
  _fill[pg]--;
  for (int k = whole - 1; k >= 0 && _fill[pg] == 0; k--) {
    int up = trail[k];
    give_page(pg);
    _below[up][exit_of[k]] = -1;
    _fill[up]--;
    pg = up;
  }
  return 0;
}

int PagedTrieLookup::configure(Vector<String> &conf, ErrorHandler *errh) {
  for (int i = 0; i < conf.size(); i++) {
    Vector<String> words;
    cp_spacevec(conf[i], words);
    IPAddress addr, mask, gw;
    if (words.size() != 2 || !cp_ip_prefix(words[0], &addr, &mask, true, this) ||
        !cp_ip_address(words[1], &gw, this))
      return errh->error("route %d: expected ADDR/LEN GATEWAY", i + 1);
    int plen = mask.mask_to_prefix_len();
    if (plen < 0 || insert_route(ntohl(addr.addr()), plen, gw.addr()) < 0)
      return errh->error("route %d: bad mask or table full", i + 1);
  }
  return 0;
}

// Walks the destination bit by bit through the pages; the deepest route
// seen on the way wins.
Packet *PagedTrieLookup::simple_action(Packet *p) {
  if (!p->has_network_header() ||
      p->network_length() < (int)sizeof(click_ip)) {
    _unrouted++;
    p->kill();
    return 0;
  }
  uint32_t dst_net = p->ip_header()->ip_dst.s_addr;
  uint32_t dst = ntohl(dst_net);
  int pg = 0, found = 0;
  unsigned heap = 1;
  for (int used = 0;; used++) {
    if (_node[pg][heap])
      found = _node[pg][heap];
    if (used == 32)
      break;
    heap = (heap << 1) | ((dst >> (31 - used)) & 1);
    if (heap >= FANOUT) {
      pg = _below[pg][heap - FANOUT];
      if (pg < 0)
        break;
      heap = 1;
    }
  }
  if (!found) {
    _unrouted++;
    p->kill();
    return 0;
  }
  uint32_t gw = _gateway[found - 1];
  p->set_dst_ip_anno(IPAddress(gw ? gw : dst_net));
  return p;
}

EXPORT_ELEMENT(PagedTrieLookup)
