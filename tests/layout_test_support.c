/*
 * layout_test_support: see layout_test_support.h.
 */
#include "layout_test_support.h"

bool layout_test_overlap(Box a, Box b)
{
    const float e = LAYOUT_TEST_EPS;
    return a.x + e < b.x + b.w && b.x + e < a.x + a.w && a.y + e < b.y + b.h && b.y + e < a.y + a.h;
}

bool layout_test_inside(Box in, Box b)
{
    const float e = LAYOUT_TEST_EPS;
    return b.x >= in.x - e && b.y >= in.y - e && b.x + b.w <= in.x + in.w + e &&
           b.y + b.h <= in.y + in.h + e;
}
