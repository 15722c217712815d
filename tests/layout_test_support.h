/*
 * layout_test_support: the geometry checks the layout tests share. Boxes
 * are compared with half a pixel of slack (LAYOUT_TEST_EPS): the layout works
 * in floats and the renderer snaps to whole pixels, so less is not a real
 * overlap or a real step outside.
 */
#ifndef LAYOUT_TEST_SUPPORT_H
#define LAYOUT_TEST_SUPPORT_H

#include <stdbool.h>

#include "layout.h"

#define LAYOUT_TEST_EPS 0.5f

/* a and b share more than half a pixel each way. */
bool layout_test_overlap(Box a, Box b);

/* b lies within in, give or take half a pixel. */
bool layout_test_inside(Box in, Box b);

#endif
