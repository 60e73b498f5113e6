/*
 * consort serve: the HTTP server. Configuration comes from, in order of
 * precedence, command-line flags, CONSORT_* environment variables, a config
 * file (--config FILE or CONSORT_CONFIG: "name = value" lines, # comments),
 * and the defaults. docs/configuration.md lists every setting.
 */
#include "util/common.h"

#include <sodium.h>

#include "cli/cli.h"
#include "core/accounts.h"
#include "core/terms.h"
#include "http/http.h"
#include "store/store.h"
#include "util/alloc.h"
#include "util/file.h"
#include "util/strbuf.h"

enum setting_type {
	T_STR,
	T_INT,
	T_SIZE,
	T_BOOL
};

struct setting {
	const char *name; /* flag --name, file key name */
	const char *env;
	enum setting_type type;
	size_t offset;
	long min, max;
};

#define OFF(f) offsetof(struct http_config, f)
static const struct setting settings[] = {
	{"listen", "CONSORT_LISTEN", T_STR, OFF(listen), 0, 0},
	{"threads", "CONSORT_THREADS", T_INT, OFF(threads), 0, 256},
	{"max-body", "CONSORT_MAX_BODY", T_SIZE, OFF(max_body), 1024, 1L << 30},
	{"max-header", "CONSORT_MAX_HEADER", T_SIZE, OFF(max_header), 1024, 1L << 20},
	{"request-timeout", "CONSORT_REQUEST_TIMEOUT", T_INT, OFF(request_timeout), 1, 3600},
	{"shutdown-grace", "CONSORT_SHUTDOWN_GRACE", T_INT, OFF(shutdown_grace), 0, 3600},
	{"secure-cookies", "CONSORT_SECURE_COOKIES", T_BOOL, OFF(secure_cookies), 0, 1},
	{"access-log", "CONSORT_ACCESS_LOG", T_STR, OFF(access_log), 0, 0},
	{"cache-size", "CONSORT_CACHE_SIZE", T_SIZE, OFF(cache_size), 0, 1L << 40},
	{"session-idle-seconds", "CONSORT_SESSION_IDLE_SECONDS", T_INT,
	 OFF(accounts.session_idle_seconds), 1, 31536000},
	{"session-max-age-seconds", "CONSORT_SESSION_MAX_AGE_SECONDS", T_INT,
	 OFF(accounts.session_max_age_seconds), 1, 31536000},
	{"invitation-hours", "CONSORT_INVITATION_HOURS", T_INT, OFF(accounts.invitation_hours), 1,
	 10000},
	{"login-free-failures", "CONSORT_LOGIN_FREE_FAILURES", T_INT,
	 OFF(accounts.throttle_free_failures), 0, 1000},
	{"login-max-delay", "CONSORT_LOGIN_MAX_DELAY", T_INT, OFF(accounts.throttle_max_delay), 1,
	 86400},
	{"tos-file", "CONSORT_TOS_FILE", T_STR, OFF(tos_file), 0, 0},
};

/*
 * String settings are copies (a file's text is released after reading), one
 * per setting: a later source replaces and frees an earlier one, and
 * cmd_serve frees them all when the server returns.
 */
static char *owned_strings[ARRAY_SIZE(settings)];

/*
 * A size's unit after its number: K, M or G (KiB, MiB, GiB; either case),
 * consumed from *end. Too large a product sets errno.
 */
static long scale(long v, char **end)
{
	static const char units[] = "kmg";
	const char *u = **end ? strchr(units, tolower((unsigned char)**end)) : NULL;
	int shift;

	if (!u)
		return v;
	shift = 10 * (int)(u - units + 1);
	(*end)++;
	if (v > LONG_MAX >> shift) {
		errno = ERANGE;
		return v;
	}
	return v << shift;
}

static int apply(struct http_config *c, const struct setting *s, const char *value,
		 const char *where, struct strbuf *err)
{
	char *p = (char *)c + s->offset, *end;
	long v;

	if (s->type == T_STR) {
		char **owned = &owned_strings[s - settings];
		free(*owned);
		*owned = xstrdup(value);
		*(const char **)p = *owned;
		return 0;
	}
	if (s->type == T_BOOL) {
		if (!strcmp(value, "true") || !strcmp(value, "1") || !strcmp(value, "yes"))
			*(bool *)p = true;
		else if (!strcmp(value, "false") || !strcmp(value, "0") || !strcmp(value, "no"))
			*(bool *)p = false;
		else
			goto bad;
		return 0;
	}
	errno = 0;
	v = strtol(value, &end, 10);
	if (s->type == T_SIZE && end != value && !errno && v >= 0)
		v = scale(v, &end);
	if (errno || *end || end == value || v < s->min || v > s->max)
		goto bad;
	if (s->type == T_INT)
		*(int *)p = (int)v;
	else
		*(size_t *)p = (size_t)v;
	return 0;
bad:
	strbuf_addf(err, "%s: invalid %s '%s'", where, s->name, value);
	if (s->type == T_BOOL)
		strbuf_adds(err, ": expected true or false");
	else if (s->type == T_SIZE)
		strbuf_addf(err,
			    ": expected a size from %ld to %ld bytes (K, M or G: KiB, MiB, GiB)",
			    s->min, s->max);
	else if (s->type != T_STR)
		strbuf_addf(err, ": expected a whole number from %ld to %ld", s->min, s->max);
	return -1;
}

static const struct setting *find_setting(const char *name, size_t len)
{
	for (size_t i = 0; i < ARRAY_SIZE(settings); i++) {
		if (strlen(settings[i].name) == len && !memcmp(settings[i].name, name, len))
			return &settings[i];
	}
	return NULL;
}

static int load_file(struct http_config *c, const char *path, struct strbuf *err)
{
	struct strbuf text = STRBUF_INIT, where = STRBUF_INIT;
	char *line, *save = NULL;
	unsigned n = 0;
	int rc = 0;

	if (file_read_all(path, &text, err))
		return -1;
	for (line = strtok_r(text.buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *eq, *k, *v, *e;
		const struct setting *s;
		n++;
		while (*line == ' ' || *line == '\t')
			line++;
		if (!*line || *line == '#' || *line == '\r')
			continue;
		eq = strchr(line, '=');
		strbuf_reset(&where);
		strbuf_addf(&where, "%s:%u", path, n);
		if (!eq) {
			strbuf_addf(err, "%s: expected 'name = value'\n", where.buf);
			rc = -1;
			continue;
		}
		for (k = line, e = eq; e > k && (e[-1] == ' ' || e[-1] == '\t'); e--)
			;
		*e = '\0';
		for (v = eq + 1; *v == ' ' || *v == '\t'; v++)
			;
		for (e = v + strlen(v); e > v && strchr(" \t\r", e[-1]); e--)
			;
		*e = '\0';
		s = find_setting(k, strlen(k));
		if (!s) {
			strbuf_addf(err, "%s: unknown setting '%s'\n", where.buf, k);
			rc = -1;
		} else if (apply(c, s, v, where.buf, err)) {
			strbuf_addch(err, '\n');
			rc = -1;
		}
	}
	strbuf_release(&text);
	strbuf_release(&where);
	return rc;
}

/* A first run has no admin: create one with a random password, shown once. */
static int bootstrap_admin(const char *db, struct strbuf *err)
{
	struct store *s;
	bool have;
	int rc = -1;

	if (store_open(&s, db, false, err))
		return -1;
	if (users_have_admin(s, &have, err) == 0) {
		rc = 0;
		if (!have) {
			const char *email = getenv("CONSORT_BOOTSTRAP_ADMIN");
			unsigned char raw[12];
			char password[25];
			int64_t id;
			if (!email || !*email)
				email = "admin@consort.local";
			randombytes_buf(raw, sizeof(raw));
			sodium_bin2hex(password, sizeof(password), raw, sizeof(raw));
			rc = user_add(s, email, "admin", NULL, password, "bootstrap", &id, NULL,
				      err);
			if (!rc)
				fprintf(stderr,
					"consort: first run: created admin '%s' with password %s "
					"(shown once: change it)\n",
					email, password);
		}
	}
	store_close(s);
	return rc;
}

int cmd_serve(const struct cli *c, int argc, char **argv)
{
	struct strbuf err = STRBUF_INIT, flags = STRBUF_INIT, why = STRBUF_INIT;
	struct http_config cfg;
	struct terms tos = {0};
	struct args a;
	const char *file;
	int rc = 1;

	http_config_defaults(&cfg);
	cfg.db_path = c->db_path;
	for (size_t i = 0; i < ARRAY_SIZE(settings); i++)
		strbuf_addf(&flags, "%s ", settings[i].name);
	strbuf_adds(&flags, "config");
	if (args_parse(&a, c, argc, argv, flags.buf, "")) {
		strbuf_release(&flags);
		return EXIT_USAGE;
	}
	strbuf_release(&flags);
	if (a.npos)
		return cli_usage(c, "unexpected argument '%s'", a.pos[0]);

	file = args_get(&a, "config");
	if (!file)
		file = getenv("CONSORT_CONFIG");
	if (file && load_file(&cfg, file, &err))
		goto out;
	for (size_t i = 0; i < ARRAY_SIZE(settings); i++) {
		const char *v = getenv(settings[i].env);
		if (v && *v && apply(&cfg, &settings[i], v, settings[i].env, &err))
			goto out;
	}
	for (size_t i = 0; i < ARRAY_SIZE(settings); i++) {
		const char *v = args_get(&a, settings[i].name);
		char where[64];
		snprintf(where, sizeof(where), "--%s", settings[i].name);
		if (v && apply(&cfg, &settings[i], v, where, &err))
			goto out;
	}
	/* The Terms of Service partners accept: read once, so a bad file stops the start. */
	if (terms_load(cfg.tos_file && *cfg.tos_file ? cfg.tos_file : NULL, &tos, &why)) {
		strbuf_addf(&err, "tos-file: %s", why.buf);
		goto out;
	}
	cfg.tos = &tos;
	if (bootstrap_admin(cfg.db_path, &err))
		goto out;
	rc = http_serve(&cfg, &err) ? 1 : 0;
out:
	terms_release(&tos);
	strbuf_release(&why);
	for (size_t i = 0; i < ARRAY_SIZE(owned_strings); i++) {
		free(owned_strings[i]);
		owned_strings[i] = NULL;
	}
	if (rc)
		cli_error(err.buf);
	strbuf_release(&err);
	return rc;
}
