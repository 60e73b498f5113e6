/*
 * The HTTP server: libmicrohttpd with epoll and a thread pool. Each request
 * is buffered (headers, then the body up to max_body), dispatched on the last
 * call of the access handler (the response is queued then, not on the first
 * call: that pattern is several times faster in libmicrohttpd), logged as a
 * JSON line and counted in the metrics when it completes.
 *
 * Each worker thread has its own database connection, opened on first use and
 * closed when the thread ends; no other state is kept between requests.
 */
#include "util/common.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "http/http.h"
#include "http/http_int.h"
#include "store/store.h"
#include "util/alloc.h"
#include "util/json.h"

/*
 * A connection's memory beyond max_header: libmicrohttpd reads the body into
 * the same pool and builds the response's headers there. With max_header
 * alone, a small limit (1 KiB) left no room for either: POSTs with a cookie
 * were dropped without an answer.
 */
#define CONNECTION_BUFFERS (16u << 10)

static const struct http_config *config;
static FILE *access_log;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_int in_flight;
static pthread_key_t store_key;
static pthread_once_t store_key_once = PTHREAD_ONCE_INIT;

void http_config_defaults(struct http_config *c)
{
	memset(c, 0, sizeof(*c));
	c->listen = "127.0.0.1:8080";
	c->db_path = "consort.db";
	c->threads = 0;
	c->max_body = 64u << 20; /* CSV uploads */
	c->max_header = 32u << 10;
	c->request_timeout = 30;
	c->shutdown_grace = 20;
	c->access_log = "-";
	c->cache_size = 256u << 20;
	accounts_config_defaults(&c->accounts);
}

const struct http_config *http_current_config(void)
{
	return config;
}

static void close_store(void *p)
{
	store_close(p);
}

static void make_store_key(void)
{
	pthread_key_create(&store_key, close_store);
}

/* This thread's connection, opened on first use. */
static struct store *thread_store(struct strbuf *err)
{
	struct store *s;

	pthread_once(&store_key_once, make_store_key);
	s = pthread_getspecific(store_key);
	if (s)
		return s;
	if (store_open(&s, config->db_path, false, err))
		return NULL;
	pthread_setspecific(store_key, s);
	return s;
}

int64_t http_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ---- responses ---- */

static enum MHD_Result add_headers(struct MHD_Response *resp, const struct strbuf *headers)
{
	const char *p = headers->buf;

	while (*p) {
		const char *colon = strstr(p, ": "), *nl = strchr(p, '\n');
		char name[128];
		char *value;

		if (!colon || !nl || colon > nl)
			break;
		snprintf(name, sizeof(name), "%.*s", (int)(colon - p), p);
		value = xstrndup(colon + 2, (size_t)(nl - colon - 2));
		MHD_add_response_header(resp, name, value);
		free(value);
		p = nl + 1;
	}
	return MHD_YES;
}

static enum MHD_Result queue(struct MHD_Connection *c, struct http_request *r)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;
	char *body;
	size_t len;
	const char *ctype;

	if (r->json) {
		body = json_dumps(r->json, JSON_COMPACT | JSON_PRESERVE_ORDER);
		if (!body)
			body = xstrdup("{\"error\":{\"code\":\"internal\",\"message\":\"cannot "
				       "encode the response\",\"field\":null}}");
		len = strlen(body);
		ctype = "application/json";
	} else if (r->fixed) {
		body = NULL;
		len = r->fixed_len;
		ctype = r->ctype;
	} else {
		body = strbuf_detach(&r->text, &len);
		ctype = r->ctype ? r->ctype : "text/plain; charset=utf-8";
	}
	r->response_bytes = len;
	r->answered = true;
	if (body) {
		resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	} else if (r->fixed_release) {
		/* Sent without a copy; handed back once libmicrohttpd is done with it. */
		resp = MHD_create_response_from_buffer_with_free_callback_cls(
			len, (void *)r->fixed, r->fixed_release, r->fixed_ctx);
		if (resp)
			r->fixed_release = NULL;
	} else {
		resp = MHD_create_response_from_buffer(len, (void *)r->fixed,
						       MHD_RESPMEM_PERSISTENT);
	}
	if (!resp) {
		free(body);
		return MHD_NO;
	}
	if (len || r->json)
		MHD_add_response_header(resp, "Content-Type", ctype);
	MHD_add_response_header(resp, "Cache-Control",
				r->cache_control && r->status >= 200 && r->status < 300
					? r->cache_control
					: "no-store");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	add_headers(resp, &r->headers);
	ret = MHD_queue_response(c, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* ---- the access handler ---- */

static void client_address(struct MHD_Connection *c, char *out, size_t size)
{
	const union MHD_ConnectionInfo *info =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = info ? info->client_addr : NULL;

	snprintf(out, size, "unknown");
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out,
			  (socklen_t)size);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out,
			  (socklen_t)size);
}

static struct http_request *request_new(struct MHD_Connection *c, const char *url,
					const char *method)
{
	struct http_request *r = xcalloc(1, sizeof(*r));

	r->conn = c;
	r->method = xstrdup(method);
	r->path = xstrdup(url);
	r->started_ns = http_now_ns();
	strbuf_init(&r->body, 0);
	r->body.max = config->max_body;
	strbuf_init(&r->text, 0);
	strbuf_init(&r->headers, 0);
	r->status = 200;
	client_address(c, r->client_ip, sizeof(r->client_ip));
	return r;
}

static void request_free(struct http_request *r)
{
	for (int i = 0; i < r->nparams; i++) {
		free(r->param_values[i]);
		if (r->owned_names & (1u << i))
			free((char *)r->param_names[i]);
	}
	free((char *)r->method);
	free((char *)r->path);
	strbuf_release(&r->body);
	strbuf_release(&r->text);
	strbuf_release(&r->headers);
	json_decref(r->json);
	if (r->fixed_release) /* borrowed, never handed to a response */
		r->fixed_release(r->fixed_ctx);
	free(r);
}

/* Adds the size of one header (or query argument) as it was sent: "key: value\r\n". */
static enum MHD_Result add_header_size(void *cls, enum MHD_ValueKind kind, const char *key,
				       const char *value)
{
	size_t *size = cls;

	(void)kind;
	*size += strlen(key) + (value ? strlen(value) : 0) + 4;
	return MHD_YES;
}

/* The request line and headers, in bytes (as sent, give or take a few escapes). */
static size_t header_size(struct MHD_Connection *c, const char *url, const char *method,
			  const char *version)
{
	size_t size = strlen(method) + strlen(url) + strlen(version) + 4;

	MHD_get_connection_values(c, MHD_HEADER_KIND, add_header_size, &size);
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_header_size, &size);
	return size;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_size, void **con_cls)
{
	struct http_request *r = *con_cls;

	(void)cls;
	if (!r) {
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
		r = request_new(c, url, method);
		*con_cls = r;
		atomic_fetch_add(&in_flight, 1);
		/*
		 * libmicrohttpd's memory limit is larger than max_header (it also holds
		 * the body as it arrives and the response's headers): the limit on the
		 * request line and headers themselves is enforced here.
		 */
		if (header_size(c, url, method, version) > config->max_header) {
			http_fail(r, E_HEADERS_TOO_LARGE, NULL,
				  "request line and headers larger than %zu bytes",
				  config->max_header);
			return queue(c, r);
		}
		if (cl && strtoull(cl, NULL, 10) > config->max_body) {
			/*
			 * Refused now: waiting for a body that will be thrown away would
			 * make the client send it all (or, when it lied about the length,
			 * wait until the connection times out) before it learns why.
			 * libmicrohttpd then skips the body and closes the connection.
			 */
			r->too_large = true;
			http_fail(r, E_TOO_LARGE, NULL, "request body larger than %zu bytes",
				  config->max_body);
			return queue(c, r);
		}
		return MHD_YES;
	}
	if (*upload_size) {
		if (!r->too_large && strbuf_add(&r->body, upload_data, *upload_size))
			r->too_large = true;
		*upload_size = 0;
		return MHD_YES;
	}
	if (r->too_large) {
		http_fail(r, E_TOO_LARGE, NULL, "request body larger than %zu bytes",
			  config->max_body);
	} else {
		struct strbuf err = STRBUF_INIT;
		r->store = thread_store(&err);
		if (!r->store)
			http_fail(r, E_UNAVAILABLE, NULL, "database unavailable");
		else
			http_dispatch(r);
		strbuf_release(&err);
	}
	return queue(c, r);
}

/*
 * One JSON line per request, written directly (not through jansson: this runs
 * for every request). The path only: query strings and headers may carry
 * secrets. Method and path may be any bytes: made UTF-8 first.
 */
static void log_access(const struct http_request *r, double ms)
{
	struct strbuf line = STRBUF_INIT, text = STRBUF_INIT;
	time_t now;
	struct tm tm;
	char ts[32];

	if (!access_log)
		return;
	now = time(NULL);
	gmtime_r(&now, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
	strbuf_addf(&line, "{\"ts\":\"%s\",\"method\":", ts);
	strbuf_adds(&text, r->method);
	http_utf8_sanitize(&text);
	json_write_string(&line, text.buf, text.len);
	strbuf_adds(&line, ",\"path\":");
	strbuf_reset(&text);
	strbuf_adds(&text, r->path);
	http_utf8_sanitize(&text);
	json_write_string(&line, text.buf, text.len);
	strbuf_adds(&line, ",\"route\":");
	json_write_string(&line, r->route ? r->route->pattern : "-",
			  strlen(r->route ? r->route->pattern : "-"));
	strbuf_addf(&line, ",\"status\":%d,\"ms\":%.3f,\"bytes\":%zu,\"client\":", r->status, ms,
		    r->response_bytes);
	json_write_string(&line, r->client_ip, strlen(r->client_ip));
	if (r->auth.user_id) {
		strbuf_adds(&line, ",\"user\":");
		json_write_string(&line, r->auth.email, strlen(r->auth.email));
	}
	strbuf_adds(&line, "}\n");
	pthread_mutex_lock(&log_lock);
	fwrite(line.buf, 1, line.len, access_log);
	fflush(access_log);
	pthread_mutex_unlock(&log_lock);
	strbuf_release(&line);
	strbuf_release(&text);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct http_request *r = *con_cls;
	double ms;

	(void)cls;
	(void)c;
	if (!r)
		return;
	/*
	 * Ended before any answer (the client stalled or went away while sending):
	 * logged and counted as 408 or 499 (client closed), not as the 200 a
	 * request starts with.
	 */
	if (!r->answered) {
		r->status = toe == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED ? 408 : 499;
		r->response_bytes = 0;
	}
	ms = (double)(http_now_ns() - r->started_ns) / 1e6;
	http_metrics_record(r->route, r->method, r->status, ms);
	log_access(r, ms);
	request_free(r);
	*con_cls = NULL;
	atomic_fetch_sub(&in_flight, 1);
}

/* ---- start and stop ---- */

static int parse_listen(const char *listen, struct sockaddr_storage *ss, socklen_t *len,
			struct strbuf *err)
{
	char host[128];
	const char *colon = strrchr(listen, ':');
	char *end;
	long port;

	memset(ss, 0, sizeof(*ss));
	if (!colon || colon == listen || (size_t)(colon - listen) >= sizeof(host))
		goto bad;
	port = strtol(colon + 1, &end, 10);
	if (*end || end == colon + 1 || port < 1 || port > 65535)
		goto bad;
	if (listen[0] == '[' && colon[-1] == ']') {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
		snprintf(host, sizeof(host), "%.*s", (int)(colon - listen - 2), listen + 1);
		a->sin6_family = AF_INET6;
		a->sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, host, &a->sin6_addr) != 1)
			goto bad;
		*len = sizeof(*a);
	} else {
		struct sockaddr_in *a = (struct sockaddr_in *)ss;
		snprintf(host, sizeof(host), "%.*s", (int)(colon - listen), listen);
		a->sin_family = AF_INET;
		a->sin_port = htons((uint16_t)port);
		if (inet_pton(AF_INET, host, &a->sin_addr) != 1)
			goto bad;
		*len = sizeof(*a);
	}
	return 0;
bad:
	strbuf_addf(err,
		    "invalid listen address '%s': expected IPv4:PORT or [IPv6]:PORT, e.g. "
		    "127.0.0.1:8080",
		    listen);
	return -1;
}

int http_serve(const struct http_config *c, struct strbuf *err)
{
	struct sockaddr_storage ss;
	socklen_t sslen = 0;
	struct MHD_Daemon *d;
	MHD_socket listener;
	struct store *probe;
	sigset_t sigs;
	int threads = c->threads > 0 ? c->threads : (int)sysconf(_SC_NPROCESSORS_ONLN);
	int sig = 0;
	bool own_log = false;

	if (threads < 1)
		threads = 1;
	config = c;
	if (parse_listen(c->listen, &ss, &sslen, err))
		return -1;
	/* Fail now, not on the first request, when the database is missing. */
	if (store_open(&probe, c->db_path, false, err))
		return -1;
	store_close(probe);
	if (c->access_log && !strcmp(c->access_log, "-")) {
		access_log = stderr;
	} else if (c->access_log) {
		access_log = fopen(c->access_log, "a");
		if (!access_log) {
			strbuf_addf(err, "cannot open access log '%s': %s", c->access_log,
				    strerror(errno));
			return -1;
		}
		own_log = true;
	}
	http_metrics_init();
	http_cache_configure(c->cache_size);

	/* Worker threads inherit this mask: only the main thread takes the signals. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	/*
	 * No MHD_OPTION_LISTENING_ADDRESS_REUSE: set to 1 it adds SO_REUSEPORT, so a
	 * second server (another database, an old version) could bind the same port and
	 * silently take a share of the connections. libmicrohttpd's default,
	 * SO_REUSEADDR, still allows a restart while old connections are in TIME_WAIT.
	 */
	d = MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC, 0, NULL, NULL, on_request,
			     NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
			     MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT, c->max_header + CONNECTION_BUFFERS,
			     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)c->request_timeout,
			     MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_END);
	if (!d) {
		strbuf_addf(err, "cannot listen on %s: %s", c->listen,
			    errno ? strerror(errno) : "libmicrohttpd failed to start");
		if (own_log)
			fclose(access_log);
		http_cache_configure(0);
		return -1;
	}
	fprintf(stderr, "consort: listening on http://%s (%d threads, database %s)\n", c->listen,
		threads, c->db_path);

	while (sig != SIGTERM && sig != SIGINT) {
		if (sigwait(&sigs, &sig))
			break;
	}
	/* Graceful: stop accepting, let in-flight requests finish, then stop. */
	fprintf(stderr, "consort: %s received, finishing %d in-flight requests\n",
		sig == SIGTERM ? "SIGTERM" : "SIGINT", atomic_load(&in_flight));
	/*
	 * Shutting the listening socket down refuses new connections at once
	 * (left as it is, the kernel would queue them until the end). It is
	 * closed only after MHD_stop_daemon(): a worker may still hold it.
	 */
	listener = MHD_quiesce_daemon(d);
	if (listener != MHD_INVALID_SOCKET)
		shutdown(listener, SHUT_RDWR);
	for (int waited = 0; atomic_load(&in_flight) > 0 && waited < c->shutdown_grace * 100;
	     waited++)
		usleep(10000);
	MHD_stop_daemon(d);
	if (listener != MHD_INVALID_SOCKET)
		close(listener);
	fprintf(stderr, "consort: stopped\n");
	http_cache_configure(0);
	if (own_log)
		fclose(access_log);
	access_log = NULL;
	return 0;
}
