/* app: placeholder until implemented. */
#include "app/app.h"

#include <stdio.h>

int app_main(const cli_options *o) { (void)o; fputs("unknot: the app is not implemented yet\n", stderr); return 2; }
