/* unknot-pedal: placeholder until implemented. */
#include <stdio.h>

int main(void)
{
	fputs("unknot-pedal: not implemented yet\n", stderr);
	return 2;
}
