/* SPDX-License-Identifier: Apache-2.0 */
/* The templates' images (logos) decoded by libpng and libjpeg into plain
 * 8-bit grey or RGB samples, which the PDF writer embeds as raw image data.
 * libharu's own loaders are not used: they abort() on a truncated PNG,
 * double-free on an interlaced RGBA one, take minutes and gigabytes on a
 * PNG that merely declares a huge size, and embed alpha as a soft mask,
 * which PDF/A-1 forbids. Part of the PDF backend (the only layer linked
 * with libpng and libjpeg). */
#ifndef DELIB_PDF_IMAGE_H
#define DELIB_PDF_IMAGE_H
#include <stddef.h>

/* Limits, checked on the header before any pixel is decoded. A town hall's
 * logo is a few hundred pixels a side; a full A4 page scanned at 300 dpi is
 * 2480 × 3508 (8.7 million pixels). The working buffer is at most 4 bytes
 * a pixel (RGBA before flattening): 64 MiB at the pixel limit, 48 MiB once
 * flattened to RGB, which libharu copies (a render with a 4096 × 4096 RGBA
 * logo measured 130 MB of peak resident memory). */
#define IMAGE_MAX_SIDE 16384u                  /* [px] width or height */
#define IMAGE_MAX_PIXELS (16u * 1024u * 1024u) /* width × height: 4096 × 4096 */
/* libjpeg's working memory (a progressive JPEG keeps every coefficient),
 * and its number of scans (thousands of tiny scans cost minutes). */
#define IMAGE_MAX_JPEG_MEMORY (160L * 1024 * 1024) /* [bytes] */
#define IMAGE_MAX_JPEG_SCANS 1000

typedef enum image_status {
	IMAGE_OK,
	IMAGE_READ,     /* the file cannot be opened or read (errno in `why`) */
	IMAGE_CORRUPT,  /* truncated, bad checksum, not decodable */
	IMAGE_LIMIT,    /* over IMAGE_MAX_SIDE or IMAGE_MAX_PIXELS */
	IMAGE_FORMAT,   /* neither PNG nor JPEG, or a kind refused (CMYK JPEG) */
	IMAGE_NOMEM
} image_status;

/* Decoded pixels: rows top to bottom, no padding, 8 bits per sample.
 * Transparency is flattened onto white (the page), 16-bit samples reduced
 * to 8, palettes expanded, interlacing undone. */
typedef struct image_pixels {
	unsigned char *data;      /* malloc'd; image_pixels_free */
	unsigned width, height;   /* [px] */
	int channels;             /* 1 (DeviceGray) or 3 (DeviceRGB) */
} image_pixels;

/* Decodes the PNG or JPEG file at path (recognised by its signature, not
 * its name). On failure, `why` holds a short French explanation (with the
 * decoder's own words when it gave some) and out is empty. */
image_status image_decode(const char *path, image_pixels *out, char *why, size_t whylen);
void image_pixels_free(image_pixels *px);
#endif
