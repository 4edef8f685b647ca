/* Classic delta-list callout queue: each pending entry stores the number of
 * ticks after its predecessor, so the clock interrupt only touches the head.
 */
#include <stddef.h>
#include <stdint.h>

struct callout {
	struct callout *c_next;
	struct callout **c_pprev;	/* address of the pointer to us */
	uint32_t c_delta;		/* ticks after predecessor */
	void (*c_func)(struct callout *, void *);
	void *c_arg;
	int c_pending;
};

struct callout_q {
	struct callout *cq_head;
	uint64_t cq_ticks;		/* total ticks processed */
	uint32_t cq_fired;
};

/* Schedule c to fire `ticks` ticks from now (0 means on the next tick). */
void
callout_arm(struct callout_q *q, struct callout *c, uint32_t ticks,
    void (*fn)(struct callout *, void *), void *arg)
{
	struct callout **pp = &q->cq_head, *p;

	if (c->c_pending) {
		/* unlink first, folding our delta into the successor */
		if (c->c_next != NULL) {
			c->c_next->c_delta += c->c_delta;
			c->c_next->c_pprev = c->c_pprev;
		}
		*c->c_pprev = c->c_next;
		c->c_pending = 0;
	}
	if (ticks == 0)
		ticks = 1;
	/* walk while the accumulated delay is still not past us; equal
	 * expiries stay in FIFO order */
	while ((p = *pp) != NULL && p->c_delta <= ticks) {
		ticks -= p->c_delta;
		pp = &p->c_next;
	}
	c->c_delta = ticks;
	c->c_func = fn;
	c->c_arg = arg;
	c->c_next = p;
	c->c_pprev = pp;
	if (p != NULL) {
		p->c_delta -= ticks;
		p->c_pprev = &c->c_next;
	}
	*pp = c;
	c->c_pending = 1;
}

/* Cancel; returns the ticks that were still remaining, 0 if not pending. */
uint32_t
callout_cancel(struct callout_q *q, struct callout *c)
{
	struct callout *p;
	uint32_t left = 0;

	if (!c->c_pending)
		return 0;
	for (p = q->cq_head; p != NULL; p = p->c_next) {
		left += p->c_delta;
		if (p == c)
			break;
	}
	if (c->c_next != NULL) {
		c->c_next->c_delta += c->c_delta;
		c->c_next->c_pprev = c->c_pprev;
	}
	*c->c_pprev = c->c_next;
	c->c_next = NULL;
	c->c_pprev = NULL;
	c->c_pending = 0;
	return left;
}

/* Advance the clock by n ticks, running every callout that comes due.
 * Handlers may re-arm themselves or others. Returns the number fired. */
uint32_t
callout_advance(struct callout_q *q, uint32_t n)
{
	struct callout *c;
	uint32_t fired = 0;

	while (n > 0) {
		c = q->cq_head;
		if (c == NULL) {
			q->cq_ticks += n;
			break;
		}
		if (c->c_delta > n) {
			c->c_delta -= n;
			q->cq_ticks += n;
			break;
		}
		n -= c->c_delta;
		q->cq_ticks += c->c_delta;
		c->c_delta = 0;
		/* everything now at delta 0 at the head is due */
		while ((c = q->cq_head) != NULL && c->c_delta == 0) {
			q->cq_head = c->c_next;
			if (c->c_next != NULL)
				c->c_next->c_pprev = &q->cq_head;
			c->c_next = NULL;
			c->c_pprev = NULL;
			c->c_pending = 0;
			fired++;
			c->c_func(c, c->c_arg);
		}
	}
	q->cq_fired += fired;
	return fired;
}

/* Ticks until the next expiry (UINT32_MAX when idle) and how many entries
 * are pending in total through *npending. */
uint32_t
callout_next(const struct callout_q *q, unsigned *npending)
{
	const struct callout *c;
	unsigned k = 0;

	for (c = q->cq_head; c != NULL; c = c->c_next)
		k++;
	if (npending != NULL)
		*npending = k;
	return q->cq_head != NULL ? q->cq_head->c_delta : UINT32_MAX;
}
