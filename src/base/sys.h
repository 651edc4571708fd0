/* SPDX-License-Identifier: Apache-2.0 */
/* sys — the small services every stage and the CLI share, written once:
 * the monotonic clock, the French text of a system error, reading a file,
 * writing one atomically, strict number parsing, strict UTF-8 and JSON
 * strings. Part of the internal API the CLI may use
 * (docs/architecture.md), so it speaks only of C types. */
#ifndef DELIB_SYS_H
#define DELIB_SYS_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

/* [ms] CLOCK_MONOTONIC: for deadlines and durations, never for dates. */
double monotonic_ms(void);
/* The instant ms [ms] from now (0 if negative) on clock, as the absolute
 * time pthread_cond_timedwait takes: CLOCK_MONOTONIC for a condition
 * variable set to it (pthread_condattr_setclock), else CLOCK_REALTIME. */
struct timespec timespec_after(clockid_t clock, double ms);

/* The French message of a system error number (errno), for diagnostics:
 * users read French, and strerror speaks the C locale's English. */
const char *sys_strerror(int err);

/* ---- Files ------------------------------------------------------------ */

#define SYS_TOO_LARGE (-2)

/* Reads a whole file into a malloc'd buffer (NUL-terminated for
 * convenience, the NUL not counted in *size; the caller frees *data).
 * Returns 0; -1 with errno set (a folder is EISDIR); SYS_TOO_LARGE when it
 * holds more than limit bytes: a regular file is then refused before a
 * byte is read, *size its size; anything else (a pipe) is read up to
 * limit + 1 bytes, *size = limit + 1. SIZE_MAX: no limit. */
int sys_read_file(const char *path, size_t limit, char **data, size_t *size);

/* What an atomic write promises once it has returned 0. Both leave, at
 * every instant, either the old file or the complete new one under path
 * (the bytes go to a temporary ".NAME.XXXXXX" in the same folder, renamed
 * into place); they differ on a power cut:
 *   SYS_SYNC   the file is fsync'd before the rename: when the call
 *              returns, the new bytes are on disk. For one file a user
 *              waits for (delib render, the batch report).
 *   SYS_NOSYNC no fsync: after a power cut the file may be empty or
 *              short. For many files whose caller detects that (the
 *              batch's sidecars record each PDF's size and hash) and
 *              syncs the file system once at the end: an fsync per file
 *              was a fifth of a batch's time. */
typedef enum sys_durability { SYS_NOSYNC, SYS_SYNC } sys_durability;

/* A file being written atomically, for writers that stream (the batch
 * report); sys_write_atomic below for bytes held in memory. */
typedef struct sys_atomic {
	char *path, *tmp;
	int fd;
	FILE *stream;  /* set by sys_atomic_stream; owns fd then */
} sys_atomic;

/* Creates the temporary file (mode 0644 once committed). 0, or -1 with
 * errno (nothing is left behind). */
int sys_atomic_open(sys_atomic *a, const char *path);
/* A stdio stream on the temporary file (NULL with errno on failure). */
FILE *sys_atomic_stream(sys_atomic *a);
/* Flushes, syncs as asked, closes and renames into place. On any failure
 * the temporary is removed and path left as it was: -1 with errno. Frees
 * what a holds either way. */
int sys_atomic_commit(sys_atomic *a, sys_durability d);
/* Removes the temporary and frees what a holds; path is untouched. */
void sys_atomic_abort(sys_atomic *a);
/* data[0..size) to path, atomically (see sys_durability). 0, or -1 with
 * errno; on failure path is untouched and no temporary is left. */
int sys_write_atomic(const char *path, const void *data, size_t size, sys_durability d);

/* Why a file written atomically may not go to out_path, in French, or NULL
 * when it may: only a regular file (or nothing) is replaced, never a
 * device, FIFO, socket, folder or symbolic link, nor the file in_path
 * (NULL: none) itself. */
const char *sys_output_refusal(const char *out_path, const char *in_path);

/* A folder of the per-user cache into buf: $DELIB_CACHE_DIR (empty: no
 * cache), else $XDG_CACHE_HOME/delib, else $HOME/.cache/delib; then its
 * subfolder sub, created, owned by us and writable by us alone (a folder
 * others may write to could hand us false entries). 1 when there is one, 0
 * when not: a cache is never needed, only faster. */
int sys_cache_dir(const char *sub, char *buf, size_t cap);
/* The name of a cache entry for an open file: its identity (device, inode,
 * size, modification and change times in nanoseconds), so that a file
 * written since, renamed over or restored with an old mtime (the change
 * time cannot be set back) gets a new entry. 0, or -1 when fd cannot be
 * examined or is no regular file. changed_at: the later of the two times
 * [s], for the caller's "changed too recently to remember" test. */
int sys_file_identity(int fd, char *buf, size_t cap, time_t *changed_at);

/* ---- Numbers ---------------------------------------------------------- */

/* The decimal number from s to end (NULL: to the NUL) into *out when it
 * lies in [min, max]: digits only (no sign, space, prefix or empty
 * string), leading zeros accepted, overflow refused. 0, or -1. */
int parse_uint(const char *s, const char *end, unsigned long long min, unsigned long long max,
               unsigned long long *out);

/* ---- Text ---------------------------------------------------------------- */

/* Length (1 to 4) of the UTF-8 sequence at s, of at most avail bytes, when
 * it is valid by RFC 3629: shortest form (no overlong), no surrogate
 * (U+D800–U+DFFF), at most U+10FFFF, not cut short. 0 when it is not (or
 * avail is 0). The only UTF-8 validator of the project. */
size_t utf8_len(const unsigned char *s, size_t avail);
/* The code point at s (len bytes left, len ≥ 1) into *cp; returns the bytes
 * it takes. An invalid sequence (utf8_len 0) gives U+FFFD and 1 byte, so
 * that a caller always moves on. */
int utf8_decode(const char *s, int len, uint32_t *cp);
/* cp (at most U+10FFFF) in UTF-8 into out; returns its length (1 to 4). */
int utf8_encode(uint32_t cp, char out[4]);

/* s (NUL-terminated, NULL reads as "") as a JSON string, quotes included,
 * into buf: always valid UTF-8 JSON, whatever s holds. '"' and '\' are
 * escaped, control characters (U+0000–U+001F, U+007F) written \n, \t or
 * \u00XX, and every byte that does not start a valid UTF-8 sequence
 * (utf8_len) becomes U+FFFD. Like snprintf: writes at most cap - 1 bytes
 * and a NUL (cap 0: nothing; buf may then be NULL), returns the length of
 * the whole string, so that a caller can size its buffer with a first call. */
size_t json_quote(const char *s, char *buf, size_t cap);
#endif
