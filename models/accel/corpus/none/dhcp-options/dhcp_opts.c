/*
 * dhcp_opts.c: DHCPv4 option lookup for a relay/snooping agent.
 *
 * Looks an option up in a BOOTP/DHCP message (RFC 2131/2132): the options
 * field after the magic cookie and, when Option Overload (52) says so, the
 * 'file' and 'sname' fields too, in that order. Options that appear more
 * than once are concatenated as required by RFC 3396. Also helpers for the
 * message type and for appending a Relay Agent Information option (82).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define BOOTP_FIXED_LEN   236   /* op .. file, without the cookie */
#define BOOTP_SNAME_OFF   44
#define BOOTP_SNAME_LEN   64
#define BOOTP_FILE_OFF    108
#define BOOTP_FILE_LEN    128
#define DHCP_OPTIONS_OFF  240

#define OPT_PAD           0
#define OPT_MSG_TYPE      53
#define OPT_OVERLOAD      52
#define OPT_RELAY_AGENT   82
#define OPT_END           255

#define OVERLOAD_FILE     1
#define OVERLOAD_SNAME    2

static const uint8_t dhcp_cookie[4] = { 99, 130, 83, 99 };

/*
 * Scan one option area. Appends the payload of every instance of 'code'
 * to out (if room) and returns the total payload length found, -1 if the
 * area is malformed. *overload receives option 52's value when seen.
 */
static int scan_area(const uint8_t *p, size_t len, uint8_t code,
                     uint8_t *out, size_t outsz, size_t *outlen,
                     int *found, int *overload)
{
	size_t i = 0;

	while (i < len) {
		uint8_t c = p[i];
		uint8_t l;

		if (c == OPT_PAD) {
			i++;
			continue;
		}
		if (c == OPT_END)
			return 0;
		if (i + 1 >= len)
			return -1;
		l = p[i + 1];
		if (l > len - i - 2)
			return -1;
		if (c == OPT_OVERLOAD && overload != NULL) {
			if (l != 1)
				return -1;
			*overload = p[i + 2];
		}
		if (c == code) {
			size_t room = *outlen < outsz ? outsz - *outlen : 0;
			size_t n = l < room ? l : room;
			if (out != NULL && n > 0)
				memcpy(out + *outlen, p + i + 2, n);
			*outlen += l;	/* true total, may exceed outsz */
			*found = 1;
		}
		i += 2 + (size_t)l;
	}
	/* ran off the end without an END option: tolerated in sname/file */
	return 0;
}

/*
 * Returns the concatenated option length (copied to out), -1 if not
 * present, -2 if the message is malformed, -3 if out is too small.
 */
int dhcp_get_option(const uint8_t *msg, size_t len, uint8_t code,
                    uint8_t *out, size_t outsz)
{
	size_t outlen = 0;
	int found = 0;
	int overload = 0;

	if (code == OPT_PAD || code == OPT_END)
		return -1;
	if (len < DHCP_OPTIONS_OFF || memcmp(msg + BOOTP_FIXED_LEN, dhcp_cookie, 4) != 0)
		return -2;
	if (scan_area(msg + DHCP_OPTIONS_OFF, len - DHCP_OPTIONS_OFF, code,
	              out, outsz, &outlen, &found, &overload) < 0)
		return -2;
	if (overload & OVERLOAD_FILE) {
		if (scan_area(msg + BOOTP_FILE_OFF, BOOTP_FILE_LEN, code,
		              out, outsz, &outlen, &found, NULL) < 0)
			return -2;
	}
	if (overload & OVERLOAD_SNAME) {
		if (scan_area(msg + BOOTP_SNAME_OFF, BOOTP_SNAME_LEN, code,
		              out, outsz, &outlen, &found, NULL) < 0)
			return -2;
	}
	if (!found)
		return -1;
	if (outlen > outsz)
		return -3;
	return (int)outlen;
}

/* DHCP message type (1..8) or 0 for plain BOOTP / malformed. */
int dhcp_message_type(const uint8_t *msg, size_t len)
{
	uint8_t t;

	if (dhcp_get_option(msg, len, OPT_MSG_TYPE, &t, 1) != 1)
		return 0;
	return (t >= 1 && t <= 8) ? t : 0;
}

/*
 * Insert option 82 with a circuit-id sub-option in front of the END option
 * of the main options area. Returns the new message length or -1 if it
 * does not fit in cap bytes, the message already carries option 82, or the
 * options area has no END.
 */
int dhcp_add_relay_agent(uint8_t *msg, size_t len, size_t cap,
                         const uint8_t *circuit_id, uint8_t cid_len)
{
	size_t i = DHCP_OPTIONS_OFF;
	size_t need = 4 + (size_t)cid_len;
	uint8_t scratch;

	if (cid_len == 0 || cid_len > 253)
		return -1;
	if (dhcp_get_option(msg, len, OPT_RELAY_AGENT, &scratch, 0) != -1)
		return -1;
	while (i < len) {
		if (msg[i] == OPT_PAD) {
			i++;
			continue;
		}
		if (msg[i] == OPT_END)
			break;
		if (i + 1 >= len)
			return -1;
		i += 2 + (size_t)msg[i + 1];
	}
	if (i >= len)
		return -1;
	/* reuse trailing pad bytes after END when present */
	{
		size_t tail = len - i - 1;
		size_t newlen = len;
		if (tail < need) {
			newlen = len + (need - tail);
			if (newlen > cap)
				return -1;
		}
		msg[i] = OPT_RELAY_AGENT;
		msg[i + 1] = (uint8_t)(2 + cid_len);
		msg[i + 2] = 1; /* Agent Circuit ID sub-option */
		msg[i + 3] = cid_len;
		memcpy(msg + i + 4, circuit_id, cid_len);
		msg[i + need] = OPT_END;
		if (newlen > i + need + 1)
			memset(msg + i + need + 1, OPT_PAD, newlen - i - need - 1);
		return (int)newlen;
	}
}
