/* HPACK (RFC 7541) header-block decoding without Huffman: prefix integers,
 * the static table, a size-bounded dynamic table and the representations
 * of section 6.  Huffman-coded literals are rejected (H bit set).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct { const char *n, *v; } hdr_pair;

static const hdr_pair stbl[61] = {
  {":authority", ""}, {":method", "GET"}, {":method", "POST"},
  {":path", "/"}, {":path", "/index.html"}, {":scheme", "http"},
  {":scheme", "https"}, {":status", "200"}, {":status", "204"},
  {":status", "206"}, {":status", "304"}, {":status", "400"},
  {":status", "404"}, {":status", "500"}, {"accept-charset", ""},
  {"accept-encoding", "gzip, deflate"}, {"accept-language", ""},
  {"accept-ranges", ""}, {"accept", ""}, {"access-control-allow-origin", ""},
  {"age", ""}, {"allow", ""}, {"authorization", ""}, {"cache-control", ""},
  {"content-disposition", ""}, {"content-encoding", ""},
  {"content-language", ""}, {"content-length", ""},
  {"content-location", ""}, {"content-range", ""}, {"content-type", ""},
  {"cookie", ""}, {"date", ""}, {"etag", ""}, {"expect", ""},
  {"expires", ""}, {"from", ""}, {"host", ""}, {"if-match", ""},
  {"if-modified-since", ""}, {"if-none-match", ""}, {"if-range", ""},
  {"if-unmodified-since", ""}, {"last-modified", ""}, {"link", ""},
  {"location", ""}, {"max-forwards", ""}, {"proxy-authenticate", ""},
  {"proxy-authorization", ""}, {"range", ""}, {"referer", ""},
  {"refresh", ""}, {"retry-after", ""}, {"server", ""}, {"set-cookie", ""},
  {"strict-transport-security", ""}, {"transfer-encoding", ""},
  {"user-agent", ""}, {"vary", ""}, {"via", ""}, {"www-authenticate", ""},
};

#define DYN_SLOTS 64
#define DYN_ARENA 4096

struct hp_dyn {
  struct { uint16_t off, nlen, vlen; } e[DYN_SLOTS]; /* e[0] newest */
  unsigned count;
  uint32_t size, max_size;      /* RFC 7541 4.1 accounting */
  char arena[DYN_SLOTS][DYN_ARENA / DYN_SLOTS];
};

typedef void (*hp_emit_fn)(void *ctx, const char *n, size_t nl, const char *v,
                           size_t vl);

/* N-bit prefix integer encoding (section 5.1). */
size_t hp_put_int(uint8_t *out, size_t room, uint8_t flags, unsigned nbits,
                  uint32_t value)
{
  uint32_t lim = (1u << nbits) - 1;
  size_t k = 0;

  if (room == 0)
    return 0;
  if (value < lim) {
    out[k++] = (uint8_t)(flags | value);
    return k;
  }
  out[k++] = (uint8_t)(flags | lim);
  value -= lim;
  while (value >= 128) {
    if (k == room)
      return 0;
    out[k++] = (uint8_t)(0x80 | (value & 0x7f));
    value >>= 7;
  }
  if (k == room)
    return 0;
  out[k++] = (uint8_t)value;
  return k;
}

size_t hp_get_int(const uint8_t *in, size_t len, unsigned nbits, uint32_t *value)
{
  uint32_t lim = (1u << nbits) - 1, v;
  unsigned shift = 0;
  size_t k = 1;

  if (len == 0)
    return 0;
  v = in[0] & lim;
  if (v < lim) {
    *value = v;
    return 1;
  }
  for (;;) {
    uint8_t b;
    if (k >= len || shift > 28)
      return 0;
    b = in[k++];
    if (shift == 28 && (b & 0x70))
      return 0; /* would overflow 32 bits */
    v += (uint32_t)(b & 0x7f) << shift;
    shift += 7;
    if (!(b & 0x80))
      break;
  }
  *value = v;
  return k;
}

/* 1-based index into the combined address space: 1..61 static, 62.. dynamic */
static int hp_lookup(const struct hp_dyn *d, uint32_t idx, const char **n,
                     size_t *nl, const char **v, size_t *vl)
{
  if (idx == 0)
    return -1;
  if (idx <= 61) {
    *n = stbl[idx - 1].n;
    *nl = strlen(*n);
    *v = stbl[idx - 1].v;
    *vl = strlen(*v);
    return 0;
  }
  idx -= 62;
  if (idx >= d->count)
    return -1;
  *n = d->arena[d->e[idx].off];
  *nl = d->e[idx].nlen;
  *v = *n + *nl;
  *vl = d->e[idx].vlen;
  return 0;
}

static void hp_evict_to(struct hp_dyn *d, uint32_t limit)
{
  while (d->count && d->size > limit) {
    unsigned last = d->count - 1;
    d->size -= 32u + d->e[last].nlen + d->e[last].vlen;
    d->count = last;
  }
}

static void hp_insert(struct hp_dyn *d, const char *n, size_t nl, const char *v,
                      size_t vl)
{
  uint32_t need = (uint32_t)(32 + nl + vl);
  unsigned slot, i;
  uint8_t used[DYN_SLOTS];

  hp_evict_to(d, need > d->max_size ? 0 : d->max_size - need);
  if (need > d->max_size || nl + vl > DYN_ARENA / DYN_SLOTS || d->count == DYN_SLOTS)
    return; /* too large: table ends up empty, per 4.4 */
  memset(used, 0, sizeof used);
  for (i = 0; i < d->count; i++)
    used[d->e[i].off] = 1;
  for (slot = 0; used[slot]; slot++)
    ;
  memcpy(d->arena[slot], n, nl);
  memcpy(d->arena[slot] + nl, v, vl);
  memmove(&d->e[1], &d->e[0], d->count * sizeof d->e[0]);
  d->e[0].off = (uint16_t)slot;
  d->e[0].nlen = (uint16_t)nl;
  d->e[0].vlen = (uint16_t)vl;
  d->count++;
  d->size += need;
}

static size_t hp_string(const uint8_t *in, size_t len, const char **s, size_t *sl)
{
  uint32_t n;
  size_t k;

  if (len == 0 || (in[0] & 0x80))
    return 0; /* Huffman not supported here */
  k = hp_get_int(in, len, 7, &n);
  if (k == 0 || n > len - k)
    return 0;
  *s = (const char *)in + k;
  *sl = n;
  return k + n;
}

/* Decode a complete header block; returns the number of header fields or
 * -1 on a decoding error. */
int hp_decode_block(struct hp_dyn *d, const uint8_t *in, size_t len,
                    hp_emit_fn emit, void *ctx)
{
  size_t pos = 0;
  int fields = 0;

  while (pos < len) {
    uint8_t b = in[pos];
    const char *n, *v;
    size_t nl, vl, k;
    uint32_t idx;

    if (b & 0x80) { /* indexed field */
      k = hp_get_int(in + pos, len - pos, 7, &idx);
      if (!k || hp_lookup(d, idx, &n, &nl, &v, &vl))
        return -1;
      pos += k;
      emit(ctx, n, nl, v, vl);
      fields++;
      continue;
    }
    if ((b & 0xe0) == 0x20) { /* dynamic table size update */
      k = hp_get_int(in + pos, len - pos, 5, &idx);
      if (!k || idx > DYN_ARENA)
        return -1;
      d->max_size = idx;
      hp_evict_to(d, idx);
      pos += k;
      continue;
    }
    {
      unsigned prefix = (b & 0x40) ? 6 : 4; /* incremental vs without/never */
      k = hp_get_int(in + pos, len - pos, prefix, &idx);
      if (!k)
        return -1;
      pos += k;
      if (idx == 0) {
        k = hp_string(in + pos, len - pos, &n, &nl);
        if (!k)
          return -1;
        pos += k;
      } else if (hp_lookup(d, idx, &n, &nl, &v, &vl)) {
        return -1;
      }
      k = hp_string(in + pos, len - pos, &v, &vl);
      if (!k)
        return -1;
      pos += k;
      emit(ctx, n, nl, v, vl);
      fields++;
      if (prefix == 6) {
        char tmp[DYN_ARENA / DYN_SLOTS];
        /* name may live in the arena slot about to be evicted: copy first */
        if (nl + vl <= sizeof tmp) {
          memcpy(tmp, n, nl);
          memcpy(tmp + nl, v, vl);
          hp_insert(d, tmp, nl, tmp + nl, vl);
        } else {
          hp_evict_to(d, 0);
        }
      }
    }
  }
  return fields;
}
