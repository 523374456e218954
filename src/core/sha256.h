/* sha256: SHA-256 (FIPS 180-4), pure, for checking routines pushed by a fleet. */
#ifndef UNKNOT_SHA256_H
#define UNKNOT_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	uint32_t h[8];
	uint64_t bytes;     /* message length so far */
	uint8_t buf[64];
	size_t fill;        /* bytes waiting in buf */
} sha256_ctx;

void sha256_init(sha256_ctx *c);
void sha256_update(sha256_ctx *c, const void *data, size_t len);
void sha256_final(sha256_ctx *c, uint8_t out[32]);

/* The lower-case hex digest (64 characters and a NUL) of len bytes. */
void sha256_hex(const void *data, size_t len, char out[65]);

#endif
