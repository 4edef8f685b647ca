/* Byte-at-a-time receiver for a small serial link:
 *     0xA5 | len | payload[len] | fcs_hi | fcs_lo
 * The frame check covers len and payload: 16-bit, generator 0x1021, MSB
 * first, preset 0xFFFF, inverted at the end.  The receiver is a stackless
 * coroutine (switch-based resume points) and is called once per byte. */
#include <stddef.h>
#include <stdint.h>

#define LINK_SYNC 0xA5u

#define CO_BEGIN(c)  switch ((c)->pc) { case 0:
#define CO_YIELD(c, v) do { (c)->pc = __LINE__; return (v); case __LINE__:; } while (0)
#define CO_END(c)    } (c)->pc = 0

#define FCS_STEP(r, byte)                                                   \
    do {                                                                    \
        int k_;                                                             \
        (r) ^= (uint16_t)((byte) << 8);                                     \
        for (k_ = 0; k_ < 8; k_++)                                          \
            (r) = (uint16_t)(((r) & 0x8000u) ? (((r) << 1) ^ 0x1021u)       \
                                             : ((r) << 1));                 \
    } while (0)

enum rx_status { RX_MORE = 0, RX_FRAME = 1, RX_BADFCS = -1 };

struct rx_co {
    int pc;
    uint8_t in;
    uint8_t len;
    uint8_t got;
    uint16_t run;
    uint16_t want;
    uint8_t payload[255];
};

void rx_reset(struct rx_co *c)
{
    c->pc = 0;
    c->got = 0;
    c->len = 0;
}

int rx_step(struct rx_co *c, uint8_t byte)
{
    c->in = byte;
    CO_BEGIN(c);
    for (;;) {
        while (c->in != LINK_SYNC)
            CO_YIELD(c, RX_MORE);
        CO_YIELD(c, RX_MORE);
        c->len = c->in;
        c->run = 0xFFFFu;
        FCS_STEP(c->run, c->in);
        for (c->got = 0; c->got < c->len; c->got++) {
            CO_YIELD(c, RX_MORE);
            c->payload[c->got] = c->in;
            FCS_STEP(c->run, c->in);
        }
        CO_YIELD(c, RX_MORE);
        c->want = (uint16_t)(c->in << 8);
        CO_YIELD(c, RX_MORE);
        c->want |= c->in;
        c->run ^= 0xFFFFu;
        if (c->run == c->want) {
            c->pc = 0;
            c->in = 0;
            return RX_FRAME;
        }
        c->pc = 0;
        c->in = 0;
        return RX_BADFCS;
    }
    CO_END(c);
    return RX_MORE;
}

uint16_t link_fcs(const uint8_t *p, size_t n)
{
    uint16_t r = 0xFFFFu;

    while (n--) {
        uint8_t b = *p++;
        FCS_STEP(r, b);
    }
    return (uint16_t)(r ^ 0xFFFFu);
}

/* Writes a full frame for payload into out (needs len + 4 bytes). */
size_t link_frame(uint8_t *out, const uint8_t *payload, uint8_t len)
{
    uint16_t f;
    size_t i;

    out[0] = LINK_SYNC;
    out[1] = len;
    for (i = 0; i < len; i++)
        out[2 + i] = payload[i];
    f = link_fcs(out + 1, (size_t)len + 1);
    out[2 + len] = (uint8_t)(f >> 8);
    out[3 + len] = (uint8_t)f;
    return (size_t)len + 4;
}
