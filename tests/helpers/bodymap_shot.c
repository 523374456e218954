/* bodymap_shot: renders the body map headless (software renderer on an
 * off-screen surface) into a PNG, so a person can look at it.
 *
 *   bodymap_shot MAP.json OUT.png WIDTH HEIGHT [TARGET [left|right|both] [KIND]]
 *
 * KIND is a step kind (compression, rolling, stretch, rest, transition) and
 * picks the highlight colour from the theme. Exit 0 when written; 2 when the
 * target was given but has no region (the picture is still written).
 */
#include <SDL.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/bodymap.h"
#include "ui/bodymap_view.h"
#include "ui/theme.h"

static uint32_t crc_table[256];

static void crc_init(void)
{
	for (uint32_t n = 0; n < 256; n++) {
		uint32_t c = n;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crc_table[n] = c;
	}
}

static uint32_t crc(uint32_t c, const unsigned char *p, size_t n)
{
	c ^= 0xffffffffu;
	while (n--)
		c = crc_table[(c ^ *p++) & 0xff] ^ (c >> 8);
	return c ^ 0xffffffffu;
}

static void be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static void chunk(FILE *f, const char *type, const unsigned char *data, size_t len)
{
	unsigned char hdr[8];
	uint32_t c;

	be32(hdr, (uint32_t)len);
	memcpy(hdr + 4, type, 4);
	fwrite(hdr, 1, 8, f);
	if (len)
		fwrite(data, 1, len, f);
	c = crc(crc(0, (const unsigned char *)type, 4), data, len);
	be32(hdr, c);
	fwrite(hdr, 1, 4, f);
}

/* An RGBA PNG with stored (uncompressed) deflate blocks: big but needs no zlib. */
static int write_png(const char *path, const unsigned char *rgba, int w, int h, int pitch)
{
	size_t raw_len = (size_t)h * (1 + 4 * (size_t)w);
	size_t blocks = raw_len / 65535 + 1;
	size_t z_len = 2 + raw_len + 5 * blocks + 4;
	unsigned char *raw = malloc(raw_len), *z = malloc(z_len), ihdr[13];
	uint32_t a = 1, b = 0;
	size_t zp = 0;
	FILE *f;

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
	for (size_t off = 0; off < raw_len || off == 0;) {
		size_t n = raw_len - off > 65535 ? 65535 : raw_len - off;
		z[zp++] = off + n == raw_len ? 1 : 0;
		z[zp++] = (unsigned char)(n & 0xff);
		z[zp++] = (unsigned char)(n >> 8);
		z[zp++] = (unsigned char)(~n & 0xff);
		z[zp++] = (unsigned char)((~n >> 8) & 0xff);
		memcpy(z + zp, raw + off, n);
		zp += n;
		off += n;
		if (n == 0)
			break;
	}
	for (size_t i = 0; i < raw_len; i++) {
		a = (a + raw[i]) % 65521;
		b = (b + a) % 65521;
	}
	be32(z + zp, (b << 16) | a);
	zp += 4;
	f = fopen(path, "wb");
	if (!f) {
		free(raw);
		free(z);
		return -1;
	}
	fwrite("\x89PNG\r\n\x1a\n", 1, 8, f);
	be32(ihdr, (uint32_t)w);
	be32(ihdr + 4, (uint32_t)h);
	ihdr[8] = 8;  /* bit depth */
	ihdr[9] = 6;  /* RGBA */
	ihdr[10] = ihdr[11] = ihdr[12] = 0;
	chunk(f, "IHDR", ihdr, 13);
	chunk(f, "IDAT", z, zp);
	chunk(f, "IEND", NULL, 0);
	free(raw);
	free(z);
	return fclose(f) == 0 ? 0 : -1;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)n + 1)) && fread(buf, 1, (size_t)n, f) == (size_t)n) {
		buf[n] = '\0';
		*len = (size_t)n;
	} else {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

static routine_kind kind_from(const char *s)
{
	const char *names[] = { "compression", "rolling", "stretch", "rest", "transition" };
	for (int k = 0; k < 5; k++)
		if (strcmp(s, names[k]) == 0)
			return (routine_kind)k;
	return ROUTINE_COMPRESSION;
}

int main(int argc, char **argv)
{
	const char *target = argc > 5 ? argv[5] : NULL;
	routine_side side = ROUTINE_SIDE_NONE;
	routine_kind kind = argc > 7 ? kind_from(argv[7]) : ROUTINE_COMPRESSION;
	SDL_Surface *surf = NULL;
	SDL_Renderer *ren = NULL;
	bodymap_view *view = NULL;
	char err[200];
	size_t len = 0;
	char *text;
	int w, h, rc = 1, found;

	if (argc < 5) {
		fprintf(stderr, "usage: %s MAP.json OUT.png WIDTH HEIGHT [TARGET [left|right|both] [KIND]]\n",
		        argv[0]);
		return 1;
	}
	w = atoi(argv[3]);
	h = atoi(argv[4]);
	if (argc > 6 && strcmp(argv[6], "left") == 0)
		side = ROUTINE_SIDE_LEFT;
	else if (argc > 6 && strcmp(argv[6], "right") == 0)
		side = ROUTINE_SIDE_RIGHT;
	crc_init();
	text = slurp(argv[1], &len);
	if (!text) {
		perror(argv[1]);
		return 1;
	}
	view = bodymap_view_new(bodymap_parse(text, len, err, sizeof err));
	free(text);
	if (!view) {
		fprintf(stderr, "%s: %s\n", argv[1], err);
		return 1;
	}
	surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
	if (!surf || !(ren = SDL_CreateSoftwareRenderer(surf))) {
		fprintf(stderr, "SDL: %s\n", SDL_GetError());
		goto out;
	}
	SDL_Color bg = theme_get(THEME_BG);
	SDL_SetRenderDrawColor(ren, bg.r, bg.g, bg.b, 255);
	SDL_RenderClear(ren);
	found = bodymap_view_draw(ren, view, (SDL_Rect){ 10, 10, w - 20, h - 20 }, target, side,
	                          theme_kind(kind));
	SDL_RenderPresent(ren);
	if (SDL_LockSurface(surf) == 0) {
		rc = write_png(argv[2], surf->pixels, w, h, surf->pitch) == 0 ? 0 : 1;
		SDL_UnlockSurface(surf);
	}
	if (rc == 0 && target && !found)
		rc = 2;
out:
	SDL_DestroyRenderer(ren);
	SDL_FreeSurface(surf);
	bodymap_view_free(view);
	return rc;
}
