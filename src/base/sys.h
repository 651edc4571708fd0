/* sys — the small system services every stage and the CLI share: the
 * monotonic clock (and, as they move here, file reading, atomic writing,
 * UTF-8 validation, number parsing). Part of the internal API the CLI may
 * use (docs/architecture.md). */
#ifndef DELIB_SYS_H
#define DELIB_SYS_H

/* [ms] CLOCK_MONOTONIC: for deadlines and durations, never for dates. */
double monotonic_ms(void);
#endif
