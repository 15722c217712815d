/*
 * feed_cache: the last good feed body of a URL, kept on disk so a screen that
 * reboots without network shows its last data in the first frame (internal
 * to data/).
 *
 * One file per location in $XDG_CACHE_HOME/okr-kiosk (else
 * $HOME/.cache/okr-kiosk), named after a hash of the location so no URL (and
 * no credential in it) appears in a file name. The file is a one-line header
 * ("okr-kiosk-cache 1 <fetched-at> <length> <hash>") followed by the body; a
 * file whose header, length or hash does not match is corrupt and ignored.
 * Writes go to a temporary file in the same directory, then fsync + rename,
 * so a crash never leaves half a cache. Every failure here is silent to the
 * caller's screen: a cache is an optimisation, never a reason to stop.
 */
#ifndef FEED_CACHE_H
#define FEED_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The cache file for location. cache_dir NULL: the XDG default; "": caching
 * is off. Returns false when off or no directory can be named. */
bool feed_cache_path(const char *cache_dir, const char *location, char *out, size_t outlen);

/* The cached body (malloc'd, NUL-terminated) and the unix time it was
 * fetched, or NULL when missing or corrupt (a corrupt file is removed). */
char *feed_cache_load(const char *path, size_t max, size_t *len, int64_t *fetched_at);

/* Writes atomically, creating the directory. 0, or -1 (errno set). */
int feed_cache_store(const char *path, const char *data, size_t len, int64_t fetched_at);

#endif
