// Training source for the instruction models (models/README.md): a
// traffic classifier that evaluates a small forest of decision trees on
// per-packet features (lengths, TTL, protocol, ports, TCP flags and window,
// TOS, inter-arrival gap from a per-bucket last-seen table). Trees are node
// arrays (feature, threshold, left, right; a leaf holds a class); the
// forest votes, ties go to the lower class. Feature type and forest size
// are template parameters (16-bit, 32-bit and signed 64-bit features).
// Written for training only; not part of the NF corpus.
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/packet.hh>
#include <click/packet_anno.hh>
#include <click/timestamp.hh>
#include <clicknet/ip.h>
#include <clicknet/tcp.h>
#include <clicknet/udp.h>

enum DtFeature {
  F_IPLEN,
  F_TTL,
  F_PROTO,
  F_SPORT,
  F_DPORT,
  F_FLAGS,
  F_WINDOW,
  F_TOS,
  F_PAYLOAD,
  F_GAP,
  F_COUNT
};

enum { NCLASSES = 4, LEAF = 0xff };

template <typename T> struct DtNode {
  uint8_t feature; // LEAF for a leaf
  uint8_t cls;
  uint8_t left, right;
  T threshold;
};

template <typename T, int NTREES, int NNODES>
class TrainDecisionForest : public Element {
public:
  TrainDecisionForest() : _unparsed(0) {
    for (int t = 0; t < NTREES; ++t)
      build(t);
    for (int i = 0; i < 64; ++i)
      _last_us[i] = 0;
    for (int c = 0; c < NCLASSES; ++c)
      _per_class[c] = 0;
  }
  const char *class_name() const override { return "TrainDecisionForest"; }
  const char *port_count() const override { return "1/4"; }
  void push(int port, Packet *p) override;

private:
  void node(int t, int i, int f, T thr, int l, int r) {
    DtNode<T> &n = _trees[t][i];
    n.feature = (uint8_t)f;
    n.threshold = thr;
    n.left = (uint8_t)l;
    n.right = (uint8_t)r;
    n.cls = 0;
  }
  void leaf(int t, int i, int cls) {
    _trees[t][i].feature = LEAF;
    _trees[t][i].cls = (uint8_t)cls;
  }
  void build(int t) {
    for (int i = 0; i < NNODES; ++i)
      leaf(t, i, 3);
    // Shapes differ per tree so that the forest is not one tree repeated.
    int k = t % 3;
    node(t, 0, k == 0 ? F_PROTO : F_IPLEN, (T)(k == 0 ? 10 : 200 + 100 * t), 1,
         2);
    node(t, 1, F_DPORT, (T)1024, 3, 4);
    node(t, 2, F_GAP, (T)(1000 * (t + 1)), 5, 6);
    node(t, 3, F_FLAGS, (T)TH_SYN, 7, 8);
    leaf(t, 4, 2);
    node(t, 5, F_PAYLOAD, (T)64, 9, 10);
    leaf(t, 6, 1);
    leaf(t, 7, 0);
    node(t, 8, F_WINDOW, (T)(4096 << k), 11, 12);
    leaf(t, 9, 0);
    leaf(t, 10, 1);
    leaf(t, 11, 2);
    node(t, 12, F_TTL, (T)64, 13, 14);
    leaf(t, 13, 3);
    leaf(t, 14, 1);
  }
  bool features(const Packet *p, T *f, int64_t now_us);
  int eval_tree(int t, const T *f) const {
    int i = 0;
    for (int depth = 0; depth < NNODES; ++depth) {
      const DtNode<T> &n = _trees[t][i];
      if (n.feature == LEAF)
        return n.cls;
      int next = f[n.feature] <= n.threshold ? n.left : n.right;
      if (next >= NNODES)
        return NCLASSES - 1;
      i = next;
    }
    return NCLASSES - 1;
  }
  int vote(const T *f) const {
    uint8_t votes[NCLASSES] = {0, 0, 0, 0};
    for (int t = 0; t < NTREES; ++t)
      votes[eval_tree(t, f)]++;
    int best = 0;
    for (int c = 1; c < NCLASSES; ++c)
      if (votes[c] > votes[best])
        best = c;
    return best;
  }

  DtNode<T> _trees[NTREES][NNODES];
  int64_t _last_us[64];
  uint64_t _per_class[NCLASSES];
  uint32_t _unparsed;
};

template <typename T, int NTREES, int NNODES>
bool TrainDecisionForest<T, NTREES, NNODES>::features(const Packet *p, T *f,
                                                      int64_t now_us) {
  const click_ip *iph = p->ip_header();
  if (!iph)
    return false;
  unsigned hl = iph->ip_hl << 2;
  unsigned iplen = ntohs(iph->ip_len);
  f[F_IPLEN] = (T)iplen;
  f[F_TTL] = (T)iph->ip_ttl;
  f[F_PROTO] = (T)iph->ip_p;
  f[F_TOS] = (T)(iph->ip_tos >> 2);
  f[F_SPORT] = f[F_DPORT] = f[F_FLAGS] = f[F_WINDOW] = 0;
  unsigned l4 = 0;
  if (iph->ip_p == IP_PROTO_TCP && p->transport_length() >= 20) {
    const click_tcp *th = p->tcp_header();
    f[F_SPORT] = (T)ntohs(th->th_sport);
    f[F_DPORT] = (T)ntohs(th->th_dport);
    f[F_FLAGS] = (T)th->th_flags;
    f[F_WINDOW] = (T)ntohs(th->th_win);
    l4 = th->th_off << 2;
  } else if (iph->ip_p == IP_PROTO_UDP && p->transport_length() >= 8) {
    const click_udp *uh = p->udp_header();
    f[F_SPORT] = (T)ntohs(uh->uh_sport);
    f[F_DPORT] = (T)ntohs(uh->uh_dport);
    l4 = 8;
  }
  f[F_PAYLOAD] = iplen > hl + l4 ? (T)(iplen - hl - l4) : (T)0;
  uint32_t b =
      (ntohl(iph->ip_src.s_addr) ^ ntohl(iph->ip_dst.s_addr)) * 2654435761u;
  b >>= 26;
  int64_t gap = _last_us[b] ? now_us - _last_us[b] : 0;
  _last_us[b] = now_us;
  // Saturate to the feature type.
  T maxv = (T) ~(T)0;
  if (maxv < 0)
    maxv = (T)(((uint64_t)1 << (sizeof(T) * 8 - 1)) - 1);
  f[F_GAP] = gap > (int64_t)maxv ? maxv : (T)gap;
  return true;
}

template <typename T, int NTREES, int NNODES>
void TrainDecisionForest<T, NTREES, NNODES>::push(int, Packet *p) {
  T f[F_COUNT];
  const Timestamp &ts = p->timestamp_anno();
  int64_t now = (int64_t)ts.sec() * 1000000 + ts.usec();
  if (!features(p, f, now)) {
    _unparsed++;
    checked_output_push(NCLASSES - 1, p);
    return;
  }
  int c = vote(f);
  _per_class[c]++;
  SET_PAINT_ANNO(p, (uint8_t)c);
  checked_output_push(c, p);
}

extern "C" Element *clara_nf_create(const char *config) {
  Element *e[3] = {new TrainDecisionForest<uint16_t, 3, 15>,
                   new TrainDecisionForest<uint32_t, 5, 15>,
                   new TrainDecisionForest<int64_t, 7, 16>};
  String conf = config ? String(config) : String();
  for (int i = 0; i < 3; ++i)
    if (clara_element_setup(e[i], conf, 1, NCLASSES) < 0)
      return 0;
  for (int i = 0; i + 1 < 3; ++i)
    for (int c = 0; c < NCLASSES; ++c)
      clara_connect(e[i], c, e[i + 1], 0);
  return e[0];
}
