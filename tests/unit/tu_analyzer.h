/*
 * tu_analyzer.h - one shared analyzer for a test file, created and freed by
 * the group set-up and tear-down.
 */
#ifndef FAHRAS_TU_ANALYZER_H
#define FAHRAS_TU_ANALYZER_H

#include "../../analysis/ar.h"

static ar_analyzer *an;

static int setup(void **state)
{
    (void)state;
    return ar_analyzer_new(&an) == AR_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    ar_analyzer_free(an);
    return 0;
}

#endif
