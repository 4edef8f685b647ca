/*
 * bgp_attr.c -- path attribute walker for a BGP-4 route collector.
 *
 * Parses the Path Attributes field of an UPDATE message (RFC 4271 4.3)
 * with 4-octet AS numbers (RFC 6793), checks the attribute flags of the
 * well-known attributes and pulls out the values the collector stores:
 * ORIGIN, AS_PATH length/first AS/origin AS, NEXT_HOP, MED, LOCAL_PREF,
 * ATOMIC_AGGREGATE and the number of COMMUNITIES.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum {
	ATTR_ORIGIN = 1,
	ATTR_AS_PATH = 2,
	ATTR_NEXT_HOP = 3,
	ATTR_MED = 4,
	ATTR_LOCAL_PREF = 5,
	ATTR_ATOMIC_AGGR = 6,
	ATTR_AGGREGATOR = 7,
	ATTR_COMMUNITIES = 8
};

#define FLAG_OPTIONAL   0x80
#define FLAG_TRANSITIVE 0x40
#define FLAG_PARTIAL    0x20
#define FLAG_EXTLEN     0x10

#define SEG_AS_SET      1
#define SEG_AS_SEQUENCE 2

/* UPDATE error subcodes (RFC 4271 6.3) */
#define ERR_MALFORMED_ATTR_LIST  1
#define ERR_UNRECOGNIZED_WK      2
#define ERR_MISSING_WK           3
#define ERR_ATTR_FLAGS           4
#define ERR_ATTR_LENGTH          5
#define ERR_INVALID_ORIGIN       6
#define ERR_MALFORMED_AS_PATH    11

struct bgp_route_attrs {
	uint32_t present;        /* bit (1 << type) for each attribute seen */
	uint8_t origin;
	unsigned path_len;       /* AS_SET counts as one hop */
	unsigned path_segments;
	uint32_t first_as;       /* neighbour AS, 0 if path empty */
	uint32_t origin_as;      /* last AS of the last AS_SEQUENCE, 0 if none */
	uint8_t next_hop[4];
	uint32_t med;
	uint32_t local_pref;
	unsigned n_communities;
	unsigned n_unknown;      /* optional attributes we don't interpret */
	int error_subcode;
	size_t error_offset;
};

static uint32_t get_be32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
	       ((uint32_t)p[2] << 8) | p[3];
}

static int fail(struct bgp_route_attrs *ra, int sub, size_t off)
{
	ra->error_subcode = sub;
	ra->error_offset = off;
	return -1;
}

static int parse_as_path(const uint8_t *v, size_t len, struct bgp_route_attrs *ra)
{
	size_t i = 0;

	ra->path_len = 0;
	ra->path_segments = 0;
	ra->first_as = 0;
	ra->origin_as = 0;
	while (i < len) {
		uint8_t type, count;
		size_t seglen;

		if (len - i < 2)
			return -1;
		type = v[i];
		count = v[i + 1];
		if (type != SEG_AS_SET && type != SEG_AS_SEQUENCE)
			return -1;
		if (count == 0)
			return -1;
		seglen = (size_t)count * 4;
		if (len - i - 2 < seglen)
			return -1;
		if (ra->path_segments == 0)
			ra->first_as = get_be32(v + i + 2);
		if (type == SEG_AS_SEQUENCE) {
			ra->path_len += count;
			ra->origin_as = get_be32(v + i + 2 + seglen - 4);
		} else {
			ra->path_len += 1;
			ra->origin_as = 0;	/* origin ambiguous after a set */
		}
		ra->path_segments++;
		i += 2 + seglen;
	}
	return 0;
}

/*
 * Walk the path attributes. Returns 0 on success, -1 with ra->error_subcode
 * set on a malformed attribute list.
 */
int bgp_parse_path_attrs(const uint8_t *buf, size_t len, struct bgp_route_attrs *ra)
{
	size_t off = 0;

	memset(ra, 0, sizeof(*ra));
	while (off < len) {
		uint8_t flags, type;
		size_t alen, hdr;
		const uint8_t *val;

		if (len - off < 3)
			return fail(ra, ERR_MALFORMED_ATTR_LIST, off);
		flags = buf[off];
		type = buf[off + 1];
		if (flags & FLAG_EXTLEN) {
			if (len - off < 4)
				return fail(ra, ERR_MALFORMED_ATTR_LIST, off);
			alen = ((size_t)buf[off + 2] << 8) | buf[off + 3];
			hdr = 4;
		} else {
			alen = buf[off + 2];
			hdr = 3;
		}
		if (len - off - hdr < alen)
			return fail(ra, ERR_ATTR_LENGTH, off);
		val = buf + off + hdr;

		if (type < 32 && (ra->present & (1u << type)))
			return fail(ra, ERR_MALFORMED_ATTR_LIST, off);	/* duplicate */

		switch (type) {
		case ATTR_ORIGIN:
		case ATTR_AS_PATH:
		case ATTR_NEXT_HOP:
		case ATTR_LOCAL_PREF:
		case ATTR_ATOMIC_AGGR:
			/* well-known: optional=0, transitive=1, partial=0 */
			if ((flags & (FLAG_OPTIONAL | FLAG_TRANSITIVE | FLAG_PARTIAL))
			    != FLAG_TRANSITIVE)
				return fail(ra, ERR_ATTR_FLAGS, off);
			break;
		case ATTR_MED:
			if ((flags & (FLAG_OPTIONAL | FLAG_TRANSITIVE)) != FLAG_OPTIONAL)
				return fail(ra, ERR_ATTR_FLAGS, off);
			break;
		case ATTR_AGGREGATOR:
		case ATTR_COMMUNITIES:
			if ((flags & (FLAG_OPTIONAL | FLAG_TRANSITIVE))
			    != (FLAG_OPTIONAL | FLAG_TRANSITIVE))
				return fail(ra, ERR_ATTR_FLAGS, off);
			break;
		default:
			if (!(flags & FLAG_OPTIONAL))
				return fail(ra, ERR_UNRECOGNIZED_WK, off);
			ra->n_unknown++;
			break;
		}

		switch (type) {
		case ATTR_ORIGIN:
			if (alen != 1)
				return fail(ra, ERR_ATTR_LENGTH, off);
			if (val[0] > 2)
				return fail(ra, ERR_INVALID_ORIGIN, off);
			ra->origin = val[0];
			break;
		case ATTR_AS_PATH:
			if (parse_as_path(val, alen, ra) < 0)
				return fail(ra, ERR_MALFORMED_AS_PATH, off);
			break;
		case ATTR_NEXT_HOP:
			if (alen != 4)
				return fail(ra, ERR_ATTR_LENGTH, off);
			memcpy(ra->next_hop, val, 4);
			break;
		case ATTR_MED:
		case ATTR_LOCAL_PREF:
			if (alen != 4)
				return fail(ra, ERR_ATTR_LENGTH, off);
			if (type == ATTR_MED)
				ra->med = get_be32(val);
			else
				ra->local_pref = get_be32(val);
			break;
		case ATTR_ATOMIC_AGGR:
			if (alen != 0)
				return fail(ra, ERR_ATTR_LENGTH, off);
			break;
		case ATTR_AGGREGATOR:
			if (alen != 8)
				return fail(ra, ERR_ATTR_LENGTH, off);
			break;
		case ATTR_COMMUNITIES:
			if (alen == 0 || alen % 4 != 0)
				return fail(ra, ERR_ATTR_LENGTH, off);
			ra->n_communities = (unsigned)(alen / 4);
			break;
		default:
			break;
		}
		if (type < 32)
			ra->present |= 1u << type;
		off += hdr + alen;
	}
	return 0;
}

/*
 * Mandatory attribute check for an UPDATE that carries NLRI. Returns the
 * missing type code or 0.
 */
int bgp_missing_mandatory(const struct bgp_route_attrs *ra, int ibgp)
{
	static const uint8_t required[] = { ATTR_ORIGIN, ATTR_AS_PATH, ATTR_NEXT_HOP };
	size_t i;

	for (i = 0; i < sizeof(required); i++)
		if (!(ra->present & (1u << required[i])))
			return required[i];
	if (ibgp && !(ra->present & (1u << ATTR_LOCAL_PREF)))
		return ATTR_LOCAL_PREF;
	return 0;
}
