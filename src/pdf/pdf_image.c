/* SPDX-License-Identifier: Apache-2.0 */
/* PNG through libpng, JPEG through libjpeg, into 8-bit grey or RGB.
 *
 * Both libraries report errors by longjmp. Each setjmp here is in a small
 * function (png_header_guarded, png_pixels_guarded, jpeg_header_guarded,
 * jpeg_pixels_guarded) that owns nothing, changes no local after setjmp and
 * only calls the library: a jump lands there and returns -1, and the caller,
 * which allocated every resource before the call, frees them as usual. The
 * jump crosses only the library's frames and our callbacks, which hold
 * nothing either. */
#include "pdf_image.h"
#include <errno.h>
#include <stdint.h>
#include <stdio.h>  /* before jpeglib.h, which uses FILE */
#include <jpeglib.h>
#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

/* The reasons a template's image cannot be read, in French. */
static const char *read_error(int err)
{
	switch (err) {
	case ENOENT: return "fichier introuvable";
	case EACCES: return "permission refusée";
	case EISDIR: return "c'est un dossier";
	default: return "erreur de lecture";
	}
}

void image_pixels_free(image_pixels *px)
{
	if (!px)
		return;
	free(px->data);
	memset(px, 0, sizeof *px);
}

static image_status within_limits(unsigned width, unsigned height, char *why, size_t whylen)
{
	if (width == 0 || height == 0) {
		snprintf(why, whylen, "dimensions nulles");
		return IMAGE_CORRUPT;
	}
	if (width > IMAGE_MAX_SIDE || height > IMAGE_MAX_SIDE ||
	    (uint64_t)width * height > IMAGE_MAX_PIXELS) {
		snprintf(why, whylen, "%u × %u pixels, au-delà des limites (%u pixels de côté, %u pixels en tout)", width,
		         height, IMAGE_MAX_SIDE, IMAGE_MAX_PIXELS);
		return IMAGE_LIMIT;
	}
	return IMAGE_OK;
}

/* Row pointers into one buffer of height rows of rowbytes. */
static unsigned char **row_pointers(unsigned char *buf, unsigned height, size_t rowbytes)
{
	unsigned char **rows = malloc(sizeof *rows * height);
	if (rows)
		for (unsigned y = 0; y < height; y++)
			rows[y] = buf + (size_t)y * rowbytes;
	return rows;
}

/* Grey+alpha or RGB+alpha onto white, in place: channels - 1 samples a
 * pixel remain. c' = c·a + 255·(1 − a), rounded. Writing never overtakes
 * reading (the output pixel is one sample shorter). */
static void flatten_alpha(unsigned char *buf, size_t npixels, int channels)
{
	int colour = channels - 1;
	const unsigned char *s = buf;
	unsigned char *d = buf;
	for (size_t i = 0; i < npixels; i++, s += channels) {
		unsigned a = s[colour];
		for (int k = 0; k < colour; k++)
			*d++ = (unsigned char)((s[k] * a + 255u * (255u - a) + 127u) / 255u);
	}
}

/* ---- PNG ---- */

typedef struct png_guard {
	char why[200];  /* libpng's message */
} png_guard;

static void png_fail(png_structp png, png_const_charp msg)
{
	png_guard *g = png_get_error_ptr(png);
	/* libpng's reader says this of a file that ends too soon. */
	snprintf(g->why, sizeof g->why, "%s", strcmp(msg, "Read Error") == 0 ? "fichier tronqué" : msg);
	png_longjmp(png, 1);
}

/* Warnings (a bad ancillary chunk, skipped by libpng) would go to stderr. */
static void png_quiet(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

/* Reads the header up to the image data and asks libpng for 8-bit samples:
 * palettes expanded to RGB, tRNS to an alpha channel, grey under 8 bits
 * widened, 16 bits scaled (rounded) to 8, interlacing undone. */
static int png_header_guarded(png_structp png, png_infop info)
{
	if (setjmp(png_jmpbuf(png)))
		return -1;
	png_read_info(png, info);
	png_set_expand(png);
	png_set_scale_16(png);
	png_set_interlace_handling(png);
	png_read_update_info(png, info);
	return 0;
}

/* png_read_end reads up to IEND: a file cut after its image data is refused too. */
static int png_pixels_guarded(png_structp png, png_bytepp rows)
{
	if (setjmp(png_jmpbuf(png)))
		return -1;
	png_read_image(png, rows);
	png_read_end(png, NULL);
	return 0;
}

/* Decodes with libpng's state already read up to the image data. */
static image_status png_pixels(png_structp png, png_infop info, png_guard *g, image_pixels *out, char *why,
                               size_t whylen)
{
	unsigned width = png_get_image_width(png, info), height = png_get_image_height(png, info);
	image_status st = within_limits(width, height, why, whylen);
	if (st != IMAGE_OK)
		return st;
	int channels = png_get_channels(png, info);
	size_t rowbytes = png_get_rowbytes(png, info);
	if (png_get_bit_depth(png, info) != 8 || channels < 1 || channels > 4 || rowbytes != (size_t)width * channels) {
		snprintf(why, whylen, "organisation des pixels inattendue");
		return IMAGE_FORMAT;
	}
	unsigned char *buf = malloc(rowbytes * height);
	unsigned char **rows = buf ? row_pointers(buf, height, rowbytes) : NULL;
	if (!rows) {
		free(buf);
		return IMAGE_NOMEM;
	}
	if (png_pixels_guarded(png, rows) != 0) {
		snprintf(why, whylen, "données d'image illisibles (libpng : %s)", g->why);
		st = IMAGE_CORRUPT;
	}
	free(rows);
	if (st != IMAGE_OK) {
		free(buf);
		return st;
	}
	if (channels == 2 || channels == 4) {
		flatten_alpha(buf, (size_t)width * height, channels);
		channels--;
	}
	*out = (image_pixels){buf, width, height, channels};
	return IMAGE_OK;
}

static image_status png_decode(FILE *f, image_pixels *out, char *why, size_t whylen)
{
	png_guard g = {{0}};
	png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &g, png_fail, png_quiet);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	if (!info) {
		png_destroy_read_struct(&png, NULL, NULL);
		return IMAGE_NOMEM;
	}
	png_init_io(png, f);
	image_status st;
	if (png_header_guarded(png, info) != 0) {
		snprintf(why, whylen, "en-tête PNG illisible (libpng : %s)", g.why);
		st = IMAGE_CORRUPT;
	} else {
		st = png_pixels(png, info, &g, out, why, whylen);
	}
	png_destroy_read_struct(&png, &info, NULL);
	return st;
}

/* ---- JPEG ---- */

typedef struct jpeg_guard {
	struct jpeg_error_mgr pub;  /* first: libjpeg's err pointer is ours */
	struct jpeg_progress_mgr progress;
	jmp_buf jump;
	char why[JMSG_LENGTH_MAX];
	int warnings;
} jpeg_guard;

static void jpeg_fail(j_common_ptr c)
{
	jpeg_guard *g = (jpeg_guard *)c->err;
	c->err->format_message(c, g->why);
	longjmp(g->jump, 1);
}

/* libjpeg only warns about corrupt data (a truncated file is completed with
 * grey): the first warning is kept and the image refused. */
static void jpeg_note(j_common_ptr c, int level)
{
	jpeg_guard *g = (jpeg_guard *)c->err;
	if (level < 0 && g->warnings++ == 0)
		c->err->format_message(c, g->why);
}

static void jpeg_scans(j_common_ptr c)
{
	jpeg_guard *g = (jpeg_guard *)c->err;
	if (c->is_decompressor && ((j_decompress_ptr)c)->input_scan_number > IMAGE_MAX_JPEG_SCANS) {
		snprintf(g->why, sizeof g->why, "plus de %d passes", IMAGE_MAX_JPEG_SCANS);
		longjmp(g->jump, 1);
	}
}

static int jpeg_header_guarded(j_decompress_ptr d, jpeg_guard *g, FILE *f)
{
	if (setjmp(g->jump))
		return -1;
	jpeg_create_decompress(d);
	d->mem->max_memory_to_use = IMAGE_MAX_JPEG_MEMORY;
	d->progress = &g->progress;
	jpeg_stdio_src(d, f);
	jpeg_read_header(d, TRUE);
	return 0;
}

static int jpeg_pixels_guarded(j_decompress_ptr d, jpeg_guard *g, JSAMPARRAY rows)
{
	if (setjmp(g->jump))
		return -1;
	jpeg_start_decompress(d);
	while (d->output_scanline < d->output_height)
		if (jpeg_read_scanlines(d, rows + d->output_scanline, d->output_height - d->output_scanline) == 0)
			return -1;
	jpeg_finish_decompress(d);
	return 0;
}

/* The header is read: checks it, then decodes into out. */
static image_status jpeg_pixels(j_decompress_ptr d, jpeg_guard *g, image_pixels *out, char *why, size_t whylen)
{
	if (d->jpeg_color_space == JCS_CMYK || d->jpeg_color_space == JCS_YCCK) {
		/* A PDF/A-1 file with an sRGB output intent may not use CMYK, and
		 * converting without the image's profile would change its colours. */
		snprintf(why, whylen, "JPEG en CMJN (quadrichromie) : enregistrez-la en RVB (sRVB)");
		return IMAGE_FORMAT;
	}
	image_status st = within_limits(d->image_width, d->image_height, why, whylen);
	if (st != IMAGE_OK)
		return st;
	int channels = d->num_components == 1 ? 1 : 3;
	d->out_color_space = channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
	size_t rowbytes = (size_t)d->image_width * channels;
	unsigned char *buf = malloc(rowbytes * d->image_height);
	unsigned char **rows = buf ? row_pointers(buf, d->image_height, rowbytes) : NULL;
	if (!rows) {
		free(buf);
		return IMAGE_NOMEM;
	}
	if (jpeg_pixels_guarded(d, g, rows) != 0 || g->warnings) {
		snprintf(why, whylen, "données d'image illisibles (libjpeg : %s)", g->why[0] ? g->why : "fin prématurée");
		st = IMAGE_CORRUPT;
	}
	free(rows);
	if (st != IMAGE_OK || d->output_width != d->image_width || d->output_components != channels) {
		free(buf);
		return st != IMAGE_OK ? st : IMAGE_FORMAT;
	}
	*out = (image_pixels){buf, d->image_width, d->image_height, channels};
	return IMAGE_OK;
}

static image_status jpeg_decode(FILE *f, image_pixels *out, char *why, size_t whylen)
{
	struct jpeg_decompress_struct d;
	jpeg_guard g;
	memset(&d, 0, sizeof d);
	memset(&g, 0, sizeof g);
	d.err = jpeg_std_error(&g.pub);
	g.pub.error_exit = jpeg_fail;
	g.pub.emit_message = jpeg_note;
	g.progress.progress_monitor = jpeg_scans;
	image_status st;
	if (jpeg_header_guarded(&d, &g, f) != 0) {
		snprintf(why, whylen, "en-tête JPEG illisible (libjpeg : %s)", g.why);
		st = IMAGE_CORRUPT;
	} else {
		st = jpeg_pixels(&d, &g, out, why, whylen);
	}
	jpeg_destroy_decompress(&d);
	return st;
}

image_status image_decode(const char *path, image_pixels *out, char *why, size_t whylen)
{
	memset(out, 0, sizeof *out);
	why[0] = '\0';
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(why, whylen, "%s", read_error(errno));
		return IMAGE_READ;
	}
	unsigned char sig[8];
	size_t n = fread(sig, 1, sizeof sig, f);
	image_status st;
	if (n < sizeof sig && ferror(f)) {
		snprintf(why, whylen, "%s", read_error(errno));
		st = IMAGE_READ;
	} else if (n == sizeof sig && png_sig_cmp(sig, 0, sizeof sig) == 0) {
		rewind(f);
		st = png_decode(f, out, why, whylen);
	} else if (n >= 3 && sig[0] == 0xFF && sig[1] == 0xD8 && sig[2] == 0xFF) {
		rewind(f);
		st = jpeg_decode(f, out, why, whylen);
	} else {
		snprintf(why, whylen, "ni PNG ni JPEG");
		st = IMAGE_FORMAT;
	}
	fclose(f);
	return st;
}
