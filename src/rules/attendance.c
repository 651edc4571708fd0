/* SPDX-License-Identifier: Apache-2.0 */
#include "attendance.h"

static void move(att_member *members, att_movement *v)
{
	att_member *x = &members[v->member];
	if (v->arrival) {
		if (x->status == ATT_PRESENT)
			v->fault = ATT_ARRIVES_PRESENT;
		x->status = ATT_PRESENT;
		x->holder = -1;
		x->remote = v->remote;
	} else if (x->status != ATT_PRESENT) {
		v->fault = ATT_LEAVES_ABSENT;
	} else if (v->holder >= 0 && members[v->holder].status != ATT_PRESENT) {
		v->fault = ATT_PROXY_TO_ABSENT;
		x->status = ATT_ABSENT;
	} else {
		x->status = v->holder >= 0 ? ATT_PROXY : ATT_ABSENT;
		x->holder = v->holder;
	}
}

att_counts attendance_at_vote(att_member *members, int n, att_movement *moves, int nmoves)
{
	for (int i = 0; i < nmoves; i++) {
		moves[i].fault = ATT_OK;
		if (moves[i].member >= 0 && moves[i].member < n && moves[i].holder < n)
			move(members, &moves[i]);
	}
	att_counts c = {0, 0, 0};
	for (int i = 0; i < n; i++) {
		att_member *x = &members[i];
		if (nmoves && x->status == ATT_PROXY && x->holder >= 0 && members[x->holder].status != ATT_PRESENT)
			x->status = ATT_ABSENT;
		c.present += x->status == ATT_PRESENT;
		c.remote += x->status == ATT_PRESENT && x->remote;
		c.represented += x->status == ATT_PROXY;
	}
	return c;
}
