/* unknot: entry point. Parses the command line and hands over to one of the
 * modes in src/app/ (check, plan, simulate, history, export, or the app). */
#include <stdio.h>
#include <string.h>

#include "app/cli.h"

int main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
