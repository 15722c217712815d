/*
 * The eviction rule the text and shape caches share (render/lru.h), on a
 * table of plain entries: least recently used first, entries in use kept
 * over the budget, a full table evicting regardless, release.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "lru.h"

typedef struct {
    char name;
    size_t bytes;
    LruStamp use;
} Item;

typedef struct {
    Item items[8];
    Lru lru;
} Table;

static void drop(void *cache, size_t i)
{
    Table *t = cache;
    t->items[i] = t->items[lru_drop(&t->lru, t->items[i].bytes)];
}

static void add(Table *t, char name, size_t bytes)
{
    t->lru.tick++;
    lru_evict(&t->lru, bytes, &t->items[0].use, sizeof(Item), drop, t);
    Item *it = &t->items[t->lru.count];
    it->name = name;
    it->bytes = bytes;
    lru_add(&t->lru, &it->use, bytes);
}

static void use(Table *t, char name)
{
    t->lru.tick++;
    for (size_t i = 0; i < t->lru.count; i++)
        if (t->items[i].name == name)
            lru_touch(&t->lru, &t->items[i].use);
}

static Item *find(Table *t, char name)
{
    for (size_t i = 0; i < t->lru.count; i++)
        if (t->items[i].name == name)
            return &t->items[i];
    return NULL;
}

static void begin_frame(Table *t)
{
    t->lru.frame++;
    lru_evict(&t->lru, 0, &t->items[0].use, sizeof(Item), drop, t);
}

static void the_least_recently_used_entry_not_in_use_goes_first(void **state)
{
    (void)state;
    Table t = {.lru = {.max_entries = 8, .max_bytes = 30}};
    begin_frame(&t);
    add(&t, 'a', 10);
    add(&t, 'b', 10);
    add(&t, 'c', 10);
    use(&t, 'a'); /* a is now more recent than b and c */
    begin_frame(&t);
    begin_frame(&t);  /* two frames on: none in use */
    add(&t, 'd', 10); /* 40 > 30: one goes, b (looked up longest ago) */
    assert_null(find(&t, 'b'));
    assert_non_null(find(&t, 'a'));
    assert_non_null(find(&t, 'c'));
    assert_non_null(find(&t, 'd'));
    assert_int_equal(t.lru.count, 3);
    assert_int_equal(t.lru.bytes, 30);
    assert_int_equal(t.lru.freed, 10);
}

static void entries_in_use_stay_over_the_budget_until_the_table_is_full(void **state)
{
    (void)state;
    Table t = {.lru = {.max_entries = 3, .max_bytes = 10}};
    begin_frame(&t);
    add(&t, 'a', 10);
    add(&t, 'b', 10); /* a was drawn in this frame: it stays, 20 > 10 */
    begin_frame(&t);  /* drawn a frame ago: still in use */
    assert_int_equal(t.lru.count, 2);
    assert_int_equal(t.lru.bytes, 20);
    add(&t, 'c', 10); /* all in use, the table now holds 3 of 3 */
    assert_int_equal(t.lru.count, 3);
    add(&t, 'd', 10); /* full: the oldest goes although in use */
    assert_null(find(&t, 'a'));
    assert_int_equal(t.lru.count, 3);
    assert_int_equal(t.lru.freed, 10);
}

static void a_released_entry_goes_at_once_unless_drawn_in_this_frame(void **state)
{
    (void)state;
    Table t = {.lru = {.max_entries = 8, .max_bytes = 10}};
    begin_frame(&t);
    add(&t, 'a', 10);
    begin_frame(&t); /* a, drawn a frame ago, is in use */
    lru_release(&t.lru, &find(&t, 'a')->use);
    add(&t, 'b', 10); /* a was released: it gives way to b */
    assert_null(find(&t, 'a'));
    lru_release(&t.lru, &find(&t, 'b')->use); /* drawn in this frame: kept in use */
    add(&t, 'c', 10);
    assert_non_null(find(&t, 'b'));
    assert_int_equal(t.lru.count, 2);
    assert_int_equal(t.lru.bytes, 20);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_least_recently_used_entry_not_in_use_goes_first),
        cmocka_unit_test(entries_in_use_stay_over_the_budget_until_the_table_is_full),
        cmocka_unit_test(a_released_entry_goes_at_once_unless_drawn_in_this_frame),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
