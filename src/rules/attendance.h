/* SPDX-License-Identifier: Apache-2.0 */
/* Who sits at one deliberation's vote.
 *
 * A séance opens with its lists (present, represented by a proxy, excused,
 * absent); members then arrive and leave, in order, before the votes. The
 * counts printed for a deliberation (present, represented, voters) and the
 * quorum judged at its vote (CGCT L2121-17) follow from the opening and the
 * movements before it. The validator (check.c) and the templates (through
 * fn:attendance, xslt_functions.h) compute them here, once, so that what is
 * printed is what was checked.
 *
 * Pure C on indices: the caller maps its members to 0..n-1.
 */
#ifndef DELIB_ATTENDANCE_H
#define DELIB_ATTENDANCE_H

typedef enum att_status { ATT_NONE, ATT_PRESENT, ATT_PROXY, ATT_EXCUSED, ATT_ABSENT } att_status;

typedef struct att_member {
	att_status status;  /* in: at the opening; out: at the vote */
	int holder;         /* for ATT_PROXY: who holds the proxy (-1: unknown) */
	int remote;         /* present at a distance (teleconference) */
} att_member;

typedef enum att_fault {
	ATT_OK,
	ATT_ARRIVES_PRESENT,   /* arrives, but is present already */
	ATT_LEAVES_ABSENT,     /* leaves, but is not present */
	ATT_PROXY_TO_ABSENT    /* leaves and gives a proxy to a member not present */
} att_fault;

typedef struct att_movement {
	int member;         /* -1: unknown (skipped) */
	int arrival;        /* 1 arrival, 0 departure */
	int holder;         /* departure: proxy given to (-1: none) */
	int remote;         /* arrival: joins at a distance */
	att_fault fault;    /* out */
} att_movement;

typedef struct att_counts {
	int present, remote, represented;
} att_counts;

/* Applies the movements in their order to the opening statuses: an
 * arrival makes the member present and ends a proxy they gave; a departure
 * makes them absent, or represented by the member present they give a proxy
 * to. With movements, a proxy whose holder is not present at the vote is
 * not used (the giver counts as absent). Without any, the opening's lists
 * are taken as they are (the proxy rules report their faults). Returns the
 * counts at the vote. */
att_counts attendance_at_vote(att_member *members, int n, att_movement *moves, int nmoves);

#endif
