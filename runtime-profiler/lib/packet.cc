// packet.cc - Packet allocation, cloning and the slow paths of
// uniqueify/push/put
//
// Part of Clara's Click-compatible framework (library click_compat).
// Mirrors the behaviour of the Click modular router's userlevel Packet, but
// is Clara's own code: no Click source was copied.
//
// Ownership: a packet either owns its buffer (_data_packet null) or is a
// clone that borrows the buffer of _data_packet. _use_count counts the
// references to a packet's buffer: the packet itself plus its live clones.
// kill() drops one reference; the packet object and buffer are freed with
// the last one (recycle), and a dying clone drops its reference to the
// owner.
#include <click/config.h>
#include <click/packet.hh>

#include <new>

CLICK_DECLS

Packet::Packet()
    : _use_count(1), _data_packet(0), _head(0), _data(0), _tail(0), _end(0),
      _destructor(0), _destructor_argument(0) {
  clear_annotations(true);
}

Packet::~Packet() {}

static void free_buffer(unsigned char *head, unsigned char *end,
                        Packet::buffer_destructor_type destructor,
                        void *argument) {
  if (!head)
    return;
  if (destructor)
    destructor(head, (size_t)(end - head), argument);
  else
    free(head);
}

WritablePacket *Packet::make(uint32_t headroom, const void *data,
                             uint32_t length, uint32_t tailroom) {
  uint64_t n = (uint64_t)headroom + length + tailroom;
  if (n < (uint64_t)min_buffer_length) {
    tailroom += (uint32_t)(min_buffer_length - n);
    n = min_buffer_length;
  }
  if (n > 0x7FFFFFFFU)
    return 0;
  unsigned char *buf = static_cast<unsigned char *>(malloc((size_t)n));
  if (!buf)
    return 0;
  WritablePacket *p = new (std::nothrow) WritablePacket;
  if (!p) {
    free(buf);
    return 0;
  }
  // zero-filled so host runs are deterministic and checker-clean
  memset(buf, 0, (size_t)n);
  p->_head = buf;
  p->_data = buf + headroom;
  p->_tail = p->_data + length;
  p->_end = buf + n;
  if (data && length)
    memcpy(p->_data, data, length);
  return p;
}

WritablePacket *Packet::make(unsigned char *data, uint32_t length,
                             buffer_destructor_type destructor, void *argument,
                             int headroom, int tailroom) {
  if (!data || headroom < 0 || tailroom < 0)
    return 0;
  WritablePacket *p = new (std::nothrow) WritablePacket;
  if (!p)
    return 0;
  p->_head = data - headroom;
  p->_data = data;
  p->_tail = data + length;
  p->_end = p->_tail + tailroom;
  p->_destructor = destructor;
  p->_destructor_argument = argument;
  return p;
}

void WritablePacket::recycle(WritablePacket *p) {
  if (p->_data_packet)
    p->_data_packet->kill();
  else
    free_buffer(p->_head, p->_end, p->_destructor, p->_destructor_argument);
  delete p;
}

Packet *Packet::clone(bool fast) {
  (void)fast;
  WritablePacket *q = new (std::nothrow) WritablePacket;
  if (!q)
    return 0;
  q->_head = _head;
  q->_data = _data;
  q->_tail = _tail;
  q->_end = _end;
  q->_aa = _aa;
  q->_aa.next = q->_aa.prev = 0;
  Packet *owner = _data_packet ? _data_packet : this;
  ++owner->_use_count;
  q->_data_packet = owner;
  return q;
}

static inline unsigned char *rebase(unsigned char *ptr,
                                    const unsigned char *old_data,
                                    unsigned char *new_data) {
  return ptr ? new_data + (ptr - old_data) : 0;
}

WritablePacket *Packet::expensive_uniqueify(int32_t extra_headroom,
                                            int32_t extra_tailroom,
                                            bool free_on_failure) {
  if (_use_count > 1) {
    // Clones still read this packet's buffer: give the caller an unshared
    // copy made through a clone, and drop this reference.
    Packet *c = clone();
    WritablePacket *q =
        c ? c->expensive_uniqueify(extra_headroom, extra_tailroom, true) : 0;
    if (q || free_on_failure)
      kill();
    return q;
  }

  int64_t new_headroom = (int64_t)headroom() + extra_headroom;
  int64_t new_tailroom = (int64_t)tailroom() + extra_tailroom;
  if (new_headroom < 0)
    new_headroom = 0;
  if (new_tailroom < 0)
    new_tailroom = 0;
  uint32_t len = length();
  int64_t n = new_headroom + len + new_tailroom;
  if (n < min_buffer_length) {
    new_tailroom += min_buffer_length - n;
    n = min_buffer_length;
  }
  unsigned char *buf =
      n <= 0x7FFFFFFF ? static_cast<unsigned char *>(malloc((size_t)n)) : 0;
  if (!buf) {
    if (free_on_failure)
      kill();
    return 0;
  }
  memset(buf, 0, (size_t)n);

  // Copy the data and as much of the old headroom and tailroom as fits, so
  // header pointers into the headroom stay meaningful.
  unsigned char *new_data = buf + new_headroom;
  uint32_t keep_head =
      (uint32_t)(headroom() < new_headroom ? headroom() : new_headroom);
  uint32_t keep_tail =
      (uint32_t)(tailroom() < new_tailroom ? tailroom() : new_tailroom);
  memcpy(new_data - keep_head, _data - keep_head, keep_head + len + keep_tail);

  _aa.mac = rebase(_aa.mac, _data, new_data);
  _aa.nh = rebase(_aa.nh, _data, new_data);
  _aa.h = rebase(_aa.h, _data, new_data);

  if (_data_packet) {
    _data_packet->kill();
    _data_packet = 0;
  } else
    free_buffer(_head, _end, _destructor, _destructor_argument);
  _destructor = 0;
  _destructor_argument = 0;

  _head = buf;
  _data = new_data;
  _tail = new_data + len;
  _end = buf + n;
  return static_cast<WritablePacket *>(this);
}

// Extra room is rounded up so that a run of small pushes does not copy the
// packet each time.
static inline int32_t round_room(uint32_t need) {
  return (int32_t)((need + 63) & ~63U);
}

WritablePacket *Packet::expensive_push(uint32_t len) {
  int32_t extra = len > headroom() ? round_room(len - headroom()) : 0;
  WritablePacket *q = expensive_uniqueify(extra, 0, true);
  if (q)
    q->_data -= len;
  return q;
}

WritablePacket *Packet::expensive_put(uint32_t len) {
  int32_t extra = len > tailroom() ? round_room(len - tailroom()) : 0;
  WritablePacket *q = expensive_uniqueify(0, extra, true);
  if (q)
    q->_tail += len;
  return q;
}

Packet *Packet::shift_data(int offset, bool free_on_failure) {
  if (offset == 0)
    return this;
  Packet *p = this;
  uint32_t need_head = offset < 0 ? (uint32_t)-offset : 0;
  uint32_t need_tail = offset > 0 ? (uint32_t)offset : 0;
  if (shared() || headroom() < need_head || tailroom() < need_tail) {
    int32_t eh =
        headroom() < need_head ? round_room(need_head - headroom()) : 0;
    int32_t et =
        tailroom() < need_tail ? round_room(need_tail - tailroom()) : 0;
    p = expensive_uniqueify(eh, et, free_on_failure);
    if (!p)
      return 0;
  }
  memmove(p->_data + offset, p->_data, p->length());
  p->_data += offset;
  p->_tail += offset;
  if (p->_aa.mac)
    p->_aa.mac += offset;
  if (p->_aa.nh)
    p->_aa.nh += offset;
  if (p->_aa.h)
    p->_aa.h += offset;
  return p;
}

CLICK_ENDDECLS
