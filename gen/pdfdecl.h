/*
 * pdfdecl.h -- what the PDFs of a declaration share: the full
 * declaration (render_decl_pdf.c) and its short forms (render_form_pdf.c)
 * have the same running header and footer, the same top of the first
 * page with a draft's banner, the same watermark over a draft, and carry
 * the same JSON twin (pdfattach.h).  They lay out with layout.h.
 */
#ifndef CF_PDFDECL_H
#define CF_PDFDECL_H

#include <time.h>

struct cf_buf;
struct cf_decl;
struct cf_layout;
struct cf_render_opts;

/*
 * Running header "KIND ID" ("Draft — KIND ID" for a draft) and footer:
 * the id with the time and cfgen's version, a draft's id with the
 * warning only.  Returns the header, which is also the title.
 */
const char	*cf_pdfdecl_furniture(struct cf_layout *,
		    const struct cf_decl *, const char *kind, time_t generated);

/*
 * The top of the first page: the logo, a draft's banner (its findings
 * set at list pt), title and the document number.  Returns 0, or -1 when
 * the logo could not be drawn (libharu's error is then recorded).
 */
int		 cf_pdfdecl_head(struct cf_layout *, const struct cf_decl *,
		    const char *title, double list);

/*
 * A draft's watermark, libharu's first error reported, the twin
 * attached, and the PDF written to out.  Returns 0, or -1 after a
 * diagnostic.
 */
int		 cf_pdfdecl_save(struct cf_layout *, const struct cf_decl *,
		    const struct cf_render_opts *, struct cf_buf *out);

#endif
