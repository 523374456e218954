/* shot_png: writes an RGBA pixel buffer as a PNG without zlib (stored deflate
 * blocks: big files, no dependency). Header-only, for test helpers that save
 * screenshots to look at. */
#ifndef UNKNOT_TESTS_SHOT_PNG_H
#define UNKNOT_TESTS_SHOT_PNG_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline uint32_t shot_png_crc(uint32_t c, const unsigned char *p, size_t n)
{
	static uint32_t table[256];
	if (!table[1]) {
		for (uint32_t k = 0; k < 256; k++) {
			uint32_t v = k;
			for (int j = 0; j < 8; j++)
				v = v & 1 ? 0xedb88320u ^ (v >> 1) : v >> 1;
			table[k] = v;
		}
	}
	c ^= 0xffffffffu;
	while (n--)
		c = table[(c ^ *p++) & 0xff] ^ (c >> 8);
	return c ^ 0xffffffffu;
}

static inline void shot_png_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static inline void shot_png_chunk(FILE *f, const char *type, const unsigned char *data, size_t len)
{
	unsigned char hdr[8];
	shot_png_be32(hdr, (uint32_t)len);
	memcpy(hdr + 4, type, 4);
	fwrite(hdr, 1, 8, f);
	if (len)
		fwrite(data, 1, len, f);
	shot_png_be32(hdr, shot_png_crc(shot_png_crc(0, (const unsigned char *)type, 4), data, len));
	fwrite(hdr, 1, 4, f);
}

/* rgba: h rows of pitch bytes, 4 bytes per pixel in R,G,B,A order. Returns 0 or -1. */
static inline int shot_png_write(const char *path, const unsigned char *rgba, int w, int h, int pitch)
{
	size_t raw_len = (size_t)h * (1 + 4 * (size_t)w);
	size_t blocks = raw_len / 65535 + 1;
	unsigned char *raw = malloc(raw_len), *z = malloc(2 + raw_len + 5 * blocks + 4), ihdr[13];
	uint32_t a = 1, b = 0;
	size_t zp = 0;
	if (!raw || !z) {
		free(raw);
		free(z);
		return -1;
	}
	for (int y = 0; y < h; y++) {
		unsigned char *row = raw + (size_t)y * (1 + 4 * (size_t)w);
		row[0] = 0;
		memcpy(row + 1, rgba + (size_t)y * (size_t)pitch, 4 * (size_t)w);
	}
	z[zp++] = 0x78;
	z[zp++] = 0x01;
	for (size_t off = 0; off < raw_len;) {
		size_t n = raw_len - off > 65535 ? 65535 : raw_len - off;
		z[zp++] = off + n == raw_len ? 1 : 0;
		z[zp++] = (unsigned char)(n & 0xff);
		z[zp++] = (unsigned char)(n >> 8);
		z[zp++] = (unsigned char)(~n & 0xff);
		z[zp++] = (unsigned char)((~n >> 8) & 0xff);
		memcpy(z + zp, raw + off, n);
		zp += n;
		off += n;
	}
	for (size_t i = 0; i < raw_len; i++) {
		a = (a + raw[i]) % 65521;
		b = (b + a) % 65521;
	}
	shot_png_be32(z + zp, (b << 16) | a);
	zp += 4;
	FILE *f = fopen(path, "wb");
	if (!f) {
		free(raw);
		free(z);
		return -1;
	}
	fwrite("\x89PNG\r\n\x1a\n", 1, 8, f);
	shot_png_be32(ihdr, (uint32_t)w);
	shot_png_be32(ihdr + 4, (uint32_t)h);
	ihdr[8] = 8;
	ihdr[9] = 6;
	ihdr[10] = ihdr[11] = ihdr[12] = 0;
	shot_png_chunk(f, "IHDR", ihdr, 13);
	shot_png_chunk(f, "IDAT", z, zp);
	shot_png_chunk(f, "IEND", NULL, 0);
	free(raw);
	free(z);
	return fclose(f) == 0 ? 0 : -1;
}

#endif
