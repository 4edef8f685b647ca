//===- test/nf/wepdecap.cc - WepDecap: 802.11 WEP decryption --------------===//
//
// Decrypts WEP-protected 802.11 frames: builds the per-frame RC4 key from
// the frame's 24-bit IV and the shared key its key id selects, runs RC4 key
// scheduling and keystream generation over the body and ICV, checks the ICV
// (CRC-32 of the plaintext) and drops frames that fail. Good frames lose
// their 4-byte WEP header and ICV and have the Protected bit cleared.
// Unprotected frames pass unless STRICT. This is the paper's 'wepdecap' NF
// (Wi-Fi decapsulation; its 'rc4' part).
//
// Entry points: WepDecap::simple_action
// State: WepDecap::_keys (array, 4 shared keys of up to 13 bytes);
//        WepDecap::_key_len (array, length of each key, 0 if unset);
//        WepDecap::_active (none, decrypt at all);
//        WepDecap::_strict (none, drop unprotected data frames);
//        WepDecap::_rc4 (none, RC4 permutation and indices, 258 bytes);
//        WepDecap::_decrypted (none, frames decrypted);
//        WepDecap::_icv_errors (none, frames failing the ICV check);
//        WepDecap::_no_key (none, frames naming an unset key);
//        WepDecap::_too_short (none, truncated frames);
//        WepDecap::_cleartext (none, unprotected frames);
//        _ZL13wep_crc_table (array, the file-static wep_crc_table: CRC-32
//        table filled at configure time, read per packet)
// Accelerator opportunities: crc: wep_crc32 (CRC-32 / IEEE 802.3, reflected
//        polynomial 0xEDB88320, byte-wise table lookup); crypto:
//        WepDecap::rc4_init (RC4 key scheduling) and WepDecap::rc4_crypt
//        (RC4 keystream generation and XOR)
//
//===----------------------------------------------------------------------===//

// clang-format off
// RUN: %clara_nf_cxx -g %s -o %t.g.bc
// RUN: %clara_opt -passes='print<clara-annotate>' -disable-output %t.g.bc 2>&1 | FileCheck %s --check-prefixes=CHECK,DBG
// RUN: %clara_nf_cxx %s -o %t.bc
// RUN: %clara_opt -passes='print<clara-annotate>' -disable-output %t.bc 2>&1 | FileCheck %s --check-prefixes=CHECK,NODBG
// RUN: %clara_nf_cxx_plain %s -o %t.plain.bc
// RUN: %clara_opt -passes='print<clara-annotate>' -disable-output %t.plain.bc 2>&1 | FileCheck %s --check-prefixes=CHECK,NODBG
//
// CHECK: clara-annotate: EntryPoints=1 StateObjects=11
// CHECK-DAG: EntryPoint Function=_ZN8WepDecap13simple_actionEP6Packet Demangled=WepDecap::simple_action(Packet*)
// DBG-DAG: StateObject Name=WepDecap::_keys Bytes=52 Container=array Shared=no
// NODBG-DAG: StateObject Name=WepDecap.1 Bytes=52 Container=array Shared=no
// DBG-DAG: StateObject Name=WepDecap::_key_len Bytes=4 Container=array Shared=no
// NODBG-DAG: StateObject Name=WepDecap.2 Bytes=4 Container=array Shared=no
// DBG-DAG: StateObject Name=WepDecap::_active Bytes=1 Container=none Shared=no
// NODBG-DAG: StateObject Name=WepDecap.3 Bytes=1 Container=none Shared=no
// DBG-DAG: StateObject Name=WepDecap::_strict Bytes=1 Container=none Shared=no
// NODBG-DAG: StateObject Name=WepDecap.4 Bytes=1 Container=none Shared=no
// DBG-DAG: StateObject Name=WepDecap::_rc4 Bytes=258 Container=none Shared=no
// NODBG-DAG: StateObject Name=WepDecap.5 Bytes=258 Container=none Shared=no
// DBG-DAG: StateObject Name=WepDecap::_decrypted Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=WepDecap.6 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=WepDecap::_icv_errors Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=WepDecap.7 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=WepDecap::_no_key Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=WepDecap.8 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=WepDecap::_too_short Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=WepDecap.9 Bytes=8 Container=none Shared=no
// DBG-DAG: StateObject Name=WepDecap::_cleartext Bytes=8 Container=none Shared=no
// NODBG-DAG: StateObject Name=WepDecap.10 Bytes=8 Container=none Shared=no
// CHECK-DAG: StateObject Name=_ZL13wep_crc_table Bytes=1024 Container=array Shared=no
// clang-format on

#include <click/args.hh>
#include <click/clara.hh>
#include <click/config.h>
#include <click/element.hh>
#include <click/error.hh>
#include <click/packet.hh>

// The 802.11 MAC header of a data frame without address 4 or QoS field.
struct wep_wifi_header {
  uint8_t i_fc[2];
  uint8_t i_dur[2];
  uint8_t i_addr1[6];
  uint8_t i_addr2[6];
  uint8_t i_addr3[6];
  uint8_t i_seq[2];
};

enum {
  WIFI_FC0_TYPE_MASK = 0x0c,
  WIFI_FC0_TYPE_DATA = 0x08,
  WIFI_FC1_PROTECTED = 0x40,
  WEP_IV_LEN = 3,
  WEP_HEADER_LEN = 4, // IV + key id byte
  WEP_ICV_LEN = 4,
  WEP_NKEYS = 4,
  WEP_KEY_MAX = 13, // 104-bit WEP
};

static uint32_t wep_crc_table[256];

// Reflected CRC-32 (IEEE 802.3 polynomial), one table lookup per byte.
static uint32_t wep_crc32(const uint8_t *data, int len) {
  uint32_t crc = 0xFFFFFFFFu;
  for (int i = 0; i < len; i++)
    crc = wep_crc_table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

static void wep_build_crc_table() {
  for (uint32_t n = 0; n < 256; n++) {
    uint32_t c = n;
    for (int k = 0; k < 8; k++)
      c = (c & 1) ? (0xEDB88320u ^ (c >> 1)) : (c >> 1);
    wep_crc_table[n] = c;
  }
}

class WepDecap : public Element {
public:
  WepDecap();

  const char *class_name() const override { return "WepDecap"; }
  const char *port_count() const override { return PORTS_1_1; }

  int configure(Vector<String> &conf, ErrorHandler *errh) override;
  Packet *simple_action(Packet *p) override;

private:
  struct RC4State {
    uint8_t perm[256];
    uint8_t index1;
    uint8_t index2;
  };

  uint8_t _keys[WEP_NKEYS][WEP_KEY_MAX];
  uint8_t _key_len[WEP_NKEYS];
  bool _active;        // decrypt at all
  bool _strict;        // drop unprotected data frames
  RC4State _rc4;       // keystream state of the frame being decrypted
  uint64_t _decrypted; // frames decrypted and ICV-checked
  uint64_t _icv_errors;
  uint64_t _no_key;    // key id with no configured key
  uint64_t _too_short; // frames too short to hold WEP framing
  uint64_t _cleartext; // unprotected frames

  void rc4_init(const uint8_t *key, int keylen);
  void rc4_crypt(uint8_t *data, int len);
  bool decrypt(WritablePacket *p, int keyid);
  void strip_wep(WritablePacket *p);
};

WepDecap::WepDecap()
    : _active(true), _strict(false), _decrypted(0), _icv_errors(0), _no_key(0),
      _too_short(0), _cleartext(0) {
  for (int k = 0; k < WEP_NKEYS; k++) {
    _key_len[k] = 0;
    for (int i = 0; i < WEP_KEY_MAX; i++)
      _keys[k][i] = 0;
  }
  for (int i = 0; i < 256; i++)
    _rc4.perm[i] = 0;
  _rc4.index1 = _rc4.index2 = 0;
}

static int hex_digit(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

// KEY is 10 or 26 hex digits (40- or 104-bit WEP), stored under KEYID.
int WepDecap::configure(Vector<String> &conf, ErrorHandler *errh) {
  String key;
  int keyid = 0;
  bool active = true, strict = false;
  if (Args(conf, this, errh)
          .read_mp("KEY", key)
          .read("KEYID", BoundedIntArg(0, WEP_NKEYS - 1), keyid)
          .read("ACTIVE", active)
          .read("STRICT", strict)
          .complete() < 0)
    return -1;
  if (key.length() != 10 && key.length() != 2 * WEP_KEY_MAX)
    return errh->error("KEY must be 10 or 26 hex digits");
  for (int i = 0; i < key.length() / 2; i++) {
    int hi = hex_digit(key[2 * i]), lo = hex_digit(key[2 * i + 1]);
    if (hi < 0 || lo < 0)
      return errh->error("KEY must be hexadecimal");
    _keys[keyid][i] = (uint8_t)(hi << 4 | lo);
  }
  _key_len[keyid] = (uint8_t)(key.length() / 2);
  _active = active;
  _strict = strict;
  wep_build_crc_table();
  return 0;
}

// RC4 key scheduling.
void WepDecap::rc4_init(const uint8_t *key, int keylen) {
  for (int i = 0; i < 256; i++)
    _rc4.perm[i] = (uint8_t)i;
  uint8_t j = 0;
  int k = 0;
  for (int i = 0; i < 256; i++) {
    j = (uint8_t)(j + _rc4.perm[i] + key[k]);
    uint8_t t = _rc4.perm[i];
    _rc4.perm[i] = _rc4.perm[j];
    _rc4.perm[j] = t;
    if (++k == keylen)
      k = 0;
  }
  _rc4.index1 = 0;
  _rc4.index2 = 0;
}

// RC4 keystream generation, XORed into DATA in place.
void WepDecap::rc4_crypt(uint8_t *data, int len) {
  uint8_t i = _rc4.index1, j = _rc4.index2;
  for (int n = 0; n < len; n++) {
    i = (uint8_t)(i + 1);
    j = (uint8_t)(j + _rc4.perm[i]);
    uint8_t t = _rc4.perm[i];
    _rc4.perm[i] = _rc4.perm[j];
    _rc4.perm[j] = t;
    data[n] ^= _rc4.perm[(uint8_t)(_rc4.perm[i] + _rc4.perm[j])];
  }
  _rc4.index1 = i;
  _rc4.index2 = j;
}

// Decrypts body and ICV in place and checks the ICV.
bool WepDecap::decrypt(WritablePacket *p, int keyid) {
  uint8_t *iv = p->data() + sizeof(wep_wifi_header);
  uint8_t seed[WEP_IV_LEN + WEP_KEY_MAX];
  int keylen = _key_len[keyid];
  for (int i = 0; i < WEP_IV_LEN; i++)
    seed[i] = iv[i];
  for (int i = 0; i < keylen; i++)
    seed[WEP_IV_LEN + i] = _keys[keyid][i];
  rc4_init(seed, WEP_IV_LEN + keylen);

  uint8_t *body = iv + WEP_HEADER_LEN;
  int body_len = p->length() - sizeof(wep_wifi_header) - WEP_HEADER_LEN;
  rc4_crypt(body, body_len);

  int plain_len = body_len - WEP_ICV_LEN;
  const uint8_t *icvp = body + plain_len;
  uint32_t icv = (uint32_t)icvp[0] | ((uint32_t)icvp[1] << 8) |
                 ((uint32_t)icvp[2] << 16) | ((uint32_t)icvp[3] << 24);
  return wep_crc32(body, plain_len) == icv;
}

// Slides the MAC header over the WEP header, drops the ICV and clears the
// Protected bit.
void WepDecap::strip_wep(WritablePacket *p) {
  uint8_t *d = p->data();
  for (int i = (int)sizeof(wep_wifi_header) - 1; i >= 0; i--)
    d[i + WEP_HEADER_LEN] = d[i];
  p->pull(WEP_HEADER_LEN);
  p->take(WEP_ICV_LEN);
  wep_wifi_header *w = reinterpret_cast<wep_wifi_header *>(p->data());
  w->i_fc[1] &= ~WIFI_FC1_PROTECTED;
}

Packet *WepDecap::simple_action(Packet *p) {
  if (!_active)
    return p;
  if (p->length() < sizeof(wep_wifi_header)) {
    _too_short++;
    p->kill();
    return nullptr;
  }

  const wep_wifi_header *w =
      reinterpret_cast<const wep_wifi_header *>(p->data());
  bool is_data = (w->i_fc[0] & WIFI_FC0_TYPE_MASK) == WIFI_FC0_TYPE_DATA;
  if (!(w->i_fc[1] & WIFI_FC1_PROTECTED)) {
    _cleartext++;
    if (_strict && is_data) {
      p->kill();
      return nullptr;
    }
    return p;
  }

  if (p->length() < sizeof(wep_wifi_header) + WEP_HEADER_LEN + WEP_ICV_LEN) {
    _too_short++;
    p->kill();
    return nullptr;
  }

  int keyid = p->data()[sizeof(wep_wifi_header) + WEP_IV_LEN] >> 6;
  if (_key_len[keyid] == 0) {
    _no_key++;
    p->kill();
    return nullptr;
  }

  WritablePacket *q = p->uniqueify();
  if (!q)
    return nullptr;
  if (!decrypt(q, keyid)) {
    _icv_errors++;
    q->kill();
    return nullptr;
  }
  strip_wep(q);
  _decrypted++;
  return q;
}

extern "C" Element *clara_nf_create(const char *config) {
  WepDecap *e = new WepDecap;
  String conf =
      config && *config ? String(config) : String("KEY 0badc0ffee, KEYID 0");
  if (clara_element_setup(e, conf) < 0) {
    delete e;
    return nullptr;
  }
  return e;
}
