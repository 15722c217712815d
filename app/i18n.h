/*
 * i18n: the UI strings moved to data/okr_i18n.h so the layout can use them
 * too; this header keeps existing includes working.
 */
#ifndef APP_I18N_H
#define APP_I18N_H

#include <time.h> /* struct tm, which okr_i18n.h only declares */

#include "okr_i18n.h"

#endif
