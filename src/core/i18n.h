/* i18n.h: gettext macros shared by every layer. */
#ifndef STEMTUI_I18N_H
#define STEMTUI_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

#endif
