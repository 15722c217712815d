/*
 * mode_pick: the highest refresh rate up to a cap among the modes of one
 * size (see mode_pick.h).
 */
#include "mode_pick.h"

int mode_pick(const ModePickMode *modes, int n, int w, int h, int max_hz)
{
    int best = -1, above = -1;
    for (int i = 0; i < n; i++) {
        const ModePickMode *m = &modes[i];
        if (m->w != w || m->h != h)
            continue;
        if (m->hz <= max_hz) {
            if (best < 0 || m->hz > modes[best].hz)
                best = i;
        } else if (above < 0 || m->hz < modes[above].hz) {
            above = i;
        }
    }
    return best >= 0 ? best : above;
}
