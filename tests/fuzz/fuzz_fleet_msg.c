/* libFuzzer target for fleet_msg's parsers: routine, manifest, command,
 * event envelope, topic classify, broker URL, settings. The first byte picks which. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/fleet_msg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int which = data[0] % 7;
	const char *p = (const char *)data + 1;
	size_t n = size - 1;
	char err[256];
	char *z = malloc(n + 1);
	memcpy(z, p, n);
	z[n] = '\0';
	switch (which) {
	case 0: {
		fleet_msg_routine m;
		if (fleet_msg_routine_parse(p, n, NULL, &m, err, sizeof err) == 0) {
			if (!m.body || strlen(m.body) != m.body_len || !fleet_msg_id_ok(m.id))
				abort();
		} else if (m.body) {
			abort();
		}
		fleet_msg_routine_clear(&m);
		break;
	}
	case 1: {
		fleet_msg_manifest m;
		if (fleet_msg_manifest_parse(p, n, &m, err, sizeof err) == 0) {
			for (size_t i = 0; i < m.count; i++)
				if (!fleet_msg_id_ok(m.items[i].id) || strlen(m.items[i].sha256) != 64)
					abort();
		}
		fleet_msg_manifest_clear(&m);
		break;
	}
	case 2: {
		fleet_msg_command c;
		const char *names[] = { "resend", "reload", "identify", "x" };
		int rc = fleet_msg_command_parse(names[n % 4], p, n, &c, err, sizeof err);
		if (rc == 0 && c.kind == FLEET_CMD_RESEND &&
		    (c.from_seq < 1 || (c.to_seq && c.to_seq < c.from_seq)))
			abort();
		break;
	}
	case 3: {
		char *e = fleet_msg_event(p, n, "st1", 42);
		if (e && (strstr(e, "\"profile\"") || !strstr(e, "\"id\":\"st1:42\"")))
			abort();
		free(e);
		break;
	}
	case 4: {
		char name[FLEET_MSG_NAME_MAX + 1];
		fleet_in_kind k = fleet_msg_classify(z, "gymA", "st1", name, sizeof name);
		if (k == FLEET_IN_ROUTINE && !fleet_msg_id_ok(name))
			abort();
		if (k == FLEET_IN_BAD_ROUTINE && strlen(name) >= sizeof name)
			abort();
		break;
	}
	case 5: {
		bool tls;
		char host[256];
		int port;
		if (fleet_msg_broker_parse(z, &tls, host, sizeof host, &port, err, sizeof err) == 0 &&
		    (port < 1 || port > 65535 || !host[0]))
			abort();
		fleet_msg_name_ok(z);
		break;
	}
	case 6: {
		fleet_msg_settings st;
		if (fleet_msg_settings_parse(p, n, &st, err, sizeof err) == 0) {
			if (st.volume > 100 || st.idle_minutes > 1440 || st.pause_timeout_minutes > 1440 ||
			    strlen(st.language) >= sizeof st.language)
				abort();
			char *js = fleet_msg_settings_json(&st);
			fleet_msg_settings back;
			if (!js || fleet_msg_settings_parse(js, strlen(js), &back, err, sizeof err) != 0 ||
			    memcmp(&back, &st, sizeof st) != 0)
				abort();
			free(js);
		} else if (st.volume != -1) {
			abort();
		}
		break;
	}
	}
	free(z);
	return 0;
}
