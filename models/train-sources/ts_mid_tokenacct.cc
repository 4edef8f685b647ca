// Training source for the instruction models (models/README.md): per-user
// token accounting: each subscriber (source address inside the user prefix)
// holds a token balance topped up at the start of every accounting period by
// its plan's allowance and refilled slowly in between, packets debit tokens
// weighted by traffic class (bulk TCP, interactive, UDP media, other), users
// whose balance runs out are throttled to a small trickle and then blocked,
// and downstream bytes are charged to the destination user. Written for
// training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/args.hh>
#include <click/hashtable.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/vector.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

struct Plan {
  uint32_t allowance;  // tokens granted per period
  uint32_t refill_per_s; // tokens trickled in per second
  uint32_t burst_cap;  // balance never exceeds this
};

struct UserAccount {
  int64_t balance;
  uint32_t period;        // period index of the last top-up
  uint32_t last_refill_s; // seconds of the last trickle refill
  uint32_t throttle_start;
  uint8_t plan;
  uint8_t status;         // 0 ok, 1 throttled, 2 blocked
  uint64_t used[4];       // tokens by traffic class
  uint32_t denied;
};

class MidTokenAccounting : public Element {
public:
  enum { C_BULK = 0, C_INTERACTIVE = 1, C_MEDIA = 2, C_OTHER = 3 };
  enum { ST_OK = 0, ST_THROTTLED = 1, ST_BLOCKED = 2 };

  MidTokenAccounting()
      : _user_net(0x0a000000u), _user_mask(0xff000000u), _period_s(3600),
        _throttle_grace_s(30), _trickle_bytes(256), _passed(0), _throttled(0),
        _blocked(0), _untracked(0) {
    Plan basic = {2000000, 200, 4000000};
    Plan premium = {20000000, 5000, 40000000};
    Plan iot = {200000, 10, 200000};
    _plans.push_back(basic);
    _plans.push_back(premium);
    _plans.push_back(iot);
  }

  const char *class_name() const override { return "MidTokenAccounting"; }
  const char *port_count() const override { return PORTS_1_1X2; }
  const char *processing() const override { return PUSH; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override {
    IPAddress net(htonl(_user_net)), mask(htonl(_user_mask));
    if (Args(conf, this, errh)
            .read("USERS", IPPrefixArg(), net, mask)
            .read("PERIOD", _period_s)
            .read("GRACE", _throttle_grace_s)
            .read("TRICKLE", _trickle_bytes)
            .read("ALLOWANCE", _plans[0].allowance)
            .complete() < 0)
      return -1;
    if (_period_s == 0)
      _period_s = 1;
    _user_mask = ntohl(mask.addr());
    _user_net = ntohl(net.addr()) & _user_mask;
    return 0;
  }

  void push(int, Packet *p) override;

private:
  bool is_user(uint32_t a) const { return (a & _user_mask) == _user_net; }

  uint8_t plan_for(uint32_t addr) const {
    // low host byte selects the plan: .1-.31 premium, .200+ IoT devices
    uint32_t host = addr & 0xff;
    if (host >= 1 && host < 32)
      return 1;
    if (host >= 200)
      return 2;
    return 0;
  }

  static int traffic_class(const click_ip *iph, const uint8_t *l4, int l4len);
  static uint32_t class_weight(int cls, uint32_t bytes);
  UserAccount *account(uint32_t addr, uint32_t now_s);
  void top_up(UserAccount *u, uint32_t now_s);
  bool charge(UserAccount *u, int cls, uint32_t cost, uint32_t bytes,
              uint32_t now_s);

  HashTable<uint32_t, UserAccount, 512, 4> _users;
  Vector<Plan> _plans;
  uint32_t _user_net, _user_mask;
  uint32_t _period_s, _throttle_grace_s, _trickle_bytes;
  uint64_t _passed, _throttled, _blocked, _untracked;
};

int MidTokenAccounting::traffic_class(const click_ip *iph, const uint8_t *l4,
                                      int l4len) {
  if (l4len < 4)
    return C_OTHER;
  uint16_t sport = (uint16_t)(l4[0] << 8 | l4[1]);
  uint16_t dport = (uint16_t)(l4[2] << 8 | l4[3]);
  uint16_t port = sport < dport ? sport : dport;
  switch (iph->ip_p) {
  case IP_PROTO_TCP:
    if (port == 22 || port == 23 || port == 3389)
      return C_INTERACTIVE;
    if ((iph->ip_tos & IPTOS_DSCP_MASK) == (46 << IPTOS_DSCP_SHIFT))
      return C_INTERACTIVE;
    return C_BULK;
  case IP_PROTO_UDP:
    if (port == 53 || port == 123)
      return C_INTERACTIVE;
    if (port >= 16384 && port < 32768)
      return C_MEDIA;
    return C_BULK;
  default:
    return C_OTHER;
  }
}

// Interactive traffic is cheap, media costs slightly more than bulk, and
// every packet pays a fixed per-packet overhead.
uint32_t MidTokenAccounting::class_weight(int cls, uint32_t bytes) {
  switch (cls) {
  case C_INTERACTIVE:
    return bytes / 4 + 8;
  case C_MEDIA:
    return bytes + bytes / 8 + 40;
  case C_BULK:
    return bytes + 40;
  default:
    return bytes * 2 + 40;
  }
}

UserAccount *MidTokenAccounting::account(uint32_t addr, uint32_t now_s) {
  UserAccount *u = _users.get_pointer(addr);
  if (u)
    return u;
  UserAccount fresh;
  memset(&fresh, 0, sizeof(fresh));
  fresh.plan = plan_for(addr);
  fresh.period = now_s / _period_s;
  fresh.last_refill_s = now_s;
  fresh.balance = _plans[fresh.plan].allowance;
  if (!_users.insert(addr, fresh)) {
    // table full: recycle the most exhausted, non-blocked account in the
    // bucket's neighbourhood rather than leave a user untracked
    HashTable<uint32_t, UserAccount, 512, 4>::iterator victim = _users.end();
    int64_t best = INT64_MAX;
    for (auto it = _users.begin(); it != _users.end(); ++it)
      if (it.value().status != ST_BLOCKED && it.value().period < fresh.period &&
          it.value().balance < best) {
        best = it.value().balance;
        victim = it;
      }
    if (!victim.live())
      return 0;
    _users.erase(victim);
    if (!_users.insert(addr, fresh))
      return 0;
  }
  return _users.get_pointer(addr);
}

void MidTokenAccounting::top_up(UserAccount *u, uint32_t now_s) {
  const Plan &pl = _plans[u->plan];
  uint32_t period = now_s / _period_s;
  if (period != u->period) {
    // new accounting period: debt carries over, credit does not
    int64_t carried = u->balance < 0 ? u->balance : 0;
    u->balance = carried + pl.allowance;
    u->period = period;
    u->last_refill_s = now_s;
    if (u->balance > 0)
      u->status = ST_OK;
    return;
  }
  uint32_t dt = now_s - u->last_refill_s;
  if (dt == 0)
    return;
  u->last_refill_s = now_s;
  int64_t b = u->balance + (int64_t)dt * pl.refill_per_s;
  u->balance = b > (int64_t)pl.burst_cap ? (int64_t)pl.burst_cap : b;
  if (u->status == ST_THROTTLED && u->balance > 0)
    u->status = ST_OK;
}

bool MidTokenAccounting::charge(UserAccount *u, int cls, uint32_t cost,
                                uint32_t bytes, uint32_t now_s) {
  if (u->status == ST_BLOCKED) {
    u->denied++;
    return false;
  }
  if (u->balance >= (int64_t)cost) {
    u->balance -= cost;
    u->used[cls] += cost;
    return true;
  }
  if (u->status == ST_OK) {
    u->status = ST_THROTTLED;
    u->throttle_start = now_s;
  } else if (now_s - u->throttle_start > _throttle_grace_s) {
    u->status = ST_BLOCKED;
    u->denied++;
    return false;
  }
  // throttled: only small packets and interactive traffic get through,
  // and they still run the balance into debt
  if (bytes <= _trickle_bytes || cls == C_INTERACTIVE) {
    u->balance -= cost;
    u->used[cls] += cost;
    return true;
  }
  u->denied++;
  return false;
}

void MidTokenAccounting::push(int, Packet *p) {
  const click_ip *iph = p->ip_header();
  if (!iph || iph->ip_v != 4) {
    output(0).push(p);
    return;
  }
  uint32_t src = ntohl(iph->ip_src.s_addr), dst = ntohl(iph->ip_dst.s_addr);
  bool upstream = is_user(src);
  if (!upstream && !is_user(dst)) {
    _untracked++;
    output(0).push(p);
    return;
  }
  uint32_t now_s = (uint32_t)p->timestamp_anno().sec();
  UserAccount *u = account(upstream ? src : dst, now_s);
  if (!u) {
    _untracked++;
    output(0).push(p);
    return;
  }
  top_up(u, now_s);

  uint32_t bytes = ntohs(iph->ip_len);
  int hl = iph->ip_hl << 2;
  const uint8_t *l4 = reinterpret_cast<const uint8_t *>(iph) + hl;
  int l4len = (int)(p->end_data() - l4);
  int cls = IP_FIRSTFRAG(iph) ? traffic_class(iph, l4, l4len) : C_BULK;
  uint32_t cost = class_weight(cls, bytes);
  if (!upstream)
    cost -= cost / 4; // downstream is discounted

  bool ok = charge(u, cls, cost, bytes, now_s);
  SET_AGGREGATE_ANNO(p, u->balance > 0 ? (uint32_t)u->balance : 0);
  SET_PAINT_ANNO(p, u->status);
  if (ok) {
    if (u->status == ST_THROTTLED)
      _throttled++;
    _passed++;
    output(0).push(p);
  } else {
    _blocked++;
    output(1).push(p);
  }
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e = new MidTokenAccounting;
  if (clara_element_setup(e, config ? String(config) : String(), 1, 2) < 0)
    return 0;
  return e;
}
